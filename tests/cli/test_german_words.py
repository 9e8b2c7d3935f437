"""In German, the main commands say nothing in English: outside what the user stored (names, notes, topics,
imported data) and the commands and settings one types, no word of an English word list appears."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli

SAMPLES = Path(__file__).parents[1] / "data" / "samples"

# English words rapport's own texts would use; none is also a German word ("in", "was", "Person", "Name", "E-Mail" are)
ENGLISH = {"the", "and", "with", "of", "to", "for", "from", "is", "are", "by", "at", "on", "you", "your"}
ENGLISH |= {"they", "them", "their", "not", "yes", "no", "none", "never", "ago", "due", "now", "since", "every"}
ENGLISH |= {"circle", "core", "active", "wider", "archived", "day", "days", "hour", "hours", "last", "contact"}
ENGLISH |= {"contacts", "news", "new", "job", "lead", "gave", "received", "balance", "favour", "favours", "referral"}
ENGLISH |= {"introduction", "advice", "help", "other", "birthday", "promotion", "anniversary", "media", "call"}
ENGLISH |= {"meeting", "message", "group", "social", "phone", "profiles", "tags", "interests", "notes", "strength"}
ENGLISH |= {"possible", "duplicate", "duplicates", "imported", "merged", "updated", "unchanged", "skipped", "file"}
ENGLISH |= {"line", "dry", "run", "nothing", "saved", "default", "environment", "language", "zone", "country"}
ENGLISH |= {"follow", "thanks", "personal", "greeting", "topic", "step", "date", "when", "where", "what", "how"}

# the stored terms are shown translated, so what JSON calls them is no user data to ignore
TERM_FIELDS = {"circle", "kind", "channel", "direction", "initiator", "reason", "source"}


def _strings(data: Any, field: str = "") -> list[str]:
    if isinstance(data, str):
        return [] if field in TERM_FIELDS else [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in _strings(value, key)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value, field)]
    return []


def _flat(text: str) -> str:
    """One line; a word the terminal broke after its hyphen ("Product-⏎Circle-Treffen") joined again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


def _english_words(text: str, user_data: list[str]) -> set[str]:
    """The English words in `text` once user data, quotations, commands and settings are taken out."""
    flat = re.sub(r"`[^`]*`|«[^»]*»|--[\w-]+|\brapport \w+|\b\w+ = \S+|\bRAPPORT_\w+|\S+@\S+|\S*/\S*", " ", _flat(text))
    for value in sorted({_flat(v) for v in user_data if len(v.strip()) > 1}, key=len, reverse=True):
        flat = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", flat)  # whole words only: "Zeit" not in "Zeitzone"
    return set(re.findall(r"[^\W\d_]+", flat.lower())) & ENGLISH


def test_the_main_commands_speak_german_only(cli: Cli, tmp_path: Path) -> None:
    de: dict[str, str] = {"lang": "de"}
    outputs = {"demo": cli.ok("demo", **de).out}
    outputs["today"] = cli.ok("today", "--limit", "100", **de).out
    people = ["Thomas Keller", "Lukas Ammann", "Martina Frei", "Reto Brunner", "Nina Vogt", "Andrea Kälin"]
    for name in people:
        outputs[f"show {name}"] = cli.ok("show", name, **de).out
    outputs["list"] = cli.ok("list", **de).out
    outputs["circles"] = cli.ok("circles", **de).out
    outputs["add"] = cli.ok("add", "Hans Muster", "--circle", "kern", **de).out
    outputs["move"] = cli.ok("move", "Hans Muster", "weiter", **de).out
    outputs["gave"] = cli.ok("gave", "Hans Muster", "empfehlung", **de).out
    outputs["news"] = cli.ok("news", "Hans Muster", "neue stelle", **de).out
    outputs["log"] = cli.ok("log", "Hans Muster", "--via", "anruf", **de).out
    outputs["show Hans Muster"] = cli.ok("show", "Hans Muster", **de).out
    for sample in (SAMPLES / "linkedin" / "Connections.csv", SAMPLES / "vcard" / "rfc6350-4.0.vcf"):
        done = cli.ok("import", str(sample), **de)
        outputs[f"import {sample.name}"] = done.out + done.err
    outputs["duplicates"] = cli.ok("duplicates", **de).out
    outputs["config list"] = cli.ok("config", "list", **de).out
    outputs["meet"] = cli.ok("meet", "Hans Muster", "--on", "morgen 18:30", "--at", "Kaufleuten", **de).out
    outputs["meet list"] = cli.ok("meet", "list", **de).out
    outputs["today (meetings)"] = cli.ok("today", now="2026-11-28T09:00", **de).out  # asks after the one of the 27th
    outputs["meet done"] = cli.ok("meet", "done", "Hans Muster", now="2026-11-28T09:00", **de).out
    drafted = cli.ok("draft", "Thomas Keller", **de)
    outputs["draft"] = drafted.out + drafted.err
    outputs["meet cancel"] = cli.ok("meet", "cancel", "Thomas", **de).out
    message = tmp_path / "message.txt"
    message.write_text("Hallo Thomas\n\nSchön, dich gestern getroffen zu haben.\n\nLiebe Grüsse\nJulia\n")
    outputs["check"] = cli("check", str(message), **de).out
    outputs["intros"] = cli.ok("intros", **de).out
    outputs["introduce"] = cli.ok("introduce", "Thomas Keller", "Fabian Moser", **de).out
    outputs["introduce --agreed"] = cli.ok("introduce", "Thomas Keller", "Fabian Moser", "--agreed", **de).out

    stored = json.loads(cli.ok("list", "--json", **de).out)
    user_data = [*_strings(stored), str(SAMPLES)]
    for row in stored:
        user_data += _strings(json.loads(cli.ok("show", f"#{row['id']}", "--json", **de).out))

    found = {command: _english_words(text, user_data) for command, text in outputs.items()}
    assert {command: words for command, words in found.items() if words} == {}
    # the word list does catch English: the same commands in English are full of it
    english = cli.ok("today", "--limit", "100").out + cli.ok("list").out + cli.ok("show", "Hans Muster").out
    assert len(_english_words(english, user_data)) >= 8


