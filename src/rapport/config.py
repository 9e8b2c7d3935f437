"""Settings: one declared object, each key with its default, its environment variable and a description.

Sources, later ones winning: defaults, the config file (`config.toml` in the user's config directory, or the
file named by RAPPORT_CONFIG), environment variables, command-line options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapport.errors import InputError

LANGUAGES = ("en", "de")
# The owner of the data on a one-person store (a server has one owner per user).
LOCAL_OWNER = "me"


def _setting(default: Any, env: str, doc: str, secret: bool = False) -> Any:
    return field(default=default, metadata={"env": env, "doc": doc, "secret": secret})


@dataclass(frozen=True)
class Settings:
    lang: str = _setting(
        "", "RAPPORT_LANG", "Language of everything rapport says: en or de (default: from the locale)."
    )
    timezone: str = _setting(
        "", "RAPPORT_TZ", "Time zone of your calendar, e.g. Europe/Zurich (default: the system's)."
    )
    region: str = _setting("CH", "RAPPORT_REGION", "Country for phone numbers typed without +prefix (ISO code).")
    daily_budget: int = _setting(7, "RAPPORT_DAILY_BUDGET", "How many actions `rapport today` proposes.")
    news_window_days: int = _setting(7, "RAPPORT_NEWS_WINDOW_DAYS", "Days before/after a date or news to congratulate.")
    follow_up_hours: int = _setting(72, "RAPPORT_FOLLOW_UP_HOURS", "Hours after a first meeting to follow up in.")
    dormant_days: int = _setting(730, "RAPPORT_DORMANT_DAYS", "Days without contact after which a tie is dormant.")
    default_circle: str = _setting("active", "RAPPORT_DEFAULT_CIRCLE", "Circle for people added or met.")
    smtp_host: str = _setting("", "RAPPORT_SMTP_HOST", "Your mail server for `rapport send` (none: sending is off).")
    smtp_port: int = _setting(587, "RAPPORT_SMTP_PORT", "Its port: 587 with STARTTLS, 465 with SSL.")
    smtp_security: str = _setting("starttls", "RAPPORT_SMTP_SECURITY", "starttls, ssl or none (none only locally).")
    smtp_user: str = _setting("", "RAPPORT_SMTP_USER", "The user name to log in with (none: no login).")
    smtp_password: str = _setting(
        "", "RAPPORT_SMTP_PASSWORD", "The password (kept here or in the environment, never shown).", secret=True
    )
    mail_from: str = _setting("", "RAPPORT_MAIL_FROM", "Your From address, e.g. Julia Baumann <julia@example.ch>.")

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


def _validated(values: dict[str, Any]) -> Settings:
    settings = Settings()
    known = {spec.name: spec for spec in fields(Settings)}
    for name, raw in values.items():
        spec = known.get(name)
        if spec is None:
            raise InputError("config.unknown_key", key=name)
        if isinstance(spec.default, int):
            try:
                value: Any = int(raw)
            except (TypeError, ValueError) as exc:
                raise InputError("config.not_a_number", key=name, value=str(raw)) from exc
            if value < 0:
                raise InputError("config.not_a_number", key=name, value=str(raw))
        else:
            value = str(raw)
        settings = replace(settings, **{name: value})
    lang = settings.lang.split("-")[0].split("_")[0].lower() if settings.lang else ""
    if lang and lang not in LANGUAGES:
        raise InputError("input.language", value=settings.lang)
    return replace(settings, lang=lang)


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
    from rapport.services.inputs import parse_moment

    try:
        return parse_moment(text, zone, field="--now")
    except InputError:
        raise InputError("input.now", value=text) from None


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
                "doc": spec.metadata["doc"],
            }
        )
    return rows


def write_setting(key: str, value: str | None) -> None:
    """Set (or with None remove) one key in the config file, after checking it; other keys stay as they are."""
    values = read_file()
    if value is None:
        values.pop(key, None)
        if key not in {spec.name for spec in fields(Settings)}:
            raise InputError("config.unknown_key", key=key)
    else:
        values[key] = value
        checked = _validated(values)  # refuse an unknown key or a bad value before anything is written
        checked.zone()
        values[key] = getattr(checked, key)
    path = config_path()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    lines = [f"{name} = {_toml_value(v)}" for name, v in sorted(values.items())]
    partial = f"{path}.part"
    with open(partial, "w", encoding="utf-8") as file:
        file.write("# rapport settings: `rapport config list` explains each key\n" + "\n".join(lines) + "\n")
    os.replace(partial, path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
