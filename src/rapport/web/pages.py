"""What every page needs: the store context of the request, its language, and rendering (whole page or one block
for htmx)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool

from rapport.config import Settings, parse_now
from rapport.errors import RapportError
from rapport.i18n import Translator
from rapport.services.agenda import Kept
from rapport.services.context import Context
from rapport.store.db import Location
from rapport.web import security

LANGS = ("en", "de")
LANG_COOKIE = "rapport_lang"
T = TypeVar("T")


@dataclass
class Store:
    """The store the server was started on; each request gets its own Context (and its own `now`)."""

    engine: Engine
    owner_id: int
    settings: Settings
    zone: tzinfo
    location: Location
    now: str | None  # --now: a fixed moment (demos, tests); None: the clock
    # the day's agenda inputs, per owner, day and store version: shared by every account's view of the server
    kept: Kept = field(default_factory=lambda: Kept())

    def context(self) -> Context:
        return Context(
            engine=self.engine,
            owner_id=self.owner_id,
            settings=self.settings,
            now=parse_now(self.now, self.zone),
            zone=self.zone,
            location=self.location,
        )

    @contextmanager
    def unit_of_work(self) -> Iterator[tuple[Context, Connection]]:
        ctx = self.context()
        with ctx.transaction() as conn:
            yield ctx, conn


def store_of(request: Request) -> Store:
    """The store as this request's person sees it: the logged-in account's on a shared server, else the owner's."""
    own: Store | None = getattr(request.state, "store", None)
    store: Store = own if own is not None else request.app.state.store
    return store


async def in_thread(fn: Callable[[], T]) -> T:
    """Run blocking store work off the event loop."""
    return await run_in_threadpool(fn)


def _accept_language(header: str) -> str | None:
    weighted = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and q > 0:
            weighted.append((-q, i, primary))
    return min(weighted)[2] if weighted else None


def language(request: Request) -> str:
    """`?lang=de|en` (kept in a cookie), then the language set in the settings, then the browser's, then English."""
    asked = request.query_params.get("lang", "").lower()
    if asked in LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE, "")
    if kept in LANGS:
        return kept
    settings = store_of(request).settings
    if settings.lang:
        chosen = settings.language().lower().split("-")[0]
        return chosen if chosen in LANGS else "en"
    return _accept_language(request.headers.get("accept-language", "")) or "en"


def translator(request: Request) -> Translator:
    return Translator(language(request), store_of(request).zone)


def problem(t: Translator, exc: RapportError) -> str:
    """A refusal in one line of the page's language: the pages' own wording (`web.say.<code>`) where the command
    line's names its options, else the same line as the command line."""
    key = f"web.say.{exc.code}"
    return t(key if key in t.catalog else exc.code, **exc.facts)


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
            autoescape=True,  # every stored text renders inert; no template marks user data safe
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    return _ENV


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, template: str, status: int = 200, block: str | None = None, **values: Any) -> HTMLResponse:
    """The page (or, for htmx, only `block` of it) in the request's language."""
    t = translator(request)
    facts = {
        "t": t,
        "lang": t.lang,
        "csrf": request.state.csrf,
        "path": request.url.path,
        "user": getattr(request.state, "user", None),
        "multi_user": request.app.state.multi_user,
        **values,
    }
    if block is not None and is_htmx(request):
        from jinja2_fragments import render_block

        html = render_block(environment(), template, block, **facts)
    else:
        html = environment().get_template(template).render(**facts)
    return finished(request, HTMLResponse(html, status_code=status))


def finished(request: Request, response: HTMLResponse) -> HTMLResponse:
    """The page as sent: a language asked for in the address is kept in a cookie."""
    asked = request.query_params.get("lang", "").lower()
    if asked in LANGS:
        response.set_cookie(LANG_COOKIE, asked, httponly=True, samesite="strict", path="/")
    return response


def back_to(url: str) -> Response:
    """After a plain form POST: see the result with a GET (POST, redirect, GET)."""
    return RedirectResponse(url, status_code=303)


def csrf_field_name() -> str:
    return security.FIELD
