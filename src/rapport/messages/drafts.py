"""Drafts of personal messages, built from what is known about a contact (pure: no database, no network).

The model is Julia's note to Thomas (practices.md, item 4): greeting by name, the shared moment, the topic, what
I did with their input, specific thanks, and a concrete next meeting. Every draft is scored by the personalisation
check (`check.py`) before it is returned. Nothing is invented: what only the user knows (what they did with the
input, what they want to ask) is left as a marked gap in square brackets, which the check reports.

First person toward the recipient: stored notes are never pasted. Structured facts are used (the topic, what I
did, what they look for, what they offer, my stored ask), and a fact written about them in the third person ("in
seiner Abteilung", "she is looking for …") or in another language than the draft's is not quoted: where the draft
needs it, it becomes a marked gap; where it is optional, the sentence is left out. Thanks are given only for
something recorded (a favour received, or their input that I noted acting on); "since we last spoke" is the last
real exchange (never a like, never today). The next step is a planned meeting when one is noted (`met --next`),
else two dates at a time that fits what is proposed. The sign-off carries the owner's name, or a marked gap.

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
#: Sharing an article (`rapport share … --to NAME`): composed here too, but not a kind `rapport draft` offers.
SHARE = "share"
CHANNELS = ("email", "linkedin", "linkedin-message", "xing")
LANGS = ("de-CH", "de", "en")
NOTE_LIMIT = 300
#: The longest topic of a planned meeting a short note names (a LinkedIn note has 300 characters for everything).
SHORT_TOPIC = 30
#: Proposed slots: the first working day at least this many days ahead, then the next working day.
SLOT_LEAD_DAYS = 2
#: Words of a fact written about the contact in the third person: such a fact is never quoted to them.
#: (German in lower case only: a capitalised "Sie"/"Ihre" inside a sentence is the polite "you").
THIRD_PERSON = re.compile(
    r"(?i:\b(?:he|she|his|her|hers|him|himself|herself)\b)|"
    r"\b(?:er|sie|sein|seine|seinen|seinem|seiner|seines|ihm|ihn|ihr|ihre|ihren|ihrem|ihrer|ihres)\b|"
    r"^(?:Er|Sein|Seine|Seinen|Seinem|Seiner|Ihm|Ihn)\b|"
    r"\bSie\s+(?:[a-zäöü]+t|hat|ist|wird|will|kann|muss|möchte|mag|weiss|weiß|sucht)\b"  # "Sie sucht", not "Sie suchen"
)


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
class Meeting:
    """A meeting planned with the contact (`rapport meet`): the concrete next step a draft names."""

    at: datetime
    about: str = ""
    place: str = ""


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
    meeting: Meeting | None = None  # planned with them: preferred to next_event as the next step
    offers: str = ""
    asks: list[str] = field(default_factory=list)  # what I recorded asking them for, newest first
    sender: str = ""  # the owner's name for the sign-off ("" leaves a marked gap)
    article: str = ""  # share: the article's title (or its link)
    article_url: str = ""
    because: tuple[tuple[str, str], ...] = ()  # share: (kind, text) of theirs the article matches, best first


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
        if days <= 0:  # the part of today: "heute Abend", "this evening"
            hour = moment.astimezone(self.zone).hour
            part = 0 if hour < 11 else 1 if hour < 14 else 2 if hour < 17 else 3
            return (
                ("heute Morgen", "heute Mittag", "heute Nachmittag", "heute Abend")
                if de
                else ("this morning", "earlier today", "this afternoon", "this evening")
            )[part]
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

    def usable(self, text: str, label: bool = False) -> str | None:
        """A stored fact fit to be quoted to the contact: not about them in the third person and, unless it is a
        label such as a topic, not clearly in the other language than the draft's; else None."""
        from rapport.messages import phrases as P

        text = text.strip().rstrip(".")
        if not text or THIRD_PERSON.search(text):
            return None
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
        other = "de" if self.base == "en" else "en"
        ours = sum(w in P.STOPWORDS[self.base] for w in words) + (text.count("ä") + text.count("ö") + text.count("ü"))
        if self.base == "en":
            ours = sum(w in P.STOPWORDS["en"] for w in words)
        theirs = sum(w in P.STOPWORDS[other] for w in words)
        return None if not label and theirs >= 2 and theirs > ours else text

    def slots(self, meal: str, count: int = 2) -> str:
        from babel.dates import format_date

        d = self.now.date() + timedelta(days=SLOT_LEAD_DAYS)
        found: list[str] = []
        while len(found) < count:
            if d.weekday() < 5:
                at = time(*W.MEAL_TIMES[meal][len(found) % 2])
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

    def closing(self) -> tuple[str, str | None]:
        """The sign-off with the owner's name, and the gap when the name is not stored."""
        words = self.local(self.pick("closing", W.CLOSING[self.base][self.form]))
        name = self.f.sender.strip()
        return f"{words}\n{name or W.NAME_GAP[self.base]}", None if name else W.NAME_GAP[self.base]

    def did_sentence(self, did: str | None) -> tuple[str, str | None]:
        """The consequence sentence, and the gap when `did` is missing."""
        gap = None
        if did and did.strip() and not THIRD_PERSON.search(did):
            text = did.strip().rstrip(".!")
            if re.match(r"(?i)(ich|wir|i|we)\b", text):
                return text[0].upper() + text[1:] + ".", None
        else:
            gap = W.GAP[self.base][self.kind]
            text = gap
        return self.say("consequence", W.CONSEQUENCE, did=text), gap

    def planned(self, short: bool) -> str:
        """The meeting planned with them, as a question: "Wir sehen uns am 27. Juni bei «Vortragsreihe»?"; the
        topic is quoted as a name, so that German grammar holds whatever it is. A short note names a long topic
        by its day alone, to keep room for what matters more."""
        from babel.dates import format_date

        meeting = self.f.meeting
        assert meeting is not None
        day = self.day(meeting.at)
        pattern = "d. MMMM" if self.base == "de" else "d MMMM"
        if day.year != self.now.year:
            pattern += " y"
        about = self.usable(meeting.about, label=True) or ""
        if short and len(about) > SHORT_TOPIC:
            about = ""
        frames = W.PROPOSAL_MEETING_PLAIN
        if about:
            frames = W.PROPOSAL_MEETING_SHORT if short else W.PROPOSAL_MEETING
        return self.say("proposal", frames, date=format_date(day, pattern, locale=self.t.locale), about=about)

    def proposal(self, short: bool) -> str:
        """A meeting planned with them (`rapport meet`); else a planned meeting on record (`met --next`) when it
        is dated; else dates at a time that fits what is proposed."""
        if self.f.meeting is not None and self.day(self.f.meeting.at) >= self.now.date():
            return self.planned(short)
        nxt = self.usable(self.f.next_event or "") or ""  # in the draft's language, not about them
        frames = W.PROPOSAL_EVENT_SHORT if short else W.PROPOSAL_EVENT
        event = self.say("proposal", frames, next_event=nxt) if nxt else ""
        if event:
            from rapport.messages import dates as D

            if D.ahead(nxt) or any(ch.isdigit() for ch in nxt):
                return event
        options = W.PROPOSAL.get(self.lang) or W.PROPOSAL[self.base]
        slot = int(hashlib.sha256(self.digest + b"proposal").hexdigest()[:8], 16)
        meal, template = options[slot % len(options)]
        sentence = self.fill(self.local(template), slots=self.slots(meal, 1 if short else 2))
        return f"{event} {sentence}".strip()


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
    if kind not in KINDS and kind != SHARE:
        raise ValueError(f"unknown kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    w = _Writer(facts, kind, lang, now, zone)
    note = channel == "linkedin"
    parts: list[_Part] = []
    gaps: list[str] = []
    topic = next((t.strip() for t in facts.topics if w.usable(t, label=True)), "")
    input_noted = bool(did and did.strip() and not THIRD_PERSON.search(did))
    when_used = ""

    def consequence(keep: int) -> None:
        sentence, gap = w.did_sentence(did)
        parts.append(_Part(sentence, keep))
        if gap:
            gaps.append(gap)

    def thanks(keep: int) -> bool:
        """Thanks for what is recorded: their input I noted acting on, or a favour received; else none."""
        if input_noted and topic:
            parts.append(_Part(w.say("thanks", W.THANKS, topic=topic), keep))
            return True
        if facts.favour is not None:
            thing = w.fill(W.FAVOUR[w.base].get(facts.favour.kind, W.FAVOUR[w.base]["other"]))
            parts.append(_Part(w.say("thanks", W.THANKS_FAVOUR, thing=thing), keep))
            return True
        return False

    def offer(keep: int, generic: bool) -> None:
        need = w.usable(facts.looking_for)
        if need:
            parts.append(_Part(w.say("offer", W.OFFER, lf=need), keep, 2))
        elif generic:
            parts.append(_Part(w.say("offer", W.OFFER_GENERIC), keep, 2))

    def recall(keep: int) -> str:
        if facts.last is None or w.day(facts.last.at) >= w.now.date():
            return ""
        phrase = w.when(facts.last.at)
        parts.append(_Part(w.say("recall", W.RECALL, when=phrase), keep))
        return phrase

    subject_values: dict[str, str] = {"first": facts.first_name, "topic": topic}
    if kind == "follow-up":
        if facts.met_at is None:
            raise ValueError("a follow-up needs the first meeting")
        when_used = w.when(facts.met_at)
        parts.append(_Part(w.say("opener", W.OPENER, when=when_used, where=w.where()), 9))
        topic_part = _Part(w.say("topic", W.TOPIC, topic=topic), 7) if topic else None
        if topic_part:
            parts.append(topic_part)
        consequence(5)
        if thanks(8) and topic_part and input_noted:
            topic_part.keep = 3  # the thanks name the topic: in a short note, the topic sentence goes first
        offer(2, generic=False)
        subject_values["when"] = when_used
    elif kind == "congrats":
        news = facts.news or News("other")
        occ = W.OCCASION[w.base].get(news.kind, W.OCCASION[w.base]["other"])
        occ = w.fill(occ)
        parts.append(_Part(w.say("congrats", W.CONGRATS, occ=occ), 9))
        detail = w.usable(news.text)
        if detail:
            parts.append(_Part(w.say("news", W.NEWS_DETAIL, news=detail), 5))
        when_used = recall(6)
        if topic:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topic=topic), 4))
        if input_noted:
            consequence(3)
        subject_values["occ"] = occ
    elif kind == "check-in":
        when_used = recall(9)
        if topic:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topic=topic), 8))
        else:  # a check-in asks about them (the check looks for an open question)
            parts.append(_Part(w.say("topic", W.CHECKIN_QUESTION), 8))
        if input_noted:  # optional in a check-in: without a note of what I did, no gap to fill
            consequence(5)
        thanks(4)
        offer(3, generic=True)
    elif kind == "thanks":
        favour = facts.favour or Favour("other")
        thing = w.fill(W.FAVOUR[w.base].get(favour.kind, W.FAVOUR[w.base]["other"]))
        note_text = w.usable(favour.note)
        if note_text:
            parts.append(_Part(w.say("favour", W.FAVOUR_THANKS, thing=thing, note=note_text), 9))
        else:
            parts.append(_Part(w.say("favour", W.THANKS_FAVOUR, thing=thing), 9))
        when_used = recall(6)
        consequence(7)
        offer(4, generic=True)
        subject_values["thing"] = thing
    elif kind == SHARE:
        _share_parts(w, facts, parts, gaps)
    else:  # ask: my stored ask, else what they offer, else a gap
        when_used = recall(8)
        request = next((a for a in (w.usable(x) for x in facts.asks) if a), None)
        offers = w.usable(facts.offers)
        if request:
            parts.append(_Part(w.say("ask", W.ASK, ask=request), 9))
        elif offers:
            parts.append(_Part(w.say("ask", W.ASK_OFFERS, offers=offers), 9))
        else:
            gaps.append(W.GAP[w.base]["ask"])
            parts.append(_Part(w.say("ask", W.ASK, ask=W.GAP[w.base]["ask"]), 9))
        if topic:
            parts.append(_Part(w.say("topic", W.CHECKIN_TOPIC, topic=topic), 3))
        parts.append(_Part(w.say("easy_out", W.EASY_OUT), 6, 2))
        offer(5, generic=False)
    # in a short note, what the kind needs most stays longest (see check.KINDS: the core elements)
    if kind != SHARE:  # a shared article asks for nothing, not even a meeting
        keep = {"follow-up": 8, "congrats": 2, "check-in": 7, "thanks": 5, "ask": 7}[kind]
        parts.append(_Part(w.proposal(short=note), keep, 2))

    greeting = w.greeting()
    closing, name_gap = w.closing()
    if name_gap:
        gaps.append(name_gap)
    text = _render(greeting, parts, closing, w.base, note)
    if note:
        while len(text) > limit and len(parts) > 1:
            parts.remove(min(parts, key=lambda p: p.keep))
            text = _render(greeting, parts, closing, w.base, note)
        if len(text) > limit:
            text = _cut(text, limit)
        gaps = [g for g in gaps if g in text]

    subject = None
    if channel == "email":
        # a subject names only what is known: without a topic, none of the subjects about the topic
        table = W.SHARE_SUBJECT[w.base] if kind == SHARE else W.SUBJECT[w.base][kind]
        options = [o for o in table if ("{topic}" not in o or topic) and ("{article}" not in o or facts.article)]
        subject = w.fill(w.pick("subject", options), **subject_values, article=facts.article)
        subject = re.sub(r"\s+", " ", subject).strip()
    gaps = list(dict.fromkeys(gaps + [g for g in _GAP.findall(text) if g not in gaps]))
    result = check_draft(text, facts, kind, channel, lang, zone, limit)
    to = facts.email if channel == "email" else facts.profile_url
    return Draft(kind, channel, lang, subject, text, gaps, result, to, list(facts.notes))


