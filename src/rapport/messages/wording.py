"""Phrasing tables of the message drafts (German and English), read by `drafts.py`.

German templates are written in German-German spelling ("ß", "Grüße"); Swiss drafts ("de-CH") replace "ß" by "ss"
(Swiss orthography) and use the few Swiss words of `SWISS`. German templates carry the form of address as tokens
(`{dich}`, `{dir}`, `{du}`, `{Du}`, `{dein}` (+e/-en/-em/-er), `{hast}`, `{haettest_du}`, `{Haettest_du}`), filled
for "du" or "Sie" by `PRONOUNS`.

Placeholders of the content: {when} (e.g. "am Dienstag"), {where} ("beim Feierabendanlass …"),
{topic}, {did}, {lf} (what they are looking for), {slots} (two concrete dates with times), {next_event}, {occ}
(the occasion: "zur Beförderung"), {news}, {thing} (what they did for me), {note}, {first}.

German grammar holds whatever the user typed: a topic, a need, a place or a planned meeting is inserted only
where a noun phrase stands as it is, in quotes or after a label ("zum Thema «…»", "Zu «…»:"), never after a
preposition or article that would need a case ending ("zu neue Meeting-Formate", "für dein neue …"); a test
inserts noun phrases of every gender and number into every German frame.

Rules the tables keep, so that the personalisation check (`check.py`) recognises each element:
the moment sentences contain no question mark and no proposal words ("Kaffee", "Wiedersehen", "coffee", …);
the consequence sentences begin with "Seither/Seit unserem …" / "Since …" so that any `did` text counts;
the thanks name their object ("danke für …"); every proposal is a question or has a proposal word.
"""

from __future__ import annotations

PRONOUNS: dict[str, dict[str, str]] = {
    "du": {
        "dich": "dich",
        "dir": "dir",
        "du": "du",
        "Du": "Du",
        "dein": "dein",
        "Dein": "Dein",
        "hast": "hast",
        "haettest_du": "hättest du",
        "Haettest_du": "Hättest du",
        "st_du": "st du",
    },
    "Sie": {
        "dich": "Sie",
        "dir": "Ihnen",
        "du": "Sie",
        "Du": "Sie",
        "dein": "Ihr",
        "Dein": "Ihr",
        "hast": "haben",
        "haettest_du": "hätten Sie",
        "Haettest_du": "Hätten Sie",
        "st_du": "n Sie",
    },
}

# Greetings: never "Lieber/Liebe" (the gender is not stored reliably); "Sie" uses the full name (with a stored
# title such as "Dr." in front), or "Herr/Frau <family name>" when the stored prefix says so.
GREETING: dict[str, dict[str, list[str]]] = {
    "de-CH": {
        "du": ["Hallo {first}", "Hoi {first}", "Salü {first}", "Hoi {first}"],
        "Sie": ["Guten Tag {full}", "Grüezi {full}", "Hallo {full}"],
    },
    "de": {
        "du": ["Hallo {first}", "Hi {first}", "Hallo {first}", "Hi {first}"],
        "Sie": ["Guten Tag {full}", "Hallo {full}", "Guten Tag {full}"],
    },
    "en": {
        "du": ["Hi {first}", "Dear {first}", "Hello {first}", "Hi {first}"],
        "Sie": ["Dear {full}", "Hello {full}", "Dear {full}"],
    },
}

CLOSING: dict[str, dict[str, list[str]]] = {
    "de": {
        "du": ["Viele Grüße", "Liebe Grüße", "Herzliche Grüße"],
        "Sie": ["Freundliche Grüße", "Beste Grüße", "Herzliche Grüße"],
    },
    "en": {
        "du": ["Best wishes,", "All the best,", "Warm regards,"],
        "Sie": ["Kind regards,", "Best regards,", "Yours,"],
    },
}

