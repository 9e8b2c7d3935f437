"""Personalisation check: how personal is a message to a contact, for the kind of message it is?

A pure, deterministic function: regular expressions and word lists per language (see `phrases.py` and the date
recogniser in `dates.py`), no ML, no network. It scores a message 0–100 and lists which elements of its kind are
present (with a quotation from the message as evidence) and which are missing (with a concrete hint, naming the
contact's stored facts when given). The model of a follow-up is Julia's note to Thomas (practices.md, item 4):
greeting by name, the shared moment, the topic, what she did with his input, specific thanks, and a concrete next
meeting; the other kinds need other elements (`KINDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from rapport.messages import dates as D
from rapport.messages import phrases as P

#: A message scoring at least this is "good" (calibrated on tests/data/messages/labelled.jsonl).
GOOD_FROM = 70
#: A message that lacks one of its kind's core elements scores at most this (it cannot be good).
CORE_MISSING_MAX = 60


@dataclass(frozen=True)
class Kind:
    """The elements a kind of message needs, with their points (adding up to 100), and the core ones."""

    weights: dict[str, int]
    core: frozenset[str]


KINDS: dict[str, Kind] = {
    "follow-up": Kind(
        {"greeting": 10, "moment": 20, "topic": 20, "consequence": 15, "thanks": 15, "next_step": 20},
        frozenset({"moment", "topic", "next_step"}),
    ),
    "congrats": Kind({"greeting": 20, "news": 40, "personal": 40}, frozenset({"news", "personal"})),
    "check-in": Kind(
        {"greeting": 10, "reference": 35, "question": 35, "consequence": 10, "next_step": 10},
        frozenset({"reference", "question"}),
    ),
    "thanks": Kind({"greeting": 15, "thanks": 40, "consequence": 30, "next_step": 15}, frozenset({"thanks"})),
    "ask": Kind({"greeting": 15, "context": 35, "request": 35, "easy_out": 15}, frozenset({"context", "request"})),
    "share": Kind({"greeting": 15, "item": 30, "relevance": 40, "question": 15}, frozenset({"item", "relevance"})),
    "introduction": Kind(
        {"greeting": 10, "introduced": 20, "reason": 45, "handover": 25}, frozenset({"introduced", "reason"})
    ),
    "invite": Kind({"greeting": 15, "event": 20, "when": 30, "reason": 35}, frozenset({"when", "reason"})),
}
#: Other names a kind is known by (the drafts' and the command line's, in both languages).
KIND_ALIASES = {
    "followup": "follow-up",
    "follow_up": "follow-up",
    "nachfassen": "follow-up",
    "congratulation": "congrats",
    "congratulations": "congrats",
    "gratulation": "congrats",
    "glückwunsch": "congrats",
    "checkin": "check-in",
    "check_in": "check-in",
    "thank-you": "thanks",
    "dank": "thanks",
    "danke": "thanks",
    "request": "ask",
    "bitte": "ask",
    "article": "share",
    "artikel": "share",
    "intro": "introduction",
    "vorstellung": "introduction",
    "invitation": "invite",
    "einladung": "invite",
}
#: The follow-up's points, as before kinds existed.
WEIGHTS: dict[str, int] = KINDS["follow-up"].weights
#: Bare thanks ("Thanks!") earn this share (of 15) of the thanks points.
BARE_THANKS = 7
#: Penalties (subtracted, the score never goes below 0).
STOCK_PENALTY = 25
COURTESY_PENALTY = 10  # "I hope you're well": harmless in a personal message, a sign of a generic one
GAP_PENALTY = 20
GAP_PENALTY_MAX = 60
ASK_PENALTY = 40  # a congratulation that asks for something
LENGTH_PENALTY_NOTE = 30  # a LinkedIn note over the limit cannot even be sent
LENGTH_PENALTY = 20

NOTE_LIMIT = 300
EMAIL_MIN, EMAIL_MIN_SHORT, EMAIL_MAX = 120, 60, 2500
#: Kinds whose e-mail needs the longer minimum (a congratulation or thanks may be short).
LONG_KINDS = frozenset({"follow-up", "ask", "introduction", "invite", "share", "check-in"})
MESSAGE_MAX = 2000
#: Elements are looked for in the first this many characters (the length is judged on the whole text): no message
#: to a person is longer, and it keeps the check fast on whatever is piped into it.
ANALYSED = 6000
#: What a short note (a LinkedIn connection note) may leave out, per kind: 300 characters hold the core, not all.
NOTE_OPTIONAL: dict[str, frozenset[str]] = {
    "follow-up": frozenset({"consequence", "next_step"}),
    "check-in": frozenset({"consequence", "next_step"}),
    "thanks": frozenset({"consequence", "next_step"}),
    "ask": frozenset({"easy_out"}),
    "share": frozenset({"question"}),
    "introduction": frozenset({"handover"}),
}
NOTE_CHANNELS = {"linkedin_note", "linkedin-note", "note", "connection_note", "invitation"}
#: Chat channels where a message as short as a note is judged like one.
SHORT_CHANNELS = {"linkedin", "xing", "chat", "whatsapp", "signal", "sms", "teams", "slack"}

assert all(sum(k.weights.values()) == 100 for k in KINDS.values())


def kind_of(kind: str | None) -> str:
    """The kind's canonical name ("follow-up" when none is given); ValueError for an unknown one."""
    if kind is None or not kind.strip():
        return "follow-up"
    key = kind.strip().lower()
    key = KIND_ALIASES.get(key, key)
    if key not in KINDS:
        raise ValueError(kind)
    return key


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
    kind: str = "follow-up"

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
            "kind": self.kind,
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


