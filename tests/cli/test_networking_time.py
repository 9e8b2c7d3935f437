"""`rapport time` and `rapport week` as a user runs them, in English and German, with the calendar they write.

The runs are at Thursday 26 November 2026, 09:00 in Zurich unless a test says otherwise.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.cli.conftest import Cli

ZURICH = ZoneInfo("Europe/Zurich")


def _events(path: Path) -> list[Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


@pytest.fixture
def store(cli: Cli) -> Cli:
    """The command line on a new, empty store."""
    cli.ok("init")
    return cli


def _time_events(path: Path) -> list[Any]:
    return [e for e in _events(path) if str(e["UID"]).startswith("networking-time-")]


def test_blocks_are_booked_listed_and_removed_in_either_language(store: Cli) -> None:
    cli = store
    added = cli.ok("time", "add", "Tue 12:00-13:00", "--kind", "lunch").out
    assert "every Tuesday, 12:00–13:00, lunch" in added
    german = cli.ok("time", "add", "Donnerstag 8.30–9.15", "--kind", "Schreibtisch", lang="de").out
    assert "jeden Donnerstag, 08:30–09:15, Schreibtisch" in german
    listed = cli.ok("time", "list", lang="de").out
    assert "Di. 12:00–13:00  Mittagessen" in listed and "Do. 08:30–09:15  Schreibtisch" in listed
    rows = json.loads(cli.ok("time", "list", "--json").out)
    assert [(r["weekday"], r["start"], r["end"], r["kind"]) for r in rows] == [
        (2, "12:00", "13:00", "lunch"),
        (4, "08:30", "09:15", "desk"),
    ]
    assert "removed" in cli.ok("time", "remove", str(rows[0]["id"])).out
    assert [r["kind"] for r in json.loads(cli.ok("time", "list", "--json").out)] == ["desk"]


@pytest.mark.parametrize(("lang", "cut"), [("en", "e.g."), ("de", "z.")])
def test_the_command_lists_do_not_cut_a_summary_after_an_abbreviation(cli: Cli, lang: str, cut: str) -> None:
    for group in ("time", "group"):
        listed = cli.ok(group, "--help", lang=lang).out
        assert not [line for line in listed.splitlines() if line.rstrip().endswith(cut)], listed


@pytest.mark.parametrize(
    ("args", "lang", "says", "code"),
    [
        (["time", "add", "Tue 25:00"], "en", "'25:00' is no time of day", 2),
        (["time", "add", "Mo 12-11"], "de", "Der Block muss nach seinem Beginn enden (hier 12:00 bis 11:00)", 2),
        (["time", "add", "Mon 12-12"], "en", "The block must end after it starts (here 12:00 to 12:00)", 2),
        (["time", "add", "Tue 12:30-13:30"], "en", "overlaps networking time #1 (12:00–13:00", 4),
        (["time", "add", "Di 12:30-13:30"], "de", "überschneidet sich mit Netzwerkzeit #1 (12:00–13:00", 4),
        (["time", "add", "Xy 12-13"], "de", "«Xy» ist kein Wochentag", 2),
        (["time", "add", "Fri 12-13", "--kind", "dinner"], "en", "'dinner' is no kind of networking time", 2),
        (["time", "remove", "99"], "en", "There is no networking time #99", 3),
        (["week", "--from", "2026-11-01"], "en", "The week plan looks ahead", 2),
    ],
)
def test_bad_input_is_one_line_in_the_users_language_and_changes_nothing(
    store: Cli, args: list[str], lang: str, says: str, code: int, tmp_path: Path
) -> None:
    cli = store
    cli.ok("time", "add", "Tue 12:00-13:00", "--kind", "lunch")
    before = cli.snapshot()
    result = cli(*args, lang=lang)
    assert result.code == code and result.out == ""
    assert says in result.err and len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert cli.snapshot() == before


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_week_without_blocks_says_how_to_add_one_and_writes_no_calendar(cli: Cli, lang: str, tmp_path: Path) -> None:
    cli.ok("init")
    target = tmp_path / "week.ics"
    result = cli("week", "--ics", str(target), lang=lang)
    assert result.code != 0 and result.out == "" and not target.exists()
    assert "rapport time add" in result.err and len(result.err.strip().splitlines()) == 1
    assert ("No networking time" if lang == "en" else "Keine Netzwerkzeit") in result.err


def test_the_week_is_a_list_of_appointments_per_day(store: Cli) -> None:
    cli = store
    cli.ok("met", "Anna Keller", "--at", "a talk", "--when", "2026-11-25T18:30")  # the window closes Sat 18:30
    cli.ok("time", "add", "Fri 08:00-09:00", "--kind", "desk")
    cli.ok("time", "add", "Mon 12:00-13:00", "--kind", "lunch")
    shown = cli.ok("week").out
    assert "Friday, 27 November 2026" in shown
    assert "08:00–08:15 desk: follow up with Anna Keller" in shown
    assert "12:00–13:00 lunch: free" in shown
    german = cli.ok("week", lang="de").out
    assert "Freitag, 27. November 2026" in german and "08:00–08:15 Schreibtisch: bei Anna Keller nachfassen" in german
    plan = json.loads(cli.ok("week", "--json").out)
    assert plan["from"] == "2026-11-26" and plan["to"] == "2026-12-02"
    friday = plan["blocks"][0]
    assert friday["day"] == "2026-11-27" and friday["free_minutes"] == 45
    assert [(a["name"], a["kind"], a["minutes"]) for a in friday["actions"]] == [("Anna Keller", "follow-up", 15)]
    assert datetime.fromisoformat(friday["actions"][0]["start"]) == datetime(2026, 11, 27, 8, tzinfo=ZURICH)


def test_a_follow_up_no_block_reaches_in_time_is_listed_to_do_now(store: Cli) -> None:
    cli = store
    cli.ok("met", "Anna Keller", "--at", "a talk", "--when", "2026-11-25T18:30")
    cli.ok("time", "add", "Mon 08:00-09:00", "--kind", "desk")
    shown = cli.ok("week").out
    assert "Do it now" in shown and "Follow up · Anna Keller" in shown
    assert "08:00–09:00 desk: free" in shown
    assert [a["name"] for a in json.loads(cli.ok("week", "--json").out)["now"]] == ["Anna Keller"]


def test_the_weeks_calendar_is_at_the_wall_clock_time_after_a_clock_change(store: Cli, tmp_path: Path) -> None:
    cli = store
    now = "2026-10-23T09:00"  # Friday; summer time ends on Sunday 25 October
    cli.ok("met", "Anna Keller", "--at", "a talk", "--when", "2026-10-22T18:30", now=now)
    cli.ok("time", "add", "Tue 12:00-13:00", "--kind", "lunch", now=now)
    cli.ok("time", "add", "Sat 09:00-10:00", "--kind", "desk", now=now)
    target = tmp_path / "week.ics"
    done = cli.ok("week", "--ics", str(target), now=now)
    assert "2 calendar events exported" in done.out
    events = {e["SUMMARY"]: e for e in _time_events(target)}
    lunch = events["Networking time: lunch"]
    start = lunch["DTSTART"].dt.astimezone(ZURICH)
    assert (start.date(), start.time()) == (date(2026, 10, 27), time(12, 0))
    assert lunch["DTEND"].dt - lunch["DTSTART"].dt == timedelta(hours=1)
    desk = events["Networking time: desk"]
    assert desk["DTSTART"].dt.astimezone(ZURICH).time() == time(9, 0)
    assert "09:00–09:15 follow up with Anna Keller" in str(desk["DESCRIPTION"])


def test_the_calendar_export_holds_the_weeks_blocks_with_stable_uids(store: Cli, tmp_path: Path) -> None:
    cli = store
    cli.ok("met", "Anna Keller", "--at", "a talk", "--when", "2026-11-25T18:30")
    cli.ok("time", "add", "Fri 08:00-09:00", "--kind", "desk")
    first, second, german = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "de.ics"
    cli.ok("export", "ics", "-o", str(first))
    cli.ok("export", "ics", "-o", str(second))
    cli.ok("export", "ics", "-o", str(german), lang="de")
    found = _time_events(first)
    assert len(found) == 1
    event = found[0]
    assert "08:00–08:15 follow up with Anna Keller" in str(event["DESCRIPTION"])
    assert event["DTSTART"].dt.astimezone(ZURICH) == datetime(2026, 11, 27, 8, tzinfo=ZURICH)
    assert [str(e["UID"]) for e in _time_events(second)] == [str(event["UID"])]
    week = tmp_path / "week.ics"
    cli.ok("week", "--ics", str(week))
    assert [str(e["UID"]) for e in _time_events(week)] == [str(event["UID"])]
    translated = _time_events(german)[0]
    assert str(translated["SUMMARY"]) == "Netzwerkzeit: Schreibtisch"
    assert "bei Anna Keller nachfassen" in str(translated["DESCRIPTION"])
    later = tmp_path / "later.ics"  # a week on, the block's next occurrence is another event
    cli.ok("export", "ics", "-o", str(later), now="2026-12-03T09:00")
    assert [str(e["UID"]) for e in _time_events(later)] != [str(event["UID"])]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_demo_fills_its_blocks_with_the_agenda(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    plan = json.loads(cli.ok("week", "--json", lang=lang).out)
    assert len(plan["blocks"]) == 3
    kinds = {block["block"]["kind"]: [a["name"] for a in block["actions"]] for block in plan["blocks"]}
    assert set(kinds) == {"desk", "lunch", "coffee"} and all(kinds.values())
    assert kinds["desk"][0] == "Thomas Keller"  # the open follow-up first, before the window closes
    assert "Nina Vogt" in kinds["lunch"]  # met online only: in person, over lunch
    shown = cli.ok("week", lang=lang).out
    assert ("lunch: meet Nina Vogt in person" if lang == "en" else "Mittagessen: Nina Vogt zum Mittagessen") in shown


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_planned_meeting_keeps_its_block_busy_and_its_people_out_of_the_plan(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    before = json.loads(cli.ok("week", "--json", lang=lang).out)
    lunch = next(b for b in before["blocks"] if b["block"]["kind"] == "lunch")
    assert "Nina Vogt" in [a["name"] for a in lunch["actions"]] and lunch["busy"] == []
    at = datetime.fromisoformat(lunch["start"]) + timedelta(minutes=15)
    cli.ok("meet", "plan", "Nina Vogt", "--on", f"{at:%Y-%m-%d %H:%M}", "--about", "lunch", lang=lang)
    plan = json.loads(cli.ok("week", "--json", lang=lang).out)
    lunch = next(b for b in plan["blocks"] if b["block"]["kind"] == "lunch")
    assert lunch["actions"] == [] and lunch["free_minutes"] == 0
    assert [(datetime.fromisoformat(b["start"]), b["people"]) for b in lunch["busy"]] == [(at, ["Nina Vogt"])]
    assert "Nina Vogt" not in {a["name"] for b in plan["blocks"] for a in b["actions"]}  # the lunch does it
    shown = cli.ok("week", lang=lang).out
    taken = f"lunch: taken by a planned meeting at {at:%H:%M}: lunch with Nina Vogt"
    if lang == "de":
        taken = f"Mittagessen: belegt durch ein geplantes Treffen um {at:%H:%M}: lunch mit Nina Vogt"
    assert taken in shown


def test_upgrading_and_downgrading_keeps_the_blocks_table_in_step(store: Cli) -> None:
    cli = store
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from rapport.store.db import _MIGRATIONS

    cli.ok("time", "add", "Tue 12:00-13:00", "--kind", "lunch")
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
        assert "networking_blocks" not in inspect(engine).get_table_names()
        assert "contacts" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert json.loads(cli.ok("time", "list", "--json").out) == []  # upgraded again, empty
    cli.ok("time", "add", "Tue 12:00-13:00", "--kind", "lunch")
