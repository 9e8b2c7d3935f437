"""Introductions on the store (SQLite and PostgreSQL): proposals, the double opt-in, and what is remembered."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from rapport.domain.introductions import pair
from rapport.errors import InputError, NotFound, Refused
from rapport.messages.check import GOOD_FROM
from rapport.services import demo, introductions, journal, people
from rapport.services.context import Context
from rapport.store.schema import favours
from rapport.store.schema import introductions as introductions_table


def _add(ctx: Context, name: str, **fields: object) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact(name, **fields))  # type: ignore[arg-type]


def _names(ctx: Context, top: int = 10) -> list[tuple[str, str]]:
    with ctx.transaction() as conn:
        return [(s.first.name, s.second.name) for s in introductions.suggestions(ctx, conn, top)]


def test_the_demo_proposes_urs_and_the_company_hiring_project_leads_in_logistics(ctx: Context) -> None:
    with ctx.transaction() as conn:
        demo.load_demo(ctx, conn)
        found = introductions.suggestions(ctx, conn, 5)
    pairs = [{s.first.name, s.second.name} for s in found]
    assert {"Urs Widmer", "Adrian Suter"} in pairs
    assert {"Thomas Keller", "Fabian Moser"} in pairs
    urs = next(s for s in found if s.first.name == "Urs Widmer" and s.second.name == "Adrian Suter")
    assert urs.reasons[0].facts["reason"] == "job"
    # Urs meets his former colleagues at the monthly Stamm: they know each other
    assert not any({"Urs Widmer", "Priska Odermatt"} == p or {"Urs Widmer", "Patrick Zimmermann"} == p for p in pairs)


def test_stemmed_german_and_english_words_meet(ctx: Context) -> None:
    _add(ctx, "Anna Muster", company="A AG", looking_for="Eine Projektleitung für unseren Umbau")
    _add(ctx, "Beat Beispiel", company="B AG", title="Projektleiter")
    _add(ctx, "Cleo Test", company="C AG", looking_for="a facilitator for our retreat")
    _add(ctx, "Dora Probe", company="D AG", title="Facilitation Lead")
    assert set(_names(ctx)) == {("Anna Muster", "Beat Beispiel"), ("Cleo Test", "Dora Probe")}


def test_archived_contacts_and_pairs_met_together_are_not_proposed(ctx: Context) -> None:
    _add(ctx, "Anna Muster", company="A", interests=["chess"])
    _add(ctx, "Beat Beispiel", company="B", interests=["chess"])
    _add(ctx, "Cleo Test", company="C", interests=["chess"])
    _add(ctx, "Dora Archiv", company="D", interests=["chess"])
    with ctx.transaction() as conn:
        people.archive(ctx, conn, "Dora Archiv")
        journal.log(ctx, conn, ["Anna Muster", "Beat Beispiel"], via="group")
    assert set(_names(ctx)) == {("Anna Muster", "Cleo Test"), ("Beat Beispiel", "Cleo Test")}


def test_introduce_asks_both_records_pending_and_the_pair_is_not_proposed_again(ctx: Context) -> None:
    with ctx.transaction() as conn:
        demo.load_demo(ctx, conn)
        done = introductions.introduce(ctx, conn, "Thomas Keller", "Fabian Moser", lang="en")
    assert done.status == "pending" and len(done.drafts) == 2
    assert [d.kind for d in done.drafts] == ["intro-ask", "intro-ask"]
    assert all(d.check.score >= GOOD_FROM for d in done.drafts), [d.check.as_json() for d in done.drafts]
    assert done.drafts[0].text.startswith("Hello Thomas") or "Thomas" in done.drafts[0].text.split(",")[0]
    assert "Fabian" in done.drafts[1].text.split(",")[0]
    assert all(d.text.rstrip().endswith("Julia Baumann") for d in done.drafts)
    assert {"Thomas Keller", "Fabian Moser"} not in [{a, b} for a, b in _names(ctx, 50)]
    with ctx.transaction() as conn, pytest.raises(Refused) as refused:
        introductions.introduce(ctx, conn, "Fabian Moser", "Thomas Keller")
    assert refused.value.code == "intros.already.pending"


def test_agreed_introduces_them_records_made_and_a_favour_given_to_each(ctx: Context) -> None:
    with ctx.transaction() as conn:
        demo.load_demo(ctx, conn)
        introductions.introduce(ctx, conn, "Urs Widmer", "Adrian Suter", lang="de-CH")
        given_before = conn.execute(
            select(func.count())
            .select_from(favours)
            .where(favours.c.owner_id == ctx.owner_id, favours.c.direction == "given")
        ).scalar_one()
        done = introductions.agreed(ctx, conn, "Urs Widmer", "Adrian Suter", lang="de-CH")
        given_after = conn.execute(
            select(func.count())
            .select_from(favours)
            .where(favours.c.owner_id == ctx.owner_id, favours.c.direction == "given")
        ).scalar_one()
        status = conn.execute(
            select(introductions_table.c.status).where(introductions_table.c.owner_id == ctx.owner_id)
        ).scalar_one()
    assert status == "made" and given_after == given_before + 2
    (letter,) = done.drafts
    assert letter.kind == "introduction" and letter.check.score >= GOOD_FROM, letter.check.as_json()
    assert letter.text.startswith(("Hallo Urs und Adrian", "Hoi Urs und Adrian", "Salü Urs und Adrian"))
    assert "ß" not in letter.text  # Swiss spelling
    with ctx.transaction() as conn, pytest.raises(Refused) as refused:
        introductions.agreed(ctx, conn, "Urs Widmer", "Adrian Suter")
    assert refused.value.code == "intros.already.made"


def test_declined_is_remembered(ctx: Context) -> None:
    _add(ctx, "Anna Muster", company="A", interests=["chess"])
    _add(ctx, "Beat Beispiel", company="B", interests=["chess"])
    with ctx.transaction() as conn:
        done = introductions.declined(ctx, conn, "Anna", "Beat")
        assert store_pairs(ctx, conn) == {pair(done.first.id, done.second.id)}
    assert _names(ctx) == []


def store_pairs(ctx: Context, conn: object) -> set[tuple[int, int]]:
    from rapport.store import introductions as store

    return store.introduced_pairs(conn, ctx.owner_id)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second", "error", "code"),
    [
        ("Anna", "anna muster", InputError, "intros.self"),
        ("Anna", "Dora", Refused, "intros.archived"),
        ("Anna", "Nobody Here", NotFound, "contact.not_found"),
    ],
)
def test_bad_pairs_are_refused_and_nothing_is_written(
    ctx: Context, first: str, second: str, error: type[Exception], code: str
) -> None:
    _add(ctx, "Anna Muster", company="A", interests=["chess"])
    _add(ctx, "Dora Archiv", company="D", interests=["chess"])
    with ctx.transaction() as conn:
        people.archive(ctx, conn, "Dora Archiv")
    for action in (introductions.introduce, introductions.agreed, introductions.declined):
        with ctx.transaction() as conn, pytest.raises(error) as raised:
            action(ctx, conn, first, second)
        assert raised.value.code == code  # type: ignore[attr-defined]
    with ctx.transaction() as conn:
        assert store_pairs(ctx, conn) == set()
        assert (
            conn.execute(
                select(func.count()).select_from(favours).where(favours.c.owner_id == ctx.owner_id)
            ).scalar_one()
            == 0
        )
