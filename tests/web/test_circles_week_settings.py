"""Circles, Week and Settings with FastAPI's TestClient on the demo network, on SQLite and PostgreSQL: each page
shows what the command line says (`rapport circles`, `list --rusting`, `week`, `me`, `config get lang`), in
English and in German with no English word on a German page; a mistake on Settings is one line in the page's
language and changes nothing; stored markup renders inert."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words
from tests.web.test_safety import PAYLOADS

PAGES = ("/circles", "/week", "/settings")


def _stored_texts(web: Web) -> list[str]:
    texts = {
        value
        for rows in web.cli.snapshot().values()
        for row in rows
        for value in row
        if isinstance(value, str) and len(value) > 2
    }
    return sorted(texts, key=len, reverse=True)


def _ring_ids(page: str, css: str) -> set[int]:
    """The contacts whose dot on the rings has the class `css`."""
    found = re.findall(r'<a href="/contacts/(\d+)" tabindex="-1"><circle class="([^"]*)"', page)
    return {int(contact) for contact, classes in found if css in classes.split()}


# ------------------------------------------------------------------------------------------- languages
def test_the_new_pages_in_german_say_nothing_in_english(web: Web) -> None:
    web.cli.ok("calendar-url")  # the settings page with its address too
    stored = _stored_texts(web)
    for url in PAGES:
        response = web.client.get(url + "?lang=de")
        assert response.status_code == 200 and '<html lang="de">' in response.text
        text = visible_text(response.text)
        for value in stored:
            text = text.replace(value, " ")
        text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
        english = words(text) & ENGLISH
        assert not english, (url, english, text[:3000])


def test_the_new_pages_in_english(web: Web) -> None:
    circles = visible_text(web.client.get("/circles?lang=en").text)
    assert "11 of 20 places taken · 1 rusting · in touch every 30 days" in circles
    week = visible_text(web.client.get("/week?lang=en").text)
    assert "Your networking week, 26 Nov 2026 to 2 Dec 2026: 6 appointments" in week
    settings = visible_text(web.client.get("/settings?lang=en").text)
    assert "Your profile" in settings and "Calendar subscription" in settings
    for url in PAGES:
        assert "Kreis" not in visible_text(web.client.get(url + "?lang=en").text)


# --------------------------------------------------------------------------------------------- circles
def test_each_circle_shows_its_places_and_who_is_rusting_as_the_command_line_says(web: Web) -> None:
    overview = json.loads(web.cli.ok("circles", "--json").out)
    page = web.client.get("/circles?lang=en").text
    text = visible_text(page)
    for circle in overview:
        if circle["name"] == "archived":
            assert f"{circle['members']} people are archived." in text
            continue
        said = (
            f"{circle['members']} of {circle['capacity']} places taken"
            if circle["capacity"] is not None
            else f"{circle['members']} people"
        )
        assert f"{said} · {circle['rusting']} rusting" in text, circle
    rusting = {r["id"] for r in json.loads(web.cli.ok("list", "--rusting", "--json").out)}
    assert rusting and _ring_ids(page, "dot-rusting") == rusting
    everyone = {r["id"] for r in json.loads(web.cli.ok("list", "--json").out)}
    assert _ring_ids(page, "dot") == everyone  # a dot for each person who is not archived, linking to them
    tables = page.split("<table", 1)[1]  # the text alternative: each person once in the tables, with the same links
    listed = [int(i) for i in re.findall(r'<tr><td><a href="/contacts/(\d+)">', tables)]
    assert sorted(listed) == sorted(everyone)
    assert 'aria-hidden="true"' in page.split("<svg", 1)[1].split(">", 1)[0]  # screen readers read the tables
    legend = visible_text(page.split('<ul class="legend">', 1)[1].split("</ul>", 1)[0])
    for band in ("within the last 30 days", "3 months", "last year", "more than a year ago", "not yet in touch"):
        assert band in legend
    assert "rusting" in legend and "free place" in legend
    # the free places of the core circle (20 places, 11 taken) are drawn; the active circle's 133 are counted only
    assert page.count('class="dot dot-free"') == 20 - 11


def test_the_colour_of_a_dot_says_how_recently_you_were_in_touch(web: Web) -> None:
    met = web.post("/capture", {"name": "Nora Fankhauser", "where": "Impact Hub Zürich"})
    met_id = int(met.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]
    web.cli.ok("add", "Xaver Neuhaus", "--circle", "wider")
    stranger = next(r["id"] for r in json.loads(web.cli.ok("list", "--json").out) if r["name"] == "Xaver Neuhaus")
    page = web.client.get("/circles?lang=en").text
    assert met_id in _ring_ids(page, "dot-month")
    assert stranger in _ring_ids(page, "dot-never")
    row = re.search(rf'<tr><td><a href="/contacts/{stranger}">Xaver Neuhaus</a></td>\s*<td>([^<]*)</td>', page)
    assert row and row.group(1) == "not yet"
    a_year_on = web.client
    web.at("2027-12-01T09:00")
    later = a_year_on.get("/circles?lang=en").text
    assert met_id in _ring_ids(later, "dot-longer") and met_id in _ring_ids(later, "dot-rusting")


def test_a_bigger_circle_has_more_free_places(web: Web) -> None:
    web.cli.ok("circle", "core", "--capacity", "25")
    page = web.client.get("/circles").text
    assert page.count('class="dot dot-free"') == 25 - 11


# ------------------------------------------------------------------------------------------------ week
def test_the_week_shows_the_blocks_filled_as_rapport_week_fills_them(web: Web) -> None:
    plan = json.loads(web.cli.ok("week", "--json").out)
    page = web.client.get("/week?lang=en").text
    shown = re.findall(r'<li data-contact="(\d+)"><time class="when" datetime="([^"]+)">', page)
    expected = [(str(a["contact_id"]), a["start"]) for b in plan["blocks"] for a in b["actions"]]
    assert shown == expected and expected
    text = visible_text(page)
    for block in plan["blocks"]:
        for action in block["actions"]:
            assert action["appointment"] in text and action["text"] in text
    assert f"{plan['waiting']} more actions wait for room this week." in text
    assert text.count("No block.") == 7 - len({b["day"] for b in plan["blocks"]})


def test_the_following_week_and_a_day_in_the_past(web: Web) -> None:
    plan = json.loads(web.cli.ok("week", "--from", "2026-12-03", "--json").out)
    page = web.client.get("/week?from=2026-12-03&lang=en").text
    assert "3 Dec 2026 to 9 Dec 2026" in visible_text(page)
    assert page.count("<li data-contact=") == sum(len(b["actions"]) for b in plan["blocks"])
    assert 'href="/week?from=2026-11-26"' in page  # back to this week, not before
    past = web.client.get("/week?from=2026-11-01&lang=de")
    assert past.status_code == 400 and 'role="alert"' in past.text
    assert "«2026-11-01»" in past.text and "--from" not in past.text


def test_without_blocks_the_week_says_how_to_book_one(web: Web) -> None:
    for block in json.loads(web.cli.ok("time", "list", "--json").out):
        web.cli.ok("time", "remove", str(block["id"]))
    response = web.client.get("/week?lang=de")
    assert response.status_code == 200
    assert "Noch keine Netzwerkzeit eingetragen" in visible_text(response.text)
    assert "<li data-contact=" not in response.text


# -------------------------------------------------------------------------------------------- settings
def test_the_profile_is_saved_as_rapport_me_saves_it(web: Web) -> None:
    response = web.post("/settings/profile", {"name": "Julia Baumann", "organisation": "Aare AG", "email": ""})
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert json.loads(web.cli.ok("me", "--json").out) == {
        "name": "Julia Baumann",
        "organisation": "Aare AG",
        "email": "",
    }
    page = web.client.get(response.headers["location"] + "&lang=en").text  # type: ignore[attr-defined]
    assert "Your profile is saved." in visible_text(page) and 'value="Aare AG"' in page


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"name": "Julia", "organisation": "Aare AG", "email": "julia(at)example"}, "ist keine gültige E-Mail-Adresse"),
        ({"name": "Julia", "organisation": "A" * 301, "email": ""}, "Deine Organisation ist zu lang"),
    ],
)
def test_a_bad_profile_is_one_german_line_and_changes_nothing(web: Web, form: dict[str, str], said: str) -> None:
    before = web.cli.snapshot()
    response = web.post("/settings/profile?lang=de", form)
    assert response.status_code == 400  # type: ignore[attr-defined]
    alerts = re.findall(r'<p role="alert" class="error">([^<]*)</p>', response.text)  # type: ignore[attr-defined]
    assert len(alerts) == 1 and said in alerts[0] and "\n" not in alerts[0]
    assert not words(re.sub(r"«[^»]*»", " ", alerts[0])) & ENGLISH  # what was typed aside
    assert 'value="Julia"' in response.text  # type: ignore[attr-defined]  # what was typed is kept
    assert web.cli.snapshot() == before


def test_the_language_chosen_is_the_setting_of_the_command_line_too(web: Web) -> None:
    response = web.post("/settings/language", {"lang": "de"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert web.cli.ok("config", "get", "lang").out.strip() == "de"
    web.client.cookies.delete("rapport_lang")
    assert '<html lang="de">' in web.client.get("/today", headers={"Accept-Language": "en"}).text
    web.post("/settings/language", {"lang": ""})
    assert web.cli.ok("config", "get", "lang").out.strip() == ""
    assert '<html lang="en">' in web.client.get("/today", headers={"Accept-Language": "en"}).text


def test_an_unknown_language_is_refused(web: Web) -> None:
    web.post("/settings/language", {"lang": "de"})
    response = web.post("/settings/language", {"lang": "fr"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Unbekannte Sprache «fr»" in response.text  # type: ignore[attr-defined]
    assert web.cli.ok("config", "get", "lang").out.strip() == "de"


def test_a_circle_is_changed_and_added_as_rapport_circle_does(web: Web) -> None:
    assert web.post("/settings/circles", {"name": "core", "cadence": "21", "capacity": "25", "half_life": "90"})
    web.post("/settings/circles", {"new": "1", "name": "Mentors", "cadence": "60", "capacity": "", "half_life": ""})
    found = {c["name"]: c for c in json.loads(web.cli.ok("circles", "--json").out)}
    assert (found["core"]["cadence_days"], found["core"]["capacity"]) == (21, 25)
    assert found["mentors"]["cadence_days"] == 60 and found["mentors"]["capacity"] is None
    page = web.client.get("/settings?lang=en").text
    assert 'value="21"' in page and "Save mentors" in visible_text(page)


def test_the_circle_for_new_people_is_the_setting_the_capture_uses(web: Web) -> None:
    assert web.post("/settings/default-circle", {"default_circle": "core"}).status_code == 303  # type: ignore[attr-defined]
    assert web.cli.ok("config", "get", "default_circle").out.strip() == "core"
    met = web.post("/capture", {"name": "Nora Fankhauser", "where": "Impact Hub Zürich"})
    new_id = int(met.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]
    assert json.loads(web.cli.ok("show", f"#{new_id}", "--json").out)["circle"] == "core"
    page = web.client.get("/settings?saved=default_circle&lang=de").text
    assert '<option value="core" selected>Kern</option>' in page
    assert "Neue Personen kommen ab jetzt in diesen Kreis." in visible_text(page)


@pytest.mark.parametrize("typed", ["nirgends", "archived", ""])
def test_a_circle_for_new_people_that_is_none_is_refused(web: Web, typed: str) -> None:
    response = web.post("/settings/default-circle?lang=de", {"default_circle": typed})
    assert response.status_code == 400  # type: ignore[attr-defined]
    alerts = re.findall(r'<p role="alert" class="error">([^<]*)</p>', response.text)  # type: ignore[attr-defined]
    assert alerts == [f"Unbekannter Kreis «{typed}»; Kreise sind: Kern, Aktiv, Weiter."]
    assert web.cli.ok("config", "get", "default_circle").out.strip() == "active"


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"name": "core", "cadence": "zwanzig"}, "In Kontakt alle … Tage: «zwanzig» ist keine ganze Zahl."),
        ({"name": "core", "capacity": "0"}, "Plätze muss eine positive Zahl sein (0)."),
        ({"name": "core", "capacity": "-3"}, "Plätze: «-3» ist keine ganze Zahl."),
        ({"name": "core", "half_life": "99999999"}, "Stärke halbiert sich in … Tagen: 99999999 liegt ausserhalb"),
        ({"name": "archived", "cadence": "30"}, "Der Kreis Archiviert hat keinen Rhythmus"),
        ({"new": "1", "name": " ", "cadence": "30"}, "ist kein brauchbarer Kreisname"),
    ],
)
def test_a_bad_circle_is_one_german_line_and_changes_nothing(web: Web, form: dict[str, str], said: str) -> None:
    before = web.cli.snapshot()
    filled = {"cadence": "", "capacity": "", "half_life": "", **form}
    response = web.post("/settings/circles?lang=de", filled)
    assert response.status_code == 400  # type: ignore[attr-defined]
    alerts = re.findall(r'<p role="alert" class="error">([^<]*)</p>', response.text)  # type: ignore[attr-defined]
    assert len(alerts) == 1 and said in alerts[0], alerts
    assert not words(re.sub(r"«[^»]*»", " ", alerts[0])) & ENGLISH  # what was typed aside
    assert web.cli.snapshot() == before


def test_settings_forms_need_the_page_token(web: Web) -> None:
    web.client.get("/settings")
    before = web.cli.snapshot()
    for url, form in (
        ("/settings/profile", {"name": "Eve", "organisation": "", "email": ""}),
        ("/settings/language", {"lang": "de"}),
        ("/settings/circles", {"name": "core", "capacity": "1"}),
    ):
        assert web.client.post(url, data=form).status_code == 403
    assert web.cli.snapshot() == before
    assert web.cli.ok("config", "get", "lang").out.strip() == ""


# ------------------------------------------------------------------------------------------------ safety
def test_stored_markup_renders_inert_on_the_new_pages(web: Web) -> None:
    for i, payload in enumerate(PAYLOADS):
        web.cli.ok("add", f"Mallory{i} {payload}", "--circle", "core", "--company", payload)
    web.cli.ok("me", "--organisation", PAYLOADS[1])
    web.cli.ok("circle", PAYLOADS[1][:40], "--cadence", "30")
    web.cli.ok("time", "add", "Thu 18:00-19:00", "--kind", "desk")
    web.cli.ok("add", f"Eve {PAYLOADS[0]}", "--company", "x")
    eve = next(r["id"] for r in json.loads(web.cli.ok("list", "--json").out) if r["name"].startswith("Eve "))
    web.cli.ok("news", f"#{eve}", "promotion", "--text", PAYLOADS[1])  # on the agenda, so in the week
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt;" in web.client.get("/week").text
    for lang in ("en", "de"):
        for url in PAGES:
            page = web.client.get(f"{url}?lang={lang}").text
            for payload in PAYLOADS:
                assert payload not in page, (url, payload)
            assert "<script>alert" not in page and "<img src=x" not in page, url
            assert "&lt;script&gt;" in page or "onerror=alert(1)&gt;" in page, url


def test_a_block_taken_by_a_planned_meeting_says_so(web: Web) -> None:
    web.cli.ok("meet", "Nina Vogt", "--on", "2026-11-27 08:30", "--about", "Pilotprojekt")
    plan = json.loads(web.cli.ok("week", "--json").out)
    friday = next(b for b in plan["blocks"] if b["day"] == "2026-11-27")
    assert friday["busy"] and not friday["actions"]
    page = web.client.get("/week?lang=de").text
    assert "belegt durch ein geplantes Treffen um 08:30: Pilotprojekt mit Nina Vogt" in visible_text(page)
    shown = re.findall(r'<li data-contact="(\d+)"><time class="when" datetime="([^"]+)">', page)
    assert shown == [(str(a["contact_id"]), a["start"]) for b in plan["blocks"] for a in b["actions"]]


def test_a_settings_file_that_cannot_be_written_is_one_line(web: Web, tmp_path: Path, monkeypatch: Any) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the settings' directory should be\n", encoding="utf-8")
    monkeypatch.setenv("RAPPORT_CONFIG", str(blocked / "config.toml"))
    response = web.post("/settings/language?lang=de", {"lang": "de"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "liess sich nicht schreiben; nichts wurde geändert." in response.text  # type: ignore[attr-defined]
    assert blocked.read_text(encoding="utf-8") == "a file where the settings' directory should be\n"
    web.client.cookies.delete("rapport_lang")
    assert '<html lang="en">' in web.client.get("/today", headers={"Accept-Language": "en"}).text  # no German yet
