"""Running the command line in-process, on a fresh store per test (SQLite file or PostgreSQL database)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from rapport.cli.main import main
from rapport.store.schema import metadata
from tests.conftest import PG_SERVER

NOW = "2026-11-26T09:00"


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, db: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self._capsys = capsys

    def __call__(self, *args: str, now: str = NOW, lang: str = "en") -> Result:
        self._capsys.readouterr()
        code = main(["--db", self.db, "--now", now, "--lang", lang, *args])
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, **kw: str) -> Result:
        result = self(*args, **kw)
        assert result.code == 0, result.err
        return result

    def snapshot(self) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table, to prove that a refused command changed nothing."""
        engine = create_engine(self.db if "://" in self.db else f"sqlite:///{self.db}")
        try:
            with engine.connect() as conn:
                return {
                    table.name: sorted(tuple(row) for row in conn.execute(select(table)))
                    for table in metadata.sorted_tables
                    if table.name != "store_version"  # counts writes; a refused command writes nothing anyway
                }
        finally:
            engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def cli(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cli]:
    monkeypatch.setenv("RAPPORT_TZ", "Europe/Zurich")
    monkeypatch.setenv("COLUMNS", "100")  # the same line breaks wherever the suite runs
    if request.param == "sqlite":
        yield Cli(str(tmp_path / "rapport.db"), capsys)
        return
    import psycopg

    name = f"rapport_cli_{uuid.uuid4().hex[:10]}"
    admin = PG_SERVER.replace("+psycopg", "") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield Cli(f"{PG_SERVER}/{name}", capsys)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
