"""Accounts on a shared server: the users rows with a password, and each user's own settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from rapport.store.schema import user_settings, users


def find(conn: Connection, login: str) -> Any | None:
    """The account whose name is `login`, or else the one account whose e-mail address it is (case aside); None
    when there is none."""
    columns = (users.c.id, users.c.name, users.c.email, users.c.password_hash, users.c.disabled_at)
    row = conn.execute(select(*columns).where(users.c.name == login)).first()
    if row is None and "@" in login:
        query = select(*columns).where(func.lower(users.c.email) == login.lower(), users.c.password_hash.is_not(None))
        rows = conn.execute(query.limit(2)).all()
        row = rows[0] if len(rows) == 1 else None  # an address two accounts give opens neither: use the name
    return row


def email_taken(conn: Connection, email: str) -> bool:
    return conn.execute(select(users.c.id).where(func.lower(users.c.email) == email.lower())).first() is not None


def add(conn: Connection, name: str, email: str, password_hash: str, now: datetime) -> int:
    values = {"name": name, "email": email, "password_hash": password_hash, "created_at": now}
    return int(conn.execute(insert(users).values(values).returning(users.c.id)).scalar_one())


def accounts(conn: Connection) -> list[Any]:
    """Every account that can log in (those with a password), by name."""
    columns = (users.c.id, users.c.name, users.c.email, users.c.created_at, users.c.disabled_at)
    return list(conn.execute(select(*columns).where(users.c.password_hash.is_not(None)).order_by(users.c.name)))


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def set_disabled(conn: Connection, user_id: int, when: datetime | None) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(disabled_at=when))


def remove(conn: Connection, user_id: int) -> None:
    """The account and everything it owns: every table's owner key cascades from the users row."""
    conn.execute(delete(users).where(users.c.id == user_id))


def active(conn: Connection, user_id: int) -> str | None:
    """The account's name when it exists, can log in and is not disabled; None otherwise."""
    query = select(users.c.name).where(
        users.c.id == user_id, users.c.password_hash.is_not(None), users.c.disabled_at.is_(None)
    )
    found = conn.execute(query).scalar()
    return None if found is None else str(found)


def settings(conn: Connection, user_id: int) -> dict[str, str]:
    rows = conn.execute(select(user_settings.c.key, user_settings.c.value).where(user_settings.c.owner_id == user_id))
    return {row.key: row.value for row in rows}


def save_setting(conn: Connection, user_id: int, key: str, value: str | None) -> None:
    conn.execute(delete(user_settings).where(user_settings.c.owner_id == user_id, user_settings.c.key == key))
    if value is not None:
        conn.execute(insert(user_settings).values(owner_id=user_id, key=key, value=value))
