"""Introductions on record, and what the introduction rules read: the contacts' fields, interests and tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from rapport.domain.introductions import Candidate, pair
from rapport.store.schema import contacts, interests, introductions, participants, tags


def candidates(conn: Connection, owner_id: int, ids: Collection[int] | None = None) -> list[Candidate]:
    """Every contact that is not archived (or the contacts `ids`), with the fields the rules match on (three
    queries, whatever the size)."""
    topics: dict[int, list[str]] = defaultdict(list)
    query = select(interests.c.contact_id, interests.c.topic).where(interests.c.owner_id == owner_id)
    if ids is not None:
        query = query.where(interests.c.contact_id.in_(list(ids)))
    for contact_id, topic in conn.execute(query.order_by(interests.c.contact_id, interests.c.id)):
        topics[contact_id].append(topic)
    labels: dict[int, list[str]] = defaultdict(list)
    query = select(tags.c.contact_id, tags.c.tag).where(tags.c.owner_id == owner_id)
    if ids is not None:
        query = query.where(tags.c.contact_id.in_(list(ids)))
    for contact_id, tag in conn.execute(query.order_by(tags.c.contact_id, tags.c.id)):
        labels[contact_id].append(tag)
    chosen = contacts.c.archived.is_(False) if ids is None else contacts.c.id.in_(list(ids))
    rows = conn.execute(
        select(
            contacts.c.id,
            contacts.c.display_name,
            contacts.c.organisation,
            contacts.c.job_title,
            contacts.c.looking_for,
            contacts.c.offers,
            contacts.c.strength,
        )
        .where(contacts.c.owner_id == owner_id, chosen)
        .order_by(contacts.c.id)
    )
    return [
        Candidate(
            id=cid,
            name=name,
            organisation=organisation or "",
            title=title or "",
            looking_for=looking_for or "",
            offers=offers or "",
            interests=tuple(topics.get(cid, ())),
            tags=tuple(labels.get(cid, ())),
            strength=float(strength or 0.0),
        )
        for cid, name, organisation, title, looking_for, offers, strength in rows
    ]


def introduced_pairs(conn: Connection, owner_id: int) -> set[tuple[int, int]]:
    """Every pair on record, whatever came of it (pending, agreed, declined, made)."""
    rows = conn.execute(
        select(introductions.c.first_id, introductions.c.second_id).where(introductions.c.owner_id == owner_id)
    )
    return {pair(a, b) for a, b in rows}


def met_together(conn: Connection, pairs: Collection[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs among `pairs` who took part in one interaction together (a group meetup): they know each other."""
    ids = sorted({i for p in pairs for i in p})
    if not ids:
        return set()
    a, b = participants.alias("a"), participants.alias("b")
    rows = conn.execute(
        select(a.c.contact_id, b.c.contact_id)
        .distinct()
        .join(b, and_(b.c.interaction_id == a.c.interaction_id, b.c.contact_id > a.c.contact_id))
        .where(a.c.contact_id.in_(ids), b.c.contact_id.in_(ids))
    )
    wanted = set(pairs)
    return {p for p in ((int(x), int(y)) for x, y in rows) if p in wanted}


def find(conn: Connection, owner_id: int, first_id: int, second_id: int) -> Any:
    """The introduction of these two (either way round), or None."""
    return conn.execute(
        select(introductions).where(
            introductions.c.owner_id == owner_id,
            or_(
                and_(introductions.c.first_id == first_id, introductions.c.second_id == second_id),
                and_(introductions.c.first_id == second_id, introductions.c.second_id == first_id),
            ),
        )
    ).first()


def record(
    conn: Connection, owner_id: int, first_id: int, second_id: int, status: str, reason: str, now: datetime
) -> int:
    result = conn.execute(
        insert(introductions).values(
            owner_id=owner_id,
            first_id=first_id,
            second_id=second_id,
            status=status,
            reason=reason,
            created_at=now,
            updated_at=now,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def set_status(conn: Connection, introduction_id: int, status: str, now: datetime) -> None:
    conn.execute(
        update(introductions).where(introductions.c.id == introduction_id).values(status=status, updated_at=now)
    )


def pending(conn: Connection, owner_id: int) -> list[tuple[int, str, int, str]]:
    """The introductions still waiting for both to agree, oldest first: (first id, name, second id, name)."""
    first, second = contacts.alias("first"), contacts.alias("second")
    rows = conn.execute(
        select(first.c.id, first.c.display_name, second.c.id, second.c.display_name)
        .select_from(introductions)
        .join(first, first.c.id == introductions.c.first_id)
        .join(second, second.c.id == introductions.c.second_id)
        .where(introductions.c.owner_id == owner_id, introductions.c.status == "pending")
        .order_by(introductions.c.created_at, introductions.c.id)
    ).all()
    return [(int(a), str(an), int(b), str(bn)) for a, an, b, bn in rows]
