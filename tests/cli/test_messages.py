"""Drafts, the check and sending from the command line, on the demo network (Julia and Thomas)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Cli
from tests.messages import draft_properties as props
from tests.services.test_sending import Mailbox, SmtpSettings, _server

DID = "die von dir erwähnte Technik in meinem Teammeeting ausprobiert, mit sehr positiven Ergebnissen"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    for mailbox, settings in _server():
        assert isinstance(settings, SmtpSettings)
        monkeypatch.setenv("RAPPORT_SMTP_HOST", settings.host)
        monkeypatch.setenv("RAPPORT_SMTP_PORT", str(settings.port))
        monkeypatch.setenv("RAPPORT_SMTP_SECURITY", "none")
        monkeypatch.setenv("RAPPORT_MAIL_FROM", "Julia Baumann <julia@example.ch>")
        yield mailbox


def test_the_follow_up_draft_for_thomas_is_personal_in_swiss_german_and_english(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_MAIL_FROM", "Julia Baumann <julia@example.ch>")  # the sign-off's name
    cli.ok("demo")
    german = json.loads(cli.ok("draft", "Thomas", "--lang", "de-CH", "--did", DID, "--json").out)
    assert german["kind"] == "follow-up" and german["check"]["score"] >= 90, german
    assert "Dienstag" in german["text"] and "ß" not in german["text"] and german["gaps"] == []
    assert german["subject"] and german["to"].endswith("brunnmatt-medical.example")
    english = json.loads(
        cli.ok("draft", "Thomas", "--lang", "en", "--did", "tried the technique in my team", "--json", lang="en").out
    )
    assert english["check"]["score"] >= 90 and "Tuesday" in english["text"]
    plain = json.loads(cli.ok("draft", "Thomas", "--lang", "de-CH", "--json").out)  # what Julia noted she did
    assert plain["check"]["score"] >= 90 and plain["gaps"] == [] and "ausprobiert" in plain["text"]
    plain_en = json.loads(cli.ok("draft", "Thomas", "--lang", "en", "--json", lang="en").out)
    assert plain_en["check"]["score"] >= 90 and plain_en["gaps"] == [] and "Ich habe" not in plain_en["text"]
    cli.ok("met", "Nina Graf", "--at", "Product Circle meetup", "--topic", "pricing")
    gap = json.loads(cli.ok("draft", "Nina Graf", "--lang", "de-CH", "--json").out)
    assert gap["gaps"] and gap["gaps"][0] in gap["text"]  # what rapport does not know is marked, not invented
    cli.ok("note", "Nina Graf", "--did", "Ich habe deine Preis-Checkliste gleich mit meinem Team durchgespielt.")
    filled = json.loads(cli.ok("draft", "Nina Graf", "--lang", "de-CH", "--json").out)
    assert filled["gaps"] == [] and "Preis-Checkliste" in filled["text"]
    note = json.loads(cli.ok("draft", "Thomas", "--via", "linkedin", "--lang", "de-CH", "--did", DID, "--json").out)
    assert len(note["text"]) <= 300 and note["to"].startswith("https://www.linkedin.com/")


def test_a_draft_that_does_not_apply_is_refused(cli: Cli) -> None:
    cli.ok("demo")
    cli.ok("add", "Neue Person")
    for args, code in (
        (("--kind", "follow-up"), "no first meeting"),
        (("--kind", "congrats"), "nothing to congratulate"),
        (("--kind", "poem"), "Unknown kind"),
    ):
        result = cli("draft", "Neue Person", *args)
        assert result.code == 2 and code.lower() in result.err.lower(), result.err


def test_polish_without_a_writing_help_keeps_rapports_draft(cli: Cli) -> None:
    cli.ok("demo")
    result = cli.ok("draft", "Thomas", "--polish", "--did", DID, "--lang", "de-CH")
    # --lang de-CH chooses the draft's language and the interface's alike
    assert "Schreibhilfe ist nicht eingerichtet" in result.err and "Dienstag" in result.out


def test_send_delivers_umlauts_and_closes_the_window(cli: Cli, smtp: Mailbox, tmp_path: Path) -> None:
    cli.ok("demo")
    assert any(a["kind"] == "follow-up" for a in json.loads(cli.ok("today", "--json").out))
    body = tmp_path / "mail.txt"
    body.write_text("Lieber Thomas, es hat mich gefreut – Grüsse aus Zürich!", encoding="utf-8")
    sent = cli.ok("send", "Thomas", "--message-file", str(body), "--subject", "Grüsse vom Dienstag")
    assert "72-hour window" in sent.out
    message = message_from_bytes(smtp.received[0][2], policy=policy.default)
    assert message["subject"] == "Grüsse vom Dienstag"
    assert "Grüsse aus Zürich" in message.get_content()
    assert not any(a["kind"] == "follow-up" for a in json.loads(cli.ok("today", "--json").out))
    assert json.loads(cli.ok("show", "Thomas", "--json").out)["interactions"][0]["channel"] == "email"


def test_send_without_a_server_logs_nothing(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("demo")
    body = tmp_path / "mail.txt"
    body.write_text("Hallo Thomas", encoding="utf-8")
    before = cli.snapshot()
    assert cli("send", "Thomas", "--message-file", str(body)).code == 2  # not configured
    monkeypatch.setenv("RAPPORT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RAPPORT_SMTP_PORT", "1")
    monkeypatch.setenv("RAPPORT_MAIL_FROM", "julia@example.ch")
    result = cli("send", "Thomas", "--message-file", str(body), "--subject", "Hallo")
    assert result.code != 0 and "cannot be reached" in result.err and result.err.count("\n") == 1
    assert cli.snapshot() == before


DEMO_DRAFTS = (
    ("Thomas", ()),
    ("Thomas", ("--via", "linkedin")),
    ("Lukas", ("--kind", "congrats")),
    ("Martina", ("--kind", "check-in")),
)


def _stored_facts(shown: dict[str, Any]) -> list[str]:
    """Every stored fact a draft may quote as it is."""
    return [
        *shown["interests"],
        shown["looking_for"],
        shown["offers"],
        *(e["text"] for e in shown["events"]),
        *(n["text"] for n in shown["notes"] if n["kind"] == "next"),
        *(f["note"] for f in shown["ledger"]),
    ]


def test_the_demo_drafts_read_as_a_person_writes_them(cli: Cli) -> None:
    """Thomas (follow-up, e-mail and LinkedIn), Lukas (congratulation) and Martina (check-in) in de-CH, de and en:
    no grammar error, no invented fact, a fitting time, signed, scored at least 85 for their kind."""
    cli.ok("demo")
    cli.ok("me", "--name", "Julia Baumann")  # the sign-off's name
    shown = {name: json.loads(cli.ok("show", name, "--json").out) for name in ("Thomas", "Lukas", "Martina")}
    planned = [m["about"] for m in json.loads(cli.ok("meet", "list", "--json").out)]  # Thomas's next talk
    for lang in ("de-CH", "de", "en"):
        for name, args in DEMO_DRAFTS:
            draft = json.loads(cli.ok("draft", name, "--lang", lang, *args, "--json", lang=lang[:2]).out)
            text, facts = draft["text"], shown[name]
            free = [n["text"] for n in facts["notes"] if n["kind"] == ""] + [
                i["summary"] for i in facts["interactions"]
            ]
            problems = (
                props.grammar(text)
                + props.first_person(text)
                + props.fitting_time(text)
                + props.signed(text, "Julia Baumann")
                + props.address(text)
                + props.quoted_from(text, _stored_facts(facts) + planned)
                + props.not_pasted(text, free)
            )
            assert problems == [], (lang, name, args, problems, text)
            assert draft["check"]["score"] >= 85 and draft["gaps"] == [], (lang, name, args, draft["check"], text)
            recorded = any(f["direction"] == "received" for f in facts["ledger"]) or any(
                n["kind"] == "did" for n in facts["notes"]
            )
            assert bool(props.THANKS.search(text)) == recorded, (lang, name, text)  # thanks only for what is recorded
            if "linkedin" in args:
                assert len(text) <= 300 and draft["check"]["kind"] == "follow-up"
        # "since we last spoke" is the last real exchange (a call or message), not the like twelve days ago
        martina = json.loads(cli.ok("draft", "Martina", "--kind", "check-in", "--lang", lang, "--json").out)["text"]
        assert not re.search(r"letzte Woche|last week|heute|today", martina), martina
        month = {"09": ("September",)}.get(shown["Martina"]["last_real_at"][5:7], ())
        assert all(m in martina for m in month), martina


def test_a_planned_meeting_and_a_stored_ask_fill_the_drafts(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_MAIL_FROM", "Julia Baumann <julia@example.ch>")
    cli.ok("demo")
    planned = "27 December, next talk of the series"
    cli.ok("met", "Nina Graf", "--at", "Product Circle meetup", "--topic", "pricing", "--next", planned)
    assert any(n["kind"] == "next" for n in json.loads(cli.ok("show", "Nina Graf", "--json").out)["notes"])
    cli.ok("note", "Nina Graf", "--did", "I tried your pricing checklist with my team right away.")
    draft = json.loads(cli.ok("draft", "Nina Graf", "--lang", "en", "--json").out)
    assert planned in draft["text"] and not props.CLOCK.search(draft["text"]), draft["text"]
    assert draft["check"]["score"] >= 85 and planned not in draft["notes"]
    # an ask quotes what I recorded asking for (`rapport ask`), once I have given first
    cli.ok("gave", "Thomas", "introduction", "--note", "Intro to a facilitator")
    wish = "eine Einführung bei eurer Qualitätsabteilung für meine Masterarbeit"
    cli.ok("ask", "Thomas", wish)
    ask = json.loads(cli.ok("draft", "Thomas", "--kind", "ask", "--lang", "de-CH", "--json", lang="de").out)
    assert wish in ask["text"] and ask["gaps"] == [] and ask["check"]["score"] >= 85, ask
    assert props.grammar(ask["text"]) == [] and props.fitting_time(ask["text"]) == []
