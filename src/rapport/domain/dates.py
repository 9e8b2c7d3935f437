"""Calendar arithmetic: yearly dates, local days, windows.

Durations (the 72-hour rule) are measured in absolute time, so that a window that spans a change to or from
daylight saving time still lasts exactly 72 hours. Calendar facts (a birthday) belong to the user's local day.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from rapport.domain.model import YearlyDate


def require_aware(moment: datetime) -> datetime:
    """Return the moment unchanged, or fail when it carries no time zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a moment needs a time zone")
    return moment


# Dates rapport works with: far enough back for birthdays, far enough ahead for plans, and far from the calendar's
# ends, so that adding a rhythm or a window to any of them stays a date.
FIRST_YEAR = 1900
LAST_YEAR = 2200
# A date without a time means midday of that day, local time.
MIDDAY = time(12, 0)


class OutOfRange(ValueError):
    """A date that is valid but outside FIRST_YEAR..LAST_YEAR."""


def iso_moment(text: str, zone: tzinfo) -> datetime:
    """An ISO 8601 date (midday) or date-time, local in `zone` when it has no offset; ValueError when it is none
    or (OutOfRange) lies outside FIRST_YEAR..LAST_YEAR."""
    raw = text.strip()
    # (Python reads a space between date and time as ISO too)
    moment = datetime.combine(date.fromisoformat(raw), MIDDAY) if len(raw) == 10 else datetime.fromisoformat(raw)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise OutOfRange(f"{raw!r} is outside {FIRST_YEAR}–{LAST_YEAR}")
    if moment.tzinfo is None:
        # a local time that does not exist (skipped by a DST change) is moved forward, as clocks do (through UTC:
        # astimezone into the moment's own zone would keep the skipped wall clock, 02:30 for what clocks show as 03:30)
        moment = moment.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return moment


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day the user lives in at that moment."""
    return require_aware(moment).astimezone(zone).date()


def occurrence_in(yearly: YearlyDate, year: int) -> date:
    """The day a yearly date falls on in a given year; 29 February is kept on 28 February in common years."""
    if yearly.month == 2 and yearly.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, yearly.month, yearly.day)


def next_occurrence(yearly: YearlyDate, on_or_after: date) -> date:
    """The first day on or after `on_or_after` on which the yearly date is celebrated."""
    this_year = occurrence_in(yearly, on_or_after.year)
    if this_year >= on_or_after:
        return this_year
    return occurrence_in(yearly, on_or_after.year + 1)


def years_on(yearly: YearlyDate, occurrence: date) -> int | None:
    """How many years the date has at that occurrence (an age, an anniversary), if its year is known."""
    if yearly.year is None:
        return None
    return occurrence.year - yearly.year


def month_days_between(first: date, last: date) -> list[int]:
    """The month*100+day keys of every yearly date celebrated from `first` to `last` inclusive.

    In a common year 28 February also stands for 29 February, so 229 is included with 228.
    """
    keys: list[int] = []
    day = first
    while day <= last:
        keys.append(day.month * 100 + day.day)
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            keys.append(229)
        day += timedelta(days=1)
    return keys


def instant(moment: datetime) -> datetime:
    """The moment in UTC, for comparing and subtracting in absolute time.

    Python compares and subtracts wall clocks when both moments share a tzinfo, which is off by the change of
    daylight saving time in between (and gets the repeated autumn hour wrong).
    """
    return require_aware(moment).astimezone(UTC)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Time from start to end in absolute time."""
    return instant(end) - instant(start)


def later_by(moment: datetime, duration: timedelta) -> datetime:
    """The moment `duration` later in absolute time, shown in the moment's own time zone."""
    return (instant(moment) + duration).astimezone(moment.tzinfo)


def hours_between(start: datetime, end: datetime) -> float:
    """Elapsed hours from start to end, in absolute time."""
    return elapsed(start, end).total_seconds() / 3600.0


def days_between(start: datetime, end: datetime) -> float:
    return hours_between(start, end) / 24.0
