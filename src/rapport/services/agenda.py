"""Today's agenda: load what the rules need (one row per contact, dates near today), let the domain rank it.

Importing this module loads no database library: the daily command can run it on the standard library's
sqlite3 (see rapport.store.reads).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from rapport.domain import agenda as rules
from rapport.domain.dates import local_day, month_days_between
from rapport.domain.meetings import local_moment
from rapport.domain.model import Action, Circle
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


def agenda_for(
    rows: reads.Rows, owner: int, settings: Settings, now: datetime, zone: tzinfo, limit: int | None = None
) -> list[Action]:
    """The ranked, explained actions for `now`, at most `limit` (default: the daily budget)."""
    if limit is not None and limit < 0:
        raise InputError("input.negative", field="--limit", value=str(limit))
    if limit is not None and limit > MAX_LIMIT:
        raise InputError("input.out_of_range", field="--limit", value=str(limit)[:40], low=0, high=MAX_LIMIT)
    config = agenda_rules(settings, zone, reads.circles(rows, owner), reads.owner_organisation(rows, owner))
    today_ = local_day(now, zone)
    window = timedelta(days=config.news_window_days)
    occasions = reads.occasions_on(
        rows, owner, month_days_between(today_ - timedelta(days=BELATED_DAYS), today_ + window)
    )
    news = reads.news_between(rows, owner, today_ - window, today_ + window)
    # the latest congratulation recorded per contact (the domain decides whether it came late enough to count:
    # news can be recorded months ahead, and a congratulation then is one)
    congratulated = reads.last_congratulated(rows, owner)
    # planned meetings up to the end of today: today's, and those of past days still waiting for an answer
    meetings = reads.planned_meetings(rows, owner, before=local_moment(today_ + timedelta(days=1), time(0), zone))
    put_off = reads.snoozed(rows, owner, now)
    actions = rules.agenda(
        reads.reminded_states(rows, owner),
        occasions,
        news,
        now,
        config,
        limit=MAX_LIMIT if put_off else limit,
        congratulated=congratulated,
        meetings=meetings,
    )
    if not put_off:
        return actions
    # "not now": those actions wait; the day's list is chosen again from the others, by the same rule
    waiting = [a for a in actions if (a.contact_id, a.kind.value) not in put_off]
    return rules.select(waiting, config.budget if limit is None else limit, today_)


def today(ctx: Context, conn: Any, limit: int | None = None) -> list[Action]:
    """Today's agenda in a service context."""
    return agenda_for(reads.engine_rows(conn), ctx.owner_id, ctx.settings, ctx.now, ctx.zone, limit)


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
