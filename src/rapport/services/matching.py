"""One person per human: how an incoming record, or two stored contacts, are recognised as the same person.

Certain matches: the same e-mail address, the same phone number (E.164), the same LinkedIn or Xing profile, or the
same name (after folding ä→ae, accents and name order, titles left out) at the same organisation. Everything else
that looks alike (the same name elsewhere or without an organisation, a near-identical name) is only a *possible*
duplicate, for the person to decide (`rapport duplicates`, `rapport merge`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapport.domain.text import fold_german

# Titles and name particles that say nothing about who someone is.
_TITLES = frozenset(
    [
        "dr",
        "dr.",
        "prof",
        "prof.",
        "med",
        "med.",
        "phil",
        "phil.",
        "rer",
        "nat",
        "dipl",
        "dipl.",
        "ing",
        "ing.",
        "mag",
        "mag.",
        "lic",
        "lic.",
        "mba",
        "msc",
        "bsc",
        "phd",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "herr",
        "frau",
        "sir",
    ]
)
SAME_ORGANISATION = 88  # rapidfuzz token_set_ratio from which two organisation names are one
SIMILAR_NAME = 88  # rapidfuzz token_sort_ratio from which two names are a possible duplicate


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The name as an identity: folded (ü→ue, accents, case), titles dropped, words sorted ('Müller, Jürgen')."""
    words = [w.strip(".,;") for w in fold_german(name.replace(",", " ")).split()]
    return " ".join(sorted(w for w in words if w and w not in _TITLES and w + "." not in _TITLES))


def organisation_key(organisation: str) -> str:
    return " ".join(fold_german(organisation).replace(",", " ").split())


def same_organisation(first: str, second: str) -> bool:
    a, b = organisation_key(first), organisation_key(second)
    if not a or not b:
        return False
    if a == b:
        return True
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) >= SAME_ORGANISATION


def similar_names(first: str, second: str) -> float:
    """0-100: how alike two name keys are."""
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(first, second))


@dataclass
class Known:
    """What the index knows of one stored contact."""

    id: int
    name: str
    organisation: str


@dataclass
class Match:
    contact_id: int
    how: str  # "email", "phone", "linkedin", "xing", "name+organisation", "record"


