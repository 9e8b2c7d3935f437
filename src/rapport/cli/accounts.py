"""Accounts on a shared server: `rapport user add|list|disable|enable|delete|password`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

user_app = typer.Typer(help="help.cmd.user", no_args_is_help=True)

Name = Annotated[str, typer.Argument(metavar="NAME", help="help.user.name")]
PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help="help.user.password_stdin")]


def _password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    t = state.translator()
    typed: str = typer.prompt(t("accounts.prompt"), hide_input=True)
    if typer.prompt(t("accounts.prompt_again"), hide_input=True) != typed:
        state.fail("accounts.mismatch", 2)
    return typed


@user_app.command(name="add", help="help.cmd.user.add")
def user_add(
    name: Name,
    email: Annotated[str, typer.Option("--email", help="help.user.email")],
    password_stdin: PasswordStdin = False,
    json_: Json = False,
) -> None:
    from rapport.services import accounts, inputs

    accounts.account_name(name)  # a bad name or address is said before the password is asked for
    inputs.email(email)
    secret = _password(password_stdin)
    with unit_of_work(create=True) as (ctx, conn):
        made = accounts.add(conn, name, email, secret, ctx.now)
    if json_:
        output.json(made.as_json())
        return
    say("accounts.added", name=made.name, email=made.email)


@user_app.command(name="list", help="help.cmd.user.list")
def user_list(json_: Json = False) -> None:
    from rapport.services import accounts

    with unit_of_work() as (_ctx, conn):
        found = accounts.accounts(conn)
    if json_:
        output.json([a.as_json() for a in found])
        return
    if not found:
        say("accounts.none")
        return
    t = state.translator()
    for a in found:
        status = t("accounts.disabled") if a.disabled_at else t("accounts.active")
        output.line(f"{a.name}  <{a.email}>  {status}")


@user_app.command(name="disable", help="help.cmd.user.disable")
def user_disable(name: Name) -> None:
    from rapport.services import accounts

    with unit_of_work() as (ctx, conn):
        done = accounts.disable(conn, name, ctx.now)
    say("accounts.disabled_now", name=done.name)


@user_app.command(name="enable", help="help.cmd.user.enable")
def user_enable(name: Name) -> None:
    from rapport.services import accounts

    with unit_of_work() as (_ctx, conn):
        done = accounts.enable(conn, name)
    say("accounts.enabled_now", name=done.name)


@user_app.command(name="delete", help="help.cmd.user.delete")
def user_delete(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", help="help.user.yes")] = False,
) -> None:
    from rapport.services import accounts

    with unit_of_work() as (_ctx, conn):
        gone = accounts.account(conn, name)
        if not yes:
            state.fail("accounts.confirm_delete", 2, name=gone.name)
        accounts.delete(conn, gone.name)
    say("accounts.deleted", name=gone.name)


@user_app.command(name="password", help="help.cmd.user.password")
def user_password(name: Name, password_stdin: PasswordStdin = False) -> None:
    from rapport.services import accounts

    with unit_of_work() as (_ctx, conn):
        accounts.account(conn, name)
    secret = _password(password_stdin)
    with unit_of_work() as (_ctx, conn):
        accounts.change_password(conn, name, secret)
    say("accounts.password_changed", name=name.strip().lower())
