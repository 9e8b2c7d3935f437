"""Importing files: every record is matched against the network (one person per human), then created, merged
into an existing contact, or left alone when nothing changed.

An import runs in the caller's transaction: a bad record stops it and nothing is saved, unless `skip_bad`, which
imports the good records and reports each bad one. New contacts are written in batches; an unchanged record (same
source, same identity, same content) costs one dictionary look-up.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy import text as sql_text

from rapport.domain.dates import local_day
from rapport.domain.model import EventKind, Interaction
from rapport.domain.text import fold, search_key
from rapport.errors import InputError
from rapport.interop.records import BadRecord, ContactRecord, InteractionRecord, Item
from rapport.services import checked as checked_values
from rapport.services import inputs
from rapport.services.context import Context
from rapport.services.matching import Known, MatchIndex, name_key, same_organisation
from rapport.store import activity, bulk
from rapport.store.contacts import allocate_ids
from rapport.store.schema import (
    contacts,
    emails,
    events,
    field_sources,
    imported_records,
    interactions,
    notes,
    phones,
    tags,
    urls,
    users,
    yearly_dates,
)

FORMATS = ("vcard", "linkedin", "google-csv", "csv")
IMPORT_CIRCLE = "wider"  # imported people start in the wider circle; the user promotes those who matter
_BATCH = 1000
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
    "circle",
    "archived",
    "created_at",
    "updated_at",
)
_CONTACT_ROW = select(contacts).where(contacts.c.id == bindparam("contact_id"))  # built once: read per merge
_RECORD_COLUMNS = ("owner_id", "contact_id", "source", "record_key", "digest", "imported_at")
_EXPORT_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


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
) -> ImportSummary:
    """Import files into the owner's network (in the caller's transaction) and say what happened."""
    importer = _Importer(ctx, conn, skip_bad)
    for path in paths:
        if not os.path.isfile(path):
            raise InputError("import.no_file", file=path)
        kind, items = reader_for(path, fmt, mapping, owner)
        importer.summary.files.append(os.path.basename(path))
        importer.begin_file(path, kind)
        for item in items:
            importer.take(item)
            if progress is not None:
                progress(path, getattr(item, "line", 0))
        importer.flush()
    importer.finish()
    return importer.summary


class _Importer:
    def __init__(self, ctx: Context, conn: Connection, skip_bad: bool) -> None:
        self.ctx, self.conn, self.skip_bad = ctx, conn, skip_bad
        self.owner = ctx.owner_id
        self.summary = ImportSummary()
        self._index: MatchIndex | None = None  # loaded when a record is not known unchanged
        self.records, self.linkedin_sourced = _load_records(conn, self.owner)
        self.pending: list[_NewContact] = []
        self.new_records: list[tuple[Any, ...]] = []  # imported_records rows of merged records, not written yet
        self.pending_linkedin: set[int] = set()  # temporary ids of new contacts from LinkedIn
        self.next_temp = 0
        self.real_ids: dict[int, int] = {}  # temporary id of a new contact → its stored id
        self.touched: set[int] = set()  # contacts whose interaction summaries must be rebuilt
        self.source = ""
        self.file = ""
        self.news_allowed = True
        self.today = local_day(ctx.now, ctx.zone)

    @property
    def index(self) -> MatchIndex:
        """The owner's contacts by identifying value; a re-import of unchanged records never needs it."""
        if self._index is None:
            self._index = _load_index(self.conn, self.owner)
        return self._index

    # -- files -------------------------------------------------------------------------------------------------
    def begin_file(self, path: str, kind: str) -> None:
        self.file = os.path.basename(path)
        self.source = kind
        self.news_allowed = True
        if kind == "linkedin":
            self.news_allowed = self._newer_linkedin_export(path)

    def _newer_linkedin_export(self, path: str) -> bool:
        """Whether this export is at least as new as the last one imported (its date is in the file name, as
        LinkedIn's own name or one the user gave it, else it is taken as made today). Older exports add people
        but do not report old jobs as news or overwrite newer ones."""
        found = _EXPORT_DATE.search(os.path.basename(path))
        exported = date.fromisoformat(found.group(1)) if found else self.today
        last = self.conn.execute(select(users.c.linkedin_export_on).where(users.c.id == self.owner)).scalar()
        if last is not None and exported < last:
            return False
        self.conn.execute(update(users).where(users.c.id == self.owner).values(linkedin_export_on=exported))
        return True

    # -- records -----------------------------------------------------------------------------------------------
    def take(self, item: Item) -> None:
        if isinstance(item, BadRecord):
            self.bad(item)
        elif isinstance(item, ContactRecord):
            self.contact(item)
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
        identity = (record.source, record.key or _identity(record))
        digest = _digest(record)
        known = self.records.get(identity)
        if known is not None and known[1] == digest:  # seen before, unchanged: nothing to check or write
            self.summary.unchanged += 1
            return
        checked = self._check(record)
        if checked is None:
            return
        if record.had_photo:
            self.summary.photos_dropped += 1
        if known is not None:
            contact_id = self.real(known[0])
            changed = self._update(contact_id, checked, record)
            self._remember(identity, contact_id, digest)
            if changed:
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
            return
        self._join_halves(checked)
        match, alike = self.index.find(
            checked.name,
            checked.organisation,
            checked.emails,
            checked.phones,
            [u for k, u in checked.urls if k in ("linkedin", "xing")],
        )
        if match is not None:
            contact_id = self.real(match.contact_id)
            self._update(contact_id, checked, record)
            self._remember(identity, contact_id, digest)
            self.summary.merged += 1
            return
        same_network = self._same_network_member(record, alike, checked)
        if same_network is not None:
            contact_id = self.real(same_network)
            self._update(contact_id, checked, record)
            self._remember(identity, contact_id, digest)
            self.summary.merged += 1
            return
        if alike:
            self.summary.possible_duplicates += 1
        self._create(checked, record, identity, digest)

    def _join_halves(self, checked: _Checked) -> None:
        """A record that is certainly two stored contacts (one has its e-mail, the other its profile) shows they
        are one person: they are merged, nothing lost."""
        profiles = [u for k, u in checked.urls if k in ("linkedin", "xing")]
        ids = self.index.certain(checked.emails, checked.phones, profiles)
        if len(ids) < 2:
            return
        from rapport.services.merging import merge_contacts

        self.flush()
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

    def _check(self, record: ContactRecord) -> _Checked | None:
        """The record's values checked and normalised; a bad value makes it a bad record."""
        name = _display_name(record)
        if not name:
            self.bad(BadRecord(record.file, record.line, "bad.no_name"))
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
        return _Checked(
            name=name,
            organisation=record.organisation.strip(),
            title=record.title.strip(),
            emails=list(dict.fromkeys(addresses)),
            phones=list(dict.fromkeys(numbers)),
            urls=list(dict.fromkeys(profiles)),
        )

    def _remember(self, identity: tuple[str, str], contact_id: int, digest: str) -> None:
        existing = self.records.get(identity)
        self.records[identity] = (contact_id, digest)
        if contact_id < 0:
            pending = next(p for p in self.pending if p.temp_id == contact_id)
            pending.records.append((identity, digest))
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
        if identity[0] == "linkedin":
            self.pending_linkedin.add(temp_id)
        self.records[identity] = (temp_id, digest)
        self.index.add(
            Known(temp_id, checked.name, checked.organisation),
            checked.emails,
            checked.phones,
            [u for k, u in checked.urls if k in ("linkedin", "xing")],
        )
        self.summary.created += 1
        if len(self.pending) >= _BATCH:
            self.flush()
        return temp_id

    def flush(self) -> None:
        """Write what is pending: the contacts created since the last flush, with all their details, and the
        records of merged contacts, in a few statements."""
        self._write_new()
        self._write_records()

    def _write_records(self) -> None:
        bulk.insert_rows(self.conn, imported_records, _RECORD_COLUMNS, self.new_records)
        self.new_records = []

    def _write_new(self) -> None:
        if not self.pending:
            return
        now, owner = self.ctx.now, self.owner
        ids = allocate_ids(self.conn, contacts, len(self.pending))
        rows = []
        for new, contact_id in zip(self.pending, ids, strict=True):
            record, checked, parts = new.record, new.checked, new.parts
            rows.append(
                (
                    contact_id,
                    owner,
                    checked.name,
                    search_key(checked.name),
                    *parts,
                    checked.organisation,
                    checked.title,
                    record.address.strip(),
                    record.connected_on,
                    IMPORT_CIRCLE,
                    False,
                    now,
                    now,
                )
            )
        bulk.insert_rows(self.conn, contacts, _NEW_CONTACT_COLUMNS, rows)
        details: dict[Any, list[dict[str, Any]]] = {t: [] for t in (emails, phones, urls, tags, yearly_dates, notes)}
        record_rows = []
        for new, contact_id in zip(self.pending, ids, strict=True):
            self.real_ids[new.temp_id] = contact_id
            _collect_details(details, owner, contact_id, new.checked, new.record, now, have=None)
            for (source, key), digest in new.records:
                self.records[(source, key)] = (contact_id, digest)
                if source == "linkedin":
                    self.linkedin_sourced.add(contact_id)
                record_rows.append((owner, contact_id, source, key[:500], digest, now))
        for table, table_rows in details.items():
            bulk.insert_dicts(self.conn, table, table_rows)
        bulk.insert_rows(self.conn, imported_records, _RECORD_COLUMNS, record_rows)
        self.pending = []

    def real(self, contact_id: int) -> int:
        """The stored id of a contact, writing pending new contacts first when it is one of them."""
        if contact_id < 0 and contact_id not in self.real_ids:
            self.flush()
        return self.real_ids.get(contact_id, contact_id)

    # -- updating ----------------------------------------------------------------------------------------------
    def _update(self, contact_id: int, checked: _Checked, record: ContactRecord) -> bool:
        """Bring a stored contact up to date with a record; True when anything changed."""
        contact_id = self.real(contact_id)
        row = self.conn.execute(_CONTACT_ROW, {"contact_id": contact_id}).one()
        changed = False
        fills: dict[str, Any] = {}
        if _better_spelling(checked.name, row.display_name):
            fills["display_name"] = checked.name
            parts = _name_parts(checked.name, record)
            fills.update(given_name=parts[1], middle_name=parts[2], family_name=parts[3])
            self.index.rename(contact_id, checked.name, row.organisation)
        for column, value in (
            ("organisation", checked.organisation),
            ("job_title", checked.title),
            ("address", record.address.strip()),
        ):
            if value and not getattr(row, column):
                fills[column] = value
        if record.connected_on and (row.connected_on is None or record.connected_on < row.connected_on):
            fills["connected_on"] = record.connected_on
        if record.source == "linkedin" and self.news_allowed:
            changed |= self._career_news(row, checked, fills)
        if fills:
            from rapport.store.contacts import update_contact

            update_contact(self.conn, contact_id, self.ctx.now, **fills)
            self._sources(contact_id, [f for f in fills if f != "connected_on"])
            changed = True
        details: dict[Any, list[dict[str, Any]]] = {t: [] for t in (emails, phones, urls, tags, yearly_dates, notes)}
        have = _details_of(self.conn, contact_id)
        _collect_details(details, self.owner, contact_id, checked, record, self.ctx.now, have=have)
        for table, table_rows in details.items():
            if table_rows:
                bulk.insert_dicts(self.conn, table, table_rows)
                changed = True
        self.index.add_values(
            contact_id, checked.emails, checked.phones, [u for k, u in checked.urls if k in ("linkedin", "xing")]
        )
        return changed

    def _career_news(self, row: Any, checked: _Checked, fills: dict[str, Any]) -> bool:
        """A newer LinkedIn export with another company (new job) or another title at the same one (promotion)."""
        if row.id not in self.linkedin_sourced or not (checked.organisation or checked.title):
            return False
        old_org, old_title = row.organisation or "", row.job_title or ""
        kind = None
        if checked.organisation and old_org and not same_organisation(old_org, checked.organisation):
            kind = EventKind.NEW_JOB
        elif checked.title and old_title and fold(checked.title) != fold(old_title):
            kind = EventKind.PROMOTION
        if kind is None:
            return False
        fills["organisation"] = checked.organisation or old_org
        fills["job_title"] = checked.title or old_title
        text = f"{fills['job_title']}, {fills['organisation']}".strip(", ")
        self.conn.execute(
            insert(events).values(
                owner_id=self.owner,
                contact_id=row.id,
                kind=kind.value,
                happened_on=self.today,
                text=text,
                source="linkedin",
            )
        )
        self.summary.news.append({"name": row.display_name, "kind": kind.value, "text": text})
        return True

    def _sources(self, contact_id: int, fields: list[str]) -> None:
        for name in fields:
            updated = self.conn.execute(
                update(field_sources)
                .where(field_sources.c.contact_id == contact_id, field_sources.c.field == name)
                .values(source=f"{self.source}:{self.file}", updated_at=self.ctx.now)
            ).rowcount
            if not updated:
                self.conn.execute(
                    insert(field_sources).values(
                        owner_id=self.owner,
                        contact_id=contact_id,
                        field=name,
                        source=f"{self.source}:{self.file}",
                        updated_at=self.ctx.now,
                    )
                )

    # -- interactions ------------------------------------------------------------------------------------------
    def interaction(self, record: InteractionRecord) -> None:
        self.flush()
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


