"""vCard files (2.1, 3.0 and 4.0, as Apple, Google, Outlook and Xing write them) read as contact records.

`read(path)` streams one `ContactRecord` (or `BadRecord`) per card, in file order. The file is read line by line,
split into cards at BEGIN:VCARD / END:VCARD, and each card is cleaned up and then parsed by vobject on its own:

* Encoding: a UTF-8, UTF-16 or UTF-32 byte-order mark decides for the whole file (UTF-16 without a mark is
  recognised when the file starts with BEGIN:VCARD). Otherwise the file is 8-bit and each line is decoded on its
  own: with the line's CHARSET= (vCard 2.1) when it has one, else as UTF-8, else as Windows-1252. Deciding per
  line rather than per file keeps a UTF-8 file with one stray Windows-1252 line readable, and a Windows-1252 line
  that happens to be valid UTF-8 does not occur in real text.
* Lines: RFC folding (a continuation starts with a space or tab), QUOTED-PRINTABLE soft line breaks (a value line
  ending in `=` continues on the next, unindented line: vobject rejects these) and lines that cannot start a
  property (a note's second line written without folding, a 2.1 photo's base64 block) are joined to the line
  before. QUOTED-PRINTABLE and CHARSET are decoded here, so vobject sees plain vCard 3.0 text. Bare commas in
  single-valued properties are escaped first: vobject would otherwise keep only the text before the first comma
  ("TITLE:Lecturer, Innovation Management"). Only the properties rapport uses go to vobject, so a broken
  property rapport ignores cannot spoil a card.
* Photos are not kept (`had_photo` says there was one); their data is skipped, however long it is.
* ORG: the organisation only (its first component); a department after it is dropped, so that the organisation
  compares with LinkedIn's company name.
* ADR: one line per line of the envelope (street lines, "postal code locality", region, country), as rapport
  keeps addresses (rapport.interop.postal); the preferred ADR, else the first LABEL.
* What rapport's own export writes is read back: INTEREST (X-INTEREST), X-RAPPORT-CIRCLE, -HOW-MET,
  -LOOKING-FOR, -OFFERS, -ADDRESS-FORM and -CONNECTED-ON; PRODID tells a card rapport wrote (its FN is the name
  as rapport listed it, titles included).

What goes wrong, and what comes of it:

* empty, binary, JSON or unreadable file, no BEGIN:VCARD at all, a line longer than `max_line` (1,000,000
  characters) outside any card, a damaged UTF-16 file: `bad_file(...)` before anything is yielded;
* the file ends inside a card (END:VCARD missing at the end): `file.truncated` with the line of that card's
  BEGIN:VCARD, before anything is yielded (the file is checked once before it is read: a cut-off file is
  suspect as a whole, and nothing of it is imported unless it is repaired);
* a card that is not closed before the next BEGIN:VCARD, a line vobject cannot parse, a card larger than five
  times `max_line`: `BadRecord("bad.vcard", detail=...)`;
* a line longer than `max_line` inside a card (a photo excepted): `BadRecord("bad.too_long", limit=...)`;
* an invalid date in BDAY, ANNIVERSARY, X-ABDATE or X-ANNIVERSARY (1990-02-30, "hello"):
  `BadRecord("bad.date", value=...)` with the line of that property;
* a card without FN, N or ORG: `BadRecord("bad.no_name")`; a card with only ORG is named after it.

Option: `max_line` (int), the longest line accepted, in characters.
"""

from __future__ import annotations

import binascii
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import vobject

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.interop import postal
from rapport.interop.records import BadRecord, ContactRecord, Item, bad_file

SOURCE = "vcard"
MAX_LINE = 1_000_000  # characters in one line (folded lines joined); photos are exempt
CARD_FACTOR = 5  # a card may hold at most CARD_FACTOR * max_line characters of kept lines
_HEAD = 4096  # bytes looked at to tell the encoding and spot binary, empty and JSON files
_SNIFF = 1024  # "the first KB" for the binary check

