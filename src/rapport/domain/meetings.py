"""Planned meetings: a meeting ahead with one or several contacts, on the agenda on its day and asked about after.

On its day (the user's local day) a planned meeting is an action that comes first, with the follow-ups ("today at
18:30: talk series with Thomas Keller"); from the next day on, until it is marked done or cancelled, the agenda asks
whether it took place. It stands in for every other action for its participants on those days: seeing someone
today, or telling whether you did, is the action.

When it is, as typed: an ISO date or date-time ("2026-06-27", "2026-06-27 18:30", "2026-06-27T18:30+02:00"), a
Swiss one ("27.06.2026", "27.6.2026 18:30"), or a day word ("today", "tomorrow", "heute", "morgen", "in 3 days",
"in 2 Wochen") with an optional time ("tomorrow 18:30"). Without a time it means midday, as dates do elsewhere in
rapport; "today" and "now" alone mean now. Local times are in the user's zone; one skipped by a change to summer
time is moved forward, as clocks do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from rapport.domain.dates import FIRST_YEAR, LAST_YEAR, MIDDAY, OutOfRange, instant, iso_moment, local_day
from rapport.domain.model import Action, ActionKind, Reason

# A meeting on its day comes first, with the follow-ups; asking whether one took place comes right after them.
TODAY_PRIORITY = 100.0
ASK_PRIORITY = 95.0
# How long a meeting lasts in a calendar, when nothing else is known.
DURATION = timedelta(hours=1)


class Status(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    id: int
    starts_at: datetime
    participants: tuple[tuple[int, str], ...]  # (contact id, name), by name
    place: str = ""
    topic: str = ""
    status: Status = Status.PLANNED

    @property
    def names(self) -> list[str]:
        return [name for _id, name in self.participants]

    @property
    def contact_ids(self) -> list[int]:
        return [contact_id for contact_id, _name in self.participants]

    def started(self, now: datetime) -> bool:
        """Whether it has begun (and may be marked as done)."""
        return instant(self.starts_at) <= instant(now)


def awaiting_answer(meeting: PlannedMeeting, now: datetime, zone: tzinfo) -> bool:
    """Still planned, and its day is over: did it take place?"""
    return meeting.status is Status.PLANNED and local_day(meeting.starts_at, zone) < local_day(now, zone)


def meeting_action(meeting: PlannedMeeting, now: datetime, zone: tzinfo) -> Action | None:
    """The agenda's action for a planned meeting: on its day, and on every day after until it is answered."""
    if meeting.status is not Status.PLANNED or not meeting.participants:
        return None
    day, today = local_day(meeting.starts_at, zone), local_day(now, zone)
    if day > today:
        return None
    facts: dict[str, object] = {
        "meeting": meeting.id,
        "names": meeting.names,
        "contact_ids": meeting.contact_ids,
        "about": meeting.topic,
        "place": meeting.place,
        "at": meeting.starts_at,
    }
    first_id = meeting.participants[0][0]
    name = ", ".join(meeting.names)
    if day == today:
        reason = Reason("meet.planned.today", facts)
        return Action(first_id, name, ActionKind.PLANNED, meeting.starts_at, TODAY_PRIORITY, reason)
    days = (today - day).days
    reason = Reason("meet.planned.ask", {**facts, "days": days})
    return Action(first_id, name, ActionKind.PLANNED, now, ASK_PRIORITY, reason)


def meeting_actions(meetings: Iterable[PlannedMeeting], now: datetime, zone: tzinfo) -> list[Action]:
    return [a for a in (meeting_action(m, now, zone) for m in meetings) if a is not None]


# ---------------------------------------------------------------------------------------------- when it is
_CLOCK = r"(?:\s+(?:um\s+|at\s+)?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2}))?"
_SWISS = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _CLOCK + "$")
_IN = re.compile(
    r"^in\s+(?P<n>\d{1,4})\s*(?P<unit>d|days?|tagen?|w|weeks?|wochen?)" + _CLOCK + "$",
)
_WORD = re.compile(r"^(?P<word>today|heute|tomorrow|morgen|übermorgen|uebermorgen)" + _CLOCK + "$")
_WORD_DAYS = {"today": 0, "heute": 0, "tomorrow": 1, "morgen": 1, "übermorgen": 2, "uebermorgen": 2}


def local_moment(day: date, clock: time, zone: tzinfo) -> datetime:
    """The moment a wall clock in `zone` shows `clock` on `day`; a time skipped by a change to summer time is moved
    forward (02:30 → 03:30), a repeated one is the first of the two."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise OutOfRange(f"{day.year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    # (through UTC: astimezone to the moment's own zone would leave a skipped wall clock as it is)
    return datetime.combine(day, clock).replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def _clock(match: re.Match[str]) -> time | None:
    if match.group("hour") is None:
        return None
    return time(int(match.group("hour")), int(match.group("minute")))  # ValueError for 25:00


def planned_moment(text: str, zone: tzinfo, now: datetime) -> datetime:
    """When a planned meeting is (see the module text); ValueError when the text says no moment, OutOfRange when
    its year is outside FIRST_YEAR..LAST_YEAR. It may lie in the past: whether that is allowed is the caller's."""
    raw = " ".join(text.strip().split())
    lowered = raw.lower()
    if lowered in ("now", "jetzt", "today", "heute"):
        return now
    today = local_day(now, zone)
    for pattern in (_WORD, _IN, _SWISS):
        match = pattern.match(lowered)
        if match is None:
            continue
        groups = match.groupdict()
        if pattern is _WORD:
            day = today + timedelta(days=_WORD_DAYS[groups["word"]])
        elif pattern is _IN:
            n = int(groups["n"])
            day = today + timedelta(days=n * 7 if groups["unit"].startswith("w") else n)
        else:
            year = int(groups["year"])
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise OutOfRange(f"{year} is outside {FIRST_YEAR}–{LAST_YEAR}")
            day = date(year, int(groups["month"]), int(groups["day"]))
        return local_moment(day, _clock(match) or MIDDAY, zone)
    return iso_moment(raw, zone)
