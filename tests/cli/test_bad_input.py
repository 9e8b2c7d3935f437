"""Bad input gets one clear line, a non-zero exit, and leaves the data exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

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


# What input refuses, in English and in German: one line, exit code, the store exactly as before.
LONG = "x" * 301
REFUSED_IN_BOTH_LANGUAGES = [
    (("circle", "friends", "--cadence", "1000000000"), 2, "out of range (from 1 to 36500)", "ausserhalb des Bereichs"),
    (("circle", "friends", "--capacity", "99999999999999999999"), 2, "out of range", "ausserhalb des Bereichs"),
    (("show", "#99999999999999999999"), 3, "no contact matches '#99999999999999999999'", "kein Kontakt passt"),
    (("show", "#²"), 3, "no contact matches", "kein Kontakt passt"),
    (("today", "--limit", "99999999999999999999"), 2, "--limit: 99999999999999999999 is out of range", "--limit:"),
    (("log", "anna", "--via", "call", "--when", "9999-12-31"), 2, "out of range (from 1900 to 2200)", "von 1900 bis"),
    (("add", "Someone", "--birthday", "9999-01-01"), 2, "not a valid date", "kein gültiges Datum"),
    (("add", "Someone", "--company", LONG), 2, "--company is too long (at most 300", "höchstens 300 Zeichen"),
    (("add", "N" * 301), 2, "NAME is too long (at most 300", "NAME ist zu lang"),
    (("add", "Someone", "--tag", "t" * 101), 2, "--tag is too long (at most 100", "--tag ist zu lang"),
    (("add", "Someone", "--interest", "i" * 201), 2, "--interest is too long (at most 200", "höchstens 200"),
    (("add", "Someone", "--anniversary", "w" * 201 + "=2015-06-20"), 2, "--anniversary is too long", "zu lang"),
    (("met", "Someone", "--at", "p" * 501), 2, "--at is too long (at most 500", "--at ist zu lang"),
    (("add", "Some\x00one"), 2, "cannot be stored", "nicht speichern"),
    (("edit", "anna", "--company", LONG), 2, "--company is too long", "--company ist zu lang"),
    (("edit", "anna", "--name", "   "), 2, "is not a usable name", "kein brauchbarer Name"),
    (("edit", "anna", "--name", "N" * 301), 2, "too long", "zu lang"),
    (("me", "--email", "not-an-address"), 2, "not a valid e-mail address", "keine gültige E-Mail-Adresse"),
    (("me", "--organisation", LONG), 2, "--organisation is too long", "--organisation ist zu lang"),
    (
        ("gave", "anna", "refferal"),
        2,
        "unknown kind of favour 'refferal': did you mean referral?",
        "meinten Sie referral",
    ),
    (("got", "anna", "empfelung"), 2, "did you mean empfehlung?", "meinten Sie empfehlung?"),
    (("log", "anna", "--via", "phnoe"), 2, "unknown channel 'phnoe': did you mean phone?", "meinten Sie phone?"),
    (("show", "Ana Kellr"), 3, "no contact matches 'Ana Kellr': did you mean Anna Keller?", "meinten Sie Anna Keller"),
    (("note", "Anna Kelre", "text"), 3, "did you mean Anna Keller?", "meinten Sie Anna Keller?"),
    (("today", "--limit", "abc"), 2, "--limit: 'abc' is not a whole number", "«abc» ist keine ganze Zahl"),
    (("todya",), 2, "there is no command 'todya' (did you mean today?)", "es gibt keinen Befehl «todya»"),
    (("today", "--limt", "3"), 2, "there is no option --limt (did you mean --limit?)", "keine Option --limt"),
    (("add",), 2, "NAME is missing", "NAME fehlt"),
    (("met", "Someone"), 2, "--at is missing", "--at fehlt"),
    (("add", "Anna", "Keller"), 2, "unexpected extra argument Keller", "zusätzliches Argument Keller"),
]


@pytest.mark.parametrize(
    ("args", "code", "english", "german"),
    REFUSED_IN_BOTH_LANGUAGES,
    ids=[a[0][0] + "-" + str(i) for i, a in enumerate(REFUSED_IN_BOTH_LANGUAGES)],
)
def test_refused_in_the_users_language_and_nothing_changes(
    cli: Cli, args: tuple[str, ...], code: int, english: str, german: str
) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--email", "anna@example.com")
    cli.ok("circle", "friends", "--cadence", "30")
    before = cli.snapshot()
    for lang, message, prefix in (("en", english, "Error: "), ("de", german, "Fehler: ")):
        result = cli(*args, lang=lang)
        assert result.code == code, result.err
        assert result.err.startswith(prefix) and result.err.count("\n") == 1, result.err
        assert message in result.err
        assert "Traceback" not in result.err and "Error: Error" not in result.err
        assert cli.snapshot() == before


def test_a_mistyped_name_is_never_chosen_silently(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Thomas Keller")
    before = cli.snapshot()
    result = cli("log", "Tomas Keler", "--via", "call")
    assert result.code == 3 and "did you mean Thomas Keller?" in result.err
    assert cli.snapshot() == before
    cli.ok("log", "Thomas Keller", "--via", "call")


def test_german_favour_kinds_are_recorded_as_their_kind(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    done = cli.ok("gave", "anna", "empfehlung")
    assert "you gave Anna Keller referral" in done.out
    assert "referral" in cli.ok("show", "anna").out


def test_edit_refuses_a_name_that_add_refuses(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    cli.ok("add", "Ben Meier")
    before = cli.snapshot()
    assert cli("add", "Anna Keller").code == 4
    refused = cli("edit", "ben", "--name", "anna  keller")
    assert refused.code == 4 and "already in your network" in refused.err and refused.err.count("\n") == 1
    assert cli.snapshot() == before
    cli.ok("edit", "anna", "--name", "Anna Keller")  # her own name again is no conflict
    cli.ok("edit", "ben", "--name", "Anna Keller", "--force")


def test_now_far_in_the_future_is_one_line(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    before = cli.snapshot()
    for now in ("9999-12-31", "0001-01-01"):
        result = cli("today", now=now)
        assert result.code == 2 and "--now" in result.err and "out of range" in result.err
        assert result.err.count("\n") == 1
    assert cli.snapshot() == before


def test_a_store_from_a_newer_rapport_says_so(cli: Cli) -> None:
    from sqlalchemy import create_engine, text

    cli.ok("init")
    cli.ok("add", "Anna Keller")
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = cli.snapshot()
    for args in (("list",), ("today",), ("add", "Ben Meier")):
        for lang, words in (("en", "newer rapport (schema 9999)"), ("de", "neueren rapport (Schema 9999)")):
            result = cli(*args, lang=lang)
            assert result.code == 5 and words in result.err and result.err.count("\n") == 1, result.err
    assert cli.snapshot() == before


def test_echoed_values_are_shortened_and_kept_on_one_line(cli: Cli) -> None:
    cli.ok("init")
    typed = "12\r\n" + "9" * 5000 + "\x1b[2J"
    for args in (("today", "--limit", typed), ("show", typed), ("log", "x", "--via", typed), (typed,)):
        result = cli(*args)
        assert result.code in (2, 3) and result.err.count("\n") == 1 and "\r" not in result.err, result.err
        assert len(result.err) < 400 and "\x1b" not in result.err


def test_escape_codes_in_names_urls_and_imports_are_never_printed_raw(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    hostile = "Eve \x1b[31mRed\x1b[0m \x1b]0;pwned\x07Mallory\u202e \x9b2J\x07"
    cli.ok("add", hostile, "--company", "Acme\x1b[2J", "--url", "https://example.com/\x1b[5m", "--circle", "core")
    card = tmp_path / "hostile.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed \x1b[1mBold\r\nN:Bold;Zed;;;\r\nORG:Evil\x1b]8;;http://x\x07Corp\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    shown = cli.ok("import", str(card)).out
    for args in (("list",), ("show", "#1"), ("show", "zed"), ("today", "--limit", "10"), ("duplicates",)):
        shown += cli.ok(*args).out
    assert "Red" in shown and "Mallory" in shown and "Zed" in shown
    for raw in ("\x1b", "\x9b", "\x07", "\u202e"):
        assert raw not in shown
    listed = cli.ok("list", "--json").out
    assert "\x1b" not in listed and "\x9b" not in listed and "\x07" not in listed
    names = {row["name"] for row in json.loads(listed)}
    assert " ".join(hostile.split()) in names  # stored as typed; only the terminal is protected


def test_a_failed_restore_into_a_new_store_leaves_no_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rapport.cli.main import main

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"format": "rapport-backup"}\nnot json\n', encoding="utf-8")
    target = tmp_path / "new" / "rapport.db"
    for lang, words in (("en", "cannot restore"), ("de", "lässt sich nicht wiederherstellen")):
        code = main(["--db", str(target), "--lang", lang, "restore", str(broken)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and words in err, err
        assert not list(tmp_path.glob("new/rapport.db*"))
    assert main(["--db", str(target), "restore", str(tmp_path / "missing.jsonl")]) != 0
    assert not list(tmp_path.glob("new/rapport.db*"))
