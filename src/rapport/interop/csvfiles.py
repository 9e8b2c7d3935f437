"""CSV files of contacts: opening any CSV robustly, Google Contacts' CSV and any CSV with a column mapping.

`open_table` is the shared part (also used by rapport.interop.linkedin and rapport.interop.detect): it sniffs the
encoding (UTF-8 with or without BOM, UTF-16/32 with BOM, else Windows-1252) and the delimiter (`,` `;` or tab) from
the first lines, finds the header row after any preamble, and streams `(line, row)` pairs with the line each record
starts on, quoted line breaks included. Nothing is held beyond the record being read.

What makes a whole file unusable raises `bad_file` (rapport.interop.records): `file.empty`, `file.binary`,
`file.json`, `file.missing_columns`, `file.too_many_columns` (over COLUMN_LIMIT), `file.too_long`,
`file.unreadable`; all but `file.too_long` before the first record (a line over LINE_LIMIT characters stops reading
where it is met). A row with the wrong number of cells is a
`BadRecord` (`bad.columns`) and reading goes on; a quoted value left open at the end of the file is one too
(`bad.other`), and the last.

Importers: `read_google(path)` (source "google-csv": the current layout and the legacy one, told apart by their
headers) and `read_mapped(path, mapping)` (source "csv"). A record whose date cannot be read is a `BadRecord`
(`bad.date`) as a whole, so that each record yields exactly one item; one without any name is `bad.no_name`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO
from urllib.parse import urlsplit

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.interop.records import BadRecord, ContactRecord, Item, bad_file

LINE_LIMIT = 1_000_000  # characters in one line, or in one record spanning lines
COLUMN_LIMIT = 2_000  # columns in the header row (Google's widest export has a few hundred)
SNIFF_BYTES = 64 * 1024  # what the encoding is told from
SNIFF_LINES = 100  # the header row must be among the first lines ...
SNIFF_CHARS = 64 * 1024  # ... and within the first characters (whole lines)
DELIMITERS = (",", ";", "\t")
MULTI = " ::: "  # Google's separator of several values in one cell

# Fields may be as long as a record may be; the limit is enforced per record by _Lines, before csv would.
if csv.field_size_limit() < LINE_LIMIT + 2:
    csv.field_size_limit(LINE_LIMIT + 2)

Opener = Callable[[], IO[bytes]]


# -- decoding ----------------------------------------------------------------------------------------------------

_CP1252 = tuple(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def _windows_1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes that do not decode are taken as Windows-1252 (bytes it leaves undefined as Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252[b] for b in chunk), error.end


ERRORS = "rapport-windows-1252"
codecs.register_error(ERRORS, _windows_1252_fallback)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def sniff_encoding(file: str, head: bytes, whole: bool) -> str:
    """The encoding of a text file from its first bytes; raises for an empty or binary file.

    `whole` says whether `head` is the whole file (so that a multi-byte character cut at the end is no error).
    """
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif (guess := _utf16_without_bom(head)) is not None:
        encoding = guess
    elif b"\x00" in head:
        raise bad_file(file, 0, "file.binary")
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
            encoding = "utf-8"
        except UnicodeDecodeError:
            # Not all UTF-8: Windows-1252, unless some of it is UTF-8 (a file pieced together from both).
            encoding = "utf-8" if _UTF8_SEQUENCE.search(head) else "cp1252"
    text = head.decode(encoding, errors=ERRORS)
    if not text.strip(" \t\r\n\ufeff") and whole:
        raise bad_file(file, 0, "file.empty")
    controls = sum(1 for ch in text[:4096] if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\x7f")
    if "\x00" in text or controls * 10 > min(len(text), 4096):
        raise bad_file(file, 0, "file.binary")
    return encoding


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    if odd_zeros >= 0.9 * pairs and even_zeros <= 0.1 * pairs:
        return "utf-16-le"
    if even_zeros >= 0.9 * pairs and odd_zeros <= 0.1 * pairs:
        return "utf-16-be"
    return None


def looks_like_json(text: str) -> bool:
    """Whether decoded text starts like a JSON document."""
    stripped = text.lstrip(" \t\r\n\ufeff")
    if stripped.startswith("{"):
        return True
    if stripped.startswith("["):
        rest = stripped[1:].lstrip(" \t\r\n")
        return not rest or rest[0] in '{["]-0123456789tfn'
    return False


# -- lines and records -------------------------------------------------------------------------------------------


class _Lines:
    """The decoded lines of a text stream, for csv.reader: each at most LINE_LIMIT characters, counted from 1.

    It knows where the current record started and what it holds, so that records are reported by the line they
    start on and a record running into the end of the file can be checked for an unclosed quote.
    """

    def __init__(self, file: str, stream: IO[str]) -> None:
        self.file = file
        self._readline = stream.readline
        self._peeked: deque[str] = deque()
        self._read_count = 0  # lines read from the stream
        self.number = 0  # the last line handed to the reader
        self.record: list[str] = []  # the lines of the current record
        self.record_start = 1
        self._record_chars = 0
        self.eof = False  # the end of the stream was met while reading the current record

    def _read(self) -> str:
        line = self._readline(LINE_LIMIT + 2)
        if not line:
            return line
        self._read_count += 1
        if len(line) > LINE_LIMIT and len(line.rstrip("\r\n")) > LINE_LIMIT:
            raise bad_file(self.file, self._read_count, "file.too_long", limit=LINE_LIMIT)
        if "\x00" in line:
            raise bad_file(self.file, self._read_count, "file.binary")
        return line

    def peek(self) -> list[str]:
        """The first lines of the stream (SNIFF_LINES at most, whole lines up to SNIFF_CHARS), not consumed."""
        chars = sum(len(line) for line in self._peeked)
        while len(self._peeked) < SNIFF_LINES and chars < SNIFF_CHARS:
            line = self._read()
            if not line:
                break
            self._peeked.append(line)
            chars += len(line)
        return list(self._peeked)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._peeked:
            line = self._peeked.popleft()
        else:
            line = self._read()
            if not line:
                self.eof = True
                raise StopIteration
        self.number += 1
        self._record_chars += len(line)
        if self._record_chars > LINE_LIMIT:
            raise bad_file(self.file, self.record_start, "file.too_long", limit=LINE_LIMIT)
        self.record.append(line)
        return line

    def begin_record(self) -> int:
        self.record_start = self.number + 1
        self.record = []
        self._record_chars = 0
        self.eof = False
        return self.record_start


def _ends_in_quotes(text: str, delimiter: str) -> bool:
    """Whether CSV text ends inside a quoted value (a quote that opens a value and never closes)."""
    inside = False
    at_start = True  # at the start of a value, where a quote opens a quoted value
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    inside = False
        elif ch == '"' and at_start:
            inside = True
        at_start = not inside and ch in (delimiter, "\n", "\r")
        i += 1
    return inside


def normalise_column(name: str) -> str:
    """A column name as compared: BOM and outer white space removed, inner white space collapsed, case folded."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass
