"""What every topic of the command line shares: the common option types, the unit of work and saying a message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapport.cli import output, state

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from rapport.services.context import Context

ContactName = Annotated[str, typer.Argument(help="help.opt.contact_name")]
Json = Annotated[bool, typer.Option("--json", help="help.opt.json")]
When = Annotated[str | None, typer.Option("--when", help="help.opt.when")]


@contextmanager
def unit_of_work(create: bool = False) -> Iterator[tuple[Context, Connection]]:
    """Open the store and run one transaction: all of a command's changes are saved together or not at all."""
    ctx = state.open_context(create=create)
    try:
        with ctx.transaction() as conn:
            yield ctx, conn
    finally:
        ctx.close()


def say(message: str, /, **facts: Any) -> None:
    output.line(state.translator()(message, **facts))
