"""`rapport today` without the command-line framework or SQLAlchemy: the daily command starts at once.

It runs the same service (rapport.services.agenda.agenda_for) and the same output as the full command, on the
standard library's sqlite3. Whenever it cannot (a PostgreSQL store, a missing or outdated SQLite file, an option
it does not know, --help), it steps aside and the full command line handles the call.
"""

from __future__ import annotations

import os

from rapport.cli.state import Options

_TODAY_OPTIONS = ("--limit", "--json")


def parse(args: list[str]) -> tuple[Options, int | None, bool] | None:
    """(global options, --limit, --json) for a plain `today` call; None for anything else."""
    options = Options()
    i = 0
    while i < len(args) and args[i].startswith("--"):
        name, has_value, value = args[i].partition("=")
        if name not in ("--db", "--lang", "--now"):
            return None
        if not has_value:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
            i += 1
        setattr(options, name[2:], value)
        i += 1
    if i >= len(args) or args[i] != "today":
        return None
    limit: int | None = None
    as_json = False
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        name, has_value, value = rest[j].partition("=")
        if name == "--json" and not has_value:
            as_json = True
        elif name == "--limit":
            if not has_value:
                if j + 1 >= len(rest):
                    return None
                value = rest[j + 1]
                j += 1
            try:
                limit = int(value)
            except ValueError:
                return None
        else:
            return None
        j += 1
    if options.now is None:
        options.now = os.environ.get("RAPPORT_NOW") or None
    return options, limit, as_json


def today(args: list[str]) -> bool:
    """Show today's agenda if the call is one this path serves; False to hand it to the full command line."""
    parsed = parse(args)
    if parsed is None:
        return False
    options, limit, as_json = parsed
    from rapport.cli import state
    from rapport.store.location import Location, default_url, normalise_url

    location = Location(normalise_url(options.db) if options.db else default_url())
    path = location.sqlite_path
    if path is None or not os.path.isfile(path):
        return False

    import sqlite3

    from rapport.config import LOCAL_OWNER
    from rapport.store import HEAD_REVISION

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        from rapport.store import reads

        rows = reads.sqlite_rows(conn)
        try:
            revision = [r[0] for r in rows("SELECT version_num FROM alembic_version")]
            owner = reads.owner_id(rows, LOCAL_OWNER)
        except sqlite3.Error:
            return False
        if revision != [HEAD_REVISION] or owner is None:
            return False
        state.options.db, state.options.lang, state.options.now = options.db, options.lang, options.now
        from rapport import config
        from rapport.cli import output
        from rapport.services.agenda import agenda_for

        settings = state.settings()
        zone = settings.zone()
        now = config.parse_now(options.now, zone)
        actions = agenda_for(rows, owner, settings, now, zone, limit)
    finally:
        conn.close()
    output.agenda(actions, now, state.translator(), as_json=as_json)
    return True
