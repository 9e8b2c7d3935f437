"""The agenda against its floor, on one store.

- agenda: `rapport.services.agenda.today(ctx, conn)` in its own transaction, best of N runs after a warm-up;
- floor: ONE hand-written SQL query that reads the last interaction per contact over the same tables, run with the
  raw driver (stdlib sqlite3, or psycopg) and fetched completely, best of N runs after a warm-up;
- the agenda's SQL alone: every statement one agenda run sends (captured from the engine), replayed with the raw
  driver and fetched completely, to show how much of the agenda is SQL and how much is Python;
- on SQLite, when the service offers it, the agenda on the standard library's sqlite3 without SQLAlchemy
  (`agenda_for(reads.sqlite_rows(...))`, the daily command's path);
- a cProfile breakdown of one agenda run by where the time is spent (driver, SQLAlchemy, Moment, rules ...);
- peak memory, measured in a fresh process that only opens the store and computes the agenda (bench.memory).
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapport.services.agenda import today
from rapport.services.context import Context

FLOOR_SQL = (
    "SELECT ic.contact_id, MAX(i.occurred_at) FROM interaction_contacts ic "
    "JOIN interactions i ON i.id = ic.interaction_id "
    "JOIN contacts c ON c.id = ic.contact_id "
    "WHERE c.owner_id = {p} GROUP BY ic.contact_id"
)


@dataclass
class AgendaResult:
    backend: str
    agenda_best: float = 0.0
    agenda_runs: list[float] = field(default_factory=list)
    actions: int = 0
    floor_best: float = 0.0
    floor_runs: list[float] = field(default_factory=list)
    floor_rows: int = 0
    floor_plan: str = ""
    sql_best: float = 0.0
    sql_statements: int = 0
    sql_rows: int = 0
    fast_best: float | None = None
    fast_note: str = ""
    profile: dict[str, float] = field(default_factory=dict)
    profile_total: float = 0.0
    profile_top: list[tuple[str, int, float, float]] = field(default_factory=list)
    memory: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.agenda_best / self.floor_best if self.floor_best else float("inf")


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, list[float], Any]:
    """Warm up once, then time `runs` runs; returns (best, all timings, last result)."""
    result = work()
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - began)
    return min(timings), timings, result


def run_agenda(ctx: Context) -> list[Any]:
    with ctx.transaction() as conn:
        return today(ctx, conn)


def raw_queries(location: Any, statements: list[tuple[str, Any]]) -> Callable[[], list[Any]]:
    """A function that runs the statements with the raw driver, fetching every row (connection opened once).

    The statements are in the driver's own parameter style (sqlite3: qmark, psycopg: pyformat), as SQLAlchemy
    sends them, or written for it (FLOOR_SQL).
    """
    if location.is_sqlite:
        con = sqlite3.connect(str(location.sqlite_path))

        def run_sqlite() -> list[Any]:
            return [row for sql, params in statements for row in con.execute(sql, params).fetchall()]

        return run_sqlite

    import psycopg

    pg = psycopg.connect(dsn_of(location), autocommit=True)

    def run_pg() -> list[Any]:
        found: list[Any] = []
        with pg.cursor() as cur:
            for sql, params in statements:
                cur.execute(sql, params)
                found.extend(cur.fetchall())
        return found

    return run_pg


def floor_query(location: Any, owner_id: int) -> Callable[[], list[Any]]:
    placeholder = "?" if location.is_sqlite else "%s"
    return raw_queries(location, [(FLOOR_SQL.format(p=placeholder), (owner_id,))])


def floor_plan(location: Any, owner_id: int) -> str:
    """The query plan of the floor, in one line."""
    if location.is_sqlite:
        con = sqlite3.connect(str(location.sqlite_path))
        try:
            rows = con.execute("EXPLAIN QUERY PLAN " + FLOOR_SQL.format(p="?"), (owner_id,)).fetchall()
        finally:
            con.close()
        return "; ".join(str(r[-1]) for r in rows)
    import psycopg

    with psycopg.connect(dsn_of(location)) as pg:
        lines = [str(r[0]) for r in pg.execute("EXPLAIN (COSTS OFF) " + FLOOR_SQL.format(p="%s"), (owner_id,))]
    nodes = [
        line.strip().removeprefix("->").strip()
        for line in lines
        if line.strip().startswith("->") or not line.startswith(" ")
    ]
    workers = [line.strip() for line in lines if "Workers Planned" in line]
    return " > ".join(nodes) + (f" ({workers[0]})" if workers else "")


def agenda_statements(ctx: Context) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters, in the driver's style) that one agenda run sends."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        run_agenda(ctx)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)
    return seen


def sqlite_fast_path(ctx: Context) -> Callable[[], list[Any]] | None:
    """The agenda on stdlib sqlite3 without SQLAlchemy, when the service offers it (None otherwise)."""
    try:
        from rapport.services import agenda as service
        from rapport.store import reads  # type: ignore[attr-defined]
    except ImportError:
        return None
    agenda_for = getattr(service, "agenda_for", None)
    sqlite_rows = getattr(reads, "sqlite_rows", None)
    if agenda_for is None or sqlite_rows is None or not ctx.location.is_sqlite:
        return None
    con = sqlite3.connect(str(ctx.location.sqlite_path))

    def run() -> list[Any]:
        return list(agenda_for(sqlite_rows(con), ctx.owner_id, ctx.settings, ctx.now, ctx.zone))

    return run


def dsn_of(location: Any) -> str:
    return str(location.url).replace("postgresql+psycopg://", "postgresql://", 1)


def _category(func: tuple[str, int, str]) -> str:
    filename, _, name = func
    path = filename.replace("\\", "/")
    if "/rapport/domain/" in path:
        return "domain rules"
    if path.endswith("/rapport/store/schema.py") or ("/rapport/store/" in path and name in ("moment", "day")):
        return "stored times -> datetime (Moment / moment())"
    if "/rapport/store/" in path:
        return "rows -> domain objects (store)"
    if "/rapport/services/" in path:
        return "services"
    if "/sqlalchemy/" in path:
        return "SQLAlchemy"
    if "/psycopg" in path or "sqlite3" in name or "psycopg" in name:
        return "driver (SQL + fetch)"
    if "/zoneinfo/" in path or "/datetime" in path:
        return "datetime"
    return ""


def profile_breakdown(ctx: Context) -> tuple[dict[str, float], float, list[tuple[str, int, float, float]]]:
    """Where one agenda run spends its time, by self time; built-ins are charged to their callers' category."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_agenda(ctx)
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, callers) in raw.items():
        category = _category(func)
        if category:
            totals[category] += tt
            continue
        # a built-in (or other library) function: charge each caller's category with its share
        charged = 0.0
        for caller, timing in callers.items():
            caller_category = _category(caller) or "other"
            totals[caller_category] += timing[2]
            charged += timing[2]
        if tt > charged:
            totals["other"] += tt - charged
    total = sum(totals.values())
    top = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:8]
    top_rows = [(f[2] if f[0] == "~" else f"{os.path.basename(f[0])}:{f[1]}({f[2]})", v[1], v[2], v[3]) for f, v in top]
    return dict(sorted(totals.items(), key=lambda kv: -kv[1])), total, top_rows


