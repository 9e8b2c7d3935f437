"""`rapport config`: every value checked before it is written, written so that it reads back, never a lock-out."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapport import config
from rapport.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--lang", lang, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


REFUSED = [
    ("smtp_port", "0", "from 1 to 65535", "von 1 bis 65535"),
    ("smtp_port", "70000", "from 1 to 65535", "von 1 bis 65535"),
    ("smtp_port", "587abc", "not a whole number", "keine ganze Zahl"),
    ("daily_budget", "1" * 40, "not a whole number", "keine ganze Zahl"),
    ("dormant_days", "-1", "from 0 to", "von 0 bis"),
    ("smtp_security", "tls", "not one of starttls, ssl, none", "keins von starttls, ssl, none"),
    ("region", "XX", "not a country code", "kein Ländercode"),
    ("region", "Switzerland", "not a country code", "kein Ländercode"),
    ("default_circle", "   ", "not a usable circle name", "kein brauchbarer Kreisname"),
    ("default_circle", "c" * 51, "not a usable circle name", "kein brauchbarer Kreisname"),
    ("mail_from", "Julia <julia@", "not an address such as", "keine Adresse wie"),
    ("mail_from", "julia@example.ch\r\nBcc: all@example.org", "not a usable value", "kein brauchbarer Wert"),
    ("smtp_host", "mail server.example.ch", "not a usable value", "kein brauchbarer Wert"),
    ("smtp_user", "julia\nroot", "not a usable value", "kein brauchbarer Wert"),
    ("timezone", "Mars/Olympus", "Mars/Olympus", "Mars/Olympus"),
    ("lang", "fr", "fr", "fr"),
    ("colour", "red", "unknown setting 'colour'", "unbekannte Einstellung «colour»"),
]


@pytest.mark.parametrize(("key", "value", "english", "german"), REFUSED, ids=[f"{r[0]}={r[1][:12]}" for r in REFUSED])
def test_a_bad_value_is_refused_and_the_file_stays(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: str, english: str, german: str
) -> None:
    run(capsys, "config", "set", "daily_budget", "3")
    path = Path(config.config_path())
    before = path.read_bytes()
    for lang, message in (("en", english), ("de", german)):
        code, _out, err = run(capsys, "config", "set", "--", key, value, lang=lang)
        assert code == 2 and err.count("\n") == 1 and message in err, err
    assert path.read_bytes() == before


def test_good_values_are_normalised(capsys: pytest.CaptureFixture[str]) -> None:
    for key, typed, stored in (
        ("region", "de", "DE"),
        ("smtp_security", " SSL ", "ssl"),
        ("default_circle", "Core", "core"),
        ("mail_from", "Julia Baumann <julia@example.ch>", "Julia Baumann <julia@example.ch>"),
        ("smtp_port", "465", 465),
        ("smtp_host", "mail.example.ch", "mail.example.ch"),
    ):
        assert run(capsys, "config", "set", key, typed)[0] == 0
        assert config.read_file()[key] == stored


@settings(max_examples=80, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60))
def test_a_password_with_quotes_backslashes_and_line_breaks_reads_back(password: str) -> None:
    config.write_setting("smtp_password", password)
    assert config.read_file()["smtp_password"] == password
    assert config.load().smtp_password == password


def test_quotes_and_backslashes_round_trip_through_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    for key, value in (("smtp_user", "ju\"lia\\x 'o'"), ("smtp_password", 'a"b\\c\nd\te\u2028f'), ("mail_from", "")):
        assert run(capsys, "config", "set", key, value)[0] == 0
        assert config.read_file()[key] == value
    code, out, _err = run(capsys, "config", "get", "smtp_user")
    assert code == 0 and out == "ju\"lia\\x 'o'\n"


def test_the_config_file_is_readable_by_its_owner_only(capsys: pytest.CaptureFixture[str]) -> None:
    os.umask(0o022)
    assert run(capsys, "config", "set", "smtp_password", "s3cret")[0] == 0
    path = Path(config.config_path())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    assert run(capsys, "config", "set", "smtp_user", "julia")[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_broken_config_file_never_blocks_unset(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(config.config_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('daily_budget = 3\nsmtp_port = "587\nregion = "DE"\n', encoding="utf-8")
    code, _out, err = run(capsys, "config", "list")
    assert code == 2 and "cannot be read" in err and err.count("\n") == 1
    code, out, err = run(capsys, "config", "unset", "smtp_port", lang="de")
    assert code == 0 and "smtp_port" in out, err
    assert config.read_file() == {"daily_budget": 3, "region": "DE"}
    assert run(capsys, "config", "list")[0] == 0


def test_an_unknown_key_in_the_file_can_be_removed(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(config.config_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('colour = "red"\ndaily_budget = 3\n', encoding="utf-8")
    code, _out, err = run(capsys, "today")
    assert code == 2 and "unknown setting 'colour'" in err
    assert run(capsys, "config", "unset", "colour")[0] == 0
    assert config.read_file() == {"daily_budget": 3}
    code, _out, err = run(capsys, "config", "unset", "colour")
    assert code == 2 and "unknown setting 'colour'" in err


def test_reading_the_config_imports_no_service() -> None:
    """Data flows one way: settings are read (and --now parsed) without the use cases."""
    probe = (
        "import sys\nfrom datetime import UTC\nfrom rapport import config\n"
        "config.load(lang='de')\nconfig.parse_now('2026-11-26T09:00', UTC)\n"
        "print(sorted(m for m in sys.modules if m.startswith('rapport.services')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
