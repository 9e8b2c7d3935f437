"""The new agenda rules at their edges (first meetings, meeting in person, dormant connections, congratulations).

Each test here was written against a change of the rules that the other tests let through (see docs/mutation.md):
it states the outcome the user sees where the wrong rule would differ.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from rapport.domain.agenda import AgendaRules, proposals
from rapport.domain.dates import OutOfRange, iso_moment
from rapport.domain.model import Action, ActionKind, Channel, ContactState, Initiator, News

from ._support import NOW, ZURICH, contact, history_of, touch, zurich

RULES = AgendaRules(zone=ZURICH)


def action_for(someone: ContactState, news: list[News] | None = None, now: datetime = NOW) -> Action | None:
    return proposals([someone], [], news or [], now, RULES).get(someone.id)


def kind_for(someone: ContactState, now: datetime = NOW) -> ActionKind | None:
    found = action_for(someone, now=now)
    return None if found is None else found.kind


@pytest.fixture
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own clock six hours behind the user's (who lives in Zurich)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- a moment as the user types it -----------------------------------------------------------------------------------


def test_a_date_alone_is_midday_of_that_day_in_the_users_zone() -> None:
    assert iso_moment(" 2026-11-26 ", ZURICH) == zurich(2026, 11, 26, 12)


@pytest.mark.parametrize("typed", ["2026-11-26 09:30", "2026-11-26T09:30", "2026-11-26T09:30:00"])
def test_a_time_without_an_offset_is_the_users_local_time(typed: str) -> None:
    moment = iso_moment(typed, ZURICH)
    assert (moment, moment.utcoffset()) == (zurich(2026, 11, 26, 9, 30), timedelta(hours=1))


def test_a_time_with_an_offset_keeps_it() -> None:
    moment = iso_moment("2026-11-26 09:30+05:30", ZURICH)
    assert moment.utcoffset() == timedelta(hours=5, minutes=30)
    assert moment.astimezone(ZURICH) == zurich(2026, 11, 26, 5)


@pytest.mark.usefixtures("machine_in_new_york")
def test_a_time_skipped_by_the_change_to_summer_time_is_moved_forward_as_clocks_do() -> None:
    """02:30 does not exist in Zurich that night: it is the moment the clocks show 03:30."""
    assert iso_moment("2026-03-29 02:30", ZURICH).astimezone(UTC) == zurich(2026, 3, 29, 3, 30).astimezone(UTC)


@pytest.mark.parametrize("typed", ["1900-01-01", "1900-01-01 00:00", "2200-12-31", "2200-12-31 23:59"])
def test_the_first_and_last_years_rapport_works_with_are_accepted(typed: str) -> None:
    assert iso_moment(typed, ZURICH).year in (1900, 2200)


@pytest.mark.parametrize("typed", ["1899-12-31", "1899-12-31 23:59", "2201-01-01", "2201-01-01 00:00"])
def test_a_year_outside_them_is_out_of_range(typed: str) -> None:
    with pytest.raises(OutOfRange):
        iso_moment(typed, ZURICH)


# --- first meetings -------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("machine_in_new_york")
def test_connected_the_evening_before_a_meeting_after_midnight_is_no_first_meeting_whatever_the_computers_zone() -> (
    None
):
    """We met at 01:00 in Zurich (still the evening before in New York) and had connected the day before."""
    met = zurich(2026, 11, 26, 1)
    history = history_of(touch(met, Channel.IN_PERSON, place="Kaufleuten"))
    someone = contact(1, created_at=met, history=history, connected_on=date(2026, 11, 25))
    assert kind_for(someone, now=met + timedelta(hours=5)) is not ActionKind.FOLLOW_UP
    on_the_day = contact(1, created_at=met, history=history, connected_on=date(2026, 11, 26))
    assert kind_for(on_the_day, now=met + timedelta(hours=5)) is ActionKind.FOLLOW_UP


# --- meeting in person ----------------------------------------------------------------------------------------------

CALLS_EVERY_MONTH = tuple(touch(NOW - timedelta(days=d), Channel.CALL) for d in range(5, 400, 25))


def test_an_active_contact_is_proposed_a_meeting_after_twelve_of_its_rhythms_not_after_a_year() -> None:
    """The active circle hears from me every 90 days: meeting in person is due after 1,080 days, not 365."""

    def active(days_since_meeting: int) -> ContactState:
        met = touch(NOW - timedelta(days=days_since_meeting), Channel.IN_PERSON)
        history = history_of(met, *CALLS_EVERY_MONTH, half_life_days=180)
        return contact(1, circle="active", created_at=NOW - timedelta(days=2000), history=history)

    assert kind_for(active(400)) is None
    assert kind_for(active(1079)) is None
    assert kind_for(active(1081)) is ActionKind.MEET


def test_a_strong_tie_that_only_ever_reaches_out_to_me_is_not_proposed_a_meeting() -> None:
    """They call every month and we met over a year ago, but I never reach out: not a two-way tie."""
    theirs = (touch(NOW - timedelta(days=d), Channel.CALL, Initiator.THEM) for d in range(5, 400, 25))
    met = touch(NOW - timedelta(days=420), Channel.IN_PERSON, Initiator.THEM)
    history = history_of(met, *theirs)
    assert history.last_mine_at is None
    someone = contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history)
    assert kind_for(someone) is not ActionKind.MEET


def test_a_core_contact_last_met_exactly_a_year_ago_is_proposed_a_meeting_that_day() -> None:
    def core(days_since_meeting: float) -> ContactState:
        met = touch(NOW - timedelta(days=days_since_meeting), Channel.IN_PERSON)
        history = history_of(met, *CALLS_EVERY_MONTH)
        return contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history)

    assert kind_for(core(365 - 1 / 24)) is None
    assert kind_for(core(365)) is ActionKind.MEET