def check_draft(
    text: str, facts: DraftFacts, kind: str, channel: str, lang: str, zone: tzinfo, limit: int = NOTE_LIMIT
) -> CheckResult:
    """How personal `text` is as a message of `kind` to the person of `facts`: the check a composed draft gets, so
    that a draft edited by hand is judged as the one rapport wrote."""
    base = "en" if lang == "en" else "de"
    t = Translator(base, zone)

    def day(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    facts_for_check = Facts(
        first_name=facts.first_name or None,
        family_name=facts.family_name or None,
        met_on=day(facts.met_at) if facts.met_at else None,
        met_weekday=t.weekday(day(facts.met_at)) if facts.met_at else None,
        place=facts.place.split(",")[0].strip() or None,
        topics=list(facts.topics),
        looking_for=facts.looking_for or None,
        next_event=day(facts.meeting.at) if facts.meeting is not None else facts.next_event,
    )
    return check(
        text,
        lang=base,
        facts=facts_for_check,
        kind=kind,
        channel=channel if channel != "linkedin-message" else "linkedin",
        limit=limit if channel == "linkedin" else None,
    )


def _share_parts(w: _Writer, facts: DraftFacts, parts: list[_Part], gaps: list[str]) -> None:
    """The article named in quotes (with its link), why it made me think of them, and an open question."""
    article = " ".join(facts.article.split()).strip("«»“”\"' ")
    if not article:
        article = W.SHARE_GAP[w.base]
        gaps.append(article)
    parts.append(_Part(w.say("share_item", W.SHARE_ITEM, article=article), 9))
    table = W.SHARE_BECAUSE[w.base]
    because = next(((k, t) for k, t in ((k, w.usable(t, label=k == "interest")) for k, t in facts.because) if t), None)
    if because is None:
        parts.append(_Part(w.fill(w.pick("because", table[""])), 7))
    else:
        options = table.get(because[0]) or table["interest"]
        parts.append(_Part(w.fill(w.pick("because", options), because=str(because[1])), 7))
    parts.append(_Part(w.say("question", W.SHARE_QUESTION), 4))
    if facts.article_url:
        parts.append(_Part(facts.article_url, 8, 2))


def _render(greeting: str, parts: list[_Part], closing: str, base: str, note: bool) -> str:
    sentences = [p.text for p in parts]
    if base == "de" or note:
        sentences[0] = _lower_first(sentences[0])
    if note:
        body = " ".join(sentences)
        words, _, name = closing.partition("\n")
        tail = f" {words.rstrip(',')}, {name}" if closing else ""
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
