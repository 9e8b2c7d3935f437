"""Word lists, patterns and the user-facing hint texts (English and German) of the personalisation check.

Everything here is data: the rules in `check.py` read it. Hints are a small en/de table (`HINTS`), formatted with
`str.format` fields; they are kept here rather than in the i18n catalogue so that the check stays self-contained.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE | re.UNICODE

STOPWORDS = {
    "de": set(
        [
            "und",
            "der",
            "die",
            "das",
            "ich",
            "du",
            "dich",
            "dir",
            "mich",
            "mir",
            "wir",
            "uns",
            "sie",
            "ihnen",
            "ist",
            "hat",
            "habe",
            "haben",
            "nicht",
            "ein",
            "eine",
            "einen",
            "einem",
            "mit",
            "von",
            "zu",
            "zum",
            "zur",
            "auf",
            "für",
            "über",
            "am",
            "beim",
            "im",
            "bei",
            "es",
            "sehr",
            "wie",
            "war",
            "auch",
            "noch",
            "schon",
            "dein",
            "deine",
            "deinen",
            "ihr",
            "ihre",
            "lieber",
            "liebe",
            "hallo",
            "grüsse",
            "grüße",
            "gruss",
            "danke",
            "vielen",
            "herzlichen",
            "freue",
            "gefreut",
            "kennengelernt",
            "wenn",
            "oder",
            "aber",
        ]
    ),
    "en": set(
        [
            "and",
            "the",
            "a",
            "an",
            "to",
            "of",
            "for",
            "on",
            "at",
            "in",
            "is",
            "was",
            "it",
            "i",
            "you",
            "your",
            "my",
            "me",
            "we",
            "us",
            "our",
            "with",
            "about",
            "this",
            "that",
            "have",
            "has",
            "had",
            "be",
            "been",
            "are",
            "not",
            "thanks",
            "thank",
            "hi",
            "hello",
            "dear",
            "great",
            "meet",
            "meeting",
            "best",
            "regards",
            "would",
            "could",
            "like",
            "just",
            "so",
        ]
    ),
}

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
_MONTH = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|maerz|apr(?:il)?|ma[iy]|june?|juni|july?|juli|"
    r"aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\.?"
)

#: A date or time that makes a proposal concrete.
DATE_TIME = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"),
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),
    re.compile(rf"\b\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-zäöü])", _F),
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", _F),
    re.compile(rf"\b(?:{_WEEKDAY})\b", _F),
    re.compile(r"\b(?:at|um|ab)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)?(?![\d.])", _F),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|uhr)\b", _F),
    re.compile(r"\b\d{1,2}:\d{2}\b"),
    re.compile(r"\b(?:tomorrow|at noon|übermorgen)\b", _F),
    re.compile(r"\bmorgen\b"),  # lower case only: "Guten Morgen" is a greeting
]

#: Words that make a sentence a proposal (besides a question mark).
PROPOSAL = re.compile(
    r"\b(?:let'?s|let’s|shall we|would you|could we|can we|how about|are you free|coffee|lunch|dinner|call|"
    r"meet(?:ing)? (?:up|again)|see you|join me|take you|look forward|treffen wir|sehen wir uns|hast du|haben sie|"
    r"hättest du|hätten sie|zeit für|kaffee|mittagessen|abendessen|telefonat|lade (?:dich|sie)|wiedersehen|"
    r"freue mich auf|wollen wir|sollen wir|uns treffen|laufen wir)\b",
    _F,
)

#: A proposal without a date: present as evidence for the hint, scored as missing.
VAGUE_PROPOSAL = re.compile(
    r"\b(?:sometime|some time|one day|when you are free|when you're free|if you ever|catch up|mal wieder|"
    r"irgendwann|bei gelegenheit|wenn du zeit hast|melde dich)\b",
    _F,
)

GREETING = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|liebe[rs]?|hallo|hoi|grüezi|gruezi|salü|"
    r"guten (?:tag|morgen|abend)|sehr geehrte[rs]?|servus|moin)\b[ ,]*"
    r"((?:(?:mr|mrs|ms|dr|prof|frau|herr|herrn)\.?\s+)?[A-ZÄÖÜ][\w\-’']+)",
    re.UNICODE,
)
NOT_A_NAME = {"damen", "team", "all", "everyone", "there", "sir", "madam", "zusammen", "kolleginnen", "alle"}

#: Where/when you met (besides weekdays in non-proposal sentences).
MOMENT = [
    re.compile(r"\b(?:since|seit)\s+(?:our|unserem|unserer)\s+\w+", _F),
    re.compile(r"\b(?:yesterday(?:'s|’s)?|gestern|vorgestern|last (?:week|night|month)(?:'s|’s)?|letzte woche)\b", _F),
    re.compile(rf"\b(?:last|letzten|vergangenen|on|am)\s+(?:{_WEEKDAY})\b", _F),
    re.compile(
        r"\bat (?:the|your|our|yesterday'?s|yesterday’s|last week'?s)\s+(?:[\w\-]+\s+){0,3}?"
        r"(?:talk|meetup|meet-up|conference|event|workshop|evening|dinner|lunch|party|fair|gym|session|seminar|"
        r"presentation|apéro|reception|breakfast|course|class|meeting|summit|lecture|concert)\b",
        _F,
    ),
    re.compile(
        r"\b(?:am|beim|an der|auf der|bei der|im|in der)\s+(?:[\w\-]+\s+){0,3}?[\w\-]*"
        r"(?:anlass|vortrag|workshop|messe|apéro|apero|abend|konferenz|tagung|seminar|treffen|event|meetup|kurs|"
        r"essen|kongress|veranstaltung|präsentation|fest|feier)\b",
        _F,
    ),
    re.compile(rf"\b(?:in|im)\s+{_MONTH}(?![a-zäöü])", _F),
]

#: A specific topic, when no stored topics are given.
TOPIC = [
    re.compile(
        r"\b(?<!how )about\s+(?!(?:it|that|this|you|me|us|them|him|her|things|everything|anything|something|"
        r"time|yourself)\b)[\w\-]+",
        _F,
    ),
    re.compile(
        r"\b(?:talk|presentation|conversation|chat|workshop|session|article|book|lecture|discussion|"
        r"advice|tips?|ideas?|points?)\b[^.?!]{0,20}?\bon\s+(?!(?:" + _WEEKDAY + r"|linkedin|xing)\b)[a-z][\w\-]+",
        _F,
    ),
    re.compile(
        r"\bthe\s+(?:[\w\-]+\s+){1,3}you\s+(?:mentioned|showed|recommended|suggested|pointed out|sent|described|"
        r"told me about|shared)\b",
        _F,
    ),
    re.compile(
        r"\büber\s+(?!(?:dich|sie|euch|mich|uns|es|deine\w*|ihre\w*|das wiedersehen|deine nachricht)\b)[\w\-]+",
        _F,
    ),
    re.compile(
        r"\b(?:tipp|hinweis|vorschlag|ansatz|idee|empfehlung|trainingsplan|checkliste|technik|methode|rat)\w*\s+"
        r"(?:zur|zum|zu|mit dem|mit der|mit|für|über)\s+[\w\-]+",
        _F,
    ),
    re.compile(r"\bvon (?:dir|ihnen) (?:erwähnte|empfohlene|vorgeschlagene|gezeigte)\w*\s+[\w\-]+", _F),
]

_EN_DONE = (
    r"tried|tested|applied|used|introduced|implemented|started|read|ran|fixed|kept|sent|put|set up|adopted|"
    r"followed|signed up|switched|changed|built|booked|contacted|called|wrote|written|installed|shared|reached out|"
    r"spoke|talked|joined|rolled out|added|took|begun|began|done|made|run|been using|been trying|finished"
)
_DE_DONE = (
    r"ausprobiert|umgesetzt|getestet|eingesetzt|angewendet|angewandt|gelesen|angemeldet|geschickt|überarbeitet|"
    r"eingeführt|übernommen|gestartet|genutzt|verwendet|probiert|begonnen|angefangen|installiert|kontaktiert|"
    r"geändert|angepasst|gebucht|geschrieben|eingebaut|angerufen|gesprochen|unterhalten|weitergegeben|bestellt"
)

#: What I did with their input.
CONSEQUENCE = [
    re.compile(rf"\b(?:i|we)(?:'ve|’ve| have| had)?\s+(?:already\s+|just\s+|finally\s+|now\s+)?(?:{_EN_DONE})\b", _F),
    re.compile(r"\bsince (?:our|then|we)\b[^.?!]{0,60}\b(?:i|we)\b", _F),
    re.compile(rf"\b(?:habe|haben|hab)\b[^.?!]{{0,80}}?\b(?:{_DE_DONE})\b", _F),
    re.compile(r"\bseit(?:her| unserem| unserer)\b[^.?!]{0,60}\b(?:ich|wir)\b", _F),
]

#: Thanks with an object ("thank you for the tip") and bare thanks.
THANKS_SPECIFIC = re.compile(
    r"\b(?:thank you|thanks|many thanks)(?:\s+(?:so much|again|a lot|very much))?\s+(?:for|to)\s+[\w\-]+|"
    r"\b(?:danke|vielen dank|herzlichen dank|besten dank|merci)(?:\s+(?:nochmals|vielmals))?\s+"
    r"(?:für|fürs|dafür|an)\b\s*[\w\-]*|\bdanke dafür\b|\bi (?:really )?appreciate(?:d)?\s+(?:your|the|that)\s+\w+|"
    r"\bich bedanke mich für\s+\w+",
    _F,
)
THANKS_BARE = re.compile(r"\b(?:thank you|thanks|thx|cheers for|danke|merci|dankeschön|vielen dank)\b", _F)

#: The platforms' default texts and other stock phrases: each one found is a penalty.
STOCK_PHRASES = [
    re.compile(p, _F)
    for p in (
        r"i(?:'d|’d| would) like to add you to my professional network",
        r"i(?:'d|’d| would) like to join your (?:professional )?network",
        r"i(?:'d|’d| would) like to connect with you on linkedin",
        r"hope (?:this|the|my) (?:e-?mail |message |note )?finds you well",
        r"i hope you(?:'re|’re| are) (?:doing )?well",
        r"let(?:'s|’s| us) (?:keep|stay) in touch",
        r"to whom it may concern",
        r"just (?:wanted to )?(?:reach(?:ing)? out|touch(?:ing)? base|check(?:ing)? in)",
        r"please find (?:my \w+ )?attached",
        r"ich möchte (?:sie|dich) gerne? zu meinem beruflichen netzwerk(?: auf linkedin)? hinzufügen",
        r"ich würde (?:sie|dich) gerne? als kontakt hinzufügen",
        r"ich würde mich freuen, (?:sie|dich) (?:in|zu) meinem netzwerk",
        r"bleiben wir in kontakt",
        r"lass(?:en)? uns in kontakt bleiben",
        r"ich hoffe, (?:es geht (?:dir|ihnen) gut|diese (?:nachricht|e-mail) erreicht)",
        r"sehr geehrte damen und herren",
        r"anbei erhalten sie",
    )
]

#: Unfilled template gaps.
GAPS = [
    re.compile(r"\[[^\]\n]{0,80}\]"),
    re.compile(r"\{[^}\n]{0,80}\}"),
    re.compile(r"<[^<>\n]{1,40}>"),
    re.compile(r"\b(?:TODO|XXX|TBD|FIXME)\b"),
    re.compile(r"_{3,}|\.\.\.\?"),
]

#: Hint texts: {lang: {key: template}}.
HINTS: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Open with a greeting by name (“Hi Anna,”).",
        "greeting_facts": "Open with a greeting by name: “Hi {first_name},”.",
        "moment": "Recall when and where you met (“on Tuesday at the talk”).",
        "moment_facts": "Recall when and where you met: “{moment}”.",
        "topic": "Name a specific topic from your conversation (“about …”).",
        "topic_facts": "Mention {topic}.",
        "consequence": "Tell what you did with their input (“I tried …”, “since our talk I …”).",
        "consequence_facts": "Tell what you did with their input on {topic} (“I tried …”).",
        "thanks": "Thank them for something specific (“thank you for …”).",
        "thanks_bare": "Say what you thank them for (“thanks for the tip on …”).",
        "thanks_facts": "Thank them for something specific, e.g. their input on {topic}.",
        "next_step": "Propose a concrete next step with a date or time (“coffee on 3 March?”).",
        "next_step_vague": "Make your proposal concrete: add a date or time.",
        "next_step_facts": "Propose to meet again: {next_event}?",
        "stock_phrases": "Replace the stock phrase “{phrase}” with something personal.",
        "gaps": "Fill in the placeholder “{gap}”.",
        "length_over_limit": "Shorten it to at most {limit} characters (now {n}).",
        "length_short": "Write a little more: at least {minimum} characters (now {n}).",
    },
    "de": {
        "greeting": "Beginnen Sie mit einer Anrede mit Namen («Liebe Anna,»).",
        "greeting_facts": "Beginnen Sie mit einer Anrede mit Namen: «Hallo {first_name},».",
        "moment": "Erinnern Sie daran, wann und wo Sie sich getroffen haben («am Dienstag beim Vortrag»).",
        "moment_facts": "Erinnern Sie daran, wann und wo Sie sich getroffen haben: «{moment}».",
        "topic": "Nennen Sie ein konkretes Thema aus Ihrem Gespräch («über …»).",
        "topic_facts": "Erwähnen Sie {topic}.",
        "consequence": "Erzählen Sie, was Sie mit dem Input gemacht haben («ich habe … ausprobiert»).",
        "consequence_facts": "Erzählen Sie, was Sie mit dem Input zu {topic} gemacht haben («ich habe … ausprobiert»).",
        "thanks": "Danken Sie für etwas Bestimmtes («danke für …»).",
        "thanks_bare": "Sagen Sie, wofür Sie danken («danke für den Tipp zu …»).",
        "thanks_facts": "Danken Sie für etwas Bestimmtes, z. B. den Input zu {topic}.",
        "next_step": "Schlagen Sie einen konkreten nächsten Schritt mit Datum oder Uhrzeit vor («Kaffee am 3. März?»).",
        "next_step_vague": "Machen Sie den Vorschlag konkret: nennen Sie ein Datum oder eine Uhrzeit.",
        "next_step_facts": "Schlagen Sie ein Wiedersehen vor: {next_event}?",
        "stock_phrases": "Ersetzen Sie die Floskel «{phrase}» durch etwas Persönliches.",
        "gaps": "Füllen Sie den Platzhalter «{gap}» aus.",
        "length_over_limit": "Kürzen Sie auf höchstens {limit} Zeichen (jetzt {n}).",
        "length_short": "Schreiben Sie etwas mehr: mindestens {minimum} Zeichen (jetzt {n}).",
    },
}
