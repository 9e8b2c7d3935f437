"""`rapport check`: how personal is a message, with hints from what is stored about the person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from rapport.domain.dates import local_day
from rapport.errors import InputError
from rapport.messages import CheckResult, Facts, check
from rapport.messages.check import KINDS, kind_of
from rapport.services.context import Context
from rapport.services.people import resolve
from rapport.store import contacts as store

MAX_MESSAGE = 100_000


def facts_for(ctx: Context, conn: Connection, typed: str) -> Facts:
    """What the check may use of a contact: name, where and when we met, topics, what they look for."""
    person = resolve(ctx, conn, typed)
    row = store.contact_row(conn, ctx.owner_id, person.id)
    assert row is not None
    details = store.details_of(conn, person.id)
    return Facts(
        first_name=row.given_name or None,
        family_name=row.family_name or None,
        met_on=local_day(row.first_met_at, ctx.zone) if row.first_met_at else None,
        place=row.first_met_place or row.how_met or None,
        topics=details["interests"],
        interests=details["interests"],
        looking_for=row.looking_for or None,
    )


def message_text(data: bytes, source: str) -> str:
    """The message in a file: UTF-8 text; an empty or binary file is refused."""
    if b"\x00" in data[:4096]:
        raise InputError("check.binary", file=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise InputError("check.empty", file=source)
    if len(text) > MAX_MESSAGE:
        raise InputError("check.too_long", file=source, limit=MAX_MESSAGE)
    return text


def check_message(
    ctx: Context | None,
    conn: Connection | None,
    text: str,
    contact: str | None,
    lang: str | None,
    channel: str,
    limit: int | None,
    kind: str | None = None,
) -> CheckResult:
    try:
        kind = kind_of(kind)
    except ValueError:
        raise InputError("check.kind", value=kind, choices=list(KINDS)) from None
    facts = facts_for(ctx, conn, contact) if contact and ctx is not None and conn is not None else None
    return check(text, lang=lang, facts=facts, channel=channel, limit=limit, kind=kind)


def as_json(result: CheckResult) -> dict[str, Any]:
    return result.as_json()
