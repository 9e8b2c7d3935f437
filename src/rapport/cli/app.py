"""The command line: each command parses its options, calls one use case and shows the result.

Human output by default, `--json` on every reading command for scripts (stable keys, ISO 8601 times). The
commands live in one module per topic (people, journal, interop, messages, settings); this module puts them
together in the order `rapport --help` lists them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rapport.cli import (
    accounts,
    assistants,
    digest,
    helptext,
    interop,
    journal,
    messages,
    people,
    settings,
    state,
    tokens,
    web,
)
from rapport.cli.initiative import groups, intros, meet
from rapport.cli.initiative import share as share_commands
from rapport.cli.initiative import time as networking_time


class _Rapport(TyperGroup):
    """The command tree, with its help texts in the language of the run (decided before the arguments are read)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        state.take_lang(words)
        helptext.localise(self, state.translator())
        return super().main(words, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)


app = typer.Typer(
    cls=_Rapport,
    name="rapport",
    help="help.app",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global(
    db: Annotated[
        str | None,
        typer.Option("--db", help="help.opt.db"),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="help.opt.lang")] = None,
    now: Annotated[
        str | None,
        typer.Option("--now", envvar="RAPPORT_NOW", help="help.opt.now"),
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
    # taking the initiative
    networking_time.week,
    intros.intros,
    intros.introduce,
    share_commands.share,
    # messages
    messages.check_,
    messages.send,
    messages.draft,
    # in the browser, in the inbox, in an assistant
    web.serve,
    assistants.mcp,
    web.calendar_url,
)
_registered = {
    info.callback: info
    for topic in (people, journal, interop, messages, networking_time, intros, share_commands, web, assistants)
    for info in topic.commands.registered_commands
}
assert len(_registered) == len(_ORDER), "every command of a topic is listed once in _ORDER"
app.registered_commands.extend(_registered[command] for command in _ORDER)
# taking the initiative
app.add_typer(meet.meet_app, name="meet")
app.add_typer(settings.config_app, name="config")
app.add_typer(networking_time.time_app, name="time")
app.add_typer(groups.group_app, name="group")
app.add_typer(groups.meetup_app, name="meetup")
app.add_typer(share_commands.feed_app, name="feed")
app.add_typer(digest.digest_app, name="digest")
# on a shared server
app.add_typer(accounts.user_app, name="user")
app.add_typer(tokens.token_app, name="token")


@cache
def command() -> Any:
    """The command tree as Click runs it, built once per process: building it reads every command's signature, which
    cost as much as running a quick command (a process that runs many, like the tests or a server, pays it once)."""
    return typer.main.get_command(app)
