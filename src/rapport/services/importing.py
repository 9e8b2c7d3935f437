"""Importing files: every record is matched against the network (one person per human), then created, merged
into an existing contact, or left alone when nothing changed.

An import runs in the caller's transaction: a bad record stops it and nothing is saved, unless `skip_bad`, which
imports the good records and reports each bad one. New contacts are written in batches; an unchanged record (same
source, same identity, same content) costs one dictionary look-up.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy import text as sql_text

from rapport.domain import limits
from rapport.domain.dates import local_day
from rapport.domain.model import ARCHIVED, EventKind, Interaction, YearlyDate
from rapport.domain.text import fold, search_key
from rapport.errors import InputError
from rapport.interop.records import BadRecord, ContactRecord, InteractionRecord, Item
from rapport.services import checked as checked_values
from rapport.services import inputs
from rapport.services.context import Context
from rapport.services.matching import Known, Match, MatchIndex, name_key, profile_key, same_organisation
from rapport.store import activity, bulk
from rapport.store.contacts import allocate_ids
from rapport.store.schema import (
    contacts,
    emails,
    events,
    field_sources,
    imported_records,
    interactions,
    interests,
    notes,
    phones,
    tags,
    urls,
    users,
    yearly_dates,
)

FORMATS = ("vcard", "linkedin", "google-csv", "csv")
IMPORT_CIRCLE = "wider"  # imported people start in the wider circle; the user promotes those who matter
_BATCH = 1000  # ids per statement where they are listed
_NEW_BATCH = 10_000  # new contacts written together (few statements, COPY on PostgreSQL; memory stays small)
_UNDATED_BATCH = 40_000  # new contacts kept until an undated export's day is known (LinkedIn: 30,000 at most)
_DETAIL_TABLES = (emails, phones, urls, tags, yearly_dates, notes, interests)
_BASE = ("owner_id", "contact_id")
_DETAIL_COLUMNS = {  # the columns of the detail rows `_collect_details` makes, in their order
    emails: (*_BASE, "address", "label", "source"),
    phones: (*_BASE, "number", "label", "source"),
    urls: (*_BASE, "kind", "url", "source"),
    tags: (*_BASE, "tag"),
    yearly_dates: (*_BASE, "kind", "label", "month", "day", "year", "month_day", "source"),
    notes: (*_BASE, "written_at", "text", "source"),
    interests: (*_BASE, "topic"),
}
FUTURE_SLACK = timedelta(days=1)  # an export time up to a day ahead is another time zone's today, not the future
# What a LinkedIn job's as-of day is while the export's day is still being found (the newest `Connected On` of the
# file, known at its end); replaced by that day when the file is done, so it never stays in the store.
PENDING = date(1, 1, 1)
# The digest remembered for a record of an older LinkedIn export whose job was not taken: it matches no record, so
# the record is looked at again when it comes back (in a newer export, its job is then news or confirmed).
NOT_APPLIED = "older"
_NEW_CONTACT_COLUMNS = (
    "id",
    "owner_id",
    "display_name",
    "search_key",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "organisation",
    "job_title",
    "address",
    "connected_on",
    "how_met",
    "looking_for",
    "offers",
    "address_form",
    "linkedin_organisation",
    "linkedin_title",
    "linkedin_as_of",
    "circle",
    "archived",
    "created_at",
    "updated_at",
)
_CONTACT_ROWS = select(contacts).where(contacts.c.id.in_(bindparam("ids", expanding=True)))  # built once
_AHEAD = 500  # records read ahead of the one being imported, for reading the contacts they merge into at once
_UPDATE_SOURCE = (
    update(field_sources)
    .where(field_sources.c.contact_id == bindparam("contact"), field_sources.c.field == bindparam("name"))
    .values(source=bindparam("from_source"), updated_at=bindparam("at"))
)
_RECORD_COLUMNS = ("owner_id", "contact_id", "source", "record_key", "digest", "imported_at")


@dataclass
class ImportSummary:
    files: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    possible_duplicates: int = 0
    interactions: int = 0
    photos_dropped: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[BadRecord] = field(default_factory=list)
    news: list[dict[str, str]] = field(default_factory=list)
    exports: list[dict[str, str]] = field(default_factory=list)  # LinkedIn exports: file, date, origin
    future: list[dict[str, Any]] = field(default_factory=list)  # what was dated later than now: file, line, what
    older_kept: int = 0  # contacts whose job from a newer LinkedIn export was kept

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "possible_duplicates": self.possible_duplicates,
            "interactions": self.interactions,
            "photos_dropped": self.photos_dropped,
            "skipped": dict(self.skipped),
            "bad": [{"file": b.file, "line": b.line, "problem": b.problem, "facts": b.facts} for b in self.bad],
            "news": self.news,
            "exports": self.exports,
            "future": self.future,
            "older_kept": self.older_kept,
        }


Progress = Callable[[str, int], None]


def reader_for(path: str, fmt: str, mapping: str | None, owner: str | None) -> tuple[str, Iterator[Item]]:
    """The format of a file (sniffed when 'auto') and the stream of its records."""
    if fmt == "auto":
        from rapport.interop.detect import detect

        fmt = detect(path)
    if fmt not in FORMATS:
        raise InputError("import.format", value=fmt, choices=", ".join(FORMATS))
    if fmt == "vcard":
        from rapport.interop import vcard

        return fmt, vcard.read(path)
    if fmt == "linkedin":
        from rapport.interop import linkedin

        return fmt, linkedin.read(path, owner=owner) if owner else linkedin.read(path)
    from rapport.interop import csvfiles

    if fmt == "google-csv":
        return fmt, csvfiles.read_google(path)
    if not mapping:
        raise InputError("import.needs_mapping", file=os.path.basename(path))
    return fmt, csvfiles.read_mapped(path, mapping)


def import_files(
    ctx: Context,
    conn: Connection,
    paths: Iterable[str],
    fmt: str = "auto",
    mapping: str | None = None,
    skip_bad: bool = False,
    owner: str | None = None,
    progress: Progress | None = None,
    exported_on: date | None = None,
) -> ImportSummary:
    """Import files into the owner's network (in the caller's transaction) and say what happened.

    `exported_on` is the day the LinkedIn exports among `paths` were made, when the user knows it better than the
    files tell (see rapport.interop.linkedin.export_date)."""
    importer = _Importer(ctx, conn, skip_bad)
    if exported_on is not None and exported_on > importer.today:
        raise InputError("import.exported_on_future", value=exported_on.isoformat())
    with _no_collections():
        _import_paths(importer, paths, fmt, mapping, owner, progress, exported_on)
    return importer.summary


@contextmanager
def _no_collections() -> Iterator[None]:
    """The cycle collector waits while a file is imported: an import makes millions of short-lived objects and
    keeps tens of thousands until the end of their batch, and the collector looked through them again and again
    (a sixth of the import's time), to find next to nothing: records, rows and tuples hold no cycles and are
    freed as soon as they are done with. It runs as before once the import is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                # What was made meanwhile goes to the oldest generation directly: else the first allocation after
                # enabling looks through all of it at once, when most of it is about to be freed anyway.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _import_paths(
    importer: _Importer,
    paths: Iterable[str],
    fmt: str,
    mapping: str | None,
    owner: str | None,
    progress: Progress | None,
    exported_on: date | None,
) -> None:
    for path in paths:
        if not os.path.isfile(path):
            raise InputError("import.no_file", file=path)
        kind, read = reader_for(path, fmt, mapping, owner)
        items = _Ahead(read)
        importer.summary.files.append(os.path.basename(path))
        importer.begin_file(path, kind, exported_on)
        importer.ahead = items
        for item in items:
            importer.take(item)
            if progress is not None:
                progress(path, getattr(item, "line", 0))
        importer.end_file()
    importer.finish()


