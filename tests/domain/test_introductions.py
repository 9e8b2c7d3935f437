"""Which pairs are worth introducing, and why: each rule in a scenario that a wrong rule would get wrong."""

from __future__ import annotations

import re

from rapport.domain.introductions import CROWD, Candidate, pair, reasons_for, suggest

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
