"""LinkedIn exports as files: the day an export was made, and archives or tables too big to be a real export."""

from __future__ import annotations

import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.errors import InputError
from rapport.interop import csvfiles, linkedin
from rapport.interop.linkedin import ExportDate, archive_date, date_in_name, export_date, read

CONNECTIONS = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = b"Anna,Frei,https://www.linkedin.com/in/anna-frei,,Roche,Chemist,12 Mar 2019\n"
TODAY = date(2026, 11, 26)
DAYS = st.dates(min_value=date(2003, 5, 5), max_value=date(2100, 12, 31))


def _archive(path: Path, members: dict[str, bytes], when: tuple[int, ...] = (2026, 11, 20, 8, 0, 0)) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data, compress_type=zipfile.ZIP_DEFLATED)  # type: ignore[arg-type]
    return path


def _problem(error: pytest.ExceptionInfo[InputError]) -> tuple[str, dict[str, object]]:
    facts = dict(error.value.facts)
    return str(facts.pop("problem")), facts


# -- the export's date ---------------------------------------------------------------------------------------------


@given(DAYS)
def test_a_date_in_a_file_name_is_read_back(day: date) -> None:
    assert date_in_name(f"Connections-{day.isoformat()}.csv") == day
    assert date_in_name(f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip") == day  # LinkedIn's own name
    assert date_in_name(f"export_{day:%Y_%m_%d}") == day


@given(DAYS.filter(lambda d: d.day > 12))
def test_day_month_year_is_read_where_the_month_cannot_come_first(day: date) -> None:
    assert date_in_name(f"Connections {day:%d.%m.%Y}.csv") == day


@given(st.text(max_size=60))
def test_any_name_gives_a_valid_date_or_none(name: str) -> None:
    found = date_in_name(name)
    assert found is None or isinstance(found, date)


@pytest.mark.parametrize("name", ["Connections.csv", "Connections-2025-13-01.csv", "export-02-30-2025.zip", "12345678"])
def test_a_name_without_a_valid_date_gives_none(name: str) -> None:
    assert date_in_name(name) is None


@given(claimed=DAYS, today=DAYS)
def test_an_export_is_never_dated_after_today(claimed: date, today: date) -> None:
    found = export_date("Connections.csv", today, given=claimed)
    assert found is not None and found.day == min(claimed, today)
    assert found.claimed == (claimed if claimed > today else None)


def test_the_zip_times_date_the_export(tmp_path: Path) -> None:
    path = _archive(tmp_path / "export-2024-01-01.zip", {"x/Connections.csv": CONNECTIONS + ROW})
    assert export_date(str(path), TODAY) == ExportDate(date(2026, 11, 20), "archive")


def test_a_zip_without_times_is_dated_by_its_name_or_its_connections(tmp_path: Path) -> None:
    no_times = (1980, 1, 1, 0, 0, 0)  # what zip writers put when they have no time
    named = _archive(tmp_path / "export-2024-01-01.zip", {"Connections.csv": CONNECTIONS + ROW}, no_times)
    assert archive_date(str(named)) is None
    assert export_date(str(named), TODAY) == ExportDate(date(2024, 1, 1), "name")
    plain = _archive(tmp_path / "export.zip", {"Connections.csv": CONNECTIONS + ROW}, no_times)
    assert export_date(str(plain), TODAY) == ExportDate(date(2019, 3, 12), "connections")


def test_the_newest_connection_is_a_lower_bound_ignoring_dates_to_come(tmp_path: Path) -> None:
    future = b"Zoe,Frei,https://www.linkedin.com/in/zoe-frei,,ETH,Professor,01 Jan 2027\n"
    newer = b"Urs,Graf,https://www.linkedin.com/in/urs-graf,,ABB,Engineer,20 Nov 2026\n"
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS + ROW + future + newer)
    assert export_date(str(path), TODAY) == ExportDate(date(2026, 11, 20), "connections")
    only_messages = tmp_path / "messages.csv"
    only_messages.write_bytes(b"CONVERSATION ID,FROM,TO,DATE\n")
    assert export_date(str(only_messages), TODAY) is None


def test_an_extracted_file_is_dated_by_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport_06-01-2025"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(CONNECTIONS + ROW)
    assert export_date(str(folder / "Connections.csv"), TODAY) == ExportDate(date(2025, 6, 1), "name")
    assert export_date(str(folder), TODAY) == ExportDate(date(2025, 6, 1), "name")


# -- archives that are no single export ---------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "MEMBER_LIMIT", 1 << 20)
    padding = b"," * 6 + b"\n"
    bomb = CONNECTIONS + padding * ((2 << 20) // len(padding))  # 2 MB that compress to a few kB
    path = _archive(tmp_path / "export.zip", {"Connections.csv": bomb})
    assert path.stat().st_size < 50_000
    with pytest.raises(InputError) as error:
        list(read(str(path)))
    assert _problem(error) == (
        "file.zip_too_large",
        {"file": str(path), "line": 0, "member": "Connections.csv", "limit": 1},
    )


def test_a_member_larger_than_its_header_says_stops_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size a zip header claims may lie: reading itself stops at the limit."""
    monkeypatch.setattr(linkedin, "MEMBER_LIMIT", 1 << 20)
    path = _archive(tmp_path / "export.zip", {"Connections.csv": CONNECTIONS + ROW * 100_000})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Connections.csv")
    info.file_size = 1000  # as a forged header would claim
    with zipfile.ZipFile(path) as archive, pytest.raises(InputError) as error:
        stream = linkedin._Limited(str(path), info, archive.open("Connections.csv"))
        while stream.read(65536):
            pass
    assert _problem(error)[0] == "file.zip_too_large"


def test_several_connections_files_in_one_archive_are_named(tmp_path: Path) -> None:
    members = {"2024/Connections.csv": CONNECTIONS + ROW, "2026/Connections.csv": CONNECTIONS + ROW}
    path = _archive(tmp_path / "exports.zip", members)
    with pytest.raises(InputError) as error:
        list(read(str(path)))
    assert _problem(error) == (
        "file.several_connections",
        {"file": str(path), "line": 0, "members": "2024/Connections.csv, 2026/Connections.csv"},
    )
    for name, data in members.items():
        (tmp_path / "folder" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "folder" / name).write_bytes(data)
    with pytest.raises(InputError) as error:
        list(read(str(tmp_path / "folder")))
    assert _problem(error)[0] == "file.several_connections"


# -- wide tables ---------------------------------------------------------------------------------------------------


def test_a_header_of_a_hundred_thousand_columns_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS.rstrip(b"\n") + b"," * 100_000 + b"\n" + ROW)
    started = time.monotonic()
    with pytest.raises(InputError) as error:
        list(read(str(path)))
    assert _problem(error) == ("file.too_many_columns", {"file": str(path), "line": 1, "found": 100_007, "limit": 2000})
    assert time.monotonic() - started < 10


def test_many_unnamed_columns_within_the_limit_are_read_in_linear_time(tmp_path: Path) -> None:
    """Repeated (here: empty) column names are numbered; that once took 30 seconds for 2,000 of them."""
    path = tmp_path / "Connections.csv"
    width = csvfiles.COLUMN_LIMIT - 7
    path.write_bytes(CONNECTIONS.rstrip(b"\n") + b"," * width + b"\n" + ROW.rstrip(b"\n") + b"," * width + b"\n")
    started = time.monotonic()
    items = list(read(str(path)))
    assert len(items) == 1 and getattr(items[0], "family_name", "") == "Frei"
    assert time.monotonic() - started < 10