class _Importer:
    def __init__(self, ctx: Context, conn: Connection, skip_bad: bool) -> None:
        self.ctx, self.conn, self.skip_bad = ctx, conn, skip_bad
        self.owner = ctx.owner_id
        self.summary = ImportSummary()
        self._index: MatchIndex | None = None  # loaded when a record is not known unchanged
        self.records, self.linkedin_sourced = _load_records(conn, self.owner)
        self.pending: list[_NewContact] = []
        self.pending_by_id: dict[int, _NewContact] = {}
        self.new_records: list[tuple[Any, ...]] = []  # imported_records rows of merged records, not written yet
        self.pending_linkedin: set[int] = set()  # temporary ids of new contacts from LinkedIn
        self.next_temp = 0
        self.real_ids: dict[int, int] = {}  # temporary id of a new contact → its stored id
        self.touched: set[int] = set()  # contacts whose interaction summaries must be rebuilt
        self.source = ""
        self.file = ""
        self.today = local_day(ctx.now, ctx.zone)
        self.members: dict[str, int] | None = None  # contacts per circle, counted when a record names a circle
        self.export_day: date | None = None  # the day the LinkedIn export being read was made, when known
        self.export_path = ""  # the export whose day is found from its connections (see PENDING), or ""
        self.newest_connection: date | None = None  # of the connections read so far
        self.scanned: date | None = None  # the export's day from reading all its connections ahead, when needed
        self.connections_read = False  # whether the file held connections (messages alone need no day)
        self.unchanged_linkedin: list[int] = []  # contacts of the file's unchanged connections: same job, newer day
        self.ahead: _Ahead | None = None  # the file's records not imported yet
        self.rows: dict[int, Any] = {}  # stored contacts read ahead of their merge: id → row, details
        self.details: dict[int, dict[str, set[Any]]] = {}
        self.merges: list[tuple[int, dict[str, Any]]] = []  # stored contacts' changed columns, not written yet
        self.field_sources: dict[tuple[int, str], str] = {}  # (contact, field) → the source it now has, not written
        self.merge_details: dict[Any, list[tuple[Any, ...]]] = {t: [] for t in _DETAIL_TABLES}  # their new details

    @property
    def index(self) -> MatchIndex:
        """The owner's contacts by identifying value; a re-import of unchanged records never needs it."""
        if self._index is None:
            self._index = _load_index(self.conn, self.owner)
        return self._index

    # -- files -------------------------------------------------------------------------------------------------
    def begin_file(self, path: str, kind: str, exported_on: date | None = None) -> None:
        self.file = os.path.basename(path)
        self.source = kind
        self.export_day = None
        self.export_path, self.newest_connection, self.scanned = "", None, None
        self.connections_read, self.unchanged_linkedin = False, []
        if kind == "linkedin":
            self._linkedin_export(path, exported_on)

    def _linkedin_export(self, path: str, exported_on: date | None) -> None:
        """The day the export was made, from the user, the zip or the name; else it is the newest `Connected On`
        date, found while the file is read (PENDING until `end_file`)."""
        from rapport.interop.linkedin import export_date

        found = export_date(path, self.today, exported_on, scan=False)
        if found is None:
            self.export_day, self.export_path = PENDING, path
            return
        if found.claimed is not None and found.claimed > found.day + FUTURE_SLACK:
            self._future(path, 0, "export", found.claimed.isoformat())
        self._dated(found.day, found.origin)

    def _dated(self, day: date | None, origin: str) -> None:
        """Say which day the export is from and how that is known; remember it as the owner's newest export."""
        if day is None:
            self.summary.exports.append({"file": self.file, "date": "", "origin": "unknown"})
            return
        self.export_day = day
        self.summary.exports.append({"file": self.file, "date": day.isoformat(), "origin": origin})
        last = self.conn.execute(select(users.c.linkedin_export_on).where(users.c.id == self.owner)).scalar()
        if last is None or day > last:
            self.conn.execute(update(users).where(users.c.id == self.owner).values(linkedin_export_on=day))

    def end_file(self) -> None:
        """The file is read: an export dated by its connections gets its day, on every job it brought (the new
        contacts still waiting are written with it; those written before get it with one update)."""
        if self.export_path:
            self.export_day = self.newest_connection
        self.flush()
        self.rows, self.details, self.ahead = {}, {}, None
        if self.export_path:
            day = self.newest_connection
            self.export_path = ""
            self.conn.execute(
                update(contacts)
                .where(contacts.c.owner_id == self.owner, contacts.c.linkedin_as_of == PENDING)
                .values(linkedin_as_of=day)
            )
            if self.connections_read:
                self._dated(day, "connections")
        self._confirm_unchanged_jobs()

    def _confirm_unchanged_jobs(self) -> None:
        """A newer export showing a job as it was confirms it as of its day (else an export between the two,
        imported later, would pass for newer)."""
        day, ids = self.export_day, self.unchanged_linkedin
        self.unchanged_linkedin = []
        if day is None or day == PENDING or not ids:
            return
        older = select(contacts.c.id).where(
            contacts.c.owner_id == self.owner, contacts.c.linkedin_as_of < day, contacts.c.linkedin_as_of.is_not(None)
        )
        candidates = set(self.conn.execute(older).scalars())
        chunk = sorted(candidates.intersection(self.real(i) for i in ids)) if candidates else []
        for start in range(0, len(chunk), _BATCH):
            self.conn.execute(
                update(contacts).where(contacts.c.id.in_(chunk[start : start + _BATCH])).values(linkedin_as_of=day)
            )

    def _older(self, known_as_of: date | None) -> bool:
        """Whether the export being read is older than the one a contact's LinkedIn job is known from. An export
        dated by its connections is at least as new as the newest read so far; only where that is not enough are
        all its connections read ahead (once)."""
        if known_as_of is None or known_as_of == PENDING:
            return False
        if self.export_day != PENDING:
            return _older_than_known(self.export_day, known_as_of)
        if self.newest_connection is not None and self.newest_connection >= known_as_of:
            return False
        if self.scanned is None:
            from rapport.interop.linkedin import export_date

            found = export_date(self.export_path, self.today)
            self.scanned = found.day if found is not None else PENDING
        return self.scanned < known_as_of

    def _future(self, file: str, line: int, what: str, value: str) -> None:
        """Something dated later than now: reported with its file and line, never imported as it is."""
        self.summary.future.append({"file": file, "line": line, "what": what, "value": value})

    # -- records -----------------------------------------------------------------------------------------------
    def take(self, item: Item) -> None:
        if isinstance(item, ContactRecord):
            self.contact(item)
        elif isinstance(item, BadRecord):
            self.bad(item)
        elif isinstance(item, InteractionRecord):
            self.interaction(item)
        else:  # e.g. LinkedIn's hidden members: expected, counted, nothing to import
            self.summary.skipped[getattr(item, "kind", type(item).__name__)] += 1

    def bad(self, item: BadRecord) -> None:
        if not self.skip_bad:
            raise InputError("import.bad_record", file=item.file, line=item.line, problem=item.problem, **item.facts)
        self.summary.bad.append(item)
        self.summary.skipped["bad-record"] += 1

    def contact(self, record: ContactRecord) -> None:
        if record.birthday or record.anniversaries or (record.connected_on and record.connected_on > self.today):
            for what, value in _drop_future_dates(record, self.today):
                self._future(record.file, record.line, what, value)
        if record.source == "linkedin":
            self.connections_read = True
            if record.connected_on is not None:
                self.newest_connection = max(self.newest_connection or record.connected_on, record.connected_on)
        identity = (record.source, record.key or _identity(record))
        name = record.name
        digest = _digest(record, name)
        known = self.records.get(identity)
        if known is not None and known[1] == digest:  # seen before, unchanged: nothing to check or write
            self.summary.unchanged += 1
            if record.source == "linkedin":
                self.unchanged_linkedin.append(known[0])
            return
        # without a full name or prefix, the display name is the name the digest took
        checked = self._check(record, None if record.full_name or record.prefix else name)
        if checked is None:
            return
        if record.had_photo:
            self.summary.photos_dropped += 1
        if known is not None:
            contact_id = self.real(known[0])
            changed, older = self._update(contact_id, checked, record)
            self._remember(identity, contact_id, known[1] if older else digest)
            if changed:
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
            return
        certain = self._join_halves(checked)
        match: Match | None
        alike: list[int]
        if len(certain) == 1:  # what `find` would find first: the same look-ups in the same order
            match, alike = Match(certain[0], "certain"), []
        elif not certain:  # no e-mail, phone or profile of the record is known: only its name can match
            match, alike = self.index.named(checked.name, checked.organisation)
        else:
            match, alike = self.index.find(
                checked.name, checked.organisation, checked.emails, checked.phones, checked.profiles
            )
        if match is not None:
            contact_id = self.real(match.contact_id)
            _changed, older = self._update(contact_id, checked, record)
            self._remember(identity, contact_id, NOT_APPLIED if older else digest)
            self.summary.merged += 1
            return
        same_network = self._same_network_member(record, alike, checked) if alike else None
        if same_network is not None:
            contact_id = self.real(same_network)
            _changed, older = self._update(contact_id, checked, record)
            self._remember(identity, contact_id, NOT_APPLIED if older else digest)
            self.summary.merged += 1
            return
        if alike:
            self.summary.possible_duplicates += 1
        self._create(checked, record, identity, digest)

    def _join_halves(self, checked: _Checked) -> list[int]:
        """A record that is certainly two stored contacts (one has its e-mail, the other its profile) shows they
        are one person: they are merged, nothing lost. Returns the contacts the record certainly is (before
        merging)."""
        ids = self.index.certain(checked.emails, checked.phones, checked.profiles)
        if len(ids) < 2:
            return ids
        from rapport.services.merging import merge_contacts

        self.flush()
        self.rows, self.details = {}, {}  # what was read ahead may be merged away or gain details
        survivor = self.real(ids[0])
        for other_id in ids[1:]:
            other = self.real(other_id)
            if other == survivor:
                continue
            merge_contacts(self.ctx, self.conn, survivor, other)
            self.index.forget(other_id)
            self.index.forget(other)
            for identity, (contact_id, digest) in list(self.records.items()):
                if contact_id in (other, other_id):
                    self.records[identity] = (survivor, digest)
            if other in self.linkedin_sourced:
                self.linkedin_sourced.add(survivor)
            self.summary.merged += 1
        self._reindex(survivor)
        return ids

    def _reindex(self, contact_id: int) -> None:
        row = self.conn.execute(
            select(contacts.c.display_name, contacts.c.organisation).where(contacts.c.id == contact_id)
        ).one()
        self.index.forget(contact_id)
        self.index.add(
            Known(contact_id, row.display_name, row.organisation),
            self.conn.execute(select(emails.c.address).where(emails.c.contact_id == contact_id)).scalars(),
            self.conn.execute(select(phones.c.number).where(phones.c.contact_id == contact_id)).scalars(),
            self.conn.execute(
                select(urls.c.url).where(urls.c.contact_id == contact_id, urls.c.kind.in_(["linkedin", "xing"]))
            ).scalars(),
        )

    def _same_network_member(self, record: ContactRecord, alike: list[int], checked: _Checked) -> int | None:
        """In a LinkedIn export a name is one connection: a same-named contact that came from LinkedIn (and has
        no other LinkedIn profile) is that connection, even at another company: people change jobs."""
        if record.source != "linkedin":
            return None
        profiles = [u for k, u in checked.urls if k == "linkedin"]
        for candidate in alike:
            stored = self.real_ids.get(candidate, candidate)
            if (stored in self.linkedin_sourced or candidate in self.pending_linkedin) and not self.index.other_profile(
                candidate, profiles
            ):
                return candidate
        return None

    def _check(self, record: ContactRecord, name: str | None = None) -> _Checked | None:
        """The record's values checked and normalised; a bad value makes it a bad record. `name`: its display name,
        when known."""
        if name is None:
            name = _display_name(record)
        if not name:
            self.bad(BadRecord(record.file, record.line, "bad.no_name"))
            return None
        too_long = _too_long(record, name)
        if too_long is not None:
            field_name, limit = too_long
            self.bad(BadRecord(record.file, record.line, "bad.field_too_long", {"field": field_name, "limit": limit}))
            return None
        addresses = []
        for address, _label in record.emails:
            if not address.strip():
                continue
            try:
                addresses.append(checked_values.email(address))
            except InputError:
                self.bad(BadRecord(record.file, record.line, "bad.email", {"value": address}))
                return None
        numbers = []
        for number, _label in record.phones:
            if not number.strip():
                continue
            try:
                numbers.append(inputs.phone(number, self.ctx.settings.region))
            except InputError:
                numbers.append(" ".join(number.split()))  # kept as written: a number is no reason to refuse a person
        profiles = []
        for kind, url in record.urls:
            if not url.strip():
                continue
            try:
                profiles.append(
                    (kind, checked_values.profile_url(url, kind) if kind in ("linkedin", "xing") else url.strip())
                )
            except InputError:
                profiles.append(("web", url.strip()))
        urls = _unique(profiles)
        return _Checked(
            name=name,
            organisation=record.organisation.strip(),
            title=record.title.strip(),
            emails=_unique(addresses),
            phones=_unique(numbers),
            urls=urls,
            profiles=[u for k, u in urls if k in ("linkedin", "xing")] if urls else [],
        )

    def _remember(self, identity: tuple[str, str], contact_id: int, digest: str) -> None:
        existing = self.records.get(identity)
        self.records[identity] = (contact_id, digest)
        if contact_id < 0:
            self.pending_by_id[contact_id].records.append((identity, digest))
        if contact_id < 0:  # not written yet: the record goes with the new contact's batch
            return
        if identity[0] == "linkedin":
            self.linkedin_sourced.add(contact_id)
        if existing is None:  # written with the next batch
            self.new_records.append((self.owner, contact_id, identity[0], identity[1][:500], digest, self.ctx.now))
        else:
            self._write_records()
            self.conn.execute(
                update(imported_records)
                .where(
                    imported_records.c.owner_id == self.owner,
                    imported_records.c.source == identity[0],
                    imported_records.c.record_key == identity[1][:500],
                )
                .values(contact_id=contact_id, digest=digest, imported_at=self.ctx.now)
            )

    # -- creating (batched) ------------------------------------------------------------------------------------
    def _create(self, checked: _Checked, record: ContactRecord, identity: tuple[str, str], digest: str) -> int:
        """A new contact, written with the next batch; returns its temporary (negative) id."""
        self.next_temp -= 1
        temp_id = self.next_temp
        new = _NewContact(temp_id=temp_id, checked=checked, record=record, parts=_name_parts(checked.name, record))
        new.records.append((identity, digest))
        self.pending.append(new)
        self.pending_by_id[temp_id] = new
        if identity[0] == "linkedin":
            self.pending_linkedin.add(temp_id)
        self.records[identity] = (temp_id, digest)
        self.index.add(
            Known(temp_id, checked.name, checked.organisation),
            checked.emails,
            checked.phones,
            checked.profiles,
        )
        self.summary.created += 1
        if len(self.pending) >= (_UNDATED_BATCH if self.export_day == PENDING else _NEW_BATCH):
            self.flush()
        return temp_id

    def flush(self) -> None:
        """Write what is pending: the contacts created since the last flush, with all their details, and the
        records and changes of merged contacts, in a few statements."""
        self._write_new()
        self._write_records()
        self._write_merges()

    def _write_merges(self) -> None:
        from rapport.store.contacts import update_contacts

        update_contacts(self.conn, self.ctx.now, self.merges)
        self.merges = []
        self._write_sources()
        for table, table_rows in self.merge_details.items():
            if table_rows:
                bulk.insert_rows(self.conn, table, _DETAIL_COLUMNS[table], table_rows)
                self.merge_details[table] = []

    def _write_records(self) -> None:
        bulk.insert_rows(self.conn, imported_records, _RECORD_COLUMNS, self.new_records)
        self.new_records = []

    def _write_new(self) -> None:
        if not self.pending:
            return
        conn, now, owner = self.conn, self.ctx.now, self.owner
        ids = allocate_ids(conn, contacts, len(self.pending))
        day = bulk.stored(conn, contacts, "connected_on")  # the values as the driver takes them, each converted once
        stored_now = bulk.stored(conn, contacts, "created_at")(now)
        export_day = bulk.stored(conn, contacts, "linkedin_as_of")(self.export_day)
        archived = bulk.stored(conn, contacts, "archived")
        flags = {False: archived(False), True: archived(True)}
        record_now = bulk.stored(conn, imported_records, "imported_at")(now)
        rows = []
        details: dict[Any, list[tuple[Any, ...]]] = {t: [] for t in _DETAIL_TABLES}
        mails, links = details[emails], details[urls]
        record_rows = []
        real_ids, records, linkedin_sourced = self.real_ids, self.records, self.linkedin_sourced
        for new, contact_id in zip(self.pending, ids, strict=True):
            record, checked = new.record, new.checked
            circle = self._circle_for(record) if record.circle else IMPORT_CIRCLE
            rapport = _rapport_fields(record)
            linkedin = record.source == "linkedin" and bool(checked.organisation or checked.title)  # a job to keep
            name, organisation, title = checked.name, checked.organisation, checked.title
            rows.append(
                (  # in the order of _NEW_CONTACT_COLUMNS
                    contact_id,
                    owner,
                    name,
                    search_key(name),
                    *new.parts,
                    organisation,
                    title,
                    record.address.strip(),
                    day(record.connected_on),
                    rapport["how_met"],
                    rapport["looking_for"],
                    rapport["offers"],
                    rapport["address_form"],
                    organisation if linkedin else "",
                    title if linkedin else "",
                    export_day if linkedin else None,
                    circle,
                    flags[circle == ARCHIVED],
                    stored_now,
                    stored_now,
                )
            )
            real_ids[new.temp_id] = contact_id
            if _one_each(checked, record):  # a usual record (as LinkedIn's): nothing to compare, one row each
                source = _source_label(record.source, record.file)
                if checked.emails:
                    address = checked.emails[0]
                    label = ""
                    if len(record.emails) > 1 or record.emails[0][1]:
                        label = {a.casefold(): given for a, given in record.emails}.get(address.casefold(), "")
                    mails.append((owner, contact_id, address, label[:100], source))
                if checked.urls:
                    kind, url = checked.urls[0]
                    links.append((owner, contact_id, kind, url[:1000], source))
            else:
                _collect_details(details, owner, contact_id, checked, record, now, have=None)
            for identity, digest in new.records:
                records[identity] = (contact_id, digest)
                if identity[0] == "linkedin":
                    linkedin_sourced.add(contact_id)
                record_rows.append((owner, contact_id, identity[0], identity[1][:500], digest, record_now))
        bulk.insert_rows(conn, contacts, _NEW_CONTACT_COLUMNS, rows, converted=True)
        for table, table_rows in details.items():
            bulk.insert_rows(conn, table, _DETAIL_COLUMNS[table], table_rows)
        bulk.insert_rows(conn, imported_records, _RECORD_COLUMNS, record_rows, converted=True)
        self.pending, self.pending_by_id = [], {}

    def _circle_for(self, record: ContactRecord) -> str:
        """The circle a rapport export names when it exists here and has room, else the import circle."""
        if not record.circle:
            return IMPORT_CIRCLE
        from rapport.domain import cadence
        from rapport.store.contacts import count_in_circle

        found = cadence.circle_named(self.ctx.circles(self.conn), record.circle.strip().lower())
        if found is None:
            return IMPORT_CIRCLE
        if self.members is None:
            self.members = count_in_circle(self.conn, self.owner)
        if found.name != ARCHIVED and found.capacity is not None and self.members.get(found.name, 0) >= found.capacity:
            return IMPORT_CIRCLE
        self.members[found.name] = self.members.get(found.name, 0) + 1
        return found.name

    def real(self, contact_id: int) -> int:
        """The stored id of a contact, writing pending new contacts first when it is one of them."""
        if contact_id < 0 and contact_id not in self.real_ids:
            self.flush()
        return self.real_ids.get(contact_id, contact_id)

    # -- updating ----------------------------------------------------------------------------------------------
    def _update(self, contact_id: int, checked: _Checked, record: ContactRecord) -> tuple[bool, bool]:
        """Bring a stored contact up to date with a record: whether anything changed, and whether the record came
        from a LinkedIn export older than what is known of the person's job (its job was not taken, so the record
        must not pass for unchanged when a newer export shows the same job again)."""
        contact_id = self.real(contact_id)
        if contact_id not in self.rows:
            self._read_ahead(contact_id)
        row, have = self.rows.pop(contact_id), self.details.pop(contact_id)  # read once: this update changes them
        changed = False
        fills: dict[str, Any] = {}
        if _better_spelling(checked.name, row.display_name):
            fills["display_name"] = checked.name
            parts = _name_parts(checked.name, record)
            fills.update(given_name=parts[1], middle_name=parts[2], family_name=parts[3])
            self.index.rename(contact_id, checked.name, row.organisation)
        older = record.source == "linkedin" and self._older(row.linkedin_as_of)
        if older and (checked.organisation, checked.title) != (row.linkedin_organisation, row.linkedin_title):
            self.summary.older_kept += 1
        for column, value in (
            ("organisation", "" if older else checked.organisation),
            ("job_title", "" if older else checked.title),
            ("address", record.address.strip()),
        ):
            if value and not getattr(row, column):
                fills[column] = value
        for column, value in _rapport_fields(record).items():
            if value and not getattr(row, column):
                fills[column] = value
        if record.connected_on and (row.connected_on is None or record.connected_on < row.connected_on):
            fills["connected_on"] = record.connected_on
        if record.source == "linkedin" and not older:
            changed |= self._linkedin_job(row, checked, fills)
        if fills:
            self.merges.append((contact_id, fills))  # written with the next flush, or before contacts are read
            self._sources(contact_id, [f for f in fills if f in _SOURCED])
            changed = changed or set(fills) != {"linkedin_as_of"}  # the same job on another day is no change
        details: dict[Any, list[tuple[Any, ...]]] = {t: [] for t in _DETAIL_TABLES}
        _collect_details(details, self.owner, contact_id, checked, record, self.ctx.now, have=have)
        for table, table_rows in details.items():
            if table_rows:
                self.merge_details[table].extend(table_rows)
                changed = True
        self.index.add_values(contact_id, checked.emails, checked.phones, checked.profiles)
        return changed, older

    def _read_ahead(self, contact_id: int) -> None:
        """Read a stored contact's row and details, and those of the stored contacts the next records of the file
        may merge into (by record, e-mail, profile or name), in two statements instead of two per merge. Each is
        used once, by the next update of that contact; a merge of two contacts or a message forgets them all."""
        self._write_merges()  # what is read must be what the merges so far made of it
        ids = {contact_id}
        if self._index is not None and self.ahead is not None:
            index = self._index
            for item in self.ahead.peek(_AHEAD):
                if not isinstance(item, ContactRecord):
                    continue
                known = self.records.get((item.source, item.key or _identity(item)))
                if known is not None:
                    ids.add(known[0])
                for address, _label in item.emails:
                    ids.add(index.by_email.get(address.strip().casefold(), 0))
                for kind, url in item.urls:
                    if kind in ("linkedin", "xing") and url.strip():
                        ids.add(index.by_profile.get(profile_key(url), 0))
                ids.update(k.id for k in index.by_name.get(name_key(_display_name(item)), ()))
        wanted = sorted(i for i in ids if i > 0)
        self.rows, self.details = {}, {}
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            self.rows.update((row.id, row) for row in self.conn.execute(_CONTACT_ROWS, {"ids": chunk}))
            self.details.update(_details_of(self.conn, chunk))

    def _linkedin_job(self, row: Any, checked: _Checked, fills: dict[str, Any]) -> bool:
        """A LinkedIn export at least as new as what is known of the person: its job is remembered as LinkedIn's,
        and a job other than the one LinkedIn showed before is news (another company: new job; another title at
        the same one: promotion), which also becomes the contact's job. The job the address book or the user gave
        is not compared: LinkedIn is compared with LinkedIn, so the order of imports does not matter."""
        seen = {"linkedin_organisation": checked.organisation, "linkedin_title": checked.title}
        for column, value in seen.items():
            if value != getattr(row, column):
                fills[column] = value
        if self.export_day is not None and self.export_day != row.linkedin_as_of:
            fills["linkedin_as_of"] = self.export_day
        kind = _job_change(row.linkedin_organisation, row.linkedin_title, checked.organisation, checked.title)
        if kind is None:
            return False
        fills["organisation"] = checked.organisation or row.linkedin_organisation
        fills["job_title"] = checked.title or row.linkedin_title
        text = f"{fills['job_title']}, {fills['organisation']}".strip(", ")
        self.conn.execute(
            insert(events).values(
                owner_id=self.owner,
                contact_id=row.id,
                kind=kind.value,
                happened_on=self.today,
                text=text,
                source="linkedin",
                recorded_at=self.ctx.now,
            )
        )
        self.summary.news.append({"name": row.display_name, "kind": kind.value, "text": text})
        return True

    def _sources(self, contact_id: int, fields: list[str]) -> None:
        """Where the contact's changed fields now come from: this file (written with the merges)."""
        source = _source_label(self.source, self.file)
        for name in fields:
            self.field_sources[(contact_id, name)] = source

    def _write_sources(self) -> None:
        """The sources of the fields merges changed: an update where the field had one, else a new row."""
        if not self.field_sources:
            return
        changed, self.field_sources = self.field_sources, {}
        ids = sorted({contact_id for contact_id, _field in changed})
        known: set[tuple[int, str]] = set()
        for start in range(0, len(ids), _BATCH):
            query = select(field_sources.c.contact_id, field_sources.c.field).where(
                field_sources.c.contact_id.in_(ids[start : start + _BATCH])
            )
            known.update((row[0], row[1]) for row in self.conn.execute(query))
        now = self.ctx.now
        updates = [
            {"contact": contact_id, "name": name, "from_source": source, "at": now}
            for (contact_id, name), source in changed.items()
            if (contact_id, name) in known
        ]
        if updates:
            self.conn.execute(_UPDATE_SOURCE, updates)
        new = [
            (self.owner, contact_id, name, source, now)
            for (contact_id, name), source in changed.items()
            if (contact_id, name) not in known
        ]
        bulk.insert_rows(self.conn, field_sources, ("owner_id", "contact_id", "field", "source", "updated_at"), new)

    # -- interactions ------------------------------------------------------------------------------------------
    def interaction(self, record: InteractionRecord) -> None:
        if record.occurred_at > self.ctx.now:  # never a touch: it would close windows and silence rhythms
            self._future(record.file, record.line, "interaction", record.occurred_at.isoformat())
            return
        self.flush()
        self.rows, self.details = {}, {}
        key = f"{record.source}:{record.key}"[:500]
        exists = self.conn.execute(
            select(interactions.c.id).where(interactions.c.owner_id == self.owner, interactions.c.source_key == key)
        ).first()
        if exists is not None:
            self.summary.unchanged += 1
            return
        contact_id = self._counterpart(record)
        interaction_id = activity.insert_interaction(
            self.conn,
            self.owner,
            [contact_id],
            Interaction(record.occurred_at, record.channel, record.initiator, record.summary[:2000]),
        )
        self.conn.execute(update(interactions).where(interactions.c.id == interaction_id).values(source_key=key))
        self.touched.add(contact_id)
        self.summary.interactions += 1

    def _counterpart(self, record: InteractionRecord) -> int:
        """The contact a message was exchanged with: by profile, else by a unique name, else a new contact."""
        person = record.counterpart
        profiles = [person.profile_url] if person.profile_url else []
        match, alike = self.index.find(person.name, "", [], [], profiles)
        if match is not None:
            return self.real(match.contact_id)
        if len(alike) == 1:
            return self.real(alike[0])
        stub = ContactRecord(
            source=record.source,
            file=record.file,
            line=record.line,
            key=person.profile_url or "name:" + name_key(person.name),
            full_name=person.name,
            urls=[("linkedin", person.profile_url)] if person.profile_url else [],
        )
        checked = self._check(stub)
        if checked is None:
            raise InputError("import.bad_record", file=record.file, line=record.line, problem="bad.no_name")
        identity = (stub.source, stub.key)
        known = self.records.get(identity)
        if known is not None:
            return self.real(known[0])
        return self.real(self._create(checked, stub, identity, _digest(stub)))

    def finish(self) -> None:
        self.flush()
        if self.touched:
            from rapport.domain import cadence
            from rapport.services.people import recompute_histories

            circles = self.ctx.circles(self.conn)
            by_half_life: dict[int, list[int]] = {}
            for contact_id, circle_name in self.conn.execute(
                select(contacts.c.id, contacts.c.circle).where(contacts.c.id.in_(sorted(self.touched)))
            ):
                circle = cadence.circle_named(circles, circle_name)
                by_half_life.setdefault(circle.half_life_days if circle else 365, []).append(contact_id)
            for half_life, ids in by_half_life.items():
                recompute_histories(self.ctx, self.conn, ids, half_life)


