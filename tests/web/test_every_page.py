"""Every page in a real browser, on SQLite and PostgreSQL, in English and German, on the desktop and on a phone:
axe-core (vendored from the npm package `axe-core` in tests/web/vendor/, MPL-2.0) finds no serious or critical
accessibility violation, the phone never scrolls sideways, and a screenshot of each goes to test-artifacts/web/pages/.

The pages are found from the app's own routes, so a new page cannot be left out: a route with a path parameter needs
an example in EXAMPLES below, else the test says which one is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from tests.cli.conftest import Cli
from tests.web.test_browser import ARTEFACTS, CHROMIUM, PHONE, Server, _need_chromium
from tests.web.test_browser import server as server

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DATA = Path(__file__).parents[1] / "data"
DESKTOP = {"width": 1280, "height": 900}
#: Addresses that are not pages for a person to read (feeds, health, files).
NOT_PAGES = re.compile(r"^/(health|static|calendar/)")


def _someone(cli: Cli) -> str:
    listing = json.loads(cli.ok("list", "--json").out)
    return str(max(listing, key=lambda c: len(c.get("name", "")))["id"])


ARTICLE = (
    "Design Thinking after the workshop: keep prototyping. Teams that tried stand-up retros and new meeting "
    "formats say the hardest part is the second week, when the workshop energy is gone. Three habits help: "
    "a short prototype every Friday, a facilitator from another department, and a shared board of ideas."
)


def _group(cli: Cli, server: Server) -> str:
    return str(json.loads(cli.ok("group", "list", "--json").out)[0]["id"])


def _article(cli: Cli, server: Server) -> str:
    """An article read on the Share page (pasted), as its key in the address."""
    import httpx

    with httpx.Client(base_url=server.url) as client:
        client.get("/share")
        form = {"text": ARTICLE, "csrf_token": client.cookies["rapport_csrf"]}
        answer = client.post("/share", data=form)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).rsplit("/", 1)[1]


def _upload(cli: Cli, server: Server) -> str:
    """A vCard uploaded on the Import page and waiting for review, as its id in the address."""
    import httpx

    with httpx.Client(base_url=server.url) as client:
        client.get("/import")
        first = DATA / "samples" / "vcard" / "rfc6350-4.0.vcf"
        answer = client.post(
            "/import",
            data={"csrf_token": client.cookies["rapport_csrf"]},
            files={"files": (first.name, first.read_bytes(), "text/vcard")},
        )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).rsplit("/", 1)[1]


#: How to fill a path parameter: from the demo network as the command line sees it.
EXAMPLES: dict[str, Callable[[Cli, Server], str]] = {
    "contact_id": lambda cli, server: _someone(cli),
    "group_id": _group,
    "key": _article,
    "upload_id": _upload,
}


def _routes(routes: list[object]) -> list[object]:
    """The app's routes, those of included routers too (FastAPI keeps them behind the router they came from)."""
    flat: list[object] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        flat.extend(_routes(included.routes) if included is not None else [route])
    return flat


def pages(server: Server, cli: Cli) -> list[str]:
    found: list[str] = []
    for route in _routes(server.app.routes):
        if not isinstance(route, APIRoute) or "GET" not in route.methods or NOT_PAGES.match(route.path):
            continue
        path = route.path
        for name in re.findall(r"{(\w+)}", path):
            assert name in EXAMPLES, f"{route.path}: add an example for {{{name}}} to EXAMPLES"
            path = path.replace("{" + name + "}", EXAMPLES[name](cli, server))
        found.append(path)
    return sorted(set(found))


def _stored_texts(cli: Cli) -> list[str]:
    """Every text the store holds (names, places, notes …): the user's words, in whatever language they typed them."""
    texts = {v for rows in cli.snapshot().values() for row in rows for v in row if isinstance(v, str) and len(v) > 2}
    # a page may quote a part: the place before its first comma, one of several offers
    texts |= {part.strip() for v in list(texts) for part in re.split(r"[,;(]", v) if len(part.strip()) > 2}
    return sorted(texts, key=len, reverse=True)


def _english_on(address: str, html: str, stored: list[str]) -> list[str]:
    """English words of rapport's own on a German page (what the user stored aside)."""
    from tests.cli.test_german_words import ENGLISH
    from tests.web.conftest import visible_text, words

    text = visible_text(html)
    for value in stored:
        text = text.replace(value, " ")
    text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
    found = words(text) & ENGLISH
    return [f"{address} (de) says in English: {sorted(found)}"] if found else []


def _violations(page: object) -> list[dict[str, object]]:
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_every_page_is_accessible_fits_a_phone_and_is_photographed(
    server: Server,
    cli: Cli,
    request: pytest.FixtureRequest,
) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    backend = request.node.callspec.params["cli"]
    addresses = pages(server, cli)
    assert {"/today", "/capture", "/contacts"} <= set(addresses)
    # the article's title is its first sentence; longest first, so that no shorter text breaks a longer one
    stored = sorted([*_stored_texts(cli), ARTICLE, *re.split(r"(?<=[.!?])\s", ARTICLE)], key=len, reverse=True)
    shots = ARTEFACTS / "pages"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for screen, size in (("desktop", DESKTOP), ("phone", PHONE)):
                # axe is injected past the page's Content-Security-Policy; the pages themselves keep theirs
                context = browser.new_context(viewport=size, bypass_csp=True)
                page = context.new_page()
                for lang in ("en", "de"):
                    for address in addresses:
                        response = page.goto(f"{server.url}{address}?lang={lang}")
                        assert response is not None and response.status == 200, (address, response)
                        name = address.strip("/").replace("/", "-") or "home"
                        page.screenshot(path=str(shots / f"{name}-{lang}-{screen}-{backend}.png"), full_page=True)
                        if screen == "phone":
                            width = page.evaluate("document.documentElement.scrollWidth")
                            if width > PHONE["width"]:
                                problems.append(f"{address} ({lang}) is {width} px wide on a phone")
                            continue
                        if lang == "de":
                            problems.extend(_english_on(address, page.content(), stored))
                        page.add_script_tag(path=str(AXE))
                        for v in _violations(page):
                            nodes = [n["target"] for n in v["nodes"]]  # type: ignore[attr-defined]
                            problems.append(f"{address} ({lang}): {v['impact']} {v['id']}: {v['help']} at {nodes}")
                context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


def test_the_check_itself_finds_what_it_looks_for() -> None:
    """A page with an unlabelled field and a picture without words fails it: the sweep above can fail."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content('<html lang="en"><title>t</title><main><input type="text"><img src="x.png"></main></html>')
            page.add_script_tag(path=str(AXE))
            found = {v["id"] for v in _violations(page)}
        finally:
            browser.close()
    assert {"label", "image-alt"} <= found, found
