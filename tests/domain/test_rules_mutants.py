"""The new agenda rules at their edges (first meetings, meeting in person, dormant connections, congratulations).

Each test here was written against a change of the rules that the other tests let through (see docs/mutation.md):
it states the outcome the user sees where the wrong rule would differ.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from rapport.domain.agenda import AgendaRules, agenda, proposals
from rapport.domain.dates import OutOfRange, iso_moment
from rapport.domain.model import (
    DEFAULT_CIRCLES,
    Action,
    ActionKind,
    Channel,
    Circle,
    ContactState,
    EventKind,
    Initiator,
    Interaction,
    News,
)
from rapport.domain.strength import strength_at, strength_percent

from ._support import NOW, ZURICH, contact, history_of, touch, zurich

RULES = AgendaRules(zone=ZURICH)


def action_for(someone: ContactState, news: list[News] | None = None, now: datetime = NOW) -> Action | None:
    return proposals([someone], [], news or [], now, RULES).get(someone.id)


def kind_for(someone: ContactState, now: datetime = NOW) -> ActionKind | None:
    found = action_for(someone, now=now)
    return None if found is None else found.kind


@pytest.fixture
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own clock six hours behind the user's (who lives in Zurich)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- a moment as the user types it ------------------------------------------------------------------------------------


def test_a_date_alone_is_midday_of_that_day_in_the_users_zone() -> None:
    assert iso_moment(" 2026-11-26 ", ZURICH) == zurich(2026, 11, 26, 12)


@pytest.mark.parametrize("typed", ["2026-11-26 09:30", "2026-11-26T09:30", "2026-11-26T09:30:00"])
def test_a_time_without_an_offset_is_the_users_local_time(typed: str) -> None:
    moment = iso_moment(typed, ZURICH)
    assert (moment, moment.utcoffset()) == (zurich(2026, 11, 26, 9, 30), timedelta(hours=1))


def test_a_time_with_an_offset_keeps_it() -> None:
    moment = iso_moment("2026-11-26 09:30+05:30", ZURICH)
    assert moment.utcoffset() == timedelta(hours=5, minutes=30)
    assert moment.astimezone(ZURICH) == zurich(2026, 11, 26, 5)


@pytest.mark.usefixtures("machine_in_new_york")
def test_a_time_skipped_by_the_change_to_summer_time_is_moved_forward_as_clocks_do() -> None:
    """02:30 does not exist in Zurich that night: it is the moment the clocks show 03:30."""
    assert iso_moment("2026-03-29 02:30", ZURICH).astimezone(UTC) == zurich(2026, 3, 29, 3, 30).astimezone(UTC)


@pytest.mark.parametrize("typed", ["1900-01-01", "1900-01-01 00:00", "2200-12-31", "2200-12-31 23:59"])
def test_the_first_and_last_years_rapport_works_with_are_accepted(typed: str) -> None:
    assert iso_moment(typed, ZURICH).year in (1900, 2200)


@pytest.mark.parametrize("typed", ["1899-12-31", "1899-12-31 23:59", "2201-01-01", "2201-01-01 00:00"])
def test_a_year_outside_them_is_out_of_range(typed: str) -> None:
    with pytest.raises(OutOfRange):
        iso_moment(typed, ZURICH)


# --- first meetings ---------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("machine_in_new_york")
def test_connected_the_evening_before_a_meeting_after_midnight_is_no_first_meeting_whatever_the_computers_zone() -> (
    None
):
    """We met at 01:00 in Zurich (still the evening before in New York) and had connected the day before."""
    met = zurich(2026, 11, 26, 1)
    history = history_of(touch(met, Channel.IN_PERSON, place="Kaufleuten"))
    someone = contact(1, created_at=met, history=history, connected_on=date(2026, 11, 25))
    assert kind_for(someone, now=met + timedelta(hours=5)) is not ActionKind.FOLLOW_UP
    on_the_day = contact(1, created_at=met, history=history, connected_on=date(2026, 11, 26))
    assert kind_for(on_the_day, now=met + timedelta(hours=5)) is ActionKind.FOLLOW_UP


# --- meeting in person ------------------------------------------------------------------------------------------------

CALLS_EVERY_MONTH = tuple(touch(NOW - timedelta(days=d), Channel.CALL) for d in range(5, 400, 25))


def test_an_active_contact_is_proposed_a_meeting_after_twelve_of_its_rhythms_not_after_a_year() -> None:
    """The active circle hears from me every 90 days: meeting in person is due after 1,080 days, not 365."""

    def active(days_since_meeting: int) -> ContactState:
        met = touch(NOW - timedelta(days=days_since_meeting), Channel.IN_PERSON)
        history = history_of(met, *CALLS_EVERY_MONTH, half_life_days=180)
        return contact(1, circle="active", created_at=NOW - timedelta(days=2000), history=history)

    assert kind_for(active(400)) is None
    assert kind_for(active(1079)) is None
    assert kind_for(active(1081)) is ActionKind.MEET


def test_a_strong_tie_that_only_ever_reaches_out_to_me_is_not_proposed_a_meeting() -> None:
    """They call every month and we met over a year ago, but I never reach out: not a two-way tie."""
    theirs = (touch(NOW - timedelta(days=d), Channel.CALL, Initiator.THEM) for d in range(5, 400, 25))
    met = touch(NOW - timedelta(days=420), Channel.IN_PERSON, Initiator.THEM)
    history = history_of(met, *theirs)
    assert history.last_mine_at is None
    someone = contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history)
    assert kind_for(someone) is not ActionKind.MEET


def test_a_core_contact_last_met_exactly_a_year_ago_is_proposed_a_meeting_that_day() -> None:
    def core(days_since_meeting: float) -> ContactState:
        met = touch(NOW - timedelta(days=days_since_meeting), Channel.IN_PERSON)
        history = history_of(met, *CALLS_EVERY_MONTH)
        return contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history)

    assert kind_for(core(365 - 1 / 24)) is None
    assert kind_for(core(365)) is ActionKind.MEET


# --- what keeping in touch is worth -----------------------------------------------------------------------------------


def written_to(days_ago: int, circle: str, given: int = 0, received: int = 0, times: int = 1) -> ContactState:
    when = NOW - timedelta(days=days_ago)
    history = history_of(*(touch(when - timedelta(hours=h)) for h in range(times)), half_life_days=90)
    return contact(
        1, circle=circle, created_at=NOW - timedelta(days=2000), history=history, given=given, received=received
    )


def priority_of(someone: ContactState) -> float:
    found = action_for(someone)
    assert found is not None and found.kind is ActionKind.KEEP_IN_TOUCH
    return found.priority


def test_four_favours_exchanged_do_not_lift_an_active_contact_above_a_core_one_as_late() -> None:
    """Both half a rhythm late (15 of 30 days, 45 of 90), the active tie the stronger: the circle decides."""
    core, active = written_to(45, "core"), written_to(135, "active", given=2, received=2, times=3)
    assert priority_of(core) > priority_of(active)


def test_give_and_take_counts_up_to_four_favours() -> None:
    assert priority_of(written_to(135, "active", given=2, received=2)) == priority_of(
        written_to(135, "active", given=5, received=4)
    )
    assert priority_of(written_to(135, "active", given=2, received=1)) < priority_of(
        written_to(135, "active", given=2, received=2)
    )


def test_a_contact_a_full_rhythm_late_weighs_more_than_one_half_a_rhythm_late() -> None:
    assert priority_of(written_to(60, "core")) > priority_of(written_to(45, "core"))


# --- congratulations --------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("machine_in_new_york")
def test_a_recorded_congratulation_counts_from_a_news_window_before_i_learnt_of_it_by_the_users_days() -> None:
    """Learnt at 00:30 on 25 November (Zurich) of a job starting on 1 December: a congratulation from 18 November
    on counts (a week before I learnt of it), one from the 17th does not, whatever the computer's zone."""
    news = [News(1, EventKind.NEW_JOB, date(2026, 12, 1), "Head of Design, Acme", zurich(2026, 11, 25, 0, 30))]
    someone = contact(1, created_at=NOW - timedelta(days=400))

    def kind(congratulated_at: datetime) -> ActionKind | None:
        found = proposals([someone], [], news, NOW, RULES, {1: congratulated_at}).get(1)
        return None if found is None else found.kind

    assert kind(zurich(2026, 11, 18, 0, 30)) is not ActionKind.CONGRATULATE
    assert kind(zurich(2026, 11, 17, 12)) is ActionKind.CONGRATULATE


