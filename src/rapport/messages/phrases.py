"""Word lists, patterns and the user-facing hint texts (English and German) of the personalisation check.

Everything here is data: the rules in `check.py` read it. Hints are a small en/de table (`HINTS`), formatted with
`str.format` fields; they are kept here rather than in the i18n catalogue so that the check stays self-contained.
"""

from __future__ import annotations

import re

from rapport.messages.dates import MONTH as _MONTH
from rapport.messages.dates import PATTERNS as _DATE_PATTERNS
from rapport.messages.dates import WEEKDAY as _WEEKDAY

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


#: A date or time that makes a proposal concrete (the recogniser in `dates.py`).
DATE_TIME = list(_DATE_PATTERNS.values())

#: Words that make a sentence a proposal to meet (besides a question mark).
PROPOSAL = re.compile(
    r"\b(?:let'?s|let’s|shall we|would you|could we|can we|how about|are you free|coffee|lunch|dinner|drinks?|call|"
    r"meet(?:ing)? (?:up|again)|see you|join me|take you|look forward|fancy|up for|session|"
    r"treffen wir|sehen wir uns|hast du|haben sie|hättest du|hätten sie|zeit für|kaffee|mittagessen|abendessen|"
    r"telefonat|lade (?:dich|sie)|wiedersehen|freue mich auf|wollen wir|sollen wir|uns treffen|laufen wir|"
    r"zmittag|znacht|feierabendbier|bier|apéro|kafi|kaffi|käfeli|passt (?:es )?(?:dir|ihnen)|dürfte ich|darf ich|"
    r"gömmer|gömer|"
    r"wämmer|chömmer|chunsch|hesch zyt|hättsch zyt|hesch lust)\b",
    _F,
)
#: Meeting words: a request that only proposes to meet is a proposal, not an ask.
MEETING = re.compile(
    r"\b(?<!-)(?:coffee|lunch|dinner|drinks?|beer|meet(?:ing)?|call|session|kaffee|mittagessen|abendessen|zmittag|"
    r"znacht|bier|feierabendbier|treffen|telefonat|apéro|essen|kafi|kaffi|käfeli)\b(?!-)",
    _F,
)
#: How a question proposes something ("would you have time", "hast du Lust").
PROPOSAL_ASK = re.compile(
    r"\b(?:would you|could we|can we|shall we|how about|are you free|fancy|up for|let'?s|wie wäre es|"
    r"hast du (?:zeit|lust)|hättest du|hätten sie|haben sie (?:zeit|lust)|wollen wir|sollen wir|treffen wir|"
    r"sehen wir uns|magst du|darf ich|dürfte ich|passt)\b",
    _F,
)
#: An open question asked indirectly ("I'm curious how …", "ich bin gespannt, wie …").
INDIRECT_QUESTION = re.compile(
    r"\b(?:i(?:'m| am) (?:curious|keen to hear|wondering)|i wonder|let me know how|tell me how|"
    r"ich bin (?:gespannt|neugierig)|würde mich interessieren|erzähl (?:mir )?(?:doch )?mal)\b[^.!?\n]{0,80}?"
    r"\b(?:how|whether|what|if|wie|ob|was|wo)\b[^.!?\n]{3,}",
    _F,
)

#: A proposal without a date: present as evidence for the hint, scored as missing.
VAGUE_PROPOSAL = re.compile(
    r"\b(?:sometime|some time|one day|when you are free|when you're free|if you ever|catch up|mal wieder|"
    r"irgendwann|bei gelegenheit|wenn du zeit hast|melde dich|soon|bald|gelegentlich|uf bald|bis bald|bis glii)\b",
    _F,
)

GREETING = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|liebi|good (?:morning|afternoon|evening)|liebe[rs]?|hallo|hoi|grüezi|gruezi|salü|"
    r"guten (?:tag|morgen|abend)|sehr geehrte[rs]?|servus|moin|grüss (?:dich|gott)|ciao|sali|salut|grüessech|"
    r"grüess(?:di| di| dich)|guete (?:morge|tag|abig)|hej|hiya|heya|hallöchen|sälü|morning|hoi zäme)\b[ ,]*"
    r"((?:(?i:mr|mrs|ms|dr|prof|professor|frau|herr|herrn)\.?\s+)*[A-ZÄÖÜ][\w\-’']+)",
    re.UNICODE,
)
#: A name alone at the start: "Anna – …", "Reto, …".
NAME_FIRST = re.compile(r"^\W*([A-ZÄÖÜ][a-zäöüéè\-]{2,})\s*(?:,|–|—|-\s|!)", re.UNICODE)
#: A name at the end of the first sentence: "Congrats on the Series A, Aisha!"
VOCATIVE = re.compile(r"^(?:[^.!?\n]|(?<=\d)\.){3,120}?,\s+([A-ZÄÖÜ][a-zäöüéè\-]+)\s*[!.?]", re.UNICODE)
#: A name set off by commas after thanks or wishes: "Merci viu mau, Dänu, für …", "Vielen Dank, Herr Brandt, …".
VOCATIVE_INSIDE = re.compile(
    r"^\W*(?i:thank|thanks|many thanks|cheers|danke|vielen dank|herzlichen dank|besten dank|merci|tuusig dank|"
    r"tausend dank|congrat\w*|gratul\w*|glückwunsch|alles gute|happy|bravo|well done|chapeau)\b"
    r"(?:[^.!?\n,]{0,30},\s+((?:(?i:mr|mrs|ms|dr|frau|herr)\.?\s+)?[A-ZÄÖÜ][a-zäöüéè\-]+)\s*,|"
    r"\s+((?:(?i:mr|mrs|ms|dr|frau|herr)\.?\s+)?[A-ZÄÖÜ][a-zäöüéè\-]+)\s*(?:[!,.]|(?i:für|fürs|for)\b))",
    re.UNICODE,
)
NOT_A_NAME = {
    "damen",
    "team",
    "all",
    "everyone",
    "there",
    "sir",
    "madam",
    "zusammen",
    "zäme",
    "kolleginnen",
    "alle",
    "i'd",
    "i'm",
    "i’d",
    "i’m",
    "ihr",
    "wir",
    "thanks",
    "danke",
}

_EVENT = (
    r"talk|meetup|meet-up|conference|event|workshop|evening|dinner|lunch|party|fair|gym|wall|session|seminar|"
    r"presentation|apéro|reception|breakfast|course|class|meeting|summit|lecture|concert|keynote|forum|booth|"
    r"night|barcamp|hackathon|festival|walk|dinner debate|offsite|retreat|panel|demo|pitch|tour|visit|round ?table|"
    r"webinar|fireside"
)
_ANLASS = (
    r"anlass|vortrag|workshop|messe|apéro|apero|abend|konferenz|tagung|seminar|treffen|event|meetup|kurs|"
    r"essen|kongress|veranstaltung|präsentation|fest|feier|barcamp|stammtisch|training|wochenende|znacht|"
    r"mittagessen|generalversammlung|führung|gespräch|austausch|abig|fäscht|konzert|jazz|zmorge|lesung|plausch|"
    r"klausur|mäss|stand|afterwork|after-work|referat|austuusch|lehrgang|weiterbildung|retraite|offsite|"
    r"kongress|symposium|hackathon|lager|kurswuche|tagig|grillen|grillabend|brätle|hochzeit|geburtstag|taufe|"
    r"konfirmation|polterabend|jubiläum"
)