# follow-up: the moment of the first meeting
OPENER: dict[str, list[str]] = {
    "de": [
        "Es hat mich sehr gefreut, {dich} {when}{where} kennenzulernen.",
        "Schön, dass wir uns {when}{where} kennengelernt haben.",
        "Über unsere Begegnung {when}{where} habe ich mich sehr gefreut.",
        "Unser Gespräch {when}{where} ist mir in bester Erinnerung geblieben.",
    ],
    "en": [
        "It was a real pleasure to meet you {when}{where}.",
        "Great to have met you {when}{where}.",
        "I really enjoyed our conversation {when}{where}.",
        "I'm glad we met {when}{where}.",
    ],
}

# congrats, check-in, thanks, ask: the last time we were in touch
RECALL: dict[str, list[str]] = {
    "de": [
        "Seit unserem letzten Austausch {when} ist ja einiges passiert.",
        "Ich denke gern an unser letztes Gespräch {when} zurück.",
        "Zuletzt haben wir uns {when} ausgetauscht.",
    ],
    "en": [
        "A lot has happened since our last exchange {when}.",
        "I still think back to our last conversation {when}.",
        "We last were in touch {when}.",
    ],
}

TOPIC: dict[str, list[str]] = {
    "de": [
        "Unser Austausch zum Thema «{topic}» beschäftigt mich seither.",
        "Besonders spannend fand ich, was {du} zum Thema «{topic}» erzählt {hast}.",
        "Was {du} zum Thema «{topic}» gesagt {hast}, geht mir nicht mehr aus dem Kopf.",
    ],
    "en": [
        "Our exchange about {topic} has stayed with me.",
        "I especially liked what you said about {topic}.",
        "Your thoughts on {topic} have been on my mind ever since.",
    ],
}

CHECKIN_TOPIC: dict[str, list[str]] = {
    "de": [
        "Wie läuft es eigentlich beim Thema «{topic}»?",
        "Was gibt es bei {dir} Neues zum Thema «{topic}»?",
        "Wie ist es bei {dir} beim Thema «{topic}» weitergegangen?",
    ],
    "en": [
        "How are things going with {topic}?",
        "What is new at your end on {topic}?",
        "How have things been going with {topic}?",
    ],
}

#: A check-in's open question when no topic is stored.
CHECKIN_QUESTION: dict[str, list[str]] = {
    "de": [
        "Was beschäftigt {dich} gerade am meisten?",
        "Was gibt es bei {dir} Neues?",
        "Was hat sich bei {dir} seither getan?",
    ],
    "en": [
        "What is keeping you busy these days?",
        "What are you working on at the moment?",
        "What has changed at your end since then?",
    ],
}

CONSEQUENCE: dict[str, list[str]] = {
    "de": [
        "Seither habe ich {did}.",
        "Seit unserem Gespräch habe ich {did}.",
        "Seit unserem Austausch habe ich {did}.",
    ],
    "en": ["Since then I {did}.", "Since our conversation I {did}.", "Since we talked I {did}."],
}

# The gap left when `did` is not given: never invented (addressed to the user, so "Sie" in German).
GAP: dict[str, dict[str, str]] = {
    "de": {
        "follow-up": "[was haben Sie ausprobiert?]",
        "check-in": "[was haben Sie seither gemacht?]",
        "thanks": "[was hat es bewirkt?]",
        "ask": "[worum möchten Sie bitten?]",
    },
    "en": {
        "follow-up": "[what did you try?]",
        "check-in": "[what have you done since?]",
        "thanks": "[what did it lead to?]",
        "ask": "[what would you like to ask for?]",
    },
}

