"""Opening a store: SQLite (default, a file in the user's data directory) or PostgreSQL, migrated by Alembic."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from rapport.errors import StoreError
from rapport.store import HEAD_REVISION
from rapport.store.location import Location, default_url, normalise_url

__all__ = ["HEAD_REVISION", "Location", "default_url", "migrate", "normalise_url", "open_engine"]

_MIGRATIONS = Path(__file__).with_name("migrations")


def engine_for(location: Location) -> Engine:
    try:
        if location.is_sqlite:
            engine = create_engine(location.url)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(location.url, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StoreError("store.bad_url", url=location.display()) from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (creating it in an empty database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_engine(location: Location, create: bool = False) -> Engine:
    """An engine on a store that is ready for use; `create` makes and migrates it when it is missing."""
    path = location.sqlite_path
    if path is not None and not os.path.exists(path):
        if not create:
            raise StoreError("store.missing", url=location.display())
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    engine = engine_for(location)
    try:
        current = revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError("store.unreachable", url=location.display()) from exc
    if current != HEAD_REVISION:
        if current is None and not create:
            engine.dispose()
            raise StoreError("store.missing", url=location.display())
        if current is not None and current not in known_revisions():
            engine.dispose()
            raise StoreError("store.newer", url=location.display(), revision=current)
        migrate(engine)
    count_writes(engine)
    return engine


_WROTE = "rapport_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE", "COPY")


def count_writes(engine: Engine) -> None:
    """Raise the store's version (`store_version`) in the same transaction as every write, at its commit: whatever
    was worked out from the store stays valid exactly as long as the version has not moved."""
    if getattr(engine, "_rapport_counts_writes", False):
        return
    engine._rapport_counts_writes = True  # type: ignore[attr-defined]
    event.listen(engine, "after_cursor_execute", _seen)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)


def wrote(conn: Any) -> None:
    """Note a write made past SQLAlchemy's statements (COPY on the driver's own cursor)."""
    conn.info[_WROTE] = True


def _seen(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    if statement.lstrip()[:6].upper().startswith(_WRITES):
        conn.info[_WROTE] = True


def _bump(conn: Any) -> None:
    if conn.info.pop(_WROTE, False):
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute("UPDATE store_version SET version = version + 1")
        finally:
            cursor.close()


def _forget(conn: Any) -> None:
    conn.info.pop(_WROTE, None)


def store_version(conn: Any) -> int:
    """The store's version: raised by every committed write."""
    return int(conn.execute(text("SELECT version FROM store_version")).scalar_one())


def known_revisions() -> frozenset[str]:
    """Every schema revision this rapport's migrations know (a store at another one comes from a newer rapport)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return frozenset(r.revision for r in ScriptDirectory.from_config(config).walk_revisions())
