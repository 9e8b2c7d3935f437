"""Quick capture, built for the phone right after meeting someone: saving is `rapport met` (the same service), which
opens the 72-hour window; the next page shows the follow-up draft."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import RapportError
from rapport.web.pages import back_to, in_thread, render, store_of, translator

router = APIRouter()
FIELDS = ("name", "where", "topics", "notes", "looking_for", "offers")


@router.get("/capture")
def form(request: Request) -> Response:
    return render(request, "capture.html", values=dict.fromkeys(FIELDS, ""), error=None)


@router.post("/capture")
async def save(request: Request) -> Response:
    form = await request.form()
    values = {f: str(form.get(f, "")) for f in FIELDS}

    def work() -> int:
        from rapport.services import journal

        with store_of(request).unit_of_work() as (ctx, conn):
            done = journal.met(
                ctx,
                conn,
                values["name"],
                at=values["where"],
                topics=[t for t in values["topics"].split(",") if t.strip()],
                notes=values["notes"] or None,
                looking_for=values["looking_for"] or None,
                offers=values["offers"] or None,
            )
        return done.person.id

    try:
        contact_id = await in_thread(work)
    except RapportError as exc:
        t = translator(request)
        return render(request, "capture.html", status=400, values=values, error=t(exc.code, **exc.facts))
    return back_to(f"/capture/{contact_id}")


@router.get("/capture/{contact_id}")
def captured(request: Request, contact_id: int) -> Response:
    """What was saved, the follow-up deadline and the draft with its check."""
    from rapport.services import drafting, people

    t = translator(request)
    draft: Any = None
    draft_error: str | None = None
    with store_of(request).unit_of_work() as (ctx, conn):
        prof = people.profile(ctx, conn, f"#{contact_id}")
        try:
            draft = drafting.draft(
                ctx, conn, f"#{contact_id}", kind="follow-up", lang="de-CH" if t.lang == "de" else "en"
            )
        except RapportError as exc:
            draft_error = t(exc.code, **exc.facts)
    return render(request, "captured.html", person=prof, draft=draft, draft_error=draft_error)
