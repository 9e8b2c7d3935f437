"""Groups and their meetups (`rapport group`, `rapport meetup`).

A group has a name (unique per owner, whatever the case), a rhythm and a topic, and members. Planning a meetup
proposes its time in the user's networking time (domain/groups.py says how), the people to invite (the members and
up to three new faces, each with the reasons), an invitation draft that passes the check for kind `invite`, and
stores it as a planned meeting with everyone invited, linked to the group: it is on the agenda on its day and in
`rapport export ics`. Recording it logs one in-person group interaction with everyone who came, through the
journal (strength, cadence, last contact), and creates the new faces who were not contacts yet: their first
meeting, so the 72-hour follow-up appears on the agenda. Every command runs in one transaction: a refusal leaves
the store as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TextIO

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from rapport.domain import limits
from rapport.domain.dates import instant, local_day
from rapport.domain.groups import (
    NewFace,
    Organisations,
    Profile,
    Proposal,
    Rhythm,
    WeeklyBlock,
    Window,
    due_day,
    new_faces,
    on_day,
    propose,
)
from rapport.domain.meetings import DURATION, Status
from rapport.domain.model import Channel, Initiator, Interaction
from rapport.domain.text import fold
from rapport.errors import Ambiguous, InputError, NotFound, Refused
from rapport.i18n import term_key
from rapport.services import inputs, journal
from rapport.services.context import Context
from rapport.services.people import NewContact, Person, add_contact, circle_with_room, resolve
from rapport.store.schema import (
    contacts,
    group_meetups,
    group_members,
    groups,
    interests,
    planned_meetings,
    planned_participants,
    tags,
)


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    rhythm: Rhythm
    topic: str
    members: tuple[tuple[int, str], ...]  # (contact id, name), by name

    @property
    def names(self) -> list[str]:
        return [name for _id, name in self.members]


@dataclass(frozen=True)
class Meetup:
    id: int  # the planned meeting's
    starts_at: datetime
    status: Status
    people: tuple[str, ...]


def rhythm_of(typed: str) -> Rhythm:
    """A rhythm as typed, in either language ("monthly", "monatlich")."""
    key = term_key("rhythm", typed)
    if key is None:
        raise InputError("group.bad_rhythm", value=typed.strip()[:40])
    return Rhythm(key)


def _name(typed: str) -> str:
    return inputs.text(typed, "NAME", required=True, limit=limits.GROUP)


def _people(ctx: Context, conn: Connection, typed: Sequence[str]) -> list[Person]:
    found = {p.id: p for p in (resolve(ctx, conn, name) for name in typed if name.strip())}
    return list(found.values())


def create(
    ctx: Context,
    conn: Connection,
    name: str,
    members: Sequence[str] = (),
    every: str = "monthly",
    about: str | None = None,
) -> Group:
    """Create a group; refused when the owner has one of that name already."""
    shown = _name(name)
    rhythm = rhythm_of(every)
    topic = inputs.text(about or "", "--about", limit=limits.TOPIC)
    people = _people(ctx, conn, members)
    same = _find_row(ctx, conn, shown, exact=True)
    if same is not None:
        raise Refused("group.exists", name=same[1])
    try:
        with conn.begin_nested():
            group_id = conn.execute(
                insert(groups)
                .values(
                    owner_id=ctx.owner_id,
                    name=shown,
                    name_key=fold(shown),
                    rhythm=rhythm.value,
                    topic=topic,
                    created_at=ctx.now,
                )
                .returning(groups.c.id)
            ).scalar_one()
    except IntegrityError:  # the same name, written at the same moment elsewhere
        raise Refused("group.exists", name=shown) from None
    if people:
        conn.execute(insert(group_members), [{"group_id": group_id, "contact_id": p.id} for p in people])
    return _group(conn, int(group_id))


def _find_row(ctx: Context, conn: Connection, typed: str, exact: bool = False) -> tuple[int, str] | None:
    key = fold(typed.strip())
    rows = conn.execute(
        select(groups.c.id, groups.c.name, groups.c.name_key).where(groups.c.owner_id == ctx.owner_id)
    ).all()
    same = [(r.id, r.name) for r in rows if r.name_key == key]
    if same or exact:
        return same[0] if same else None
    partial = [(r.id, r.name) for r in rows if key and key in r.name_key]
    if len(partial) > 1:
        raise Ambiguous("group.which", value=typed.strip(), names=", ".join(n for _i, n in partial))
    return partial[0] if partial else None


def find(ctx: Context, conn: Connection, typed: str) -> Group:
    """The group a typed name means: its name in any case, else the one group whose name contains it."""
    found = _find_row(ctx, conn, typed)
    if found is None:
        raise NotFound("group.not_found", name=typed.strip()[:80])
    return _group(conn, found[0])


def _group(conn: Connection, group_id: int) -> Group:
    row = conn.execute(select(groups).where(groups.c.id == group_id)).one()
    people = conn.execute(
        select(contacts.c.id, contacts.c.display_name)
        .join(group_members, group_members.c.contact_id == contacts.c.id)
        .where(group_members.c.group_id == group_id)
        .order_by(contacts.c.display_name, contacts.c.id)
    ).all()
    return Group(row.id, row.name, Rhythm(row.rhythm), row.topic, tuple((p.id, p.display_name) for p in people))


def add(ctx: Context, conn: Connection, name: str, people: Sequence[str]) -> tuple[Group, list[Person]]:
    """Add members; the ones already in it are left as they are. Returns the group and who is new in it."""
    group = find(ctx, conn, name)
    found = _people(ctx, conn, people)
    if not found:
        raise InputError("input.empty", field="PERSON")
    new = [p for p in found if p.id not in {i for i, _n in group.members}]
    if new:
        conn.execute(insert(group_members), [{"group_id": group.id, "contact_id": p.id} for p in new])
    return _group(conn, group.id), new


def remove(ctx: Context, conn: Connection, name: str, people: Sequence[str]) -> tuple[Group, list[Person]]:
    """Remove members; naming someone who is not a member is refused (nothing is removed)."""
    group = find(ctx, conn, name)
    found = _people(ctx, conn, people)
    if not found:
        raise InputError("input.empty", field="PERSON")
    members = {i for i, _n in group.members}
    outside = [p for p in found if p.id not in members]
    if outside:
        raise Refused("group.not_member", name=outside[0].name, group=group.name)
    conn.execute(
        delete(group_members).where(
            group_members.c.group_id == group.id, group_members.c.contact_id.in_([p.id for p in found])
        )
    )
    return _group(conn, group.id), found


def listing(ctx: Context, conn: Connection) -> list[tuple[Group, datetime | None]]:
    """Every group by name, with its latest meetup that took place or is planned (None: none yet)."""
    rows = conn.execute(select(groups.c.id).where(groups.c.owner_id == ctx.owner_id).order_by(groups.c.name_key))
    return [(_group(conn, r.id), _last(conn, r.id)) for r in rows.all()]


def meetups(conn: Connection, group_id: int) -> list[Meetup]:
    """The group's meetups, latest first, with who was invited (planned) or came (done)."""
    rows = conn.execute(
        select(planned_meetings.c.id, planned_meetings.c.starts_at, planned_meetings.c.status, contacts.c.display_name)
        .join(group_meetups, group_meetups.c.meeting_id == planned_meetings.c.id)
        .outerjoin(planned_participants, planned_participants.c.meeting_id == planned_meetings.c.id)
        .outerjoin(contacts, contacts.c.id == planned_participants.c.contact_id)
        .where(group_meetups.c.group_id == group_id)
        .order_by(planned_meetings.c.starts_at.desc(), planned_meetings.c.id.desc(), contacts.c.display_name)
    ).all()
    found: dict[int, Meetup] = {}
    from rapport.store import reads

    for r in rows:
        if r.id not in found:
            starts = reads.moment(r.starts_at)
            assert starts is not None
            found[r.id] = Meetup(r.id, starts, Status(r.status), ())
        if r.display_name is not None:
            m = found[r.id]
            found[r.id] = Meetup(m.id, m.starts_at, m.status, (*m.people, r.display_name))
    return list(found.values())


