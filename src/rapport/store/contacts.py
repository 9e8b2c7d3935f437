"""Reading and writing contacts and their details, and the running summaries the agenda reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import CompileError

from rapport.domain.model import Circle, ContactState, History, YearlyDate
from rapport.domain.text import search_key
from rapport.store import reads
from rapport.store.schema import (
    circles,
    contacts,
    emails,
    interests,
    phones,
    tags,
    urls,
    users,
    yearly_dates,
)

HISTORY_COLUMNS = (  # the running summary of interactions on each contact row
    "interaction_count",
    "in_person_count",
    "first_met_at",
    "first_met_place",
    "last_touch_at",
    "last_real_at",
    "last_mine_at",
    "first_real_at",
    "last_in_person_at",
    "strength",
    "strength_at",
)


def ensure_owner(conn: Connection, name: str, now: datetime) -> int:
    found = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
    if found is not None:
        return int(found)
    return int(conn.execute(insert(users).values(name=name, created_at=now).returning(users.c.id)).scalar_one())


def owner_organisation(conn: Connection, owner_id: int) -> str:
    return reads.owner_organisation(reads.engine_rows(conn), owner_id)


def owner_profile(conn: Connection, owner_id: int) -> dict[str, str]:
    """The owner's own name, organisation and e-mail address ('' where not given)."""
    row = conn.execute(
        select(users.c.display_name, users.c.organisation, users.c.email).where(users.c.id == owner_id)
    ).one()
    return {"name": row.display_name or "", "organisation": row.organisation or "", "email": row.email or ""}


def save_owner_profile(conn: Connection, owner_id: int, **values: str) -> None:
    """Change the given parts of the owner's profile (name, organisation, email)."""
    columns = {"name": "display_name", "organisation": "organisation", "email": "email"}
    conn.execute(update(users).where(users.c.id == owner_id).values({columns[k]: v for k, v in values.items()}))


def load_circles(conn: Connection, owner_id: int) -> list[Circle]:
    return reads.circles(reads.engine_rows(conn), owner_id)


def save_circle(conn: Connection, owner_id: int, circle: Circle) -> None:
    values = {
        "cadence_days": circle.cadence_days,
        "capacity": circle.capacity,
        "half_life_days": circle.half_life_days,
        "rank": circle.rank,
    }
    changed = conn.execute(
        update(circles).where(circles.c.owner_id == owner_id, circles.c.name == circle.name).values(**values)
    ).rowcount
    if not changed:
        conn.execute(insert(circles).values(owner_id=owner_id, name=circle.name, **values))


def insert_contact(conn: Connection, owner_id: int, now: datetime, **fields: Any) -> int:
    display = fields["display_name"]
    values = {"owner_id": owner_id, "search_key": search_key(display), "created_at": now, "updated_at": now}
    values.update(fields)
    return int(conn.execute(insert(contacts).values(**values).returning(contacts.c.id)).scalar_one())


# Built once: the columns to set are the keys of each call's values (an import updates thousands of contacts).
_UPDATE_CONTACT = update(contacts).where(contacts.c.id == bindparam("contact_id_"))
_CONTACT_COLUMNS = frozenset(contacts.c.keys())


def update_contact(conn: Connection, contact_id: int, now: datetime, **fields: Any) -> None:
    if "display_name" in fields:
        fields["search_key"] = search_key(fields["display_name"])
    unknown = fields.keys() - _CONTACT_COLUMNS
    if unknown:  # as .values() would refuse them (execute alone would skip them silently)
        raise CompileError(f"Unconsumed column names: {', '.join(sorted(unknown))}")
    conn.execute(_UPDATE_CONTACT, {"contact_id_": contact_id, "updated_at": now, **fields})