_DATES = ("BDAY", "ANNIVERSARY", "X-ABDATE", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY")
# The properties rapport reads; all others are dropped before vobject sees the card.
# What only rapport writes (rapport.interop.vcard_export), read back into the record's attribute of that name.
_RAPPORT = {
    "X-RAPPORT-CIRCLE": "circle",
    "X-RAPPORT-HOW-MET": "how_met",
    "X-RAPPORT-LOOKING-FOR": "looking_for",
    "X-RAPPORT-OFFERS": "offers",
    "X-RAPPORT-ADDRESS-FORM": "address_form",
}
_INTERESTS = frozenset({"INTEREST", "X-INTEREST"})  # RFC 6715; X-INTEREST in rapport's vCard 3.0
_WANTED = (
    frozenset({"VERSION", "UID", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "ADR", "LABEL", "NOTE"})
    | frozenset({"CATEGORIES", "URL", "X-SOCIALPROFILE", "X-ABLABEL", *_DATES})
    | frozenset({"PRODID", "X-RAPPORT-CONNECTED-ON", *_RAPPORT, *_INTERESTS})
)
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})  # data rapport does not keep; PHOTO sets had_photo
_LISTS = frozenset({"N", "ADR", "CATEGORIES"})  # commas in these separate values; elsewhere they are text
_TRANSFER_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "8BIT", "7BIT"})
_SYSTEM_TAGS = frozenset({"mycontacts"})  # Google's "My Contacts" group: on every Google contact, says nothing
_APPLE_OMITTED_YEAR = 1604  # Apple writes a birthday without a year as 1604-MM-DD

_PROPERTY = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[;:]")
_BEFORE_VALUE = re.compile(r'(?:[^":]+|"[^"]*")*')  # name and parameters, quoted values included
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_", re.DOTALL)
_ESCAPE_TEXT = re.compile(r"\\[^\r\n]|\\|\r\n|\r|\n|,")
_ESCAPE_LIST = re.compile(r"\\[^\r\n]|\\|\r\n|\r|\n")
_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_PARTIAL_DATE = re.compile(r"\d{4}|\d{4}-\d{2}|--\d{2}|---\d{2}")  # vCard 4 dates without month or day
_EXTENSION = re.compile(r";ext=", re.IGNORECASE)
_BOMS = ("\ufeff", "\xef\xbb\xbf")  # a byte-order mark at a line start (concatenated files), decoded or as bytes
_CONTROL = frozenset([*range(0, 9), *range(14, 26), *range(28, 32), 127])


# -- reading lines -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Encoding:
    codec: str  # how the text stream decodes the file: latin-1 (byte-transparent) for 8-bit files
    skip: int  # bytes to skip (a UTF-8 byte-order mark)
    eight_bit: bool  # lines are decoded one by one (CHARSET, UTF-8, Windows-1252)


