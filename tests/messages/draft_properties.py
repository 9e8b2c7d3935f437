"""Properties of a draft a person would send, shared by the unit and the command-line tests.

Each function returns the list of what is wrong (empty when the draft is fine), so a failing test names it.
"""

from __future__ import annotations

import re
from datetime import time

#: German phrases that break grammar when a typed noun phrase lands after a preposition or a possessive
#: ("zu neue Meeting-Formate", "für dein neue …"), and English slips of the same kind.
BAD_GRAMMAR = [
    re.compile(
        r"\b(?:zu|zum|zur|für|mit|über|von|vom|bei|beim|aus|nach|seit|ohne|um|durch|gegen)\s+"
        r"(?:neue|gute|grosse|große|kleine|agile|digitale|erste|neuer|neues|guter|gutes|agiler|agiles|digitaler)\b"
    ),
    re.compile(r"\b(?:dein|Ihr|mein)\s+(?:neue|gute|grosse|große|agile|digitale)\b"),
    re.compile(r"\b(?:deinen|Ihren|meinen)\s+\w+\s+zu\s+(?:der|die|das)\b"),
    re.compile(r"\b(?:am|um|im)\s+(?:am|um|im|on|at|in)\b"),
    re.compile(r"\b(?:Nach|After)\s+(?:am|on|letzte|last|gestern|yesterday)\b"),
    re.compile(r"\b(?:on|at|in)\s+(?:on|at|in)\b"),
    re.compile(r"\s[,.!?]"),
    re.compile(r"[.!?][A-Za-zÄÖÜäöü]"),
]
THIRD_PERSON = re.compile(
    r"(?i:\b(?:he|she|his|her|him)\b)|\b(?:er|sie|sein|seine|seinen|seiner|seinem|ihm|ihn|ihre|ihren|ihrem|ihrer)\b"
)
DU_WORDS = re.compile(r"\b(?:dich|dir|dein|deine|deinen|deinem|deiner|du)\b")
FORMAL_GREETING = re.compile(r"^(?:Guten Tag|Grüezi|Sehr geehrte)")
MEALS = {
    "coffee": re.compile(r"\b(?:Kaffee|coffee)\b", re.I),
    "lunch": re.compile(r"\b(?:Mittagessen|lunch)\b", re.I),
    "drink": re.compile(r"\b(?:Feierabend\w*|after-work|drink)\b", re.I),
}
CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
FITTING = {
    "coffee": (time(7, 0), time(11, 0)),
    "lunch": (time(11, 30), time(13, 30)),
    "drink": (time(16, 30), time(20, 0)),
}
QUOTED = re.compile(r"[«“]([^»”]+)[»”]")
THANKS = re.compile(r"\b(?:danke|dank|merci|thank|thanks)\b", re.I)


def grammar(text: str) -> list[str]:
    return [f"{p.pattern!r} matches {m.group(0)!r}" for p in BAD_GRAMMAR for m in p.finditer(text)]


def first_person(text: str) -> list[str]:
    """No sentence speaks of the recipient in the third person (a pasted note)."""
    return [f"third person: {m.group(0)!r}" for m in THIRD_PERSON.finditer(text)]


def fitting_time(text: str) -> list[str]:
    """Each proposal names a kind of meeting at a time that fits it (no lunch at 8:30)."""
    wrong = []
    for sentence in re.split(r"(?<=[?!])\s+|(?<=[^\d\s][.])\s+|\n+", text):
        clocks = [time(int(h), int(m)) for h, m in CLOCK.findall(sentence)]
        if not clocks:
            continue
        meals = [name for name, p in MEALS.items() if p.search(sentence)]
        if len(meals) != 1:
            wrong.append(f"a time without one kind of meeting: {sentence!r}")
            continue
        low, high = FITTING[meals[0]]
        wrong += [f"{meals[0]} at {c:%H:%M}: {sentence!r}" for c in clocks if not low <= c <= high]
    return wrong


def signed(text: str, name: str) -> list[str]:
    return [] if text.rstrip().endswith(name) else [f"not signed {name!r}: …{text[-40:]!r}"]


def address(text: str) -> list[str]:
    """A du-draft never opens formally; a Sie-draft never says du."""
    if DU_WORDS.search(text) and FORMAL_GREETING.search(text):
        return [f"formal greeting in a du-draft: {text.splitlines()[0]!r}"]
    return []


def quoted_from(text: str, stored: list[str]) -> list[str]:
    """Every quotation in the draft is a stored fact, as stored."""
    facts = {s.strip().rstrip(".") for s in stored if s}
    return [f"quotes what is not stored: {q!r}" for q in QUOTED.findall(text) if q.strip() not in facts]


def not_pasted(text: str, notes: list[str], words: int = 5) -> list[str]:
    """No run of `words` words of a free note appears in the draft."""
    found = []
    flat = " ".join(text.split()).lower()
    for note in notes:
        tokens = note.lower().split()
        for i in range(len(tokens) - words + 1):
            run = " ".join(tokens[i : i + words])
            if run in flat:
                found.append(f"pasted note: {run!r}")
                break
    return found
