"""The calendar subscription: a secret address that serves the same iCalendar as `rapport export ics`.

Whoever knows the address can read the calendar (names, birthdays, meetings): the token in it is a capability, a
secret like a password. It is kept where rapport keeps secrets, never in the database:

- one file per store and owner in the user's data directory (`calendar/<name>.token`, the name a hash of the
  owner and the store, so that a token of one store never opens another), written readable and writable by its
  owner only (0600, in a directory that only the owner may enter);
- the address has to be shown again (on Settings and by `rapport calendar-url`) whenever a second device
  subscribes, so the token itself is kept, not only a hash of it: a hash would allow showing it once only;
- a backup or a copy of the database carries no token; a restored or moved store gets a new address;
- `--new` (or "New address" on Settings) replaces the token: the old address answers 404 from then on.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from pathlib import Path

from sqlalchemy import Connection

from rapport.services.context import Context

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits, after the owner's number
OWNER_ONLY = 0o600


def _directory() -> Path:
    from rapport.config import data_directory

    return data_directory() / "calendar"


def token_path(ctx: Context, conn: Connection) -> Path:
    """Where the token of this owner in this store is kept."""
    from rapport.services.exporting import owner_key

    who = f"{owner_key(conn, ctx.owner_id)}\x1f{ctx.location.display()}"
    return _directory() / f"{hashlib.sha256(who.encode('utf-8')).hexdigest()[:32]}.token"


def _shape_ok(token: str) -> bool:
    return 40 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def current(ctx: Context, conn: Connection) -> str | None:
    """The token now in force (None before the first one is made)."""
    path = token_path(ctx, conn)
    try:
        if path.stat().st_mode & 0o077:  # loosened by hand: tightened again before it is read
            os.chmod(path, OWNER_ONLY)
        token = path.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return token if _shape_ok(token) else None


def renew(ctx: Context, conn: Connection) -> str:
    """A new token, replacing the old one (whose address stops working)."""
    import tempfile

    token = f"{ctx.owner_id}-{secrets.token_urlsafe(TOKEN_BYTES)}"  # whose it is, so a shared server finds them
    path = token_path(ctx, conn)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    handle, partial = tempfile.mkstemp(prefix=".token-", dir=path.parent)  # created 0600, a name of its own
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(token + "\n")
        os.chmod(partial, OWNER_ONLY)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise
    return token


def ensure(ctx: Context, conn: Connection) -> str:
    """The token in force, made on first use."""
    return current(ctx, conn) or renew(ctx, conn)


def opens(ctx: Context, conn: Connection, presented: str) -> bool:
    """Whether `presented` is the token in force (compared in constant time)."""
    token = current(ctx, conn)
    return token is not None and secrets.compare_digest(token.encode("ascii"), presented.encode("utf-8"))


def owner_of(token: str) -> int | None:
    """The owner a token names (its number before the first dash); None for a token that names nobody."""
    number, dash, _rest = token.partition("-")
    return int(number) if dash and number.isdigit() and len(number) <= 12 else None


def path_of(token: str) -> str:
    """The address path of the feed (after the server's http://host:port)."""
    return f"/calendar/{token}.ics"


def address(token: str, host: str = "127.0.0.1", port: int = 8000) -> str:
    """The whole address, as `rapport serve --host --port` serves it."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}{path_of(token)}"


def feed(ctx: Context, conn: Connection, lang: str | None = None) -> str:
    """The calendar: exactly what `rapport export ics` writes (birthdays, follow-up deadlines, today's actions,
    planned meetings and meetups, the coming week's networking time)."""
    from rapport.services import exporting

    out = io.StringIO(newline="")
    exporting.export_calendar(ctx, conn, out, lang=lang)
    return out.getvalue()
