"""Postal addresses between rapport's free text and vCard's structured ADR.

rapport keeps an address as the text the user typed or imported, one line per line of the envelope. vCard wants
parts (street, locality, region, postal code, country). `split` finds the parts where the text follows the
Swiss, German and Austrian pattern, which is reliable to recognise:

    Bahnhofstrasse 1          street (one or more lines: c/o, Postfach, building …)
    8001 Zürich               postal code (4 or 5 digits, "CH-" and the like allowed) and locality
    ZH                        region (optional, only with a country after it)
    Schweiz                   country (optional)

Anything else (a one-line address, an American one, a postal code line followed by more than two lines or by
lines with digits) goes whole into the street part, line breaks kept, so that nothing is guessed wrong.
`join` writes the parts back as lines, so that `join(split(text))` is the text again (lines stripped, empty
lines dropped, the code and locality separated by one space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LOCALITY = re.compile(r"((?:[A-Z]{1,2}-)?\d{4,5}) (\S.*)")


@dataclass(frozen=True, slots=True)
class PostalAddress:
    street: str = ""  # lines joined by "\n"
    locality: str = ""
    region: str = ""
    code: str = ""
    country: str = ""
    box: str = ""
    extended: str = ""


def lines(text: str) -> list[str]:
    """The non-empty lines of an address, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split(text: str) -> PostalAddress:
    """The parts of a stored address (see the module text)."""
    found = lines(text)
    for at in range(len(found) - 1, 0, -1):  # the last line that looks like "8001 Zürich", with a street before it
        matched = _LOCALITY.fullmatch(found[at])
        if matched is None:
            continue
        after = found[at + 1 :]
        if len(after) > 2 or any(ch.isdigit() for line in after for ch in line):
            break
        region, country = (after[0], after[1]) if len(after) == 2 else ("", after[0] if after else "")
        return PostalAddress(
            street="\n".join(found[:at]),
            locality=matched.group(2),
            region=region,
            code=matched.group(1),
            country=country,
        )
    return PostalAddress(street="\n".join(found))


def join(address: PostalAddress) -> str:
    """The parts as lines of text: box, extended, street, "code locality", region, country."""
    town = " ".join(part for part in (address.code.strip(), address.locality.strip()) if part)
    parts = (address.box, address.extended, address.street, town, address.region, address.country)
    return "\n".join(line for part in parts for line in lines(part))
