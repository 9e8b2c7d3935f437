"""`rapport mcp`: rapport's services as tools for an assistant (the `mcp` SDK is imported only here)."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import state

commands = typer.Typer()


@commands.command(help="help.cmd.mcp")
def mcp(
    read_only: Annotated[bool, typer.Option("--read-only", help="help.mcp.read_only")] = False,
) -> None:
    try:
        import mcp.server  # noqa: F401 - the SDK, an extra: say clearly when it is missing
    except ImportError:
        state.fail("mcp.not_installed", 1)
    from rapport.assistants import server

    ctx = state.open_context()
    try:
        server.serve(ctx, state.options.now, state.translator(), read_only=read_only)
    finally:
        ctx.close()
