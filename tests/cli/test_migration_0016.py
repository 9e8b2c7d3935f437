"""Migration 0016 (digests) goes down and up again on both backends, keeping everything else."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.cli.conftest import Cli
from tests.services.test_sending import Mailbox, _server


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    for mailbox, settings in _server():
        monkeypatch.setenv("RAPPORT_SMTP_HOST", settings.host)
        monkeypatch.setenv("RAPPORT_SMTP_PORT", str(settings.port))
        monkeypatch.setenv("RAPPORT_SMTP_SECURITY", "none")
        yield mailbox


def test_downgrading_past_0016_drops_the_sent_digests_and_keeps_the_network(cli: Cli, smtp: Mailbox) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from rapport.store.db import _MIGRATIONS

    cli.ok("demo")
    cli.ok("digest", "send")
    contacts = len(cli.snapshot()["contacts"])
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0015")
            assert "digests" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() == contacts
            command.upgrade(config, "head")
            assert "digests" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
    # the record of today's digest went with the table: the next run sends it again, and only once
    assert json.loads(cli.ok("digest", "send", "--json").out)["status"] == "sent"
    assert json.loads(cli.ok("digest", "send", "--json").out)["status"] == "already"
    assert len(smtp.received) == 2
