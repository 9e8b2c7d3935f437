"""The Groups and meetups page: the groups as `rapport group list` shows them; a group created from the page is the
command line's group; planning proposes the time, the members and new faces with their reasons and the invitation with
its check, and is the same planned meetup as `rapport meetup plan`; recording it updates everyone who came as
`rapport meetup done` does (new faces become contacts, with the 72-hour follow-up); every bad request is one line,
a 4xx, and changes nothing."""

from __future__ import annotations

import json
import re

import pytest

from tests.web.conftest import Web, visible_text

STAMM = "Nordstern Stamm"


def _stamm(web: Web) -> dict[str, object]:
    found: dict[str, object] = json.loads(web.cli.ok("group", "show", STAMM, "--json").out)
    return found


def alert(page: str) -> str:
    found = re.findall(r'role="alert"[^>]*>([^<]*)<', page)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_groups_are_those_of_rapport_group_list(web: Web, lang: str) -> None:
    page = web.client.get(f"/groups?lang={lang}").text
    listed = json.loads(web.cli.ok("group", "list", "--json").out)
    assert re.findall(r'<h2><a href="/groups/(\d+)">([^<]+)</a>', page) == [(str(g["id"]), g["name"]) for g in listed]
    text = visible_text(page)
    assert ("monatlich · 6 Mitglieder" if lang == "de" else "monthly · 6 members") in text
    group = web.client.get(f"/groups/{listed[0]['id']}?lang={lang}").text
    for member in listed[0]["members"]:
        assert f'name="came" value="{member["id"]}" checked' in group


def test_a_group_created_on_the_page_is_the_command_lines(web: Web) -> None:
    made = web.post(
        "/groups?lang=de",
        {
            "name": "Design-Runde",
            "members": "Thomas Keller\nFabian Moser, Nina Vogt",
            "every": "quarterly",
            "about": "design",
        },
    )
    assert made.status_code == 303  # type: ignore[attr-defined]
    shown = json.loads(web.cli.ok("group", "show", "Design-Runde", "--json").out)
    assert made.headers["location"] == f"/groups/{shown['id']}"  # type: ignore[attr-defined]
    assert shown["rhythm"] == "quarterly" and shown["about"] == "design"
    assert {m["name"] for m in shown["members"]} == {"Thomas Keller", "Fabian Moser", "Nina Vogt"}
    page = visible_text(web.client.get(f"/groups/{shown['id']}?lang=de").text)
    assert "Design-Runde" in page and "vierteljährlich" in page and "Nina Vogt" in page


@pytest.mark.parametrize("lang", ["en", "de"])
def test_planning_proposes_new_faces_and_the_invitation_as_rapport_meetup_plan(web: Web, lang: str) -> None:
    group_id = _stamm(web)["id"]
    planned = web.post(f"/groups/{group_id}/plan?lang={lang}", {})
    assert planned.status_code == 200  # type: ignore[attr-defined]
    page = planned.text  # type: ignore[attr-defined]
    text = visible_text(page)
    # the command line plans the same meetup (planning again moves it) and finds the same new faces
    cli = json.loads(web.cli.ok("meetup", "plan", STAMM, "--json", lang=lang).out)
    assert re.findall(r'<li><a href="/contacts/(\d+)">', page.split('class="faces"')[1].split("</ul>")[0]) == [
        str(f["id"]) for f in cli["new_faces"]
    ]
    assert cli["new_faces"], "the demo group has new faces to propose"
    for face in cli["new_faces"]:
        for reason in face["reasons"]:
            assert reason["text"] in text
    assert f"(no. {cli['meeting_id']})" in text or f"(Nr. {cli['meeting_id']})" in text
    assert cli["invitation"]["text"].split("\n")[2] in page  # the invitation's first sentence
    assert f"{cli['invitation']['score']}/100" in text
    meetups = _stamm(web)["meetups"]
    assert [m["status"] for m in meetups].count("planned") == 1  # type: ignore[attr-defined]
    # the page offers the new faces invited to tick when it took place
    again = web.client.get(f"/groups/{group_id}").text
    for face in cli["new_faces"]:
        assert f'name="came" value="{face["id"]}"' in again


