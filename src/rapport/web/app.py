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
from rapport.web.pages import Store, render, translator

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


def create_app(
    settings: Settings, db: str | None = None, now: str | None = None, host: str = "127.0.0.1", port: int = 8000
) -> FastAPI:
    """The app on the store `db` (the default store when None); it answers only to `host`/localhost on `port`."""
    ctx = open_context(settings, db=db, now=now)
    store = Store(ctx.engine, ctx.owner_id, settings, ctx.zone, ctx.location, now)
    allowed = security.allowed_hosts(host, port)

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, dependencies=[Depends(csrf_guard)])
    app.state.store = store
    app.state.uploads = uploads.Uploads()
    app.router.on_shutdown.append(app.state.uploads.drop)
    atexit.register(app.state.uploads.drop)  # files held for a decision never outlive the server

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not security.host_ok(request.headers.get("host"), allowed):
            return PlainTextResponse("Bad Request: unknown Host", status_code=400)
        token = request.cookies.get(security.COOKIE)
        fresh = not security.token_shape_ok(token)
        request.state.csrf = security.new_token() if fresh else token
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

    @app.exception_handler(RapportError)
    async def rapport_error(request: Request, exc: RapportError) -> Response:
        t = translator(request)
        status = 404 if isinstance(exc, NotFound) else 400
        return render(request, "error.html", status=status, message=t(exc.code, **exc.facts))

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/today", status_code=307)

    @app.get("/health", include_in_schema=False)
    def health() -> Response:
        return PlainTextResponse("ok")

    from rapport.web.routes import capture, contacts, importing, today

    app.include_router(today.router)
    app.include_router(capture.router)
    app.include_router(contacts.router)
    app.include_router(importing.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
