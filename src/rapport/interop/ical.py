"""An iCalendar file (RFC 5545) of what a calendar should remind me of; built with the icalendar package.

Events, each with a DISPLAY alarm, a DTSTAMP (the export's moment) and a stable UID, so that importing a newer
export into the same calendar updates the events instead of adding them again:

* Birthdays and anniversaries: all-day events repeating every year (RRULE:FREQ=YEARLY), transparent (they do
  not block time). They start on the date itself when its year is known, else in 2000 (a leap year). 29
  February repeats on the last day of February (BYMONTH=2;BYMONTHDAY=-1), that is on 28 February in common
  years, as rapport's agenda celebrates it. Alarm: 09:00 on the day (TRIGGER:PT9H from the day's start). The
  description is the date when its year is known (so that the calendar can tell the age).
  UIDs `birthday-<contact uuid>@rapport` and `anniversary-<contact uuid>-<key>@rapport` (the key: 12 hex
  digits of a UUID5 of the label and the day).
* Follow-ups (the 72-hour rule): an event of half an hour that ends when the window closes; alarm a day before
  the closing (or an hour before it, when less than a day is left at the export). A window already closed
  (overdue, but still on the agenda) is an all-day event today instead. UID
  `follow-up-<contact uuid>-<day of the meeting, YYYYMMDD>@rapport`, so that the deadline turns into the
  overdue reminder on the next import.
* Today's other actions from the agenda, with the reason in the user's language as description: an all-day
  event today when they are due (alarm at 09:00), or a half-hour event when due later (a congratulation on the
  day, at 09:00; alarm a quarter of an hour before).
  UID `<kind>-<contact uuid>[-<day of the fact it is about, YYYYMMDD>]@rapport`.
* Planned meetings (`rapport meet`): an event of an hour at the planned time (in UTC), with the place as LOCATION,
  "<topic> with <names>" as summary and the participants in the description; alarm an hour before. A meeting
  cancelled before its time stays in the export with STATUS:CANCELLED, so that a calendar that imported it
  drops it. UID `meeting-<meeting uuid>@rapport` (a UUID5 of the owner's key and the meeting's id).

* Networking time (`rapport time`): each block of the coming week as a timed event at its local wall-clock time
  (12:00 on the Tuesday after a clock change too), opaque (it is booked time), with the actions planned in it as
  description, one a line ("12:00-13:00 meet Nina Graf in person"). Alarm a quarter of an hour before. UID
  `networking-time-<UUID5 of the owner, the block and the day>@rapport`.

Summaries say what and who: "Birthday: Anna Keller" / "Geburtstag: Anna Keller", "Follow up: Beat Meier" /
"Nachfassen: Beat Meier", the anniversary's label (or "Anniversary") and the contact. Timed events are in UTC.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from icalendar import Alarm, Calendar, Event

from rapport.domain.dates import hours_between, local_day
from rapport.domain.model import Reason, YearlyDate

if TYPE_CHECKING:
    from rapport.domain.networking_time import Slot
    from rapport.i18n import Translator
    from rapport.interop.export_records import DueAction, ExportContact, ExportMeeting, FollowUp

PRODID = "-//rapport//EN"
YEARLESS_START = 2000  # a leap year in the past, for yearly dates without a year
SLOT = timedelta(minutes=30)
_DAY_ALARM = timedelta(hours=9)  # from the start of an all-day event: 09:00 on the day
_SOON = timedelta(minutes=15)  # before a timed action
MEETING = timedelta(hours=1)  # how long a planned meeting lasts in the calendar


class CalendarWriter:
    """Streams a VCALENDAR to a text stream: the header at once, events as they come, the end on `close`."""

    def __init__(self, out: TextIO, translator: Translator, now: datetime, name: str = "rapport") -> None:
        self.out = out
        self.t = translator
        self.now = now
        self.stamp = now.astimezone(UTC)
        self.today = local_day(now, translator.zone)
        self.count = 0
        header = Calendar()
        header.add("prodid", PRODID)
        header.add("version", "2.0")
        header.add("calscale", "GREGORIAN")
        header.add("x-wr-calname", name)
        text = header.to_ical().decode("utf-8")
        out.write(text.removesuffix("END:VCALENDAR\r\n"))

    # birthdays and anniversaries -------------------------------------------------------------------------
    def yearly(self, contacts: Iterable[ExportContact]) -> None:
        for contact in contacts:
            if contact.birthday is not None:
                summary = f"{self.t('date.birthday')}: {contact.name}"
                self._yearly(f"birthday-{contact.uid}@rapport", summary, contact.birthday)
            for label, when in contact.anniversaries:
                key = uuid.uuid5(
                    uuid.UUID(contact.uid), f"{label.strip().casefold()}|{when.month:02d}{when.day:02d}"
                ).hex[:12]
                summary = f"{label.strip() or self.t('date.anniversary')}: {contact.name}"
                self._yearly(f"anniversary-{contact.uid}-{key}@rapport", summary, when)

    def _yearly(self, uid: str, summary: str, when: YearlyDate) -> None:
        start = date(when.year or YEARLESS_START, when.month, when.day)
        event = self._event(uid, summary, when.iso() if when.year else "")
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        rule: dict[str, Any] = {"freq": "yearly"}
        if (when.month, when.day) == (2, 29):
            rule.update(bymonth=2, bymonthday=-1)
        event.add("rrule", rule)
        event.add("transp", "TRANSPARENT")
        self._alarm(event, summary, _DAY_ALARM)
        self._write(event)

    # follow-ups ------------------------------------------------------------------------------------------
    def follow_ups(self, items: Iterable[FollowUp]) -> None:
        for item in items:
            met_day = local_day(item.met_at, self.t.zone)
            uid = f"follow-up-{item.contact_uid}-{met_day:%Y%m%d}@rapport"
            summary = f"{self.t('kind.follow-up')}: {item.name}"
            facts: dict[str, object] = {"met_at": item.met_at, "place": item.place}
            if item.overdue(self.now):
                facts["hours_over"] = round(hours_between(item.closes_at, self.now))
                event = self._event(uid, summary, self.t.reason(Reason("follow_up.overdue", facts), self.now))
                self._today(event)
                self._alarm(event, summary, _DAY_ALARM)
            else:
                left = hours_between(self.now, item.closes_at)
                facts["hours_left"] = max(1, int(left))
                event = self._event(uid, summary, self.t.reason(Reason("follow_up.open", facts), self.now))
                start = item.closes_at.astimezone(UTC) - SLOT
                event.add("dtstart", start)
                event.add("dtend", item.closes_at.astimezone(UTC))
                ahead = timedelta(days=1) if left > 24 else timedelta(hours=1)
                self._alarm(event, summary, SLOT - ahead)  # before the start, counted back from the closing
            self._write(event)

    # planned meetings ------------------------------------------------------------------------------------
    def meetings(self, items: Iterable[ExportMeeting]) -> None:
        for item in items:
            names = ", ".join(item.names)
            about = item.topic or self.t("meet.a_meeting")
            summary = self.t("meet.ics.summary", about=about, names=names)
            event = self._event(f"meeting-{item.uid}@rapport", summary, self.t("meet.ics.people", names=names))
            start = item.starts_at.astimezone(UTC)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING)
            if item.place:
                event.add("location", item.place)
            event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
            if not item.cancelled:
                self._alarm(event, summary, -timedelta(hours=1))
            self._write(event)

    # today's other actions -------------------------------------------------------------------------------
    def actions(self, items: Iterable[DueAction]) -> None:
        for item in items:
            action = item.action
            kind = action.kind.value
            uid = f"{kind}-{item.contact_uid}{_fact_day(action.reason, self.t)}@rapport"
            summary = f"{self.t('kind.' + kind)}: {action.contact_name}"
            event = self._event(uid, summary, self.t.reason(action.reason, self.now))
            if local_day(action.due, self.t.zone) <= self.today:
                self._today(event)
                self._alarm(event, summary, _DAY_ALARM)
            else:
                event.add("dtstart", action.due.astimezone(UTC))
                event.add("dtend", action.due.astimezone(UTC) + SLOT)
                self._alarm(event, summary, -_SOON)
            self._write(event)

    # networking time ---------------------------------------------------------------------------------------
    def networking_time(self, slots: Iterable[tuple[str, Slot]], only: set[int] | None = None) -> None:
        """The blocks of a week plan with their planned actions (`only`: those of these contacts)."""
        for uid, slot in slots:
            kind = self.t.term("block", slot.block.kind.value)
            summary = self.t("time.event", kind=kind)
            lines = [
                self.t(
                    "time.event_line",
                    start=f"{p.start:%H:%M}",
                    end=f"{p.end:%H:%M}",
                    what=self.t(f"time.do.{p.action.kind.value}.{p.fit.block.value}", name=p.action.contact_name),
                )
                for p in slot.planned
                if only is None or p.action.contact_id in only
            ]
            lines += [
                self.t(
                    "time.busy",
                    start=f"{b.start.astimezone(slot.start.tzinfo):%H:%M}",
                    what=self.t("time.busy_what", about=b.what, names=", ".join(b.people))
                    if b.what
                    else ", ".join(b.people),
                )
                for b in slot.busy
            ]
            event = self._event(uid, summary, "\n".join(lines) or self.t("time.event_empty"))
            event.add("dtstart", slot.start.astimezone(UTC))
            event.add("dtend", slot.end.astimezone(UTC))
            event.add("transp", "OPAQUE")
            self._alarm(event, summary, -_SOON)
            self._write(event)

    def close(self) -> int:
        """Write the end of the calendar; returns how many events were written."""
        self.out.write("END:VCALENDAR\r\n")
        return self.count

    # helpers -------------------------------------------------------------------------------------------
    def _event(self, uid: str, summary: str, description: str) -> Event:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        if description:
            event.add("description", description)
        return event

    def _today(self, event: Event) -> None:
        event.add("dtstart", self.today)
        event.add("dtend", self.today + timedelta(days=1))

    @staticmethod
    def _alarm(event: Event, text: str, trigger: timedelta) -> None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", trigger)
        event.add_component(alarm)

    def _write(self, event: Event) -> None:
        self.out.write(event.to_ical().decode("utf-8"))
        self.count += 1


def _fact_day(reason: Reason, t: Translator) -> str:
    """ "-YYYYMMDD" of the day an action is about (the occasion, the last touch), "" when it has none."""
    for key in ("on", "last_at", "met_at"):
        value = reason.facts.get(key)
        if isinstance(value, datetime):
            return f"-{local_day(value, t.zone):%Y%m%d}"
        if isinstance(value, date):
            return f"-{value:%Y%m%d}"
    return ""


def write_calendar(
    out: TextIO,
    translator: Translator,
    now: datetime,
    contacts: Iterable[ExportContact] = (),
    follow_ups: Iterable[FollowUp] = (),
    actions: Iterable[DueAction] = (),
    meetings: Iterable[ExportMeeting] = (),
) -> int:
    """Write a whole calendar in one call; returns how many events."""
    writer = CalendarWriter(out, translator, now)
    writer.yearly(contacts)
    writer.follow_ups(follow_ups)
    writer.actions(actions)
    writer.meetings(meetings)
    return writer.close()
