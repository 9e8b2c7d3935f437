"""LinkedIn's data export: Connections.csv, messages.csv and Invitations.csv, as the `.zip` LinkedIn sends (read
in place, members in any folder), an extracted folder, or one extracted file.

`read(path, owner="")` streams, in this order: the connections (ContactRecord, source "linkedin"), the invitations
and the messages (InteractionRecord, channel LinkedIn, times in UTC). Each file is told by its header, not its name.

Members with hidden profiles (Connections rows with nothing but a date, messages from "LinkedIn Member" without a
profile) are expected, not errors: each one is a `HiddenMember` item, which the import service counts and skips.

Identities (`key`): a connection's profile URL in one form (`https://www.linkedin.com/in/<slug>`), or for exports
without a URL column `name:<folded full name>|<folded company>`; a message's conversation, time and sender (plus
the recipient when one message went to several people); an invitation's counterpart and time.

Messages need the export's owner to tell sent from received: the `owner` option (a name or a profile URL), else
the owner as Invitations.csv or Profile.csv in the same archive or folder shows them, else the person taking part in
most messages of messages.csv (at least half, and more than anyone else). A message the owner takes no part in is a
`BadRecord` (`bad.unknown_person`). Drafts, the SPAM folder and sponsored messages are skipped; a message sent to
several people is one record per recipient.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import IO, Any

from rapport.domain.model import Channel, Initiator
from rapport.domain.text import fold
from rapport.errors import InputError
from rapport.interop.csvfiles import Opener, Table, header_layout, linkedin_profile, normalise_column, open_table
from rapport.interop.records import (
    BadRecord,
    ContactRecord,
    HiddenMember,
    InteractionRecord,
    Item,
    Person,
    bad_file,
)

LinkedInItem = Item  # HiddenMember is part of Item

CONNECTIONS = ("First Name", "Last Name", "Connected On")
MESSAGES = ("CONVERSATION ID", "FROM", "TO", "DATE")
INVITATIONS = ("From", "To", "Sent At", "Direction")
PROFILE = ("First Name", "Last Name", "Headline")
LAYOUTS = (CONNECTIONS, MESSAGES, INVITATIONS)
MEMBER_NAMES = {"connections.csv": 0, "messages.csv": 1, "invitations.csv": 2}  # file name -> index into LAYOUTS
READ_ORDER = ("connections.csv", "invitations.csv", "messages.csv")  # invitations may name the owner for messages
SUMMARY_LENGTH = 200
HIDDEN_NAME = "linkedin member"
SPONSORED = '<p class="spinmail'  # how sponsored messages (ads, not people) begin
OWNER_SAMPLE = 50  # the owner is looked for among the people of the first messages
MEMBER_LIMIT = 1 << 30  # bytes a zip member may expand to (LinkedIn's largest files are some hundred MB)
FIRST_EXPORT = date(2003, 5, 5)  # LinkedIn's launch: no export is older (an earlier zip time is no time)


# -- reading -----------------------------------------------------------------------------------------------------


def read(path: str, owner: str = "", **options: object) -> Iterator[LinkedInItem]:
    """The records of a LinkedIn export: a zip, a folder, or one of its CSV files."""
    yield from _read(path, owner, READ_ORDER)


def read_connections(path: str) -> Iterator[LinkedInItem]:
    """The records of the export's Connections.csv alone (nothing when it has none)."""
    yield from _read(path, "", ("connections.csv",))


def _read(path: str, owner: str, wanted: tuple[str, ...]) -> Iterator[LinkedInItem]:
    if os.path.isdir(path):
        yield from _read_folder(path, owner, wanted)
    elif _is_zip(path):
        yield from _read_zip(path, owner, wanted)
    else:
        layouts = _layouts_for(path)
        if wanted == READ_ORDER:
            yield from _read_files([(path, None, layouts)], _Owner.given(owner))
        elif layouts == (CONNECTIONS,) or (len(layouts) > 1 and _header_is_connections(path)):
            yield from _read_files([(path, None, (CONNECTIONS,))], _Owner())


def _header_is_connections(path: str) -> bool:
    try:
        return header_layout(path, LAYOUTS) == 0
    except InputError:
        return False


