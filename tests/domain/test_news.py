"""Congratulations: birthdays and anniversaries from yesterday to a week ahead, and recent career news."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.dates import occurrence_in
from rapport.domain.model import EventKind, News, Occasion, YearlyDate
from rapport.domain.news import (
    BELATED_DAYS,
    NEWS_WINDOW_DAYS,
    Congratulation,
    news_congratulation,
    occasion_congratulation,
)

from ._support import days

WEEK = NEWS_WINDOW_DAYS


def birthday(month: int, day: int, year: int | None = None, contact_id: int = 7) -> Occasion:
    return Occasion(contact_id=contact_id, kind="birthday", label="Anna", when=YearlyDate(month, day, year))


def offset(occasion: Occasion, today: date, window: int = WEEK) -> int | None:
    found = occasion_congratulation(occasion, today, window)
    return None if found is None else found.days_from_today


def test_the_windows_are_a_week_ahead_and_one_day_belated() -> None:
    assert (NEWS_WINDOW_DAYS, BELATED_DAYS) == (7, 1)


def test_a_birthday_today_is_congratulated_today_with_its_facts() -> None:
    found = occasion_congratulation(birthday(11, 26, 1990), date(2026, 11, 26), WEEK)
    assert found == Congratulation(
        contact_id=7, kind="birthday", on=date(2026, 11, 26), days_from_today=0, label="Anna", years=36
    )


def test_a_birthday_within_the_window_is_announced_ahead() -> None:
    assert offset(birthday(12, 3), date(2026, 11, 26)) == 7
    assert offset(birthday(11, 27), date(2026, 11, 26)) == 1


def test_a_birthday_beyond_the_window_is_not_yet_proposed() -> None:
    assert offset(birthday(12, 4), date(2026, 11, 26)) is None
    assert offset(birthday(11, 28), date(2026, 11, 26), window=1) is None


def test_a_birthday_missed_yesterday_is_still_congratulated_belatedly() -> None:
    found = occasion_congratulation(birthday(11, 25), date(2026, 11, 26), WEEK)
    assert found is not None
    assert (found.on, found.days_from_today) == (date(2026, 11, 25), -1)


def test_a_birthday_two_days_ago_is_too_late() -> None:
    assert offset(birthday(11, 24), date(2026, 11, 26)) is None


def test_a_belated_birthday_is_proposed_even_with_a_zero_day_window() -> None:
    assert offset(birthday(11, 25), date(2026, 11, 26), window=0) == -1
    assert offset(birthday(11, 26), date(2026, 11, 26), window=0) == 0
    assert offset(birthday(11, 27), date(2026, 11, 26), window=0) is None


def test_a_new_years_eve_birthday_is_belated_on_new_years_day() -> None:
    found = occasion_congratulation(birthday(12, 31, 1980), date(2027, 1, 1), WEEK)
    assert found is not None
    assert (found.on, found.days_from_today, found.years) == (date(2026, 12, 31), -1, 46)


def test_an_early_january_birthday_is_announced_in_late_december_with_next_years_age() -> None:
    found = occasion_congratulation(birthday(1, 2, 1980), date(2026, 12, 30), WEEK)
    assert found is not None
    assert (found.on, found.days_from_today, found.years) == (date(2027, 1, 2), 3, 47)


@pytest.mark.parametrize(
    ("today", "on", "days_from_today"),
    [
        (date(2026, 2, 20), None, None),
        (date(2026, 2, 21), date(2026, 2, 28), 7),
        (date(2026, 2, 28), date(2026, 2, 28), 0),
        (date(2026, 3, 1), date(2026, 2, 28), -1),
        (date(2026, 3, 2), None, None),
    ],
)
def test_a_29_february_birthday_is_celebrated_on_28_february_in_a_common_year(
    today: date, on: date | None, days_from_today: int | None
) -> None:
    found = occasion_congratulation(birthday(2, 29, 2000), today, WEEK)
    if on is None:
        assert found is None
    else:
        assert found is not None
        assert (found.on, found.days_from_today, found.years) == (on, days_from_today, 26)


@pytest.mark.parametrize(
    ("today", "on", "days_from_today"),
    [
        (date(2028, 2, 22), date(2028, 2, 29), 7),
        (date(2028, 2, 28), date(2028, 2, 29), 1),
        (date(2028, 2, 29), date(2028, 2, 29), 0),
        (date(2028, 3, 1), date(2028, 2, 29), -1),
        (date(2028, 3, 2), None, None),
    ],
)
def test_a_29_february_birthday_is_celebrated_on_the_day_in_a_leap_year(
    today: date, on: date | None, days_from_today: int | None
) -> None:
    found = occasion_congratulation(birthday(2, 29, 2000), today, WEEK)
    if on is None:
        assert found is None
    else:
        assert found is not None
        assert (found.on, found.days_from_today, found.years) == (on, days_from_today, 28)


def test_an_anniversary_keeps_its_kind_and_label_and_counts_years() -> None:
    wedding = Occasion(contact_id=3, kind="anniversary", label="Wedding", when=YearlyDate(6, 1, 2016))
    found = occasion_congratulation(wedding, date(2026, 5, 30), WEEK)
    assert found is not None
    assert (found.contact_id, found.kind, found.label, found.years, found.days_from_today) == (
        3,
        "anniversary",
        "Wedding",
        10,
        2,
    )


def test_a_yearly_date_without_a_year_has_no_age() -> None:
    found = occasion_congratulation(birthday(11, 26), date(2026, 11, 26), WEEK)
    assert found is not None
    assert found.years is None


@st.composite
def yearly_dates(draw: st.DrawFn) -> YearlyDate:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 29 if month == 2 else calendar.monthrange(2001, month)[1]))
    return YearlyDate(month, day, draw(st.none() | st.sampled_from([1960, 1988, 2000])))


@given(yearly_dates(), days, st.integers(0, 30))
def test_an_occasion_is_congratulated_exactly_when_celebrated_from_yesterday_to_the_window(
    when: YearlyDate, today: date, window: int
) -> None:
    found = occasion_congratulation(Occasion(1, "birthday", "", when), today, window)
    celebrations = [
        day
        for day in (today + timedelta(days=n) for n in range(-BELATED_DAYS, window + 1))
        if occurrence_in(when, day.year) == day
    ]
    if not celebrations:
        assert found is None
        return
    assert found is not None
    assert found.on == celebrations[0]
    assert found.days_from_today == (found.on - today).days
    assert -BELATED_DAYS <= found.days_from_today <= window
    assert found.years == (None if when.year is None else found.on.year - when.year)


# --- news -------------------------------------------------------------------------------------------------------


def promotion(on: date, text: str = "Head of Risk") -> News:
    return News(contact_id=9, kind=EventKind.PROMOTION, on=on, text=text)


def test_news_from_the_last_week_is_congratulated_with_its_facts() -> None:
    found = news_congratulation(promotion(date(2026, 11, 20)), date(2026, 11, 26), WEEK)
    assert found == Congratulation(
        contact_id=9, kind="promotion", on=date(2026, 11, 20), days_from_today=-6, label="Head of Risk", years=None
    )


def test_news_exactly_a_week_old_or_a_week_ahead_is_still_in_the_window() -> None:
    assert news_congratulation(promotion(date(2026, 11, 19)), date(2026, 11, 26), WEEK) is not None
    assert news_congratulation(promotion(date(2026, 12, 3)), date(2026, 11, 26), WEEK) is not None


def test_news_older_than_the_window_or_further_ahead_is_ignored() -> None:
    assert news_congratulation(promotion(date(2026, 11, 18)), date(2026, 11, 26), WEEK) is None
    assert news_congratulation(promotion(date(2026, 12, 4)), date(2026, 11, 26), WEEK) is None
    assert news_congratulation(promotion(date(2025, 11, 26)), date(2026, 11, 26), WEEK) is None


def test_news_across_new_year_counts_calendar_days() -> None:
    found = news_congratulation(
        News(contact_id=9, kind=EventKind.NEW_JOB, on=date(2026, 12, 29)), date(2027, 1, 2), WEEK
    )
    assert found is not None
    assert (found.kind, found.days_from_today) == ("new-job", -4)


@given(days, st.integers(-60, 60), st.integers(0, 30), st.sampled_from(list(EventKind)))
def test_news_is_congratulated_exactly_within_the_window_either_side(
    today: date, shift: int, window: int, kind: EventKind
) -> None:
    news = News(contact_id=1, kind=kind, on=today + timedelta(days=shift), text="x")
    found = news_congratulation(news, today, window)
    assert (found is not None) == (abs(shift) <= window)
    if found is not None:
        assert (found.on, found.days_from_today, found.kind, found.label) == (news.on, shift, kind.value, "x")
