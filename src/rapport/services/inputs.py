"""Turning what a person types into checked values, or an InputError that says what is wrong.

Shared by every interface (command line, later the web app and importers), so that the same input is accepted
or refused the same way everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

from rapport.domain import limits
from rapport.domain.dates import FIRST_YEAR, LAST_YEAR, OutOfRange, iso_moment
from rapport.domain.model import Channel, EventKind, FavourKind, YearlyDate
from rapport.errors import InputError
from rapport.i18n import term_key, term_words

_CHANNELS: dict[str, Channel] = {
    **{c.value: c for c in Channel},
    "person": Channel.IN_PERSON,
    "in person": Channel.IN_PERSON,
    "meeting": Channel.IN_PERSON,
    "1:1": Channel.IN_PERSON,
    "coffee": Channel.IN_PERSON,
    "lunch": Channel.IN_PERSON,
    "treffen": Channel.IN_PERSON,
    "persoenlich": Channel.IN_PERSON,
    "persönlich": Channel.IN_PERSON,
    "meetup": Channel.GROUP,
    "gruppe": Channel.GROUP,
    "event": Channel.GROUP,
    "zoom": Channel.VIDEO,
    "teams": Channel.VIDEO,
    "videocall": Channel.VIDEO,
    "phone": Channel.CALL,
    "anruf": Channel.CALL,
    "telefon": Channel.CALL,
    "e-mail": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "sms": Channel.MESSAGE,
    "whatsapp": Channel.MESSAGE,
    "signal": Channel.MESSAGE,
    "nachricht": Channel.MESSAGE,
    "like": Channel.SOCIAL,
    "comment": Channel.SOCIAL,
    "kommentar": Channel.SOCIAL,
    "reaction": Channel.SOCIAL,
}

_FAVOURS: dict[str, FavourKind] = {
    **{k.value: k for k in FavourKind},
    "intro": FavourKind.INTRODUCTION,
    "recommendation": FavourKind.REFERRAL,
    "article": FavourKind.INFORMATION,
    "info": FavourKind.INFORMATION,
    "congrats": FavourKind.CONGRATULATION,
    "lead": FavourKind.JOB_LEAD,
    "job": FavourKind.JOB_LEAD,
    "vorstellung": FavourKind.INTRODUCTION,
    "empfehlung": FavourKind.REFERRAL,
    "rat": FavourKind.ADVICE,
    "artikel": FavourKind.INFORMATION,
    "gratulation": FavourKind.CONGRATULATION,
    "hilfe": FavourKind.HELP,
    "stelle": FavourKind.JOB_LEAD,
}

_EVENTS: dict[str, EventKind] = {
    **{k.value: k for k in EventKind},
    "anniversary": EventKind.WORK_ANNIVERSARY,
    "job": EventKind.NEW_JOB,
    "new job": EventKind.NEW_JOB,
    "job-change": EventKind.NEW_JOB,
    "press": EventKind.MEDIA,
    "media-appearance": EventKind.MEDIA,
    "talk": EventKind.MEDIA,
    "geburtstag": EventKind.BIRTHDAY,
    "firmenjubilaeum": EventKind.WORK_ANNIVERSARY,
    "firmenjubiläum": EventKind.WORK_ANNIVERSARY,
    "befoerderung": EventKind.PROMOTION,
    "beförderung": EventKind.PROMOTION,
    "neue-stelle": EventKind.NEW_JOB,
    "medien": EventKind.MEDIA,
}

T = TypeVar("T", Channel, FavourKind, EventKind)


def _with_terms(table: dict[str, T], kind: str, enum: type[T]) -> dict[str, T]:
    """The aliases, plus every label the catalog shows for the term in any language ("Empfehlung", "Kern")."""
    return {**{word: enum(key) for word, key in term_words(kind).items()}, **table}


_CHANNELS = _with_terms(_CHANNELS, "channel", Channel)
_FAVOURS = _with_terms(_FAVOURS, "favour", FavourKind)
_EVENTS = _with_terms(_EVENTS, "news", EventKind)

_AGO = re.compile(r"^(\d{1,4})\s*(d|day|days|tag|tage|tagen|w|week|weeks|woche|wochen)\s*(ago)?$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?$")


def _choice(table: dict[str, T], text: str, code: str) -> T:
    """The value a typed word means (English, German or an alias); refused with the closest ones suggested,
    never guessed."""
    key = " ".join(text.strip().lower().replace("_", "-").split())
    try:
        return table[key]
    except KeyError:
        pass
    from difflib import get_close_matches

    # the closest words as they can be typed (German ones for German typos), one per meaning
    close = list({table[k]: k for k in reversed(get_close_matches(key, list(table), n=3, cutoff=0.75))}.values())[::-1]
    if close:
        raise InputError(f"{code}_close", value=text, suggestions=close)
    raise InputError(code, value=text, choices=", ".join(sorted({v.value for v in table.values()})))


def circle_name(text: str) -> str:
    """The stored name of a typed circle: "kern" or "Core" is "core"; a circle of the user's own as typed
    (trimmed, lower case)."""
    return term_key("circle", text) or text.strip().lower()


def channel(text: str) -> Channel:
    return _choice(_CHANNELS, text, "input.channel")


def favour_kind(text: str) -> FavourKind:
    return _choice(_FAVOURS, text, "input.favour_kind")


def event_kind(text: str) -> EventKind:
    return _choice(_EVENTS, text, "input.event_kind")


def parse_moment(text: str, zone: tzinfo, field: str = "--when", now: datetime | None = None) -> datetime:
    """An ISO date or date-time (local when it has no offset), or today / yesterday / 'N days ago'."""
    raw = text.strip()
    lowered = raw.lower()
    if now is not None:
        if lowered in ("now", "jetzt"):
            return now
        if lowered in ("today", "heute"):
            return now
        if lowered in ("yesterday", "gestern"):
            return now - timedelta(days=1)
        match = _AGO.match(lowered.removeprefix("vor ").strip())
        if match:
            amount = int(match.group(1))
            days = amount * 7 if match.group(2).startswith("w") else amount
            return now - timedelta(days=days)
    try:
        return iso_moment(raw, zone)
    except OutOfRange:
        raise InputError("input.out_of_range", field=field, value=raw[:40], low=FIRST_YEAR, high=LAST_YEAR) from None
    except ValueError:
        raise InputError("input.moment", field=field, value=text) from None


def parse_day(text: str, field: str = "--when") -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError("input.date", field=field, value=text) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError("input.date", field=field, value=text)
    return day


def yearly_date(text: str, field: str = "--birthday") -> YearlyDate:
    """YYYY-MM-DD, --MM-DD (no year), MM-DD, or the German DD.MM.YYYY / DD.MM."""
    raw = text.strip()
    try:
        german = _GERMAN_DATE.match(raw)
        if german:
            day, month, year = german.groups()
            if year and not FIRST_YEAR <= int(year) <= LAST_YEAR:
                raise ValueError(f"{year} is out of range")
            return YearlyDate(int(month), int(day), int(year) if year else None)
        if raw.startswith("--"):
            raw = raw[2:]
        if re.fullmatch(r"\d{2}-?\d{2}", raw):
            digits = raw.replace("-", "")
            return YearlyDate(int(digits[:2]), int(digits[2:]))
        full = date.fromisoformat(raw)
        if not FIRST_YEAR <= full.year <= LAST_YEAR:
            raise ValueError(f"{full.year} is out of range")
        return YearlyDate(full.month, full.day, full.year)
    except ValueError:
        raise InputError("input.yearly_date", field=field, value=text) from None


def email(text: str) -> str:
    """A syntactically valid address, normalised (no network look-up)."""
    from email_validator import EmailNotValidError, validate_email

    if len(text) > limits.EMAIL * 4:  # no address is this long: spare the validator the work
        raise InputError("input.email", value=text)
    try:
        return str(validate_email(text.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        raise InputError("input.email", value=text) from None


def phone(text: str, region: str) -> str:
    """The number in E.164 form; a number without + is read as one of `region`."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        raise InputError("input.phone", value=text) from None
    if not phonenumbers.is_possible_number(number):
        raise InputError("input.phone", value=text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def profile_url(text: str, site: str) -> str:
    """A profile address on LinkedIn or Xing, as https URL without tracking parts."""
    raw = text.strip()
    if not raw.lower().startswith(("http://", "https://")):
        raw = "https://" + raw
    raw = raw.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    host = raw.split("/", 3)[2].lower() if raw.count("/") >= 2 else ""
    if not host.endswith(f"{site}.com") or raw.count("/") < 3:
        raise InputError("input.profile_url", value=text, site=site)
    return "https://www." + host.removeprefix("www.") + "/" + raw.split("/", 3)[3]


def web_url(text: str) -> str:
    """A web address (http or https; https is assumed when none is typed)."""
    raw = text.strip()
    if not raw.lower().startswith(("http://", "https://")):
        raw = "https://" + raw
    host = raw.split("/", 3)[2] if raw.count("/") >= 2 else ""
    if "." not in host or " " in raw or len(raw) > limits.URL:
        raise InputError("input.url", value=text)
    return raw


def address_form(value: str) -> str:
    """How to address someone in German: "du" or "Sie" ("" for the default)."""
    cleaned = value.strip().lower()
    if cleaned in ("", "default"):
        return ""
    if cleaned not in ("du", "sie"):
        raise InputError("input.address_form", value=value)
    return "du" if cleaned == "du" else "Sie"


def _storable(value: str, field: str) -> None:
    """Refuse what no store keeps: NUL characters (PostgreSQL refuses them) and lone surrogates (bytes that were
    not UTF-8)."""
    if not value.isprintable() and any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in value):
        raise InputError("input.unstorable", field=field)


def text(value: str, field: str, required: bool = False, limit: int = limits.TEXT) -> str:
    """Free text, trimmed; refused when required and empty, or longer than `limit` characters."""
    _storable(value, field)
    cleaned = value.strip()
    if required and not cleaned:
        raise InputError("input.empty", field=field)
    if len(cleaned) > limit:
        raise InputError("input.too_long", field=field, limit=limit)
    return cleaned


def name(text: str, field: str = "NAME") -> str:
    """A person's name, white space collapsed: not empty, at most limits.NAME characters."""
    _storable(text, field)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError("input.name", value=text)
    if len(cleaned) > limits.NAME:
        raise InputError("input.too_long", field=field, limit=limits.NAME)
    return cleaned


def whole(value: int, field: str, low: int, high: int) -> int:
    """A whole number typed for `field`, refused outside low..high (no rhythm of a billion days)."""
    if not low <= value <= high:
        raise InputError("input.out_of_range", field=field, value=str(value)[:40], low=low, high=high)
    return value


def positive(value: int, field: str) -> int:
    if value < 0:
        raise InputError("input.negative", field=field, value=str(value))
    return value
