"""The web app on the demo network, in-process (FastAPI's TestClient), on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from rapport.config import Settings
from rapport.web.app import create_app
from tests.cli.conftest import NOW, Cli, cli  # noqa: F401  (the `cli` fixture: a fresh store on each backend)

BASE = "http://127.0.0.1:8000"


@dataclass
class Web:
    client: TestClient
    cli: Cli

    def at(self, now: str) -> None:
        """Evaluate from now on at `now` (the server's --now), and the command line too."""
        self.client.app.state.store.now = now  # type: ignore[attr-defined]
        self.now = now

    now: str = NOW

    def token(self) -> str:
        if self.client.cookies.get("rapport_csrf") is None:
            self.client.get("/today")
        token = self.client.cookies.get("rapport_csrf")
        assert token
        return token

    def post(self, url: str, data: dict[str, str], htmx: bool = False) -> object:
        """A form post as the browser sends it: with the page's token (as htmx sends it, or as the form field)."""
        if htmx:
            return self.client.post(url, data=data, headers={"X-CSRF-Token": self.token(), "HX-Request": "true"})
        return self.client.post(url, data={**data, "csrf_token": self.token()}, follow_redirects=False)


def make_web(store: Cli, lang: str = "") -> Web:
    app = create_app(Settings(timezone="Europe/Zurich", lang=lang), db=store.db, now=NOW, port=8000)
    return Web(TestClient(app, base_url=BASE), store)


@pytest.fixture
def web(cli: Cli) -> Iterator[Web]:  # noqa: F811
    """The demo network (loaded in English), served with no language set: the page or the browser chooses."""
    cli.ok("demo")
    made = make_web(cli)
    yield made
    made.client.close()


class _Text(HTMLParser):
    """The text a reader sees (and the labels a screen reader says), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return html.unescape(" ".join(" ".join(parser.parts).split()))


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüéèàç]+", text)}
