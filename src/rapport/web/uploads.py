"""Uploaded files, held only while the user decides: in a fresh temporary folder (mode 0700, each file 0600), one
upload at a time. They are deleted after the import, on the next upload, when the server stops, or an hour after
the upload, whichever comes first; never kept."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

LIFETIME = 3600.0  # seconds an upload is held for the decision
LIMIT = 50 * 1024 * 1024  # bytes a request may carry (all files together): a LinkedIn export is a few MB
_CHUNK = 1 << 16
_UNSAFE = re.compile(r"[^\w.\- ]+")


class TooLarge(Exception):
    """The files are larger than the limit."""


def safe_name(name: str) -> str:
    """A file name that is only a name: no folder, no leading dot, no control or path characters, at most 100
    characters; its date and extension survive (the import reads a LinkedIn export's date from its name)."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, ext = base.rpartition(".")
    kept = f"{stem[: 99 - len(ext)]}.{ext}" if dot and len(ext) <= 10 else base[:100]
    kept = kept.strip(" .")
    return kept if kept.strip("_") else "upload"


@dataclass
class Upload:
    id: str
    folder: str
    paths: list[str]
    held_since: float
    review: Any = None  # what the dry run showed (services.reviewing.Review)
    exported_on: Any = None  # the day the LinkedIn export was made, when the user gave it
    owner: str | None = None  # the user's name in the LinkedIn export, when rapport cannot tell
    timer: threading.Timer | None = field(default=None, repr=False)
    busy: threading.Lock = field(default_factory=threading.Lock, repr=False)  # held while its import runs

    @property
    def names(self) -> list[str]:
        return [os.path.basename(p) for p in self.paths]


class Uploads:
    """The one upload held for a decision."""

    def __init__(self, lifetime: float = LIFETIME, limit: int = LIMIT, root: str | None = None) -> None:
        self.lifetime, self.limit = lifetime, limit
        self.root = root  # where the folders are made: the system's temporary directory unless given
        self._held: Upload | None = None
        self._lock = threading.Lock()

    def hold(self, files: Iterable[tuple[str, IO[bytes]]]) -> Upload:
        """Write the files into a new private folder (the upload held before is deleted first). Raises TooLarge,
        with nothing left behind, when they are larger than the limit."""
        self.retire()
        folder = tempfile.mkdtemp(prefix="rapport-import-", dir=self.root)  # 0700
        inside = os.path.join(folder, "files")  # the folder's name is no date the import could read
        os.mkdir(inside, 0o700)
        paths: list[str] = []
        total = 0
        try:
            for name, stream in files:
                path = _free_path(inside, safe_name(name))
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > self.limit:
                            raise TooLarge
                        out.write(chunk)
                paths.append(path)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        upload = Upload(secrets.token_urlsafe(16), folder, paths, time.monotonic())
        upload.timer = threading.Timer(self.lifetime, self.retire, args=(upload.id,))
        upload.timer.daemon = True
        with self._lock:
            self._held = upload
        upload.timer.start()
        return upload

    def get(self, upload_id: str) -> Upload | None:
        """The upload held under `upload_id`, unless it was replaced, imported or is older than its lifetime."""
        with self._lock:
            held = self._held
        if held is None or not secrets.compare_digest(held.id.encode(), upload_id.encode()):
            return None
        if time.monotonic() - held.held_since > self.lifetime:
            if held.busy.acquire(blocking=False):  # else its import is running: the timer deletes it after
                try:
                    self.drop(held.id)
                finally:
                    held.busy.release()
            return None
        return held

    def retire(self, upload_id: str | None = None) -> None:
        """Delete the held upload (only if it is `upload_id`, when given) once its import, if one runs, is over:
        for the timer and the next upload (never on the event loop, where the import's end is awaited)."""
        with self._lock:
            held = self._held
        if held is None or (upload_id is not None and held.id != upload_id):
            return
        with held.busy:
            self.drop(held.id)

    def drop(self, upload_id: str | None = None) -> None:
        """Delete the held upload (only if it is `upload_id`, when given), now."""
        with self._lock:
            held = self._held
            if held is None or (upload_id is not None and held.id != upload_id):
                return
            self._held = None
        if held.timer is not None:
            held.timer.cancel()
        shutil.rmtree(held.folder, ignore_errors=True)


def _free_path(folder: str, name: str) -> str:
    """`name` in `folder`, or `2-name`, `3-name` … when two files of one upload share a name."""
    path, n = os.path.join(folder, name), 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(folder, f"{n}-{name}")
    return path


def refusal(request: Any, limit: int) -> Any:
    """The error page for a request whose body is larger than `limit` (413) or does not say its length (411),
    answered before anything of it is read; None for every other request."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    length = request.headers.get("content-length")
    if length is None and request.headers.get("transfer-encoding") is None:
        return None  # no body
    from rapport.web.pages import render, translator
    from rapport.web.routes.importing import limit_text

    t = translator(request)
    if length is None:
        return render(request, "error.html", status=411, message=t("web.import.no_length"))
    if not length.strip().isdigit() or int(length) > limit:
        return render(request, "error.html", status=413, message=limit_text(t, limit))
    return None
