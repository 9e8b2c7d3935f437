"""Backing up everything one owner has, and restoring it into an empty store (or in place of the owner's data).

The file format is rapport.interop.backup (versioned JSON Lines with a closing checksum). Both directions stream:
a backup reads each table in chunks and writes row by row; a restore reads line by line and inserts in chunks,
keeping only a compact old-id → new-id map of the tables others refer to (contacts, interactions).

Which tables: every table of rapport.store.schema.metadata, in its dependency order (`sorted_tables`), except those in
EXCLUDED, so a table added to the schema is backed up without a change here. Whose rows: a table's rows belong to the
owner through its column that refers to users (owner_id), or, for a table without one (interaction_contacts),
through the rows it refers to. A restore gives every row a new id (the target database may hold other owners' rows
under the old ones: on PostgreSQL the sequences hand out the new ids) and maps every reference to it.

Older schema revisions are read too as long as the migrations since only added tables, or columns that may be null
or have a default; a migration that changes what a column means has to convert older backups here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import IO, Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    Table,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from rapport.errors import Refused
from rapport.interop.backup import BackupReader, BackupWriter, Decoder, Header, bad_backup, decoder
from rapport.services.context import Context
from rapport.store import HEAD_REVISION
from rapport.store.contacts import delete_contacts, fill_meeting_summaries
from rapport.store.schema import contacts, metadata, users

# Tables not backed up as rows, and why. Every other table of the schema is.
EXCLUDED: dict[str, str] = {
    "users": "the owner's own row is the header of the backup; other owners' rows are theirs",
    "share_index": "a cache of the article rankers, rebuilt from the contacts on the next `rapport share`",
    "api_tokens": "credentials, not data: a restored network gets tokens of its own (`rapport token create`)",
    "store_version": "counts the store's writes, not data: what is worked out from a store is kept until it moves",
}

READ_CHUNK = 1000  # rows read from the database at a time
# rows inserted at a time: a multi-row INSERT of 1000 rows takes some 6 MB on psycopg, 250 rows a quarter of that
INSERT_CHUNK = 250


# ---------------------------------------------------------------------------------------------- the tables
@dataclass(frozen=True)
class TablePlan:
    """How one table is backed up and restored."""

    table: Table
    owner_column: str | None  # the column that refers to the owner (users)
    references: dict[str, str]  # column → the table whose id it holds
    surrogate: str | None  # the single whole-number primary key, renumbered on restore
    decoders: dict[str, Decoder]
    optional: frozenset[str]  # columns a row may leave out (a backup of an older schema): nullable or defaulted

    @property
    def name(self) -> str:
        return self.table.name

    def owned(self, owner_id: int) -> ColumnElement[bool]:
        """The condition for the owner's rows."""
        if self.owner_column is not None:
            return self.table.c[self.owner_column] == owner_id
        conditions = []
        for column, target in self.references.items():
            parent = plan_of(target)
            assert parent.surrogate is not None
            conditions.append(
                self.table.c[column].in_(select(parent.table.c[parent.surrogate]).where(parent.owned(owner_id)))
            )
        return and_(*conditions)


@cache
def plans() -> tuple[TablePlan, ...]:
    """The tables backed up, in dependency order. Raises TypeError for a table this module cannot handle yet."""
    return tuple(_plan(table) for table in metadata.sorted_tables if table.name not in EXCLUDED)


def plan_of(name: str) -> TablePlan:
    return plans()[_positions()[name]]


@cache
def _positions() -> dict[str, int]:
    return {plan.name: i for i, plan in enumerate(plans())}


def _plan(table: Table) -> TablePlan:
    owner_columns: list[str] = []
    references: dict[str, str] = {}
    for column in table.columns:
        for fk in column.foreign_keys:
            target = fk.column
            if target.table is users:
                owner_columns.append(column.name)
            elif target.table is table:
                raise TypeError(f"{table.name}.{column.name} refers to its own table: a restore cannot map that yet")
            elif target.table.name in EXCLUDED:
                raise TypeError(f"{table.name}.{column.name} refers to {target.table.name}, which is not backed up")
            elif not _is_surrogate(target):
                raise TypeError(f"{table.name}.{column.name} refers to {target}, not to a table's whole-number id")
            else:
                references[column.name] = target.table.name
    if len(owner_columns) > 1:
        raise TypeError(f"{table.name} has several owner columns: {owner_columns}")
    if not owner_columns and not references:
        raise TypeError(f"{table.name} has no owner column and refers to no owned table: whose rows are they?")
    keys = list(table.primary_key.columns)
    surrogate = keys[0].name if len(keys) == 1 and _is_surrogate(keys[0]) else None
    optional = frozenset(
        c.name
        for c in table.columns
        if not c.primary_key and (c.nullable or c.server_default is not None or c.default is not None)
    )
    return TablePlan(
        table=table,
        owner_column=owner_columns[0] if owner_columns else None,
        references=references,
        surrogate=surrogate,
        decoders={c.name: decoder(c) for c in table.columns},
        optional=optional,
    )