def _sniff(path: str, file: str) -> _Encoding:
    """The file's encoding, after refusing files that are empty, binary or JSON."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise bad_file(file, 1, "file.unreadable", detail=error.strerror or type(error).__name__) from None
    encoding, text = _encoding(head)
    if not text.strip() and size <= len(head):
        raise bad_file(file, 1, "file.empty")
    if encoding.eight_bit:
        sample = head[encoding.skip : encoding.skip + _SNIFF]
        if b"\x00" in sample or sum(byte in _CONTROL for byte in sample) > len(sample) // 20:
            raise bad_file(file, 1, "file.binary")
    if text.lstrip()[:1] in ("{", "["):
        raise bad_file(file, 1, "file.json", expected="vCard")
    return encoding


def _encoding(head: bytes) -> tuple[_Encoding, str]:
    """The encoding the first bytes show, and those bytes as text (for the checks on the file's start)."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if head.startswith(bom):
            return _Encoding(codec, 0, False), head.decode(codec, errors="ignore")
    if head.startswith(b"\xef\xbb\xbf"):
        return _Encoding("latin-1", 3, True), head[3:].decode("utf-8", errors="ignore")
    for codec in ("utf-16-le", "utf-16-be"):  # UTF-16 without a byte-order mark, told by its first line
        if b"\x00" in head[:22] and head[:22].decode(codec, errors="ignore").upper() == "BEGIN:VCARD":
            return _Encoding(codec, 0, False), head.decode(codec, errors="ignore")
    return _Encoding("latin-1", 0, True), head.decode("latin-1")


def _open(path: str, file: str, encoding: _Encoding) -> io.TextIOWrapper:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the text wrapper owns and closes it
    except OSError as error:
        raise bad_file(file, 1, "file.unreadable", detail=error.strerror or type(error).__name__) from None
    handle.seek(encoding.skip)
    # latin-1 cannot fail; a damaged UTF-16 or UTF-32 file shows U+FFFD where it is damaged (see _physical)
    return io.TextIOWrapper(handle, encoding=encoding.codec, errors="replace", newline=None)


def _physical(stream: io.TextIOWrapper, file: str, limit: int) -> Iterator[tuple[int, str, bool]]:
    """(line number, text, too long) per line; a too long line is cut at `limit` and the rest skipped unread.

    A line of a UTF-16 or UTF-32 file that did not decode (a lone surrogate, an odd byte at the end) refuses
    the file: bytes have been lost or shifted, so nothing in it can be trusted."""
    number = 0
    damaged = "\ufffd" if stream.encoding != "latin-1" else None
    try:
        while True:
            text = stream.readline(limit + 1)
            if not text:
                return
            number += 1
            too_long = False
            if text.endswith("\n"):
                text = text[:-1]
            elif len(text) > limit:
                while True:  # skip the rest of the line, a bounded piece at a time
                    rest = stream.readline(limit)
                    if not rest or rest.endswith("\n"):
                        break
                text, too_long = text[:limit], True
            if damaged and damaged in text:
                raise bad_file(file, number, "file.encoding", detail=f"not valid {stream.encoding.upper()}")
            for bom in _BOMS:
                if text.startswith(bom):
                    text = text[len(bom) :]
            yield number, text, too_long
    except OSError as error:
        raise bad_file(file, number + 1, "file.unreadable", detail=error.strerror or type(error).__name__) from None


def _marker(text: str) -> str:
    """'BEGIN' or 'END' for the lines that open and close a card, else ''."""
    if len(text) > 40:
        return ""
    line = text.rstrip().upper()
    if line == "BEGIN:VCARD":
        return "BEGIN"
    if line == "END:VCARD":
        return "END"
    return ""


def _check_structure(path: str, file: str, encoding: _Encoding, limit: int) -> None:
    """A first pass over the file: refuse it before anything is yielded when it is unusable as a whole."""
    seen, inside, begin = False, False, 0
    with _open(path, file, encoding) as stream:
        for number, text, too_long in _physical(stream, file, limit):
            marker = _marker(text)
            if marker == "BEGIN":
                seen, inside, begin = True, True, number
            elif marker == "END":
                inside = False
            elif too_long and not inside:
                raise bad_file(file, number, "file.too_long", limit=limit)
    if not seen:
        raise bad_file(file, 1, "file.not_vcard")
    if inside:
        raise bad_file(file, begin, "file.truncated")


# -- cards -------------------------------------------------------------------------------------------------------


class _Line:
    """One logical line (a property with its continuations), kept only when rapport reads the property."""

    def __init__(self, number: int, text: str, too_long: bool, limit: int) -> None:
        self.number = number
        self.limit = limit
        found = _PROPERTY.match(text)
        self.name = found.group(2).upper().replace("_", "-") if found else ""
        colon = _colon(text)
        head = text if colon < 0 else text[:colon]
        self.quoted_printable = "QUOTED-PRINTABLE" in head.upper()
        self.binary = self.name in _BINARY
        self.keep = not found or self.name in _WANTED  # a line that is no property goes to vobject, which says so
        self.has_value = colon >= 0 and bool(text[colon + 1 :].strip())
        self.parts: list[str] = []
        self.size = 0
        self.too_long = False
        self.soft_break = False
        self._add(text, too_long, first=True)

    def _add(self, text: str, too_long: bool, first: bool = False) -> None:
        self.soft_break = self.quoted_printable and text.rstrip(" \t").endswith("=")
        if self.binary:
            self.has_value = self.has_value or (not first and bool(text.strip()))
            return
        if not self.keep or self.too_long:
            return
        if too_long or self.size + len(text) > self.limit:
            self.too_long, self.parts, self.size = True, [], 0
            return
        self.parts.append(text)
        self.size += len(text)

    def fold(self, text: str, too_long: bool) -> None:
        """An RFC continuation line (its leading space or tab already removed)."""
        self._add(text, too_long)

    def soft(self, text: str, too_long: bool) -> None:
        """The line after a QUOTED-PRINTABLE soft line break."""
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip(" \t")[:-1]
        self._add(text, too_long)

    def spill(self, text: str, too_long: bool) -> None:
        """A line that cannot start a property: the value went on without folding (or a 2.1 base64 block)."""
        if self.binary:
            self._add(text, too_long)
        else:
            self._add("\\n" + text, too_long)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Card:
    begin: int
    limit: int
    lines: list[_Line] = field(default_factory=list)
    closed: bool = False
    photo: bool = False
    size: int = 0
    oversize: bool = False

    def take(self, line: _Line) -> None:
        if line.binary:
            self.photo = self.photo or (line.name == "PHOTO" and line.has_value)
            return
        if not line.keep or self.oversize:
            return
        self.size += line.size
        if self.size > CARD_FACTOR * self.limit:
            self.oversize, self.lines = True, []
            return
        self.lines.append(line)


def _cards(lines: Iterator[tuple[int, str, bool]], limit: int) -> Iterator[_Card]:
    card: _Card | None = None
    current: _Line | None = None
    for number, text, too_long in lines:
        marker = _marker(text)
        if marker == "BEGIN":
            if card is not None:  # the card before was never closed
                if current is not None:
                    card.take(current)
                yield card
            card, current = _Card(begin=number, limit=limit), None
            continue
        if card is None:  # outside any card: ignored
            continue
        if marker == "END":
            if current is not None:
                card.take(current)
            card.closed = True
            yield card
            card, current = None, None
            continue
        if not text.strip():
            if current is not None:
                card.take(current)
            current = None
        elif current is not None and current.soft_break:
            current.soft(text, too_long)
        elif current is not None and text[0] in " \t":
            current.fold(text[1:], too_long)
        elif current is not None and not _PROPERTY.match(text):
            current.spill(text, too_long)
        else:
            if current is not None:
                card.take(current)
            current = _Line(number, text.lstrip(" \t"), too_long, limit)
    if card is not None:  # the file ends inside a card (the first pass has refused such a file)
        if current is not None:
            card.take(current)
        yield card


# -- preparing a card for vobject ---------------------------------------------------------------------------------


def _colon(text: str) -> int:
    """Where the value starts: the first colon outside double quotes, -1 if there is none."""
    found = _BEFORE_VALUE.match(text)
    end = found.end() if found else 0
    return end if text[end : end + 1] == ":" else -1


def _split_params(head: str) -> list[str]:
    """'item1.TEL;TYPE="voice,cell";PREF=1' → ['item1.TEL', 'TYPE="voice,cell"', 'PREF=1']."""
    parts, start, quoted = [], 0, False
    for index, char in enumerate(head):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append(head[start:index])
            start = index + 1
    parts.append(head[start:])
    return parts


def _decode(data: bytes, charset: str | None) -> str:
    """Text from bytes: in the declared charset when it fits, else UTF-8, else Windows-1252 (Latin-1 at worst)."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


def _escape(text: str, lists: bool) -> str:
    """A decoded value written the way vobject reads vCard 3.0: escapes kept, bare commas (outside list-valued
    properties), lone backslashes and line breaks escaped."""

    def replace(found: re.Match[str]) -> str:
        token = found.group()
        if len(token) == 2 and token[0] == "\\":
            return token
        if token == "\\":
            return "\\\\"
        if token == ",":
            return "\\,"
        return "\\n"

    return (_ESCAPE_LIST if lists else _ESCAPE_TEXT).sub(replace, text)


def _prepare(line: _Line, encoding: _Encoding) -> str:
    """One line as plain vCard 3.0 text: transfer encoding and charset decoded, the value escaped for vobject."""
    raw = line.text()

    def as_bytes(text: str) -> bytes:
        return text.encode("latin-1") if encoding.eight_bit else text.encode("utf-8", errors="surrogatepass")

    colon = _colon(raw)
    if colon < 0:
        return _decode(as_bytes(raw), None).replace("\x00", "")
    params = _split_params(raw[:colon])
    kept, charset, quoted_printable = [params[0]], None, False
    for param in params[1:]:
        key, equals, value = param.partition("=")
        key, value = key.strip().upper(), value.strip().strip('"')
        transfer = value.upper() if key == "ENCODING" else key if not equals else ""  # 2.1 allows a bare value
        if transfer in _TRANSFER_ENCODINGS:
            quoted_printable = quoted_printable or transfer == "QUOTED-PRINTABLE"
        elif key == "CHARSET":
            charset = value
        else:
            kept.append(param)
    data = as_bytes(raw[colon + 1 :])
    if quoted_printable:
        data = binascii.a2b_qp(data)
    value = _decode(data, charset if encoding.eight_bit or quoted_printable else None)
    head = _decode(as_bytes(";".join(kept)), None)
    return (head + ":" + _escape(value, line.name in _LISTS)).replace("\x00", "")


# -- records -----------------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, line: int, problem: str, **facts: object) -> None:
        super().__init__(problem)
        self.line, self.problem, self.facts = line, problem, facts


def _item(file: str, card: _Card, encoding: _Encoding, limit: int) -> Item:
    try:
        return _record(file, card, encoding, limit)
    except _Bad as bad:
        return BadRecord(file, bad.line, bad.problem, dict(bad.facts))
    except Exception as error:  # vobject has more ways to fail than it documents
        return BadRecord(file, card.begin, "bad.vcard", {"detail": _reason(error)})


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return type(error).__name__ + (f": {text[:80]}" if text else "")


def _record(file: str, card: _Card, encoding: _Encoding, limit: int) -> Item:
    if not card.closed:
        raise _Bad(card.begin, "bad.vcard", detail="END:VCARD is missing before the next BEGIN:VCARD")
    if card.oversize:
        raise _Bad(card.begin, "bad.vcard", detail=f"the card is longer than {CARD_FACTOR * limit} characters")
    for line in card.lines:
        if line.too_long:
            raise _Bad(line.number, "bad.too_long", limit=limit)
    prepared = [_prepare(line, encoding) for line in card.lines]
    try:
        component = vobject.readOne("BEGIN:VCARD\r\n" + "".join(p + "\r\n" for p in prepared) + "END:VCARD\r\n")
    except Exception as error:
        raise _unparsable(card, prepared, error) from None
    # vobject keeps the lines of one name in file order: pair each with its line in the file
    queues = {name: iter(children) for name, children in component.contents.items()}
    children: list[tuple[int, Any]] = []
    for line in card.lines:
        child = next(queues.get(line.name.lower(), iter(())), None)
        if child is not None:
            children.append((line.number, child))
    return _contact(file, card, children)


def _unparsable(card: _Card, prepared: list[str], error: Exception) -> _Bad:
    """The first line vobject cannot parse, else the card as a whole."""
    for line, text in zip(card.lines, prepared, strict=True):
        try:
            vobject.base.parseLine(text)
        except Exception:
            what = f"the {line.name} line" if line.name else "a line"
            return _Bad(line.number, "bad.vcard", detail=f"cannot parse {what}")
    return _Bad(card.begin, "bad.vcard", detail=_reason(error))


def _text(value: object, separator: str = " ") -> str:
    """A vobject value as one stripped string (lists joined, bytes decoded)."""
    if isinstance(value, bytes):
        value = _decode(value, None)
    if isinstance(value, list | tuple):
        return separator.join(part for part in (_text(v, separator) for v in value) if part)
    return str(value).strip() if value is not None else ""


def _types(child: Any) -> list[str]:
    """TYPE values and vCard 2.1's bare parameters, lower case: TYPE="voice,cell";PREF → ['voice', 'cell', 'pref']."""
    found = []
    for value in [*child.params.get("TYPE", []), *child.singletonparams]:
        found += [part.strip().lower() for part in str(value).split(",") if part.strip()]
    return found


def _preference(child: Any) -> int:
    """1 for the preferred value (TYPE=pref, vCard 4's PREF=1), higher for less preferred."""
    for value in child.params.get("PREF", []):
        if str(value).strip().isdigit():
            return int(str(value).strip())
    return 1 if "pref" in _types(child) else 101


def _apple(label: str) -> str:
    """Apple's built-in labels are written _$!<Anniversary>!$_; custom labels are written as they are."""
    found = _APPLE_LABEL.fullmatch(label.strip())
    return found.group(1).strip() if found else label.strip()


def _label(child: Any, labels: dict[str, str], kinds: tuple[tuple[str, str], ...], skip: frozenset[str]) -> str:
    group = (child.group or "").lower()
    if group in labels:
        found = _APPLE_LABEL.fullmatch(labels[group])
        return found.group(1).strip().lower() if found else labels[group].strip()
    types = _types(child)
    for wanted, label in kinds:
        if wanted in types:
            return label
    return next((t for t in types if t not in skip), "")


_EMAIL_KINDS = (("work", "work"), ("home", "home"), ("other", "other"))
_EMAIL_SKIP = frozenset({"internet", "pref", "x400"})
_PHONE_KINDS = (
    ("cell", "mobile"),
    ("mobile", "mobile"),
    ("iphone", "mobile"),
    ("fax", "fax"),
    ("pager", "pager"),
    ("work", "work"),
    ("home", "home"),
    ("main", "main"),
    ("other", "other"),
)
_PHONE_SKIP = frozenset({"pref", "voice", "msg", "text", "internet"})


def _url_kind(url: str, hints: list[str]) -> str:
    """'linkedin' or 'xing' by the host, else by the type or label the file gives it; else 'web'."""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        host = ""
    for kind, domain in (("linkedin", "linkedin.com"), ("xing", "xing.com")):
        if host == domain or host.endswith("." + domain):
            return kind
    for kind in ("linkedin", "xing"):
        if any(kind in hint.lower() for hint in hints):
            return kind
    return "web"


def _url_key(kind: str, url: str) -> tuple[str, str]:
    """What makes two addresses the same: for a profile its path (ch.linkedin.com = www.linkedin.com)."""
    plain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).rstrip("/")
    if kind in ("linkedin", "xing"):
        plain = "/" + plain.partition("/")[2]
    return kind, plain.removeprefix("www.")