def update_contacts(conn: Connection, now: datetime, changes: list[tuple[int, dict[str, Any]]]) -> None:
    """Many contacts' columns (as update_contact), in order, one executemany per run of the same columns."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    seen: set[int] = set()
    for contact_id, fields in changes:
        values = dict(fields)
        if "display_name" in values:
            values["search_key"] = search_key(values["display_name"])
        unknown = values.keys() - _CONTACT_COLUMNS
        if unknown:
            raise CompileError(f"Unconsumed column names: {', '.join(sorted(unknown))}")
        if contact_id in seen:  # a contact changed again: what came before is written first
            for group in groups.values():
                conn.execute(_UPDATE_CONTACT, group)
            groups, seen = {}, set()
        seen.add(contact_id)
        groups.setdefault(frozenset(values), []).append({"contact_id_": contact_id, "updated_at": now, **values})
    for group in groups.values():
        conn.execute(_UPDATE_CONTACT, group)


def add_details(
    conn: Connection,
    owner_id: int,
    contact_id: int,
    *,
    email_addresses: Iterable[str] = (),
    phone_numbers: Iterable[str] = (),
    profile_urls: Iterable[tuple[str, str]] = (),
    tag_names: Iterable[str] = (),
    topics: Iterable[str] = (),
    dates: Iterable[tuple[str, str, YearlyDate]] = (),
) -> None:
    """Attach details to a contact, skipping those it already has."""
    have = details_of(conn, contact_id)
    base = {"owner_id": owner_id, "contact_id": contact_id}
    rows_by_table: list[tuple[Any, list[dict[str, Any]]]] = [
        (emails, [{**base, "address": a} for a in _new(email_addresses, have["emails"])]),
        (phones, [{**base, "number": n} for n in _new(phone_numbers, have["phones"])]),
        (urls, [{**base, "kind": k, "url": u} for k, u in profile_urls if u not in have["urls"]]),
        (tags, [{**base, "tag": t} for t in _new(tag_names, have["tags"])]),
        (interests, [{**base, "topic": t} for t in _new(topics, have["interests"])]),
        (
            yearly_dates,
            [
                {
                    **base,
                    "kind": kind,
                    "label": label,
                    "month": d.month,
                    "day": d.day,
                    "year": d.year,
                    "month_day": d.month_day,
                }
                for kind, label, d in dates
            ],
        ),
    ]
    for table, rows in rows_by_table:
        if rows:
            conn.execute(insert(table), rows)


def _new(values: Iterable[str], have: Iterable[str]) -> list[str]:
    seen = {v.casefold() for v in have}
    fresh = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            fresh.append(value)
    return fresh


def replace_yearly(conn: Connection, owner_id: int, contact_id: int, kind: str, when: YearlyDate) -> None:
    conn.execute(delete(yearly_dates).where(yearly_dates.c.contact_id == contact_id, yearly_dates.c.kind == kind))
    add_details(conn, owner_id, contact_id, dates=[(kind, "", when)])


def details_of(conn: Connection, contact_id: int) -> dict[str, list[str]]:
    def values(column: Any, table: Any) -> list[str]:
        query = select(column).where(table.c.contact_id == contact_id).order_by(table.c.id)  # as they were added
        return [str(v) for v in conn.execute(query).scalars()]

    return {
        "emails": values(emails.c.address, emails),
        "phones": values(phones.c.number, phones),
        "urls": values(urls.c.url, urls),
        "tags": values(tags.c.tag, tags),
        "interests": values(interests.c.topic, interests),
    }


def first_phones(conn: Connection, owner_id: int, ids: Sequence[int] | None = None) -> dict[int, str]:
    """Each contact's first phone number (the one stored first), in one query; only those of `ids` when given."""
    found: dict[int, str] = {}
    query = select(phones.c.contact_id, phones.c.number).where(phones.c.owner_id == owner_id).order_by(phones.c.id)
    if ids is not None:
        query = query.where(phones.c.contact_id.in_(ids))
    for contact_id, number in conn.execute(query):
        found.setdefault(int(contact_id), str(number))
    return found