def test_recording_the_meetup_updates_who_came_and_adds_new_faces(web: Web) -> None:
    stamm = _stamm(web)
    members = stamm["members"]
    came = [str(m["id"]) for m in members[:3]]  # type: ignore[index]
    before = {i: json.loads(web.cli.ok("show", f"#{i}", "--json").out) for i in came}
    recorded = web.post(
        f"/groups/{stamm['id']}/done?lang=de",
        {"came": came, "new_faces": "Lena Graf", "on": "2026-11-25"},  # type: ignore[dict-item]
    )
    assert recorded.status_code == 200  # type: ignore[attr-defined]
    text = visible_text(recorded.text)  # type: ignore[attr-defined]
    assert "Treffen von Nordstern Stamm (25.11.2026" in text and "Neuer Kontakt: Lena Graf" in text
    assert "Erstes Treffen mit Lena Graf: bis" in text
    for i in came:
        after = json.loads(web.cli.ok("show", f"#{i}", "--json").out)
        assert len(after["interactions"]) == len(before[i]["interactions"]) + 1
        assert after["interactions"][0]["channel"] == "group"
    lena = json.loads(web.cli.ok("show", "Lena Graf", "--json").out)
    assert lena["how_met"] == STAMM
    done = [m for m in _stamm(web)["meetups"] if m["status"] == "done"]  # type: ignore[attr-defined]
    assert set(done[0]["people"]) == {*(m["name"] for m in members[:3]), "Lena Graf"}  # type: ignore[index]
    agenda = json.loads(web.cli.ok("today", "--json").out)
    assert any(a["contact_id"] == lena["id"] and a["kind"] == "follow-up" for a in agenda)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_bad_requests_are_one_line_and_change_nothing(web: Web, lang: str) -> None:
    stamm = _stamm(web)
    gid = stamm["id"]
    someone = stamm["members"][0]["name"]  # type: ignore[index]
    de = lang == "de"
    before = web.cli.snapshot()
    cases = [
        (f"/groups/{gid}/done", {}, 400, "Kreuze an, wer dabei war" if de else "Tick who came"),
        (
            f"/groups/{gid}/done",
            {"new_faces": someone},
            400,
            "schon unter deinen Kontakten" if de else "among your contacts already",
        ),
        (f"/groups/{gid}/done", {"came": "999999"}, 404, "Kein Kontakt passt" if de else "No contact matches"),
        (f"/groups/{gid}/plan", {"on": "2026-11-01"}, 400, "liegt in der Vergangenheit" if de else "is in the past"),
        ("/groups/999999/plan", {}, 404, "Diese Gruppe gibt es nicht." if de else "There is no such group."),
        ("/groups/999999/done", {"came": "3"}, 404, "Diese Gruppe gibt es nicht." if de else "There is no such group."),
        ("/groups", {"name": STAMM, "members": ""}, 400, "Es gibt schon eine Gruppe" if de else "There is a group"),
        ("/groups", {"name": " ", "members": ""}, 400, "Gib der Gruppe einen Namen" if de else "Give the group a name"),
        ("/groups", {"name": "Neu", "members": "Niemand Unbekannt"}, 404, "Kein Kontakt passt" if de else "No contact"),
        ("/groups", {"name": "Neu", "every": "daily"}, 400, "daily"),
    ]
    for url, form, status, expected in cases:
        response = web.post(f"{url}?lang={lang}", form)
        assert response.status_code == status, (url, form, response.status_code)  # type: ignore[attr-defined]
        assert expected in alert(response.text), (url, form)  # type: ignore[attr-defined]
        if url.startswith(f"/groups/{gid}/"):  # the group's page again, to put it right
            assert f"<h1>{STAMM}</h1>" in response.text  # type: ignore[attr-defined]
        elif url == "/groups":  # the form again, as typed
            assert f'value="{form["name"]}"' in response.text  # type: ignore[attr-defined]
    assert web.client.get(f"/groups/999999?lang={lang}").status_code == 404
    assert web.cli.snapshot() == before
