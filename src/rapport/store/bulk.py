"""Writing many rows at once with the driver itself: what Core's executemany stores, without its per-row work.

The values are converted by the columns' own types (so a row is stored exactly as `conn.execute(insert(table),
rows)` would store it), then sent in one `executemany` on SQLite or one `COPY … FROM STDIN` on PostgreSQL, in the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

from rapport.store.db import wrote

_COPY_FROM = 50  # rows from which COPY beats a plain INSERT on PostgreSQL (it takes one more round trip)


def stored(conn: Connection, table: Table, column: str) -> Callable[[Any], Any]:
    """How a value of the column is sent to the driver (each distinct value converted once), for rows given to
    `insert_rows` with `converted=True`."""
    dialect = conn.dialect
    convert = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
    if convert is None:
        return _same
    done: dict[Any, Any] = {}

    def as_stored(value: Any) -> Any:
        found = done.get(value, done)
        if found is done:
            found = done[value] = convert(value)
        return found

    return as_stored


def _same(value: Any) -> Any:
    return value


def insert_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]], converted: bool = False
) -> None:
    """Insert `rows` (values in the order of `columns`) into `table`; `converted`: the values are already as
    `stored` makes them."""
    dialect = conn.dialect
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for position, name in enumerate(columns):
        convert = None if converted else table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            converters.append((position, convert))
    if not isinstance(rows, list):
        rows = list(rows)
    if not rows:
        return
    if converters:
        rows = _converted(rows, len(columns), converters)
    names = ", ".join(columns)
    if dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        wrote(conn)
        with raw.cursor() as cursor:  # type: ignore[union-attr]
            if len(rows) < _COPY_FROM:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)
                return
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)


def insert_dicts(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows given as dictionaries that all have the same keys (as `_collect_details` builds them)."""
    if not rows:
        return
    columns = list(rows[0])
    pick = itemgetter(*columns)
    values = [pick(row) for row in rows] if len(columns) > 1 else [(pick(row),) for row in rows]
    insert_rows(conn, table, columns, values)


def _converted(
    rows: list[Sequence[Any]], width: int, converters: list[tuple[int, Callable[[Any], Any]]]
) -> list[tuple[Any, ...]]:
    """The rows with the values of the converted columns converted, column by column: each distinct value of a
    column once (a batch repeats its time stamps, dates and flags)."""
    values: list[Any] = list(zip(*rows, strict=True)) if width > 1 else [[row[0] for row in rows]]
    for position, convert in converters:
        column = values[position]
        try:
            done = {value: convert(value) for value in set(column)}
        except TypeError:  # a value that cannot be hashed: each converted on its own
            values[position] = [convert(value) for value in column]
        else:
            values[position] = list(map(done.__getitem__, column))
    return list(zip(*values, strict=True))
