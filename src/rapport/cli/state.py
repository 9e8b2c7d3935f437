"""What the command line knows across one run: global options, the language, and how errors are shown."""

from __future__ import annotations

import sys
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


def open_context(create: bool = False) -> Context:
    from rapport.services.context import open_context as open_

    return open_(settings(), db=options.db, now=options.now, create=create)


def fail(code: str, exit_code: int, **facts: Any) -> None:
    t = translator()
    print(t("error", message=t(code, **facts)), file=sys.stderr)
    raise SystemExit(exit_code)


def report(exc: BaseException) -> int:
    """Print one line for an exception and return its exit code."""
    from sqlalchemy.exc import SQLAlchemyError

    from rapport.errors import RapportError

    t = translator()
    if isinstance(exc, RapportError):
        facts = dict(exc.facts)
        if "candidates" in facts and isinstance(facts["candidates"], list):
            facts["candidates"] = "; ".join(str(c) for c in facts["candidates"])
        if "suggestions" in facts and isinstance(facts["suggestions"], list):
            facts["suggestions"] = ", ".join(str(c) for c in facts["suggestions"])
        if "problem" in facts:  # a file that cannot be imported: say what is wrong with it
            facts["reason"] = t(str(facts["problem"]), **facts)
        more = facts.get("more")
        facts["more"] = t("contact.ambiguous_more", more=more) if more else ""
        key = "import.bad_whole_file" if exc.code == "import.bad_file" and not facts.get("line") else exc.code
        message = t(key, **facts)
        code = exc.exit_code
    elif isinstance(exc, SQLAlchemyError):
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        message, code = t("store.failed", detail=detail), 5
    elif isinstance(exc, OSError):
        message, code = f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc), 6
    else:
        message, code = f"{type(exc).__name__}: {exc}", 1
    print(t("error", message=message), file=sys.stderr)
    return code
