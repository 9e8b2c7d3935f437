"""Planned meetings: `rapport meet NAME… --on WHEN`, `meet list`, `meet done`, `meet cancel`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext

    from rapport.domain.meetings import PlannedMeeting


class _MeetGroup(TyperGroup):
    """`rapport meet NAME… --on WHEN` plans a meeting (the `plan` command); `list`, `done` and `cancel` are the
    other commands."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["plan", *args]
        return super().parse_args(ctx, args)


meet_app = typer.Typer(cls=_MeetGroup, help="help.cmd.meet", no_args_is_help=True)

Which = Annotated[str, typer.Argument(metavar="ID|NAME", help="help.meet.which")]


@meet_app.command(name="plan", help="help.cmd.meet.plan")
def meet_plan(
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="help.meet.names")],
    on: Annotated[str, typer.Option("--on", help="help.meet.on")],
    at: Annotated[str | None, typer.Option("--at", help="help.meet.at")] = None,
    about: Annotated[str | None, typer.Option("--about", help="help.meet.about")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import meetings

    with unit_of_work() as (ctx, conn):
        meeting = meetings.plan(ctx, conn, names, on, at=at, about=about)
    if json_:
        output.json(_as_json(meeting))
        return
    t = state.translator()
    say(
        "meet.planned",
        id=meeting.id,
        about=meeting.topic or t("meet.a_meeting"),
        names=", ".join(meeting.names),
        when=t.moment(meeting.starts_at),
        place=t("place.at", place=meeting.place) if meeting.place else "",
    )


@meet_app.command(name="list", help="help.cmd.meet.list")
def meet_list(json_: Json = False) -> None:
    from rapport.domain.meetings import awaiting_answer
    from rapport.services import meetings

    with unit_of_work() as (ctx, conn):
        found = meetings.planned(ctx, conn)
    if json_:
        output.json([{**_as_json(m), "awaiting_answer": awaiting_answer(m, ctx.now, ctx.zone)} for m in found])
        return
    t = state.translator()
    if not found:
        say("meet.list.empty")
        return
    for meeting in found:
        line = t(
            "meet.list.row",
            id=meeting.id,
            when=t.moment(meeting.starts_at),
            about=meeting.topic or t("meet.a_meeting"),
            names=", ".join(meeting.names),
            place=t("place.at", place=meeting.place) if meeting.place else "",
        )
        if awaiting_answer(meeting, ctx.now, ctx.zone):
            line += " " + t("meet.list.ask", id=meeting.id)
        output.line(line)


@meet_app.command(name="done", help="help.cmd.meet.done")
def meet_done(which: Which) -> None:
    from rapport.services import meetings

    with unit_of_work() as (ctx, conn):
        done = meetings.done(ctx, conn, which)
    t = state.translator()
    say(
        "meet.done",
        id=done.meeting.id,
        names=", ".join(p.name for p in done.people),
        when=t.moment(done.meeting.starts_at),
    )
    for name, closes in done.windows.items():
        say("meet.follow_up", name=name, deadline=t.moment(closes))


@meet_app.command(name="cancel", help="help.cmd.meet.cancel")
def meet_cancel(which: Which) -> None:
    from rapport.services import meetings

    with unit_of_work() as (ctx, conn):
        meeting = meetings.cancel(ctx, conn, which)
    t = state.translator()
    say("meet.cancelled", id=meeting.id, names=", ".join(meeting.names), when=t.moment(meeting.starts_at))


def _as_json(meeting: PlannedMeeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "about": meeting.topic,
        "status": meeting.status.value,
        "people": [{"id": i, "name": n} for i, n in meeting.participants],
    }


__all__: Sequence[str] = ("meet_app",)
