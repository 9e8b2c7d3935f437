"""Reading CSV files: the robust opening (encodings, delimiters, preambles, broken files), Google Contacts' CSV
(current and legacy layout) and any CSV with a column mapping."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.interop import csvfiles
from rapport.interop.csvfiles import LINE_LIMIT, parse_yearly, read_google, read_mapped
from rapport.interop.records import BadRecord, ContactRecord, Item

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
DATA = Path(__file__).resolve().parents[1] / "data" / "csv"
GERMAN = (
    "Vorname=given_name,Nachname=family_name,Firma=organisation,E-Mail=email,E-Mail privat=email,Geburtstag=birthday"
)


def contacts(items: list[Item]) -> list[ContactRecord]:
    return [i for i in items if isinstance(i, ContactRecord)]


def by_name(items: list[Item]) -> dict[str, ContactRecord]:
    return {c.name: c for c in contacts(items)}


def problem(error: pytest.ExceptionInfo[InputError]) -> tuple[str, dict[str, object]]:
    facts = dict(error.value.facts)
    return str(facts.pop("problem")), facts


# -- Google Contacts, the sample -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def google() -> list[Item]:
    return list(read_google(str(SAMPLES / "google" / "contacts.csv")))


def test_google_sample_yields_one_contact_per_row(google: list[Item]) -> None:
    assert [c.name for c in contacts(google)] == [
        "Camille Rochat",
        "Prof. Dr. med. Katharina Imhof-Berger",
        "Joerg Buehler",
        "Fabian Koch",
    ]
    assert [c.line for c in contacts(google)] == [2, 3, 4, 5]
    assert all(c.source == "google-csv" and c.key == "" for c in contacts(google))


def test_google_keeps_joerg_spelled_as_written_with_a_birthday_without_year(google: list[Item]) -> None:
    joerg = by_name(google)["Joerg Buehler"]
    assert (joerg.given_name, joerg.family_name) == ("Joerg", "Buehler")
    assert joerg.birthday == YearlyDate(7, 22)
    assert joerg.organisation == "Glärnisch Engineering AG"
    assert joerg.phones == [("079 482 16 30", "Mobile")]
    assert joerg.tags == ["Beratung"]


def test_google_name_prefix_notes_linkedin_and_anniversary(google: list[Item]) -> None:
    katharina = by_name(google)["Prof. Dr. med. Katharina Imhof-Berger"]
    assert katharina.prefix == "Prof. Dr. med."
    assert (katharina.given_name, katharina.family_name) == ("Katharina", "Imhof-Berger")
    assert katharina.notes == ["Met at DIA Europe; interested in real-world evidence, rowing"]
    assert katharina.urls == [("linkedin", "https://www.linkedin.com/in/katharina-imhof-berger")]
    assert katharina.anniversaries == [("Anniversary", YearlyDate(9, 14, 2015))]
    assert katharina.tags == []  # only the system label "* myContacts"


def test_google_labels_split_on_the_separator_without_system_labels(google: list[Item]) -> None:
    camille = by_name(google)["Camille Rochat"]
    assert camille.tags == ["Mentoring"]
    assert camille.birthday == YearlyDate(4, 19, 1979)
    assert camille.emails == [("camille.rochat@telvia.example", "Work"), ("camille.r@example.net", "Home")]
    assert camille.title == "Chief Digital Officer"


def test_google_legacy_layout() -> None:
    items = list(read_google(str(DATA / "google-legacy.csv")))
    sophie, marco = contacts(items)
    assert sophie.full_name == "Sophie Dubois"
    assert sophie.emails == [
        ("sophie.dubois@example.ch", "Work"),
        ("sophie@dubois.example", "Work"),
        ("sophie.d@example.net", "Home"),
    ]
    assert sophie.tags == ["Mentoring"]
    assert sophie.organisation == "Swisscom" and sophie.title == "Chief Digital Officer"
    assert sophie.urls == [("linkedin", "https://www.linkedin.com/in/sophiedubois")]
    assert sophie.anniversaries == [("Anniversary", YearlyDate(6, 1))]
    assert sophie.address == "Seestrasse 1, 8002 Zürich, ZH, Schweiz"
    assert marco.address == "Via Nassa 5\n6900 Lugano"
    assert marco.urls == [("web", "https://marco.example")]
    assert marco.line == 3


# -- opening any CSV -----------------------------------------------------------------------------------------------


def test_utf16_with_bom_and_tabs() -> None:
    juergen, zoe = contacts(list(read_google(str(DATA / "utf16-bom.csv"))))
    assert juergen.name == "Jürgen Müller" and juergen.organisation == "Zühlke Engineering AG"
    assert juergen.emails == [("juergen.mueller@zuehlke.example", "Work")]
    assert zoe.name == "Dr. Zoë Brandt" and zoe.organisation == "ETH Zürich"


def test_utf8_with_stray_windows_1252_bytes_reads_both() -> None:
    names = [c.name for c in contacts(list(read_google(str(DATA / "mixed-encoding.csv"))))]
    assert names == ["Jürgen Müller", "Beat Schnüider"]


def test_quoted_line_breaks_and_records_reported_by_their_first_line() -> None:
    items = list(read_google(str(DATA / "quoted-newlines.csv")))
    anna, urs, oliver = contacts(items)
    assert anna.notes == ["first line\r\nsecond line\r\nthird, with comma"]
    assert urs.notes == ['He said "hi"'] and urs.tags == ["Supply Chain", "Bahn"]
    assert [anna.line, urs.line, oliver.line] == [2, 5, 7]


def test_rows_with_the_wrong_number_of_cells_are_bad_records_and_reading_goes_on() -> None:
    items = list(read_google(str(DATA / "wrong-cells.csv")))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("ContactRecord", 2),
        ("BadRecord", 3),
        ("BadRecord", 4),
        ("ContactRecord", 5),  # trailing empty cells are no problem
    ]
    assert items[1] == BadRecord(str(DATA / "wrong-cells.csv"), 3, "bad.columns", {"found": 3, "expected": 4})
    assert isinstance(items[2], BadRecord) and items[2].facts == {"found": 5, "expected": 4}


def test_a_quoted_value_left_open_at_the_end_is_a_bad_record() -> None:
    items = list(read_google(str(DATA / "truncated-quote.csv")))
    assert [c.name for c in contacts(items)] == ["Anna Schmidt-Weber"]
    assert isinstance(items[-1], BadRecord)
    assert (items[-1].line, items[-1].problem) == (4, "bad.unclosed_quote")


# The nasty corpus: each file and what reading it as Google CSV gives (a file problem, or the items' kinds).
CORPUS: list[tuple[str, str, dict[str, object]]] = [
    ("empty.csv", "file.empty", {"line": 0}),
    ("blank.csv", "file.empty", {"line": 0}),
    ("binary.csv", "file.binary", {"line": 0}),
    ("json-named.csv", "file.json", {"line": 0, "expected": "CSV"}),
    ("no-columns.csv", "file.missing_columns", {"line": 1, "columns": "First Name, Last Name, Labels"}),
    ("german-excel.csv", "file.missing_columns", {"line": 1, "columns": "First Name, Last Name, Labels"}),
]


@pytest.mark.parametrize(("name", "code", "facts"), CORPUS)
def test_unusable_files_raise_before_yielding_anything(name: str, code: str, facts: dict[str, object]) -> None:
    path = str(DATA / name)
    with pytest.raises(InputError) as error:
        list(read_google(path))
    assert error.value.code == "import.bad_file"
    assert problem(error) == (code, {"file": path, **facts})


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        list(read_google(str(tmp_path / "nope.csv")))
    assert problem(error)[0] == "file.unreadable"


def _gigantic(path: Path, where: str) -> None:
    header = "First Name,Last Name,Notes,Labels\n"
    huge = "x" * (LINE_LIMIT + 1)
    if where == "header":
        path.write_text(huge + "\n" + header)
    elif where == "row":
        path.write_text(header + "Anna,Schmidt,ok,\n" + f"Urs,Brunner,{huge},\n" + "Oliver,Graf,,\n")
    else:  # an unclosed quote swallowing many short lines
        path.write_text(header + 'Urs,Brunner,"' + ("short line\n" * (LINE_LIMIT // 10)) + "end\n")


@pytest.mark.parametrize(("where", "line"), [("header", 1), ("row", 3), ("quoted", 2)])
def test_a_gigantic_line_is_refused_without_reading_it_whole(tmp_path: Path, where: str, line: int) -> None:
    path = tmp_path / "huge.csv"
    _gigantic(path, where)
    with pytest.raises(InputError) as error:
        list(read_google(str(path)))
    assert problem(error) == ("file.too_long", {"file": str(path), "line": line, "limit": LINE_LIMIT})


def test_values_longer_than_csv_modules_default_limit_are_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    note = "word " * 60_000  # 300,000 characters: over csv's default field limit of 131,072
    path.write_text(f'First Name,Last Name,Notes,Labels\nAnna,Schmidt,"{note}",\n')
    (anna,) = contacts(list(read_google(str(path))))
    assert anna.notes == [note.strip()]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "contacts.csv"
    rows = [["First Name", "Last Name", "Organization Name", "Labels"], ["Anna", "Schmidt", "Roche, Basel; CH", ""]]
    path.write_text("\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows) + "\n")
    (anna,) = contacts(list(read_google(str(path))))
    assert anna.organisation == "Roche, Basel; CH"


def test_a_preamble_before_the_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text('Exported by some tool\n\n"a, quoted; note"\nFirst Name,Last Name,Labels\nAnna,Schmidt,\n')
    (anna,) = contacts(list(read_google(str(path))))
    assert (anna.name, anna.line) == ("Anna Schmidt", 5)


def test_a_row_without_any_name_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Organization Name,Labels\n,,Roche,\n")
    assert list(read_google(str(path))) == [BadRecord(str(path), 2, "bad.no_name")]


def test_reading_streams_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Labels\n" + "".join(f"Person,Number {i},\n" for i in range(1000)))
    items = read_google(str(path))
    first = next(items)
    assert isinstance(first, ContactRecord) and first.family_name == "Number 0"
    items.close()  # type: ignore[attr-defined]


# -- mapped CSV ----------------------------------------------------------------------------------------------------


def test_german_excel_with_semicolons_and_windows_1252() -> None:
    items = list(read_mapped(str(DATA / "german-excel.csv"), GERMAN + ",Notiz=note"))
    juergen, sophie, beat = contacts(items)
    assert juergen.name == "Jürgen Müller" and juergen.organisation == "Zühlke Engineering AG"
    assert juergen.birthday == YearlyDate(3, 15, 1980)
    assert juergen.notes == ["Kennt sich mit Bahnprojekten aus"]
    assert juergen.source == "csv"
    assert sophie.emails == [("sophie.dubois@example.ch", "E-Mail"), ("sophie.d@example.net", "E-Mail privat")]
    assert sophie.birthday == YearlyDate(11, 28)
    assert beat.notes == ['Sagt: "Grüezi"; mag Fondue']


def test_invalid_dates_inside_a_good_file_are_bad_records() -> None:
    path = str(DATA / "bad-dates.csv")
    items = list(read_mapped(path, "Vorname=given_name,Nachname=family_name,Geburtstag=birthday"))
    assert [c.name for c in contacts(items)] == ["Anna Schmidt-Weber", "Daniel Frei", "Oliver Graf"]
    assert [i for i in items if isinstance(i, BadRecord)] == [
        BadRecord(path, 3, "bad.date", {"value": "31.02.1980"}),
        BadRecord(path, 5, "bad.date", {"value": "gestern"}),
    ]


def test_mapped_columns_match_without_regard_to_case_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "NAME ,Work Mail,Private Mail,Phones,Profile,Xing,Web,Tags,Note 1,Note 2\n"
        "Anna Schmidt,anna@roche.example,anna@home.example; anna2@home.example,+41 61 1 ; 079 1,"
        'https://ch.linkedin.com/in/anna/,anna_schmidt,https://anna.example,"Pharma, Basel",first,second\n'
    )
    mapping = (
        "name=full_name,work mail=email,Private Mail=email,Phones=phone,Profile=linkedin,Xing=xing,Web=url,"
        "Tags=tags,Note 1=note,Note 2=note"
    )
    (anna,) = contacts(list(read_mapped(str(path), mapping)))
    assert anna.full_name == "Anna Schmidt"
    assert [e for e, _ in anna.emails] == ["anna@roche.example", "anna@home.example", "anna2@home.example"]
    assert anna.phones == [("+41 61 1", "Phones"), ("079 1", "Phones")]
    assert anna.urls == [
        ("linkedin", "https://www.linkedin.com/in/anna"),
        ("xing", "https://www.xing.com/profile/anna_schmidt"),
        ("web", "https://anna.example"),
    ]
    assert anna.tags == ["Pharma", "Basel"]
    assert anna.notes == ["first", "second"]


@pytest.mark.parametrize(
    "mapping",
    [
        "",
        "Vorname",
        "=given_name",
        "Vorname=vorname",
        "Vorname=given_name,Name=given_name",
        "E-Mail=email",
    ],
)
def test_an_invalid_mapping_is_refused(mapping: str) -> None:
    path = str(DATA / "german-excel.csv")
    with pytest.raises(InputError) as error:
        list(read_mapped(path, mapping))
    code, facts = problem(error)
    assert code == "file.bad_mapping"
    assert facts["mapping"] == mapping and facts["detail"]


def test_mapped_columns_missing_from_the_file() -> None:
    path = str(DATA / "no-columns.csv")
    with pytest.raises(InputError) as error:
        list(read_mapped(path, "Vorname=given_name,Name=family_name,Firma=organisation"))
    assert problem(error) == ("file.missing_columns", {"file": path, "line": 1, "columns": "Vorname, Firma"})


def test_read_dispatches_on_the_mapping() -> None:
    assert len(contacts(list(csvfiles.read(str(DATA / "german-excel.csv"), mapping=GERMAN)))) == 3
    assert len(contacts(list(csvfiles.read(str(SAMPLES / "google" / "contacts.csv"))))) == 4


# -- dates and addresses -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1982-11-28", YearlyDate(11, 28, 1982)),
        ("--03-15", YearlyDate(3, 15)),
        ("--0315", YearlyDate(3, 15)),
        ("19821128", YearlyDate(11, 28, 1982)),
        ("15.03.1980", YearlyDate(3, 15, 1980)),
        ("1.2.1990", YearlyDate(2, 1, 1990)),
        ("15.03.", YearlyDate(3, 15)),
        ("1604-03-15", YearlyDate(3, 15)),
        ("1980-03-15 00:00:00", YearlyDate(3, 15, 1980)),
        ("--02-29", YearlyDate(2, 29)),
    ],
)
def test_dates_accepted(text: str, expected: YearlyDate) -> None:
    assert parse_yearly(text) == expected


@pytest.mark.parametrize("text", ["31.02.1980", "gestern", "03/15/1980", "2023-02-29", "--13-01", "15.03.80", ""])
def test_dates_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_yearly(text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/anna/", "https://www.linkedin.com/in/anna"),
        ("HTTP://CH.LinkedIn.com/in/anna-x?trk=abc", "https://www.linkedin.com/in/anna-x"),
        ("linkedin.com/in/zo%C3%AB-brandt", "https://www.linkedin.com/in/zo%C3%AB-brandt"),
        ("www.linkedin.com/in/anna/de", "https://www.linkedin.com/in/anna"),
        ("https://www.linkedin.com/company/roche/", "https://www.linkedin.com/company/roche"),
        ("https://example.com/linkedin.com/in/x", "https://example.com/linkedin.com/in/x"),
    ],
)
def test_linkedin_addresses_in_one_form(url: str, expected: str) -> None:
    assert csvfiles.linkedin_profile(url) == expected


# -- anything at all -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv")


def _write(folder: Path, data: bytes) -> str:
    """The data as the one input file of a property test (each example overwrites the last)."""
    path = folder / "input.csv"
    path.write_bytes(data)
    return str(path)


def _drain(items: Iterator[Item]) -> None:
    try:
        for item in items:
            assert isinstance(item, ContactRecord | BadRecord)
    except InputError as error:
        assert error.code == "import.bad_file"


HEADER = b"First Name,Last Name,Birthday,Labels,E-mail 1 - Value,Website 1 - Label,Website 1 - Value,Event 1 - Value\n"
CSVISH = st.lists(st.sampled_from([*',;"\n\r\t ab\xfc\x00:*-.0123456789/', " ::: ", "--", "linkedin.com/in/"])).map(
    "".join
)


@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_yield_items_or_an_input_error(scratch: Path, data: bytes) -> None:
    path = _write(scratch, data)
    _drain(read_google(path))
    _drain(read_mapped(path, "a=full_name,b=email,c=birthday"))


@given(text=CSVISH, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_arbitrary_rows_after_a_good_header_yield_items_or_an_input_error(
    scratch: Path, text: str, encoding: str
) -> None:
    path = _write(scratch, HEADER.decode().encode(encoding) + text.encode(encoding, errors="replace"))
    _drain(read_google(path))


@given(text=st.text(max_size=300))
def test_arbitrary_text_yields_items_or_an_input_error(scratch: Path, text: str) -> None:
    for data in (
        text.encode("utf-8", errors="surrogatepass"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le", "replace"),
    ):
        _drain(read_google(_write(scratch, data)))
