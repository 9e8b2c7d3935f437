"""Today: the agenda with its reasons, and one click per action: done, log how it went, not now (3/7/14 days)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rapport.domain.model import ActionKind
from rapport.errors import InputError
from rapport.web.pages import back_to, finished, in_thread, is_htmx, render, store_of, translator

router = APIRouter()

# what "done" records for each kind of action (a planned meeting is marked done with `rapport meet done`)
DONE_VIA = {
    ActionKind.FOLLOW_UP: "email",
    ActionKind.CONGRATULATE: "message",
    ActionKind.GIVE: "message",
    ActionKind.KEEP_IN_TOUCH: "message",
    ActionKind.MEET: "in-person",
    ActionKind.RECONNECT: "message",
}
LOG_VIA = ("in-person", "call", "video", "email", "message", "linkedin")
# the draft that settles an action once sent (`rapport draft --kind …`); meeting in person, a planned meeting and
# giving first (settled by a favour given, `rapport gave`) are not settled by a message
DRAFT_FOR = {
    ActionKind.FOLLOW_UP: "follow-up",
    ActionKind.CONGRATULATE: "congrats",
    ActionKind.KEEP_IN_TOUCH: "check-in",
    ActionKind.RECONNECT: "check-in",
}


def _kind(text: str) -> ActionKind:
    try:
        return ActionKind(text)
    except ValueError:
        raise InputError("web.bad_action") from None


def _agenda(request: Request, now: datetime | None = None) -> dict[str, Any]:
    from rapport.services import agenda

    t = translator(request)
    store = store_of(request)
    with store.unit_of_work() as (ctx, conn):
        if now is not None:
            ctx.now = now
        actions = agenda.today(ctx, conn, kept=store.kept)
    items = [
        {
            "contact_id": a.contact_id,
            "name": a.contact_name,
            "kind": a.kind.value,
            "label": t("kind." + a.kind.value),
            "due": t("due.now") if a.due <= ctx.now else t("due.at", when=t.moment(a.due)),
            "reason": t.reason(a.reason, ctx.now),
            "can_finish": a.kind in DONE_VIA,
            "draft_kind": DRAFT_FOR.get(a.kind, ""),
            **_meeting(a, ctx.now),
        }
        for a in actions
    ]
    return {
        "title": t.plural("today.title", len(items), date=t.date(t.local(ctx.now).date(), style="full")),
        "actions": items,
        "log_via": [(v, t.term("channel", v)) for v in LOG_VIA],
    }


def _meeting(action: Any, now: Any) -> dict[str, Any]:
    """A planned meeting's ID, and whether it has begun (only then can it have taken place)."""
    if action.kind is not ActionKind.PLANNED:
        return {"meeting": None, "meeting_begun": False}
    from rapport.domain.dates import instant

    return {
        "meeting": action.reason.facts["meeting"],
        "meeting_begun": instant(action.reason.facts["at"]) <= instant(now),
    }


# stands for the request's CSRF token in a kept page (random, so that no stored text can contain it)
_TOKEN = "kept" + secrets.token_hex(24)


@router.get("/today")
def today(request: Request, sent: str = "") -> Response:
    """The page is kept per owner, language, minute and store version: any write shows on the next request, and
    the agenda's times and reasons are told to the minute."""
    t = translator(request)
    if sent:
        return render(request, "today.html", status_message=t("web.today.sent"), **_agenda(request))
    from rapport.store.db import store_version

    store = store_of(request)
    now = store.context().now.replace(second=0, microsecond=0)
    with store.engine.connect() as conn:
        version = store_version(conn)
    key = (store.owner_id, t.lang, str(request.url.query), now.isoformat(), version)
    token = request.state.csrf
    page = store.kept.page(key)
    if page is None:
        request.state.csrf = _TOKEN
        try:
            made = render(request, "today.html", status_message="", **_agenda(request, now))
        finally:
            request.state.csrf = token
        page = bytes(made.body)
        store.kept.keep_page(key, page)
    return finished(request, HTMLResponse(page.replace(_TOKEN.encode(), token.encode())))


async def _after(request: Request, message: str) -> Response:
    if is_htmx(request):
        values = await in_thread(lambda: _agenda(request))
        return render(request, "today.html", block="agenda", status_message=message, **values)
    return back_to("/today")


@router.post("/today/{contact_id}/{kind}/done")
async def done(request: Request, contact_id: int, kind: str) -> Response:
    action = _kind(kind)
    if action not in DONE_VIA:
        raise InputError("web.bad_action")

    def work() -> str:
        from rapport.services import journal

        with store_of(request).unit_of_work() as (ctx, conn):
            if action is ActionKind.GIVE:  # giving first is settled by something given, not by a message
                from rapport.domain.model import Direction

                entry = journal.favour(ctx, conn, f"#{contact_id}", Direction.GIVEN, "other", None, None)
                return translator(request)("web.today.done", name=entry.person.name)
            logged = journal.log(
                ctx,
                conn,
                [f"#{contact_id}"],
                via=DONE_VIA[action],
                about="news" if action is ActionKind.CONGRATULATE else None,
            )
        return translator(request)("web.today.done", name=logged.people[0].name)

    return await _after(request, await in_thread(work))


@router.post("/today/{contact_id}/{kind}/log")
async def log(request: Request, contact_id: int, kind: str) -> Response:
    _kind(kind)
    form = await request.form()
    via = str(form.get("via", "message"))
    summary = str(form.get("summary", "")).strip() or None

    def work() -> str:
        from rapport.services import journal

        with store_of(request).unit_of_work() as (ctx, conn):
            logged = journal.log(ctx, conn, [f"#{contact_id}"], via=via, summary=summary)
        return translator(request)("web.today.logged", name=logged.people[0].name)

    return await _after(request, await in_thread(work))


@router.post("/today/{contact_id}/{kind}/snooze")
async def snooze(request: Request, contact_id: int, kind: str) -> Response:
    action = _kind(kind)
    form = await request.form()
    try:
        days = int(str(form.get("days", "")))
    except ValueError:
        raise InputError("web.bad_action") from None

    def work() -> str:
        from rapport.services import snoozing

        t = translator(request)
        with store_of(request).unit_of_work() as (ctx, conn):
            until = snoozing.snooze(ctx, conn, contact_id, action.value, days)
        return t("web.today.snoozed", date=t.date(t.local(until).date()))

    return await _after(request, await in_thread(work))


@router.post("/meetings/{meeting_id}/done")
async def meeting_done(request: Request, meeting_id: int) -> Response:
    """It took place: `rapport meet done` (an in-person meeting with everyone, at its time)."""

    def work() -> str:
        from rapport.services import meetings

        with store_of(request).unit_of_work() as (ctx, conn):
            done = meetings.done(ctx, conn, f"#{meeting_id}")
        return translator(request)("web.today.met", names=", ".join(p.name for p in done.people))

    return await _after(request, await in_thread(work))


@router.post("/meetings/{meeting_id}/cancel")
async def meeting_cancel(request: Request, meeting_id: int) -> Response:
    """It did not take place, or will not: `rapport meet cancel`."""

    def work() -> str:
        from rapport.services import meetings

        with store_of(request).unit_of_work() as (ctx, conn):
            cancelled = meetings.cancel(ctx, conn, f"#{meeting_id}")
        return translator(request)("web.today.cancelled", names=", ".join(cancelled.names))

    return await _after(request, await in_thread(work))