def _is_zip(path: str) -> bool:
    try:
        with open(path, "rb") as raw:
            return raw.read(4) == b"PK\x03\x04" or zipfile.is_zipfile(path)
    except OSError:
        return False


def _layouts_for(name: str) -> tuple[tuple[str, ...], ...]:
    """The layouts a file may have: the one its name says, else any (so missing columns are named well)."""
    index = MEMBER_NAMES.get(os.path.basename(name).casefold())
    if index is None and os.path.basename(name).casefold().startswith("connections"):
        index = 0  # Connections-2025-06-01.csv and the like
    return LAYOUTS if index is None else (LAYOUTS[index],)


Source = tuple[str, Opener | None, tuple[tuple[str, ...], ...]]  # (file name, opener or None for a path, layouts)


def _read_folder(path: str, owner: str, wanted: tuple[str, ...] = READ_ORDER) -> Iterator[LinkedInItem]:
    found: dict[str, str] = {}
    every: list[str] = []
    for folder, _dirs, names in sorted(os.walk(path)):
        for name in sorted(names):
            found.setdefault(name.casefold(), os.path.join(folder, name))
            every.append(os.path.relpath(os.path.join(folder, name), path))
    _one_export(path, every)
    if not any(n in found for n in READ_ORDER):
        raise bad_file(path, 0, "file.bad_zip", detail="no Connections.csv, messages.csv or Invitations.csv")
    members = [n for n in wanted if n in found]
    known = _Owner.given(owner)
    if not known and "profile.csv" in found:
        known = _Owner.from_profile(found["profile.csv"], None)
    yield from _read_files([(found[n], None, (LAYOUTS[MEMBER_NAMES[n]],)) for n in members], known)


def _one_export(path: str, names: Iterable[str]) -> None:
    """Refuses an archive or folder holding several Connections.csv (several exports): which one is meant?"""
    connections = [n for n in names if os.path.basename(n).casefold() == "connections.csv"]
    if len(connections) > 1:
        raise bad_file(path, 0, "file.several_connections", members=", ".join(connections))


def _read_zip(path: str, owner: str, wanted: tuple[str, ...] = READ_ORDER) -> Iterator[LinkedInItem]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos: dict[str, zipfile.ZipInfo] = {}
            for info in archive.infolist():
                if not info.is_dir():
                    infos.setdefault(os.path.basename(info.filename).casefold(), info)
            _one_export(path, (i.filename for i in archive.infolist() if not i.is_dir()))
            if not any(n in infos for n in READ_ORDER):
                raise bad_file(path, 0, "file.bad_zip", detail="no Connections.csv, messages.csv or Invitations.csv")
            members = [n for n in wanted if n in infos]

            def opener(info: zipfile.ZipInfo) -> Opener:
                def open_member() -> IO[bytes]:
                    return io.BufferedReader(_Limited(path, info, archive.open(info)))

                return open_member

            known = _Owner.given(owner)
            if not known and "profile.csv" in infos:
                profile = infos["profile.csv"]
                known = _Owner.from_profile(f"{path}/{profile.filename}", opener(profile))
            sources: list[Source] = [
                (f"{path}/{infos[n].filename}", opener(infos[n]), (LAYOUTS[MEMBER_NAMES[n]],)) for n in members
            ]
            yield from _read_files(sources, known)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        raise bad_file(path, 0, "file.bad_zip", detail=str(exc) or type(exc).__name__) from exc


class _Limited(io.RawIOBase):
    """A zip member read with a limit on its expanded size: a member expanding beyond MEMBER_LIMIT (a zip bomb,
    or a damaged archive) stops reading with `file.zip_too_large`, whatever size its header claims."""

    def __init__(self, archive: str, info: zipfile.ZipInfo, stream: IO[bytes]) -> None:
        super().__init__()
        self._archive, self._name, self._stream = archive, info.filename, stream
        self._read = 0
        if info.file_size > MEMBER_LIMIT:
            stream.close()
            raise self._too_large()

    def _too_large(self) -> InputError:
        return bad_file(self._archive, 0, "file.zip_too_large", member=self._name, limit=MEMBER_LIMIT >> 20)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), MEMBER_LIMIT + 1 - self._read)
        data = self._stream.read(max(wanted, 1))
        self._read += len(data)
        if self._read > MEMBER_LIMIT:
            raise self._too_large()
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _read_files(sources: list[Source], owner: _Owner) -> Iterator[LinkedInItem]:
    for file, opener, layouts in sources:
        with open_table(file, layouts, opener) as table:
            kind = layouts[table.layout]
            if kind == CONNECTIONS:
                yield from _connections(table)
            elif kind == INVITATIONS:
                yield from _invitations(table, owner)
            else:
                by_name = "recipient profile urls" not in table.columns  # older exports: recipients by name only
                if not owner:  # raises when it cannot be told
                    owner.complete(_Owner.recognised(file, _participants_of(open_table(file, layouts, opener))))
                elif by_name and not owner.name:  # known by URL only: their name is needed here
                    with suppress(InputError):
                        owner.complete(_Owner.recognised(file, _participants_of(open_table(file, layouts, opener))))
                yield from _messages(table, owner)


