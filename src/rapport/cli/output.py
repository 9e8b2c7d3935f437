"""Showing results: Rich tables for people, JSON for scripts. Rich is imported only when a table is drawn."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapport.domain.model import Action
    from rapport.domain.model import YearlyDate as YearlyDateT
    from rapport.i18n import Translator


# Terminal escape sequences (CSI, OSC, DCS … and two-character ones), then any other control character.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[ -/]*[0-~])?"
    r"|\x9b[0-?]*[ -/]*[@-~]|[\x90\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text as it may reach a terminal: escape sequences removed, other control characters (and the marks that
    reverse the writing direction) shown as �. Line breaks and tabs stay. Every table and line goes through it."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("\ufffd", _ESCAPES.sub("", text))


def line(text: str) -> None:
    print(clean(text))


def warn(text: str) -> None:
    print(clean(text), file=sys.stderr)


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "iso"):
        return value.iso()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def json(data: Any) -> None:
    """JSON for scripts: JSON escapes the C0 control characters itself; DEL and the C1 ones are escaped here."""
    import json as json_module

    text = json_module.dumps(data, ensure_ascii=False, indent=2, default=_default)
    print(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _table(*columns: str, one_line: bool = False) -> Any:
    """A table without borders. `one_line`: every row on one line, a cell too long for its column shortened with
    "…" (never a word broken across lines); otherwise long cells wrap at word boundaries."""
    from rich.table import Table

    class CleanTable(Table):
        def add_row(self, *cells: Any, **options: Any) -> None:
            super().add_row(*(clean(c) if isinstance(c, str) else c for c in cells), **options)

    table = CleanTable(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    for column in columns:
        if one_line:
            table.add_column(column, overflow="ellipsis", no_wrap=True)
        else:
            table.add_column(column, overflow="fold")
    return table


def agenda(actions: Sequence[Action], now: datetime, t: Translator, as_json: bool) -> None:
    if as_json:
        from rapport.services.agenda import as_json as agenda_json

        json(agenda_json(actions, now, t))
        return
    import shutil
    import textwrap

    styled = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def bold(text: str) -> str:
        return f"\033[1m{text}\033[0m" if styled else text

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))
    print(bold(t.plural("today.title", len(actions), date=t.date(t.local(now).date(), style="full"))))
    if not actions:
        print(textwrap.fill(t("today.empty"), width))
        return
    for i, a in enumerate(actions, start=1):
        due = t("due.now") if a.due <= now else t("due.at", when=t.moment(a.due))
        indent = " " * (len(str(i)) + 2)
        print()
        name = clean(a.contact_name)
        print(f"{i}. {bold(t('kind.' + a.kind.value))} · {bold(name)} · {due}")
        print(textwrap.fill(clean(t.reason(a.reason, now)), width, initial_indent=indent, subsequent_indent=indent))


def phone(number: str, region: str) -> str:
    """A stored phone number as people read it, in international format: "+41 79 123 45 67". A number without a
    country code is read as one of `region` (the settings' region); one that cannot be read is shown as stored."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, region.upper())
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_possible_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def contacts(rows: list[dict[str, Any]], t: Translator, as_json: bool, region: str = "CH") -> None:
    """The list of contacts; JSON keeps phone numbers as stored (E.164), the table shows them for people."""
    if as_json:
        json(rows)
        return
    table = _table(
        t("col.name"),
        t("col.organisation"),
        t("col.phone"),
        t("col.circle"),
        t("col.last"),
        t("col.strength"),
        t("col.balance"),
        one_line=True,
    )
    cells = [
        (
            row["name"],
            row["organisation"],
            phone(row["phone"], region) if row["phone"] else "",
            t.term("circle", row["circle"]),
            (t.date(t.local(row["last_real_at"]).date()) if row["last_real_at"] else t("never"))
            + (" !" if row["rusting"] else ""),
            str(row["strength"]),
            f"{row['balance']:+d}",
        )
        for row in rows
    ]
    console = _console()
    _fit(table, cells, console.width, shrinking=(0, 1))
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _fit(table: Any, cells: Sequence[tuple[str, ...]], width: int, shrinking: tuple[int, ...]) -> None:
    """Column widths for one-line rows: the other columns (phone number, circle, date, numbers) are read whole;
    the `shrinking` ones (name, organisation) share what is left, each in proportion to its longest cell, and a
    longer cell is shortened with "…"."""

    def widths(with_headers: bool) -> list[int]:
        return [
            max([len(column.header) if with_headers else 3, *(len(row[index]) for row in cells)])
            for index, column in enumerate(table.columns)
        ]

    def room(natural: list[int]) -> int:
        return width - 2 * (len(natural) - 1) - sum(w for i, w in enumerate(natural) if i not in shrinking)

    natural = widths(with_headers=True)
    wanted = sum(natural[i] for i in shrinking)
    if room(natural) < min(wanted, 12 * len(shrinking)):  # narrow: long headers give way before the names do
        bare = widths(with_headers=False)
        natural = [natural[i] if i in shrinking else bare[i] for i in range(len(natural))]
    left = room(natural)
    for index, column in enumerate(table.columns):
        if index not in shrinking:
            column.min_width = natural[index]
            column.max_width = natural[index]
    if wanted <= left:
        return
    for index in shrinking:
        table.columns[index].max_width = max(6, left * natural[index] // max(wanted, 1))


def circles(rows: list[dict[str, Any]], t: Translator, as_json: bool) -> None:
    if as_json:
        json(rows)
        return
    table = _table(
        t("col.circle"), t("col.cadence"), t("col.capacity"), t("col.members"), t("col.rusting"), t("col.half_life")
    )
    for row in rows:
        table.add_row(
            t.term("circle", row["name"]),
            t("days", days=row["cadence_days"]) if row["cadence_days"] else t("no_reminders"),
            str(row["capacity"]) if row["capacity"] is not None else t("unlimited"),
            str(row["members"]),
            str(row["rusting"]),
            t("days", days=row["half_life_days"]),
        )
    _console().print(table)


def _yearly(d: YearlyDateT, t: Translator) -> str:
    return t.yearly(d.month, d.day, d.year)


def profile(data: dict[str, Any], now: datetime, t: Translator, as_json: bool, region: str = "CH") -> None:
    if as_json:
        out = dict(data)
        out["dates"] = [{"kind": d["kind"], "label": d["label"], "date": d["date"].iso()} for d in data["dates"]]
        json(out)
        return
    console = _console()
    console.print(clean(data["name"]), style="bold", markup=False)
    if data["organisation"] or data["title"]:
        works = (
            t("show.works", title=data["title"], organisation=data["organisation"])
            if data["title"] and data["organisation"]
            else data["title"] or data["organisation"]
        )
        console.print(clean(works), markup=False)
    fields = _table("", "")
    fields.show_header = False

    def row(key: str, value: str) -> None:
        if value:
            fields.add_row(t(key), value)

    row("show.circle", t.term("circle", data["circle"]))
    row("show.emails", ", ".join(data["emails"]))
    row("show.phones", ", ".join(phone(number, region) for number in data["phones"]))
    row("show.urls", ", ".join(data["urls"]))
    row("show.tags", ", ".join(data["tags"]))
    row("show.interests", ", ".join(data["interests"]))
    row("show.address", data["address"])
    row("show.how_met", data["how_met"])
    if data["first_met_at"]:
        place = f" ({data['first_met_place']})" if data["first_met_place"] else ""
        row("show.first_met", t.moment(data["first_met_at"]) + place)
    row("show.looking_for", data["looking_for"])
    row("show.offers", data["offers"])
    row(
        "show.dates",
        "; ".join(f"{d['label'] or t('date.' + d['kind'])} {_yearly(d['date'], t)}" for d in data["dates"]),
    )
    row("show.strength", f"{data['strength']}/100")
    row("show.last", t.moment(data["last_real_at"]) if data["last_real_at"] else t("never"))
    row(
        "show.balance",
        t(
            "show.balance_value",
            given=data["given"],
            received=data["received"],
            open_asks=data["open_asks"],
            balance=data["balance"],
        ),
    )
    console.print(fields)

    def section(key: str, items: list[str]) -> None:
        console.print()
        console.print(t(key), style="bold", markup=False)
        for item in items or [t("show.none")]:
            console.print(wrapped(clean(item), console.width), markup=False, soft_wrap=True)

    section("show.notes", [f"{t.moment(n['written_at'])}  {n['text']}" for n in data["notes"]])
    section("show.interactions", [_interaction(i, t) for i in data["interactions"]])
    section(
        "show.ledger",
        [
            f"{t.date(t.local(f['occurred_at']).date())}  {t('direction.' + f['direction'])} "
            f"{t.term('favour', f['kind'])}{': ' + f['note'] if f['note'] else ''}"
            for f in data["ledger"]
        ],
    )
    section(
        "show.events",
        [
            f"{t.date(e['happened_on'])}  {t.term('news', e['kind'])}{': ' + e['text'] if e['text'] else ''}"
            for e in data["events"]
        ],
    )


def wrapped(text: str, width: int, indent: str = "  ", hanging: str = "    ") -> str:
    """Text wrapped at word boundaries to `width` columns, each paragraph starting after `indent` and going on
    after `hanging`; a word longer than a line stays whole (a link is never cut)."""
    import textwrap

    width = max(width, 20)
    return "\n".join(
        textwrap.fill(
            paragraph,
            width,
            initial_indent=indent if i == 0 else hanging,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or hanging.rstrip()
        for i, paragraph in enumerate(text.splitlines() or [""])
    )


def _interaction(item: dict[str, Any], t: Translator) -> str:
    parts = [t.moment(item["occurred_at"]), t(f"channel.{item['channel']}")]
    if item["place"]:
        parts.append(item["place"])
    if item["summary"]:
        parts.append(item["summary"])
    if item["with"]:
        parts.append(t("show.with", names=", ".join(item["with"])))
    parts.append(t("show.by_them") if item["initiator"] == "them" else t("show.by_me"))
    return "  ".join(parts)


@contextmanager
def import_progress(paths: Sequence[str]) -> Iterator[Any]:
    """A progress bar on a terminal (by lines read), nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    totals = {path: _count_lines(path) for path in paths}
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), transient=True) as bar:
        tasks = {path: bar.add_task(os.path.basename(path), total=totals[path] or None) for path in paths}

        def advance(path: str, line: int) -> None:
            bar.update(tasks[path], completed=line)

        yield advance


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as file:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))
    except OSError:
        return 0


def import_summary(summary: Any, t: Translator, dry_run: bool) -> None:
    from rapport.i18n.reports import import_lines

    for warning, text in import_lines(summary, t):
        warn(text) if warning else line(text)
    if dry_run:
        line(t("import.dry_run"))


def duplicates(pairs: list[dict[str, Any]], t: Translator, as_json: bool) -> None:
    if as_json:
        json(pairs)
        return
    if not pairs:
        line(t("duplicates.none"))
        return
    line(t("duplicates.title"))
    for pair in pairs:
        first, second = pair["first"], pair["second"]
        line(
            f"  #{first['id']} {first['name']}{' (' + first['organisation'] + ')' if first['organisation'] else ''}"
            f"  ~  #{second['id']} {second['name']}"
            f"{' (' + second['organisation'] + ')' if second['organisation'] else ''}"
            f"  [{t('duplicates.' + pair['reason'])}, {pair['score']}]"
        )


def check(result: Any, t: Translator) -> None:
    """The score, then each element: ✓ with its evidence, or ✗ with a hint."""
    line(t("check.score", score=result.score, verdict=t("check.good" if result.good else "check.weak")))
    for element in result.elements:
        label = t(f"check.element.{element.name}")
        if element.present:
            evidence = f": «{element.evidence}»" if element.evidence else ""
            line(f"  ✓ {label}{evidence}")
        else:
            line(f"  ✗ {label}" + (f": {element.hint}" if element.hint else ""))


def draft(written: Any, t: Translator, notice: str | None) -> None:
    """The draft ready to copy, then how personal it is and what to fill in."""
    if written.to:
        line(f"{t('draft.to')}: {written.to}")
    if written.subject:
        line(f"{t('draft.subject')}: {written.subject}")
    line("")
    line(written.text)
    line("")
    if notice:
        warn(t(notice, detail=""))
    check(written.check, t)
    for note in getattr(written, "notes", None) or []:
        line(f"  {t('draft.note')}: {note}")
