"""Networking time: `rapport time add|list|remove` (weekly blocks) and `rapport week` (the blocks filled)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

if TYPE_CHECKING:
    from datetime import datetime

    from rapport.domain.model import Action
    from rapport.domain.networking_time import Block, Planned, WeekPlan
    from rapport.i18n import Translator

commands = typer.Typer()
time_app = typer.Typer(help="help.cmd.time", no_args_is_help=True)


def weekday_name(t: Translator, weekday: int, width: Literal["abbreviated", "wide"] = "abbreviated") -> str:
    """An ISO weekday (1 Monday) as the user's language writes it (Babel): "Tue" / "Di."."""
    from babel.dates import get_day_names

    return str(get_day_names(width, locale=t.locale)[weekday - 1])


def _span(block: Block) -> str:
    from rapport.domain.networking_time import clock

    return f"{clock(block.span.start)}–{clock(block.span.end)}"


def _block_json(block: Block) -> dict[str, Any]:
    from rapport.domain.networking_time import clock

    return {
        "id": block.id,
        "weekday": block.span.weekday,
        "start": clock(block.span.start),
        "end": clock(block.span.end),
        "minutes": block.span.minutes,
        "kind": block.kind.value,
    }


@time_app.command(name="add", help="help.cmd.time.add")
def time_add(
    span: Annotated[str, typer.Argument(help="help.time.span")],
    kind: Annotated[str, typer.Option("--kind", help="help.time.kind")] = "desk",
    json_: Json = False,
) -> None:
    from rapport.services import networking_time

    with unit_of_work() as (ctx, conn):
        block = networking_time.add(ctx, conn, span, kind)
    if json_:
        output.json(_block_json(block))
        return
    t = state.translator()
    say(
        "time.added",
        id=block.id,
        weekday=weekday_name(t, block.span.weekday, "wide"),
        span=_span(block),
        kind=t.term("block", block.kind.value),
    )


@time_app.command(name="list", help="help.cmd.time.list")
def time_list(json_: Json = False) -> None:
    from rapport.services import networking_time

    with unit_of_work() as (ctx, conn):
        found = networking_time.blocks(ctx, conn)
    if json_:
        output.json([_block_json(b) for b in found])
        return
    t = state.translator()
    if not found:
        say("time.none")
        return
    hours = sum(b.span.minutes for b in found) / 60
    output.line(t.plural("time.list_title", len(found), hours=t.number(round(hours, 1))))
    for block in found:
        day = weekday_name(t, block.span.weekday)
        output.line(f"  #{block.id}  {day} {_span(block)}  {t.term('block', block.kind.value)}")


@time_app.command(name="remove", help="help.cmd.time.remove")
def time_remove(block_id: Annotated[str, typer.Argument(metavar="ID", help="help.time.id")]) -> None:
    from rapport.services import networking_time

    with unit_of_work() as (ctx, conn):
        block = networking_time.remove(ctx, conn, block_id)
    t = state.translator()
    say(
        "time.removed",
        id=block.id,
        weekday=weekday_name(t, block.span.weekday, "wide"),
        span=_span(block),
        kind=t.term("block", block.kind.value),
    )


@commands.command(help="help.cmd.week")
def week(
    from_: Annotated[str | None, typer.Option("--from", help="help.week.from")] = None,
    ics: Annotated[str | None, typer.Option("--ics", help="help.week.ics")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import exporting, networking_time

    t = state.translator()
    with unit_of_work() as (ctx, conn):
        plan = networking_time.week(ctx, conn, networking_time.first_day(ctx, from_))
        if ics is not None:
            with exporting.output(ics) as out:
                events = networking_time.export_week(ctx, conn, plan, out, t.lang)
    if ics == "-":  # the calendar went to standard output: nothing else goes there
        return
    if json_:
        output.json(_plan_json(plan, ctx.now, t))
        return
    _show(plan, ctx.now, t)
    if ics is not None:
        say("export.events", count=events, file=ics)


def _what(t: Translator, planned: Planned) -> str:
    return t(f"time.do.{planned.action.kind.value}.{planned.fit.block.value}", name=planned.action.contact_name)


def _action_json(action: Action, now: datetime, t: Translator) -> dict[str, Any]:
    from rapport.i18n import facts_for_json

    return {
        "contact_id": action.contact_id,
        "name": action.contact_name,
        "kind": action.kind.value,
        "due": action.due.isoformat(),
        "priority": action.priority,
        "reason": {"code": action.reason.code, "facts": facts_for_json(action.reason.facts)},
        "text": t.reason(action.reason, now),
    }


def _plan_json(plan: WeekPlan, now: datetime, t: Translator) -> dict[str, Any]:
    from rapport.domain.networking_time import week_days

    days = week_days(plan.first_day)
    return {
        "from": days[0].isoformat(),
        "to": days[-1].isoformat(),
        "blocks": [
            {
                "block": _block_json(slot.block),
                "day": slot.day.isoformat(),
                "start": slot.start.isoformat(),
                "end": slot.end.isoformat(),
                "free_minutes": slot.free,
                "busy": [
                    {"start": b.start.isoformat(), "end": b.end.isoformat(), "about": b.what, "people": list(b.people)}
                    for b in slot.busy
                ],
                "actions": [
                    {
                        **_action_json(p.action, now, t),
                        "start": p.start.isoformat(),
                        "end": p.end.isoformat(),
                        "minutes": p.fit.minutes,
                        "appointment": _what(t, p),
                    }
                    for p in slot.planned
                ],
            }
            for slot in plan.slots
        ],
        "now": [_action_json(a, now, t) for a in plan.now],
        "waiting": len(plan.waiting),
    }


def _show(plan: WeekPlan, now: datetime, t: Translator) -> None:
    import shutil
    import textwrap

    from rapport.domain.networking_time import week_days

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))
    days = week_days(plan.first_day)
    count = sum(len(slot.planned) for slot in plan.slots)
    output.line(t.plural("time.week_title", count, first=t.date(days[0]), last=t.date(days[-1])))
    if plan.now:
        output.line("")
        output.line(t("time.now_title"))
        for action in plan.now:
            output.line(f"  {t('kind.' + action.kind.value)} · {action.contact_name}")
            _reason(t.reason(action.reason, now), width, "      ")
    current = None
    for slot in plan.slots:
        if slot.day != current:
            current = slot.day
            output.line("")
            output.line(t.date(slot.day, style="full"))
        kind = t.term("block", slot.block.kind.value)
        for busy in slot.busy:
            what = (
                t("time.busy_what", about=busy.what, names=", ".join(busy.people))
                if busy.what
                else ", ".join(busy.people)
            )
            start = f"{busy.start.astimezone(slot.start.tzinfo):%H:%M}"
            output.line(f"  {_span(slot.block)} {kind}: {t('time.busy', start=start, what=what)}")
        if slot.busy:
            continue
        if not slot.planned:
            output.line(f"  {_span(slot.block)} {kind}: {t('time.free')}")
            continue
        for planned in slot.planned:
            output.line(f"  {planned.start:%H:%M}–{planned.end:%H:%M} {kind}: {_what(t, planned)}")
            _reason(t.reason(planned.action.reason, now), width, "      ")
    if not plan.slots:
        output.line("")
        output.line(textwrap.fill(t("time.no_slots"), width))
    if plan.waiting:
        output.line("")
        output.line(t.plural("time.waiting", len(plan.waiting)))


def _reason(text: str, width: int, indent: str) -> None:
    import textwrap

    output.line(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))
