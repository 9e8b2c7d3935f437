"""Readable terminal output: `list` keeps each contact on one line and shortens with "…" rather than breaking a
word; `show` wraps notes at word boundaries; circles, kinds and channels read and typed in either language."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Cli

LONG_NAME = "Maximiliane Annemarie Zurbriggen-Oberholzer"
LONG_ORGANISATION = "Eidgenössische Materialprüfungs- und Forschungsanstalt Dübendorf"
NOTE = (
    "Talked about the supply chain of hospital equipment; she wants an introduction to someone at "
    "Kantonsspital Winterthur who runs procurement, and asked for the article on circular purchasing."
)


@pytest.mark.parametrize("columns", [70, 100])
def test_list_keeps_every_contact_on_one_line_and_shortens_with_an_ellipsis(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    cli.ok("init")
    cli.ok("add", LONG_NAME, "--company", LONG_ORGANISATION, "--phone", "079 123 45 67")
    cli.ok("add", "Urs Meier", "--company", "Velofix GmbH")
    lines = cli.ok("list").out.rstrip("\n").split("\n")
    assert len(lines) == 3, lines  # the header and one line per contact
    assert all(len(line.rstrip()) <= columns for line in lines)
    row = next(line for line in lines if line.startswith("Maxi"))
    assert "…" in row and LONG_ORGANISATION not in row
    assert "+41 79 123 45 67" in row  # a phone number is never shortened
    shown = row.split("…")[0]
    assert LONG_NAME.startswith(shown.strip()) or (LONG_NAME in shown)
    assert "Urs Meier" in lines[2] and "Velofix GmbH" in lines[2]  # what fits is shown whole


def test_a_wide_terminal_shows_everything_whole(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli.ok("init")
    cli.ok("add", LONG_NAME, "--company", LONG_ORGANISATION)
    listed = cli.ok("list").out
    assert LONG_NAME in listed and LONG_ORGANISATION in listed and "…" not in listed


def test_show_wraps_notes_at_word_boundaries(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    cli.ok("note", "Anna", NOTE)
    out = cli.ok("show", "Anna").out
    notes = out.split("Notes\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert len(notes) > 3 and all(len(line) <= 50 for line in notes)
    # every word of the note arrives whole: joining the lines gives the note back
    assert NOTE in " ".join(" ".join(notes).split())
    for line in notes[1:]:
        assert line.startswith("    ") and line[4] != " "  # continuation lines hang under the note


def test_circles_kinds_and_channels_are_typed_and_shown_in_either_language(cli: Cli) -> None:
    cli.ok("init")
    added = cli.ok("add", "Anna Keller", "--circle", "Kern", lang="de")
    assert "zum Kreis Kern hinzugefügt" in added.out
    assert json.loads(cli.ok("show", "Anna", "--json").out)["circle"] == "core"  # stored as the English key
    assert "Moved Anna Keller from core to wider." in cli.ok("move", "Anna", "weiter").out
    assert "von Weiter nach Aktiv verschoben" in cli.ok("move", "Anna", "active", lang="de").out
    listed = cli.ok("list", "--circle", "aktiv", lang="de").out
    assert "Anna Keller" in listed and "Aktiv" in listed and "active" not in listed
    circles = cli.ok("circles", lang="de").out
    assert all(word in circles for word in ("Kern", "Aktiv", "Weiter", "Archiviert"))
    assert "Stellenhinweis" in cli.ok("got", "Anna", "job-lead", lang="de").out
    assert "gave Anna Keller referral" in cli.ok("gave", "Anna", "Empfehlung").out
    assert "Neue Stelle für Anna Keller erfasst" in cli.ok("news", "Anna", "new job", lang="de").out
    cli.ok("log", "Anna", "--via", "Videoanruf")
    shown = json.loads(cli.ok("show", "Anna", "--json").out)
    assert [i["channel"] for i in shown["interactions"]] == ["video"]
    assert {f["kind"] for f in shown["ledger"]} == {"job-lead", "referral"}
    german = cli.ok("show", "Anna", lang="de").out
    assert "Stellenhinweis" in german and "Empfehlung" in german and "Neue Stelle" in german
    refused = cli("log", "Anna", "--via", "brieftaube", lang="de")
    assert refused.code == 2 and "Videoanruf" in refused.err and "Traceback" not in refused.err
