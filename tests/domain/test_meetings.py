"""Planned meetings: when a typed moment is, and when the agenda shows a meeting or asks after it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rapport.domain.agenda import AgendaRules, agenda
from rapport.domain.dates import OutOfRange
from rapport.domain.meetings import PlannedMeeting, Status, awaiting_answer, meeting_action, planned_moment
from rapport.domain.model import ActionKind, ContactState, History

ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZURICH)  # a Thursday

local_times = st.builds(
    datetime.combine,
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)


def _wall(moment: datetime) -> datetime:
    """What a clock in Zurich shows at that instant."""
    return moment.astimezone(UTC).astimezone(ZURICH).replace(tzinfo=None)


@given(local_times)
@example(datetime(2064, 3, 30, 2, 0))  # skipped by the change to summer time: both forms move it to 03:00
def test_iso_and_swiss_forms_mean_the_same_local_time(typed: datetime) -> None:
    iso = planned_moment(f"{typed:%Y-%m-%d %H:%M}", ZURICH, NOW)
    swiss = planned_moment(f"{typed.day}.{typed.month}.{typed.year} {typed:%H:%M}", ZURICH, NOW)
    assert iso == swiss and iso.tzinfo is not None
    shown = _wall(iso)
    # what the clock shows is what was typed, except a time skipped by the change to summer time: an hour later
    assert shown == typed or shown - typed == timedelta(hours=1)


@given(st.integers(min_value=0, max_value=3000), st.sampled_from(["days", "Tagen", "d"]), st.times())
def test_in_n_days_is_that_calendar_day_at_the_time_given(n: int, unit: str, clock: time) -> None:
    typed = f"in {n} {unit} {clock:%H:%M}"
    moment = planned_moment(typed, ZURICH, NOW)
    assert moment.astimezone(ZURICH).date() == NOW.date() + timedelta(days=n)


@pytest.mark.parametrize(
    ("now", "typed", "expected"),
    [
        # the night the clocks go forward: the day after keeps its wall clock (21.5 hours later, not 22.5)
        (datetime(2026, 3, 28, 20, 0, tzinfo=ZURICH), "tomorrow 18:30", datetime(2026, 3, 29, 18, 30)),
        (datetime(2026, 3, 28, 20, 0, tzinfo=ZURICH), "morgen um 02:30", datetime(2026, 3, 29, 3, 30)),  # skipped
        (datetime(2026, 10, 24, 20, 0, tzinfo=ZURICH), "morgen 18.30", datetime(2026, 10, 25, 18, 30)),
        (NOW, "in 2 Wochen", datetime(2026, 12, 10, 12, 0)),  # no time: midday
        (NOW, "übermorgen", datetime(2026, 11, 28, 12, 0)),
        (NOW, "27.6.2027", datetime(2027, 6, 27, 12, 0)),
        (NOW, "2027-06-27T18:30", datetime(2027, 6, 27, 18, 30)),
    ],
)
def test_day_words_and_dates(now: datetime, typed: str, expected: datetime) -> None:
    assert _wall(planned_moment(typed, ZURICH, now)) == expected


def test_the_repeated_autumn_hour_is_the_first_one() -> None:
    moment = planned_moment("2026-10-25 02:30", ZURICH, NOW)
    assert moment.utcoffset() == timedelta(hours=2)


def test_today_and_now_alone_mean_now() -> None:
    assert planned_moment("today", ZURICH, NOW) == NOW
    assert planned_moment("heute 18:30", ZURICH, NOW) == datetime(2026, 11, 26, 18, 30, tzinfo=ZURICH)


@pytest.mark.parametrize(
    "typed", ["", "soon", "2026-13-01", "Tue 25:00", "tomorrow 25:00", "31.02.2027", "in two days", "morgen 12"]
)
def test_what_is_no_moment_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        planned_moment(typed, ZURICH, NOW)


def test_a_year_out_of_range_is_refused_as_such() -> None:
    with pytest.raises(OutOfRange):
        planned_moment("1.1.2300", ZURICH, NOW)
    with pytest.raises(OutOfRange):
        planned_moment("in 9999 weeks", ZURICH, NOW)


# ------------------------------------------------------------------------------------------------ the agenda
def _meeting(starts: datetime, status: Status = Status.PLANNED, *people: tuple[int, str]) -> PlannedMeeting:
    return PlannedMeeting(7, starts, people or ((1, "Thomas Keller"),), "ETH", "talk series", status)


def test_on_its_local_day_a_meeting_is_an_action_and_from_the_next_day_a_question() -> None:
    evening = datetime(2026, 11, 26, 23, 30, tzinfo=ZURICH)  # already the 27th in UTC
    on_the_day = meeting_action(_meeting(evening), NOW, ZURICH)
    assert on_the_day is not None and on_the_day.kind is ActionKind.PLANNED
    assert on_the_day.reason.code == "meet.planned.today" and on_the_day.due == evening
    the_day_before = meeting_action(_meeting(evening), NOW - timedelta(days=1), ZURICH)
    assert the_day_before is None
    after_midnight = datetime(2026, 11, 27, 0, 30, tzinfo=ZURICH)
    asked = meeting_action(_meeting(evening), after_midnight, ZURICH)
    assert asked is not None and asked.reason.code == "meet.planned.ask" and asked.reason.facts["days"] == 1
    assert awaiting_answer(_meeting(evening), after_midnight, ZURICH)
    assert not awaiting_answer(_meeting(evening), NOW, ZURICH)
    a_week_later = meeting_action(_meeting(evening), NOW + timedelta(days=7), ZURICH)
    assert a_week_later is not None and a_week_later.reason.code == "meet.planned.ask"


@pytest.mark.parametrize("status", [Status.DONE, Status.CANCELLED])
def test_an_answered_meeting_is_no_action(status: Status) -> None:
    assert meeting_action(_meeting(NOW, status), NOW + timedelta(days=1), ZURICH) is None
    assert not awaiting_answer(_meeting(NOW, status), NOW + timedelta(days=1), ZURICH)


def _contact(contact_id: int, name: str, last: datetime | None, circle: str = "core") -> ContactState:
    history = History(
        interaction_count=3,
        last_touch_at=last,
        last_real_at=last,
        last_mine_at=last,
        first_real_at=last,
        strength=5.0,
        strength_at=last,
    )
    return ContactState(contact_id, name, circle, datetime(2024, 1, 1, tzinfo=UTC), history)


def test_a_meeting_today_comes_first_and_stands_in_for_its_participants_other_actions() -> None:
    long_ago = NOW - timedelta(days=200)
    thomas, anna, ben = _contact(1, "Thomas Keller", long_ago), _contact(2, "Anna Meier", long_ago), None
    ben = _contact(3, "Ben Huber", long_ago)
    rules = AgendaRules(zone=ZURICH)
    without = agenda([thomas, anna, ben], [], [], NOW, rules)
    assert {a.contact_id for a in without} == {1, 2, 3}
    meeting = _meeting(NOW.replace(hour=18, minute=30), Status.PLANNED, (2, "Anna Meier"), (1, "Thomas Keller"))
    actions = agenda([thomas, anna, ben], [], [], NOW, rules, meetings=[meeting])
    assert actions[0].kind is ActionKind.PLANNED and actions[0].contact_name == "Anna Meier, Thomas Keller"
    assert [a.contact_id for a in actions[1:]] == [3]  # no second action for Thomas or Anna
    assert agenda([thomas, anna, ben], [], [], NOW, rules, limit=1, meetings=[meeting]) == actions[:1]


def test_the_agenda_line_names_every_participant_the_topic_the_place_and_the_time() -> None:
    from rapport.i18n import Translator

    people = ((4, "Anna Meier"), (1, "Thomas Keller"))
    meeting = PlannedMeeting(12, datetime(2026, 11, 26, 18, 30, tzinfo=ZURICH), people, "ETH", "talk series")
    t = Translator("en", ZURICH)
    today = meeting_action(meeting, NOW, ZURICH)
    assert today is not None and (today.contact_id, today.contact_name) == (4, "Anna Meier, Thomas Keller")
    assert t.reason(today.reason, NOW) == "Today at 18:30: talk series with Anna Meier, Thomas Keller at ETH."
    two_days_later = NOW + timedelta(days=2)
    asked = meeting_action(meeting, two_days_later, ZURICH)
    assert asked is not None and (asked.contact_id, asked.contact_name, asked.due) == (
        4,
        "Anna Meier, Thomas Keller",
        two_days_later,
    )
    text = t.reason(asked.reason, two_days_later)
    assert "18:30: talk series with Anna Meier, Thomas Keller at ETH. Did it take place?" in text
    assert "`rapport meet done 12`" in text and asked.reason.facts["days"] == 2


def test_a_meeting_just_after_midnight_is_on_the_agenda_of_that_local_day() -> None:
    """00:30 in Zurich is still the day before in UTC: the user's day decides."""
    early = _meeting(datetime(2026, 11, 27, 0, 30, tzinfo=ZURICH))
    that_morning = datetime(2026, 11, 27, 9, 0, tzinfo=ZURICH)
    action = meeting_action(early, that_morning, ZURICH)
    assert action is not None and action.reason.code == "meet.planned.today"
    assert not awaiting_answer(early, that_morning, ZURICH)
    # and a day word typed just after midnight counts from the user's day
    just_after_midnight = datetime(2026, 11, 27, 0, 30, tzinfo=ZURICH)
    assert _wall(planned_moment("tomorrow 18:30", ZURICH, just_after_midnight)) == datetime(2026, 11, 28, 18, 30)