THANKS: dict[str, list[str]] = {
    "de": [
        "Danke für {dein}en Input zum Thema «{topic}»!",
        "Vielen Dank für {dein}e Gedanken zum Thema «{topic}»!",
        "Herzlichen Dank, dass {du} {dein}e Erfahrung zum Thema «{topic}» geteilt {hast}!",
    ],
    "en": [
        "Thank you for your input on {topic}!",
        "Thanks again for your input on {topic}!",
        "Many thanks for sharing your thoughts on {topic}!",
    ],
}
#: Thanks for a recorded favour received ({thing} from FAVOUR), when no input on a topic is noted.
THANKS_FAVOUR: dict[str, list[str]] = {
    "de": ["Danke nochmals für {thing}!", "Vielen Dank nochmals für {thing}!", "Nochmals danke für {thing}!"],
    "en": ["Thanks again for {thing}!", "Many thanks again for {thing}!", "Thank you again for {thing}!"],
}

# thanks (a favour received): {thing} from FAVOUR, {note} the stored note
FAVOUR_THANKS: dict[str, list[str]] = {
    "de": [
        "Vielen Dank für {thing} – «{note}»!",
        "Herzlichen Dank für {thing} («{note}»)!",
        "Danke für {thing}: «{note}»!",
    ],
    "en": [
        "Thank you for {thing} – “{note}”!",
        "Many thanks for {thing} (“{note}”)!",
        "Thanks for {thing}: “{note}”!",
    ],
}
FAVOUR: dict[str, dict[str, str]] = {
    "de": {
        "introduction": "die Vorstellung",
        "referral": "{dein}e Empfehlung",
        "advice": "{dein}en Rat",
        "information": "die Informationen",
        "congratulation": "{dein}e Glückwünsche",
        "help": "{dein}e Hilfe",
        "job-lead": "den Hinweis auf die Stelle",
        "other": "{dein}e Unterstützung",
    },
    "en": {
        "introduction": "the introduction",
        "referral": "your recommendation",
        "advice": "your advice",
        "information": "the information",
        "congratulation": "your congratulations",
        "help": "your help",
        "job-lead": "the job lead",
        "other": "your support",
    },
}

# congrats: {occ} from OCCASION
CONGRATS: dict[str, list[str]] = {
    "de-CH": [
        "Herzliche Gratulation {occ}!",
        "Was für eine schöne Nachricht – ganz herzliche Gratulation {occ}!",
        "Ich habe es gerade gesehen: Gratulation {occ}!",
    ],
    "de": [
        "Herzlichen Glückwunsch {occ}!",
        "Was für eine schöne Nachricht – herzlichen Glückwunsch {occ}!",
        "Ich habe es gerade gesehen: alles Gute {occ}!",
    ],
    "en": [
        "Congratulations on {occ}!",
        "What great news – congratulations on {occ}!",
        "I just saw the news: congratulations on {occ}!",
    ],
}
OCCASION: dict[str, dict[str, str]] = {
    "de": {
        "promotion": "zur Beförderung",
        "new-job": "zur neuen Stelle",
        "work-anniversary": "zum Firmenjubiläum",
        "birthday": "zum Geburtstag",
        "media": "zum gelungenen Medienauftritt",
        "other": "zu {dein}en Neuigkeiten",
    },
    "en": {
        "promotion": "your promotion",
        "new-job": "your new job",
        "work-anniversary": "your work anniversary",
        "birthday": "your birthday",
        "media": "your media appearance",
        "other": "your news",
    },
}
NEWS_DETAIL: dict[str, list[str]] = {
    "de": ["«{news}» – das freut mich sehr für {dich}.", "«{news}»: Das ist verdient.", "«{news}» – toll!"],
    "en": ["“{news}” – I'm really happy for you.", "“{news}”: well deserved.", "“{news}” – wonderful!"],
}