#: Where/when you met, in a sentence that does not propose the next meeting.
MOMENT = [
    re.compile(r"\b(?:since|seit|after|nach|during|bei|von)\s+(?:our|unserem|unserer|unseren)\s+[\w\-]+", _F),
    re.compile(
        r"\b(?:yesterday(?:'s|’s)?|gestern|vorgestern|geschter|vorgeschter|letscht wuche|last (?:week|night|month|"
        r"year|spring|summer|autumn|"
        r"fall|winter)(?:'s|’s)?|letzte woche|letzten (?:monat|herbst|sommer|winter|frühling)|"
        r"letztes jahr|this morning|heute früh|heute morgen|earlier today|this (?:afternoon|evening)|"
        r"heute (?:mittag|nachmittag|abend))\b",
        _F,
    ),
    re.compile(rf"\b(?:last|letzten|vergangenen)\s+(?:{_WEEKDAY})\b", _F),
    re.compile(
        rf"\b(?:at|from|after|during|on|since)\s+(?:the|your|our|a|yesterday'?s|yesterday’s|last week'?s|"
        rf"(?:{_WEEKDAY})(?:'s|’s))\s+"
        rf"(?:[\w\-']+\s+){{0,4}}?(?:{_EVENT})\b",
        _F,
    ),
    re.compile(
        rf"\b(?:am|beim|bim|an der|auf der|bei der|im|in der|an|auf dem|vom|seit dem|seit der|nach dem|nach der|"
        rf"nach em|nach de|nachem|a de|bi de|uf em|sit em|sit de|sit dr|sitem)\s+"
        rf"(?:[\w\-]+\s+){{0,3}}?[\w\-]*"
        rf"(?:{_ANLASS})\b",
        _F,
    ),
    re.compile(rf"\b(?:in|im)\s+{_MONTH}", _F),
    re.compile(
        r"\bwhen (?:we|i) (?:met|spoke|talked|chatted|were)\b|\bals wir uns\b|"
        r"\bwe (?:\w+ )?(?:met|spoke|talked|chatted)\b(?: \w+)?",
        _F,
    ),
    re.compile(
        rf"\b(?:after|during|at|nach|bei|an|während|bi)\s+(?:your|deinem|deiner|Ihrem|Ihrer|dim|dinere)\s+"
        rf"(?:[\w\-]+\s+){{0,2}}?(?:{_EVENT}|{_ANLASS})\b",
        _F,
    ),
]

#: Signs that the message refers to something shared with the person (for check-ins, asks, shares, invitations).
REFERENCE = [
    re.compile(
        r"\byou\s+(?:\w+\s+){0,2}?(?:told|mentioned|said|showed|recommended|shared|asked|were (?:demoing|sketching|"
        r"telling|planning)|sent|helped|explained|gave)\b|"
        r"\b(?:i\s+(?:still\s+)?remember|remember (?:you|when|our|how))\b|"
        r"\bi (?:often )?think (?:back )?(?:to|of|about) (?:our|your)\b|\b(?:thought of|made me think of|reminded "
        r"me of|given) (?:our|your)\b|\b(?:given|now that) you (?:just |recently |finally )?\w+\b|"
        r"\b(?:since|as) you (?:just|recently|finally) \w+\b|"
        r"\b(?:at|in|during|after|from|since) our (?:last|first|old|previous|final)\s+"
        r"[\w\-]+|\b(?:the|that|this)\s+(?!(?:help|support|time|kindness|effort|work|opportunity|hospitality|"
        r"interest)\b)(?:[\w\-]+\s+){1,3}?you(?:'d| had)?\s+(?:\w+\s+)?(?:pitched|kept|suggested|proposed|planned|"
        r"described|talked|raved|sketched|dreamt|dreamed|built|wrote|drew|gave|took|ran|made|told|showed|sent|"
        r"recommended|mentioned|started|launched|organi[sz]ed)\b|"
        r"\byou (?:know|knew) (?:a lot|so much|more|everything|loads|all|your way around)\b|"
        r"\byou(?:'re| are) (?:the|our) (?:\w+ )?(?:expert|person to ask|go-to)\b|"
        r"\b(?:reminded|made) me (?:think )?of\b[^.!?\n]{0,60}?\byou(?:r|'re|’re|"
        r" are)?\b|\bfeels like yesterday\b|\bwe (?:met|chatted|talked|spoke)\b|"
        r"\bour (?:\w+\s+){0,2}?(?:conversation|chat|talk|walk|lunch|dinner|coffee|argument|debate|discussion|"
        r"exchange|call)\b|"
        r"\b(?:since|because|as|given that|after|when) you(?:'ve| have| had)?\s+(?:\w+\s+){0,2}?\w+ed\b|"
        r"\byou(?:'ve| have| had)?\s+(?:\w+\s+){0,2}?(?:organi[sz]ed|ran|built|led|wrote|piloted|set up|hosted|"
        r"founded|taught|coached|presented|sat|served|worked|studied|lived|spent|judged|joined|used|designed|developed|"
        r"conducted|kept|held|saved|carried|pulled|won|pitched|rescued|mentored|nailed|handled|steered)\b|"
        r"\byou were (?:still |already )?\w+ing\b|\blast time (?:we|you)\b|"
        r"\bexactly (?:like )?what (?:you|your)\b|"
        r"\bremember (?:the|that|our) \w+ (?:we|you)\b|"
        r"\b(?:since|as|because|now that) you(?:'re|’re| are)\s+(?:\w+\s+)?\w+ing\b",
        _F,
    ),
    re.compile(
        r"\b(?:du|sie)\s+(?:hast|hattest|haben|hatten)\s+(?:\w+\s+){0,8}?(?:erzählt|erwähnt|gesagt|gezeigt|empfohlen|"
        r"gefragt|berichtet|geschrieben)\b|\b(?:erwähnten|erzähltest|erwähntest)\b|"
        r"\b(?:weil|da|wie|als)\s+(?:du|sie)\s+(?:\w+\s+){0,10}?(?:erzählt|erwähnt|geflucht|gesagt|betont|gezeigt|"
        r"empfohlen)\b|\b(?:in|bei|an) (?:deinem|deiner|ihrem|ihrer) (?:vortrag|gespräch|workshop|präsentation|rede)\b|"
        r"\bich (?:erinnere mich|weiss noch|weiß noch|denke (?:noch )?(?:oft )?(?:an|daran|zurück))\b|"
        r"\b(?:seit|nach|bei|von|an)\s+(?:unserem|unserer|unseren)\s+[\w\-]+|"
        r"\bwir (?:haben uns|hatten uns)\s+(?:\w+\s+){0,6}?(?:unterhalten|getroffen|kennengelernt|ausgetauscht)\b|"
        r"\bvon dem ich dir\b|"
        r"\b(?:du|sie)\s+(?:hesch|häsch|hend|händ)\s+(?:\w+\s+){0,12}?(?:verzellt|gseit|zeigt|erwähnt|empfohle|"
        r"gfragt|gschribe)\b|"
        r"\b(?:du|sie)\s+(?:hast|hattest|haben|hatten)\s+(?:\w+\s+){0,12}?(?:ge\w+t|\w+iert)\b|"
        r"\b(?:du|si)\s+(?:hesch|häsch|hend|händ)\s+(?:\w+\s+){0,12}?(?:\w+t|gha|gsi)\b|"
        r"\b(?:weil|da|nachdem|wo) (?:du|Sie)\s+(?:gerade|ja|doch|jetzt|bald|im|am|nächste\w*|letzte\w*|"
        r"grad|ebe)\b|"
        r"\b(?:du|Sie) (?:bisch|bist|sind|warst|waren) (?:doch|ja|jo)\b|"
        r"\b(?:das|den|die|dem|wo|von dem|von der|vo dem)\s+(?:du|Sie|si|ihr)\s+(?:\w+\s+){0,8}?"
        r"(?:ge\w+t|g\w+t|\w+iert|erzählt|erwähnt|verzellt|vorgestellt|vorgstellt|empfohlen|empfohle|ge\w+en|"
        r"vertreten|verteidigt|beschrieben|gezeigt|verzellt|gseit)\s+"
        r"(?:hast|haben|hattest|hatten|hesch|häsch|händ|hend|hei|heit)\b|"
        r"\b(?:du|si) (?:hesch|häsch|hend|händ) (?:mir|üs|doch|jo|ja|scho)\b|"
        r"\b(?:denke?|dänke?|dachte|musste) (?:grad |sofort |gleich )?(?:an|a) (?:dein\w*|din\w*|dis|dim|"
        r"Ihr\w*)\b|"
        r"\berinner(?:t|et) (?:mich |mi )?an (?:dein\w*|din\w*|dis|dim|unser\w*|üs\w*|Ihr\w*)\b|"
        r"\b(?:right )?up your (?:alley|street)|\bgenau (?:dein|dis|Ihr) (?:thema|ding)\b|"
        r"\b(?:du kennst dich|sie kennen sich|du kennsch di|sie kenned sich|sie kennä sich)\b[^.!?\n]{0,60}?"
        r"\b(?:aus|us)\b|"
        r"\b(?:an|a) (?:dein\w*|din\w*|dis|dim|ihr\w*|unser\w*|üs\w*)\b[^.!?\n]{0,60}?\b(?:denken|gedacht|"
        r"erinnert|dänke|dänkt|erinneret)\b|"
        r"\b(?:an|a) (?:dich|di|sie)\b[^.!?\n]{0,40}?\b(?:denken|gedacht|erinnert|dänke|dänkt|erinneret)\b"
        r"[^.!?\n]{0,10}?\b(?:weil|wegen|als|wo|bei|wie|because)\b",
        _F,
    ),
]