class _Found:
    delimiter: str
    line: int
    cells: list[str]
    layout: int  # index into the layouts; -1 when no layout fits (cells is then the best candidate)
    missing: list[str] = field(default_factory=list)


def _find_header(lines: list[str], layouts: Sequence[Sequence[str]]) -> _Found:
    """The header row among the first lines: the first row holding all columns of a layout, for the first
    delimiter that has one; else the row that comes closest, with what it lacks."""
    wanted = [[normalise_column(c) for c in layout] for layout in layouts]
    best: _Found | None = None
    best_score = (-1, -1)
    for delimiter in DELIMITERS:
        reader = csv.reader(lines, delimiter=delimiter)
        done = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error:
                break
            start, done = done + 1, reader.line_num
            names = {normalise_column(c) for c in cells}
            names.discard("")
            if not names:
                continue
            for index, columns in enumerate(wanted):
                present = sum(1 for c in columns if c in names)
                if present == len(columns):
                    return _Found(delimiter, start, cells, index)
                score = (present, len(cells))
                if score > best_score:
                    missing = [layouts[index][i] for i, c in enumerate(columns) if c not in names]
                    best, best_score = _Found(delimiter, start, cells, -1, missing), score
    if best is None:
        return _Found(",", 0, [], -1, list(layouts[0]) if layouts else [])
    return best


def _header(file: str, lines: list[str], layouts: Sequence[Sequence[str]]) -> _Found:
    """The header row (`_find_header`), refused when it has more than COLUMN_LIMIT columns."""
    found = _find_header(lines, layouts)
    if len(found.cells) > COLUMN_LIMIT:
        raise bad_file(file, found.line, "file.too_many_columns", found=len(found.cells), limit=COLUMN_LIMIT)
    return found


