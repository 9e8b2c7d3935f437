"""Logging in and out on a shared server (`rapport serve --multi-user`). A login that fails ten times in a row, for
an account or from an address, waits before the next try (429 with Retry-After); a login starts a new session and a
new CSRF token."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rapport.web import security, sessions
from rapport.web.pages import in_thread, render, translator

router = APIRouter()


def _next(target: str) -> str:
    """Where to go after logging in: a path on this server, never another site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/today"
    return target


@router.get("/login")
def form(request: Request, next: str = "/today") -> Response:
    return render(request, "login.html", next=_next(next), login="", error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    from rapport.services import accounts

    form = await request.form()
    login, secret = str(form.get("login", ""))[:400], str(form.get("password", ""))[:2000]
    target = _next(str(form.get("next", "/today")))
    app = request.app
    now = datetime.now(UTC)
    address = request.client.host if request.client else "?"
    keys = (f"account:{login.strip().lower()}", f"address:{address}")
    t = translator(request)
    wait = app.state.attempts.wait(keys, now)
    if wait.total_seconds() > 0:
        minutes = max(1, -(-int(wait.total_seconds()) // 60))
        page = render(
            request, "login.html", status=429, next=target, login=login, error=t("web.login.wait", minutes=minutes)
        )
        page.headers["Retry-After"] = str(int(wait.total_seconds()) + 1)
        return page

    def check() -> int | None:
        with app.state.store.engine.begin() as conn:
            return accounts.authenticate(conn, login, secret)

    user_id = await in_thread(check)
    if user_id is None:
        app.state.attempts.failed(keys, now)
        return render(request, "login.html", status=401, next=target, login=login, error=t("web.login.wrong"))
    app.state.attempts.succeeded(keys)
    response = RedirectResponse(target, status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(
        sessions.COOKIE,
        sessions.issue(app.state.session_key, user_id, now),
        max_age=int(sessions.LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
    )
    # a new CSRF token with the new session: one planted before the login is worth nothing after it
    response.set_cookie(
        security.COOKIE, security.new_token(), httponly=True, samesite="strict", secure=secure, path="/"
    )
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/")
    response.delete_cookie(security.COOKIE, path="/")
    return response
