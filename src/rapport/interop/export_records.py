"""What the export writers (vCard, CSV, iCalendar) take: plain records of one owner's contacts and agenda.

rapport.services.exporting reads them from the store; the writers in this package turn them into files. They
live here so that the file formats depend on nothing above them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rapport.domain.dates import instant
from rapport.domain.model import Action, YearlyDate

__all__ = ["DueAction", "ExportContact", "ExportMeeting", "FollowUp"]


@dataclass(frozen=True, slots=True)
class ExportContact:
    """Everything an export file may say about one person."""

    id: int
    uid: str  # stable UUID (see contact_uid)
    name: str
    prefix: str = ""
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    suffix: str = ""
    organisation: str = ""
    title: str = ""
    emails: tuple[tuple[str, str], ...] = ()  # (address, label), first one first
    phones: tuple[tuple[str, str], ...] = ()  # (number, label); E.164 where it could be parsed
    urls: tuple[tuple[str, str], ...] = ()  # (kind: "linkedin" | "xing" | "web", url)
    address: str = ""
    birthday: YearlyDate | None = None
    anniversaries: tuple[tuple[str, YearlyDate], ...] = ()  # (label, date), by month and day
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # oldest first
    circle: str = ""
    archived: bool = False
    how_met: str = ""
    looking_for: str = ""
    offers: str = ""
    connected_on: date | None = None
    address_form: str = ""  # "du", "Sie", or "" (the language's default)
    updated_at: datetime | None = None  # the last change of the contact or its notes (vCard REV)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A 72-hour follow-up window still waiting for my personal touch (overdue ones included)."""

    contact_id: int
    contact_uid: str
    name: str
    met_at: datetime
    place: str
    closes_at: datetime

    def overdue(self, now: datetime) -> bool:
        return instant(now) >= instant(self.closes_at)


@dataclass(frozen=True, slots=True)
class DueAction:
    """One of today's agenda actions, with the UID of its contact."""

    action: Action
    contact_uid: str


@dataclass(frozen=True, slots=True)
class ExportMeeting:
    """A planned meeting (`rapport meet`), or one cancelled that a calendar may have imported before."""

    uid: str  # a stable UUID (see rapport.services.exporting.meeting_uid)
    starts_at: datetime
    names: tuple[str, ...]  # the participants, by name
    place: str = ""
    topic: str = ""
    cancelled: bool = False
