"""What an import did (or would do), as lines in the user's language: the command line prints them, the Import
page shows them. Each line is (warning?, text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rapport.i18n import Translator

FUTURE_SHOWN = 20  # items dated later than now listed one by one; the rest are counted
# The Import page asks for an export's date in a field of its own, not with --exported-on: its wording for these.
WEB_WORDING = {
    key: f"web.{key}"
    for key in (
        "import.export_unknown",
        "import.export_origin.option",
        "import.export_origin.connections",
        "import.exported_on_future",
        "import.needs_mapping",
        "file.no_owner",
        "file.unknown_format",
    )
}


def file_problem(
    code: str, facts: dict[str, Any], t: Translator, wording: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """The message key and facts for an error: a file that cannot be imported says what is wrong with it (its
    `problem`), with its line when it has one. `wording`: other keys for some problems (the Import page's)."""
    if "problem" not in facts:
        return code, facts
    problem = str(facts["problem"])
    facts = {**facts, "reason": t((wording or {}).get(problem, problem), **facts)}
    return ("import.bad_whole_file" if code == "import.bad_file" and not facts.get("line") else code), facts


def import_lines(summary: Any, t: Translator, web: bool = False) -> list[tuple[bool, str]]:
    """The summary, what was skipped (each bad record with its file and line), the news, which day each LinkedIn
    export is from, and what was dated later than now. For the Import page (`web`): no hint to `rapport duplicates`
    (the page lists the pairs itself) and the page's wording for the export's date."""
    lines = [
        (
            False,
            t(
                "import.summary",
                files=", ".join(summary.files),
                created=summary.created,
                merged=summary.merged,
                updated=summary.updated,
                unchanged=summary.unchanged,
            ),
        )
    ]
    if summary.interactions:
        lines.append((False, t("import.interactions", count=summary.interactions)))
    if summary.possible_duplicates and not web:
        lines.append((False, t("import.possible_duplicates", count=summary.possible_duplicates)))
    if summary.photos_dropped:
        lines.append((False, t("import.photos", count=summary.photos_dropped)))
    if summary.skipped:
        what = "; ".join(t(f"import.skipped.{reason}", count=n) for reason, n in sorted(summary.skipped.items()))
        lines.append((False, t("import.skipped", what=what)))
    for bad in summary.bad:
        lines.append((True, t("import.bad_record", file=bad.file, line=bad.line, reason=t(bad.problem, **bad.facts))))
    for news in summary.news:
        lines.append((False, t("import.news", name=news["name"], kind=news["kind"], text=news["text"])))
    return lines + _import_time(summary, t, WEB_WORDING if web else {})


def _import_time(summary: Any, t: Translator, wording: dict[str, str]) -> list[tuple[bool, str]]:
    """Which day each LinkedIn export is from and how that is known, what an older export left alone, and what
    was dated later than now (file and line)."""
    lines = []
    for export in summary.exports:
        if not export["date"]:
            lines.append((False, t(wording.get("import.export_unknown", "import.export_unknown"), file=export["file"])))
            continue
        day = t.date(dt.date.fromisoformat(export["date"]))
        key = "import.export_origin." + export["origin"]
        origin = t(wording.get(key, key))
        lines.append((False, t("import.export_date", file=export["file"], date=day, origin=origin)))
    if summary.older_kept:
        lines.append((False, t("import.older_kept", count=summary.older_kept)))
    for item in summary.future[:FUTURE_SHOWN]:
        what = t("import.future." + item["what"])
        lines.append((True, t("import.future", file=item["file"], line=item["line"], what=what, value=item["value"])))
    if len(summary.future) > FUTURE_SHOWN:
        lines.append((True, t("import.future_more", count=len(summary.future) - FUTURE_SHOWN)))
    return lines
