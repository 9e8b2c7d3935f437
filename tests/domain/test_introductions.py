"""Which pairs are worth introducing, and why: each rule in a scenario that a wrong rule would get wrong."""

from __future__ import annotations

import math
import re

from rapport.domain.introductions import CROWD, Candidate, pair, reasons_for, suggest
from rapport.i18n import Translator
from rapport.i18n.reasons import introduction
from tests.domain._support import ZURICH

_STOP = {"a", "an", "the", "for", "of", "in", "on", "and", "or", "our", "we", "are"}


def terms(text: str) -> dict[str, str]:
    """A small stand-in for the stemmer: lower case, stop words out, a plural "s" cut."""
    found: dict[str, str] = {}
    for word in re.findall(r"[^\W\d_]+", text):
        low = word.lower()
        if low in _STOP or len(low) < 2:
            continue
        found.setdefault(low[:-1] if low.endswith("s") and len(low) > 3 else low, word)
    return found


def c(id: int, name: str, **fields: object) -> Candidate:
    return Candidate(id=id, name=name, **fields)  # type: ignore[arg-type]


def _pairs(found: list) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    return [pair(s.first.id, s.second.id) for s in found]


def test_what_one_looks_for_meets_what_the_other_offers_and_the_reason_quotes_both() -> None:
    people = [
        c(1, "Thomas", organisation="Brunnmatt", looking_for="Ideas and a facilitator for a workshop (January)"),
        c(2, "Fabian", organisation="Hub", interests=("facilitator training",)),
        c(3, "Olga", organisation="Bank", interests=("sailing",)),
    ]
    found = suggest(people, terms)
    assert _pairs(found) == [(1, 2)]
    reason = found[0].reasons[0]
    assert reason.facts["reason"] == "need"
    assert (found[0].first.name, found[0].second.name) == ("Thomas", "Fabian")  # the one who looks first
    assert reason.facts["wanted"] == ["Ideas and a facilitator for a workshop"]
    assert reason.facts["found"] == [{"text": "facilitator training", "field": "interests"}]


def test_a_need_is_met_by_offers_title_or_organisation_not_by_what_the_other_looks_for_too() -> None:
    people = [
        c(1, "Reto", looking_for="a researcher for my team"),
        c(2, "Yvonne", title="Researcher"),
        c(3, "Sven", looking_for="a researcher as well"),  # looking for the same is no match
        c(4, "Ida", organisation="Researcher Guild"),
    ]
    found = suggest(people, terms)
    assert set(_pairs(found)) == {(1, 2), (1, 4), (2, 3), (3, 4)}
    fields = {f["field"] for s in found for r in s.reasons for f in r.facts["found"]}  # type: ignore[attr-defined]
    assert fields == {"title", "organisation"}


def test_shared_interests_count_only_across_organisations() -> None:
    people = [
        c(1, "Anna", organisation="Acme AG", interests=("Design Thinking",)),
        c(2, "Beat", organisation="ACME  ag", interests=("design thinking",)),  # the same organisation, written apart
        c(3, "Cleo", organisation="Zeta", interests=("Design Thinking",)),
    ]
    found = suggest(people, terms)
    assert set(_pairs(found)) == {(1, 3), (2, 3)}
    assert found[0].reasons[0].facts["topics"] == ["Design Thinking"]


def test_an_interest_of_one_word_meets_an_interest_that_contains_it_but_two_long_ones_need_the_same_words() -> None:
    people = [
        c(1, "Lukas", interests=("running",)),
        c(2, "Céline", interests=("trail running",)),
        c(3, "Nina", interests=("service design",)),
        c(4, "Philipp", interests=("design thinking",)),
    ]
    found = suggest(people, terms)
    assert _pairs(found) == [(1, 2)]
    assert found[0].reasons[0].facts["topics"] == ["running / trail running"]


def test_a_need_at_the_same_organisation_is_still_proposed_but_ranks_below_one_across() -> None:
    people = [
        c(1, "Urs", organisation="Nordstern", looking_for="a mentor in logistics"),
        c(2, "Kollege", organisation="Nordstern", interests=("logistics",)),
        c(3, "Fremd", organisation="Reuss", interests=("logistics",)),
    ]
    scores = {pair(s.first.id, s.second.id): s.score for s in suggest(people, terms)}
    assert scores[(1, 3)] > scores[(1, 2)] > 0


