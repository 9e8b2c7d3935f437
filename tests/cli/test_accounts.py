"""Accounts on a shared server (`rapport user …`): added with a checked name, address and password, listed,
disabled and enabled, and deleted with everything they own — nothing of anyone else's."""

from __future__ import annotations

import json

import pytest

from rapport.config import Settings
from rapport.services import accounts
from rapport.services.context import open_context
from tests.cli.conftest import Cli

SECRET = "correct horse battery staple"


def _add(cli: Cli, name: str, email: str, secret: str = SECRET, lang: str = "en") -> object:
    import io
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(secret + "\n")
    try:
        return cli("user", "add", name, "--email", email, "--password-stdin", lang=lang)
    finally:
        sys.stdin = old


def _login(cli: Cli, login: str, secret: str) -> int | None:
    ctx = open_context(Settings(timezone="Europe/Zurich"), db=cli.db)
    try:
        with ctx.transaction() as conn:
            return accounts.authenticate(conn, login, secret)
    finally:
        ctx.close()


def test_an_account_is_added_listed_and_opens_with_its_password_only(cli: Cli) -> None:
    assert _add(cli, "Julia", "julia.meier@example.ch").code == 0  # type: ignore[attr-defined]
    listed = json.loads(cli.ok("user", "list", "--json").out)
    assert [(a["name"], a["email"], a["disabled_at"]) for a in listed] == [("julia", "julia.meier@example.ch", None)]
    julia = listed[0]["id"]
    assert _login(cli, "julia", SECRET) == julia
    assert _login(cli, "JULIA.MEIER@example.ch", SECRET) == julia  # the address, case aside
    assert _login(cli, "julia", SECRET + " ") is None
    assert _login(cli, "julia", SECRET.upper()) is None
    assert _login(cli, "urs", SECRET) is None
    assert _login(cli, "me", "") is None  # the local owner has no password and is no account
    assert "<julia.meier@example.ch>  active" in cli.ok("user", "list").out


def test_a_disabled_account_cannot_log_in_until_enabled(cli: Cli) -> None:
    _add(cli, "urs", "urs@example.ch")
    cli.ok("user", "disable", "urs")
    assert _login(cli, "urs", SECRET) is None
    assert "disabled" in cli.ok("user", "list").out
    cli.ok("user", "enable", "urs")
    assert _login(cli, "urs", SECRET) is not None


def test_a_new_password_replaces_the_old(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    _add(cli, "urs", "urs@example.ch")
    monkeypatch.setattr("sys.stdin", io.StringIO("another long passphrase\n"))
    cli.ok("user", "password", "urs", "--password-stdin")
    assert _login(cli, "urs", SECRET) is None
    assert _login(cli, "urs", "another long passphrase") is not None


@pytest.mark.parametrize("lang", ["en", "de"])
def test_bad_accounts_are_refused_in_one_line_and_change_nothing(cli: Cli, lang: str) -> None:
    _add(cli, "julia", "julia@example.ch")
    before = cli.snapshot()
    cases = [
        (
            ("julia", "other@example.ch"),
            4,
            {"en": "already an account called julia", "de": "schon ein Konto namens julia"},
        ),
        (("urs", "JULIA@example.ch"), 4, {"en": "already uses", "de": "verwendet"}),
        (("Urs Widmer", "urs@example.ch"), 2, {"en": "is not an account name", "de": "ist kein Kontoname"}),
        (("me", "me@example.ch"), 2, {"en": "is not an account name", "de": "ist kein Kontoname"}),
        (("urs", "not-an-address"), 2, {"en": "valid e-mail", "de": "gültige E-Mail"}),
    ]
    for (name, email), code, said in cases:
        result = _add(cli, name, email, lang=lang)
        assert result.code == code, (name, email, result)  # type: ignore[attr-defined]
        lines = result.err.strip().splitlines()  # type: ignore[attr-defined]
        assert len(lines) == 1 and said[lang] in lines[0], lines
    short = _add(cli, "urs", "urs@example.ch", secret="eleven char", lang=lang)
    assert short.code == 2 and ("12" in short.err)  # type: ignore[attr-defined]
    assert cli("user", "disable", "nobody", lang=lang).code == 3
    assert cli("user", "delete", "julia", lang=lang).code == 2  # without --yes
    assert cli.snapshot() == before


def test_the_password_typed_twice_must_match(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    cli.ok("init")
    before = cli.snapshot()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n{SECRET}x\n"))
    result = cli("user", "add", "urs", "--email", "urs@example.ch", lang="de")
    assert result.code == 2 and "Die beiden Passwörter sind verschieden" in result.err
    assert cli.snapshot() == before
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n{SECRET}\n"))
    cli.ok("user", "add", "urs", "--email", "urs@example.ch")
    assert _login(cli, "urs", SECRET) is not None


def test_deleting_an_account_removes_everything_it_owns_and_nothing_else(cli: Cli) -> None:
    from rapport.services import demo

    cli.ok("demo")  # the local owner's network
    before = cli.snapshot()
    _add(cli, "julia", "julia@example.ch")
    ctx = open_context(Settings(timezone="Europe/Zurich", lang="de"), db=cli.db, now="2026-11-26T09:00", owner="julia")
    try:
        with ctx.transaction() as conn:
            demo.load_demo(ctx, conn)  # the same network again, in her account: every table has rows of hers
    finally:
        ctx.close()
    grown = cli.snapshot()
    assert all(len(grown[t]) > len(before[t]) for t in ("contacts", "interactions", "interaction_contacts", "notes"))
    assert cli.ok("user", "delete", "julia", "--yes").out.startswith("Account julia")
    assert cli.snapshot() == before


def test_downgrading_past_0014_drops_the_accounts_columns_and_keeps_the_network(cli: Cli) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from rapport.store.db import _MIGRATIONS

    cli.ok("demo")
    _add(cli, "julia", "julia@example.ch")
    contacts = len(cli.snapshot()["contacts"])
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0013")
            assert "user_settings" not in inspect(conn).get_table_names()
            assert "password_hash" not in {c["name"] for c in inspect(conn).get_columns("users")}
            assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() == contacts
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    # the account is still there, without a password: it cannot log in until it is given one
    assert _login(cli, "julia", SECRET) is None
    assert json.loads(cli.ok("user", "list", "--json").out) == []
