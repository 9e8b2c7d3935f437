"""The backup file: everything one owner has, as versioned JSON Lines that stream both ways and are checked end to end.

Format version 1 is text with one JSON object a line (in practice pure ASCII: other characters are written as
``\\u`` escapes, so the file survives any text encoding):

    {"format": "rapport-backup", "version": 1, "schema": "0002", "created_at": "2026-11-26T09:00:00+01:00",
     "owner": {"id": 3, "name": "me", "organisation": "", "created_at": "2026-01-05T08:00:00+00:00", ...}}
    {"t": "circles", "r": {"id": 11, "owner_id": 3, "name": "core", "cadence_days": 21, ...}}
    ... one line per row: table by table in dependency order, each table's rows in primary-key order ...
    {"end": {"rows": {"circles": 5, "contacts": 38, ...}, "sha256": "9f86d08..."}}

- The header says what the file is: `format` (always "rapport-backup"), `version` (of this layout: a reader refuses
  newer ones), `schema` (the Alembic revision of the store it was taken from: a reader refuses revisions it does not
  know, that is newer ones), when it was taken, and the owner's own row (users: id, name, organisation, ...).
- Each row line names its table (`t`) and holds the row (`r`) with every column, ids included. The ids are those of
  the store the backup was taken from: a restore gives the rows new ids and maps every reference.
- The closing line counts the rows of each table and carries the SHA-256 of everything before it (each line's text
  followed by "\\n"). A file cut short (even at a line end) or damaged is therefore recognised, and restores nothing.

Values: null, booleans, numbers, strings; moments as ISO 8601 with their offset (UTC, "+00:00"); dates as ISO 8601
(YYYY-MM-DD). JSON Lines rather than one document, because then both writing and reading go line by line with the
standard library's json module: memory stays flat whatever the size of the store.

This module knows the file and nothing about the database; rapport.services.backup reads and writes the store.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Float, Integer, String
from sqlalchemy.types import TypeDecorator, TypeEngine

from rapport.errors import InputError

FORMAT = "rapport-backup"
VERSION = 1
# The longest line a reader accepts (characters, or bytes from a binary stream): far above any real row.
MAX_LINE = 64 * 1024 * 1024


def bad_backup(file: str, line: int, problem: str, **facts: object) -> InputError:
    """The error for a file that cannot be restored: `restore.bad_file` with the file, the line, the problem (a
    `backup.*` or `file.*` message key) and the problem's own facts, like rapport.interop.records.bad_file."""
    return InputError("restore.bad_file", file=file, line=line, problem=problem, **facts)


