"""Import and export from the command line: summaries, dry runs, bad files in one line, files that open."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import vobject
from icalendar import Calendar

from tests.cli.conftest import Cli

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"  # 18 people in 11 files: samples/README.md
FILES = sorted(str(p) for p in SAMPLES.rglob("*") if p.suffix in (".vcf", ".csv"))


def test_import_all_samples_then_again(cli: Cli) -> None:
    cli.ok("init")
    first = json.loads(cli.ok("import", *FILES, "--json").out)
    assert first["created"] == 18 and first["skipped"]["hidden-member"] == 4
    again = json.loads(cli.ok("import", *FILES, "--json").out)
    assert again["created"] == again["merged"] == again["updated"] == again["interactions"] == 0
    text = cli.ok("import", str(SAMPLES / "vcard" / "xing-single-3.0.vcf"), lang="de").out
    assert "0 neu" in text and "1 unverändert" in text


def test_dry_run_saves_nothing(cli: Cli) -> None:
    cli.ok("init")
    before = cli.snapshot()
    result = cli.ok("import", *FILES, "--dry-run")
    assert "18 new" in result.out and "Dry run: nothing was saved." in result.out
    assert cli.snapshot() == before


def test_a_bad_file_is_one_line_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("import", str(SAMPLES / "vcard" / "apple-contacts-3.0.vcf"))
    before = cli.snapshot()
    cases = {
        "empty.vcf": b"",
        "binary.csv": bytes(range(256)) * 4,
        "data.csv": b'{"contacts": []}',
        "truncated.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Keller\r\n",
        "bad-date.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Keller\r\nBDAY:1990-02-30\r\nEND:VCARD\r\n",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = cli("import", str(path))
        assert result.code == 2, (name, result.err)
        assert result.err.startswith("Error: ") and name in result.err and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
        assert cli.snapshot() == before, name
    skipped = cli.ok("import", str(tmp_path / "bad-date.vcf"), "--skip-bad")
    assert "bad-date.vcf, line 4" in skipped.err


def test_a_csv_with_a_column_mapping(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    path = tmp_path / "kontakte.csv"
    path.write_bytes("Vorname;Nachname;Firma;E-Mail\nJürg;Äbi;Bäckerei Äbi;juerg@aebi.example\n".encode("cp1252"))
    refused = cli("import", str(path))
    assert refused.code == 2 and "--map" in refused.err
    cli.ok("import", str(path), "--map", "Vorname=given_name,Nachname=family_name,Firma=organisation,E-Mail=email")
    shown = json.loads(cli.ok("show", "aebi", "--json").out)
    assert (shown["name"], shown["organisation"], shown["emails"]) == (
        "Jürg Äbi",
        "Bäckerei Äbi",
        ["juerg@aebi.example"],
    )


def test_duplicates_merge_and_keep_apart(cli: Cli) -> None:
    cli.ok("init")
    cli.ok("add", "Matteo Galli", "--company", "Lugano Bank")
    cli.ok("import", str(SAMPLES / "vcard" / "google-contacts-3.0.vcf"))
    pairs = json.loads(cli.ok("duplicates", "--json").out)
    assert len(pairs) == 1
    first, second = pairs[0]["first"]["id"], pairs[0]["second"]["id"]
    assert "merge" in cli.ok("duplicates").out
    cli.ok("merge", "--not", f"#{first}", f"#{second}")
    assert json.loads(cli.ok("duplicates", "--json").out) == []
    merged = cli.ok("merge", f"#{first}", f"#{second}")
    assert "Merged" in merged.out
    assert len(json.loads(cli.ok("list", "--json").out)) == 2
    assert cli("merge", f"#{first}", f"#{first}").code == 2


def test_exports_open_in_their_readers(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("import", *FILES)
    cli.ok("met", "Nicolas Favre", "--at", "Claims Forum breakfast", "--when", "2026-11-26T08:00")  # after his messages
    cards = tmp_path / "network.vcf"
    assert "18 contacts exported" in cli.ok("export", "vcard", "-o", str(cards)).out
    names = {card.fn.value for card in vobject.readComponents(cards.read_text(encoding="utf-8"))}
    assert len(names) == 18 and "Jörg Bühler" in names
    table = tmp_path / "network.csv"
    cli.ok("export", "csv", "-o", str(table), "--delimiter", ";")
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 18
    calendar = tmp_path / "network.ics"
    cli.ok("export", "ics", "-o", str(calendar))
    parsed = Calendar.from_ical(calendar.read_bytes())
    summaries = [str(e.get("summary")) for e in parsed.walk("VEVENT")]
    assert any("Nicolas Favre" in s for s in summaries) and any("Jörg Bühler" in s for s in summaries)
    assert cli("export", "pdf").code == 2


def test_backup_and_restore_give_back_the_same_network(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    saved = tmp_path / "backup.jsonl"
    assert "Backup of" in cli.ok("backup", "-o", str(saved)).out
    agenda = cli.ok("today", "--json").out
    refused = cli("restore", str(saved))
    assert refused.code == 4 and "--replace" in refused.err
    fresh = Cli(str(tmp_path / "restored.db"), cli._capsys)
    assert "Restored" in fresh.ok("restore", str(saved)).out
    assert fresh.ok("today", "--json").out == agenda
    assert fresh.ok("show", "Thomas Keller", "--json").out == cli.ok("show", "Thomas Keller", "--json").out
    exported = tmp_path / "export.jsonl"
    cli.ok("export", "json", "-o", str(exported))
    assert exported.read_text().splitlines()[0].startswith('{"format":"rapport-backup"')
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("\n".join(saved.read_text().splitlines()[:-3]) + "\n")
    before = fresh.snapshot()
    result = fresh("restore", str(damaged), "--replace")
    assert result.code == 2 and result.err.count("\n") == 1 and fresh.snapshot() == before


def _card_view(profile: dict[str, object]) -> tuple[object, ...]:
    """What a vCard carries of a contact."""
    return (
        profile["name"],
        profile["prefix"],
        profile["given_name"],
        profile["family_name"],
        profile["organisation"],
        profile["title"],
        sorted(profile["emails"]),
        sorted(profile["phones"]),
        sorted(profile["urls"]),  # type: ignore[arg-type]
        sorted((d["kind"], d["label"], d["date"]) for d in profile["dates"]),  # type: ignore[attr-defined]
        sorted(profile["tags"]),
        profile["address"],  # type: ignore[arg-type]
        sorted(n["text"] for n in profile["notes"]),  # type: ignore[attr-defined]
        # what only rapport knows (X-RAPPORT-*, INTEREST)
        profile["circle"],
        sorted(profile["interests"]),  # type: ignore[arg-type]
        profile["how_met"],
        profile["looking_for"],
        profile["offers"],
    )


def test_a_vcard_export_imports_back_without_loss(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("import", *FILES)
    cli.ok(
        "add",
        "Heidi Bachmann",
        "--birthday",
        "--02-29",
        "--anniversary",
        "Hochzeit=2010-06-20",
        "--tag",
        "ski",
        "--email",
        "heidi@bachmann.example",
        "--address",
        "Dorfstrasse 1\n7270 Davos Platz\nSchweiz",
        "--circle",
        "core",
        "--interest",
        "ski touring, avalanches",
        "--how-met",
        "Parsenn hut",
        "--looking-for",
        "a physiotherapist",
        "--offers",
        "a flat in Davos; weekends",
    )
    cli.ok("note", "heidi", "Skis every weekend; two kids")
    for version in ("4.0", "3.0"):
        cards = tmp_path / f"network-{version}.vcf"
        cli.ok("export", "vcard", "-o", str(cards), "--vcard-version", version)
        other = Cli(str(tmp_path / f"other-{version}.db"), cli._capsys)
        other.ok("init")
        summary = json.loads(other.ok("import", str(cards), "--json").out)
        assert summary["created"] == 19, summary
        for contact in json.loads(cli.ok("list", "--json").out):
            original = json.loads(cli.ok("show", f"#{contact['id']}", "--json").out)
            copy = json.loads(other.ok("show", original["name"], "--json").out)
            assert _card_view(copy) == _card_view(original), (version, original["name"])
