"""The personalisation check: the seed's model message, focused elements in both languages, facts, the labelled set."""

from __future__ import annotations

import json
from datetime import date

import pytest
from bench import check_accuracy as accuracy
from bench.check_accuracy import SETS
from hypothesis import given
from hypothesis import strategies as st

from rapport.messages import WEIGHTS, Facts, check, detect_language
from rapport.messages.check import KINDS

JULIA_DE = (
    "Lieber Thomas, es hat mich sehr gefreut, dich am Dienstag kennengelernt zu haben und mich mit dir über die neu "
    "implementierten Meeting-Formen in deiner Abteilung auszutauschen. In meinem Teammeeting heute habe ich die von "
    "dir erwähnte Technik direkt ausprobiert und die Ergebnisse waren sehr positiv – danke für diesen tollen Input! "
    "Ich freue mich auf ein baldiges Wiedersehen – vielleicht beim nächsten Vortrag der Reihe am 27. Juni? "
    "Viele Grüsse, Julia"
)
JULIA_EN = (
    "Dear Thomas, it was a real pleasure to meet you on Tuesday and to talk about the new meeting formats you "
    "introduced in your department. In my team meeting today I tried the technique you mentioned right away, and "
    "the results were very positive – thank you for this great input! I look forward to seeing you again soon – "
    "perhaps at the next talk of the series on 27 June? Best regards, Julia"
)
LINKEDIN_DEFAULT = "Hi Thomas, I'd like to add you to my professional network on LinkedIn."


def test_weights_add_up_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_julia_german_scores_high() -> None:
    r = check(JULIA_DE)
    assert r.lang == "de"
    assert r.score >= 90, r.as_json()
    assert r.good


def test_julia_english_scores_high() -> None:
    r = check(JULIA_EN)
    assert r.lang == "en"
    assert r.score >= 90, r.as_json()


@pytest.mark.parametrize("channel", ["linkedin_note", "email"])
def test_linkedin_default_scores_low(channel: str) -> None:
    r = check(LINKEDIN_DEFAULT, channel=channel)
    assert r.score <= 20
    assert not r.element("stock_phrases").present
    assert "professional network" in (r.element("stock_phrases").evidence or "")


def test_language_detection() -> None:
    assert detect_language(JULIA_DE) == "de"
    assert detect_language(JULIA_EN) == "en"
    assert detect_language("") == "en"
    assert check(JULIA_DE, lang="de-CH").lang == "de"


# element name -> (present examples, missing examples), both languages
FOCUSED: dict[str, tuple[list[str], list[str]]] = {
    "greeting": (
        ["Hi Anna, nice.", "Liebe Anna, schön.", "Hallo Herr Meier, gut.", "Dear Ms Patel, good."],
        ["Nice to meet you.", "Sehr geehrte Damen und Herren, anbei.", "Dear [Name], hello.", "Hallo zusammen!"],
    ),
    "moment": (
        [
            "Great to meet you on Tuesday.",
            "Good to see you yesterday.",
            "Nice chat at the design meetup.",
            "Schön, dich am Dienstag getroffen zu haben.",
            "Danke für gestern.",
            "Es war toll beim Anlass.",
            "Merci viu mau fürs Gspräch am Zischtig bim Apéro.",
        ],
        ["Nice to meet you.", "Schön, dich kennengelernt zu haben."],
    ),
    "topic": (
        [
            "We talked about pricing experiments.",
            "Your advice on writing docs helped.",
            "Wir sprachen über Barrierefreiheit.",
            "Dein Tipp zur Budgetplanung war gut.",
            "Thank you for the discussion regarding patient data portability.",
        ],
        ["Thanks for the chat.", "Danke für das Gespräch."],
    ),
    "consequence": (
        [
            "I tried your idea today.",
            "I've already fixed the issues.",
            "Since our talk we changed the process.",
            "Ich habe es heute ausprobiert.",
            "Wir haben den Vorschlag umgesetzt.",
        ],
        ["It was interesting.", "Das war spannend."],
    ),
    "thanks": (
        [
            "Thank you for the tip!",
            "Thanks again for introducing me.",
            "Merci vielmal für den Tipp mit den Stand-ups!",
            "Cheers for the pointer to Feast.",
            "Danke vielmals für die Einführung bei Maria.",
            "Dein Tipp zu Retrospektiven hat funktioniert. Merci nochmals!",
            "Tausend Dank für die Buchempfehlung «Atomic Habits».",
        ],
        [
            "Thanks!",
            "Danke!",
            "Bis bald.",
            "Danke für den Input!",
            "Vielen Dank für Ihre Zeit.",
            "Thanks for everything!",
        ],
    ),
    "next_step": (
        [
            "Coffee next Tuesday at 10?",
            "Lunch on 3 March?",
            "Are you free on 2026-09-18?",
            "Treffen wir uns am Donnerstag um 12?",
            "Kaffee am 27. Juni?",
            "Sehen wir uns am 12.06.?",
        ],
        ["Let's catch up sometime.", "We should meet.", "Wir sollten uns mal wieder treffen.", "Melde dich doch mal."],
    ),
}