_WORK = (
    r"summary|analysis|zusammenfassung|analyse|"
    r"post|article|piece|talk|keynote|update|podcast|interview|photos?|pictures?|video|blog(?: post)?|newsletter|book|"
    r"paper|thesis|comment|story|stories|slides|beitrag|artikel|vortrag|referat|buch|blog|fotos?|bilder|kommentar|"
    r"masterarbeit|doktorarbeit|studie|bricht|bericht|präsentation|folien|gschicht|geschichte"
)
#: Their own work named by its subject: "your post about the Lisbon offsite", "Ihr Artikel zu Wärmepumpen".
REFERENCE.append(
    re.compile(
        rf"\b(?:your|deine[mnrs]?|dein|dini|din|dis|dim|Ihre[mnrs]?|Ihr)\s+(?:[\w\-]+\s+)?(?:{_WORK})\s+"
        r"(?:about|on|from|at|of|über|zu|zum|zur|vom|von|vo|aus|bim|beim|der|des)\s+"
        r"(?!(?:linkedin|xing|twitter|instagram|facebook|social media|the topic|dem thema|diesem thema)\b)"
        r"(?:(?:the|der|die|das|dem|den|de|d|em)\s+)?[\w\-]{3,}",
        _F,
    )
)

REFERENCE.append(
    re.compile(
        r"\b(?:photos?|pictures?|posts?|video|fotos?|bilder|news|updates?)\s+(?:from|of|about|vo|von|vom|über)\s+"
        r"(?:your|deine[mnrs]?|dein|din|dini|dinere|dim|Ihre[mnrs]?)\s+[\w\-]{3,}|"
        r"\b(?:wie|as|like) (?:du|sie|you)\b[^.!?\n]{0,60}?\b(?:vorhattest|vorhatten|geplant|wolltest|wollten|"
        r"gesagt hast|meintest|angekündigt|versprochen|gehofft|said|planned|wanted|promised|hoped)\b|"
        r"\b(?:i|we) (?:mentioned|promised|talked about|spoke about|told you about)\b|"
        r"\b(?:den|die|das|von dem|von der) ich (?:dir|ihnen|euch) (?:\w+\s+){0,4}?(?:erzählt|versprochen|erwähnt|"
        r"verzellt|versproche)\b",
        _F,
    )
)

#: A shared past named by a place, a year or a demonstrative: "our late nights in the Bern lab in 2021",
#: "unser Watzmann-Abenteuer 2019", "that freezing night at the Emirates", "a dä Sunntig 2022 mit dim Kajak".
_NOT_PLACE = (
    r"team|teams|firma|unternehmen|büro|abteilung|netzwerk|zukunft|zusammenarbeit|rahmen|bereich|namen|auftrag|"
    r"sinne|zeitraum|moment|allgemeinen|voraus|linkedin|xing"
)
SHARED_PAST = [
    re.compile(
        r"\b(?i:our|unser\w*|üse\w*|üsi|eusi?\w*)\s+(?!(?i:next|upcoming|nächst\w*|kommend\w*|team|company|firm|"
        r"office|event|network|newsletter|platform|products?|services?|clients?)\b)(?:[\w\-]+\s+){0,4}?"
        r"(?:[\w\-]*(?:19|20)\d\d\b|(?i:in|at|on|up|to|im|in der|am|an der|auf dem|auf der|z|uf em|uf de|bim|bei|"
        r"bi|vo)\s+(?:(?i:the|der|dem|de|d)\s+)?(?!(?i:" + _NOT_PLACE + r")\b)[A-ZÄÖÜ][\w\-]{2,})",
        re.UNICODE,
    ),
    re.compile(
        r"\b(?:that|those|jene[nmrs]?|dä|de|den|dem|die|diesen|diese[mn]?)\s+(?:[\w\-]+\s+){0,3}?(?:night|day|evening|"
        r"weekend|trip|gig|game|match|hike|summer|winter|spring|autumn|time|afternoon|morning|party|dinner|tour|"
        r"abend|tag|nacht|wochenende|reise|ausflug|wanderung|sommer|abig|wuchenänd|ussflug|fescht|fest|"
        rf"{_WEEKDAY})(?:\s+(?:19|20)\d\d)?\s+(?:at|in|on|with|up|im|am|bei|bi|mit|z|uf|an|auf|vo|von)\s+"
        r"(?:(?:the|der|dem|de|d)\s+)?(?:(?-i:[A-ZÄÖÜ])[\w\-]{2,}|you|dir|dich|uns|üs|dim|dinere|dini|your|deine\w*)",
        _F,
    ),
]

#: A specific topic, when no stored topics are given.
TOPIC = [
    re.compile(
        r"\b(?<!how )(?<!care )about\s+(?!(?:it|that|this|you|me|us|them|him|her|things|everything|anything|"
        r"something|time|yourself|the weather|what you think)\b|"
        r"(?:your|the|our|my|his|her) (?:work|job|business|company|role|career|plans?|projects?|team|experience|"
        r"day|event|conference|meeting|chat|conversation|talk|future|topic|industry|field|background|ideas?)s?"
        r"(?:[.,!?]|$| and\b| or\b))[\w\-]+",
        _F,
    ),
    re.compile(
        r"\b(?:talk|presentation|conversation|chat|workshop|session|article|book|lecture|discussion|remarks|"
        r"advice|tips?|ideas?|points?|question|keynote|paper|story|evening|night|meetup|panel|event)\b[^.?!]{0,20}?"
        r"\bon\s+"
        r"(?!(?:" + _WEEKDAY + r"|linkedin|xing|the phone)\b)[a-z][\w\-]+",
        _F,
    ),
    re.compile(
        r"\bthe\s+(?:[\w\-]+\s+){1,3}you\s+(?:mentioned|showed|recommended|suggested|pointed out|sent|described|"
        r"told me about|shared)\b",
        _F,
    ),
    re.compile(
        r"\b(?:your|that|the|this)\s+(?:[\w\-'‘’\"“”]+\s+){1,4}?(?:idea|trick|tip|drill|routine|template|checklist|"
        r"method|technique|framework|approach|rule|script|story|point|question|pointer|note)\b",
        _F,
    ),
    re.compile(
        r"\byour\s+(?:idea|point|story|advice|tip|trick|remarks?|framework|question|suggestion|take|"
        r"insights?|experience|numbers|story)\s+(?:about|on|of|to|for|that|regarding|with)\s+[\w\-]+",
        _F,
    ),
    re.compile(
        r"\büber\s+(?!(?:dich|sie|euch|mich|uns|es|das wiedersehen|deine nachricht|alles)\b|"
        r"(?:deine|ihre|unsere|meine|die|das|den)\w* (?:arbeit|job|firma|pläne|projekte?|rolle|erfahrung\w*|"
        r"branche|ideen?|zukunft|anlass|gespräch|austausch)(?:[.,!?]|$| und\b| oder\b| \w+en\b))"
        r"[\w\-]+",
        _F,
    ),
    re.compile(
        r"\b(?:tipp|hinweis|stichwort|input|gedanke|folie|unterlage|präsentation|slides|vorschlag|ansatz|idee|"
        r"empfehlung|trainingsplan|checkliste|technik|methode|rat|kniff|"
        r"faustregel|erfahrung|zahlen|story|geschichte|leitfaden|frage)\w*\s+"
        r"(?:zur|zum|zu|mit dem|mit der|mit den|mit|für|über|von|aus|bei|im|in|auf die|auf den|auf das|auf)\s+"
        r"[\w\-]+",
        _F,
    ),
    re.compile(
        r"\b(?:your|deine[mnrs]?|dein|dini|din|ihre[mnrs]?|ihr)\s+(?:idea|suggestion|tip|advice|proposal|trick|idee|"
        r"vorschlag|tipp|rat|"
        r"hinweis|ansatz|anregung|kniff)\s*(?:,?\s+(?:to|of|that|for|die|den|das|dass|wo|mit)\s+[\w\-]+|"
        r",\s+(?:[\w\-]+\s+){1,8}?(?:zu|z|to)\s+[\w\-]+)",
        _F,
    ),
    re.compile(
        r"\b(?:stichwort|thema|idee|tipp|frage|topic|point|idea|tip|question)\w*\s*:?\s*[«„“\"‘][^»“”\"’]{3,60}", _F
    ),
    re.compile(r"\bvon (?:dir|ihnen) (?:erwähnte|empfohlene|vorgeschlagene|gezeigte)\w*\s+[\w\-]+", _F),
    re.compile(
        r"\b(?:von|vo|über|from)\s+(?:deine[mnrs]?|dim|dinere|dine|Ihre[mnrs]?|your|eure[mnrs]?|eusem|euem)\s+"
        r"(?!(?:arbeit|job|firma|"
        r"rolle|team|work|job|company|day|week|wochenende|woche|tag)\b)[\w\-]{3,}[^.!?\n]{0,60}?\b(?:erzählt|"
        r"berichtet|verzellt|gschwärmt|geschwärmt|gesprochen|gredt|told|talked|raved|spoke)\b",
        _F,
    ),
    re.compile(r"\b(?:regarding|concerning|on the topic of|zum thema|bezüglich|betreffend)\s+[\w\-]+", _F),
    re.compile(
        r"\b(?:dein|deine[mnrs]?|Ihr|Ihre[mnrs]?)\s+(?:[\w\-]+\s+)?(?:Projekt|Idee|Tipp|Kniff|Rat|Plan|"
        r"Vortrag|Buch|Masterarbeit|Garten|Leitfaden|Ansatz|Methode|Checkliste|Trainingsplan|Blog)\w*\s+"
        r"(?:\w+\s+){0,2}[A-ZÄÖÜ][\w\-]+",
        re.UNICODE,
    ),
]

