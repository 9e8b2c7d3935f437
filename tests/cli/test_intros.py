"""`rapport intros` and `rapport introduce` on the demo, in English and German; bad pairs change nothing."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize("lang", ["en", "de"])
def test_intros_on_the_demo_proposes_a_pair_with_its_quoted_reason(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    out = cli.ok("intros", "--top", "3", lang=lang).out
    assert "Urs Widmer ↔ Adrian Suter" in out
    quote = "«" if lang == "de" else "“"
    assert f"{quote}A project lead role" in out or f"{quote}Eine Stelle als Projektleiter" in out
    data = json.loads(cli.ok("intros", "--json", lang=lang).out)
    assert data[0]["first"]["name"] == "Urs Widmer" and data[0]["reasons"][0]["reason"] == "job"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_introduce_drafts_both_opt_in_questions_that_pass_the_check(cli: Cli, lang: str) -> None:
    cli.ok("demo", lang=lang)
    data = json.loads(cli.ok("introduce", "Thomas Keller", "Fabian Moser", "--json", lang=lang).out)
    assert data["status"] == "pending"
    assert [d["kind"] for d in data["drafts"]] == ["intro-ask", "intro-ask"]
    assert all(d["check"]["good"] for d in data["drafts"])
    assert "Thomas Keller ↔ Fabian Moser" not in cli.ok("intros", "--top", "50", lang=lang).out
    made = json.loads(cli.ok("introduce", "Thomas", "Fabian", "--agreed", "--json", lang=lang).out)
    assert made["status"] == "made" and made["drafts"][0]["check"]["good"]
    shown = cli.ok("show", "Fabian Moser", "--json", lang=lang).out
    assert json.loads(shown)["ledger"][0]["kind"] == "introduction"


@pytest.mark.parametrize(
    ("args", "en", "de"),
    [
        (
            ("Thomas Keller", "thomas"),
            "cannot be introduced to themselves",
            "kann nicht mit sich selbst bekannt gemacht werden",
        ),
        (("Thomas Keller", "Ramona Gasser"), "Ramona Gasser is archived", "Ramona Gasser ist archiviert"),
        (("Thomas Keller", "Nobody Atall"), "Nobody Atall", "Nobody Atall"),
        (("Thomas Keller", "Fabian Moser", "--agreed", "--declined"), "exclude each other", "schliessen einander aus"),
    ],
)
def test_bad_pairs_get_one_line_in_the_users_language_and_change_nothing(
    cli: Cli, args: tuple[str, ...], en: str, de: str
) -> None:
    cli.ok("demo")
    before = cli.snapshot()
    for lang, words in (("en", en), ("de", de)):
        result = cli("introduce", *args, lang=lang)
        assert result.code != 0 and words in result.err and "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert cli.snapshot() == before


def test_an_introduction_already_asked_is_refused(cli: Cli) -> None:
    cli.ok("demo")
    cli.ok("introduce", "Urs Widmer", "Adrian Suter")
    before = cli.snapshot()
    result = cli("introduce", "Adrian Suter", "Urs Widmer", lang="de")
    assert result.code == 4 and "schon offen" in result.err
    assert cli.snapshot() == before


def test_an_empty_network_has_nothing_to_propose_and_a_bad_top_is_refused(cli: Cli) -> None:
    cli.ok("init")
    assert "No introduction to propose" in cli.ok("intros").out
    assert json.loads(cli.ok("intros", "--json").out) == []
    for lang, words in (("en", "--top must be between 1"), ("de", "--top muss zwischen 1")):
        result = cli("intros", "--top", "0", lang=lang)
        assert result.code == 2 and words in result.err
