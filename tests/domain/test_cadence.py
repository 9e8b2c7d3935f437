"""Circles and cadence: when a contact rusts, and who could make room in a full circle."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.cadence import Rust, circle_named, crowding, rusting
from rapport.domain.model import ARCHIVED, DEFAULT_CIRCLES, Channel, Circle, ContactState, Initiator
from rapport.domain.strength import strength_at

from ._support import NOW, contact, history_of, moments, plus, touch, zurich

CORE = DEFAULT_CIRCLES[0]
TRIO = Circle("trio", cadence_days=30, capacity=3, half_life_days=90)


def test_the_default_circles_go_from_monthly_to_never() -> None:
    assert [(c.name, c.cadence_days) for c in DEFAULT_CIRCLES] == [
        ("core", 30),
        ("active", 90),
        ("wider", 365),
        (ARCHIVED, None),
    ]
    assert [c.reminds for c in DEFAULT_CIRCLES] == [True, True, True, False]


def test_circle_named_finds_a_circle_by_name_or_nothing() -> None:
    assert circle_named(DEFAULT_CIRCLES, "active") is DEFAULT_CIRCLES[1]
    assert circle_named(DEFAULT_CIRCLES, "nonexistent") is None
    assert circle_named((), "core") is None


# --- rusting ----------------------------------------------------------------------------------------------------


def test_a_contact_never_contacted_rusts_from_when_it_was_added() -> None:
    added = zurich(2026, 10, 1, 9)
    someone = contact(created_at=added)
    assert rusting(someone, CORE, zurich(2026, 10, 30, 9)) is None
    rust = rusting(someone, CORE, zurich(2026, 11, 5, 9))
    assert rust == Rust(since=added, due=added + timedelta(days=30), never=True)


def test_a_contact_rusts_on_the_day_the_touch_is_due() -> None:
    added = zurich(2026, 10, 1, 9)
    due = added + timedelta(days=30)
    assert rusting(contact(created_at=added), CORE, due) is not None
    assert rusting(contact(created_at=added), CORE, due - timedelta(seconds=1)) is None


def test_rust_restarts_from_the_last_real_interaction() -> None:
    added, mailed = zurich(2026, 1, 1), zurich(2026, 10, 20, 9)
    someone = contact(created_at=added, history=history_of(touch(mailed, Channel.EMAIL, Initiator.ME)))
    assert rusting(someone, CORE, zurich(2026, 11, 18, 9)) is None
    rust = rusting(someone, CORE, zurich(2026, 11, 26, 9))
    assert rust is not None
    assert rust.since == mailed
    assert rust.due == mailed + timedelta(days=30)
    assert not rust.never


def test_a_social_like_does_not_reset_the_rhythm() -> None:
    mailed = zurich(2026, 9, 1, 9)
    history = history_of(
        touch(mailed, Channel.EMAIL, Initiator.ME),
        touch(zurich(2026, 11, 25, 9), Channel.SOCIAL, Initiator.ME),
    )
    rust = rusting(contact(history=history), CORE, NOW)
    assert rust is not None
    assert rust.since == mailed


def test_a_like_alone_leaves_the_contact_never_really_contacted() -> None:
    added = zurich(2026, 9, 1, 9)
    history = history_of(touch(zurich(2026, 11, 25, 9), Channel.SOCIAL, Initiator.THEM))
    rust = rusting(contact(created_at=added, history=history), CORE, NOW)
    assert rust is not None
    assert rust.never
    assert rust.since == added


def test_an_interaction_started_by_them_resets_the_rhythm() -> None:
    history = history_of(
        touch(zurich(2026, 9, 1, 9), Channel.EMAIL, Initiator.ME),
        touch(zurich(2026, 11, 20, 9), Channel.CALL, Initiator.THEM),
    )
    assert rusting(contact(history=history), CORE, NOW) is None


@given(moments, moments)
def test_an_archived_contact_never_rusts(created: datetime, now: datetime) -> None:
    archived = DEFAULT_CIRCLES[-1]
    assert rusting(contact(circle=ARCHIVED, created_at=created), archived, now) is None


@given(moments, st.sampled_from([c for c in DEFAULT_CIRCLES if c.reminds]), st.integers(0, 3 * 365 * 24))
def test_a_contact_rusts_exactly_when_the_cadence_has_passed_since_the_last_real_touch(
    last: datetime, circle: Circle, hours_after: int
) -> None:
    someone = contact(created_at=plus(last, days=-1000), history=history_of(touch(last, Channel.MESSAGE)))
    now = plus(last, hours=hours_after)
    rust = rusting(someone, circle, now)
    assert circle.cadence_days is not None
    due = last + timedelta(days=circle.cadence_days)
    assert (rust is not None) == (now >= due)
    if rust is not None:
        assert (rust.since, rust.due, rust.never) == (last, due, False)
        assert rust.days_over(now) >= 0


def test_days_over_counts_days_since_the_touch_was_due() -> None:
    rust = Rust(since=zurich(2026, 10, 1, 9), due=zurich(2026, 10, 31, 9), never=False)
    assert rust.days_over(zurich(2026, 11, 5, 9)) == 5
    assert rust.days_over(zurich(2026, 10, 31, 21)) == 0.5


# --- crowding ---------------------------------------------------------------------------------------------------


def member(contact_id: int, *interactions_days_ago: int, channel: Channel = Channel.EMAIL) -> ContactState:
    history = history_of(*(touch(NOW - timedelta(days=d), channel) for d in interactions_days_ago))
    return contact(contact_id, circle=TRIO.name, created_at=NOW - timedelta(days=400), history=history)


def test_a_circle_without_capacity_is_never_crowded() -> None:
    wider = DEFAULT_CIRCLES[2]
    assert crowding(wider, [member(i, 1) for i in range(500)], NOW) is None


def test_a_circle_below_capacity_is_not_crowded() -> None:
    assert crowding(TRIO, [], NOW) is None
    assert crowding(TRIO, [member(1, 5), member(2, 5)], NOW) is None


def test_a_full_circle_suggests_its_least_active_members_weakest_first() -> None:
    strong = member(1, 1, 2, 3)
    weak = member(2, 200)
    middle = member(3, 30)
    result = crowding(TRIO, [strong, weak, middle], NOW, suggest=2)
    assert result is not None
    assert result.circle is TRIO
    assert result.members == 3
    assert [c.id for c in result.least_active] == [2, 3]


def test_members_never_contacted_are_the_least_active_oldest_first() -> None:
    older = contact(1, created_at=NOW - timedelta(days=300))
    newer = contact(2, created_at=NOW - timedelta(days=10))
    active = member(3, 1)
    result = crowding(TRIO, [active, newer, older], NOW)
    assert result is not None
    assert [c.id for c in result.least_active] == [1, 2, 3]


def test_an_over_full_circle_counts_every_member() -> None:
    result = crowding(TRIO, [member(i, i) for i in range(1, 6)], NOW)
    assert result is not None
    assert result.members == 5
    assert [c.id for c in result.least_active] == [5, 4, 3]


@given(
    st.lists(st.lists(st.integers(1, 1000), max_size=4), max_size=8),
    st.integers(1, 6),
    st.integers(0, 5),
)
def test_crowding_reports_a_full_circle_with_its_weakest_members(
    interactions: list[list[int]], capacity: int, suggest: int
) -> None:
    circle = Circle("small", cadence_days=30, capacity=capacity, half_life_days=90)
    members = [member(i, *days_ago) for i, days_ago in enumerate(interactions)]
    result = crowding(circle, members, NOW, suggest=suggest)
    if len(members) < capacity:
        assert result is None
        return
    assert result is not None
    assert result.members == len(members)
    assert len(result.least_active) == min(suggest, len(members))
    strengths = [strength_at(c.history, NOW, 90) for c in result.least_active]
    assert strengths == sorted(strengths)
    others = [strength_at(c.history, NOW, 90) for c in members if c not in result.least_active]
    if strengths and others:
        assert max(strengths) <= min(others)
