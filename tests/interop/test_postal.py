"""Addresses between free text and vCard's parts: the Swiss and German pattern split, anything else kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.interop import postal
from rapport.interop.postal import PostalAddress


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Bahnhofstrasse 1\n8001 Zürich", PostalAddress("Bahnhofstrasse 1", "Zürich", "", "8001", "")),
        (
            "  Müller & Söhne AG \n\nBahnhofstrasse 1\n10115 Berlin\nDeutschland\n",
            PostalAddress("Müller & Söhne AG\nBahnhofstrasse 1", "Berlin", "", "10115", "Deutschland"),
        ),
        (
            "Via Nassa 5\nCH-6900 Lugano\nTI\nSvizzera",
            PostalAddress("Via Nassa 5", "Lugano", "TI", "CH-6900", "Svizzera"),
        ),
        ("Postfach\nA-1010 Wien", PostalAddress("Postfach", "Wien", "", "A-1010", "")),
    ],
)
def test_the_swiss_and_german_pattern_is_split_into_parts(text: str, parts: PostalAddress) -> None:
    assert postal.split(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "Bahnhofstrasse 1, 8001 Zürich",  # one line: which comma ends the street is a guess
        "8001 Zürich",  # no street before the town
        "1 Infinite Loop\nCupertino, CA 95014\nUSA",  # the code after the town
        "Seestrasse 1\n8002 Zürich\nGebäude 3\nZH\nSchweiz",  # three lines after the town
        "Seestrasse 1\n8002 Zürich\n2. Stock",  # digits after the town: not a country
        "Seestrasse 1\n800 Zürich",  # three digits: no Swiss or German postal code
    ],
)
def test_anything_else_goes_whole_into_the_street(text: str) -> None:
    assert postal.split(text) == PostalAddress(street="\n".join(postal.lines(text)))


_LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_SWISS = st.tuples(
    st.lists(_LINE, min_size=1, max_size=3),
    st.from_regex(r"(CH-|D-)?[1-9][0-9]{3,4}", fullmatch=True),
    _LINE,
    st.lists(st.text(st.characters(blacklist_categories=("Cs", "Nd")), max_size=20), max_size=2),
).map(lambda p: "\n".join([*p[0], f"{p[1]} {p[2]}", *p[3]]))


@given(st.one_of(st.lists(_LINE, max_size=6).map("\n".join), _SWISS))
def test_the_parts_joined_give_the_address_again(text: str) -> None:
    parts = postal.split(text)
    assert postal.join(parts) == "\n".join(postal.lines(text))
    assert "\n" not in parts.locality + parts.code + parts.region + parts.country
