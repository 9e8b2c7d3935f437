"""What each assistant tool does: one service call in one unit of work, answered as JSON-ready data.

The same services as the command line, with the same checks: a tool refuses what the command would refuse, with
the same error code. Each function takes the context, the open connection and the translator (for texts such as
the agenda's reasons), then the tool's own arguments.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rapport.domain.dates import local_day

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from rapport.i18n import Translator
    from rapport.services.context import Context

# The tools that change the store: refused by a read-only server.
WRITING = frozenset({"log", "note", "favour"})


def plain(value: Any) -> Any:
    """`value` with dates and times as ISO 8601 text and tuples as lists: what JSON can carry."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "iso"):  # a yearly date (a birthday without a year)
        return value.iso()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def today(ctx: Context, conn: Connection, t: Translator, limit: int | None = None) -> dict[str, Any]:
    from rapport.services import agenda

    actions = agenda.today(ctx, conn, limit=limit)
    return {"date": local_day(ctx.now, ctx.zone).isoformat(), "actions": agenda.as_json(actions, ctx.now, t)}


def find(ctx: Context, conn: Connection, t: Translator, text: str = "", circle: str | None = None) -> dict[str, Any]:
    from rapport.services import search

    return {"contacts": search.search(ctx, conn, text, circle)}


def show(ctx: Context, conn: Connection, t: Translator, name: str) -> dict[str, Any]:
    from rapport.services import people

    return {"contact": people.profile(ctx, conn, name)}


def log(
    ctx: Context,
    conn: Connection,
    t: Translator,
    names: list[str],
    via: str,
    when: str | None = None,
    summary: str | None = None,
    by_them: bool = False,
) -> dict[str, Any]:
    from rapport.services import journal

    done = journal.log(ctx, conn, names, via=via, when=when, summary=summary, by_them=by_them)
    item = done.interaction
    return {
        "logged": {
            "channel": item.channel.value,
            "occurred_at": item.occurred_at,
            "by": item.initiator.value,
            "summary": item.summary,
        },
        "contacts": [{"id": p.id, "name": p.name} for p in done.people],
        "follow_up_done": [{"id": p.id, "name": p.name} for p in done.closed_windows],
    }


def note(
    ctx: Context, conn: Connection, t: Translator, name: str, text: str, when: str | None = None
) -> dict[str, Any]:
    from rapport.services import journal

    person = journal.note(ctx, conn, name, text, when=when)
    return {"noted": {"id": person.id, "name": person.name}}


def favour(
    ctx: Context,
    conn: Connection,
    t: Translator,
    name: str,
    direction: str,
    kind: str = "other",
    note: str | None = None,
    when: str | None = None,
) -> dict[str, Any]:
    from rapport.domain.model import Direction
    from rapport.services import journal

    entry = journal.favour(ctx, conn, name, Direction(direction), kind, note, when)
    warning = (
        t("warn.give_first", name=entry.person.name, given=entry.given_before, received=entry.received_before)
        if entry.take_before_give
        else None
    )
    return {
        "recorded": {"id": entry.person.id, "name": entry.person.name, "direction": direction, "kind": entry.kind},
        "balance": entry.balance,
        "warning": warning,
    }


def draft(
    ctx: Context,
    conn: Connection,
    t: Translator,
    name: str,
    kind: str | None = None,
    via: str = "email",
    lang: str | None = None,
    did: str | None = None,
    limit: int = 300,
) -> dict[str, Any]:
    from rapport.services import drafting

    written = drafting.draft(ctx, conn, name, kind=kind, via=via, lang=lang, did=did, limit=limit)
    return dict(written.as_json())


def check(
    ctx: Context,
    conn: Connection,
    t: Translator,
    text: str,
    contact: str | None = None,
    channel: str = "email",
    limit: int | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    from rapport.cli.messages import CHECK_CHANNELS
    from rapport.services import checking

    message = checking.message_text(text.encode("utf-8"), "text")
    typed = channel.strip().lower()
    result = checking.check_message(
        ctx if contact else None,
        conn if contact else None,
        message,
        contact,
        t.lang,
        CHECK_CHANNELS.get(typed, typed),
        limit,
        kind,
    )
    return dict(result.as_json())


def share(
    ctx: Context, conn: Connection, t: Translator, text: str, title: str = "", top: int = 5, ranker: str = "lexical"
) -> dict[str, Any]:
    from rapport.services import articles
    from rapport.services import share as service

    service.check_options(top, ranker)
    data = (f"{title.strip()}\n\n{text}" if title.strip() else text).encode("utf-8")
    if len(data) > articles.MAX_BYTES:
        from rapport.errors import InputError

        raise InputError("input.too_long", field="text", limit=articles.MAX_BYTES)
    return service.rank(ctx, conn, articles.extract(data, "text"), top, ranker).as_json()
