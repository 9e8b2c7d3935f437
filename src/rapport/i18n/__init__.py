"""Saying things in the user's language: message texts from the catalog, dates and numbers through Babel."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal

from rapport.domain.model import Reason
from rapport.i18n.catalog import CATALOGS

_LOCALES = {"en": "en_GB", "de": "de_CH"}


class Translator:
    """Texts, dates and durations for one language, in the user's time zone."""

    def __init__(self, lang: str, zone: tzinfo) -> None:
        self.lang = lang if lang in CATALOGS else "en"
        self.catalog = CATALOGS[self.lang]
        self.locale = _LOCALES[self.lang]
        self.zone = zone

    def __call__(self, message: str, /, **facts: Any) -> str:
        template = self.catalog.get(message) or CATALOGS["en"].get(message) or message
        try:
            return template.format(**facts)
        except (KeyError, IndexError, ValueError):
            return template

    # dates and times -------------------------------------------------------------------------------------
    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def date(self, day: dt.date, style: Literal["full", "long", "medium", "short"] = "medium") -> str:
        from babel.dates import format_date

        return format_date(day, format=style, locale=self.locale)

    def moment(self, moment: datetime) -> str:
        """A date with time in the user's zone, e.g. '24 Nov 2026, 18:30' / '24.11.2026, 18:30'."""
        from babel.dates import format_date, format_time

        local = self.local(moment)
        return (
            f"{format_date(local.date(), format='medium', locale=self.locale)}, "
            f"{format_time(local.time(), format='HH:mm', locale=self.locale)}"
        )

    def weekday(self, day: dt.date) -> str:
        from babel.dates import format_date

        return format_date(day, format="EEEE", locale=self.locale)

    def day_phrase(self, day: dt.date, today: dt.date) -> str:
        """'today', 'yesterday', 'on Tuesday' (within a week), or 'on 3 Mar 2026'."""
        offset = (day - today).days
        if offset == 0:
            return self("day.today")
        if offset == -1:
            return self("day.yesterday")
        if offset == 1:
            return self("day.tomorrow")
        if -7 < offset < 0:
            return self("day.weekday_past", weekday=self.weekday(day))
        if 0 < offset < 7:
            return self("day.weekday_future", weekday=self.weekday(day))
        return self("day.date", date=self.date(day))

    def moment_phrase(self, moment: datetime, now: datetime) -> str:
        local = self.local(moment)
        return self.day_phrase(local.date(), self.local(now).date())

    def duration(self, hours: float) -> str:
        """'22 hours' / '22 Stunden'; days from 48 hours on."""
        from babel.dates import format_timedelta

        span = timedelta(hours=max(hours, 1))
        granularity: Literal["hour", "day"] = "hour" if hours < 48 else "day"
        return format_timedelta(span, granularity=granularity, threshold=2 if hours < 48 else 1.5, locale=self.locale)

    def ago(self, span: timedelta) -> str:
        """'79 days ago' / 'vor 79 Tagen', counted in whole days."""
        from babel.dates import format_timedelta

        days = timedelta(days=max(1, span.days))
        return format_timedelta(-days, add_direction=True, granularity="day", threshold=100_000, locale=self.locale)

    def years(self, years: int) -> str:
        """'2 years' / '2 Jahre'."""
        from babel.dates import format_timedelta

        return format_timedelta(
            timedelta(days=365 * max(1, years)), granularity="year", threshold=100_000, locale=self.locale
        )

    def count(self, key: str, n: object) -> str:
        """A counted noun: 'favours.one' for 1, 'favours.other' otherwise."""
        number = int(str(n))
        return self(f"{key}.one" if number == 1 else f"{key}.other", n=number)

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    # reasons ---------------------------------------------------------------------------------------------
    def reason(self, reason: Reason, now: datetime) -> str:
        """One plain sentence saying why an action is proposed."""
        facts = dict(reason.facts)
        code = reason.code
        if code.startswith("follow_up."):
            place = str(facts.get("place") or "")
            met = facts["met_at"]
            assert isinstance(met, datetime)
            return self(
                code,
                met=self.moment_phrase(met, now),
                place=self("place.at", place=place) if place else "",
                left=self.duration(float(str(facts.get("hours_left") or 0))),
                over=self.duration(float(str(facts.get("hours_over") or 0))),
            )
        if code.startswith("congratulate."):
            on = facts["on"]
            assert isinstance(on, date)
            days = int(str(facts.get("days", 0)))
            when = self.day_phrase(on, self.local(now).date())
            if days >= 7:
                when = self("day.in_days", days=days, date=self.date(on))
            years = facts.get("years")
            years_text = ""
            if years:
                years_text = self("years.age" if code.endswith("birthday") else "years.count", years=years)
            label = str(facts.get("label") or "")
            if code.endswith("anniversary") and not code.endswith("work-anniversary"):
                return self(code, label=label or self("date.anniversary"), when=when, years=years_text)
            return self(code, when=when, years=years_text, label=self("label.suffix", label=label) if label else "")
        if code == "give.debt":
            looking = str(facts.get("looking_for") or "")
            idea = self("give.idea.looking", looking_for=looking) if looking else self("give.idea.generic")
            return self(
                code,
                received=self.count("favours", facts["received"]),
                given=self.count("favours", facts["given"]),
                idea=idea,
            )
        if code.startswith("keep_in_touch"):
            last = facts["last_at"]
            assert isinstance(last, datetime)
            return self(
                code,
                circle=str(facts["circle"]).capitalize() if self.lang == "en" else facts["circle"],
                cadence=facts["cadence"],
                ago=self.ago(now - last),
                last=self.date(self.local(last).date()),
            )
        if code in ("reconnect", "reconnect.connected"):
            last = facts["last_at"]
            assert isinstance(last, datetime)
            shared = int(str(facts.get("shared", 0)))
            organisation = str(facts.get("organisation") or "")
            novelty = ""
            if shared <= 5:
                elsewhere = self("reconnect.elsewhere", organisation=organisation) if organisation else ""
                novelty = self("reconnect.novelty", elsewhere=elsewhere)
            helped = self("reconnect.helped") if int(str(facts.get("helped", 0))) > 0 else ""
            if code == "reconnect.connected":
                return self(code, year=facts["year"], novelty=novelty, helped=helped)
            return self(
                code,
                years=self.years(int(str(facts["years"]))),
                last=self.date(self.local(last).date()),
                novelty=novelty,
                helped=helped,
            )
        if code in ("meet", "meet.never"):
            last = facts["last_at"]
            assert isinstance(last, datetime)
            return self(
                code,
                interactions=self.count("interactions", facts["interactions"]),
                last=self.date(self.local(last).date()),
                ago=self.ago(now - last),
            )
        return self(code, **facts)


def facts_for_json(facts: dict[str, object]) -> dict[str, object]:
    """Reason facts as JSON values: moments and days in ISO 8601."""
    out: dict[str, object] = {}
    for key, value in facts.items():
        out[key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out
