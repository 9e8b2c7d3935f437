"""Interactions, notes, the favour ledger and life events: what happened with whom."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, case, insert, select, update

from rapport.domain.model import Channel, EventKind, Initiator, Interaction, YearlyDate
from rapport.store.schema import contacts, events, favours, interactions, notes, participants, yearly_dates


def insert_interaction(conn: Connection, owner_id: int, contact_ids: Sequence[int], item: Interaction) -> int:
    interaction_id = int(
        conn.execute(
            insert(interactions)
            .values(
                owner_id=owner_id,
                occurred_at=item.occurred_at,
                channel=item.channel.value,
                initiator=item.initiator.value,
                summary=item.summary,
                place=item.place,
            )
            .returning(interactions.c.id)
        ).scalar_one()
    )
    conn.execute(insert(participants), [{"interaction_id": interaction_id, "contact_id": c} for c in contact_ids])
    return interaction_id


def interactions_of(conn: Connection, contact_ids: Sequence[int]) -> dict[int, list[Interaction]]:
    """Every interaction of the given contacts (for recomputing their summaries; never for the agenda)."""
    found: dict[int, list[Interaction]] = defaultdict(list)
    rows = conn.execute(
        select(participants.c.contact_id, interactions)
        .join(interactions, interactions.c.id == participants.c.interaction_id)
        .where(participants.c.contact_id.in_(list(contact_ids)))
    )
    for row in rows:
        found[row.contact_id].append(_interaction(row))
    return found


def _interaction(row: Row[Any]) -> Interaction:
    return Interaction(
        occurred_at=row.occurred_at,
        channel=Channel(row.channel),
        initiator=Initiator(row.initiator),
        summary=row.summary,
        place=row.place,
    )


def recent_interactions(conn: Connection, contact_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    """One contact's interactions, newest first, each with everyone else who was there."""
    query = (
        select(interactions)
        .join(participants, participants.c.interaction_id == interactions.c.id)
        .where(participants.c.contact_id == contact_id)
        .order_by(interactions.c.occurred_at.desc(), interactions.c.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    others: dict[int, list[str]] = defaultdict(list)
    if rows:
        for interaction_id, name in conn.execute(
            select(participants.c.interaction_id, contacts.c.display_name)
            .join(contacts, contacts.c.id == participants.c.contact_id)
            .where(participants.c.interaction_id.in_([r.id for r in rows]), participants.c.contact_id != contact_id)
            .order_by(contacts.c.display_name)
        ):
            others[interaction_id].append(name)
    return [
        {
            "occurred_at": r.occurred_at,
            "channel": r.channel,
            "initiator": r.initiator,
            "summary": r.summary,
            "place": r.place,
            "with": others.get(r.id, []),
        }
        for r in rows
    ]


def insert_note(
    conn: Connection, owner_id: int, contact_id: int, written_at: datetime, text: str, kind: str = ""
) -> None:
    conn.execute(
        insert(notes).values(owner_id=owner_id, contact_id=contact_id, written_at=written_at, text=text, kind=kind)
    )


def did_notes(conn: Connection, contact_id: int, since: datetime | None) -> list[str]:
    """What I noted doing with this contact's input (since `since`, when given), newest first."""
    query = select(notes.c.text).where(notes.c.contact_id == contact_id, notes.c.kind == "did")
    if since is not None:
        query = query.where(notes.c.written_at >= since)
    return [str(t) for t in conn.execute(query.order_by(notes.c.written_at.desc(), notes.c.id.desc())).scalars()]


def notes_of(conn: Connection, contact_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(notes.c.written_at, notes.c.text, notes.c.kind)
        .where(notes.c.contact_id == contact_id)
        .order_by(notes.c.written_at.desc(), notes.c.id.desc())
    )
    return [{"written_at": r.written_at, "text": r.text, "kind": r.kind} for r in rows]


_LEDGER_COUNTER = {"given": "given_count", "received": "received_count", "asked": "open_asks"}


def insert_favour(
    conn: Connection, owner_id: int, contact_id: int, direction: str, kind: str, when: datetime, note: str
) -> None:
    conn.execute(
        insert(favours).values(
            owner_id=owner_id, contact_id=contact_id, direction=direction, kind=kind, occurred_at=when, note=note
        )
    )
    counter = contacts.c[_LEDGER_COUNTER[direction]]
    values: dict[Any, Any] = {counter: counter + 1}
    if direction == "received":  # what I asked for has come
        values[contacts.c.open_asks] = case((contacts.c.open_asks > 0, contacts.c.open_asks - 1), else_=0)
    conn.execute(update(contacts).where(contacts.c.id == contact_id).values(values))


def ledger_of(conn: Connection, contact_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(favours.c.occurred_at, favours.c.direction, favours.c.kind, favours.c.note)
        .where(favours.c.contact_id == contact_id)
        .order_by(favours.c.occurred_at.desc(), favours.c.id.desc())
    )
    return [dict(r._mapping) for r in rows]


def insert_event(
    conn: Connection,
    owner_id: int,
    contact_id: int,
    kind: EventKind,
    on: date,
    text: str,
    source: str,
    recorded_at: datetime | None = None,
) -> None:
    conn.execute(
        insert(events).values(
            owner_id=owner_id,
            contact_id=contact_id,
            kind=kind.value,
            happened_on=on,
            text=text,
            source=source,
            recorded_at=recorded_at,
        )
    )


def events_of(conn: Connection, contact_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(events.c.happened_on, events.c.kind, events.c.text, events.c.source)
        .where(events.c.contact_id == contact_id)
        .order_by(events.c.happened_on.desc(), events.c.id.desc())
    )
    return [dict(r._mapping) for r in rows]


def yearly_of(conn: Connection, contact_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(yearly_dates.c.kind, yearly_dates.c.label, yearly_dates.c.month, yearly_dates.c.day, yearly_dates.c.year)
        .where(yearly_dates.c.contact_id == contact_id)
        .order_by(yearly_dates.c.kind.desc(), yearly_dates.c.month, yearly_dates.c.day)
    )
    return [{"kind": r.kind, "label": r.label, "date": YearlyDate(r.month, r.day, r.year)} for r in rows]
