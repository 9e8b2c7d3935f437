"""Sessions on a shared server: a signed cookie naming the account, a fresh random session id at every login, and
the time it was issued. The signing key is made on the first start and kept in the data directory (mode 0600); no
setting is needed, and replacing the file logs everybody out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from rapport.config import data_directory

COOKIE = "rapport_session"
#: A session lasts this long after login; then the person logs in again.
LIFETIME = timedelta(days=14)
KEY_FILE = "session.key"


def signing_key(directory: Path | None = None) -> bytes:
    """The server's key, read from its file, or made (32 random bytes) and written readable by its owner only."""
    path = (directory or data_directory()) / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server made it at the same moment: use theirs
            return signing_key(directory)
        with os.fdopen(fd, "wb") as file:
            file.write(key)
    if len(key) < 32:
        raise ValueError(f"{path} holds no usable key; delete it and start again")
    return key


def _mac(key: bytes, payload: str) -> str:
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue(key: bytes, user_id: int, now: datetime) -> str:
    """A new session for `user_id`: its cookie value."""
    payload = f"{user_id}.{secrets.token_urlsafe(16)}.{int(now.timestamp())}"
    return f"{payload}.{_mac(key, payload)}"


def read(key: bytes, value: str | None, now: datetime) -> int | None:
    """The account a cookie value names, when its signature holds and it has not expired; None otherwise."""
    if not value or len(value) > 200:
        return None
    payload, _, mac = value.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or not hmac.compare_digest(mac, _mac(key, payload)):
        return None
    user, _session, issued = parts
    if not (user.isdigit() and issued.isdigit()):
        return None
    age = now.timestamp() - int(issued)
    if age < -60 or age > LIFETIME.total_seconds():
        return None
    return int(user)
