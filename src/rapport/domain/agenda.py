"""The daily agenda: every rule's proposals, one per contact, ranked, explained and cut to a daily budget."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from rapport.domain.cadence import Rust, circle_named, rusting
from rapport.domain.dates import hours_between, instant, local_day
from rapport.domain.dormant import DORMANT_AFTER, dormant_since, reconnection_value
from rapport.domain.followup import FOLLOW_UP_HOURS, follow_up_window
from rapport.domain.meetings import PlannedMeeting, meeting_actions
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
# A live, two-way relationship (strength 0-100 at least this) not met in person for too long should move offline:
# for at least a year, or twelve of its circle's rhythms for the slower circles.
MEET_IN_PERSON_FROM = 30
MEET_IN_PERSON_DAYS = 365
MEET_IN_PERSON_RHYTHMS = 12
# Keep-in-touch value: the circle weighs most, then how far past its rhythm (up to this many points), the strength
# of the tie and the favours exchanged.
CIRCLE_BONUS = {0: 15.0, 1: 8.0}
OVERDUE_POINTS = 10.0
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
    congratulated: Mapping[int, datetime] | None = None,
) -> dict[int, Action]:
    """The most important action per contact, across all rules (unranked).

    `congratulated`: when I last recorded congratulating each contact (recent ones are enough).
    """
    congratulated = congratulated or {}
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
        found = congratulations.get(contact.id)
        for action in _actions_for(contact, circle, found, congratulated.get(contact.id), now, rules):
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
    congratulated: Mapping[int, datetime] | None = None,
    meetings: Iterable[PlannedMeeting] = (),
) -> list[Action]:
    """Today's ranked list, at most one action per contact and `limit` (default: the budget) in all.

    Open follow-up windows come first; then the best action of every other kind, so that a day's work covers
    each practice; the remaining places go by priority. Planned meetings (on their day, or asking whether they
    took place) rank with the follow-ups, above every other kind, and stand in for their participants' other
    actions.
    """
    budget = rules.budget if limit is None else limit
    best = proposals(contacts, occasions, news, now, rules, congratulated)
    return select(waiting(best, now, rules, meetings), budget, local_day(now, rules.zone))


def waiting(
    best: Mapping[int, Action],
    now: datetime,
    rules: AgendaRules,
    meetings: Iterable[PlannedMeeting] = (),
    put_off: Set[tuple[int, str]] = frozenset(),
) -> list[Action]:
    """What the day's list is chosen from: the planned meetings, then the best action of every contact who is not
    in one of them; without the actions put off ("not now": (contact id, kind) pairs)."""
    planned = meeting_actions(meetings, now, rules.zone)
    busy = {contact_id for a in planned for contact_id in _participants(a)}
    found = [*planned, *(a for a in best.values() if a.contact_id not in busy)]
    return [a for a in found if (a.contact_id, a.kind.value) not in put_off] if put_off else found


def decided(actions: Sequence[Action], left_out: Mapping[ActionKind, float], budget: int) -> bool:
    """Whether the actions of some contacts decide the day's list (see `select`) whatever the others propose.

    `left_out`: per kind, the highest priority that any contact left out could give an action of that kind (a kind
    missing: none of them can propose it); every follow-up is among `actions`. An action left out could take a place
    as the best of its kind, or by its priority. Neither can happen when the follow-ups fill the list; nor when an
    action of its kind ranks above it and `budget` actions do.
    """
    if budget <= 0 or sum(a.kind is ActionKind.FOLLOW_UP for a in actions) >= budget:
        return True
    for kind, ceiling in left_out.items():
        above = [a for a in actions if a.priority > ceiling]
        if len(above) < budget or not any(a.kind is kind for a in above):
            return False
    return True


def _participants(action: Action) -> list[int]:
    ids = action.reason.facts.get("contact_ids")
    return list(ids) if isinstance(ids, list | tuple) else [action.contact_id]


def select(actions: list[Action], budget: int, day: date | None = None) -> list[Action]:
    """Pick the day's actions (see `agenda`) and rank them by priority.

    Equal priorities are ordered by a draw that changes every day (a hash of the day and the contact), so that
    the same few names do not come first day after day while others wait just as long.
    """
    if budget <= 0:
        return []
    draw = day.isoformat() if day is not None else ""

    def rank_key(action: Action) -> tuple[float, int, int, str]:
        tie = zlib.crc32(f"{draw}:{action.contact_id}".encode()) if draw else 0
        return (-action.priority, _KIND_ORDER[action.kind], tie, action.contact_name)

    ranked = sorted(actions, key=rank_key)
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
    return sorted(chosen, key=rank_key)


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
    congratulated_at: datetime | None,
    now: datetime,
    rules: AgendaRules,
) -> Iterable[Action]:
    history = contact.history
    window = follow_up_window(contact, now, rules.zone, rules.follow_up_hours)
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

    if congratulation is not None and not _already_congratulated(contact, congratulation, congratulated_at, rules):
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

    rust = rusting(contact, circle, now)
    keep_value = keep_in_touch_value(contact, circle, now, rust) if rust is not None else None
    dormant = dormant_since(contact, now, rules.dormant_after)
    if dormant is not None:
        value = reconnection_value(contact, rules.my_organisation)
        # A tie gone quiet for years is at least as urgent as it was the day before it counted as dormant.
        priority = max(40.0 + 20.0 * value, (keep_value or 0.0) + 5.0 * value)
        facts: dict[str, object] = {"last_at": dormant, "years": int((now - dormant).days // 365)}
        code = "reconnect"
        if history.last_real_at is None and contact.connected_on is not None:  # connected, never in touch
            code, facts["year"] = "reconnect.connected", contact.connected_on.year
        facts.update(organisation=contact.organisation, helped=contact.received, shared=history.interaction_count)
        yield _action(contact, ActionKind.RECONNECT, now, priority, code, **facts)
    elif rust is not None and keep_value is not None:
        yield _action(
            contact,
            ActionKind.KEEP_IN_TOUCH,
            rust.due,
            keep_value,
            "keep_in_touch.never" if rust.never else "keep_in_touch",
            circle=circle.name,
            cadence=circle.cadence_days,
            last_at=rust.since,
            days=int((now - rust.since).days),
        )

    meet = meet_in_person_since(contact, circle, now) if history.last_mine_at is not None else None
    if meet is not None:
        percent = _strength(contact, circle, now)
        yield _action(
            contact,
            ActionKind.MEET,
            now,
            38.0 + percent / 10.0,
            "meet" if history.last_in_person_at is not None else "meet.never",
            last_at=meet,
            interactions=history.interaction_count,
            strength=percent,
        )


def keep_in_touch_value(contact: ContactState, circle: Circle, now: datetime, rust: Rust | None = None) -> float:
    """How much a touch with a rusting contact is worth today (45-78): the circle first (core, then active), then
    how far past the circle's rhythm relative to it, how strong the tie still is, and the give-and-take so far.
    (`rust`: the contact's rusting(), when already known.)"""
    rust = rust or rusting(contact, circle, now)
    over = rust.days_over(now) / (circle.cadence_days or 1) if rust is not None else 0.0
    strength = _strength(contact, circle, now)
    exchanged = min(contact.given + contact.received, 4)
    return (
        45.0
        + CIRCLE_BONUS.get(circle.rank, 0.0)
        + min(OVERDUE_POINTS, OVERDUE_POINTS / 2 * over)
        + strength / 20.0
        + 0.75 * exchanged
    )


def meet_in_person_every(circle: Circle) -> timedelta | None:
    """How long a member of the circle may go without meeting in person: a year for a monthly rhythm (the core),
    twelve rhythms for slower circles; None for a circle without reminders."""
    if circle.cadence_days is None:
        return None
    return _meet_every(max(MEET_IN_PERSON_DAYS, MEET_IN_PERSON_RHYTHMS * circle.cadence_days))


@lru_cache(maxsize=64)
def _meet_every(days: int) -> timedelta:
    return timedelta(days=days)


def _strength(contact: ContactState, circle: Circle, now: datetime) -> int:
    return strength_percent(strength_at(contact.history, now, circle.half_life_days))


def meet_in_person_since(contact: ContactState, circle: Circle, now: datetime) -> datetime | None:
    """The last meeting in person (or, never met, the first real contact) when it is too long ago for the circle,
    in a tie that is alive and two-way (I reach out too: inbound messages alone do not make one)."""
    every = meet_in_person_every(circle)
    history = contact.history
    if every is None or history.last_mine_at is None:
        return None
    since = history.last_in_person_at or history.first_real_at
    if since is None or now - since < every:  # (a year or more: an hour of daylight saving time does not matter)
        return None
    if _strength(contact, circle, now) < MEET_IN_PERSON_FROM:
        return None
    return since


def _already_congratulated(
    contact: ContactState, congratulation: Congratulation, congratulated_at: datetime | None, rules: AgendaRules
) -> bool:
    """Done when I congratulated after I could know of it.

    News: any personal touch of mine after I recorded it (even before a new job starts); a touch from before I
    knew clears nothing. A yearly date: a personal touch on or after the day. Either: a congratulation I recorded
    (`gave … congratulation`, `log … --about news`) from a news window before the day, or before I learnt of it.
    """
    zone = rules.zone
    if congratulated_at is not None:
        learnt = congratulation.on
        if congratulation.recorded_at is not None:
            learnt = min(learnt, local_day(congratulation.recorded_at, zone))
        if local_day(congratulated_at, zone) >= learnt - timedelta(days=rules.news_window_days):
            return True
    mine = contact.history.last_mine_at
    if mine is None:
        return False
    if congratulation.recorded_at is not None:
        return instant(mine) >= instant(congratulation.recorded_at)
    if congratulation.days_from_today > 0:
        return False
    return local_day(mine, zone) >= congratulation.on


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