def _last(conn: Connection, group_id: int, but: int | None = None) -> datetime | None:
    for meetup in meetups(conn, group_id):
        if meetup.status is not Status.CANCELLED and meetup.id != but:
            return meetup.starts_at
    return None


def delete_all(ctx: Context, conn: Connection) -> None:
    """Delete every group of the owner (their meetups stay as planned meetings)."""
    conn.execute(delete(groups).where(groups.c.owner_id == ctx.owner_id))


def remember(ctx: Context, conn: Connection, name: str, at: datetime, people: Sequence[str]) -> int:
    """Link a meetup that took place (and is in the journal already) to its group: the next one is planned after
    it. Returns the meeting's number."""
    group = find(ctx, conn, name)
    return _store_meetup(ctx, conn, group, at, _people(ctx, conn, people), Status.DONE)


def _store_meetup(
    ctx: Context, conn: Connection, group: Group, at: datetime, people: Sequence[tuple[int, str]] | Sequence[Person],
    status: Status,
) -> int:  # fmt: skip
    """A meetup of the group as a planned meeting with `people`, linked to the group."""
    meeting_id = int(
        conn.execute(
            insert(planned_meetings)
            .values(
                owner_id=ctx.owner_id,
                starts_at=at,
                place="",
                topic=inputs.text(group.name, "NAME", limit=limits.TOPIC),
                status=status.value,
                created_at=ctx.now,
            )
            .returning(planned_meetings.c.id)
        ).scalar_one()
    )
    ids = sorted({p.id if isinstance(p, Person) else p[0] for p in people})
    if ids:
        conn.execute(insert(planned_participants), [{"meeting_id": meeting_id, "contact_id": i} for i in ids])
    conn.execute(insert(group_meetups).values(meeting_id=meeting_id, group_id=group.id))
    return meeting_id


