"""Rows written in bulk with the driver are stored exactly as SQLAlchemy Core stores them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from rapport.services.context import Context
from rapport.store import bulk
from rapport.store.contacts import allocate_ids
from rapport.store.schema import contacts, imported_records

_COLUMNS = (
    "id",
    "owner_id",
    "display_name",
    "search_key",
    "organisation",
    "connected_on",
    "circle",
    "archived",
    "created_at",
    "updated_at",
)


def _rows(ctx: Context, ids: list[int]) -> list[tuple[object, ...]]:
    zurich = timezone(timedelta(hours=1))
    moments = [
        datetime(2026, 11, 26, 9, 0, tzinfo=zurich),  # no microseconds
        datetime(2026, 3, 29, 1, 59, 59, 999_999, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 0, 0, 5, tzinfo=zurich),
    ]
    days = [date(2013, 5, 1), None, date(2024, 2, 29)]
    names = ["Anna Muster", "Jürgen Müller, «Dr.»", "O'Connor; 'x' \\ \t tab"]
    return [
        (i, ctx.owner_id, names[n % 3], names[n % 3].casefold(), "Zühlke, AG", days[n % 3], "wider", n % 2 == 0,
         moments[n % 3], moments[(n + 1) % 3])
        for n, i in enumerate(ids)
    ]  # fmt: skip


def _stored(ctx: Context, ids: list[int]) -> list[tuple[object, ...]]:
    names = ", ".join(_COLUMNS[1:])
    marks = ", ".join(str(i) for i in ids)
    with ctx.transaction() as conn:
        raw = conn.exec_driver_sql(f"SELECT {names} FROM contacts WHERE id IN ({marks}) ORDER BY id")
        return [tuple(row) for row in raw]


@pytest.mark.parametrize("count", [3, 60])  # a few rows, and enough for COPY on PostgreSQL
def test_bulk_rows_are_stored_as_core_stores_them(ctx: Context, count: int) -> None:
    with ctx.transaction() as conn:
        ids = allocate_ids(conn, contacts, 2 * count)
        core, fast = ids[:count], ids[count:]
        conn.execute(insert(contacts), [dict(zip(_COLUMNS, row, strict=True)) for row in _rows(ctx, core)])
        bulk.insert_rows(conn, contacts, _COLUMNS, _rows(ctx, fast))
    assert _stored(ctx, fast) == _stored(ctx, core)
    with ctx.transaction() as conn:
        read = conn.execute(select(contacts.c.created_at, contacts.c.connected_on).where(contacts.c.id == fast[0]))
        assert read.one() == (datetime(2026, 11, 26, 8, 0, tzinfo=UTC), date(2013, 5, 1))


def test_rows_given_as_dictionaries_and_none_at_all(ctx: Context) -> None:
    with ctx.transaction() as conn:
        (contact_id,) = allocate_ids(conn, contacts, 1)
        bulk.insert_rows(conn, contacts, _COLUMNS, _rows(ctx, [contact_id]))
        bulk.insert_dicts(conn, imported_records, [])
        bulk.insert_dicts(
            conn,
            imported_records,
            [
                {"owner_id": ctx.owner_id, "contact_id": contact_id, "source": "linkedin", "record_key": k,
                 "digest": "d", "imported_at": ctx.now}
                for k in ("a", "b")
            ],
        )  # fmt: skip
    with ctx.transaction() as conn:
        keys = conn.execute(select(imported_records.c.record_key).where(imported_records.c.contact_id == contact_id))
        assert sorted(keys.scalars()) == ["a", "b"]
