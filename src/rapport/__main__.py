"""`python -m rapport`: the same as the `rapport` command."""

from rapport.cli.main import run

run()
