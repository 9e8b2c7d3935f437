"""Shell completion for bash, zsh and fish: the scripts are produced, installed, and complete rapport's commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.cli.main import main

SRC = Path(__file__).resolve().parents[2] / "src"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("shell", "registers"),
    [
        ("bash", "complete -o default -F _rapport_completion rapport"),
        ("zsh", "compdef _rapport_completion rapport"),
        ("fish", "complete --command rapport"),
    ],
)
def test_the_completion_script_for_each_shell(
    shell: str, registers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("_RAPPORT_COMPLETE", f"source_{shell}")
    assert main([]) == 0
    script = capsys.readouterr().out
    assert registers in script and f"_RAPPORT_COMPLETE=complete_{shell}" in script


def test_show_and_install_completion_for_the_shell_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "fish")
    assert main(["--show-completion"]) == 0
    assert "complete --command rapport" in capsys.readouterr().out

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("typer._completion_shared._get_shell_name", lambda: "bash")
    assert main(["--install-completion"]) == 0
    installed = tmp_path / ".bash_completions" / "rapport.sh"
    assert capsys.readouterr().out == f"Completion for bash installed in {installed}; it works in a new terminal.\n"
    assert "_RAPPORT_COMPLETE=complete_bash" in installed.read_text(encoding="utf-8")
    assert f"source '{installed}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")

    assert main(["--lang", "de", "--install-completion", "fish"]) == 0  # another shell than this one, by name
    installed = tmp_path / ".config" / "fish" / "completions" / "rapport.fish"
    assert "eingerichtet in" in capsys.readouterr().out and "complete --command rapport" in installed.read_text()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--install-completion", "tcsh"], "'tcsh' is no shell rapport completes in; use one of bash, zsh, fish"),
        (["--install-completion", "bash", "zsh"], "'bash zsh' is no shell"),
        (["--install-completion"], "Cannot tell which shell this is; name it: rapport --install-completion SHELL"),
    ],
)
def test_installing_for_an_unknown_shell_says_so_and_writes_nothing(
    args: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("typer._completion_shared._get_shell_name", lambda: None)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert says in captured.err and captured.err.count("\n") == 1 and not captured.out
    assert list(tmp_path.iterdir()) == []


def _bash_completes(words: str) -> list[str]:
    """What bash offers for the last word, with the script `rapport` produces sourced (a real bash, a real rapport)."""
    line = f"COMP_WORDS=({words}); COMP_CWORD={len(words.split()) - (0 if words.endswith(' ') else 1)}"
    script = f'eval "$(_RAPPORT_COMPLETE=source_bash rapport)"\n{line}\n_rapport_completion rapport\n'
    script += 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        ["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completes_commands_and_options() -> None:
    assert _bash_completes("rapport sho") == ["show"]
    assert _bash_completes("rapport sh") == ["show", "share"]
    assert "today" in _bash_completes("rapport t") and "init" not in _bash_completes("rapport t")
    assert _bash_completes("rapport show --j") == ["--json"]
    assert "--lang" in _bash_completes("rapport --l")
