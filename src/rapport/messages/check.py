"""Personalisation check: how personal is a message to a contact?

A pure, deterministic function: regular expressions and word lists per language (see `phrases.py`), no ML, no
network. It scores a message 0–100 and lists which elements are present and which are missing, with a concrete
hint for each (naming the contact's stored facts when given). The model is Julia's note to Thomas (practices.md,
item 4): greeting by name, the shared moment, the topic, what she did with his input, specific thanks, and a
concrete next meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from rapport.messages import phrases as P

#: A message scoring at least this is "good" (calibrated on tests/data/messages/labelled.jsonl).
GOOD_FROM = 70

#: Points per element; they add up to 100.
WEIGHTS: dict[str, int] = {
    "greeting": 10,
    "moment": 15,
    "topic": 15,
    "consequence": 20,
    "thanks": 15,
    "next_step": 25,
}
#: Bare thanks ("Thanks!") earn this many of the thanks points.
BARE_THANKS = 7
#: Penalties (subtracted, the score never goes below 0).
STOCK_PENALTY = 25
GAP_PENALTY = 20
GAP_PENALTY_MAX = 60
LENGTH_PENALTY_NOTE = 30  # a LinkedIn note over the limit cannot even be sent
LENGTH_PENALTY = 20

NOTE_LIMIT = 300
EMAIL_MIN, EMAIL_MAX = 120, 2500
MESSAGE_MAX = 2000
NOTE_CHANNELS = {"linkedin_note", "linkedin-note", "note", "connection_note", "invitation"}

assert sum(WEIGHTS.values()) == 100


@dataclass(frozen=True)
class Facts:
    """What rapport knows about the contact; every field is optional."""

    first_name: str | None = None
    family_name: str | None = None
    met_on: date | None = None
    met_weekday: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    looking_for: str | None = None
    next_event: str | date | None = None


class Element(NamedTuple):
    name: str
    present: bool
    evidence: str | None
    hint: str | None


@dataclass(frozen=True)
class CheckResult:
    score: int
    lang: str
    channel: str
    elements: list[Element]
    points: dict[str, int]

    @property
    def good(self) -> bool:
        return self.score >= GOOD_FROM

    def element(self, name: str) -> Element:
        for e in self.elements:
            if e.name == name:
                return e
        raise KeyError(name)

    @property
    def missing(self) -> list[str]:
        return [e.name for e in self.elements if not e.present]

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "good": self.good,
            "lang": self.lang,
            "channel": self.channel,
            "elements": [
                {
                    "name": e.name,
                    "present": e.present,
                    "evidence": e.evidence,
                    "hint": e.hint,
                    "points": self.points[e.name],
                }
                for e in self.elements
            ],
        }


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'de' or 'en' by counting frequent words (umlauts and ß count for German); English on a tie."""
    words = [w.lower() for w in _WORD.findall(text)]
    de = sum(w in P.STOPWORDS["de"] for w in words) + sum(ch in "äöüßÄÖÜ" for ch in text) * 0.5
    en = sum(w in P.STOPWORDS["en"] for w in words)
    return "de" if de > en else "en"


def _sentences(text: str) -> list[str]:
    # split after ! ? or after a full stop that does not end a number ("27. Juni", "12.06.")
    parts = re.split(r"(?<=[!?])\s+|(?<=[^\d\s][.])\s+|\n+", text)
    return [p for p in parts if p.strip()]


def _first(patterns: list[re.Pattern[str]], text: str) -> str | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m.group(0).strip()
    return None


