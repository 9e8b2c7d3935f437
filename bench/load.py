"""`python -m bench --only load`: the web server under load, with wrk, on the 30,000-contact network (SQLite).

`rapport serve` runs on 127.0.0.1 (a free port, `--now` the benchmark's moment) against the generated store; wrk
(the Debian package) asks for the health endpoint (the floor: the same server doing nothing), the Today page and
the contact search, each for the same time with the same connections. Goals: Today at least half the floor's
requests per second, its p99 latency at most four times its p50, no errors. Also the page weight of Today: its HTML
and every same-origin stylesheet and script it loads, uncompressed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

THROUGHPUT_GOAL = 0.5  # Today's requests/s against the floor's
TAIL_GOAL = 4.0  # p99 against p50
WEIGHT_GOAL = 100_000  # bytes
SEARCH = "/contacts?q=keller"


@dataclass
class Run:
    path: str
    requests_per_second: float = 0.0
    requests: int = 0
    errors: int = 0
    latency_ms: dict[str, float] = field(default_factory=dict)  # "50%", "75%", "90%", "99%"
    raw: str = ""

    @property
    def tail(self) -> float:
        return self.latency_ms.get("99%", 0.0) / max(self.latency_ms.get("50%", 0.0), 1e-9)


@dataclass
class LoadResult:
    duration: int
    connections: int
    threads: int
    runs: dict[str, Run] = field(default_factory=dict)
    weight: dict[str, int] = field(default_factory=dict)
    skipped: str = ""

    def missed(self) -> list[str]:
        if self.skipped:
            return []
        floor, today = self.runs["health"], self.runs["today"]
        found = []
        if today.requests_per_second < THROUGHPUT_GOAL * floor.requests_per_second:
            found.append("load: Today throughput")
        if today.tail > TAIL_GOAL:
            found.append("load: Today p99/p50")
        if floor.errors or today.errors:
            found.append("load: errors")
        if sum(self.weight.values()) > WEIGHT_GOAL:
            found.append("load: page weight")
        return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return bytes(response.read())


_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(path: str, text: str) -> Run:
    """A Run from wrk's output (`--latency`)."""
    run = Run(path=path, raw=text)
    for percent, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        run.latency_ms[f"{percent}%"] = float(value) * _UNIT[unit]
    found = re.search(r"Requests/sec:\s+([\d.]+)", text)
    run.requests_per_second = float(found.group(1)) if found else 0.0
    found = re.search(r"(\d+) requests in", text)
    run.requests = int(found.group(1)) if found else 0
    found = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    run.errors = int(found.group(1)) if found else 0
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if found:
        run.errors += sum(int(n) for n in found.groups())
    return run


def benchmark(
    url: str, now: str, timezone: str, duration: int, connections: int, threads: int, say: Callable[[str], None]
) -> LoadResult:
    result = LoadResult(duration=duration, connections=connections, threads=threads)
    wrk = shutil.which("wrk")
    if wrk is None:
        result.skipped = "wrk is not installed (Debian package wrk)"
        say(f"  skipped: {result.skipped}")
        return result
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "RAPPORT_TZ": timezone, "RAPPORT_LANG": "en"}
    src = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, "-m", "rapport", "--db", url, "--now", now, "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            try:
                _get(base + "/health")
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"the server stopped: {server.stderr.read().decode()[-2000:]}") from None  # type: ignore[union-attr]
                time.sleep(0.1)
        page = _get(base + "/today")
        result.weight["today.html"] = len(page)
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', page.decode()):
            result.weight[asset] = len(_get(base + asset))
        say(f"  page weight of Today: {sum(result.weight.values()):,} bytes ({result.weight})")
        for name, path in (("health", "/health"), ("today", "/today"), ("search", SEARCH)):
            _get(base + path)  # warm: the day's agenda is kept after the first request
            out = subprocess.run(
                [
                    wrk,
                    f"-t{threads}",
                    f"-c{connections}",
                    f"-d{duration}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            run = parse_wrk(path, out)
            if not run.requests:
                say(out)
            result.runs[name] = run
            say(
                f"  {path:<22} {run.requests_per_second:8.1f} req/s  p50 {run.latency_ms.get('50%', 0):.1f} ms  "
                f"p99 {run.latency_ms.get('99%', 0):.1f} ms  errors {run.errors}"
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return result


def markdown(result: LoadResult, command: str) -> str:
    if result.skipped:
        return f"## Web server under load\n\nSkipped: {result.skipped}.\n"
    floor, today = result.runs["health"], result.runs["today"]
    share = today.requests_per_second / max(floor.requests_per_second, 1e-9)
    weight = sum(result.weight.values())

    def met(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines = [
        "## Web server under load",
        "",
        f"`{command}`: wrk, {result.threads} threads, {result.connections} connections, {result.duration} s per "
        "address, against `rapport serve` on 127.0.0.1 over the SQLite store of 30,000 contacts.",
        "",
        "| address | requests/s | p50 | p75 | p90 | p99 | requests | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in result.runs.values():
        lat = run.latency_ms
        lines.append(
            f"| `{run.path}` | {run.requests_per_second:,.1f} | {lat.get('50%', 0):.1f} ms | {lat.get('75%', 0):.1f} ms"
            f" | {lat.get('90%', 0):.1f} ms | {lat.get('99%', 0):.1f} ms | {run.requests:,} | {run.errors} |"
        )
    lines += [
        "",
        "| goal | measured | |",
        "|---|---:|---|",
        f"| Today ≥ 50 % of /health's requests/s | {share:.0%} | {met(share >= THROUGHPUT_GOAL)} |",
        f"| Today p99 ≤ 4× p50 | {today.tail:.1f}× | {met(today.tail <= TAIL_GOAL)} |",
        f"| no errors (Today, /health) | {today.errors + floor.errors} | {met(not today.errors + floor.errors)} |",
        f"| Today ≤ 100 kB (HTML + CSS + JS, uncompressed) | {weight:,} bytes | {met(weight <= WEIGHT_GOAL)} |",
        "",
        "Page weight: " + ", ".join(f"{k} {v:,} bytes" for k, v in result.weight.items()) + ".",
        "",
    ]
    return "\n".join(lines)