#: What came of a favour (for thanks), besides what I did.
OUTCOME = re.compile(
    r"\b(?:went (?:really |very )?well|worked|thanks to you|without you|ohne dich|ohne sie|dank dir|dank ihnen|"
    r"hat (?:\w+ )?(?:sofort |super |gut )?funktioniert|kam die zusage|got (?:the|through|in)|"
    r"wir sind trotzdem|i met|we agreed|hat (?:mir|uns) (?:sehr )?geholfen|"
    r"(?:is|are) (?:now |already )+(?:up|live|running|in use|in place)|hat (?:\w+ )?geklappt|het (?:\w+ )?klappt|"
    r"hat sich gelohnt|(?:just |has |have )?(?:confirmed|approved|accepted|offered me)|bestätigt|zugesagt|bewilligt|"
    r"redt immer no vo\w*|schwärm\w* (?:hüt |heute |immer )?(?:no|noch) (?:devo|davon)|still rave about|"
    r"spricht immer noch von|still talk(?:s|ing)? about|saved (?:me|us)|paid off|"
    r"made (?:all )?the difference|went (?:fine|great|smoothly|perfectly|through)|durchgegangen|durchgekommen|"
    r"bestanden|isch guet gange|isch dure|got the (?:job|offer|place|flat|grant)|ohni di\w*|ohne deine?\w*|"
    r"without your|wäge dir|dank dinere|dank deiner|thanks to your|"
    r"(?:ist|sind) (?:jetzt |schon |bereits )+(?:\w+ )?(?:umgesetzt|im einsatz|in betrieb|live))\b",
    _F,
)


_EN_DONE = (
    r"tried|tested|applied|used|introduced|implemented|started|read|ran|fixed|kept|sent|put|set up|adopted|"
    r"followed|signed up|switched|changed|built|booked|contacted|called|wrote|written|installed|shared|reached out|"
    r"spoke|talked|joined|rolled out|added|took|begun|began|done|made|run|been using|been trying|finished|"
    r"drafted|ordered|moved|reran|rewrote|redid|rebuilt|redesigned|reworked|restructured|rethought|replaced|"
    r"removed|reduced|cut|dropped|doubled|halved|tripled|increased|raised|lowered|extended|shortened|simplified|"
    r"automated|hired|changed|updated|revised|swapped|tried out|trialled|trialed|piloted|topped|presented|launched|"
    r"hung|organised|organized|created|met|agreed|got|went back|"
    r"set|opened|bought|recommended|passed|forwarded|showed"
)
_DE_DONE = (
    r"ausprobiert|umgesetzt|getestet|eingesetzt|angewendet|angewandt|gelesen|angemeldet|geschickt|überarbeitet|"
    r"eingeführt|übernommen|gestartet|genutzt|verwendet|probiert|begonnen|angefangen|installiert|kontaktiert|"
    r"geändert|angepasst|gebucht|geschrieben|eingebaut|angerufen|gesprochen|unterhalten|weitergegeben|bestellt|"
    r"eingerichtet|vorgestellt|aufgehängt|weiterverfolgt|gelesen|durchgelesen|telefoniert|erhalten|bekommen|"
    r"entschieden|organisiert|aufgesetzt|verbessert|gezeigt|besprochen|eingereicht|geplant|gekauft|abgeschlossen|"
    r"\w+geschickt|\w+gelesen|\w+gerichtet|\w+gestellt|\w+getragen"
)

_CH_DONE = (
    r"zeigt|besproche|bsproche|gredt|aagschaut|aglueget|kauft|gchauft|poschtet|aagfange|agfange|gstartet|glernt|"
    r"gübt|iigrichtet|igrichtet|aaglueget|aagluegt|"
    r"usprobiert|uusprobiert|umgsetzt|gmacht|agwändet|aagwändet|iigfüehrt|igfüehrt|ygfüehrt|gschickt|glese|gläse|"
    r"aagmäldet|agmäldet|übernoh|übernoo|aapasst|apasst|gänderet|bstellt|abgschickt|wiitergäh|witergäh"
)

#: What I did with their input.
CONSEQUENCE = [
    re.compile(
        rf"\b(?:i|we)(?:'ve|’ve| have| had)?\s+(?:already\s+|just\s+|finally\s+|now\s+|since\s+|also\s+|then\s+|"
        rf"immediately\s+|right away\s+|went back and\s+){{0,2}}(?:{_EN_DONE})\b",
        _F,
    ),
    re.compile(r"\bsince (?:our|then|we)\b[^.?!]{0,60}\b(?:i|we)\b", _F),
    re.compile(
        r"\b(?:ha|han|hani|hämmer|hei)\b[^.?!]{0,60}?\b(?:\w*g\w+t|\w+iert|\w*baut|"
        r"\w*g(?:schlage|schribe|lese|fange|nomme|funde|holfe|troffe|seh))\b",
        _F,
    ),
    re.compile(
        rf"\b(?:habe|haben|hab|hat|ha|han|hani|hämmer|händ|hend|hei|hesch|häsch)\b[^.?!]{{0,80}}?"
        rf"\b(?:{_DE_DONE}|{_CH_DONE})\b",
        _F,
    ),
    re.compile(r"\b(?:seit(?:her|dem| unserem| unserer)|inzwischen)\b[^.?!]{0,60}\b(?:ich|wir)\b", _F),
    re.compile(r"\b(?:ich|wir)\s+(?:\w+\s+){0,4}?(?:seitdem|seither|inzwischen|sofort)\b", _F),
    re.compile(r"\bsit (?:\w+ )?(?:tage|tag|wuche|wuchä|mönet|monet)\b", _F),
    re.compile(r"\bwir starten\b|\bich verwende\b|\bwe(?:'re| are) now\b|\bi(?:'m| am) now\b", _F),
    re.compile(
        r"\b(?:ich|wir|mir|i)\s+(?!(?:hoffe|freue|wünsche|würde|möchte|wollte|bin|sind|bi)\b)\w+(?:e|en|ed|e[dt])\s+"
        r"(?:das|es|ihn|sie|den|die|dä|s)\s+(?:\w+\s+)?(?:jetzt|nun|seither|seitdem|inzwischen|ab sofort|grad|jetz)\b",
        _F,
    ),
    re.compile(
        r"\b(?:ich|wir)\b[^.?!]{0,60}\bseit (?:\w+ )?(?:tagen|wochen|monaten)\b|"
        r"\b(?:i|we)(?:'ve| have) been \w+ing\b|\b(?:i|we) (?:now|still) \w+",
        _F,
    ),
]

