"""The agenda read from the store, with the default settings: what a new user sees on the days that matter.

Each default (72 hours, 7 actions a day, 7 days of news, 730 days to dormant, the circles' rhythms) is shown by
the agenda on the day before and the day it takes effect, not by reading the constant.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Connection, select, update

from rapport.domain.model import Action, Direction
from rapport.domain.strength import summarise
from rapport.errors import InputError, Refused
from rapport.i18n import Translator
from rapport.services import agenda, journal, people
from rapport.services.context import Context
from rapport.store import activity, reads
from rapport.store import contacts as store
from rapport.store.schema import contacts as contact_rows
from rapport.store.schema import users

from ..conftest import make_context


def _on(ctx: Context, conn: Connection, now: datetime, limit: int | None = None, **settings: object) -> list[Action]:
    """The agenda as it would be shown at `now`, with the context's settings (some changed)."""
    chosen = replace(ctx.settings, **settings) if settings else ctx.settings
    return agenda.agenda_for(reads.engine_rows(conn), ctx.owner_id, chosen, now, ctx.zone, limit)


def _codes(actions: list[Action]) -> list[tuple[str, str]]:
    return [(a.contact_name, a.reason.code) for a in actions]


def _add(ctx: Context, conn: Connection, name: str, circle: str = "active", **more: object) -> None:
    people.add_contact(ctx, conn, people.NewContact(name, circle=circle, **more))  # type: ignore[arg-type]


# --- the 72-hour follow-up --------------------------------------------------------------------------------------


def test_a_first_meeting_is_open_for_72_hours_then_overdue(ctx: Context) -> None:
    met_at = ctx.now - timedelta(days=1)
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=met_at.isoformat())
        last_hour = _on(ctx, conn, met_at + timedelta(hours=71, minutes=30))
        closed = _on(ctx, conn, met_at + timedelta(hours=72))
        next_day = _on(ctx, conn, met_at + timedelta(hours=96))
    assert _codes(last_hour) == [("Lena Vogel", "follow_up.open")]
    assert last_hour[0].reason.facts["hours_left"] == 1
    assert last_hour[0].reason.facts["place"] == "Fintech talk"
    assert _codes(closed) == [("Lena Vogel", "follow_up.overdue")]
    assert next_day[0].reason.facts["hours_over"] == 24


def test_a_shorter_follow_up_setting_closes_the_window_sooner(ctx: Context) -> None:
    met_at = ctx.now - timedelta(days=1)
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=met_at.isoformat())
        shown = _on(ctx, conn, met_at + timedelta(hours=30), follow_up_hours=24)
    assert _codes(shown) == [("Lena Vogel", "follow_up.overdue")]
    assert shown[0].reason.facts["hours_over"] == 6


def test_a_personal_touch_after_the_meeting_closes_the_window(ctx: Context) -> None:
    met_at = ctx.now - timedelta(hours=30)
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=met_at.isoformat())
        journal.log(ctx, conn, ["lena"], via="email", when=(met_at + timedelta(hours=2)).isoformat())
        assert _on(ctx, conn, ctx.now) == []


# --- the daily budget -------------------------------------------------------------------------------------------