@pytest.mark.parametrize(
    ("name", "text", "present"),
    [(n, t, True) for n, (yes, _) in FOCUSED.items() for t in yes]
    + [(n, t, False) for n, (_, no) in FOCUSED.items() for t in no],
)
def test_focused_element(name: str, text: str, present: bool) -> None:
    r = check(text)
    e = r.element(name)
    assert e.present is present, (text, e)
    if present:
        assert e.evidence and e.hint is None
    else:
        assert e.hint


def test_bare_thanks_counts_less() -> None:
    assert 0 < check("Thanks!").points["thanks"] < WEIGHTS["thanks"]
    assert check("Thank you for the tip!").points["thanks"] == WEIGHTS["thanks"]


def test_missing_elements_have_generic_hints_in_both_languages() -> None:
    en = check("Hello.", lang="en")
    de = check("Hallo.", lang="de")
    assert "date or time" in (en.element("next_step").hint or "")
    assert "Datum" in (de.element("next_step").hint or "")


def test_facts_make_hints_specific() -> None:
    facts = Facts(
        first_name="Thomas",
        met_on=date(2026, 6, 2),
        place="Impact Hub",
        topics=["the Design Thinking talk"],
        next_event=date(2026, 6, 27),
    )
    r = check("Nice to meet you.", lang="en", facts=facts)
    assert "Thomas" in (r.element("greeting").hint or "")
    assert "Tuesday" in (r.element("moment").hint or "") and "Impact Hub" in (r.element("moment").hint or "")
    assert r.element("topic").hint == "Mention the Design Thinking talk."
    assert "Design Thinking" in (r.element("consequence").hint or "")
    assert "27 June 2026" in (r.element("next_step").hint or "")
    de = check("Schön, dich kennengelernt zu haben.", lang="de", facts=facts)
    assert "Dienstag" in (de.element("moment").hint or "")
    assert "27. Juni 2026" in (de.element("next_step").hint or "")


def test_facts_topic_is_recognised() -> None:
    facts = Facts(topics=["design thinking"])
    assert check("We talked about Design Thinking.", facts=facts).element("topic").present
    assert not check("We talked about the weather.", facts=facts).element("topic").present


def test_gaps_are_penalised() -> None:
    filled = check(JULIA_EN)
    gapped = check(JULIA_EN.replace("the technique you mentioned", "[what did you try?]").replace("TODO", ""))
    assert not gapped.element("gaps").present
    assert gapped.element("gaps").evidence == "[what did you try?]"
    assert gapped.score <= filled.score - 20
    for text in ("Hi {name}, great meeting you.", "Hi Anna, TODO add topic.", "Hi Anna, XXX"):
        assert not check(text).element("gaps").present


def test_stock_phrases_are_penalised_each() -> None:
    base = check(JULIA_EN).score
    one = check(JULIA_EN + " Let's keep in touch!").score
    two = check(JULIA_EN + " Hope this finds you well. Let's keep in touch!").score
    assert base > one > two
    de = check("Ich würde Sie gerne als Kontakt hinzufügen. Bleiben wir in Kontakt!")
    assert de.points["stock_phrases"] < 0 and de.score == 0


