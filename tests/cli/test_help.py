"""Every `--help` in English and German: each command, option and argument, and the framework's own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
import typer

from rapport.cli import helptext
from rapport.cli.app import app
from rapport.cli.main import main
from rapport.i18n import Translator
from rapport.i18n.catalog import DE, EN

# Words that are English and never German; none may remain in German help outside names and literal values.
ENGLISH = {
    "the", "and", "with", "your", "you", "show", "list", "this", "of", "for", "from", "what", "which", "when",
    "where", "who", "or", "not", "is", "are", "be", "by", "all", "every", "each", "only", "into", "about", "if",
    "it", "its", "them", "their", "they", "has", "have", "how", "many", "contacts", "people", "file",
    "setting", "settings", "default", "repeatable", "usage", "options", "commands", "arguments", "required",
    "exit", "new", "one", "more", "than", "instead", "e.g", "without", "after", "before", "current",
}  # fmt: skip


def _tree(lang: str) -> Any:
    command = typer.main.get_command(app)
    helptext.localise(command, Translator(lang, UTC))
    return command


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


PATHS = [path for path, _ in _commands(typer.main.get_command(app))]


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RAPPORT_CONFIG", str(tmp_path / "config.toml"))
    for var in ("RAPPORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main([*args, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_command_option_and_argument_has_a_help_text(lang: str) -> None:
    english = _tree("en")
    seen = 0
    for path, command in _commands(_tree(lang)):
        assert command.help and not command.help.startswith("help."), (lang, path)
        help_option = command.get_help_option(typer._click.core.Context(command))
        for param in [*command.params, help_option]:
            assert param.help and not param.help.startswith("help."), (lang, path, param.name)
            seen += 1
        if lang != "en" and path:
            assert command.help != dict(_commands(english))[path].help, path  # really translated
    assert seen > 100


def test_every_setting_is_described_in_both_languages() -> None:
    from dataclasses import fields

    from rapport.config import Settings

    for spec in fields(Settings):
        assert EN[f"help.setting.{spec.name}"] != DE[f"help.setting.{spec.name}"], spec.name


def _words_outside_names(text: str, path: tuple[str, ...]) -> set[str]:
    """The words of a help screen, leaving out what is typed as it is: command and option names, metavars,
    quoted and `code` examples, environment variable names and the value lists options accept."""
    lines = []
    in_commands = False
    for line in text.splitlines():
        if line.startswith("Aufruf:"):
            line = line.replace("rapport " + " ".join(path), "")
        if re.match(r"^\S", line):
            in_commands = line.startswith("Befehle")
        elif in_commands and re.match(r"^  \S", line):
            line = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""  # the command's name
        lines.append(line)
    text = re.sub(r"-\n\s+", "-", "\n".join(lines))  # a word wrapped at its hyphen
    text = re.sub(r"'[^']*'|`[^`]*`|<[^>]*>|\{[^}]*\}|(?<![\w-])-{1,2}[\w-]+|\$?[A-Z_]{3,}\w*", " ", text)
    literal = {  # values typed as they are (circles, channels, kinds, formats)
        value for key in EN if key.startswith("help.") for value in re.findall(r"[\w-]+", EN[key])
        if EN[key] == DE[key] or re.fullmatch(r"[a-z-]+(, [a-z-]+)*( or [a-z-]+)?\W*", EN[key].split(" (")[0])
    }  # fmt: skip
    words = {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüé.][A-Za-zÄÖÜäöüé.-]*", text)}
    return {w.strip(".") for w in words} - {v.lower() for v in literal if v not in ENGLISH}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "rapport")
def test_german_help_has_no_english_words(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys, "--lang", "de", *path)
    assert shown.startswith("Aufruf: rapport")
    english = _words_outside_names(shown, path) & ENGLISH
    assert not english, (path, english)


def test_the_english_word_check_finds_english(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys, "--lang", "en", "met")
    assert _words_outside_names(shown.replace("Usage:", "Aufruf:"), ("met",)) & ENGLISH >= {"the", "you", "for"}


def _is_german(text: str) -> bool:
    return text.startswith("Aufruf: rapport") and "Befehle:" in text and DE["help.framework.options"] in text


def test_help_follows_lang_option_environment_and_config_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _help(capsys).startswith("Usage: rapport [OPTIONS] COMMAND")
    assert _is_german(_help(capsys, "--lang", "de"))
    assert _is_german(_help(capsys, "--lang=de"))
    monkeypatch.setenv("RAPPORT_LANG", "de")
    assert _is_german(_help(capsys))
    assert _help(capsys, "--lang", "en").startswith("Usage:")  # the option wins over the environment
    monkeypatch.delenv("RAPPORT_LANG")
    (tmp_path / "config.toml").write_text('lang = "de"\n')
    assert _is_german(_help(capsys))
    monkeypatch.setenv("RAPPORT_LANG", "en")
    assert _help(capsys).startswith("Usage:")  # the environment wins over the file


def test_a_subcommand_and_its_framework_words_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys, "--lang", "de", "config", "set")
    assert "Argumente:" in shown and "[nötig]" in shown and DE["help.opt.value"] in shown
    assert "Diese Hilfe zeigen und beenden." in shown
    shown = _help(capsys, "--lang", "de", "--now", "2026-01-01")
    assert "[Umgebungsvariable: RAPPORT_NOW]" in shown


def test_config_list_describes_each_setting_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--lang", "de", "config", "list"]) == 0
    shown = capsys.readouterr().out
    assert DE["help.setting.daily_budget"] in shown and EN["help.setting.daily_budget"] not in shown
    assert main(["--lang", "en", "config", "list", "--json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)["settings"]
    assert {row["key"]: row["doc"] for row in rows}["smtp_port"] == EN["help.setting.smtp_port"]


# -- value names: what German help offers to type is German wherever German is accepted -------------------------


def _english_value_names() -> set[str]:
    """The English names of the values options and arguments take (circles, kinds of favour, news and message,
    channels): the keys and English labels of the terms whose German label differs (not check-in or linkedin)."""
    from rapport.i18n import TERMS

    names: set[str] = set()
    for kind in TERMS:
        for entry, label in EN.items():
            if entry.startswith(f"term.{kind}.") and label.casefold() != DE[entry].casefold():
                names |= {entry.removeprefix(f"term.{kind}."), label.casefold()}
    return names


VALUE_NAMES = _english_value_names()


def _value_names_in(text: str) -> set[str]:
    """The English value names a help screen shows in its texts (not in the usage line, nor as the name of a
    command, option or argument, a metavar, or `code`)."""
    kept = []
    for line in text.splitlines():
        if line.startswith(("Aufruf:", "Usage:")):
            continue
        kept.append(re.sub(r"^  \S+( <[^>]*>)?(?=\s{2}|$)", " ", line))  # a command's, option's or argument's name
    flat = " ".join(re.sub(r"-\n\s+", "-", "\n".join(kept)).split())
    flat = re.sub(r"`[^`]*`|<[^>]*>|\{[^}]*\}|(?<![\w-])-{1,2}[\w-]+", " ", flat).casefold()
    return {name for name in VALUE_NAMES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flat)}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "rapport")
def test_german_help_names_values_in_german(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    found = _value_names_in(_help(capsys, "--lang", "de", *path))
    assert not found, (path, sorted(found))


def test_the_value_name_check_finds_english_names(capsys: pytest.CaptureFixture[str]) -> None:
    found = set()
    for path in (("log",), ("gave",), ("news",), ("move",), ("check",), ("draft",)):
        found |= _value_names_in(_help(capsys, "--lang", "en", *path))
    assert found >= {"core", "archived", "in-person", "social", "job-lead", "new-job", "congrats", "thanks", "invite"}
    assert "check-in" not in VALUE_NAMES and "linkedin" not in VALUE_NAMES  # the same word in German


def _listed(text: str) -> list[str]:
    """The values a help text lists: "E-Mail (Standard), LinkedIn (Kontaktanfrage) oder Xing." -> E-Mail, …"""
    text = re.sub(r"\s*\([^)]*\)", "", text).strip().rstrip(".")
    text = re.sub(r"^(Only|Nur) ", "", text)
    return [value.strip("' ") for value in re.split(r",\s*|\s+(?:or|oder)\s+", text)]


VALUE_LISTS = [
    "help.opt.circle_choice", "help.log.via", "help.opt.favour_kind", "help.news.kind", "help.check.kind",
    "help.opt.channel", "help.draft.kind", "help.send.kind", "help.draft.via", "help.send.via",
]  # fmt: skip


def _meaning(key: str) -> Any:
    """What a value typed where the help text `key` is shown means."""
    from rapport.cli.messages import CHECK_CHANNELS
    from rapport.i18n import term_key
    from rapport.messages.check import kind_of
    from rapport.services import drafting, inputs

    return {
        "help.opt.circle_choice": lambda v: term_key("circle", v),
        "help.log.via": inputs.channel,
        "help.opt.favour_kind": inputs.favour_kind,
        "help.news.kind": inputs.event_kind,
        "help.check.kind": kind_of,
        "help.opt.channel": lambda v: CHECK_CHANNELS.get(v.lower(), v.lower()),
        "help.draft.kind": drafting.draft_kind,
        "help.send.kind": drafting.draft_kind,
        "help.draft.via": drafting.draft_via,
        "help.send.via": drafting.draft_via,
    }[key]


@pytest.mark.parametrize("key", VALUE_LISTS)
def test_each_german_value_in_the_help_means_the_english_one_in_its_place(key: str) -> None:
    meaning = _meaning(key)
    english, german = _listed(EN[key]), _listed(DE[key])
    assert len(english) == len(german) >= 1, (english, german)
    assert [meaning(v) for v in german] == [meaning(v) for v in english]
    assert len({str(meaning(v)) for v in german}) == len(german)  # no two German names for one value
