"""Contacts as a CSV file that spreadsheets open correctly, Excel included.

* UTF-8 with a byte order mark, so that Excel reads umlauts right; CRLF line ends; cells quoted where needed.
* `delimiter`: "," by default; ";" for Excel with German (or Swiss, French, …) regional settings, which uses the
  semicolon as list separator; "\\t" (or "tab") also works.
* One row per contact, a header row first with these columns (stable names, for scripts):
  name, prefix, given_name, middle_name, family_name, suffix, organisation, title, emails, phones, linkedin,
  xing, websites, address, birthday, anniversaries, tags, interests, circle, how_met, looking_for, offers,
  connected_on, notes.
* Several values in one cell (emails, phones, profiles, web sites, anniversaries, tags, interests) are joined by
  "; " (labels of e-mails and phone numbers are not exported). Notes are joined by a blank line (one cell with
  line breaks). Dates are ISO 8601: birthday `1985-03-14`, or `--03-14` without a year; anniversaries
  `Wedding: 2015-06-20` (label, colon, date) or just the date.
* Formula injection: a cell that starts with = + - @, a tab or a carriage return (also after leading spaces)
  would be run as a formula by a spreadsheet; it gets a single quote ' in front. That includes phone numbers
  in international format (`'+41791234567`, which also keeps Excel from taking them for numbers) and
  year-less dates (`'--03-14`). A reader that wants the value back removes one leading ' before such a cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rapport.errors import InputError

if TYPE_CHECKING:
    from rapport.interop.export_records import ExportContact

COLUMNS = (
    "name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "organisation",
    "title",
    "emails",
    "phones",
    "linkedin",
    "xing",
    "websites",
    "address",
    "birthday",
    "anniversaries",
    "tags",
    "interests",
    "circle",
    "how_met",
    "looking_for",
    "offers",
    "connected_on",
    "notes",
)
JOIN = "; "
BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NAMED_DELIMITERS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}


def check_delimiter(delimiter: str) -> str:
    """A usable delimiter: one character, not a quote, line break, letter or digit ("tab" and "\\t" mean tab)."""
    normal = _NAMED_DELIMITERS.get(delimiter.strip().lower(), delimiter) if delimiter.strip() else delimiter
    if len(normal) != 1 or normal in "\"'\r\n" or normal.isalnum():
        raise InputError("export.delimiter", value=delimiter)
    return normal


def neutralise(cell: str) -> str:
    """The cell with a ' in front when a spreadsheet would take it for a formula."""
    if cell.startswith(_DANGEROUS) or cell.lstrip().startswith(_DANGEROUS):
        return "'" + cell
    return cell


def row(contact: ExportContact) -> list[str]:
    """The cells of one contact, in COLUMNS order, not yet neutralised."""
    websites = [url for kind, url in contact.urls if kind not in ("linkedin", "xing")]
    return [
        contact.name,
        contact.prefix,
        contact.given_name,
        contact.middle_name,
        contact.family_name,
        contact.suffix,
        contact.organisation,
        contact.title,
        JOIN.join(address for address, _ in contact.emails),
        JOIN.join(number for number, _ in contact.phones),
        JOIN.join(url for kind, url in contact.urls if kind == "linkedin"),
        JOIN.join(url for kind, url in contact.urls if kind == "xing"),
        JOIN.join(websites),
        contact.address,
        contact.birthday.iso() if contact.birthday else "",
        JOIN.join(f"{label}: {when.iso()}" if label else when.iso() for label, when in contact.anniversaries),
        JOIN.join(contact.tags),
        JOIN.join(contact.interests),
        contact.circle,
        contact.how_met,
        contact.looking_for,
        contact.offers,
        contact.connected_on.isoformat() if contact.connected_on else "",
        "\n\n".join(n.strip() for n in contact.notes if n.strip()),
    ]


def write_csv(out: TextIO, contacts: Iterable[ExportContact], delimiter: str = ",") -> int:
    """Write the BOM, the header and one row per contact to the text stream; returns how many contacts.

    Open a file with `encoding="utf-8", newline=""`, so that line breaks inside cells stay as they are.
    """
    writer = csv.writer(out, delimiter=check_delimiter(delimiter), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    out.write(BOM)
    writer.writerow(COLUMNS)
    count = 0
    for contact in contacts:
        writer.writerow([neutralise(cell) for cell in row(contact)])
        count += 1
    return count