@dataclass
class MatchIndex:
    """The owner's contacts by every identifying value, kept in memory for one import."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_phone: dict[str, int] = field(default_factory=dict)
    by_profile: dict[str, int] = field(default_factory=dict)
    profiles_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_name: dict[str, list[Known]] = field(default_factory=lambda: defaultdict(list))
    contacts: dict[int, Known] = field(default_factory=dict)

    def add(
        self, known: Known, emails: Iterable[str] = (), phones: Iterable[str] = (), profiles: Iterable[str] = ()
    ) -> None:
        self.contacts[known.id] = known
        self.by_name[name_key(known.name)].append(known)
        self.add_values(known.id, emails, phones, profiles)

    def add_values(
        self, contact_id: int, emails: Iterable[str] = (), phones: Iterable[str] = (), profiles: Iterable[str] = ()
    ) -> None:
        for email in emails:
            self.by_email.setdefault(email.casefold(), contact_id)
        for phone in phones:
            self.by_phone.setdefault(phone, contact_id)
        for url in profiles:
            key = profile_key(url)
            self.by_profile.setdefault(key, contact_id)
            self.profiles_of[contact_id].add(key)

    def add_values_bulk(self, emails: Iterable[Any], phones: Iterable[Any], profiles: Iterable[Any]) -> None:
        """(value, contact id) pairs from the store."""
        for address, contact_id in emails:
            self.by_email.setdefault(address.casefold(), contact_id)
        for number, contact_id in phones:
            self.by_phone.setdefault(number, contact_id)
        for url, contact_id in profiles:
            key = profile_key(url)
            self.by_profile.setdefault(key, contact_id)
            self.profiles_of[contact_id].add(key)

    def other_profile(self, contact_id: int, profiles: Iterable[str]) -> bool:
        """Whether the contact has a profile on a site where the given profiles point elsewhere."""
        theirs = self.profiles_of.get(contact_id, set())
        for url in profiles:
            key = profile_key(url)
            site = key.split("/", 1)[0]
            if any(p.split("/", 1)[0] == site and p != key for p in theirs):
                return True
        return False

    def rename(self, contact_id: int, name: str, organisation: str) -> None:
        old = self.contacts.get(contact_id)
        if old is not None:
            bucket = self.by_name.get(name_key(old.name), [])
            bucket[:] = [k for k in bucket if k.id != contact_id]
        self.add(Known(contact_id, name, organisation))

    def forget(self, contact_id: int) -> None:
        """Drop a contact (merged away); its values now point nowhere and are re-added by the caller."""
        old = self.contacts.pop(contact_id, None)
        if old is not None:
            bucket = self.by_name.get(name_key(old.name), [])
            bucket[:] = [k for k in bucket if k.id != contact_id]
        for table in (self.by_email, self.by_phone, self.by_profile):
            for key in [k for k, v in table.items() if v == contact_id]:
                del table[key]

    def certain(self, emails: Iterable[str], phones: Iterable[str], profiles: Iterable[str]) -> list[int]:
        """Every contact a record certainly is (by e-mail, phone or profile), first found first."""
        found: list[int] = []
        for address in emails:
            contact_id = self.by_email.get(address.casefold())
            if contact_id is not None and contact_id not in found:
                found.append(contact_id)
        for number in phones:
            contact_id = self.by_phone.get(number)
            if contact_id is not None and contact_id not in found:
                found.append(contact_id)
        for url in profiles:
            contact_id = self.by_profile.get(profile_key(url))
            if contact_id is not None and contact_id not in found:
                found.append(contact_id)
        return found

    def find(
        self, name: str, organisation: str, emails: Iterable[str], phones: Iterable[str], profiles: Iterable[str]
    ) -> tuple[Match | None, list[int]]:
        """The certain match, if any, and the contacts that only look alike (possible duplicates)."""
        for email in emails:
            found = self.by_email.get(email.casefold())
            if found is not None:
                return Match(found, "email"), []
        for phone in phones:
            found = self.by_phone.get(phone)
            if found is not None:
                return Match(found, "phone"), []
        for url in profiles:
            found = self.by_profile.get(profile_key(url))
            if found is not None:
                return Match(found, "xing" if "xing." in url else "linkedin"), []
        return self.named(name, organisation)

    def named(self, name: str, organisation: str) -> tuple[Match | None, list[int]]:
        """`find` by the name alone: the same name at the same organisation, else the same-named contacts."""
        key = name_key(name)
        if not key:
            return None, []
        alike = self.by_name.get(key, [])
        for known in alike:
            if same_organisation(known.organisation, organisation):
                return Match(known.id, "name+organisation"), []
        return None, [k.id for k in alike]


_LINKEDIN_PROFILE = "https://www.linkedin.com/in/"  # how profiles are stored (see interop.csvfiles.linkedin_profile)


@lru_cache(maxsize=65536)
def profile_key(url: str) -> str:
    """A profile URL reduced to what identifies it: host without www/country, path, lower case."""
    if url.startswith(_LINKEDIN_PROFILE) and not ("?" in url or "#" in url or url[-1] == "/" or url[-1].isspace()):
        return "linkedin.com/in/" + url[len(_LINKEDIN_PROFILE) :].lower()  # as the steps below make it
    text = url.strip().lower().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    host, _, path = text.partition("/")
    parts = host.split(".")
    site = ".".join(parts[-2:]) if len(parts) >= 2 else host
    return f"{site}/{path}"


@dataclass(frozen=True)
class PossibleDuplicate:
    first: int
    second: int
    score: float
    reason: str  # "same-name", "similar-name"


def possible_duplicates(people: Iterable[Known], distinct: set[tuple[int, int]]) -> list[PossibleDuplicate]:
    """Pairs of contacts that look like one person, best first; pairs marked distinct are left out.

    Names are compared within blocks of a shared name word, so the work grows with the block sizes, not with the
    square of the network.
    """
    blocks: dict[str, list[tuple[Known, str]]] = defaultdict(list)
    for person in people:
        key = name_key(person.name)
        blocks["=" + key].append((person, key))  # the very same name is always compared
        for word in set(key.split()):
            if len(word) > 1:
                blocks[word].append((person, key))
    seen: set[tuple[int, int]] = set()
    found: list[PossibleDuplicate] = []
    for members in blocks.values():
        if len(members) < 2 or len(members) > 500:  # a very common word alone decides nothing
            continue
        for i, (a, key_a) in enumerate(members):
            for b, key_b in members[i + 1 :]:
                pair = (min(a.id, b.id), max(a.id, b.id))
                if pair in seen or pair in distinct:
                    continue
                seen.add(pair)
                score = 100.0 if key_a == key_b else similar_names(key_a, key_b)
                if score >= SIMILAR_NAME:
                    found.append(
                        PossibleDuplicate(pair[0], pair[1], score, "same-name" if score == 100 else "similar-name")
                    )
    found.sort(key=lambda d: (-d.score, d.first, d.second))
    return found
