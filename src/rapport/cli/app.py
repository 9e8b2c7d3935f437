"""The command line: each command parses its options, calls one use case and shows the result.

Human output by default, `--json` on every reading command for scripts (stable keys, ISO 8601 times). The
commands live in one module per topic (people, journal, interop, messages, settings); this module puts them
together in the order `rapport --help` lists them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import interop, journal, messages, people, settings, state

app = typer.Typer(
    name="rapport",
    help="Keep your professional network alive: what to do today, for whom and why.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file or database URL (postgresql+psycopg://…). Env: RAPPORT_DATABASE_URL."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or de (default: your locale).")] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now", envvar="RAPPORT_NOW", help="Evaluate at this moment (ISO date-time), for reproducible runs."
        ),
    ] = None,
) -> None:
    state.options.db = db
    state.options.lang = lang
    state.options.now = now


_ORDER = (
    # setting up
    people.init,
    people.demo,
    people.me,
    # capturing
    people.add,
    people.edit,
    journal.met,
    journal.log,
    journal.note,
    journal.gave,
    journal.got,
    journal.ask,
    journal.news,
    # reading
    journal.today,
    people.show,
    people.list_,
    people.circles,
    people.circle,
    people.move,
    people.archive,
    people.forget,
    # in and out
    interop.import_,
    interop.duplicates,
    interop.merge,
    interop.export,
    interop.backup,
    interop.restore,
    # messages
    messages.check_,
    messages.send,
    messages.draft,
)
_registered = {
    info.callback: info for topic in (people, journal, interop, messages) for info in topic.commands.registered_commands
}
assert len(_registered) == len(_ORDER), "every command of a topic is listed once in _ORDER"
app.registered_commands.extend(_registered[command] for command in _ORDER)
app.add_typer(settings.config_app, name="config")
