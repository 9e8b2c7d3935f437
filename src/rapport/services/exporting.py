"""Taking the network out: one owner's contacts as plain export objects, and the vCard, CSV and iCalendar files.

Contacts are read in bulk: one query for the filtered contact ids, then, per chunk of contacts, one query for
the contact rows and one per detail table, grouped in Python by contact id. The number of queries grows with
the number of chunks, never with the number of contacts.

Every exported contact has a stable UID (`contact_uid`): a UUID5 of the owner's name, the moment the owner was
created in this store and the contact's id. Exporting the same store again gives the same UIDs, so that an
address book or a calendar updates what it imported before instead of duplicating it; another store (another
laptop, another owner) gives other UIDs, so that two stores never overwrite each other's cards.

The writers take a text stream. Open files with `encoding="utf-8", newline=""`: vCard and iCalendar lines end in
CRLF, as the formats require, and the CSV writer chooses its own line ends.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from sqlalchemy import Connection, and_, func, select

from rapport.domain import cadence
from rapport.domain.followup import open_window
from rapport.domain.model import ARCHIVED, ActionKind, YearlyDate
from rapport.domain.text import fold
from rapport.errors import InputError
from rapport.interop.export_records import DueAction, ExportContact, ExportMeeting, FollowUp
from rapport.services import inputs
from rapport.services.context import Context
from rapport.store import reads
from rapport.store.schema import contacts, emails, interests, notes, phones, tags, urls, users, yearly_dates

CHUNK_SIZE = 500  # contacts per round of detail queries; stays below SQLite's old limit of 999 parameters
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "contacts.rapport.invalid")


def owner_key(conn: Connection, owner_id: int) -> str:
    """What tells this owner in this store apart from every other: name and creation moment."""
    row = conn.execute(select(users.c.name, users.c.created_at).where(users.c.id == owner_id)).one()
    created = reads.moment(row.created_at)
    return f"{row.name}\x1f{created.isoformat() if created else ''}"


def contact_uid(key: str, contact_id: int) -> str:
    """The stable UUID of a contact (see the module text)."""
    return str(uuid.uuid5(_NAMESPACE, f"{key}\x1f{contact_id}"))


def selected_ids(
    ctx: Context, conn: Connection, circle: str | None = None, tag: str | None = None, include_archived: bool = False
) -> list[int]:
    """The ids of the contacts to export, by name (case and accents folded), then id.

    Archived contacts come along when asked, or when the circle asked for is the archived one. The tag matches
    regardless of case. An unknown circle is an InputError.
    """
    query = select(contacts.c.id, contacts.c.display_name).where(contacts.c.owner_id == ctx.owner_id)
    if circle is not None:
        found = cadence.circle_named(ctx.circles(conn), inputs.circle_name(circle))
        if found is None:
            raise InputError("input.circle", value=circle, choices=", ".join(c.name for c in ctx.circles(conn)))
        query = query.where(contacts.c.circle == found.name)
        include_archived = include_archived or found.name == ARCHIVED
    if not include_archived:
        query = query.where(contacts.c.archived.is_(False))
    if tag is not None:
        query = query.where(
            contacts.c.id.in_(
                select(tags.c.contact_id).where(
                    and_(tags.c.owner_id == ctx.owner_id, func.lower(tags.c.tag) == tag.strip().lower())
                )
            )
        )
    rows = sorted(conn.execute(query), key=lambda r: (fold(r.display_name), r.display_name, r.id))
    return [int(r.id) for r in rows]


def export_contacts(
    ctx: Context,
    conn: Connection,
    circle: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ExportContact]:
    """The owner's contacts (filtered by circle and tag) with all their details, by name, read chunk by chunk."""
    ids = selected_ids(ctx, conn, circle, tag, include_archived)
    if not ids:
        return
    key = owner_key(conn, ctx.owner_id)
    for start in range(0, len(ids), max(1, chunk_size)):
        yield from _chunk(conn, ctx.owner_id, key, ids[start : start + chunk_size])