# -- the export's date -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportDate:
    """The day an export was made, and where that is known from: "option" (given by the user), "archive" (the
    zip's file times), "name" (the file or folder name) or "connections" (the newest `Connected On`: the export is
    at least that new). `claimed` is a later day the source claimed, when that was after today (the day is then
    today)."""

    day: date
    origin: str
    claimed: date | None = None


_NAME_ISO = re.compile(r"(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)")
_NAME_MDY = re.compile(r"(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)")


def date_in_name(name: str) -> date | None:
    """The date a file name carries: ISO (`Connections-2025-06-01.csv`) or LinkedIn's month-day-year
    (`Basic_LinkedInDataExport_06-01-2025.zip`; day-month-year where the first number cannot be a month). None
    when it holds no valid date."""
    for m in _NAME_ISO.finditer(name):
        with suppress(ValueError):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _NAME_MDY.finditer(name):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month, day = (first, second) if first <= 12 else (second, first)
        with suppress(ValueError):
            return date(year, month, day)
    return None


def archive_date(path: str) -> date | None:
    """The newest day a LinkedIn file of the zip was written (LinkedIn writes them as it makes the export); None
    when the archive has no usable times (zip's 1980 stands for none)."""
    try:
        with zipfile.ZipFile(path) as archive:
            days = [
                date(*info.date_time[:3])
                for info in archive.infolist()
                if os.path.basename(info.filename).casefold() in (*MEMBER_NAMES, "profile.csv")
            ]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    return max((d for d in days if d >= FIRST_EXPORT), default=None)


def export_date(path: str, today: date, given: date | None = None, scan: bool = True) -> ExportDate | None:
    """The day the export at `path` was made: `given` by the user, else from the zip's file times, else from the
    file (or its folder's) name, else at least the newest `Connected On` date (the file is read for it, unless not
    to `scan`). A day after `today` is taken as today (see `ExportDate.claimed`). None when nothing tells."""
    if given is not None:
        return _not_after(given, "option", today)
    if _is_zip(path) and (day := archive_date(path)) is not None:
        return _not_after(day, "archive", today)
    for name in (os.path.basename(os.path.normpath(path)), os.path.basename(os.path.dirname(os.path.abspath(path)))):
        if (day := date_in_name(name)) is not None:
            return _not_after(day, "name", today)
    if not scan:
        return None
    newest = max(
        (
            item.connected_on
            for item in read_connections(path)
            if isinstance(item, ContactRecord) and item.connected_on is not None and item.connected_on <= today
        ),
        default=None,
    )
    return None if newest is None else ExportDate(newest, "connections")


def _not_after(day: date, origin: str, today: date) -> ExportDate:
    return ExportDate(today, origin, claimed=day) if day > today else ExportDate(day, origin)


