"""Personal access tokens for the API and assistants (`rapport token create|list|revoke`).

A token is `rpt_<owner>_<43 random characters>`: it names its owner (so that it is looked up where the owner's data
is) and carries 256 random bits. It is shown once; the store keeps only its SHA-256, which is enough for a secret
that long (a password needs argon2 because people choose guessable ones; nobody chooses a token). A read-only token
reads and never writes; a revoked one, or one of a disabled account, stops working at its next request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from rapport.errors import NotFound
from rapport.services import inputs
from rapport.store import tokens as store

PREFIX = "rpt_"
SHAPE = re.compile(r"rpt_(\d{1,12})_([A-Za-z0-9_-]{43})")
#: How often the last use of a token is written: a busy client does not turn every read into a write.
LAST_USE_STEP = timedelta(minutes=5)


@dataclass(frozen=True)
class Token:
    id: int
    label: str
    shown: str
    read_only: bool
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "starts_with": self.shown,
            "read_only": self.read_only,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


@dataclass(frozen=True)
class Bearer:
    """Who a request's token speaks for."""

    owner_id: int
    read_only: bool
    token_id: int


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(conn: Connection, owner_id: int, label: str, read_only: bool, now: datetime) -> tuple[Token, str]:
    """A new token for `owner_id`: its record and the token itself (shown once, never stored)."""
    label = inputs.text(label, "--label", limit=100)
    secret = f"{PREFIX}{owner_id}_{secrets.token_urlsafe(32)}"
    shown = secret[: len(PREFIX) + len(str(owner_id)) + 5]
    token_id = store.add(conn, owner_id, label, _hash(secret), shown, read_only, now)
    return next(t for t in of(conn, owner_id) if t.id == token_id), secret


def of(conn: Connection, owner_id: int) -> list[Token]:
    return [
        Token(r.id, r.label, r.shown, bool(r.read_only), r.created_at, r.last_used_at, r.revoked_at)
        for r in store.of(conn, owner_id)
    ]


def revoke(conn: Connection, owner_id: int, token_id: int, now: datetime) -> None:
    if not store.revoke(conn, owner_id, token_id, now):
        raise NotFound("tokens.unknown", id=token_id)


def bearer(conn: Connection, token: str, now: datetime) -> Bearer | None:
    """Who `token` speaks for, when it is one of ours, not revoked, and its owner may use rapport; None otherwise."""
    shape = SHAPE.fullmatch(token.strip())
    if shape is None:
        return None
    row = store.usable(conn, int(shape.group(1)), _hash(token.strip()))
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USE_STEP:
        store.used(conn, row.id, now)
    return Bearer(int(row.owner_id), bool(row.read_only), int(row.id))