_SOURCED = (
    "display_name",
    "given_name",
    "middle_name",
    "family_name",
    "organisation",
    "job_title",
    "address",
    "how_met",
    "looking_for",
    "offers",
    "address_form",
)


def _older_than_known(export_day: date | None, known_as_of: date | None) -> bool:
    """Whether a LinkedIn export is older than the one a contact's LinkedIn job is known from (an export of unknown
    date cannot be told newer, so it is taken as older where a dated one is known)."""
    return known_as_of is not None and (export_day is None or export_day < known_as_of)


def _job_change(old_org: str, old_title: str, new_org: str, new_title: str) -> EventKind | None:
    """Another company is a new job, another title at the same company a promotion; nothing known before (or
    nothing shown now) is no news."""
    if new_org and old_org and not same_organisation(old_org, new_org):
        return EventKind.NEW_JOB
    if new_title and old_title and fold(new_title) != fold(old_title):
        return EventKind.PROMOTION
    return None


def _drop_future_dates(record: ContactRecord, today: date) -> list[tuple[str, str]]:
    """Dates of a record later than today (a connection made, a birth year to come) are taken off the record;
    returns what they were, to be reported."""
    dropped: list[tuple[str, str]] = []
    if record.connected_on is not None and record.connected_on > today:
        dropped.append(("connected_on", record.connected_on.isoformat()))
        record.connected_on = None
    if record.birthday is not None and _after(record.birthday, today):
        dropped.append(("birthday", record.birthday.iso()))
        record.birthday = None
    for label, when in list(record.anniversaries):
        if _after(when, today):
            dropped.append(("anniversary", when.iso()))
            record.anniversaries.remove((label, when))
    return dropped