# ---------------------------------------------------------------------------------------------------- values
def encode_value(value: object) -> object:
    """The JSON form of a value json cannot write itself (the `default` of json.dumps)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"refusing to write a time without a time zone: {value!r}")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a backup cannot hold a {type(value).__name__}: {value!r}")


Decoder = Callable[[Any], Any]


def decoder(column: Column[Any]) -> Decoder:
    """A function that checks a JSON value for `column` and returns what to store; it raises ValueError.

    Raises TypeError for a column type that has no JSON form yet (a new type in the schema needs one here).
    """
    type_: TypeEngine[Any] = column.type
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    nullable = bool(column.nullable)
    check: Decoder
    if isinstance(type_, DateTime):
        check = _moment
    elif isinstance(type_, Date):
        check = _date
    elif isinstance(type_, Boolean):
        check = _boolean
    elif isinstance(type_, Integer):
        check = _integer(64 if isinstance(type_, BigInteger) else 32)
    elif isinstance(type_, Float):
        check = _float
    elif isinstance(type_, String):
        check = _string(type_.length)
    else:
        raise TypeError(f"no backup form for {column.table.name}.{column.name} ({type_!r})")

    def decode(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise ValueError("must not be null")
        return check(value)

    return decode


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no offset")
    return moment


def _date(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date") from None


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _integer(bits: int) -> Decoder:
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1)

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a whole number")
        if not low <= value < high:
            raise ValueError(f"{value} is out of range")
        return value

    return check


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _string(length: int | None) -> Decoder:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value

    return check


# ---------------------------------------------------------------------------------------------------- writing
class BackupWriter:
    """Writes a backup line by line to a text or binary stream; `finish` writes the closing line."""

    def __init__(self, stream: IO[str] | IO[bytes]) -> None:
        self._stream: IO[Any] = stream
        self._binary = isinstance(stream, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(stream, "mode", "")
        self._digest = hashlib.sha256()
        self._rows: dict[str, int] = {}
        self._started = False

    def header(self, schema: str, created_at: datetime, owner: Mapping[Any, Any]) -> None:
        if self._started:
            raise RuntimeError("the header comes first, and once")
        self._started = True
        self._line(
            {"format": FORMAT, "version": VERSION, "schema": schema, "created_at": created_at, "owner": dict(owner)}
        )

    def table(self, name: str) -> None:
        """Announce a table, so that the closing line counts it even when it has no rows."""
        self._rows.setdefault(name, 0)

    def row(self, table: str, row: Mapping[Any, Any]) -> None:
        if not self._started:
            raise RuntimeError("write the header first")
        self._rows[table] = self._rows.get(table, 0) + 1
        self._line({"t": table, "r": dict(row)})

    def finish(self) -> dict[str, int]:
        """Write the closing line (row counts and checksum); returns the rows written per table."""
        self._write(_dumps({"end": {"rows": self._rows, "sha256": self._digest.hexdigest()}}))
        return dict(self._rows)

    def _line(self, item: dict[str, object]) -> None:
        text = _dumps(item)
        self._digest.update(text.encode("ascii") + b"\n")
        self._write(text)

    def _write(self, text: str) -> None:
        if self._binary:
            self._stream.write((text + "\n").encode("ascii"))
        else:
            self._stream.write(text + "\n")


def _dumps(item: object) -> str:
    return json.dumps(item, ensure_ascii=True, allow_nan=False, separators=(",", ":"), default=encode_value)


# ---------------------------------------------------------------------------------------------------- reading
@dataclass
class Header:
    version: int
    schema: str
    created_at: str
    owner: dict[str, Any]


@dataclass
class BackupReader:
    """Reads a backup from a text or binary stream: `read_header()` first, then `rows()`.

    Every problem raises `bad_backup` (an InputError) naming the line. `rows()` yields (line, table, row) as
    they come and checks the closing line (counts and checksum) after the last row, so a caller that writes the
    rows as they come must do so in a transaction that the error rolls back.
    """

    stream: IO[str] | IO[bytes]
    file: str
    schemas: Collection[str]  # the schema revisions this rapport can read (the current one and older ones)
    line: int = 0
    _digest: Any = field(default_factory=hashlib.sha256)
    _header: Header | None = None

    def fail(self, problem: str, **facts: object) -> InputError:
        return bad_backup(self.file, max(self.line, 1), problem, **facts)

    def read_header(self) -> Header:
        text, complete = self._next()
        if text is None:
            raise self.fail("file.empty")
        try:
            item = _loads(text)
        except (ValueError, RecursionError):
            raise self.fail("backup.not_backup") from None
        if not isinstance(item, dict) or item.get("format") != FORMAT:
            raise self.fail("backup.not_backup")
        version = item.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail("backup.bad_header", detail="version")
        if version > VERSION:
            raise self.fail("backup.newer_version", version=version, supported=VERSION)
        schema = item.get("schema")
        if not isinstance(schema, str) or not schema:
            raise self.fail("backup.bad_header", detail="schema")
        if schema not in self.schemas:
            raise self.fail("backup.unknown_schema", schema=schema, known=", ".join(sorted(self.schemas)))
        created_at, owner = item.get("created_at"), item.get("owner")
        if not isinstance(created_at, str):
            raise self.fail("backup.bad_header", detail="created_at")
        if not isinstance(owner, dict) or isinstance(owner.get("id"), bool) or not isinstance(owner.get("id"), int):
            raise self.fail("backup.bad_header", detail="owner")
        if not complete:
            raise self.fail("backup.truncated")
        self._digest.update(text.encode("utf-8") + b"\n")
        self._header = Header(version=version, schema=schema, created_at=created_at, owner=owner)
        return self._header

    def rows(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        if self._header is None:
            raise RuntimeError("read the header first")
        counts: dict[str, int] = {}
        while True:
            text, complete = self._next()
            if text is None:
                raise self.fail("backup.truncated")
            try:
                item = _loads(text)
            except (ValueError, RecursionError) as exc:
                if not complete:  # the last line, cut off
                    raise self.fail("backup.truncated") from None
                raise self.fail("backup.not_json", detail=str(exc)) from None
            if isinstance(item, dict) and set(item) == {"t", "r"}:
                table, row = item["t"], item["r"]
                if not isinstance(table, str) or not isinstance(row, dict):
                    raise self.fail("backup.bad_line")
                self._digest.update(text.encode("utf-8") + b"\n")
                counts[table] = counts.get(table, 0) + 1
                yield self.line, table, row
            elif isinstance(item, dict) and set(item) == {"end"}:
                self._close(item["end"], counts)
                return
            else:
                raise self.fail("backup.bad_line")

    def _close(self, end: object, counts: dict[str, int]) -> None:
        if not isinstance(end, dict) or not isinstance(end.get("rows"), dict) or not isinstance(end.get("sha256"), str):
            raise self.fail("backup.bad_line")
        expected = {str(k): v for k, v in end["rows"].items() if v != 0}
        for table in sorted(set(expected) | set(counts)):
            if counts.get(table, 0) != expected.get(table, 0):
                raise self.fail(
                    "backup.count_mismatch", table=table, found=counts.get(table, 0), expected=expected.get(table, 0)
                )
        if end["sha256"] != self._digest.hexdigest():
            raise self.fail("backup.checksum")
        while True:  # nothing but blank lines may follow
            text, _complete = self._next()
            if text is None:
                return
            if text.strip():
                raise self.fail("backup.trailing")

    def _next(self) -> tuple[str | None, bool]:
        """The next line without its end (None at the end of the file), and whether it ended in a newline."""
        try:
            raw = self.stream.readline(MAX_LINE + 1)
        except UnicodeDecodeError as exc:
            self.line += 1
            raise self.fail("file.encoding", detail=str(exc)) from None
        if not raw:
            return None, False
        self.line += 1
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise self.fail("file.encoding", detail=str(exc)) from None
        complete = raw.endswith("\n")
        if not complete and len(raw) > MAX_LINE:
            raise self.fail("file.too_long", limit=MAX_LINE)
        text = raw.rstrip("\r\n")
        if self.line == 1:
            text = text.removeprefix("\ufeff")
        return text, complete


def _loads(text: str) -> Any:
    return json.loads(text, parse_constant=_no_constant)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")
