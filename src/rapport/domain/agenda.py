"""The daily agenda: every rule's proposals, one per contact, ranked, explained and cut to a daily budget."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from rapport.domain.cadence import circle_named, rusting
from rapport.domain.dates import hours_between, local_day
from rapport.domain.dormant import DORMANT_AFTER, dormant_since, reconnection_value
from rapport.domain.followup import FOLLOW_UP_HOURS, open_window
from rapport.domain.model import (
    DEFAULT_CIRCLES,
    Action,
    ActionKind,
    Circle,
    ContactState,
    News,
    Occasion,
    Reason,
)
from rapport.domain.news import NEWS_WINDOW_DAYS, Congratulation, news_congratulation, occasion_congratulation
from rapport.domain.reciprocity import in_debt
from rapport.domain.strength import strength_at, strength_percent

DAILY_BUDGET = 7
# A relationship this strong (0-100) without ever meeting in person should move offline.
MEET_IN_PERSON_FROM = 30
_CIRCLE_BONUS = {0: 15.0, 1: 8.0}
_KIND_ORDER = {kind: i for i, kind in enumerate(ActionKind)}


@dataclass(frozen=True, slots=True)
class AgendaRules:
    """The knobs of the agenda, all with defaults grounded in the practices."""

    zone: tzinfo
    circles: Sequence[Circle] = DEFAULT_CIRCLES
    budget: int = DAILY_BUDGET
    follow_up_hours: int = FOLLOW_UP_HOURS
    news_window_days: int = NEWS_WINDOW_DAYS
    dormant_after: timedelta = DORMANT_AFTER
    my_organisation: str = ""
    morning: time = time(9, 0)


def proposals(
    contacts: Iterable[ContactState],
    occasions: Iterable[Occasion],
    news: Iterable[News],
    now: datetime,
    rules: AgendaRules,
) -> dict[int, Action]:
    """The most important action per contact, across all rules (unranked)."""
    today = local_day(now, rules.zone)
    congratulations: dict[int, Congratulation] = {}
    for occasion in occasions:
        _keep_nearest(congratulations, occasion_congratulation(occasion, today, rules.news_window_days))
    for item in news:
        _keep_nearest(congratulations, news_congratulation(item, today, rules.news_window_days))

    best: dict[int, Action] = {}
    for contact in contacts:
        circle = circle_named(rules.circles, contact.circle)
        if circle is None or not circle.reminds:
            continue
        for action in _actions_for(contact, circle, congratulations.get(contact.id), now, rules):
            current = best.get(contact.id)
            if current is None or action.priority > current.priority:
                best[contact.id] = action
    return best


def agenda(
    contacts: Iterable[ContactState],
    occasions: Iterable[Occasion],
    news: Iterable[News],
    now: datetime,
    rules: AgendaRules,
    limit: int | None = None,
) -> list[Action]:
    """Today's ranked list, at most one action per contact and `limit` (default: the budget) in all.

    Open follow-up windows come first; then the best action of every other kind, so that a day's work covers
    each practice; the remaining places go by priority.
    """
    budget = rules.budget if limit is None else limit
    actions = list(proposals(contacts, occasions, news, now, rules).values())
    return select(actions, budget)


def select(actions: list[Action], budget: int) -> list[Action]:
    """Pick the day's actions (see `agenda`) and rank them by priority."""
    if budget <= 0:
        return []
    ranked = sorted(actions, key=_rank_key)
    chosen: list[Action] = [a for a in ranked if a.kind is ActionKind.FOLLOW_UP][:budget]
    seen_kinds = {ActionKind.FOLLOW_UP}
    for action in ranked:
        if len(chosen) >= budget:
            break
        if action.kind not in seen_kinds:
            seen_kinds.add(action.kind)
            chosen.append(action)
    picked = {id(a) for a in chosen}
    for action in ranked:
        if len(chosen) >= budget:
            break
        if id(action) not in picked:
            chosen.append(action)
    return sorted(chosen, key=_rank_key)


def _rank_key(action: Action) -> tuple[float, int, str]:
    return (-action.priority, _KIND_ORDER[action.kind], action.contact_name)


