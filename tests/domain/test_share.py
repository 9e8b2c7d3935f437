"""Sharing an article, the rules: one link however it was reached, give first (quiet and in-debt contacts a little
higher, never above a clearly better match), never the same link twice, reasons that quote what matched."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import ContactState, History
from rapport.domain.share import Field, Scored, new_items, rank, reasons, url_key

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