def _looks_like_web_address(url: str) -> bool:
    lower = url.lower()
    return lower.startswith(("http://", "https://", "www.")) or bool(re.match(r"[a-z0-9-]+(\.[a-z0-9-]+)+/", lower))


def _date(child: Any, number: int) -> YearlyDate | None:
    """A yearly date from BDAY and the like; None for a value that is no day of the year by design (vCard 4's
    '1985' or '---15', VALUE=text); an invalid date raises _Bad."""
    value = _text(child.value)
    if not value or any(str(v).lower() == "text" for v in child.params.get("VALUE", [])):
        return None
    day_part = value.split("T", 1)[0].strip()  # a date-time: its date
    year: int | None
    if found := _FULL_DATE.fullmatch(day_part):
        year, month, day = (int(g) for g in found.groups())
        omitted = {str(v).strip() for v in child.params.get("X-APPLE-OMIT-YEAR", [])}
        if year in (0, _APPLE_OMITTED_YEAR) or found.group(1) in omitted:
            year = None
    elif found := _NO_YEAR.fullmatch(day_part):
        year, month, day = None, int(found.group(1)), int(found.group(2))
    elif found := _DOTTED.fullmatch(day_part):
        day, month, year = (int(g) for g in found.groups())
    elif _PARTIAL_DATE.fullmatch(day_part):
        return None
    else:
        raise _Bad(number, "bad.date", value=value)
    try:
        return YearlyDate(month, day, year)
    except ValueError:
        raise _Bad(number, "bad.date", value=value) from None