def test_length_per_channel() -> None:
    assert not check("Hi Anna, thanks!", channel="email").element("length").present
    assert check(JULIA_EN, channel="email").element("length").present
    note = check(JULIA_EN, channel="linkedin_note")  # longer than 300 characters
    assert not note.element("length").present and "300" in (note.element("length").hint or "")
    assert check(JULIA_EN, channel="linkedin_note", limit=500).element("length").present
    assert not check("x " * 1100, channel="xing").element("length").present
    assert not check("x " * 1300, channel="email").element("length").present


def test_as_json_is_serialisable() -> None:
    data = check(JULIA_DE).as_json()
    assert json.loads(json.dumps(data)) == data
    assert {e["name"] for e in data["elements"]} >= set(WEIGHTS)


def test_labelled_sets_cover_languages_kinds_and_labels() -> None:
    rows = [r for path in SETS.values() for r in accuracy.rows(path)]
    assert len(rows) >= 44 + 120
    assert {r["lang"] for r in rows} == {"de-CH", "de", "en"}
    assert set(KINDS) <= {r["kind"] for r in rows}
    assert {r["channel"] for r in rows} >= {"email", "linkedin", "linkedin_note"}
    assert {r["form"] for r in rows} >= {"du", "Sie", "formal", "informal"}
    good = sum(r["label"] == "good" for r in rows)
    assert 0.4 <= good / len(rows) <= 0.6


def test_accuracy_on_the_tuning_set() -> None:
    judged = [(r, accuracy.verdict(r)) for r in accuracy.rows(SETS["tuning"])]
    assert accuracy.figures(judged).accuracy >= 0.95
    for kind in KINDS:  # no kind is sacrificed to the overall figure
        assert accuracy.figures([(r, v) for r, v in judged if r["kind"] == kind]).accuracy >= 0.85, kind


def test_accuracy_on_the_held_out_set() -> None:
    judged = [(r, accuracy.verdict(r)) for r in accuracy.rows(SETS["held out"])]
    assert accuracy.figures(judged).accuracy >= 0.9


def test_accuracy_on_the_external_set() -> None:
    """Messages written by someone who never saw the rules: the issue's goal is 90 %."""
    judged = [(r, accuracy.verdict(r)) for r in accuracy.rows(SETS["external"])]
    assert accuracy.figures(judged).accuracy >= 0.9


def test_accuracy_on_the_second_external_set() -> None:
    """A second set written blind by someone else, after the rules learnt from the first: the goal is again 90 %."""
    judged = [(r, accuracy.verdict(r)) for r in accuracy.rows(SETS["external 2"])]
    assert accuracy.figures(judged).accuracy >= 0.9


def test_accuracy_on_the_third_external_set() -> None:
    """Written blind by someone who had not seen the check; labels committed before it ran.

    First measured at 90/100 = 90.0 % (de 90.6 %, de-CH 85.3 %, en 94.1 %; precision 100 %, recall 80 %); with the
    wider recall built on other sets, 92/100 (de 93.8 %, de-CH 85.3 %, en 97.1 %; precision 97.7 %, recall 86 %).
    """
    judged = [(r, accuracy.verdict(r)) for r in accuracy.rows(SETS["external 3"])]
    assert accuracy.figures(judged).accuracy >= 0.9


@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.characters(), min_size=1000, max_size=5000),
        st.binary().map(lambda b: b.decode("latin-1")),
    ),
    st.sampled_from([None, "de", "en", "fr", ""]),
    st.sampled_from(["email", "linkedin_note", "xing", "linkedin", "sms"]),
    st.sampled_from([None, *KINDS]),
)
def test_any_text_scores_within_bounds(text: str, lang: str | None, channel: str, kind: str | None) -> None:
    r = check(text, lang=lang, channel=channel, kind=kind)
    assert 0 <= r.score <= 100
    assert r.lang in ("de", "en")
    r.as_json()


# -- kinds: each needs its own elements -------------------------------------------------------------------------


