"""Personal access tokens: only their SHA-256 is kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from rapport.store.schema import api_tokens, users


def add(
    conn: Connection, owner_id: int, label: str, token_hash: str, shown: str, read_only: bool, now: datetime
) -> int:
    values = {
        "owner_id": owner_id,
        "label": label,
        "token_hash": token_hash,
        "shown": shown,
        "read_only": read_only,
        "created_at": now,
    }
    return int(conn.execute(insert(api_tokens).values(values).returning(api_tokens.c.id)).scalar_one())


def of(conn: Connection, owner_id: int) -> list[Any]:
    return list(conn.execute(select(api_tokens).where(api_tokens.c.owner_id == owner_id).order_by(api_tokens.c.id)))


def revoke(conn: Connection, owner_id: int, token_id: int, now: datetime) -> bool:
    """Revoke one of the owner's tokens; False when the owner has no such token (or it was revoked before)."""
    query = update(api_tokens).where(
        api_tokens.c.owner_id == owner_id, api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None)
    )
    return conn.execute(query.values(revoked_at=now)).rowcount == 1


def usable(conn: Connection, owner_id: int, token_hash: str) -> Any | None:
    """The token row when it is not revoked and its owner may use rapport (the local owner, or an active account)."""
    query = (
        select(api_tokens.c.id, api_tokens.c.owner_id, api_tokens.c.read_only, api_tokens.c.last_used_at)
        .join(users, users.c.id == api_tokens.c.owner_id)
        .where(
            api_tokens.c.owner_id == owner_id,
            api_tokens.c.token_hash == token_hash,
            api_tokens.c.revoked_at.is_(None),
            users.c.disabled_at.is_(None),
        )
    )
    return conn.execute(query).first()


def used(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))
