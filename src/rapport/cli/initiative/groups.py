"""Groups and their meetups: `rapport group create|add|remove|list|show`, `rapport meetup plan|done`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

if TYPE_CHECKING:
    from rapport.domain.groups import NewFace, Why
    from rapport.i18n import Translator
    from rapport.services.groups import Group

group_app = typer.Typer(help="help.cmd.group", no_args_is_help=True)
meetup_app = typer.Typer(help="help.cmd.meetup", no_args_is_help=True)

GroupName = Annotated[str, typer.Argument(metavar="GROUP", help="help.group.name")]
People = Annotated[list[str], typer.Argument(metavar="PERSON...", help="help.group.people")]


def _rhythm(t: Translator, value: str) -> str:
    return t.term("rhythm", value)


def _group_json(group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "rhythm": group.rhythm.value,
        "about": group.topic,
        "members": [{"id": i, "name": n} for i, n in group.members],
    }


@group_app.command(name="create", help="help.cmd.group.create")
def group_create(
    name: GroupName,
    members: Annotated[list[str] | None, typer.Option("--members", help="help.group.members")] = None,
    every: Annotated[str, typer.Option("--every", help="help.group.every")] = "monthly",
    about: Annotated[str | None, typer.Option("--about", help="help.group.about")] = None,
    extra: Annotated[list[str] | None, typer.Argument(metavar="[NAME...]", help="help.group.more")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        group = groups.create(ctx, conn, name, [*(members or []), *(extra or [])], every, about)
    if json_:
        output.json(_group_json(group))
        return
    t = state.translator()
    say("group.created", name=group.name, rhythm=_rhythm(t, group.rhythm.value))
    _members_line(t, group)


def _members_line(t: Translator, group: Group) -> None:
    if group.members:
        output.line(t.plural("group.members", len(group.members), names=", ".join(group.names)))
    else:
        say("group.no_members", name=group.name)


@group_app.command(name="add", help="help.cmd.group.add")
def group_add(name: GroupName, people: People) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        group, new = groups.add(ctx, conn, name, people)
    t = state.translator()
    if new:
        say("group.added", names=", ".join(p.name for p in new), group=group.name)
    else:
        say("group.already", group=group.name)
    _members_line(t, group)


@group_app.command(name="remove", help="help.cmd.group.remove")
def group_remove(name: GroupName, people: People) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        group, gone = groups.remove(ctx, conn, name, people)
    say("group.removed", names=", ".join(p.name for p in gone), group=group.name)
    _members_line(state.translator(), group)


@group_app.command(name="list", help="help.cmd.group.list")
def group_list(json_: Json = False) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        found = groups.listing(ctx, conn)
    if json_:
        output.json([{**_group_json(g), "last_meetup": last.isoformat() if last else None} for g, last in found])
        return
    t = state.translator()
    if not found:
        say("group.list.empty")
        return
    for group, last in found:
        output.line(
            t(
                "group.list.row",
                name=group.name,
                rhythm=_rhythm(t, group.rhythm.value),
                members=t.plural("group.count", len(group.members)),
                last=t.moment(last) if last else t("group.never"),
            )
        )


@group_app.command(name="show", help="help.cmd.group.show")
def group_show(name: GroupName, json_: Json = False) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        group = groups.find(ctx, conn, name)
        meetups = groups.meetups(conn, group.id)
    if json_:
        output.json(
            {
                **_group_json(group),
                "meetups": [
                    {"id": m.id, "starts_at": m.starts_at.isoformat(), "status": m.status.value, "people": m.people}
                    for m in meetups
                ],
            }
        )
        return
    t = state.translator()
    say("group.show.title", name=group.name, rhythm=_rhythm(t, group.rhythm.value))
    if group.topic:
        say("group.show.about", about=group.topic)
    _members_line(t, group)
    for m in meetups:
        output.line(t(f"group.show.meetup.{m.status.value}", when=t.moment(m.starts_at), n=len(m.people), id=m.id))


# meetups -------------------------------------------------------------------------------------------------------


def _why(t: Translator, why: Why) -> str:
    from rapport.i18n.reasons import new_face

    return new_face(t, why)


def _face_json(face: NewFace, t: Translator) -> dict[str, Any]:
    return {
        "id": face.id,
        "name": face.name,
        "reasons": [
            {"code": w.code, "what": w.what, "members": list(w.members), "text": _why(t, w)} for w in face.reasons
        ],
    }


@meetup_app.command(name="plan", help="help.cmd.meetup.plan")
def meetup_plan(
    name: GroupName,
    on: Annotated[str | None, typer.Option("--on", help="help.meetup.on")] = None,
    ics: Annotated[str | None, typer.Option("--ics", help="help.meetup.ics")] = None,
    json_: Json = False,
) -> None:
    from rapport.messages.check import check
    from rapport.services import groups

    t = state.translator()
    with unit_of_work() as (ctx, conn):
        made = groups.plan(ctx, conn, name, on)
        drafts = {lang: groups.invitation(ctx, conn, made, lang) for lang in ("en", "de")}
        draft = drafts[t.lang]
        if ics:
            _write_ics(ics, lambda out: groups.write_ics(ctx, conn, made, out, t.lang))
    scores = {lang: check(text, lang=lang, kind="invite").score for lang, text in drafts.items()}
    start = made.proposal.start
    if json_:
        output.json(
            {
                "meeting_id": made.meeting_id,
                "group": _group_json(made.group),
                "starts_at": start.isoformat(),
                "ends_at": made.proposal.end.isoformat(),
                "kind": made.proposal.kind,
                "last_meetup": made.last.isoformat() if made.last else None,
                "members": [{"id": i, "name": n} for i, n in made.members],
                "new_faces": [_face_json(f, t) for f in made.new_faces],
                "invitation": {"lang": t.lang, "text": draft, "score": scores[t.lang]},
                "invitations": [{"lang": lang, "text": text, "score": scores[lang]} for lang, text in drafts.items()],
                "ics": ics,
            }
        )
        return
    say(
        "meetup.planned",
        group=made.group.name,
        when=t.moment(start),
        kind=t(f"meetup.kind.{made.proposal.kind}"),
        id=made.meeting_id,
    )
    output.line(t.plural("meetup.members", len(made.members), names=", ".join(n for _i, n in made.members)))
    if made.new_faces:
        say("meetup.new_faces")
        for face in made.new_faces:
            output.line(f"  {face.name}: " + "; ".join(_why(t, w) for w in face.reasons))
    else:
        say("meetup.no_new_faces")
    output.line("")
    say("meetup.invitation", score=scores[t.lang])
    output.line(draft)
    if ics:
        output.line("")
        say("meetup.ics_written", file=ics)


def _write_ics(path: str, write: Any) -> None:
    import sys

    if path == "-":
        write(sys.stdout)
        return
    with open(path, "w", encoding="utf-8", newline="") as out:
        write(out)


@meetup_app.command(name="done", help="help.cmd.meetup.done")
def meetup_done(
    name: GroupName,
    attended: Annotated[list[str] | None, typer.Option("--attended", help="help.meetup.attended")] = None,
    new_face: Annotated[list[str] | None, typer.Option("--new-face", help="help.meetup.new_face")] = None,
    on: Annotated[str | None, typer.Option("--on", help="help.meetup.done_on")] = None,
    extra: Annotated[list[str] | None, typer.Argument(metavar="[NAME...]", help="help.meetup.more")] = None,
) -> None:
    from rapport.services import groups

    with unit_of_work() as (ctx, conn):
        done = groups.done(ctx, conn, name, [*(attended or []), *(extra or [])], new_face or [], on)
    t = state.translator()
    everyone = [*done.people, *done.created]
    say(
        "meetup.done",
        group=done.group.name,
        when=t.moment(done.at),
        names=", ".join(p.name for p in everyone),
    )
    for person in done.created:
        say("meetup.created", name=person.name)
    for face, closes in done.windows.items():
        say("meet.follow_up", name=face, deadline=t.moment(closes))