def test_a_follow_up_needs_the_moment_a_topic_and_a_dated_next_step() -> None:
    full = (
        "Hoi Thomas\n\nMerci für den Abend am Dienstag beim Feierabendanlass. Deine Idee mit den Stand-up-Meetings "
        "im Stehen habe ich gestern mit meinem Team ausprobiert. Merci nochmals!\n\n"
        "Hättest du Lust auf einen Kaffee am 14.01. um 12 Uhr?\n\nLiebe Grüsse\nJulia"
    )
    r = check(full, kind="follow-up")
    assert r.good and r.kind == "follow-up"
    assert r.element("next_step").evidence and "14.01. um 12 Uhr" in r.element("next_step").evidence
    assert r.element("thanks").present  # "Merci nochmals!" after the sentence that names what for
    for missing in ("am Dienstag beim Feierabendanlass", "mit den Stand-up-Meetings im Stehen", "am 14.01. um 12 Uhr"):
        weaker = check(full.replace(" " + missing, " bald" if "14.01" in missing else ""), kind="follow-up")
        assert not weaker.good, missing


def test_the_proposed_date_is_not_the_shared_moment() -> None:
    text = "Hi Priya, thanks for the chat about feature stores. I set up Feast. Lunch on Feb 3rd at 12:15?"
    r = check(text, kind="follow-up")
    assert r.element("next_step").present and "Feb 3rd at 12:15" in (r.element("next_step").evidence or "")
    assert not r.element("moment").present and not r.good
    assert check(text.replace("the chat", "the chat yesterday"), kind="follow-up").good


def test_congratulations_name_the_news_add_a_personal_line_and_ask_nothing() -> None:
    good = (
        "Hi Maya, huge congrats on your new role as VP Engineering at Frameworks! I still remember you sketching "
        "that on-call rotation at the PyCon dinner in May."
    )
    assert check(good, kind="congrats").good
    assert not check("Hi Maya, congrats on your new role! All the best.", kind="congrats").good
    asking = check(good + " Could you introduce me to your recruiter for the open backend role?", kind="congrats")
    assert not asking.good and not asking.element("no_ask").present
    assert "recruiter" in (asking.element("no_ask").evidence or "")
    assert check(good + " Lunch on 3 March to celebrate?", kind="congrats").good  # proposing to meet is no ask


def test_a_check_in_needs_a_shared_reference_and_an_open_question() -> None:
    good = "Hi Laura, since our walk along the lake in September I keep wondering: how did the move to Lisbon go?"
    assert check(good, kind="check-in").good
    assert not check("Hi Laura, how are you? Long time no see!", kind="check-in").good  # no reference
    assert not check("Hi Laura, since our walk along the lake in September I moved.", kind="check-in").good


def test_thanks_say_what_for() -> None:
    good = "Hoi Reto, merci vielmal für die Einführung bei Maria Rossi! Wir haben gestern telefoniert."
    assert check(good, kind="thanks").good
    assert not check("Hoi Reto, merci vielmal für alles! Wir haben gestern telefoniert.", kind="thanks").good
    assert check("Hi Tom, cheers for reviewing my slides – the talk went really well.", kind="thanks").good


def test_an_ask_needs_context_and_a_specific_request() -> None:
    good = (
        "Hi Kofi, we chatted about Rust in embedded systems at the Embedded World booth last week. Could you share "
        "our firmware job post in your Rust meetup group?"
    )
    assert check(good, kind="ask").good
    assert not check("Hi Kofi, could you help me with something?", kind="ask").good
    assert not check("Hi Kofi, could you share our firmware job post in your Rust meetup group?", kind="ask").good


