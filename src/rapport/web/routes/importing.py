"""Import: upload files (the formats of `rapport import`), see what a dry run says they would do and the possible
duplicates they make, decide for each (merge, keep apart, or later), then import them all at once or not at all.
The files are held only while the user decides (see web/uploads.py)."""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from rapport.errors import RapportError
from rapport.i18n import Translator
from rapport.web.pages import back_to, in_thread, render, store_of, translator
from rapport.web.uploads import TooLarge, Upload, Uploads

router = APIRouter()


def uploads_of(request: Request) -> Uploads:
    held: Uploads = request.app.state.uploads
    return held


def limit_text(t: Translator, limit: int) -> str:
    return t("web.import.too_large", size=t.number(round(limit / (1024 * 1024), 1)))


@router.get("/import")
def form(request: Request) -> Response:
    return render(request, "import.html", error=None, limit=limit_text(translator(request), uploads_of(request).limit))


@router.post("/import")
async def upload(request: Request) -> Response:
    from rapport.services import reviewing

    t = translator(request)
    uploads = uploads_of(request)
    sent = [f for f in (await request.form()).getlist("files") if isinstance(f, UploadFile) and f.filename]

    def refused(message: str, status: int = 400) -> Response:
        return render(request, "import.html", status=status, error=message, limit=limit_text(t, uploads.limit))

    if not sent:
        uploads.drop()
        return refused(t("web.import.no_files"))
    try:
        held = await in_thread(lambda: uploads.hold([(f.filename or "", f.file) for f in sent]))
    except TooLarge:
        return refused(limit_text(t, uploads.limit), 413)
    try:
        held.review = await in_thread(lambda: reviewing.dry_run(store_of(request).context(), held.paths))
    except RapportError as exc:
        uploads.drop(held.id)
        return refused(_message(t, exc, held))
    return back_to(f"/import/{held.id}")


@router.get("/import/{upload_id}")
def review(request: Request, upload_id: str) -> Response:
    held = uploads_of(request).get(upload_id)
    if held is None:
        return _gone(request)
    return render(request, "import_review.html", upload=held, lines=_lines(translator(request), held.review))


@router.post("/import/{upload_id}")
async def confirm(request: Request, upload_id: str) -> Response:
    """Import the held files with the decisions taken, in one transaction: all of it, or nothing."""
    from rapport.services import reviewing

    uploads = uploads_of(request)
    held = uploads.get(upload_id)
    if held is None:
        return _gone(request)
    form = await request.form()
    if form.get("cancel") is not None:
        uploads.drop(held.id)
        return back_to("/import")
    decisions = {i: str(form.get(f"pair-{i}", "later")) for i in range(len(held.review.pairs))}

    def work() -> reviewing.Outcome:
        with store_of(request).unit_of_work() as (ctx, conn):
            return reviewing.import_reviewed(ctx, conn, held.paths, held.review, decisions)

    t = translator(request)
    try:
        outcome = await in_thread(work)
    except reviewing.Changed as changed:
        held.review = changed.review
        return render(
            request, "import_review.html", status=409, upload=held, lines=_lines(t, held.review), changed=True
        )
    except RapportError as exc:
        uploads.drop(held.id)
        return render(
            request, "import.html", status=400, error=_message(t, exc, held), limit=limit_text(t, uploads.limit)
        )
    uploads.drop(held.id)
    return render(request, "imported.html", lines=_lines(t, outcome.review), outcome=outcome)


def _gone(request: Request) -> Response:
    t = translator(request)
    return render(
        request, "import.html", status=410, error=t("web.import.gone"), limit=limit_text(t, uploads_of(request).limit)
    )


def _lines(t: Translator, review: Any) -> list[tuple[bool, str]]:
    from rapport.i18n.reports import import_lines

    return import_lines(review.summary, t, duplicates_hint=False)


def _message(t: Translator, exc: RapportError, held: Upload) -> str:
    """One line on what is wrong, naming the file as it was uploaded (never the folder it is held in)."""
    from rapport.i18n.reports import file_problem

    facts = dict(exc.facts)
    if "file" in facts:
        inside = os.path.join(held.folder, "files") + os.sep
        facts["file"] = str(facts["file"]).removeprefix(inside)
    key, facts = file_problem(exc.code, facts, t)
    return t(key, **facts)
