"""Circles, Week and Settings in a real browser (Debian's Chromium driven by Playwright, as in test_browser.py): on
a 360-pixel phone without sideways scrolling and on a desktop screen, in both languages; the dots lead to the
contact, the days stack on the phone and stand side by side on the desktop, and the calendar address made on
Settings serves a calendar until a new one replaces it. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from icalendar import Calendar

from tests.cli.conftest import Cli
from tests.web.test_browser import CHROMIUM, PHONE, Server, _fits, _need_chromium, _shot, server  # noqa: F401

DESKTOP = {"width": 1280, "height": 860}
PAGES = ("circles", "week", "settings")


@pytest.fixture
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def _page(browser: Any, viewport: dict[str, int]) -> Any:
    return browser.new_context(viewport=viewport, locale="en-GB").new_page()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_new_page_fits_a_phone_and_is_shot_on_phone_and_desktop(
    server: Server,  # noqa: F811
    browser: Any,
    lang: str,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["cli"]
    phone, desktop = _page(browser, PHONE), _page(browser, DESKTOP)
    for name in PAGES:
        for page, screen in ((phone, "phone"), (desktop, "desktop")):
            response = page.goto(f"{server.url}/{name}?lang={lang}")
            assert response.status == 200, name
            assert page.locator("html").get_attribute("lang") == lang
            _shot(page, f"{name}-{screen}-{lang}-{backend}")
        _fits(phone)


def test_a_dot_on_the_rings_leads_to_the_person(server: Server, browser: Any, cli: Cli) -> None:  # noqa: F811
    import json

    page = _page(browser, DESKTOP)
    page.goto(server.url + "/circles?lang=en")
    core = [r for r in json.loads(cli.ok("list", "--json").out) if r["circle"] == "core"]
    someone = core[0]
    dot = page.locator(f'svg a[href="/contacts/{someone["id"]}"] circle')
    assert dot.count() == 1
    dot.click()
    page.wait_for_url(f"**/contacts/{someone['id']}")
    assert page.get_by_role("heading", level=1).inner_text() == someone["name"]


def test_the_days_stack_on_a_phone_and_stand_side_by_side_on_a_desktop(
    server: Server,  # noqa: F811
    browser: Any,
) -> None:
    boxes = {}
    for screen, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = _page(browser, viewport)
        page.goto(server.url + "/week?lang=de")
        days = page.locator("ol.week > li.day")
        assert days.count() == 7
        boxes[screen] = [days.nth(i).bounding_box() for i in range(2)]
        if screen == "phone":
            _fits(page)
    (first, second) = boxes["phone"]
    assert second["y"] >= first["y"] + first["height"] and second["x"] == first["x"]
    (first, second) = boxes["desktop"]
    assert second["y"] == first["y"] and second["x"] > first["x"] + first["width"] - 1


def test_the_calendar_address_on_settings_serves_the_calendar_until_a_new_one_replaces_it(
    server: Server,  # noqa: F811
    browser: Any,
) -> None:
    page = _page(browser, PHONE)
    page.goto(server.url + "/settings?lang=en")
    page.get_by_role("button", name="Make an address").click()
    page.wait_for_url("**/settings?saved=calendar_made*")
    assert "Your calendar has an address" in page.get_by_role("status").inner_text()
    address = page.get_by_label("Address of your calendar").input_value()
    assert address.startswith(server.url + "/calendar/") and address.endswith(".ics")
    _fits(page)
    _shot(page, "settings-calendar-phone")
    answer = page.request.get(address)
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(answer.body()).walk("VEVENT")
    assert any(str(e["SUMMARY"]).startswith("Birthday: ") for e in events)

    page.get_by_role("button", name="New address").click()
    page.wait_for_url("**/settings?saved=calendar#*")
    assert "the old one no longer works" in page.get_by_role("status").inner_text()
    renewed = page.get_by_label("Address of your calendar").input_value()
    assert renewed != address
    assert page.request.get(address).status == 404
    assert page.request.get(renewed).status == 200


def test_the_profile_is_saved_from_settings_and_a_bad_address_is_refused_in_german(
    server: Server,  # noqa: F811
    browser: Any,
    cli: Cli,
) -> None:
    import json

    page = _page(browser, PHONE)
    page.goto(server.url + "/settings?lang=de")
    page.get_by_label("Dein Name").fill("Julia Baumann")
    page.get_by_label("Deine E-Mail-Adresse").fill("julia@example.ch")
    page.get_by_role("button", name="Speichern").first.click()
    page.wait_for_url("**/settings?saved=profile")
    assert page.get_by_role("status").inner_text() == "Dein Profil ist gespeichert."
    page.get_by_label("Deine E-Mail-Adresse").fill("julia(at)example")
    page.locator("form[action='/settings/profile']").evaluate("f => f.noValidate = true")
    page.get_by_role("button", name="Speichern").first.click()
    alert = page.get_by_role("alert")
    assert "julia(at)example" in alert.inner_text() and "keine gültige E-Mail-Adresse" in alert.inner_text()
    _fits(page)
    _shot(page, "settings-error-phone-de")
    assert json.loads(cli.ok("me", "--json").out)["email"] == "julia@example.ch"
