"""Introductions (`rapport intros`, `rapport introduce`): the pairs worth introducing with their reasons; "introduce"
asks both first (two opt-in drafts with their checks, the introduction on record as pending); once both agreed, the
introduction itself (a favour given to each), or the no, remembered. The same services as the command line."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rapport.errors import InputError
from rapport.web.pages import in_thread, render, store_of, translator

router = APIRouter()
#: How many pairs the page proposes (`rapport intros --top`).
TOP = 10


def _reason_text(t: Any, reason: Any) -> str:
    from rapport.i18n.reasons import introduction  # one wording for the page and the terminal

    return introduction(t, reason)


def _lang(request: Request) -> str:
    return "de-CH" if translator(request).lang == "de" else "en"


@router.get("/intros")
def listing(request: Request) -> Response:
    from rapport.services import introductions

    t = translator(request)
    with store_of(request).unit_of_work() as (ctx, conn):
        found = introductions.suggestions(ctx, conn, TOP)
        waiting = introductions.waiting(ctx, conn)
    pairs = [
        {
            "first": s.first,
            "second": s.second,
            "reasons": [_reason_text(t, r) for r in s.reasons],
        }
        for s in found
    ]
    return render(request, "intros.html", pairs=pairs, waiting=waiting)


async def _pair(request: Request) -> tuple[str, str]:
    form = await request.form()
    ids = []
    for field in ("first", "second"):
        value = str(form.get(field, "")).strip()
        if not value.isdigit():
            raise InputError("web.intros.bad_pair")
        ids.append(f"#{value}")
    return ids[0], ids[1]


async def _answer(request: Request, outcome: str) -> Response:
    from rapport.services import introductions

    first, second = await _pair(request)
    lang = _lang(request)
    t = translator(request)

    def work() -> Any:
        with store_of(request).unit_of_work() as (ctx, conn):
            do = {
                "ask": introductions.introduce,
                "agreed": introductions.agreed,
            }.get(outcome)
            if do is None:
                return introductions.declined(ctx, conn, first, second)
            return do(ctx, conn, first, second, lang=lang)

    done = await in_thread(work)
    names = {"first": done.first.name, "second": done.second.name}
    if done.status == introductions.DECLINED:
        return render(
            request, "introduced.html", done=done, drafts=[], reason="", message=t("intros.declined", **names)
        )
    reason = _reason_text(t, done.reasons[0]) if done.reasons else ""
    if done.status == introductions.PENDING:
        drafts = [
            (t("intros.ask_heading", name=person.name), written)
            for person, written in zip((done.first, done.second), done.drafts, strict=True)
        ]
        message = t("web.intros.pending", **names)
    else:
        drafts = [(t("intros.made_heading", **names), done.drafts[0])]
        message = t("intros.made", **names)
    return render(request, "introduced.html", done=done, drafts=drafts, reason=reason, message=message)


@router.post("/intros/introduce")
async def introduce(request: Request) -> Response:
    return await _answer(request, "ask")


@router.post("/intros/agreed")
async def agreed(request: Request) -> Response:
    return await _answer(request, "agreed")


@router.post("/intros/declined")
async def declined(request: Request) -> Response:
    return await _answer(request, "declined")
