"""What every use case works in: a store, the owner whose data it is, the settings and the moment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from sqlalchemy import Connection, Engine

from rapport.config import LOCAL_OWNER, Settings, parse_now
from rapport.domain.model import DEFAULT_CIRCLES, Circle
from rapport.store import contacts as store
from rapport.store.db import Location, default_url, normalise_url, open_engine


@dataclass
class Context:
    engine: Engine
    owner_id: int
    settings: Settings
    now: datetime
    zone: tzinfo
    location: Location
    _circles: list[Circle] | None = field(default=None, repr=False)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work: everything in it is saved together, or nothing is."""
        with self.engine.begin() as conn:
            yield conn

    def circles(self, conn: Connection) -> list[Circle]:
        if self._circles is None:
            self._circles = store.load_circles(conn, self.owner_id) or list(DEFAULT_CIRCLES)
        return self._circles

    def close(self) -> None:
        self.engine.dispose()


def open_context(
    settings: Settings, db: str | None = None, now: str | None = None, create: bool = False, owner: str = LOCAL_OWNER
) -> Context:
    """Open the store (creating it when `create`), and make sure the owner and its circles exist."""
    location = Location(normalise_url(db) if db else default_url())
    zone = settings.zone()
    moment = parse_now(now, zone)
    engine = open_engine(location, create=create)
    with engine.begin() as conn:
        owner_id = store.ensure_owner(conn, owner, moment)
        if not store.load_circles(conn, owner_id):
            for circle in DEFAULT_CIRCLES:
                store.save_circle(conn, owner_id, circle)
    return Context(engine=engine, owner_id=owner_id, settings=settings, now=moment, zone=zone, location=location)