#: Thanks, and what makes them specific.
THANKS = re.compile(
    r"\b(?:thank you|thanks|many thanks|cheers|thx|danke|vielen dank|tuusig dank|tausig dank|tusig dank|"
    r"herzlichen dank|besten dank|merci|"
    r"tausend dank|vielen herzlichen dank|danke schön|thanks a million|"
    r"dankeschön|dankä|dankschön|merci beaucoup|ich bedanke mich|i(?:'m| am) (?:very |so )?grateful|"
    r"i (?:really )?appreciated?|much appreciated)\b"
    r"(?:\s+(?:so much|a ton|a lot|a million|again|very much|dir|ihnen|euch|nochmals|nochmal|vielmals|vielmal|viumau|"
    r"viu mau|vilmal|vill mal|vielmol|viumol|no|noch|vilmol|villmal|vöumau|vöu mau|vüumau|nomal|nomau|nomol|"
    r"herzlich|sehr|again|tuusig|mau|villmal))*"
    # a name set off by commas may stand between the thanks and what for: "Merci viu mau, Dänu, für …"
    r"(?:\s*,?\s*(?:(?i:herr|frau|mr|mrs|ms|dr)\.?\s+)?(?-i:[A-ZÄÖÜ])[\w\-]+(?=\s*,|\s+(?:for|für|fürs)\b))?"
    r"(?:\s*,?\s*(?:for|to|für|fürs|för|förs|dafür|an|zu|dass|that)\b([^.!?\n]{0,120}))?",
    _F,
)
#: Words that say nothing about what the thanks are for ("thanks for everything", "danke für das nette Gespräch").
THANKS_GENERIC = {
    "the",
    "a",
    "an",
    "your",
    "you",
    "my",
    "this",
    "that",
    "it",
    "all",
    "everything",
    "help",
    "support",
    "time",
    "chat",
    "conversation",
    "connecting",
    "connection",
    "message",
    "input",
    "feedback",
    "nice",
    "great",
    "lovely",
    "good",
    "kind",
    "interesting",
    "wonderful",
    "very",
    "so",
    "much",
    "again",
    "really",
    "other",
    "day",
    "taking",
    "den",
    "die",
    "das",
    "dem",
    "der",
    "des",
    "ein",
    "eine",
    "einen",
    "deine",
    "deinen",
    "deinem",
    "dein",
    "ihre",
    "ihren",
    "ihrem",
    "ihr",
    "alles",
    "hilfe",
    "unterstützung",
    "zeit",
    "gespräch",
    "austausch",
    "kontakt",
    "nachricht",
    "nette",
    "netten",
    "nettes",
    "tolle",
    "tollen",
    "spannende",
    "spannenden",
    "interessante",
    "interessanten",
    "gute",
    "guten",
    "liebe",
    "lieben",
    "super",
    "nochmals",
    "nochmal",
    "es",
    "dies",
    "dafür",
    "war",
    "echt",
    "nett",
    "von",
    "dir",
    "neulich",
    "kürzlich",
    "and",
    "und",
    "with",
    "mit",
    "sehr",
    "schöne",
    "schönen",
    "mail",
    "e-mail",
    "email",
    "note",
    "reply",
    "antwort",
    "everyone",
    "allem",
    "ganze",
    "talk",
    "vernetzung",
    "words",
    "worte",
    "appreciated",
    "d",
    "dini",
    "dis",
    "teilen",
    "sharing",
    "share",
    "accepting",
    "annahme",
    "connect",
    "vernetzen",
    "vernetze",
    "vernetzig",
    "kontaktanfrage",
    "anfrage",
    "request",
    "invitation",
    "einladung",
    "fürs",
    "s",
    "do",
    "did",
    "done",
    "doing",
    "tust",
    "tun",
    "machst",
    "machsch",
    "gemacht",
    "gmacht",
    "getan",
    "me",
    "us",
    "mich",
    "mir",
    "uns",
    "üs",
    "mi",
    "always",
    "immer",
    "beitrag",
    "post",
    "posts",
    "article",
    "artikel",
    "inspirierenden",
    "inspirierende",
    "inspiring",
    "insightful",
    "aafrag",
    "afrag",
}

