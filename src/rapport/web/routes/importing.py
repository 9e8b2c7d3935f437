"""Import: upload files (the formats of `rapport import`), see what a dry run says they would do and the possible
duplicates they make, decide for each (merge, keep apart, or later), then import them all at once or not at all.
The files are held only while the user decides (see web/uploads.py)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from rapport.errors import RapportError
from rapport.i18n import Translator
from rapport.web.pages import back_to, in_thread, render, store_of, translator
from rapport.web.uploads import TooLarge, Upload, Uploads

router = APIRouter()


_OWNERS_LOCK = threading.Lock()


def uploads_of(request: Request) -> Uploads:
    """The upload held for this person: the one of the server on one person's computer; on a shared server each
    account has its own, so one person's upload neither replaces nor opens another's."""
    base: Uploads = request.app.state.uploads
    if not request.app.state.multi_user:
        return base
    owner = store_of(request).owner_id
    with _OWNERS_LOCK:
        per_owner: dict[int, Uploads] = request.app.state.owner_uploads
        if owner not in per_owner:
            per_owner[owner] = Uploads(lifetime=base.lifetime, limit=base.limit, root=base.root)
        return per_owner[owner]


def megabytes(t: Translator, limit: int) -> str:
    return t.number(round(limit / (1024 * 1024), 1))


def limit_text(t: Translator, limit: int) -> str:
    """The one line for files over the limit."""
    return t("web.import.too_large", size=megabytes(t, limit))


def _form(request: Request, error: str | None = None, status: int = 200) -> Response:
    t = translator(request)
    limit = t("web.import.limit", size=megabytes(t, uploads_of(request).limit))
    return render(request, "import.html", status=status, error=error, limit=limit)


@router.get("/import")
def form(request: Request) -> Response:
    return _form(request)


@router.post("/import")
async def upload(request: Request) -> Response:
    from rapport.services import reviewing

    t = translator(request)
    uploads = uploads_of(request)
    form = await request.form()
    sent = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]

    if not sent:
        return _form(request, t("web.import.no_files"), 400)
    typed = str(form.get("exported_on", "")).strip()
    try:
        exported_on = dt.date.fromisoformat(typed) if typed else None
    except ValueError:
        return _form(request, t("web.import.bad_day", value=typed[:40]), 400)
    try:
        held = await in_thread(lambda: uploads.hold([(f.filename or "", f.file) for f in sent]))
    except TooLarge:
        return _form(request, limit_text(t, uploads.limit), 413)
    try:
        held.exported_on, held.owner = exported_on, str(form.get("owner", "")).strip()[:200] or None
        held.review = await in_thread(
            lambda: reviewing.dry_run(store_of(request).context(), held.paths, exported_on, held.owner)
        )
    except RapportError as exc:
        uploads.drop(held.id)
        return _form(request, _message(t, exc, held), 400)
    return back_to(f"/import/{held.id}")


@router.get("/import/{upload_id}")
def review(request: Request, upload_id: str) -> Response:
    held = uploads_of(request).get(upload_id)
    if held is None:
        return _gone(request)
    return render(request, "import_review.html", upload=held, lines=_lines(translator(request), held.review, held))


@router.post("/import/{upload_id}")
async def confirm(request: Request, upload_id: str) -> Response:
    """Import the held files with the decisions taken, in one transaction: all of it, or nothing."""
    uploads = uploads_of(request)
    held = uploads.get(upload_id)
    if held is None or not held.busy.acquire(blocking=False):  # the same form sent twice: imported once
        return _gone(request)
    try:
        return await _import(request, uploads, held)
    finally:
        held.busy.release()


async def _import(request: Request, uploads: Uploads, held: Upload) -> Response:
    from rapport.services import reviewing

    form = await request.form()
    if form.get("cancel") is not None:
        uploads.drop(held.id)
        return back_to("/import")
    decisions = {i: str(form.get(f"pair-{i}", "later")) for i in range(len(held.review.pairs))}

    def work() -> reviewing.Outcome:
        with store_of(request).unit_of_work() as (ctx, conn):
            return reviewing.import_reviewed(
                ctx, conn, held.paths, held.review, decisions, held.exported_on, held.owner
            )

    t = translator(request)
    try:
        outcome = await in_thread(work)
    except reviewing.Changed as changed:
        held.review = changed.review
        return render(
            request, "import_review.html", status=409, upload=held, lines=_lines(t, held.review, held), changed=True
        )
    except RapportError as exc:
        uploads.drop(held.id)
        return _form(request, _message(t, exc, held), 400)
    uploads.drop(held.id)
    return render(request, "imported.html", lines=_lines(t, outcome.review, held), outcome=outcome)


def _gone(request: Request) -> Response:
    # 404, as for any address that holds nothing: an upload imported, expired, or another person's
    return _form(request, translator(request)("web.import.gone"), 404)


def _lines(t: Translator, review: Any, held: Upload) -> list[tuple[bool, str]]:
    """The command line's report, each file named as it was uploaded (never the folder it is held in)."""
    from rapport.i18n.reports import import_lines

    return [(warning, _unheld(text, held)) for warning, text in import_lines(review.summary, t, web=True)]


def _unheld(text: str, held: Upload) -> str:
    return text.replace(os.path.join(held.folder, "files") + os.sep, "")


def _message(t: Translator, exc: RapportError, held: Upload) -> str:
    """One line on what is wrong, naming the file as it was uploaded (never the folder it is held in)."""
    from rapport.i18n.reports import WEB_WORDING, file_problem

    facts = dict(exc.facts)
    key, facts = file_problem(exc.code, facts, t, WEB_WORDING)
    return _unheld(t(WEB_WORDING.get(key, key), **facts), held)