def _is_surrogate(column: Column[Any]) -> bool:
    keys = list(column.table.primary_key.columns)
    return keys == [column] and isinstance(column.type, Integer) and not column.foreign_keys


@cache
def known_schemas() -> frozenset[str]:
    """The schema revisions a backup may come from: the current one and every older one."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from rapport.store.db import _MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    return frozenset(r.revision for r in script.walk_revisions(base="base", head=HEAD_REVISION))


# ---------------------------------------------------------------------------------------------- backing up
def backup(ctx: Context, conn: Connection, stream: IO[str] | IO[bytes]) -> dict[str, int]:
    """Write everything the owner has to `stream` (text or binary); returns the rows written per table.

    Streams: each table is read READ_CHUNK rows at a time and written row by row. For a consistent picture on a
    PostgreSQL server in use, run it in `snapshot(ctx)`.
    """
    owner = conn.execute(select(users).where(users.c.id == ctx.owner_id)).one()
    writer = BackupWriter(stream)
    writer.header(HEAD_REVISION, ctx.now, owner._mapping)
    for plan in plans():
        writer.table(plan.name)
        query = (
            select(plan.table)
            .where(plan.owned(ctx.owner_id))
            .order_by(*plan.table.primary_key.columns)
            .execution_options(yield_per=READ_CHUNK)
        )
        for row in conn.execute(query):
            writer.row(plan.name, row._mapping)
    return writer.finish()


@contextmanager
def snapshot(ctx: Context) -> Iterator[Connection]:
    """A read-only transaction for `backup` that sees one moment of the store (REPEATABLE READ on PostgreSQL, so
    that a server in use cannot change tables between the reads): `with snapshot(ctx) as conn: backup(...)`."""
    options: dict[str, Any] = {}
    if ctx.engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with ctx.engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn


# ---------------------------------------------------------------------------------------------- restoring
@dataclass
class Restored:
    rows: dict[str, int]  # rows restored per table
    owner: str  # whose backup it was (the name in its header)
    created_at: str  # when it was taken (ISO 8601, as written)
    replaced: int  # contacts deleted first (replace=True)


def restore(
    ctx: Context, conn: Connection, stream: IO[str] | IO[bytes], replace: bool = False, file: str | None = None
) -> Restored:
    """Restore a backup into the context's owner, all in the caller's transaction.

    Refused (restore.not_empty) when the owner already has contacts, unless `replace`: then the owner's data is
    deleted first. The owner's other rows (the default circles of a new store) are always replaced. A file that
    is not a complete, intact backup of a schema this rapport knows raises InputError (restore.bad_file) naming
    the line and the problem; as the error leaves the transaction, nothing is changed. Read the file as a binary
    stream where you can (text streams work too).
    """
    reader = BackupReader(stream, file or str(getattr(stream, "name", "-")), known_schemas())
    header = reader.read_header()
    owner_values = _owner_values(reader, header)
    have = int(conn.execute(select(func.count()).where(contacts.c.owner_id == ctx.owner_id)).scalar_one())
    if have and not replace:
        raise Refused("restore.not_empty", contacts=have)
    replaced = delete_contacts(conn, ctx.owner_id) if have else 0
    for plan in reversed(plans()):
        conn.execute(delete(plan.table).where(plan.owned(ctx.owner_id)))
    if owner_values:
        conn.execute(update(users).where(users.c.id == ctx.owner_id).values(**owner_values))
    loader = _Loader(conn, ctx.owner_id, int(header.owner["id"]), reader.file)
    for line, table, row in reader.rows():
        loader.add(line, table, row)
    loader.flush()
    if header.schema < "0005":  # a backup from before the meeting summaries: fill them from its interactions
        fill_meeting_summaries(conn, ctx.owner_id)
    ctx._circles = None  # the owner's circles have changed
    return Restored(
        rows={plan.name: loader.counts.get(plan.name, 0) for plan in plans()},
        owner=str(header.owner.get("name", "")),
        created_at=header.created_at,
        replaced=replaced,
    )


def _owner_values(reader: BackupReader, header: Header) -> dict[str, Any]:
    """The owner's row from the header, to copy onto the owner restored into (all but its id and name)."""
    values: dict[str, Any] = {}
    for key, value in header.owner.items():
        if key not in users.c:
            raise bad_backup(reader.file, 1, "backup.bad_header", detail=f"owner.{key}")
        if key in ("id", "name"):
            continue
        try:
            values[key] = decoder(users.c[key])(value)
        except ValueError as exc:
            raise bad_backup(reader.file, 1, "backup.bad_header", detail=f"owner.{key}: {exc}") from None
    return values


