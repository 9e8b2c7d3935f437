"""Planned meetings in the store (SQLite and PostgreSQL): plan, the agenda on the day and after, done, cancel."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rapport.domain.meetings import Status
from rapport.domain.model import ActionKind, Channel
from rapport.errors import Ambiguous, InputError, NotFound, Refused
from rapport.services import agenda, journal, meetings, people
from rapport.services.context import Context
from rapport.store import contacts as store
from tests.conftest import make_context


def _add(ctx: Context, *names: str) -> None:
    with ctx.transaction() as conn:
        for name in names:
            people.add_contact(ctx, conn, people.NewContact(name=name, circle="active"))


def _at(store_url: str, now: str) -> Context:
    return make_context(store_url, now=now)


def test_a_meeting_is_on_the_agenda_on_its_day_asked_about_after_and_done_logs_it(ctx: Context) -> None:
    _add(ctx, "Thomas Keller", "Anna Meier", "Ben Huber")
    with ctx.transaction() as conn:
        journal.log(ctx, conn, ["Ben"], via="call", when="2026-10-01")  # Ben is no new acquaintance
        planned = meetings.plan(ctx, conn, ["Thomas", "anna", "Ben Huber"], "27.11.2026 18:30", "ETH", "talk series")
    assert planned.names == ["Anna Meier", "Ben Huber", "Thomas Keller"] and planned.status is Status.PLANNED
    with ctx.transaction() as conn:
        assert not [a for a in agenda.today(ctx, conn) if a.kind is ActionKind.PLANNED]  # the day before
        with pytest.raises(Refused) as early:
            meetings.done(ctx, conn, "Thomas")
    assert early.value.code == "meet.not_yet"
    ctx.now = ctx.now + timedelta(days=1)  # Friday the 27th, 09:00
    with ctx.transaction() as conn:
        first = agenda.today(ctx, conn)[0]
    assert first.kind is ActionKind.PLANNED and first.reason.code == "meet.planned.today"
    assert first.contact_name == "Anna Meier, Ben Huber, Thomas Keller"
    assert (first.reason.facts["place"], first.reason.facts["about"]) == ("ETH", "talk series")  # as planned
    ctx.now = ctx.now + timedelta(days=1)
    with ctx.transaction() as conn:
        first = agenda.today(ctx, conn)[0]
        assert first.reason.code == "meet.planned.ask"
        before = {s.id: s for s in store.states(conn, ctx.owner_id)}
        done = meetings.done(ctx, conn, f"#{planned.id}")
        after = {s.id: s for s in store.states(conn, ctx.owner_id)}
        assert not [a for a in agenda.today(ctx, conn) if a.kind is ActionKind.PLANNED]
        with pytest.raises(Refused) as twice:
            meetings.done(ctx, conn, str(planned.id))
    assert twice.value.code == "meet.already_done"
    for contact_id, _name in planned.participants:
        assert after[contact_id].history.last_in_person_at == planned.starts_at
        assert after[contact_id].history.in_person_count == before[contact_id].history.in_person_count + 1
        assert after[contact_id].history.strength > before[contact_id].history.strength
    # a real first meeting only with the new acquaintances: Ben had a call before
    assert set(done.windows) == {"Anna Meier", "Thomas Keller"}
    assert done.windows["Anna Meier"] == planned.starts_at + timedelta(hours=72)


def test_in_person_with_every_participant_once(ctx: Context) -> None:
    _add(ctx, "Thomas Keller", "Anna Meier")
    with ctx.transaction() as conn:
        planned = meetings.plan(ctx, conn, ["Thomas", "Thomas Keller", "Anna"], "today")
        meetings.done(ctx, conn, "Anna")
        shown = people.profile(ctx, conn, "Thomas")
    assert planned.names == ["Anna Meier", "Thomas Keller"]
    [interaction] = shown["interactions"]
    assert interaction["channel"] == Channel.IN_PERSON.value


def test_cancel_takes_it_off_the_agenda_and_the_list(ctx: Context) -> None:
    _add(ctx, "Thomas Keller")
    with ctx.transaction() as conn:
        meetings.plan(ctx, conn, ["Thomas"], "today 18:00")
        assert [a.kind for a in agenda.today(ctx, conn)][:1] == [ActionKind.PLANNED]
        cancelled = meetings.cancel(ctx, conn, "Thomas")
        assert meetings.planned(ctx, conn) == []
        assert ActionKind.PLANNED not in [a.kind for a in agenda.today(ctx, conn)]
        with pytest.raises(Refused) as again:
            meetings.done(ctx, conn, str(cancelled.id))
    assert again.value.code == "meet.already_cancelled"


@pytest.mark.parametrize(
    ("names", "on", "error", "code"),
    [
        (["Thomas"], "yesterday", InputError, "meet.past"),
        (["Thomas"], "3 days ago", InputError, "meet.past"),
        (["Thomas"], "2026-11-26 08:59", InputError, "meet.past"),
        (["Thomas"], "2026-11-31 18:00", InputError, "meet.bad_when"),
        (["Thomas"], "next week-ish", InputError, "meet.bad_when"),
        (["Thomas"], "1.1.2999", InputError, "input.out_of_range"),
        (["Nobody Known"], "tomorrow", NotFound, "contact.not_found"),
        (["Thomsa"], "tomorrow", NotFound, "contact.not_found_close"),
        (["Keller"], "tomorrow", Ambiguous, "contact.ambiguous"),
        ([], "tomorrow", InputError, "input.empty"),
        (["  "], "tomorrow", InputError, "input.empty"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    ctx: Context, names: list[str], on: str, error: type[Exception], code: str
) -> None:
    _add(ctx, "Thomas Keller", "Anna Keller")
    with pytest.raises(error) as refused, ctx.transaction() as conn:
        meetings.plan(ctx, conn, names, on)
    assert getattr(refused.value, "code", "") == code
    with ctx.transaction() as conn:
        assert meetings.planned(ctx, conn) == []


def test_a_name_with_several_meetings_needs_the_number(ctx: Context) -> None:
    _add(ctx, "Thomas Keller")
    with ctx.transaction() as conn:
        meetings.plan(ctx, conn, ["Thomas"], "tomorrow 12:00")
        meetings.plan(ctx, conn, ["Thomas"], "in 3 days 12:00")
        with pytest.raises(Ambiguous):
            meetings.cancel(ctx, conn, "Thomas")
        with pytest.raises(NotFound):
            meetings.cancel(ctx, conn, "999")


def test_forgetting_a_person_takes_their_meetings_along(ctx: Context) -> None:
    _add(ctx, "Thomas Keller", "Anna Meier")
    with ctx.transaction() as conn:
        alone = meetings.plan(ctx, conn, ["Thomas"], "tomorrow 12:00")
        both = meetings.plan(ctx, conn, ["Thomas", "Anna"], "in 2 days 12:00")
        people.forget(ctx, conn, people.resolve(ctx, conn, "Thomas"))
        left = meetings.planned(ctx, conn)
    assert [m.id for m in left] == [both.id] and left[0].names == ["Anna Meier"]
    assert alone.id not in [m.id for m in left]


def test_the_next_meeting_with_a_contact_is_the_one_ahead(store_url: str) -> None:
    ctx = _at(store_url, "2026-11-26T09:00:00+01:00")
    try:
        _add(ctx, "Thomas Keller")
        with ctx.transaction() as conn:
            thomas = people.resolve(ctx, conn, "Thomas")
            assert meetings.next_with(ctx, conn, thomas.id) is None
            later = meetings.plan(ctx, conn, ["Thomas"], "in 20 days")
            sooner = meetings.plan(ctx, conn, ["Thomas"], "in 5 days")
            found = meetings.next_with(ctx, conn, thomas.id)
        assert found is not None and found.id == sooner.id != later.id
    finally:
        ctx.close()
