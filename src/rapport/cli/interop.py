"""In and out: importing, finding and merging duplicates, exporting, backing up and restoring."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work

commands = typer.Typer()


class _Rollback(Exception):
    """Raised to undo a dry run."""


@commands.command(name="import", help="help.cmd.import")
def import_(
    paths: Annotated[list[str], typer.Argument(help="help.opt.paths")],
    format_: Annotated[str, typer.Option("--format", help="help.import.format")] = "auto",
    mapping: Annotated[str | None, typer.Option("--map", help="help.opt.mapping")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.opt.dry_run")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="help.opt.skip_bad")] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="help.opt.owner")] = None,
    exported_on: Annotated[
        str | None,
        typer.Option("--exported-on", help="help.opt.exported_on"),
    ] = None,
    json_: Json = False,
) -> None:
    from rapport.services.importing import import_files

    summary = None
    export_day = None
    if exported_on is not None:
        from rapport.services.inputs import parse_day

        export_day = parse_day(exported_on, "--exported-on")
    try:
        with unit_of_work() as (ctx, conn), output.import_progress(paths) as progress:
            summary = import_files(
                ctx,
                conn,
                paths,
                fmt=format_.strip().lower(),
                mapping=mapping,
                skip_bad=skip_bad,
                owner=owner,
                progress=progress,
                exported_on=export_day,
            )
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    assert summary is not None
    if json_:
        output.json({**summary.as_json(), "dry_run": dry_run})
        return
    output.import_summary(summary, state.translator(), dry_run)


@commands.command(help="help.cmd.duplicates")
def duplicates(json_: Json = False) -> None:
    from rapport.services.merging import duplicates as find

    with unit_of_work() as (ctx, conn):
        pairs = find(ctx, conn)
    output.duplicates(pairs, state.translator(), as_json=json_)


@commands.command(help="help.cmd.merge")
def merge(
    survivor: Annotated[str, typer.Argument(help="help.opt.survivor")],
    other: Annotated[str, typer.Argument(help="help.opt.other")],
    not_: Annotated[bool, typer.Option("--not", help="help.opt.not")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="help.merge.yes")] = False,
) -> None:
    import sys

    from rapport.services import merging
    from rapport.services.people import resolve

    with unit_of_work() as (ctx, conn):
        if not_:
            first, second = merging.keep_apart(ctx, conn, survivor, other)
        else:
            if not yes and sys.stdin.isatty():
                a, b = resolve(ctx, conn, survivor), resolve(ctx, conn, other)
                typer.confirm(state.translator()("merge.confirm", other=b.name, survivor=a.name), abort=True)
            kept, gone = merging.merge(ctx, conn, survivor, other)
    if not_:
        say("merge.kept_apart", first=first.name, second=second.name)
    else:
        say("merge.done", survivor=kept.name, other=gone.name)


@commands.command(help="help.cmd.export")
def export(
    format_: Annotated[str, typer.Argument(metavar="FORMAT", help="help.export.format")],
    output_path: Annotated[str | None, typer.Option("-o", "--output", help="help.opt.output_path")] = None,
    circle: Annotated[str | None, typer.Option("--circle", help="help.opt.only_circle")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="help.opt.only_tag")] = None,
    archived: Annotated[bool, typer.Option("--archived", help="help.opt.archived")] = False,
    vcard_version: Annotated[str, typer.Option("--vcard-version", help="help.opt.vcard_version")] = "4.0",
    delimiter: Annotated[str, typer.Option("--delimiter", help="help.opt.delimiter")] = ",",
) -> None:
    from rapport.services import exporting

    kind = format_.strip().lower()
    if kind == "json":
        backup(output_path)
        return
    writers = {
        "vcard": lambda ctx, conn, out: exporting.export_vcards(
            ctx, conn, out, version=vcard_version, circle=circle, tag=tag, include_archived=archived
        ),
        "csv": lambda ctx, conn, out: exporting.export_csv(
            ctx, conn, out, delimiter=delimiter, circle=circle, tag=tag, include_archived=archived
        ),
        "ics": lambda ctx, conn, out: exporting.export_calendar(
            ctx, conn, out, circle=circle, tag=tag, include_archived=archived
        ),
    }
    if kind not in writers:
        state.fail("export.format", 2, value=format_)
    with unit_of_work() as (ctx, conn), exporting.output(output_path) as out:
        count = writers[kind](ctx, conn, out)
    if output_path not in (None, "-"):
        say("export.events" if kind == "ics" else "export.contacts", count=count, file=output_path)


@commands.command(help="help.cmd.backup")
def backup(
    output_path: Annotated[str | None, typer.Option("-o", "--output", help="help.opt.output_path")] = None,
) -> None:
    import os
    import sys

    from rapport.services import backup as service

    ctx = state.open_context()
    try:
        with service.snapshot(ctx) as conn:
            if output_path in (None, "-"):
                rows = service.backup(ctx, conn, sys.stdout)
            else:
                partial = f"{output_path}.part"
                try:
                    with open(partial, "w", encoding="ascii", newline="\n") as out:
                        rows = service.backup(ctx, conn, out)
                    os.replace(partial, output_path)
                finally:
                    if os.path.exists(partial):
                        os.remove(partial)
    finally:
        ctx.close()
    message = state.translator()(
        "backup.done", contacts=rows.get("contacts", 0), rows=sum(rows.values()), file=output_path or "-"
    )
    output.warn(message) if output_path in (None, "-") else output.line(message)


@commands.command(help="help.cmd.restore")
def restore(
    path: Annotated[str, typer.Argument(help="help.restore.path")],
    replace: Annotated[bool, typer.Option("--replace", help="help.opt.replace")] = False,
) -> None:
    import sys
    from contextlib import nullcontext

    from rapport.services import backup as service

    with (
        nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as stream,  # opened before a store is made
        _new_store_removed_on_failure(),
        unit_of_work(create=True) as (ctx, conn),
    ):
        done = service.restore(ctx, conn, stream, replace=replace, file=path)
    say("restore.done", contacts=done.rows.get("contacts", 0), rows=sum(done.rows.values()), created_at=done.created_at)


@contextmanager
def _new_store_removed_on_failure() -> Iterator[None]:
    """When the SQLite store does not exist yet and the command fails, no empty store is left behind."""
    import os

    from rapport.store.location import Location, default_url, normalise_url

    db = state.options.db
    path = Location(normalise_url(db) if db else default_url()).sqlite_path
    new = path is not None and not os.path.exists(path)
    try:
        yield
    except BaseException:
        if new and path is not None:
            for leftover in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
                if os.path.exists(leftover):
                    os.remove(leftover)
        raise
