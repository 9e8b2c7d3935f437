"""The `rapport` command: runs the Typer app and turns every failure into one clear line and an exit code."""

from __future__ import annotations

import sys

# Global options may be typed anywhere on the line (`rapport today --lang de`); they are moved to the front.
GLOBAL_OPTIONS = ("--db", "--lang", "--now")


def hoist_global_options(argv: list[str]) -> list[str]:
    """Move global options (and their values) before the command name."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg in GLOBAL_OPTIONS and i + 1 < len(argv):
            front.extend(argv[i : i + 2])
            i += 2
            continue
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the exit code."""
    from rapport.cli import state

    state.reset()
    args = hoist_global_options(list(sys.argv[1:] if argv is None else argv))
    try:
        from rapport.cli import quick

        if quick.today(args):
            return 0
        if "--install-completion" in args:  # with an optional shell, and said in the user's language
            from rapport.cli import completion

            installed = completion.install_call(args)
            if installed is not None:
                return installed
        from rapport.cli.app import command

        code = command()(args=args, prog_name="rapport", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BrokenPipeError:  # the reader went away (`rapport today | head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        state.fail("interrupted", 130)
    except Exception as exc:  # every failure a user can meet becomes one line, never a traceback
        from typer import Abort
        from typer._click.exceptions import NoArgsIsHelpError, UsageError  # Typer's own copy of Click

        if isinstance(exc, NoArgsIsHelpError):
            print(exc.ctx.get_help())
            return 0
        if isinstance(exc, UsageError):
            return state.usage_error(exc, args)
        if isinstance(exc, Abort):
            return state.fail_code("aborted", 1)
        return state.report(exc)
    return 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
