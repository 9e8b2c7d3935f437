"""The demo network: dated around now, it puts every practice on the day's agenda at once, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, func, select

from rapport.domain.model import Action, ActionKind
from rapport.services import agenda, demo
from rapport.services.context import Context
from rapport.store.schema import circles, contacts, events, favours, interactions, notes, users
from tests.conftest import make_context


@contextmanager
def context_at(url: str, now: str) -> Iterator[Context]:
    context = make_context(url, now=now)
    try:
        yield context
    finally:
        context.close()


def load(ctx: Context) -> dict[str, int]:
    with ctx.transaction() as conn:
        return demo.load_demo(ctx, conn)


def today(ctx: Context, limit: int | None = None) -> list[Action]:
    with ctx.transaction() as conn:
        return agenda.today(ctx, conn, limit=limit)


def by_kind(actions: list[Action]) -> dict[ActionKind, list[Action]]:
    found: dict[ActionKind, list[Action]] = {}
    for action in actions:
        found.setdefault(action.kind, []).append(action)
    return found


def assert_every_practice(actions: list[Action]) -> None:
    assert len(actions) == 7
    kinds = by_kind(actions)
    assert set(kinds) == set(ActionKind)
    assert len({a.contact_id for a in actions}) == 7

    [follow_up] = kinds[ActionKind.FOLLOW_UP]
    assert follow_up.contact_name == "Thomas Keller"
    assert follow_up.reason.code == "follow_up.open"
    assert 1 <= int(follow_up.reason.facts["hours_left"]) < 72  # type: ignore[call-overload]
    assert "Design Thinking" in str(follow_up.reason.facts["place"])
    assert actions[0] is follow_up

    assert any(
        a.reason.code in ("congratulate.birthday", "congratulate.promotion", "congratulate.new-job")
        for a in kinds[ActionKind.CONGRATULATE]
    )
    assert any(a.reason.facts["circle"] == "core" for a in kinds[ActionKind.KEEP_IN_TOUCH])
    give = kinds[ActionKind.GIVE][0]
    assert give.reason.code == "give.debt" and give.reason.facts["looking_for"]
    reconnect = kinds[ActionKind.RECONNECT][0]
    assert reconnect.reason.facts["years"] >= 2 and reconnect.reason.facts["helped"] >= 1  # type: ignore[operator]
    assert reconnect.reason.facts["organisation"]
    meet = kinds[ActionKind.MEET][0]
    assert meet.reason.code == "meet.never" and meet.reason.facts["strength"] >= 30  # type: ignore[operator]


def owner_counts(conn: Connection, owner_id: int) -> dict[str, int]:
    def count(table: object) -> int:
        return int(
            conn.execute(select(func.count()).select_from(table).where(table.c.owner_id == owner_id)).scalar_one()  # type: ignore[attr-defined]
        )

    return {
        "contacts": count(contacts),
        "interactions": count(interactions),
        "notes": count(notes),
        "favours": count(favours),
        "events": count(events),
    }


def test_the_agenda_after_loading_covers_every_practice(ctx: Context) -> None:
    load(ctx)

    actions = today(ctx)

    assert_every_practice(actions)
    names = {kind: found[0].contact_name for kind, found in by_kind(actions).items()}
    assert names[ActionKind.KEEP_IN_TOUCH] == "Martina Frei"
    assert names[ActionKind.GIVE] == "Reto Brunner"
    assert names[ActionKind.RECONNECT] == "Andrea Kälin"
    assert names[ActionKind.MEET] == "Nina Vogt"
    assert names[ActionKind.CONGRATULATE] == "Claudia Steiner"
    thomas = actions[0]
    assert thomas.reason.facts["hours_left"] == 33  # met Tuesday 18:30, now Thursday 09:00


@pytest.mark.parametrize(
    ("now", "leap_birthday_days"),
    [
        ("2026-07-15T09:00", None),  # summer time
        ("2027-03-01T09:00", -1),  # 29 February is celebrated on 28 February in a common year: belated
        ("2028-02-29T09:00", 0),  # a leap day
        ("2026-03-29T23:30", None),  # late on the day the clocks go forward
        ("2026-10-25T07:00", None),  # early on the day the clocks go back
        ("2027-01-01T00:30", None),  # just after midnight on new year
    ],
)
def test_the_demo_works_at_any_now(store_url: str, now: str, leap_birthday_days: int | None) -> None:
    with context_at(store_url, now) as ctx:
        load(ctx)
        assert_every_practice(today(ctx))
        heidi = [
            (a.kind, a.reason.code, a.reason.facts["days"])
            for a in today(ctx, limit=100)
            if a.contact_name == "Heidi Bachmann"
        ]
        if leap_birthday_days is not None:
            assert heidi == [(ActionKind.CONGRATULATE, "congratulate.birthday", leap_birthday_days)]
        else:
            assert all(kind is not ActionKind.CONGRATULATE for kind, _, _ in heidi)


def test_counts_are_what_was_written_and_the_core_circle_fits(ctx: Context) -> None:
    counts = load(ctx)

    assert 32 <= counts["contacts"] <= 62
    assert counts["interactions"] > counts["contacts"] and counts["notes"] and counts["favours"] and counts["events"]
    with ctx.transaction() as conn:
        assert owner_counts(conn, ctx.owner_id) == counts
        core = conn.execute(
            select(func.count()).where(contacts.c.owner_id == ctx.owner_id, contacts.c.circle == "core")
        ).scalar_one()
        archived = conn.execute(
            select(func.count()).where(contacts.c.owner_id == ctx.owner_id, contacts.c.archived.is_(True))
        ).scalar_one()
    assert 10 <= core <= 20
    assert archived >= 1


def shape(ctx: Context) -> list[tuple[str, str, float, str]]:
    return [(a.kind.value, a.contact_name, a.priority, a.reason.code) for a in today(ctx, limit=100)]


def test_same_now_same_demo_and_reset_keeps_owner_and_circles_and_other_owners(store_url: str) -> None:
    with context_at(store_url, "2026-11-26T09:00") as ctx, context_at(store_url, "2026-11-26T09:00") as other:
        counts = load(ctx)
        other_counts = load(other)
        assert counts == other_counts
        assert shape(ctx) == shape(other)

        with ctx.transaction() as conn:
            removed = demo.reset_demo(ctx, conn)

        assert removed == counts["contacts"]
        with ctx.transaction() as conn:
            assert owner_counts(conn, ctx.owner_id) == dict.fromkeys(counts, 0)  # no orphaned interactions
            assert conn.execute(select(func.count()).where(users.c.id == ctx.owner_id)).scalar_one() == 1
            assert conn.execute(select(func.count()).where(circles.c.owner_id == ctx.owner_id)).scalar_one() == 4
            assert owner_counts(conn, other.owner_id) == other_counts  # another owner's data is untouched
        assert today(ctx) == []

        assert load(ctx) == counts
        assert shape(ctx) == shape(other)


def test_reset_of_an_empty_store_removes_nothing(ctx: Context) -> None:
    with ctx.transaction() as conn:
        assert demo.reset_demo(ctx, conn) == 0
