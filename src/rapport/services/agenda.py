"""Today's agenda: load what the rules need (one row per contact, dates near today), let the domain rank it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection

from rapport.domain import agenda as rules
from rapport.domain.dates import local_day, month_days_between
from rapport.domain.model import Action
from rapport.domain.news import BELATED_DAYS
from rapport.services.context import Context
from rapport.store import activity
from rapport.store import contacts as store


def agenda_rules(ctx: Context, conn: Connection) -> rules.AgendaRules:
    settings = ctx.settings
    return rules.AgendaRules(
        zone=ctx.zone,
        circles=ctx.circles(conn),
        budget=settings.daily_budget,
        follow_up_hours=settings.follow_up_hours,
        news_window_days=settings.news_window_days,
        dormant_after=timedelta(days=settings.dormant_days),
        my_organisation=store.owner_organisation(conn, ctx.owner_id),
    )


def today(ctx: Context, conn: Connection, limit: int | None = None) -> list[Action]:
    """The ranked, explained actions for today, at most `limit` (default: the daily budget)."""
    if limit is not None and limit < 0:
        from rapport.errors import InputError

        raise InputError("input.negative", field="--limit", value=str(limit))
    config = agenda_rules(ctx, conn)
    day = local_day(ctx.now, ctx.zone)
    window = timedelta(days=config.news_window_days)
    reminding = [c.name for c in config.circles if c.reminds]
    contacts = store.states(conn, ctx.owner_id, circle_names=reminding)
    occasions = activity.occasions_on(
        conn, ctx.owner_id, month_days_between(day - timedelta(days=BELATED_DAYS), day + window)
    )
    news = activity.news_between(conn, ctx.owner_id, day - window, day + window)
    return rules.agenda(contacts, occasions, news, ctx.now, config, limit=limit)
