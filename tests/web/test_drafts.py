"""Drafts in the browser: Today's "draft" opens the draft `rapport draft` writes with the check `rapport check`
shows; the text is edited and checked again; "mark sent" records it as `rapport send`/`log` would, and the action
leaves Today. Planned meetings: took place (`meet done`) or cancelled (`meet cancel`)."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words
from tests.web.test_pages import _captured, _stored_texts


def _textarea(page: str) -> str:
    import html

    found = re.search(r'<textarea id="draft-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, page[:2000]
    return html.unescape(found.group(1))


def _subject(page: str) -> str:
    import html

    found = re.search(r'<input id="draft-subject"[^>]*value="([^"]*)"', page)
    assert found
    return html.unescape(found.group(1))


def test_today_offers_a_draft_where_a_message_does_the_action(web: Web) -> None:
    new_id = _captured(web, "en")
    page = web.client.get("/today?lang=en").text
    assert f'href="/contacts/{new_id}/draft?kind=follow-up&amp;back=today"' in page
    agenda = json.loads(web.cli.ok("today", "--json").out)
    items = re.findall(
        r'<li class="action" data-kind="([^"]+)" data-contact="(\d+)">(.*?)</li>\n(?=<li|</ol)', page, re.S
    )
    assert len(items) == len(agenda)
    for kind, contact, body in items:
        has_draft = f"/contacts/{contact}/draft?" in body
        assert has_draft == (kind not in ("meet-in-person", "planned-meeting", "give-first")), (kind, body[:300])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_draft_page_shows_the_draft_and_its_check_as_the_command_line(web: Web, lang: str) -> None:
    new_id = _captured(web, lang)
    page = web.client.get(f"/contacts/{new_id}/draft?kind=follow-up&back=today&lang={lang}").text
    cli_lang = "de-CH" if lang == "de" else "en"
    written = json.loads(web.cli.ok("draft", f"#{new_id}", "--kind", "follow-up", "--lang", cli_lang, "--json").out)
    assert _textarea(page) == written["text"]
    assert _subject(page) == written["subject"]
    text = visible_text(page)
    score = {"en": f"Personal: {written['check']['score']}/100", "de": f"Persönlich: {written['check']['score']}/100"}
    assert score[lang] in text
    for element in written["check"]["elements"]:
        if element["present"] and element["evidence"]:
            assert element["evidence"] in text
        if not element["present"] and element["hint"]:
            assert element["hint"] in text
    assert 'name="csrf_token"' in page and 'name="back" value="today"' in page


def test_checking_again_judges_the_edited_text_as_the_written_one(web: Web) -> None:
    new_id = _captured(web, "en")
    page = web.client.get(f"/contacts/{new_id}/draft?kind=follow-up&lang=en").text
    written = json.loads(web.cli.ok("draft", f"#{new_id}", "--kind", "follow-up", "--lang", "en", "--json").out)
    form = {"kind": "follow-up", "via": "email", "subject": _subject(page), "text": _textarea(page), "back": ""}
    same = web.post(f"/contacts/{new_id}/draft/check?lang=en", form, htmx=True)
    assert same.status_code == 200  # type: ignore[attr-defined]
    assert "<html" not in same.text and 'id="check"' in same.text  # type: ignore[attr-defined]
    assert f"Personal: {written['check']['score']}/100" in visible_text(same.text)  # type: ignore[attr-defined]
    # a bare text: a low score, the greeting and the topic missing, each with a hint naming what is stored
    bare = web.post(f"/contacts/{new_id}/draft/check?lang=en", {**form, "text": "See you."}, htmx=True)
    shown = visible_text(bare.text)  # type: ignore[attr-defined]
    score = int(re.search(r"Personal: (\d+)/100", shown).group(1))  # type: ignore[union-attr]
    assert score < written["check"]["score"] and score < 70
    assert "missing: greeting by name" in shown and "Nora" in shown
    assert "missing: a topic from your conversation" in shown and "Kreislaufwirtschaft" in shown
    # without JavaScript the whole page comes back, the text as typed
    plain = web.post(f"/contacts/{new_id}/draft/check?lang=en", {**form, "text": "See you."})
    assert plain.status_code == 200 and "<html" in plain.text  # type: ignore[attr-defined]
    assert _textarea(plain.text) == "See you."  # type: ignore[attr-defined]


@pytest.mark.parametrize("htmx_before", [False, True])
def test_mark_sent_logs_the_message_and_the_action_leaves_today(web: Web, htmx_before: bool) -> None:
    new_id = _captured(web, "en")
    web.at("2026-11-26T17:00")
    page = web.client.get(f"/contacts/{new_id}/draft?kind=follow-up&back=today&lang=en").text
    text = _textarea(page) + "\n\nPS: I liked your talk."
    if htmx_before:  # checked once more before sending: nothing is recorded by a check
        before = web.cli.snapshot()
        web.post(f"/contacts/{new_id}/draft/check", {"kind": "follow-up", "via": "email", "text": text}, htmx=True)
        assert web.cli.snapshot() == before
    form = {"kind": "follow-up", "via": "email", "subject": "Our talk at the Impact Hub", "text": text, "back": "today"}
    response = web.post(f"/contacts/{new_id}/draft/sent", form)
    assert response.status_code == 303 and response.headers["location"] == "/today?sent=1"  # type: ignore[attr-defined]
    today = web.client.get("/today?sent=1&lang=en").text
    assert f'data-contact="{new_id}"' not in today
    assert "Marked as sent." in visible_text(today)
    agenda = json.loads(web.cli.ok("today", "--json", now=web.now).out)
    assert all(a["contact_id"] != new_id for a in agenda)
    shown = json.loads(web.cli.ok("show", f"#{new_id}", "--json").out)
    assert shown["interaction_count"] == 2
    latest = shown["interactions"][0]
    assert latest["channel"] == "email" and latest["summary"] == "Our talk at the Impact Hub"
    assert latest["initiator"] == "me"


def test_a_congratulation_marked_sent_is_recorded_as_given(web: Web) -> None:
    listing = json.loads(web.cli.ok("list", "--json").out)
    someone = listing[0]
    web.cli.ok("news", f"#{someone['id']}", "promotion", "--text", "Head of Design")
    page = web.client.get(f"/contacts/{someone['id']}/draft?kind=congrats&lang=en").text
    assert "Head of Design" in _textarea(page) or "promotion" in _textarea(page).lower()
    form = {"kind": "congrats", "via": "linkedin-message", "subject": "", "text": _textarea(page)}
    response = web.post(f"/contacts/{someone['id']}/draft/sent", form)
    assert response.headers["location"] == f"/contacts/{someone['id']}?sent=1"  # type: ignore[attr-defined]
    shown = json.loads(web.cli.ok("show", f"#{someone['id']}", "--json").out)
    assert shown["interactions"][0]["channel"] == "linkedin"
    assert any(f["direction"] == "given" and f["kind"] == "congratulation" for f in shown["ledger"])
    assert "Marked as sent." in visible_text(web.client.get(f"/contacts/{someone['id']}?sent=1&lang=en").text)


@pytest.mark.parametrize(
    ("query", "status"),
    [("kind=poem", 400), ("kind=thanks", 400), ("via=fax", 400)],
)
def test_a_draft_that_cannot_be_written_is_a_readable_refusal(web: Web, query: str, status: int) -> None:
    new_id = _captured(web, "de")
    response = web.client.get(f"/contacts/{new_id}/draft?{query}&lang=de")
    assert response.status_code == status
    assert 'role="alert"' in response.text and "Traceback" not in response.text
    assert not words(visible_text(response.text).replace("Nora Fankhauser", "")) & ENGLISH


def test_from_today_a_kind_that_does_not_fit_says_why_and_writes_one_that_does(web: Web) -> None:
    new_id = _captured(web, "de")
    response = web.client.get(f"/contacts/{new_id}/draft?kind=thanks&back=today&lang=de")
    assert response.status_code == 200
    text = visible_text(response.text)
    assert "Von Nora Fankhauser ist kein erhaltener Gefallen erfasst" in text, text[:1500]
    assert 'name="kind" value="follow-up"' in response.text  # the default: the 72-hour follow-up
    assert "Nora" in _textarea(response.text)


def test_the_new_forms_need_the_token_and_a_number_in_the_address(web: Web) -> None:
    new_id = _captured(web, "en")
    web.client.get("/today")
    before = web.cli.snapshot()
    form = {"kind": "follow-up", "via": "email", "text": "Hi Nora", "back": "today"}
    assert web.client.post(f"/contacts/{new_id}/draft/sent", data=form).status_code == 403
    assert web.client.post("/meetings/1/cancel", data={}).status_code == 403
    assert web.cli.snapshot() == before
    for url in ("/contacts/abc", "/contacts/abc/draft"):
        response = web.client.get(url + "?lang=de")
        assert response.status_code == 404 and 'role="alert"' in response.text and "detail" not in response.text


def test_mark_sent_with_a_wrong_kind_changes_nothing(web: Web) -> None:
    new_id = _captured(web, "en")
    before = web.cli.snapshot()
    response = web.post(f"/contacts/{new_id}/draft/sent", {"kind": "poem", "via": "email", "text": "Hi"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    response = web.post(f"/contacts/{new_id}/draft/sent", {"kind": "follow-up", "via": "fax", "text": "Hi"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before


def test_a_planned_meeting_took_place_or_was_cancelled(web: Web) -> None:
    listing = json.loads(web.cli.ok("list", "--json").out)
    first, second = listing[1], listing[2]
    one = json.loads(web.cli.ok("meet", "plan", f"#{first['id']}", "--on", "2026-11-26 12:00", "--json").out)
    two = json.loads(web.cli.ok("meet", "plan", f"#{second['id']}", "--on", "2026-11-26 18:00", "--json").out)
    before = json.loads(web.cli.ok("show", f"#{second['id']}", "--json").out)
    page = web.client.get("/today?lang=en").text
    # before it begins it cannot have taken place; it can be cancelled
    assert f'action="/meetings/{one["id"]}/cancel"' in page
    assert f'action="/meetings/{one["id"]}/done"' not in page
    web.at("2026-11-26T13:00")
    page = web.client.get("/today?lang=en").text
    assert f'action="/meetings/{one["id"]}/done"' in page
    german = visible_text(web.client.get("/today?lang=de").text)
    for value in _stored_texts(web):
        german = german.replace(value, " ")
    assert "Hat stattgefunden" in german and "Treffen absagen" in german
    assert not words(german) & ENGLISH, words(german) & ENGLISH
    done = web.post(f"/meetings/{one['id']}/done?lang=en", {}, htmx=True)
    assert f"Met in person: {first['name']}." in visible_text(done.text)  # type: ignore[attr-defined]
    cancelled = web.post(f"/meetings/{two['id']}/cancel?lang=en", {}, htmx=True)
    assert f"Cancelled: the meeting with {second['name']}." in visible_text(cancelled.text)  # type: ignore[attr-defined]
    assert "/meetings/" not in cancelled.text  # type: ignore[attr-defined]
    still = {m["id"] for m in json.loads(web.cli.ok("meet", "list", "--json", now=web.now).out)}
    assert one["id"] not in still and two["id"] not in still
    shown = json.loads(web.cli.ok("show", f"#{first['id']}", "--json").out)
    assert shown["interactions"][0]["channel"] == "in-person"
    assert shown["interactions"][0]["occurred_at"].startswith("2026-11-26T11:00:00+00:00")  # 12:00 in Zurich
    after = json.loads(web.cli.ok("show", f"#{second['id']}", "--json").out)
    assert after["interaction_count"] == before["interaction_count"]  # a cancelled meeting logs nothing


def test_the_draft_page_in_german_says_nothing_in_english(web: Web) -> None:
    new_id = _captured(web, "de")
    stored = _stored_texts(web)
    page = web.client.get(f"/contacts/{new_id}/draft?back=today&lang=de").text
    text = visible_text(page)
    for value in stored:
        text = text.replace(value, " ")
    text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
    assert not words(text) & ENGLISH, (words(text) & ENGLISH, text[:3000])
    assert "Persönlich:" in text and "Als gesendet markieren" in text


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', page)
    assert found, name
    return found.group(1)


def test_every_draft_on_today_marked_sent_takes_its_action_off(web: Web) -> None:
    """Whatever the action (follow-up, congratulation, keep in touch, reconnect), the draft it opens,
    marked sent, settles it: on the page and in `rapport today`."""
    _captured(web, "en")
    listing = json.loads(web.cli.ok("list", "--json").out)
    web.cli.ok("news", f"#{listing[3]['id']}", "new-job", "--text", "CTO bei Velo AG")
    agenda = json.loads(web.cli.ok("today", "--json").out)
    page = web.client.get("/today?lang=en").text
    drafted = [
        (int(contact), kind)
        for kind, contact in re.findall(r'data-kind="([^"]+)" data-contact="(\d+)"', page)
        if f'href="/contacts/{contact}/draft?' in page
    ]
    settled_by_a_message = {"follow-up", "congratulate", "keep-in-touch", "reconnect"}
    assert {kind for _c, kind in drafted} == {a["kind"] for a in agenda} & settled_by_a_message
    assert {kind for _c, kind in drafted} >= {"follow-up", "congratulate"}
    web.at("2026-11-26T17:00")  # the messages go out in the evening (after the morning's meeting)
    for contact, kind in drafted:
        link = re.search(rf'href="(/contacts/{contact}/draft\?[^"]+)"', page).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
        draft = web.client.get(link).text
        form = {f: _hidden(draft, f) for f in ("kind", "via", "back")}
        web.post(f"/contacts/{contact}/draft/sent", {**form, "subject": _subject(draft), "text": _textarea(draft)})
        after = json.loads(web.cli.ok("today", "--json", now=web.now).out)
        assert (contact, kind) not in {(a["contact_id"], a["kind"]) for a in after}, (kind, form)
    left = web.client.get("/today").text
    assert not any(f'data-kind="{k}" data-contact="{c}"' in left for c, k in drafted)