# planning ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    group: Group
    meeting_id: int
    proposal: Proposal
    last: datetime | None  # the previous meetup
    members: list[tuple[int, str]]
    new_faces: list[NewFace]
    emails: dict[int, str] = field(default_factory=dict)  # contact id → an e-mail address, for the invitation


def _blocks(ctx: Context, conn: Connection) -> list[WeeklyBlock]:
    """The networking time (`rapport time`) as the planner sees it."""
    from rapport.services import networking_time

    return [
        WeeklyBlock(b.span.weekday, b.span.start, b.span.end, b.kind.value) for b in networking_time.blocks(ctx, conn)
    ]


def _busy(ctx: Context, conn: Connection, but: int | None = None) -> list[Window]:
    """Planned meetings (meetups included, except the meeting `but`) as times taken, an hour each."""
    from rapport.services import meetings

    return [Window(m.starts_at, m.starts_at + DURATION) for m in meetings.planned(ctx, conn) if m.id != but]


def _ahead(ctx: Context, conn: Connection, group_id: int) -> int | None:
    """The group's meetup still planned and not begun: planning again moves it rather than adding another."""
    return conn.execute(
        select(planned_meetings.c.id)
        .join(group_meetups, group_meetups.c.meeting_id == planned_meetings.c.id)
        .where(
            group_meetups.c.group_id == group_id,
            planned_meetings.c.status == Status.PLANNED.value,
            planned_meetings.c.starts_at > ctx.now,
        )
        .order_by(planned_meetings.c.starts_at)
        .limit(1)
    ).scalar_one_or_none()


def _on(ctx: Context, text: str) -> tuple[date, datetime | None]:
    """A typed --on: a day (the time is chosen in it) or a day and a time (taken as typed); refused when past."""
    from rapport.services import meetings

    try:
        moment = meetings.when(ctx, text)
    except InputError as problem:
        if problem.code == "meet.past":
            raise InputError("meetup.past", value=text.strip()[:80]) from None
        raise
    typed_time = re.search(r"\d:\d\d", text) is not None
    return local_day(moment, ctx.zone), (moment if typed_time else None)


