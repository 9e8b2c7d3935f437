"""Merging two contacts into one without losing anything, and remembering pairs that are two people."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from rapport.domain import cadence
from rapport.errors import InputError
from rapport.services.context import Context
from rapport.services.people import Person, recompute_histories, resolve
from rapport.store import contacts as store
from rapport.store.schema import (
    contacts,
    distinct_people,
    emails,
    events,
    favours,
    field_sources,
    imported_records,
    interests,
    notes,
    participants,
    phones,
    planned_participants,
    tags,
    urls,
    yearly_dates,
)

# Fields a survivor takes from the merged contact when its own are empty.
_FILLABLE = (
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "organisation",
    "job_title",
    "address",
    "how_met",
    "looking_for",
    "offers",
)
# Detail tables and the columns that make two rows the same detail.
_DETAILS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (emails, ("address",)),
    (phones, ("number",)),
    (urls, ("url",)),
    (tags, ("tag",)),
    (interests, ("topic",)),
    (yearly_dates, ("kind", "month", "day")),
    (field_sources, ("field",)),
)


def merge_contacts(ctx: Context, conn: Connection, survivor_id: int, other_id: int) -> None:
    """Move everything of `other_id` onto `survivor_id` and delete it: e-mails, phones, profiles, tags, dates,
    notes, interactions, favours, news, import records; empty fields are filled from it."""
    if survivor_id == other_id:
        raise InputError("merge.same")
    rows = {
        r.id: r
        for r in conn.execute(
            select(contacts).where(contacts.c.owner_id == ctx.owner_id, contacts.c.id.in_([survivor_id, other_id]))
        )
    }
    survivor, other = rows[survivor_id], rows[other_id]

    for table, identity in _DETAILS:
        columns = [table.c[name] for name in identity]
        have = {
            tuple(_fold(v) for v in r) for r in conn.execute(select(*columns).where(table.c.contact_id == survivor_id))
        }
        moving = list(conn.execute(select(table.c.id, *columns).where(table.c.contact_id == other_id)))
        keep = [r.id for r in moving if tuple(_fold(v) for v in r[1:]) not in have]
        if keep:
            conn.execute(update(table).where(table.c.id.in_(keep)).values(contact_id=survivor_id))
    for table in (notes, favours, events, imported_records):
        conn.execute(update(table).where(table.c.contact_id == other_id).values(contact_id=survivor_id))
    shared = select(participants.c.interaction_id).where(participants.c.contact_id == survivor_id)
    conn.execute(
        update(participants)
        .where(participants.c.contact_id == other_id, participants.c.interaction_id.not_in(shared))
        .values(contact_id=survivor_id)
    )
    together = select(planned_participants.c.meeting_id).where(planned_participants.c.contact_id == survivor_id)
    conn.execute(
        update(planned_participants)
        .where(planned_participants.c.contact_id == other_id, planned_participants.c.meeting_id.not_in(together))
        .values(contact_id=survivor_id)
    )
    _repoint_distinct(conn, ctx.owner_id, survivor_id, other_id)

    fills: dict[str, Any] = {
        name: getattr(other, name) for name in _FILLABLE if not getattr(survivor, name) and getattr(other, name)
    }
    if other.connected_on and (not survivor.connected_on or other.connected_on < survivor.connected_on):
        fills["connected_on"] = other.connected_on
    if other.created_at < survivor.created_at:
        fills["created_at"] = other.created_at
    fills.update(_newer_linkedin_job(survivor, other))
    circles = ctx.circles(conn)
    mine, theirs = cadence.circle_named(circles, survivor.circle), cadence.circle_named(circles, other.circle)
    if mine is not None and theirs is not None and theirs.reminds and (not mine.reminds or theirs.rank < mine.rank):
        fills.update(circle=theirs.name, archived=False)  # the closer circle wins: the person mattered there
    if fills:
        store.update_contact(conn, survivor_id, ctx.now, **fills)
    store.delete_contacts(conn, ctx.owner_id, [other_id])
    recount_ledger(conn, survivor_id)
    circle = cadence.circle_named(circles, fills.get("circle", survivor.circle))
    recompute_histories(ctx, conn, [survivor_id], circle.half_life_days if circle else 365)


def _newer_linkedin_job(survivor: Any, other: Any) -> dict[str, Any]:
    """The job LinkedIn showed of the merged contact, when it is from a newer export than the survivor's (or the
    survivor has none): one person, the newest LinkedIn data."""
    mine, theirs = survivor.linkedin_as_of, other.linkedin_as_of
    has_job = bool(other.linkedin_organisation or other.linkedin_title)
    survivor_has_job = bool(survivor.linkedin_organisation or survivor.linkedin_title or mine)
    if (theirs is not None and (mine is None or theirs > mine)) or (has_job and not survivor_has_job):
        return {
            "linkedin_organisation": other.linkedin_organisation,
            "linkedin_title": other.linkedin_title,
            "linkedin_as_of": theirs,
        }
    return {}


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _repoint_distinct(conn: Connection, owner_id: int, survivor_id: int, other_id: int) -> None:
    """Pairs marked as two people follow the survivor (a pair with the survivor itself is dropped)."""
    rows = list(
        conn.execute(
            select(distinct_people).where(
                distinct_people.c.owner_id == owner_id,
                or_(distinct_people.c.first_id == other_id, distinct_people.c.second_id == other_id),
            )
        )
    )
    conn.execute(delete(distinct_people).where(distinct_people.c.id.in_([r.id for r in rows])))
    for row in rows:
        partner = row.second_id if row.first_id == other_id else row.first_id
        if partner != survivor_id:
            mark_distinct(conn, owner_id, survivor_id, partner)


def recount_ledger(conn: Connection, contact_id: int) -> None:
    counts: dict[str, int] = dict(
        conn.execute(
            select(favours.c.direction, func.count())
            .where(favours.c.contact_id == contact_id)
            .group_by(favours.c.direction)
        ).all()
    )
    conn.execute(
        update(contacts)
        .where(contacts.c.id == contact_id)
        .values(
            given_count=counts.get("given", 0),
            received_count=counts.get("received", 0),
            open_asks=max(0, counts.get("asked", 0) - counts.get("received", 0)),
        )
    )


def mark_distinct(conn: Connection, owner_id: int, first: int, second: int) -> None:
    """Remember that two contacts are different people, so they are never proposed as duplicates again."""
    a, b = min(first, second), max(first, second)
    exists = conn.execute(
        select(distinct_people.c.id).where(
            and_(
                distinct_people.c.owner_id == owner_id,
                distinct_people.c.first_id == a,
                distinct_people.c.second_id == b,
            )
        )
    )
    if exists.first() is None:
        conn.execute(insert(distinct_people).values(owner_id=owner_id, first_id=a, second_id=b))


def distinct_pairs(conn: Connection, owner_id: int) -> set[tuple[int, int]]:
    return {
        (r.first_id, r.second_id)
        for r in conn.execute(
            select(distinct_people.c.first_id, distinct_people.c.second_id).where(
                distinct_people.c.owner_id == owner_id
            )
        )
    }


def merge(ctx: Context, conn: Connection, typed_survivor: str, typed_other: str) -> tuple[Person, Person]:
    """`rapport merge A B`: B is merged into A."""
    survivor, other = resolve(ctx, conn, typed_survivor), resolve(ctx, conn, typed_other)
    if survivor.id == other.id:
        raise InputError("merge.same")
    merge_contacts(ctx, conn, survivor.id, other.id)
    return survivor, other


def keep_apart(ctx: Context, conn: Connection, typed_first: str, typed_second: str) -> tuple[Person, Person]:
    """`rapport merge --not A B`: two people, never to be proposed as duplicates again."""
    first, second = resolve(ctx, conn, typed_first), resolve(ctx, conn, typed_second)
    if first.id == second.id:
        raise InputError("merge.same")
    mark_distinct(conn, ctx.owner_id, first.id, second.id)
    return first, second


def duplicates(ctx: Context, conn: Connection) -> list[dict[str, Any]]:
    """Pairs of contacts that may be one person, best first (pairs kept apart are left out)."""
    from rapport.services.matching import Known, possible_duplicates

    people = {
        r.id: r
        for r in conn.execute(
            select(contacts.c.id, contacts.c.display_name, contacts.c.organisation).where(
                contacts.c.owner_id == ctx.owner_id
            )
        )
    }
    known = [Known(r.id, r.display_name, r.organisation) for r in people.values()]
    return [
        {
            "first": {
                "id": d.first,
                "name": people[d.first].display_name,
                "organisation": people[d.first].organisation,
            },
            "second": {
                "id": d.second,
                "name": people[d.second].display_name,
                "organisation": people[d.second].organisation,
            },
            "score": round(d.score),
            "reason": d.reason,
        }
        for d in possible_duplicates(known, distinct_pairs(conn, ctx.owner_id))
    ]
