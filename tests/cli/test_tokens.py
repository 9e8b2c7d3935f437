"""Personal access tokens: shown once and kept only as a hash, read-only when asked, revoked at once, and never
another account's to revoke."""

from __future__ import annotations

import io
import json

import pytest

from rapport.config import Settings
from rapport.services import tokens
from rapport.services.context import open_context
from tests.cli.conftest import Cli


def _bearer(cli: Cli, token: str) -> tokens.Bearer | None:
    ctx = open_context(Settings(timezone="Europe/Zurich"), db=cli.db)
    try:
        with ctx.transaction() as conn:
            return tokens.bearer(conn, token, ctx.now)
    finally:
        ctx.close()


def _account(cli: Cli, name: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    made = json.loads(cli.ok("user", "add", name, "--email", f"{name}@example.ch", "--password-stdin", "--json").out)
    return int(made["id"])


def test_a_token_is_shown_once_kept_as_a_hash_and_speaks_for_its_owner(cli: Cli) -> None:
    cli.ok("init")
    made = json.loads(cli.ok("token", "create", "--label", "phone", "--json").out)
    secret = made["token"]
    assert tokens.SHAPE.fullmatch(secret)
    assert secret.startswith(made["starts_with"])
    stored = json.dumps(cli.snapshot(), default=str)
    assert secret not in stored and secret[len(made["starts_with"]) :] not in stored
    listed = cli.ok("token", "list").out
    assert made["starts_with"] in listed and secret not in listed and "phone" in listed and "never used" in listed
    bearer = _bearer(cli, secret)
    assert bearer is not None and not bearer.read_only
    assert "last used" in cli.ok("token", "list").out


def test_read_only_wrong_tampered_and_revoked_tokens(cli: Cli) -> None:
    cli.ok("init")
    reader = json.loads(cli.ok("token", "create", "--read-only", "--json").out)
    writer = json.loads(cli.ok("token", "create", "--json").out)
    assert _bearer(cli, reader["token"]).read_only  # type: ignore[union-attr]
    owner, rest = writer["token"][4:].split("_", 1)
    assert _bearer(cli, f"rpt_{int(owner) + 1}_{rest}") is None  # another owner's number: no such token
    assert _bearer(cli, writer["token"][:-1] + ("A" if writer["token"][-1] != "A" else "B")) is None
    assert _bearer(cli, "") is None and _bearer(cli, "Bearer " + writer["token"]) is None
    cli.ok("token", "revoke", str(writer["id"]))
    assert _bearer(cli, writer["token"]) is None
    assert _bearer(cli, reader["token"]) is not None
    assert "revoked" in cli.ok("token", "list").out
    again = cli("token", "revoke", str(writer["id"]), lang="de")
    assert again.code == 3 and "Es gibt kein Token" in again.err


def test_an_accounts_tokens_are_its_own(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    julia = _account(cli, "julia", monkeypatch)
    _account(cli, "urs", monkeypatch)
    made = json.loads(cli.ok("token", "create", "--user", "julia", "--json").out)
    assert _bearer(cli, made["token"]).owner_id == julia  # type: ignore[union-attr]
    before = cli.snapshot()
    assert cli("token", "revoke", str(made["id"]), "--user", "urs").code == 3
    assert json.loads(cli.ok("token", "list", "--user", "urs", "--json").out) == []
    assert cli.snapshot() == before
    cli.ok("user", "disable", "julia")
    assert _bearer(cli, made["token"]) is None  # a disabled account's tokens stop working
    cli.ok("user", "enable", "julia")
    assert _bearer(cli, made["token"]) is not None
    cli.ok("user", "delete", "julia", "--yes")
    assert _bearer(cli, made["token"]) is None
    assert cli("token", "list", "--user", "julia").code == 3


def test_the_token_commands_speak_german(cli: Cli) -> None:
    cli.ok("init")
    out = cli.ok("token", "create", "--read-only", lang="de").out
    assert "darf nur lesen" in out and "nur jetzt angezeigt" in out
    assert "nie verwendet" in cli.ok("token", "list", lang="de").out


def test_downgrading_past_0015_drops_the_tokens_and_keeps_the_rest(cli: Cli) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from rapport.store.db import _MIGRATIONS

    cli.ok("demo")
    made = json.loads(cli.ok("token", "create", "--json").out)
    contacts = len(cli.snapshot()["contacts"])
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0014")
            assert "api_tokens" not in inspect(conn).get_table_names()
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    assert len(cli.snapshot()["contacts"]) == contacts
    assert _bearer(cli, made["token"]) is None  # gone with the table: make a new one
