"""Drafts from facts (pure): Julia's note to Thomas as the model, gaps, channels, variety."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from rapport.messages.drafts import DraftFacts, News, compose

ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZURICH)
THOMAS = DraftFacts(
    first_name="Thomas",
    family_name="Keller",
    met_at=datetime(2026, 11, 24, 18, 30, tzinfo=ZURICH),
    place="Feierabendanlass Design Thinking, Werkplatz Innovation, Zürich",
    topics=["Design Thinking", "neue Meeting-Formate"],
    looking_for="Ideen für einen Workshop zu neuen Meeting-Formaten",
    email="thomas@example.org",
    profile_url="https://www.linkedin.com/in/thomas",
    sender="Julia Baumann",
)
DID_DE = "die Technik 1-2-4-All in meinem Teammeeting ausprobiert, mit sehr positiven Ergebnissen"


def test_swiss_follow_up_reads_like_julias_note() -> None:
    draft = compose(THOMAS, "follow-up", "email", "de-CH", DID_DE, NOW, ZURICH)
    assert draft.check.score >= 90, draft.check.missing
    assert "Thomas" in draft.text and "am Dienstag" in draft.text and "Design Thinking" in draft.text
    assert "Danke" in draft.text or "Dank" in draft.text
    assert "30. November" in draft.text and "12:00" in draft.text
    assert "ß" not in draft.text and "Grüsse" in draft.text
    assert draft.subject and draft.to == "thomas@example.org" and draft.gaps == []


def test_german_uses_eszett_and_sie_uses_the_full_name() -> None:
    facts = DraftFacts(**{**THOMAS.__dict__, "address_form": "Sie", "prefix": "Dr."})
    draft = compose(facts, "follow-up", "email", "de", DID_DE, NOW, ZURICH)
    assert "Grüße" in draft.text and "Dr. Thomas Keller" in draft.text.splitlines()[0]
    assert " dich " not in draft.text and " dir " not in draft.text


def test_without_did_the_gap_is_marked_and_reported() -> None:
    draft = compose(THOMAS, "follow-up", "email", "de-CH", None, NOW, ZURICH)
    assert draft.gaps == ["[was haben Sie ausprobiert?]"] and draft.gaps[0] in draft.text
    assert not draft.check.element("gaps").present


def test_linkedin_note_fits_and_email_has_a_subject() -> None:
    note = compose(THOMAS, "follow-up", "linkedin", "de-CH", DID_DE, NOW, ZURICH)
    assert len(note.text) <= 300 and note.subject is None and note.to.startswith("https://")
    assert note.check.element("length").present and "Dienstag" in note.text
    short = compose(THOMAS, "follow-up", "linkedin", "en", "tried it", NOW, ZURICH, limit=120)
    assert len(short.text) <= 120 and not short.text.endswith(" ")


def test_next_event_is_proposed_when_known() -> None:
    facts = DraftFacts(**{**THOMAS.__dict__, "next_event": "beim nächsten Vortrag der Reihe am 27. Dezember"})
    draft = compose(facts, "follow-up", "email", "de-CH", DID_DE, NOW, ZURICH)
    assert "27. Dezember" in draft.text and draft.check.element("next_step").present


@pytest.mark.parametrize(("kind", "word"), [("promotion", "Beförderung"), ("new-job", "neuen Stelle")])
def test_congrats_names_the_occasion(kind: str, word: str) -> None:
    facts = DraftFacts(first_name="Lukas", news=News(kind, "Head of Digital Channels"))
    draft = compose(facts, "congrats", "email", "de-CH", None, NOW, ZURICH)
    assert word in draft.text and "Gratulation" in draft.text
    assert "Glückwunsch" in compose(facts, "congrats", "email", "de", None, NOW, ZURICH).text


def test_the_same_contact_gets_the_same_draft_and_names_vary_the_phrasing() -> None:
    one = compose(THOMAS, "follow-up", "email", "en", "tried it", NOW, ZURICH)
    assert one.text == compose(THOMAS, "follow-up", "email", "en", "tried it", NOW, ZURICH).text
    names = ["Anna", "Beat", "Carla", "Daniel", "Eva", "Franz", "Gina", "Hans", "Ines", "Jonas"]
    openings = set()
    for name in names:
        facts = DraftFacts(**{**THOMAS.__dict__, "first_name": name})
        text = compose(facts, "follow-up", "email", "en", "tried it", NOW, ZURICH).text.replace(name, "X")
        openings.add(" ".join(text.split("\n\n")[:2]).split(".")[0])
    assert len(openings) >= 5
