"""Folding names for forgiving look-ups: case, accents and German umlaut spellings."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapport.domain import limits

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # imports fold the same names several times (matching, search keys)
def fold(text: str) -> str:
    """Lower case, accents removed, white space collapsed: 'Jürgen  MÜLLER' -> 'jurgen muller'."""
    if text.isascii():  # nothing to decompose, no accents
        return " ".join(text.casefold().split())
    return " ".join(strip_accents(text).casefold().split())


@lru_cache(maxsize=65536)
def fold_german(text: str) -> str:
    """Like fold, but umlauts spelled out: 'Jürgen Müller' -> 'juergen mueller'."""
    if text.isascii():  # no umlauts, nothing to compose
        return fold(text)
    return fold(unicodedata.normalize("NFC", text).translate(_GERMAN))


def search_key(name: str) -> str:
    """What a name is looked up by: both spellings, so 'Muller' and 'Mueller' both find 'Müller'.

    At most limits.SEARCH_KEY characters: folding can lengthen a name (ß → ss, ﬃ → ffi), so each form is cut to
    half of it (a look-up by the first hundreds of characters still finds the person)."""
    half = (limits.SEARCH_KEY - 3) // 2
    if name.isascii():  # no umlauts: both spellings are one
        return fold(name)[:half]
    plain, german = fold(name)[:half], fold_german(name)[:half]
    return plain if plain == german else f"{plain} | {german}"


def query_forms(query: str) -> tuple[str, ...]:
    """The forms of a typed name to look for in search keys."""
    plain, german = fold(query), fold_german(query)
    return (plain,) if plain == german else (plain, german)
