"""Drafts of personal messages, built from what is known about a contact (pure: no database, no network).

The model is Julia's note to Thomas (practices.md, item 4): greeting by name, the shared moment, the topic, what
I did with their input, specific thanks, and a concrete next meeting. Every draft is scored by the personalisation
check (`check.py`) before it is returned. Nothing is invented: what only the user knows (what they did with the
input, what they want to ask) is left as a marked gap in square brackets, which the check reports.

Choices: German "du" by default (the seed's network uses it) when the form of address is not stored; never
"Lieber/Liebe" (gender is not stored): "Hallo/Hoi/Salü Thomas", for "Sie" the full name ("Guten Tag Thomas
Keller", "Guten Tag Dr. Thomas Keller"; "Herr/Frau Keller" only when the stored prefix says so). The phrasing is
chosen per element from `wording.py` by a hash of the contact's name and the kind, so drafts for ten people differ.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from rapport.i18n import Translator
from rapport.messages import wording as W
from rapport.messages.check import CheckResult, Facts, check

KINDS = ("follow-up", "congrats", "check-in", "thanks", "ask")
CHANNELS = ("email", "linkedin", "linkedin-message", "xing")
LANGS = ("de-CH", "de", "en")
NOTE_LIMIT = 300
#: Proposed slots: the first working day at least this many days ahead, then the next working day.
SLOT_LEAD_DAYS = 2
SLOT_TIMES = (time(12, 0), time(8, 30))


@dataclass(frozen=True)
class News:
    kind: str  # promotion, new-job, work-anniversary, birthday, media, other
    text: str = ""
    on: date | None = None


@dataclass(frozen=True)
class Favour:
    kind: str  # a FavourKind value
    note: str = ""


@dataclass(frozen=True)
class LastContact:
    at: datetime
    summary: str = ""


@dataclass(frozen=True)
class DraftFacts:
    """What is known about the contact, as the draft needs it."""

    first_name: str
    family_name: str = ""
    prefix: str = ""
    address_form: str = ""  # "du", "Sie" or "" (German default: du)
    met_at: datetime | None = None
    place: str = ""
    topics: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    looking_for: str = ""
    news: News | None = None
    favour: Favour | None = None
    last: LastContact | None = None
    profile_url: str = ""
    email: str = ""
    next_event: str | None = None
    sender: str = ""  # the owner's name, signed under the closing (not in a LinkedIn note); "" leaves it to them


@dataclass(frozen=True)
class Draft:
    kind: str
    channel: str
    lang: str
    subject: str | None
    text: str
    gaps: list[str]
    check: CheckResult
    to: str
    notes: list[str] = field(default_factory=list)  # the stored notes, to personalise further by hand

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "channel": self.channel,
            "lang": self.lang,
            "to": self.to,
            "subject": self.subject,
            "text": self.text,
            "gaps": self.gaps,
            "notes": self.notes,
            "check": self.check.as_json(),
        }


@dataclass
class _Part:
    text: str
    keep: int  # higher is dropped later when a note must be shortened
    paragraph: int = 1


_GAP = re.compile(r"\[[^\]\n]*\]")


class _Writer:
    def __init__(self, facts: DraftFacts, kind: str, lang: str, now: datetime, zone: tzinfo) -> None:
        self.f = facts
        self.kind = kind
        self.lang = lang
        self.base = "en" if lang == "en" else "de"
        self.t = Translator(self.base, zone)
        self.now = now.astimezone(zone)
        self.zone = zone
        self.form = "Sie" if facts.address_form.lower() == "sie" else "du"
        self.digest = hashlib.sha256(f"{facts.first_name} {facts.family_name}|{kind}".encode()).digest()

    # -- phrasing
    def pick(self, element: str, options: list[str]) -> str:
        slot = int(hashlib.sha256(self.digest + element.encode()).hexdigest()[:8], 16)
        return self.local(options[slot % len(options)])

    def local(self, template: str) -> str:
        if self.lang == "de-CH":
            for de, ch in W.SWISS.items():
                template = template.replace(de, ch)
            template = template.replace("ß", "ss")
        elif self.lang == "de":
            for ch, de in W.DE_DE.items():
                template = template.replace(ch, de)
        return template

    def fill(self, template: str, **values: str) -> str:
        if self.base == "de":
            values = {**W.PRONOUNS[self.form], **values}
        for key, value in values.items():
            template = template.replace("{" + key + "}", value)
        return template

    def say(self, element: str, table: dict[str, list[str]], **values: str) -> str:
        options = table.get(self.lang) or table[self.base]
        return self.fill(self.pick(element, options), **values)

    # -- facts in words
    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def when(self, moment: datetime) -> str:
        """'am Dienstag', 'gestern', 'letzte Woche', 'im März' (the check recognises each)."""
        from babel.dates import format_date

        d, today = self.day(moment), self.now.date()
        days = (today - d).days
        de = self.base == "de"
        if days <= 0:
            return "heute" if de else "today"
        if days == 1:
            return "gestern" if de else "yesterday"
        if days < 7:
            return ("am " if de else "on ") + self.t.weekday(d)
        if days < 14:
            return "letzte Woche" if de else "last week"
        month = format_date(d, "MMMM", locale=self.t.locale)
        year = f" {d.year}" if d.year != today.year else ""
        return ("im " if de else "in ") + month + year

    def where(self) -> str:
        place = self.f.place.split(",")[0].strip()
        if not place:
            return ""
        if self.base == "en":
            return f" at {place}"
        first = place.split()[0].lower()
        if first.endswith(W.BEIM_ENDINGS):
            return f" beim {place}"
        return f" ({place})"

    def topics(self) -> str:
        return (" and " if self.base == "en" else " und ").join(t.strip() for t in self.f.topics[:2])

    def slots(self, count: int = 2) -> str:
        from babel.dates import format_date

        d = self.now.date() + timedelta(days=SLOT_LEAD_DAYS)
        found: list[str] = []
        while len(found) < count:
            if d.weekday() < 5:
                at = SLOT_TIMES[len(found) % len(SLOT_TIMES)]
                weekday = self.t.weekday(d)
                clock = f"{at.hour}:{at.minute:02d}"
                if self.base == "de":
                    found.append(f"am {weekday}, {format_date(d, 'd. MMMM', locale=self.t.locale)}, um {clock}")
                else:
                    on = "on " if not found else ""
                    found.append(f"{on}{weekday} {format_date(d, 'd MMMM', locale=self.t.locale)} at {clock}")
            d += timedelta(days=1)
        return W.OR[self.base].join(found)

    def greeting(self) -> str:
        first = self.f.first_name.strip()
        prefix = self.f.prefix.strip()
        gendered = prefix.split()[0].lower().strip(".") in {"herr", "frau", "mr", "mrs", "ms"} if prefix else False
        if gendered:
            full = f"{prefix} {self.f.family_name}".strip()
        else:
            full = " ".join(p for p in (prefix, first, self.f.family_name.strip()) if p)
        table = W.GREETING[self.lang]
        return self.fill(self.pick("greeting", table[self.form]), first=first or full, full=full or first)

    def did_sentence(self, did: str | None) -> tuple[str, str | None]:
        """The consequence sentence, and the gap when `did` is missing."""
        gap = None
        if did and did.strip():
            text = did.strip().rstrip(".!")
            if re.match(r"(?i)(ich|wir|i|we)\b", text):
                return text[0].upper() + text[1:] + ".", None
        else:
            gap = W.GAP[self.base][self.kind]
            text = gap
        return self.say("consequence", W.CONSEQUENCE, did=text), gap

    def proposal(self, short: bool) -> str:
        nxt = self.f.next_event
        if nxt:
            sentence = self.say("proposal", W.PROPOSAL_EVENT, next_event=nxt)
            from rapport.messages import phrases as P

            if any(p.search(nxt) for p in P.DATE_TIME):
                return sentence
        return self.say("proposal", W.PROPOSAL, slots=self.slots(1 if short else 2))


def _lower_first(sentence: str) -> str:
    word = sentence.split(" ", 1)[0]
    if word in {"Sie", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihnen", "I", "I'm", "I'd"} or word.startswith("["):
        return sentence
    return sentence[:1].lower() + sentence[1:]


def compose(
    facts: DraftFacts,
    kind: str,
    channel: str,
    lang: str,
    did: str | None,
    now: datetime,
    zone: tzinfo,
    limit: int = NOTE_LIMIT,
) -> Draft:
    """A checked draft of `kind` for `channel` in `lang` ("de-CH", "de" or "en")."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    w = _Writer(facts, kind, lang, now, zone)
    note = channel == "linkedin"
    parts: list[_Part] = []
    gaps: list[str] = []
    topic = facts.topics[0] if facts.topics else ""
    topics = w.topics()
    when_used = ""

    def consequence(keep: int) -> None:
        sentence, gap = w.did_sentence(did)
        parts.append(_Part(sentence, keep))
        if gap:
            gaps.append(gap)

    def thanks(keep: int) -> None:
        if topic:
            parts.append(_Part(w.say("thanks", W.THANKS, topic=topic), keep))
        else:
            parts.append(_Part(w.say("thanks", W.THANKS_GENERIC), keep))

    def offer(keep: int, generic: bool) -> None:
        if facts.looking_for:
            parts.append(_Part(w.say("offer", W.OFFER, lf=facts.looking_for.strip().rstrip(".")), keep, 2))
        elif generic:
            parts.append(_Part(w.say("offer", W.OFFER_GENERIC), keep, 2))

    def recall(keep: int) -> str:
        if facts.last is None:
            return ""
        phrase = w.when(facts.last.at)
        parts.append(_Part(w.say("recall", W.RECALL, when=phrase), keep))
        return phrase

    subject_values: dict[str, str] = {"first": facts.first_name, "topic": topic or topics}
    if kind == "follow-up":
        if facts.met_at is None:
            raise ValueError("a follow-up needs the first meeting")
        when_used = w.when(facts.met_at)
        parts.append(_Part(w.say("opener", W.OPENER, when=when_used, where=w.where()), 9))
        if topics:
            parts.append(_Part(w.say("topic", W.TOPIC, topics=topics), 5))
        consequence(7)
        thanks(6)
        offer(2, generic=False)
        subject_values["when"] = when_used
        if not topic:
            subject_values["topic"] = facts.place.split(",")[0]
    elif kind == "congrats":
        news = facts.news or News("other")
        occ = W.OCCASION[w.base].get(news.kind, W.OCCASION[w.base]["other"])
        occ = w.fill(occ)
        parts.append(_Part(w.say("congrats", W.CONGRATS, occ=occ), 9))
        if news.text:
            parts.append(_Part(w.say("news", W.NEWS_DETAIL, news=news.text.strip().rstrip(".")), 5))
        when_used = recall(6)
        if topics:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topics=topics), 4))
        if did:
            consequence(3)
        subject_values["occ"] = occ
    elif kind == "check-in":
        when_used = recall(9)
        if topics:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topics=topics), 6))
        else:  # a check-in asks about them (the check looks for an open question)
            parts.append(_Part(w.say("topic", W.CHECKIN_QUESTION), 6))
        consequence(7)
        if topic:
            thanks(5)
        offer(4, generic=True)
    elif kind == "thanks":
        favour = facts.favour or Favour("other")
        thing = w.fill(W.FAVOUR[w.base].get(favour.kind, W.FAVOUR[w.base]["other"]))
        note_text = favour.note.strip().rstrip(".") or topic or facts.first_name
        parts.append(_Part(w.say("favour", W.FAVOUR_THANKS, thing=thing, note=note_text), 9))
        when_used = recall(6)
        consequence(7)
        offer(4, generic=True)
        subject_values["thing"] = thing
    else:  # ask
        when_used = recall(6)
        request = W.GAP[w.base]["ask"]
        gaps.append(request)
        parts.append(_Part(w.say("ask", W.ASK, ask=request), 9))
        if topics:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topics=topics), 3))
        offer(5, generic=False)
    parts.append(_Part(w.proposal(short=note), 8, 2))

    greeting = w.greeting()
    closing = w.pick("closing", W.CLOSING[w.base][w.form])
    closing = w.local(closing)
    if facts.sender and not note:
        closing = f"{closing}\n{facts.sender}"
    text = _render(greeting, parts, closing, w.base, note)
    if note:
        while len(text) > limit and len(parts) > 1:
            parts.remove(min(parts, key=lambda p: p.keep))
            text = _render(greeting, parts, closing, w.base, note)
        if len(text) > limit:
            text = _render(greeting, parts, "", w.base, note)
        if len(text) > limit:
            text = _cut(text, limit)
        gaps = [g for g in gaps if g in text]

    subject = None
    if channel == "email":
        subject = w.fill(w.pick("subject", W.SUBJECT[w.base][kind]), **subject_values)
        subject = re.sub(r"\s+", " ", subject).strip()
    gaps = list(dict.fromkeys(gaps + [g for g in _GAP.findall(text) if g not in gaps]))
    facts_for_check = Facts(
        first_name=facts.first_name or None,
        family_name=facts.family_name or None,
        met_on=w.day(facts.met_at) if facts.met_at else None,
        met_weekday=w.t.weekday(w.day(facts.met_at)) if facts.met_at else None,
        place=facts.place.split(",")[0].strip() or None,
        topics=list(facts.topics),
        looking_for=facts.looking_for or None,
        next_event=facts.next_event,
    )
    result = check(
        text,
        lang=w.base,
        facts=facts_for_check,
        kind=kind,
        channel=channel if channel != "linkedin-message" else "linkedin",
        limit=limit if note else None,
    )
    to = facts.email if channel == "email" else facts.profile_url
    return Draft(kind, channel, lang, subject, text, gaps, result, to, list(facts.notes))


def _render(greeting: str, parts: list[_Part], closing: str, base: str, note: bool) -> str:
    sentences = [p.text for p in parts]
    if base == "de" or note:
        sentences[0] = _lower_first(sentences[0])
    if note:
        body = " ".join(sentences)
        tail = f" {closing.rstrip(',')}" if closing else ""
        return f"{greeting}, {body}{tail}"
    first = " ".join(p.text if i else sentences[0] for i, p in enumerate(parts) if p.paragraph == 1)
    if parts and parts[0].paragraph != 1:
        first = ""
    second = " ".join((sentences[0] if i == 0 else p.text) for i, p in enumerate(parts) if p.paragraph == 2)
    paragraphs = [x for x in (first, second) if x]
    return f"{greeting},\n\n" + "\n\n".join(paragraphs) + (f"\n\n{closing}" if closing else "")


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a word (never inside one)."""
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(",;:–- ") + "…"
