"""The daily agenda: one action per contact, follow-ups first, every practice covered, cut to the budget."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from rapport.domain import agenda as agenda_module
from rapport.domain.agenda import (
    DAILY_BUDGET,
    MEET_IN_PERSON_FROM,
    AgendaRules,
    agenda,
    keep_in_touch_value,
    proposals,
    select,
)
from rapport.domain.cadence import circle_named
from rapport.domain.dormant import reconnection_value
from rapport.domain.model import (
    ARCHIVED,
    DEFAULT_CIRCLES,
    Action,
    ActionKind,
    Channel,
    ContactState,
    EventKind,
    Initiator,
    News,
    Occasion,
    Reason,
    YearlyDate,
)
from rapport.domain.news import Congratulation, news_congratulation, occasion_congratulation
from rapport.domain.strength import strength_at, strength_percent

from ._support import NOW, ZURICH, contact, history_of, plus, touch, zurich

RULES = AgendaRules(zone=ZURICH)
TODAY = date(2026, 11, 26)


def only(
    contacts: list[ContactState],
    occasions: Sequence[Occasion] = (),
    news: Sequence[News] = (),
    now: datetime = NOW,
    rules: AgendaRules = RULES,
) -> Action | None:
    """The single action proposed for the given contacts (there must be at most one)."""
    found = agenda(contacts, occasions, news, now, rules)
    assert len(found) <= 1
    return found[0] if found else None


def met(
    contact_id: int, when: datetime, place: str = "Swiss Fintech talk", circle: str = "active", **more: object
) -> ContactState:
    history = history_of(touch(when, Channel.IN_PERSON, Initiator.THEM, place=place))
    return contact(contact_id, circle=circle, created_at=when, history=history, **more)


def quiet(contact_id: int, circle: str = "active", **more: object) -> ContactState:
    """A contact with nothing to do today: a recent email from them."""
    history = history_of(touch(NOW - timedelta(days=2), Channel.EMAIL, Initiator.THEM))
    return contact(contact_id, circle=circle, created_at=NOW - timedelta(days=100), history=history, **more)


def birthday(contact_id: int, on: date, year: int | None = 1990) -> Occasion:
    return Occasion(contact_id=contact_id, kind="birthday", label="", when=YearlyDate(on.month, on.day, year))


def action(kind: ActionKind, priority: float, name: str = "", contact_id: int = 0) -> Action:
    return Action(
        contact_id=contact_id,
        contact_name=name or f"{kind.value} {priority}",
        kind=kind,
        due=NOW,
        priority=priority,
        reason=Reason(kind.value),
    )


# --- follow-ups -------------------------------------------------------------------------------------------------


def test_an_open_follow_up_explains_hours_left_the_meeting_and_the_place() -> None:
    when = zurich(2026, 11, 24, 19)
    found = only([met(1, when, name="Thomas Keller")])
    assert found is not None
    assert (found.contact_name, found.kind) == ("Thomas Keller", ActionKind.FOLLOW_UP)
    assert found.reason == Reason("follow_up.open", {"hours_left": 34, "met_at": when, "place": "Swiss Fintech talk"})
    assert found.due == zurich(2026, 11, 27, 19)
    assert found.priority == round(90 + 10 * (1 - 34 / 72), 2)


def test_a_follow_up_gets_more_urgent_as_the_window_closes() -> None:
    early = only([met(1, zurich(2026, 11, 26, 8))])
    late = only([met(1, zurich(2026, 11, 23, 10))])
    assert early is not None and late is not None
    assert 90 <= early.priority < late.priority < 100


def test_a_follow_up_closing_within_the_hour_still_shows_one_hour_left() -> None:
    found = only([met(1, plus(NOW, hours=-71.5))])
    assert found is not None
    assert found.reason.facts["hours_left"] == 1


def test_an_overdue_follow_up_is_due_now_with_top_priority_and_hours_over() -> None:
    when = zurich(2026, 11, 20, 19)
    found = only([met(1, when, place="Kaufleuten")])
    assert found is not None
    assert found.kind is ActionKind.FOLLOW_UP
    assert found.reason == Reason("follow_up.overdue", {"hours_over": 62, "met_at": when, "place": "Kaufleuten"})
    assert (found.due, found.priority) == (NOW, 100.0)


def test_a_follow_up_across_the_spring_change_is_still_open_in_its_72nd_hour() -> None:
    when = zurich(2026, 3, 27, 10)
    found = only([met(1, when)], now=zurich(2026, 3, 30, 10, 30))
    assert found is not None
    assert found.reason.code == "follow_up.open"
    assert found.due == zurich(2026, 3, 30, 11)


def test_an_overdue_follow_up_counts_hours_over_in_absolute_time() -> None:
    found = only([met(1, zurich(2026, 10, 22, 10))], now=zurich(2026, 10, 26, 10))
    assert found is not None
    assert found.reason.facts["hours_over"] == 25


def test_an_answered_meeting_needs_no_follow_up() -> None:
    when = zurich(2026, 11, 24, 19)
    history = history_of(
        touch(when, Channel.IN_PERSON, Initiator.THEM),
        touch(zurich(2026, 11, 25, 8), Channel.LINKEDIN, Initiator.ME),
    )
    assert only([contact(1, circle="active", created_at=when, history=history)]) is None


def test_a_follow_up_long_past_its_grace_period_becomes_a_matter_of_keeping_in_touch() -> None:
    when = NOW - timedelta(days=40)
    found = only([met(1, when, circle="core")])
    assert found is not None
    assert found.kind is ActionKind.KEEP_IN_TOUCH


# --- congratulations --------------------------------------------------------------------------------------------


def test_a_birthday_today_is_due_now_with_its_facts() -> None:
    found = only([quiet(1)], [Occasion(1, "birthday", "Anna", YearlyDate(11, 26, 1990))])
    assert found is not None
    assert found.kind is ActionKind.CONGRATULATE
    assert found.reason == Reason("congratulate.birthday", {"on": TODAY, "days": 0, "label": "Anna", "years": 36})
    assert (found.due, found.priority) == (NOW, 85.0)


def test_an_upcoming_birthday_is_due_on_the_morning_of_the_day() -> None:
    found = only([quiet(1)], [birthday(1, date(2026, 11, 29))])
    assert found is not None
    assert found.due == datetime(2026, 11, 29, 9, 0, tzinfo=ZURICH)
    assert found.priority == 85 - 2 * 3
    assert found.reason.facts["days"] == 3


def test_a_belated_birthday_is_due_now_and_ranks_a_little_lower() -> None:
    found = only([quiet(1)], [birthday(1, date(2026, 11, 25))])
    assert found is not None
    assert (found.due, found.priority, found.reason.facts["days"]) == (NOW, 85 - 2 - 1, -1)


def test_career_news_is_congratulated_with_its_kind_in_the_code() -> None:
    news = News(contact_id=1, kind=EventKind.PROMOTION, on=date(2026, 11, 23), text="Head of Risk")
    found = only([quiet(1)], news=[news])
    assert found is not None
    assert found.reason == Reason(
        "congratulate.promotion", {"on": date(2026, 11, 23), "days": -3, "label": "Head of Risk", "years": None}
    )


def test_news_i_already_reacted_to_is_not_proposed_again() -> None:
    news = News(contact_id=1, kind=EventKind.NEW_JOB, on=date(2026, 11, 23))
    history = history_of(touch(zurich(2026, 11, 24, 12), Channel.LINKEDIN, Initiator.ME))
    someone = contact(1, circle="active", created_at=NOW - timedelta(days=100), history=history)
    assert only([someone], news=[news]) is None


def test_the_nearest_of_several_occasions_is_congratulated() -> None:
    news = News(contact_id=1, kind=EventKind.NEW_JOB, on=date(2026, 11, 21))
    found = only([quiet(1)], [birthday(1, date(2026, 11, 27))], [news])
    assert found is not None
    assert found.reason.code == "congratulate.birthday"


@pytest.mark.parametrize(
    ("on", "mine", "channel", "suppressed"),
    [
        (date(2026, 11, 25), zurich(2026, 11, 26, 8), Channel.EMAIL, True),
        (date(2026, 11, 25), zurich(2026, 11, 25, 7), Channel.CALL, True),
        (date(2026, 11, 26), datetime(2026, 11, 25, 23, 30, tzinfo=UTC), Channel.MESSAGE, True),  # 00:30 in Zurich
        (date(2026, 11, 25), zurich(2026, 11, 24, 23, 59), Channel.EMAIL, False),
        (date(2026, 11, 26), zurich(2026, 11, 26, 8), Channel.SOCIAL, False),
        (date(2026, 11, 28), zurich(2026, 11, 26, 8), Channel.EMAIL, False),
    ],
)
def test_a_personal_touch_of_mine_on_or_after_the_day_means_already_congratulated(
    on: date, mine: datetime, channel: Channel, suppressed: bool
) -> None:
    history = history_of(touch(mine, channel, Initiator.ME))
    someone = contact(1, circle="active", created_at=NOW - timedelta(days=100), history=history)
    found = only([someone], [birthday(1, on)])
    assert (found is None or found.kind is not ActionKind.CONGRATULATE) == suppressed


def test_a_message_from_them_on_the_day_does_not_count_as_my_congratulation() -> None:
    history = history_of(
        touch(NOW - timedelta(days=2), Channel.EMAIL, Initiator.ME),
        touch(zurich(2026, 11, 26, 8), Channel.MESSAGE, Initiator.THEM),
    )
    someone = contact(1, circle="active", created_at=NOW - timedelta(days=100), history=history)
    found = only([someone], [birthday(1, TODAY)])
    assert found is not None
    assert found.kind is ActionKind.CONGRATULATE


# --- give first, reconnect, keep in touch, meet ----------------------------------------------------------------


def test_a_contact_i_owe_favours_gets_a_give_first_action_with_the_ledger() -> None:
    found = only([quiet(1, given=1, received=3, looking_for="a CFO")])
    assert found is not None
    assert found.kind is ActionKind.GIVE
    assert found.reason == Reason("give.debt", {"received": 3, "given": 1, "looking_for": "a CFO"})
    assert found.priority == 60 + 4 * 2


def test_the_give_first_priority_stops_growing_after_five_favours() -> None:
    five, nine = only([quiet(1, received=5)]), only([quiet(1, received=9)])
    assert five is not None and nine is not None
    assert five.priority == nine.priority == 80


def test_a_balanced_ledger_asks_for_nothing() -> None:
    assert only([quiet(1, given=2, received=2)]) is None


def test_a_dormant_tie_is_proposed_for_reconnection_instead_of_keeping_in_touch() -> None:
    last = NOW - timedelta(days=3 * 365 + 10)
    someone = contact(
        1,
        circle="wider",
        created_at=NOW - timedelta(days=4000),
        organisation="UBS",
        received=2,
        given=2,
        history=history_of(touch(last, Channel.CALL, Initiator.THEM)),
    )
    found = only([someone], rules=AgendaRules(zone=ZURICH, my_organisation="Acme"))
    assert found is not None
    assert found.kind is ActionKind.RECONNECT
    assert found.reason == Reason(
        "reconnect", {"last_at": last, "years": 3, "organisation": "UBS", "helped": 2, "shared": 1}
    )
    assert found.priority >= round(40 + 20 * reconnection_value(someone, "Acme"), 2)


def test_a_rusting_core_contact_is_reminded_with_circle_cadence_and_days() -> None:
    last = NOW - timedelta(days=40)
    someone = contact(
        1,
        circle="core",
        created_at=NOW - timedelta(days=400),
        history=history_of(touch(last, Channel.EMAIL, Initiator.ME)),
    )
    found = only([someone])
    assert found is not None
    assert found.kind is ActionKind.KEEP_IN_TOUCH
    assert found.reason == Reason("keep_in_touch", {"circle": "core", "cadence": 30, "last_at": last, "days": 40})
    assert found.due == last + timedelta(days=30)
    assert found.priority == round(keep_in_touch_value(someone, DEFAULT_CIRCLES[0], NOW), 2)


def test_a_contact_never_contacted_is_reminded_as_never() -> None:
    added = NOW - timedelta(days=100)
    found = only([contact(1, circle="active", created_at=added)])
    assert found is not None
    assert found.reason.code == "keep_in_touch.never"
    assert found.reason.facts["last_at"] == added


def test_inner_circles_rank_before_outer_ones_when_equally_overdue() -> None:
    def overdue_by_ten_percent(circle: str, cadence: int) -> Action | None:
        return only([contact(1, circle=circle, created_at=NOW - timedelta(days=cadence * 1.1))])

    core, active, wider = (overdue_by_ten_percent(*c) for c in (("core", 30), ("active", 90), ("wider", 365)))
    assert core is not None and active is not None and wider is not None
    assert core.priority > active.priority > wider.priority


def test_a_warm_core_tie_not_met_in_person_for_a_year_is_proposed_for_meeting() -> None:
    last_met = NOW - timedelta(days=400)
    history = history_of(
        touch(last_met, Channel.IN_PERSON, Initiator.ME),
        *(touch(NOW - timedelta(days=d), Channel.VIDEO, Initiator.THEM) for d in (3, 10, 20)),
        touch(NOW - timedelta(days=5), Channel.EMAIL, Initiator.ME),
    )
    found = only([contact(1, circle="core", created_at=NOW - timedelta(days=900), history=history)])
    percent = strength_percent(strength_at(history, NOW, 90))
    assert percent >= MEET_IN_PERSON_FROM
    assert found is not None
    assert found.kind is ActionKind.MEET
    assert found.reason == Reason("meet", {"last_at": last_met, "interactions": 5, "strength": percent})


def test_a_weak_online_tie_or_one_already_met_is_not_proposed_for_meeting() -> None:
    assert only([quiet(1)]) is None
    history = history_of(
        touch(NOW - timedelta(days=60), Channel.IN_PERSON, Initiator.ME),
        *(touch(NOW - timedelta(days=d), Channel.VIDEO, Initiator.ME) for d in (3, 10, 20)),
    )
    assert only([contact(1, circle="active", created_at=NOW - timedelta(days=60), history=history)]) is None


# --- one per contact, archived, ranking ------------------------------------------------------------------------


def test_a_contact_gets_only_its_most_important_action() -> None:
    someone = contact(1, circle="core", created_at=NOW - timedelta(days=100), given=0, received=4)
    found = proposals([someone], [birthday(1, TODAY)], [], NOW, RULES)
    assert list(found) == [1]
    assert found[1].kind is ActionKind.CONGRATULATE
    assert [a.kind for a in agenda([someone], [birthday(1, TODAY)], [], NOW, RULES)] == [ActionKind.CONGRATULATE]


def test_a_follow_up_wins_over_everything_else_for_the_same_contact() -> None:
    someone = met(1, zurich(2026, 11, 25, 19), circle="core", received=5)
    news = News(1, EventKind.PROMOTION, TODAY)
    found = only([someone], [birthday(1, TODAY)], [news])
    assert found is not None
    assert found.kind is ActionKind.FOLLOW_UP


@pytest.mark.parametrize("circle", [ARCHIVED, "no-such-circle"])
def test_archived_or_unknown_circle_contacts_produce_nothing(circle: str) -> None:
    someone = contact(
        1,
        circle=circle,
        created_at=NOW - timedelta(days=5000),
        received=5,
        history=history_of(touch(zurich(2026, 11, 25, 19), Channel.IN_PERSON, Initiator.THEM)),
    )
    dormant = contact(
        2,
        circle=circle,
        created_at=NOW - timedelta(days=5000),
        history=history_of(touch(NOW - timedelta(days=3000), Channel.CALL)),
    )
    news = News(1, EventKind.NEW_JOB, TODAY)
    assert proposals([someone, dormant], [birthday(1, TODAY), birthday(2, TODAY)], [news], NOW, RULES) == {}
    assert agenda([someone, dormant], [birthday(1, TODAY)], [news], NOW, RULES) == []


def test_occasions_of_contacts_not_listed_are_ignored() -> None:
    assert agenda([quiet(1)], [birthday(2, TODAY)], [News(3, EventKind.MEDIA, TODAY)], NOW, RULES) == []


def test_follow_ups_come_first_then_by_priority() -> None:
    contacts = [
        contact(1, name="Never", circle="core", created_at=NOW - timedelta(days=90)),
        quiet(2, name="Birthday"),
        met(3, zurich(2026, 11, 25, 19), name="Fresh"),
        quiet(4, name="Debtor", received=2),
        met(5, zurich(2026, 11, 21, 19), name="Late"),
    ]
    found = agenda(contacts, [birthday(2, TODAY)], [], NOW, RULES)
    assert [a.contact_name for a in found] == ["Late", "Fresh", "Birthday", "Never", "Debtor"]
    assert [a.priority for a in found] == sorted((a.priority for a in found), reverse=True)


def many_contacts(count: int) -> list[ContactState]:
    return [contact(i, circle="core", created_at=NOW - timedelta(days=31 + i)) for i in range(count)]


def test_the_agenda_is_cut_to_the_daily_budget_by_default() -> None:
    assert RULES.budget == DAILY_BUDGET == 7
    assert len(agenda(many_contacts(20), [], [], NOW, RULES)) == 7
    assert len(agenda(many_contacts(20), [], [], NOW, AgendaRules(zone=ZURICH, budget=3))) == 3
    assert len(agenda(many_contacts(4), [], [], NOW, RULES)) == 4


def test_a_days_agenda_covers_every_kind_of_action_before_more_of_the_same() -> None:
    rusty = many_contacts(10)
    dormant = contact(
        100,
        name="Old friend",
        circle="wider",
        created_at=NOW - timedelta(days=4000),
        history=history_of(touch(NOW - timedelta(days=1500), Channel.CALL, Initiator.THEM)),
    )
    found = agenda([*rusty, dormant], [], [], NOW, RULES)
    assert len(found) == 7
    assert [a.kind for a in found].count(ActionKind.KEEP_IN_TOUCH) == 6
    assert found[-1].contact_name == "Old friend"
    assert found[-1].kind is ActionKind.RECONNECT
    assert all(a.priority > found[-1].priority for a in found[:-1])


@pytest.mark.parametrize("limit", [0, 1, 2, 12, 50])
def test_an_explicit_limit_overrides_the_budget(limit: int) -> None:
    assert len(agenda(many_contacts(20), [], [], NOW, RULES, limit=limit)) == min(limit, 20)


def test_a_zero_or_negative_budget_selects_nothing() -> None:
    actions = [action(ActionKind.FOLLOW_UP, 99), action(ActionKind.GIVE, 60)]
    assert select(actions, 0) == []
    assert select(actions, -3) == []
    assert agenda(many_contacts(5), [], [], NOW, AgendaRules(zone=ZURICH, budget=0)) == []


# --- select -----------------------------------------------------------------------------------------------------


def test_select_takes_one_of_each_kind_before_filling_by_priority() -> None:
    follow_up = action(ActionKind.FOLLOW_UP, 95)
    rusty = [action(ActionKind.KEEP_IN_TOUCH, p) for p in (75, 74, 73)]
    give, reconnect = action(ActionKind.GIVE, 61), action(ActionKind.RECONNECT, 41)
    actions = [reconnect, *rusty, give, follow_up]
    assert select(actions, 4) == [follow_up, rusty[0], give, reconnect]
    assert select(actions, 5) == [follow_up, rusty[0], rusty[1], give, reconnect]
    assert select(actions, 3) == [follow_up, rusty[0], give]
    assert select(actions, 10) == [follow_up, *rusty, give, reconnect]


def test_select_keeps_every_follow_up_even_if_they_fill_the_budget() -> None:
    follow_ups = [action(ActionKind.FOLLOW_UP, 90 + p) for p in (1, 5, 3)]
    congratulation = action(ActionKind.CONGRATULATE, 85)
    assert select([congratulation, *follow_ups], 2) == [follow_ups[1], follow_ups[2]]
    assert select([congratulation, *follow_ups], 4) == [follow_ups[1], follow_ups[2], follow_ups[0], congratulation]


def test_select_breaks_ties_by_kind_then_name() -> None:
    meet = action(ActionKind.MEET, 50, name="Aaron")
    give_b, give_a = action(ActionKind.GIVE, 50, name="Berta"), action(ActionKind.GIVE, 50, name="Anna")
    assert select([meet, give_b, give_a], 3) == [give_a, give_b, meet]


action_lists = st.lists(
    st.builds(
        action, st.sampled_from(list(ActionKind)), st.integers(0, 100).map(float), st.text(alphabet="abc", max_size=3)
    ),
    max_size=20,
)


@given(action_lists, st.integers(-2, 25))
def test_select_respects_the_budget_and_the_order_of_the_day(actions: list[Action], budget: int) -> None:
    chosen = select(actions, budget)
    assert len(chosen) == max(0, min(budget, len(actions)))
    assert len({id(a) for a in chosen}) == len(chosen)
    assert all(any(a is b for b in actions) for a in chosen)
    assert chosen == sorted(chosen, key=lambda a: (-a.priority, list(ActionKind).index(a.kind), a.contact_name))

    follow_ups = [a for a in actions if a.kind is ActionKind.FOLLOW_UP]
    chosen_follow_ups = [a for a in chosen if a.kind is ActionKind.FOLLOW_UP]
    assert len(chosen_follow_ups) == max(0, min(budget, len(follow_ups)))
    other_kinds = {a.kind for a in actions} - {ActionKind.FOLLOW_UP}
    if budget >= len(follow_ups) + len(other_kinds):
        assert {a.kind for a in chosen} == {a.kind for a in actions}
    # Within a kind, the best ones are taken first.
    for kind in ActionKind:
        taken = [a for a in chosen if a.kind is kind]
        if taken:
            left_out = [a for a in actions if a.kind is kind and all(a is not b for b in chosen)]
            assert all(o.priority <= min(t.priority for t in taken) for o in left_out)


# --- the whole agenda as a property ----------------------------------------------------------------------------

circles = st.sampled_from(["core", "active", "wider", ARCHIVED, "gone"])
channels_ = st.sampled_from(list(Channel))
initiators_ = st.sampled_from(list(Initiator))


@st.composite
def contact_states(draw: st.DrawFn, contact_id: int) -> ContactState:
    circle = draw(circles)
    found = circle_named(RULES.circles, circle)
    half_life = found.half_life_days if found else 365
    interactions = [
        touch(plus(NOW, hours=-hours), draw(channels_), draw(initiators_), place="here")
        for hours in draw(st.lists(st.integers(0, 120) | st.integers(0, 4 * 365 * 24), max_size=5))
    ]
    return contact(
        contact_id,
        circle=circle,
        created_at=plus(NOW, days=-draw(st.integers(0, 2000))),
        history=history_of(*interactions, half_life_days=half_life),
        organisation=draw(st.sampled_from(["", "Acme", "UBS"])),
        given=draw(st.integers(0, 4)),
        received=draw(st.integers(0, 4)),
    )


Day = tuple[list[ContactState], list[Occasion], list[News]]


@st.composite
def days_(draw: st.DrawFn) -> Day:
    count = draw(st.integers(0, 12))
    contacts = [draw(contact_states(i)) for i in range(count)]
    occasions = [
        birthday(draw(st.integers(0, max(count - 1, 0))), TODAY + timedelta(days=draw(st.integers(-3, 10))))
        for _ in range(draw(st.integers(0, 4)))
    ]
    news = [
        News(
            draw(st.integers(0, max(count - 1, 0))),
            draw(st.sampled_from(list(EventKind))),
            TODAY + timedelta(days=draw(st.integers(-10, 10))),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return contacts, occasions, news


@given(days_(), st.none() | st.integers(0, 15))
def test_the_agenda_has_one_best_action_per_reminded_contact_follow_ups_first(day: Day, limit: int | None) -> None:
    contacts, occasions, news = day
    proposed = proposals(contacts, occasions, news, NOW, RULES)
    found = agenda(contacts, occasions, news, NOW, RULES, limit=limit)
    budget = RULES.budget if limit is None else limit

    assert len(found) == min(budget, len(proposed))
    assert len({a.contact_id for a in found}) == len(found)
    reminded = {c.id for c in contacts if c.circle in ("core", "active", "wider")}
    assert set(proposed) <= reminded
    for item in found:
        assert item == proposed[item.contact_id]
        assert item.due.tzinfo is not None
    kinds = [a.kind for a in found]
    for kind in kinds:
        event(kind.value)
    if ActionKind.FOLLOW_UP in kinds:
        assert kinds[: kinds.count(ActionKind.FOLLOW_UP)] == [ActionKind.FOLLOW_UP] * kinds.count(ActionKind.FOLLOW_UP)
    assert [a.priority for a in found] == sorted((a.priority for a in found), reverse=True)

    # The proposal for each contact is its highest-priority action across all rules.
    by_id = {c.id: c for c in contacts}
    for contact_id, best in proposed.items():
        someone = by_id[contact_id]
        circle = circle_named(RULES.circles, someone.circle)
        assert circle is not None
        candidates = list(
            agenda_module._actions_for(someone, circle, _congratulation(contact_id, occasions, news), None, NOW, RULES)
        )
        assert best.priority == max(a.priority for a in candidates)


def _congratulation(contact_id: int, occasions: list[Occasion], news: list[News]) -> Congratulation | None:
    found: dict[int, Congratulation] = {}
    for occasion in occasions:
        agenda_module._keep_nearest(found, occasion_congratulation(occasion, TODAY, RULES.news_window_days))
    for item in news:
        agenda_module._keep_nearest(found, news_congratulation(item, TODAY, RULES.news_window_days))
    return found.get(contact_id)