def _short(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _fmt_date(d: date, lang: str) -> str:
    month = P.MONTHS[lang][d.month - 1]
    return f"{d.day}. {month} {d.year}" if lang == "de" else f"{d.day} {month} {d.year}"


def _stem_hit(topic: str, text_low: str) -> bool:
    low = topic.lower()
    if low and low in text_low:
        return True
    words = [w for w in _WORD.findall(low) if len(w) >= 5]
    return bool(words) and any(w[:5] in text_low for w in words)


_PAST_WHEN = re.compile(
    r"\b(?:last|letzten|vergangenen)\s+(?:\w+day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b",
    re.IGNORECASE,
)


def _is_proposal(sentence: str) -> bool:
    return "?" in sentence or bool(P.PROPOSAL.search(sentence))


def check(
    text: str,
    lang: str | None = None,
    facts: Facts | None = None,
    channel: str = "email",
    limit: int | None = None,
) -> CheckResult:
    """Score `text` 0–100 and explain which elements of a personal message are present or missing."""
    text = text if isinstance(text, str) else str(text)
    text = text.replace("\x00", " ")
    lg = (lang or "").lower()[:2]
    if lg not in ("de", "en"):
        lg = detect_language(text)
    h = P.HINTS[lg]
    ch = (channel or "email").lower()
    f = facts or Facts()
    topic = f.topics[0] if f.topics else None
    low = text.lower()
    sentences = _sentences(text)
    proposals = [s for s in sentences if _is_proposal(s)]
    others = [s for s in sentences if not _is_proposal(s)]
    elements: list[Element] = []
    points: dict[str, int] = {}

    def add(name: str, present: bool, evidence: str | None, hint: str | None, pts: int) -> None:
        elements.append(Element(name, present, _short(evidence) if evidence else None, hint))
        points[name] = pts

    # greeting by name
    m = P.GREETING.search(text[:200])
    name = m.group(1) if m else None
    if name and name.lower().strip(".") in P.NOT_A_NAME:
        name = None
    if name:
        hint = None
        if (
            f.first_name
            and f.first_name.lower() not in text[:200].lower()
            and (not f.family_name or f.family_name.lower() not in text[:200].lower())
        ):
            hint = h["greeting_facts"].format(first_name=f.first_name)
        add("greeting", True, m.group(0) if m else None, hint, WEIGHTS["greeting"])
    else:
        hint = h["greeting_facts"].format(first_name=f.first_name) if f.first_name else h["greeting"]
        add("greeting", False, None, hint, 0)

    # the shared moment: when/where (not inside the proposal of the next meeting)
    past = " ".join(others)
    ev = _first(P.MOMENT, past)
    if ev is None:
        ev = _first(P.MOMENT[:3], text)  # "since our …", "yesterday", "last Tuesday" are never a proposal
    if ev is None and f.place and f.place.lower() in past.lower():
        ev = f.place
    if ev is not None:
        add("moment", True, ev, None, WEIGHTS["moment"])
    else:
        when = f.met_weekday or (P.WEEKDAYS[lg][f.met_on.weekday()] if f.met_on else None)
        bits = []
        if when:
            bits.append(("am " if lg == "de" else "on ") + when)
        if f.place:
            bits.append(("in/bei " if lg == "de" else "at ") + f.place)
        hint = h["moment_facts"].format(moment=" ".join(bits)) if bits else h["moment"]
        add("moment", False, None, hint, 0)

    # a specific topic
    if f.topics:
        hit = next((t for t in f.topics if _stem_hit(t, low)), None)
        if hit:
            add("topic", True, hit, None, WEIGHTS["topic"])
        else:
            add("topic", False, None, h["topic_facts"].format(topic=" / ".join(f.topics[:2])), 0)
    else:
        ev = _first(P.TOPIC, text)
        add("topic", ev is not None, ev, None if ev else h["topic"], WEIGHTS["topic"] if ev else 0)

    # a personal consequence
    ev = _first(P.CONSEQUENCE, text)
    if ev:
        add("consequence", True, ev, None, WEIGHTS["consequence"])
    else:
        hint = h["consequence_facts"].format(topic=topic) if topic else h["consequence"]
        add("consequence", False, None, hint, 0)

    # specific thanks
    m = P.THANKS_SPECIFIC.search(text)
    if m:
        add("thanks", True, m.group(0), None, WEIGHTS["thanks"])
    else:
        bare = P.THANKS_BARE.search(text)
        if bare:
            hint = h["thanks_facts"].format(topic=topic) if topic else h["thanks_bare"]
            add("thanks", False, bare.group(0), hint, BARE_THANKS)
        else:
            add("thanks", False, None, h["thanks_facts"].format(topic=topic) if topic else h["thanks"], 0)

    # a concrete next step with a date or time
    ev = None
    for s in proposals:
        future = _PAST_WHEN.sub(" ", s)  # "last Tuesday" in a proposal is the moment, not the next step
        if _first(P.DATE_TIME, future):
            ev = s
            break
    if ev:
        add("next_step", True, ev, None, WEIGHTS["next_step"])
    else:
        vague = next((s for s in proposals if P.VAGUE_PROPOSAL.search(s) or P.PROPOSAL.search(s)), None)
        if f.next_event:
            nxt = _fmt_date(f.next_event, lg) if isinstance(f.next_event, date) else str(f.next_event)
            hint = h["next_step_facts"].format(next_event=nxt)
        else:
            hint = h["next_step_vague"] if vague else h["next_step"]
        add("next_step", False, vague, hint, 0)

    # no stock phrases
    found = [m.group(0) for p in P.STOCK_PHRASES for m in p.finditer(text)]
    add(
        "stock_phrases",
        not found,
        "; ".join(found) if found else None,
        h["stock_phrases"].format(phrase=found[0]) if found else None,
        -STOCK_PENALTY * len(found),
    )

    # no unfilled gaps
    gaps = [m.group(0) for p in P.GAPS for m in p.finditer(text)]
    add(
        "gaps",
        not gaps,
        "; ".join(gaps) if gaps else None,
        h["gaps"].format(gap=gaps[0]) if gaps else None,
        -min(GAP_PENALTY_MAX, GAP_PENALTY * len(gaps)),
    )

    # sensible length for the channel
    n = len(text.strip())
    if ch in NOTE_CHANNELS or (ch == "linkedin" and limit is not None and limit <= NOTE_LIMIT):
        top = limit if limit is not None else NOTE_LIMIT
        ok, pen, hint = n <= top, LENGTH_PENALTY_NOTE, h["length_over_limit"].format(limit=top, n=n)
    elif ch in ("email", "mail", "e-mail"):
        top = limit if limit is not None else EMAIL_MAX
        if n < EMAIL_MIN:
            ok, pen, hint = False, LENGTH_PENALTY, h["length_short"].format(minimum=EMAIL_MIN, n=n)
        else:
            ok, pen, hint = n <= top, LENGTH_PENALTY, h["length_over_limit"].format(limit=top, n=n)
    else:
        top = limit if limit is not None else MESSAGE_MAX
        ok, pen, hint = n <= top, LENGTH_PENALTY, h["length_over_limit"].format(limit=top, n=n)
    add("length", ok, f"{n} characters", None if ok else hint, 0 if ok else -pen)

    score = max(0, min(100, sum(points.values())))
    return CheckResult(score=score, lang=lg, channel=ch, elements=elements, points=points)
