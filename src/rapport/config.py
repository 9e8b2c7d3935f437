"""Settings: one declared object, each key with its default, its environment variable and a description.

Sources, later ones winning: defaults, the config file (`config.toml` in the user's config directory, or the
file named by RAPPORT_CONFIG), environment variables, command-line options.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapport.errors import InputError

LANGUAGES = ("en", "de")
CIRCLE_NAME = 50  # characters: rapport.domain.limits.CIRCLE, not imported here to keep start-up light
# The owner of the data on a one-person store (a server has one owner per user).
LOCAL_OWNER = "me"


def _setting(default: Any, env: str, secret: bool = False, check: str = "", least: int = 0, most: int = 0) -> Any:
    """One setting (described to users by the catalog's `help.setting.<name>`). `check` names how a text value is
    checked (see _check_text); a number is least..most."""
    metadata = {"env": env, "secret": secret, "check": check, "least": least, "most": most}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    lang: str = _setting("", "RAPPORT_LANG", check="lang")
    timezone: str = _setting("", "RAPPORT_TZ", check="zone")
    region: str = _setting("CH", "RAPPORT_REGION", check="region")
    daily_budget: int = _setting(7, "RAPPORT_DAILY_BUDGET", most=1000)
    news_window_days: int = _setting(7, "RAPPORT_NEWS_WINDOW_DAYS", most=366)
    follow_up_hours: int = _setting(72, "RAPPORT_FOLLOW_UP_HOURS", most=24 * 366)
    dormant_days: int = _setting(730, "RAPPORT_DORMANT_DAYS", most=36_500)
    default_circle: str = _setting("active", "RAPPORT_DEFAULT_CIRCLE", check="circle")
    smtp_host: str = _setting("", "RAPPORT_SMTP_HOST", check="host")
    smtp_port: int = _setting(587, "RAPPORT_SMTP_PORT", least=1, most=65535)
    smtp_security: str = _setting("starttls", "RAPPORT_SMTP_SECURITY", check="security")
    smtp_user: str = _setting("", "RAPPORT_SMTP_USER", check="line")
    smtp_password: str = _setting("", "RAPPORT_SMTP_PASSWORD", secret=True, check="line")
    mail_from: str = _setting("", "RAPPORT_MAIL_FROM", check="mailbox")
    web_url: str = _setting("http://127.0.0.1:8000/", "RAPPORT_WEB_URL", check="url")

    def zone(self) -> tzinfo:
        name = self.timezone or system_zone_name()
        try:
            return ZoneInfo(name) if name else UTC
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InputError("input.timezone", value=name) from exc

    def language(self) -> str:
        if self.lang:
            return self.lang
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(var, "")
            if value:
                return "de" if value.lower().startswith("de") else "en"
        return "en"


def data_directory() -> Path:
    """Where rapport keeps its files (the default store, a server's session key): RAPPORT_DATA_DIR, else the
    platform's data directory."""
    explicit = os.environ.get("RAPPORT_DATA_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_data_path

    return user_data_path("rapport", appauthor=False)


def config_path() -> str:
    explicit = os.environ.get("RAPPORT_CONFIG")
    if explicit:
        return explicit
    from platformdirs import user_config_dir

    return os.path.join(user_config_dir("rapport", appauthor=False), "config.toml")


def read_file(path: str | None = None) -> dict[str, Any]:
    """The settings written in the config file (empty when there is none)."""
    path = path or config_path()
    if not os.path.exists(path):
        return {}
    import tomllib

    try:
        with open(path, encoding="utf-8") as file:
            return tomllib.loads(file.read())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputError("config.unreadable", path=path) from exc


def load(**overrides: Any) -> Settings:
    """Settings from the file, the environment and the given overrides (None means: not given)."""
    values: dict[str, Any] = read_file()
    for spec in fields(Settings):
        env = os.environ.get(spec.metadata["env"])
        if env:
            values[spec.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _validated(values)


#: The settings that are a person's own on a shared server (`rapport serve --multi-user`); the others (the mail
#: server) are the server's.
PERSONAL = (
    "lang",
    "timezone",
    "region",
    "daily_budget",
    "news_window_days",
    "follow_up_hours",
    "dormant_days",
    "default_circle",
)


def for_person(server: Settings, own: dict[str, str]) -> Settings:
    """The server's settings with a person's own (checked; only the personal keys) in their place."""
    unknown = sorted(set(own) - set(PERSONAL))
    if unknown:
        raise InputError("config.unknown_key", key=_shown(unknown[0]))
    chosen = _validated(own)
    return replace(server, **{key: getattr(chosen, key) for key in own})


def _validated(values: dict[str, Any], thorough: bool = False) -> Settings:
    """Settings from raw values, each checked; `thorough` also checks what needs a library (region, From address),
    as `config set` does before writing."""
    settings = Settings()
    known = {spec.name: spec for spec in fields(Settings)}
    for name, raw in values.items():
        spec = known.get(name)
        if spec is None:
            raise InputError("config.unknown_key", key=_shown(name))
        if isinstance(spec.default, int):
            value: Any = _number(name, raw, spec.metadata["least"], spec.metadata["most"])
        else:
            value = _check_text(name, raw, spec.metadata["check"], thorough, spec.metadata["secret"])
        settings = replace(settings, **{name: value})
    return settings


def _shown(value: Any) -> str:
    """A value as an error message quotes it: one line, at most 60 characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _number(name: str, raw: Any, least: int, most: int) -> int:
    if isinstance(raw, bool):
        raise InputError("config.not_a_number", key=name, value=_shown(raw))
    try:
        value = int(str(raw).strip()) if len(str(raw)) <= 30 else None
    except ValueError:
        value = None
    if value is None or not least <= value <= most:
        raise InputError("config.out_of_range", key=name, value=_shown(raw), least=least, most=most)
    return value


_SECURITIES = ("starttls", "ssl", "none")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]")


def _check_text(name: str, raw: Any, check: str, thorough: bool, secret: bool = False) -> str:
    """A text setting checked for its kind and normalised; InputError (config.invalid) when it does not fit."""
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise InputError("config.invalid", key=name, value=_shown(raw))
    value = str(raw)
    if check != "line":  # a secret keeps its spaces
        value = value.strip()
    if any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in value) or (
        check != "line" and any(ch < " " or ch == "\x7f" for ch in value)
    ):
        raise InputError("config.invalid", key=name, value=_shown(value))
    if check == "line" and (len(value) > 1000 or (("\n" in value or "\r" in value) and not secret)):
        raise InputError("config.invalid", key=name, value="***" if secret else _shown(value))
    if check == "lang" and value:
        value = value.split("-")[0].split("_")[0].lower()
        if value not in LANGUAGES:
            raise InputError("input.language", value=_shown(raw))
    elif check == "zone" and value:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InputError("input.timezone", value=_shown(value)) from exc
    elif check == "region":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{2}", value) or (thorough and not _known_region(value)):
            raise InputError("config.region", key=name, value=_shown(raw))
    elif check == "circle":
        value = value.lower()
        if not value or len(value) > CIRCLE_NAME:
            raise InputError("input.circle_name", value=_shown(raw))
    elif check == "host" and value and not _HOST.fullmatch(value):
        raise InputError("config.invalid", key=name, value=_shown(value))
    elif check == "security":
        value = value.lower()
        if value not in _SECURITIES:
            raise InputError("config.security", key=name, value=_shown(raw), choices=", ".join(_SECURITIES))
    elif check == "url":
        value = _web_url(name, value)
    elif check == "mailbox" and value and (len(value) > 400 or (thorough and not _mailbox(value))):
        raise InputError("config.mailbox", key=name, value=_shown(value))
    return value


def _web_url(name: str, value: str) -> str:
    """An http(s) address with a host and no query or fragment, ending in '/' (links are made by appending)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise InputError("config.url", key=name, value=_shown(value)) from None
    spaces = any(ch.isspace() or not ch.isprintable() for ch in value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or spaces:
        raise InputError("config.url", key=name, value=_shown(value))
    return value if value.endswith("/") else value + "/"


def _known_region(code: str) -> bool:
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


def _mailbox(value: str) -> bool:
    """'Julia Baumann <julia@example.ch>' or 'julia@example.ch', with a valid address."""
    from email.utils import parseaddr

    from email_validator import EmailNotValidError, validate_email

    _display, address = parseaddr(value)
    if not address or ("<" in value) != value.endswith(">"):
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def system_zone_name() -> str:
    """The system's time zone name from TZ, /etc/timezone or /etc/localtime ('' when unknown)."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        return tz
    try:
        with open("/etc/timezone", encoding="utf-8") as file:
            name = file.read().strip()
        if name:
            return name
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return ""
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""


def parse_now(text: str | None, zone: tzinfo) -> datetime:
    """The moment to evaluate at: --now / RAPPORT_NOW as ISO date or date-time (local when no offset), else now."""
    if not text:
        return datetime.now(UTC).astimezone(zone)
    from rapport.domain.dates import FIRST_YEAR, LAST_YEAR, OutOfRange, iso_moment

    try:
        return iso_moment(text, zone)
    except OutOfRange:
        raise InputError(
            "input.out_of_range", field="--now", value=_shown(text), low=FIRST_YEAR, high=LAST_YEAR
        ) from None
    except ValueError:
        raise InputError("input.now", value=_shown(text)) from None


def describe() -> list[dict[str, Any]]:
    """Every setting with its value now, where that value comes from, its default and what it means."""
    written = read_file()
    current = load()
    rows = []
    for spec in fields(Settings):
        env = spec.metadata["env"]
        source = "environment" if os.environ.get(env) else "file" if spec.name in written else "default"
        value = getattr(current, spec.name)
        if spec.metadata.get("secret") and value:
            value = "***"  # a secret is never shown
        rows.append(
            {
                "key": spec.name,
                "value": value,
                "source": source,
                "default": spec.default,
                "env": env,
            }
        )
    return rows


def write_setting(key: str, value: str | None) -> None:
    """Set (or with None remove) one key in the config file, after checking it; other keys stay as they are.

    The file may hold a password, so it is written readable by its owner only (0600). Removing a key works even
    when the file is broken (its lines for that key are taken out, the rest is kept as it is)."""
    known = {spec.name for spec in fields(Settings)}
    path = config_path()
    if value is None:  # a key the file has may always go, known or not (a typo, a newer rapport's setting)
        try:
            values = read_file(path)
        except InputError:
            _remove_lines(path, key)
            return
        if key not in known and key not in values:
            raise InputError("config.unknown_key", key=_shown(key))
        values.pop(key, None)
    else:
        if key not in known:
            raise InputError("config.unknown_key", key=_shown(key))
        values = read_file(path)
        values[key] = value
        checked = _validated(values, thorough=True)  # refuse a bad value before anything is written
        checked.zone()
        values[key] = getattr(checked, key)
    lines = [f"{name} = {_toml_value(v)}" for name, v in sorted(values.items())]
    _write(path, "# rapport settings: `rapport config list` explains each key\n" + "\n".join(lines) + "\n")


def _remove_lines(path: str, key: str) -> None:
    """Take `key = …` out of a config file that does not parse, leaving every other line as it was."""
    with open(path, encoding="utf-8", errors="surrogateescape") as file:
        lines = file.read().splitlines(keepends=True)
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    kept = [line for line in lines if not pattern.match(line)]
    with _opened(path + ".part") as out:
        out.write("".join(kept).encode("utf-8", errors="surrogateescape"))
    os.replace(path + ".part", path)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    partial = f"{path}.part"
    with _opened(partial) as file:
        file.write(text.encode("utf-8"))
    os.replace(partial, path)


def _opened(path: str) -> Any:
    """A new file open for writing, readable and writable by its owner only."""
    if os.path.exists(path):
        os.remove(path)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_value(value: Any) -> str:
    """A TOML value: a number as it is, text as a basic string with every character TOML needs escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = "".join(
        _TOML_ESCAPES.get(ch) or (f"\\u{ord(ch):04X}" if ch < " " or ch == "\x7f" else ch) for ch in str(value)
    )
    return f'"{escaped}"'
