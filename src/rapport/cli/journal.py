"""The journal: meetings, interactions, notes, favours and news as they happen, and today's agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import ContactName, Json, When, say, unit_of_work

commands = typer.Typer()


@commands.command(help="help.cmd.met")
def met(
    name: Annotated[str, typer.Argument(help="help.met.name")],
    at: Annotated[str, typer.Option("--at", help="help.opt.at")],
    when: When = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="help.opt.topic")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="help.opt.notes")] = None,
    looking_for: Annotated[str | None, typer.Option("--looking-for", help="help.opt.looking_for")] = None,
    offers: Annotated[str | None, typer.Option("--offers", help="help.opt.offers")] = None,
    next_meeting: Annotated[
        str | None,
        typer.Option("--next", help="help.opt.next_meeting"),
    ] = None,
    company: Annotated[str, typer.Option("--company", help="help.met.company")] = "",
    title: Annotated[str, typer.Option("--title", help="help.met.title")] = "",
    circle: Annotated[str | None, typer.Option("--circle", help="help.met.circle")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        done = journal.met(
            ctx,
            conn,
            name,
            at=at,
            when=when,
            topics=topic or [],
            notes=notes,
            looking_for=looking_for,
            offers=offers,
            circle=circle,
            company=company,
            title=title,
            next_meeting=next_meeting,
        )
    t = state.translator()
    if json_:
        output.json(
            {
                "id": done.person.id,
                "name": done.person.name,
                "created": done.created,
                "met_at": done.met_at.isoformat(),
                "follow_up_by": done.window_closes_at.isoformat() if done.window_closes_at else None,
                "circle": done.person.circle,
            }
        )
        return
    if done.full_circle is not None:
        say("met.full_circle", full=done.full_circle, name=done.person.name, circle=done.person.circle)
    place = t("place.at", place=at.strip())
    met_phrase = t.moment_phrase(done.met_at, ctx.now)
    if done.window_closes_at is not None:
        key = "met.new" if done.created else "met.first"
        say(key, name=done.person.name, met=met_phrase, place=place, deadline=t.moment(done.window_closes_at))
    else:
        say("met.again", name=done.person.name, met=met_phrase, place=place)
    if not notes:
        say("met.notes_hint", name=done.person.name)


@commands.command(help="help.cmd.log")
def log(
    names: Annotated[list[str], typer.Argument(help="help.opt.names")],
    via: Annotated[str, typer.Option("--via", help="help.log.via")],
    when: When = None,
    summary: Annotated[str | None, typer.Option("--summary", help="help.opt.summary")] = None,
    by_them: Annotated[bool, typer.Option("--by-them", help="help.opt.by_them")] = False,
    about: Annotated[str | None, typer.Option("--about", help="help.opt.about")] = None,
) -> None:
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        done = journal.log(ctx, conn, names, via=via, when=when, summary=summary, by_them=by_them, about=about)
    t = state.translator()
    say(
        "log.done",
        channel=t(f"channel.{done.interaction.channel.value}"),
        names=", ".join(p.name for p in done.people),
        when=t.moment(done.interaction.occurred_at),
    )
    if about is not None:
        say("log.congratulated", names=", ".join(p.name for p in done.people))
    for person in done.closed_windows:
        say("log.closes", name=person.name)


@commands.command(help="help.cmd.note")
def note(
    name: ContactName,
    text: Annotated[str, typer.Argument(help="help.note.text")],
    did: Annotated[bool, typer.Option("--did", help="help.note.did")] = False,
    when: When = None,
) -> None:
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        person = journal.note(ctx, conn, name, text, did=did, when=when)
    say("note.done", name=person.name)


def _ledger(direction: str, name: str, kind: str, note_text: str | None, when: str | None, done_key: str) -> None:
    from rapport.domain.model import Direction
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        entry = journal.favour(ctx, conn, name, Direction(direction), kind, note_text, when)
    t = state.translator()
    if entry.take_before_give:
        given, received = entry.given_before, entry.received_before
        output.warn(t("warn.give_first", name=entry.person.name, given=given, received=received))
    say(done_key, name=entry.person.name, kind=entry.kind, balance=entry.balance)


FavourKindArg = Annotated[str, typer.Argument(help="help.opt.favour_kind")]
FavourNote = Annotated[str | None, typer.Option("--note", help="help.opt.note")]


@commands.command(help="help.cmd.gave")
def gave(
    name: ContactName,
    kind: FavourKindArg,
    note: FavourNote = None,
    when: When = None,
) -> None:
    _ledger("given", name, kind, note, when, "gave.done")


@commands.command(help="help.cmd.got")
def got(
    name: ContactName,
    kind: FavourKindArg,
    note: FavourNote = None,
    when: When = None,
) -> None:
    _ledger("received", name, kind, note, when, "got.done")


@commands.command(help="help.cmd.ask")
def ask(
    name: ContactName,
    text: Annotated[str, typer.Argument(help="help.ask.text")],
) -> None:
    _ledger("asked", name, "other", text, None, "ask.done")


@commands.command(help="help.cmd.news")
def news(
    name: ContactName,
    kind: Annotated[str, typer.Argument(help="help.news.kind")],
    when: When = None,
    text: Annotated[str | None, typer.Option("--text", help="help.news.text")] = None,
) -> None:
    from rapport.services import inputs, journal

    with unit_of_work() as (ctx, conn):
        person = journal.news(ctx, conn, name, kind, when=when, text=text)
        day = ctx.now if not when else inputs.parse_moment(when, ctx.zone, now=ctx.now)
    t = state.translator()
    say("news.done", kind=inputs.event_kind(kind).value, name=person.name, date=t.date(t.local(day).date()))


@commands.command(help="help.cmd.today")
def today(
    limit: Annotated[int | None, typer.Option("--limit", help="help.today.limit")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import agenda

    with unit_of_work() as (ctx, conn):
        actions = agenda.today(ctx, conn, limit=limit)
    output.agenda(actions, ctx.now, state.translator(), as_json=json_)
