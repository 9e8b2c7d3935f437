"""The Introductions page: the same pairs and reasons as `rapport intros`; "introduce" asks both first (two drafts with
their checks, pending on record, as `rapport introduce`); "both agreed" introduces them (a favour given to each);
"declined" remembers the no; every bad request is one line, a 4xx, and changes nothing."""

from __future__ import annotations

import json
import re

import pytest

from tests.web.conftest import Web, visible_text


def pairs(page: str) -> list[tuple[int, int]]:
    return [
        (int(a), int(b)) for a, b in re.findall(r'<li class="card pair" data-first="(\d+)" data-second="(\d+)"', page)
    ]


def waiting(page: str) -> list[tuple[int, int]]:
    return [
        (int(a), int(b))
        for a, b in re.findall(r'<li class="card waiting" data-first="(\d+)" data-second="(\d+)"', page)
    ]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_pairs_and_reasons_are_those_of_rapport_intros(web: Web, lang: str) -> None:
    page = web.client.get(f"/intros?lang={lang}").text
    expected = json.loads(web.cli.ok("intros", "--json", lang=lang).out)
    assert pairs(page) == [(s["first"]["id"], s["second"]["id"]) for s in expected]
    text = visible_text(page)
    for s in expected:
        for reason in s["reasons"]:
            assert reason["text"] in text  # the same words as the terminal, quoting what matched


@pytest.mark.parametrize("lang", ["en", "de"])
def test_introduce_asks_both_then_both_agreed_introduces_them(web: Web, lang: str) -> None:
    first, second = pairs(web.client.get(f"/intros?lang={lang}").text)[0]
    a = json.loads(web.cli.ok("show", f"#{first}", "--json").out)
    b = json.loads(web.cli.ok("show", f"#{second}", "--json").out)

    asked = web.post(f"/intros/introduce?lang={lang}", {"first": str(first), "second": str(second)})
    assert asked.status_code == 200  # type: ignore[attr-defined]
    page = asked.text  # type: ignore[attr-defined]
    assert page.count('<pre class="draft"') == 2 and page.count('class="check"') == 2
    text = visible_text(page)
    heading = "Zuerst {} fragen:" if lang == "de" else "Ask {} first:"
    assert heading.format(a["name"]) in text and heading.format(b["name"]) in text
    assert ("Persönlich: " if lang == "de" else "Personal: ") in text
    a_first = a["name"].split()[0]
    assert a_first in page.split('<pre class="draft"')[1].split("</pre>")[0]  # each draft is to one of them
    # on record as pending: no longer proposed, listed as waiting, and the command line agrees
    listing = web.client.get(f"/intros?lang={lang}").text
    assert (first, second) not in pairs(listing) and waiting(listing) == [(first, second)]
    again = web.cli("introduce", f"#{first}", f"#{second}")
    assert again.code != 0 and "pending" in again.err

    made = web.post(f"/intros/agreed?lang={lang}", {"first": str(first), "second": str(second)})
    assert made.status_code == 200 and made.text.count('<pre class="draft"') == 1  # type: ignore[attr-defined]
    for person, other in ((a, b), (b, a)):
        after = json.loads(web.cli.ok("show", f"#{person['id']}", "--json").out)
        assert len(after["ledger"]) == len(person["ledger"]) + 1
        assert after["ledger"][0]["kind"] == "introduction" and other["name"] in after["ledger"][0]["note"]
    assert waiting(web.client.get("/intros").text) == []


def test_declined_is_remembered_and_not_proposed_again(web: Web) -> None:
    first, second = pairs(web.client.get("/intros?lang=de").text)[1]
    web.post("/intros/introduce?lang=de", {"first": str(first), "second": str(second)})
    before = web.cli.snapshot()
    said_no = web.post("/intros/declined?lang=de", {"first": str(first), "second": str(second)})
    assert said_no.status_code == 200 and "abgelehnt" in visible_text(said_no.text)  # type: ignore[attr-defined]
    assert web.cli.snapshot() != before
    listing = web.client.get("/intros").text
    assert (first, second) not in pairs(listing) and waiting(listing) == []
    assert (first, second) not in [
        (s["first"]["id"], s["second"]["id"]) for s in json.loads(web.cli.ok("intros", "--json", "--top", "50").out)
    ]


@pytest.mark.parametrize(
    ("form", "status", "en", "de"),
    [
        (
            {"first": "3", "second": "3"},
            400,
            "cannot be introduced to themselves",
            "nicht mit sich selbst bekannt gemacht",
        ),
        ({"first": "3", "second": "999999"}, 404, "No contact matches “#999999”.", "Kein Kontakt passt zu «#999999»."),
        ({"first": "3", "second": "x"}, 400, "Choose two people from the list.", "Wähle zwei Personen aus der Liste."),
        ({"first": "3"}, 400, "Choose two people from the list.", "Wähle zwei Personen aus der Liste."),
    ],
)
def test_a_bad_pair_is_one_line_and_changes_nothing(
    web: Web, form: dict[str, str], status: int, en: str, de: str
) -> None:
    before = web.cli.snapshot()
    for lang, expected in (("en", en), ("de", de)):
        for action in ("introduce", "agreed", "declined"):
            response = web.post(f"/intros/{action}?lang={lang}", form)
            assert response.status_code == status, (action, response.status_code)  # type: ignore[attr-defined]
            lines = re.findall(r'role="alert">([^<]*)<', response.text)  # type: ignore[attr-defined]
            assert len(lines) == 1 and expected in lines[0], lines
    assert web.cli.snapshot() == before