def test_seven_actions_a_day_by_default_and_the_setting_changes_it(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for i in range(9):
            _add(ctx, conn, f"Person {chr(ord('A') + i)}", circle="core")
            journal.log(ctx, conn, [f"person {chr(ord('a') + i)}"], via="call", when=ctx.now.isoformat())
        later = ctx.now + timedelta(days=45)
        default = _on(ctx, conn, later)
        three = _on(ctx, conn, later, daily_budget=3)
        asked = _on(ctx, conn, later, limit=8)
    assert len(default) == 7
    assert {code for _, code in _codes(default)} == {"keep_in_touch"}
    assert len(three) == 3
    assert len(asked) == 8


def test_a_limit_asks_for_fewer_and_a_negative_one_is_refused_in_words(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for name, days in (("Anna Amrein", 50), ("Beni Baumann", 40)):  # Anna is more overdue
            _add(ctx, conn, name, circle="core")
            journal.log(ctx, conn, [name], via="call", when=(ctx.now - timedelta(days=days)).isoformat())
        assert len(agenda.today(ctx, conn)) == 2
        assert [a.contact_name for a in agenda.today(ctx, conn, limit=1)] == ["Anna Amrein"]
        assert agenda.today(ctx, conn, limit=0) == []
        with pytest.raises(InputError) as refused:
            agenda.today(ctx, conn, limit=-1)
    said = Translator("en", ctx.zone)(refused.value.code, **refused.value.facts)
    assert said == "--limit must not be negative (got -1)."


def test_a_limit_up_to_100000_is_taken_and_a_larger_one_is_refused_with_the_range(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Anna Amrein", circle="core")
        journal.log(ctx, conn, ["anna"], via="call", when=(ctx.now - timedelta(days=50)).isoformat())
        assert [a.contact_name for a in agenda.today(ctx, conn, limit=100_000)] == ["Anna Amrein"]
        with pytest.raises(InputError) as refused:
            agenda.today(ctx, conn, limit=100_001)
        with pytest.raises(InputError) as huge:
            agenda.today(ctx, conn, limit=10**50)
    said = Translator("en", ctx.zone)
    assert said(refused.value.code, **refused.value.facts) == "--limit: 100001 is out of range (from 0 to 100000)."
    digits = "1" + "0" * 39  # the number typed, cut to its first 40 characters
    assert said(huge.value.code, **huge.value.facts) == f"--limit: {digits} is out of range (from 0 to 100000)."


# --- news and yearly dates --------------------------------------------------------------------------------------


def test_news_is_congratulated_for_seven_days_either_side(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for name, days in (("Past Seven", -7), ("Past Eight", -8), ("Ahead Seven", 7), ("Ahead Eight", 8)):
            _add(ctx, conn, name)
            journal.log(ctx, conn, [name], via="call", when=(ctx.now - timedelta(days=10)).isoformat(), by_them=True)
            journal.news(ctx, conn, name, "new-job", when=(ctx.now + timedelta(days=days)).isoformat())
        shown = _on(ctx, conn, ctx.now)
        wider = _on(ctx, conn, ctx.now, news_window_days=8)
    assert sorted(_codes(shown)) == [
        ("Ahead Seven", "congratulate.new-job"),
        ("Past Seven", "congratulate.new-job"),
    ]
    assert len(wider) == 4


def test_a_congratulation_given_when_a_job_was_announced_months_ahead_still_counts_when_it_starts(ctx: Context) -> None:
    """Recorded today: Nora starts a new job in 60 days and I congratulated her today (`gave … congratulation`);
    Odile's news is the same, and I never congratulated her. Two days before the start only Odile is proposed."""
    with ctx.transaction() as conn:
        for name in ("Nora Brunner", "Odile Favre"):
            _add(ctx, conn, name, circle="wider")
            journal.news(ctx, conn, name, "new-job", when=(ctx.now + timedelta(days=60)).isoformat())
        journal.favour(ctx, conn, "nora", Direction.GIVEN, "congratulation", None)
        shown = _on(ctx, conn, ctx.now + timedelta(days=58))
    assert _codes(shown) == [("Odile Favre", "congratulate.new-job")]


def test_a_congratulation_from_before_i_could_know_clears_nothing(ctx: Context) -> None:
    """Learnt today of new jobs starting in three days. A congratulation recorded a week ago counts (a news window
    before I learnt of it); Paul's latest, eight days ago, does not, nor does one received from Rita."""
    with ctx.transaction() as conn:
        for name in ("Lea Meier", "Paul Egli", "Rita Studer"):
            _add(ctx, conn, name, circle="wider")
            journal.news(ctx, conn, name, "new-job", when=(ctx.now + timedelta(days=3)).isoformat())
        for name, days in (("Lea Meier", 20), ("Lea Meier", 7), ("Paul Egli", 9), ("Paul Egli", 8)):
            when = (ctx.now - timedelta(days=days)).isoformat()
            journal.favour(ctx, conn, name, Direction.GIVEN, "congratulation", None, when=when)
        journal.favour(ctx, conn, "rita", Direction.RECEIVED, "congratulation", None)
        shown = _on(ctx, conn, ctx.now)
    assert sorted(_codes(shown)) == [("Paul Egli", "congratulate.new-job"), ("Rita Studer", "congratulate.new-job")]


def test_a_touch_after_i_learnt_of_the_news_congratulates_and_one_before_does_not(ctx: Context) -> None:
    """Sara's job starts in five days: I called her after I recorded it. Tom's started three days ago, but I only
    learnt of it today: my call yesterday was no congratulation."""
    with ctx.transaction() as conn:
        for name in ("Sara Frei", "Tom Keller"):
            _add(ctx, conn, name, circle="wider")
        journal.log(ctx, conn, ["tom"], via="call", when=(ctx.now - timedelta(days=1)).isoformat())
        journal.news(ctx, conn, "sara", "new-job", when=(ctx.now + timedelta(days=5)).isoformat())
        journal.news(ctx, conn, "tom", "new-job", when=(ctx.now - timedelta(days=3)).isoformat())
        journal.log(ctx, conn, ["sara"], via="call")
        shown = _on(ctx, conn, ctx.now + timedelta(hours=1))
    assert _codes(shown) == [("Tom Keller", "congratulate.new-job")]


def test_a_birthday_shows_from_a_week_ahead_until_the_day_after(ctx: Context) -> None:
    today = ctx.now.date()
    with ctx.transaction() as conn:
        for name, days in (("Ahead Seven", 7), ("Ahead Eight", 8), ("Yesterday Born", -1), ("Two Days", -2)):
            on = today + timedelta(days=days)
            _add(ctx, conn, name, birthday=f"1990-{on.month:02d}-{on.day:02d}")
            journal.log(ctx, conn, [name], via="call", when=(ctx.now - timedelta(days=10)).isoformat(), by_them=True)
        shown = _on(ctx, conn, ctx.now)
    assert sorted(_codes(shown)) == [
        ("Ahead Seven", "congratulate.birthday"),
        ("Yesterday Born", "congratulate.birthday"),
    ]
    ages = {a.contact_name: a.reason.facts["years"] for a in shown}
    assert ages == {"Ahead Seven": 36, "Yesterday Born": 36}


def test_an_anniversary_is_congratulated_under_its_name(ctx: Context) -> None:
    on = ctx.now.date() + timedelta(days=2)
    with ctx.transaction() as conn:
        _add(ctx, conn, "Tina Wyss", anniversaries=[f"Wedding=2016-{on.month:02d}-{on.day:02d}"])
        journal.log(ctx, conn, ["tina"], via="call", when=(ctx.now - timedelta(days=10)).isoformat(), by_them=True)
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Tina Wyss", "congratulate.anniversary")]
    assert (shown[0].reason.facts["label"], shown[0].reason.facts["years"]) == ("Wedding", 10)


def test_an_archived_contact_gets_no_birthday_and_no_reminder(ctx: Context) -> None:
    today = ctx.now.date()
    with ctx.transaction() as conn:
        _add(ctx, conn, "Gone Away", circle="core", birthday=f"1990-{today.month:02d}-{today.day:02d}")
        people.archive(ctx, conn, "gone away")
        assert _on(ctx, conn, ctx.now + timedelta(days=60)) == []
        assert _on(ctx, conn, ctx.now) == []


# --- dormant ties and circles' rhythms --------------------------------------------------------------------------


def test_a_tie_is_dormant_after_730_days_without_contact(ctx: Context) -> None:
    last = ctx.now - timedelta(days=800)
    with ctx.transaction() as conn:
        _add(ctx, conn, "Old Colleague", circle="wider", company="Helvetia")
        journal.log(ctx, conn, ["old colleague"], via="call", when=last.isoformat(), by_them=True)
        before = _on(ctx, conn, last + timedelta(days=729))
        after = _on(ctx, conn, last + timedelta(days=730))
        sooner = _on(ctx, conn, last + timedelta(days=400), dormant_days=400)
    assert _codes(before) == [("Old Colleague", "keep_in_touch")]
    assert _codes(after) == [("Old Colleague", "reconnect")]
    assert after[0].reason.facts["organisation"] == "Helvetia"
    assert after[0].reason.facts["years"] == 2
    assert _codes(sooner) == [("Old Colleague", "reconnect")]


def test_each_default_circle_has_its_rhythm(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for name, circle in (("Core One", "core"), ("Active One", "active"), ("Wider One", "wider")):
            _add(ctx, conn, name, circle=circle)
            journal.log(ctx, conn, [name], via="call", when=ctx.now.isoformat())
        _add(ctx, conn, "Archived One", circle="archived")
        journal.log(ctx, conn, ["archived one"], via="call", when=ctx.now.isoformat())

        def due(days: int) -> list[str]:
            return sorted(a.contact_name for a in _on(ctx, conn, ctx.now + timedelta(days=days)))

        assert due(29) == []
        assert due(30) == ["Core One"]
        assert due(89) == ["Core One"]
        assert due(90) == ["Active One", "Core One"]
        assert due(364) == ["Active One", "Core One"]
        assert due(365) == ["Active One", "Core One", "Wider One"]


def test_a_circle_given_another_rhythm_reminds_at_that_rhythm(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Gina Rossi", circle="core")
        journal.log(ctx, conn, ["gina"], via="call", when=(ctx.now - timedelta(days=20)).isoformat())
        assert _on(ctx, conn, ctx.now) == []
        people.set_circle(ctx, conn, "core", cadence_days=14, capacity=None, half_life_days=None)
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Gina Rossi", "keep_in_touch")]
    assert shown[0].reason.facts["cadence"] == 14


def test_a_circle_at_its_capacity_takes_nobody_more(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.set_circle(ctx, conn, "core", cadence_days=None, capacity=2, half_life_days=None)
        _add(ctx, conn, "Anna Amrein", circle="core")
        _add(ctx, conn, "Beni Baumann", circle="core")
        with pytest.raises(Refused):
            _add(ctx, conn, "Cleo Conti", circle="core")


def test_at_the_same_lateness_the_closer_circle_comes_first(ctx: Context) -> None:
    """Names in reverse alphabetical order, so that only the circles' ranks decide."""
    with ctx.transaction() as conn:
        for name, circle in (("Carl Core", "core"), ("Beat Active", "active"), ("Anna Wider", "wider")):
            _add(ctx, conn, name, circle=circle)
            cadence = {"core": 30, "active": 90, "wider": 365}[circle]
            journal.log(ctx, conn, [name], via="call", when=(ctx.now - timedelta(days=cadence)).isoformat())
        shown = _on(ctx, conn, ctx.now)
    assert [a.contact_name for a in shown] == ["Carl Core", "Beat Active", "Anna Wider"]
    assert shown[0].priority > shown[1].priority > shown[2].priority


def test_the_closer_circle_comes_first_even_when_the_other_tie_is_stronger(ctx: Context) -> None:
    """Both half a rhythm late: Carl (core) called once, Beat (active) six times; the circle weighs more."""
    with ctx.transaction() as conn:
        _add(ctx, conn, "Beat Active", circle="active")
        _add(ctx, conn, "Carl Core", circle="core")
        for hours in range(6):
            journal.log(ctx, conn, ["beat"], via="call", when=(ctx.now - timedelta(days=135, hours=hours)).isoformat())
        journal.log(ctx, conn, ["carl"], via="call", when=(ctx.now - timedelta(days=45)).isoformat())
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Carl Core", "keep_in_touch"), ("Beat Active", "keep_in_touch")]


def test_an_old_connection_never_contacted_is_a_dormant_tie_from_the_year_we_connected(ctx: Context) -> None:
    """Added today from an export that says we connected in 2013 (an import writes the date); never in touch."""
    with ctx.transaction() as conn:
        _add(ctx, conn, "Urs Keller", circle="wider", company="Swisscom")
        conn.execute(
            update(contact_rows)
            .where(contact_rows.c.owner_id == ctx.owner_id, contact_rows.c.display_name == "Urs Keller")
            .values(connected_on=date(2013, 5, 2))
        )
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Urs Keller", "reconnect.connected")]
    assert shown[0].reason.facts["year"] == 2013


def test_a_core_tie_i_call_every_month_and_never_met_is_proposed_a_first_meeting(ctx: Context) -> None:
    """Calls every month for over a year, the first 400 days ago: time to meet in person, for the first time."""
    with ctx.transaction() as conn:
        _add(ctx, conn, "Vera Huber", circle="core")
        for days in range(5, 401, 30):
            journal.log(ctx, conn, ["vera"], via="call", when=(ctx.now - timedelta(days=days)).isoformat())
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Vera Huber", "meet.never")]
    assert shown[0].reason.facts["last_at"] == ctx.now - timedelta(days=395)


# --- the read model is what was recorded ------------------------------------------------------------------------


def test_the_agenda_reads_every_recorded_fact_back(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Nora Brunner", company="Migros", looking_for="a flat in Bern")
        journal.met(ctx, conn, "nora", at="Meetup", when="2026-09-01T18:00")
        journal.log(ctx, conn, ["nora"], via="email", when="2026-10-01T10:00")
        journal.log(ctx, conn, ["nora"], via="call", when="2026-10-15T10:00", by_them=True)
        journal.log(ctx, conn, ["nora"], via="social", when="2026-11-20T10:00")
        journal.favour(ctx, conn, "nora", Direction.GIVEN, "advice", None)
        journal.favour(ctx, conn, "nora", Direction.RECEIVED, "referral", None)
        journal.favour(ctx, conn, "nora", Direction.RECEIVED, "job-lead", None)
        journal.favour(ctx, conn, "nora", Direction.ASKED, "other", "an intro")
        journal.favour(ctx, conn, "nora", Direction.ASKED, "other", "a reference")
        (state,) = list(reads.reminded_states(reads.engine_rows(conn), ctx.owner_id))
        (person,) = [p for p in store.states(conn, ctx.owner_id) if p.name == "Nora Brunner"]
        recorded = summarise(activity.interactions_of(conn, [person.id])[person.id], half_life_days=180)
    assert (state.name, state.circle, state.organisation, state.looking_for) == (
        "Nora Brunner",
        "active",
        "Migros",
        "a flat in Bern",
    )
    assert (state.given, state.received, state.open_asks) == (1, 2, 2)
    assert state.created_at == ctx.now
    assert state.history == recorded
    assert (state.history.interaction_count, state.history.in_person_count) == (4, 1)
    assert state.history.first_met_place == "Meetup"
    moments = (state.history.last_touch_at, state.history.last_real_at, state.history.last_mine_at)
    assert [m.date().isoformat() if m else None for m in moments] == ["2026-11-20", "2026-10-15", "2026-10-01"]


def test_a_received_favour_answers_an_open_ask_and_a_debt_asks_to_give(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Omar Haddad", looking_for="a UX designer")
        journal.log(ctx, conn, ["omar"], via="call", when=ctx.now.isoformat())
        journal.favour(ctx, conn, "omar", Direction.ASKED, "other", "an intro")
        journal.favour(ctx, conn, "omar", Direction.RECEIVED, "introduction", None)
        journal.favour(ctx, conn, "omar", Direction.RECEIVED, "advice", None)
        (state,) = list(reads.reminded_states(reads.engine_rows(conn), ctx.owner_id))
        shown = _on(ctx, conn, ctx.now)
    assert state.open_asks == 0
    assert _codes(shown) == [("Omar Haddad", "give.debt")]
    assert (shown[0].reason.facts["received"], shown[0].reason.facts["given"]) == (2, 0)


def test_two_asks_and_one_favour_leave_one_ask_open_and_notes_are_kept(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Paul Egli")
        journal.favour(ctx, conn, "paul", Direction.ASKED, "other", "an intro to Roche")
        journal.favour(ctx, conn, "paul", Direction.ASKED, "other", "a reference")
        journal.favour(ctx, conn, "paul", Direction.RECEIVED, "introduction", "met Roche's CTO")
        journal.news(ctx, conn, "paul", "new-job", when="yesterday", text="CFO at Roche", source="linkedin")
        shown = people.profile(ctx, conn, "paul")
    assert shown["open_asks"] == 1
    newest = shown["ledger"][0]
    assert (newest["direction"], newest["note"]) == ("received", "met Roche's CTO")
    assert [(e["text"], e["source"]) for e in shown["events"]] == [("CFO at Roche", "linkedin")]


def test_a_meeting_logged_with_a_summary_keeps_it_as_the_place_after_a_move(ctx: Context) -> None:
    with ctx.transaction() as conn:
        _add(ctx, conn, "Rita Studer")
        three_hours_ago = (ctx.now - timedelta(hours=3)).isoformat()
        journal.log(ctx, conn, ["rita"], via="in-person", when=three_hours_ago, summary="Lunch")
        people.move(ctx, conn, "rita", "core")  # another half-life: the summary is rebuilt from the interactions
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Rita Studer", "follow_up.open")]
    assert shown[0].reason.facts["place"] == "Lunch"


@pytest.fixture
def machine_in_auckland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own clock set to UTC+13 (the user's zone stays Zurich)."""
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("machine_in_auckland")
def test_the_follow_up_hours_do_not_depend_on_the_machines_time_zone(ctx: Context) -> None:
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=(ctx.now - timedelta(hours=2)).isoformat())
        shown = agenda.today(ctx, conn)
    assert _codes(shown) == [("Lena Vogel", "follow_up.open")]
    assert shown[0].reason.facts["hours_left"] == 70
    assert shown[0].due == ctx.now + timedelta(hours=70)


def test_the_database_sessions_time_zone_changes_nothing(ctx: Context) -> None:
    """PostgreSQL hands back moments in the session's zone; they are the same instants."""
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=(ctx.now - timedelta(hours=2)).isoformat())
    with ctx.transaction() as conn:
        if ctx.engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET TIME ZONE 'Pacific/Auckland'")
        shown = agenda.today(ctx, conn)
    assert shown[0].reason.facts["hours_left"] == 70
    assert shown[0].reason.facts["met_at"] == ctx.now - timedelta(hours=2)


def test_the_agenda_day_is_the_users_day_not_the_machines(store_url: str) -> None:
    """Just after midnight in Auckland (UTC+13) it is already the next day there; news counts from that day."""
    ctx = make_context(store_url, now="2026-11-26T00:30:00+13:00", timezone="Pacific/Auckland")
    try:
        with ctx.transaction() as conn:
            for name, on in (("Seven Ahead", "2026-12-03"), ("Eight Back", "2026-11-18")):
                _add(ctx, conn, name)
                journal.log(ctx, conn, [name], via="call", when="2026-11-20", by_them=True)
                journal.news(ctx, conn, name, "promotion", when=on)
            shown = agenda.today(ctx, conn)
    finally:
        ctx.close()
    assert _codes(shown) == [("Seven Ahead", "congratulate.promotion")]
    assert shown[0].reason.facts["days"] == 7
    assert shown[0].due == datetime(2026, 12, 3, 9, 0, tzinfo=ctx.zone)


def test_a_dormant_tie_at_my_own_organisation_is_worth_less(ctx: Context) -> None:
    last = ctx.now - timedelta(days=1000)
    with ctx.transaction() as conn:
        conn.execute(update(users).where(users.c.id == ctx.owner_id).values(organisation="Helvetia"))
        for name, company in (("Aaron Colleague", "Helvetia"), ("Zora Outsider", "Migros")):
            _add(ctx, conn, name, circle="wider", company=company)
            journal.log(ctx, conn, [name], via="call", when=last.isoformat(), by_them=True)
        shown = _on(ctx, conn, ctx.now)
    assert _codes(shown) == [("Zora Outsider", "reconnect"), ("Aaron Colleague", "reconnect")]
    assert shown[0].priority > shown[1].priority  # not a tie that happens to go her way


def test_the_standard_library_reader_sees_the_same_agenda(ctx: Context) -> None:
    if ctx.engine.dialect.name != "sqlite":
        return  # the daily command reads SQLite files only
    today = ctx.now.date()
    with ctx.transaction() as conn:
        _add(ctx, conn, "Pia Zehnder", circle="core", birthday=f"1985-{today.month:02d}-{today.day:02d}")
        _add(ctx, conn, "Res Ammann", circle="core")
        journal.met(ctx, conn, "res", at="Apero", when=(ctx.now - timedelta(hours=5)).isoformat())
        _add(ctx, conn, "Sina Keller", company="Swisscom")
        journal.log(ctx, conn, ["sina"], via="call", when=(ctx.now - timedelta(days=900)).isoformat())
        journal.news(ctx, conn, "sina", "promotion", when=ctx.now.isoformat(), text="CTO")
        expected = agenda.today(ctx, conn)
    database = ctx.engine.url.database
    assert database is not None
    with ctx.transaction() as conn:
        name = conn.execute(select(users.c.name).where(users.c.id == ctx.owner_id)).scalar_one()
    raw = sqlite3.connect(database)
    try:
        rows = reads.sqlite_rows(raw)
        owner = reads.owner_id(rows, name)
        assert owner == ctx.owner_id
        assert reads.owner_id(rows, "nobody") is None
        seen = agenda.agenda_for(rows, owner, ctx.settings, ctx.now, ctx.zone)
    finally:
        raw.close()
    assert len(expected) == 3
    assert seen == expected


def test_not_now_keeps_an_action_off_until_the_very_hour_it_ends_even_on_the_same_day(ctx: Context) -> None:
    from rapport.services import snoozing

    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=(ctx.now - timedelta(hours=1)).isoformat())
        lena = people.resolve(ctx, conn, "Lena Vogel").id
        until = snoozing.snooze(ctx, conn, lena, "follow-up", 3)
        an_hour_before = _on(ctx, conn, until - timedelta(hours=1))
        an_hour_after = _on(ctx, conn, until + timedelta(hours=1))
    assert "follow-up" not in {a.kind.value for a in an_hour_before if a.contact_id == lena}
    assert "follow-up" in {a.kind.value for a in an_hour_after if a.contact_id == lena}


def test_not_now_holds_whatever_time_zone_the_computer_is_set_to(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    from rapport.services import snoozing

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # far from UTC and from the user's Zurich
    time.tzset()
    try:
        with ctx.transaction() as conn:
            journal.met(ctx, conn, "Lena Vogel", at="Fintech talk", when=(ctx.now - timedelta(hours=1)).isoformat())
            lena = people.resolve(ctx, conn, "Lena Vogel").id
            until = snoozing.snooze(ctx, conn, lena, "follow-up", 3)
            an_hour_before = _on(ctx, conn, until - timedelta(hours=1))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "follow-up" not in {a.kind.value for a in an_hour_before if a.contact_id == lena}
