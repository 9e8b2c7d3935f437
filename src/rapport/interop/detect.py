"""Telling a file's format by its content: "vcard", "linkedin", "google-csv" or "csv" (a CSV that needs a
column mapping). The file name is never trusted alone: a `.csv` holding JSON is refused as JSON."""

from __future__ import annotations

import os
import zipfile

from rapport.interop import csvfiles
from rapport.interop.linkedin import LAYOUTS as LINKEDIN_LAYOUTS
from rapport.interop.linkedin import MEMBER_NAMES
from rapport.interop.records import bad_file

VCARD = "BEGIN:VCARD"


def detect(path: str) -> str:
    """The format of the file at `path`; raises `bad_file` (`file.empty`, `file.binary`, `file.json`,
    `file.bad_zip`, `file.unreadable`, `file.too_long`) when it is none of them."""
    if os.path.isdir(path):
        if any(name.casefold() in MEMBER_NAMES for _folder, _dirs, names in os.walk(path) for name in names):
            return "linkedin"
        raise bad_file(path, 0, "file.unknown_format")
    head, whole = csvfiles.read_head(path, csvfiles.open_path(path))
    if head.startswith(b"PK\x03\x04") or (head.startswith(b"PK") and zipfile.is_zipfile(path)):
        return _zip_format(path)
    if not head:
        raise bad_file(path, 0, "file.empty")
    encoding = csvfiles.sniff_encoding(path, head, whole)
    text = head.decode(encoding, errors=csvfiles.ERRORS)
    if text.lstrip(" \t\r\n\ufeff")[: len(VCARD)].upper() == VCARD:
        return "vcard"
    if csvfiles.looks_like_json(text):
        raise bad_file(path, 0, "file.json", expected="CSV/vCard")
    layout = csvfiles.header_layout(path, (*LINKEDIN_LAYOUTS, *csvfiles.GOOGLE_LAYOUTS), expected="CSV/vCard")
    if layout < 0:
        return "csv"
    return "linkedin" if layout < len(LINKEDIN_LAYOUTS) else "google-csv"


def _zip_format(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {os.path.basename(n).casefold() for n in archive.namelist()}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise bad_file(path, 0, "file.bad_zip", detail=str(exc) or type(exc).__name__) from exc
    if names & MEMBER_NAMES.keys():
        return "linkedin"
    raise bad_file(path, 0, "file.bad_zip", detail="no Connections.csv, messages.csv or Invitations.csv")
