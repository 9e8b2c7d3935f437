"""Today's agenda: load what the rules need (one row per contact, dates near today), let the domain rank it.

Importing this module loads no database library: the daily command can run it on the standard library's
sqlite3 (see rapport.store.reads).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from rapport.domain import agenda as rules
from rapport.domain.dates import local_day, month_days_between
from rapport.domain.followup import OVERDUE_GRACE
from rapport.domain.meetings import PlannedMeeting, local_moment
from rapport.domain.model import Action, ActionKind, Circle, ContactState, News, Occasion
from rapport.domain.news import BELATED_DAYS
from rapport.errors import InputError
from rapport.store import reads

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rapport.config import Settings
    from rapport.i18n import Translator
    from rapport.services.context import Context


MAX_LIMIT = 100_000  # actions on one day: more than anyone reads


def agenda_rules(settings: Settings, zone: tzinfo, circles: list[Circle], my_organisation: str) -> rules.AgendaRules:
    return rules.AgendaRules(
        zone=zone,
        circles=circles,
        budget=settings.daily_budget,
        follow_up_hours=settings.follow_up_hours,
        news_window_days=settings.news_window_days,
        dormant_after=timedelta(days=settings.dormant_days),
        my_organisation=my_organisation,
    )


#: Contacts looked at per kind of action before the others are known not to matter (four times more, then all, when
#: they are not enough to decide the day's list).
DEPTH = 24
_KINDS = {
    "give": ActionKind.GIVE,
    "keep": ActionKind.KEEP_IN_TOUCH,
    "reconnect": ActionKind.RECONNECT,
    "meet": ActionKind.MEET,
}


@dataclass(frozen=True)
class Day:
    """What the agenda of one local day needs from the store, at any moment of that day: the contacts that can make
    the day's list (all of them when `complete`) and, per kind, what those left out could reach at most."""

    day: date
    depth: int
    config: rules.AgendaRules
    states: list[ContactState]
    left_out: dict[ActionKind, float]
    occasions: list[Occasion]
    news: list[News]
    congratulated: dict[int, datetime]
    meetings: list[PlannedMeeting]
    snoozes: list[tuple[int, str, datetime]]

    @property
    def complete(self) -> bool:
        return not self.left_out


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise InputError("input.negative", field="--limit", value=str(limit))
    if limit is not None and limit > MAX_LIMIT:
        raise InputError("input.out_of_range", field="--limit", value=str(limit)[:40], low=0, high=MAX_LIMIT)


def day_of(rows: reads.Rows, owner: int, settings: Settings, day: date, zone: tzinfo, depth: int | None = DEPTH) -> Day:
    """What the agenda of `day` needs (`depth`: contacts per kind; None: every reminded contact)."""
    config = agenda_rules(settings, zone, reads.circles(rows, owner), reads.owner_organisation(rows, owner))
    window = timedelta(days=config.news_window_days)
    occasions = reads.occasions_on(rows, owner, month_days_between(day - timedelta(days=BELATED_DAYS), day + window))
    news = reads.news_between(rows, owner, day - window, day + window)
    # the latest congratulation recorded per contact (the domain decides whether it came late enough to count:
    # news can be recorded months ahead, and a congratulation then is one)
    congratulated = reads.last_congratulated(rows, owner)
    starts = local_moment(day, time(0), zone)
    ends = local_moment(day + timedelta(days=1), time(0), zone)
    # planned meetings up to the end of the day: the day's, and those of past days still waiting for an answer
    meetings = reads.planned_meetings(rows, owner, before=ends)
    snoozes = reads.snoozes_after(rows, owner, starts)
    left_out: dict[ActionKind, float] = {}
    if depth is None:
        states = list(reads.reminded_states(rows, owner))
    else:
        # a follow-up is proposed from the first meeting until its window has been closed for a while; news and
        # dates are few: those contacts are always looked at
        met_since = starts - timedelta(hours=config.follow_up_hours) - OVERDUE_GRACE - timedelta(days=1)
        always = {o.contact_id for o in occasions} | {n.contact_id for n in news}
        states, ceilings = reads.candidate_states(
            rows, owner, _ceilings(config), starts, ends, met_since, always, depth
        )
        left_out = {_KINDS[kind]: value for kind, value in ceilings.items()}
    return Day(day, depth or 0, config, states, left_out, occasions, news, congratulated, meetings, snoozes)


def _ceilings(config: rules.AgendaRules) -> reads.Ceilings:
    return reads.Ceilings(
        circle_bonus=dict(rules.CIRCLE_BONUS),
        overdue_points=rules.OVERDUE_POINTS,
        meet_from=rules.MEET_IN_PERSON_FROM,
        meet_days=rules.MEET_IN_PERSON_DAYS,
        meet_rhythms=rules.MEET_IN_PERSON_RHYTHMS,
        dormant_days=math.ceil(config.dormant_after.total_seconds() / 86400),
    )