def _after(yearly: YearlyDate, today: date) -> bool:
    """Whether a date with its year is later than today (one without a year never is)."""
    if yearly.year is None:
        return False
    return (yearly.year, yearly.month, yearly.day) > (today.year, today.month, today.day)


@dataclass
class _Checked:
    name: str
    organisation: str
    title: str
    emails: list[str]
    phones: list[str]
    urls: list[tuple[str, str]]
    profiles: list[str]  # the LinkedIn and Xing profiles of `urls`, which identify the person


@dataclass
class _NewContact:
    temp_id: int
    checked: _Checked
    record: ContactRecord
    parts: tuple[str, str, str, str, str]
    records: list[tuple[tuple[str, str], str]] = field(default_factory=list)


def _better_spelling(incoming: str, stored: str) -> bool:
    """'Jürgen Müller' is a better spelling of a stored 'Juergen Mueller' (same name, written with its letters)."""
    return incoming != stored and stored.isascii() and not incoming.isascii() and name_key(incoming) == name_key(stored)


def _unique(values: list[Any]) -> list[Any]:
    """The values without repetitions, in their order (most records have one value or none)."""
    return values if len(values) < 2 else list(dict.fromkeys(values))


def _display_name(record: ContactRecord) -> str:
    """How the person is listed: the name without academic titles (those are kept as the prefix)."""
    full = " ".join(record.full_name.split())
    if full:
        prefix = " ".join(record.prefix.split())
        if record.from_rapport:  # rapport's own card: the name as it was listed
            return full
        return full[len(prefix) + 1 :] if prefix and full.startswith(prefix + " ") else full
    if record.given_name.strip() or record.family_name.strip():
        parts = (record.given_name, record.middle_name, record.family_name, record.suffix)
        return " ".join(" ".join(parts).split())  # blank parts are only whitespace: split() drops them
    return record.name


