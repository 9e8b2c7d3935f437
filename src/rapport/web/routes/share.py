"""Share an article (`rapport share`, `rapport feed`): paste a link (fetched now, because you asked, by the same
code as `rapport share URL`, with its timeout and size limit), upload a file or paste the text; see who would find it
interesting and why; draft the note to one of them (kind `share`, with its check); mark it sent, which records the
share, a favour given and an interaction, as `rapport share URL --to NAME --log` does. Feeds: list, add, remove, scan.

The article read is held in memory under a random key (the newest few only), so that its ranking, drafts and
"sent" need no second fetch; after a restart it is simply read again.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from rapport.errors import InputError, NotFound, RapportError
from rapport.web.pages import back_to, in_thread, problem, render, store_of, translator

router = APIRouter()
#: How many articles read are held for their ranking, drafts and "sent".
HELD = 64
#: The channels a note can be drafted for (and recorded on when marked sent).
VIA = ("email", "linkedin", "xing")


class Shelf:
    """The articles read lately, by whose they are and a random key; the oldest fall off. Another person's key
    is no key: on a shared server, what one person reads stays theirs."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[int, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, owner_id: int, article: Any) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._items[(owner_id, key)] = article
            while len(self._items) > HELD:
                self._items.popitem(last=False)
        return key

    def get(self, owner_id: int, key: str) -> Any:
        with self._lock:
            article = self._items.get((owner_id, key))
        if article is None:
            raise NotFound("web.share.gone")
        return article


def _shelf(request: Request) -> Shelf:
    state = request.app.state
    with _SHELF_LOCK:
        if not hasattr(state, "articles"):
            state.articles = Shelf()
    shelf: Shelf = state.articles
    return shelf


_SHELF_LOCK = threading.Lock()


def _lang(request: Request) -> str:
    return "de-CH" if translator(request).lang == "de" else "en"


def _title(article: Any) -> str:
    return str(article.title or article.url or article.source)


# ------------------------------------------------------------------------------------------- the page and its form
def _feeds(request: Request) -> list[dict[str, Any]]:
    from rapport.services import share as service

    with store_of(request).unit_of_work() as (ctx, conn):
        return service.list_feeds(ctx, conn)


def _page(request: Request, status: int = 200, **values: Any) -> Response:
    facts: dict[str, Any] = {"url": "", "text": "", "error": None, "feed_error": None, "status_message": ""}
    facts.update(values)
    facts.setdefault("scan", None)
    facts.setdefault("feed_url", "")
    return render(request, "share.html", status=status, feeds=_feeds(request), **facts)


@router.get("/share")
def form(request: Request, url: str = "") -> Response:
    return _page(request, url=url)