def test_a_job_seeker_meets_someone_hiring_in_their_field_only() -> None:
    people = [
        c(1, "Urs", title="Project Manager Supply Chain", looking_for="a new role in logistics"),
        c(2, "Adrian", organisation="Rigi", offers="we are hiring project leads for logistics customers"),
        c(3, "Laura", organisation="Bank", title="Recruiter", offers="hiring bankers"),
    ]
    found = suggest(people, terms)
    assert _pairs(found) == [(1, 2)]
    assert [r.facts["reason"] for r in found[0].reasons] == ["job"]  # the job replaces the need it meets
    assert found[0].reasons[0].facts["found"] == [
        {"text": "we are hiring project leads for logistics customers", "field": "offers"}
    ]


def test_someone_who_is_not_looking_for_a_job_gets_no_job_reason() -> None:
    seeker = c(1, "Urs", looking_for="a new role in logistics")
    browsing = c(1, "Urs", looking_for="books on logistics")
    hirer = c(2, "Adrian", offers="hiring for logistics")
    assert [r.facts["reason"] for r in reasons_for(seeker, hirer, terms)] == ["job"]
    assert [r.facts["reason"] for r in reasons_for(browsing, hirer, terms)] == ["need"]


def test_pairs_introduced_already_are_never_proposed_and_the_next_best_takes_their_place() -> None:
    people = [
        c(1, "A", organisation="x", looking_for="a designer"),
        c(2, "B", organisation="y", title="Designer"),
        c(3, "C", organisation="z", interests=("chess",)),
        c(4, "D", organisation="w", interests=("chess",)),
    ]
    assert _pairs(suggest(people, terms, top=1)) == [(1, 2)]
    assert _pairs(suggest(people, terms, known={(1, 2)}, top=1)) == [(3, 4)]


