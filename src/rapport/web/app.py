"""The web application: `create_app` builds it on an open store; `rapport serve` runs it with uvicorn."""

from __future__ import annotations

import atexit
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from rapport.config import Settings
from rapport.errors import NotFound, RapportError
from rapport.services.context import open_context
from rapport.web import security, uploads
from rapport.web.pages import Store, in_thread, problem, render, translator

STATIC = Path(__file__).parent / "static"


async def csrf_guard(request: Request) -> None:
    """Refuse a state-changing request without the token of its cookie (403)."""
    if request.method in security.SAFE_METHODS:
        return
    sent = request.headers.get(security.HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(security.FIELD)
        sent = value if isinstance(value, str) else None
    if not security.token_ok(request.cookies.get(security.COOKIE), sent):
        from fastapi import HTTPException

        raise HTTPException(status_code=403, detail="csrf")


#: What a visitor who has not logged in may see on a shared server.
PUBLIC = ("/login", "/static/", "/health", "/calendar/")


def create_app(
    settings: Settings,
    db: str | None = None,
    now: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    multi_user: bool = False,
    public_hosts: tuple[str, ...] = (),
    data_dir: Path | None = None,
) -> FastAPI:
    """The app on the store `db` (the default store when None); it answers only to `host`/localhost on `port` (and
    to `public_hosts`, the names a proxy in front of it is reached by). `multi_user`: every page needs a login, and
    each person sees only their own network."""
    ctx = open_context(settings, db=db, now=now)
    store = Store(ctx.engine, ctx.owner_id, settings, ctx.zone, ctx.location, now)
    allowed = security.allowed_hosts(host, port, public_hosts)

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, dependencies=[Depends(csrf_guard)])
    app.state.store = store
    app.state.multi_user = multi_user
    if multi_user:
        from rapport.domain.login import Attempts
        from rapport.web import sessions

        app.state.session_key = sessions.signing_key(data_dir)
        app.state.attempts = Attempts()
    app.state.uploads = uploads.Uploads()
    app.state.owner_uploads = {}  # on a shared server: each account's own (routes/importing.uploads_of)

    def drop_uploads() -> None:  # files held for a decision never outlive the server
        for held in (app.state.uploads, *list(app.state.owner_uploads.values())):
            held.drop()

    app.router.on_shutdown.append(drop_uploads)
    atexit.register(drop_uploads)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not security.host_ok(request.headers.get("host"), allowed):
            return PlainTextResponse("Bad Request: unknown Host", status_code=400)
        token = request.cookies.get(security.COOKIE)
        fresh = not security.token_shape_ok(token)
        request.state.csrf = security.new_token() if fresh else token
        if multi_user:
            request.state.store = await in_thread(lambda: user_store(request))
            if request.state.store is None and not request.url.path.startswith(PUBLIC):
                response: Response = _to_login(request)
                if fresh:
                    response.set_cookie(security.COOKIE, request.state.csrf, httponly=True, samesite="strict", path="/")
                return response
        refusal = uploads.refusal(request, app.state.uploads.limit)
        response = refusal if refusal is not None else await call_next(request)
        if fresh:
            response.set_cookie(security.COOKIE, request.state.csrf, httponly=True, samesite="strict", path="/")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        )
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        t = translator(request)
        key = {403: "web.error.csrf", 404: "web.error.not_found"}.get(exc.status_code, "web.error.other")
        return render(request, "error.html", status=exc.status_code, message=t(key))

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        """An address with a part that is no number (`/contacts/abc`): a readable 404 page, not JSON."""
        t = translator(request)
        return render(request, "error.html", status=404, message=t("web.error.not_found"))

    @app.exception_handler(RapportError)
    async def rapport_error(request: Request, exc: RapportError) -> Response:
        t = translator(request)
        status = 404 if isinstance(exc, NotFound) else 400
        return render(request, "error.html", status=status, message=problem(t, exc))

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        query = request.url.query  # `/?lang=de` keeps the language asked for
        return RedirectResponse("/today" + (f"?{query}" if query else ""), status_code=307)

    @app.get("/health", include_in_schema=False)
    def health() -> Response:
        return PlainTextResponse("ok")

    from rapport.web.routes import (
        calendar,
        capture,
        circles,
        contacts,
        drafts,
        groups,
        importing,
        intros,
        login,
        share,
        today,
        week,
    )
    from rapport.web.routes import settings as settings_page

    if multi_user:
        app.include_router(login.router)
    app.include_router(today.router)
    app.include_router(capture.router)
    app.include_router(contacts.router)
    app.include_router(drafts.router)
    app.include_router(share.router)
    app.include_router(intros.router)
    app.include_router(groups.router)
    app.include_router(circles.router)
    app.include_router(week.router)
    app.include_router(settings_page.router)
    app.include_router(calendar.router)
    app.include_router(importing.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


def user_store(request: Request) -> Store | None:
    """The store as the logged-in person sees it (their owner id, their settings); None without a valid session,
    or when the account is disabled or gone."""
    from datetime import UTC, datetime

    from rapport.web import sessions

    app = request.app
    user_id = sessions.read(app.state.session_key, request.cookies.get(sessions.COOKIE), datetime.now(UTC))
    if user_id is None:
        return None
    found = store_for(app.state.store, user_id)
    if found is not None:
        request.state.user = found[1]
    return None if found is None else found[0]


def store_for(server: Store, user_id: int) -> tuple[Store, str] | None:
    """The store as account `user_id` sees it (its owner id, its settings) and its name; None when the account is
    disabled or gone."""
    from rapport.services import accounts

    with server.engine.begin() as conn:
        name = accounts.active(conn, user_id)
        if name is None:
            return None
        own = accounts.settings(conn, user_id, server.settings)
    return Store(server.engine, user_id, own, own.zone(), server.location, server.now, server.kept), name


def _to_login(request: Request) -> Response:
    """Not logged in: a page goes to the login form (and comes back after it); anything else is refused."""
    from urllib.parse import quote

    target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if request.method == "GET" and request.headers.get("hx-request") != "true":
        return RedirectResponse(target, status_code=303)
    return Response(status_code=401, headers={"HX-Redirect": target})