def test_the_days_agenda_leaves_out_a_news_i_congratulated_on() -> None:
    news = [News(1, EventKind.NEW_JOB, date(2026, 11, 24), "Head of Design, Acme", NOW - timedelta(days=2))]
    someone = contact(1, created_at=NOW - timedelta(days=400), history=history_of(touch(NOW - timedelta(days=3))))
    assert [a.kind for a in agenda([someone], [], news, NOW, RULES)] == [ActionKind.CONGRATULATE]
    assert agenda([someone], [], news, NOW, RULES, congratulated={1: NOW - timedelta(days=1)}) == []


# --- equal priorities take turns by the user's day --------------------------------------------------------------------


@pytest.mark.usefixtures("machine_in_new_york")
def test_equal_priorities_are_drawn_by_the_users_day_not_the_computers() -> None:
    """00:30 in Zurich is still the day before in New York: the draw is the user's day's all day long."""
    equals = [contact(i, circle="core", created_at=NOW - timedelta(days=45)) for i in range(1, 41)]

    def day_at(moment: datetime) -> list[int]:
        return [a.contact_id for a in agenda(equals, [], [], moment, RULES)]

    assert day_at(zurich(2026, 11, 26, 0, 30)) == day_at(zurich(2026, 11, 26, 23, 30))
    assert day_at(zurich(2026, 11, 26, 0, 30)) != day_at(zurich(2026, 11, 25, 23, 30))