@pytest.mark.parametrize(
    ("kind", "good", "generic"),
    [
        (
            "share",
            "Hi Priya, this paper on feature-store costs made me think of your question at the Data Summit: "
            "arxiv.org/abs/2403.01234",
            "Hi Priya, thought you might find this interesting: https://example.com/article",
        ),
        (
            "introduction",
            "Hi Kofi, hi Lena, let me introduce you two. Kofi runs the Zurich Rust meetup; Lena is choosing between "
            "C and Rust for her controller. I'll let you take it from here.",
            "Hi both, you should connect! I think you'd have a lot to talk about.",
        ),
        (
            "invite",
            "Hi Ben, we're running a workshop on Feb 3rd at 4pm – it's basically your idea from the Product Tank "
            "talk, so come and tell us what we got wrong!",
            "Hey, join us for our meetup on Thursday at 6pm! Free pizza.",
        ),
    ],
)
def test_the_other_kinds(kind: str, good: str, generic: str) -> None:
    assert check(good, kind=kind, channel="linkedin").good, check(good, kind=kind).as_json()
    assert not check(generic, kind=kind, channel="linkedin").good


def test_kinds_are_accepted_by_other_names_and_unknown_ones_refused() -> None:
    assert check("Hi", kind="congratulation").kind == "congrats"
    assert check("Hi", kind="Invitation").kind == "invite"
    assert check("Hi").kind == "follow-up"
    with pytest.raises(ValueError):
        check("Hi", kind="poem")


# -- facts make the check stricter, never more lenient -----------------------------------------------------------


def test_a_topic_in_the_notes_but_not_in_the_text_is_not_credited() -> None:
    facts = Facts(first_name="Thomas", topics=["Design Thinking", "new meeting formats"])
    text = (
        "Hi Thomas, thanks for a great evening on Tuesday – I learned a lot and tried something new in my team "
        "meeting yesterday. Coffee on Friday 30 January at 12:00?"
    )
    r = check(text, facts=facts)
    assert not r.element("topic").present and not r.good
    named = check(text.replace("a great evening", "the evening on design thinking"), facts=facts)
    assert named.element("topic").present and named.element("topic").evidence == "design thinking"
    assert not check(text.replace("Hi Thomas", "Hi Peter"), facts=facts).element("greeting").present


TEXTS = [
    json.loads(line)["text"]
    for path in SETS.values()
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@given(
    st.sampled_from(TEXTS),
    st.sampled_from(sorted(KINDS)),
    st.lists(st.sampled_from(["Design Thinking", "feature stores", "Barrierefreiheit", "Rust", "BIM"]), max_size=2),
    st.sampled_from([None, "Thomas", "Priya", "Reto"]),
)
def test_facts_never_make_the_check_more_lenient(text: str, kind: str, topics: list[str], name: str | None) -> None:
    plain = check(text, kind=kind)
    strict = check(text, kind=kind, facts=Facts(first_name=name, topics=topics))
    assert strict.score <= plain.score
    assert {e.name for e in strict.elements if e.present} <= {e.name for e in plain.elements if e.present}


def _squash(s: str) -> str:
    return " ".join(s.split())


@given(st.sampled_from(TEXTS), st.sampled_from(sorted(KINDS)))
def test_evidence_is_always_a_quotation_from_the_message(text: str, kind: str) -> None:
    for e in check(text, kind=kind).elements:
        if e.evidence and e.name not in ("length", "stock_phrases", "gaps"):
            assert _squash(e.evidence.removesuffix("…")) in _squash(text), (e, text)


def test_a_short_note_needs_its_kinds_core_not_every_element() -> None:
    note = (
        "Sali Nadine, schön hämmer üs am Apéro vom Gwerbeverein troffe. Dini Idee, d Sitzige uf 30 Minute z kürze, "
        "han ich am Mäntig grad usprobiert. Merci für dä Tipp!"
    )
    assert check(note, channel="linkedin_note", kind="follow-up").good  # no next step: fine in 300 characters
    assert not check(note, channel="email", kind="follow-up").good  # an e-mail still proposes a dated next step
    vague = "Sali Nadine, schön hämmer üs troffe. Merci vilmal und bis bald!"
    assert not check(vague, channel="linkedin_note", kind="follow-up").good
    too_long = note + " " + "Und es isch würklich e schöne Aabig gsi, mit vielne spannende Lüüt." * 3
    assert len(too_long) > 300 and not check(too_long, channel="linkedin_note", kind="follow-up").good


def test_a_clear_question_to_the_reader_is_a_request() -> None:
    ask = (
        "Hi Priya, quick question: do you know who handles vendor onboarding at Helvetia Logistics? You mentioned at "
        "the Basel meetup that you worked with their procurement team."
    )
    result = check(ask, kind="ask")
    assert result.good and result.element("request").present
    assert "do you know who handles" in (result.element("request").evidence or "")
    vague = "Hi Priya, quick question: could you help me with something? Would be great to hear from you."
    assert not check(vague, kind="ask").good
    dialect = (
        "Hoi Sandro, kennsch du öpper bi de SBB, wo für d Baustelleplanig z Olte zueständig isch? Du hesch mir im "
        "Herbst verzellt, dass du det es Projekt gmacht hesch."
    )
    assert check(dialect, lang="de", channel="linkedin_note", kind="ask").good


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Hoi Lara, alles Gute zum 40.! Weisch no, wie mir im Studium z Fribourg am Statik-Projekt ghocket sind?",
            "de",
        ),
        (
            "Hi Daniel, huge congrats on making partner at Keller & Roth! I still think of the night we rewrote the "
            "merger memo at 2am in your old office.",
            "en",
        ),
        ("Hi Omar, 10 years at Roche – wow! Still remember your first week when you set off the fire alarm.", "en"),
    ],
)
def test_congratulations_named_unusually_with_a_shared_memory(text: str, lang: str) -> None:
    result = check(text, lang=lang, channel="linkedin", kind="congrats")
    assert result.element("news").present and result.element("personal").present and result.good


