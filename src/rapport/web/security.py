"""Safety on localhost: any web page the user visits can send requests to 127.0.0.1.

- The Host header must name this server (127.0.0.1, localhost, or the host it was started on, with its port):
  a page on another name that resolves to 127.0.0.1 (DNS rebinding) gets 400.
- Every state-changing request carries a CSRF token equal to the one in an HttpOnly, SameSite=Strict cookie: in
  the hidden form field `csrf_token`, or the `X-CSRF-Token` header htmx sends. Without it: 403.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

COOKIE = "rapport_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def allowed_hosts(host: str, port: int, public: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host header values this server answers to: its own address with its port, and the names a proxy in
    front of it is reached by (`public`, with or without a port)."""
    names = {"127.0.0.1", "localhost", "[::1]", host.strip().lower()}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host.strip().lower()}]")
    own = {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())
    return frozenset(own | {name.strip().lower() for name in public if name.strip()})


def host_ok(header: str | None, allowed: Iterable[str]) -> bool:
    return header is not None and header.strip().lower() in allowed


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_shape_ok(token: str | None) -> bool:
    """A token this server could have made (a cookie someone else set is replaced)."""
    return token is not None and 40 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def token_ok(cookie: str | None, sent: str | None) -> bool:
    if not token_shape_ok(cookie) or not sent:
        return False
    assert cookie is not None
    return secrets.compare_digest(cookie.encode(), sent.encode())