class IdMap:
    """Old id → new id. Two compact arrays while the old ids come in ascending order (as a backup writes them),
    so that a million interactions take 16 MB; a dictionary otherwise."""

    def __init__(self) -> None:
        self._old = array("q")
        self._new = array("q")
        self._dict: dict[int, int] | None = None

    def add(self, old: int, new: int) -> None:
        if self._dict is None:
            if not self._old or old > self._old[-1]:
                self._old.append(old)
                self._new.append(new)
                return
            self._dict = dict(zip(self._old, self._new, strict=True))
            self._old, self._new = array("q"), array("q")
        if old in self._dict:
            raise ValueError(f"id {old} appears twice")
        self._dict[old] = new

    def get(self, old: int) -> int | None:
        if self._dict is not None:
            return self._dict.get(old)
        i = bisect_left(self._old, old)
        return self._new[i] if i < len(self._old) and self._old[i] == old else None

    def __len__(self) -> int:
        return len(self._dict) if self._dict is not None else len(self._old)


class _Loader:
    """Inserts rows as they come, INSERT_CHUNK at a time, table by table, mapping ids."""

    def __init__(self, conn: Connection, owner_id: int, old_owner_id: int, file: str) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.old_owner_id = old_owner_id
        self.file = file
        referenced = {target for plan in plans() for target in plan.references.values()}
        self.ids: dict[str, IdMap] = {name: IdMap() for name in referenced}
        self.counts: dict[str, int] = {}
        self.position = -1  # of the current table in plans()
        self.plan: TablePlan | None = None
        self.keys: frozenset[str] = frozenset()
        self.batch: list[dict[str, Any]] = []
        self.old_ids: list[int] = []
        self.lines: list[int] = []

    def add(self, line: int, table: str, row: dict[str, Any]) -> None:
        position = _positions().get(table)
        if position is None:
            raise bad_backup(self.file, line, "backup.unknown_table", table=table)
        if position < self.position:
            raise bad_backup(self.file, line, "backup.out_of_order", table=table)
        plan = plans()[position]
        if plan is not self.plan:
            self.flush()  # the rows it refers to are in earlier tables: they must be in before it is decoded
            self.plan, self.position = plan, position
        values, old_id = self._decode(plan, line, row)
        keys = frozenset(values)
        if keys != self.keys or len(self.batch) >= INSERT_CHUNK:
            self.flush()
            self.keys = keys
        self.batch.append(values)
        self.lines.append(line)
        if old_id is not None:
            self.old_ids.append(old_id)
        self.counts[table] = self.counts.get(table, 0) + 1

    def _decode(self, plan: TablePlan, line: int, row: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
        def bad(detail: str) -> Exception:
            return bad_backup(self.file, line, "backup.bad_row", table=plan.name, detail=detail)

        for name in row:
            if name not in plan.decoders:
                raise bad(f"unknown column {name}")
        values: dict[str, Any] = {}
        old_id: int | None = None
        for name, decode in plan.decoders.items():
            if name not in row:
                if name in plan.optional:
                    continue
                raise bad(f"{name} is missing")
            try:
                value = decode(row[name])
            except ValueError as exc:
                raise bad(f"{name}: {exc}") from None
            if name == plan.surrogate:
                old_id = value
                continue
            if name == plan.owner_column:
                if value != self.old_owner_id:
                    raise bad_backup(
                        self.file, line, "backup.bad_reference", table=plan.name, target=users.name, id=value
                    )
                value = self.owner_id
            elif name in plan.references and value is not None:
                target = plan.references[name]
                new = self.ids[target].get(value)
                if new is None:
                    raise bad_backup(self.file, line, "backup.bad_reference", table=plan.name, target=target, id=value)
                value = new
            values[name] = value
        return values, old_id

    def flush(self) -> None:
        if not self.batch or self.plan is None:
            return
        plan, table = self.plan, self.plan.table
        try:
            ids = self.ids.get(plan.name)
            if ids is not None and plan.surrogate is not None:
                key = table.c[plan.surrogate]
                new_ids = self.conn.execute(insert(table).returning(key, sort_by_parameter_order=True), self.batch)
                for line, old, new in zip(self.lines, self.old_ids, new_ids.scalars(), strict=True):
                    try:
                        ids.add(old, int(new))
                    except ValueError as exc:
                        raise bad_backup(self.file, line, "backup.bad_row", table=plan.name, detail=str(exc)) from None
            else:
                self.conn.execute(insert(table), self.batch)
        except SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            raise bad_backup(self.file, self.lines[0], "backup.conflict", table=plan.name, detail=detail) from None
        self.batch, self.old_ids, self.lines = [], [], []
