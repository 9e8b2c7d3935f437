"""Personal access tokens for the API and assistants: `rapport token create|list|revoke`."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

token_app = typer.Typer(help="help.cmd.token", no_args_is_help=True)

User = Annotated[str | None, typer.Option("--user", help="help.token.user")]


def _owner(conn: object, ctx: object, user: str | None) -> int:
    """The account named by --user, else the store's own owner (one person on their computer)."""
    if user is None:
        return int(ctx.owner_id)  # type: ignore[attr-defined]
    from rapport.services import accounts

    return accounts.account(conn, user).id  # type: ignore[arg-type]


@token_app.command(name="create", help="help.cmd.token.create")
def token_create(
    user: User = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="help.token.read_only")] = False,
    label: Annotated[str, typer.Option("--label", help="help.token.label")] = "",
    json_: Json = False,
) -> None:
    from rapport.services import tokens

    with unit_of_work() as (ctx, conn):
        made, secret = tokens.create(conn, _owner(conn, ctx, user), label, read_only, ctx.now)
    if json_:
        output.json({**made.as_json(), "token": secret})
        return
    say("tokens.created_read_only" if read_only else "tokens.created", id=made.id)
    output.line(secret)
    say("tokens.shown_once")


@token_app.command(name="list", help="help.cmd.token.list")
def token_list(user: User = None, json_: Json = False) -> None:
    from rapport.services import tokens

    with unit_of_work() as (ctx, conn):
        found = tokens.of(conn, _owner(conn, ctx, user))
    if json_:
        output.json([t.as_json() for t in found])
        return
    if not found:
        say("tokens.none")
        return
    t = state.translator()
    for token in found:
        status = (
            t("tokens.revoked")
            if token.revoked_at
            else t("tokens.read_only" if token.read_only else "tokens.read_write")
        )
        used = (
            t("tokens.last_used", when=t.moment(token.last_used_at)) if token.last_used_at else t("tokens.never_used")
        )
        label = f"  {token.label}" if token.label else ""
        output.line(f"{token.id}  {token.shown}…{label}  {status}  {used}")


@token_app.command(name="revoke", help="help.cmd.token.revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="help.token.id")],
    user: User = None,
) -> None:
    from rapport.services import tokens

    with unit_of_work() as (ctx, conn):
        tokens.revoke(conn, _owner(conn, ctx, user), token_id, ctx.now)
    say("tokens.revoked_now", id=token_id)
