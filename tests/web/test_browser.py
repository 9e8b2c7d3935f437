"""The pages in a real browser (Debian's Chromium driven by Playwright) on a phone-sized screen, against the real
server on a free port: quick capture → the 72-hour action on Today → done → gone; quick capture → the action → its
draft, edited and checked again → mark sent → gone; "not now" hides an action and `rapport today` agrees; the
contact page with its chart and the filtered contacts, on a phone and on a desktop screen. Screenshots go to
test-artifacts/web/.

Chromium comes from Debian (`apt-get install chromium`), never from a browser download. Without it these tests are
skipped on a developer's machine and fail in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.config import Settings
from rapport.web.app import create_app
from tests.cli.conftest import NOW, Cli

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).parents[2] / "test-artifacts" / "web"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def _need_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    message = f"the browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, store: Cli) -> None:
        import uvicorn

        self.port = _free_port()
        self.app = create_app(
            Settings(timezone="Europe/Zurich", lang=""), db=store.db, now=NOW, host="127.0.0.1", port=self.port
        )
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def at(self, now: str) -> None:
        self.app.state.store.now = now

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def server(cli: Cli) -> Iterator[Server]:
    _need_chromium()
    cli.ok("demo")
    with Server(cli) as running:
        yield running


def _browser(viewport: dict[str, int]) -> Iterator[object]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def phone() -> Iterator[object]:
    yield from _browser(PHONE)


@pytest.fixture
def desktop() -> Iterator[object]:
    yield from _browser(DESKTOP)


def _shot(page: object, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _fits(page: object) -> None:
    """Nothing wider than the phone's screen: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], width