def _too_long(record: ContactRecord, name: str) -> tuple[str, int] | None:
    """The first of the record's names, organisation and title longer than input allows (limits), if any."""
    most, organisation, title = limits.NAME, record.organisation, record.title
    given, family = record.given_name, record.family_name
    if (
        len(name) <= most
        and len(given) <= most
        and len(family) <= most
        and not (record.prefix or record.middle_name or record.suffix)
        and len(organisation) <= limits.ORGANISATION
        and len(title) <= limits.JOB_TITLE
        and "\x00" not in name
        and "\x00" not in given
        and "\x00" not in family
        and "\x00" not in organisation
        and "\x00" not in title
    ):
        return None  # the usual record (no prefix, middle name or suffix): every value short enough, no NUL
    parts = (record.prefix, given, record.middle_name, family, record.suffix)
    if (
        max(len(name), *map(len, parts)) <= limits.NAME
        and len(record.organisation) <= limits.ORGANISATION
        and len(record.title) <= limits.JOB_TITLE
        and "\x00" not in "".join((name, *parts, record.organisation, record.title))
    ):
        return None  # every value short enough as it is, before stripping
    values = {
        "name": (name, limits.NAME),
        "prefix": (record.prefix.strip(), limits.NAME),
        "given_name": (record.given_name.strip(), limits.NAME),
        "middle_name": (record.middle_name.strip(), limits.NAME),
        "family_name": (record.family_name.strip(), limits.NAME),
        "suffix": (record.suffix.strip(), limits.NAME),
        "organisation": (record.organisation.strip(), limits.ORGANISATION),
        "title": (record.title.strip(), limits.JOB_TITLE),
    }
    for field_name, (value, limit) in values.items():
        if len(value) > limit or "\x00" in value:  # NUL: no store keeps it
            return field_name, limit
    return None


