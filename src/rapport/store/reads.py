"""The agenda's read model: a handful of plain SQL queries over the summary columns.

The same SQL runs through SQLAlchemy (`engine_rows`) or, for the daily command on an SQLite file, through the
standard library's sqlite3 alone (`sqlite_rows`), so that `rapport today` does not pay for importing SQLAlchemy.
Both drivers take `:name` parameters; values come back as tuples and are turned into domain objects here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
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

    run.dialect = conn.dialect.name  # type: ignore[attr-defined]
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


def dialect(rows: Rows) -> str:
    """The database behind `rows` ("sqlite" or "postgresql")."""
    return str(getattr(rows, "dialect", "sqlite"))


def _day_number(rows: Rows, column: str) -> str:
    """SQL: the stored moment or day `column` in days (a float) since 1970-01-01 UTC."""
    if dialect(rows) == "sqlite":
        return f"(julianday({column}) - 2440587.5)"
    return f"(EXTRACT(EPOCH FROM CAST({column} AS timestamptz)) / 86400.0)"


def _day_number_of(at: datetime) -> float:
    return at.timestamp() / 86400.0


def _greatest(rows: Rows, *values: str) -> str:
    return f"{'max' if dialect(rows) == 'sqlite' else 'GREATEST'}({', '.join(values)})"


def _least(rows: Rows, *values: str) -> str:
    return f"{'min' if dialect(rows) == 'sqlite' else 'LEAST'}({', '.join(values)})"


@dataclass(frozen=True, slots=True)
class Ceilings:
    """What the agenda's priorities can reach at most, per kind, as SQL over one contact's row: the rules' own
    numbers (see rapport.domain.agenda), each term at its largest over a whole day (the rhythm's overdue points
    at the day's end, the decayed strength at its start) and rounded up."""

    circle_bonus: dict[int, float]
    overdue_points: float
    meet_from: int
    meet_days: int
    meet_rhythms: int
    dormant_days: int


def candidate_states(
    rows: Rows,
    owner: int,
    ceilings: Ceilings,
    day_start: datetime,
    day_end: datetime,
    follow_up_from: datetime,
    always: Iterable[int],
    depth: int,
) -> tuple[list[ContactState], dict[str, float]]:
    """The reminded contacts that can make a day's list: for each of the kinds giving, keeping in touch,
    reconnecting and meeting in person, the `depth` contacts whose action of that kind can reach the highest
    priority during the day; every contact whose first meeting can still want a follow-up (met since
    `follow_up_from`); the contacts in `always`. With them, per kind, the priority that no contact left out can
    exceed on that day (a kind missing: none left out can propose it)."""
    keep = sorted(set(always))
    params: dict[str, Any] = {
        "owner": owner,
        "start": _day_number_of(day_start),
        "end": _day_number_of(day_end),
        "met_from": _stored(follow_up_from),
        "n": depth + 1,
    }
    ids = {f"a{i}": v for i, v in enumerate(keep)}
    params.update(ids)
    listed = f" OR c.id IN ({', '.join(':' + k for k in ids)})" if ids else ""
    uppers = _uppers(rows, ceilings)
    kinds = tuple(uppers)
    bounds = ", ".join(f"CASE WHEN {sql} >= floor THEN {sql} ELSE -1.0 END AS u_{kind}" for kind, sql in uppers.items())
    ranks = ", ".join(f"ROW_NUMBER() OVER (ORDER BY u_{kind} DESC, id) AS r_{kind}" for kind in kinds)
    sql = (
        f"WITH x AS MATERIALIZED ({_facts(rows, ceilings, listed)}), "
        "a AS MATERIALIZED (SELECT id, cadence, per, bonus, exchanged, debt, novelty, always, every, percent, "
        ":start - since AS since_start, :end - since AS since_end, "
        ":start - dormant AS dormant_start, :end - dormant AS dormant_end, :end - met AS met_end FROM x), "
        f"f AS MATERIALIZED (SELECT a.*, {_floor(rows, ceilings)} AS floor FROM a), "
        f"b AS (SELECT id, always, {bounds} FROM f), "
        f"r AS (SELECT b.*, {ranks} FROM b) "
        f"SELECT {STATE_COLUMNS}, {', '.join(f'r.u_{k}, r.r_{k}' for k in kinds)} "
        "FROM r JOIN contacts c ON c.id = r.id "
        f"WHERE r.always = 1 OR {' OR '.join(f'r.r_{k} <= :n' for k in kinds)}"
    )
    states: list[ContactState] = []
    left_out: dict[str, float] = {}
    width = len(STATE_COLUMNS.split(","))
    for row in rows(sql, **params):
        for i, kind in enumerate(kinds):
            ceiling, rank = row[width + 2 * i], row[width + 2 * i + 1]
            if rank == depth + 1 and ceiling >= 0:
                left_out[kind] = float(ceiling)
        states.append(state(row))
    return states, left_out


def _facts(rows: Rows, c: Ceilings, listed: str) -> str:
    """SQL: per reminded contact, the day numbers the ceilings are made of (days since the last real touch and since
    going dormant, at the day's start and end; days since meeting in person; the decayed strength's 0-100 reading
    at the day's start, rounded up)."""
    since = "COALESCE(c.last_real_at, c.created_at)"
    dormant = "COALESCE(c.last_real_at, c.connected_on)"
    met = "COALESCE(c.last_in_person_at, c.first_real_at)"
    elapsed = _greatest(rows, ":start - " + _day_number(rows, "c.strength_at"), "0.0")
    decayed = f"CASE WHEN c.strength_at IS NULL THEN 0.0 ELSE c.strength * power(0.5, {elapsed} / k.half_life_days) END"
    bonus = " ".join(f"WHEN {rank} THEN {value!r}" for rank, value in sorted(c.circle_bonus.items()))
    return (
        "SELECT c.id AS id, k.cadence_days AS cadence, "
        "CASE WHEN k.cadence_days > 0 THEN k.cadence_days ELSE 1 END AS per, "
        f"CASE k.rank {bonus} ELSE 0.0 END AS bonus, "
        f"{_least(rows, 'c.given_count + c.received_count', '4')} AS exchanged, "
        "c.received_count - c.given_count AS debt, "
        "0.4 / (1.0 + c.interaction_count / 3.0) + 0.2 + 0.4 * "
        f"{_least(rows, 'c.received_count', '3')} / 3.0 + 0.001 AS novelty, "
        f"{_day_number(rows, since)} AS since, {_day_number(rows, dormant)} AS dormant, "
        f"CASE WHEN c.last_mine_at IS NULL THEN NULL ELSE {_day_number(rows, met)} END AS met, "
        f"{_greatest(rows, str(c.meet_days), f'{c.meet_rhythms} * k.cadence_days')} AS every, "
        f"(100.0 * (1.0 - exp(-({decayed}) / 5.0)) + 1.0) AS percent, "
        "CASE WHEN c.first_met_at >= :met_from AND (c.last_mine_at IS NULL OR c.last_mine_at <= c.first_met_at)"
        f"{listed} THEN 1 ELSE 0 END AS always "
        "FROM contacts c JOIN circles k ON k.owner_id = c.owner_id AND k.name = c.circle "
        "WHERE c.owner_id = :owner AND NOT c.archived AND k.cadence_days IS NOT NULL"
    )


def _keep_value(rows: Rows, c: Ceilings, days: str, percent: str) -> str:
    over = _least(rows, repr(c.overdue_points), f"{c.overdue_points / 2!r} * ({days} - cadence) / per")
    return f"(45.0 + bonus + {over} + {percent} / 20.0 + 0.75 * exchanged)"


def _floor(rows: Rows, c: Ceilings) -> str:
    """SQL: a priority the contact's best action reaches at least, all day (-1: none sure): what keeping in touch
    is worth once surely overdue (reconnecting is worth as much or more), reconnecting once surely dormant, giving
    back."""
    surely = _keep_value(rows, c, "since_start", "0.0")
    keep = f"CASE WHEN since_start >= cadence + 0.01 THEN {surely} - 0.01 ELSE -1.0 END"
    dormant = f"CASE WHEN dormant_start >= {c.dormant_days + 1} THEN 39.99 ELSE -1.0 END"
    give = f"CASE WHEN debt > 0 THEN 59.99 + 4.0 * {_least(rows, 'debt', '5')} ELSE -1.0 END"
    return _greatest(rows, keep, dormant, give)


def _uppers(rows: Rows, c: Ceilings) -> dict[str, str]:
    """SQL per kind: the highest priority the contact's action of that kind can have during the day; -1 when it
    cannot have one."""
    keep_value = f"{_keep_value(rows, c, 'since_end', 'percent')} + 0.01"
    rusting = "since_end >= cadence - 1"
    # a contact surely dormant all day is proposed a reconnection instead
    keep = (
        f"CASE WHEN {rusting} AND (dormant_start IS NULL OR dormant_start < {c.dormant_days + 1}) "
        f"THEN {keep_value} ELSE -1.0 END"
    )
    # worth at least as much as keeping in touch, with the value of a reconnection (novelty, help) on top
    with_keep = f"CASE WHEN {rusting} THEN {keep_value} + 5.0 * novelty ELSE -1.0 END"
    reconnect = (
        f"CASE WHEN dormant_end >= {c.dormant_days - 1} THEN {_greatest(rows, '40.01 + 20.0 * novelty', with_keep)} "
        "ELSE -1.0 END"
    )
    meet = f"CASE WHEN met_end >= every - 1 AND percent >= {c.meet_from} THEN 38.01 + percent / 10.0 ELSE -1.0 END"
    give = f"CASE WHEN debt > 0 THEN 60.01 + 4.0 * {_least(rows, 'debt', '5')} ELSE -1.0 END"
    return {"give": give, "keep": keep, "reconnect": reconnect, "meet": meet}


def snoozes_after(rows: Rows, owner: int, at: datetime) -> list[tuple[int, str, datetime]]:
    """(contact id, action kind, until) of the agenda actions put off ("not now") until after `at`."""
    sql = "SELECT contact_id, kind, until FROM snoozes WHERE owner_id = :owner AND until > :at"
    found = []
    for r in rows(sql, owner=owner, at=_stored(at)):
        until = moment(r[2])
        assert until is not None
        found.append((int(r[0]), str(r[1]), until))
    return found
