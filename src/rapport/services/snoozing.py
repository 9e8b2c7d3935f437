""" "Not now" on an agenda action: that action for that contact stays off the agenda (web page and `rapport today`)
for a few days; the agenda (services.agenda) leaves it out until then."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert

from rapport.domain.model import ActionKind
from rapport.errors import InputError, NotFound
from rapport.services.context import Context
from rapport.store import contacts as store
from rapport.store.schema import snoozes

DAYS = (3, 7, 14)  # the choices offered


def snooze(ctx: Context, conn: Connection, contact_id: int, kind: str, days: int) -> datetime:
    """Put off the action `kind` for contact `contact_id` by `days` days; returns until when."""
    if days not in DAYS:
        raise InputError("snooze.days", value=str(days)[:10])
    try:
        action = ActionKind(kind)
    except ValueError:
        raise InputError("web.bad_action") from None
    if store.contact_row(conn, ctx.owner_id, contact_id) is None:
        raise NotFound("contact.not_found", name=f"#{contact_id}")
    until = ctx.now + timedelta(days=days)
    conn.execute(delete(snoozes).where(snoozes.c.contact_id == contact_id, snoozes.c.kind == action.value))
    conn.execute(insert(snoozes).values(owner_id=ctx.owner_id, contact_id=contact_id, kind=action.value, until=until))
    return until