def _identity(record: ContactRecord) -> str:
    """A record's identity when its file gives none: its name, organisation and first e-mail."""
    first_email = record.emails[0][0].casefold() if record.emails else ""
    return f"name:{name_key(record.name)}|{fold(record.organisation)}|{first_email}"


def _digest(record: ContactRecord, name: str | None = None) -> str:
    """A fingerprint of everything the record says, to recognise an unchanged record (`name`: `record.name`, when
    known)."""
    parts = [
        record.name if name is None else name,
        record.prefix,
        record.given_name,
        record.middle_name,
        record.family_name,
        record.suffix,
        record.organisation,
        record.title,
        repr(record.emails) if record.emails else "[]",
        repr(record.phones) if record.phones else "[]",
        repr(record.urls) if record.urls else "[]",
        record.birthday.iso() if record.birthday else "",
        repr([(label, d.iso()) for label, d in record.anniversaries]) if record.anniversaries else "[]",
        record.address,
        repr(record.notes) if record.notes else "[]",
        repr(record.tags) if record.tags else "[]",
        record.connected_on.isoformat() if record.connected_on else "",
    ]
    rapport_only = (record.circle, record.how_met, record.looking_for, record.offers, record.address_form)
    if record.interests or any(rapport_only):  # only rapport's own cards say these: other digests stay as they were
        parts += [repr(record.interests), *rapport_only]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


