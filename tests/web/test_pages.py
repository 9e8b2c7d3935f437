"""Every page answers in English and in German, with the agenda's actions, the capture form, the search and a
contact's page; the language follows ?lang=, then the settings, then the browser."""

from __future__ import annotations

import json
import re

import pytest

from rapport.config import Settings
from rapport.web.app import create_app
from tests.cli.conftest import NOW
from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words


def _captured(web: Web, lang: str) -> int:
    response = web.post(
        f"/capture?lang={lang}",
        {
            "name": "Nora Fankhauser",
            "where": "Impact Hub Zürich",
            "topics": "Kreislaufwirtschaft, Recycling",
            "notes": "Baut eine Plattform für gebrauchte Baumaterialien.",
            "looking_for": "Pilotkunden",
            "offers": "Kontakte zu Gemeinden",
        },
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    return int(response.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]


def _pages(web: Web, lang: str) -> dict[str, str]:
    new_id = _captured(web, lang)
    agenda = json.loads(web.cli.ok("today", "--json").out)
    first = agenda[0]["contact_id"]
    urls = ["/today", "/capture", f"/capture/{new_id}", "/contacts", "/contacts?q=a", f"/contacts/{first}"]
    pages = {}
    for url in urls:
        response = web.client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
        assert response.status_code == 200, (url, response.text[:300])
        assert f'<html lang="{lang}">' in response.text
        pages[url] = response.text
    return pages


def _stored_texts(web: Web) -> list[str]:
    """Every text the store holds (names, places, notes …): user data, in whatever language it was typed."""
    texts = {
        value
        for rows in web.cli.snapshot().values()
        for row in rows
        for value in row
        if isinstance(value, str) and len(value) > 2
    }
    return sorted(texts, key=len, reverse=True)


def test_a_german_page_says_nothing_in_english(web: Web) -> None:
    pages = _pages(web, "de")
    stored = _stored_texts(web)
    for url, page in pages.items():
        text = visible_text(page)
        for value in stored:
            text = text.replace(value, " ")
        text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
        english = words(text) & ENGLISH
        assert not english, (url, english, text[:2000])
        assert "Heute" in text


def test_an_english_page_speaks_english(web: Web) -> None:
    pages = _pages(web, "en")
    assert "things worth doing today" in visible_text(pages["/today"])
    assert "Just met someone?" in visible_text(pages["/capture"])
    assert "Heute" not in visible_text(pages["/today"])


def test_the_language_follows_the_browser_unless_the_settings_or_the_address_say_otherwise(web: Web) -> None:
    german = web.client.get("/today", headers={"Accept-Language": "de-CH,de;q=0.9,en;q=0.5"})
    assert '<html lang="de">' in german.text
    english = web.client.get("/today", headers={"Accept-Language": "fr-CH, en;q=0.8, de;q=0.5"})
    assert '<html lang="en">' in english.text
    chosen = web.client.get("/today?lang=de", headers={"Accept-Language": "en"})
    assert '<html lang="de">' in chosen.text
    kept = web.client.get("/contacts", headers={"Accept-Language": "en"})  # the choice is kept for the next pages
    assert '<html lang="de">' in kept.text
    app = create_app(Settings(timezone="Europe/Zurich", lang="de"), db=web.cli.db, now=NOW)
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert '<html lang="de">' in client.get("/today", headers={"Accept-Language": "en"}).text


def test_today_shows_the_same_actions_as_the_command_line(web: Web) -> None:
    agenda = json.loads(web.cli.ok("today", "--json").out)
    page = visible_text(web.client.get("/today?lang=en").text)
    assert f"{len(agenda)} things worth doing today" in page
    for action in agenda:
        assert action["name"] in page
        assert action["text"] in page


def test_quick_capture_logs_the_meeting_opens_the_window_and_shows_the_draft(web: Web) -> None:
    new_id = _captured(web, "en")
    page = visible_text(web.client.get(f"/capture/{new_id}?lang=en").text)
    assert "Saved: Nora Fankhauser" in page
    assert "Hi Nora" in page or "Dear Nora" in page or "Hello Nora" in page
    shown = json.loads(web.cli.ok("show", "Nora Fankhauser", "--json").out)
    assert shown["how_met"] == "Impact Hub Zürich"
    assert shown["looking_for"] == "Pilotkunden" and shown["offers"] == "Kontakte zu Gemeinden"
    assert [n["text"] for n in shown["notes"]] == ["Baut eine Plattform für gebrauchte Baumaterialien."]
    agenda = json.loads(web.cli.ok("today", "--json").out)
    assert any(a["contact_id"] == new_id and a["kind"] == "follow-up" for a in agenda)


def test_a_capture_without_a_place_is_refused_with_the_form_kept(web: Web) -> None:
    before = web.cli.snapshot()
    response = web.post("/capture?lang=de", {"name": "Nora Fankhauser", "where": " ", "notes": "Wichtig"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "Wichtig" in text and 'role="alert"' in text
    assert web.cli.snapshot() == before


@pytest.mark.parametrize("htmx", [True, False])
def test_done_takes_the_action_off_the_agenda(web: Web, htmx: bool) -> None:
    new_id = _captured(web, "en")
    web.at("2026-11-26T17:00")  # the message goes out in the evening
    response = web.post(f"/today/{new_id}/follow-up/done", {}, htmx=htmx)
    if htmx:
        assert response.status_code == 200  # type: ignore[attr-defined]
        assert "Done: Nora Fankhauser." in response.text  # type: ignore[attr-defined]
        assert "<html" not in response.text  # type: ignore[attr-defined]  # only the agenda is swapped in
    else:
        assert response.status_code == 303 and response.headers["location"] == "/today"  # type: ignore[attr-defined]
    assert f'data-contact="{new_id}"' not in web.client.get("/today").text
    agenda = json.loads(web.cli.ok("today", "--json", now=web.now).out)
    assert all(a["contact_id"] != new_id for a in agenda)
    shown = json.loads(web.cli.ok("show", f"#{new_id}", "--json").out)
    assert shown["interaction_count"] == 2


def test_log_records_how_it_went(web: Web) -> None:
    new_id = _captured(web, "en")
    web.post(f"/today/{new_id}/follow-up/log", {"via": "call", "summary": "Pilot in Winterthur besprochen"})
    page = visible_text(web.client.get(f"/contacts/{new_id}?lang=en").text)
    assert "Pilot in Winterthur besprochen" in page and "call" in page.lower()


def test_search_as_you_type_finds_by_name_organisation_tag_and_notes(web: Web) -> None:
    new_id = _captured(web, "en")
    for typed in ("fankh", "Gebrauchte Baumat"):
        response = web.client.get(f"/contacts?q={typed}", headers={"HX-Request": "true"})
        assert f'href="/contacts/{new_id}"' in response.text, typed
        assert "<html" not in response.text
    listing = json.loads(web.cli.ok("list", "--json").out)
    other = next(r for r in listing if r["organisation"])
    found = web.client.get(f"/contacts?q={other['organisation'][:6].upper()}").text
    assert f'href="/contacts/{other["id"]}"' in found
    nobody = web.client.get("/contacts?q=zzzqqq").text
    assert 'href="/contacts/' not in nobody.split('id="results"')[1]


def test_the_circle_filter_shows_only_that_circle(web: Web) -> None:
    listing = json.loads(web.cli.ok("list", "--json").out)
    core = {r["id"] for r in listing if r["circle"] == "core"}
    page = web.client.get("/contacts?circle=core").text.split('id="results"')[1]
    shown = {int(i) for i in re.findall(r'href="/contacts/(\d+)"', page)}
    assert shown == core and core


def test_a_contact_page_shows_profile_notes_timeline_and_balance(web: Web) -> None:
    new_id = _captured(web, "en")
    web.cli.ok("gave", f"#{new_id}", "referral", "--note", "Kontakt zur Stadt")
    page = visible_text(web.client.get(f"/contacts/{new_id}?lang=en").text)
    assert "Baut eine Plattform" in page
    assert "Impact Hub Zürich" in page
    assert "you 1, them 0" in page
    assert "Kontakt zur Stadt" in page


def test_an_unknown_contact_is_a_readable_404(web: Web) -> None:
    response = web.client.get("/contacts/999999?lang=de")
    assert response.status_code == 404
    assert 'role="alert"' in response.text and "Traceback" not in response.text


def test_done_on_giving_first_records_something_given(web: Web) -> None:
    agenda = json.loads(web.cli.ok("today", "--json", "--limit", "50").out)
    give = next(a for a in agenda if a["kind"] == "give-first")
    before = json.loads(web.cli.ok("show", f"#{give['contact_id']}", "--json").out)
    response = web.post(f"/today/{give['contact_id']}/give-first/done", {})
    assert response.status_code == 303  # type: ignore[attr-defined]
    after = json.loads(web.cli.ok("show", f"#{give['contact_id']}", "--json").out)
    assert after["given"] == before["given"] + 1 and after["balance"] == before["balance"] + 1
    assert len(after["interactions"]) == len(before["interactions"])  # no message was logged for it
