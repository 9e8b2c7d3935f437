"""`rapport serve` prints its address and serves the store it is given; `rapport today` does not load the web
libraries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.web.test_browser import _free_port

SRC = str(Path(__file__).parents[2] / "src")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _rapport(*args: str) -> list[str]:
    return [sys.executable, "-c", "from rapport.cli.main import run; run()", *args]


def test_serve_prints_the_address_and_answers_there(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    subprocess.run(_rapport("--db", db, "--lang", "de", "demo"), check=True, env=_env(), capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        _rapport("--db", db, "--lang", "de", "serve", "--port", str(port)),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line and "rapport läuft unter" in line
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/today")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr
                time.sleep(0.1)
        assert response.status_code == 200 and '<html lang="de">' in response.text
        assert httpx.get(f"http://127.0.0.1:{port}/today", headers={"Host": "evil.example"}).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_port_out_of_range_is_one_line_in_the_users_language(tmp_path: Path) -> None:
    result = subprocess.run(
        _rapport("--db", str(tmp_path / "x.db"), "--lang", "de", "serve", "--port", "70000"),
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Fehler: --port: 70000 liegt ausserhalb des Bereichs (von 1 bis 65535)."
    ]


def test_the_daily_command_does_not_load_the_web_libraries(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    subprocess.run(_rapport("--db", db, "demo"), check=True, env=_env(), capture_output=True)
    code = (
        "import sys; from rapport.cli.main import main; main(['--db', sys.argv[1], 'today']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn', 'jinja2')))"
    )
    done = subprocess.run([sys.executable, "-c", code, db], env=_env(), capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
