"""Groups and meetups in the store (SQLite and PostgreSQL): create, plan in the networking time, record, refuse."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from rapport.domain.model import ActionKind
from rapport.errors import InputError, NotFound, Refused
from rapport.services import agenda, backup, groups, journal, meetings, networking_time, people
from rapport.services.context import Context
from rapport.store import contacts as store
from rapport.store.schema import group_meetups, group_members, metadata
from tests.conftest import ZURICH, make_context

# NOW is Thursday 26 November 2026, 09:00 in Zurich.


def _network(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for name, company, how_met, interests in (
            ("Urs Widmer", "", "Colleague at Nordstern Logistik", ["supply chain"]),
            ("Priska Odermatt", "Reuss Logistik AG", "Colleague at Nordstern Logistik", ["supply chain"]),
            ("Stefan Huber", "Nordstern Logistik AG", "Colleague at Nordstern Logistik", ["ice hockey"]),
            ("Roger Baumgartner", "Sihltal Consulting GmbH", "My first boss at Nordstern Logistik", ["leadership"]),
            ("Nina Graf", "Migros", "Conference in Bern", ["supply chain"]),
            ("Dominik Rüegg", "", "Colleague at Nordstern Logistik", []),
            ("Oliver Kramer", "Spree Data GmbH", "Speaker in Berlin", ["data platforms"]),
        ):
            people.add_contact(
                ctx, conn, people.NewContact(name=name, company=company, how_met=how_met, interests=interests)
            )
        people.archive(ctx, conn, "Dominik")
        journal.log(ctx, conn, ["Urs", "Priska", "Stefan"], "group", when="2026-10-29 18:30")
        journal.log(ctx, conn, ["Roger", "Nina", "Oliver"], "call", when="2026-09-01 10:00")
        networking_time.add(ctx, conn, "Wed 08:30-09:15", "desk")
        networking_time.add(ctx, conn, "Thu 12:00-13:00", "lunch")
        networking_time.add(ctx, conn, "Fri 16:00-17:00", "coffee")
        groups.create(ctx, conn, "Nordstern Stamm", ["Urs", "Priska", "Stefan Huber"], "monatlich", "supply chain")


def _counts(ctx: Context) -> dict[str, int]:
    with ctx.transaction() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in metadata.sorted_tables
        }


def test_plan_proposes_a_free_lunch_after_the_last_meetup_with_former_colleagues_as_new_faces(ctx: Context) -> None:
    _network(ctx)
    with ctx.transaction() as conn:
        groups.remember(ctx, conn, "nordstern", datetime(2026, 11, 5, 18, 30, tzinfo=ZURICH), ["Urs", "Priska"])
        meetings.plan(ctx, conn, ["Nina"], "2026-12-10 12:30")  # the lunch a month after the last meetup is taken
        made = groups.plan(ctx, conn, "Nordstern")
    assert made.last == datetime(2026, 11, 5, 18, 30, tzinfo=ZURICH)
    assert made.proposal.start == datetime(2026, 12, 11, 16, 0, tzinfo=ZURICH) and made.proposal.kind == "coffee"
    assert [n for _i, n in made.members] == ["Priska Odermatt", "Stefan Huber", "Urs Widmer"]
    faces = {f.name: [(w.code, w.what) for w in f.reasons] for f in made.new_faces}
    assert faces["Roger Baumgartner"] == [("colleague", "Nordstern Logistik AG")]
    assert ("interest", "supply chain") in faces["Nina Graf"] and ("topic", "supply chain") in faces["Nina Graf"]
    assert "Dominik Rüegg" not in faces and "Oliver Kramer" not in faces  # archived; nothing in common
    with ctx.transaction() as conn:
        planned = {m.id: m for m in meetings.planned(ctx, conn)}[made.meeting_id]
        assert planned.topic == "Nordstern Stamm" and planned.starts_at == made.proposal.start
        assert set(planned.names) == {"Priska Odermatt", "Stefan Huber", "Urs Widmer", *faces}
        text = groups.invitation(ctx, conn, made, "de")
    assert "«Nordstern Stamm»" in text and "11. Dezember 2026" in text and "Roger Baumgartner" in text


def test_recording_a_meetup_updates_every_attendee_and_a_new_face_gets_the_72_hour_follow_up(ctx: Context) -> None:
    _network(ctx)
    with ctx.transaction() as conn:
        made = groups.plan(ctx, conn, "Nordstern", on="2026-11-27")  # Friday: the coffee block
        before = {s.name: s for s in store.states(conn, ctx.owner_id)}
    assert made.proposal.start == datetime(2026, 11, 27, 16, tzinfo=ZURICH)
    ctx.now = datetime(2026, 11, 27, 20, 0, tzinfo=ZURICH)
    with ctx.transaction() as conn:
        done = groups.done(ctx, conn, "Nordstern", ["Urs", "Priska", "Roger"], ["Lea Brunner"])
        after = {s.name: s for s in store.states(conn, ctx.owner_id)}
        actions = agenda.today(ctx, conn)
        shown = groups.meetups(conn, made.group.id)
    assert done.at == made.proposal.start  # it took place when it was planned
    for name in ("Urs Widmer", "Priska Odermatt", "Roger Baumgartner"):
        assert after[name].history.last_real_at == made.proposal.start
        assert after[name].history.strength > before[name].history.strength
    assert after["Stefan Huber"].history == before["Stefan Huber"].history  # invited, did not come
    assert after["Lea Brunner"].history.first_met_at == made.proposal.start
    assert after["Lea Brunner"].circle == ctx.settings.default_circle
    follow_ups = [a for a in actions if a.kind is ActionKind.FOLLOW_UP]
    assert [a.contact_name for a in follow_ups] == ["Lea Brunner"]
    assert follow_ups[0].due == made.proposal.start + timedelta(hours=72)
    assert done.windows == {"Lea Brunner": made.proposal.start + timedelta(hours=72)}
    assert [(m.id, m.status.value, set(m.people)) for m in shown] == [
        (made.meeting_id, "done", {"Urs Widmer", "Priska Odermatt", "Roger Baumgartner", "Lea Brunner"})
    ]


def test_bad_input_is_refused_and_changes_nothing(ctx: Context) -> None:
    _network(ctx)
    with ctx.transaction() as conn:
        groups.create(ctx, conn, "Empty")
    counts = _counts(ctx)
    for attempt, code in (
        (lambda conn: groups.plan(ctx, conn, "Empty"), "meetup.no_members"),
        (lambda conn: groups.plan(ctx, conn, "Nordstern", on="2026-11-20"), "meetup.past"),
        (lambda conn: groups.plan(ctx, conn, "Nordstern", on="someday"), "meet.bad_when"),
        (lambda conn: groups.plan(ctx, conn, "Lunch Club"), "group.not_found"),
        (lambda conn: groups.create(ctx, conn, "NORDSTERN stamm", ["Urs"]), "group.exists"),
        (lambda conn: groups.create(ctx, conn, "Book club", ["Urs", "Nobody Known"]), "contact.not_found"),
        (lambda conn: groups.create(ctx, conn, "Book club", every="yearly"), "group.bad_rhythm"),
        (lambda conn: groups.done(ctx, conn, "Nordstern", ["Urs", "Nobody Known"], ["Lea Brunner"]), None),
        (lambda conn: groups.done(ctx, conn, "Nordstern", ["Urs"], on="2026-12-24"), "input.future"),
        (lambda conn: groups.remove(ctx, conn, "Nordstern", ["Urs", "Nina"]), "group.not_member"),
    ):
        with pytest.raises((InputError, NotFound, Refused)) as refused, ctx.transaction() as conn:
            attempt(conn)
        if code is not None:
            assert refused.value.code == code
        assert _counts(ctx) == counts


def test_members_go_with_a_forgotten_contact_and_groups_survive_a_backup(ctx: Context, store_url: str) -> None:
    _network(ctx)
    with ctx.transaction() as conn:
        groups.add(ctx, conn, "Nordstern", ["Nina"])
        groups.plan(ctx, conn, "Nordstern")
        people.forget(ctx, conn, people.resolve(ctx, conn, "Stefan Huber"))
        group = groups.find(ctx, conn, "nordstern stamm")
        out = io.StringIO()
        backup.backup(ctx, conn, out)
    assert group.names == ["Nina Graf", "Priska Odermatt", "Urs Widmer"]
    other = make_context(store_url)
    try:
        with other.transaction() as conn:
            backup.restore(other, conn, io.StringIO(out.getvalue()))
            restored = groups.find(other, conn, "Nordstern")
            restored_meetups = groups.meetups(conn, restored.id)
            links = conn.execute(select(func.count()).select_from(group_meetups)).scalar_one()
            members = conn.execute(select(func.count()).select_from(group_members)).scalar_one()
        assert (restored.name, restored.rhythm.value, restored.topic) == ("Nordstern Stamm", "monthly", "supply chain")
        assert restored.names == group.names
        assert [m.status.value for m in restored_meetups] == ["planned"] and links >= 1 and members >= 3
    finally:
        other.close()
