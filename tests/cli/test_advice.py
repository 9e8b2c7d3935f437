"""The agenda's advice as a user meets it: first meetings, deadlines, congratulations, give-first, meeting in
person, old connections and a full circle (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli


def agenda(cli: Cli, now: str = "2026-11-26T09:00") -> list[dict[str, Any]]:
    return json.loads(cli.ok("today", "--json", "--limit", "50", now=now).out)  # type: ignore[no-any-return]


def kinds_for(cli: Cli, name: str, now: str = "2026-11-26T09:00") -> list[str]:
    return [a["kind"] for a in agenda(cli, now) if a["name"] == name]


# --- first meetings ---------------------------------------------------------------------------------------------


def test_a_long_known_contact_met_again_gets_no_follow_up_and_met_prints_no_deadline(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Keller", "--company", "Acme")
    cli.ok("log", "anna", "--via", "email", "--when", "2024-05-02")
    cli.ok("log", "anna", "--via", "call", "--by-them", "--when", "2025-06-10")
    shown = cli.ok("met", "anna", "--at", "Zunfthaus zur Meisen", "--when", "2026-11-25T19:00", "--notes", "kids")
    assert "Logged meeting with Anna Keller" in shown.out
    assert "72-hour" not in shown.out and "Follow up" not in shown.out
    assert "follow-up" not in kinds_for(cli, "Anna Keller")
    data = json.loads(cli.ok("met", "anna", "--at", "Tram", "--when", "2026-11-26T08:00", "--json").out)
    assert data["follow_up_by"] is None


def test_someone_connected_on_linkedin_years_before_we_met_gets_no_72_hour_window(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Priya,Nair,priya.nair@example.com,UBS,Director,05 Dec 2019\n",
        encoding="utf-8",
    )
    cli.ok("init")
    cli.ok("import", str(export))
    shown = cli.ok("met", "Priya Nair", "--at", "Fintech apéro", "--when", "2026-11-25T18:00")
    assert "Follow up" not in shown.out
    assert "follow-up" not in kinds_for(cli, "Priya Nair")


def test_met_prints_the_deadline_the_agenda_shows_in_real_hours_across_the_autumn_change(cli: Cli) -> None:
    cli.ok("init")
    now = "2026-10-25T09:00"  # clocks went back at 03:00 that night
    data = json.loads(
        cli.ok("met", "Thomas Keller", "--at", "Design talk", "--when", "2026-10-24T18:00", "--json", now=now).out
    )
    deadline = datetime.fromisoformat(data["follow_up_by"])
    assert deadline == datetime(2026, 10, 24, 16, 0, tzinfo=UTC) + timedelta(hours=72)
    [follow_up] = [a for a in agenda(cli, now) if a["kind"] == "follow-up"]
    assert datetime.fromisoformat(follow_up["due"]) == deadline
    assert follow_up["reason"]["facts"]["hours_left"] == 56  # 72 h less 16 real hours (the clock shows 15)
    text = cli.ok("met", "Thomas Keller", "--at", "Breakfast", "--when", "2026-10-25T08:00", now=now).out
    assert "Follow up" not in text and "Logged meeting" in text  # meeting him again is no first meeting
    shown = cli.ok("met", "Zora Neu", "--at", "Design talk", "--when", "2026-10-24T18:00", now=now).out
    assert "Follow up personally by" in shown and "17:00" in shown


# --- congratulations --------------------------------------------------------------------------------------------


def test_a_congratulation_before_the_new_job_starts_counts_and_a_touch_before_i_knew_does_not(cli: Cli) -> None:
    cli.ok("init")
    for name in ("Eva Graf", "Fritz Huber"):
        cli.ok("add", name)
        cli.ok("log", name, "--via", "call", "--when", "2026-11-25T15:00")  # before I knew of the news
        cli.ok("news", name, "new-job", "--when", "2026-12-01", "--text", "Head of Design, Acme")
    assert kinds_for(cli, "Eva Graf") == ["congratulate"] and kinds_for(cli, "Fritz Huber") == ["congratulate"]
    cli.ok("log", "eva", "--via", "email", "--when", "2026-11-26T10:30", now="2026-11-26T11:00")
    assert kinds_for(cli, "Eva Graf", now="2026-11-26T12:00") == []  # congratulated before the start date
    assert kinds_for(cli, "Fritz Huber", now="2026-11-26T12:00") == ["congratulate"]


def test_log_about_news_and_gave_congratulation_count_as_the_congratulation(cli: Cli) -> None:
    cli.ok("init")
    for name in ("Greta Roth", "Hans Bär"):
        cli.ok("add", name)
        cli.ok("news", name, "promotion", "--when", "yesterday", "--text", "Partner")
    told = cli.ok("log", "greta", "--via", "message", "--when", "2026-11-24", "--about", "news")
    assert "congratulation" in told.out
    cli.ok("gave", "hans", "congratulation")
    assert kinds_for(cli, "Greta Roth") == [] and kinds_for(cli, "Hans Bär") == []
    bad = cli("log", "greta", "--via", "call", "--about", "weather")
    assert bad.code != 0 and bad.err.count("\n") == 1 and "weather" in bad.err


# --- give first -------------------------------------------------------------------------------------------------


def test_the_give_first_warning_states_the_balance_it_was_decided_on(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Carla Roth")
    cli.ok("gave", "carla", "advice")
    cli.ok("got", "carla", "help")
    warned = cli.ok("got", "carla", "introduction")
    assert "you gave 1, received 1" in warned.err
    warned = cli.ok("got", "carla", "job-lead", lang="de")
    assert "1 gegeben und 2 erhalten" in warned.err


# --- meet in person ---------------------------------------------------------------------------------------------


def test_meet_in_person_is_about_when_we_last_met_not_about_inbound_mail(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Rita Recruiter", "--circle", "core")
    cli.ok("log", "rita", "--via", "email", "--by-them", "--when", "2025-09-01")
    cli.ok("log", "rita", "--via", "email", "--by-them", "--when", "2026-11-24")
    cli.ok("add", "Martina Frei", "--circle", "core")
    cli.ok("log", "martina", "--via", "in-person", "--when", "2025-10-01")
    for day in ("2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-11-20"):
        cli.ok("log", "martina", "--via", "call", "--when", day)
    assert "meet-in-person" not in kinds_for(cli, "Rita Recruiter")
    [meet] = [a for a in agenda(cli) if a["name"] == "Martina Frei"]
    assert meet["kind"] == "meet-in-person" and "Last met in person" in meet["text"]
    cli.ok("log", "martina", "--via", "in-person", "--when", "2026-11-25")
    assert "meet-in-person" not in kinds_for(cli, "Martina Frei")


# --- an old connection never contacted --------------------------------------------------------------------------


def test_a_connection_from_2013_with_no_contact_since_is_proposed_as_a_dormant_tie(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Urs,Widmer,,Nordstern Logistik,Dispatcher,12 Mar 2013\n",
        encoding="utf-8",
    )
    cli.ok("init")
    cli.ok("import", str(export))
    [tie] = [a for a in agenda(cli) if a["name"] == "Urs Widmer"]
    assert tie["kind"] == "reconnect"
    assert "connected in 2013, no contact since" in tie["text"]
    german = " ".join(cli.ok("today", lang="de").out.split())
    assert "2013 vernetzt, seither kein Kontakt" in german


# --- a full circle loses nothing --------------------------------------------------------------------------------


def test_met_with_a_full_default_circle_saves_the_person_and_notes_in_the_next_circle(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("circle", "active", "--capacity", "2")
    cli.ok("add", "One Person")
    cli.ok("add", "Two Person")
    shown = cli.ok("met", "Nora Neu", "--at", "Bouldering hall", "--notes", "wants to switch to UX research")
    assert "The active circle is full: Nora Neu is in the wider circle" in shown.out
    profile = json.loads(cli.ok("show", "nora", "--json").out)
    assert profile["circle"] == "wider"
    assert any("UX research" in n["text"] for n in profile["notes"])


def test_a_new_circle_ranks_before_the_archive_not_with_it(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("circle", "mentors", "--cadence", "60")
    cli.ok("circle", "alumni", "--cadence", "200")
    names = [c["name"] for c in json.loads(cli.ok("circles", "--json").out)]
    assert names == ["core", "active", "wider", "mentors", "alumni", "archived"]


# --- a neglected core contact stays at the top; the day's list goes by value and takes turns ---------------------


def test_a_neglected_core_contact_stays_first_when_it_turns_dormant(cli: Cli) -> None:
    cli.ok("init", now="2024-01-01T09:00")
    cli.ok("add", "Martina Frei", "--circle", "core", now="2024-01-01T09:00")
    cli.ok("add", "Anna Aebi", "--circle", "active", now="2024-01-01T09:00")
    for day in ("2024-09-20", "2024-10-20", "2024-11-20"):
        cli.ok("log", "martina", "--via", "in-person", "--when", day, now="2024-11-21T09:00")
    cli.ok("log", "anna", "--via", "email", "--when", "2025-01-10", now="2025-01-11T09:00")
    for now in ("2026-11-18T09:00", "2026-11-19T09:00", "2026-11-21T09:00", "2026-11-22T09:00"):
        day = agenda(cli, now)
        assert day[0]["name"] == "Martina Frei", now
    before, after = agenda(cli, "2026-11-19T09:00")[0], agenda(cli, "2026-11-21T09:00")[0]
    assert (before["kind"], after["kind"]) == ("keep-in-touch", "reconnect")
    assert after["priority"] >= before["priority"]


def test_the_days_list_holds_the_most_valuable_and_equal_ones_take_turns(cli: Cli) -> None:
    added = "2026-06-01T09:00"
    cli.ok("init", now=added)
    for i in range(12):
        cli.ok("add", f"Adrian A{i:02d}", "--circle", "active", now=added)
    for name in ("Zora Zehnder", "Zeno Zürcher"):
        cli.ok("add", name, "--circle", "core", now=added)
        cli.ok("log", name, "--via", "in-person", "--when", "2026-07-01", now="2026-07-01T20:00")
        cli.ok("gave", name, "advice", now="2026-07-02T09:00")
        cli.ok("got", name, "help", now="2026-07-03T09:00")
    top = [a["name"] for a in json.loads(cli.ok("today", "--json", "--limit", "2").out)]
    assert sorted(top) == ["Zeno Zürcher", "Zora Zehnder"]
    days = {
        now: [a["name"] for a in agenda(cli, now) if a["name"].startswith("Adrian")][:5]
        for now in ("2026-11-26T09:00", "2026-11-27T09:00", "2026-11-28T09:00")
    }
    assert len({tuple(names) for names in days.values()}) > 1  # not the same five every day
    assert any(names != [f"Adrian A{i:02d}" for i in range(5)] for names in days.values())
