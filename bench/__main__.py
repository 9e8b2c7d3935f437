"""`python -m bench`: generate a network, time the agenda against its floor on SQLite and PostgreSQL, time startup,
time importing a 30,000-row LinkedIn export against its floor.

Run from the repository root:

    .venv/bin/python -m bench                                   # 30,000 contacts, 1,000,000 interactions, both
    .venv/bin/python -m bench --quick                           # 3,000 / 100,000 (imports: 3,000 rows): a smoke run
    .venv/bin/python -m bench --only imports                    # one part alone (agenda, startup, imports)
    .venv/bin/python -m bench --markdown docs/benchmarks.md     # also write the page
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path

from bench import agenda as agenda_bench
from bench import imports as imports_bench
from bench import intros as intros_bench
from bench import load as load_bench
from bench import network, report, startup
from bench import share as share_bench
from rapport.config import Settings
from rapport.services.context import Context, open_context

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = os.environ.get("RAPPORT_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
NOW = "2026-11-26T09:00"
TIMEZONE = "Europe/Zurich"
PARTS = ("agenda", "startup", "imports", "intros", "share", "load")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quick", action="store_true", help="3,000 contacts and 100,000 interactions")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "all"), default="all")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of agenda and floor (after a warm-up)")
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-imports", action="store_true")
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        metavar="PART",
        help=f"run only this part ({', '.join(PARTS)}); repeat for several (default: all)",
    )
    parser.add_argument("--load-seconds", type=int, default=60, help="wrk's duration per address (load)")
    parser.add_argument("--load-connections", type=int, default=64, help="wrk's open connections (load)")
    parser.add_argument("--load-threads", type=int, default=2, help="wrk's threads (load)")
    parser.add_argument("--import-rows", type=int, default=30_000, help="rows of the generated Connections.csv")
    parser.add_argument(
        "--import-existing", type=int, default=10_000, help="contacts already in the store for the second import figure"
    )
    parser.add_argument(
        "--import-overlap", type=int, default=2_000, help="rows of the file who are among the existing contacts"
    )
    parser.add_argument("--import-runs", type=int, default=3, help="timed imports per figure (after a warm-up)")
    parser.add_argument("--now", default=NOW, help="the moment the store is generated for and evaluated at")
    parser.add_argument("--timezone", default=TIMEZONE)
    parser.add_argument(
        "--workdir", type=Path, default=ROOT / "bench" / ".data", help="where the SQLite store and the demo store go"
    )
    parser.add_argument("--pg-server", default=DEFAULT_PG, help="PostgreSQL server URL, without database")
    parser.add_argument("--pg-database", default="rapport_bench")
    parser.add_argument(
        "--pg-import-database", default="rapport_bench_import", help="created and dropped by the import benchmark"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep an existing store that already has the requested numbers of rows"
    )
    parser.add_argument(
        "--verify",
        type=int,
        default=200,
        metavar="N",
        help="check the stored summaries of N random contacts against summarise() (0: skip)",
    )
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the results as markdown to FILE")
    parser.add_argument("--check", action="store_true", help="exit with 1 when a goal is missed")
    args = parser.parse_args(argv)
    if args.quick:
        given = set(argv if argv is not None else sys.argv[1:])
        if "--contacts" not in given:
            args.contacts = 3_000
        if "--interactions" not in given:
            args.interactions = 100_000
        for option, small in (("--import-rows", 3_000), ("--import-existing", 1_000), ("--import-overlap", 200)):
            if option not in given:
                setattr(args, option[2:].replace("-", "_"), small)
    args.parts = [p for p in PARTS if p in (args.only or PARTS)]
    if args.skip_startup and "startup" in args.parts:
        args.parts.remove("startup")
    if args.skip_imports and "imports" in args.parts:
        args.parts.remove("imports")
    return args


def say(message: str) -> None:
    print(message, flush=True)


def _postgres_unusable(args: argparse.Namespace) -> str | None:
    """Why the PostgreSQL server cannot be used (None when it can)."""
    try:
        import psycopg

        plain = args.pg_server.rstrip("/").replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(plain + "/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # unreachable, refused, no driver: reported, the other backend still runs
        return " ".join(str(exc).split()) or type(exc).__name__
    return None


def _postgres_ready(args: argparse.Namespace, fresh: bool) -> tuple[str, str]:
    """(url of the benchmark database, server version); drops and creates the database when `fresh`."""
    import psycopg

    server = args.pg_server.rstrip("/")
    plain = server.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain + "/postgres", autocommit=True) as conn:
        version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args.pg_database,)).fetchone()
        if fresh or not exists:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{args.pg_database}"')
    url = server if "+psycopg" in server else server.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{url}/{args.pg_database}", version


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(timezone=args.timezone, lang="en")


def _prepare(backend: str, args: argparse.Namespace, fresh: bool) -> tuple[str, str | None]:
    """(url, PostgreSQL server version) of the benchmark store; an empty one when `fresh`."""
    if backend == "postgresql":
        return _postgres_ready(args, fresh)
    path = args.workdir / f"bench-{args.contacts}-{args.interactions}-{args.seed}.sqlite"
    if fresh:
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    return f"sqlite:///{path}", None


def _store(backend: str, args: argparse.Namespace, run: report.Run) -> tuple[Context, str, str | None]:
    """An open context on a store holding the requested network (generated unless reused), its url, PG version."""
    url, version = _prepare(backend, args, fresh=not args.reuse)
    ctx = open_context(_settings(args), db=url, now=args.now, create=True)
    if args.reuse:
        if network.counts(ctx) == (args.contacts, args.interactions):
            say(f"  reusing the store at {ctx.location.display()}")
            run.loads[backend] = None
            return ctx, url, version
        if network.counts(ctx) != (0, 0):
            say("  the existing store holds another network: generating it again")
            ctx.close()
            url, version = _prepare(backend, args, fresh=True)
            ctx = open_context(_settings(args), db=url, now=args.now, create=True)
    say(
        f"  generating {args.contacts:,} contacts and {args.interactions:,} interactions (seed {args.seed}) "
        f"into {ctx.location.display()}"
    )
    spec = network.Spec(contacts=args.contacts, interactions=args.interactions, seed=args.seed)
    stats = network.generate(ctx, spec, say=say)
    say(
        f"  loaded {stats.total_rows:,} rows in {stats.seconds:.1f} s "
        f"({stats.interactions / max(stats.seconds, 1e-9):,.0f} interactions/s overall)"
    )
    run.loads[backend] = stats
    if ctx.location.is_sqlite:
        network.drop_sqlite_wal(ctx)
    return ctx, url, version


def _verify(ctx: Context, backend: str, args: argparse.Namespace, run: report.Run) -> None:
    if args.verify <= 0:
        return
    checked, problems = network.verify(ctx, args.verify, args.seed)
    if problems:
        for line in problems[:10]:
            say(f"  summary mismatch: {line}")
        run.verified[backend] = f"{len(problems)} differences in {checked} contacts"
    else:
        run.verified[backend] = f"{checked} random contacts match `summarise()`"
    say(f"  summaries: {run.verified[backend]}")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    command = ".venv/bin/python -m bench" + ("".join(" " + shlex.quote(a) for a in (argv or sys.argv[1:])))
    backends = ["sqlite", "postgresql"] if args.backend == "all" else [args.backend]
    args.workdir.mkdir(parents=True, exist_ok=True)
    pg_version: str | None = None
    run = report.Run(
        contacts=args.contacts,
        interactions=args.interactions,
        seed=args.seed,
        now=args.now,
        command=command,
        machine={},
    )
    began = time.perf_counter()
    for backend in backends if "agenda" in args.parts else []:
        say(f"\n== {backend}: agenda ==")
        unusable = _postgres_unusable(args) if backend == "postgresql" else None
        if unusable:
            run.skipped[backend] = f"PostgreSQL not usable at {args.pg_server}: {unusable}"
            say(f"  skipped: {run.skipped[backend]}")
            continue
        ctx, url, version = _store(backend, args, run)
        pg_version = version or pg_version
        try:
            _verify(ctx, backend, args, run)
            run.agendas[backend] = agenda_bench.benchmark(
                ctx, backend, args.runs, url, args.now, args.timezone, say=say
            )
        finally:
            ctx.close()

    for backend in backends if "intros" in args.parts else []:
        say(f"\n== {backend}: intros ==")
        if backend == "postgresql" and _postgres_unusable(args):
            say("  skipped: PostgreSQL not usable")
            continue
        ctx, _url, version = _store(backend, args, run)
        pg_version = version or pg_version
        try:
            run.intros[backend] = intros_bench.benchmark(ctx, backend, args.runs, args.seed, say=say)
        finally:
            ctx.close()

    if "startup" in args.parts:
        say("\n== startup: rapport today vs python -c pass ==")
        run.startup = startup.benchmark(args.workdir / "startup", args.now, args.timezone, args.startup_runs, say)

    if "imports" in args.parts:
        say(f"\n== imports: a {args.import_rows:,}-row LinkedIn Connections.csv ==")

        def unusable(backend: str) -> str | None:
            why = _postgres_unusable(args) if backend == "postgresql" else None
            return f"PostgreSQL not usable at {args.pg_server}: {why}" if why else None

        spec = imports_bench.Spec(
            rows=args.import_rows, existing=args.import_existing, overlap=args.import_overlap, seed=args.seed
        )
        run.imports = imports_bench.benchmark(
            args.workdir / "imports",
            backends,
            unusable,
            spec,
            args.import_runs,
            args.now,
            args.timezone,
            args.pg_server,
            args.pg_import_database,
            say,
        )
        pg_version = pg_version or run.imports.pg_version

    load_result: load_bench.LoadResult | None = None
    if "load" in args.parts:
        say(f"\n== load: wrk against the web server, {args.contacts:,} contacts on SQLite ==")
        ctx, url, _version = _store("sqlite", args, run)
        ctx.close()
        load_result = load_bench.benchmark(
            url, args.now, args.timezone, args.load_seconds, args.load_connections, args.load_threads, say
        )
        missed_load = load_result.missed()
        say(f"  load goals missed: {', '.join(missed_load) if missed_load else 'none'}")

    share_results: tuple[list[share_bench.Quality], share_bench.Speed | None] | None = None
    if "share" in args.parts:
        say(f"\n== share: the labelled articles, and one article against {args.contacts:,} contacts ==")
        share_results = share_bench.benchmark(args.workdir / "share", args.contacts, say)

    run.machine = report.machine(pg_version)
    say("\n== summary ==")
    missed = []
    for backend, result in run.agendas.items():
        peak = result.memory.get("peak_rss_mb")
        say(
            f"  {backend:<10} agenda {result.agenda_best * 1000:.1f} ms, floor {result.floor_best * 1000:.1f} ms, "
            f"ratio {result.ratio:.2f} (goal <= {report.AGENDA_GOAL}), peak RSS {peak} MB "
            f"(goal <= {report.MEMORY_GOAL_MB})"
        )
        if result.ratio > report.AGENDA_GOAL:
            missed.append(f"{backend} agenda ratio")
        if peak is None or peak > report.MEMORY_GOAL_MB:
            missed.append(f"{backend} memory")
    for backend, why in run.skipped.items():
        say(f"  {backend:<10} skipped: {why}")
    if run.startup is not None:
        if run.startup.skipped:
            say(f"  startup    skipped: {run.startup.skipped}")
        else:
            say(
                f"  startup    rapport today {run.startup.rapport_mean * 1000:.1f} ms, python -c pass "
                f"{run.startup.python_mean * 1000:.1f} ms, ratio {run.startup.ratio:.1f}x "
                f"(goal <= {startup.GOAL:.0f}x)"
            )
            if run.startup.ratio > startup.GOAL:
                missed.append("startup ratio")
    if run.imports is not None:
        imp = run.imports
        for backend, result in imp.backends.items():
            say(
                f"  {backend:<10} import {result.empty.best:.2f} s (empty store), {result.existing.best:.2f} s"
                f" ({imp.spec.existing:,} contacts), floor (the rows alone) {result.written * 1000:.0f} ms: ratios"
                f" {imp.ratio(backend, result.empty.best):.1f} (goal <= {imports_bench.EMPTY_GOAL:.0f})"
                f" and {imp.ratio(backend, result.existing.best):.1f} (goal <= {imports_bench.EXISTING_GOAL:.0f}),"
                f" re-import {imp.ratio(backend, result.empty.again):.1f}"
                f" and {imp.ratio(backend, result.existing.again):.1f} (goal <= {imports_bench.REIMPORT_GOAL:.0f}),"
                f" peak RSS {max(s.memory.get('peak_rss_mb', 0) for s in (result.empty, result.existing)):.0f} MB"
                f" (goal <= {imports_bench.MEMORY_GOAL_MB})"
            )
        for backend, why in imp.skipped.items():
            say(f"  {backend:<10} import skipped: {why}")
        missed += imp.missed()
    for backend, result in run.intros.items():
        if result.best > intros_bench.GOAL_SECONDS:
            missed.append(f"{backend} intros")
    if share_results is not None:
        missed += share_bench.missed(share_results[1])
    if load_result is not None:
        missed += load_result.missed()
    say(f"  goals missed: {', '.join(missed) if missed else 'none'}   (total {time.perf_counter() - began:.0f} s)")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        page = report.markdown(run)
        if share_results is not None:
            page = page.rstrip("\n") + "\n\n" + share_bench.markdown(*share_results)
        if load_result is not None:
            page = page.rstrip("\n") + "\n\n" + load_bench.markdown(load_result, command)
        args.markdown.write_text(page, encoding="utf-8")
        say(f"  wrote {args.markdown}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