#: Congratulations, and news too generic to name the occasion ("congrats on the new job").
CONGRATS = re.compile(
    r"\b(?:congrat\w*|gratul\w*|glückwunsch\w*|gratuliere|well done|félicitations|herzlichen glückwunsch|"
    r"alles gute|alles gueti|alles guete|alles liebi|"
    r"happy birthday|happy \d+\w*|bravo|chapeau|hut ab|so (?:happy|proud|pleased) (?:for|of) you|"
    r"proud of you|(?:great|wonderful|fantastic|amazing|brilliant|such good|lovely|exciting) news|"
    r"(?:tolle|schöne|super|grossartige|wunderbare)n? (?:nachricht|neuigkeit)\w*|was für eine (?:nachricht|freude)|"
    r"freue mich (?:\w+ )?für (?:dich|sie|euch)|(?:mega|so|wie) schön,? dass|"
    r"(?:(?:mega|so|wie|echt|voll|huere|sehr|total|einfach) )?(?:cool|toll|schön|super|genial|lässig|grossartig|"
    r"großartig|fantastisch|wunderbar|schön z ghöre|schön zu hören),? dass (?:du|sie|ihr|es)|"
    r"(?:so |really |just )?(?:great|good|cool|exciting|nice|lovely|awesome|amazing|brilliant) to (?:see|hear|read) "
    r"(?:that )?(?:you|your)|(?:thrilled|delighted|so happy|so glad|really happy|really glad) to (?:see|hear|read) "
    r"(?:that )?(?:you|your)|"
    r"stolz auf (?:dich|sie)|(?:endlich |hast es |häsch es |hesch es )?(?:geschafft|gschafft)|"
    r"you (?:did it|made it)|nailed it)\b"
    r"(?:[^.!?\n]{0,25}?\b(?:on|to|for|about|zu[rm]?|zur|zum|für|über|von)\b([^.!?\n]{0,140}))?",
    _F,
)
NEWS_GENERIC = {
    "the",
    "a",
    "an",
    "your",
    "new",
    "job",
    "role",
    "position",
    "promotion",
    "anniversary",
    "work",
    "birthday",
    "success",
    "news",
    "achievement",
    "milestone",
    "great",
    "big",
    "all",
    "this",
    "that",
    "it",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "deiner",
    "deinem",
    "deinen",
    "ihrer",
    "ihrem",
    "ihren",
    "neue",
    "neuen",
    "neuer",
    "stelle",
    "rolle",
    "beförderung",
    "jubiläum",
    "firmenjubiläum",
    "geburtstag",
    "erfolg",
    "neuigkeit",
    "tollen",
    "toll",
    "super",
    "schönen",
    "einfach",
    "allem",
    "alles",
    "herzlich",
    "ihnen",
    "dir",
    "euch",
    "sehr",
    "well",
    "deserved",
    "verdient",
    "chapter",
    "kapitel",
    "step",
    "schritt",
    "future",
    "zukunft",
    "gute",
    "herausforderung",
    "challenge",
    "opportunity",
    "beruflichen",
    "beruflich",
    "gefunden",
    "hast",
    "hesch",
    "häsch",
    "en",
    "e",
    "es",
    "found",
    "got",
    "have",
    "has",
    "jetzt",
    "now",
    "every",
    "wishing",
}
#: News named without a word of congratulation: "10 years at Roche", "making partner at …".
MILESTONE = re.compile(
    r"\b\d+\s*(?:years?|jahre?|joor)\s+(?:at|bei|with|mit|im|in|as|als)\s+\S+|\bmaking partner\b|"
    r"\b(?:made|make|wird|ist jetzt|is now) (?:partner|ceo|cto|director|direktorin|direktor|professor\w*)\b|"
    r"\byou (?:got|won|landed|passed|earned|bagged) (?:the |your |a |an )?(?:[\w\-]+\s+){0,2}?(?-i:[A-Z])[\w\-]+|"
    r"\b(?:du hast|du häsch|du hesch|sie haben) (?:den|die|das|de|d|dr|s|e|en|es) (?:[\w\-]+\s+){0,3}?"
    r"(?:bekommen|becho|übercho|gewonnen|gwunne|bestanden)\b",
    _F,
)
#: Having read or seen their post is not what one did with it: "ich habe Ihren Artikel gelesen", "I read your post".
READ_THEIRS = re.compile(
    r"\b(?:habe|hab|ha|han|hani|have|i've|i’ve|i)\s+(?:\w+\s+){0,2}?(?:your|ihren?|ihre|deinen?|deine|dis|din|dini)\s+"
    rf"(?:[\w\-]+\s+)?(?:{_WORK}|profil|profile)\s+(?:\w+\s+){{0,2}}?(?:gelesen|glese|gläse|gesehen|gseh|read|seen|"
    r"watched|angeschaut|aagluegt|gefunden|found|entdeckt)\b|\b(?:read|saw|watched|found) your (?:\w+\s+)?(?:"
    + _WORK
    + r")\b",
    _F,
)
#: Where one learnt of the news ("ich ha gseh, dass Sie jetzt bi de UBS sind"): not a personal line.
NEWS_SOURCE = re.compile(
    r"\b(?:gseh|gsee|gesehen|gelesen|glese|gläse|gehört|ghört|mitbekommen|erfahren|saw|seen|read|heard|noticed)\b"
    r"[^.!?\n]{0,20}?\b(?:dass|that|wie|you|du|sie|on linkedin|auf linkedin)\b",
    _F,
)
#: A personal line in a congratulation: a memory, besides the moment or what I did.
MEMORY = re.compile(
    r"\b(?:i (?:still )?remember|remember (?:you|when|our|how)|feels like yesterday|when we (?:met|spoke|talked)|"
    r"i (?:often )?think (?:back )?(?:to|of)|ich erinnere mich|ich weiss noch|ich weiß noch|"
    r"(?:i|ich) (?:mag mi|ma mi|cha mi|kann mich) (?:\w+ ){0,3}?(?:erinnere|erinnern)|(?:wie|wo|als) mir zäme|"
    r"never forget|nie vergessen|vergesse nie|nie vergässe|"
    r"ich denke? (?:noch |oft |gern |gerne |immer )*(?:an|daran|zurück)|i dänk(?:e)? (?:no |gärn |immer )*(?:a|dra)\b|"
    r"remember(?:ing)? (?:us|me)\b|\b(?:damals|dazumal|domals|back then|in those days)\b|"
    r"\b(?:wo|als|when) (?:mir|wir|we)\b[^.!?\n]{0,60}?\b(?:händ|hend|hei|hatten|haben|waren|sind|gsi|were|had|"
    r"did)\b|"
    r"(?:diesmal|dasmal|das mal|this time)\s+(?:ohni|ohne|without)\b|"
    r"(?:auf|uf|to|here's to|here’s to) (?:den|dä|de|the) (?:nächsten|nöchst\w*|next)\s+[\w\-]+\s+"
    r"(?:uf|auf|in|at|im|am|z|on)\s+(?:em |dem |the |de |der )?[A-ZÄÖÜ][\w\-]+|(?:ich|i) weiss no\b|"
    r"(?:ich|i) ha(?:be)? (?:\w+ )?(?:no|noch) (?:genau |guet |gut )?(?:im chopf|im kopf|vor augen)|"
    r"ist mir in erinnerung|in erinnerung geblieben|"
    r"i still think (?:back )?(?:to|of)|(?:still )?remember your (?:first|old|last)|do you remember|"
    r"remember (?:the|that) (?:night|day|time|evening|week)|"
    r"back when (?:we|you)|the (?:night|day|time|evening|weekend|summer) (?:we|you and i)\b|"
    r"weisch (?:no|noch)|weisst du noch|weißt du noch|wissen sie noch|erinnerst du dich|erinnern sie sich|"
    r"als wir (?:noch |damals )?(?:zusammen|gemeinsam)|wo mir (?:zäme|zämme|no|damals)|"
    r"(?:dra|dran|daran|a das) (?:dänkt|dänke|gedacht|denke|denken)\b,?\s*(?:wie|wo|als)\b|"
    r"(?:wie|wo|als) (?:mir|wir)\b[^.!?\n]{0,60}?\b(?:zäme|zusammen|gemeinsam)\b|"
    r"still remember(?:ing)?\b|remember(?:ing)? your\b|"
    r"(?:i|ich) (?:still )?owe you|(?:schulde|schulde ich) (?:dir|ihnen)|bin dir (?:\w+ )?(?:\w+ )?schuldig|"
    r"(?:ich|i) bi(?:n)? dir (?:no|noch) (?:\w+ )?schuldig)\b",
    _F,
)

#: A need stated after an announced question ("darf i di öppis frage? Mir sueched …"): the request itself.
NEED = re.compile(
    r"\b(?:mir|wir|we) (?:sueche[dn]?|suchen|bruuche[dn]?|brauchen|need|are looking for|'re looking for)\b|"
    r"\b(?:ich|i) (?:suche|sueche|bruuche|brauche|need|am looking for|'m looking for)\b",
    _F,
)
#: A request (an ask), and requests too vague to act on.
REQUEST = re.compile(
    r"\b(?:could you|would you|can you|will you|would you mind|would you be (?:willing|able|open)|"
    r"i(?:'d| would) be grateful if|could i|may i ask|do you know (?:anyone|someone|somebody|of)|are you hiring|"
    r"any tips|would love your|please (?:send|share|forward|let me know)|"
    r"könntest du|kannst du|könnten sie|können sie|würden sie|würdest du|hätten sie zeit|hättest du zeit|"
    r"wären sie bereit|wärst du bereit|magst du mir|kennst du jemanden|kennen sie jemanden|ich bräuchte|"
    r"ich hätte eine (?:frage|bitte)|eine frage an (?:dich|sie)|darf ich (?:dich|sie) (?:\w+ )?(?:fragen|bitten)|"
    r"bitte (?:schick|send)\w*|vermitteln|i have a (?:favour|favor|question)|a question for you|may i ask you|"
    r"(?:ich )?wollte (?:dich |sie |euch )?fragen|ich möchte (?:dich|sie) (?:fragen|bitten)|"
    r"i was wondering (?:if|whether)|would it be possible|is there any chance|any chance you|"
    r"pick your brain|(?:i )?wanted to ask|would you (?:take|have) a look|your eyes on|"
    r"magst du (?:\w+ )?(?:über|drüber|rein)?(?:schauen|lesen)|gegenlesen|"
    r"any idea (?:who|whether|if|where|how|what)|do you happen to|weisst du zufällig|weißt du zufällig|"
    r"(?:darf|dörf|dürft) i (?:di|dich|Sie) (?:\w+ )?frage|hättisch du|hättsch du|chönntsch|chöntsch|chasch du|"
    r"würdsch|(?:dürfte|darf) ich (?:dich|sie) um|"
    r"(?:darf|dürfte|dörf) (?:ich|i) (?:sie|es|das|ihn|si|en|dis|Ihre\w*|deine\w*)\s+(?:\w+\s+){0,6}?"
    r"(?:zitieren|zitiere|"
    r"verwenden|verwände|teilen|teile|nutzen|weiterleiten|brauchen|bruuche|übernehmen)|"
    r"(?:may|could|can) i (?:quote|use|share|cite|forward|borrow|reuse))\b",
    _F,
)
#: A question put to the reader ("do you know who …", "wissen Sie, ob …", "kennsch du öpper …"): a request too.
ADDRESSED = re.compile(
    r"\b(?i:you|your|du|dir|dich|ihnen|ihr|euch|eu|kennsch|weisch|hesch|chasch|chönntsch|hättsch|wüsstisch)\b|"
    r"(?<=\S )(?:Sie|Ihre[mnrs]?|Ihr)\b",
    re.UNICODE,
)
VAGUE_REQUEST = re.compile(
    r"\b(?:something|anything|some information|any tips|your thoughts|etwas|weiterhelfen|help me|hilfe|"
    r"mal kurz zeit|irgendwann|any help|bei einem thema|help (?:me )?out|helfen könnt\w*|hälfe)\b",
    _F,
)
#: An easy reply for an ask: a deadline or a way out.
EASY_OUT = re.compile(
    r"\b(?:no worries if not|totally fine if not|no pressure|fine if not|happy to|whenever suits you|"
    r"no problem(?: at all)? if|if (?:you're|you are) too busy|if not, no problem|no rush|keine eile|"
    r"kein problem, falls|sonst kein problem|(?:völlig|total|absolut) (?:okay|ok|in ordnung)|"
    r"ohne stress|kein stress|kein problem, wenn|gern(?:e)? vergüte|wäre ideal|if you have time|"
    r"i would of course|ich würde mich freuen)\b",
    _F,
)