def agenda_of(day: Day, now: datetime, limit: int | None = None) -> list[Action] | None:
    """The ranked actions for `now` (a moment of `day.day`), at most `limit` (default: the daily budget); None when
    the contacts looked at cannot decide the list (look at more)."""
    config = day.config
    budget = config.budget if limit is None else limit
    best = rules.proposals(day.states, day.occasions, day.news, now, config, day.congratulated)
    # "not now": those actions wait; the day's list is chosen from the others, by the same rule
    put_off = {(contact, kind) for contact, kind, until in day.snoozes if until > now}
    found = rules.waiting(best, now, config, day.meetings, put_off)
    if not rules.decided(found, day.left_out, budget):
        return None
    return rules.select(found, budget, day.day)


def agenda_for(
    rows: reads.Rows, owner: int, settings: Settings, now: datetime, zone: tzinfo, limit: int | None = None
) -> list[Action]:
    """The ranked, explained actions for `now`, at most `limit` (default: the daily budget)."""
    return _agenda(lambda depth: day_of(rows, owner, settings, local_day(now, zone), zone, depth), now, limit)[0]


def _agenda(
    load: Callable[[int | None], Day], now: datetime, limit: int | None, day: Day | None = None, depth: int = DEPTH
) -> tuple[list[Action], Day]:
    """The actions, and the Day they were decided from: `day` when given and enough, else loaded deeper and deeper
    (from `depth` contacts per kind)."""
    _check_limit(limit)
    current: int | None = depth if day is None else day.depth
    while True:
        if day is None:
            day = load(current)
        actions = agenda_of(day, now, limit)
        if actions is not None:
            return actions, day
        current = None if current is None or current * 4 >= MAX_DEPTH else current * 4
        day = None


MAX_DEPTH = 2_000  # beyond this, every contact is looked at


class Kept:
    """The day's agenda inputs, kept per owner until the day or the store changes (the web server's: one per
    server, shared by its requests)."""

    def __init__(self) -> None:
        self._days: dict[tuple[Any, ...], Day] = {}
        self._pages: dict[tuple[Any, ...], bytes] = {}
        self._lock = threading.Lock()

    def page(self, key: tuple[Any, ...]) -> bytes | None:
        """A page made from the agenda, kept under `key` (which holds the store version)."""
        with self._lock:
            return self._pages.get(key)

    def keep_page(self, key: tuple[Any, ...], page: bytes) -> None:
        with self._lock:
            if len(self._pages) >= 64:  # the pages of a few minutes, languages and owners; then start over
                self._pages.clear()
            self._pages[key] = page

    def get(self, key: tuple[Any, ...]) -> Day | None:
        with self._lock:
            return self._days.get(key)

    def put(self, key: tuple[Any, ...], day: Day) -> None:
        with self._lock:
            for old in [k for k in self._days if k[:2] == key[:2]]:  # one day and version per owner and settings
                del self._days[old]
            self._days[key] = day


def today(ctx: Context, conn: Any, limit: int | None = None, kept: Kept | None = None) -> list[Action]:
    """Today's agenda in a service context; with `kept`, what the agenda needs from the store is read once per day
    and store version (any write raises the version, so the next request sees it)."""
    rows = reads.engine_rows(conn)
    day = local_day(ctx.now, ctx.zone)
    settings = ctx.settings

    def load(depth: int | None) -> Day:
        return day_of(rows, ctx.owner_id, settings, day, ctx.zone, depth)

    if kept is None:
        return _agenda(load, ctx.now, limit)[0]
    from rapport.store.db import store_version

    knobs = (settings.daily_budget, settings.follow_up_hours, settings.news_window_days, settings.dormant_days)
    key = (ctx.owner_id, (knobs, str(ctx.zone)), day, store_version(conn))
    actions, used = _agenda(load, ctx.now, limit, kept.get(key))
    kept.put(key, used)
    return actions


def as_json(actions: Sequence[Action], now: datetime, t: Translator) -> list[dict[str, Any]]:
    """The agenda as `rapport today --json` gives it: rank, contact, kind, due, priority, the reason as code and
    facts, and as text in the translator's language."""
    from rapport.i18n import facts_for_json

    return [
        {
            "rank": i,
            "contact_id": a.contact_id,
            "name": a.contact_name,
            "kind": a.kind.value,
            "due": a.due.isoformat(),
            "priority": a.priority,
            "reason": {"code": a.reason.code, "facts": facts_for_json(a.reason.facts)},
            "text": t.reason(a.reason, now),
        }
        for i, a in enumerate(actions, start=1)
    ]