# -- Connections.csv ---------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}  # fmt: skip
_NAMED_MONTH = re.compile(r"(\d{1,2})[ \-.]+([^\W\d_]{3,})\.?[ \-.,]+(\d{4}|\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _year(text: str) -> int:
    """Two-digit years are this century: LinkedIn began in 2003."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def parse_connected_on(text: str) -> date:
    """LinkedIn's `24 Nov 2026`, Excel's `24-Nov-26`, and `24.11.26`, `11/24/26` (US order) or ISO dates.
    Raises ValueError."""
    value = text.strip()
    if m := _NAMED_MONTH.fullmatch(value):
        month = _MONTHS.get(m.group(2)[:3].casefold())
        if month is None:
            raise ValueError(value)
        return date(_year(m.group(3)), month, int(m.group(1)))
    if m := _DOTTED.fullmatch(value):
        return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _SLASHED.fullmatch(value):
        return date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
    if m := _ISO.fullmatch(value):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(value)


def _connections(table: Table) -> Iterator[LinkedInItem]:
    file = table.file
    days: dict[str, date] = {}  # `Connected On` as written → the day: an export repeats its days
    where = {name: i for i, name in enumerate(table.columns)}
    first_at, last_at, connected_at = where["first name"], where["last name"], where["connected on"]
    url_at, email_at, company_at, position_at = (where.get(n) for n in ("url", "email address", "company", "position"))
    for entry in table.cells():
        if isinstance(entry, BadRecord):
            yield entry
            continue
        line, cells = entry
        first, last = cells[first_at].strip(), cells[last_at].strip()
        url = cells[url_at].strip() if url_at is not None else ""  # older exports have no URL or e-mail column
        email = cells[email_at].strip() if email_at is not None else ""
        company = cells[company_at].strip() if company_at is not None else ""
        position = cells[position_at].strip() if position_at is not None else ""
        if not first and not last:
            yield HiddenMember(file, line) if not url and not email else BadRecord(file, line, "bad.no_name")
            continue
        connected = cells[connected_at].strip()
        connected_on = days.get(connected) if connected else None
        if connected_on is None and connected:
            try:
                connected_on = days[connected] = parse_connected_on(connected)
            except ValueError:
                yield BadRecord(file, line, "bad.date", {"value": connected})
                continue
        profile = linkedin_profile(url) if url else ""
        yield ContactRecord(
            source="linkedin",
            file=file,
            line=line,
            key=profile or f"name:{fold(first + ' ' + last)}|{fold(company)}",
            given_name=first,
            family_name=last,
            organisation=company,
            title=position,
            emails=[(email, "")] if email else [],
            urls=[("linkedin", profile)] if profile else [],
            connected_on=connected_on,
        )


# -- people and the owner ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    name: str
    url: str  # in one form, or ""

    @property
    def identity(self) -> str:
        return self.url or "name:" + fold(self.name)

    @property
    def hidden(self) -> bool:
        return not self.url and (not self.name or fold(self.name) == HIDDEN_NAME)


def _member(name: str, url: str) -> _Member:
    return _Member(" ".join(name.split()), linkedin_profile(url) if url.strip() else "")


@dataclass
class _Owner:
    """Who exported the data: known by profile URL, by name, or both."""

    name: str = ""
    url: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.url)

    @classmethod
    def given(cls, text: str) -> _Owner:
        text = text.strip()
        if "linkedin.com" in text.casefold() or "/" in text:
            return cls(url=linkedin_profile(text))
        return cls(name=" ".join(text.split()))

    @classmethod
    def from_profile(cls, file: str, opener: Opener | None) -> _Owner:
        """The owner as Profile.csv names them (nothing when it cannot be read)."""
        try:
            with open_table(file, (PROFILE,), opener) as table:
                for entry in table:
                    if not isinstance(entry, BadRecord):
                        row = entry[1]
                        return cls(name=" ".join(f"{row['first name']} {row['last name']}".split()))
        except InputError:
            pass
        return cls()

    @classmethod
    def recognised(cls, file: str, participants: Iterable[list[_Member]]) -> _Owner:
        """The person taking part in the most messages (as sender or recipient), who must take part in at least
        half of them and in more than anyone else; raises when there is no such person (say, one conversation).

        The owner takes part in (nearly) every message, so only the people of the first messages are counted, and
        counting stops once one of them is in every message so far and someone else is in at most 90% of them:
        memory stays small however many people the file names, and a large file is not read twice."""
        counts: dict[str, int] = {}
        found: dict[str, _Member] = {}
        messages = 0
        for members in participants:
            messages += 1
            for member in {m.identity: m for m in members if not m.hidden}.values():
                if member.identity in counts:
                    counts[member.identity] += 1
                elif messages <= OWNER_SAMPLE and len(counts) < 10 * OWNER_SAMPLE:
                    counts[member.identity], found[member.identity] = 1, member
            if messages % OWNER_SAMPLE == 0 and messages >= 4 * OWNER_SAMPLE:
                first, second = _leaders(counts)
                if first[1] == messages and second[1] * 10 <= messages * 9:
                    break
        if not messages:
            return cls()  # no messages: no owner needed
        (identity, top), (_, runner_up) = _leaders(counts)
        if top * 2 < messages or runner_up == top:
            why = "no one takes part in most messages" if top * 2 < messages else "two take part in as many"
            raise bad_file(file, 0, "file.no_owner", detail=why)
        member = found[identity]
        return cls(member.name, member.url)

    def complete(self, other: _Owner) -> None:
        """Take what another finding knows of the owner and this one does not."""
        self.name = self.name or other.name
        self.url = self.url or other.url

    def learn(self, member: _Member) -> None:
        """Complete what is known of the owner from a row that shows them."""
        if member.url and not self.url:
            self.url = member.url
        if member.name and not self.name:
            self.name = member.name

    def includes(self, member: _Member) -> bool:
        if self.url and member.url:
            return self.url.casefold() == member.url.casefold()
        return bool(self.name) and fold(self.name) == fold(member.name)

    def label(self) -> str:
        return self.name or self.url


def _leaders(counts: dict[str, int]) -> tuple[tuple[str, int], tuple[str, int]]:
    """The two largest counts with their keys (("", 0) where there are fewer)."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:2]
    ranked += [("", 0)] * (2 - len(ranked))
    return ranked[0], ranked[1]


# -- Invitations.csv ---------------------------------------------------------------------------------------------

_SENT_AT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?")


def parse_sent_at(text: str) -> datetime:
    """Invitations' `11/24/26, 9:12 PM` (US order, UTC), or a message-style time. Raises ValueError."""
    value = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
    m = _SENT_AT.fullmatch(value)
    if m is None:
        return parse_moment(value)
    hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if m.group(7):
        if not 1 <= hour <= 12:
            raise ValueError(value)
        hour = hour % 12 + (12 if m.group(7)[0] in "Pp" else 0)
    return datetime(_year(m.group(3)), int(m.group(1)), int(m.group(2)), hour, minute, second, tzinfo=UTC)


def _invitations(table: Table, owner: _Owner) -> Iterator[LinkedInItem]:
    file = table.file
    for entry in table:
        if isinstance(entry, BadRecord):
            yield entry
            continue
        line, row = entry
        inviter = _member(row["from"], row.get("inviterprofileurl", ""))
        invitee = _member(row["to"], row.get("inviteeprofileurl", ""))
        direction = row["direction"].strip().upper()
        if direction == "OUTGOING":
            initiator, counterpart, me = Initiator.ME, invitee, inviter
        elif direction == "INCOMING":
            initiator, counterpart, me = Initiator.THEM, inviter, invitee
        else:
            yield BadRecord(file, line, "bad.direction", {"value": row["direction"].strip()})
            continue
        owner.learn(me)
        if counterpart.hidden:
            yield HiddenMember(file, line)
            continue
        sent = row["sent at"].strip()
        try:
            occurred_at = parse_sent_at(sent)
        except ValueError:
            yield BadRecord(file, line, "bad.time", {"value": sent})
            continue
        yield InteractionRecord(
            source="linkedin",
            file=file,
            line=line,
            key=f"invitation|{counterpart.identity}|{occurred_at.isoformat()}",
            occurred_at=occurred_at,
            channel=Channel.LINKEDIN,
            initiator=initiator,
            counterpart=Person(counterpart.name, counterpart.url),
            summary=" ".join(row.get("message", "").split()),
        )


# -- messages.csv ------------------------------------------------------------------------------------------------

_MOMENT = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)