_NO_RAPPORT_FIELDS = {"how_met": "", "looking_for": "", "offers": "", "address_form": ""}  # shared: read only


def _rapport_fields(record: ContactRecord) -> dict[str, str]:
    """The contact columns only rapport's own export carries (X-RAPPORT-*), checked: an unknown form of address
    is left out rather than refusing the person."""
    if not (record.how_met or record.looking_for or record.offers or record.address_form):
        return _NO_RAPPORT_FIELDS
    try:
        form = inputs.address_form(record.address_form)
    except InputError:
        form = ""
    fields = {
        "how_met": record.how_met.strip(),
        "looking_for": record.looking_for.strip(),
        "offers": record.offers.strip(),
    }
    return {**fields, "address_form": form}


def _name_parts(name: str, record: ContactRecord) -> tuple[str, str, str, str, str]:
    """(prefix, given, middle, family, suffix): from the record where it has them, else parsed from the name."""
    if record.given_name or record.family_name:
        return (
            record.prefix.strip(),
            record.given_name.strip(),
            record.middle_name.strip(),
            record.family_name.strip(),
            record.suffix.strip(),
        )
    from nameparser import HumanName

    parsed = HumanName(name)
    return (parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix)


_DETAIL_PARTS = (
    ("emails", emails, "address", 0, 0),
    ("phones", phones, "number", 0, 0),
    ("urls", urls, "url", 0, 0),
    ("tags", tags, "tag", 0, 0),
    ("dates", yearly_dates, "kind", "month", "day"),
    ("notes", notes, "text", 0, 0),
    ("interests", interests, "topic", 0, 0),
)


_DETAILS = sql_text(
    " UNION ALL ".join(
        f"SELECT contact_id, '{part}' AS part, {value} AS value, {month} AS month, {day} AS day FROM {table.name}"
        " WHERE contact_id IN :ids"
        for part, table, value, month, day in _DETAIL_PARTS
    )
).bindparams(bindparam("ids", expanding=True))


