"""Importing the sample files (tests/data/samples): one contact per human, nothing lost, nothing twice, news from
re-imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from rapport.errors import InputError
from rapport.services import agenda, importing, journal, merging, people
from rapport.services.context import Context
from rapport.store.schema import contacts, events, interactions, metadata

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"  # who is in which file: samples/README.md
ALL_FILES = sorted(str(p) for p in SAMPLES.rglob("*") if p.suffix in (".vcf", ".csv"))
PEOPLE = {
    "Nicolas Favre",
    "Walter Gisler",
    "Katharina Imhof-Berger",
    "Jörg Bühler",
    "Camille Rochat",
    "Matteo Galli",
    "Aisha Raman",
    "Jonas Studer",
    "Federica Pini",
    "Simon Aebischer",
    "Nina Baumgartner",
    "Roman Tanner",
    "Yuki Tanaka",
    "Markus Wälti",
    "Samira Haddad",
    "Hansjörg Ammann",
    "Irina Kovač",
    "Fabian Koch",
}


def _import(ctx: Context, *paths: str, **options: object) -> importing.ImportSummary:
    with ctx.transaction() as conn:
        return importing.import_files(ctx, conn, list(paths), **options)  # type: ignore[arg-type]


def _snapshot(ctx: Context) -> dict[str, list[tuple[object, ...]]]:
    with ctx.engine.connect() as conn:
        return {
            t.name: sorted(map(tuple, conn.execute(select(t))))
            for t in metadata.sorted_tables
            if t.name != "store_version"  # a counter of writes, not data
        }


def _profile(ctx: Context, name: str) -> dict[str, object]:
    with ctx.transaction() as conn:
        return people.profile(ctx, conn, name)


def _names(ctx: Context) -> list[str]:
    with ctx.engine.connect() as conn:
        return sorted(
            conn.execute(select(contacts.c.display_name).where(contacts.c.owner_id == ctx.owner_id)).scalars()
        )


def test_the_samples_are_in_the_repository() -> None:
    assert len(ALL_FILES) == 11, ALL_FILES


def test_all_samples_become_one_contact_per_person(ctx: Context) -> None:
    summary = _import(ctx, *ALL_FILES)
    names = _names(ctx)
    assert len(names) == 18, names
    assert {people_name.replace("Joerg Buehler", "Jörg Bühler") for people_name in names} == PEOPLE
    assert summary.skipped["hidden-member"] == 4  # two in each export with URLs

    joerg = _profile(ctx, "Jörg Bühler")
    assert "joerg.buehler@glaernisch.example" in joerg["emails"]  # type: ignore[operator]
    assert "+41794821630" in joerg["phones"]  # type: ignore[operator]
    assert "https://www.linkedin.com/in/joerg-buehler-gl" in joerg["urls"]  # type: ignore[operator]
    dates = {(d["kind"], d["date"].iso()) for d in joerg["dates"]}  # type: ignore[attr-defined,union-attr]
    assert ("birthday", "--07-22") in dates and ("anniversary", "2018-05-12") in dates

    nina = _profile(ctx, "Nina Baumgartner")
    assert {(d["kind"], d["date"].iso()) for d in nina["dates"]} >= {  # type: ignore[attr-defined,union-attr]
        ("birthday", "--05-09"),
        ("anniversary", "2011-06-04"),
    }
    hansjoerg = _profile(ctx, "Hansjörg Ammann")
    assert any("zur Mühle in Luzern" in n["text"] for n in hansjoerg["notes"])  # type: ignore[attr-defined,index]
    assert _profile(ctx, "Camille Rochat")["dates"][0]["date"].iso() == "1979-04-19"  # type: ignore[index]
    katharina = _profile(ctx, "Katharina Imhof-Berger")
    assert katharina["prefix"] == "Prof. Dr. med." or "Prof. Dr. med." in str(katharina["name"])

    nicolas = _profile(ctx, "Nicolas Favre")
    channels = [i["channel"] for i in nicolas["interactions"]]  # type: ignore[attr-defined]
    assert channels.count("linkedin") == 3  # the invitation, his reply and my message
    assert summary.interactions == 6


def test_importing_the_samples_again_changes_nothing(ctx: Context) -> None:
    _import(ctx, *ALL_FILES)
    before = _snapshot(ctx)
    again = _import(ctx, *ALL_FILES)
    assert again.created == again.merged == again.updated == again.interactions == 0
    assert _snapshot(ctx) == before


def test_a_newer_linkedin_export_brings_promotions_and_job_changes(ctx: Context) -> None:
    old = str(SAMPLES / "linkedin" / "Connections-2025-06-01.csv")
    new = str(SAMPLES / "linkedin" / "Connections.csv")
    first = _import(ctx, old)
    assert first.news == []
    second = _import(ctx, new)
    news = {(n["name"], n["kind"]) for n in second.news}
    assert news == {
        ("Katharina Imhof-Berger", "promotion"),
        ("Aisha Raman", "promotion"),
        ("Jörg Bühler", "new-job"),
        ("Jonas Studer", "new-job"),
    }
    assert second.created == 3  # Nicolas, Nina and Irina connected since
    assert _profile(ctx, "Jonas Studer")["organisation"] == "Jura Mobil AG"
    with ctx.transaction() as conn:
        proposals = agenda.today(ctx, conn, limit=50)
        assert (
            conn.execute(select(func.count()).select_from(events).where(events.c.owner_id == ctx.owner_id)).scalar()
            == 4
        )
    congratulated = {a.contact_name for a in proposals if a.kind.value == "congratulate"}
    assert congratulated >= {"Katharina Imhof-Berger", "Aisha Raman", "Jörg Bühler", "Jonas Studer"}


def test_an_older_export_after_a_newer_one_reports_no_news(ctx: Context) -> None:
    _import(ctx, str(SAMPLES / "linkedin" / "Connections.csv"))
    older = _import(ctx, str(SAMPLES / "linkedin" / "Connections-2025-06-01.csv"))
    assert older.news == []
    assert _profile(ctx, "Jonas Studer")["organisation"] == "Jura Mobil AG"


def test_a_bad_record_imports_nothing_unless_skipped(ctx: Context, tmp_path: Path) -> None:
    bad = tmp_path / "contacts.csv"
    bad.write_text(
        "Vorname;Nachname;E-Mail\nAnna;Keller;anna@example.com\nBeat;Meier;not-an-address\n", encoding="utf-8"
    )
    mapping = "Vorname=given_name,Nachname=family_name,E-Mail=email"
    before = _snapshot(ctx)
    with pytest.raises(InputError) as refused:
        _import(ctx, str(bad), fmt="csv", mapping=mapping)
    assert refused.value.facts["line"] == 3 and refused.value.facts["problem"] == "bad.email"
    assert _snapshot(ctx) == before
    skipped = _import(ctx, str(bad), fmt="csv", mapping=mapping, skip_bad=True)
    assert skipped.created == 1 and [(b.line, b.problem) for b in skipped.bad] == [(3, "bad.email")]


def test_interactions_imported_update_the_keep_in_touch_rhythm(ctx: Context) -> None:
    _import(ctx, str(SAMPLES / "linkedin" / "Connections.csv"), str(SAMPLES / "linkedin" / "messages.csv"))
    nicolas = _profile(ctx, "Nicolas Favre")
    assert nicolas["last_real_at"] is not None and nicolas["interaction_count"] == 2
    with ctx.engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(interactions).where(interactions.c.owner_id == ctx.owner_id)
            ).scalar()
            == 4
        )


def test_same_name_elsewhere_is_a_possible_duplicate_to_merge_or_keep_apart(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Matteo Galli", company="Lugano Bank", emails=["m@lb.example"]))
        journal.log(ctx, conn, ["matteo"], via="call", when="2026-11-01")
    summary = _import(ctx, str(SAMPLES / "vcard" / "google-contacts-3.0.vcf"))
    assert summary.possible_duplicates == 1 and len(_names(ctx)) == 3
    with ctx.transaction() as conn:
        pairs = merging.duplicates(ctx, conn)
        assert [(p["first"]["name"], p["second"]["name"]) for p in pairs] == [("Matteo Galli", "Matteo Galli")]
        first, second = pairs[0]["first"]["id"], pairs[0]["second"]["id"]
        merging.keep_apart(ctx, conn, f"#{first}", f"#{second}")
        assert merging.duplicates(ctx, conn) == []
        merging.merge(ctx, conn, f"#{first}", f"#{second}")
        assert len(merging.duplicates(ctx, conn)) == 0
    merged = _profile(ctx, f"#{first}")
    assert merged["emails"] == ["m@lb.example"] and "+41917352018" in merged["phones"]  # type: ignore[operator]
    assert any("Valle Maggia" in n["text"] for n in merged["notes"])  # type: ignore[attr-defined,index]
    assert merged["interaction_count"] == 1


def test_a_record_that_is_two_contacts_joins_them(ctx: Context) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Joerg Buehler", emails=["joerg.buehler@glaernisch.example"]))
        people.add_contact(
            ctx,
            conn,
            people.NewContact(
                "J. Bühler", company="Kessler Partners AG", linkedin="https://www.linkedin.com/in/joerg-buehler-gl"
            ),
        )
        journal.log(ctx, conn, ["J. Bühler"], via="call", when="2026-11-01")
    summary = _import(ctx, str(SAMPLES / "vcard" / "apple-contacts-3.0.vcf"))
    assert len(_names(ctx)) == 2  # Jörg and Walter
    joerg = _profile(ctx, "Jörg Bühler")
    assert joerg["interaction_count"] == 1 and len(joerg["urls"]) == 1  # type: ignore[arg-type]
    assert summary.merged >= 2