def _unique_columns(cells: Sequence[str]) -> tuple[str, ...]:
    """The normalised column names, a repeated one numbered (`name #2`, `name #3`, …); linear in the columns."""
    columns: list[str] = []
    used: set[str] = set()
    last: dict[str, int] = {}  # the last number given to each name
    for cell in cells:
        name = normalise_column(cell)
        unique, n = name, last.get(name, 1)
        while unique in used:
            n += 1
            unique = f"{name} #{n}"
        last[name] = n
        used.add(unique)
        columns.append(unique)
    return tuple(columns)


class Table:
    """An opened CSV file. Iterate for `(line, row)` pairs, where row maps each normalised column name
    (`normalise_column`) to its cell as written; a row that cannot be used is yielded as a `BadRecord`.

    Blank rows are skipped; empty cells past the header's width (trailing delimiters) are ignored.
    """

    def __init__(self, file: str, stream: IO[str], lines: _Lines, encoding: str, found: _Found) -> None:
        self.file = file
        self.encoding = encoding
        self.delimiter = found.delimiter
        self.header_line = found.line
        self.header = [cell.strip() for cell in found.cells]  # as written
        self.layout = found.layout
        self.columns = _unique_columns(found.cells)
        self._stream = stream
        self._lines = lines

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stream.close()

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]] | BadRecord]:
        keys = self.columns
        for entry in self.cells():
            yield entry if isinstance(entry, BadRecord) else (entry[0], dict(zip(keys, entry[1], strict=True)))

    def cells(self) -> Iterator[tuple[int, list[str]] | BadRecord]:
        """As iterating, with each row's cells in the order of `columns` instead of a mapping."""
        lines, file, keys = self._lines, self.file, self.columns
        width = len(keys)
        reader = csv.reader(lines, delimiter=self.delimiter)
        while True:
            start = lines.begin_record()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # pragma: no cover - _Lines refuses what csv would (NUL, size)
                yield BadRecord(file, start, "bad.other", {"detail": str(exc)})
                continue
            if lines.eof and _ends_in_quotes("".join(lines.record), self.delimiter):
                yield BadRecord(file, start, "bad.unclosed_quote")
                return
            if start <= self.header_line:
                continue  # the preamble and the header itself
            if len(cells) != width:
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]
                else:
                    yield BadRecord(file, start, "bad.columns", {"found": len(cells), "expected": width})
                    continue
            elif not any(cells):
                continue
            yield start, cells


def _open_path(path: str) -> Opener:
    def opener() -> IO[bytes]:
        return open(path, "rb")  # the caller closes it

    return opener


def read_head(file: str, opener: Opener) -> tuple[bytes, bool]:
    """The first SNIFF_BYTES bytes of a file, and whether they are all of it."""
    try:
        with opener() as raw:
            head = raw.read(SNIFF_BYTES + 1)
    except OSError as exc:
        raise bad_file(file, 0, "file.unreadable", detail=exc.strerror or type(exc).__name__) from exc
    return head[:SNIFF_BYTES], len(head) <= SNIFF_BYTES


def open_text(file: str, opener: Opener, expected: str = "CSV") -> tuple[IO[str], str]:
    """A file opened as text in its sniffed encoding (bad bytes read as Windows-1252), and that encoding.

    Raises for an empty, binary or JSON file (`expected` names the format wanted, for the message)."""
    head, whole = read_head(file, opener)
    if not head:
        raise bad_file(file, 0, "file.empty")
    encoding = sniff_encoding(file, head, whole)
    if looks_like_json(head.decode(encoding, errors=ERRORS)):
        raise bad_file(file, 0, "file.json", expected=expected)
    try:
        raw = opener()
    except OSError as exc:  # pragma: no cover - it could be read a moment ago
        raise bad_file(file, 0, "file.unreadable", detail=exc.strerror or type(exc).__name__) from exc
    return io.TextIOWrapper(raw, encoding=encoding, errors=ERRORS, newline=""), encoding


def open_table(file: str, layouts: Sequence[Sequence[str]], opener: Opener | None = None) -> Table:
    """Open a CSV file whose header row holds all columns of one of `layouts` (column names, matched without
    regard to case and white space), among the first lines. Raises `file.missing_columns` naming what the
    closest row lacks. `opener` gives the file's bytes (default: the file at the path `file`)."""
    stream, encoding = open_text(file, opener or _open_path(file))
    try:
        lines = _Lines(file, stream)
        found = _header(file, lines.peek(), layouts)
        if found.layout < 0:
            raise bad_file(file, found.line, "file.missing_columns", columns=", ".join(found.missing))
        return Table(file, stream, lines, encoding, found)
    except BaseException:
        stream.close()
        raise


