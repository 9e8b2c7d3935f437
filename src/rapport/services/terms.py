"""Terms of a text for matching: words in lower case, stop words left out, each stemmed in German and English.

A word gives both stems (Snowball, PyStemmer), because a contact's fields are in either language and often mixed
("Lean Operations; Kontakte in der Medizintechnik"): "Moderation" and "moderieren", "facilitator" and
"facilitation", "Projektleiter" and "Projektleitung" each meet. Umlauts are kept for the German stemmer, which
knows them, and folded for the English one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapport.domain.text import strip_accents

_WORD = re.compile(r"[^\W\d_]+")
#: Words too common to match on, German and English.
STOPWORDS = frozenset(
    """
    a about after again all also am an and any are as at be been before being but by can could did do does doing
    for from further had has have having he her here hers him his how i if in into is it its just me more most my
    no nor not of off on once only or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours via per etc
    aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bist da
    damit dann das dass dein deine dem den der des dich die dir doch dort du durch ein eine einem einen einer
    eines er es etwas euch euer für gegen hab habe haben hat hier ich ihm ihn ihr ihre ihren im in ins ist jede
    jeden jeder jedes jetzt kann kein keine man mein meine mich mir mit muss nach nicht noch nur ob oder ohne sehr
    sein seine seinen seinem seiner sich sie sind so soll sollte über um und uns unser unsere unter viel vom von
    vor war waren was weil welche wenn wer werden wie wieder will wir wird wo zu zum zur zwischen
    """.split()
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    import Stemmer  # PyStemmer: C Snowball stemmers, loaded when first needed

    return Stemmer.Stemmer("german"), Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The German and the English stem of one lower-case word (one when both agree)."""
    german, english = _stemmers()
    de = str(german.stemWord(word))
    en = str(english.stemWord(strip_accents(word)))
    return (de,) if de == en else (de, en)


@lru_cache(maxsize=100_000)
def _terms(text: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for match in _WORD.finditer(text):
        written = match.group(0)
        word = written.lower()
        if len(word) < 2 or word in STOPWORDS:
            continue
        for stem in stems(word):
            found.setdefault(stem, written)
    return tuple(found.items())


def terms(text: str) -> dict[str, str]:
    """Each term of `text` (a stem) -> the word as it was written."""
    return dict(_terms(text))
