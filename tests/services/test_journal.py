"""Recording what happened keeps each contact's running summary equal to a fresh summary of its history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rapport.domain.model import Direction
from rapport.domain.strength import summarise
from rapport.errors import Ambiguous, InputError, NotFound
from rapport.services import agenda, journal, people
from rapport.services.context import Context
from rapport.store import activity
from rapport.store import contacts as store


def _history(ctx: Context, name: str):  # type: ignore[no-untyped-def]
    with ctx.transaction() as conn:
        person = people.resolve(ctx, conn, name)
        state = next(store.states(conn, ctx.owner_id, ids=[person.id], include_archived=True))
        stored = activity.interactions_of(conn, [person.id])[person.id]
    return state.history, stored


def test_summary_kept_per_write_equals_recomputed_summary_even_when_backdated(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller", circle="core"))
        journal.log(ctx, conn, ["anna"], via="email", when="2026-11-20")
        journal.met(ctx, conn, "anna", at="Lunch", when="2026-10-01T12:00")
        journal.log(ctx, conn, ["anna"], via="social", when="2026-11-25")
        journal.log(ctx, conn, ["anna"], via="call", when="2025-01-05", by_them=True)
    kept, stored = _history(ctx, "anna")
    fresh = summarise(stored, half_life_days=90)
    assert kept.interaction_count == fresh.interaction_count == 4
    assert kept.first_met_at == fresh.first_met_at and kept.first_met_place == "Lunch"
    assert kept.last_real_at == fresh.last_real_at  # the like on 25 Nov does not count
    assert kept.last_mine_at == fresh.last_mine_at
    assert kept.strength == pytest.approx(fresh.strength)
    assert kept.strength_at == fresh.strength_at


def test_moving_to_a_circle_with_another_half_life_recomputes_strength(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Beat Meier", circle="wider"))
        journal.log(ctx, conn, ["beat"], via="call", when="2026-01-10")
        journal.log(ctx, conn, ["beat"], via="in-person", when="2026-06-10")
        people.move(ctx, conn, "beat", "core")
    kept, stored = _history(ctx, "beat")
    assert kept.strength == pytest.approx(summarise(stored, half_life_days=90).strength)


def test_a_favour_received_from_someone_never_given_to_warns(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Carla Roth"))
        first = journal.favour(ctx, conn, "carla", Direction.RECEIVED, "advice", None)
        journal.favour(ctx, conn, "carla", Direction.GIVEN, "introduction", None)
        journal.favour(ctx, conn, "carla", Direction.GIVEN, "article", None)
        later = journal.favour(ctx, conn, "carla", Direction.ASKED, "other", "a referral")
    assert first.take_before_give and first.balance == -1
    assert not later.take_before_give and later.balance == 1


def test_a_debt_puts_a_give_first_action_on_the_agenda(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Dora Frei", looking_for="a UX designer"))
        journal.log(ctx, conn, ["dora"], via="call", when="2026-11-20")
        journal.favour(ctx, conn, "dora", Direction.RECEIVED, "job-lead", None)
        actions = agenda.today(ctx, conn)
    assert [(a.kind.value, a.reason.facts["looking_for"]) for a in actions] == [("give-first", "a UX designer")]


def test_recent_news_becomes_a_congratulation_until_i_get_in_touch(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Eva Graf"))
        journal.log(ctx, conn, ["eva"], via="email", when="2026-11-01")
        journal.news(ctx, conn, "eva", "promotion", when="yesterday", text="Head of Design")
        before = agenda.today(ctx, conn)
        journal.log(ctx, conn, ["eva"], via="linkedin", when="now")
        after = agenda.today(ctx, conn)
    assert [a.reason.code for a in before] == ["congratulate.promotion"]
    assert before[0].reason.facts["label"] == "Head of Design"
    assert after == []


def test_ambiguous_and_unknown_names(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller"))
        people.add_contact(ctx, conn, people.NewContact("Anna Meier"))
        with pytest.raises(Ambiguous) as ambiguous:
            people.resolve(ctx, conn, "anna")
        with pytest.raises(NotFound):
            people.resolve(ctx, conn, "zoe")
        assert people.resolve(ctx, conn, "anna k").name == "Anna Keller"
        assert people.resolve(ctx, conn, "ANNA MEIER").name == "Anna Meier"
    assert len(ambiguous.value.facts["candidates"]) == 2  # type: ignore[arg-type]


def test_an_exact_name_wins_over_longer_names(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Urs Brunner"))
        people.add_contact(ctx, conn, people.NewContact("Urs Brunner-Meier"))
        assert people.resolve(ctx, conn, "urs brunner").name == "Urs Brunner"


def test_a_failed_command_leaves_nothing_behind(ctx: Context) -> None:
    with pytest.raises(InputError), ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Fritz Graf"))
        journal.log(ctx, conn, ["fritz"], via="pigeon")
    with ctx.transaction() as conn, pytest.raises(NotFound):
        people.resolve(ctx, conn, "fritz")


def test_changing_a_circle_cadence_changes_what_is_rusting(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Gina Rossi", circle="core"))
        journal.log(ctx, conn, ["gina"], via="call", when=(ctx.now - timedelta(days=20)).isoformat())
        assert people.listing(ctx, conn, only_rusting=True) == []
        people.set_circle(ctx, conn, "core", cadence_days=14, capacity=None, half_life_days=None)
        assert [r["name"] for r in people.listing(ctx, conn, only_rusting=True)] == ["Gina Rossi"]
