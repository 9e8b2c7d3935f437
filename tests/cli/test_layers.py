"""Data flows one way: file formats and settings depend on nothing above them, and every command is on the line."""

from __future__ import annotations

import ast
from pathlib import Path

import typer

import rapport
from rapport.cli.app import app

SRC = Path(rapport.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, at run time or for type checking alone."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_file_formats_and_settings_import_no_service() -> None:
    files = [*(SRC / "interop").glob("*.py"), SRC / "config.py"]
    assert len(files) > 5
    for path in files:
        services = {name for name in _imports(path) if name.startswith("rapport.services")}
        assert not services, (path.name, services)


def test_the_check_sees_an_import_made_for_type_checking(tmp_path: Path) -> None:
    module = tmp_path / "writer.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from rapport.services import exporting\n"
    )
    assert "rapport.services.exporting" in _imports(module)


def test_every_topic_command_is_reachable_from_the_app() -> None:
    from rapport.cli import interop, journal, messages, people

    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    for topic in (people, journal, interop, messages):
        for info in topic.commands.registered_commands:
            assert (info.name or info.callback.__name__) in names  # type: ignore[union-attr]
    assert "config" in names
