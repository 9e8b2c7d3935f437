"""`rapport digest send`: today's agenda by e-mail to the owner, for cron or a systemd timer (docs/digest.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say

digest_app = typer.Typer(help="help.cmd.digest", no_args_is_help=True)


@digest_app.command(name="send", help="help.cmd.digest.send")
def send(
    user: Annotated[str | None, typer.Option("--user", help="help.digest.user")] = None,
    json_: Json = False,
) -> None:
    from rapport.services import digest, sending

    if user is not None:  # accounts (server mode) come later; a local store has one owner
        state.fail("digest.user_local", 2)
    ctx = state.open_context()
    try:
        smtp = sending.SmtpSettings.from_settings(ctx.settings)
        done = digest.send(ctx, smtp, ctx.settings.language())
    finally:
        ctx.close()
    if json_:
        output.json(digest.as_json(done))
        return
    t = state.translator()
    if done.status == "already":
        say("digest.already", date=t.date(done.day))
    elif done.status == "empty":
        say("digest.empty")
    else:
        say("digest.sent", n=done.actions, to=done.to)
