"""The agenda looks only at the contacts that can make the day's list, and its list is the one it would be from
every contact: on a generated network, at moments across the year, with budgets from one to forty, with actions
put off, on both backends."""

from __future__ import annotations

import pytest
from bench import network

from rapport.config import parse_now
from rapport.domain.dates import local_day
from rapport.services import agenda, snoozing
from rapport.services.context import Context
from rapport.store import reads


def _both(ctx: Context, now_text: str, limit: int | None, depth: int) -> tuple[list[object], agenda.Day]:
    now = parse_now(now_text, ctx.zone)
    day = local_day(now, ctx.zone)
    with ctx.transaction() as conn:
        rows = reads.engine_rows(conn)
        every, _ = agenda._agenda(
            lambda _d: agenda.day_of(rows, ctx.owner_id, ctx.settings, day, ctx.zone, None), now, limit
        )
        few, used = agenda._agenda(
            lambda d: agenda.day_of(rows, ctx.owner_id, ctx.settings, day, ctx.zone, d), now, limit, None, depth
        )
    assert few == every
    return every, used


@pytest.mark.parametrize("depth", [1, agenda.DEPTH])
def test_the_candidates_give_the_same_list_as_every_contact(ctx: Context, depth: int) -> None:
    network.generate(ctx, network.Spec(contacts=400, interactions=12_000, seed=7), say=lambda _m: None)
    looked_at = []
    for now in ("2026-11-26T09:00", "2026-12-20T18:30", "2027-02-01T07:00", "2026-06-10T23:59"):
        for limit in (None, 1, 12, 40):
            found, day = _both(ctx, now, limit, depth)
            looked_at.append(len(day.states))
            assert found
    # put off the first few actions of the day: the others take their places, as from every contact
    first, _ = _both(ctx, "2026-11-26T09:00", 12, depth)
    with ctx.transaction() as conn:
        for action in first[:5]:
            snoozing.snooze(ctx, conn, action.contact_id, action.kind.value, 7)  # type: ignore[attr-defined]
    later, _ = _both(ctx, "2026-11-27T09:00", 12, depth)
    assert not {(a.contact_id, a.kind) for a in first[:5]} & {(a.contact_id, a.kind) for a in later}  # type: ignore[attr-defined]
    if depth == agenda.DEPTH:
        assert min(looked_at) < 400  # not every contact
