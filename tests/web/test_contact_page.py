"""Contacts filtered by tag, rusting and never met in person (as `rapport list` filters, the address bookmarkable),
and a contact's page with news and dates, the drafts that fit, and the strength-over-time chart (SVG, with words
and a table for those who cannot see it), in both languages."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from rapport.domain.strength import strength_at, strength_percent, summarise
from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words
from tests.web.test_pages import _captured, _stored_texts
from tests.web.test_safety import PAYLOADS


def _shown(page: str) -> set[int]:
    results = page.split('id="results"')[1]
    return {int(i) for i in re.findall(r'href="/contacts/(\d+)"', results)}


def _ids(rows: list[dict[str, object]]) -> set[int]:
    return {int(str(r["id"])) for r in rows}


def test_the_tag_filter_shows_what_rapport_list_shows(web: Web) -> None:
    web.cli.ok("add", "Lea Wyss", "--tag", "Design")
    web.cli.ok("add", "Marc Frei", "--tag", "design", "--tag", "Kunde")
    expected = _ids(json.loads(web.cli.ok("list", "--tag", "design", "--json").out))
    assert len(expected) >= 2
    page = web.client.get("/contacts?tag=design&lang=en").text
    assert _shown(page) == expected
    assert '<option value="Design" selected>' in page or '<option value="design" selected>' in page
    # tags are offered once each, case aside
    options = re.findall(r'<select id="tag" name="tag">(.*?)</select>', page, re.S)[0]
    assert len(re.findall(r">design<", options, re.I)) == 1 and ">Kunde<" in options
    # combined with a search and a circle, as typed into the address
    wider = web.client.get("/contacts?tag=design&q=wyss&circle=wider").text
    assert _shown(wider) == expected & _ids(json.loads(web.cli.ok("list", "--circle", "wider", "--json").out)) & {
        r["id"] for r in json.loads(web.cli.ok("list", "--json").out) if "Wyss" in str(r["name"])
    }


def test_the_rusting_filter_shows_what_rapport_list_rusting_shows(web: Web) -> None:
    expected = _ids(json.loads(web.cli.ok("list", "--rusting", "--json").out))
    everyone = _ids(json.loads(web.cli.ok("list", "--json").out))
    assert expected and expected != everyone
    page = web.client.get("/contacts?rusting=1&lang=en").text
    assert _shown(page) == expected
    assert 'id="rusting" name="rusting" value="1" checked' in page
    htmx = web.client.get("/contacts?rusting=1", headers={"HX-Request": "true"}).text
    assert "<html" not in htmx and _shown(htmx) == expected


def test_never_met_in_person_leaves_out_everyone_met(web: Web) -> None:
    met_id = _captured(web, "en")
    web.cli.ok("add", "Lea Wyss", "--email", "lea@example.ch")
    lea = next(r for r in json.loads(web.cli.ok("list", "--json").out) if r["name"] == "Lea Wyss")
    web.cli.ok("log", "Lea Wyss", "--via", "email", "--summary", "Anfrage")
    page = web.client.get("/contacts?never_met=1&lang=en").text
    shown = _shown(page)
    assert lea["id"] in shown and met_id not in shown
    for contact_id in sorted(shown)[:5] + sorted(_ids(json.loads(web.cli.ok("list", "--json").out)) - shown)[:5]:
        profile = json.loads(web.cli.ok("show", f"#{contact_id}", "--json").out)
        assert (contact_id in shown) == (profile["in_person_count"] == 0), profile["name"]
    assert 'id="never_met" name="never_met" value="1" checked' in page
    # once met in person, they leave the list
    web.cli.ok("log", "Lea Wyss", "--via", "in-person")
    assert lea["id"] not in _shown(web.client.get("/contacts?never_met=1").text)


def test_a_contact_page_shows_news_dates_and_the_drafts_that_fit(web: Web) -> None:
    new_id = _captured(web, "en")
    web.cli.ok("edit", f"#{new_id}", "--birthday", "--03-14", "--anniversary", "Firmengründung=2019-06-20")
    web.cli.ok("news", f"#{new_id}", "promotion", "--text", "Leiterin Kreislauf")
    page = web.client.get(f"/contacts/{new_id}?lang=en").text
    text = visible_text(page)
    assert "Birthday: 14 March" in text and "Firmengründung: 20 Jun 2019" in text
    assert "promotion: Leiterin Kreislauf" in text
    kinds = set(re.findall(rf'href="/contacts/{new_id}/draft\?kind=([a-z-]+)"', page))
    assert kinds == {"follow-up", "congrats", "check-in"}  # no favour received to thank for, nothing given yet
    for kind in kinds:
        assert web.client.get(f"/contacts/{new_id}/draft?kind={kind}").status_code == 200
    web.cli.ok("got", f"#{new_id}", "advice")
    web.cli.ok("gave", f"#{new_id}", "referral")
    web.cli.ok("gave", f"#{new_id}", "introduction")
    kinds = set(
        re.findall(rf'href="/contacts/{new_id}/draft\?kind=([a-z-]+)"', web.client.get(f"/contacts/{new_id}").text)
    )
    assert kinds == {"follow-up", "congrats", "check-in", "thanks", "ask"}
    german = visible_text(web.client.get(f"/contacts/{new_id}?lang=de").text)
    assert "Geburtstag: 14. März" in german and "Beförderung: Leiterin Kreislauf" in german


def _table(page: str) -> list[tuple[str, int]]:
    body = page.split('class="strength-table"')[1].split("</table>")[0]
    return [(day, int(value)) for day, value in re.findall(r"<tr><td>([^<]+)</td><td>(\d+) %</td></tr>", body)]


def test_the_strength_chart_replays_the_strength_rule(web: Web) -> None:
    listing = json.loads(web.cli.ok("list", "--json").out)
    someone = max(listing, key=lambda r: r["strength"])
    page = web.client.get(f"/contacts/{someone['id']}?lang=en").text
    svg = page.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and 'aria-labelledby="strength-title strength-desc"' in svg
    assert '<title id="strength-title">Strength over the last 12 months</title>' in svg
    points = re.search(r'<polyline class="line" points="([^"]+)"', svg).group(1).split()  # type: ignore[union-attr]
    assert len(points) == 53  # every week of a year, and today
    rows = _table(page)
    assert rows[-1][1] == someone["strength"]  # today's point is the strength the page and `rapport list` show
    # every point: the interactions up to that day summed by the domain rule, decayed to it
    profile = json.loads(web.cli.ok("show", f"#{someone['id']}", "--json").out)
    circles = {c["name"]: c for c in json.loads(web.cli.ok("circles", "--json").out)}
    half_life = circles[profile["circle"]]["half_life_days"]
    from rapport.domain.model import Channel, Initiator, Interaction

    history = [
        Interaction(datetime.fromisoformat(i["occurred_at"]), Channel(i["channel"]), Initiator(i["initiator"]))
        for i in profile["interactions"]
    ]
    now = datetime.fromisoformat("2026-11-26T09:00+01:00")
    for weeks_back, (_day, value) in zip(range(52, -1, -4), rows, strict=False):
        moment = now - timedelta(weeks=weeks_back)
        upto = [i for i in history if i.occurred_at <= moment]
        assert value == strength_percent(strength_at(summarise(upto, half_life), moment, half_life)), weeks_back
    assert len({v for _d, v in rows}) > 1  # the line moves
    desc = re.search(r'<desc id="strength-desc">([^<]+)</desc>', svg).group(1)  # type: ignore[union-attr]
    assert f"is {someone['strength']} % today" in desc
    assert desc in visible_text(page.split("</svg>")[1])  # said in words under the chart too


def test_a_new_contact_starts_at_nothing(web: Web) -> None:
    new_id = _captured(web, "de")
    page = web.client.get(f"/contacts/{new_id}?lang=de").text
    rows = _table(page)
    assert all(value == 0 for _day, value in rows[:-1]) and rows[-1][1] > 0
    assert "Stärke in den letzten 12 Monaten" in page and "Die Werte als Tabelle" in page


def test_the_new_parts_in_german_say_nothing_in_english(web: Web) -> None:
    new_id = _captured(web, "de")
    web.cli.ok("edit", f"#{new_id}", "--birthday", "1985-03-14", "--tag", "Kunde")
    web.cli.ok("news", f"#{new_id}", "new-job")
    stored = _stored_texts(web)
    for url in (f"/contacts/{new_id}", "/contacts?tag=Kunde&rusting=1", "/contacts?never_met=1"):
        text = visible_text(web.client.get(url + ("&" if "?" in url else "?") + "lang=de").text)
        for value in stored:
            text = text.replace(value, " ")
        text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
        assert not words(text) & ENGLISH, (url, words(text) & ENGLISH, text[:2000])
    text = visible_text(web.client.get(f"/contacts/{new_id}?lang=de").text)
    assert "Neuigkeiten" in text and "Geburtstage und Jahrestage" in text and "Nachricht schreiben" in text


def test_stored_markup_renders_inert_on_the_new_parts(web: Web) -> None:
    for i, payload in enumerate(PAYLOADS):
        new_id = _captured(web, "en")
        web.cli.ok("edit", f"#{new_id}", "--tag", payload, "--anniversary", f"{payload}=2019-06-20")
        web.cli.ok("news", f"#{new_id}", "promotion", "--text", payload)
        web.cli.ok("note", f"#{new_id}", payload)
        web.cli.ok("got", f"#{new_id}", "advice", "--note", payload)
        pages = [
            f"/contacts/{new_id}",
            f"/contacts?tag={payload}",
            "/contacts?never_met=1",
            f"/contacts/{new_id}/draft?kind=congrats",
            f"/contacts/{new_id}/draft?kind=thanks&back=today",
        ]
        for lang in ("en", "de"):
            for url in pages:
                response = web.client.get(url, params={"lang": lang})
                assert response.status_code == 200, (url, response.text[:500])
                page = response.text
                assert payload not in page, (url, payload)
                assert "<script>alert" not in page and "<img src=x" not in page, url
        # what is typed into the draft comes back as text, checked or not
        form = {"kind": "congrats", "via": "email", "subject": payload, "text": payload, "back": payload}
        for htmx in (True, False):
            echoed = web.post(f"/contacts/{new_id}/draft/check", form, htmx=htmx)
            assert echoed.status_code == 200, i  # type: ignore[attr-defined]
            assert payload not in echoed.text and "<script>alert" not in echoed.text  # type: ignore[attr-defined]
            assert "&lt;" in echoed.text or "&gt;" in echoed.text  # type: ignore[attr-defined]
