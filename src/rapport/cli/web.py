"""`rapport serve`: the pages in the browser, on this computer (FastAPI and uvicorn are imported only here)."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import state
from rapport.cli.shared import say

commands = typer.Typer()


@commands.command(help="help.cmd.serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="help.serve.host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="help.serve.port")] = 8000,
) -> None:
    if not 1 <= port <= 65535:
        from rapport.errors import InputError

        raise InputError("input.out_of_range", field="--port", value=str(port), low=1, high=65535)
    try:
        import uvicorn

        from rapport.web.app import create_app
    except ImportError:
        state.fail("web.not_installed", 1)
        return
    app = create_app(state.settings(), db=state.options.db, now=state.options.now, host=host, port=port)
    shown = f"[{host}]" if ":" in host else host
    say("web.serving", url=f"http://{shown}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
