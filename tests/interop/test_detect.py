"""Telling a file's format by its content."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.errors import InputError
from rapport.interop.csvfiles import LINE_LIMIT
from rapport.interop.detect import detect

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = DATA / "samples"
FORMATS = {"vcard", "linkedin", "google-csv", "csv"}


def problem(path: Path) -> tuple[str, dict[str, object]]:
    with pytest.raises(InputError) as error:
        detect(str(path))
    assert error.value.code == "import.bad_file"
    facts = dict(error.value.facts)
    return str(facts.pop("problem")), facts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("vcard/apple-contacts-3.0.vcf", "vcard"),
        ("vcard/google-contacts-3.0.vcf", "vcard"),
        ("vcard/outlook-2.1.vcf", "vcard"),
        ("vcard/rfc6350-4.0.vcf", "vcard"),
        ("vcard/xing-single-3.0.vcf", "vcard"),
        ("linkedin/Connections.csv", "linkedin"),
        ("linkedin/Connections-2025-06-01.csv", "linkedin"),
        ("linkedin/Connections-2020-legacy.csv", "linkedin"),
        ("linkedin/messages.csv", "linkedin"),
        ("linkedin/Invitations.csv", "linkedin"),
        ("google/contacts.csv", "google-csv"),
    ],
)
def test_the_samples(name: str, expected: str) -> None:
    assert detect(str(SAMPLES / name)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("csv/german-excel.csv", "csv"),
        ("csv/bad-dates.csv", "csv"),
        ("csv/no-columns.csv", "csv"),
        ("csv/google-legacy.csv", "google-csv"),
        ("csv/utf16-bom.csv", "google-csv"),
        ("csv/mixed-encoding.csv", "google-csv"),
        ("linkedin/Connections-2022-no-url.csv", "linkedin"),
        ("linkedin/Connections-excel.csv", "linkedin"),
        ("linkedin/messages-2021.csv", "linkedin"),
        ("linkedin/messages-2026.csv", "linkedin"),
        ("linkedin/Invitations-2021.csv", "linkedin"),
    ],
)
def test_the_corpus(name: str, expected: str) -> None:
    assert detect(str(DATA / name)) == expected


@pytest.mark.parametrize(
    ("name", "code", "facts"),
    [
        ("empty.csv", "file.empty", {}),
        ("blank.csv", "file.empty", {}),
        ("binary.csv", "file.binary", {}),
        ("json-named.csv", "file.json", {"expected": "CSV/vCard"}),
    ],
)
def test_unusable_files(name: str, code: str, facts: dict[str, object]) -> None:
    path = DATA / "csv" / name
    assert problem(path) == (code, {"file": str(path), "line": 0, **facts})


def test_content_wins_over_the_name(tmp_path: Path) -> None:
    vcard = tmp_path / "contacts.csv"
    vcard.write_bytes(codecs.BOM_UTF8 + b"\r\n\r\nbegin:vcard\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n")
    assert detect(str(vcard)) == "vcard"
    utf16 = tmp_path / "contacts.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16-le"))
    assert detect(str(utf16)) == "vcard"
    linkedin = tmp_path / "export.vcf"
    linkedin.write_bytes((SAMPLES / "linkedin" / "Connections.csv").read_bytes())
    assert detect(str(linkedin)) == "linkedin"
    json = tmp_path / "people.vcf"
    json.write_text('{"contacts": []}')
    assert problem(json)[0] == "file.json"


def test_linkedin_zip_and_folder(tmp_path: Path) -> None:
    export = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Basic_LinkedInDataExport/Invitations.csv", "From,To,Sent At,Message,Direction\n")
    assert detect(str(export)) == "linkedin"
    folder = tmp_path / "extracted" / "inner"
    folder.mkdir(parents=True)
    (folder / "messages.csv").write_text("CONVERSATION ID,FROM,TO,DATE\n")
    assert detect(str(tmp_path / "extracted")) == "linkedin"


def test_a_zip_that_is_no_linkedin_export(tmp_path: Path) -> None:
    workbook = tmp_path / "contacts.xlsx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    code, facts = problem(workbook)
    assert code == "file.bad_zip" and "Connections.csv" in str(facts["detail"])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert problem(broken)[0] == "file.bad_zip"


def test_a_gigantic_first_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("a" * (LINE_LIMIT + 10) + "\n")
    assert problem(path) == ("file.too_long", {"file": str(path), "line": 1, "limit": LINE_LIMIT})


def test_a_german_excel_linkedin_export_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "Verbindungen.csv"
    path.write_bytes(
        "First Name;Last Name;Company;Position;Connected On\r\nJürgen;Müller;Zühlke;;02.09.20\r\n".encode("cp1252")
    )
    assert detect(str(path)) == "linkedin"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("detect")


@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_are_a_format_or_an_input_error(scratch: Path, data: bytes) -> None:
    path = scratch / "input"
    path.write_bytes(data)
    try:
        assert detect(str(path)) in FORMATS
    except InputError as error:
        assert error.code == "import.bad_file"


@given(text=st.text(max_size=200), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_arbitrary_text_is_a_format_or_an_input_error(scratch: Path, text: str, encoding: str) -> None:
    path = scratch / "input"
    path.write_bytes(text.encode(encoding, errors="surrogatepass"))
    try:
        assert detect(str(path)) in FORMATS
    except InputError as error:
        assert error.code == "import.bad_file"