# give first: what they are looking for, or a generic offer
OFFER: dict[str, list[str]] = {
    "de": [
        "Zu «{lf}»: Ich höre mich gerne in meinem Netzwerk um.",
        "Falls es hilft: Bei «{lf}» denke ich gerne mit.",
        "Was «{lf}» angeht, gebe ich Bescheid, sobald ich jemanden Passendes kenne.",
    ],
    "en": [
        "On “{lf}”: happy to ask around in my network.",
        "If it helps, I'd gladly think along on “{lf}”.",
        "As for “{lf}”, I'll let you know as soon as I come across someone who fits.",
    ],
}
OFFER_GENERIC: dict[str, list[str]] = {
    "de": [
        "Kann ich {dir} gerade bei etwas helfen, mit einem Kontakt oder einer zweiten Meinung?",
        "Wenn ich {dir} mit einem Kontakt aus meinem Netzwerk helfen kann, sag es gerne.",
        "Falls {du} gerade eine zweite Meinung oder einen Kontakt brauchst, bin ich gerne da.",
    ],
    "en": [
        "Is there anything I can help you with right now, an introduction or a second opinion?",
        "If someone in my network could be useful to you, just say the word.",
        "If you need a second opinion or a contact right now, I'm happy to help.",
    ],
}
ASK: dict[str, list[str]] = {
    "de": [
        "Ich hätte eine Bitte: {ask}.",
        "Darf ich {dich} um etwas bitten? Konkret: {ask}.",
        "Eine Frage an {dich}: {ask}.",
    ],
    "en": ["I have a favour to ask: {ask}.", "May I ask you something? In short: {ask}.", "A question for you: {ask}."],
}
#: An ask built from what they offer (stored as "offers"), when no ask of mine is recorded.
ASK_OFFERS: dict[str, list[str]] = {
    "de": [
        "Ich hätte eine Bitte zum Thema «{offers}»: Könnte{st_du} mir in einem kurzen Gespräch {dein}e Erfahrung "
        "dazu weitergeben?",
        "Darf ich {dich} zum Thema «{offers}» um Rat fragen? Eine halbe Stunde mit {dir} würde mir sehr helfen.",
    ],
    "en": [
        "I have a favour to ask about {offers}: could you share your experience with me in a short conversation?",
        "May I ask you for advice on {offers}? Half an hour with you would help me a lot.",
    ],
}
#: The easy way out of an ask.
EASY_OUT: dict[str, list[str]] = {
    "de": ["Ganz ohne Stress – sag einfach, wenn es gerade nicht passt.", "Kein Problem, wenn es gerade nicht geht."],
    "en": ["No worries if not – just say if the timing is bad.", "No pressure, totally fine if not."],
}

