"""What importers produce: plain records, parsed but not yet checked against the store.

Every importer is a function `read(path: str, **options) -> Iterator[Item]` that streams one item per record in
file order. A record it cannot make sense of becomes a `BadRecord` (file, line, a problem code with its facts) and
the stream goes on; a file that is unusable as a whole (empty, binary, the wrong format, missing columns) raises
`bad_file(file, line, problem, **facts)` before yielding anything.

Problem codes are message keys in rapport.i18n.catalog (English and German): `bad.*` for records, `file.*` for
whole files. Use `bad.other` / `file.other` with a `detail` fact for a problem without its own code.

Values stay as the file has them (e-mails and phone numbers are checked and normalised by the service), except
dates, which the importer parses because their format is the file format's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

from rapport.domain.model import Channel, Initiator, YearlyDate
from rapport.errors import InputError


@dataclass
class ContactRecord:
    """One person as one file describes them."""

    source: str  # the format: "vcard", "linkedin", "google-csv", "csv"
    file: str  # the file's name as given
    line: int  # the line the record starts on (1-based)
    key: str = ""  # a stable identity within the source (vCard UID, LinkedIn profile URL, …), "" if none
    full_name: str = ""
    prefix: str = ""  # titles: "Prof. Dr. med."
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    suffix: str = ""
    organisation: str = ""
    title: str = ""
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address as written, label)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number as written, label)
    urls: list[tuple[str, str]] = field(default_factory=list)  # (kind: "linkedin" | "xing" | "web", url)
    birthday: YearlyDate | None = None
    anniversaries: list[tuple[str, YearlyDate]] = field(default_factory=list)  # (label, date)
    address: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    connected_on: date | None = None  # LinkedIn's "Connected On"
    had_photo: bool = False  # the file carried a photo; rapport does not keep photos
    # what only rapport's own export carries (vCard X-RAPPORT-*, INTEREST); "" / empty from other sources
    from_rapport: bool = False  # written by rapport: its full name is the display name as it was, titles included
    interests: list[str] = field(default_factory=list)
    circle: str = ""
    how_met: str = ""
    looking_for: str = ""
    offers: str = ""
    address_form: str = ""  # "du" or "Sie" as written; checked by the import service

    @property
    def name(self) -> str:
        """The display name: the full name, or one made of the parts."""
        if self.full_name.strip():
            return " ".join(self.full_name.split())
        parts = (self.prefix, self.given_name, self.middle_name, self.family_name, self.suffix)
        return " ".join(" ".join(p for p in parts if p.strip()).split())


@dataclass
class Person:
    """Someone an interaction record refers to: by profile URL where the file has one, else by name."""

    name: str
    profile_url: str = ""


@dataclass
class InteractionRecord:
    """One message or invitation exchanged with a contact (LinkedIn's messages.csv and Invitations.csv)."""

    source: str
    file: str
    line: int
    key: str  # stable identity, so that importing the same file twice adds nothing
    occurred_at: datetime  # timezone-aware
    channel: Channel
    initiator: Initiator
    counterpart: Person
    summary: str = ""


@dataclass
class BadRecord:
    """A record that could not be read: where it is, and what is wrong as a message code with its facts."""

    file: str
    line: int
    problem: str  # a `bad.*` key of rapport.i18n.catalog
    facts: dict[str, object] = field(default_factory=dict)


@dataclass
class HiddenMember:
    """Someone the file does not name (LinkedIn's hidden or closed profiles): expected, not an error. The import
    service counts these by `kind` and imports nothing for them."""

    kind: ClassVar[str] = "hidden-member"
    file: str
    line: int


Item = ContactRecord | InteractionRecord | BadRecord | HiddenMember


def bad_file(file: str, line: int, problem: str, **facts: object) -> InputError:
    """The error for a file that cannot be imported at all (`problem` is a `file.*` message key)."""
    return InputError("import.bad_file", file=file, line=line, problem=problem, **facts)
