"""When the contacts looked at decide the day's list: whenever `decided` says so, the list from them is the list
from everyone (the agenda then reads no further); where a contact left out could still take a place, it says no."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rapport.domain.agenda import decided, select
from rapport.domain.model import Action, ActionKind, Reason

DAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


def _action(contact: int, kind: ActionKind, priority: float) -> Action:
    return Action(contact, f"Person {contact}", kind, NOW, priority, Reason("test", {}))


def _left_out(others: list[Action]) -> dict[ActionKind, float]:
    ceilings: dict[ActionKind, float] = {}
    for action in others:
        ceilings[action.kind] = max(ceilings.get(action.kind, 0.0), action.priority)
    return ceilings


def _same_list(looked_at: list[Action], others: list[Action], budget: int) -> bool:
    return select(looked_at, budget, DAY) == select(looked_at + others, budget, DAY)


def test_follow_ups_that_fill_the_list_decide_it_whoever_else_ranks_higher() -> None:
    looked_at = [_action(1, ActionKind.FOLLOW_UP, 30.0), _action(2, ActionKind.FOLLOW_UP, 20.0)]
    others = [_action(3, ActionKind.KEEP_IN_TOUCH, 90.0)]
    assert decided(looked_at, _left_out(others), 2)
    assert _same_list(looked_at, others, 2)


def test_one_follow_up_does_not_decide_a_list_of_two() -> None:
    looked_at = [_action(1, ActionKind.FOLLOW_UP, 30.0)]
    others = [_action(3, ActionKind.KEEP_IN_TOUCH, 90.0)]
    assert not decided(looked_at, _left_out(others), 2)
    assert not _same_list(looked_at, others, 2)


def test_a_contact_left_out_with_a_higher_priority_takes_the_only_place() -> None:
    looked_at = [_action(1, ActionKind.KEEP_IN_TOUCH, 40.0)]
    others = [_action(2, ActionKind.KEEP_IN_TOUCH, 60.0)]
    assert not decided(looked_at, _left_out(others), 1)
    assert not _same_list(looked_at, others, 1)


def test_actions_of_other_kinds_do_not_fill_the_list_like_follow_ups() -> None:
    looked_at = [_action(1, ActionKind.KEEP_IN_TOUCH, 30.0), _action(2, ActionKind.GIVE, 30.0)]
    others = [_action(3, ActionKind.KEEP_IN_TOUCH, 60.0)]
    assert not decided(looked_at, _left_out(others), 2)
    assert not _same_list(looked_at, others, 2)


def test_enough_actions_above_every_contact_left_out_decide_the_list() -> None:
    looked_at = [_action(1, ActionKind.KEEP_IN_TOUCH, 80.0)]
    others = [_action(2, ActionKind.KEEP_IN_TOUCH, 50.0)]
    assert decided(looked_at, _left_out(others), 1)
    assert _same_list(looked_at, others, 1)


def test_a_kind_nobody_looked_at_proposes_can_still_take_a_place_as_the_best_of_its_kind() -> None:
    looked_at = [_action(1, ActionKind.KEEP_IN_TOUCH, 80.0), _action(2, ActionKind.KEEP_IN_TOUCH, 70.0)]
    others = [_action(3, ActionKind.CONGRATULATE, 50.0)]
    assert not decided(looked_at, _left_out(others), 2)
    assert not _same_list(looked_at, others, 2)


def test_an_equal_priority_left_out_may_win_the_draw_so_it_does_not_decide() -> None:
    # the draw of DAY puts one of the two equal actions first; whichever it is, the list is open
    first, second = _action(1, ActionKind.KEEP_IN_TOUCH, 60.0), _action(2, ActionKind.KEEP_IN_TOUCH, 60.0)
    winner = select([first, second], 1, DAY)[0]
    loser = second if winner is first else first
    assert not decided([loser], _left_out([winner]), 1)
    assert not _same_list([loser], [winner], 1)


def test_no_place_is_decided_by_anyone() -> None:
    assert decided([], _left_out([_action(1, ActionKind.KEEP_IN_TOUCH, 60.0)]), 0)