#: Something shared: a link, a title in quotes, or a named article, paper, podcast …
SHARED_ITEM = [
    re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w\-]+\.(?:com|ch|de|org|io|net|ai|edu)/\S*", _F),
    re.compile(r"[«„“\"'‘][^«»„“”\"'‘’\n]{3,80}[»“”\"'’]"),
    re.compile(
        r"\b(?:article|paper|podcast|video(?: series)?|book|study|report|blog(?: post)?|episode|dataset|talk|piece|"
        r"essay|interview|newsletter|thread|post|column|reportage|kolumne|essay|"
        r"artikel|studie|bericht|buch|folge|datensatz|beitrag|feldstudie)\b[^.!?\n]{0,30}?\b(?:on|about|by|"
        r"über|zu|zur|zum|von|des|der|mit|with|from|featuring|in|im|vo|vom)\s+[\w\-]+",
        _F,
    ),
]

#: A message to two people at once, each named ("Hi Rosa and Kenji", "Liebe Anja, lieber Tim"): an introduction.
TWO_ADDRESSEES = re.compile(
    r"^\W*(?i:hi|hello|dear|hallo|hoi|liebe[r]?|sali|salü|grüezi)\s+[A-ZÄÖÜ][\w\-]+\s*"
    r"(?:(?i:and|und|&)\s+|,\s*(?i:hi|hallo|hoi|liebe[r]?|sali|salü)\s+)[A-ZÄÖÜ][\w\-]+",
    re.UNICODE,
)
#: An introduction of two people, a reason why they should meet, and how they take it on.
INTRODUCE = re.compile(
    r"\b(?i:this is|das ist|das isch|here's|hier ist)\s+(?:d |de |der |die )?[A-ZÄÖÜ][a-zäöü]+\s*[–—,:-]|"
    r"\b(?i:introduc\w+|you two should|ihr (?:zwei|beide) solltet|connect(?:ing)? you|verbinde euch|"
    r"bringe? euch zusammen|vernetze|zäme ?bringe|zusammen ?bringen|bekannt mache)\b|"
    r"\b(?:introduce|meet [A-Z]\w+|connect you|vorstellen|vorstelle|vorstellä|bekannt mache|vorzustellen|"
    r"stelle ich|bekannt machen|vernetzen|"
    r"verbunden|kennenlernen)\b|"
    r"\b(?i:kennst du|kennsch|kennsch du|kennen sie|kenned sie|do you know|have you met)\s+(?i:schon |scho )?"
    r"(?:d |de |dr |die |den |der )?[A-ZÄÖÜ][a-zäöüéè]+\s*\?|"
    r"\b(?i:euch|eu|you two|you both)\s+(?:\w+\s+)?(?i:verbinde|verbinden|zämebringe|zusammenbringen)\b",
    re.UNICODE,
)
#: What someone introduced did, said of them: "she built …", "er hat … gegründet", "si het … ufbaut".
PRONOUN_ROLE = re.compile(
    r"\b(?:she|he|they|sie|er|si|är)(?:'s| is| has| hat| het| isch)?\s+(?:\w+\s+){0,5}?(?:built|founded|started|runs|"
    r"leads|created|launched|owns|spent|works|worked|researches|studies|forscht|gegründet|aufgebaut|leitet|führt|baut|"
    r"ufbaut|gründet|plant|plan(?:e)?t|macht|betreibt|schafft|arbeitet|sucht|suecht|bruucht|braucht|needs|"
    r"is looking for|setting up|building|running)\b",
    _F,
)
ROLE = re.compile(
    r"\b[A-ZÄÖÜ][a-zäöü]+(?:'s)?\s+(?:built|founded|co-founded|started|sold|launched|created|designed|gründete|"
    r"baute|runs|leads|is (?:the |a |an |about |writing |our )?|has (?:shipped|built|"
    r"been|just|negotiated)|works|just|heads|leitet|arbeitet|macht|baut|berät|hat (?:eine |ein |\w+ )|gründet|"
    r"weiss|weiß|ist |sucht|plant)",
    re.UNICODE,
)
HANDOVER = re.compile(
    r"\b(?:you two should (?:talk|meet|chat)|ihr solltet (?:euch )?(?:unbedingt )?(?:reden|sprechen|austauschen)|"
    r"i'll let you|i’ll let you|i(?:'ll|’ll| will) leave it to you|over to you|take it from here|cc'?d|in cc|"
    r"in kopie|meldet euch|"
    r"(?:wird|werde) sich\s+(?:\w+\s+){0,6}?melden|überlasse euch|termin (?:finden|vereinbaren)|"
    r"einen termin|a call|ein kurzer call|einem kurzen call|kurzen call|ein kaffee|a coffee|"
    r"in diese nachricht genommen|direkt|(?:soll|söll|shall|should) (?:ich|i) (?:euch|eu|you))\b",
    _F,
)

#: An event someone is invited to, and a reason that is theirs ("your idea", "Ihr Leseprojekt").
EVENT = re.compile(
    r"\b\w*(?:workshop|evening|event|panel|party|dinner|webinar|meetup|conference|day|launch|session|opening|"
    r"reading|vernissage|fest|abend|anlass|eröffnung|eröffnen|konferenz|tagung|lesewerkstatt|hüttenabend|apéro|"
    r"feier|einweihung|fäscht|fescht|grill|lesig|läsig|plausch|reading|café|cafe|brunch|lesung|treff|flohmarkt|"
    r"markt|turnier|tournament|race|lauf|breakfast|frühstück|zmorge|lunch|zmittag|mittagessen|reunion|raclette|"
    r"fondue|apero|drinks|"
    r"stelle ich|präsentation|party|grillfest|znacht|vorstellung|supplier day|talk)\w*",
    _F,
)
_NOT_YOURS = (
    r"time|convenience|calendar|diary|schedule|seat|spot|place|ticket|registration|link|personal|participation|"
    r"attendance|inbox|company|team|network|colleagues|contacts|email|e-mail|interest|feedback|zeit|kalender|"
    r"terminkalender|anmeldung|platz|teilnahme|tickets?|firma|unternehmen|kollegen|kolleginnen|netzwerk|"
    r"e-mail|rückmeldung|interesse|teams?|kommen|erscheinen|besuch|presence|visit|reply|answer|antwort|response"
)
YOURS = re.compile(
    rf"\b(?i:your|deine[mnrs]?|dein|eure[mnrs]?|euer|dini|dinere|dim|dis)\s+(?!(?i:{_NOT_YOURS})\b)[\w\-]{{3,}}|"
    rf"(?<=\s)Ihre?[mnrs]?\s+(?!(?i:{_NOT_YOURS})\b)[A-ZÄÖÜ][\w\-]{{2,}}",
    re.UNICODE,
)


