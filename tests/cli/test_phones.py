"""Phone numbers are stored in E.164 and shown for people: in international format, whatever their country."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def test_show_and_list_write_phone_numbers_in_international_format(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--phone", "079 123 45 67", "--phone", "+49 30 1234567")
    assert "+41 79 123 45 67, +49 30 1234567" in cli.ok("show", "anna").out
    assert "+41 79 123 45 67" in cli.ok("list").out  # the first number
    assert "Telefon" in cli.ok("list", lang="de").out and "Telefon" in cli.ok("show", "anna", lang="de").out
    # scripts keep the stored form
    assert json.loads(cli.ok("list", "--json").out)[0]["phone"] == "+41791234567"
    assert json.loads(cli.ok("show", "anna", "--json").out)["phones"] == ["+41791234567", "+49301234567"]

    card = tmp_path / "odd.vcf"  # an imported number no one can read is shown as the file had it
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla Roth\r\nTEL:12\r\nEND:VCARD\r\n", encoding="utf-8")
    cli.ok("import", str(card))
    shown = cli.ok("show", "carla").out
    assert re.search(r"^Phone +12 *$", shown, re.MULTILINE)
    assert json.loads(cli.ok("list", "--json").out)[1]["phone"] == "12"

    monkeypatch.setenv("RAPPORT_REGION", "DE")  # a number without a country code is one of the user's region
    cli.ok("add", "Bernd Schulz", "--phone", "030 1234567")
    assert "+49 30 1234567" in cli.ok("show", "bernd").out
