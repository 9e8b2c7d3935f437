"""`rapport serve`: the pages in the browser, on this computer (FastAPI and uvicorn are imported only here); and
`rapport calendar-url`: the secret address of the calendar the server serves."""

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
    multi_user: Annotated[bool, typer.Option("--multi-user", help="help.serve.multi_user")] = False,
    allow_sqlite: Annotated[bool, typer.Option("--allow-sqlite", help="help.serve.allow_sqlite")] = False,
    public_host: Annotated[list[str] | None, typer.Option("--public-host", help="help.serve.public_host")] = None,
) -> None:
    if not 1 <= port <= 65535:
        from rapport.errors import InputError

        raise InputError("input.out_of_range", field="--port", value=str(port), low=1, high=65535)
    if multi_user and not allow_sqlite:
        from rapport.store.location import Location, default_url, normalise_url

        where = Location(normalise_url(state.options.db) if state.options.db else default_url())
        if where.is_sqlite:
            state.fail("web.multi_user_needs_postgresql", 2)
    try:
        import uvicorn

        from rapport.web.app import create_app
    except ImportError:
        state.fail("web.not_installed", 1)
        return
    app = create_app(
        state.settings(),
        db=state.options.db,
        now=state.options.now,
        host=host,
        port=port,
        multi_user=multi_user,
        public_hosts=tuple(public_host or ()),
    )
    shown = f"[{host}]" if ":" in host else host
    say("web.serving", url=f"http://{shown}:{port}/")
    # behind a proxy on this computer, its X-Forwarded-Proto tells https, so that cookies are marked Secure
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


@commands.command(name="calendar-url", help="help.cmd.calendar_url")
def calendar_url(
    new: Annotated[bool, typer.Option("--new", help="help.calendar_url.new")] = False,
    host: Annotated[str, typer.Option("--host", help="help.calendar_url.host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="help.calendar_url.port")] = 8000,
) -> None:
    from rapport.cli import output
    from rapport.cli.shared import unit_of_work
    from rapport.services import calendar_feed

    if not 1 <= port <= 65535:
        from rapport.errors import InputError

        raise InputError("input.out_of_range", field="--port", value=str(port), low=1, high=65535)
    with unit_of_work() as (ctx, conn):
        token = calendar_feed.renew(ctx, conn) if new else calendar_feed.ensure(ctx, conn)
    output.line(calendar_feed.address(token, host, port))  # alone on standard output, for scripts
    t = state.translator()
    output.warn(t("calendar_url.replaced" if new else "calendar_url.hint", command="rapport serve"))