class _Message:
    """The message cut into sentences, each marked as looking ahead (a proposal, a plan) or not."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.sentences = _sentences(text)
        self.ahead = [
            s
            for s in self.sentences
            if D.looks_ahead(s) or (P.PROPOSAL.search(s) and not D.looks_back(s) and not P.THANKS.search(s))
        ]
        self.back = [s for s in self.sentences if s not in self.ahead]


def _search(patterns: list[re.Pattern[str]], sentences: list[str]) -> str | None:
    for s in sentences:
        found = _first(patterns, s)
        if found:
            return found
    return None


def _greeting(msg: _Message) -> str | None:
    head = msg.text[:200]
    m = P.GREETING.search(head)
    if m is None and "," in head[:30]:  # "Hoi zäme, hoi Gian"
        m = P.GREETING.search(head.split(",", 1)[1].lstrip())
    if m and m.group(1).lower().strip(".") in P.NOT_A_NAME:  # "Hoi zäme, hoi Gian": the name comes second
        again = P.GREETING.search(head[m.end() :].lstrip(" ,"))
        m = again if again and again.group(1).lower().strip(".") not in P.NOT_A_NAME else m
    if m and m.group(1).lower().strip(".") not in P.NOT_A_NAME:
        return m.group(0).strip(" ,")
    n = P.NAME_FIRST.search(head)
    if n:
        word = n.group(1).lower()
        common = P.STOPWORDS["de"] | P.STOPWORDS["en"] | P.NOT_A_NAME | _OPENERS
        if word not in common and not P.THANKS.match(word) and not P.CONGRATS.match(word):
            return n.group(0).strip(" ,–—-!")
    v = P.VOCATIVE.search(head)
    if v and v.group(1).lower() not in P.NOT_A_NAME:
        return v.group(0).strip()
    v = P.VOCATIVE_INSIDE.search(head)  # "Merci viu mau, Dänu, für …", "Danke Sebastian für …"
    name = v and (v.group(1) or v.group(2))
    if v and name and name.split()[-1].lower() not in P.NOT_A_NAME | P.STOPWORDS["de"] | P.STOPWORDS["en"]:
        return v.group(0).strip(" ,!.")
    return None


def _moment(msg: _Message) -> str | None:
    """When or where you met, in a sentence about that moment (not a proposal, not only what I did since)."""
    for s in msg.back:
        found = D.find(s)
        if found and _shared(s) and (D.looks_back(s) or _MET.search(s) or P.THANKS.search(s)):
            return _around(s, found[0])
    for s in msg.back:
        for i, p in enumerate(P.MOMENT):
            m = p.search(s)
            if m and (i not in _WHEN_ONLY or _shared(s)):
                return m.group(0).strip()
    for s in msg.sentences:
        m = P.MOMENT[0].search(s) or P.MOMENT[6].search(s)
        if not m and _shared(s):
            m = D.PAST_MARK.search(s)
        if m:
            return m.group(0).strip()
    return None


#: The moment patterns that say only when ("yesterday", "im Januar"): they need a sentence about us.
_WHEN_ONLY = {1, 2, 5}


_MET = re.compile(
    r"\b(?:meet|meeting|met|seeing|see you|chat|talk|conversation|gespräch|austausch|kennen\w*|treffen|sehen|"
    r"vortrag|keynote|presentation|treffe|troffe|träffe|gseh|gsee|kenneglernt|kennegelernt)\b",
    re.IGNORECASE,
)
_US = re.compile(r"\b(?i:you|du|dich|dir|euch|uns|we|wir|di|üs|eu)\b|(?<=\S )(?:Sie|Ihnen)\b", re.UNICODE)


def _shared(sentence: str) -> bool:
    """A sentence about a moment we shared: it speaks of meeting, of you or us, or thanks them."""
    return bool(_MET.search(sentence) or P.THANKS.search(sentence) or _US.search(sentence))


def _around(sentence: str, found: D.Found) -> str:
    """The date phrase with the words before it that say what it is ("am Dienstag beim …")."""
    before = sentence[: found.start].split()[-2:]
    return " ".join([*before, found.text]).strip(" ,")


def _topic(msg: _Message) -> str | None:
    return _first(P.TOPIC, msg.text)


def _stored_topic(topics: list[str], text: str) -> str | None:
    """The stored topic as it is written in the message (every word of it, German endings allowed), or None."""
    low = text.lower()
    for topic in topics:
        words = [w for w in _WORD.findall(topic.lower()) if len(w) >= 3 and w not in P.STOPWORDS["de"]]
        words = [w for w in words if w not in P.STOPWORDS["en"]]
        if not words:
            continue
        spans = []
        for w in words:
            stem = w[: max(4, len(w) - 2)] if len(w) > 4 else w
            m = re.search(r"(?<![^\W\d_])" + re.escape(stem) + r"[^\W\d_]*", low)
            if not m:
                break
            spans.append((m.start(), m.end()))
        else:
            a, b = min(x for x, _ in spans), max(y for _, y in spans)
            return text[a:b] if b - a <= 80 else text[spans[0][0] : spans[0][1]]
    return None


def _consequence(msg: _Message) -> str | None:
    # having read their post is not what one did with it (the rest of the sentence may still be)
    return _search(P.CONSEQUENCE, [_did(s) for s in msg.sentences])


def _did(sentence: str) -> str:
    """The sentence without "I read your post": having read it is not what one did with it."""
    return P.READ_THEIRS.sub("…", sentence)


def _thanks(msg: _Message) -> tuple[str | None, bool]:
    """(evidence, specific): thanks naming what for, or plain thanks right after a sentence that names it."""
    bare = None
    for i, s in enumerate(msg.sentences):
        named: bool | None = None  # does the sentence or the one before name what for? (once per sentence)
        outcome: bool | None = None
        for m in P.THANKS.finditer(s):
            obj = re.split(r",|\s[–—-]\s", m.group(1) or "", maxsplit=1)[0]  # not the clause after it
            words = [w for w in re.findall(r"[^\W\d_][\w\-']*", obj.lower())]
            if [w for w in words if w not in P.THANKS_GENERIC]:
                return m.group(0).strip(), True
            if named is None:
                before = msg.sentences[i - 1] if i > 0 else ""
                named = bool(_first(P.TOPIC, s) or _first(P.TOPIC, before) or _first(P.CONSEQUENCE, _did(before)))
            if outcome is None:  # "Merci Chrigi! Ohni dini Hilf bim Zügle …": what came of it, right after
                outcome = i + 1 < len(msg.sentences) and bool(P.OUTCOME.search(msg.sentences[i + 1]))
            if named or (not obj.strip() and outcome):
                return m.group(0).strip(), True
            bare = bare or m.group(0).strip()
    return bare, False


def _next_step(msg: _Message) -> tuple[str | None, str | None]:
    """(a proposal with a date or time, a proposal without one)."""
    for s in msg.ahead:
        if D.ahead(s):
            return s, None
    vague = next((s for s in msg.ahead if P.VAGUE_PROPOSAL.search(s) or P.PROPOSAL.search(s)), None)
    return None, vague


def _news(msg: _Message) -> tuple[str | None, bool]:
    """(evidence, specific): congratulations that name the occasion."""
    bare = None
    head = P.GREETING.search(msg.text[:200]) or P.VOCATIVE.search(msg.text[:200])
    names = {w.lower() for w in _WORD.findall(head.group(1))} if head else set()
    for s in msg.sentences:
        m = P.CONGRATS.search(s)
        if not m:
            continue
        after = m.group(1) if m.group(1) is not None else s[m.end() :]
        rest = re.sub(r",\s*[A-ZÄÖÜ][\w\-]+\s*\W*$", "", after.strip()) + " " + s[: m.start()]
        words = re.findall(r"[^\W\d_][\w\-']*", rest.lower())
        content = [
            w
            for w in words
            if w not in P.NEWS_GENERIC
            and w not in P.STOPWORDS["en"]
            and w not in P.STOPWORDS["de"]
            and w not in _OPENERS
            and w not in names
        ]
        if content or re.search(r"\d", m.group(1) or ""):  # "zum 40.", "10 years at …" name it too
            return s.strip(), True
        bare = bare or m.group(0).strip()
    milestone = P.MILESTONE.search(msg.text)
    if milestone:
        return milestone.group(0).strip(), True
    return bare, False


_OPENERS = {
    "hi",
    "hey",
    "hello",
    "dear",
    "hoi",
    "salü",
    "hallo",
    "liebe",
    "lieber",
    "wow",
    "just",
    "saw",
    "huge",
    "ich",
    "herzliche",
    "herzlichen",
    "herzlich",
    "moin",
    "servus",
    "grüezi",
    "guten",
    "tag",
    "sehr",
    "geehrte",
    "geehrter",
    "frau",
    "herr",
    "mr",
    "ms",
    "mrs",
    "dr",
}


def _personal(msg: _Message) -> str | None:
    m = P.MEMORY.search(msg.text)
    if m:
        return m.group(0)
    done = _search(P.CONSEQUENCE, [s for s in msg.sentences if not P.NEWS_SOURCE.search(s)])
    return _moment(msg) or done or _search(P.REFERENCE, msg.sentences) or _shared_named(msg)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _shared_named(msg: _Message) -> str | None:
    """A past we shared, named by a place, a year or a demonstrative ("our trip to Lisbon in 2019", "that night
    at the Emirates"), in a sentence that does not propose or plan anything."""
    for s in msg.back:
        m = P.SHARED_PAST[1].search(s)
        if m:
            return m.group(0).strip()
        m = P.SHARED_PAST[0].search(s)
        if m and (_YEAR.search(s) or D.looks_back(s)):
            return m.group(0).strip()
    return None


def _role(msg: _Message) -> str | None:
    """Who someone introduced is, specifically: "Kofi runs the Zurich Rust meetup", "Maria leitet bei der Post …"."""
    for s in msg.sentences:
        m = P.ROLE.search(s)
        if not m:
            continue
        if m.group(0).split()[0] in _PRONOUNS and not _PLACE.search(s[m.end() :]):  # "Er macht z Bern …"
            continue
        words = s.split()
        named = any(w[:1].isupper() and w.strip(",.") not in _PRONOUNS for w in s[m.end() :].split()) or any(
            ch.isdigit() for ch in s
        )
        if len(words) >= 6 and named:
            return m.group(0).strip()
    return None


_PLACE = re.compile(
    r"\b(?:in|at|bei|bi|bim|z|im|for|für|with|mit)\s+(?:the |der |die |das |dem |den |de |d )?(?!(?:Ihnen|Sie|Dir|"
    r"Dich|Euch)\b)[A-ZÄÖÜ]\w{2,}"
)
#: A named thing in English ("runs the Warsaw hardware accelerator"): German capitalises every noun, so English only.
_NAMED_THING = re.compile(r"\bthe\s+(?:[a-z\-]+\s+)?[A-Z][\w\-]{2,}")
_PRONOUNS = {
    "Sie",
    "Ihnen",
    "Ihr",
    "Ihre",
    "Er",
    "Es",
    "Ich",
    "Wir",
    "Das",
    "Die",
    "Der",
    "She",
    "He",
    "It",
    "This",
    "That",
    "They",
    "We",
    "I",
    "Du",
    "Dir",
    "Dich",
}


def _reference(msg: _Message) -> str | None:
    return (
        _search(P.REFERENCE, msg.sentences) or _moment(msg) or _search([P.MEMORY], msg.sentences) or _shared_named(msg)
    )


def _request(msg: _Message) -> tuple[str | None, bool]:
    """(a request, specific): a request that only proposes to meet is not an ask."""
    found = None
    for s in msg.sentences:
        m = P.REQUEST.search(s)
        if not m:
            continue
        purpose = re.search(
            r"\b(?:to (?:tell|share|show|look|review|send)|zu berichten|anzusehen|zu sagen|pick your brain|"
            r"(?:your|deinen|deine|Ihren|Ihre) (?:advice|rat|meinung|einschätzung|feedback|take))\b",
            s,
            _I,
        )
        if P.MEETING.search(s) and not purpose:
            continue
        words = _WORD.findall(_ungapped(s))
        if len(words) >= 8 and not P.VAGUE_REQUEST.search(s):
            return s.strip(), True
        found = found or s.strip()
    for s in msg.sentences:  # a question put to the reader is a request too
        if "?" not in s or not P.ADDRESSED.search(s) or P.VAGUE_REQUEST.search(s) or P.MEMORY.search(s):
            continue
        if (P.MEETING.search(s) and P.PROPOSAL_ASK.search(s)) or len(_WORD.findall(_ungapped(s))) < 6:
            continue
        return s.strip(), True
    if found:  # an announced question ("may I ask you something?") followed by what they need
        need = next((s for s in msg.sentences if P.NEED.search(s) and len(_WORD.findall(_ungapped(s))) >= 6), None)
        if need:
            return need.strip(), True
    return found, False


_TIME_ONLY = re.compile(r"\b(?:minute|minuten|moment|time|zeit|zyt|sometime|kurz)\b", re.IGNORECASE)


def _plain_question(s: str) -> bool:
    return (
        "?" in s
        and len(_WORD.findall(_ungapped(s))) >= 4
        and not P.VAGUE_REQUEST.search(s)
        and not P.MEETING.search(s)
        and not _TIME_ONLY.search(s)
    )


def _question(msg: _Message) -> str | None:
    """An open question about them: a question that is not a proposal to meet, or an indirect one."""
    for q in msg.sentences:
        if "?" not in q or _ungapped(q) != q or len(_WORD.findall(q)) < 2:
            continue
        proposal = P.MEETING.search(q) and (D.ahead(q) or P.PROPOSAL_ASK.search(q))
        if not proposal and not P.REQUEST.search(q):
            return q.strip()
    m = P.INDIRECT_QUESTION.search(msg.text)
    return m.group(0) if m else None


def _ungapped(text: str) -> str:
    """The text without its unfilled gaps: a gap is never evidence."""
    for p in P.GAPS:
        text = p.sub(" ", text)
    return text


def _greeting_element(msg: _Message, f: Facts, h: dict[str, str]) -> tuple[bool, str | None, str | None]:
    ev = _greeting(msg)
    if ev and f.first_name:
        names = [n.lower() for n in (f.first_name, f.family_name) if n]
        if not any(n in ev.lower() for n in names):
            return False, None, h["greeting_facts"].format(first_name=f.first_name)
    if ev:
        return True, ev, None
    hint = h["greeting_facts"].format(first_name=f.first_name) if f.first_name else h["greeting"]
    return False, None, hint


_I = re.IGNORECASE


def check(
    text: str,
    lang: str | None = None,
    facts: Facts | None = None,
    channel: str = "email",
    limit: int | None = None,
    kind: str | None = None,
) -> CheckResult:
    """Score `text` 0–100 for its `kind` and explain which elements of a personal message are present or missing.

    With `facts`, the check is stricter, never more lenient: the greeting must name the person, and the topic must
    be one of the stored topics (when any are stored).
    """
    text = text if isinstance(text, str) else str(text)
    text = text.replace("\x00", " ")
    lg = (lang or "").lower()[:2]
    if lg not in ("de", "en"):
        lg = detect_language(text)
    k = kind_of(kind)
    h = P.HINTS[lg]
    ch = (channel or "email").lower()
    f = facts or Facts()
    topic = f.topics[0] if f.topics else None
    msg = _Message(text[:ANALYSED])
    weights = KINDS[k].weights
    elements: list[Element] = []
    points: dict[str, int] = {}

    def add(name: str, present: bool, evidence: str | None, hint: str | None, pts: int | None = None) -> None:
        # the evidence is shown in quotes: a quoted title keeps no quotes of its own
        shown = evidence.strip().strip('«»"“”„') if evidence else None
        elements.append(Element(name, present, _short(shown) if shown else evidence, hint))
        points[name] = pts if pts is not None else (weights.get(name, 0) if present else 0)

    ok, ev, hint = _greeting_element(msg, f, h)
    add("greeting", ok, ev, hint)

    def moment() -> None:
        ev = _moment(msg)
        if ev is not None:
            add("moment", True, ev, None)
            return
        when = f.met_weekday or (P.WEEKDAYS[lg][f.met_on.weekday()] if f.met_on else None)
        bits = []
        if when:
            bits.append(("am " if lg == "de" else "on ") + when)
        if f.place:
            bits.append(("in/bei " if lg == "de" else "at ") + f.place)
        add("moment", False, None, h["moment_facts"].format(moment=" ".join(bits)) if bits else h["moment"])

    def topic_element() -> None:
        if f.topics:
            ev = _stored_topic(f.topics, msg.text)
            add("topic", ev is not None, ev, None if ev else h["topic_facts"].format(topic=" / ".join(f.topics[:2])))
        else:
            ev = _topic(msg)
            add("topic", ev is not None, ev, None if ev else h["topic"])

    def consequence() -> None:
        ev = _consequence(msg)
        hint = h["consequence_facts"].format(topic=topic) if topic else h["consequence"]
        add("consequence", ev is not None, ev, None if ev else hint)

    def thanks() -> None:
        ev, specific = _thanks(msg)
        if specific:
            add("thanks", True, ev, None)
        else:
            hint = h["thanks_facts"].format(topic=topic) if topic else (h["thanks_bare"] if ev else h["thanks"])
            add("thanks", False, ev, hint, round(weights["thanks"] * BARE_THANKS / 15) if ev else 0)

    def next_step() -> None:
        ev, vague = _next_step(msg)
        if ev:
            add("next_step", True, ev, None)
            return
        if f.next_event:
            nxt = _fmt_date(f.next_event, lg) if isinstance(f.next_event, date) else str(f.next_event)
            hint = h["next_step_facts"].format(next_event=nxt)
        else:
            hint = h["next_step_vague"] if vague else h["next_step"]
        add("next_step", False, vague, hint)

    def simple(name: str, ev: str | None, hint_key: str | None = None) -> None:
        add(name, ev is not None, ev, None if ev else h[hint_key or name])

    if k == "follow-up":
        moment()
        topic_element()
        consequence()
        thanks()
        next_step()
    elif k == "congrats":
        ev, specific = _news(msg)
        add("news", specific, ev, None if specific else h["news"])
        simple("personal", _personal(msg))
        ask, _ = _request(msg)
        add(
            "no_ask",
            ask is None,
            ask,
            h["no_ask"].format(ask=_short(ask, 60)) if ask else None,
            0 if ask is None else -ASK_PENALTY,
        )
    elif k == "check-in":
        named = next((m.group(0) for q in msg.sentences if "?" in q for m in [P.THEIRS_NAMED.search(q)] if m), None)
        simple("reference", _reference(msg) or named)
        simple("question", _question(msg))
        consequence()
        next_step()
    elif k == "thanks":
        thanks()
        ev = _consequence(msg) or _outcome(msg)
        add("consequence", ev is not None, ev, None if ev else h["consequence"])
        next_step()
    elif k == "ask":
        theirs = P.THEIRS_NAMED.search(msg.text)
        simple(
            "context",
            _reference(msg)
            or (_stored_topic(f.topics, msg.text) if f.topics else _topic(msg))
            or (theirs.group(0) if theirs else None),
        )
        ev, specific = _request(msg)
        if not specific and any(e.name == "context" and e.present for e in elements):
            # with a shared context, any plain question that is not about their time is the request
            q = next((s for s in msg.sentences if _plain_question(s)), None)
            ev, specific = (q.strip(), True) if q else (ev, specific)
        add("request", specific, ev, None if specific else h["request"])
        found = P.EASY_OUT.search(msg.text)
        dated = next((s for s in msg.sentences if D.ahead(s)), None)
        simple("easy_out", found.group(0) if found else dated)
    elif k == "share":
        simple("item", _first(P.SHARED_ITEM, msg.text))
        # why it is for them: said as such first; words of the shared title are no reference to the reader
        said = P.RELEVANCE.search(msg.text)
        relevant = P.THEIRS_NAMED.search(msg.text)
        simple(
            "relevance",
            (said.group(0) if said else None) or _reference(msg) or (relevant.group(0) if relevant else None),
        )
        simple("question", _question(msg))
        # sharing gives: a note that asks for something (an open question about the article is no ask) is no share
        ask = next((s.strip() for s in msg.sentences if P.REQUEST.search(s) and not P.MEETING.search(s)), None)
        hint = h["no_ask"].format(ask=_short(ask, 60)) if ask else None
        add("no_ask", ask is None, ask, hint, 0 if ask is None else -ASK_PENALTY)
    elif k == "introduction":
        intro = P.INTRODUCE.search(msg.text) or P.TWO_ADDRESSEES.search(msg.text)
        simple("introduced", intro.group(0) if intro else None)
        told = next((s for s in msg.sentences if P.PRONOUN_ROLE.search(s) and _PLACE.search(s)), None)
        told = told or next((s for s in msg.sentences if P.PRONOUN_ROLE.search(s) and _NAMED_THING.search(s)), None)
        simple("reason", _role(msg) or _search(P.REFERENCE, msg.sentences) or told)
        handover = P.HANDOVER.search(msg.text)
        simple("handover", handover.group(0) if handover else _next_step(msg)[0])
    elif k == "intro-ask":
        for name, evidence in _intro_ask(msg):
            simple(name, evidence, "intro_question" if name == "question" else None)
    else:  # invite
        event = P.EVENT.search(msg.text)
        simple("event", event.group(0) if event else None)
        when = next((f"{x.text}" for s in msg.sentences for x in D.ahead(s)), None)
        simple("when", when)
        yours = P.YOURS.search(msg.text)
        past = _Message(" ".join(x for x in msg.sentences if D.looks_back(x)))  # not the event invited to
        reason = (
            _search(P.REFERENCE, msg.sentences)
            or _moment(past)
            or _shared_named(msg)
            or (yours.group(0) if yours else None)
        )
        simple("reason", reason, "invite_reason")

    # no stock phrases
    stock = [m.group(0) for p in P.STOCK_PHRASES for m in p.finditer(text)]
    courtesy = [m.group(0) for p in P.COURTESY for m in p.finditer(text)]
    seen = stock + courtesy
    add(
        "stock_phrases",
        not seen,
        "; ".join(seen) if seen else None,
        h["stock_phrases"].format(phrase=seen[0]) if seen else None,
        -STOCK_PENALTY * len(stock) - COURTESY_PENALTY * len(courtesy),
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
        minimum = EMAIL_MIN if k in LONG_KINDS else EMAIL_MIN_SHORT
        if n < minimum:
            ok, pen, hint = False, LENGTH_PENALTY, h["length_short"].format(minimum=minimum, n=n)
        else:
            ok, pen, hint = n <= top, LENGTH_PENALTY, h["length_over_limit"].format(limit=top, n=n)
    else:
        top = limit if limit is not None else MESSAGE_MAX
        ok, pen, hint = n <= top, LENGTH_PENALTY, h["length_over_limit"].format(limit=top, n=n)
    add("length", ok, None, None if ok else hint, 0 if ok else -pen)  # evidence is only ever a quotation

    core = KINDS[k].core
    note = ch in NOTE_CHANNELS or (ch == "linkedin" and limit is not None and limit <= NOTE_LIMIT)
    if note and not ok:  # a note over the limit cannot even be sent
        core = core | {"length"}
    elif note or (ch in SHORT_CHANNELS and n <= NOTE_LIMIT):
        # what a note (or a chat message as short as one) may leave out neither counts against it nor is core;
        # the rest is scaled to 100
        left_out = {e.name for e in elements if not e.present and e.name in NOTE_OPTIONAL.get(k, frozenset())}
        core = core - left_out
        room = 100 - sum(weights[n] for n in left_out)
        for name in weights:
            points[name] = 0 if name in left_out else round(points[name] * 100 / room)
    score = max(0, min(100, sum(points.values())))
    if any(not e.present for e in elements if e.name in core):
        score = min(score, CORE_MISSING_MAX)
    return CheckResult(score=score, lang=lg, channel=ch, elements=elements, points=points, kind=k)


def _outcome(msg: _Message) -> str | None:
    """What came of it, for thanks: a sentence about the past with me or us in it, other than the thanks."""
    m = P.OUTCOME.search(msg.text)
    if m:
        return m.group(0)
    for s in msg.back:
        if P.THANKS.search(s):
            continue
        if D.looks_back(_did(s)) and re.search(r"\b(?:i|we|me|us|ich|wir|mir|uns|mich)\b", _did(s), _I):
            return s.strip()
    return None


# -- intro-ask: the question before an introduction (double opt-in): why this person would gain from meeting the
# other, whether they would like to be introduced, and an easy way to say no.
KINDS["intro-ask"] = Kind(
    {"greeting": 10, "reason": 40, "question": 35, "easy_out": 15}, frozenset({"reason", "question"})
)
KIND_ALIASES.update({"intro_ask": "intro-ask", "opt-in": "intro-ask", "vorstellungsanfrage": "intro-ask"})
LONG_KINDS = LONG_KINDS | {"intro-ask"}
NOTE_OPTIONAL["intro-ask"] = frozenset({"easy_out"})
P.HINTS["en"].setdefault("intro_question", "Ask whether they would like to be introduced (“shall I introduce you?”).")
P.HINTS["de"].setdefault(
    "intro_question", "Fragen Sie, ob eine Vorstellung erwünscht ist («darf ich euch vorstellen?»)."
)


def _intro_ask(msg: _Message) -> list[tuple[str, str | None]]:
    """(element, evidence) of an intro-ask: the reason, the question whether to introduce them, the easy way out."""
    told = next((s for s in msg.sentences if P.PRONOUN_ROLE.search(s) and _PLACE.search(s)), None)
    reason = _search(P.REFERENCE, msg.sentences) or _role(msg) or told
    question = next((s.strip() for s in msg.sentences if "?" in s and P.INTRODUCE.search(s)), None)
    easy_out = P.EASY_OUT.search(msg.text)
    return [("reason", reason), ("question", question), ("easy_out", easy_out.group(0) if easy_out else None)]
