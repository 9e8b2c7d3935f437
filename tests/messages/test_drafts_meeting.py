"""A meeting planned with the contact (`rapport meet`) is the draft's next step (pure, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from rapport.messages import wording as W
from rapport.messages.drafts import KINDS, LANGS, Meeting, compose
from tests.messages import draft_properties as props
from tests.messages.test_drafts_person import CASE_FREE, DID, NOUN_PHRASES, NOW, ZURICH, _facts, _writer

TALK = datetime(2027, 6, 27, 18, 30, tzinfo=ZURICH)


@pytest.mark.parametrize("form", ["du", "Sie"])
def test_the_german_meeting_frames_take_any_noun_phrase_as_it_is(form: str) -> None:
    writer = _writer(form)
    for template in W.PROPOSAL_MEETING["de"]:
        for phrase in NOUN_PHRASES:
            text = writer.fill(writer.local(template), about=phrase, date="27. Juni")
            assert CASE_FREE.search(text[: text.index(phrase)]), f"{text!r} declines {phrase!r}"
            assert props.grammar(text) == [] and "{" not in text, text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de-CH", "am 27. Juni 2027 bei «Vortragsreihe Design Thinking»?"),
        ("de", "am 27. Juni 2027 bei «Vortragsreihe Design Thinking»?"),
        ("en", "on 27 June 2027 at “Vortragsreihe Design Thinking”?"),
    ],
)
def test_the_planned_meeting_is_proposed_with_its_day(lang: str, expected: str) -> None:
    facts = _facts(meeting=Meeting(TALK, "Vortragsreihe Design Thinking", "ETH"), next_event="am 3. Juli: Apéro")
    draft = compose(facts, "follow-up", "email", lang, DID[lang[:2]], NOW, ZURICH)
    assert expected in draft.text, draft.text
    assert "Apéro" not in draft.text  # preferred to what `met --next` noted
    assert draft.check.element("next_step").present and draft.check.score >= 90, draft.check


def test_this_years_meeting_needs_no_year_and_without_a_topic_the_day_is_enough() -> None:
    soon = NOW + timedelta(days=10)
    named = compose(_facts(meeting=Meeting(soon, "Apéro")), "check-in", "email", "de-CH", None, NOW, ZURICH)
    assert "am 6. Dezember bei «Apéro»?" in named.text, named.text
    plain = compose(_facts(meeting=Meeting(soon)), "check-in", "email", "en", None, NOW, ZURICH)
    assert "See you on 6 December, as planned?" in plain.text, plain.text


def test_a_meeting_already_begun_is_no_next_step() -> None:
    facts = _facts(meeting=Meeting(NOW - timedelta(days=1), "Apéro"))
    past = compose(facts, "check-in", "email", "en", None, NOW, ZURICH)
    assert "Apéro" not in past.text


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_names_the_meeting_and_so_does_a_short_follow_up(lang: str) -> None:
    facts = replace(_facts(), meeting=Meeting(TALK, "Vortragsreihe"))
    for kind, channel in [*((k, "email") for k in KINDS), ("follow-up", "linkedin")]:
        text = compose(facts, kind, channel, lang, DID[lang[:2]], NOW, ZURICH).text
        assert "27" in text and "Vortragsreihe" in text, (kind, channel, text)
