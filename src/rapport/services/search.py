"""Search as you type: contacts whose name, organisation, tag or notes hold what was typed, in a circle or all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from rapport.domain.text import fold
from rapport.services import people
from rapport.services.context import Context
from rapport.store import search as store

MAX_QUERY = 200


def search(
    ctx: Context,
    conn: Connection,
    query: str = "",
    circle: str | None = None,
    tag: str | None = None,
    rusting: bool = False,
    never_met: bool = False,
) -> list[dict[str, Any]]:
    """The contacts `people.listing` shows (same columns, same order, same filters: circle, tag, rusting, never met
    in person), narrowed to those matching `query`."""
    typed = query.strip()[:MAX_QUERY]
    found = store.matching_ids(conn, ctx.owner_id, fold(typed), typed.lower()) if typed else None
    return people.listing(
        ctx, conn, circle=circle or None, tag=tag or None, only_rusting=rusting, never_met=never_met, among=found
    )