def header_layout(
    file: str, layouts: Sequence[Sequence[str]], opener: Opener | None = None, expected: str = "CSV"
) -> int:
    """Which of `layouts` the file's header row holds (-1: none); raises like `open_table` for an unusable file."""
    stream, _encoding = open_text(file, opener or _open_path(file), expected)
    with stream:
        return _header(file, _Lines(file, stream).peek(), layouts).layout


def open_path(path: str) -> Opener:
    """An opener of the file at `path`."""
    return _open_path(path)


# -- values ------------------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.+\-Z ]*)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NO_YEAR = re.compile(r"--(\d{1,2})-?(\d{1,2})")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})?")
_NO_YEAR_MARKERS = (0, 1604)  # years that stand for "unknown" (Apple writes 1604)


def parse_yearly(text: str) -> YearlyDate:
    """A birthday or anniversary: ISO (`1982-11-28`), year-less (`--03-15`, `--0315`), compact (`19821128`) or
    German (`15.03.1980`, `15.03.`). Raises ValueError for anything else, or a day that does not exist."""
    value = text.strip()
    if m := _NO_YEAR.fullmatch(value):
        return YearlyDate(int(m.group(1)), int(m.group(2)))
    year: int | None
    if m := _ISO_DATE.fullmatch(value) or _COMPACT_DATE.fullmatch(value):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _GERMAN_DATE.fullmatch(value):
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
    else:
        raise ValueError(value)
    if year in _NO_YEAR_MARKERS:
        year = None
    return YearlyDate(month, day, year)


_PROFILE = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/in/([^/?#\s]+)/?(?:[?#]\S*)?", re.IGNORECASE | re.ASCII
)


_PROFILE_PREFIX = "https://www.linkedin.com/in/"
_PLAIN_SLUG = re.compile(r"[A-Za-z0-9%_.~-]+")  # a slug with nothing to take off (no query, slash or space)


def linkedin_profile(url: str) -> str:
    """A LinkedIn address in one form: `https://www.linkedin.com/in/<slug>` (no query, no trailing slash, host in
    lower case); other LinkedIn pages keep their path, other addresses are only stripped."""
    text = url.strip()
    if text.startswith(_PROFILE_PREFIX):  # as LinkedIn writes it: already in the one form
        slug = text[len(_PROFILE_PREFIX) :]
        if _PLAIN_SLUG.fullmatch(slug):
            return text
    if m := _PROFILE.fullmatch(text):  # the usual shape, without taking the address apart
        return "https://www.linkedin.com/in/" + m.group(1)
    if not text:
        return text
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return text
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return text
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0].lower() == "in":
        segments = ["in", segments[1]]
    return "https://www.linkedin.com" + "".join("/" + s for s in segments)


_HOST = re.compile(r"\s*(?:[a-z][a-z0-9+.\-]*://)?(?:[^/?#@\s]*@)?([^/?#:\s]*)", re.IGNORECASE)


def url_kind(url: str, label: str = "") -> str:
    """ "linkedin", "xing" or "web", from the address's host or its label."""
    folded = label.casefold()
    match = _HOST.match(url)
    host = match.group(1).lower() if match else ""
    for site in ("linkedin", "xing"):
        if site in folded or host == f"{site}.com" or host.endswith(f".{site}.com"):
            return site
    return "web"


def profile(url: str, label: str = "") -> tuple[str, str]:
    """A web address as (kind, url) for ContactRecord.urls, LinkedIn addresses in their one form."""
    kind = url_kind(url, label)
    return kind, linkedin_profile(url) if kind == "linkedin" else url.strip()


def split_values(cell: str, separator: str | re.Pattern[str] = MULTI) -> list[str]:
    """The values of a cell holding several (Google: ` ::: `), stripped, empty ones left out."""
    if isinstance(separator, str):
        values = cell.split(separator) if separator in cell else [cell]
    else:
        values = separator.split(cell)
    return [v.strip() for v in values if v and not v.isspace()]


def _label(text: str) -> str:
    """A Google label without its `* ` mark (the primary value, or a system group)."""
    return text.strip().removeprefix("*").strip()


# -- Google Contacts ---------------------------------------------------------------------------------------------

GOOGLE_CURRENT = ("First Name", "Last Name", "Labels")
GOOGLE_LEGACY = ("Given Name", "Family Name", "Group Membership")
GOOGLE_LAYOUTS = (GOOGLE_CURRENT, GOOGLE_LEGACY)
_NUMBERED = re.compile(r"(e-mail|phone|website|event|address|organization) (\d+) - (.+)")


