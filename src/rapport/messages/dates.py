"""Dates and times as people write them in German and English, and whether a sentence looks back or ahead.

Pure and deterministic: regular expressions only. `find(text)` returns every date or time phrase with its place in
the text ("14.01.", "14. Januar", "Do, 3.12.", "um 8 Uhr", "9.30 Uhr", "18:30", "am Donnerstag", "nächste Woche
Dienstag", "Feb 3rd", "3 February", "Tuesday 13 January at 4pm", "6.30pm", "around 7.30pm", "2026-01-14",
"tomorrow", "morgen"). A number alone ("3.5 %", "12 Leute", "Version 3.12.4") is not a date.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_F = re.IGNORECASE | re.UNICODE

WEEKDAY = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"mäntig|mentig|zischtig|ziischtig|mittwuch|mittwoch|donnschtig|dunschtig|donschtig|dunnschtig|friitig|fritig|"
    r"samschtig|sunntig"  # Swiss German as people write it
)
#: Short weekdays only before a date ("Do, 3.12.", "Thu 5 Feb"): alone, "Do" or "Sat" are too ambiguous.
WEEKDAY_SHORT = r"(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?"
MONTH = (
    r"(?:jan(?:uary|uar)?|j[äa]n(?:ner)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|maerz|apr(?:il)?|ma[iy]|june?|juni|"
    r"july?|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)"
    r"(?![a-zäöü])\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON_NUM = r"(?:0?[1-9]|1[0-2])"
_ORD = r"(?:st|nd|rd|th)"
_HOUR = r"(?:[01]?\d|2[0-3])(?!\d)"
_MIN = r"[0-5]\d"
_AMPM = r"(?:a\.m\.|p\.m\.|am|pm)(?![a-zäöü])"
_NEXT = r"(?:next|this|coming|nächste[nm]?|kommende[nm]?|diese[nm]?|nächscht\w*|nöchscht\w*)"

#: Each pattern is one way of writing a date or a time.
PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?<![\d.])\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])"),
    "numeric": re.compile(
        r"(?<![\d.,])(?<!CHF )(?<!EUR )(?<!USD )(?<!Fr\. )(?<![$€£] )(?<![$€£])"  # not an amount: "CHF 1.01."
        rf"(?:{WEEKDAY_SHORT}\s*)?{_DAY}\.\s?{_MON_NUM}\.(?:\s?(?:19|20)?\d{{2}})?(?![\d,]|\.\d)",
        _F,
    ),
    "slash": re.compile(rf"(?<![\d/.])(?:{_DAY}/{_MON_NUM}/(?:19|20)?\d{{2}}|(?<=on ){_MON_NUM}/{_DAY})(?![\d/.])"),
    "day_month": re.compile(
        rf"(?<![\d.,])(?:(?:{WEEKDAY}|{WEEKDAY_SHORT}),?\s+)?(?:the\s+)?{_DAY}(?:\.|{_ORD})?\s+(?:of\s+)?{MONTH}"
        rf"(?:,?\s+(?:19|20)\d{{2}})?",
        _F,
    ),
    "month_day": re.compile(
        rf"(?:(?:{WEEKDAY}),?\s+)?\b{MONTH}\s+(?:the\s+)?{_DAY}(?:{_ORD})?(?![\d.:,]\d)(?:,?\s+(?:19|20)\d{{2}})?\b", _F
    ),
    "weekday": re.compile(
        rf"\b(?:(?:am|on|a)\s+)?(?:(?:{_NEXT}\s+(?:woche\s+|week\s+)?)|(?:nächste|kommende)\s+woche\s+)?(?:{WEEKDAY})"
        rf"(?:\s*(?:morning|afternoon|evening|night|morgen|vormittag|nachmittag|abend|mittag))?\b",
        _F,
    ),
    "clock_word": re.compile(
        rf"\b(?:um|ab|gegen|bis|at|from|around|about|by|by\s+around|ca\.|circa|so um)\s+{_HOUR}(?:[:.]{_MIN})?"
        rf"(?:\s*(?:uhr|h\b|{_AMPM}|o'clock|o’clock))?(?![\d.,:]\d)(?!\s*(?:%|prozent|percent|leute|people|minuten|minutes))",
        _F,
    ),
    "clock_unit": re.compile(rf"(?<![\d.,:]){_HOUR}(?:[:.]{_MIN})?\s*(?:uhr\b|{_AMPM}|o'clock|o’clock)", _F),
    "clock_colon": re.compile(rf"(?<![\d.,:]){_HOUR}:{_MIN}(?![\d:])"),
    "relative": re.compile(
        r"\b(?:tomorrow(?:\s+(?:morning|afternoon|evening|night))?|tonight|the day after tomorrow|übermorgen|"
        r"at noon|at midday|heute abend|heute nachmittag|this (?:afternoon|evening)|zum zmittag|über mittag)\b",
        _F,
    ),
    # lower case only: "Guten Morgen" is a greeting, "morgen" is tomorrow
    "morgen": re.compile(r"\bmorgen(?:\s+(?:früh|abend|nachmittag|vormittag|mittag))?\b"),
}


class Found(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


def find(text: str) -> list[Found]:
    """Every date or time phrase in `text`, in order, overlapping matches merged into the longest."""
    hits: list[Found] = []
    for name, pattern in PATTERNS.items():
        for m in pattern.finditer(text):
            if m.group(0).strip():
                hits.append(Found(m.start(), m.end(), m.group(0).strip(), name))
    hits.sort(key=lambda f: (f.start, -(f.end - f.start)))
    merged: list[Found] = []
    for f in hits:
        if merged and (f.start < merged[-1].end or _JOIN.fullmatch(text[merged[-1].end : f.start])):
            last = merged[-1]  # overlapping, or next to each other: "14.01. um 12 Uhr", "Feb 3rd at 12:15"
            if f.end > last.end:
                merged[-1] = Found(last.start, f.end, text[last.start : f.end].strip(), last.kind)
            continue
        merged.append(f)
    return merged


_JOIN = re.compile(r"[ \t,]{0,3}")


#: A date phrase marked as past ("last Tuesday", "letzten Donnerstag", "yesterday", "am Samstag bei Nadia" in a
#: sentence in the past tense is decided by `looks_back`).
PAST_MARK = re.compile(
    rf"\b(?:last|letzte[nm]?|vergangene[nm]?|previous|vorige[nm]?)\s+(?:{WEEKDAY}|week|woche|month|monat|year|jahr)\b|"
    r"\b(?:yesterday|gestern|vorgestern|earlier today|heute früh|this morning|heute morgen|geschter|vorgeschter|"
    r"hüt morge)\b|\bletscht\w*\s+(?:wuche|woche|monet|jahr|johr|" + WEEKDAY + r")\b",
    _F,
)

_PAST_VERBS = re.compile(
    r"\b(?:was|were|met|had|spoke|talked|enjoyed|loved|learned|learnt|showed|told|mentioned|said|gave|shared|"
    r"went|saw|heard|bumped|chatted|did|helped|recommended|sent|introduced|"
    r"war|waren|hatte|hatten|hat|habe|haben|hab|hast|bin|sind|bist|erzählt|erwähnt|erwähnten|gesprochen|getroffen|"
    r"kennengelernt|kennenzulernen|kennen\s*gelernt|unterhalten|gefreut|geholfen|gezeigt|empfohlen|getroffen zu haben|"
    r"gesehen|gehört|"
    # Swiss German past participles and auxiliaries ("mir händ üs troffe", "es isch schön gsi")
    r"troffe|gsi|gseh|ghört|verzellt|gredt|gschwätzt|kenneglernt|kennegelernt|hämmer|händ|hend|hesch|häsch|"
    r"hets|han|hani)\b",
    _F,
)
_FUTURE = re.compile(
    r"\?|\b(?:let'?s|let’s|shall we|would you|could we|can we|how about|are you free|fancy|up for|join (?:me|us)|"
    r"will|i'll|i’ll|we'll|we’ll|going to|look(?:ing)? forward|invite|hope to see|"
    r"see you (?:soon|then|there|next|on|at)|"
    r"treffen wir|sehen wir uns|wollen wir|sollen wir|lass uns|lasst uns|kommst du|kommen sie|komm doch|"
    r"hast du (?:zeit|lust)|hättest du|hätten sie|haben sie (?:zeit|lust)|passt (?:es )?(?:dir|ihnen)|"
    r"werde|werden|wird|freue mich auf|freuen uns auf|lade (?:dich|sie|euch)|laden (?:dich|sie|euch)|"
    r"dürfte ich|darf ich|magst du|möchtest du|würde mich freuen|würden uns freuen|bringe|"
    r"gömmer|gömer|wämmer|chömmer|chunsch|hesch zyt|hättsch zyt|hesch lust)\b",
    _F,
)


def looks_ahead(sentence: str) -> bool:
    """A proposal or a plan: a question, an invitation, a future tense."""
    return bool(_FUTURE.search(sentence))


def looks_back(sentence: str) -> bool:
    """A sentence about something that happened: a past marker or a past tense, and no proposal."""
    if PAST_MARK.search(sentence):
        return True
    return bool(_PAST_VERBS.search(sentence)) and not looks_ahead(sentence)


def ahead(sentence: str) -> list[Found]:
    """The date phrases of a sentence that can be a proposed meeting: not marked as past."""
    past = [(m.start(), m.end()) for m in PAST_MARK.finditer(sentence)]
    return [f for f in find(sentence) if not any(s <= f.start < e or f.start <= s < f.end for s, e in past)]