@pytest.mark.parametrize("typed", ["now", "Now", "jetzt", "JETZT", "heute", "Heute", "today"])
def test_a_day_word_alone_for_today_means_this_moment_not_midday(typed: str) -> None:
    assert planned_moment(typed, ZURICH, NOW) == NOW


@pytest.mark.parametrize("year", [1900, 2200])
def test_the_first_and_last_years_are_allowed_in_a_swiss_date(year: int) -> None:
    assert _wall(planned_moment(f"1.6.{year} 10:00", ZURICH, NOW)) == datetime(year, 6, 1, 10, 0)


def test_a_swiss_date_out_of_range_names_its_year() -> None:
    with pytest.raises(OutOfRange, match="2300"):
        planned_moment("1.1.2300", ZURICH, NOW)


def test_the_agendas_meetings_of_the_day_are_those_of_the_users_local_day() -> None:
    from rapport.domain.meetings import meeting_actions

    early = _meeting(datetime(2026, 11, 27, 0, 30, tzinfo=ZURICH))  # still the 26th in UTC
    (action,) = meeting_actions([early], datetime(2026, 11, 27, 9, 0, tzinfo=ZURICH), ZURICH)
    assert action.reason.code == "meet.planned.today"


def test_a_meeting_just_after_midnight_is_on_that_days_agenda() -> None:
    anna = _contact(2, "Anna Meier", datetime(2026, 11, 1, tzinfo=UTC))
    early = _meeting(datetime(2026, 11, 27, 0, 30, tzinfo=ZURICH), Status.PLANNED, (2, "Anna Meier"))
    actions = agenda(
        [anna], [], [], datetime(2026, 11, 27, 9, 0, tzinfo=ZURICH), AgendaRules(zone=ZURICH), meetings=[early]
    )
    assert actions[0].reason.code == "meet.planned.today"
