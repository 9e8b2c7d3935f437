"""Networking time: typing a weekly block, and the rules that fill a week's blocks with agenda actions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import Action, ActionKind, Reason
from rapport.domain.networking_time import (
    DURATIONS,
    WEEKDAYS,
    Block,
    BlockKind,
    BlockProblem,
    Span,
    WeekPlan,
    block_kind,
    overlapping,
    parse_clock,
    parse_span,
    plan_week,
    slots,
)
from tests.domain._support import NEW_YORK, ZURICH

# Tuesday 1 December 2026, 09:00 in Zurich
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZURICH)
TODAY = date(2026, 12, 1)
KINDS = {"lunch": "lunch", "mittagessen": "lunch", "coffee": "coffee", "desk": "desk", "call": "call"}


def _block(id_: int, weekday: int, start: str, end: str, kind: BlockKind) -> Block:
    return Block(id_, Span(weekday, time.fromisoformat(start), time.fromisoformat(end)), kind)


def _action(contact: int, kind: ActionKind, priority: float = 50.0, due: datetime = NOW) -> Action:
    return Action(contact, f"Person {contact}", kind, due, priority, Reason("test", {}))


def _where(plan: WeekPlan) -> dict[int, tuple[int, str]]:
    """contact id → (block id, local start HH:MM) of every planned action."""
    return {p.action.contact_id: (slot.block.id, f"{p.start:%H:%M}") for slot in plan.slots for p in slot.planned}


# ------------------------------------------------------------------------------------------------ parsing
@pytest.mark.parametrize(
    ("typed", "weekday", "start", "end"),
    [
        ("Tue 12:00-13:00", 2, time(12), time(13)),
        ("Mo 12-13", 1, time(12), time(13)),
        ("Di 12:00–13:00", 2, time(12), time(13)),  # en dash
        ("Dienstag 12-13", 2, time(12), time(13)),
        ("So 9.30—10", 7, time(9, 30), time(10)),  # em dash, German "9.30"
        ("Thu. 08:30 - 09:15", 4, time(8, 30), time(9, 15)),
        ("  friday   16:00-17:30 ", 5, time(16), time(17, 30)),
        ("Mi, 7-8", 3, time(7), time(8)),
    ],
)
def test_a_block_is_typed_in_english_or_german(typed: str, weekday: int, start: time, end: time) -> None:
    assert parse_span(typed) == Span(weekday, start, end)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Tue 25:00", "time.bad_clock"),
        ("Tue 25:00-26:00", "time.bad_clock"),
        ("Tue 12:60-13:00", "time.bad_clock"),
        ("Mo 12-11", "time.end_before_start"),
        ("Mo 12-12", "time.end_before_start"),
        ("Xy 12-13", "time.bad_weekday"),
        ("Funday 12-13", "time.bad_weekday"),
        ("Tue 12:00", "time.no_end"),
        ("Tue", "time.bad_block"),
        ("12-13", "time.bad_block"),
        ("", "time.bad_block"),
        ("Tue 12-13-14", "time.bad_block"),
        ("Tue noon-13", "time.bad_clock"),
    ],
)
def test_a_malformed_block_is_refused_with_what_is_wrong(typed: str, code: str) -> None:
    with pytest.raises(BlockProblem) as refused:
        parse_span(typed)
    assert refused.value.code == code


@given(
    st.sampled_from(sorted(WEEKDAYS)),
    st.integers(0, 23 * 60 + 58),
    st.integers(1, 24 * 60),
    st.sampled_from(["-", "–", "—", " - "]),
    st.sampled_from(["{h}:{m:02d}", "{h:02d}:{m:02d}", "{h}.{m:02d}"]),
    st.booleans(),
)
def test_every_written_block_reads_back_as_written(
    day: str, start: int, length: int, dash: str, style: str, capital: bool
) -> None:
    end = min(start + length, 23 * 60 + 59)
    first, last = time(start // 60, start % 60), time(end // 60, end % 60)
    word = day.capitalize() if capital else day
    text = f"{word} {style.format(h=first.hour, m=first.minute)}{dash}{style.format(h=last.hour, m=last.minute)}"
    span = parse_span(text)
    assert span == Span(WEEKDAYS[day], first, last)
    assert span.minutes == end - start


@given(st.text(max_size=30))
def test_any_text_is_a_block_or_a_block_problem(text: str) -> None:
    try:
        span = parse_span(text)
    except BlockProblem as problem:
        assert problem.code.startswith("time.")
    else:
        assert 1 <= span.weekday <= 7 and span.start < span.end


@given(st.integers(0, 99), st.integers(0, 99))
def test_a_clock_time_is_refused_exactly_outside_the_day(hour: int, minute: int) -> None:
    typed = f"{hour}:{minute:02d}"
    if hour <= 23 and minute <= 59:
        assert parse_clock(typed) == time(hour, minute)
    else:
        with pytest.raises(BlockProblem):
            parse_clock(typed)


def test_kinds_are_read_from_the_words_given_and_anything_else_is_refused() -> None:
    assert block_kind(" Mittagessen ", KINDS) is BlockKind.LUNCH
    assert block_kind("DESK", KINDS) is BlockKind.DESK
    with pytest.raises(BlockProblem) as refused:
        block_kind("dinner", KINDS)
    assert refused.value.code == "time.bad_kind"


def test_blocks_overlap_only_on_the_same_day_and_when_their_spans_meet() -> None:
    lunch = _block(1, 2, "12:00", "13:00", BlockKind.LUNCH)
    assert overlapping(parse_span("Tue 12:30-13:30"), [lunch]) == lunch
    assert overlapping(parse_span("Tue 11:00-14:00"), [lunch]) == lunch
    assert overlapping(parse_span("Tue 13:00-14:00"), [lunch]) is None  # back to back is fine
    assert overlapping(parse_span("Tue 11:00-12:00"), [lunch]) is None
    assert overlapping(parse_span("Wed 12:00-13:00"), [lunch]) is None


# ------------------------------------------------------------------------------------------------ the week
def test_a_message_never_goes_into_a_lunch_block_and_a_meeting_never_to_the_desk() -> None:
    lunch = _block(1, 2, "12:00", "13:00", BlockKind.LUNCH)
    desk = _block(2, 3, "08:00", "09:00", BlockKind.DESK)
    actions = [
        _action(1, ActionKind.CONGRATULATE, 85),
        _action(2, ActionKind.KEEP_IN_TOUCH, 70),
        _action(3, ActionKind.MEET, 45),
    ]
    plan = plan_week([lunch, desk], actions, TODAY, NOW, ZURICH)
    where = _where(plan)
    assert where[1][0] == where[2][0] == desk.id  # messages at the desk, though the lunch comes first in the week
    assert where[3] == (lunch.id, "12:00")


def test_only_a_message_block_means_the_meeting_waits() -> None:
    desk = _block(2, 3, "08:00", "09:00", BlockKind.DESK)
    plan = plan_week([desk], [_action(3, ActionKind.MEET, 45)], TODAY, NOW, ZURICH)
    assert _where(plan) == {} and [a.contact_id for a in plan.waiting] == [3]


def test_an_action_fits_only_when_its_duration_fits() -> None:
    minutes = DURATIONS[ActionKind.FOLLOW_UP][0].minutes
    short = _block(1, 3, "08:00", f"08:{minutes - 1:02d}", BlockKind.DESK)
    exact = _block(2, 4, "08:00", f"08:{minutes:02d}", BlockKind.DESK)
    due = NOW + timedelta(days=5)
    plan = plan_week([short, exact], [_action(1, ActionKind.FOLLOW_UP, 95, due)], TODAY, NOW, ZURICH)
    assert _where(plan) == {1: (exact.id, "08:00")}


def test_a_block_holds_as_many_as_fit_one_after_the_other_in_the_agendas_order() -> None:
    desk = _block(1, 3, "08:00", "08:30", BlockKind.DESK)  # 30 minutes: three congratulations of 10
    actions = [_action(i, ActionKind.CONGRATULATE, 85 - i) for i in range(1, 5)]
    plan = plan_week([desk], actions, TODAY, NOW, ZURICH)
    assert _where(plan) == {1: (1, "08:00"), 2: (1, "08:10"), 3: (1, "08:20")}
    assert [a.contact_id for a in plan.waiting] == [4]
    assert plan.slots[0].free == 0


def test_the_more_valuable_action_gets_the_room() -> None:
    lunch = _block(1, 2, "12:00", "13:00", BlockKind.LUNCH)
    actions = [_action(7, ActionKind.MEET, 48), _action(3, ActionKind.MEET, 41)]
    assert _where(plan_week([lunch], actions, TODAY, NOW, ZURICH)) == {7: (1, "12:00")}


def test_a_follow_up_lands_in_a_block_before_its_deadline() -> None:
    # the window closes Wednesday 18:00; a desk block on Thursday comes first in the list, Wednesday's before it
    thursday = _block(1, 4, "08:00", "09:00", BlockKind.DESK)
    wednesday = _block(2, 3, "17:30", "18:30", BlockKind.DESK)
    closes = datetime(2026, 12, 2, 18, 0, tzinfo=ZURICH)
    follow_up = _action(1, ActionKind.FOLLOW_UP, 95, closes)
    plan = plan_week([thursday, wednesday], [follow_up], TODAY, NOW, ZURICH)
    assert _where(plan) == {1: (2, "17:30")}
    assert plan.now == []


def test_a_follow_up_no_block_reaches_in_time_is_to_be_done_now() -> None:
    thursday = _block(1, 4, "08:00", "09:00", BlockKind.DESK)
    late = _block(2, 3, "17:50", "18:30", BlockKind.DESK)  # would end at 18:05, after the window closes at 18:00
    closes = datetime(2026, 12, 2, 18, 0, tzinfo=ZURICH)
    plan = plan_week([thursday, late], [_action(1, ActionKind.FOLLOW_UP, 95, closes)], TODAY, NOW, ZURICH)
    assert _where(plan) == {} and [a.contact_id for a in plan.now] == [1] and plan.waiting == []


def test_an_overdue_follow_up_is_to_be_done_now_even_with_room() -> None:
    desk = _block(1, 2, "10:00", "11:00", BlockKind.DESK)
    overdue = _action(1, ActionKind.FOLLOW_UP, 100, NOW - timedelta(hours=3))
    plan = plan_week([desk], [overdue, _action(2, ActionKind.GIVE, 60)], TODAY, NOW, ZURICH)
    assert [a.contact_id for a in plan.now] == [1] and _where(plan) == {2: (1, "10:00")}


def test_a_congratulation_waits_for_its_day() -> None:
    wednesday = _block(1, 3, "08:00", "09:00", BlockKind.DESK)
    friday = _block(2, 5, "08:00", "09:00", BlockKind.DESK)
    birthday = _action(1, ActionKind.CONGRATULATE, 80, datetime(2026, 12, 4, 9, tzinfo=ZURICH))
    assert _where(plan_week([wednesday, friday], [birthday], TODAY, NOW, ZURICH)) == {1: (2, "08:00")}


def test_a_block_already_begun_is_not_planned_and_next_weeks_is_not_either() -> None:
    today_early = _block(1, 2, "08:00", "10:00", BlockKind.DESK)  # Tuesday, began at 08:00
    found = slots([today_early], TODAY, NOW, ZURICH)
    assert found == []  # the next Tuesday is the eighth day
    later = slots([today_early], TODAY + timedelta(days=1), NOW, ZURICH)
    assert [s.day for s in later] == [date(2026, 12, 8)]


def test_the_preferred_way_first_a_dormant_tie_over_coffee_before_a_call() -> None:
    call = _block(1, 2, "14:00", "15:00", BlockKind.CALL)
    coffee = _block(2, 5, "16:00", "17:00", BlockKind.COFFEE)
    plan = plan_week([call, coffee], [_action(1, ActionKind.RECONNECT, 55)], TODAY, NOW, ZURICH)
    assert _where(plan) == {1: (2, "16:00")}


@pytest.mark.parametrize(
    ("zone", "first_day", "weekday"),
    [
        (ZURICH, date(2026, 3, 30), 2),  # Tuesday 31 March: summer time since Sunday
        (ZURICH, date(2026, 10, 26), 2),  # Tuesday 27 October: winter time since Sunday
        (NEW_YORK, date(2026, 3, 9), 2),
        (NEW_YORK, date(2026, 11, 2), 2),
    ],
)
def test_a_block_after_a_clock_change_is_at_its_wall_clock_time(zone: ZoneInfo, first_day: date, weekday: int) -> None:
    now = datetime.combine(first_day - timedelta(days=3), time(9), zone)
    lunch = _block(1, weekday, "12:00", "13:00", BlockKind.LUNCH)
    found = slots([lunch], first_day - timedelta(days=3), now, zone)
    assert len(found) == 1
    local = found[0].start.astimezone(zone)
    assert (local.hour, local.minute) == (12, 0)
    assert found[0].end - found[0].start == timedelta(hours=1)
    assert found[0].start.utcoffset() != now.utcoffset()  # the clock did change in between


@given(
    st.lists(
        st.tuples(st.integers(1, 7), st.integers(6 * 60, 20 * 60), st.integers(10, 180), st.sampled_from(BlockKind)),
        max_size=6,
    ),
    st.lists(st.tuples(st.sampled_from(ActionKind), st.integers(0, 200)), max_size=25),
)
def test_a_plan_never_overfills_a_block_and_puts_each_action_in_a_suitable_one(
    raw_blocks: list[tuple[int, int, int, BlockKind]], raw_actions: list[tuple[ActionKind, int]]
) -> None:
    blocks: list[Block] = []
    for i, (weekday, start, length, kind) in enumerate(raw_blocks):
        end = min(start + length, 23 * 60 + 59)
        span = Span(weekday, time(start // 60, start % 60), time(end // 60, end % 60))
        if overlapping(span, blocks) is None:
            blocks.append(Block(i + 1, span, kind))
    actions = [
        _action(i + 1, kind, 100 - i, NOW + timedelta(hours=hours)) for i, (kind, hours) in enumerate(raw_actions)
    ]
    plan = plan_week(blocks, actions, TODAY, NOW, ZURICH)
    placed = [p for slot in plan.slots for p in slot.planned]
    assert len(placed) + len(plan.now) + len(plan.waiting) == len(actions)
    for slot in plan.slots:
        assert slot.free >= 0
        for p in slot.planned:
            assert p.fit in DURATIONS[p.action.kind] and p.fit.block is slot.block.kind
            assert slot.start <= p.start < p.end <= slot.end
            if p.action.kind is ActionKind.FOLLOW_UP:
                assert p.end <= p.action.due


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("  Tue 12-13-14 ", "'Tue 12-13-14' is no block"),
        ("Funday 12-13", "'Funday' is no weekday"),
        ("Tue 12:00", "'Tue 12:00' has no end"),
        ("Tue noon-13", "'noon' is no time of day"),
        ("Tue 12-25", "'25' is no time of day"),
        ("Tue 12:30-12", "(here 12:30 to 12:00)"),
        ("Tue", "'Tue' is no block"),
        (" 12-13 ", "'12-13' is no block"),
    ],
)
def test_a_refused_block_is_told_with_the_words_typed(typed: str, shown: str) -> None:
    from rapport.i18n import Translator

    with pytest.raises(BlockProblem) as refused:
        parse_span(typed)
    assert shown in Translator("en", ZURICH)(refused.value.code, **refused.value.facts)


def test_a_kind_of_several_words_is_read_and_an_unknown_one_is_told_back() -> None:
    from rapport.i18n import Translator

    words = {**KINDS, "coffee break": "coffee"}
    assert block_kind("  Coffee   Break ", words) is BlockKind.COFFEE
    with pytest.raises(BlockProblem) as refused:
        block_kind(" dinner ", words)
    assert "'dinner' is no kind" in Translator("en", ZURICH)(refused.value.code, **refused.value.facts)


def test_a_block_starting_this_minute_is_still_planned_and_one_begun_does_not_hide_the_days_later_ones() -> None:
    at_nine = _block(1, 2, "09:00", "10:00", BlockKind.DESK)  # Tuesday, NOW is 09:00
    assert [s.block.id for s in slots([at_nine], TODAY, NOW, ZURICH)] == [1]
    begun = _block(2, 2, "08:00", "08:30", BlockKind.DESK)
    later = _block(3, 2, "14:00", "15:00", BlockKind.DESK)
    assert [s.block.id for s in slots([begun, later], TODAY, NOW, ZURICH)] == [3]


def test_a_follow_up_done_exactly_at_its_deadline_is_in_time() -> None:
    desk = _block(1, 2, "10:00", "11:00", BlockKind.DESK)
    in_time = _action(1, ActionKind.FOLLOW_UP, 90, datetime(2026, 12, 1, 10, 15, tzinfo=ZURICH))
    plan = plan_week([desk], [in_time], TODAY, NOW, ZURICH)
    assert _where(plan) == {1: (1, "10:00")} and plan.now == [] and plan.first_day == TODAY


def test_a_congratulation_just_after_midnight_waits_for_its_local_day() -> None:
    """00:30 in Zurich on Friday is still Thursday in UTC: the user's day decides."""
    thursday = _block(1, 4, "08:00", "09:00", BlockKind.DESK)
    friday = _block(2, 5, "08:00", "09:00", BlockKind.DESK)
    birthday = _action(1, ActionKind.CONGRATULATE, 80, datetime(2026, 12, 4, 0, 30, tzinfo=ZURICH))
    assert _where(plan_week([thursday, friday], [birthday], TODAY, NOW, ZURICH)) == {1: (2, "08:00")}


def test_a_block_a_planned_meeting_overlaps_holds_nothing_else_but_one_it_only_touches_does() -> None:
    from rapport.domain.networking_time import Busy

    desk = _block(1, 2, "10:00", "11:00", BlockKind.DESK)  # Tuesday
    give = _action(1, ActionKind.GIVE, 60)

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 12, 1, hour, minute, tzinfo=ZURICH)

    for overlapping_meeting in (Busy(at(10, 30), at(11, 30), "Lunch"), Busy(at(9, 30), at(10, 15), "Call")):
        plan = plan_week([desk], [give], TODAY, NOW, ZURICH, busy=[overlapping_meeting])
        assert _where(plan) == {} and [a.contact_id for a in plan.waiting] == [1]
    for apart in (Busy(at(9), at(10), "Before"), Busy(at(11), at(12), "After"), Busy(at(14), at(15), "Later")):
        plan = plan_week([desk], [give], TODAY, NOW, ZURICH, busy=[apart])
        assert _where(plan) == {1: (1, "10:00")}


def test_midnight_as_the_end_of_a_block_is_refused_as_a_clock_time() -> None:
    with pytest.raises(BlockProblem) as refused:
        parse_span("Tue 23-24")
    assert refused.value.code == "time.bad_clock"
