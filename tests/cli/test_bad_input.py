"""Bad input gets one clear line, a non-zero exit, and leaves the data exactly as it was."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli

REFUSED = [
    (("show", "Nobody"), 3, "no contact matches 'Nobody'"),
    (("log", "Nobody", "--via", "call"), 3, "no contact matches"),
    (("log", "anna", "--via", "pigeon"), 2, "unknown channel 'pigeon'"),
    (("log", "anna", "--via", "call", "--when", "2026-13-45"), 2, "is not a date or time"),
    (("add", "Someone", "--email", "not-an-address"), 2, "not a valid e-mail address"),
    (("add", "Someone", "--birthday", "1990-02-30"), 2, "not a valid date"),
    (("add", "Someone", "--phone", "12"), 2, "not a valid phone number"),
    (("add", "Someone", "--linkedin", "https://example.com/me"), 2, "not a linkedin profile"),
    (("add", "Someone", "--circle", "galaxy"), 2, "unknown circle 'galaxy'"),
    (("move", "anna", "galaxy"), 2, "unknown circle"),
    (("gave", "anna", "money"), 2, "unknown kind of favour"),
    (("news", "anna", "wedding-of-the-year"), 2, "unknown kind of news"),
    (("note", "anna", "   "), 2, "must not be empty"),
    (("today", "--limit", "-3"), 2, "must not be negative"),
    (("met", "Someone New", "--at", ""), 2, "must not be empty"),
    (("add", "Anna Keller"), 4, "already in your network"),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSED, ids=[" ".join(a[0]) for a in REFUSED])
def test_refused_input_changes_nothing(cli: Cli, args: tuple[str, ...], code: int, message: str) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--email", "anna@example.com")
    cli.ok("met", "Anna Keller", "--at", "a talk", "--when", "2026-11-20")
    before = cli.snapshot()
    result = cli(*args)
    assert result.code == code
    assert message in result.err
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert cli.snapshot() == before


def test_an_ambiguous_name_lists_the_candidates_and_exits_2(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--company", "Acme")
    cli.ok("add", "Anna Meier", "--company", "Globex")
    before = cli.snapshot()
    result = cli("log", "anna", "--via", "call")
    assert result.code == 2
    assert "Anna Keller (#1, Acme)" in result.err and "Anna Meier (#2, Globex)" in result.err
    assert cli.snapshot() == before


def test_a_full_core_circle_names_the_least_active_members(cli: Cli) -> None:
    cli.ok("init")
    for i in range(20):
        cli.ok("add", f"Core Person {i:02d}", "--circle", "core")
        if i != 7:
            cli.ok("log", f"Core Person {i:02d}", "--via", "in-person", "--when", "2026-11-01")
    cli.ok("add", "Newcomer")
    before = cli.snapshot()
    result = cli("move", "newcomer", "core")
    assert result.code == 4
    assert "core circle is full (20 people" in result.err and "Core Person 07" in result.err.split("least active:")[1]
    assert cli.snapshot() == before
    refused_add = cli("add", "Another One", "--circle", "core")
    assert refused_add.code == 4 and cli.snapshot() == before
    cli.ok("move", "newcomer", "core", "--force")


def test_errors_are_translated(cli: Cli) -> None:
    cli.ok("init")
    result = cli("show", "Niemand", lang="de")
    assert result.code == 3 and result.err.startswith("Fehler: kein Kontakt passt zu «Niemand»")


def test_an_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from rapport.cli.main import main

    code = main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "today"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and "cannot reach the database" in err