def test_the_german_names_the_help_shows_are_typed_like_the_english_ones(cli: Cli, tmp_path: Path) -> None:
    de: dict[str, str] = {"lang": "de"}
    cli.ok("demo", **de)
    english = cli.ok("draft", "Thomas Keller", "--kind", "follow-up", "--via", "linkedin-message", "--json", **de)
    german = cli.ok("draft", "Thomas Keller", "--kind", "Nachfassen", "--via", "LinkedIn-Nachricht", "--json", **de)
    assert german.out == english.out and json.loads(german.out)["kind"] == "follow-up"
    assert cli("draft", "Thomas Keller", "--via", "E-Mail", **de).code == 0
    refused = cli("draft", "Thomas Keller", "--via", "Brieftaube", **de)
    assert refused.code != 0 and "Brieftaube" in refused.err and "Traceback" not in refused.err

    message = tmp_path / "message.txt"
    message.write_text("Hallo Lukas\n\nHerzliche Gratulation zur neuen Stelle als Teamleiter bei der SBB!\n\nJulia\n")
    checked = {
        typed: json.loads(cli.ok("check", str(message), "--kind", kind, "--channel", channel, "--json", **de).out)
        for typed, (kind, channel) in {"en": ("congrats", "message"), "de": ("Gratulation", "Nachricht")}.items()
    }
    assert checked["de"] == checked["en"] and checked["de"]["kind"] == "congrats"


# networking time: its own words, and the commands in German
ENGLISH |= {"lunch", "coffee", "desk", "free", "week", "appointment", "appointments", "booked", "removed"}


def test_networking_time_speaks_german_only(cli: Cli, tmp_path: Path) -> None:
    de: dict[str, str] = {"lang": "de"}
    outputs = {"demo": cli.ok("demo", **de).out}
    outputs["week"] = cli.ok("week", **de).out
    outputs["time add"] = cli.ok("time", "add", "Sa 10-11", "--kind", "Anruf", **de).out
    outputs["time list"] = cli.ok("time", "list", **de).out
    outputs["week --ics"] = cli.ok("week", "--ics", str(tmp_path / "woche.ics"), **de).out
    for typed in (["Di 25:00"], ["Mo 12-11"], ["Sa 10:30-11:30"], ["Xy 12-13"], ["So 9-10", "--kind", "Abendessen"]):
        outputs[f"time add {typed}"] = cli("time", "add", *typed, **de).err
    outputs["time remove"] = cli.ok("time", "remove", "4", **de).out
    outputs["time remove 99"] = cli("time", "remove", "99", **de).err
    calendar = (tmp_path / "woche.ics").read_text(encoding="utf-8")
    outputs["ics"] = " ".join(line for line in calendar.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION")))

    stored = json.loads(cli.ok("list", "--json", **de).out)
    user_data = [*_strings(stored), str(tmp_path)]
    found = {command: _english_words(text, user_data) for command, text in outputs.items()}
    assert {command: words for command, words in found.items() if words} == {}
    english = cli.ok("week").out + cli.ok("time", "list").out
    assert len(_english_words(english, user_data)) >= 4


# groups and meetups: the commands in German, the invitation included
ENGLISH |= {"meetup", "members", "invite", "faces", "recorded", "weekly", "monthly", "quarterly", "lunch"}


def test_groups_and_meetups_speak_german_only(cli: Cli, tmp_path: Path) -> None:
    de: dict[str, str] = {"lang": "de", "now": "2026-12-01T09:00"}
    outputs = {"demo": cli.ok("demo", **de).out}
    outputs["group list"] = cli.ok("group", "list", **de).out
    outputs["group show"] = cli.ok("group", "show", "Nordstern", **de).out
    outputs["meetup plan"] = cli.ok("meetup", "plan", "Nordstern", "--ics", str(tmp_path / "s.ics"), **de).out
    outputs["group create"] = cli.ok("group", "create", "Wanderclub", "--every", "wöchentlich", **de).out
    outputs["group add"] = cli.ok("group", "add", "Wanderclub", "Urs Widmer", **de).out
    outputs["group remove"] = cli.ok("group", "remove", "Wanderclub", "Urs Widmer", **de).out
    outputs["meetup plan (empty)"] = cli("meetup", "plan", "Wanderclub", **de).err
    outputs["meetup done"] = cli.ok(
        "meetup", "done", "Nordstern", "--attended", "Urs Widmer", "--new-face", "Lea Brunner", **de
    ).out
    calendar = (tmp_path / "s.ics").read_text(encoding="utf-8")
    outputs["ics"] = " ".join(line for line in calendar.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION")))

    stored = json.loads(cli.ok("list", "--json", **de).out)
    user_data = [*_strings(stored), str(tmp_path), "Nordstern-Stamm", "Wanderclub"]
    found = {command: _english_words(text, user_data) for command, text in outputs.items()}
    assert {command: words for command, words in found.items() if words} == {}
    english = cli.ok("meetup", "plan", "Nordstern", now="2026-12-01T09:00").out + cli.ok("group", "list").out
    assert len(_english_words(english, user_data)) >= 4
