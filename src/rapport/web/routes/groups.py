"""Groups and their meetups (`rapport group`, `rapport meetup`): the groups with their last meetup; create one; a
group's page with its members and meetups; plan the next meetup (its time in the networking time, the members and
new faces who fit, each with the reasons, and the invitation with its check); record that it took place (who came,
new faces as new contacts; the journal updates everyone's strength and opens the 72-hour window for first meetings).
The same services as the command line."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import InputError, NotFound, RapportError
from rapport.web.pages import back_to, in_thread, problem, render, store_of, translator

router = APIRouter()
RHYTHMS = ("weekly", "monthly", "quarterly")


def _why(t: Any, why: Any) -> str:
    from rapport.i18n.reasons import new_face  # one wording for the page and the terminal

    return new_face(t, why)


def _group(ctx: Any, conn: Any, group_id: int) -> Any:
    from rapport.services import groups

    for group, _last in groups.listing(ctx, conn):
        if group.id == group_id:
            return group
    raise NotFound("web.groups.unknown")


def _lines(text: str) -> list[str]:
    """Names typed one a line, or separated by commas."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


@router.get("/groups")
def listing(request: Request) -> Response:
    return _listing(request)


def _listing(
    request: Request, status: int = 200, values: dict[str, str] | None = None, error: str | None = None
) -> Response:
    from rapport.services import groups

    t = translator(request)
    with store_of(request).unit_of_work() as (ctx, conn):
        found = groups.listing(ctx, conn)
    rows = [
        {
            "id": g.id,
            "name": g.name,
            "rhythm": t.term("rhythm", g.rhythm.value),
            "members": t.plural("group.count", len(g.members)),
            "last": t.moment(last) if last else t("group.never"),
        }
        for g, last in found
    ]
    typed = {"name": "", "members": "", "every": "monthly", "about": "", **(values or {})}
    return render(
        request, "groups.html", status=status, rows=rows, rhythms=_rhythms(request), values=typed, error=error
    )


def _rhythms(request: Request) -> list[tuple[str, str]]:
    t = translator(request)
    return [(r, t.term("rhythm", r)) for r in RHYTHMS]


@router.post("/groups")
async def create(request: Request) -> Response:
    from rapport.services import groups

    form = await request.form()
    values = {f: str(form.get(f, "")) for f in ("name", "members", "every", "about")}

    def work() -> int:
        if not values["name"].strip():
            raise InputError("web.groups.no_name")
        with store_of(request).unit_of_work() as (ctx, conn):
            made = groups.create(
                ctx, conn, values["name"], _lines(values["members"]), values["every"] or "monthly", values["about"]
            )
        return made.id

    try:
        group_id = await in_thread(work)
    except RapportError as exc:  # the form again, as typed, with what is wrong
        return _listing(request, 404 if isinstance(exc, NotFound) else 400, values, problem(translator(request), exc))
    return back_to(f"/groups/{group_id}")


def _meetup_rows(t: Any, found: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "status": m.status.value,
            "line": t(f"group.show.meetup.{m.status.value}", when=t.moment(m.starts_at), n=len(m.people), id=m.id),
            "people": m.people,
        }
        for m in found
    ]


def _show(request: Request, group_id: int, status: int = 200, **values: Any) -> Response:
    from rapport.services import groups

    t = translator(request)
    with store_of(request).unit_of_work() as (ctx, conn):
        group = _group(ctx, conn, group_id)
        found = groups.meetups(conn, group.id)
        planned = next((m for m in found if m.status.value == "planned"), None)
        members = {i for i, _n in group.members}
        guests = [(i, n) for i, n in groups.invited(conn, planned.id) if i not in members] if planned else []
    return render(
        request,
        "group.html",
        status=status,
        group=group,
        rhythm=t.term("rhythm", group.rhythm.value),
        meetups=_meetup_rows(t, found),
        guests=guests,
        **{"plan": None, "recorded": None, "error": None, **values},
    )


@router.get("/groups/{group_id}")
def show(request: Request, group_id: int) -> Response:
    return _show(request, group_id)


@router.post("/groups/{group_id}/plan")
async def plan(request: Request, group_id: int) -> Response:
    from rapport.messages.check import check
    from rapport.services import groups

    form = await request.form()
    on = str(form.get("on", "")).strip() or None
    t = translator(request)

    def work() -> dict[str, Any]:
        with store_of(request).unit_of_work() as (ctx, conn):
            group = _group(ctx, conn, group_id)
            made = groups.plan(ctx, conn, group.name, on)
            text = groups.invitation(ctx, conn, made, t.lang)
        start = made.proposal.start
        return {
            "headline": t(
                "meetup.planned",
                group=made.group.name,
                when=t.moment(start),
                kind=t(f"meetup.kind.{made.proposal.kind}"),
                id=made.meeting_id,
            ),
            "members": t.plural("meetup.members", len(made.members), names=", ".join(n for _i, n in made.members)),
            "faces": [
                {"id": f.id, "name": f.name, "why": "; ".join(_why(t, w) for w in f.reasons)} for f in made.new_faces
            ],
            "invitation": text,
            "check": check(text, lang=t.lang, kind="invite"),
        }

    try:
        made = await in_thread(work)
    except RapportError as exc:
        return _again(request, group_id, exc)
    return _show(request, group_id, plan=made)


@router.post("/groups/{group_id}/done")
async def done(request: Request, group_id: int) -> Response:
    from rapport.services import groups

    form = await request.form()
    came = [f"#{v}" for v in form.getlist("came") if str(v).isdigit()]
    faces = _lines(str(form.get("new_faces", "")))
    on = str(form.get("on", "")).strip() or None
    t = translator(request)

    def work() -> dict[str, Any]:
        if not came and not faces:
            raise InputError("web.groups.nobody")
        with store_of(request).unit_of_work() as (ctx, conn):
            group = _group(ctx, conn, group_id)
            recorded = groups.done(ctx, conn, group.name, came, faces, on)
        everyone = [*recorded.people, *recorded.created]
        return {
            "headline": t(
                "meetup.done",
                group=recorded.group.name,
                when=t.moment(recorded.at),
                names=", ".join(p.name for p in everyone),
            ),
            "created": [{"id": p.id, "line": t("meetup.created", name=p.name)} for p in recorded.created],
            "windows": [t("meet.follow_up", name=n, deadline=t.moment(c)) for n, c in recorded.windows.items()],
        }

    try:
        recorded = await in_thread(work)
    except RapportError as exc:
        return _again(request, group_id, exc)
    return _show(request, group_id, recorded=recorded)


def _again(request: Request, group_id: int, exc: RapportError) -> Response:
    """The group's page again with what is wrong in one line (an unknown group is the 404 page)."""
    if exc.code == "web.groups.unknown":
        raise exc
    status = 404 if isinstance(exc, NotFound) else 400
    return _show(request, group_id, status=status, error=problem(translator(request), exc))