def test_a_congratulation_without_the_news_stays_generic() -> None:
    for text in ("Hoi Lara, alles Gute zum Geburtstag! Geniess din Tag!", "Hi Daniel, congrats! Well deserved."):
        assert not check(text, channel="linkedin", kind="congrats").element("news").present


def test_a_freely_phrased_reason_for_sharing() -> None:
    good = (
        "Liebe Carla, der NZZ-Beitrag über Gemeinschaftsgärten in Zürich Nord hat mich sofort an dein Quartierprojekt "
        "in Oerlikon denken lassen. Vielleicht hilft dir der Abschnitt zur Finanzierung über die Stadt."
    )
    assert check(good, kind="share").element("relevance").present
    generic = "Liebe Carla, anbei ein Beitrag, den ich spannend fand. Vielleicht interessiert er dich ja auch."
    assert not check(generic, kind="share").element("relevance").present


def test_a_topic_described_by_a_phrase_and_swiss_thanks() -> None:
    text = (
        "Hallo Jonas, danke für den Austausch nach deinem Vortrag in Bern. Deine Idee, die Wochenplanung auf einen "
        "einzigen Termin zu kürzen, habe ich gestern mit meinem Team umgesetzt. Danke dafür! Hast du am 16. Januar "
        "um 8 Uhr Zeit für einen Kaffee?"
    )
    result = check(text, kind="follow-up")
    assert "Deine Idee, die" in (result.element("topic").evidence or "") and result.score == 100
    for thanks in ("Merci viu mau fürs Gspröch über d Velowege", "Tuusig Dank fürs Uushelfe am Samschtig"):
        assert check(f"Hoi Reto, {thanks}!", channel="linkedin_note", kind="thanks").element("thanks").present


def test_thanks_for_help_or_time_alone_are_not_specific() -> None:
    for text in ("Hi Jan, thanks so much for your help, really appreciated!", "Hallo Tobias, danke für deine Zeit."):
        assert not check(text, channel="linkedin_note", kind="thanks").element("thanks").present


@pytest.mark.parametrize(
    ("text", "lang", "quoted"),
    [
        ("Merci vilmal, Corina, für d Hilf bim Zügle uf Thun! D Kiste sind alli im Estrich.", "de", "Corina"),
        ("Danke Sebastian für die Vorlage zum Förderantrag! Ich habe ihn heute eingereicht.", "de", "Sebastian"),
        ("Thanks so much, Ana, for the intro to the Lisbon co-working crowd. I signed up for a desk.", "en", "Ana"),
    ],
)
def test_a_name_between_the_thanks_and_what_for(text: str, lang: str, quoted: str) -> None:
    result = check(text, lang=lang, channel="linkedin", kind="thanks")
    assert quoted in (result.element("greeting").evidence or "")
    assert result.element("thanks").present and result.good
    generic = f"Thanks a lot, {quoted}, for everything, it means a lot!"
    assert not check(generic, lang="en", channel="linkedin", kind="thanks").element("thanks").present


