"""Contacts as vCards: 4.0 (RFC 6350) by default, 3.0 (RFC 2426) for older address books; built with vobject.

What goes where:

* FN, N (prefix and suffix included), ORG, TITLE, NOTE (the notes, oldest first, separated by a blank line),
  CATEGORIES (the tags), UID (`urn:uuid:` and the contact's stable UUID), REV (the last change), PRODID.
* EMAIL and TEL with TYPE from the stored label where it means something (work, home, cell, fax, …); the first
  of several is preferred (4.0: PREF=1, 3.0: TYPE=pref). TEL is a `tel:` URI with VALUE=uri in 4.0, the plain
  number in 3.0. EMAIL in 3.0 also carries TYPE=INTERNET.
* URL with TYPE=linkedin / TYPE=xing for profiles (and X-SOCIALPROFILE, which Apple's and Google's address
  books read), plain for web sites.
* ADR: the address is stored as free text. Where it follows the Swiss and German pattern ("Bahnhofstrasse 1",
  "8001 Zürich", an optional region and country) it is written as street, postal code, locality, region and
  country (rapport.interop.postal); otherwise it all goes into the street component, line breaks kept. Its
  TYPE is work for someone with an organisation (rapport keeps people's work addresses), else home.
* BDAY and the anniversaries: 4.0 writes `YYYYMMDD`, or `--MMDD` without a year; 3.0 has no year-less form, so
  it writes Apple's convention `1604-MM-DD` with the parameter X-APPLE-OMIT-YEAR=1604 (1604 is a leap year, so
  29 February survives). The first anniversary without a label is ANNIVERSARY (4.0) or
  X-ANNIVERSARY (3.0); every other one, labelled ones included, as Apple's grouped X-ABDATE with X-ABLABEL.
* What only rapport knows: INTEREST (RFC 6715; X-INTEREST in 3.0) per interest, X-RAPPORT-CIRCLE,
  X-RAPPORT-HOW-MET, X-RAPPORT-LOOKING-FOR, X-RAPPORT-OFFERS, X-RAPPORT-CONNECTED-ON, X-RAPPORT-ADDRESS-FORM
  (du or Sie). rapport's vCard import reads all of these back (rapport.interop.vcard).

Known limit of a reader: khard (0.22) reads 4.0's `--MMDD` with the placeholder year 1900, which is no leap
year, so it drops a year-less 29 February of a 4.0 card (vobject and RFC 6350 readers keep it; 3.0 is fine).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC
from typing import TYPE_CHECKING, Any, TextIO

import vobject

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.interop import postal

if TYPE_CHECKING:
    from rapport.interop.export_records import ExportContact

VERSIONS = ("4.0", "3.0")
OMIT_YEAR = 1604  # Apple's placeholder year for dates without one (a leap year)
PRODID = "-//rapport//EN"

_EMAIL_TYPES = {
    "work": "work",
    "business": "work",
    "office": "work",
    "arbeit": "work",
    "geschäftlich": "work",
    "geschaeftlich": "work",
    "büro": "work",
    "buero": "work",
    "home": "home",
    "private": "home",
    "privat": "home",
    "personal": "home",
}
_PHONE_TYPES = {
    **_EMAIL_TYPES,
    "cell": "cell",
    "mobile": "cell",
    "mobil": "cell",
    "handy": "cell",
    "iphone": "cell",
    "fax": "fax",
    "pager": "pager",
    "text": "text",
    "sms": "text",
    "video": "video",
    "voice": "voice",
    "main": "voice",
}
_PROFILE_KINDS = ("linkedin", "xing")
_APPLE_ANNIVERSARY = "_$!<Anniversary>!$_"


def check_version(version: str) -> str:
    """The vCard version asked for, as "4.0" or "3.0" (also "4" and "3"); anything else is an InputError."""
    text = str(version).strip().lower().removeprefix("v")
    normal = {"4": "4.0", "3": "3.0"}.get(text, text)
    if normal not in VERSIONS:
        raise InputError("export.vcard_version", value=version)
    return normal


def write_vcards(out: TextIO, contacts: Iterable[ExportContact], version: str = "4.0") -> int:
    """Write one vCard per contact to the text stream (CRLF line ends); returns how many."""
    normal = check_version(version)
    count = 0
    for contact in contacts:
        out.write(card_text(contact, normal))
        count += 1
    return count


def write_vdir(directory: str, contacts: Iterable[ExportContact], version: str = "4.0") -> int:
    """Write one `<uuid>.vcf` per contact into a directory (a vdir, as khard and vdirsyncer keep them).

    Cards of the same contacts are overwritten, so that writing again updates; returns how many.
    """
    normal = check_version(version)
    os.makedirs(directory, exist_ok=True)
    count = 0
    for contact in contacts:
        path = os.path.join(directory, f"{contact.uid}.vcf")
        temporary = f"{path}.tmp"
        with open(temporary, "w", encoding="utf-8", newline="") as file:
            file.write(card_text(contact, normal))
        os.replace(temporary, path)
        count += 1
    return count


def card_text(contact: ExportContact, version: str = "4.0") -> str:
    """One contact as the text of one vCard."""
    return str(card(contact, check_version(version)).serialize())


def card(contact: ExportContact, version: str = "4.0") -> Any:
    """One contact as a vobject vCard component."""
    v4 = check_version(version) == "4.0"
    c = vobject.vCard()
    c.add("version").value = "4.0" if v4 else "3.0"
    c.add("prodid").value = PRODID
    c.add("uid").value = f"urn:uuid:{contact.uid}"
    c.add("fn").value = contact.name
    c.add("n").value = vobject.vcard.Name(
        family=contact.family_name,
        given=contact.given_name,
        additional=contact.middle_name,
        prefix=contact.prefix,
        suffix=contact.suffix,
    )
    if contact.organisation:
        c.add("org").value = [contact.organisation]
    if contact.title:
        c.add("title").value = contact.title

    for i, (address, label) in enumerate(contact.emails):
        prop = c.add("email")
        prop.value = address
        kinds = _types(label, _EMAIL_TYPES)
        if not v4:
            kinds = ["INTERNET", *(k.upper() for k in kinds)]
        _set_types(prop, kinds, preferred=i == 0 and len(contact.emails) > 1, v4=v4)

    for i, (number, label) in enumerate(contact.phones):
        prop = c.add("tel")
        kinds = _types(label, _PHONE_TYPES)
        if v4:
            prop.value = _tel_uri(number)
            prop.params["VALUE"] = ["uri"]
        else:
            prop.value = number
            kinds = [k.upper() for k in kinds]
        _set_types(prop, kinds, preferred=i == 0 and len(contact.phones) > 1, v4=v4)

    for kind, url in contact.urls:
        prop = c.add("url")
        prop.value = url
        if kind in _PROFILE_KINDS:
            prop.params["TYPE"] = [kind]
            social = c.add("x-socialprofile")
            social.value = url
            social.params["TYPE"] = [kind]

    if contact.address.strip():
        parts = postal.split(contact.address)
        prop = c.add("adr")
        prop.value = vobject.vcard.Address(
            street=parts.street,
            city=parts.locality,
            region=parts.region,
            code=parts.code,
            country=parts.country,
        )
        kind = "work" if contact.organisation.strip() else "home"
        prop.params["TYPE"] = [kind if v4 else kind.upper()]

    if contact.birthday is not None:
        _add_date(c, "bday", contact.birthday, v4)
    _add_anniversaries(c, contact.anniversaries, v4)

    if contact.tags:
        c.add("categories").value = list(contact.tags)
    for topic in contact.interests:
        c.add("interest" if v4 else "x-interest").value = topic
    notes = "\n\n".join(n.strip() for n in contact.notes if n.strip())
    if notes:
        c.add("note").value = notes

    for name, value in (
        ("x-rapport-circle", contact.circle),
        ("x-rapport-how-met", contact.how_met),
        ("x-rapport-looking-for", contact.looking_for),
        ("x-rapport-offers", contact.offers),
        ("x-rapport-connected-on", contact.connected_on.isoformat() if contact.connected_on else ""),
        ("x-rapport-address-form", contact.address_form),
    ):
        if value:
            c.add(name).value = value
    if contact.updated_at is not None:
        rev = contact.updated_at.astimezone(UTC)
        c.add("rev").value = rev.strftime("%Y%m%dT%H%M%SZ" if v4 else "%Y-%m-%dT%H:%M:%SZ")
    return c


def _types(label: str, table: dict[str, str]) -> list[str]:
    """The vCard TYPE values a free-text label stands for ("Work mobile" → work, cell), in order, no repeats."""
    found: list[str] = []
    for word in re.split(r"[^\w]+", label.casefold()):
        kind = table.get(word)
        if kind and kind not in found:
            found.append(kind)
    return found


def _set_types(prop: Any, kinds: list[str], preferred: bool, v4: bool) -> None:
    if preferred and not v4:
        kinds = [*kinds, "PREF"]
    if kinds:
        prop.params["TYPE"] = kinds
    if preferred and v4:
        prop.params["PREF"] = ["1"]


def _tel_uri(number: str) -> str:
    """A tel: URI (RFC 3966): E.164 numbers as they are, anything else with its visual separators as dashes."""
    raw = number.strip()
    if raw.lower().startswith("tel:"):
        return raw
    compact = re.sub(r"[\s().\-/]+", "-", raw).strip("-")
    return f"tel:{compact}"


def date_value(when: YearlyDate, v4: bool) -> tuple[str, bool]:
    """The text of a date property and whether it needs X-APPLE-OMIT-YEAR (3.0 without a year)."""
    if v4:
        return (
            f"{when.year:04d}{when.month:02d}{when.day:02d}" if when.year else f"--{when.month:02d}{when.day:02d}"
        ), False
    return f"{when.year or OMIT_YEAR:04d}-{when.month:02d}-{when.day:02d}", when.year is None


def _add_date(c: Any, name: str, when: YearlyDate, v4: bool) -> Any:
    prop = c.add(name)
    prop.value, omitted = date_value(when, v4)
    if omitted:
        prop.params["X-APPLE-OMIT-YEAR"] = [str(OMIT_YEAR)]
    return prop


def _add_anniversaries(c: Any, anniversaries: Iterable[tuple[str, YearlyDate]], v4: bool) -> None:
    items = list(anniversaries)
    if not items:
        return
    main = next((i for i, (label, _) in enumerate(items) if not label.strip()), None)
    if main is not None:  # a labelled anniversary goes only where its label can go with it
        _add_date(c, "anniversary" if v4 else "x-anniversary", items[main][1], v4)
    group = 0
    for i, (label, when) in enumerate(items):
        if i == main:
            continue
        group += 1
        _add_date(c, f"item{group}.x-abdate", when, v4=False)  # Apple's format in both versions
        c.add(f"item{group}.x-ablabel").value = label.strip() or _APPLE_ANNIVERSARY


def read_date(prop: Any) -> YearlyDate | None:
    """A BDAY / ANNIVERSARY / X-ABDATE property read back (as written here, or by Apple): None if unreadable."""
    text = str(prop.value).strip()
    omit = prop.params.get("X-APPLE-OMIT-YEAR", [None])[0]
    matched = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    try:
        if matched:
            return YearlyDate(int(matched[1]), int(matched[2]))
        matched = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", text)
        if matched:
            year = int(matched[1])
            return YearlyDate(int(matched[2]), int(matched[3]), None if omit and int(omit) == year else year)
    except ValueError:
        return None
    return None