def parse_moment(text: str) -> datetime:
    """Messages' `2026-11-25 18:42:10 UTC` (also with `/`, `T`, `Z` or an offset; no zone means UTC).
    Raises ValueError."""
    value = text.strip()
    m = _MOMENT.fullmatch(value)
    if m is None:
        raise ValueError(value)
    zone = m.group(7) or "UTC"
    tz = UTC
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        tz = timezone(-offset if zone[0] == "-" else offset)
    year, month, day, hour, minute = (int(m.group(i)) for i in range(1, 6))
    return datetime(year, month, day, hour, minute, int(m.group(6) or 0), tzinfo=tz)


def _recipients(row: dict[str, str]) -> list[_Member]:
    """The recipients of a message: TO holds their names joined by ", " (and a name may hold ", " itself, as in
    "Jane Doe, Ph.D."), RECIPIENT PROFILE URLS their profiles joined by ","."""
    urls = [u.strip() for u in row.get("recipient profile urls", "").split(",") if u.strip()]
    to = row["to"].strip()
    if len(urls) <= 1:
        return [_member(to, urls[0] if urls else "")] if to or urls else []
    names = _split_names(to, len(urls))
    return [_member(name, url) for name, url in zip(names, urls, strict=True)]


def _split_names(text: str, count: int) -> list[str]:
    """`count` names from a ", "-joined list: parts without a space (Ph.D., MBA) belong to the name before them.
    When that does not come out right, the names are left empty (the profiles identify the people)."""
    parts = [p.strip() for p in text.split(", ")]
    excess = len(parts) - count
    merged: list[str] = []
    for part in parts:
        if merged and excess > 0 and " " not in part:
            merged[-1] += ", " + part
            excess -= 1
        else:
            merged.append(part)
    return merged if len(merged) == count else [""] * count


