"""Child process for the memory figure: open the store, compute today's agenda, report memory as one JSON line.

Modes:
- rss: peak resident set size of this process (VmHWM, the whole interpreter included; see peak_rss_mb), the RSS
  after the imports, and the growth of the peak over it (what opening the store and the agenda add);
- tracemalloc: peak of the Python allocations made while opening the store and computing the agenda (slower).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys


def _status_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def current_rss_mb() -> float:
    return _status_mb("VmRSS") or 0.0


def peak_rss_mb() -> float:
    """The peak RSS of this process image.

    VmHWM where there is /proc: getrusage's ru_maxrss survives execve on Linux, so a child started from a big parent
    would report the parent's peak at fork time. getrusage (kilobytes on Linux) elsewhere.
    """
    return _status_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("--db", required=True)
    parser.add_argument("--now", required=True)
    parser.add_argument("--timezone", default="Europe/Zurich")
    parser.add_argument("--mode", choices=("rss", "tracemalloc"), default="rss")
    args = parser.parse_args(argv)

    from rapport.config import Settings
    from rapport.services.agenda import today
    from rapport.services.context import open_context

    settings = Settings(timezone=args.timezone, lang="en")
    after_imports = current_rss_mb()
    if args.mode == "tracemalloc":
        import tracemalloc

        tracemalloc.start()
    ctx = open_context(settings, db=args.db, now=args.now)
    with ctx.transaction() as conn:
        actions = today(ctx, conn)
    report: dict[str, object] = {"actions": len(actions)}
    if args.mode == "tracemalloc":
        import tracemalloc

        report["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    else:
        peak = peak_rss_mb()
        report.update(
            peak_rss_mb=round(peak, 1),
            rss_after_imports_mb=round(after_imports, 1),
            open_agenda_delta_mb=round(peak - after_imports, 1),
        )
    ctx.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
