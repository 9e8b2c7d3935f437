"""Drafts of a double opt-in introduction: first ask each of the two (kind `intro-ask`), then, once both agreed,
introduce them to each other in one message (kind `introduction`).

Each ask gives the reason for the person asked, from their side ("you mentioned you are looking for …", "Thomas is
looking for …, and I thought of you"), says who the other is (job title and organisation), asks whether they would
like to be introduced and leaves an easy way out. First person, signed with the owner's name, in the form of
address stored for the person (German "du" by default; the introduction uses "Sie" when either is addressed so).
What is quoted from a contact's "looking for" is quoted to them only when it is not written about them in the third
person or in the other language (as in `drafts.py`). Every draft is scored by the personalisation check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from rapport.messages.check import Facts, check
from rapport.messages.drafts import Draft, DraftFacts, _Writer

ASK = "intro-ask"
INTRODUCTION = "introduction"


@dataclass(frozen=True)
class Side:
    """One of the two people, as the other is told about them."""

    facts: DraftFacts
    name: str  # the full name as stored
    title: str = ""
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True)
class Why:
    """Why the two should meet: the rules' reason (`need`, `job`, `interests`) or the owner's own words (`own`).

    `seeker` is the name of the one who looks for something (need, job); `wanted` what they look for; `found` what
    the other has that fits; `topics` the shared interests."""

    code: str
    seeker: str = ""
    wanted: str = ""
    found: str = ""
    found_in: str = ""  # where `found` stands: offers, interests, title, organisation
    topics: list[str] = field(default_factory=list)
    own: str = ""


_TEXT: dict[str, dict[str, list[str]]] = {
    # the reason, told to the one who looks for something
    "seeking": {
        "en": ["You mentioned you are looking for “{wanted}”, and I know someone who could help."],
        "de": ["{Du_hast} erwähnt, dass {du} «{wanted}» such{st}, und ich kenne jemanden, der {dir} helfen könnte."],
    },
    "seeking_plain": {
        "en": ["You told me what you are looking for at the moment, and I know someone who could help."],
        "de": ["{Du_hast} mir erzählt, was {du} gerade such{st}, und ich kenne jemanden, der {dir} helfen könnte."],
    },
    # … to the one who has what the other looks for
    "offering": {
        "en": ["{seeker} is looking for “{wanted}”, and I immediately thought of you (“{found}”)."],
        "de": ["{seeker} sucht «{wanted}», und ich habe sofort an {dich} gedacht (Stichwort «{found}»)."],
    },
    "interests": {
        "en": ["I thought of you because you and {other} share an interest in “{topic}”."],
        "de": ["Ich habe an {dich} gedacht, weil {other} sich wie {du} für «{topic}» interessiert."],
    },
    "own": {
        "en": ["I thought of you because {own}."],
        "de": ["Ich habe an {dich} gedacht: {own}."],
    },
    "gap": {"en": ["[why should you two meet?]"], "de": ["[warum sollten sich die beiden kennenlernen?]"]},
    # who the other is
    "role": {
        "en": ["{name} works as {title} at {organisation}."],
        "de": ["{name} arbeitet als {title} bei {organisation}."],
    },
    "role_title": {"en": ["{name} works as {title}."], "de": ["{name} arbeitet als {title}."]},
    "role_organisation": {"en": ["{name} works at {organisation}."], "de": ["{name} arbeitet bei {organisation}."]},
    "role_none": {
        "en": ["{name} is someone I know and value."],
        "de": ["{name} ist jemand, den ich kenne und schätze."],
    },
    # the question and the easy way out
    "question": {
        "en": ["Would you like me to introduce you to each other?", "Shall I introduce you to {first}?"],
        "de": ["Darf ich {euch} einander vorstellen?", "Soll ich {euch} miteinander bekannt machen?"],
    },
    "easy_out": {
        "en": ["If not, no problem at all: just let me know either way."],
        "de": ["Falls nicht, ist das völlig in Ordnung: {sag} mir einfach kurz Bescheid."],
    },
    # the introduction itself
    "introducing": {
        "en": ["As promised, I'm introducing you to each other."],
        "de": ["Wie versprochen stelle ich {euch} einander vor."],
    },
    "intro_seeking": {"en": ["{first} is looking for “{wanted}”."], "de": ["{first} sucht «{wanted}»."]},
    "intro_found": {
        "en": ["{first} knows a lot about “{found}”."],
        "de": ["{first} kennt sich mit «{found}» bestens aus."],
    },
    "intro_hiring": {
        "en": ["{first} is hiring: “{found}”."],
        "de": ["{first} stellt gerade ein: «{found}»."],
    },
    "intro_interests": {
        "en": ["You share an interest in “{topic}”."],
        "de": ["{Ihr_beide} interessiert {euch} für «{topic}»."],
    },
    "intro_own": {
        "en": ["I think you should meet: {own}."],
        "de": ["Ich finde, {ihr_solltet} {euch} kennenlernen: {own}."],
    },
    "handover": {
        "en": ["I'll let you take it from here: a coffee together would be a good start."],
        "de": ["Ich überlasse {euch_dativ} den Rest: am besten {vereinbart_ihr} direkt einen Termin für einen Kaffee."],
    },
}
#: The plural and polite forms the German templates use beyond drafts.py's pronouns.
_FORMS = {
    "du": {
        "Du_hast": "Du hast",
        "st": "st",
        "euch": "euch",
        "sag": "sag",
        "Ihr_beide": "Ihr beide",
        "euch_dativ": "euch",
        "vereinbart_ihr": "vereinbart ihr",
        "ihr_solltet": "ihr solltet",
    },
    "Sie": {
        "Du_hast": "Sie haben",
        "st": "en",
        "euch": "Sie",
        "sag": "sagen Sie",
        "Ihr_beide": "Sie beide",
        "euch_dativ": "Ihnen",
        "vereinbart_ihr": "vereinbaren Sie",
        "ihr_solltet": "Sie sollten",
    },
}


#: The first words of a message body that are written in lower case after the greeting's comma.
_LOWER = {"Du", "Ich", "Wie", "As", "You", "Would"}


def _say(w: _Writer, element: str, **values: str) -> str:
    options = _TEXT[element][w.base]
    template = w.pick(element, options)
    if w.base == "de":
        values = {**_FORMS[w.form], **values}
    return w.fill(template, **values)


def _name(side: Side, form: str) -> str:
    """How a letter names someone once they are known to the reader: the first name among "du", else the full name
    ("Frau Moser" when the stored prefix says so)."""
    f = side.facts
    if form == "du":
        return f.first_name.strip() or side.name
    prefix = f.prefix.strip()
    if prefix and prefix.split()[0].lower().strip(".") in {"herr", "frau", "mr", "mrs", "ms"} and f.family_name:
        return f"{prefix} {f.family_name.strip()}"
    return side.name


def _role(w: _Writer, side: Side, name: str | None = None) -> str:
    title, organisation = side.title.strip(), side.organisation.strip()
    element = (
        "role"
        if title and organisation
        else "role_title"
        if title
        else "role_organisation"
        if organisation
        else "role_none"
    )
    return _say(w, element, name=name or side.name, title=title, organisation=organisation)


def _reason(w: _Writer, to: Side, other: Side, why: Why) -> tuple[str, str | None]:
    """The reason for the one asked, and the gap when there is none."""
    if why.code == "own" and why.own.strip():
        return _say(w, "own", own=why.own.strip().rstrip(".")), None
    if why.code in ("need", "job"):
        if why.seeker == to.name:
            wanted = w.usable(why.wanted)
            return (_say(w, "seeking", wanted=wanted) if wanted else _say(w, "seeking_plain")), None
        return _say(w, "offering", seeker=other.name, wanted=why.wanted, found=why.found), None
    if why.code == "interests" and why.topics:
        return _say(w, "interests", other=other.name, topic=why.topics[0]), None
    gap = _TEXT["gap"][w.base][0]
    return gap, gap


def _beyond_role(why: Why) -> bool:
    """Whether what fits is more than the role sentence says (not their job title or organisation)."""
    return why.found_in not in ("title", "organisation")


def ask(
    to: Side, other: Side, why: Why, channel: str, lang: str, now: datetime, zone: tzinfo, limit: int = 300
) -> Draft:
    """The opt-in question to `to`: would they like to be introduced to `other`, and why."""
    w = _Writer(to.facts, ASK, lang, now, zone)
    reason, gap = _reason(w, to, other, why)
    named = other.name in reason  # the reason named them in full: the rest names them as the letter does
    called = _name(other, w.form)
    first: list[tuple[str, bool]] = [(reason, False), (_role(w, other, called if named else None), named)]
    if why.code in ("need", "job") and why.seeker == to.name and why.found and _beyond_role(why):
        found = "intro_hiring" if why.code == "job" else "intro_found"
        first.append((_say(w, found, first=called, found=why.found), True))
    second = [(_say(w, "question", first=called), False), (_say(w, "easy_out"), True)]
    return _finish(w, ASK, [to], [first, second], channel, lang, now, zone, limit, [gap] if gap else [])


def introduce(
    first: Side, second: Side, why: Why, channel: str, lang: str, now: datetime, zone: tzinfo, limit: int = 300
) -> Draft:
    """The introduction itself, to both at once, once both agreed."""
    form = "Sie" if "sie" in (first.facts.address_form.lower(), second.facts.address_form.lower()) else "du"
    w = _Writer(DraftFacts(**{**first.facts.__dict__, "address_form": form}), INTRODUCTION, lang, now, zone)
    sentences: list[tuple[str, bool]] = [(_say(w, "introducing"), False)]
    gaps: list[str] = []
    if why.code in ("need", "job"):
        seeker, provider = (first, second) if why.seeker == first.name else (second, first)
        sentences.append((_say(w, "intro_seeking", first=_name(seeker, w.form), wanted=why.wanted), False))
        if _beyond_role(why):
            sentences.append((_role(w, provider), True))
            found = "intro_hiring" if why.code == "job" else "intro_found"
            sentences.append((_say(w, found, first=_name(provider, w.form), found=why.found), False))
        else:  # what fits is their job title or organisation: the role says it
            sentences.append((_role(w, provider), False))
    else:
        sentences += [(_role(w, first), False), (_role(w, second), False)]
        if why.code == "interests" and why.topics:
            sentences.append((_say(w, "intro_interests", topic=why.topics[0]), False))
        elif why.code == "own" and why.own.strip():
            sentences.append((_say(w, "intro_own", own=why.own.strip().rstrip(".")), False))
        else:
            gaps.append(_TEXT["gap"][w.base][0])
            sentences.append((gaps[-1], False))
    paragraphs = [sentences, [(_say(w, "handover"), False)]]
    return _finish(w, INTRODUCTION, [first, second], paragraphs, channel, lang, now, zone, limit, gaps)


def _split(greeting: str, facts: DraftFacts) -> tuple[str, str]:
    """("Guten Tag", "Thomas Keller"): the words of greeting and the name."""
    at = [greeting.find(n) for n in (facts.prefix.strip(), facts.first_name.strip(), facts.family_name.strip()) if n]
    at = [i for i in at if i > 0]
    cut = min(at) if at else greeting.find(" ") + 1
    return greeting[:cut].strip(), greeting[cut:].strip()


def _greeting(w: _Writer, people: list[Side]) -> str:
    """One person's greeting; for two, "Hi Thomas and Fabian", or "Guten Tag A, guten Tag B" for "Sie"."""
    one = w.greeting()
    if len(people) == 1:
        return one
    other = _Writer(DraftFacts(**{**people[1].facts.__dict__, "address_form": w.form}), w.kind, w.lang, w.now, w.zone)
    word, _ = _split(one, people[0].facts)
    _, name = _split(other.greeting(), people[1].facts)
    if w.form == "du":
        return f"{one} {'and' if w.base == 'en' else 'und'} {name}"
    again = word if w.base == "en" or word.startswith("Grüezi") else word[:1].lower() + word[1:]
    return f"{one}, {again} {name}"


