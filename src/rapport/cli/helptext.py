"""`--help` in the user's language: every help text of the command tree is a catalog key, put in the language of
the run before the command line reads its arguments; the framework's own words (Usage, Options, …) follow.

The commands name their texts by key (`help="help.opt.json"`); `localise` walks the built command tree (one
per run) and replaces each key with its text. The help option and Typer's completion options get theirs by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer.core
from typer._click import core as click_core
from typer._click.formatting import HelpFormatter

if TYPE_CHECKING:
    from rapport.i18n import Translator

# The framework's English words in a help screen, by catalog key; everything else it says passes unchanged.
FRAMEWORK = {
    "Arguments": "help.framework.arguments",
    "Options": "help.framework.options",
    "Commands": "help.framework.commands",
    "required": "help.framework.required",
    "env var: {var}": "help.framework.env_var",
    "default: {default}": "help.framework.default",
}
# Options the framework adds, by parameter name.
ADDED = {
    "help": "help.opt.help",
    "install_completion": "help.opt.install_completion",
    "show_completion": "help.opt.show_completion",
}

_words: dict[str, str] = {}  # this run's words for the framework's English ones (empty: English)


def _framework_word(message: str) -> str:
    return _words.get(message, message)


class _Formatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _words.get("Usage: ", "Usage: ") if prefix is None else prefix)


# Typer's section titles and markers go through gettext's `_`; the usage line through the formatter.
typer.core._ = _framework_word  # type: ignore[attr-defined]
click_core.Context.formatter_class = _Formatter


def localise(command: Any, t: Translator) -> None:
    """Every help text of `command` and its sub-commands in the translator's language."""
    _words.clear()
    if t.lang != "en":
        _words.update({english: t(key) for english, key in FRAMEWORK.items()})
        _words["Usage: "] = t("help.framework.usage") + " "
    _walk(command, t)


def _key(thing: Any, current: str | None) -> str | None:
    """The catalogue key a help text came with: kept on first sight, as the tree is translated again on each run."""
    if not hasattr(thing, "_rapport_help_key"):
        thing._rapport_help_key = current
    return thing._rapport_help_key  # type: ignore[no-any-return]


def _walk(command: Any, t: Translator) -> None:
    key = _key(command, command.help)
    if key:
        command.help = t(key)
    if command.options_metavar:
        command.options_metavar = t("help.framework.options_usage")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = t("help.framework.commands_usage")
    help_option = command.get_help_option(click_core.Context(command))
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        key = ADDED.get(param.name) or _key(param, getattr(param, "help", None))
        if key:
            param.help = t(key)
    for sub in getattr(command, "commands", {}).values():
        _walk(sub, t)
