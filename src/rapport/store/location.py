"""Where the store is: a database URL, or a path to an SQLite file. Cheap to import (no SQLAlchemy, no pathlib)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def default_url() -> str:
    """The database in the user's data directory (platformdirs), unless RAPPORT_DATABASE_URL says otherwise."""
    configured = os.environ.get("RAPPORT_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('rapport', appauthor=False) / 'rapport.db'}"  # platformdirs brings pathlib


def normalise_url(db: str) -> str:
    """Accept a database URL or a plain path to an SQLite file."""
    if "://" in db:
        if db.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + db.split("://", 1)[1]
        return db
    return f"sqlite:///{os.path.realpath(os.path.expanduser(db))}"


@dataclass(frozen=True)
class Location:
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> str | None:
        """The SQLite file's path (None for PostgreSQL or an in-memory database)."""
        if not self.is_sqlite:
            return None
        database = self.url.split(":///", 1)[1].split("?", 1)[0] if ":///" in self.url else ""
        return database if database and database != ":memory:" else None

    def display(self) -> str:
        """The location without a password, fit to print."""
        if self.is_sqlite:
            return self.url
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except Exception:  # an unparsable URL: show its scheme only, never a password
            return self.url.split("://", 1)[0] + "://…"
