"""Accounts on a shared server (`rapport serve --multi-user`): add, list, disable, enable and delete users, check a
password, and each user's own settings.

Passwords are kept only as argon2 hashes (argon2-cffi, its recommended parameters); a hash made with older
parameters is replaced at the next login. The local owner of a one-person store has no password and is no account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection

from rapport.config import LOCAL_OWNER, PERSONAL, Settings, for_person
from rapport.domain.model import DEFAULT_CIRCLES
from rapport.errors import InputError, NotFound, Refused
from rapport.services import inputs
from rapport.store import accounts as store
from rapport.store import contacts as contacts_store

#: An account's name: what its owner types to log in (lower case; letters, digits, dot, dash, underscore).
ACCOUNT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
#: The shortest password accepted: long enough that guessing it online, ten tries at a time, is hopeless.
SHORTEST_PASSWORD = 12
LONGEST_PASSWORD = 1024


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    email: str
    created_at: datetime
    disabled_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "created_at": self.created_at.isoformat(),
            "disabled_at": self.disabled_at.isoformat() if self.disabled_at else None,
        }


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _decoy() -> str:
    """A hash to check a password against when the account does not exist, so that it takes as long."""
    return str(_hasher().hash("not a password of anyone"))


def account_name(text: str) -> str:
    name = text.strip().lower()
    if not ACCOUNT_NAME.fullmatch(name) or name == LOCAL_OWNER:
        raise InputError("accounts.bad_name", value=text[:60])
    return name


def password(text: str) -> str:
    if len(text) < SHORTEST_PASSWORD:
        raise InputError("accounts.short_password", least=SHORTEST_PASSWORD)
    if len(text) > LONGEST_PASSWORD or any(ch in text for ch in "\r\n\x00"):
        raise InputError("accounts.bad_password", most=LONGEST_PASSWORD)
    return text


def add(conn: Connection, name: str, email: str, secret: str, now: datetime) -> Account:
    """A new account with its default circles; its name and e-mail address must be free."""
    name, email, secret = account_name(name), inputs.email(email), password(secret)
    if store.find(conn, name) is not None:
        raise Refused("accounts.name_taken", name=name)
    if store.email_taken(conn, email):
        raise Refused("accounts.email_taken", email=email)
    user_id = store.add(conn, name, email, str(_hasher().hash(secret)), now)
    for circle in DEFAULT_CIRCLES:
        contacts_store.save_circle(conn, user_id, circle)
    return account(conn, name)


def accounts(conn: Connection) -> list[Account]:
    return [Account(r.id, r.name, r.email, r.created_at, r.disabled_at) for r in store.accounts(conn)]


def account(conn: Connection, name: str) -> Account:
    found = next((a for a in accounts(conn) if a.name == name.strip().lower()), None)
    if found is None:
        raise NotFound("accounts.unknown", name=name[:60])
    return found


def disable(conn: Connection, name: str, now: datetime) -> Account:
    """The account can no longer log in, and its sessions and tokens stop working at their next request."""
    store.set_disabled(conn, account(conn, name).id, now)
    return account(conn, name)


def enable(conn: Connection, name: str) -> Account:
    store.set_disabled(conn, account(conn, name).id, None)
    return account(conn, name)


def delete(conn: Connection, name: str) -> Account:
    """The account and everything it owns: contacts, history, notes, settings, tokens."""
    gone = account(conn, name)
    store.remove(conn, gone.id)
    return gone


def change_password(conn: Connection, name: str, secret: str) -> None:
    store.set_password_hash(conn, account(conn, name).id, str(_hasher().hash(password(secret))))


def authenticate(conn: Connection, login: str, secret: str) -> int | None:
    """The id of the active account that `login` (its name or e-mail address) and `secret` open; None otherwise.
    An unknown login costs as much time as a wrong password."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = store.find(conn, login.strip().lower()) if len(login) <= 400 else None
    hashed = row.password_hash if row is not None and row.password_hash else _decoy()
    try:
        _hasher().verify(hashed, secret[:LONGEST_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.password_hash or row.disabled_at is not None:
        return None
    if _hasher().check_needs_rehash(hashed):
        store.set_password_hash(conn, row.id, str(_hasher().hash(secret)))
    return int(row.id)


def active(conn: Connection, user_id: int) -> str | None:
    """The name of the account `user_id` when it exists, can log in and is not disabled; None otherwise."""
    return store.active(conn, user_id)


def settings(conn: Connection, user_id: int, server: Settings) -> Settings:
    """The server's settings with this user's own in their place."""
    return for_person(server, store.settings(conn, user_id))


def save_setting(conn: Connection, user_id: int, key: str, value: str | None) -> None:
    """Set (or, with None, drop) one of this user's own settings, checked as `rapport config set` checks it."""
    if key not in PERSONAL:
        raise InputError("config.unknown_key", key=key[:60])
    if value is not None:
        for_person(Settings(), {key: value})
    store.save_setting(conn, user_id, key, value)
