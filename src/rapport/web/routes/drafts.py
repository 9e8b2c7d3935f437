"""A draft to one contact (`rapport draft`, the same service) with its personalisation check (as `rapport check`
shows it), the text editable and checked again, and "mark sent", which records it as `rapport send` would."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import InputError
from rapport.messages.drafts import CHANNELS
from rapport.web.pages import back_to, in_thread, render, store_of, translator

router = APIRouter()
# where "mark sent" leads: back to Today when the draft was opened from there, else to the contact
BACK = {"today": "/today?sent=1"}


def _lang(request: Request) -> str:
    """The draft is written in the page's language (Swiss German on a German page)."""
    return "de-CH" if translator(request).lang == "de" else "en"


def _back(value: str) -> str:
    return value if value in BACK else ""


def _choices(request: Request, kinds: list[str]) -> dict[str, Any]:
    t = translator(request)
    return {
        "kinds": [(k, t.term("message", k)) for k in kinds],
        "channels": [(c, t(f"web.draft.via.{c}")) for c in CHANNELS],
    }


def _check_view(request: Request, result: Any) -> dict[str, Any]:
    """The check as `rapport check` shows it: the score and verdict, then each element found (with what was found)
    or missing (with a hint)."""
    t = translator(request)
    return {
        "score": t("check.score", score=result.score, verdict=t("check.good" if result.good else "check.weak")),
        "good": result.good,
        "elements": [
            {
                "label": t(f"check.element.{e.name}"),
                "present": e.present,
                "evidence": e.evidence or "",
                "hint": e.hint or "",
            }
            for e in result.elements
        ],
    }


@router.get("/contacts/{contact_id}/draft")
def draft(request: Request, contact_id: int, kind: str = "", via: str = "email", back: str = "") -> Response:
    from rapport.services import drafting, people

    notice = ""
    with store_of(request).unit_of_work() as (ctx, conn):
        person = people.profile(ctx, conn, f"#{contact_id}")
        try:
            written = drafting.draft(ctx, conn, f"#{contact_id}", kind=kind or None, via=via, lang=_lang(request))
        except InputError as exc:
            # from Today the kind was the action's, not the user's choice: say why, and write the one that fits
            if _back(back) != "today" or not kind:
                raise
            notice = translator(request)(exc.code, **exc.facts)
            written = drafting.draft(ctx, conn, f"#{contact_id}", via=via, lang=_lang(request))
        kinds = drafting.kinds_for(ctx, conn, f"#{contact_id}")
    return render(
        request,
        "draft.html",
        person=person,
        kind=written.kind,
        via=written.channel,
        to=written.to,
        subject=written.subject,
        text=written.text,
        gaps=written.gaps,
        notes=written.notes,
        check=_check_view(request, written.check),
        back=_back(back),
        notice=notice,
        **_choices(request, kinds),
    )


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {f: str(form.get(f, "")) for f in ("kind", "via", "subject", "text", "back")}


@router.post("/contacts/{contact_id}/draft/check")
async def recheck(request: Request, contact_id: int) -> Response:
    """The edited text checked again: for htmx only the check, without JavaScript the whole page as typed."""
    values = await _form(request)

    def work() -> dict[str, Any]:
        from rapport.services import drafting, people

        with store_of(request).unit_of_work() as (ctx, conn):
            result = drafting.check_text(
                ctx, conn, f"#{contact_id}", values["text"], values["kind"], values["via"], _lang(request)
            )
            person = people.profile(ctx, conn, f"#{contact_id}")
            kinds = drafting.kinds_for(ctx, conn, f"#{contact_id}")
        return {"result": result, "person": person, "kinds": kinds}

    found = await in_thread(work)
    emails = found["person"]["emails"]
    return render(
        request,
        "draft.html",
        block="check",
        person=found["person"],
        kind=found["result"].kind,
        via=values["via"],
        to=emails[0] if values["via"] == "email" and emails else "",
        subject=values["subject"] if values["via"] == "email" else None,
        text=values["text"],
        gaps=[],
        notes=[],
        check=_check_view(request, found["result"]),
        back=_back(values["back"]),
        notice="",
        **_choices(request, found["kinds"]),
    )


@router.post("/contacts/{contact_id}/draft/sent")
async def sent(request: Request, contact_id: int) -> Response:
    """Sent by hand: logged as my message on its channel (its subject as the summary); the action is done."""
    values = await _form(request)

    def work() -> None:
        from rapport.services import drafting

        with store_of(request).unit_of_work() as (ctx, conn):
            drafting.mark_sent(ctx, conn, f"#{contact_id}", values["kind"], values["via"], values["subject"])

    await in_thread(work)
    return back_to(BACK.get(values["back"], f"/contacts/{contact_id}?sent=1"))
