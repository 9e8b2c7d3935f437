"""Reading contacts for export: every detail, the filters, stable UIDs, and a number of queries that does not grow
with the number of contacts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, update

from rapport.domain.model import ActionKind, Direction, YearlyDate
from rapport.errors import InputError
from rapport.services import exporting, journal, people
from rapport.services.context import Context
from rapport.store.schema import contacts, emails, phones
from tests.conftest import make_context


def _export(ctx: Context, **options: Any) -> list[exporting.ExportContact]:
    with ctx.transaction() as conn:
        return list(exporting.export_contacts(ctx, conn, **options))


@contextmanager
def _counting(ctx: Context) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)


def test_an_export_object_carries_every_detail(ctx: Context) -> None:
    with ctx.transaction() as conn:
        anna = people.add_contact(
            ctx,
            conn,
            people.NewContact(
                "Dr. Anna Maria Keller",
                emails=["anna@example.com", "a.keller@work.example"],
                phones=["+41 79 123 45 67"],
                company="Keller AG",
                title="CEO",
                linkedin="linkedin.com/in/anna-keller",
                xing="https://www.xing.com/profile/Anna_Keller",
                urls=["anna.example"],
                circle="core",
                tags=["design", "Zürich"],
                interests=["jazz", "sailing"],
                birthday="--02-29",
                anniversaries=["Wedding=2015-06-20", "01.09."],
                address="Bahnhofstrasse 1\n8001 Zürich",
                how_met="Design Days",
                looking_for="a UX designer",
                offers="intros to investors",
            ),
        )
        conn.execute(update(emails).where(emails.c.address == "a.keller@work.example").values(label="work"))
        conn.execute(update(contacts).where(contacts.c.id == anna.id).values(connected_on=date(2020, 5, 4)))
        journal.note(ctx, conn, "anna", "first note")
        ctx.now += timedelta(hours=1)
        journal.note(ctx, conn, "anna", "second note")
    [found] = _export(ctx)
    assert found.id == anna.id and found.name == "Dr. Anna Maria Keller"
    assert (found.prefix, found.given_name, found.middle_name, found.family_name, found.suffix) == (
        "Dr.",
        "Anna",
        "Maria",
        "Keller",
        "",
    )
    assert (found.organisation, found.title, found.circle, found.archived) == ("Keller AG", "CEO", "core", False)
    assert found.emails == (("anna@example.com", ""), ("a.keller@work.example", "work"))
    assert found.phones == (("+41791234567", ""),)
    assert found.urls == (
        ("linkedin", "https://www.linkedin.com/in/anna-keller"),
        ("xing", "https://www.xing.com/profile/Anna_Keller"),
        ("web", "https://anna.example"),
    )
    assert found.birthday == YearlyDate(2, 29)
    assert found.anniversaries == (("Wedding", YearlyDate(6, 20, 2015)), ("", YearlyDate(9, 1)))
    assert found.tags == ("design", "Zürich") and found.interests == ("jazz", "sailing")
    assert found.notes == ("first note", "second note")
    assert found.address == "Bahnhofstrasse 1\n8001 Zürich"
    assert (found.how_met, found.looking_for, found.offers) == ("Design Days", "a UX designer", "intros to investors")
    assert found.connected_on == date(2020, 5, 4)
    assert found.updated_at == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # the second note, an hour after NOW


def test_filters_by_circle_and_tag_and_leaves_out_the_archived(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller", circle="core", tags=["Design"]))
        people.add_contact(ctx, conn, people.NewContact("Beat Meier", circle="active", tags=["design", "golf"]))
        people.add_contact(ctx, conn, people.NewContact("Carla Roth", circle="wider"))
        people.add_contact(ctx, conn, people.NewContact("Emil Graf", circle="archived", tags=["design"]))

    def names(**options: Any) -> list[str]:
        return [c.name for c in _export(ctx, **options)]

    assert names() == ["Anna Keller", "Beat Meier", "Carla Roth"]
    assert names(include_archived=True) == ["Anna Keller", "Beat Meier", "Carla Roth", "Emil Graf"]
    assert names(circle="Core") == ["Anna Keller"]
    assert names(tag="DESIGN") == ["Anna Keller", "Beat Meier"]
    assert names(tag="design", include_archived=True) == ["Anna Keller", "Beat Meier", "Emil Graf"]
    assert names(circle="archived") == ["Emil Graf"]
    assert names(circle="active", tag="golf") == ["Beat Meier"]
    assert names(tag="nobody") == []
    with pytest.raises(InputError) as unknown:
        names(circle="family")
    assert unknown.value.code == "input.circle"


def test_contacts_come_by_name_regardless_of_case_and_accents(ctx: Context) -> None:
    with ctx.transaction() as conn:
        for name in ("zoe Weber", "Ärni Brunner", "Beat Meier", "anna Keller"):
            people.add_contact(ctx, conn, people.NewContact(name))
    assert [c.name for c in _export(ctx)] == ["anna Keller", "Ärni Brunner", "Beat Meier", "zoe Weber"]


def _bulk(ctx: Context, first: int, n: int) -> None:
    """n contacts with an e-mail, a phone and a birthday each (details inserted directly, which is faster)."""
    with ctx.transaction() as conn:
        for i in range(first, first + n):
            new = people.add_contact(
                ctx, conn, people.NewContact(f"Person {i:03d}", birthday="--03-14", tags=["t"]), force=True
            )
            conn.execute(insert(emails).values(owner_id=ctx.owner_id, contact_id=new.id, address=f"p{i}@example.com"))
            conn.execute(insert(phones).values(owner_id=ctx.owner_id, contact_id=new.id, number=f"+4179000{i:04d}"))


def test_the_number_of_queries_does_not_grow_with_the_number_of_contacts(ctx: Context) -> None:
    _bulk(ctx, 0, 4)
    with _counting(ctx) as few:
        small = _export(ctx)
    _bulk(ctx, 4, 30)
    with _counting(ctx) as many:
        large = _export(ctx, tag="t")
    assert len(small) == 4 and len(large) == 34
    assert len(many) == len(few) <= 12  # ids, owner, contacts and one per detail table
    with _counting(ctx) as chunked:
        in_chunks = _export(ctx, chunk_size=10)
    assert in_chunks == large
    assert len(chunked) == len(few) + 3 * (len(few) - 2)  # four chunks of ten instead of one
    assert all(len(c.emails) == len(c.phones) == 1 and c.birthday == YearlyDate(3, 14) for c in large)


def test_uids_are_stable_for_a_store_and_differ_between_owners(ctx: Context, store_url: str) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller"))
    first = _export(ctx)
    assert [c.uid for c in _export(ctx)] == [c.uid for c in first]
    assert len(first[0].uid) == 36
    other = make_context(store_url)
    try:
        with other.transaction() as conn:
            people.add_contact(other, conn, people.NewContact("Anna Keller"))
        assert _export(other)[0].uid != first[0].uid
    finally:
        other.close()


def test_open_follow_ups_and_todays_other_actions(ctx: Context) -> None:
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Dora Frei", at="Meetup", when="2026-11-25T19:00")
        journal.met(ctx, conn, "Fritz Graf", at="Lunch", when="2026-11-20T12:00")  # overdue since 23 Nov
        people.add_contact(ctx, conn, people.NewContact("Carla Roth", tags=["vip"]))
        journal.log(ctx, conn, ["carla"], via="call", when="2026-11-20")
        journal.favour(ctx, conn, "carla", Direction.RECEIVED, "advice", None)
        windows = exporting.follow_ups(ctx, conn)
        actions = exporting.due_actions(ctx, conn)
        only_carla = exporting.follow_ups(ctx, conn, only=[]), exporting.due_actions(ctx, conn, only=[])
        uids = {c.name: c.uid for c in exporting.export_contacts(ctx, conn)}
    assert [(w.name, w.place, w.overdue(ctx.now)) for w in windows] == [
        ("Fritz Graf", "Lunch", True),
        ("Dora Frei", "Meetup", False),
    ]
    dora = windows[1]
    assert dora.closes_at == dora.met_at + timedelta(hours=72) and dora.contact_uid == uids["Dora Frei"]
    assert [(a.action.kind, a.action.contact_name, a.contact_uid) for a in actions] == [
        (ActionKind.GIVE, "Carla Roth", uids["Carla Roth"])
    ]
    assert only_carla == ([], [])


def test_an_export_file_appears_whole_or_not_at_all(ctx: Context, tmp_path: Path) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller", emails=["anna@example.com"]))
    target = tmp_path / "out.vcf"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError), exporting.output(str(target)) as out, ctx.transaction() as conn:
        exporting.export_vcards(ctx, conn, out, circle="nonsense")
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["out.vcf"]
    with exporting.output(str(target)) as out, ctx.transaction() as conn:
        assert exporting.export_vcards(ctx, conn, out) == 1
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert os.listdir(tmp_path) == ["out.vcf"] and target.stat().st_mode & 0o077 == 0
    with exporting.output(str(tmp_path / "out.csv")) as out, ctx.transaction() as conn:
        assert exporting.export_csv(ctx, conn, out, delimiter=";") == 1
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfname;")


def test_export_to_standard_output(ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller", birthday="--03-14"))
    with exporting.output("-") as out, ctx.transaction() as conn:
        assert exporting.export_calendar(ctx, conn, out) == 1
    assert "SUMMARY:Birthday: Anna Keller" in capsys.readouterr().out
