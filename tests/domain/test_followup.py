"""The 72-hour rule: the first in-person meeting opens a window that my personal touch closes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.dates import hours_between
from rapport.domain.followup import FOLLOW_UP_HOURS, OVERDUE_GRACE, open_window
from rapport.domain.model import Channel, History, Initiator
from rapport.domain.strength import with_interaction

from ._support import NEW_YORK, ZURICH, history_of, initiators, moments, plus, touch, zurich

SEVENTY_TWO_HOURS = timedelta(hours=72)
personal_channels = st.sampled_from([c for c in Channel if c.personal])
in_person_channels = st.sampled_from([c for c in Channel if c.in_person])


def met(when: datetime, place: str = "Impact Hub", by: Initiator = Initiator.THEM) -> History:
    return history_of(touch(when, Channel.IN_PERSON, by, place=place))


def test_follow_up_is_72_hours() -> None:
    assert FOLLOW_UP_HOURS == 72


def test_no_window_without_an_in_person_meeting() -> None:
    assert open_window(History(), zurich(2026, 11, 26, 9)) is None
    emails_only = history_of(touch(zurich(2026, 11, 25, 9), Channel.EMAIL, Initiator.THEM))
    assert open_window(emails_only, zurich(2026, 11, 26, 9)) is None


def test_a_video_call_or_a_like_does_not_open_a_window() -> None:
    history = history_of(
        touch(zurich(2026, 11, 25, 9), Channel.VIDEO, Initiator.THEM),
        touch(zurich(2026, 11, 25, 10), Channel.SOCIAL, Initiator.THEM),
    )
    assert open_window(history, zurich(2026, 11, 26, 9)) is None


def test_no_window_before_the_meeting_has_happened() -> None:
    assert open_window(met(zurich(2026, 11, 27, 18)), zurich(2026, 11, 26, 9)) is None


def test_a_group_meeting_opens_a_window_too() -> None:
    history = history_of(touch(zurich(2026, 11, 24, 19), Channel.GROUP, Initiator.THEM, place="Meetup"))
    window = open_window(history, zurich(2026, 11, 26, 9))
    assert window is not None
    assert window.place == "Meetup"


def test_the_window_carries_the_meeting_and_its_place() -> None:
    window = open_window(met(zurich(2026, 11, 24, 19), place="Swiss Fintech talk"), zurich(2026, 11, 26, 9))
    assert window is not None
    assert window.met_at == zurich(2026, 11, 24, 19)
    assert window.place == "Swiss Fintech talk"
    assert window.closes_at == zurich(2026, 11, 27, 19)
    assert window.hours_left(zurich(2026, 11, 26, 9)) == 34
    assert not window.overdue(zurich(2026, 11, 26, 9))


def test_the_place_falls_back_to_the_summary_of_the_meeting() -> None:
    history = history_of(touch(zurich(2026, 11, 24, 19), Channel.IN_PERSON, Initiator.THEM, summary="Coffee"))
    window = open_window(history, zurich(2026, 11, 26, 9))
    assert window is not None
    assert window.place == "Coffee"


def test_a_window_across_the_spring_change_closes_72_real_hours_later() -> None:
    # Friday 27 March 2026 10:00 in Zurich; clocks go forward on Sunday, so it closes at 11:00 on Monday.
    window = open_window(met(zurich(2026, 3, 27, 10)), zurich(2026, 3, 27, 12))
    assert window is not None
    assert window.closes_at == zurich(2026, 3, 30, 11)
    assert window.closes_at.astimezone(UTC) - window.met_at.astimezone(UTC) == SEVENTY_TWO_HOURS
    assert window.hours_left(zurich(2026, 3, 27, 10)) == 72


def test_a_window_across_the_autumn_change_closes_72_real_hours_later() -> None:
    window = open_window(met(zurich(2026, 10, 23, 10)), zurich(2026, 10, 23, 12))
    assert window is not None
    assert window.closes_at == zurich(2026, 10, 26, 9)
    assert window.hours_left(zurich(2026, 10, 26, 8)) == 1


def test_a_window_across_the_american_spring_change_closes_72_real_hours_later() -> None:
    when = datetime(2026, 3, 6, 20, tzinfo=NEW_YORK)
    window = open_window(met(when), when)
    assert window is not None
    assert window.closes_at == datetime(2026, 3, 9, 21, tzinfo=NEW_YORK)


@given(moments, st.integers(min_value=0, max_value=72 * 60 + 14 * 24 * 60))
def test_the_window_closes_exactly_72_hours_after_the_meeting_in_any_zone(met_at: datetime, minutes: int) -> None:
    now = plus(met_at, minutes=minutes)
    window = open_window(met(met_at), now)
    assert window is not None
    assert window.met_at == met_at
    assert window.closes_at.astimezone(UTC) - window.met_at.astimezone(UTC) == SEVENTY_TWO_HOURS
    assert window.hours_left(met_at) == pytest.approx(72)
    assert window.hours_left(now) == pytest.approx(72 - minutes / 60)
    assert window.hours_left(now) == pytest.approx(72 - hours_between(met_at, now))
    assert window.overdue(now) == (window.hours_left(now) <= 0)


@given(moments, moments)
def test_hours_left_does_not_depend_on_the_zone_now_is_given_in(met_at: datetime, now: datetime) -> None:
    window = open_window(met(met_at), met_at)
    assert window is not None
    assert window.hours_left(now) == pytest.approx(window.hours_left(now.astimezone(UTC)), abs=1e-9)
    assert window.hours_left(now) == pytest.approx((window.closes_at.timestamp() - now.timestamp()) / 3600, abs=1e-9)


@given(moments, personal_channels, st.integers(min_value=1, max_value=200 * 60))
def test_any_personal_touch_of_mine_after_the_meeting_closes_the_window(
    met_at: datetime, channel: Channel, minutes_later: int
) -> None:
    answered = plus(met_at, minutes=minutes_later)
    history = with_interaction(met(met_at), touch(answered, channel, Initiator.ME), 90)
    now = max(answered, plus(met_at, hours=1))
    assert open_window(history, now) is None


@given(moments, st.integers(min_value=1, max_value=71 * 60))
def test_a_touch_by_them_does_not_close_the_window(met_at: datetime, minutes_later: int) -> None:
    later = plus(met_at, minutes=minutes_later)
    history = with_interaction(met(met_at), touch(later, Channel.EMAIL, Initiator.THEM), 90)
    assert open_window(history, later) is not None


@given(moments, initiators, st.integers(min_value=1, max_value=71 * 60))
def test_a_social_reaction_does_not_close_the_window(met_at: datetime, by: Initiator, minutes_later: int) -> None:
    later = plus(met_at, minutes=minutes_later)
    history = with_interaction(met(met_at), touch(later, Channel.SOCIAL, by), 90)
    assert history.last_mine_at is None
    assert open_window(history, later) is not None


@given(moments, in_person_channels)
def test_a_meeting_i_initiated_myself_still_opens_the_window(met_at: datetime, channel: Channel) -> None:
    history = history_of(touch(met_at, channel, Initiator.ME))
    assert history.last_mine_at == met_at
    assert open_window(history, met_at) is not None


def test_the_window_is_open_in_the_repeated_autumn_hour_right_after_the_meeting() -> None:
    # 02:50 summer time, then ten minutes later it is 02:00 winter time: the meeting is not in the future.
    met_at = datetime(2026, 10, 25, 2, 50, tzinfo=ZURICH)
    now = datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=ZURICH)
    window = open_window(met(met_at), now)
    assert window is not None
    assert window.hours_left(now) == pytest.approx(72 - 10 / 60)
    assert not window.overdue(now)


def test_a_reply_in_the_repeated_autumn_hour_closes_the_window() -> None:
    met_at = datetime(2026, 10, 25, 2, 50, tzinfo=ZURICH)
    reply = datetime(2026, 10, 25, 2, 5, fold=1, tzinfo=ZURICH)
    history = with_interaction(met(met_at), touch(reply, Channel.MESSAGE, Initiator.ME), 90)
    assert open_window(history, reply) is None


def test_a_touch_of_mine_before_the_meeting_does_not_close_the_window() -> None:
    history = history_of(
        touch(zurich(2026, 11, 20, 9), Channel.EMAIL, Initiator.ME),
        touch(zurich(2026, 11, 24, 19), Channel.IN_PERSON, Initiator.THEM),
    )
    assert open_window(history, zurich(2026, 11, 26, 9)) is not None


def test_a_second_meeting_i_initiated_after_the_first_closes_the_window() -> None:
    history = history_of(
        touch(zurich(2026, 11, 24, 19), Channel.IN_PERSON, Initiator.THEM),
        touch(zurich(2026, 11, 25, 12), Channel.IN_PERSON, Initiator.ME),
    )
    assert open_window(history, zurich(2026, 11, 26, 9)) is None


def test_the_window_is_overdue_from_the_moment_it_closes() -> None:
    window = open_window(met(zurich(2026, 11, 20, 19)), zurich(2026, 11, 23, 19))
    assert window is not None
    assert window.overdue(zurich(2026, 11, 23, 19))
    assert window.hours_left(zurich(2026, 11, 23, 19)) == 0
    assert not window.overdue(zurich(2026, 11, 23, 18, 59))


def test_an_overdue_window_is_still_reported_until_the_grace_period_ends() -> None:
    closes = zurich(2026, 11, 23, 19)
    history = met(zurich(2026, 11, 20, 19))
    window = open_window(history, closes + timedelta(days=3))
    assert window is not None
    assert window.overdue(closes + timedelta(days=3))
    assert window.hours_left(closes + timedelta(days=3)) == -72
    assert open_window(history, closes + OVERDUE_GRACE) is not None


def test_an_overdue_window_is_dropped_after_the_grace_period() -> None:
    history = met(zurich(2026, 11, 1, 19))
    closes = zurich(2026, 11, 4, 19)
    assert open_window(history, closes + OVERDUE_GRACE + timedelta(seconds=1)) is None
    assert open_window(history, closes + timedelta(days=60)) is None


@given(moments, st.integers(min_value=1, max_value=10_000))
def test_the_grace_period_is_measured_in_absolute_time(met_at: datetime, seconds_after: int) -> None:
    closes_utc = met_at.astimezone(UTC) + SEVENTY_TWO_HOURS
    inside = (closes_utc + OVERDUE_GRACE).astimezone(met_at.tzinfo)
    outside = (closes_utc + OVERDUE_GRACE + timedelta(seconds=seconds_after)).astimezone(met_at.tzinfo)
    assert open_window(met(met_at), inside) is not None
    assert open_window(met(met_at), outside) is None


def test_a_shorter_window_can_be_configured() -> None:
    window = open_window(met(zurich(2026, 11, 26, 8)), zurich(2026, 11, 26, 9), hours=24)
    assert window is not None
    assert window.closes_at == zurich(2026, 11, 27, 8)
    assert window.hours_left(zurich(2026, 11, 26, 9)) == 23
