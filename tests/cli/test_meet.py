"""`rapport meet` from the command line: the agenda on the day and after, done, cancel, the calendar, drafts,
backup and restore, bad input (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cli.conftest import Cli

FRIDAY = "2026-11-27T09:00"  # the day of the meeting (NOW is Thursday 26 November, 09:00)
SATURDAY = "2026-11-28T09:00"


def _network(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Thomas Keller", "--circle", "active")
    cli.ok("add", "Anna Meier", "--circle", "active")


def _person(cli: Cli, name: str, now: str) -> dict[str, object]:
    shown: dict[str, object] = json.loads(cli.ok("show", name, "--json", now=now).out)
    return shown


def test_on_its_day_the_day_after_and_done(cli: Cli) -> None:
    _network(cli)
    cli.ok("log", "Thomas", "--via", "email", "--when", "2026-09-01")
    planned = cli.ok("meet", "Thomas", "--on", "2026-11-27 18:30", "--at", "ETH", "--about", "talk series")
    assert "talk series with Thomas Keller, 27 Nov 2026, 18:30 at ETH" in planned.out
    assert "talk series" not in cli.ok("today").out  # not the day before
    on_the_day = json.loads(cli.ok("today", "--json", now=FRIDAY).out)
    assert on_the_day[0]["kind"] == "planned-meeting" and on_the_day[0]["name"] == "Thomas Keller"
    assert on_the_day[0]["text"] == "Today at 18:30: talk series with Thomas Keller at ETH."
    assert on_the_day[0]["due"] == "2026-11-27T17:30:00+00:00"
    assert on_the_day[0]["reason"]["facts"]["meeting"] == 1
    german = " ".join(cli.ok("today", now=FRIDAY, lang="de").out.split())
    assert "Heute um 18:30: talk series mit Thomas Keller bei ETH." in german
    after = " ".join(cli.ok("today", now=SATURDAY).out.split())
    assert "Did it take place? `rapport meet done 1`" in after
    listed = cli.ok("meet", "list", now=SATURDAY).out
    assert "did it take place?" in listed
    before = _person(cli, "Thomas", SATURDAY)
    done = cli.ok("meet", "done", "Thomas", now=SATURDAY)
    assert "Logged meeting 1 with Thomas Keller" in done.out and "follow up" not in done.out  # not a new face
    shown = _person(cli, "Thomas", SATURDAY)
    assert str(shown["last_real_at"]).startswith("2026-11-27T")
    assert int(str(shown["strength"])) > int(str(before["strength"]))
    assert "did it take place" not in cli.ok("today", now=SATURDAY).out.lower()
    assert cli.ok("meet", "list", "--json", now=SATURDAY).out.strip() == "[]"


def test_a_first_meeting_with_a_new_face_opens_the_72_hours(cli: Cli) -> None:
    _network(cli)
    cli.ok("meet", "Anna", "--on", "2026-11-26 12:30")
    done = cli.ok("meet", "done", "1", now="2026-11-26T15:00")
    assert "First meeting with Anna Meier: follow up by 29 Nov 2026, 12:30" in done.out
    first = json.loads(cli.ok("today", "--json", now="2026-11-26T15:00").out)[0]
    assert first["kind"] == "follow-up" and first["name"] == "Anna Meier"


def test_cancel_takes_it_off(cli: Cli) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "Anna", "--on", "tomorrow 18:30", "--about", "Apéro")
    cancelled = cli.ok("meet", "cancel", "Anna", lang="de")
    assert "Treffen 1 mit Anna Meier, Thomas Keller" in cancelled.out and "abgesagt" in cancelled.out
    assert "Apéro" not in cli.ok("today", now=FRIDAY).out
    assert "No meetings planned" in cli.ok("meet", "list").out


@pytest.mark.parametrize(
    ("args", "code", "english", "german"),
    [
        (("Thomas", "--on", "yesterday"), 2, "is in the past", "liegt in der Vergangenheit"),
        (("Thomas", "--on", "2026-02-30 18:00"), 2, "is not a date or time", "ist kein Datum"),
        (("Thomas", "--on", "Tue 25:00"), 2, "is not a date or time", "ist kein Datum"),
        (("Nobody", "--on", "tomorrow"), 3, "no contact matches 'Nobody'", "kein Kontakt passt zu «Nobody»"),
        (("Thomsa", "--on", "tomorrow"), 3, "did you mean Thomas Keller?", "meinten Sie Thomas Keller?"),
        (("--on", "tomorrow"), 2, "is missing", "fehlt"),
        (("done", "1"), 4, "mark it done once it has taken place", "sobald es stattgefunden hat"),
        (("done", "Anna"), 3, "no meeting is planned with Anna Meier", "mit Anna Meier ist kein Treffen geplant"),
        (("cancel", "7"), 3, "there is no meeting 7", "es gibt kein Treffen 7"),
        (  # typed twice: the same meeting again
            ("Thomas", "Anna", "--on", "27.11.2026 18:30"),
            4,
            "meeting 1 with Thomas Keller is planned for that time already",
            "Treffen 1 mit Thomas Keller ist für diese Zeit schon geplant",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    cli: Cli, args: tuple[str, ...], code: int, english: str, german: str
) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "--on", "2026-11-27 18:30")
    before = cli.snapshot()
    for lang, words in (("en", english), ("de", german)):
        result = cli("meet", *args, lang=lang)
        assert result.code == code, result.err
        assert words in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
        assert cli.snapshot() == before


def test_done_twice_is_refused(cli: Cli) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "--on", "2026-11-27 18:30")
    cli.ok("meet", "done", "1", now=SATURDAY)
    before = cli.snapshot()
    again = cli("meet", "done", "1", now=SATURDAY, lang="de")
    assert again.code == 4 and "schon als erledigt erfasst" in again.err
    assert cli.snapshot() == before


def test_the_calendar_has_the_meeting_with_a_stable_uid(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "Anna", "--on", "2026-12-03 18:30", "--at", "Kaufleuten, Zürich", "--about", "talk")
    cli.ok("meet", "Anna", "--on", "2026-12-10 12:00", "--about", "lunch")
    cli.ok("meet", "cancel", "2")
    first = tmp_path / "first.ics"
    cli.ok("export", "ics", "-o", str(first))
    events = {str(e["UID"]): e for e in Calendar.from_ical(first.read_text(encoding="utf-8")).walk("VEVENT")}
    meetings = {uid: e for uid, e in events.items() if uid.startswith("meeting-")}
    assert len(meetings) == 2
    [talk] = [e for e in meetings.values() if str(e["STATUS"]) == "CONFIRMED"]
    [lunch] = [e for e in meetings.values() if str(e["STATUS"]) == "CANCELLED"]
    assert talk.decoded("DTSTART").isoformat() == "2026-12-03T17:30:00+00:00"
    assert str(talk["LOCATION"]) == "Kaufleuten, Zürich"
    assert str(talk["SUMMARY"]) == "talk with Anna Meier, Thomas Keller"
    assert "Anna Meier, Thomas Keller" in str(talk["DESCRIPTION"])
    assert str(lunch["SUMMARY"]) == "lunch with Anna Meier"
    again = Calendar.from_ical(cli.ok("export", "ics", now=FRIDAY).out).walk("VEVENT")
    assert set(meetings) <= {str(e["UID"]) for e in again}
    only_thomas = Calendar.from_ical(cli.ok("export", "ics", "--tag", "none-such").out).walk("VEVENT")
    assert not [e for e in only_thomas if str(e["UID"]).startswith("meeting-")]


def test_thomas_draft_names_the_planned_talk_in_both_languages(cli: Cli) -> None:
    cli.ok("demo", lang="de")
    german = json.loads(cli.ok("draft", "Thomas", "--lang", "de-CH", "--json", lang="de").out)
    assert "Wir sehen uns am 22. Dezember bei «Vortragsreihe Design Thinking" in german["text"] or (
        "Sehen wir uns am 22. Dezember bei «Vortragsreihe Design Thinking" in german["text"]
    )
    assert german["check"]["score"] >= 90 and german["gaps"] == []
    listed = json.loads(cli.ok("meet", "list", "--json").out)
    assert [m["people"][0]["name"] for m in listed] == ["Thomas Keller"]
    assert listed[0]["starts_at"].startswith("2026-12-22T17:30")
    on_the_day = " ".join(cli.ok("today", now="2026-12-22T08:00", lang="de").out.split())
    assert "Heute um 18:30: Vortragsreihe Design Thinking" in on_the_day


def test_the_english_demo_plans_the_talk_too(cli: Cli) -> None:
    cli.ok("demo")
    english = json.loads(cli.ok("draft", "Thomas", "--lang", "en", "--json").out)
    assert "on 22 December at “Design Thinking talk series: Prototyping services”?" in english["text"]


def test_backup_and_restore_keep_planned_meetings(cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "Anna", "--on", "2026-12-03 18:30", "--at", "ETH", "--about", "talk")
    cli.ok("meet", "Anna", "--on", "2026-11-26 12:00")
    cli.ok("meet", "done", "Anna", now=FRIDAY)
    backup = tmp_path / "backup.jsonl"
    cli.ok("backup", "-o", str(backup))
    rows = json.loads(backup.read_text().splitlines()[-1])["end"]["rows"]
    assert rows["planned_meetings"] == 2 and rows["planned_meeting_contacts"] == 3
    restored = Cli(str(tmp_path / "restored.db"), capsys)
    restored.ok("restore", str(backup))
    assert json.loads(restored.ok("meet", "list", "--json").out) == json.loads(cli.ok("meet", "list", "--json").out)
    on_the_day = " ".join(restored.ok("today", now="2026-12-03T09:00").out.split())
    assert "Today at 18:30: talk with Anna Meier, Thomas Keller at ETH." in on_the_day


def test_forget_deletes_meetings_with_nobody_left(cli: Cli) -> None:
    _network(cli)
    cli.ok("meet", "Thomas", "--on", "tomorrow 12:00")
    cli.ok("meet", "Thomas", "Anna", "--on", "in 3 days 12:00")
    cli.ok("forget", "Thomas", "--yes")
    listed = json.loads(cli.ok("meet", "list", "--json").out)
    assert [[p["name"] for p in m["people"]] for m in listed] == [["Anna Meier"]]


def test_downgrading_past_0008_drops_the_meetings_and_keeps_the_rest(cli: Cli) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from rapport.store.db import _MIGRATIONS

    _network(cli)
    cli.ok("meet", "Thomas", "--on", "tomorrow 12:00")
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
            assert "planned_meetings" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() == 2
            command.upgrade(config, "0008")
            assert "planned_meeting_contacts" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
    assert json.loads(cli.ok("meet", "list", "--json").out) == []
    assert len(json.loads(cli.ok("list", "--json").out)) == 2
