"""Saying things in the user's language: message texts from the catalog, dates and numbers through Babel."""

from __future__ import annotations

import datetime as dt
import string
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Any, Literal

from rapport.domain.model import Reason
from rapport.i18n.catalog import CATALOGS

_LOCALES = {"en": "en_GB", "de": "de_CH"}

# The words rapport stores as English keys and shows in the user's language: "term.<kind>.<key>" in the catalog.
TERMS = ("circle", "favour", "news", "channel", "message", "via")


@cache
def _terms(kind: str) -> dict[str, str]:
    """Every way a term of `kind` is written (its key, its label in every language), folded, to its key."""
    prefix = f"term.{kind}."
    found: dict[str, str] = {}
    for catalog in CATALOGS.values():
        for entry, label in catalog.items():
            if entry.startswith(prefix):
                key = entry.removeprefix(prefix)
                found[_fold(label)] = key
                found[_fold(key)] = key
    return found


def _fold(text: str) -> str:
    return " ".join(text.strip().casefold().replace("_", "-").split())


def term_key(kind: str, text: str) -> str | None:
    """The stored key a typed word of `kind` means, in either language ("kern" and "core" are "core"); None when
    it is no known term (a circle of the user's own, say)."""
    return _terms(kind).get(_fold(text))


def term_words(kind: str) -> dict[str, str]:
    """Every known spelling of a term of `kind` (keys and labels of every language, folded) with its key."""
    return dict(_terms(kind))


@cache
def _plural_rule(locale: str) -> Any:
    from babel.core import Locale

    return Locale.parse(locale).plural_form


class _Formatter(string.Formatter):
    """str.format, plus two kinds of field the catalog can name in its format spec:
    "{circle:circle}" shows a stored term in the user's language (a list, or several joined by ", ", each one),
    "{count:count.contacts}" a number with its noun in the plural form the number needs (catalog entries
    "count.contacts.one", "count.contacts.other")."""

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    def format_field(self, value: Any, format_spec: str) -> str:
        t = self.translator
        if format_spec in TERMS:
            if isinstance(value, list | tuple):
                return ", ".join(t.term(format_spec, str(v)) for v in value)
            return ", ".join(t.term(format_spec, part) for part in str(value).split(", "))
        if format_spec and t.has_plural(format_spec):
            return t.plural(format_spec, int(str(value)))
        return str(super().format_field(value, format_spec))


class Translator:
    """Texts, dates and durations for one language, in the user's time zone."""

    def __init__(self, lang: str, zone: tzinfo) -> None:
        self.lang = lang if lang in CATALOGS else "en"
        self.catalog = CATALOGS[self.lang]
        self.locale = _LOCALES[self.lang]
        self.zone = zone
        self._formatter = _Formatter(self)

    def __call__(self, message: str, /, **facts: Any) -> str:
        """The catalog entry filled in with `facts`; a counted entry ("days", with "days.one" and "days.other")
        takes the form its number needs (the fact n or count, or else its one whole number)."""
        if message not in self.catalog and self.has_plural(message):
            counted = [v for v in facts.values() if isinstance(v, int) and not isinstance(v, bool)]
            return self.plural(message, facts.get("n", facts.get("count", counted[0] if counted else 0)), **facts)
        template = self.catalog.get(message) or CATALOGS["en"].get(message) or message
        try:
            return self._formatter.format(template, **facts)
        except (KeyError, IndexError, ValueError, TypeError):
            return template

    # plural forms and terms --------------------------------------------------------------------------------
    def plural_form(self, n: int) -> str:
        """The plural category of `n` in this language by Babel's (CLDR) rule: "one" or "other" (others in other
        languages)."""
        return str(_plural_rule(self.locale)(abs(n)))

    def has_plural(self, key: str) -> bool:
        """Whether `key` names a counted entry: "key.one" and "key.other" (English needs both forms)."""
        return f"{key}.one" in CATALOGS["en"] and f"{key}.other" in CATALOGS["en"]

    def plural(self, key: str, n: object, /, **facts: Any) -> str:
        """The entry `key.<form>` for the count `n` (given to it as {n}): "1 Tag", "3 Tage"."""
        number = int(str(n))
        form = self.plural_form(number)
        chosen = f"{key}.{form}" if f"{key}.{form}" in self.catalog else f"{key}.other"
        return self(chosen, **{**facts, "n": number})

    def term(self, kind: str, value: str) -> str:
        """A stored term (a circle, a kind of favour or news, a channel) as this language says it; a value that is
        no known term (a circle the user named) is shown as it is."""
        key = term_key(kind, value)
        if key is None:
            return value
        return self.catalog.get(f"term.{kind}.{key}", value)

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

    def yearly(self, month: int, day: int, year: int | None = None) -> str:
        """A date that comes back every year: with its year when known ('3 Mar 1985'), else '3 March'."""
        if year:
            return self.date(dt.date(year, month, day))
        from babel.dates import format_skeleton

        return format_skeleton("MMMMd", dt.date(2000, month, day), locale=self.locale)

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

    def duration(self, hours: float, since: bool = False) -> str:
        """'22 hours' / '22 Stunden'; whole days from 48 hours on ('3 days'). `since`: the form that follows
        German "seit" ('seit 3 Tagen', 'seit 1 Tag')."""
        prefix = "since" if since else "count"
        if hours < 48:
            return self.plural(f"{prefix}.hours", max(1, round(hours)))
        return self.plural(f"{prefix}.days", round(hours / 24))

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
        """A counted noun in the plural form its number needs: '1 favour', '3 favours'."""
        return self.plural(key, n)

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def _sentence_start(self, word: str) -> str:
        """English reasons start with the circle's name: "Core circle …" (German ones with "Kreis")."""
        return word[:1].upper() + word[1:] if self.lang == "en" else word

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
                over=self.duration(float(str(facts.get("hours_over") or 0)), since=True),
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
                received=self.count("count.favours", facts["received"]),
                given=self.count("count.favours", facts["given"]),
                idea=idea,
            )
        if code.startswith("keep_in_touch"):
            last = facts["last_at"]
            assert isinstance(last, datetime)
            return self(
                code,
                circle=self._sentence_start(self.term("circle", str(facts["circle"]))),
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
                interactions=self.count("count.interactions", facts["interactions"]),
                last=self.date(self.local(last).date()),
                ago=self.ago(now - last),
            )
        if code.startswith("meet.planned."):
            return self.planned_meeting(code, facts)
        return self(code, **facts)

    def planned_meeting(self, code: str, facts: dict[str, object]) -> str:
        """A planned meeting in words ("Today at 18:30: talk series with Thomas Keller at the ETH")."""
        from babel.dates import format_time

        at = facts["at"]
        assert isinstance(at, datetime)
        local = self.local(at)
        names = facts.get("names") or []
        place = str(facts.get("place") or "")
        return self(
            code,
            time=format_time(local.time(), format="HH:mm", locale=self.locale),
            date=self.date(local.date()),
            about=str(facts.get("about") or "") or self("meet.a_meeting"),
            names=", ".join(str(n) for n in names) if isinstance(names, list | tuple) else str(names),
            place=self("place.at", place=place) if place else "",
            id=facts.get("meeting", ""),
        )


def facts_for_json(facts: dict[str, object]) -> dict[str, object]:
    """Reason facts as JSON values: moments and days in ISO 8601."""
    out: dict[str, object] = {}
    for key, value in facts.items():
        out[key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out