async def _read(request: Request) -> tuple[Any, dict[str, str]]:
    """The article the form names: the link (fetched now), else the file, else the pasted text."""
    from rapport.services import articles

    form = await request.form()
    url = str(form.get("url", "")).strip()
    text = str(form.get("text", ""))
    typed = {"url": url, "text": text}
    upload = form.get("file")
    t = translator(request)
    if url:
        if not articles.is_url(url):  # never a path on this computer
            raise InputError("share.bad_url", url=url[:200])
        return await in_thread(lambda: articles.load(url)), typed
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(articles.MAX_BYTES + 1)
        name = upload.filename[:200]
        if len(data) > articles.MAX_BYTES:
            raise InputError("share.too_big", url=name, mb=articles.MAX_BYTES // (1024 * 1024))
        return await in_thread(lambda: articles.extract(data, name)), typed
    if text.strip():
        return await in_thread(lambda: articles.extract(text.encode("utf-8"), t("web.share.pasted"))), typed
    raise InputError("web.share.nothing")


@router.post("/share")
async def read(request: Request) -> Response:
    typed: dict[str, str] = {}
    try:
        article, typed = await _read(request)
    except RapportError as exc:
        t = translator(request)
        form = await request.form()
        typed = {"url": str(form.get("url", "")), "text": str(form.get("text", ""))}
        return _page(request, status=400, error=problem(t, exc), **typed)
    return back_to(f"/share/a/{_shelf(request).put(store_of(request).owner_id, article)}")


# ----------------------------------------------------------------------------------------- who, the note, sent
@router.get("/share/a/{key}")
def ranking(request: Request, key: str, shared: int | None = None) -> Response:
    from rapport.services import people
    from rapport.services import share as service

    article = _shelf(request).get(store_of(request).owner_id, key)
    t = translator(request)
    message = ""
    with store_of(request).unit_of_work() as (ctx, conn):
        found = service.rank(ctx, conn, article)
        if shared is not None:
            person = people.resolve(ctx, conn, f"#{shared}")
            message = t("share.logged", title=_title(article), name=person.name)
    return render(
        request,
        "share_ranking.html",
        key=key,
        title=_title(article),
        article=article,
        ranking=found,
        ranker=t(f"share.ranker.{found.ranker}"),
        status_message=message,
    )


def _via(typed: str) -> str:
    if typed not in VIA:
        raise InputError("web.share.bad_via")
    return typed


@router.get("/share/a/{key}/to/{contact_id}")
def draft(request: Request, key: str, contact_id: int, via: str = "email") -> Response:
    from rapport.services import share as service

    article = _shelf(request).get(store_of(request).owner_id, key)
    channel = _via(via)
    t = translator(request)
    with store_of(request).unit_of_work() as (ctx, conn):
        written = service.draft(ctx, conn, article, f"#{contact_id}", lang=_lang(request), via=channel)
    return render(
        request,
        "share_draft.html",
        key=key,
        contact_id=contact_id,
        title=_title(article),
        article=article,
        draft=written,
        via=channel,
        vias=[(v, t.term("channel", v)) for v in VIA],
    )


@router.post("/share/a/{key}/to/{contact_id}/sent")
async def sent(request: Request, key: str, contact_id: int) -> Response:
    from rapport.services import share as service

    article = _shelf(request).get(store_of(request).owner_id, key)
    form = await request.form()
    channel = _via(str(form.get("via", "email")))

    def work() -> None:
        with store_of(request).unit_of_work() as (ctx, conn):
            service.record(ctx, conn, article, f"#{contact_id}", via=channel)

    await in_thread(work)
    return back_to(f"/share/a/{key}?shared={contact_id}")


# ------------------------------------------------------------------------------------------------------ feeds
async def _feed_url(request: Request) -> str:
    form = await request.form()
    return str(form.get("feed_url", "")).strip()


@router.post("/share/feeds")
async def feed_add(request: Request) -> Response:
    from rapport.services import share as service

    url = await _feed_url(request)
    t = translator(request)

    def work() -> str:
        with store_of(request).unit_of_work() as (ctx, conn):
            added = service.add_feed(ctx, conn, url)
        return t("web.share.feed_added", title=added.title or added.url, items=t.plural("feed.items", added.items))

    try:
        message = await in_thread(work)
    except RapportError as exc:
        return _page(request, status=400, feed_error=problem(t, exc), feed_url=url)
    return _page(request, status_message=message)


@router.post("/share/feeds/remove")
async def feed_remove(request: Request) -> Response:
    from rapport.services import share as service

    url = await _feed_url(request)

    def work() -> None:
        with store_of(request).unit_of_work() as (ctx, conn):
            service.remove_feed(ctx, conn, url)

    await in_thread(work)
    return _page(request, status_message=translator(request)("feed.removed", url=url))


@router.post("/share/feeds/scan")
async def feed_scan(request: Request) -> Response:
    from rapport.services import share as service

    t = translator(request)

    def work() -> Any:
        with store_of(request).unit_of_work() as (ctx, conn):
            return service.scan(ctx, conn)

    try:
        result = await in_thread(work)
    except RapportError as exc:
        return _page(request, status=400, feed_error=problem(t, exc))
    if not result.new:
        message = t("feed.nothing_new")
    elif not result.items:
        message = t.plural("feed.scan_none", result.new)
    else:
        message = t.plural("feed.scan_header", result.new)
    return _page(request, status_message=message, scan=result)
