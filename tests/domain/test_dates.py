"""Calendar arithmetic: yearly dates, local days and durations in absolute time."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.dates import (
    days_between,
    elapsed,
    hours_between,
    later_by,
    local_day,
    month_days_between,
    next_occurrence,
    occurrence_in,
    require_aware,
    years_on,
)
from rapport.domain.model import YearlyDate

from ._support import DST_CHANGES, NEW_YORK, ZURICH, days, moments, zurich


@st.composite
def yearly_dates(draw: st.DrawFn) -> YearlyDate:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 29 if month == 2 else calendar.monthrange(2001, month)[1]))
    year = draw(st.none() | st.integers(1900, 2030))
    if month == 2 and day == 29 and year is not None and not calendar.isleap(year):
        year = 2000
    return YearlyDate(month, day, year)


def celebrated_on(yearly: YearlyDate, day: date) -> bool:
    return occurrence_in(yearly, day.year) == day


# --- YearlyDate -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "year"),
    [
        (4, 31, None),
        (4, 31, 1990),
        (2, 29, 2023),
        (2, 29, 1900),
        (2, 30, None),
        (13, 1, None),
        (0, 1, None),
        (6, 0, None),
        (12, 32, 2000),
    ],
)
def test_yearly_date_rejects_a_day_that_does_not_exist(month: int, day: int, year: int | None) -> None:
    with pytest.raises(ValueError):
        YearlyDate(month, day, year)


@pytest.mark.parametrize("year", [None, 2000, 2024, 1996])
def test_yearly_date_accepts_29_february_without_a_year_or_in_a_leap_year(year: int | None) -> None:
    assert YearlyDate(2, 29, year).month_day == 229


def test_yearly_date_month_day_key_and_iso_form() -> None:
    assert YearlyDate(3, 7).month_day == 307
    assert YearlyDate(12, 31).month_day == 1231
    assert YearlyDate(3, 7).iso() == "--03-07"
    assert YearlyDate(3, 7, 1985).iso() == "1985-03-07"


# --- local days and durations -----------------------------------------------------------------------------------


def test_require_aware_rejects_a_naive_moment_and_returns_an_aware_one_unchanged() -> None:
    with pytest.raises(ValueError, match="time zone"):
        require_aware(datetime(2026, 1, 1, 12))
    moment = zurich(2026, 1, 1, 12)
    assert require_aware(moment) is moment


def test_local_day_is_the_day_in_the_users_zone_not_in_utc() -> None:
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert local_day(moment, ZURICH) == date(2027, 1, 1)
    assert local_day(moment, NEW_YORK) == date(2026, 12, 31)
    assert local_day(moment, UTC) == date(2026, 12, 31)


def test_local_day_rejects_a_naive_moment() -> None:
    with pytest.raises(ValueError):
        local_day(datetime(2026, 1, 1), ZURICH)


def test_the_day_of_the_spring_change_lasts_23_hours_and_the_autumn_one_25() -> None:
    assert hours_between(zurich(2026, 3, 29), zurich(2026, 3, 30)) == 23
    assert hours_between(zurich(2026, 10, 25), zurich(2026, 10, 26)) == 25
    assert hours_between(datetime(2026, 3, 8, tzinfo=NEW_YORK), datetime(2026, 3, 9, tzinfo=NEW_YORK)) == 23
    assert days_between(zurich(2026, 10, 24), zurich(2026, 10, 26)) == pytest.approx(49 / 24)


def test_hours_between_rejects_naive_moments() -> None:
    with pytest.raises(ValueError):
        hours_between(datetime(2026, 1, 1), zurich(2026, 1, 2))
    with pytest.raises(ValueError):
        hours_between(zurich(2026, 1, 1), datetime(2026, 1, 2))


@given(moments, moments)
def test_elapsed_time_is_absolute_whatever_the_zones(start: datetime, end: datetime) -> None:
    assert elapsed(start, end) == end.astimezone(UTC) - start.astimezone(UTC)
    assert hours_between(start, end) == pytest.approx((end.timestamp() - start.timestamp()) / 3600, abs=1e-9)
    assert days_between(start, end) == pytest.approx(hours_between(start, end) / 24)
    assert hours_between(start, end) == pytest.approx(-hours_between(end, start))


@given(moments, st.integers(min_value=-1000, max_value=1000))
def test_later_by_adds_absolute_time_and_keeps_the_zone(moment: datetime, hours: int) -> None:
    later = later_by(moment, timedelta(hours=hours))
    assert later.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=hours)
    assert later.tzinfo is moment.tzinfo


def test_dst_change_table_used_by_the_tests_is_right() -> None:
    for zone, change in DST_CHANGES:
        before = (change - timedelta(minutes=1)).astimezone(zone).utcoffset()
        after = change.astimezone(zone).utcoffset()
        assert before != after


# --- yearly occurrences -----------------------------------------------------------------------------------------


def test_29_february_is_celebrated_on_28_february_in_common_years() -> None:
    leap_day = YearlyDate(2, 29)
    assert occurrence_in(leap_day, 2026) == date(2026, 2, 28)
    assert occurrence_in(leap_day, 2100) == date(2100, 2, 28)
    assert occurrence_in(leap_day, 2028) == date(2028, 2, 29)
    assert occurrence_in(leap_day, 2000) == date(2000, 2, 29)


def test_an_ordinary_date_falls_on_its_own_day_every_year() -> None:
    assert occurrence_in(YearlyDate(7, 14, 1980), 2026) == date(2026, 7, 14)


def test_next_occurrence_is_today_on_the_day_itself() -> None:
    assert next_occurrence(YearlyDate(11, 26), date(2026, 11, 26)) == date(2026, 11, 26)


def test_next_occurrence_moves_to_next_year_once_the_day_has_passed() -> None:
    assert next_occurrence(YearlyDate(11, 25), date(2026, 11, 26)) == date(2027, 11, 25)
    assert next_occurrence(YearlyDate(1, 1), date(2026, 12, 31)) == date(2027, 1, 1)


def test_next_occurrence_of_29_february_from_march_of_a_common_year_is_the_next_leap_day() -> None:
    assert next_occurrence(YearlyDate(2, 29), date(2027, 3, 1)) == date(2028, 2, 29)
    assert next_occurrence(YearlyDate(2, 29), date(2028, 3, 1)) == date(2029, 2, 28)
    assert next_occurrence(YearlyDate(2, 29), date(2026, 2, 28)) == date(2026, 2, 28)


@given(yearly_dates(), days)
def test_next_occurrence_is_the_first_celebration_on_or_after_the_day(yearly: YearlyDate, day: date) -> None:
    found = next_occurrence(yearly, day)
    assert day <= found < day + timedelta(days=366)
    if yearly.month_day == 229 and not calendar.isleap(found.year):
        assert (found.month, found.day) == (2, 28)
    else:
        assert (found.month, found.day) == (yearly.month, yearly.day)
    # Nothing earlier in between: the celebration of the day's own year, if different, was before it.
    assert celebrated_on(yearly, found)
    if found.year != day.year:
        assert occurrence_in(yearly, day.year) < day


@given(yearly_dates(), days)
def test_next_occurrence_from_a_celebration_day_is_that_day(yearly: YearlyDate, day: date) -> None:
    celebration = occurrence_in(yearly, day.year)
    assert next_occurrence(yearly, celebration) == celebration


def test_years_on_is_unknown_without_a_year() -> None:
    assert years_on(YearlyDate(5, 1), date(2026, 5, 1)) is None


def test_years_on_counts_an_age_or_an_anniversary() -> None:
    assert years_on(YearlyDate(5, 1, 1990), date(2026, 5, 1)) == 36
    assert years_on(YearlyDate(2, 29, 2000), date(2026, 2, 28)) == 26


# --- month_days_between -----------------------------------------------------------------------------------------


def test_month_days_between_is_empty_when_the_window_is_reversed() -> None:
    assert month_days_between(date(2026, 5, 2), date(2026, 5, 1)) == []


def test_month_days_between_includes_both_ends() -> None:
    assert month_days_between(date(2026, 12, 30), date(2027, 1, 2)) == [1230, 1231, 101, 102]


def test_month_days_between_adds_29_february_after_28_february_of_a_common_year() -> None:
    assert month_days_between(date(2026, 2, 27), date(2026, 3, 1)) == [227, 228, 229, 301]
    assert month_days_between(date(2026, 2, 28), date(2026, 2, 28)) == [228, 229]


def test_month_days_between_lists_29_february_once_in_a_leap_year() -> None:
    assert month_days_between(date(2028, 2, 27), date(2028, 3, 1)) == [227, 228, 229, 301]
    assert month_days_between(date(2028, 2, 28), date(2028, 2, 28)) == [228]


@given(days, st.integers(min_value=0, max_value=400))
def test_month_days_between_has_one_key_a_day_plus_29_february_in_common_years(first: date, length: int) -> None:
    last = first + timedelta(days=length)
    keys = month_days_between(first, last)
    common_28_feb = sum(
        1
        for year in range(first.year, last.year + 1)
        if not calendar.isleap(year) and first <= date(year, 2, 28) <= last
    )
    assert len(keys) == length + 1 + common_28_feb
    assert (229 in keys) == any(
        first <= occurrence_in(YearlyDate(2, 29), year) <= last for year in range(first.year, last.year + 1)
    )


@given(yearly_dates(), days, st.integers(min_value=0, max_value=400))
def test_a_yearly_date_is_in_the_month_days_of_a_window_exactly_when_it_is_celebrated_in_it(
    yearly: YearlyDate, first: date, length: int
) -> None:
    last = first + timedelta(days=length)
    assert (yearly.month_day in month_days_between(first, last)) == (next_occurrence(yearly, first) <= last)
