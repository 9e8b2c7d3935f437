"""The owner's profile, and a store that keeps whatever input accepts: backed up and restored, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.domain import limits
from tests.cli.conftest import Cli


def test_the_profile_is_shown_set_and_cleared(cli: Cli) -> None:
    cli.ok("init")
    empty = cli.ok("me")
    assert "Name: —" in empty.out and "rapport me --name" in empty.out
    cli.ok("me", "--name", "Julia  Baumann", "--organisation", "Brunnmatt Medical AG", "--email", "Julia@Example.CH")
    assert json.loads(cli.ok("me", "--json").out) == {
        "name": "Julia Baumann",
        "organisation": "Brunnmatt Medical AG",
        "email": "Julia@example.ch",
    }
    cli.ok("me", "--email", "")
    assert json.loads(cli.ok("me", "--json").out)["email"] == ""
    german = cli.ok("me", lang="de").out
    assert "Organisation: Brunnmatt Medical AG" in german and "E-Mail: —" in german


def test_drafts_sign_with_the_owners_name(cli: Cli) -> None:
    cli.ok("demo")  # the demo signs as Julia: take her name away first
    cli.ok("me", "--name", "")
    unsigned = json.loads(cli.ok("draft", "thomas", "--json", "--lang", "en").out)["text"]
    cli.ok("me", "--name", "Julia Baumann")
    for lang in ("en", "de-CH"):
        signed = json.loads(cli.ok("draft", "thomas", "--json", "--lang", lang).out)
        assert signed["text"].rstrip().endswith("\nJulia Baumann") and signed["gaps"] == []
    assert "Julia Baumann" not in unsigned
    assert unsigned.rstrip().endswith("[your name]")  # a marked gap until the name is known
    note = json.loads(cli.ok("draft", "thomas", "--via", "linkedin", "--json").out)["text"]
    assert note.endswith(", Julia Baumann") and len(note) <= 300  # a connection note is signed too


def test_dormant_ties_at_my_own_organisation_are_worth_less(cli: Cli) -> None:
    cli.ok("demo", now="2026-11-26T09:00")

    def reconnections() -> dict[str, float]:
        actions = json.loads(cli.ok("today", "--json", "--limit", "200", now="2026-11-26T09:00").out)
        return {a["name"]: a["priority"] for a in actions if a["kind"] == "reconnect"}

    before = reconnections()
    cli.ok("me", "--organisation", "wallis  print ag")  # Markus Imhof's organisation, spelled otherwise
    after = reconnections()
    assert after.get("Markus Imhof", 0) < before["Markus Imhof"]
    assert after["Isabelle Perrin"] == before["Isabelle Perrin"]  # at another organisation: as before


def test_the_profile_travels_with_a_backup(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("me", "--name", "Julia Baumann", "--organisation", "Acme", "--email", "julia@example.ch")
    cli.ok("add", "Anna Keller")
    backup = tmp_path / "backup.jsonl"
    cli.ok("backup", "-o", str(backup))
    cli.ok("me", "--name", "", "--organisation", "", "--email", "")
    cli.ok("restore", str(backup), "--replace")
    assert json.loads(cli.ok("me", "--json").out) == {
        "name": "Julia Baumann",
        "organisation": "Acme",
        "email": "julia@example.ch",
    }


# Any character a store keeps (no NUL, no lone surrogates), including combining marks, emoji and ligatures that
# folding lengthens (ß → ss, ﬃ → ffi); white space only where it is not collapsed away.
_STORABLE = st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\x00")


def _exactly(limit: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(_STORABLE, min_size=limit, max_size=limit),
        st.sampled_from(["ﬃ", "ß", "Ä", "🙂", "ǅ", "e\u0301"]).map(lambda c: (c * limit)[:limit]),
    )


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=_exactly(limits.NAME),
    company=_exactly(limits.ORGANISATION),
    title=_exactly(limits.JOB_TITLE),
    tag=_exactly(limits.TAG),
    interest=_exactly(limits.TOPIC),
    label=_exactly(limits.DATE_LABEL).filter(lambda s: "=" not in s),
    place=_exactly(limits.PLACE),
    note=st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and "\x00" not in s),
)
def test_everything_input_accepts_is_backed_up_and_restored(
    cli: Cli,
    tmp_path: Path,
    name: str,
    company: str,
    title: str,
    tag: str,
    interest: str,
    label: str,
    place: str,
    note: str,
) -> None:
    note = "".join(ch for ch in note if not 0xD800 <= ord(ch) <= 0xDFFF) or "note"
    cli("init")
    cli.ok("restore", str(_empty_backup(cli, tmp_path)), "--replace")
    cli.ok("me", "--name", name, "--organisation", company)
    added = json.loads(
        cli.ok(
            "add", name, "--company", company, "--title", title, "--tag", tag, "--interest", interest,
            "--anniversary", f"{label}=2015-06-20", "--force", "--json",
        ).out
    )  # fmt: skip
    contact = f"#{added['id']}"
    cli.ok("met", contact, "--at", place, "--when", "2026-11-20", "--topic", interest)
    cli.ok("note", contact, "--", note)  # a note may start with "-": after "--" it is text, not an option
    cli.ok("gave", contact, "advice", "--note", note)
    before = _everything(cli)
    backup = tmp_path / "everything.jsonl"
    cli.ok("backup", "-o", str(backup))
    cli.ok("restore", str(backup), "--replace")
    assert _everything(cli) == before


def _empty_backup(cli: Cli, tmp_path: Path) -> Path:
    """A backup of a store with nothing in it, to start each example afresh."""
    path = tmp_path / "empty.jsonl"
    if not path.exists():
        fresh = Cli(str(tmp_path / "empty.db"), cli._capsys)
        fresh.ok("init")
        fresh.ok("backup", "-o", str(path))
    return path


def _everything(cli: Cli) -> object:
    people = json.loads(cli.ok("list", "--json").out)
    shown = [json.loads(cli.ok("show", f"#{p['id']}", "--json").out) for p in people]
    for person in shown:
        person.pop("id")
        for key in ("notes", "interactions", "ledger", "events"):
            for item in person[key]:
                item.pop("id", None)
    return shown, json.loads(cli.ok("me", "--json").out)


def test_upgrading_a_store_keeps_every_row(cli: Cli) -> None:
    """Migration 0007 changes the users and contacts tables; the rows that refer to them stay."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from rapport.store.db import _MIGRATIONS

    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.execute(
            text("INSERT INTO users (id, name, organisation, created_at) VALUES (1, 'me', 'Acme', :t)"),
            {"t": "2026-01-01 10:00:00"},
        )
    cli.ok("add", "Anna Keller", "--email", "anna@example.com", "--tag", "design")
    cli.ok("note", "anna", "likes hiking")
    cli.ok("met", "anna", "--at", "a talk", "--when", "2026-11-20")
    before = cli.snapshot()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        assert conn.execute(text("SELECT count(*) FROM notes")).scalar() == 1
    engine.dispose()
    assert json.loads(cli.ok("me", "--json").out)["organisation"] == "Acme"  # upgrades again
    assert cli.snapshot() == before


def test_an_import_keeps_the_same_limits_and_its_backup_restores(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    card = tmp_path / ("k" * 230 + ".vcf")  # a long file name: the source noted for each detail is cut, not refused
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Keller\r\nN:Keller;Anna;;;\r\nORG:Acme\r\nEMAIL:anna@example.com\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Meier\r\nN:Meier;Ben;;;\r\nORG:" + "o" * 301 + "\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "C" * 301 + "\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = cli("import", str(card), "--skip-bad")
    assert result.code == 0, result.err
    assert "line 8: its organisation is longer than 300 characters" in result.err
    assert "line 14: its name is longer than 300 characters" in result.err
    assert [p["name"] for p in json.loads(cli.ok("list", "--json").out)] == ["Anna Keller"]
    german = cli("import", str(card), "--skip-bad", lang="de")
    assert "das Feld organisation ist länger als 300 Zeichen" in german.err
    before = _everything(cli)
    backup = tmp_path / "backup.jsonl"
    cli.ok("backup", "-o", str(backup))
    cli.ok("restore", str(backup), "--replace")
    assert _everything(cli) == before
