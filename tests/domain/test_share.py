"""Sharing an article, the rules: one link however it was reached, give first (quiet and in-debt contacts a little
higher, never above a clearly better match), never the same link twice, reasons that quote what matched."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import ContactState, History
from rapport.domain.share import Field, Reason, Scored, new_items, quoted, rank, reasons, url_key

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))


def _state(contact_id: int, name: str, last_days: int | None = 10, given_: int = 0, received: int = 0) -> ContactState:
    last = NOW - timedelta(days=last_days) if last_days is not None else None
    return ContactState(
        id=contact_id,
        name=name,
        circle="active",
        created_at=NOW - timedelta(days=900),
        history=History(last_real_at=last),
        given=given_,
        received=received,
    )


def test_the_same_article_from_a_newsletter_or_a_post_is_one_link() -> None:
    plain = url_key("https://www.example.ch/artikel/lieferketten/")
    assert url_key("HTTPS://Example.CH/artikel/lieferketten?utm_source=newsletter&utm_medium=email#top") == plain
    assert url_key("https://example.ch/artikel/lieferketten?fbclid=abc") == plain
    assert url_key("https://example.ch/artikel/lieferketten?page=2") != plain  # a real parameter is kept


@given(
    st.sampled_from(["https://example.ch", "http://news.example.org", "https://www.a.example"]),
    st.lists(st.text(alphabet="abcxyz-", min_size=1, max_size=8), max_size=3),
    st.lists(
        st.tuples(st.sampled_from(["utm_source", "utm_campaign", "gclid", "id", "page"]), st.text("abc12", max_size=4)),
        max_size=4,
    ),
)
def test_a_link_key_drops_tracking_and_is_stable(base: str, path: list[str], query: list[tuple[str, str]]) -> None:
    url = base + "/" + "/".join(path) + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
    key = url_key(url)
    assert url_key(key) == key  # a key is its own key
    assert "utm_" not in key and "gclid" not in key
    for name, _ in query:
        if name in ("id", "page"):
            assert f"{name}=" in key, (url, key)


def test_already_shared_archived_and_unmatched_contacts_are_left_out() -> None:
    states = {1: _state(1, "Anna"), 2: _state(2, "Beat"), 3: _state(3, "Carla")}
    scored = [Scored(1, 3.0), Scored(2, 2.0), Scored(3, 0.0), Scored(4, 5.0)]  # 4: archived, not among the states
    found = rank(scored, states, already={1}, now=NOW, top=5)
    assert [p.name for p in found] == ["Beat"]


def test_a_quiet_or_in_debt_contact_ranks_a_little_higher_but_not_above_a_clearly_better_match() -> None:
    states = {
        1: _state(1, "Anna", last_days=10),
        2: _state(2, "Beat", last_days=200),  # quiet
        3: _state(3, "Carla", last_days=10, given_=0, received=2),  # I owe her
        4: _state(4, "Dario", last_days=10),
    }
    equal = [Scored(1, 2.0), Scored(2, 2.0), Scored(3, 2.0)]
    assert [p.name for p in rank(equal, states, set(), NOW, 3)] == ["Beat", "Carla", "Anna"]
    better = [Scored(4, 4.0), Scored(2, 2.0)]
    found = rank(better, states, set(), NOW, 3)
    assert [p.name for p in found] == ["Dario", "Beat"] and found[1].quiet and found[1].match == 2.0
    assert rank(equal, states, set(), NOW, 1)[0].name == "Beat"


def _words(text: str) -> list[tuple[str, str]]:
    return [(w, w.lower().rstrip("s")) for w in text.replace(",", " ").split()]


def test_reasons_quote_the_matching_field_with_its_words_an_interest_first() -> None:
    fields = [
        Field("interest", "Design Thinking"),
        Field("tag", "design-thinking"),
        Field("looking_for", "Ideas for a workshop on meeting formats"),
        Field("note", "Cycles to work, two kids"),
    ]
    found = reasons(fields, {"design", "thinking", "workshop", "format"}, _words)
    assert [(r.kind, r.text, r.words) for r in found] == [
        ("interest", "Design Thinking", ("design", "thinking")),
        ("looking_for", "Ideas for a workshop on meeting formats", ("workshop", "formats")),
    ]  # the tag repeats the interest; the note matches nothing
    assert reasons(fields, {"sailing"}, _words) == ()


def test_a_feed_scan_ranks_only_items_not_seen_before_each_once() -> None:
    assert new_items(["c", "b", "a", "b"], {"a"}) == ["c", "b"]
    assert new_items(["a"], {"a"}) == []


@given(
    st.lists(st.tuples(st.floats(0.01, 10), st.booleans(), st.booleans()), min_size=1, max_size=30),
    st.integers(1, 6),
)
def test_reading_only_the_contenders_ranks_exactly_as_reading_everyone(
    rows: list[tuple[float, bool, bool]], top: int
) -> None:
    from rapport.domain.share import contenders

    states = {
        i: _state(i, f"P{i:02d}", last_days=200 if quiet else 10, received=1 if owes else 0)
        for i, (_, quiet, owes) in enumerate(rows)
    }
    scored = [Scored(i, score) for i, (score, _, _) in enumerate(rows)]
    few = contenders(scored, {0}, top)
    everyone = rank(scored, states, {0}, NOW, top)
    assert rank(few, {s.contact_id: states[s.contact_id] for s in few}, {0}, NOW, top) == everyone


def test_a_link_is_remembered_in_one_written_form_and_what_is_no_web_address_as_it_was_typed() -> None:
    assert url_key("HTTPS://WWW.Example.CH/News/SpaceX/?utm_source=x#top") == "https://example.ch/News/SpaceX"
    assert url_key("https://example.ch/") == "https://example.ch"
    assert url_key("https://example.ch/artikel/a") != url_key("https://example.ch/artikel/b")  # two articles
    assert url_key("Mailto:Anna@Example.ch/") == "Mailto:Anna@Example.ch/"  # no host: not a web link
    assert url_key("//example.ch/a/") == "//example.ch/a/"  # no scheme


def test_a_contact_is_quiet_from_the_ninetieth_day_without_a_real_exchange() -> None:
    states = {1: _state(1, "Anna", last_days=89), 2: _state(2, "Beat", last_days=90)}
    found = rank([Scored(1, 2.0), Scored(2, 2.0)], states, set(), NOW, 2)
    assert [(p.name, p.quiet) for p in found] == [("Beat", True), ("Anna", False)]


def test_quiet_lifts_a_match_by_a_little_only() -> None:
    states = {1: _state(1, "Anna", last_days=10), 2: _state(2, "Beat", last_days=200)}
    assert [p.name for p in rank([Scored(1, 2.2), Scored(2, 2.0)], states, set(), NOW, 2)] == ["Beat", "Anna"]
    assert [p.name for p in rank([Scored(1, 2.4), Scored(2, 2.0)], states, set(), NOW, 2)] == ["Anna", "Beat"]


def test_a_weak_match_is_still_proposed_with_its_contact_reasons_and_what_i_owe() -> None:
    because = (Reason("interest", "Sailing", ("sailing",)),)
    states = {3: _state(3, "Carla", received=2)}
    (found,) = rank([Scored(3, 0.2, because)], states, set(), NOW, 3)
    assert (found.contact_id, found.name, found.reasons, found.in_debt) == (3, "Carla", because, True)


def test_a_quiet_contact_i_owe_who_ties_the_best_match_once_lifted_is_a_contender() -> None:
    from rapport.domain.share import MAX_BOOST, contenders

    states = {1: _state(1, "Zora", last_days=10), 2: _state(2, "Aaron", last_days=200, received=1)}
    scored = [Scored(1, 2.0 * MAX_BOOST), Scored(2, 2.0)]
    everyone = rank(scored, states, set(), NOW, 1)
    assert [p.name for p in everyone] == ["Aaron"]  # the same score after the lift; the name decides
    few = contenders(scored, set(), 1)
    assert rank(few, {s.contact_id: states[s.contact_id] for s in few}, set(), NOW, 1) == everyone


def _split(text: str) -> list[tuple[str, str]]:
    """Words as the index finds them: split at anything that is not a letter."""
    import re

    return [(w, w.lower().rstrip("s")) for w in re.findall(r"[^\W\d_]+", text)]


def test_a_tag_written_with_a_hyphen_that_repeats_an_interest_is_left_out() -> None:
    fields = [Field("interest", "Design Thinking"), Field("tag", "design-thinking"), Field("note", "design sprints")]
    found = reasons(fields, {"design", "thinking", "sprint"}, _split)
    assert [r.kind for r in found] == ["interest", "note"]


def test_reasons_come_by_kind_of_field_then_by_more_matching_words_and_at_most_three() -> None:
    fields = [
        Field("note", "Met at the logistics fair, talked about freight and rail"),
        Field("title", "Head of Rail"),
        Field("interest", "rail"),
        Field("interest", "freight and rail logistics"),
    ]
    found = reasons(fields, {"logistic", "freight", "rail"}, _split)
    assert [(r.kind, r.text) for r in found] == [
        ("interest", "freight and rail logistics"),  # three words before one
        ("interest", "rail"),
        ("title", "Head of Rail"),
    ]  # the note (a fourth) is left out


def test_a_long_field_is_quoted_up_to_ninety_characters_cut_after_a_word() -> None:
    exactly = "a" * 90
    assert quoted(exactly) == exactly
    words = "freight, rail, " * 6 + "logistics"  # 99 characters
    cut = quoted(words)
    assert cut == "freight, rail, " * 5 + "freight…"  # the comma after the last whole word goes too
    assert quoted("a" * 91) == "a" * 89 + "…"  # one long word: cut inside it
    assert quoted("news about SpaceX " + "y" * 80) == "news about SpaceX…"
