"""Drafts a person would send: German grammar whatever is inserted, first person, recorded thanks only, a time that
fits, the last real exchange, the planned meeting, signed, consistent forms of address (pure, no database)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rapport.messages import wording as W
from rapport.messages.drafts import KINDS, LANGS, DraftFacts, Favour, LastContact, News, _Writer, compose
from tests.messages import draft_properties as props

ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZURICH)

#: German noun phrases of every gender and number, bare and with adjectives (nominative, as a user types them).
NOUN_PHRASES = [
    "Design Thinking",
    "neue Meeting-Formate",
    "der agile Wandel",
    "die digitale Transformation",
    "das neue Kundenportal",
    "agiles Arbeiten",
    "guter Kaffee",
    "gute Moderation",
    "kleine Teams",
    "Führung auf Distanz",
    "ein Workshop zu Meeting-Formaten",
    "Kontakte in der Medtech-Branche",
]
#: The German frames that take a typed text, with the placeholder it goes into.
FRAMES = {
    "TOPIC": "topic",
    "CHECKIN_TOPIC": "topic",
    "THANKS": "topic",
    "OFFER": "lf",
    "ASK": "ask",
    "ASK_OFFERS": "offers",
    "NEWS_DETAIL": "news",
    "FAVOUR_THANKS": "note",
    "PROPOSAL_EVENT": "next_event",
}
#: The other placeholders of those frames, filled as the drafts fill them.
OTHER_VALUES = {"thing": "die Vorstellung", "first": "Thomas"}
#: What may stand right before an inserted noun phrase: a quotation mark or a colon, nothing that declines it.
CASE_FREE = re.compile(r"(?:[«“\"]|: ?|^)$")


def _templates(table: dict[str, list[str]] | dict[str, list[tuple[str, str]]]) -> list[str]:
    return [t if isinstance(t, str) else t[1] for t in table["de"]]


def _writer(form: str, lang: str = "de-CH") -> _Writer:
    facts = DraftFacts(first_name="Thomas", family_name="Keller", address_form=form)
    return _Writer(facts, "follow-up", lang, NOW, ZURICH)


@pytest.mark.parametrize("form", ["du", "Sie"])
@pytest.mark.parametrize("name", sorted(FRAMES))
def test_every_german_frame_takes_any_noun_phrase_as_it_is(name: str, form: str) -> None:
    writer = _writer(form)
    key = FRAMES[name]
    for template in _templates(getattr(W, name)):
        assert "{" + key + "}" in template, (name, template)
        for phrase in NOUN_PHRASES:
            others = {k: v for k, v in OTHER_VALUES.items() if k != key}
            text = writer.fill(writer.local(template), **{key: phrase}, **others)
            at = text.index(phrase)
            assert CASE_FREE.search(text[:at]), f"{name}: {text!r} declines {phrase!r}"
            assert props.grammar(text) == [], text
            assert "{" not in text and "}" not in text, text


@pytest.mark.parametrize("phrase", NOUN_PHRASES)
def test_a_place_is_named_beim_only_when_it_starts_with_an_event_noun(phrase: str) -> None:
    writer = _Writer(DraftFacts(first_name="Thomas", place=phrase), "follow-up", "de", NOW, ZURICH)
    where = writer.where()
    assert where == f" ({phrase})", where  # none of the phrases starts with an event noun such as "Apéro"
    events = _Writer(
        DraftFacts(first_name="T", place="Apéro der Jungunternehmer, Bern"), "follow-up", "de", NOW, ZURICH
    )
    assert events.where() == " beim Apéro der Jungunternehmer"


def _facts(**changes: object) -> DraftFacts:
    base = DraftFacts(
        first_name="Thomas",
        family_name="Keller",
        met_at=NOW - timedelta(days=2, hours=14, minutes=30),
        place="Feierabendanlass Design Thinking, Zürich",
        topics=["neue Meeting-Formate"],
        sender="Julia Baumann",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


DID = {"de": "Ich habe die Technik 1-2-4-All in meinem Teammeeting ausprobiert", "en": "I tried 1-2-4-All in my team"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_note_about_them_in_the_third_person_is_never_quoted(lang: str) -> None:
    facts = _facts(
        looking_for="Ideen für einen Workshop in seiner Abteilung" if lang != "en" else "ideas for his department",
        offers="Sie kennt alle in der Medtech-Branche" if lang != "en" else "she knows everyone in medtech",
        notes=["Er fährt mit dem Velo zur Arbeit, zwei Kinder."],
    )
    for kind in ("follow-up", "check-in", "ask"):
        draft = compose(facts, kind, "email", lang, DID[lang[:2]], NOW, ZURICH)
        assert props.first_person(draft.text) == [], draft.text
        assert props.not_pasted(draft.text, [*facts.notes, facts.looking_for, facts.offers]) == [], draft.text
    ask = compose(facts, "ask", "email", lang, None, NOW, ZURICH)
    assert ask.gaps and ask.gaps[0] in ask.text  # what to ask for is left to the user, not made up


@pytest.mark.parametrize("lang", LANGS)
def test_thanks_only_for_what_is_recorded(lang: str) -> None:
    plain = _facts(favour=None)
    for kind in ("follow-up", "check-in"):
        assert not props.THANKS.search(compose(plain, kind, "email", lang, None, NOW, ZURICH).text), kind
    noted = compose(plain, "follow-up", "email", lang, DID[lang[:2]], NOW, ZURICH)
    assert props.THANKS.search(noted.text) and "Meeting-Formate" in noted.text  # their input, that I acted on
    helped = compose(replace(plain, favour=Favour("advice")), "check-in", "email", lang, None, NOW, ZURICH)
    assert props.THANKS.search(helped.text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_proposed_time_fits_what_is_proposed_for_everyone(lang: str) -> None:
    meals = set()
    for name in ["Anna", "Beat", "Carla", "Daniel", "Eva", "Franz", "Gina", "Hans", "Ines", "Jonas", "Karin"]:
        for kind in KINDS:
            facts = _facts(first_name=name, favour=Favour("help"), news=News("promotion"))
            for channel in ("email", "linkedin"):
                text = compose(facts, kind, channel, lang, DID[lang[:2]], NOW, ZURICH).text
                assert props.fitting_time(text) == [], text
                meals |= {m for m, p in props.MEALS.items() if p.search(text)}
    assert meals == {"coffee", "lunch", "drink"}  # the rule is exercised for each kind of meeting


@pytest.mark.parametrize("lang", LANGS)
def test_a_planned_meeting_on_record_is_proposed_instead_of_dates(lang: str) -> None:
    planned = "27. Dezember, nächster Vortrag der Reihe" if lang != "en" else "27 December, next talk of the series"
    draft = compose(_facts(next_event=planned), "follow-up", "email", lang, DID[lang[:2]], NOW, ZURICH)
    assert planned in draft.text and not props.CLOCK.search(draft.text), draft.text
    assert draft.check.element("next_step").present and draft.check.score >= 85
    undated = compose(_facts(next_event="Vortragsreihe Prototyping"), "follow-up", "email", lang, None, NOW, ZURICH)
    assert "Vortragsreihe Prototyping" in undated.text and props.CLOCK.search(undated.text)  # and dates besides


@pytest.mark.parametrize("lang", LANGS)
def test_since_we_last_spoke_is_the_last_real_exchange_and_never_today(lang: str) -> None:
    autumn = _facts(last=LastContact(datetime(2026, 9, 7, 12, 0, tzinfo=ZURICH)))
    text = compose(autumn, "check-in", "email", lang, None, NOW, ZURICH).text
    assert re.search(r"September", text), text
    today = _facts(last=LastContact(NOW - timedelta(hours=1)))
    text = compose(today, "check-in", "email", lang, None, NOW, ZURICH).text
    assert not re.search(r"\b(?:heute|today)\b", text), text


@pytest.mark.parametrize("lang", LANGS)
def test_the_sign_off_carries_the_owners_name_or_a_marked_gap(lang: str) -> None:
    for channel in ("email", "linkedin"):
        signed = compose(_facts(), "follow-up", channel, lang, DID[lang[:2]], NOW, ZURICH)
        assert props.signed(signed.text, "Julia Baumann") == []
        unsigned = compose(_facts(sender=""), "follow-up", channel, lang, DID[lang[:2]], NOW, ZURICH)
        gap = W.NAME_GAP["en" if lang == "en" else "de"]
        assert props.signed(unsigned.text, gap) == [] and gap in unsigned.gaps


@pytest.mark.parametrize("lang", ["de-CH", "de"])
def test_a_du_contact_is_never_greeted_formally(lang: str) -> None:
    for name in ["Anna", "Beat", "Carla", "Daniel", "Eva", "Franz", "Gina", "Hans", "Ines", "Jonas", "Martina"]:
        for kind in KINDS:
            facts = _facts(first_name=name, favour=Favour("help"), news=News("new-job"))
            draft = compose(facts, kind, "email", lang, DID["de"], NOW, ZURICH)
            assert props.address(draft.text) == [], draft.text
        formal = compose(_facts(first_name=name, address_form="Sie"), "check-in", "email", lang, None, NOW, ZURICH)
        assert not props.DU_WORDS.search(formal.text), formal.text


@pytest.mark.parametrize("lang", LANGS)
def test_an_ask_is_filled_from_my_stored_ask_or_their_offers(lang: str) -> None:
    de = lang != "en"
    mine = "eine Einführung bei der Personalabteilung der Säntis Bank" if de else "an introduction to the HR team"
    stored = compose(_facts(asks=[mine]), "ask", "email", lang, None, NOW, ZURICH)
    assert mine in stored.text and stored.gaps == [] and stored.check.score >= 85, stored.check.missing
    offers = "Lean Management in der Produktion" if de else "lean operations in production"
    offered = compose(_facts(offers=offers), "ask", "email", lang, None, NOW, ZURICH)
    assert offers in offered.text and offered.gaps == [] and offered.check.score >= 85, offered.check.missing
    assert props.grammar(offered.text) == [] and props.fitting_time(offered.text) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_linkedin_note_keeps_greeting_moment_topic_and_thanks(lang: str) -> None:
    facts = _facts(topics=["neue Meeting-Formate"], looking_for="Ideen für einen Workshop zu neuen Meeting-Formaten")
    did = DID[lang[:2]] + ", mit sehr positiven Ergebnissen in zwei Teams und einer ganzen Abteilung"
    note = compose(facts, "follow-up", "linkedin", lang, did, NOW, ZURICH)
    assert len(note.text) <= 300 and note.text.startswith(("Hallo", "Hoi", "Salü", "Hi", "Dear", "Hello"))
    elements = {e.name for e in note.check.elements if e.present}
    assert {"greeting", "moment", "topic", "thanks", "next_step"} <= elements, note.text
    assert note.check.score >= 85 and props.signed(note.text, "Julia Baumann") == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_short_note_keeps_what_its_kind_needs_most(kind: str, lang: str) -> None:
    from rapport.messages.check import KINDS as NEEDS

    de = lang != "en"
    facts = _facts(
        last=LastContact(datetime(2026, 10, 2, 12, 0, tzinfo=ZURICH)),
        favour=Favour("advice", "Tipps zur Preisgestaltung" if de else "tips on pricing"),
        news=News("promotion", "Leiter Digitale Kanäle" if de else "Head of Digital Channels"),
        asks=["eine Einführung bei der Personalabteilung" if de else "an introduction to the HR team"],
        looking_for="Ideen für einen Workshop zu Meeting-Formaten" if de else "ideas for a workshop",
    )
    for limit in (300,):
        note = compose(facts, kind, "linkedin", lang, DID[lang[:2]], NOW, ZURICH, limit=limit)
        present = {e.name for e in note.check.elements if e.present}
        assert len(note.text) <= limit and NEEDS[kind].core <= present, (limit, note.text, note.check.missing)
        assert props.signed(note.text, "Julia Baumann") == [] and props.fitting_time(note.text) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_subject_names_only_what_is_known(lang: str) -> None:
    for name in ["Anna", "Beat", "Carla", "Daniel", "Eva", "Franz", "Gina", "Hans"]:
        draft = compose(_facts(first_name=name, topics=[]), "follow-up", "email", lang, None, NOW, ZURICH)
        assert draft.subject and "{" not in draft.subject and "Thema" not in draft.subject
        assert "about" not in draft.subject and props.grammar(draft.subject) == [], draft.subject