def measure_memory(url: str, now: str, timezone: str, mode: str) -> dict[str, Any]:
    """Run bench.memory in a fresh interpreter and return what it reports."""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--db", url, "--now", now, "--timezone", timezone, "--mode", mode],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def benchmark(
    ctx: Context, backend: str, runs: int, url: str, now: str, timezone: str, say: Callable[[str], None] = print
) -> AgendaResult:
    result = AgendaResult(backend=backend)

    result.agenda_best, result.agenda_runs, actions = best_of(runs, lambda: run_agenda(ctx))
    result.actions = len(actions)
    say(
        f"  agenda today()          best {ms(result.agenda_best)}  runs {fmt_runs(result.agenda_runs)}"
        f"  ({result.actions} actions)"
    )

    floor = floor_query(ctx.location, ctx.owner_id)
    result.floor_best, result.floor_runs, rows = best_of(runs, floor)
    result.floor_rows = len(rows)
    result.floor_plan = floor_plan(ctx.location, ctx.owner_id)
    say(
        f"  floor (raw {'sqlite3' if ctx.location.is_sqlite else 'psycopg'})      best {ms(result.floor_best)}"
        f"  runs {fmt_runs(result.floor_runs)}  ({result.floor_rows} rows)"
    )
    say(f"  floor plan: {result.floor_plan}")
    say(f"  ratio agenda/floor      {result.ratio:.2f}  (goal <= 1.5: {'met' if result.ratio <= 1.5 else 'MISSED'})")

    statements = agenda_statements(ctx)
    result.sql_statements = len(statements)
    result.sql_best, _, rows = best_of(runs, raw_queries(ctx.location, statements))
    result.sql_rows = len(rows)
    say(
        f"  the agenda's SQL alone  best {ms(result.sql_best)}  ({result.sql_statements} statements replayed with the"
        f" raw driver, {result.sql_rows} rows)"
    )

    fast = sqlite_fast_path(ctx)
    if fast is not None:
        try:
            result.fast_best, runs_fast, _ = best_of(runs, fast)
            say(
                f"  agenda on stdlib sqlite3 best {ms(result.fast_best)}  runs {fmt_runs(runs_fast)}"
                f"  (agenda_for + reads.sqlite_rows, no SQLAlchemy)"
            )
        except Exception as exc:  # an API in the making: report, do not fail the benchmark
            result.fast_note = f"failed: {type(exc).__name__}: {exc}"
            say(f"  agenda on stdlib sqlite3: {result.fast_note}")

    result.profile, result.profile_total, result.profile_top = profile_breakdown(ctx)
    say(f"  profile of one run (cProfile, {ms(result.profile_total)} with profiling overhead):")
    for category, seconds in result.profile.items():
        say(f"    {category:<46} {ms(seconds)}  {100 * seconds / result.profile_total:5.1f} %")
    say(
        "  heaviest functions (self time): "
        + "; ".join(f"{name} x{calls} {tt * 1000:.0f} ms" for name, calls, tt, _ in result.profile_top)
    )

    result.memory = measure_memory(url, now, timezone, "rss")
    tracemalloc = measure_memory(url, now, timezone, "tracemalloc")
    result.memory["tracemalloc_peak_mb"] = tracemalloc.get("tracemalloc_peak_mb")
    if "error" in result.memory:
        say(f"  memory: failed: {result.memory['error']}")
    else:
        peak = result.memory["peak_rss_mb"]
        say(
            f"  memory (fresh process): peak RSS {peak:.1f} MB (goal <= 300: {'met' if peak <= 300 else 'MISSED'}),"
            f" RSS after imports {result.memory['rss_after_imports_mb']:.1f} MB,"
            f" opening the store + agenda add {result.memory['open_agenda_delta_mb']:.1f} MB;"
            f" tracemalloc peak of open+agenda {result.memory['tracemalloc_peak_mb']} MB"
        )
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def fmt_runs(timings: list[float]) -> str:
    return "/".join(f"{t * 1000:.0f}" for t in timings)