#: Why a shared item is for them ("passt zu deinem Haus in Uster", "perfect for your pilot in Lausanne").
RELEVANCE = re.compile(
    rf"\b(?:passt|passend|relevant|perfect|useful|spot on|fits?|hilfreich|nützlich)\b[^.!?\n]{{0,20}}?"
    rf"\b(?:zu|für|for|to|with)\s+(?:deine[mnrs]?|dein|dini|dinere|dim|Ihre[mnrs]?|Ihr|your)\s+"
    rf"(?!(?i:{_NOT_YOURS}|work|job|business|role|career|industry|field|arbeit|branche|job|beruf)\b)[\w\-]{{3,}}|"
    r"\b(?:answers|beantwortet|covers|explains|erklärt|addresses|löst|solves)\s+(?:your|deine[mnrs]?|dini|dis|"
    r"Ihre[mnrs]?)\s+(?:question|frage|problem|point|puzzle|frog)\b|"
    # their interest, named: "for your interest in supply chain", "zu deinem Interesse an Lieferketten"
    r"\b(?:your|deine[mnrs]?|dein|dini|dim|Ihre[mnrs]?|Ihr)\s+(?:interest|Interesse)\s+(?:in|an|am|für|for)\s+"
    r"(?!(?:this|that|it|our|my|the|a|an|dem|das|den|der|die|diesem|dieser|unsere\w*|meine\w*|uns)\b)[\w\-]{3,}",
    _F,
)
#: A reference to their own thing in a question, with a name or place ("dinere Bäckerei in Langnau").
THEIRS_NAMED = re.compile(
    rf"\b(?i:your|deine[mnrs]?|dein|din|dini|dinere|dim|dis|eure[mnrs]?|euer|eues|eui|eusem|Ihre[mnrs]?)\s+"
    rf"(?!(?i:{_NOT_YOURS})\b)[\w\-]{{3,}}"
    rf"[^.!?\n]{{0,40}}?\b(?i:in|at|bei|im|z|for|für|with|mit)\s+[A-ZÄÖÜ][\w\-]{{2,}}|"
    r"\b(?:ihr|you|you guys|euch|du)\s+(?:\w+\s+){0,2}?(?i:bi|bei|at|in)\s+(?!(?:Ihnen|Sie|Dir|Dich|Euch)\b)"
    r"[A-ZÄÖÜ][\w\-]{2,}|"
    r"\b(?i:the|your|dein\w*|din\w*|Ihr\w*|di|d)\s+(?i:new|neue\w*|nöi\w*)\s+[\w\-]+\s+(?i:at|in|bei|bi|with|z)\s+"
    r"[A-ZÄÖÜ][\w\-]{2,}|"
    r"\b(?i:bi|bei) (?i:eu|euch|dir|Ihnen)\s+(?i:im|in|am|uf|auf|z)\s+(?!(?i:unternehmen|team|firma|büro|betrieb)\b)"
    r"[\w\-]{3,}|"
    r"\byour\s+(?!(?:LinkedIn|Xing|XING|Twitter|Instagram|Facebook|Profile|Company)\b)[A-Z][a-z][\w\-]+",
    re.UNICODE,
)

#: The platforms' default texts and other stock phrases: each one found is a penalty.
STOCK_PHRASES = [
    re.compile(p, _F)
    for p in (
        r"i(?:'d|’d| would) like to add you to my professional network",
        r"i(?:'d|’d| would) like to join your (?:professional )?network",
        r"i(?:'d|’d| would) like to connect with you on linkedin",
        r"hope (?:this|the|my) (?:e-?mail |message |note )?finds you well",
        r"let(?:'s|’s| us) (?:keep|stay) in touch",
        r"to whom it may concern",
        r"just (?:wanted to )?(?:reach(?:ing)? out|touch(?:ing)? base|check(?:ing)? in)",
        r"please find (?:my \w+ )?attached",
        r"ich möchte (?:sie|dich) gerne? zu meinem beruflichen netzwerk(?: auf linkedin)? hinzufügen",
        r"ich würde (?:sie|dich) gerne? als kontakt hinzufügen",
        r"ich würde mich freuen, (?:sie|dich) (?:in|zu) meinem netzwerk",
        r"bleiben wir in kontakt",
        r"lass(?:en)? uns in kontakt bleiben",
        r"ich hoffe, diese (?:nachricht|e-mail) (?:sie |dich )?erreicht",
        r"sehr geehrte damen und herren",
        r"anbei erhalten sie",
        r"(?:i )?came across your (?:linkedin )?(?:profile|page)",
        r"(?:ich bin )?auf (?:ihr|dein) (?:linkedin-)?profil gesto(?:ss|ß)en",
        r"(?:ihr|ihres|dein|dis) profil (?:gseh|gesehen|angeschaut|aagluegt)",
        r"(?:würde|würd) mich (?:sehr )?freuen,? (?:mich )?mit (?:ihnen|dir) (?:zu )?(?:vernetzen|vernetze)",
        r"(?:would love|(?:i'd|i’d|i would) (?:love|like)) to connect(?: with you)?(?: here| on linkedin)?(?=[.!,]|$)",
        r"(?:expand|expanding|grow|growing) my (?:professional )?network",
        r"mein (?:berufliches )?netzwerk (?:zu )?(?:erweitern|vergrössern|vergrößern)",
        r"(?:was|am) (?:very |really )?impressed (?:by|with) your (?:profile|experience|background)",
    )
]

#: Courtesy openers: harmless in a personal message, a sign of a generic one; a smaller penalty.
COURTESY = [
    re.compile(p, _F)
    for p in (
        r"i hope you(?:'re|’re| are) (?:doing )?well",
        r"ich hoffe, es geht (?:dir|ihnen) gut",
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
        "news": "Name the news specifically (“congratulations on your new role as Head of Data at …”).",
        "personal": "Add a personal line: a moment you shared or what their work meant to you.",
        "no_ask": "Keep the message free of a request; ask another time: “{ask}”.",
        "reference": "Refer to something you shared (“since our lunch in May …”, “you told me about …”).",
        "question": "Ask an open question about them (“how did the move to Lisbon go?”).",
        "context": "Say how you know each other or why you ask them (“we met at …”, “you mentioned …”).",
        "request": "Make the ask specific: what exactly, by when (“could you send me the slides by Friday?”).",
        "easy_out": "Make it easy to answer: a date, or “no worries if not”.",
        "item": "Name what you share: a link or the title.",
        "relevance": "Say why it is for them (“it reminded me of your question about …”).",
        "introduced": "Name both people you introduce (“Anna, meet Ben”).",
        "reason": "Say why they should meet (who does what, what one can offer the other).",
        "handover": "Say how they take it from here (“I’ll leave it to you to find a time”).",
        "event": "Name the event.",
        "when": "Give the date and time.",
        "invite_reason": "Say why you invite them in particular (their idea, project, a moment you shared).",
        "question_vague": "Ask about something of theirs, not only how they are.",
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
        "news": "Nennen Sie die Neuigkeit konkret («Gratulation zur neuen Stelle als Leiterin Einkauf bei …»).",
        "personal": "Fügen Sie eine persönliche Zeile an: ein gemeinsamer Moment oder was Ihnen ihre Arbeit bedeutet.",
        "no_ask": "Lassen Sie die Nachricht ohne Bitte; fragen Sie ein andermal: «{ask}».",
        "reference": "Beziehen Sie sich auf etwas Gemeinsames («seit unserem Mittagessen im Mai …»).",
        "question": "Stellen Sie eine offene Frage zu ihm oder ihr («wie ist der Umzug nach Lissabon gelaufen?»).",
        "context": "Sagen Sie, woher Sie sich kennen oder warum Sie gerade ihn/sie fragen («Sie erwähnten …»).",
        "request": "Machen Sie die Bitte konkret: was und bis wann («schickst du mir bis Freitag die Folien?»).",
        "easy_out": "Machen Sie die Antwort leicht: ein Datum oder «kein Problem, wenn nicht».",
        "item": "Nennen Sie, was Sie teilen: einen Link oder den Titel.",
        "relevance": "Sagen Sie, warum es für ihn oder sie ist («es hat mich an deine Frage zu … erinnert»).",
        "introduced": "Nennen Sie beide, die Sie einander vorstellen («Anna, darf ich dir Ben vorstellen»).",
        "reason": "Sagen Sie, warum sie sich kennenlernen sollten (wer was macht, was einer dem anderen bietet).",
        "handover": "Sagen Sie, wie es weitergeht («ich überlasse euch die Terminfindung»).",
        "event": "Nennen Sie den Anlass.",
        "when": "Nennen Sie Datum und Uhrzeit.",
        "invite_reason": "Sagen Sie, warum gerade er oder sie (seine Idee, ihr Projekt, ein gemeinsamer Moment).",
        "question_vague": "Fragen Sie nach etwas von ihm oder ihr, nicht nur, wie es geht.",
    },
}
