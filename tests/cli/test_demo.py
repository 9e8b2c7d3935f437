"""`rapport demo` follows --lang: in German, what the agenda quotes from Julia's network is German too."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli
from tests.services.test_demo import ENGLISH, words


def test_the_german_demo_makes_the_german_agenda_german_throughout(cli: Cli) -> None:
    cli.ok("demo", lang="en")
    mixed = cli.ok("today", "--limit", "100", lang="de").out
    assert words(mixed) & ENGLISH  # the English demo's texts under a German agenda: the word list sees them

    loaded = cli.ok("demo", "--reset", lang="de")
    assert "Demo-Netzwerk geladen" in loaded.out
    agenda = cli.ok("today", "--limit", "100", lang="de").out
    assert words(agenda) & ENGLISH == set(), agenda
    assert "Thomas Keller" in agenda and "Neuer Leiter Digitale Kanäle" in agenda and "UX-Researcherin" in agenda

    thomas = json.loads(cli.ok("show", "Thomas", "--json", lang="de").out)
    assert "Design Thinking" in thomas["interests"] and "neue Sitzungsformate" in thomas["interests"]
    german_network = json.loads(cli.ok("today", "--json", lang="en").out)
    cli.ok("demo", "--reset", lang="en")
    assert [(a["kind"], a["name"]) for a in json.loads(cli.ok("today", "--json", lang="en").out)] == [
        (a["kind"], a["name"]) for a in german_network
    ]