def _participants_of(table: Table) -> Iterator[list[_Member]]:
    """Everyone taking part in each message (sender and recipients), for recognising the owner. Where recipients
    have no profile URLs (older exports), everyone is known by name, so that the owner is the same person as sender
    and as recipient."""
    by_name = "recipient profile urls" not in table.columns
    with table:
        for entry in table:
            if not isinstance(entry, BadRecord):
                row = entry[1]
                members = [_member(row["from"], row.get("sender profile url", "")), *_recipients(row)]
                yield [_Member(m.name, "") for m in members] if by_name else members


def _summary(content: str, subject: str) -> str:
    text = content
    if text.lstrip().startswith("<"):
        text = re.sub(r"<[^>]*>", " ", text)
    text = " ".join(text.split()) or " ".join(subject.split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text[:SUMMARY_LENGTH]
    return (cut.rsplit(" ", 1)[0] if " " in cut[SUMMARY_LENGTH // 2 :] else cut) + "…"


def _messages(table: Table, owner: _Owner) -> Iterator[LinkedInItem]:
    file = table.file
    for entry in table:
        if isinstance(entry, BadRecord):
            yield entry
            continue
        line, row = entry
        if row.get("is message draft", "").strip().casefold() == "yes":
            continue
        if row.get("folder", "").strip().upper() == "SPAM":
            continue
        sender = _member(row["from"], row.get("sender profile url", ""))
        if not sender.url and row.get("content", "").lstrip().startswith(SPONSORED):
            continue
        recipients = _recipients(row)
        if owner.includes(sender):
            owner.learn(sender)
            initiator, counterparts = Initiator.ME, [r for r in recipients if not owner.includes(r)]
        elif any(owner.includes(r) for r in recipients):
            initiator, counterparts = Initiator.THEM, [sender]
        else:
            yield BadRecord(file, line, "bad.unknown_person", {"owner": owner.label()})
            continue
        sent = row["date"].strip()
        try:
            occurred_at = parse_moment(sent)
        except ValueError:
            yield BadRecord(file, line, "bad.time", {"value": sent})
            continue
        key = f"{row.get('conversation id', '').strip()}|{occurred_at.isoformat()}|{sender.identity}"
        summary = _summary(row.get("content", ""), row.get("subject", ""))
        for counterpart in counterparts:
            if counterpart.hidden:
                yield HiddenMember(file, line)
                continue
            yield InteractionRecord(
                source="linkedin",
                file=file,
                line=line,
                key=key if len(counterparts) == 1 else f"{key}|{counterpart.identity}",
                occurred_at=occurred_at,
                channel=Channel.LINKEDIN,
                initiator=initiator,
                counterpart=Person(counterpart.name, counterpart.url),
                summary=summary,
            )


__all__ = [
    "CONNECTIONS",
    "INVITATIONS",
    "MESSAGES",
    "ExportDate",
    "HiddenMember",
    "LinkedInItem",
    "normalise_column",
    "parse_connected_on",
    "parse_moment",
    "parse_sent_at",
    "read",
    "read_connections",
]