def _chunk(conn: Connection, owner_id: int, key: str, ids: Sequence[int]) -> Iterator[ExportContact]:
    wanted = list(ids)

    def grouped(query: Any) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        for row in conn.execute(query):
            found[row.contact_id].append(row)
        return found

    def of(table: Any, *columns: Any) -> Any:
        return select(table.c.contact_id, *columns).where(table.c.owner_id == owner_id, table.c.contact_id.in_(wanted))

    rows = {
        r.id: r
        for r in conn.execute(select(contacts).where(contacts.c.owner_id == owner_id, contacts.c.id.in_(wanted)))
    }
    mails = grouped(of(emails, emails.c.address, emails.c.label).order_by(emails.c.id))
    numbers = grouped(of(phones, phones.c.number, phones.c.label).order_by(phones.c.id))
    links = grouped(of(urls, urls.c.kind, urls.c.url).order_by(urls.c.id))
    labels = grouped(of(tags, tags.c.tag).order_by(tags.c.id))
    topics = grouped(of(interests, interests.c.topic).order_by(interests.c.id))
    yd = yearly_dates.c
    dates = grouped(of(yearly_dates, yd.kind, yd.label, yd.month, yd.day, yd.year).order_by(yd.month, yd.day, yd.id))
    written = grouped(of(notes, notes.c.text, notes.c.written_at).order_by(notes.c.written_at, notes.c.id))

    for contact_id in wanted:
        row = rows.get(contact_id)
        if row is None:  # deleted meanwhile
            continue
        birthdays = [d for d in dates.get(contact_id, []) if d.kind == "birthday"]
        changed = [reads.moment(row.updated_at)] + [reads.moment(n.written_at) for n in written.get(contact_id, [])]
        yield ExportContact(
            id=contact_id,
            uid=contact_uid(key, contact_id),
            name=row.display_name,
            prefix=row.prefix,
            given_name=row.given_name,
            middle_name=row.middle_name,
            family_name=row.family_name,
            suffix=row.suffix,
            organisation=row.organisation,
            title=row.job_title,
            emails=tuple((r.address, r.label) for r in mails.get(contact_id, [])),
            phones=tuple((r.number, r.label) for r in numbers.get(contact_id, [])),
            urls=tuple((r.kind, r.url) for r in links.get(contact_id, [])),
            address=row.address,
            birthday=_yearly(birthdays[0]) if birthdays else None,
            anniversaries=tuple((d.label, _yearly(d)) for d in dates.get(contact_id, []) if d.kind == "anniversary"),
            tags=tuple(r.tag for r in labels.get(contact_id, [])),
            interests=tuple(r.topic for r in topics.get(contact_id, [])),
            notes=tuple(r.text for r in written.get(contact_id, []) if r.text.strip()),
            circle=row.circle,
            archived=bool(row.archived),
            how_met=row.how_met,
            looking_for=row.looking_for,
            offers=row.offers,
            connected_on=reads.day(row.connected_on) if row.connected_on is not None else None,
            address_form=row.address_form,
            updated_at=max((m for m in changed if m is not None), default=None),
        )


def _yearly(row: Any) -> YearlyDate:
    return YearlyDate(int(row.month), int(row.day), int(row.year) if row.year is not None else None)


def follow_ups(ctx: Context, conn: Connection, only: Iterable[int] | None = None) -> list[FollowUp]:
    """Open 72-hour windows (and those overdue within the grace period), by closing time.

    The same contacts as the agenda looks at: not archived, in a circle that reminds. `only` limits them to
    the given contact ids.
    """
    wanted = set(only) if only is not None else None
    key = owner_key(conn, ctx.owner_id)
    found = []
    for state in reads.reminded_states(reads.engine_rows(conn), ctx.owner_id):
        if wanted is not None and state.id not in wanted:
            continue
        window = open_window(state.history, ctx.now, ctx.settings.follow_up_hours)
        if window is not None:
            found.append(
                FollowUp(
                    state.id, contact_uid(key, state.id), state.name, window.met_at, window.place, window.closes_at
                )
            )
    found.sort(key=lambda f: (f.closes_at, fold(f.name), f.contact_id))
    return found


def due_actions(
    ctx: Context, conn: Connection, only: Iterable[int] | None = None, limit: int | None = None
) -> list[DueAction]:
    """Today's agenda (as `rapport today` shows it) but its follow-ups and planned meetings, which `follow_ups`
    and `planned_meetings` cover."""
    from rapport.services import agenda

    wanted = set(only) if only is not None else None
    key = owner_key(conn, ctx.owner_id)
    return [
        DueAction(action, contact_uid(key, action.contact_id))
        for action in agenda.today(ctx, conn, limit)
        if action.kind not in (ActionKind.FOLLOW_UP, ActionKind.PLANNED)  # (planned meetings: see planned_meetings)
        and (wanted is None or action.contact_id in wanted)
    ]


def meeting_uid(key: str, meeting_id: int) -> str:
    """The stable UUID of a planned meeting (like contact_uid)."""
    return str(uuid.uuid5(_NAMESPACE, f"{key}\x1fmeeting\x1f{meeting_id}"))


