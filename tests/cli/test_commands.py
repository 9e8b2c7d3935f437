"""The command line end to end on a real store: what users type, what they see, what is stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rapport.cli.app import app
from rapport.cli.main import hoist_global_options
from tests.cli.conftest import Cli


def test_global_options_may_follow_the_command() -> None:
    assert hoist_global_options(["today", "--lang", "de", "--limit", "3", "--now=2026-01-01"]) == [
        "--lang",
        "de",
        "--now=2026-01-01",
        "today",
        "--limit",
        "3",
    ]


def test_reading_without_a_store_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = Cli(str(tmp_path / "missing.db"), capsys)("today")
    assert result.code == 5
    assert result.err.count("\n") == 1 and "rapport init" in result.err
    assert "Traceback" not in result.err


def test_met_opens_a_window_that_a_personal_message_closes(cli: Cli) -> None:
    cli.ok("init")
    met = cli.ok(
        "met",
        "Thomas Keller",
        "--at",
        "Design Thinking talk",
        "--when",
        "2026-11-24T18:30",
        "--topic",
        "meeting formats",
        "--json",
    )
    data = json.loads(met.out)
    assert data["created"] is True
    assert datetime.fromisoformat(data["follow_up_by"]) == datetime(2026, 11, 27, 17, 30, tzinfo=UTC)  # +72 h

    agenda = json.loads(cli.ok("today", "--json").out)
    assert agenda[0]["kind"] == "follow-up" and agenda[0]["name"] == "Thomas Keller"
    assert agenda[0]["reason"]["facts"]["hours_left"] == 33
    assert "33 hours left" in agenda[0]["text"] and "on Tuesday at Design Thinking talk" in agenda[0]["text"]

    closed = cli.ok("log", "thomas", "--via", "linkedin", "--summary", "personal note")
    assert "72-hour window is closed" in closed.out
    assert all(a["kind"] != "follow-up" for a in json.loads(cli.ok("today", "--json").out))


def test_agenda_speaks_german(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("met", "Thomas Keller", "--at", "Feierabendanlass", "--when", "2026-11-24T18:30")
    text = " ".join(cli.ok("today", lang="de").out.split())
    assert "Donnerstag, 26. November 2026" in text
    assert "Nachfassen" in text and "am Dienstag bei Feierabendanlass" in text and "33 Stunden" in text


def test_show_returns_everything_stored(cli: Cli) -> None:
    cli.ok("init")
    cli.ok(
        "add",
        "Prof. Dr. med. Anna Schmidt-Weber",
        "--email",
        "Anna@Example.com",
        "--phone",
        "079 123 45 67",
        "--company",
        "Spital Zürich",
        "--title",
        "Chefärztin",
        "--linkedin",
        "linkedin.com/in/anna-sw",
        "--tag",
        "health",
        "--interest",
        "digital health",
        "--birthday",
        "--02-29",
        "--looking-for",
        "UX designer",
    )
    cli.ok("note", "anna", "Runs a digital health lab")
    cli.ok("gave", "anna", "introduction", "--note", "to Marco")
    cli.ok("news", "anna", "promotion", "--text", "Head of Clinic")
    cli.ok("log", "anna", "--via", "call", "--by-them", "--when", "yesterday")
    data = json.loads(cli.ok("show", "schmidt", "--json").out)
    assert data["prefix"] == "Prof. Dr. med." and data["given_name"] == "Anna"
    assert data["family_name"] == "Schmidt-Weber"
    assert data["emails"] == ["Anna@example.com"] and data["phones"] == ["+41791234567"]
    assert data["urls"] == ["https://www.linkedin.com/in/anna-sw"]
    assert data["dates"] == [{"kind": "birthday", "label": "", "date": "--02-29"}]
    assert data["notes"][0]["text"] == "Runs a digital health lab"
    assert data["balance"] == 1 and data["ledger"][0]["kind"] == "introduction"
    assert data["events"][0]["kind"] == "promotion"
    assert data["interactions"][0]["initiator"] == "them"


def test_names_are_resolved_forgivingly(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Jürgen Müller")
    for typed in ("jurgen", "Juergen Mueller", "MÜLLER", "j mu", "#1"):
        assert json.loads(cli.ok("show", typed, "--json").out)["name"] == "Jürgen Müller", typed


def test_ask_without_giving_first_warns_gently(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Beat Schneider")
    result = cli.ok("ask", "beat", "a referral to his CTO")
    assert "Give first" in result.err
    cli.ok("gave", "beat", "article")
    cli.ok("gave", "beat", "advice")
    assert "Give first" not in cli.ok("ask", "beat", "another favour").err


def test_a_group_meetup_logs_one_interaction_with_everyone(cli: Cli) -> None:
    cli.ok("init")
    for name in ("Anna Keller", "Beat Meier", "Carla Roth"):
        cli.ok("add", name)
    cli.ok("log", "anna", "beat", "carla", "--via", "group", "--summary", "former colleagues' dinner")
    shown = json.loads(cli.ok("show", "carla", "--json").out)
    assert shown["interactions"][0]["with"] == ["Anna Keller", "Beat Meier"]
    assert shown["in_person_count"] == 1


def test_rusting_contacts_are_listed(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Old Friend", "--circle", "core")
    cli.ok("log", "old friend", "--via", "call", "--when", "2026-09-01")
    cli.ok("add", "New Friend", "--circle", "core")
    cli.ok("log", "new friend", "--via", "call", "--when", "2026-11-20")
    rusting = json.loads(cli.ok("list", "--rusting", "--json").out)
    assert [r["name"] for r in rusting] == ["Old Friend"]
    circles = {c["name"]: c for c in json.loads(cli.ok("circles", "--json").out)}
    assert circles["core"]["members"] == 2 and circles["core"]["rusting"] == 1


def test_never_met_lists_only_contacts_without_a_meeting_in_person(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Pen Pal")
    cli.ok("log", "pen pal", "--via", "email", "--when", "2026-11-20")
    cli.ok("add", "Lunch Mate")
    cli.ok("log", "lunch mate", "--via", "in-person", "--when", "2026-11-20")
    cli.ok("met", "New Face", "--at", "Impact Hub")
    never = json.loads(cli.ok("list", "--never-met", "--json").out)
    assert [r["name"] for r in never] == ["Pen Pal"]
    cli.ok("log", "pen pal", "--via", "group", "--when", "2026-11-21")  # a group meeting is in person too
    assert json.loads(cli.ok("list", "--never-met", "--json").out) == []


def test_archive_stops_reminders(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Gone Quiet", "--circle", "core")
    cli.ok("archive", "gone")
    assert json.loads(cli.ok("today", "--json", now="2027-06-01T09:00").out) == []
    assert json.loads(cli.ok("list", "--circle", "archived", "--json").out)[0]["name"] == "Gone Quiet"


def test_forget_deletes_the_person_and_what_only_they_shared(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    cli.ok("add", "Beat Meier")
    cli.ok("log", "anna", "--via", "call")
    cli.ok("log", "anna", "beat", "--via", "group")
    cli.ok("forget", "anna", "--yes")
    snapshot = cli.snapshot()
    assert len(snapshot["contacts"]) == 1
    assert len(snapshot["interactions"]) == 1  # the group meetup stays for Beat


def test_the_quick_today_path_shows_what_the_full_command_shows(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    from rapport.cli import quick, state

    cli.ok("demo")
    on_sqlite_file = "://" not in cli.db
    for extra in ([], ["--json"], ["--limit", "3"]):
        args = ["--db", cli.db, "--now", "2026-11-26T09:00", "--lang", "de", "today", *extra]
        capsys.readouterr()
        state.reset()
        assert quick.today(args) is on_sqlite_file  # PostgreSQL goes the full way
        quick_out = capsys.readouterr().out
        state.reset()
        with pytest.raises(SystemExit) as done:
            app(args=args, prog_name="rapport")
        assert done.value.code == 0
        full_out = capsys.readouterr().out
        assert "Thomas Keller" in full_out
        if on_sqlite_file:
            assert quick_out == full_out


def test_the_quick_path_steps_aside_for_what_it_does_not_know() -> None:
    from rapport.cli import quick

    assert quick.parse(["today", "--help"]) is None
    assert quick.parse(["--db", "x.db", "list"]) is None
    assert quick.parse(["today", "--limit", "many"]) is None
    parsed = quick.parse(["--db=x.db", "--lang", "de", "today", "--limit=3", "--json"])
    assert parsed is not None and parsed[0].db == "x.db" and parsed[1:] == (3, True)


def test_the_schema_revision_constant_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from rapport.store import HEAD_REVISION
    from rapport.store.db import _MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_edit_replaces_fields_and_adds_details(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--company", "Acme", "--email", "anna@acme.example")
    cli.ok(
        "edit",
        "anna",
        "--company",
        "Globex",
        "--title",
        "CTO",
        "--email",
        "anna@globex.example",
        "--anniversary",
        "Wedding=2015-06-20",
        "--url",
        "anna.example/blog",
        "--name",
        "Dr. Anna Keller",
    )
    data = json.loads(cli.ok("show", "anna", "--json").out)
    assert (data["name"], data["prefix"], data["organisation"], data["title"]) == (
        "Dr. Anna Keller",
        "Dr.",
        "Globex",
        "CTO",
    )
    assert data["emails"] == ["anna@acme.example", "anna@globex.example"]
    assert data["dates"] == [{"kind": "anniversary", "label": "Wedding", "date": "2015-06-20"}]
    assert "https://anna.example/blog" in data["urls"]


def test_logging_the_future_is_refused(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller")
    before = cli.snapshot()
    result = cli("log", "anna", "--via", "call", "--when", "2027-01-01")
    assert result.code == 2 and "in the future" in result.err
    assert cli.snapshot() == before
    cli.ok("news", "anna", "work-anniversary", "--when", "2026-11-30")  # news may be ahead


def test_config_set_get_list_unset(cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "set", "daily_budget", "3")
    assert cli.ok("config", "get", "daily_budget").out.strip() == "3"
    listed = json.loads(cli.ok("config", "list", "--json").out)
    budget = next(r for r in listed["settings"] if r["key"] == "daily_budget")
    assert (budget["value"], budget["source"]) == (3, "file")
    before = Path(listed["file"]).read_text()
    for bad in (("daily_budget", "lots"), ("timezone", "Mars/Olympus"), ("colour", "red")):
        result = cli("config", "set", *bad)
        assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert Path(listed["file"]).read_text() == before
    cli.ok("config", "unset", "daily_budget")
    assert cli.ok("config", "get", "daily_budget").out.strip() == "7"
    cli.ok("demo")
    cli.ok("config", "set", "daily_budget", "2")
    assert len(json.loads(cli.ok("today", "--json").out)) == 2


JULIA = (
    "Lieber Thomas, es hat mich sehr gefreut, dich am Dienstag kennengelernt zu haben und mich mit dir über die neu "
    "implementierten Meeting-Formen in deiner Abteilung auszutauschen. In meinem Teammeeting heute habe ich die von "
    "dir erwähnte Technik direkt ausprobiert und die Ergebnisse waren sehr positiv – danke für diesen tollen Input! "
    "Ich freue mich auf ein baldiges Wiedersehen – vielleicht beim nächsten Vortrag der Reihe am 27. Juni? "
    "Viele Grüsse, Julia"
)


def test_check_scores_a_message_with_hints_from_the_contact(cli: Cli, tmp_path: Path) -> None:
    message = tmp_path / "note.txt"
    message.write_text(JULIA, encoding="utf-8")
    good = json.loads(cli.ok("check", str(message), "--json", lang="de").out)
    assert good["score"] >= 90
    cli.ok("demo")
    generic = tmp_path / "generic.txt"
    generic.write_text("Hi Thomas, I'd like to add you to my professional network on LinkedIn.", encoding="utf-8")
    weak = cli.ok("check", str(generic), "--contact", "thomas", "--channel", "linkedin")
    assert "Personal: 0/100" in weak.out and "Design Thinking" in weak.out
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    refused = cli("check", str(empty))
    assert refused.code == 2 and "holds no message" in refused.err


def test_a_password_setting_is_never_shown(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("config", "set", "smtp_password", "s3cret-Passw0rd")
    monkeypatch.setenv("RAPPORT_SMTP_USER", "julia")
    shown = cli.ok("config", "list").out + cli.ok("config", "get", "smtp_password").out
    shown += cli.ok("config", "list", "--json").out
    assert "s3cret-Passw0rd" not in shown and "***" in shown


def test_check_reads_the_message_for_its_kind(cli: Cli, tmp_path: Path) -> None:
    note = tmp_path / "congrats.txt"
    note.write_text(
        "Hoi Lukas, herzliche Gratulation zur Beförderung zum Head of Digital Channels! Ich erinnere mich gut an "
        "unser Gespräch beim Apéro in Oerlikon über die neue App.",
        encoding="utf-8",
    )
    as_congrats = json.loads(cli.ok("check", str(note), "--kind", "congrats", "--json", lang="de").out)
    assert as_congrats["good"] and as_congrats["kind"] == "congrats"
    assert {e["name"] for e in as_congrats["elements"]} >= {"news", "personal", "no_ask"}
    as_follow_up = json.loads(cli.ok("check", str(note), "--json", lang="de").out)
    assert not as_follow_up["good"]  # no next meeting: not a follow-up
    shown = cli.ok("check", str(note), "--kind", "congratulation", lang="de").out
    assert "die Neuigkeit, konkret benannt" in shown
    refused = cli("check", str(note), "--kind", "poem")
    assert refused.code == 2 and "poem" in refused.err and "invite" in refused.err