def _finish(
    w: _Writer,
    kind: str,
    people: list[Side],
    paragraphs: list[list[tuple[str, bool]]],
    channel: str,
    lang: str,
    now: datetime,
    zone: tzinfo,
    limit: int,
    gaps: list[str],
) -> Draft:
    closing, name_gap = w.closing()
    if name_gap:
        gaps.append(name_gap)
    greeting = _greeting(w, people)
    note = channel == "linkedin"
    kept = [list(p) for p in paragraphs]

    def render() -> str:
        body = [w.local(" ".join(text for text, _ in p)) for p in kept if p]
        if (w.base == "de" or note) and body[0].split(" ", 1)[0] in _LOWER:  # "Hallo Urs,\n\ndu hast …", not a name
            body[0] = body[0][:1].lower() + body[0][1:]
        if note:
            words, _, name = closing.partition("\n")
            return f"{greeting}, {' '.join(body)} {words.rstrip(',')}, {name}"
        return f"{greeting},\n\n" + "\n\n".join(body) + f"\n\n{closing}"

    text = render()
    while note and len(text) > limit:  # a connection note: what may go goes, last first
        optional = [(i, j) for i, p in enumerate(kept) for j, (_, may_go) in enumerate(p) if may_go]
        if not optional:
            break
        i, j = optional[-1]
        del kept[i][j]
        text = render()
    if note and len(text) > limit:
        from rapport.messages.drafts import _cut

        text = _cut(text, limit)
    subject = None
    if channel == "email":
        names = " & ".join(p.facts.first_name for p in people)
        subject = {
            ("en", ASK): "A possible introduction",
            ("de", ASK): "Eine mögliche Vorstellung",
            ("en", INTRODUCTION): f"Introduction: {names}",
            ("de", INTRODUCTION): f"Vorstellung: {names}",
        }[(w.base, kind)]
    facts = Facts(first_name=people[0].facts.first_name or None, family_name=people[0].facts.family_name or None)
    result = check(
        text,
        lang=w.base,
        facts=facts,
        kind=kind,
        channel=channel if channel != "linkedin-message" else "linkedin",
        limit=limit if note else None,
    )
    found = re.findall(r"\[[^\]\n]*\]", text)
    gaps = list(dict.fromkeys([g for g in gaps if g in text] + found))
    to = ", ".join(p.email for p in people if p.email) if channel == "email" else ""
    return Draft(kind, channel, lang, subject, text, gaps, result, to)
