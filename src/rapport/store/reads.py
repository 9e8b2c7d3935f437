"""The agenda's read model: a handful of plain SQL queries over the summary columns.

The same SQL runs through SQLAlchemy (`engine_rows`) or, for the daily command on an SQLite file, through the
standard library's sqlite3 alone (`sqlite_rows`), so that `rapport today` does not pay for importing SQLAlchemy.
Both drivers take `:name` parameters; values come back as tuples and are turned into domain objects here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from rapport.domain.meetings import PlannedMeeting
from rapport.domain.model import Circle, ContactState, EventKind, History, News, Occasion, YearlyDate

Rows = Callable[..., Iterable[Sequence[Any]]]
"""Runs one SQL statement with keyword parameters and yields its rows as sequences."""

STATE_COLUMNS = (
    "c.id, c.display_name, c.circle, c.created_at, c.organisation, c.looking_for, c.given_count, "
    "c.received_count, c.open_asks, c.interaction_count, c.in_person_count, c.first_met_at, c.first_met_place, "
    "c.last_touch_at, c.last_real_at, c.last_mine_at, c.strength, c.strength_at, c.first_real_at, "
    "c.last_in_person_at, c.connected_on"
)


def moment(value: Any) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite returns text without a zone, PostgreSQL a datetime)."""
    if value is None:
        return None
    parsed: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def day(value: Any) -> date:
    parsed: date = date.fromisoformat(value) if isinstance(value, str) else value
    return parsed


def state(row: Sequence[Any]) -> ContactState:
    """A ContactState from a row selected with STATE_COLUMNS."""
    created = moment(row[3])
    assert created is not None
    return ContactState(
        id=row[0],
        name=row[1],
        circle=row[2],
        created_at=created,
        organisation=row[4],
        looking_for=row[5],
        given=row[6],
        received=row[7],
        open_asks=row[8],
        connected_on=day(row[20]) if row[20] is not None else None,
        history=History(
            interaction_count=row[9],
            in_person_count=row[10],
            first_met_at=moment(row[11]),
            first_met_place=row[12],
            last_touch_at=moment(row[13]),
            last_real_at=moment(row[14]),
            last_mine_at=moment(row[15]),
            strength=row[16],
            strength_at=moment(row[17]),
            first_real_at=moment(row[18]),
            last_in_person_at=moment(row[19]),
        ),
    )


def owner_id(rows: Rows, name: str) -> int | None:
    for row in rows("SELECT id FROM users WHERE name = :name", name=name):
        return int(row[0])
    return None


def owner_organisation(rows: Rows, owner: int) -> str:
    for row in rows("SELECT organisation FROM users WHERE id = :owner", owner=owner):
        return str(row[0] or "")
    return ""


def circles(rows: Rows, owner: int) -> list[Circle]:
    return [
        Circle(r[0], r[1], r[2], r[3], r[4])
        for r in rows(
            "SELECT name, cadence_days, capacity, half_life_days, rank FROM circles WHERE owner_id = :owner "
            "ORDER BY rank, name",
            owner=owner,
        )
    ]


def reminded_states(rows: Rows, owner: int) -> Iterator[ContactState]:
    """Every contact in a circle that sends reminders, not archived: what the agenda looks at."""
    sql = (
        f"SELECT {STATE_COLUMNS} FROM contacts c JOIN circles k ON k.owner_id = c.owner_id AND k.name = c.circle "
        "WHERE c.owner_id = :owner AND NOT c.archived AND k.cadence_days IS NOT NULL"
    )
    for row in rows(sql, owner=owner):
        yield state(row)


def occasions_on(rows: Rows, owner: int, month_days: Sequence[int]) -> list[Occasion]:
    """Birthdays and anniversaries of contacts not archived, celebrated on the given month*100+day keys."""
    if not month_days:
        return []
    keys = {f"md{i}": key for i, key in enumerate(month_days)}
    sql = (
        "SELECT y.contact_id, y.kind, y.label, y.month, y.day, y.year FROM yearly_dates y "
        "JOIN contacts c ON c.id = y.contact_id "
        f"WHERE y.owner_id = :owner AND NOT c.archived AND y.month_day IN ({', '.join(':' + k for k in keys)})"
    )
    return [Occasion(r[0], r[1], r[2], YearlyDate(r[3], r[4], r[5])) for r in rows(sql, owner=owner, **keys)]