@dataclass
class _GooglePlan:
    """Where a Google CSV keeps what: column names (normalised) per field, numbered groups in order."""

    legacy: bool
    groups: dict[str, list[dict[str, str]]]  # kind -> [{part: column}] by number

    @classmethod
    def of(cls, columns: Sequence[str], legacy: bool) -> _GooglePlan:
        numbered: dict[str, dict[int, dict[str, str]]] = {}
        for column in columns:
            if m := _NUMBERED.fullmatch(column):
                kind, number, part = m.group(1), int(m.group(2)), m.group(3)
                part = "label" if part == "type" else part
                numbered.setdefault(kind, {}).setdefault(number, {})[part] = column
        groups = {kind: [by_number[n] for n in sorted(by_number)] for kind, by_number in numbered.items()}
        return cls(legacy, groups)

    def pairs(self, row: dict[str, str], kind: str) -> Iterator[tuple[str, str]]:
        """(label, value) of every value in the numbered columns of a kind (several values per cell split)."""
        for group in self.groups.get(kind, ()):
            cell = row.get(group.get("value", ""), "")
            if cell and not cell.isspace():
                label = _label(row.get(group.get("label", ""), ""))
                for value in split_values(cell):
                    yield label, value


def read_google(path: str, **options: object) -> Iterator[Item]:
    """The contacts of a Google Contacts CSV export (current or legacy layout), one item per row."""
    with open_table(path, GOOGLE_LAYOUTS) as table:
        plan = _GooglePlan.of(table.columns, legacy=table.layout == 1)
        for entry in table:
            if isinstance(entry, BadRecord):
                yield entry
            else:
                yield _google_record(path, entry[0], entry[1], plan)


def _google_record(file: str, line: int, row: dict[str, str], plan: _GooglePlan) -> Item:
    def cell(*names: str) -> str:
        for name in names:
            value = row.get(name, "").strip()
            if value:
                return value
        return ""

    record = ContactRecord(source="google-csv", file=file, line=line)
    if plan.legacy:
        record.full_name = cell("name")
        record.given_name = cell("given name")
        record.middle_name = cell("additional name")
        record.family_name = cell("family name")
        groups = cell("group membership")
    else:
        record.given_name = cell("first name")
        record.middle_name = cell("middle name")
        record.family_name = cell("last name")
        groups = cell("labels")
    record.prefix = cell("name prefix")
    record.suffix = cell("name suffix")
    parts = (record.full_name, record.given_name, record.middle_name, record.family_name)
    if not any(parts):
        record.full_name = cell("nickname", "file as")
        if not record.full_name:
            return BadRecord(file, line, "bad.no_name")
    organisations = plan.groups.get("organization", [])
    record.organisation = cell("organization name", *(g.get("name", "") for g in organisations))
    record.title = cell("organization title", *(g.get("title", "") for g in organisations))
    record.organisation = split_values(record.organisation)[0] if record.organisation else ""
    record.title = split_values(record.title)[0] if record.title else ""
    record.emails = [(value, label) for label, value in plan.pairs(row, "e-mail")]
    record.phones = [(value, label) for label, value in plan.pairs(row, "phone")]
    record.urls = [profile(value, label) for label, value in plan.pairs(row, "website")]
    record.tags = [t for t in split_values(groups) if not t.startswith("*") and not t.startswith("System Group:")]
    notes = cell("notes")
    record.notes = [notes] if notes else []
    record.had_photo = bool(cell("photo"))
    birthday = cell("birthday")
    try:
        record.birthday = parse_yearly(birthday) if birthday else None
    except ValueError:
        return BadRecord(file, line, "bad.date", {"value": birthday})
    for label, value in plan.pairs(row, "event"):
        try:
            record.anniversaries.append((label, parse_yearly(value)))
        except ValueError:
            return BadRecord(file, line, "bad.date", {"value": value})
    record.address = _google_address(row, plan)
    return record


def _google_address(row: dict[str, str], plan: _GooglePlan) -> str:
    """The first address: as Google formatted it, else put together from its parts."""
    for group in plan.groups.get("address", ()):
        formatted = row.get(group.get("formatted", ""), "").strip()
        if formatted:
            return formatted
        parts = [row.get(group.get(p, ""), "").strip() for p in ("street", "po box", "extended address")]
        town = " ".join(row.get(group.get(p, ""), "").strip() for p in ("postal code", "city")).strip()
        tail = [town, row.get(group.get("region", ""), "").strip(), row.get(group.get("country", ""), "").strip()]
        text = ", ".join(p for p in [*parts, *tail] if p)
        if text:
            return text
    return ""


