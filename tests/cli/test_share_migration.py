"""Migration 0009 (shares, feeds, the article index) on SQLite and PostgreSQL: a store of 0007 upgrades with every row
kept, and the downgrade removes only what 0009 added."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli

ARTICLE = str(Path(__file__).resolve().parent.parent / "data" / "share" / "demo" / "lieferketten.html")


def test_0009_upgrades_and_downgrades_keeping_every_other_row(cli: Cli) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from rapport.store.db import _MIGRATIONS

    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
    cli.ok("add", "Urs Widmer", "--interest", "Lieferkette", "--interest", "Logistik")  # upgrades to the head
    cli.ok("share", ARTICLE, "--to", "Urs", "--log")
    assert {"shares", "feeds", "feed_items", "share_index"} <= set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    tables = set(inspect(engine).get_table_names())
    assert not {"shares", "feeds", "feed_items", "share_index"} & tables
    engine.dispose()
    urs = json.loads(cli.ok("show", "Urs", "--json").out)  # upgrades again
    assert urs["interests"] == ["Lieferkette", "Logistik"] and urs["ledger"][0]["kind"] == "information"
    ranking = json.loads(cli.ok("share", ARTICLE, "--json").out)
    assert [c["name"] for c in ranking["contacts"]] == ["Urs Widmer"]  # the share went with the downgrade
