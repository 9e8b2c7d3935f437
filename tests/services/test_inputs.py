"""Parsing what people type: valid input round-trips, anything else is an InputError (never another error)."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.services import inputs

ZONES = st.sampled_from([ZoneInfo(z) for z in ("Europe/Zurich", "America/New_York", "Asia/Kolkata", "UTC")])
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_full_date_round_trips_as_a_yearly_date(day: date) -> None:
    assert inputs.yearly_date(day.isoformat()) == YearlyDate(day.month, day.day, day.year)
    assert inputs.yearly_date(day.strftime("%d.%m.%Y")) == YearlyDate(day.month, day.day, day.year)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
def test_a_date_without_year_round_trips(day: date) -> None:
    parsed = inputs.yearly_date(f"--{day.month:02d}-{day.day:02d}")
    assert parsed == YearlyDate(day.month, day.day, None)
    assert inputs.yearly_date(parsed.iso()) == parsed


@given(st.text(max_size=40))
def test_any_text_is_a_yearly_date_or_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        inputs.yearly_date(text)


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=ZONES))
def test_an_iso_moment_round_trips(moment: datetime) -> None:
    # compared in UTC: PEP 495 makes ambiguous (DST fold) times unequal across zones
    assert inputs.parse_moment(moment.isoformat(), ZoneInfo("Europe/Zurich")).astimezone(UTC) == moment.astimezone(UTC)


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1)), ZONES)
def test_a_local_time_is_read_in_the_users_zone_and_always_exists(naive: datetime, zone: ZoneInfo) -> None:
    parsed = inputs.parse_moment(naive.replace(microsecond=0).isoformat(), zone)
    assert parsed.tzinfo is not None
    # a time skipped by a DST change is moved forward, never backward, by at most the shift
    assert timedelta(0) <= parsed.replace(tzinfo=None) - naive.replace(microsecond=0) <= timedelta(hours=1)


@given(st.text(max_size=40))
def test_any_text_is_a_moment_or_an_input_error(text: str) -> None:
    try:
        result = inputs.parse_moment(text, UTC, now=NOW)
    except InputError:
        return
    assert result.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "days"),
    [("yesterday", 1), ("gestern", 1), ("3 days ago", 3), ("2 weeks ago", 14), ("vor 3 Tagen", 3), ("today", 0)],
)
def test_relative_moments(text: str, days: int) -> None:
    assert inputs.parse_moment(text, UTC, now=NOW) == NOW - timedelta(days=days)


def test_a_date_alone_means_midday_local_time() -> None:
    assert inputs.parse_moment("2026-03-29", ZoneInfo("Europe/Zurich")) == datetime(
        2026, 3, 29, 12, 0, tzinfo=ZoneInfo("Europe/Zurich")
    )


@pytest.mark.parametrize(
    ("typed", "e164"),
    [("079 123 45 67", "+41791234567"), ("+49 30 1234567", "+49301234567"), ("0041 44 668 18 00", "+41446681800")],
)
def test_phone_numbers_are_normalised_to_e164(typed: str, e164: str) -> None:
    assert inputs.phone(typed, "CH") == e164


@given(st.text(max_size=30))
def test_any_text_is_a_phone_number_or_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        assert inputs.phone(text, "CH").startswith("+")


@given(st.text(max_size=60))
def test_any_text_is_an_email_or_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        assert "@" in inputs.email(text)


@pytest.mark.parametrize(
    "typed", ["linkedin.com/in/anna", "https://ch.linkedin.com/in/anna/", "http://www.linkedin.com/in/anna?trk=x"]
)
def test_linkedin_profiles_are_normalised(typed: str) -> None:
    assert inputs.profile_url(typed, "linkedin").endswith("linkedin.com/in/anna")


def test_channels_accept_synonyms_in_both_languages() -> None:
    assert inputs.channel("Zoom").value == "video"
    assert inputs.channel("Anruf").value == "call"
    with pytest.raises(InputError):
        inputs.channel("carrier pigeon")
