"""Migration 0013 (snoozes) goes down and up again on both backends, keeping everything else."""

from __future__ import annotations

import json

from tests.web.conftest import Web


def test_downgrading_past_0013_drops_the_snoozes_and_keeps_the_contacts(web: Web) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from rapport.store.db import _MIGRATIONS

    action = json.loads(web.cli.ok("today", "--json").out)[0]
    web.post(f"/today/{action['contact_id']}/{action['kind']}/snooze", {"days": "7"})
    contacts = len(web.cli.snapshot()["contacts"])
    engine = create_engine(web.cli.db if "://" in web.cli.db else f"sqlite:///{web.cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0012")
            assert "snoozes" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() == contacts
            command.upgrade(config, "head")
            assert "snoozes" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
    # nothing put off any more: the action is back
    agenda = json.loads(web.cli.ok("today", "--json").out)
    assert (action["contact_id"], action["kind"]) in {(a["contact_id"], a["kind"]) for a in agenda}
