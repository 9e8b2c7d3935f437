"""Startup: `rapport today` as a whole process on the demo store, against `python -c pass`.

Both run with the virtualenv's interpreter; the mean of N runs each (interleaved, after two warm-ups each).
When the console script is missing or `rapport demo` fails, the figure is skipped with the reason.

Bytecode: an installed rapport has its .pyc files (pip compiles them), but a checkout run with
PYTHONDONTWRITEBYTECODE=1 compiles every rapport module from source at each start. The main figure therefore runs
with bytecode caching on, the .pyc files kept in a prefix under the work directory (PYTHONPYCACHEPREFIX, nothing
written next to the sources); when the environment disables bytecode writing, that variant is measured as well.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOAL = 8.0


@dataclass
class StartupResult:
    skipped: str = ""
    runs: int = 0
    rapport_mean: float = 0.0
    rapport_min: float = 0.0
    python_mean: float = 0.0
    python_min: float = 0.0
    command: list[str] = field(default_factory=list)
    no_pyc_rapport_mean: float | None = None  # the same without cached bytecode, when the environment says so
    no_pyc_python_mean: float | None = None
    imports_total: float = 0.0  # ms spent importing in one run of `rapport today`
    imports: list[tuple[str, float]] = field(default_factory=list)  # the heaviest top-level packages (ms)

    @property
    def ratio(self) -> float:
        return self.rapport_mean / self.python_mean if self.python_mean else float("inf")


def _environment(workdir: Path, timezone: str, bytecode: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RAPPORT_CONFIG=str(workdir / "no-config.toml"),
        RAPPORT_TZ=timezone,
        RAPPORT_LANG="en",
        XDG_DATA_HOME=str(workdir / "data"),
        XDG_CONFIG_HOME=str(workdir / "config"),
    )
    for name in ("RAPPORT_DATABASE_URL", "RAPPORT_NOW", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def _compare(command: list[str], baseline: list[str], env: dict[str, str], runs: int) -> tuple[list[float], ...]:
    """Timings of the baseline and the command, interleaved, after two warm-ups of each."""
    for _ in range(2):
        _timed(baseline, env)
        _timed(command, env)
    python_times, rapport_times = [], []
    for _ in range(runs):
        python_times.append(_timed(baseline, env))
        rapport_times.append(_timed(command, env))
    return python_times, rapport_times


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - began


def import_times(command: list[str], env: dict[str, str], top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """(total, heaviest top-level packages) of the imports one run of `command` makes, in ms.

    From PYTHONPROFILEIMPORTTIME (python -X importtime): a package's figure is the sum of the self times of its
    modules, so nothing is counted twice. importtime's own overhead inflates the figures a little.
    """
    done = subprocess.run(
        command,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    totals: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        try:
            own = int(parts[0].removeprefix("import time:").strip())
        except ValueError:
            continue
        root = parts[2].strip().split(".")[0]
        totals[root] = totals.get(root, 0.0) + own / 1000
    return sum(totals.values()), sorted(totals.items(), key=lambda kv: -kv[1])[:top]


def benchmark(
    workdir: Path, now: str, timezone: str, runs: int = 20, say: Callable[[str], None] = print
) -> StartupResult:
    result = StartupResult(runs=runs)
    exe = Path(sys.executable).with_name("rapport")
    if not exe.exists():
        result.skipped = f"no console script at {exe}"
        say(f"  skipped: {result.skipped}")
        return result
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment(workdir, timezone)
    db = workdir / "demo.sqlite"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        demo = subprocess.run(
            [str(exe), "--db", str(db), "--now", now, "demo"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        result.skipped = "`rapport demo` did not finish in 300 s"
        say(f"  skipped: {result.skipped}")
        return result
    if demo.returncode != 0:
        result.skipped = (
            f"`rapport demo` failed (exit {demo.returncode}): {_last_line(demo.stderr) or _last_line(demo.stdout)}"
        )
        say(f"  skipped: {result.skipped}")
        return result
    command = [str(exe), "--db", str(db), "--now", now, "today"]
    check = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if check.returncode != 0:
        result.skipped = (
            f"`rapport today` failed (exit {check.returncode}): {_last_line(check.stderr) or _last_line(check.stdout)}"
        )
        say(f"  skipped: {result.skipped}")
        return result
    result.command = command
    baseline = [sys.executable, "-c", "pass"]
    python_times, rapport_times = _compare(command, baseline, env, runs)
    result.python_mean = sum(python_times) / runs
    result.python_min = min(python_times)
    result.rapport_mean = sum(rapport_times) / runs
    result.rapport_min = min(rapport_times)
    say(f"  python -c pass          mean {result.python_mean * 1000:7.1f} ms  (min {result.python_min * 1000:.1f})")
    say(f"  rapport today           mean {result.rapport_mean * 1000:7.1f} ms  (min {result.rapport_min * 1000:.1f})")
    say(
        f"  ratio                   {result.ratio:.1f}x  (goal <= {GOAL:.0f}x: "
        f"{'met' if result.ratio <= GOAL else 'MISSED'})"
    )
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        plain_python, plain_rapport = _compare(command, baseline, _environment(workdir, timezone, False), runs)
        result.no_pyc_python_mean = sum(plain_python) / runs
        result.no_pyc_rapport_mean = sum(plain_rapport) / runs
        say(
            f"  without cached bytecode (PYTHONDONTWRITEBYTECODE=1, as in this environment): rapport today mean "
            f"{result.no_pyc_rapport_mean * 1000:.1f} ms, python -c pass {result.no_pyc_python_mean * 1000:.1f} ms, "
            f"ratio {result.no_pyc_rapport_mean / result.no_pyc_python_mean:.1f}x"
        )
    result.imports_total, result.imports = import_times(command, env)
    if result.imports:
        say(
            f"  imports in one run of rapport today: {result.imports_total:.0f} ms; by package: "
            + ", ".join(f"{name} {ms:.0f}" for name, ms in result.imports)
        )
    return result