def test_congratulations_said_as_glad_that_you_and_a_named_shared_past() -> None:
    de = (
        "Hoi Noemi, mega schön, dass du jetzt d Bibliothek z Chur leitisch! Üsi Lesenacht im Rätischen Museum 2018 "
        "vergiss ich nie."
    )
    en = "Hi Raj, so good to see you've launched the cargo bike co-op in Leeds! Our cold test rides in 2021 paid off."
    for text, lang in ((de, "de"), (en, "en")):
        result = check(text, lang=lang, channel="linkedin", kind="congrats")
        assert result.element("news").present and result.element("personal").present and result.good, result
    generic = "Hi Raj, so good to see your new role! Wishing you every success."
    assert not check(generic, lang="en", channel="linkedin", kind="congrats").good


def test_thinking_of_them_is_a_reference_only_with_something_named() -> None:
    bare = ("Hey Sam, thought of you today! How are things?", "Hoi Nico, ha grad a di dänkt. Wie gahts dir so?")
    for text in bare:
        assert not check(text, channel="linkedin", kind="check-in").element("reference").present, text
    named = (
        "Hey Sam, walked past Brixton Academy and thought of that rainy Pixies gig with you. How's the flat hunt?",
        "Hoi Nico, ha grad a dis Boot-Projekt am Zürisee dänkt. Wie wiit bisch?",
    )
    for text in named:
        assert check(text, channel="linkedin", kind="check-in").element("reference").present, text


def test_their_own_work_named_is_context_and_profile_templates_are_stock() -> None:
    ask = (
        "Hallo Frau Kern, Ihr Beitrag über Fassadenbegrünung in Winterthur hat mich überzeugt. Welche Pflanzen würden "
        "Sie für eine Nordfassade empfehlen?"
    )
    assert check(ask, lang="de", channel="linkedin", kind="ask").good
    for template in (
        "Hi Mark, I came across your profile and would love to connect.",
        "Hallo Frau Koch, ich bin auf Ihr Profil gestoßen und würde mich freuen, mich mit Ihnen zu vernetzen.",
    ):
        result = check(template, channel="linkedin_note", kind="follow-up")
        assert not result.element("stock_phrases").present and not result.good


def test_reading_their_post_or_seeing_the_news_is_not_what_one_did() -> None:
    thanks = "Liebe Frau Graf, ich habe Ihren Artikel gelesen und fand ihn spannend. Vielen Dank fürs Teilen!"
    result = check(thanks, lang="de", channel="linkedin", kind="thanks")
    assert not result.element("consequence").present and not result.good
    congrats = "Grüezi Herr Meier, ich ha gseh, dass Sie jetzt bi de Post sind. Herzlichi Gratulation!"
    assert not check(congrats, lang="de", channel="linkedin", kind="congrats").element("personal").present


@pytest.mark.parametrize(
    ("text", "lang", "relevant"),
    [
        (
            "Hello Urs, I read “Lieferketten unter Druck” and it seemed spot on for your interest in supply chain.",
            "en",
            True,
        ),
        ("Hoi Urs, «Lieferketten unter Druck» passt genau zu deinem Interesse an Lieferketten.", "de", True),
        ("Hello Urs, here is “Lieferketten unter Druck”. Thank you for your interest in our services.", "en", False),
        ("Hoi Urs, hier ist «Lieferketten unter Druck». Danke für dein Interesse an diesem Newsletter.", "de", False),
    ],
)
def test_a_share_names_their_interest_as_why_it_is_for_them(text: str, lang: str, relevant: bool) -> None:
    found = {e.name: e for e in check(text, lang=lang, kind="share").elements}
    assert found["relevance"].present is relevant, found["relevance"]
    if relevant:
        assert found["relevance"].evidence in text  # quoted from the message