def _keep_nearest(found: dict[int, Congratulation], candidate: Congratulation | None) -> None:
    if candidate is None:
        return
    current = found.get(candidate.contact_id)
    if current is None or abs(candidate.days_from_today) < abs(current.days_from_today):
        found[candidate.contact_id] = candidate


def _actions_for(
    contact: ContactState,
    circle: Circle,
    congratulation: Congratulation | None,
    now: datetime,
    rules: AgendaRules,
) -> Iterable[Action]:
    history = contact.history
    window = open_window(history, now, rules.follow_up_hours)
    if window is not None:
        if window.overdue(now):
            hours = hours_between(window.closes_at, now)
            yield _action(
                contact,
                ActionKind.FOLLOW_UP,
                now,
                100.0,
                "follow_up.overdue",
                hours_over=round(hours),
                met_at=window.met_at,
                place=window.place,
            )
        else:
            left = window.hours_left(now)
            urgency = 1.0 - left / rules.follow_up_hours
            yield _action(
                contact,
                ActionKind.FOLLOW_UP,
                window.closes_at,
                90.0 + 10.0 * urgency,
                "follow_up.open",
                hours_left=max(1, int(left)),
                met_at=window.met_at,
                place=window.place,
            )

    if congratulation is not None and not _already_congratulated(contact, congratulation, rules):
        days = congratulation.days_from_today
        due = now if days <= 0 else datetime.combine(congratulation.on, rules.morning, rules.zone)
        priority = 85.0 - 2.0 * abs(days) - (1.0 if days < 0 else 0.0)
        yield _action(
            contact,
            ActionKind.CONGRATULATE,
            due,
            priority,
            f"congratulate.{congratulation.kind}",
            on=congratulation.on,
            days=days,
            label=congratulation.label,
            years=congratulation.years,
        )

    if in_debt(contact):
        debt = -contact.balance
        yield _action(
            contact,
            ActionKind.GIVE,
            now,
            60.0 + 4.0 * min(debt, 5),
            "give.debt",
            received=contact.received,
            given=contact.given,
            looking_for=contact.looking_for,
        )

    dormant = dormant_since(contact, now, rules.dormant_after)
    if dormant is not None:
        value = reconnection_value(contact, rules.my_organisation)
        yield _action(
            contact,
            ActionKind.RECONNECT,
            now,
            40.0 + 20.0 * value,
            "reconnect",
            last_at=dormant,
            years=int((now - dormant).days // 365),
            organisation=contact.organisation,
            helped=contact.received,
            shared=history.interaction_count,
        )
    else:
        rust = rusting(contact, circle, now)
        if rust is not None:
            over = rust.days_over(now) / (circle.cadence_days or 1)
            priority = 45.0 + _CIRCLE_BONUS.get(circle.rank, 0.0) + min(15.0, 10.0 * over)
            code = "keep_in_touch.never" if rust.never else "keep_in_touch"
            yield _action(
                contact,
                ActionKind.KEEP_IN_TOUCH,
                rust.due,
                priority,
                code,
                circle=circle.name,
                cadence=circle.cadence_days,
                last_at=rust.since,
                days=int((now - rust.since).days),
            )

    if history.in_person_count == 0 and history.interaction_count > 0:
        percent = strength_percent(strength_at(history, now, circle.half_life_days))
        if percent >= MEET_IN_PERSON_FROM:
            yield _action(
                contact,
                ActionKind.MEET,
                now,
                38.0 + percent / 10.0,
                "meet",
                interactions=history.interaction_count,
                strength=percent,
            )


def _already_congratulated(contact: ContactState, congratulation: Congratulation, rules: AgendaRules) -> bool:
    """A personal touch of mine on or after the day (for today's or past news) means it is done."""
    mine = contact.history.last_mine_at
    if mine is None or congratulation.days_from_today > 0:
        return False
    return local_day(mine, rules.zone) >= congratulation.on


def _action(
    contact: ContactState, kind: ActionKind, due: datetime, priority: float, code: str, **facts: object
) -> Action:
    return Action(
        contact_id=contact.id,
        contact_name=contact.name,
        kind=kind,
        due=due,
        priority=round(priority, 2),
        reason=Reason(code, facts),
    )
