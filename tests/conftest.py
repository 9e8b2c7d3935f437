"""Shared fixtures: a store on SQLite and on PostgreSQL, and a context on it for a fresh owner per test.

Every row belongs to an owner, so tests share one migrated database per backend and stay apart by owner.
PostgreSQL is required (CI starts it): when it is unreachable, the PostgreSQL tests fail, they do not skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

from rapport.config import Settings
from rapport.services.context import Context, open_context

hypothesis_settings.register_profile("ci", max_examples=200, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=60, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ZURICH = ZoneInfo("Europe/Zurich")
NOW = "2026-11-26T09:00:00+01:00"
PG_SERVER = os.environ.get("RAPPORT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_DATABASE = f"rapport_test_{os.getpid()}"  # one per test run, so that parallel runs do not meet


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's config, data directory or locale."""
    monkeypatch.setenv("RAPPORT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for var in ("RAPPORT_DATABASE_URL", "RAPPORT_NOW", "RAPPORT_LANG", "RAPPORT_TZ", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'rapport.db'}"


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    import psycopg

    admin = PG_SERVER.replace("+psycopg", "") + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.OperationalError as exc:  # pragma: no cover - the CI script makes sure it is up
        pytest.fail(f"PostgreSQL is needed for the storage tests and is not reachable at {PG_SERVER}: {exc}")
    yield f"{PG_SERVER}/{PG_DATABASE}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))


def make_context(url: str, now: str = NOW, **settings: object) -> Context:
    base = {"timezone": "Europe/Zurich", "lang": "en"}
    base.update(settings)
    return open_context(
        Settings(**base),
        db=url,
        now=now,
        create=True,  # type: ignore[arg-type]
        owner=f"test-{uuid.uuid4().hex[:12]}",
    )


@pytest.fixture
def ctx(store_url: str) -> Iterator[Context]:
    """A context for a fresh owner on each backend, evaluated at NOW (Thursday 26 November 2026, 09:00 Zurich)."""
    context = make_context(store_url)
    yield context
    context.close()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZURICH) if "+" not in text else datetime.fromisoformat(text)