def plan(ctx: Context, conn: Connection, name: str, on: str | None = None) -> Plan:
    """Plan the group's next meetup (see the module): refused for a group without members or a time past."""
    group = find(ctx, conn, name)
    if not group.members:
        raise Refused("meetup.no_members", group=group.name)
    ahead = _ahead(ctx, conn, group.id)
    last = _last(conn, group.id, but=ahead)
    today = local_day(ctx.now, ctx.zone)
    blocks, busy = _blocks(ctx, conn), _busy(ctx, conn, but=ahead)
    if on is not None and on.strip():
        day, moment = _on(ctx, on)
        if moment is not None:
            typed_kind = "evening" if moment.astimezone(ctx.zone).hour >= 17 else "in-person"
            proposal = _kind_at(moment, blocks, ctx) or Proposal(moment, moment + timedelta(hours=2), typed_kind)
        else:
            proposal = on_day(day, blocks, busy, ctx.zone, ctx.now)
        if instant(proposal.start) <= instant(ctx.now):
            raise InputError("meetup.past", value=on.strip()[:80])
    else:
        first = due_day(local_day(last, ctx.zone) if last else None, group.rhythm, today)
        proposal = propose(first, group.rhythm, blocks, busy, ctx.zone, ctx.now)
    faces = new_faces(_profiles(ctx, conn), _member_profiles(ctx, conn, group), group.topic, _came(conn, group.id))
    invited = [*group.members, *((f.id, f.name) for f in faces)]
    if ahead is None:
        meeting_id = _store_meetup(ctx, conn, group, proposal.start, invited, Status.PLANNED)
    else:
        meeting_id = ahead
        conn.execute(update(planned_meetings).where(planned_meetings.c.id == ahead).values(starts_at=proposal.start))
        conn.execute(delete(planned_participants).where(planned_participants.c.meeting_id == ahead))
        ids = sorted({i for i, _name in invited})
        conn.execute(insert(planned_participants), [{"meeting_id": ahead, "contact_id": i} for i in ids])
    return Plan(group, int(meeting_id), proposal, last, list(group.members), faces, _emails(conn, invited))


def _kind_at(moment: datetime, blocks: Sequence[WeeklyBlock], ctx: Context) -> Proposal | None:
    """A typed time inside a lunch or coffee block takes the block's end."""
    local = moment.astimezone(ctx.zone)
    for b in blocks:
        if b.kind in ("lunch", "coffee") and b.weekday == local.isoweekday() and b.start <= local.time() < b.end:
            end = datetime.combine(local.date(), b.end, ctx.zone)
            return Proposal(moment, end, b.kind)
    return None


def _emails(conn: Connection, people: Sequence[tuple[int, str]]) -> dict[int, str]:
    from rapport.store.schema import emails

    ids = [i for i, _n in people]
    found: dict[int, str] = {}
    for r in conn.execute(
        select(emails.c.contact_id, emails.c.address).where(emails.c.contact_id.in_(ids)).order_by(emails.c.id)
    ):
        found.setdefault(r.contact_id, r.address)
    return found


def _came(conn: Connection, group_id: int) -> set[int]:
    """Everyone invited to or present at one of the group's meetups: no new faces any more."""
    rows = conn.execute(
        select(planned_participants.c.contact_id)
        .join(group_meetups, group_meetups.c.meeting_id == planned_participants.c.meeting_id)
        .join(planned_meetings, planned_meetings.c.id == group_meetups.c.meeting_id)
        .where(group_meetups.c.group_id == group_id, planned_meetings.c.status == Status.DONE.value)
    )
    return {r.contact_id for r in rows}


def _profiles(ctx: Context, conn: Connection, ids: Sequence[int] | None = None) -> list[Profile]:
    """The profiles of the owner's contacts (not archived; `ids`: only these, archived or not)."""
    c = contacts.c
    query = select(
        c.id, c.display_name, c.organisation, c.linkedin_organisation, c.how_met, c.job_title, c.offers,
        c.looking_for, c.strength,
    ).where(c.owner_id == ctx.owner_id)  # fmt: skip
    query = query.where(c.id.in_(ids)) if ids is not None else query.where(c.archived.is_(False))
    found_rows = conn.execute(query).all()
    known = Organisations(
        r[0]
        for r in conn.execute(
            select(func.min(c.organisation))
            .where(c.owner_id == ctx.owner_id, c.organisation != "")
            .group_by(c.organisation)
        )
    )
    tagged: dict[int, set[str]] = {}
    for r in conn.execute(select(tags.c.contact_id, tags.c.tag).where(tags.c.owner_id == ctx.owner_id)):
        tagged.setdefault(r.contact_id, set()).add(r.tag)
    topics: dict[int, set[str]] = {}
    for r in conn.execute(
        select(interests.c.contact_id, interests.c.topic).where(interests.c.owner_id == ctx.owner_id)
    ):
        topics.setdefault(r.contact_id, set()).add(r.topic)
    found = []
    for row in found_rows:
        organisations = {o for o in (row.organisation, row.linkedin_organisation) if o.strip()}
        organisations |= known.named(row.how_met)
        found.append(
            Profile(
                row.id,
                row.display_name,
                frozenset(organisations),
                frozenset(tagged.get(row.id, ())),
                frozenset(topics.get(row.id, ())),
                " ".join((row.job_title, row.offers, row.looking_for)),
                float(row.strength or 0.0),
            )
        )
    return found


