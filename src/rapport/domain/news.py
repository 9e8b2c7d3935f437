"""React to news: birthdays, anniversaries and career events become congratulations inside a window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rapport.domain.dates import next_occurrence, years_on
from rapport.domain.model import News, Occasion

NEWS_WINDOW_DAYS = 7
# A yearly date missed by this many days still gets a (belated) congratulation.
BELATED_DAYS = 1


@dataclass(frozen=True, slots=True)
class Congratulation:
    contact_id: int
    kind: str  # "birthday", "anniversary" or an EventKind value
    on: date
    days_from_today: int  # negative: in the past
    label: str = ""
    years: int | None = None
    recorded_at: datetime | None = None  # news: when I learnt of it (None: a yearly date, or not known)


def occasion_congratulation(occasion: Occasion, today: date, window_days: int) -> Congratulation | None:
    """The congratulation for a birthday or anniversary celebrated from yesterday to `window_days` ahead."""
    on = next_occurrence(occasion.when, today - timedelta(days=BELATED_DAYS))
    offset = (on - today).days
    if offset > window_days:
        return None
    return Congratulation(
        contact_id=occasion.contact_id,
        kind=occasion.kind,
        on=on,
        days_from_today=offset,
        label=occasion.label,
        years=years_on(occasion.when, on),
    )


def news_congratulation(news: News, today: date, window_days: int) -> Congratulation | None:
    """The congratulation for career or life news from the last `window_days` days (or coming up in them)."""
    offset = (news.on - today).days
    if abs(offset) > window_days:
        return None
    return Congratulation(
        contact_id=news.contact_id,
        kind=news.kind.value,
        on=news.on,
        days_from_today=offset,
        label=news.text,
        recorded_at=news.recorded_at,
    )