#: The next step: each template names what it proposes (the key of MEAL_TIMES), so the time fits it: coffee in the
#: morning, lunch around noon, an after-work drink in the evening (never "ein Mittagessen um 8:30").
PROPOSAL: dict[str, list[tuple[str, str]]] = {
    "de": [
        ("coffee", "{Haettest_du} {slots} Zeit für einen Kaffee?"),
        ("lunch", "Wie wäre es mit einem Mittagessen {slots}?"),
        ("drink", "Wollen wir uns {slots} auf einen Feierabenddrink treffen?"),
        ("coffee", "Wollen wir uns {slots} auf einen Kaffee treffen?"),
    ],
    "en": [
        ("coffee", "Would you have time for a coffee {slots}?"),
        ("lunch", "Shall we meet for lunch {slots}?"),
        ("drink", "How about an after-work drink {slots}?"),
        ("coffee", "How about a coffee {slots}?"),
    ],
}
#: (first slot, second slot) per kind of meeting.
MEAL_TIMES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "coffee": ((8, 30), (9, 0)),
    "lunch": ((12, 0), (12, 15)),
    "drink": ((17, 30), (18, 0)),
}
#: A planned meeting on record (`met --next`): quoted as noted, so any wording fits.
PROPOSAL_EVENT: dict[str, list[str]] = {
    "de": [
        "Vorgemerkt habe ich mir schon: «{next_event}» – sehen wir uns dort?",
        "Ich freue mich aufs Wiedersehen, vorgemerkt ist: «{next_event}». Kommst {du} auch?",
    ],
    "en": [
        "I've already noted “{next_event}” – shall we meet there?",
        "I look forward to seeing you again – I have “{next_event}” in my diary. Will you be there too?",
    ],
}
#: The same in a short note (a LinkedIn connection note has 300 characters for everything).
PROPOSAL_EVENT_SHORT: dict[str, list[str]] = {
    "de": ["Sehen wir uns dort: «{next_event}»?"],
    "en": ["See you there: “{next_event}”?"],
}
#: A meeting planned with them (`rapport meet`): its day ({date}: "27. Juni", "27 June") and what it is ({about}, as
#: typed, quoted as a name). Questions, so that the check counts them as a proposal with a date.
PROPOSAL_MEETING: dict[str, list[str]] = {
    "de": ["Wir sehen uns am {date} bei «{about}»?", "Sehen wir uns am {date} bei «{about}»? Ich freue mich darauf."],
    "en": ["See you on {date} at “{about}”?", "Shall we meet on {date} at “{about}”? I look forward to it."],
}
PROPOSAL_MEETING_SHORT: dict[str, list[str]] = {
    "de": ["Sehen wir uns am {date} bei «{about}»?"],
    "en": ["See you on {date} at “{about}”?"],
}
PROPOSAL_MEETING_PLAIN: dict[str, list[str]] = {
    "de": ["Wir sehen uns am {date}, wie abgemacht?"],
    "en": ["See you on {date}, as planned?"],
}
#: The gap where the owner's name belongs when it is not stored (`rapport me --name`).
NAME_GAP: dict[str, str] = {"de": "[Ihr Name]", "en": "[your name]"}
OR: dict[str, str] = {"de": " oder ", "en": " or "}

SUBJECT: dict[str, dict[str, list[str]]] = {
    "de": {
        "follow-up": [
            "Schön, {dich} {when} kennengelernt zu haben",
            "Unser Gespräch zum Thema «{topic}»",
            "Ein nächstes Treffen?",
        ],
        "congrats": ["Gratulation {occ}!", "Herzliche Gratulation {occ}", "Gratulation {occ}!"],
        "check-in": ["Wie geht es {dir}, {first}?", "Lange nichts gehört", "Ein Kaffee, {first}?"],
        "thanks": ["Danke für {thing}", "Herzlichen Dank", "Danke, {first}!"],
        "ask": ["Eine Bitte – und ein Kaffee?", "Eine Frage an {dich}", "Eine Bitte"],
    },
    "en": {
        "follow-up": ["Great to meet you {when}", "Our conversation about {topic}", "Shall we meet again?"],
        "congrats": ["Congratulations on {occ}!", "Congratulations, {first}!", "Congratulations on {occ}"],
        "check-in": ["How have you been, {first}?", "It's been a while", "A coffee, {first}?"],
        "thanks": ["Thank you for {thing}", "Many thanks", "Thank you, {first}!"],
        "ask": ["A favour to ask – and a coffee?", "A question for you", "A favour to ask"],
    },
}
# share: the article, named in quotes (its title, as it is), and why it made me think of them
SHARE_ITEM: dict[str, list[str]] = {
    "de": [
        "Ich bin auf den Artikel «{article}» gestoßen und musste sofort an {dich} denken.",
        "Beim Lesen des Artikels «{article}» habe ich an {dich} gedacht.",
        "Gerade habe ich den Artikel «{article}» gelesen und dabei an {dich} gedacht.",
    ],
    "en": [
        "I came across the article “{article}” and immediately thought of you.",
        "Reading the article “{article}” made me think of you.",
        "I just read the article “{article}” and thought of you.",
    ],
}
#: Why: what of theirs the article matches, after a label or in quotes (any noun phrase stands as it is).
SHARE_BECAUSE: dict[str, dict[str, list[str]]] = {
    "de": {
        "interest": [
            "Er passt genau zu {dein}em Thema «{because}».",
            "Er passt gut zu {dein}em Interesse an «{because}».",
        ],
        "looking_for": [
            "Er passt zu {dein}er Suche: «{because}».",
            "Er könnte hilfreich für {dein}e Suche sein: «{because}».",
        ],
        "offers": ["Er passt gut zu {dein}er Erfahrung: «{because}»."],
        "": ["Er scheint mir relevant für {dein}e Arbeit."],
    },
    "en": {
        "interest": [
            "It seemed spot on for your interest in {because}.",
            "It seemed relevant to your interest in {because}.",
        ],
        "looking_for": [
            "It looks useful for your search: {because}.",
            "It could be useful for your search: {because}.",
        ],
        "offers": ["It seemed relevant to your experience with {because}."],
        "": ["It seemed relevant to your field."],
    },
}
SHARE_QUESTION: dict[str, list[str]] = {
    "de": ["Was hältst {du} davon?", "Wie siehst {du} das?"],
    "en": ["What do you make of it?", "How do you see it?"],
}
SHARE_SUBJECT: dict[str, list[str]] = {
    "de": ["Ein Artikel für {dich}", "Gelesen und an {dich} gedacht", "«{article}»"],
    "en": ["An article for you", "Read this and thought of you", "“{article}”"],
}
SHARE_GAP: dict[str, str] = {"de": "[Titel des Artikels]", "en": "[title of the article]"}