@dataclass
class _Checked:
    name: str
    organisation: str
    title: str
    emails: list[str]
    phones: list[str]
    urls: list[tuple[str, str]]


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


def _display_name(record: ContactRecord) -> str:
    """How the person is listed: the name without academic titles (those are kept as the prefix)."""
    full = " ".join(record.full_name.split())
    if full:
        prefix = " ".join(record.prefix.split())
        return full[len(prefix) + 1 :] if prefix and full.startswith(prefix + " ") else full
    if record.given_name.strip() or record.family_name.strip():
        parts = (record.given_name, record.middle_name, record.family_name, record.suffix)
        return " ".join(" ".join(parts).split())  # blank parts are only whitespace: split() drops them
    return record.name


def _identity(record: ContactRecord) -> str:
    """A record's identity when its file gives none: its name, organisation and first e-mail."""
    first_email = record.emails[0][0].casefold() if record.emails else ""
    return f"name:{name_key(record.name)}|{fold(record.organisation)}|{first_email}"


def _digest(record: ContactRecord) -> str:
    """A fingerprint of everything the record says, to recognise an unchanged record."""
    parts = [
        record.name,
        record.prefix,
        record.given_name,
        record.middle_name,
        record.family_name,
        record.suffix,
        record.organisation,
        record.title,
        repr(record.emails),
        repr(record.phones),
        repr(record.urls),
        record.birthday.iso() if record.birthday else "",
        repr([(label, d.iso()) for label, d in record.anniversaries]),
        record.address,
        repr(record.notes),
        repr(record.tags),
        record.connected_on.isoformat() if record.connected_on else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


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


_DETAILS = sql_text(
    " UNION ALL ".join(
        f"SELECT '{part}' AS part, {value} AS value, {month} AS month, {day} AS day FROM {table.name}"
        " WHERE contact_id = :contact_id"
        for part, table, value, month, day in (
            ("emails", emails, "address", 0, 0),
            ("phones", phones, "number", 0, 0),
            ("urls", urls, "url", 0, 0),
            ("tags", tags, "tag", 0, 0),
            ("dates", yearly_dates, "kind", "month", "day"),
            ("notes", notes, "text", 0, 0),
        )
    )
)


def _details_of(conn: Connection, contact_id: int) -> dict[str, set[Any]]:
    """The details a contact has (case-folded), in one statement."""
    have: dict[str, set[Any]] = {
        "emails": set(),
        "phones": set(),
        "urls": set(),
        "tags": set(),
        "dates": set(),
        "notes": set(),
    }
    for part, value, month, day in conn.execute(_DETAILS, {"contact_id": contact_id}).tuples():
        have[part].add((value.casefold(), month, day) if part == "dates" else value.casefold())
    return have


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _collect_details(
    details: dict[Any, list[dict[str, Any]]],
    owner: int,
    contact_id: int,
    checked: _Checked,
    record: ContactRecord,
    now: Any,
    have: dict[str, set[Any]] | None,
) -> None:
    """The detail rows a record adds to a contact (all of them for a new contact; the missing ones otherwise)."""
    have = have or {"emails": set(), "phones": set(), "urls": set(), "tags": set(), "dates": set(), "notes": set()}
    source = f"{record.source}:{os.path.basename(record.file)}"
    base = {"owner_id": owner, "contact_id": contact_id}
    labels = {address.casefold(): label for address, label in record.emails}
    for address in checked.emails:
        if address.casefold() not in have["emails"]:
            have["emails"].add(address.casefold())
            details[emails].append(
                {**base, "address": address, "label": labels.get(address.casefold(), "")[:100], "source": source}
            )
    phone_labels = [label for number, label in record.phones if number.strip()]
    for i, number in enumerate(checked.phones):
        if number.casefold() not in have["phones"]:
            have["phones"].add(number.casefold())
            label = phone_labels[i] if i < len(phone_labels) else ""
            details[phones].append({**base, "number": number[:40], "label": label[:100], "source": source})
    for kind, url in checked.urls:
        if url.casefold() not in have["urls"]:
            have["urls"].add(url.casefold())
            details[urls].append({**base, "kind": kind, "url": url[:1000], "source": source})
    for tag in dict.fromkeys(t.strip()[:100] for t in record.tags if t.strip()):
        if tag.casefold() not in have["tags"]:
            have["tags"].add(tag.casefold())
            details[tags].append({**base, "tag": tag})
    dated = [("birthday", "", record.birthday)] if record.birthday else []
    dated += [("anniversary", _date_label(label), when) for label, when in record.anniversaries]
    for kind, label, when in dated:
        if when is None or (kind, when.month, when.day) in have["dates"]:
            continue
        if kind == "birthday" and any(k == "birthday" for k, _m, _d in have["dates"]):
            continue  # one birthday per person: the first source's stays
        have["dates"].add((kind, when.month, when.day))
        details[yearly_dates].append(
            {
                **base,
                "kind": kind,
                "label": label[:200],
                "month": when.month,
                "day": when.day,
                "year": when.year,
                "month_day": when.month_day,
                "source": source,
            }
        )
    for text in record.notes:
        cleaned = text.strip()
        if cleaned and cleaned.casefold() not in have["notes"]:
            have["notes"].add(cleaned.casefold())
            details[notes].append({**base, "written_at": now, "text": cleaned, "source": source})


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
    for source, key, contact_id, digest in conn.execute(query).tuples():
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
