"""Upgrading a store from before the meeting summaries fills them from the interactions it already holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import String, create_engine, text

from rapport.store.db import _MIGRATIONS
from rapport.store.schema import metadata


def _upgrade(engine, target: str) -> None:  # type: ignore[no-untyped-def]
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def _schema_differences(conn) -> list[object]:  # type: ignore[no-untyped-def]
    """Differences from a new store's schema, but for VARCHAR lengths: SQLite does not enforce them, and 0007 widens
    the name parts on PostgreSQL only (widening on SQLite would copy the table)."""
    found = []
    for diff in compare_metadata(MigrationContext.configure(conn), metadata):
        ops = diff if isinstance(diff, list) else [diff]
        kept = [
            op for op in ops if not (op[0] == "modify_type" and isinstance(op[5], String) and isinstance(op[6], String))
        ]
        if kept:
            found.append(kept)
    return found


def test_upgrading_fills_first_real_contact_and_last_meeting_from_the_history(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, created_at) VALUES (1, 'me', '2019-01-01 00:00:00')"))
        conn.execute(
            text(
                "INSERT INTO contacts (id, owner_id, display_name, search_key, circle, created_at, updated_at) "
                "VALUES (1, 1, 'Anna', 'anna', 'core', '2019-01-01 00:00:00', '2019-01-01 00:00:00')"
            )
        )
        for i, (at, channel) in enumerate(
            (
                ("2019-03-01 10:00:00.000000", "social"),
                ("2020-05-04 09:00:00.000000", "email"),
                ("2023-02-01 18:00:00.000000", "group"),
                ("2024-06-01 12:00:00.000000", "in-person"),
                ("2025-01-01 12:00:00.000000", "call"),
            ),
            start=1,
        ):
            conn.execute(
                text(
                    "INSERT INTO interactions (id, owner_id, occurred_at, channel, initiator) "
                    "VALUES (:id, 1, :at, :channel, 'me')"
                ),
                {"id": i, "at": at, "channel": channel},
            )
            conn.execute(text("INSERT INTO interaction_contacts VALUES (:id, 1)"), {"id": i})
    _upgrade(engine, "head")
    with engine.connect() as conn:
        first_real, last_in_person = conn.execute(
            text("SELECT first_real_at, last_in_person_at FROM contacts WHERE id = 1")
        ).one()
        assert datetime.fromisoformat(first_real) == datetime(2020, 5, 4, 9)
        assert datetime.fromisoformat(last_in_person) == datetime(2024, 6, 1, 12)
        assert _schema_differences(conn) == []  # the same schema as a new store
    engine.dispose()