def _details_of(conn: Connection, contact_ids: list[int]) -> dict[int, dict[str, set[Any]]]:
    """The details each of the contacts has (case-folded), in one statement."""
    have: dict[int, dict[str, set[Any]]] = {i: {part[0]: set() for part in _DETAIL_PARTS} for i in contact_ids}
    for contact_id, part, value, month, day in conn.execute(_DETAILS, {"ids": contact_ids}):
        have[contact_id][part].add((value.casefold(), month, day) if part == "dates" else value.casefold())
    return have


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _collect_details(
    details: dict[Any, list[tuple[Any, ...]]],
    owner: int,
    contact_id: int,
    checked: _Checked,
    record: ContactRecord,
    now: Any,
    have: dict[str, set[Any]] | None,
) -> None:
    """The detail rows a record adds to a contact (all of them for a new contact; the missing ones otherwise). A
    new contact from a usual record (`_one_each`) takes a shorter way, in `_write_new`."""
    if have is None:
        have = {
            "emails": set(),
            "phones": set(),
            "urls": set(),
            "tags": set(),
            "dates": set(),
            "notes": set(),
            "interests": set(),
        }
    source = _source_label(record.source, record.file)
    if checked.emails:
        labels = {address.casefold(): label for address, label in record.emails}
        for address in checked.emails:
            if address.casefold() not in have["emails"]:
                have["emails"].add(address.casefold())
                details[emails].append((owner, contact_id, address, labels.get(address.casefold(), "")[:100], source))
    if checked.phones:
        phone_labels = [label for number, label in record.phones if number.strip()]
        for i, number in enumerate(checked.phones):
            if number.casefold() not in have["phones"]:
                have["phones"].add(number.casefold())
                label = phone_labels[i] if i < len(phone_labels) else ""
                details[phones].append((owner, contact_id, number[:40], label[:100], source))
    for kind, url in checked.urls:
        if url.casefold() not in have["urls"]:
            have["urls"].add(url.casefold())
            details[urls].append((owner, contact_id, kind, url[:1000], source))
    if record.tags:
        for tag in dict.fromkeys(t.strip()[:100] for t in record.tags if t.strip()):
            if tag.casefold() not in have["tags"]:
                have["tags"].add(tag.casefold())
                details[tags].append((owner, contact_id, tag))
    if not (record.birthday or record.anniversaries or record.interests or record.notes):
        return
    dated = [("birthday", "", record.birthday)] if record.birthday else []
    dated += [("anniversary", _date_label(label), when) for label, when in record.anniversaries]
    for kind, label, when in dated:
        if when is None or (kind, when.month, when.day) in have["dates"]:
            continue
        if kind == "birthday" and any(k == "birthday" for k, _m, _d in have["dates"]):
            continue  # one birthday per person: the first source's stays
        have["dates"].add((kind, when.month, when.day))
        details[yearly_dates].append(
            (owner, contact_id, kind, label[:200], when.month, when.day, when.year, when.month_day, source)
        )
    for topic in record.interests:
        cleaned = topic.strip()[:200]
        if cleaned and cleaned.casefold() not in have["interests"]:
            have["interests"].add(cleaned.casefold())
            details[interests].append((owner, contact_id, cleaned))
    for text in record.notes:
        cleaned = text.strip()
        if cleaned and cleaned.casefold() not in have["notes"]:
            have["notes"].add(cleaned.casefold())
            details[notes].append((owner, contact_id, now, cleaned, source))


def _one_each(checked: _Checked, record: ContactRecord) -> bool:
    """Whether a record has at most one e-mail and one web address and no other details (as LinkedIn's)."""
    return (
        len(checked.emails) < 2
        and len(checked.urls) < 2
        and not (record.phones or record.tags or record.birthday or record.anniversaries)
        and not (record.interests or record.notes)
    )


@lru_cache(maxsize=64)
def _source_label(source: str, file: str) -> str:
    """Where a detail came from: the format and the file's name."""
    return f"{source}:{os.path.basename(file)}"[: limits.SOURCE]


def _date_label(label: str) -> str:
    """No label for a plain anniversary, so that each language shows its own word."""
    return "" if label.strip().casefold() in ("anniversary", "jahrestag", "hochzeitstag") else label.strip()


def _load_records(conn: Connection, owner: int) -> tuple[dict[tuple[str, str], tuple[int, str]], set[int]]:
    """What was imported before, in one query: (source, record key) → (contact id, digest), and the contacts whose
    organisation and title came from LinkedIn (only those can have LinkedIn news)."""
    records: dict[tuple[str, str], tuple[int, str]] = {}
    linkedin_sourced: set[int] = set()
    query = select(
        imported_records.c.source,
        imported_records.c.record_key,
        imported_records.c.contact_id,
        imported_records.c.digest,
    ).where(imported_records.c.owner_id == owner)
    for source, key, contact_id, digest in conn.execute(query):
        records[(source, key)] = (contact_id, digest)
        if source == "linkedin":
            linkedin_sourced.add(int(contact_id))
    return records, linkedin_sourced


def _load_index(conn: Connection, owner: int) -> MatchIndex:
    """Every identifying value of the owner's contacts, in four queries."""
    index = MatchIndex()
    for row in conn.execute(
        select(contacts.c.id, contacts.c.display_name, contacts.c.organisation).where(contacts.c.owner_id == owner)
    ):
        index.add(Known(row.id, row.display_name, row.organisation))
    index.add_values_bulk(
        emails=conn.execute(select(emails.c.address, emails.c.contact_id).where(emails.c.owner_id == owner)),
        phones=conn.execute(select(phones.c.number, phones.c.contact_id).where(phones.c.owner_id == owner)),
        profiles=conn.execute(
            select(urls.c.url, urls.c.contact_id).where(urls.c.owner_id == owner, urls.c.kind.in_(["linkedin", "xing"]))
        ),
    )
    return index


class _Ahead:
    """A file's records, of which the importer may look at the next ones before importing them; an error while
    reading surfaces only when the import reaches it, as without looking ahead."""

    def __init__(self, items: Iterator[Item]) -> None:
        self.items = items
        self.buffer: deque[Item] = deque()
        self.error: BaseException | None = None

    def __iter__(self) -> _Ahead:
        return self

    def __next__(self) -> Item:
        if self.buffer:
            return self.buffer.popleft()
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        return next(self.items)

    def peek(self, count: int) -> deque[Item]:
        """Up to `count` of the next records (fewer at the end of the file or before a reading error)."""
        while self.error is None and len(self.buffer) < count:
            try:
                self.buffer.append(next(self.items))
            except StopIteration:
                break
            except Exception as error:  # raised in its place, by __next__
                self.error = error
        return self.buffer
