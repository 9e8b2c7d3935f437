"""Networking time: the owner's weekly blocks (add, list, remove) and the week plan that fills them.

The plan's actions come from the agenda service (every action of the day, ranked as `rapport today` ranks them, not
cut to the daily budget); the domain (rapport.domain.networking_time) decides which goes where.
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import Connection, delete, insert, select

from rapport.domain import networking_time as rules
from rapport.domain.dates import instant, local_day
from rapport.domain.meetings import DURATION
from rapport.domain.model import ActionKind
from rapport.domain.networking_time import Block, BlockKind, BlockProblem, Span, WeekPlan
from rapport.errors import InputError, NotFound, Refused
from rapport.i18n import term_words
from rapport.store.schema import networking_blocks as blocks_table

if TYPE_CHECKING:
    from rapport.services.context import Context

# what meeting someone in the week does anyway: no need to also write, call or have coffee with them
_MET_ANYWAY = frozenset({ActionKind.KEEP_IN_TOUCH, ActionKind.MEET, ActionKind.RECONNECT})
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "networking-time.rapport.invalid")


def kind_of(text: str) -> BlockKind:
    """The kind a typed word means, in either language ("Mittagessen" and "lunch" are lunch)."""
    try:
        return rules.block_kind(text, term_words("block"))
    except BlockProblem as problem:
        raise InputError(problem.code, **problem.facts) from None


def span_of(text: str) -> Span:
    try:
        return rules.parse_span(text)
    except BlockProblem as problem:
        raise InputError(problem.code, **problem.facts) from None


def blocks(ctx: Context, conn: Connection) -> list[Block]:
    """The owner's blocks, by weekday and start."""
    c = blocks_table.c
    rows = conn.execute(
        select(c.id, c.weekday, c.start_time, c.end_time, c.kind)
        .where(c.owner_id == ctx.owner_id)
        .order_by(c.weekday, c.start_time, c.id)
    )
    return [
        Block(
            int(r.id),
            Span(int(r.weekday), time.fromisoformat(r.start_time), time.fromisoformat(r.end_time)),
            BlockKind(r.kind),
        )
        for r in rows
    ]


def add(ctx: Context, conn: Connection, text: str, kind: str = BlockKind.DESK.value) -> Block:
    """A new weekly block; refused when it overlaps one already there (which is named)."""
    span = span_of(text)
    chosen = kind_of(kind)
    other = rules.overlapping(span, blocks(ctx, conn))
    if other is not None:
        raise Refused(
            "time.overlap",
            weekday=other.span.weekday,
            start=rules.clock(other.span.start),
            end=rules.clock(other.span.end),
            kind=other.kind.value,
            id=other.id,
        )
    new_id = conn.execute(
        insert(blocks_table)
        .values(
            owner_id=ctx.owner_id,
            weekday=span.weekday,
            start_time=rules.clock(span.start),
            end_time=rules.clock(span.end),
            kind=chosen.value,
            created_at=ctx.now,
        )
        .returning(blocks_table.c.id)
    ).scalar_one()
    return Block(int(new_id), span, chosen)


def remove(ctx: Context, conn: Connection, ref: str) -> Block:
    """Remove a block by its number ("3" or "#3")."""
    raw = ref.strip().removeprefix("#")
    if not raw.isdigit() or len(raw) > 9:
        raise InputError("time.bad_id", value=ref.strip())
    wanted = int(raw)
    found = next((b for b in blocks(ctx, conn) if b.id == wanted), None)
    if found is None:
        raise NotFound("time.not_found", id=wanted)
    conn.execute(delete(blocks_table).where(blocks_table.c.owner_id == ctx.owner_id, blocks_table.c.id == wanted))
    return found


def first_day(ctx: Context, text: str | None) -> date:
    """The first day of the week plan: today, or the date given (today or later)."""
    from rapport.services import inputs

    today = local_day(ctx.now, ctx.zone)
    if text is None:
        return today
    day = local_day(inputs.parse_moment(text, ctx.zone, field="--from", now=ctx.now), ctx.zone)
    if day < today:
        raise InputError("time.from_past", value=text.strip())
    return day


def week(ctx: Context, conn: Connection, start: date | None = None, required: bool = True) -> WeekPlan:
    """The plan of the seven days from `start` (default: today). Refused without blocks when `required`."""
    from rapport.services import agenda, meetings

    found = blocks(ctx, conn)
    if not found and required:
        raise Refused("time.no_blocks")
    day = start or local_day(ctx.now, ctx.zone)
    # a planned meeting has its own time already: it is an appointment, not something to fit into a block; the
    # blocks it overlaps are taken, and meeting its people in the week does what a check-in or a coffee would
    end = rules.wall_clock(day + timedelta(days=rules.WEEK_DAYS), 0, ctx.zone)
    ahead = [m for m in meetings.planned(ctx, conn) if instant(ctx.now) <= instant(m.starts_at) < instant(end)]
    met = {i for m in ahead for i in m.contact_ids}
    actions = [
        action
        for action in (agenda.today(ctx, conn, limit=agenda.MAX_LIMIT) if found else [])
        if action.kind is not ActionKind.PLANNED and not (action.kind in _MET_ANYWAY and action.contact_id in met)
    ]
    busy = [rules.Busy(m.starts_at, m.starts_at + DURATION, m.topic, tuple(m.names)) for m in ahead]
    return rules.plan_week(found, actions, day, ctx.now, ctx.zone, busy=busy)


def slot_uid(owner_key: str, slot: rules.Slot) -> str:
    """The stable UID of one occurrence of a block: the same block on the same day, the same UID."""
    name = "\x1f".join((owner_key, str(slot.block.id), slot.day.isoformat()))
    return f"networking-time-{uuid.uuid5(_NAMESPACE, name)}@rapport"


def slot_uids(ctx: Context, conn: Connection, plan: WeekPlan) -> list[tuple[str, rules.Slot]]:
    from rapport.services.exporting import owner_key

    key = owner_key(conn, ctx.owner_id)
    return [(slot_uid(key, slot), slot) for slot in plan.slots]


def export_week(ctx: Context, conn: Connection, plan: WeekPlan, out: TextIO, lang: str | None = None) -> int:
    """Write the week plan's blocks as iCalendar events (as `rapport export ics` does); returns how many."""
    from rapport.i18n import Translator
    from rapport.interop import ical

    writer = ical.CalendarWriter(out, Translator(lang or ctx.settings.language(), ctx.zone), ctx.now)
    writer.networking_time(slot_uids(ctx, conn, plan))
    return writer.close()