# German-German words replaced in Swiss drafts (besides ß → ss).
SWISS: dict[str, str] = {"Herzlichen Glückwunsch": "Herzliche Gratulation"}
DE_DE: dict[str, str] = {"Herzliche Gratulation": "Herzlichen Glückwunsch", "Gratulation": "Glückwunsch"}

# Places: "beim …" when the place's first word is one of these (masculine/neuter events), else "(…)".
BEIM_ENDINGS = (
    "anlass",
    "vortrag",
    "workshop",
    "apéro",
    "apero",
    "abend",
    "meetup",
    "treffen",
    "seminar",
    "kurs",
    "fest",
    "event",
    "kongress",
    "essen",
    "lunch",
    "stamm",
    "forum",
    "bootcamp",
)

# Error texts of the refusals (the i18n catalog is kept by someone else: the CLI can copy these).
ERRORS: dict[str, dict[str, str]] = {
    "en": {
        "draft.kind": "Unknown kind of draft “{value}”; choose one of: {choices}.",
        "draft.via": "Unknown channel “{value}”; choose one of: {choices}.",
        "draft.lang": "Unknown language “{value}”; choose one of: {choices}.",
        "draft.no_meeting": "{name} has no first meeting on record: log it with `rapport met` or choose another kind.",
        "draft.no_news": "No news of {name} in the last {days} days and no birthday coming up: "
        "nothing to congratulate.",
        "draft.no_favour": "No favour received from {name} on record: nothing to thank for yet.",
        "draft.give_first": "Give first: your balance with {name} is {balance}; do something for them before you ask.",
    },
    "de": {
        "draft.kind": "Unbekannte Art von Entwurf «{value}»; möglich sind: {choices}.",
        "draft.via": "Unbekannter Kanal «{value}»; möglich sind: {choices}.",
        "draft.lang": "Unbekannte Sprache «{value}»; möglich sind: {choices}.",
        "draft.no_meeting": "Mit {name} ist kein erstes Treffen erfasst: mit `rapport met` erfassen oder eine andere "
        "Art wählen.",
        "draft.no_news": "Keine Neuigkeiten von {name} in den letzten {days} Tagen und kein Geburtstag in Sicht: "
        "nichts zu gratulieren.",
        "draft.no_favour": "Von {name} ist kein erhaltener Gefallen erfasst: noch nichts zu verdanken.",
        "draft.give_first": "Zuerst geben: Ihre Bilanz mit {name} ist {balance}; tun Sie etwas für die Person, "
        "bevor Sie um etwas bitten.",
    },
}