def news_between(rows: Rows, owner: int, first: date, last: date) -> list[News]:
    sql = (
        "SELECT contact_id, kind, happened_on, text, recorded_at FROM events "
        "WHERE owner_id = :owner AND happened_on >= :first AND happened_on <= :last"
    )
    return [
        News(r[0], EventKind(r[1]), day(r[2]), r[3], moment(r[4]))
        for r in rows(sql, owner=owner, first=first.isoformat(), last=last.isoformat())
    ]


def last_congratulated(rows: Rows, owner: int) -> dict[int, datetime]:
    """When I last congratulated each contact (a favour of kind congratulation given): the latest one is the one
    that can count, however long ago (news may be recorded, and congratulated on, months ahead)."""
    sql = (
        "SELECT contact_id, MAX(occurred_at) FROM favours WHERE owner_id = :owner AND direction = 'given' "
        "AND kind = 'congratulation' GROUP BY contact_id"
    )
    found: dict[int, datetime] = {}
    for r in rows(sql, owner=owner):
        at = moment(r[1])
        if at is not None:
            found[int(r[0])] = at
    return found


def _stored(at: datetime) -> str:
    """A moment as text both databases compare with a stored one: UTC with its offset (PostgreSQL reads the
    offset; SQLite's stored text is UTC and sorts the same up to the seconds)."""
    return at.astimezone(UTC).isoformat(sep=" ", timespec="seconds")


def engine_rows(conn: Any) -> Rows:
    """Rows through a SQLAlchemy connection."""
    from sqlalchemy import text

    def run(sql: str, **params: Any) -> Iterable[Sequence[Any]]:
        return conn.execute(text(sql), params).fetchall()  # type: ignore[no-any-return]

    return run


def sqlite_rows(conn: Any) -> Rows:
    """Rows through a standard-library sqlite3 connection."""

    def run(sql: str, **params: Any) -> Iterable[Sequence[Any]]:
        return conn.execute(sql, params)  # type: ignore[no-any-return]

    return run


def planned_meetings(rows: Rows, owner: int, before: datetime | None = None) -> list[PlannedMeeting]:
    """The owner's meetings still planned (starting before `before`, when given), by start; each with its
    participants by name."""
    sql = (
        "SELECT m.id, m.starts_at, m.place, m.topic, c.id, c.display_name FROM planned_meetings m "
        "JOIN planned_meeting_contacts p ON p.meeting_id = m.id JOIN contacts c ON c.id = p.contact_id "
        "WHERE m.owner_id = :owner AND m.status = 'planned'"
        + (" AND m.starts_at < :before" if before is not None else "")
        + " ORDER BY m.starts_at, m.id, c.display_name, c.id"
    )
    params: dict[str, Any] = {"owner": owner}
    if before is not None:
        params["before"] = _stored(before)
    found: dict[int, PlannedMeeting] = {}
    for r in rows(sql, **params):
        meeting = found.get(r[0])
        if meeting is None:
            starts = moment(r[1])
            assert starts is not None
            found[r[0]] = PlannedMeeting(r[0], starts, ((r[4], r[5]),), r[2], r[3])
        else:
            found[r[0]] = replace(meeting, participants=(*meeting.participants, (r[4], r[5])))
    return list(found.values())


def snoozed(rows: Rows, owner: int, now: datetime) -> set[tuple[int, str]]:
    """(contact id, action kind) of the agenda actions put off ("not now") until after `now`."""
    sql = "SELECT contact_id, kind FROM snoozes WHERE owner_id = :owner AND until > :now"
    return {(int(r[0]), str(r[1])) for r in rows(sql, owner=owner, now=_stored(now))}
