"""Planned meetings (`rapport meet`): plan one with one or several people, list them, mark one done or cancel it.

Marking a meeting done logs it through the journal as an in-person interaction with every participant at the time
it was planned for, so that strength, last contact and the 72-hour rule come out as for `rapport met`: a planned
meeting with someone I never met before opens the follow-up window only when the agenda's rules say it is a real
first meeting with a new acquaintance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from rapport.domain import limits
from rapport.domain.dates import FIRST_YEAR, LAST_YEAR, OutOfRange, instant
from rapport.domain.meetings import PlannedMeeting, Status, planned_moment
from rapport.domain.model import Channel, Initiator, Interaction
from rapport.errors import Ambiguous, InputError, NotFound, Refused
from rapport.services import inputs, journal
from rapport.services.context import Context
from rapport.services.people import Person, resolve
from rapport.store import reads
from rapport.store.schema import contacts, planned_meetings, planned_participants


def when(ctx: Context, text: str, field: str = "--on") -> datetime:
    """When a meeting is planned for, as typed; refused when it is not a moment, or already past."""
    try:
        moment = planned_moment(text, ctx.zone, ctx.now)
    except OutOfRange:
        raise InputError("input.out_of_range", field=field, value=text[:40], low=FIRST_YEAR, high=LAST_YEAR) from None
    except ValueError:
        try:  # what other commands' --when accept ("yesterday", "3 days ago") is past: say so
            moment = inputs.parse_moment(text, ctx.zone, field=field, now=ctx.now)
        except InputError:
            raise InputError("meet.bad_when", field=field, value=text[:80]) from None
    if instant(moment) < instant(ctx.now):
        raise InputError("meet.past", field=field, value=text[:80])
    return moment


def plan(
    ctx: Context,
    conn: Connection,
    typed_names: Sequence[str],
    on: str,
    at: str | None = None,
    about: str | None = None,
) -> PlannedMeeting:
    """Plan a meeting with everyone named (each name as other commands resolve it)."""
    if not [n for n in typed_names if n.strip()]:
        raise InputError("input.empty", field="NAME")
    moment = when(ctx, on)
    place = inputs.text(at or "", "--at", limit=limits.PLACE)
    topic = inputs.text(about or "", "--about", limit=limits.TOPIC)
    people = list({p.id: p for p in (resolve(ctx, conn, name) for name in typed_names if name.strip())}.values())
    wanted = {p.id for p in people}
    for other in planned(ctx, conn):  # typed twice: the same people at the same moment are one meeting
        if instant(other.starts_at) == instant(moment) and wanted & set(other.contact_ids):
            raise Refused("meet.twice", id=other.id, names=", ".join(other.names))
    meeting_id = conn.execute(
        insert(planned_meetings)
        .values(
            owner_id=ctx.owner_id,
            starts_at=moment,
            place=place,
            topic=topic,
            status=Status.PLANNED.value,
            created_at=ctx.now,
        )
        .returning(planned_meetings.c.id)
    ).scalar_one()
    conn.execute(insert(planned_participants), [{"meeting_id": meeting_id, "contact_id": p.id} for p in people])
    return _meeting(ctx, conn, int(meeting_id))


def planned(ctx: Context, conn: Connection) -> list[PlannedMeeting]:
    """Every meeting still planned, by start: the ones ahead and past ones waiting for an answer."""
    return reads.planned_meetings(reads.engine_rows(conn), ctx.owner_id)


def next_with(ctx: Context, conn: Connection, contact_id: int) -> PlannedMeeting | None:
    """The next planned meeting with a contact that has not begun yet."""
    for meeting in planned(ctx, conn):
        if contact_id in meeting.contact_ids and not meeting.started(ctx.now):
            return meeting
    return None


def _meeting(ctx: Context, conn: Connection, meeting_id: int) -> PlannedMeeting:
    row = conn.execute(
        select(planned_meetings).where(planned_meetings.c.owner_id == ctx.owner_id, planned_meetings.c.id == meeting_id)
    ).first()
    if row is None:
        raise NotFound("meet.not_found", value=f"{meeting_id}")
    people = conn.execute(
        select(contacts.c.id, contacts.c.display_name)
        .join(planned_participants, planned_participants.c.contact_id == contacts.c.id)
        .where(planned_participants.c.meeting_id == meeting_id)
        .order_by(contacts.c.display_name, contacts.c.id)
    ).all()
    starts = reads.moment(row.starts_at)
    assert starts is not None
    return PlannedMeeting(
        row.id, starts, tuple((p.id, p.display_name) for p in people), row.place, row.topic, Status(row.status)
    )


def find(ctx: Context, conn: Connection, typed: str, begun: bool = False) -> PlannedMeeting:
    """The meeting a typed ID ("3", "#3") or participant's name means: that person's one planned meeting (with
    `begun`, the one that has begun when there are several). Several left: Ambiguous, listing their IDs."""
    text = typed.strip()
    number = text.removeprefix("#")
    if number.isascii() and number.isdigit() and len(number) <= 12:
        return _meeting(ctx, conn, int(number))
    person = resolve(ctx, conn, text)
    theirs = [m for m in planned(ctx, conn) if person.id in m.contact_ids]
    if not theirs:
        raise NotFound("meet.none_with", name=person.name)
    if begun and len(theirs) > 1:
        theirs = [m for m in theirs if m.started(ctx.now)] or theirs
    if len(theirs) > 1:
        raise Ambiguous("meet.which", name=person.name, ids=", ".join(str(m.id) for m in theirs))
    return theirs[0]


@dataclass(frozen=True)
class Done:
    meeting: PlannedMeeting
    people: list[Person]
    windows: dict[str, datetime]  # name → when the 72-hour window this meeting opened closes


def done(ctx: Context, conn: Connection, typed: str) -> Done:
    """Mark a planned meeting as having taken place: an in-person interaction with every participant, at its time."""
    meeting = find(ctx, conn, typed, begun=True)
    _still_planned(meeting)
    if not meeting.started(ctx.now):
        raise Refused("meet.not_yet", id=meeting.id, when=f"{meeting.starts_at.astimezone(ctx.zone):%Y-%m-%d %H:%M}")
    if not meeting.participants:
        raise Refused("meet.nobody", id=meeting.id)
    people = [resolve(ctx, conn, f"#{contact_id}") for contact_id in meeting.contact_ids]
    item = Interaction(meeting.starts_at, Channel.IN_PERSON, Initiator.ME, meeting.topic, meeting.place)
    journal.record_interaction(ctx, conn, people, item)
    _set_status(ctx, conn, meeting, Status.DONE)
    windows = {}
    for person in people:
        closes = journal.window_opened(ctx, conn, person.id, meeting.starts_at)
        if closes is not None:
            windows[person.name] = closes
    return Done(meeting, people, windows)


def cancel(ctx: Context, conn: Connection, typed: str) -> PlannedMeeting:
    """Cancel a planned meeting: it leaves the agenda and the calendar."""
    meeting = find(ctx, conn, typed)
    _still_planned(meeting)
    _set_status(ctx, conn, meeting, Status.CANCELLED)
    return meeting


def _still_planned(meeting: PlannedMeeting) -> None:
    if meeting.status is not Status.PLANNED:
        raise Refused(f"meet.already_{meeting.status.value}", id=meeting.id)


def _set_status(ctx: Context, conn: Connection, meeting: PlannedMeeting, status: Status) -> None:
    conn.execute(
        update(planned_meetings)
        .where(planned_meetings.c.owner_id == ctx.owner_id, planned_meetings.c.id == meeting.id)
        .values(status=status.value)
    )
