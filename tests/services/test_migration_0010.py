"""Migration 0010 adds the introductions table and takes it away again; the contacts stay either way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from rapport.store.db import _MIGRATIONS
from tests.conftest import PG_SERVER


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, to migrate step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import psycopg

    name = f"rapport_migration_{os.getpid()}"
    admin = PG_SERVER.replace("+psycopg", "") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    yield f"{PG_SERVER}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _migrate(engine, action, target: str) -> None:  # type: ignore[no-untyped-def]
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        action(config, target)


def test_0010_upgrades_and_downgrades_keeping_the_contacts(empty_store: str) -> None:
    engine = create_engine(empty_store)
    sqlite = engine.dialect.name == "sqlite"
    _migrate(engine, command.upgrade, "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, created_at) VALUES (1, 'me', '2026-01-01 00:00:00')"))
        for i in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO contacts (id, owner_id, display_name, search_key, circle, created_at, updated_at) "
                    "VALUES (:id, 1, :name, :name, 'core', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                ),
                {"id": i, "name": f"p{i}"},
            )
    _migrate(engine, command.upgrade, "0010")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO introductions (owner_id, first_id, second_id, status, created_at, updated_at) "
                "VALUES (1, 1, 2, 'pending', '2026-01-02 00:00:00', '2026-01-02 00:00:00')"
            )
        )
    with engine.begin() as conn:
        if sqlite:
            conn.execute(text("PRAGMA foreign_keys = ON"))
        conn.execute(text("DELETE FROM contacts WHERE id = 2"))  # a contact forgotten takes its introductions along
        assert conn.execute(text("SELECT COUNT(*) FROM introductions")).scalar_one() == 0
    _migrate(engine, command.downgrade, "0007")
    assert "introductions" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM contacts")).scalar_one() == 1
    engine.dispose()
