"""The date recogniser: dates and times as people write them are found; numbers that are not dates are not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.messages import dates as D
from rapport.messages.phrases import MONTHS, WEEKDAYS

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
HOURS = st.integers(min_value=0, max_value=23)
MINUTES = st.integers(min_value=0, max_value=59)
EN_MONTH_SHORT = [m[:3] for m in MONTHS["en"]]
SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def ordinal(day: int) -> str:
    return f"{day}{SUFFIX.get(day, 'th')}"


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """A date or time written in one of the ways people write them, in German or English."""
    d = draw(DAYS)
    h, m = draw(HOURS), draw(MINUTES)
    h12 = h % 12 or 12
    wd_de, wd_en = WEEKDAYS["de"][d.weekday()], WEEKDAYS["en"][d.weekday()]
    forms = [
        f"{d.day:02d}.{d.month:02d}.",  # 14.01.
        f"{d.day}.{d.month}.{d.year}",  # 14.1.2026
        f"{d.day}. {MONTHS['de'][d.month - 1]}",  # 14. Januar
        f"{wd_de[:2]}, {d.day}.{d.month}.",  # Do, 3.12.
        f"um {h} Uhr",
        f"{h}.{m:02d} Uhr",
        f"{h}:{m:02d}",
        f"am {wd_de}",
        f"nächste Woche {wd_de}",
        f"{EN_MONTH_SHORT[d.month - 1]} {ordinal(d.day)}",  # Feb 3rd
        f"{d.day} {MONTHS['en'][d.month - 1]}",  # 3 February
        f"{wd_en} {d.day} {MONTHS['en'][d.month - 1]} at {h12}pm",  # Tuesday 13 January at 4pm
        f"{h12}.{m:02d}pm",  # 6.30pm
        f"around {h12}.{m:02d}pm",
        f"next {wd_en}",
        d.isoformat(),
        f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}",
        f"the {ordinal(d.day)} of {MONTHS['en'][d.month - 1]}",
    ]
    return draw(st.sampled_from(forms))


FILLER = st.sampled_from(
    ["Treffen wir uns", "Hast du", "Coffee", "Are you free", "Kaffee", "Lunch", "Wir sehen uns", "How about", ""]
)


@given(FILLER, written_dates(), st.sampled_from(["?", ".", "!", " zum Kaffee?", " for lunch?", ""]))
def test_dates_as_people_write_them_are_found(before: str, written: str, after: str) -> None:
    text = f"{before} {written}{after}".strip()
    found = D.find(text)
    assert found, text
    start = text.index(written)
    # the whole phrase is covered by what was found, and what was found is a quotation from the text
    assert any(f.start <= start and f.end >= start + len(written) for f in found), (text, found)
    assert all(text[f.start : f.end].strip() == f.text for f in found)


NOUNS = ["Leute", "people", "Prozent", "percent", "%", "CHF", "Seiten", "pages", "Franken", "km", "Punkte", "users"]


@st.composite
def numbers_that_are_not_dates(draw: st.DrawFn) -> str:
    n = draw(st.integers(min_value=0, max_value=99_999))
    x = draw(st.integers(min_value=0, max_value=99))
    forms = [
        f"{n} {draw(st.sampled_from(NOUNS))}",
        f"{n},{x:02d} {draw(st.sampled_from(NOUNS))}",
        f"CHF {n}.{x:02d}",
        f"Version {n % 10}.{x}.{n % 7}",
        f"{n % 100}.{x} %",
        f"Zimmer {n}",
        f"page {n}",
        f"{n % 10} von {x}",
        f"score {n % 10}-{x % 10}",
        f"+41 {n % 100} {n} {x:02d}",
    ]
    return draw(st.sampled_from(forms))


WORDS = st.lists(
    st.sampled_from(
        ["wir", "waren", "das", "Projekt", "hatte", "the", "team", "grew", "to", "we", "sold", "mit", "und", "total"]
    ),
    max_size=5,
)


@given(WORDS, numbers_that_are_not_dates(), WORDS)
def test_numbers_that_are_not_dates_are_not_found(before: list[str], number: str, after: list[str]) -> None:
    text = " ".join([*before, number, *after]) + "."
    assert D.find(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "am 14.01. um 12 Uhr",
        "14. Januar",
        "Do, 3.12.",
        "um 8 Uhr",
        "9.30 Uhr",
        "18:30",
        "am Donnerstag",
        "nächste Woche Dienstag",
        "Feb 3rd at 12:15",
        "3 February",
        "Tuesday 13 January at 4pm",
        "6.30pm",
        "around 7.30pm",
    ],
)
def test_the_issues_examples_are_found_whole(text: str) -> None:
    found = D.find(text)
    covered = "".join(text[f.start : f.end] for f in found)
    assert len(covered.replace(" ", "")) >= len(text.replace(" ", "").removeprefix("am")), (text, found)


@pytest.mark.parametrize(
    ("sentence", "back", "ahead"),
    [
        ("Schön, dich am Dienstag getroffen zu haben.", True, False),
        ("Great to meet you on Thursday.", False, False),  # neither marked: the check reads the words around it
        ("It was lovely to see you last Tuesday.", True, False),
        ("Treffen wir uns am 14.01. um 12 Uhr?", False, True),
        ("Lunch on Feb 3rd at 12:15?", False, True),
        ("Ich bringe es dir am Donnerstag zurück.", False, True),
        ("We're hosting an evening on 10 March and I'd love you to join us.", False, True),
    ],
)
def test_past_and_future(sentence: str, back: bool, ahead: bool) -> None:
    assert D.looks_ahead(sentence) is ahead
    if back:
        assert D.looks_back(sentence)


def test_a_date_marked_as_past_is_never_a_proposal() -> None:
    assert D.ahead("Since last Tuesday, how about coffee?") == []
    assert [f.text for f in D.ahead("Since last Tuesday, how about coffee on Friday?")] == ["on Friday"]


def test_generated_dates_cover_every_weekday() -> None:
    start = date(2026, 1, 5)
    for i in range(7):
        d = start + timedelta(days=i)
        assert D.find(f"am {WEEKDAYS['de'][d.weekday()]}") and D.find(f"on {WEEKDAYS['en'][d.weekday()]}")