def planned_meetings(ctx: Context, conn: Connection, only: Iterable[int] | None = None) -> list[ExportMeeting]:
    """Meetings still planned, and those cancelled that were still ahead, by start; with `only`, those with one
    of these contacts in them (and only their names)."""
    from rapport.store.schema import planned_meetings as meetings
    from rapport.store.schema import planned_participants as people

    wanted = set(only) if only is not None else None
    key = owner_key(conn, ctx.owner_id)
    query = (
        select(meetings, contacts.c.id.label("contact_id"), contacts.c.display_name)
        .join(people, people.c.meeting_id == meetings.c.id)
        .join(contacts, contacts.c.id == people.c.contact_id)
        .where(
            meetings.c.owner_id == ctx.owner_id,
            (meetings.c.status == "planned") | ((meetings.c.status == "cancelled") & (meetings.c.starts_at >= ctx.now)),
        )
        .order_by(meetings.c.starts_at, meetings.c.id, contacts.c.display_name)
    )
    rows: dict[int, list[Any]] = defaultdict(list)
    for row in conn.execute(query):
        if wanted is None or row.contact_id in wanted:
            rows[row.id].append(row)
    found = []
    for meeting_id, group in rows.items():
        first = group[0]
        starts = reads.moment(first.starts_at)
        assert starts is not None
        found.append(
            ExportMeeting(
                meeting_uid(key, meeting_id),
                starts,
                tuple(r.display_name for r in group),
                first.place,
                first.topic,
                first.status == "cancelled",
            )
        )
    return found


# ---------------------------------------------------------------------------------------------- the files
@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """A text stream to export into: standard output for None or "-", else the file at `path`.

    A file is written under a temporary name next to it and renamed into place once the export went through, so
    that a failed export (an unknown circle, a full disk) leaves neither a half-written nor an emptied file; it
    is readable by its owner only, as befits personal data. UTF-8 and no newline translation, so that CRLF line
    ends stay as the formats want them.
    """
    if path is None or path == "-":
        stream = sys.stdout
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", newline="")
        yield stream
        stream.flush()
        return
    target = os.path.abspath(path)
    handle, temporary = tempfile.mkstemp(prefix=".rapport-export-", dir=os.path.dirname(target))
    try:
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def export_vcards(
    ctx: Context,
    conn: Connection,
    out: TextIO,
    *,
    version: str = "4.0",
    circle: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
) -> int:
    """Write the contacts as vCards (4.0, or 3.0) to `out`; returns how many."""
    from rapport.interop import vcard_export

    vcard_export.check_version(version)
    return vcard_export.write_vcards(out, export_contacts(ctx, conn, circle, tag, include_archived), version=version)


def export_csv(
    ctx: Context,
    conn: Connection,
    out: TextIO,
    *,
    delimiter: str = ",",
    circle: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
) -> int:
    """Write the contacts as a CSV file for spreadsheets (UTF-8 with BOM) to `out`; returns how many."""
    from rapport.interop import csv_export

    separator = csv_export.check_delimiter(delimiter)
    return csv_export.write_csv(out, export_contacts(ctx, conn, circle, tag, include_archived), delimiter=separator)


def export_calendar(
    ctx: Context,
    conn: Connection,
    out: TextIO,
    *,
    circle: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    lang: str | None = None,
) -> int:
    """Write birthdays, anniversaries, open follow-ups, today's actions, planned meetings and the coming week's
    networking time (with the actions planned in it) as iCalendar to `out`.

    Returns how many events were written. Texts are in `lang` (default: the settings' language).
    """
    from rapport.i18n import Translator
    from rapport.interop import ical

    translator = Translator(lang or ctx.settings.language(), ctx.zone)
    exported: list[int] = []

    def remembered(items: Iterable[ExportContact]) -> Iterator[ExportContact]:
        for item in items:
            exported.append(item.id)
            yield item

    writer = ical.CalendarWriter(out, translator, ctx.now)
    writer.yearly(remembered(export_contacts(ctx, conn, circle, tag, include_archived)))
    filtered = circle is not None or tag is not None
    only = exported if filtered else None
    writer.follow_ups(follow_ups(ctx, conn, only))
    writer.actions(due_actions(ctx, conn, only))
    writer.meetings(planned_meetings(ctx, conn, only))
    networking_week(ctx, conn, writer, set(only) if only is not None else None)
    return writer.close()


def networking_week(ctx: Context, conn: Connection, writer: Any, only: set[int] | None = None) -> None:
    """The blocks of networking time of the coming week, with the actions planned in them (none without blocks)."""
    from rapport.services import networking_time

    plan = networking_time.week(ctx, conn, required=False)
    writer.networking_time(networking_time.slot_uids(ctx, conn, plan), only)
