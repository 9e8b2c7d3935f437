"""`rapport --install-completion [SHELL]`: the completion script for bash, zsh or fish (or PowerShell) installed
where the shell finds it, said in the user's language.

The script itself comes from the command-line framework (Typer); `rapport --show-completion` and
`_RAPPORT_COMPLETE=source_SHELL rapport` print it. Without a shell named, the one rapport runs in is detected.
"""

from __future__ import annotations

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
PROG = "rapport"
COMPLETE_VAR = "_RAPPORT_COMPLETE"


def install_call(args: list[str]) -> int | None:
    """Install when the command line (global options first, as main() puts them) asks for it; None otherwise."""
    from rapport.cli import state
    from rapport.cli.main import GLOBAL_OPTIONS

    i = 0
    while i < len(args) and args[i].split("=", 1)[0] in GLOBAL_OPTIONS:
        name, has_value, value = args[i].partition("=")
        if not has_value:
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 1
        setattr(state.options, name[2:], value)
        i += 1
    if args[i : i + 1] != ["--install-completion"]:
        return None
    return install(args[i + 1 :])


def install(args: list[str]) -> int:
    """Install the script for the shell named in `args` (or the detected one); returns the exit code."""
    from rapport.cli import output, state
    from rapport.errors import InputError

    choices = ", ".join(SHELLS)
    if len(args) > 1 or (args and args[0].lower() not in SHELLS):
        raise InputError("completion.shell", value=" ".join(args), choices=choices)
    from typer._completion_shared import _get_shell_name
    from typer._completion_shared import install as install_script

    shell = args[0].lower() if args else _get_shell_name()
    if shell not in SHELLS:
        raise InputError("completion.no_shell", choices=choices)
    installed, path = install_script(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    t = state.translator()
    output.line(t("completion.installed", shell=installed, path=str(path)))
    return 0
