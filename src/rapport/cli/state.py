"""What the command line knows across one run: global options, the language, and how errors are shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapport.config import Settings
    from rapport.i18n import Translator
    from rapport.services.context import Context


@dataclass
class Options:
    db: str | None = None
    lang: str | None = None
    now: str | None = None


options = Options()
_translator: Translator | None = None


def reset() -> None:
    """Forget the previous run's options (the command line can be run several times in one process)."""
    global _translator
    options.db = options.lang = options.now = None
    _translator = None


def settings() -> Settings:
    from rapport import config

    return config.load(lang=options.lang)


def translator() -> Translator:
    """The translator for this run; falls back to English in UTC while settings cannot be read."""
    global _translator
    if _translator is None:
        from datetime import UTC

        from rapport.errors import RapportError
        from rapport.i18n import Translator

        try:
            current = settings()
            _translator = Translator(current.language(), current.zone())
        except RapportError:
            return Translator("de" if (options.lang or "").lower().startswith("de") else "en", UTC)
    return _translator


def take_lang(args: list[str]) -> None:
    """Use the language typed on the command line (`--lang X`, `--lang=X`) before the framework reads it: for
    `--help` and for mistakes in how rapport was called. Without one, RAPPORT_LANG, then the config file apply."""
    global _translator
    if options.lang is not None:
        return
    typed = [
        arg.split("=", 1)[1] if "=" in arg else args[i + 1] if i + 1 < len(args) else ""
        for i, arg in enumerate(args)
        if arg.split("=", 1)[0] == "--lang"
    ]
    if typed and typed[-1]:
        options.lang, _translator = typed[-1], None


def open_context(create: bool = False) -> Context:
    from rapport.services.context import open_context as open_

    return open_(settings(), db=options.db, now=options.now, create=create)


def fail(code: str, exit_code: int, **facts: Any) -> None:
    raise SystemExit(fail_code(code, exit_code, **facts))


def fail_code(code: str, exit_code: int, **facts: Any) -> int:
    """Say one error line for a message code with its facts; returns the exit code."""
    t = translator()
    _error_line(t("error", message=t(code, **{k: shorten(v) if k in _ECHOED else v for k, v in facts.items()})))
    return exit_code


def shorten(value: Any, most: int = 60) -> Any:
    """A typed value as an error message repeats it: on one line, and shortened when long."""
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _error_line(text: str) -> None:
    from rapport.cli.output import clean, warn

    warn(" ".join(clean(text).split()) if "\n" in text or "\r" in text else text)


# facts that repeat what the user typed or what a file holds: shortened and kept on one line in messages
_ECHOED = ("value", "name", "key", "typed")


def usage_error(exc: Any, args: list[str]) -> int:
    """A mistake in how the command was called (a UsageError of Typer's Click), as one line in the user's language."""
    import re

    from typer._click import exceptions as usage

    take_lang(args)  # the command line may have failed before its options were read
    t = translator()
    facts: dict[str, Any] = {}
    unknown = re.match(r"No such command (['\"])(.*?)\1\.", exc.message, re.S)
    if unknown:
        key, facts["name"] = "usage.no_command", unknown.group(2)
        commands = list(getattr(getattr(exc.ctx, "command", None), "commands", None) or [])
        facts["hint"] = _did_you_mean(t, facts["name"], commands)
    elif isinstance(exc, usage.NoSuchOption):
        key, facts["name"] = "usage.no_option", exc.option_name
        known = [o for p in getattr(getattr(exc.ctx, "command", None), "params", []) for o in p.opts]
        facts["hint"] = _did_you_mean(t, exc.option_name, known)
    elif isinstance(exc, usage.MissingParameter):
        key, facts["name"] = "usage.missing", _param_name(exc.param)
    elif isinstance(exc, usage.BadParameter):
        param = exc.param
        key, facts["name"] = "usage.bad_value", _param_name(param)
        facts["value"] = _typed_value(param, args)
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        type_name = getattr(annotation, "__name__", "")
        facts["expected"] = t(f"usage.type.{type_name}") if f"usage.type.{type_name}" in t.catalog else type_name
    elif isinstance(exc, usage.BadOptionUsage):
        key, facts["name"] = "usage.option_value", exc.option_name
    elif exc.message.startswith("Got unexpected extra argument"):
        key, facts["value"] = "usage.extra", exc.message.split("(s) (", 1)[-1].removesuffix(")")
    elif exc.message == "Missing command.":
        key = "usage.no_command_given"
    else:
        key, facts["detail"] = "usage.other", exc.format_message()
    command = exc.ctx.command_path if exc.ctx is not None else "rapport"
    facts["help"] = f"{command} --help"
    return fail_code(key, 2, **facts)


def _did_you_mean(t: Translator, typed: str, choices: list[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(typed, choices, n=3, cutoff=0.6)
    return t("usage.did_you_mean", names=", ".join(close)) if close else ""


def _param_name(param: Any) -> str:
    if param is None:
        return "?"
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    return opts[0] if opts else str(getattr(param, "human_readable_name", None) or param.name).upper()


def _typed_value(param: Any, args: list[str]) -> str:
    """What was typed for an option (the word after it, or after '='); '' when it cannot be told."""
    opts = set(getattr(param, "opts", []) or [])
    for i, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        if name in opts and equals:
            return value
        if arg in opts and i + 1 < len(args):
            return args[i + 1]
    return ""


def report(exc: BaseException) -> int:
    """Print one line for an exception and return its exit code."""
    t = translator()
    message, code = describe(exc, t)
    _error_line(t("error", message=message))
    return code


def describe(exc: BaseException, t: Translator) -> tuple[str, int]:
    """What an exception says to the user (without the "Error:" in front) and its exit code."""
    from sqlalchemy.exc import SQLAlchemyError

    from rapport.errors import RapportError
    from rapport.i18n.reports import file_problem

    if isinstance(exc, RapportError):
        facts = {k: shorten(v) if k in _ECHOED else v for k, v in exc.facts.items()}
        if "candidates" in facts and isinstance(facts["candidates"], list):
            facts["candidates"] = "; ".join(shorten(str(c), 80) for c in facts["candidates"])
        if "suggestions" in facts and isinstance(facts["suggestions"], list):
            facts["suggestions"] = ", ".join(shorten(str(c)) for c in facts["suggestions"])
        more = facts.get("more")
        facts["more"] = t("contact.ambiguous_more", more=more) if more else ""
        key, facts = file_problem(exc.code, facts, t)  # a file that cannot be imported: say what is wrong with it
        return t(key, **facts), exc.exit_code
    if isinstance(exc, SQLAlchemyError):
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        return t("store.failed", detail=detail), 5
    if isinstance(exc, OSError):
        return (f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc)), 6
    return f"{type(exc).__name__}: {exc}", 1