# --- looking a long name up -------------------------------------------------------------------------------------------


def test_the_longest_name_that_folds_longer_still_fits_its_search_key_and_is_found_by_its_start() -> None:
    from rapport.domain import limits
    from rapport.domain.text import query_forms, search_key

    name = "Üßﬃ" * (limits.NAME // 3)  # each folds to more letters than it is, Ü in two ways (u, ue)
    key = search_key(name)
    assert len(key) <= limits.SEARCH_KEY
    start = name[:120]
    assert all(form in key for form in query_forms(start))


# --- what a proposal says ---------------------------------------------------------------------------------------------


def test_a_dormant_connection_we_once_talked_with_is_not_said_to_have_had_no_contact_since() -> None:
    history = history_of(touch(NOW - timedelta(days=2000), Channel.CALL))
    someone = contact(1, circle="wider", created_at=NOW - timedelta(days=4000), history=history)
    connected = contact(
        1, circle="wider", created_at=NOW - timedelta(days=4000), history=history, connected_on=date(2013, 5, 2)
    )
    for tie in (someone, connected):
        found = action_for(tie)
        assert found is not None and found.kind is ActionKind.RECONNECT
        assert found.reason.code == "reconnect"


def test_a_meeting_in_person_is_proposed_for_today() -> None:
    met = touch(NOW - timedelta(days=420), Channel.IN_PERSON)
    history = history_of(met, *CALLS_EVERY_MONTH)
    found = action_for(contact(1, circle="core", created_at=NOW - timedelta(days=1000), history=history))
    assert found is not None and (found.kind, found.due) == (ActionKind.MEET, NOW)


def test_an_archived_contact_i_once_wrote_to_is_never_proposed_a_meeting() -> None:
    history = history_of(touch(NOW - timedelta(days=500), Channel.CALL), *CALLS_EVERY_MONTH)
    someone = contact(1, circle="archived", created_at=NOW - timedelta(days=1000), history=history)
    assert action_for(someone) is None


def test_a_birthday_today_and_a_late_core_contact_come_before_a_meeting_in_person() -> None:
    from rapport.domain.model import Occasion, YearlyDate

    met = touch(NOW - timedelta(days=420), Channel.IN_PERSON)
    to_meet = contact(
        1, "Mia", circle="core", created_at=NOW - timedelta(days=1000), history=history_of(met, *CALLS_EVERY_MONTH)
    )
    birthday = contact(
        2,
        "Ben",
        circle="wider",
        created_at=NOW - timedelta(days=100),
        history=history_of(touch(NOW - timedelta(days=2))),
    )
    late = contact(3, "Cleo", circle="core", created_at=NOW - timedelta(days=45))
    occasions = [Occasion(contact_id=2, kind="birthday", label="", when=YearlyDate(11, 26, 1990))]
    day = agenda([to_meet, birthday, late], occasions, [], NOW, RULES)
    assert [(a.contact_name, a.kind) for a in day] == [
        ("Ben", ActionKind.CONGRATULATE),
        ("Cleo", ActionKind.KEEP_IN_TOUCH),
        ("Mia", ActionKind.MEET),
    ]


# --- how the kinds of actions weigh against each other ----------------------------------------------------------------


def daily_calls(last_days_ago: float, days: int = 60) -> tuple[Interaction, ...]:
    """We talk every day: a tie at full strength."""
    return tuple(touch(NOW - timedelta(days=last_days_ago + d), Channel.CALL) for d in range(days))


def never_written(contact_id: int, circle: str, added_days_ago: float, **more: object) -> ContactState:
    """Added to a circle and never contacted: its rhythm runs from the day it was added, at no strength."""
    return contact(
        contact_id, f"Contact {contact_id}", circle=circle, created_at=NOW - timedelta(days=added_days_ago), **more
    )


def test_a_tie_at_full_strength_weighs_as_much_as_a_whole_rhythm_of_lateness() -> None:
    """Both in the core circle: one due today at full strength, the other never written to and a little less (or a
    little more) than a whole rhythm of 30 days late: the strength of the tie is worth up to one rhythm."""
    strong = contact(
        1, "Strong", circle="core", created_at=NOW - timedelta(days=400), history=history_of(*daily_calls(30))
    )
    assert strength_percent(strength_at(strong.history, NOW, 90)) == 100
    almost = never_written(2, "core", added_days_ago=30 + 29.4)
    later = never_written(3, "core", added_days_ago=30 + 30.6)
    assert [a.contact_name for a in agenda([strong, almost], [], [], NOW, RULES)] == ["Strong", "Contact 2"]
    assert [a.contact_name for a in agenda([strong, later], [], [], NOW, RULES)] == ["Contact 3", "Strong"]


def test_a_meeting_in_person_ranks_among_the_wider_circles_reminders_by_the_ties_strength() -> None:
    """A core tie at full strength, not met for over a year: its meeting is worth what a wider contact is worth
    half a year past its yearly rhythm, plus half a point (each day past it is worth 5/365 of a point)."""
    met = touch(NOW - timedelta(days=400), Channel.IN_PERSON)
    friend = contact(
        1, "Friend", circle="core", created_at=NOW - timedelta(days=1000), history=history_of(met, *daily_calls(1))
    )
    sooner, later = never_written(2, "wider", 365 + 183), never_written(3, "wider", 365 + 256)
    day = agenda([friend, sooner, later], [], [], NOW, RULES)
    assert [(a.contact_name, a.kind) for a in day] == [
        ("Contact 3", ActionKind.KEEP_IN_TOUCH),
        ("Friend", ActionKind.MEET),
        ("Contact 2", ActionKind.KEEP_IN_TOUCH),
    ]
    assert day[1].reason.facts["strength"] == 100


def test_a_dormant_tie_in_a_circle_whose_rhythm_has_not_come_due_ranks_by_its_reconnection_value_alone() -> None:
    """Friends abroad, seen every three years: an old connection there never contacted (worth 40 + 20 × 0.6:
    new to me, another organisation, no favours) is not lifted by its circle to a keep-in-touch's value; it ranks
    between two wider contacts 400 and 533 days past their yearly rhythm."""
    abroad = Circle("abroad", cadence_days=1000, capacity=None, half_life_days=365, rank=1)
    rules = AgendaRules(zone=ZURICH, circles=(*DEFAULT_CIRCLES, abroad))
    old = never_written(1, "abroad", added_days_ago=100, connected_on=date(2013, 5, 2))
    day = agenda([old, never_written(2, "wider", 365 + 400), never_written(3, "wider", 365 + 533)], [], [], NOW, rules)
    assert [(a.contact_name, a.reason.code) for a in day] == [
        ("Contact 3", "keep_in_touch.never"),
        ("Contact 1", "reconnect.connected"),
        ("Contact 2", "keep_in_touch.never"),
    ]


def test_an_old_connection_at_another_organisation_is_worth_ten_weeks_of_waiting() -> None:
    """Two wider contacts connected in 2013 and never contacted, one at my own organisation: it comes first only
    when it has waited more than 73 days (one point of a reconnection's value) longer than the other."""
    rules = AgendaRules(zone=ZURICH, my_organisation="Helvetia")

    def first(waited_longer: int) -> str:
        mine = never_written(1, "wider", 730 + waited_longer, connected_on=date(2013, 5, 2), organisation="Helvetia")
        elsewhere = never_written(2, "wider", 730, connected_on=date(2013, 5, 2), organisation="Migros")
        day = agenda([mine, elsewhere], [], [], NOW, rules)
        assert {a.kind for a in day} == {ActionKind.RECONNECT}
        return day[0].contact_name

    assert first(waited_longer=50) == "Contact 2"
    assert first(waited_longer=81) == "Contact 1"