def _member_profiles(ctx: Context, conn: Connection, group: Group) -> list[Profile]:
    return _profiles(ctx, conn, [i for i, _n in group.members])


# the invitation ------------------------------------------------------------------------------------------------


def invitation(ctx: Context, conn: Connection, made: Plan, lang: str) -> str:
    """The invitation to the group (kind `invite`), in `lang`, signed with the owner's name."""
    from rapport.i18n import Translator
    from rapport.services.drafting import owner_name

    t = Translator(lang, ctx.zone)
    start = made.proposal.start.astimezone(ctx.zone)
    when = t("meetup.invite.when", date=t.date(start.date(), "full"), time=f"{start:%H:%M}")
    kind = t(f"meetup.invite.kind.{made.proposal.kind}")
    lines = [t("meetup.invite.greeting"), "", t("meetup.invite.next", group=made.group.name, when=when, kind=kind)]
    if made.new_faces:
        lines[-1] += " " + t("meetup.invite.new_faces", names=_and(t, [f.name for f in made.new_faces]))
    lines += ["", t("meetup.invite.reason"), "", t("meetup.invite.close")]
    signer = owner_name(ctx, conn)
    if signer:
        lines.append(signer)
    return "\n".join(lines)


def _and(t: object, names: Sequence[str]) -> str:
    from rapport.i18n import Translator

    assert isinstance(t, Translator)
    if len(names) == 1:
        return names[0]
    return t("meetup.invite.and", first=", ".join(names[:-1]), last=names[-1])


def write_ics(ctx: Context, conn: Connection, made: Plan, out: TextIO, lang: str) -> None:
    """The meetup as an iCalendar invitation (METHOD:PUBLISH, which calendar clients such as khal import): a stable
    UID (the owner's and the meeting's), the people invited as attendees where an e-mail address is known, all of
    them by name in the description."""
    from icalendar import Calendar, Event, vCalAddress, vText

    from rapport.i18n import Translator
    from rapport.services import owner

    t = Translator(lang, ctx.zone)
    cal = Calendar()
    cal.add("prodid", "-//rapport//group meetup//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meetup-{ctx.owner_id}-{made.meeting_id}@rapport")
    event.add("dtstamp", ctx.now.astimezone(UTC))
    event.add("dtstart", made.proposal.start.astimezone(UTC))
    event.add("dtend", made.proposal.end.astimezone(UTC))
    event.add("summary", t("meetup.ics.summary", group=made.group.name))
    invited = [*made.members, *((f.id, f.name) for f in made.new_faces)]
    event.add("description", t("meetup.ics.people", names=", ".join(n for _i, n in invited)))
    event.add("status", "CONFIRMED")
    name, address = owner.signature(ctx, conn)
    if address:
        organiser = vCalAddress(f"mailto:{address}")
        if name:
            organiser.params["cn"] = vText(name)
        event["organizer"] = organiser
    for contact_id, person in invited:
        mail = made.emails.get(contact_id)
        if mail:
            attendee = vCalAddress(f"mailto:{mail}")
            attendee.params["cn"] = vText(person)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    out.write(cal.to_ical().decode("utf-8"))


# recording -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    group: Group
    at: datetime
    people: list[Person]
    created: list[Person]
    windows: dict[str, datetime]  # the 72-hour deadlines this meetup opened (first meetings)


