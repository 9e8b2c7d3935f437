"""Today weighs at most 100 kB on the demo network, uncompressed: its HTML and every stylesheet and script it loads
from the server (htmx included), as a phone on a slow connection has to fetch them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.web.conftest import Web

LIMIT = 100_000  # bytes


class _Loads(HTMLParser):
    """The same-origin stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") if tag == "script" else found.get("href") if tag == "link" else None
        if url and not re.match(r"^[a-z]+:|^//", url):
            self.urls.append(url)


def _weight(web: Web, path: str) -> tuple[int, list[str]]:
    page = web.client.get(path)
    assert page.status_code == 200
    loads = _Loads()
    loads.feed(page.text)
    total = len(page.content)
    for url in loads.urls:
        part = web.client.get(url)
        assert part.status_code == 200, url
        total += len(part.content)
    return total, loads.urls


def test_today_with_its_styles_and_scripts_weighs_at_most_100_kb(web: Web) -> None:
    for lang in ("en", "de"):
        total, urls = _weight(web, f"/today?lang={lang}")
        assert "/static/htmx.min.js" in urls and "/static/style.css" in urls  # what it loads is counted
        assert total <= LIMIT, f"Today ({lang}) weighs {total:,} bytes"