# -- any CSV, with a column mapping ------------------------------------------------------------------------------

TARGETS = (
    "full_name",
    "given_name",
    "middle_name",
    "family_name",
    "prefix",
    "suffix",
    "organisation",
    "title",
    "email",
    "phone",
    "url",
    "linkedin",
    "xing",
    "birthday",
    "address",
    "note",
    "tags",
)
MULTI_TARGETS = frozenset({"email", "phone", "url", "note", "tags"})  # several columns may map to these
_LIST = re.compile(r":::|;|,")  # several e-mails or tags in one cell
_PHONES = re.compile(r":::|;")  # several phone numbers in one cell (a comma may be part of one)
_URLS = re.compile(r":::|\s+")


@dataclass(frozen=True)
class Mapping:
    """Which source column (as the user wrote it) goes to which record field."""

    pairs: tuple[tuple[str, str], ...]  # (source column, target field)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(source for source, _ in self.pairs))


def parse_mapping(file: str, text: str) -> Mapping:
    """A mapping like `Vorname=given_name,Nachname=family_name,E-Mail=email`; raises `file.bad_mapping`."""

    def bad(detail: str) -> InputError:
        return bad_file(file, 0, "file.bad_mapping", mapping=text, detail=detail)

    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in text.split(","):
        if not entry.strip():
            continue
        source, equals, target = entry.rpartition("=")
        source, target = source.strip(), target.strip().casefold().replace("-", "_")
        if not equals or not source:
            raise bad(f"'{entry.strip()}' is not column=field")
        if target not in TARGETS:
            raise bad(f"'{target}' is not one of {', '.join(TARGETS)}")
        if target in seen and target not in MULTI_TARGETS:
            raise bad(f"'{target}' is given twice")
        seen.add(target)
        pairs.append((source, target))
    if not pairs:
        raise bad("no column is mapped")
    if not seen & {"full_name", "given_name", "family_name"}:
        raise bad("no column gives the name (full_name, given_name or family_name)")
    return Mapping(tuple(pairs))


def read_mapped(path: str, mapping: str, **options: object) -> Iterator[Item]:
    """The contacts of any CSV file whose columns `mapping` assigns to record fields, one item per row."""
    plan = parse_mapping(path, mapping)
    with open_table(path, [plan.sources]) as table:
        header = {normalise_column(h): h for h in table.header}
        columns = [
            (normalise_column(source), header[normalise_column(source)], target) for source, target in plan.pairs
        ]
        for entry in table:
            if isinstance(entry, BadRecord):
                yield entry
            else:
                yield _mapped_record(path, entry[0], entry[1], columns)


def _mapped_record(file: str, line: int, row: dict[str, str], columns: list[tuple[str, str, str]]) -> Item:
    record = ContactRecord(source="csv", file=file, line=line)
    for key, label, target in columns:
        value = row[key].strip()
        if not value:
            continue
        if target == "email":
            record.emails += [(v, label) for v in split_values(value, _LIST)]
        elif target == "phone":
            record.phones += [(v, label) for v in split_values(value, _PHONES)]
        elif target == "url":
            record.urls += [profile(v, label) for v in split_values(value, _URLS)]
        elif target == "linkedin":
            slug_only = "/" not in value and "." not in value
            record.urls.append(("linkedin", linkedin_profile("linkedin.com/in/" + value if slug_only else value)))
        elif target == "xing":
            slug_only = "/" not in value and "." not in value
            record.urls.append(("xing", "https://www.xing.com/profile/" + value if slug_only else value))
        elif target == "note":
            record.notes.append(value)
        elif target == "tags":
            record.tags += split_values(value, _LIST)
        elif target == "birthday":
            try:
                record.birthday = parse_yearly(value)
            except ValueError:
                return BadRecord(file, line, "bad.date", {"value": value})
        else:
            setattr(record, target, value)
    if not record.name:
        return BadRecord(file, line, "bad.no_name")
    return record


def read(path: str, mapping: str = "", **options: object) -> Iterator[Item]:
    """A CSV file of contacts: with a mapping any CSV (`read_mapped`), else a Google Contacts export."""
    return read_mapped(path, mapping, **options) if mapping else read_google(path, **options)
