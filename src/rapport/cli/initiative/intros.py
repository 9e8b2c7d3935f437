"""Introductions: `rapport intros` proposes pairs worth introducing; `rapport introduce A B` asks each first, then
(`--agreed`) introduces them, or (`--declined`) remembers the no."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

if TYPE_CHECKING:
    from rapport.domain.model import Reason
    from rapport.i18n import Translator

commands = typer.Typer()


def reason_text(t: Translator, reason: Reason) -> str:
    """One reason in words, quoting what matched."""
    from rapport.i18n.reasons import introduction

    return introduction(t, reason)


def _person(p: Any) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "organisation": p.organisation}


def _reasons_json(t: Translator, reasons: list[Reason]) -> list[dict[str, Any]]:
    return [{**r.facts, "text": reason_text(t, r)} for r in reasons]


@commands.command(help="help.cmd.intros")
def intros(
    top: Annotated[int, typer.Option("--top", help="help.intros.top")] = 10,
    json_: Json = False,
) -> None:
    from rapport.services import introductions

    with unit_of_work() as (_ctx, conn):
        found = introductions.suggestions(_ctx, conn, top)
    t = state.translator()
    if json_:
        output.json(
            [
                {
                    "first": _person(s.first),
                    "second": _person(s.second),
                    "score": s.score,
                    "reasons": _reasons_json(t, s.reasons),
                }
                for s in found
            ]
        )
        return
    if not found:
        say("intros.none")
        return
    output.line(t("intros.title", n=len(found)))
    for number, s in enumerate(found, start=1):
        output.line(t("intros.pair", number=number, first=s.first.name, second=s.second.name))
        for reason in s.reasons:
            output.line(output.wrapped(reason_text(t, reason), 118, indent="   ", hanging="   "))
    best = found[0]
    say("intros.hint", first=best.first.name, second=best.second.name)


@commands.command(help="help.cmd.introduce")
def introduce(
    first: Annotated[str, typer.Argument(help="help.introduce.first")],
    second: Annotated[str, typer.Argument(help="help.introduce.second")],
    agreed: Annotated[bool, typer.Option("--agreed", help="help.introduce.agreed")] = False,
    declined: Annotated[bool, typer.Option("--declined", help="help.introduce.declined")] = False,
    why: Annotated[str | None, typer.Option("--why", help="help.introduce.why")] = None,
    via: Annotated[str, typer.Option("--via", help="help.draft.via", show_default=False)] = "email",
    lang: Annotated[str | None, typer.Option("--lang", help="help.draft.lang")] = None,
    json_: Json = False,
) -> None:
    from rapport.errors import InputError
    from rapport.services import introductions

    if agreed and declined:
        raise InputError("intros.both_outcomes")
    with unit_of_work() as (ctx, conn):
        if declined:
            done = introductions.declined(ctx, conn, first, second)
        elif agreed:
            done = introductions.agreed(ctx, conn, first, second, lang=lang or state.options.lang, via=via, why=why)
        else:
            done = introductions.introduce(ctx, conn, first, second, lang=lang or state.options.lang, via=via, why=why)
    t = state.translator()
    if json_:
        output.json(
            {
                "first": _person(done.first),
                "second": _person(done.second),
                "status": done.status,
                "reasons": _reasons_json(t, done.reasons),
                "drafts": [d.as_json() for d in done.drafts],
            }
        )
        return
    if done.status == introductions.DECLINED:
        say("intros.declined", first=done.first.name, second=done.second.name)
        return
    for reason in done.reasons[:1]:
        output.line(reason_text(t, reason))
    if done.status == introductions.PENDING:
        for person, written in zip((done.first, done.second), done.drafts, strict=True):
            output.line("")
            output.line(t("intros.ask_heading", name=person.name))
            output.draft(written, t, None)
        say("intros.pending", first=done.first.name, second=done.second.name)
        return
    output.line("")
    output.line(t("intros.made_heading", first=done.first.name, second=done.second.name))
    output.draft(done.drafts[0], t, None)
    say("intros.made", first=done.first.name, second=done.second.name)
