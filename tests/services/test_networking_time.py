"""Networking time in the store (SQLite and PostgreSQL): blocks, the week plan from the agenda, backup and restore.

The context is evaluated at Thursday 26 November 2026, 09:00 in Zurich.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from rapport.domain.model import ActionKind
from rapport.domain.networking_time import BlockKind
from rapport.errors import InputError, NotFound, Refused
from rapport.services import backup, journal, networking_time
from rapport.services.context import Context
from rapport.store.schema import networking_blocks
from tests.conftest import ZURICH, make_context


def _count(ctx: Context) -> int:
    with ctx.transaction() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(networking_blocks).where(networking_blocks.c.owner_id == ctx.owner_id)
            ).scalar_one()
        )


def _add(ctx: Context, text: str, kind: str = "desk") -> int:
    with ctx.transaction() as conn:
        return networking_time.add(ctx, conn, text, kind).id


def _met(ctx: Context, name: str, when: str) -> None:
    with ctx.transaction() as conn:
        journal.met(ctx, conn, name, at="a talk", when=when)


def test_blocks_are_added_listed_by_day_and_removed(ctx: Context) -> None:
    friday = _add(ctx, "Fr 16:00-17:00", "Kaffee")
    tuesday = _add(ctx, "Tue 12:00–13:00", "lunch")
    with ctx.transaction() as conn:
        found = networking_time.blocks(ctx, conn)
    assert [(b.id, b.span.weekday, b.kind) for b in found] == [
        (tuesday, 2, BlockKind.LUNCH),
        (friday, 5, BlockKind.COFFEE),
    ]
    with ctx.transaction() as conn:
        gone = networking_time.remove(ctx, conn, f"#{tuesday}")
    assert gone.kind is BlockKind.LUNCH and _count(ctx) == 1


def test_an_overlapping_block_is_refused_naming_the_other_and_nothing_is_written(ctx: Context) -> None:
    lunch = _add(ctx, "Tue 12:00-13:00", "lunch")
    with pytest.raises(Refused) as refused:
        _add(ctx, "Di 12:30-13:30", "desk")
    assert refused.value.code == "time.overlap"
    assert refused.value.facts["id"] == lunch and refused.value.facts["start"] == "12:00"
    assert _count(ctx) == 1
    _add(ctx, "Tue 13:00-13:30")  # right after it is fine
    assert _count(ctx) == 2


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [("Tue 25:00", "desk", "time.bad_clock"), ("Mo 12-11", "desk", "time.end_before_start"),
     ("Tue 12-13", "dinner", "time.bad_kind"), ("Someday 12-13", "desk", "time.bad_weekday")],
)  # fmt: skip
def test_bad_input_is_refused_in_words_and_writes_nothing(ctx: Context, text: str, kind: str, code: str) -> None:
    with pytest.raises(InputError) as refused:
        _add(ctx, text, kind)
    assert refused.value.code == code and _count(ctx) == 0


def test_removing_an_unknown_or_another_owners_block_is_refused(ctx: Context, store_url: str) -> None:
    other = make_context(store_url)
    try:
        theirs = _add(other, "Tue 12-13")
    finally:
        other.close()
    with ctx.transaction() as conn, pytest.raises(NotFound):
        networking_time.remove(ctx, conn, str(theirs))
    with ctx.transaction() as conn, pytest.raises(InputError):
        networking_time.remove(ctx, conn, "lunch")


def test_a_week_without_blocks_is_refused_with_how_to_add_one(ctx: Context) -> None:
    with ctx.transaction() as conn, pytest.raises(Refused) as refused:
        networking_time.week(ctx, conn)
    assert refused.value.code == "time.no_blocks"
    with ctx.transaction() as conn:
        assert networking_time.week(ctx, conn, required=False).slots == []


def test_the_week_takes_more_than_the_daily_budget_from_the_agenda(ctx: Context) -> None:
    for i in range(10):  # ten first meetings: ten follow-ups, more than the seven a day
        _met(ctx, f"Person {i:02d}", "2026-11-25T18:30")
    _add(ctx, "Fri 08:00-10:30", "desk")  # 150 minutes: room for ten follow-ups of 15
    with ctx.transaction() as conn:
        plan = networking_time.week(ctx, conn)
    planned = [p for slot in plan.slots for p in slot.planned]
    assert len(planned) == 10 and {p.action.kind for p in planned} == {ActionKind.FOLLOW_UP}
    assert plan.slots[0].free == 0


def test_a_follow_up_lands_before_its_window_closes_or_is_to_be_done_now(ctx: Context) -> None:
    _met(ctx, "Anna Keller", "2026-11-25T18:30")  # the window closes Saturday 28 November, 18:30
    sunday = _add(ctx, "Sun 08:00-09:00", "desk")
    with ctx.transaction() as conn:
        plan = networking_time.week(ctx, conn)
    assert [a.contact_name for a in plan.now] == ["Anna Keller"] and plan.slots[0].planned == []
    friday = _add(ctx, "Fri 08:00-09:00", "desk")
    with ctx.transaction() as conn:
        plan = networking_time.week(ctx, conn)
    where = {slot.block.id: [p.action.contact_name for p in slot.planned] for slot in plan.slots}
    assert where == {friday: ["Anna Keller"], sunday: []} and plan.now == []


def test_a_week_from_a_later_day_and_not_from_the_past(ctx: Context) -> None:
    _add(ctx, "Thu 12:00-13:00", "lunch")
    with ctx.transaction() as conn:
        later = networking_time.first_day(ctx, "2026-12-07")
        plan = networking_time.week(ctx, conn, later)
        assert [s.day for s in plan.slots] == [date(2026, 12, 10)]
        assert plan.slots[0].start == datetime(2026, 12, 10, 12, tzinfo=ZURICH)
        with pytest.raises(InputError) as refused:
            networking_time.first_day(ctx, "2026-11-20")
    assert refused.value.code == "time.from_past"


def test_blocks_travel_with_a_backup(ctx: Context, store_url: str) -> None:
    _add(ctx, "Tue 12:00-13:00", "lunch")
    _add(ctx, "Do 08:30-09:15", "Schreibtisch")
    stream = io.StringIO()
    with ctx.transaction() as conn:
        backup.backup(ctx, conn, stream)
        before = [(b.span, b.kind) for b in networking_time.blocks(ctx, conn)]
    target = make_context(store_url)
    try:
        with target.transaction() as conn:
            backup.restore(target, conn, io.StringIO(stream.getvalue()), file="backup.jsonl")
        with target.transaction() as conn:
            assert [(b.span, b.kind) for b in networking_time.blocks(target, conn)] == before
    finally:
        target.close()