def candidates(conn: Connection, owner_id: int, forms: Sequence[str]) -> list[Row[Any]]:
    """Contacts whose search key contains every word of one of the folded forms of a typed name."""
    patterns = [
        and_(*(contacts.c.search_key.like(f"%{_escape(word)}%", escape="\\") for word in form.split()))
        for form in forms
    ]
    return list(
        conn.execute(
            select(
                contacts.c.id,
                contacts.c.display_name,
                contacts.c.search_key,
                contacts.c.organisation,
                contacts.c.circle,
                contacts.c.archived,
            )
            .where(contacts.c.owner_id == owner_id, or_(*patterns))
            .order_by(contacts.c.display_name, contacts.c.id)
        )
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def display_names(conn: Connection, owner_id: int) -> list[str]:
    """Every contact's name (archived ones included), to suggest one for a mistyped name."""
    return list(conn.execute(select(contacts.c.display_name).where(contacts.c.owner_id == owner_id)).scalars())


def contact_row(conn: Connection, owner_id: int, contact_id: int) -> Row[Any] | None:
    return conn.execute(select(contacts).where(contacts.c.owner_id == owner_id, contacts.c.id == contact_id)).first()


def states(
    conn: Connection,
    owner_id: int,
    circle_names: Sequence[str] | None = None,
    ids: Sequence[int] | None = None,
    include_archived: bool = False,
) -> Iterator[ContactState]:
    """Contacts (not archived ones, unless asked) as the rules see them: one row each, history summarised."""
    sql = f"SELECT {reads.STATE_COLUMNS} FROM contacts c WHERE c.owner_id = :owner"
    params: dict[str, Any] = {"owner": owner_id}
    if not include_archived:
        sql += " AND NOT c.archived"
    for column, values in (("circle", circle_names), ("id", ids)):
        if values is not None:
            names = {f"{column}{i}": v for i, v in enumerate(values)}
            sql += f" AND c.{column} IN ({', '.join(':' + n for n in names) or 'NULL'})"
            params.update(names)
    for row in reads.engine_rows(conn)(sql, **params):
        yield reads.state(row)


def save_history(conn: Connection, contact_id: int, history: History) -> None:
    conn.execute(
        update(contacts)
        .where(contacts.c.id == contact_id)
        .values(**{name: getattr(history, name) for name in HISTORY_COLUMNS})
    )


def fill_meeting_summaries(conn: Connection, owner_id: int) -> None:
    """Fill the summaries added in revision 0005 from the stored interactions (for data from before it)."""
    from sqlalchemy import text

    of_contact = (
        "FROM interactions i JOIN interaction_contacts p ON p.interaction_id = i.id WHERE p.contact_id = contacts.id"
    )
    conn.execute(
        text(
            "UPDATE contacts SET "
            f"first_real_at = (SELECT MIN(i.occurred_at) {of_contact} AND i.channel <> 'social'), "
            f"last_in_person_at = (SELECT MAX(i.occurred_at) {of_contact} AND i.channel IN ('in-person', 'group')) "
            "WHERE owner_id = :owner"
        ),
        {"owner": owner_id},
    )


def count_in_circle(conn: Connection, owner_id: int) -> dict[str, int]:
    rows = conn.execute(
        select(contacts.c.circle, func.count())
        .where(contacts.c.owner_id == owner_id, contacts.c.archived.is_(False))
        .group_by(contacts.c.circle)
    )
    return {str(circle): int(n) for circle, n in rows}


def filter_ids(
    conn: Connection, owner_id: int, circle: str | None, tag: str | None, include_archived: bool
) -> list[int]:
    query = select(contacts.c.id).where(contacts.c.owner_id == owner_id)
    if circle is not None:
        query = query.where(contacts.c.circle == circle)
    if not include_archived:
        query = query.where(contacts.c.archived.is_(False))
    if tag is not None:
        query = query.where(
            contacts.c.id.in_(
                select(tags.c.contact_id).where(
                    and_(tags.c.owner_id == owner_id, func.lower(tags.c.tag) == tag.lower())
                )
            )
        )
    return [int(i) for i in conn.execute(query.order_by(contacts.c.display_name)).scalars()]


def tag_names(conn: Connection, owner_id: int) -> list[str]:
    """Every tag the owner gave a contact, each once (as first typed, case aside), by name."""
    found: dict[str, str] = {}
    for tag in conn.execute(select(tags.c.tag).where(tags.c.owner_id == owner_id).distinct()).scalars():
        found.setdefault(str(tag).lower(), str(tag))
    return sorted(found.values(), key=str.lower)


def has_any_contact(conn: Connection, owner_id: int) -> bool:
    return conn.execute(select(contacts.c.id).where(contacts.c.owner_id == owner_id).limit(1)).first() is not None


def delete_contacts(conn: Connection, owner_id: int, ids: Sequence[int] | None = None) -> int:
    """Delete contacts (all of the owner's when `ids` is None) with everything about them.

    Details, notes, favours, events and participations go with the contact (ON DELETE CASCADE); interactions
    and planned meetings left with nobody are deleted too.
    """
    from rapport.store.schema import interactions, participants, planned_meetings, planned_participants

    query = delete(contacts).where(contacts.c.owner_id == owner_id)
    if ids is not None:
        query = query.where(contacts.c.id.in_(list(ids)))
    removed = conn.execute(query).rowcount
    conn.execute(
        delete(interactions).where(
            interactions.c.owner_id == owner_id,
            ~select(participants.c.interaction_id).where(participants.c.interaction_id == interactions.c.id).exists(),
        )
    )
    conn.execute(
        delete(planned_meetings).where(
            planned_meetings.c.owner_id == owner_id,
            ~select(planned_participants.c.meeting_id)
            .where(planned_participants.c.meeting_id == planned_meetings.c.id)
            .exists(),
        )
    )
    return int(removed or 0)


def sources_of(conn: Connection, contact_id: int) -> dict[str, str]:
    """Where each imported detail and field came from ('email:anna@x.ch' → 'vcard:contacts.vcf')."""
    from rapport.store.schema import field_sources, notes

    found: dict[str, str] = {}
    for prefix, table, column in (
        ("email", emails, "address"),
        ("phone", phones, "number"),
        ("url", urls, "url"),
        ("note", notes, "text"),
    ):
        for value, source in conn.execute(
            select(table.c[column], table.c.source).where(table.c.contact_id == contact_id, table.c.source != "")
        ):
            found[f"{prefix}:{value[:60]}"] = source
    for kind, month, day, source in conn.execute(
        select(yearly_dates.c.kind, yearly_dates.c.month, yearly_dates.c.day, yearly_dates.c.source).where(
            yearly_dates.c.contact_id == contact_id, yearly_dates.c.source != ""
        )
    ):
        found[f"{kind}:{month:02d}-{day:02d}"] = source
    for name, source in conn.execute(
        select(field_sources.c.field, field_sources.c.source).where(field_sources.c.contact_id == contact_id)
    ):
        found[name] = source
    return found


def allocate_ids(conn: Connection, table: Any, count: int) -> list[int]:
    """`count` fresh primary keys for `table`, so that many rows can be inserted in one executemany.

    (Inserting with RETURNING would go row by row on SQLite.) PostgreSQL hands them out from the table's
    sequence; SQLite continues after the largest id, which is safe for one writer at a time: a second writer
    inserting at the same moment makes this import fail cleanly, never mix.
    """
    if count <= 0:
        return []
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        sequence = conn.execute(text(f"SELECT pg_get_serial_sequence('{table.name}', 'id')")).scalar_one()
        return [
            int(v)
            for v in conn.execute(
                text("SELECT nextval(:sequence) FROM generate_series(1, :count)"),
                {"sequence": sequence, "count": count},
            ).scalars()
        ]
    start = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
    return list(range(start, start + count))
