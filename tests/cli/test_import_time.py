"""`rapport import` says which day a LinkedIn export is from and what was dated later than now, in both languages;
bad dates and oversized archives are one line and change nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from rapport.interop import linkedin
from tests.cli.conftest import Cli

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = (
    "Anna,Frei,https://www.linkedin.com/in/anna-frei,,Roche,Chemist,12 Mar 2019\n"
    "Urs,Graf,https://www.linkedin.com/in/urs-graf,,ABB,Engineer,20 Nov 2026\n"
)
MESSAGES = (
    "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
    "c1,Julia Baumann,https://www.linkedin.com/in/julia,Anna Frei,https://www.linkedin.com/in/anna-frei,"
    "2026-11-20 10:00:00 UTC,Hallo\n"
    "c1,Anna Frei,https://www.linkedin.com/in/anna-frei,Julia Baumann,https://www.linkedin.com/in/julia,"
    "2027-03-01 10:00:00 UTC,Bis bald\n"
)


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Connections.csv: LinkedIn export of 20 Nov 2026 (at least: the newest 'Connected On' date"),
        ("de", "Connections.csv: LinkedIn-Export vom 20.11.2026 (mindestens: das neueste «Connected On»-Datum"),
    ],
)
def test_the_summary_says_which_export_date_was_used(cli: Cli, tmp_path: Path, lang: str, expected: str) -> None:
    cli.ok("init")
    path = _write(tmp_path / "Connections.csv", HEADER + ROWS)
    assert expected in cli.ok("import", path, lang=lang).out


def test_the_given_export_date_is_used_and_said(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    path = _write(tmp_path / "Connections.csv", HEADER + ROWS)
    out = cli.ok("import", path, "--exported-on", "2026-11-24", lang="de").out
    assert "LinkedIn-Export vom 24.11.2026 (wie mit --exported-on angegeben)" in out


@pytest.mark.parametrize(("value", "lang"), [("2026-13-01", "en"), ("gestern", "de"), ("2026-11-27", "en")])
def test_a_bad_export_date_is_one_line_and_changes_nothing(cli: Cli, tmp_path: Path, value: str, lang: str) -> None:
    cli.ok("init")
    path = _write(tmp_path / "Connections.csv", HEADER + ROWS)
    before = cli.snapshot()
    result = cli("import", path, "--exported-on", value, lang=lang)
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1, result.err
    assert value in result.err and "Traceback" not in result.err
    assert cli.snapshot() == before


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "messages.csv, line 3: message or invitation of 2027-03-01T10:00:00+00:00 is later than now"),
        ("de", "messages.csv, Zeile 3: Nachricht oder Einladung vom 2027-03-01T10:00:00+00:00 liegt nach jetzt"),
    ],
)
def test_a_future_message_is_reported_with_file_and_line(cli: Cli, tmp_path: Path, lang: str, expected: str) -> None:
    cli.ok("init")
    path = _write(tmp_path / "messages.csv", MESSAGES)
    result = cli.ok("import", path, "--owner", "Julia Baumann", lang=lang)
    assert expected in result.err
    data = json.loads(cli.ok("import", path, "--owner", "Julia Baumann", "--json").out)
    assert data["interactions"] == 0 and data["future"] == [
        {"file": path, "line": 3, "what": "interaction", "value": "2027-03-01T10:00:00+00:00"}
    ]


def test_a_zip_bomb_is_one_line_and_changes_nothing(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "MEMBER_LIMIT", 1 << 20)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", HEADER + ROWS + ",,,,,,\n" * 300_000)
    cli.ok("init")
    before = cli.snapshot()
    result = cli("import", str(path), lang="de")
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1, result.err
    assert "Connections.csv wird entpackt grösser als 1 MB" in result.err
    assert cli.snapshot() == before


def test_an_older_export_says_the_newer_jobs_were_kept(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("import", _write(tmp_path / "Connections-2026-11-20.csv", HEADER + ROWS))
    older = HEADER + ROWS.replace("Roche,Chemist", "Novartis,Lab Assistant")
    out = cli.ok("import", _write(tmp_path / "Connections-2024-01-10.csv", older)).out
    assert "1 contact: newer LinkedIn data was already known; their jobs were kept, no news." in out
    assert "News:" not in out
    assert "Roche" in cli.ok("show", "Anna Frei").out