def test_capture_then_done_on_a_phone(server: Server, phone: object, cli: Cli, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import expect

    page = phone
    backend = request.node.callspec.params["cli"]
    page.goto(server.url + "/capture?lang=en")  # type: ignore[attr-defined]
    _fits(page)
    page.get_by_label("Name").fill("Nora Fankhauser")  # type: ignore[attr-defined]
    page.get_by_label("Where you met").fill("Impact Hub Zürich")  # type: ignore[attr-defined]
    page.get_by_label("Topics").fill("Kreislaufwirtschaft")  # type: ignore[attr-defined]
    page.get_by_label("Notes").fill("Baut eine Plattform für gebrauchte Baumaterialien.")  # type: ignore[attr-defined]
    page.get_by_label("What they look for").fill("Pilotkunden")  # type: ignore[attr-defined]
    page.get_by_label("What they offer").fill("Kontakte zu Gemeinden")  # type: ignore[attr-defined]
    _shot(page, f"capture-phone-{backend}")
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved: Nora Fankhauser")  # type: ignore[arg-type]
    expect(page.locator("pre.draft")).to_contain_text("Nora")  # type: ignore[attr-defined]
    _fits(page)
    _shot(page, f"captured-phone-{backend}")
    new_id = int(page.url.rsplit("/", 1)[1])  # type: ignore[attr-defined]

    page.get_by_role("link", name="Today").first.click()  # type: ignore[attr-defined]
    item = page.locator(f'li[data-contact="{new_id}"][data-kind="follow-up"]')  # type: ignore[attr-defined]
    expect(item).to_be_visible()
    expect(item).to_contain_text("72-hour rule")
    _fits(page)
    _shot(page, f"today-phone-{backend}")

    server.at("2026-11-26T17:00")  # the follow-up goes out that evening
    item.get_by_role("button", name="Done").click()
    expect(page.get_by_role("status")).to_have_text("Done: Nora Fankhauser.")  # type: ignore[attr-defined]
    expect(item).to_have_count(0)
    _shot(page, f"today-done-phone-{backend}")
    agenda = json.loads(cli.ok("today", "--json", now="2026-11-26T17:00").out)
    assert all(a["contact_id"] != new_id for a in agenda)


def test_not_now_on_a_phone_and_the_command_line_agrees(server: Server, phone: object, cli: Cli) -> None:
    from playwright.sync_api import expect

    page = phone
    page.goto(server.url + "/today?lang=de")  # type: ignore[attr-defined]
    first = page.locator("li.action").first  # type: ignore[attr-defined]
    contact, kind = first.get_attribute("data-contact"), first.get_attribute("data-kind")
    # by keyboard: focus the "7 days" button of the first action and press Enter
    button = first.get_by_role("button", name="Nicht jetzt: um 7 Tage verschieben")
    button.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    expect(page.locator(f'li[data-contact="{contact}"][data-kind="{kind}"]')).to_have_count(0)  # type: ignore[attr-defined]
    expect(page.get_by_role("status")).to_contain_text("Verschoben bis")  # type: ignore[attr-defined]
    _fits(page)
    _shot(page, "today-not-now-phone-de")
    agenda = json.loads(cli.ok("today", "--json").out)
    assert (int(str(contact)), kind) not in {(a["contact_id"], a["kind"]) for a in agenda}
    assert agenda  # the others are still there


def test_search_as_you_type_in_the_browser(server: Server, phone: object, cli: Cli) -> None:
    from playwright.sync_api import expect

    listing = json.loads(cli.ok("list", "--json").out)
    someone = listing[len(listing) // 2]
    page = phone
    page.goto(server.url + "/contacts?lang=en")  # type: ignore[attr-defined]
    page.get_by_label("Search by name, organisation, tag or notes").press_sequentially(  # type: ignore[attr-defined]
        someone["name"].split()[-1], delay=30
    )
    results = page.locator("#results a")  # type: ignore[attr-defined]
    expect(results.filter(has_text=someone["name"])).to_have_count(1)
    expect(results).not_to_have_count(len(listing))
    assert "q=" in page.url  # type: ignore[attr-defined]
    _fits(page)
    _shot(page, "contacts-search-phone")


@pytest.fixture(params=["phone", "desktop"])
def screen(request: pytest.FixtureRequest) -> Iterator[tuple[str, object]]:
    """A browser page on a phone (English) or a desktop (German) screen."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    size, locale = (PHONE, "en-GB") if request.param == "phone" else (DESKTOP, "de-CH")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport=size, locale=locale)
        page = context.new_page()
        try:
            yield str(request.param), page
        finally:
            context.close()
            browser.close()


def _fits_in(page: object, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]


def test_share_introduce_and_plan_a_meetup_in_the_browser(
    server: Server, screen: tuple[str, object], cli: Cli, request: pytest.FixtureRequest
) -> None:
    """Share a link (from a site on 127.0.0.1) → the note → mark sent (by keyboard); introduce the first pair; plan
    the Stamm's meetup and record it. English on the phone, German on the desktop; a screenshot of every page."""
    from playwright.sync_api import expect

    from tests.web.site import serve

    kind, page = screen
    backend = request.node.callspec.params["cli"]
    de = kind == "desktop"
    width = (DESKTOP if de else PHONE)["width"]
    words = {
        "find": "Wen könnte er interessieren?" if de else "Who may find it interesting?",
        "link": "Link zum Artikel" if de else "Link to the article",
        "draft": "Entwurf an" if de else "Draft to",
        "sent": "Als gesendet markieren" if de else "Mark sent",
        "shared": "geteilt" if de else "Shared",
        "plan": "Planen, mit neuen Gesichtern" if de else "Plan it, with new faces",
        "record": "Treffen erfassen" if de else "Record the meetup",
        "recorded": "erfasst" if de else "Recorded the meetup",
    }

    def shot(name: str) -> None:
        _fits_in(page, width)
        _shot(page, f"{name}-{kind}-{backend}")

    with serve() as site:
        page.goto(server.url + "/share")  # type: ignore[attr-defined]
        shot("share")
        page.get_by_label(words["link"]).fill(site.url + "/lieferketten")  # type: ignore[attr-defined]
        page.get_by_role("button", name=words["find"]).click()  # type: ignore[attr-defined]
        expect(page.locator("li.proposal").first).to_be_visible()  # type: ignore[attr-defined]
        shot("share-ranking")
        first = page.locator("li.proposal").first  # type: ignore[attr-defined]
        name = first.locator("h2 a").inner_text()
        first.get_by_role("link", name=f"{words['draft']} {name}").click()
        expect(page.locator("pre.draft")).to_contain_text("Lieferketten unter Druck")  # type: ignore[attr-defined]
        expect(page.locator(".check .score")).to_contain_text("/100")  # type: ignore[attr-defined]
        shot("share-draft")
        page.get_by_role("button", name=words["sent"]).focus()  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        expect(page.get_by_role("status")).to_contain_text(words["shared"])  # type: ignore[attr-defined]
        expect(page.locator(f'li.proposal:has(h2 a:text-is("{name}"))')).to_have_count(0)  # type: ignore[attr-defined]
        shot("share-sent")
    shown = json.loads(cli.ok("show", name, "--json").out)
    assert shown["ledger"][0]["kind"] == "information"

    page.get_by_role("link", name="Vorstellungen" if de else "Introductions").click()  # type: ignore[attr-defined]
    expect(page.locator("li.pair").first).to_be_visible()  # type: ignore[attr-defined]
    shot("intros")
    page.locator("li.pair").first.get_by_role("button").click()  # type: ignore[attr-defined]
    expect(page.locator("pre.draft")).to_have_count(2)  # type: ignore[attr-defined]
    shot("intros-asked")

    page.get_by_role("link", name="Gruppen" if de else "Groups").click()  # type: ignore[attr-defined]
    shot("groups")
    page.get_by_role("link", name="Nordstern Stamm").click()  # type: ignore[attr-defined]
    shot("group")
    page.get_by_role("button", name=words["plan"]).click()  # type: ignore[attr-defined]
    expect(page.locator("section.plan pre.draft")).to_be_visible()  # type: ignore[attr-defined]
    expect(page.locator("ul.faces li").first).to_be_visible()  # type: ignore[attr-defined]
    shot("group-planned")
    page.get_by_role("button", name=words["record"]).click()  # type: ignore[attr-defined]
    expect(page.get_by_role("status").first).to_contain_text(words["recorded"])  # type: ignore[attr-defined]
    shot("group-recorded")


def _capture_nora(page: object, server: Server) -> int:
    from playwright.sync_api import expect

    page.goto(server.url + "/capture?lang=en")  # type: ignore[attr-defined]
    page.get_by_label("Name").fill("Nora Fankhauser")  # type: ignore[attr-defined]
    page.get_by_label("Where you met").fill("Impact Hub Zürich")  # type: ignore[attr-defined]
    page.get_by_label("Topics").fill("Kreislaufwirtschaft")  # type: ignore[attr-defined]
    page.get_by_label("What they look for").fill("Pilotkunden")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved: Nora Fankhauser")  # type: ignore[attr-defined]
    return int(page.url.rsplit("/", 1)[1])  # type: ignore[attr-defined]


def test_capture_then_draft_and_mark_sent_on_a_phone(
    server: Server, phone: object, cli: Cli, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    page = phone
    backend = request.node.callspec.params["cli"]
    new_id = _capture_nora(page, server)
    page.get_by_role("link", name="Today").first.click()  # type: ignore[attr-defined]
    item = page.locator(f'li[data-contact="{new_id}"][data-kind="follow-up"]')  # type: ignore[attr-defined]
    expect(item).to_contain_text("72-hour rule")

    item.get_by_role("link", name="Draft a message to Nora Fankhauser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft to Nora Fankhauser")  # type: ignore[attr-defined]
    text = page.get_by_label("Message", exact=True)  # type: ignore[attr-defined]
    written = text.input_value()
    assert "Nora" in written
    check = page.locator("#check")  # type: ignore[attr-defined]
    expect(check).to_contain_text("Personal:")
    _fits(page)
    _shot(page, f"draft-phone-{backend}")

    # edited down to nothing personal and checked again in place (htmx): the check says what is missing
    address = page.url  # type: ignore[attr-defined]
    text.fill("See you.")
    page.get_by_role("button", name="Check again").click()  # type: ignore[attr-defined]
    expect(check).to_contain_text("greeting by name")
    expect(check.locator("li.missing").first).to_be_visible()
    assert page.url == address  # type: ignore[attr-defined]
    _shot(page, f"draft-rechecked-phone-{backend}")
    text.fill(written)
    page.get_by_role("button", name="Check again").click()  # type: ignore[attr-defined]
    expect(check.locator("li.missing", has_text="greeting by name")).to_have_count(0)

    server.at("2026-11-26T17:00")  # sent that evening
    page.get_by_role("button", name="Mark as sent").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("status")).to_have_text("Marked as sent.")  # type: ignore[attr-defined]
    expect(page.locator(f'li[data-contact="{new_id}"]')).to_have_count(0)  # type: ignore[attr-defined]
    _fits(page)
    _shot(page, f"today-sent-phone-{backend}")
    agenda = json.loads(cli.ok("today", "--json", now="2026-11-26T17:00").out)
    assert all(a["contact_id"] != new_id for a in agenda)
    shown = json.loads(cli.ok("show", f"#{new_id}", "--json").out)
    assert shown["interactions"][0]["channel"] == "email"


def _tour(page: object, server: Server, cli: Cli, screen: str) -> None:
    """Today, a draft, a contact with its chart, and the filtered contacts: each fits the screen."""
    from playwright.sync_api import expect

    listing = json.loads(cli.ok("list", "--json").out)
    strongest = max(listing, key=lambda r: r["strength"])
    for lang in ("en", "de"):
        page.goto(server.url + f"/today?lang={lang}")  # type: ignore[attr-defined]
        _fits_screen(page, screen)
        _shot(page, f"today-{screen}-{lang}")
        page.goto(server.url + f"/contacts/{strongest['id']}?lang={lang}")  # type: ignore[attr-defined]
        chart = page.locator("svg.chart")  # type: ignore[attr-defined]
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None and box["height"] > 80, box
        _fits_screen(page, screen)
        _shot(page, f"contact-{screen}-{lang}")
        page.goto(server.url + f"/contacts/{strongest['id']}/draft?kind=check-in&lang={lang}")  # type: ignore[attr-defined]
        _fits_screen(page, screen)
        _shot(page, f"draft-{screen}-{lang}")
        page.goto(server.url + f"/contacts?rusting=1&lang={lang}")  # type: ignore[attr-defined]
        _fits_screen(page, screen)
        _shot(page, f"contacts-rusting-{screen}-{lang}")


def _fits_screen(page: object, screen: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= (PHONE if screen == "phone" else DESKTOP)["width"], width


def test_the_new_pages_on_a_phone(server: Server, phone: object, cli: Cli) -> None:
    _tour(phone, server, cli, "phone")


def test_the_new_pages_on_a_desktop(server: Server, desktop: object, cli: Cli) -> None:
    _tour(desktop, server, cli, "desktop")


def test_contacts_filters_in_the_browser_keep_the_address(server: Server, phone: object, cli: Cli) -> None:
    from playwright.sync_api import expect

    rusting = json.loads(cli.ok("list", "--rusting", "--json").out)
    page = phone
    page.goto(server.url + "/contacts?lang=en")  # type: ignore[attr-defined]
    page.get_by_label("Only rusting").check()  # type: ignore[attr-defined]
    expect(page.locator("#results li")).to_have_count(len(rusting))  # type: ignore[attr-defined]
    expect(page).to_have_url(re.compile(r"rusting=1"))  # type: ignore[arg-type]
    page.reload()  # type: ignore[attr-defined]
    expect(page.get_by_label("Only rusting")).to_be_checked()  # type: ignore[attr-defined]
    expect(page.locator("#results li")).to_have_count(len(rusting))  # type: ignore[attr-defined]


SAMPLES = Path(__file__).parents[1] / "data" / "samples"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_import_the_sample_files_with_one_merge(
    server: Server, cli: Cli, screen: str, request: pytest.FixtureRequest
) -> None:
    """Every sample file uploaded at once; the check shows the one possible duplicate (a Matteo Galli already known
    at another company), the user merges them, and Contacts shows one Matteo Galli."""
    from playwright.sync_api import expect, sync_playwright

    backend = request.node.callspec.params["cli"]
    cli.ok("add", "Matteo Galli", "--company", "Banca Lugano")
    known = len(json.loads(cli.ok("list", "--json").out))
    files = [
        *sorted((SAMPLES / "vcard").glob("*.vcf")),
        SAMPLES / "google" / "contacts.csv",
        *sorted((SAMPLES / "linkedin").glob("*.csv")),
    ]
    viewport = PHONE if screen == "phone" else DESKTOP
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport=viewport, locale="en-GB").new_page()
        try:
            page.goto(server.url + "/today?lang=en")
            page.get_by_role("link", name="Import").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Import contacts")
            page.get_by_label("Files").set_input_files([str(f) for f in files])
            _fits_in(page, viewport["width"])
            _shot(page, f"import-{screen}-{backend}")
            page.get_by_role("button", name="Upload and check").click()

            expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
            expect(page.locator("ul.report")).to_contain_text("18 new, 19 merged into existing contacts")
            pair = page.locator("fieldset.pair")
            expect(pair).to_have_count(1)
            expect(pair).to_contain_text("Matteo Galli (Banca Lugano) in your contacts")
            expect(pair).to_contain_text("Matteo Galli (Ticino Retail SA) from the files")
            assert len(json.loads(cli.ok("list", "--json").out)) == known  # nothing saved yet
            pair.get_by_label("One person: merge them into one contact").check()
            _fits_in(page, viewport["width"])
            _shot(page, f"import-review-{screen}-{backend}")
            page.get_by_role("button", name="Import", exact=True).click()

            expect(page.get_by_role("heading", level=1)).to_have_text("Imported")
            expect(page.get_by_role("status")).to_contain_text("1 pair merged into one person.")
            _fits_in(page, viewport["width"])
            _shot(page, f"imported-{screen}-{backend}")
            page.get_by_role("link", name="See your contacts").click()
            page.get_by_label("Search by name, organisation, tag or notes").press_sequentially("Matteo", delay=30)
            expect(page.locator("#results a").filter(has_text="Matteo Galli")).to_have_count(1)
            expect(page.locator("#results")).to_contain_text("Banca Lugano")
            _shot(page, f"import-contacts-{screen}-{backend}")
        finally:
            browser.close()
    assert json.loads(cli.ok("duplicates", "--json").out) == []
    assert len(json.loads(cli.ok("list", "--json").out)) == known + 17  # 18 people, one of them Matteo