def test_pairs_who_know_each_other_are_left_out_and_only_the_best_pairs_are_asked_about() -> None:
    people = [c(i, f"P{i}", organisation=f"org{i}", interests=("chess",)) for i in range(1, 8)]
    asked: list[set[tuple[int, int]]] = []

    def acquainted(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
        asked.append(pairs)
        return {(1, 2), (1, 3)}

    found = suggest(people, terms, top=3, acquainted=acquainted)
    assert len(found) == 3
    assert not {(1, 2), (1, 3)} & set(_pairs(found))
    assert asked and all(len(p) <= 3 * 3 + 10 for p in asked)


def test_a_crowd_sharing_one_interest_pairs_only_the_strongest_relationships() -> None:
    people = [c(i, f"P{i}", organisation=f"org{i}", interests=("chess",), strength=float(i)) for i in range(CROWD + 10)]
    found = suggest(people, terms, top=10_000)
    weakest = set(range(10))  # the ten weakest are beyond the crowd
    assert found and all(s.first.id not in weakest and s.second.id not in weakest for s in found)
    assert len(found) == CROWD * (CROWD - 1) // 2


def test_a_rare_shared_term_counts_more_than_a_common_one() -> None:
    people = [
        c(1, "A", organisation="a", interests=("chess",)),
        c(2, "B", organisation="b", interests=("chess",)),
        *[c(i, f"X{i}", organisation=f"o{i}", interests=("football",)) for i in range(3, 9)],
    ]
    found = suggest(people, terms, top=2)
    assert _pairs(found)[0] == (1, 2)


def test_nobody_is_paired_with_themselves_and_generic_words_make_no_match() -> None:
    people = [
        c(1, "A", looking_for="new contacts and a senior head of team", title="Head of Sales", interests=("chess",)),
        c(2, "B", title="Senior Head of Team", offers="contacts"),
    ]
    assert suggest(people, terms) == []
    assert suggest(people[:1], terms) == []
    assert suggest(people, terms, top=0) == []


# --- what the user reads and the order it comes in -------------------------------------------------------------


def _read(reasons: list) -> list[str]:  # type: ignore[type-arg]
    """Each reason as the terminal and the pages print it, in English."""
    t = Translator("en", ZURICH)
    return [introduction(t, r) for r in reasons]


def test_each_reason_reads_with_both_names_and_the_words_that_matched() -> None:
    thomas = c(1, "Thomas", organisation="Brunnmatt", looking_for="a facilitator for a workshop")
    fabian = c(2, "Fabian", organisation="Hub", offers="workshop facilitation")
    assert _read(reasons_for(fabian, thomas, terms)) == [
        "Thomas is looking for “a facilitator for a workshop”; Fabian: “workshop facilitation” (offers)."
    ]
    urs = c(3, "Urs", title="Dispatcher", looking_for="a new role in logistics", interests=("freight",))
    adrian = c(4, "Adrian", organisation="Rigi", offers="hiring for logistics and freight")
    assert _read(reasons_for(adrian, urs, terms)) == [
        "Urs is looking for a job (“a new role in logistics”, “freight”); Adrian is hiring: "
        "“hiring for logistics and freight” (offers)."
    ]
    anna = c(5, "Anna", organisation="Acme", interests=("sailing", "chess"))
    cleo = c(6, "Cleo", interests=("Chess",))
    assert _read(reasons_for(anna, cleo, terms)) == [
        "Anna and Cleo share an interest, at different organisations: “chess”."  # the same words, written apart
    ]


def test_no_reason_is_read_into_two_people_with_nothing_in_common() -> None:
    anna = c(1, "Anna", organisation="Acme", interests=("sailing",))
    cleo = c(2, "Cleo", interests=("chess",))
    assert reasons_for(anna, cleo, terms) == []


def test_a_short_interest_found_inside_the_first_ones_longer_interest_is_quoted_the_longer_one_first() -> None:
    celine = c(1, "Céline", interests=("trail running",))
    lukas = c(2, "Lukas", interests=("running",))
    assert [r.facts["topics"] for r in reasons_for(celine, lukas, terms)] == [["trail running / running"]]


def test_a_long_clause_is_quoted_cut_at_a_word_with_an_ellipsis_and_a_short_one_whole() -> None:
    long = "a facilitator " + "y" * 64 + " who knows workshops"  # 98 characters, a space as the 79th
    assert len(long) > 80 and long[78] == " "
    seeker = c(1, "Thomas", looking_for=long)
    exact = "a facilitator " + "x" * (80 - len("a facilitator "))  # exactly 80 characters: quoted whole
    other = c(3, "Vera", looking_for=exact)
    offerer = c(2, "Fabian", offers="facilitator")
    (quoted,) = reasons_for(seeker, offerer, terms)[0].facts["wanted"]  # type: ignore[misc]
    assert quoted == "a facilitator " + "y" * 64 + "…"
    assert len(quoted) <= 80 and not quoted[:-1].endswith(" ")
    assert reasons_for(other, offerer, terms)[0].facts["wanted"] == [exact]
    one_over = c(4, "Ueli", looking_for="a facilitator " + "z" * 67)  # 81 characters, no space near the cut
    assert reasons_for(one_over, offerer, terms)[0].facts["wanted"] == ["a facilitator " + "z" * 65 + "…"]


def test_a_clause_is_quoted_without_the_punctuation_around_it_and_every_clause_counts() -> None:
    seeker = c(1, "Thomas", looking_for="- a designer; - a facilitator.")
    offerer = c(2, "Fabian", offers="facilitation, facilitator")
    assert reasons_for(seeker, offerer, terms)[0].facts["wanted"] == ["a facilitator"]
    blank = c(3, "Vera", looking_for=";; a facilitator")  # an empty clause first
    assert reasons_for(blank, offerer, terms)[0].facts["wanted"] == ["a facilitator"]


def test_a_job_is_the_first_reason_and_its_seeker_is_named_first_whatever_the_order_of_the_list() -> None:
    anna = c(1, "Anna", organisation="Acme", title="Logistics Recruiter", looking_for="a designer")
    beat = c(2, "Beat", organisation="Zeta", title="Designer", looking_for="a new role in logistics")
    reasons = reasons_for(anna, beat, terms)
    assert [r.facts["reason"] for r in reasons] == ["job", "need"]
    (found,) = suggest([anna, beat], terms)
    assert (found.first.name, found.second.name) == ("Beat", "Anna")
    assert [r.facts["reason"] for r in found.reasons] == ["job", "need"]
    assert _read(found.reasons)[0].startswith("Beat is looking for a job")


def test_two_people_are_enough_for_a_suggestion() -> None:
    found = suggest([c(1, "A", looking_for="a designer"), c(2, "B", title="Designer")], terms)
    assert _pairs(found) == [(1, 2)]


def test_a_job_seeker_in_the_field_of_someone_hiring_ranks_above_one_who_only_reads_about_it() -> None:
    people = [
        c(1, "Browsing", organisation="a", looking_for="books on logistics"),
        c(2, "Analyst", organisation="b", title="Logistics Analyst"),  # in the field, not hiring, not looking
        c(3, "Hirer", organisation="c", offers="hiring in logistics"),
        c(4, "Seeker", organisation="d", looking_for="a new role in logistics"),
    ]
    found = suggest(people, terms, top=20)
    order = _pairs(found)
    assert order.index((3, 4)) < order.index((2, 4))  # hiring beats merely being in the field
    assert order.index((3, 4)) < order.index((1, 3))  # looking for a job beats looking for books
    assert (2, 3) not in order  # the analyst looks for nothing


def test_a_job_title_that_hires_or_a_tag_makes_a_recruiter_or_a_seeker() -> None:
    people = [
        c(1, "Reader", organisation="a", looking_for="logistics news"),
        c(2, "Analyst", organisation="b", title="Logistics Analyst"),
        c(3, "Recruiter", organisation="c", title="Logistics Recruiter"),
        c(4, "Tagged", organisation="d", interests=("logistics",), tags=("Stellensuche",)),
        c(5, "Hires", organisation="e", interests=("logistics",), tags=("hiring",)),
    ]
    order = _pairs(suggest(people, terms, top=20))
    assert {(3, 4), (4, 5)} <= set(order)  # the title hires, the tag hires, the tag looks for a job
    assert order.index((3, 4)) < order.index((1, 3))  # a job counts more than reading news on the field
    assert not {(2, 3), (2, 4), (2, 5)} & set(order)  # the analyst neither hires nor looks for anything


def test_a_seekers_interest_counts_as_their_field_for_a_job() -> None:
    people = [
        c(1, "Other", organisation="a", title="Freight Planner"),
        c(2, "Hirer", organisation="b", offers="hiring freight planners"),
        c(3, "Seeker", organisation="c", looking_for="a new job", interests=("freight",)),
    ]
    found = suggest(people, terms, top=5)
    assert _pairs(found)[0] == (2, 3)
    assert [r.facts["reason"] for r in found[0].reasons] == ["job"]


def test_the_score_shown_adds_each_matching_term_weighted_by_how_rare_it_is() -> None:
    """The score of `rapport intros --json`: per matching term, the reason's weight (a need 2, a shared interest 1)
    times ln(1 + people / (those who have the term + those who only look for it))."""
    people = [
        c(1, "Anna", organisation="Acme", looking_for="a facilitator"),
        c(2, "Beat", organisation="Zeta", offers="facilitator, moderation, coaching"),
        c(3, "Cleo", organisation="Ost", looking_for="a facilitator; coaching"),
        c(4, "Dora", organisation="Nord", interests=("chess", "go")),
        c(5, "Emil", organisation="Süd", looking_for="moderation", offers="moderation", interests=("chess", "go")),
    ]
    n = len(people)
    facilitator = math.log(1 + n / 3)  # Beat has it, Anna and Cleo look for it
    coaching = math.log(1 + n / 2)  # Beat has it, Cleo looks for it
    moderation = math.log(1 + n / 2)  # Beat and Emil have it (Emil looks for it too, but has it)
    each_interest = math.log(1 + n / 2)  # two people share chess, the same two share go
    scores = {pair(s.first.id, s.second.id): s.score for s in suggest(people, terms)}
    assert scores == {
        (1, 2): round(2 * facilitator, 3),
        (2, 3): round(2 * (facilitator + coaching), 3),
        (2, 5): round(2 * moderation, 3),
        (4, 5): round(2 * each_interest, 3),
    }


def test_a_pair_introduced_already_stays_out_wherever_the_two_stand_in_the_list_and_the_next_one_comes_in() -> None:
    people = [
        c(1, "Olga", organisation="o", interests=("sailing",)),
        c(2, "Vera", organisation="v", title="Designer", strength=0.9),
        c(3, "Ida", organisation="i", title="Designer", strength=0.5),
        c(4, "Reto", organisation="r", looking_for="a designer"),
    ]
    # Reto (last in the list) meets Vera (stronger, asked first) and Ida; Reto and Vera met through an
    # introduction already; a pair with someone archived since (7, not given to the rules) is on record too.
    found = suggest(people, terms, known={(2, 4), (4, 7)})
    assert _pairs(found) == [(3, 4)]


def test_someone_who_offers_what_they_look_for_is_still_paired_with_the_others_who_offer_it() -> None:
    people = [
        c(1, "Beat", organisation="b", offers="moderation", strength=0.1),
        c(2, "Emil", organisation="e", looking_for="moderation", offers="moderation", strength=0.9),
    ]
    assert _pairs(suggest(people, terms)) == [(1, 2)]


def test_a_shared_interest_introduced_already_stays_out_whoever_is_the_stronger_tie() -> None:
    people = [
        c(1, "Weak", organisation="w", interests=("chess",), strength=0.1),
        c(2, "Strong", organisation="s", interests=("chess",), strength=0.9),
    ]
    assert _pairs(suggest(people, terms)) == [(1, 2)]
    assert suggest(people, terms, known={(1, 2)}) == []


def test_the_best_pair_among_many_is_found_wherever_its_two_stand_in_the_list() -> None:
    for best in ((1, 2), (7, 8)):  # first in the list, last in the list
        people = [
            c(i, f"P{i}", organisation=f"org{i}", interests=("chess", "go") if i in best else ("chess",))
            for i in range(1, 9)
        ]  # 28 pairs share chess; only the best pair shares go as well
        assert _pairs(suggest(people, terms, top=1)) == [best]
        assert _pairs(suggest(people, terms, top=2))[0] == best


def test_when_the_best_pairs_all_know_each_other_the_search_goes_further_down_the_list() -> None:
    people = [c(i, f"P{i}", organisation=f"org{i}", interests=("chess",)) for i in range(1, 9)]  # 28 equal pairs

    def acquainted(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
        return pairs - {(7, 8)}  # everyone knows everyone, except 7 and 8

    assert _pairs(suggest(people, terms, top=1, acquainted=acquainted)) == [(7, 8)]


def test_the_store_is_not_asked_about_every_pair_once_enough_good_ones_are_left() -> None:
    people = [c(i, f"P{i}", organisation=f"org{i}", interests=("chess",)) for i in range(1, 8)]  # 21 pairs
    asked: list[set[tuple[int, int]]] = []

    def acquainted(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
        asked.append(pairs)
        return set(sorted(pairs)[:16])  # of the 19 best asked about, 16 know each other: 3 are left, enough

    assert len(suggest(people, terms, top=3, acquainted=acquainted)) == 3
    assert all(len(p) < 21 for p in asked)


def test_words_of_looking_for_a_job_or_hiring_make_no_match_of_their_own() -> None:
    seeker = c(1, "Urs", looking_for="a new job")
    editor = c(2, "Eva", title="Jobs Newsletter Editor")  # mentions jobs, hires nobody
    recruiter = c(3, "Rolf", looking_for="hiring advice")
    assert reasons_for(seeker, editor, terms) == []
    assert reasons_for(recruiter, c(4, "Ina", offers="hiring"), terms) == []


def test_a_clause_ending_in_a_capital_x_is_quoted_whole() -> None:
    seeker = c(1, "Thomas", looking_for="a mentor in UX")
    offerer = c(2, "Fabian", offers="mentor")
    assert reasons_for(seeker, offerer, terms)[0].facts["wanted"] == ["a mentor in UX"]


def test_colleagues_are_told_no_shared_interest_and_someone_merely_in_the_field_is_no_job() -> None:
    anna = c(1, "Anna", organisation="Acme AG", interests=("chess",))
    beat = c(2, "Beat", organisation="ACME ag", interests=("Chess",))
    assert reasons_for(anna, beat, terms) == []
    seeker = c(3, "Urs", looking_for="a new role in logistics")
    analyst = c(4, "Ada", title="Logistics Analyst")
    assert [r.facts["reason"] for r in reasons_for(seeker, analyst, terms)] == ["need"]
