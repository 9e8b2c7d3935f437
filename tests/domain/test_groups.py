"""Group meetups, the pure rules: the rhythm's dates, the proposed time in the networking time, the new faces."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.groups import (
    EVENING,
    EVENING_START,
    Profile,
    Rhythm,
    WeeklyBlock,
    Window,
    after,
    due_day,
    new_faces,
    on_day,
    organisations_named,
    propose,
)

ZURICH = ZoneInfo("Europe/Zurich")
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
rhythms = st.sampled_from(list(Rhythm))


@given(days, rhythms)
def test_one_rhythm_later_keeps_the_day_of_the_month_or_takes_the_months_last(day: date, rhythm: Rhythm) -> None:
    later = after(day, rhythm)
    if rhythm is Rhythm.WEEKLY:
        assert later - day == timedelta(days=7)
        return
    months = 1 if rhythm is Rhythm.MONTHLY else 3
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == min(day.day, calendar.monthrange(later.year, later.month)[1])


def test_the_31st_falls_on_the_months_last_day() -> None:
    assert after(date(2026, 1, 31), Rhythm.MONTHLY) == date(2026, 2, 28)
    assert after(date(2028, 1, 31), Rhythm.MONTHLY) == date(2028, 2, 29)
    assert after(date(2026, 11, 30), Rhythm.QUARTERLY) == date(2027, 2, 28)
    assert after(date(2026, 12, 15), Rhythm.MONTHLY) == date(2027, 1, 15)


@given(st.one_of(st.none(), days), rhythms, days)
def test_the_next_meetup_is_due_one_rhythm_after_the_last_and_never_before_tomorrow(
    last: date | None, rhythm: Rhythm, today: date
) -> None:
    due = due_day(last, rhythm, today)
    assert due >= today + timedelta(days=1)
    if last is not None and after(last, rhythm) > today:
        assert due == after(last, rhythm)
    if last is None or after(last, rhythm) <= today:
        assert due == today + timedelta(days=1)


blocks = st.lists(
    st.builds(
        lambda weekday, hour, length, kind: WeeklyBlock(weekday, time(hour), time(hour + length), kind),
        st.integers(1, 7),
        st.integers(6, 20),
        st.integers(1, 3),
        st.sampled_from(["lunch", "coffee", "call", "desk"]),
    ),
    max_size=5,
)


@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    rhythms,
    blocks,
    st.lists(st.tuples(st.integers(0, 60), st.integers(6, 21)), max_size=12),
)
def test_the_proposed_time_is_a_free_lunch_or_coffee_block_or_else_a_weekday_evening(
    first: date, rhythm: Rhythm, weekly: list[WeeklyBlock], taken: list[tuple[int, int]]
) -> None:
    now = datetime.combine(first - timedelta(days=1), time(9), ZURICH)
    busy = [
        Window(
            datetime.combine(first + timedelta(days=d), time(h), ZURICH),
            datetime.combine(first + timedelta(days=d), time(h), ZURICH) + timedelta(hours=1),
        )
        for d, h in taken
    ]
    proposal = propose(first, rhythm, weekly, busy, ZURICH, now)
    start = proposal.start.astimezone(ZURICH)
    assert start.date() >= first and proposal.start > now
    assert not any(Window(proposal.start, proposal.end).overlaps(b) for b in busy)
    if proposal.kind == "evening":
        assert start.time() == EVENING_START and proposal.end - proposal.start == EVENING
        assert start.isoweekday() <= 5
        # no free lunch or coffee block was left within one rhythm
        day = first
        while day < after(first, rhythm):
            for b in weekly:
                if b.kind in ("lunch", "coffee") and b.weekday == day.isoweekday():
                    window = Window(datetime.combine(day, b.start, ZURICH), datetime.combine(day, b.end, ZURICH))
                    assert any(window.overlaps(x) for x in busy)
            day += timedelta(days=1)
    else:
        assert proposal.kind in ("lunch", "coffee")
        assert any(
            b.kind == proposal.kind and b.weekday == start.isoweekday() and b.start == start.time() for b in weekly
        )


def test_a_planned_meeting_in_the_lunch_block_moves_the_meetup_to_the_next_free_block() -> None:
    thursday_lunch = WeeklyBlock(4, time(12), time(13), "lunch")
    friday_coffee = WeeklyBlock(5, time(16), time(17), "coffee")
    desk = WeeklyBlock(3, time(8, 30), time(9, 15), "desk")
    first = date(2026, 12, 8)  # a Tuesday
    now = datetime(2026, 12, 1, 9, tzinfo=ZURICH)
    free = propose(first, Rhythm.MONTHLY, [desk, thursday_lunch, friday_coffee], [], ZURICH, now)
    assert (free.start, free.kind) == (datetime(2026, 12, 10, 12, tzinfo=ZURICH), "lunch")
    meeting = Window(datetime(2026, 12, 10, 12, 30, tzinfo=ZURICH), datetime(2026, 12, 10, 13, 30, tzinfo=ZURICH))
    moved = propose(first, Rhythm.MONTHLY, [desk, thursday_lunch, friday_coffee], [meeting], ZURICH, now)
    assert (moved.start, moved.end, moved.kind) == (
        datetime(2026, 12, 11, 16, tzinfo=ZURICH),
        datetime(2026, 12, 11, 17, tzinfo=ZURICH),
        "coffee",
    )
    # only a desk block: an evening, on the first weekday from the day it is due
    evening = propose(date(2026, 12, 12), Rhythm.MONTHLY, [desk], [], ZURICH, now)
    assert (evening.start, evening.kind) == (datetime(2026, 12, 14, 18, 30, tzinfo=ZURICH), "evening")
    assert evening.start.utcoffset() == timedelta(hours=1) and evening.start.astimezone(UTC).hour == 17


def test_a_meetup_on_a_chosen_day_takes_its_first_free_lunch_or_coffee_block_else_the_evening() -> None:
    thursday = date(2026, 12, 10)
    weekly = [
        WeeklyBlock(4, time(16), time(17), "coffee"),
        WeeklyBlock(4, time(12), time(13), "lunch"),
        WeeklyBlock(4, time(9), time(10), "desk"),
        WeeklyBlock(4, time(14), time(15), "call"),
        WeeklyBlock(5, time(11), time(12), "lunch"),
    ]
    week_before = datetime(2026, 12, 1, 9, tzinfo=ZURICH)

    def at(day: date, moment: datetime, busy: list[Window]) -> tuple[datetime, datetime, str]:
        proposal = on_day(day, weekly, busy, ZURICH, moment)
        return proposal.start, proposal.end, proposal.kind

    lunch = (datetime(2026, 12, 10, 12, tzinfo=ZURICH), datetime(2026, 12, 10, 13, tzinfo=ZURICH), "lunch")
    coffee = (datetime(2026, 12, 10, 16, tzinfo=ZURICH), datetime(2026, 12, 10, 17, tzinfo=ZURICH), "coffee")
    evening = (datetime(2026, 12, 10, 18, 30, tzinfo=ZURICH), datetime(2026, 12, 10, 20, 30, tzinfo=ZURICH), "evening")
    # the earliest block of the day's weekday (desk and call blocks are not for a group)
    assert at(thursday, week_before, []) == lunch
    # a meeting that ends as lunch begins leaves it free; one that overlaps it moves the meetup to coffee
    before_lunch = Window(datetime(2026, 12, 10, 11, tzinfo=ZURICH), datetime(2026, 12, 10, 12, tzinfo=ZURICH))
    in_lunch = Window(datetime(2026, 12, 10, 12, 30, tzinfo=ZURICH), datetime(2026, 12, 10, 13, 30, tzinfo=ZURICH))
    assert at(thursday, week_before, [before_lunch]) == lunch
    assert at(thursday, week_before, [in_lunch]) == coffee
    # a block that has begun is no longer free
    assert at(thursday, datetime(2026, 12, 10, 12, tzinfo=ZURICH), []) == coffee
    assert at(thursday, datetime(2026, 12, 10, 11, 59, tzinfo=ZURICH), []) == lunch
    # both taken: the evening of that day, a weekend day too when it is the one chosen
    in_coffee = Window(datetime(2026, 12, 10, 15, tzinfo=ZURICH), datetime(2026, 12, 10, 16, 1, tzinfo=ZURICH))
    assert at(thursday, week_before, [in_lunch, in_coffee]) == evening
    saturday = at(date(2026, 12, 12), week_before, [])
    assert saturday[0] == datetime(2026, 12, 12, 18, 30, tzinfo=ZURICH) and saturday[2] == "evening"
    assert saturday[1] - saturday[0] == EVENING
    # the evening is a local 18:30, in summer time too
    summer = on_day(date(2026, 7, 4), weekly, [], ZURICH, week_before)
    assert summer.start.astimezone(UTC) == datetime(2026, 7, 4, 16, 30, tzinfo=UTC)


# new faces -------------------------------------------------------------------------------------------------


def _p(i: int, name: str, **kw: object) -> Profile:
    values = {k: frozenset(v) if isinstance(v, (set, list, tuple)) else v for k, v in kw.items()}
    return Profile(i, name, **values)  # type: ignore[arg-type]


MEMBERS = [
    _p(1, "Urs Widmer", organisations={"Nordstern Logistik"}, tags={"ex-nordstern"}, interests={"supply chain"}),
    _p(2, "Priska Odermatt", organisations={"Reuss Logistik AG", "Nordstern Logistik"}, interests={"Supply Chain"}),
    _p(3, "Stefan Huber", organisations={"Nordstern Logistik AG"}, tags={"ex-nordstern"}),
]


def test_a_former_colleague_comes_before_someone_who_only_shares_an_interest() -> None:
    colleague = _p(10, "Roger Baumgartner", organisations={"nordstern logistik ag"}, strength=5.0)
    fan = _p(11, "Nina Graf", interests={"SUPPLY CHAIN"}, strength=80.0)
    stranger = _p(12, "Oliver Kramer", organisations={"Spree Data GmbH"}, interests={"data platforms"}, strength=90.0)
    faces = new_faces([fan, stranger, colleague], MEMBERS)
    assert [f.name for f in faces] == ["Roger Baumgartner", "Nina Graf"]
    colleague_why, fan_why = faces[0].reasons, faces[1].reasons
    assert [(w.code, set(w.members)) for w in colleague_why] == [
        ("colleague", {"Urs Widmer", "Priska Odermatt", "Stefan Huber"})
    ]
    assert [(w.code, w.what, set(w.members)) for w in fan_why] == [
        ("interest", "supply chain", {"Urs Widmer", "Priska Odermatt"})  # as the first member wrote it
    ]


def test_members_and_people_who_came_before_are_no_new_faces_and_at_most_three_are_chosen() -> None:
    tagged = [_p(20 + i, f"Person {i}", tags={"EX-NORDSTERN"}, strength=float(i)) for i in range(5)]
    faces = new_faces([*MEMBERS, *tagged], MEMBERS, leave_out=[24])
    assert [f.name for f in faces] == ["Person 3", "Person 2", "Person 1"]  # the strongest ties, 24 came already
    assert new_faces(tagged, MEMBERS, limit=2)[0].reasons[0].code == "tag"


def test_the_groups_topic_is_a_reason_and_weighs_more_than_one_shared_interest() -> None:
    planner = _p(30, "Lea Brunner", about="Logistics planner, supply chain analytics")
    fan = _p(31, "Tim Roth", interests={"supply chain"})
    faces = new_faces([fan, planner], [MEMBERS[2]], topic="Supply chain")
    assert [f.name for f in faces] == ["Lea Brunner", "Tim Roth"]
    assert [(w.code, w.what) for w in faces[0].reasons] == [("topic", "Supply chain")]
    assert new_faces([planner], [MEMBERS[2]]) == []  # without the topic she does not fit


def test_organisations_are_found_in_how_we_met_whole_words_only() -> None:
    known = ["Nordstern Logistik AG", "Reuss Logistik AG", "ABB", "Sihltal Consulting GmbH"]
    assert organisations_named("Colleague at Nordstern Logistik", known) == {"Nordstern Logistik AG"}
    assert organisations_named("Arbeitskollegin bei Nordstern Logistik, Dietikon", known) == {"Nordstern Logistik AG"}
    assert organisations_named("Met at the ABBA concert", known) == set()
    assert organisations_named("", known) == set()


# the meetup's time: what a busy time, the rhythm and the clock leave free ------------------------------------

_TUE = date(2026, 12, 1)  # a Tuesday
_LUNCH = WeeklyBlock(2, time(12), time(13), "lunch")  # Tuesdays


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZURICH)


def _win(day: date, start: int, end: int) -> Window:
    return Window(_at(day, start), _at(day, end))


def test_a_weekly_meetup_whose_only_lunch_is_taken_this_week_meets_in_an_evening_of_that_week() -> None:
    busy = [_win(_TUE, 12, 13)]
    found = propose(_TUE, Rhythm.WEEKLY, [_LUNCH], busy, ZURICH, _at(_TUE, 8))
    assert (found.kind, found.start) == ("evening", _at(_TUE, 18, 30))  # not next Tuesday's lunch


def test_a_meeting_elsewhere_in_the_day_or_just_before_or_after_leaves_the_lunch_free() -> None:
    now = _at(_TUE, 8)
    for apart in ([_win(_TUE, 9, 10)], [_win(_TUE, 11, 12)], [_win(_TUE, 13, 14)], [_win(_TUE, 15, 16)]):
        found = propose(_TUE, Rhythm.WEEKLY, [_LUNCH], apart, ZURICH, now)
        assert (found.kind, found.start) == ("lunch", _at(_TUE, 12))


def test_a_lunch_or_an_evening_that_begins_this_minute_is_not_proposed() -> None:
    at_noon = propose(_TUE, Rhythm.MONTHLY, [_LUNCH], [], ZURICH, _at(_TUE, 12))
    assert (at_noon.kind, at_noon.start) == ("lunch", _at(date(2026, 12, 8), 12))
    friday = date(2026, 12, 4)
    from rapport.domain.groups import evening

    assert evening(friday, [], ZURICH, _at(friday, 18, 30)).start == _at(date(2026, 12, 7), 18, 30)  # Monday


def test_the_evening_is_the_first_free_weekday_evening_friday_included() -> None:
    from rapport.domain.groups import evening

    friday = date(2026, 12, 4)
    assert evening(friday, [], ZURICH, _at(friday, 8)).start == _at(friday, 18, 30)
    monday = date(2026, 12, 7)
    taken = [_win(monday, 18, 21)]
    assert evening(monday, taken, ZURICH, _at(monday, 8)).start == _at(date(2026, 12, 8), 18, 30)  # Tuesday
    late_meeting = [_win(monday, 7, 8)]  # a meeting that morning leaves the evening free
    assert evening(monday, late_meeting, ZURICH, _at(monday, 6)).start == _at(monday, 18, 30)


def test_organisations_of_three_letters_or_one_word_are_found_and_shorter_ones_are_not() -> None:
    known = ["IBM", "HP", "Nordstern AG"]
    assert organisations_named("Met at IBM, then at HP, now colleague at Nordstern", known) == {"IBM", "Nordstern AG"}
    assert organisations_named("Colleague at Nordstern", []) == set()


def test_a_tag_or_interest_is_compared_as_written_a_working_group_ag_is_not_a_legal_form() -> None:
    members = [_p(1, "Urs", tags={"Digital AG"}, interests={" ", "chess"})]  # a blank interest first
    both = _p(10, "Ida", tags={"Digital AG"}, interests={"Chess"})
    (face,) = new_faces([both], members)
    assert face.id == 10
    assert [(w.code, w.what) for w in face.reasons] == [("tag", "Digital AG"), ("interest", "chess")]
    other_group = _p(11, "Eva", tags={"Digital"})
    assert new_faces([other_group], members) == []
