"""Importing after a look: a dry run says what the files would do and which new contacts may be people already
known; the user decides for each such pair (merge, keep apart, or later), then the same files are imported with
those decisions, all in one transaction.

Nothing here matches or merges by itself: the import is `importing.import_files`, the pairs are
`merging.duplicates`, a decision is `merging.merge_contacts` or `merging.mark_distinct`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from rapport.errors import RapportError
from rapport.services.context import Context
from rapport.services.importing import ImportSummary, import_files
from rapport.store.schema import contacts

DECISIONS = ("later", "merge", "apart")  # "later": imported as two contacts, as the command line does


@dataclass(frozen=True)
class Side:
    """One contact of a possible duplicate: a contact stored before the import (`ref` is its id) or one the import
    makes (`ref` is its place among the new contacts, which is the same in the dry run and in the import)."""

    new: bool
    ref: int
    name: str
    organisation: str


@dataclass(frozen=True)
class Pair:
    first: Side
    second: Side
    score: int
    reason: str

    @property
    def survivor(self) -> Side:
        """The contact a merge keeps: the one known before the import, else the first."""
        return self.second if self.first.new and not self.second.new else self.first

    @property
    def merged(self) -> Side:
        return self.first if self.survivor is self.second else self.second


@dataclass
class Review:
    summary: ImportSummary
    pairs: list[Pair]
    start: int = 0  # the largest contact id before the import: the contacts it made come after

    def same_as(self, other: Review) -> bool:
        return self.summary.as_json() == other.summary.as_json() and self.pairs == other.pairs


@dataclass
class Outcome:
    review: Review
    merged: int
    kept_apart: int


class Changed(RapportError):
    """The network changed between the dry run and the import: the files would now do something else."""

    http_status = 409

    def __init__(self, review: Review) -> None:
        super().__init__("web.import.changed")
        self.review = review


class _Rollback(Exception):
    pass


def dry_run(ctx: Context, paths: Sequence[str], exported_on: date | None = None, owner: str | None = None) -> Review:
    """What importing `paths` would do, and the possible duplicates it would make; nothing is saved. Bad records
    are skipped and listed (file and line); a file that cannot be read raises its InputError."""
    found: Review | None = None
    try:
        with ctx.transaction() as conn:
            found = _imported(ctx, conn, paths, exported_on, owner)
            raise _Rollback
    except _Rollback:
        pass
    assert found is not None
    return found


def import_reviewed(
    ctx: Context,
    conn: Connection,
    paths: Sequence[str],
    looked_at: Review,
    decisions: Mapping[int, str],
    exported_on: date | None = None,
    owner: str | None = None,
) -> Outcome:
    """Import `paths` (in the caller's transaction) and apply the decision taken for each pair of `looked_at`
    (by its index; a pair without one is left for later). Raises Changed when the import would not do what the
    dry run showed."""
    review = _imported(ctx, conn, paths, exported_on, owner)
    if not review.same_as(looked_at):
        raise Changed(review)
    from rapport.services.merging import mark_distinct, merge_contacts

    new_ids = _new_ids(ctx, conn, review.start)
    ids: dict[int, int] = {}  # merged away -> kept

    def stored(side: Side) -> int:
        contact_id = new_ids[side.ref] if side.new else side.ref
        while contact_id in ids:
            contact_id = ids[contact_id]
        return contact_id

    merged = apart = 0
    chosen = sorted((i, d) for i, d in decisions.items() if 0 <= i < len(review.pairs) and d in DECISIONS)
    for index, decision in sorted(chosen, key=lambda c: c[1] != "merge"):  # merges first: a pair kept apart follows
        pair = review.pairs[index]
        keep, gone = stored(pair.survivor), stored(pair.merged)
        if keep == gone or decision == "later":
            continue
        if decision == "merge":
            merge_contacts(ctx, conn, keep, gone)
            ids[gone] = keep
            merged += 1
        else:
            mark_distinct(conn, ctx.owner_id, keep, gone)
            apart += 1
    return Outcome(review, merged, apart)


def _imported(
    ctx: Context, conn: Connection, paths: Sequence[str], exported_on: date | None, owner: str | None
) -> Review:
    start = int(conn.execute(select(func.coalesce(func.max(contacts.c.id), 0))).scalar_one())
    summary = import_files(ctx, conn, paths, skip_bad=True, exported_on=exported_on, owner=owner)
    return Review(summary, _pairs(ctx, conn, start), start)


def _new_ids(ctx: Context, conn: Connection, start: int) -> list[int]:
    """The contacts the import made, in the order it made them (ids grow on both stores)."""
    return list(
        conn.execute(
            select(contacts.c.id)
            .where(contacts.c.owner_id == ctx.owner_id, contacts.c.id > start)
            .order_by(contacts.c.id)
        ).scalars()
    )


def _pairs(ctx: Context, conn: Connection, start: int) -> list[Pair]:
    """The possible duplicates with at least one contact the import made."""
    from rapport.services.merging import duplicates

    places = {contact_id: i for i, contact_id in enumerate(_new_ids(ctx, conn, start))}

    def side(found: Mapping[str, Any]) -> Side:
        contact_id = int(found["id"])
        new = contact_id in places
        return Side(new, places[contact_id] if new else contact_id, found["name"], found["organisation"] or "")

    return [
        Pair(side(d["first"]), side(d["second"]), int(d["score"]), str(d["reason"]))
        for d in duplicates(ctx, conn)
        if int(d["first"]["id"]) in places or int(d["second"]["id"]) in places
    ]