def done(
    ctx: Context,
    conn: Connection,
    name: str,
    attended: Sequence[str],
    new_faces: Sequence[str] = (),
    on: str | None = None,
) -> Recorded:
    """Record a meetup that took place: an in-person group interaction with everyone who came; new faces become
    contacts (in the default circle, in no group). The planned meetup it was, if any, is marked done."""
    group = find(ctx, conn, name)
    if not [a for a in attended if a.strip()] and not [n for n in new_faces if n.strip()]:
        raise InputError("input.empty", field="--attended")
    begun = _begun(ctx, conn, group.id) if on is None else None
    at = begun[1] if begun else journal.past_moment(ctx, on, field="--on")
    if _planned_on(ctx, conn, group.id, at, Status.DONE) is not None:  # typed twice: logged once
        raise Refused("meetup.recorded", group=group.name, day=local_day(at, ctx.zone).isoformat())
    people = _people(ctx, conn, attended)
    created = []
    for typed in new_faces:
        if not typed.strip():
            continue
        placed = circle_with_room(ctx, conn, ctx.settings.default_circle)
        try:
            created.append(add_contact(ctx, conn, NewContact(name=typed, how_met=group.name, circle=placed.name)))
        except Refused as problem:  # `meetup done` has no --force: a known person came under --attended
            if problem.code != "contact.exists":
                raise
            raise InputError("meetup.known_face", name=typed.strip()) from None
    everyone = [*people, *created]
    planned = begun[0] if begun else _planned_on(ctx, conn, group.id, at)
    item = Interaction(at, Channel.GROUP, Initiator.ME, group.name, "")
    journal.record_interaction(ctx, conn, everyone, item)
    if planned is not None:
        conn.execute(update(planned_meetings).where(planned_meetings.c.id == planned).values(status=Status.DONE.value))
        conn.execute(delete(planned_participants).where(planned_participants.c.meeting_id == planned))
        ids = sorted({p.id for p in everyone})
        conn.execute(insert(planned_participants), [{"meeting_id": planned, "contact_id": i} for i in ids])
    else:
        _store_meetup(ctx, conn, group, at, everyone, Status.DONE)
    windows = {}
    for person in everyone:  # a first meeting (a new face, or a contact never met before) opens the 72 hours
        closes = journal.window_opened(ctx, conn, person.id, at)
        if closes is not None:
            windows[person.name] = closes
    return Recorded(group, at, people, created, windows)


def _begun(ctx: Context, conn: Connection, group_id: int) -> tuple[int, datetime] | None:
    """The group's latest planned meetup that has begun (it took place at its planned time)."""
    from rapport.store import reads

    rows = conn.execute(
        select(planned_meetings.c.id, planned_meetings.c.starts_at)
        .join(group_meetups, group_meetups.c.meeting_id == planned_meetings.c.id)
        .where(
            group_meetups.c.group_id == group_id,
            planned_meetings.c.status == Status.PLANNED.value,
            planned_meetings.c.starts_at <= ctx.now,
        )
        .order_by(planned_meetings.c.starts_at.desc())
    ).first()
    if rows is None:
        return None
    moment = reads.moment(rows.starts_at)
    assert moment is not None
    return int(rows.id), moment


def _planned_on(
    ctx: Context, conn: Connection, group_id: int, at: datetime, status: Status = Status.PLANNED
) -> int | None:
    """The group's planned meetup (or one with `status`) on the local day of `at`, if any."""
    day = local_day(at, ctx.zone)
    start = datetime.combine(day, time(0), ctx.zone)
    rows = conn.execute(
        select(planned_meetings.c.id, planned_meetings.c.starts_at)
        .join(group_meetups, group_meetups.c.meeting_id == planned_meetings.c.id)
        .where(
            group_meetups.c.group_id == group_id,
            planned_meetings.c.status == status.value,
            planned_meetings.c.starts_at >= start - timedelta(days=1),
            planned_meetings.c.starts_at < start + timedelta(days=2),
        )
    ).all()
    from rapport.store import reads

    for r in rows:
        moment = reads.moment(r.starts_at)
        if moment is not None and local_day(moment, ctx.zone) == day:
            return int(r.id)
    return None


def invited(conn: Connection, meeting_id: int) -> list[tuple[int, str]]:
    """Who is on a meetup (invited while planned, came once done): (contact id, name), by name."""
    rows = conn.execute(
        select(contacts.c.id, contacts.c.display_name)
        .join(planned_participants, planned_participants.c.contact_id == contacts.c.id)
        .where(planned_participants.c.meeting_id == meeting_id)
        .order_by(contacts.c.display_name, contacts.c.id)
    ).all()
    return [(int(r.id), str(r.display_name)) for r in rows]