def _address(value: Any) -> str:
    """vCard's address parts as lines of text: street, "code locality", region, country (rapport.interop.postal)."""
    if not hasattr(value, "street"):
        return "\n".join(postal.lines(_text(value)))
    return postal.join(
        postal.PostalAddress(
            street=_text(getattr(value, "street", ""), ", "),
            locality=_text(getattr(value, "city", ""), ", "),
            region=_text(getattr(value, "region", ""), ", "),
            code=_text(getattr(value, "code", ""), ", "),
            country=_text(getattr(value, "country", ""), ", "),
            box=_text(getattr(value, "box", ""), ", "),
            extended=_text(getattr(value, "extended", ""), ", "),
        )
    )


def _contact(file: str, card: _Card, children: list[tuple[int, Any]]) -> Item:
    record = ContactRecord(source=SOURCE, file=file, line=card.begin, had_photo=card.photo)
    labels = {
        child.group.lower(): _text(child.value) for _, child in children if child.name == "X-ABLABEL" and child.group
    }
    emails: list[tuple[int, str, str]] = []
    phones: list[tuple[int, str, str]] = []
    addresses: list[tuple[int, str]] = []
    postal_labels: list[str] = []
    urls: dict[tuple[str, str], tuple[str, str]] = {}
    tags: dict[str, str] = {}
    anniversaries: dict[tuple[str, YearlyDate], None] = {}
    bad_date: _Bad | None = None
    for number, child in children:
        name = child.name
        if name == "UID":
            record.key = record.key or _text(child.value)
        elif name == "FN":
            record.full_name = record.full_name or _text(child.value)
        elif name == "N" and not any((record.family_name, record.given_name, record.prefix)):
            n = child.value
            record.family_name = _text(getattr(n, "family", ""))
            record.given_name = _text(getattr(n, "given", ""))
            record.middle_name = _text(getattr(n, "additional", ""))
            record.prefix = _text(getattr(n, "prefix", ""))
            record.suffix = _text(getattr(n, "suffix", ""), ", ")
        elif name == "ORG":
            value = child.value if isinstance(child.value, list) else [child.value]
            record.organisation = record.organisation or (_text(value[0]) if value else "")
        elif name == "TITLE":
            record.title = record.title or _text(child.value)
        elif name == "EMAIL":
            address = _text(child.value)
            if address.lower().startswith("mailto:"):
                address = address[7:].strip()
            if address:
                emails.append((_preference(child), address, _label(child, labels, _EMAIL_KINDS, _EMAIL_SKIP)))
        elif name == "TEL":
            phone = _text(child.value)
            if phone.lower().startswith("tel:"):
                phone = _EXTENSION.sub(" ext. ", phone[4:].strip())
            if phone:
                phones.append((_preference(child), phone, _label(child, labels, _PHONE_KINDS, _PHONE_SKIP)))
        elif name == "ADR":
            address = _address(child.value)
            if address:
                addresses.append((_preference(child), address))
        elif name == "LABEL":
            postal_labels.append(_address(child.value))
        elif name == "NOTE":
            note = _text(child.value).replace("\r\n", "\n")
            if note:
                record.notes.append(note)
        elif name == "CATEGORIES":
            values = child.value if isinstance(child.value, list) else [child.value]
            for tag in (_text(v) for v in values):
                if tag and tag.casefold() not in _SYSTEM_TAGS:
                    tags.setdefault(tag.casefold(), tag)
        elif name in ("URL", "X-SOCIALPROFILE"):
            url = _text(child.value)
            if not url or (name == "X-SOCIALPROFILE" and not _looks_like_web_address(url)):
                continue
            kind = _url_kind(url, [*_types(child), labels.get((child.group or "").lower(), "")])
            urls.setdefault(_url_key(kind, url), (kind, url))
        elif name == "PRODID":
            record.from_rapport = _text(child.value).startswith("-//rapport//")
        elif name in _RAPPORT:
            if not getattr(record, _RAPPORT[name]):
                setattr(record, _RAPPORT[name], _text(child.value))
        elif name in _INTERESTS:
            topic = _text(child.value)
            if topic and topic.casefold() not in {t.casefold() for t in record.interests}:
                record.interests.append(topic)
        elif name == "X-RAPPORT-CONNECTED-ON":
            try:
                when = _date(child, number)
            except _Bad as bad:
                bad_date = bad_date or bad
                continue
            if when is not None and when.year is not None and record.connected_on is None:
                record.connected_on = date(when.year, when.month, when.day)
        elif name in _DATES:
            try:
                when = _date(child, number)
            except _Bad as bad:
                bad_date = bad_date or bad
                continue
            if when is None:
                continue
            if name == "BDAY":
                record.birthday = record.birthday or when
            else:
                label = _apple(labels.get((child.group or "").lower(), "")) or "Anniversary"
                anniversaries.setdefault((label, when), None)
    if not record.name and record.organisation:
        record.full_name = record.organisation  # a company's card
    if not record.name:
        return BadRecord(file, card.begin, "bad.no_name")
    if bad_date is not None:
        raise bad_date
    record.emails = [(address, label) for _, address, label in sorted(emails, key=lambda e: e[0])]
    record.phones = [(phone, label) for _, phone, label in sorted(phones, key=lambda p: p[0])]
    record.address = min(addresses, key=lambda a: a[0])[1] if addresses else next(filter(None, postal_labels), "")
    record.urls = list(urls.values())
    record.tags = list(tags.values())
    record.anniversaries = list(anniversaries)
    return record


# -- the importer ------------------------------------------------------------------------------------------------


def _max_line(options: dict[str, object]) -> int:
    value = options.get("max_line", MAX_LINE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError("input.positive", field="max_line", value=value)
    return value


def read(path: str, **options: object) -> Iterator[Item]:
    """The contacts in a vCard file, one item per card in file order (see the module's documentation)."""
    file = os.path.basename(path)
    limit = _max_line(options)
    encoding = _sniff(path, file)
    _check_structure(path, file, encoding, limit)
    with _open(path, file, encoding) as stream:
        for card in _cards(_physical(stream, file, limit), limit):
            yield _item(file, card, encoding, limit)
