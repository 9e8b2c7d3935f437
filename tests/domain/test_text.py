"""Folding names so that case, accents, spacing and umlaut spellings do not get in the way of finding someone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.text import fold, fold_german, query_forms, search_key, strip_accents

NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜßéèêàâçñøåÉÈÅ -'"
names = st.text(alphabet=NAME_LETTERS, max_size=30)


def finds(query: str, name: str) -> bool:
    key = search_key(name)
    return any(form in key for form in query_forms(query))


def test_fold_lowers_case_removes_accents_and_collapses_spaces() -> None:
    assert fold("Jürgen  MÜLLER") == "jurgen muller"
    assert fold("  Zoë\tSaldaña \n") == "zoe saldana"
    assert fold("") == ""


def test_fold_spells_sharp_s_as_ss() -> None:
    assert fold("Straße") == "strasse"
    assert fold_german("STRASSE") == "strasse"


def test_fold_german_spells_umlauts_out() -> None:
    assert fold_german("Jürgen Müller") == "juergen mueller"
    assert fold_german("ÖZTÜRK Ähnlich") == "oeztuerk aehnlich"
    assert fold_german("José") == "jose"


def test_strip_accents_keeps_case_and_letters_without_accents() -> None:
    assert strip_accents("Crème Brûlée") == "Creme Brulee"
    assert strip_accents("Øyvind") == "Øyvind"


def test_search_key_holds_both_spellings_of_an_umlaut_name() -> None:
    assert search_key("Müller") == "muller | mueller"
    assert search_key("Keller") == "keller"


def test_query_forms_give_one_form_for_plain_names_and_two_for_umlauts() -> None:
    assert query_forms("Muller") == ("muller",)
    assert query_forms("Mueller") == ("mueller",)
    assert query_forms("Müller") == ("muller", "mueller")


@pytest.mark.parametrize("query", ["Müller", "Muller", "Mueller", "MÜLLER", "muller", "  mueller "])
def test_every_usual_spelling_finds_mueller(query: str) -> None:
    assert finds(query, "Jürgen Müller")


def test_a_different_name_is_not_found() -> None:
    assert not finds("Meier", "Jürgen Müller")


def test_a_name_typed_with_combining_accents_finds_and_is_found_like_the_composed_one() -> None:
    decomposed = unicodedata.normalize("NFD", "Jürgen Müller")
    assert decomposed != "Jürgen Müller"
    assert search_key(decomposed) == search_key("Jürgen Müller")
    assert query_forms(decomposed) == query_forms("Jürgen Müller")
    assert finds("Mueller", decomposed)


@given(names)
def test_folding_twice_changes_nothing(name: str) -> None:
    assert fold(fold(name)) == fold(name)
    assert fold_german(fold_german(name)) == fold_german(name)


@given(st.text(max_size=30))
def test_fold_leaves_no_upper_case_and_no_stray_spaces(text: str) -> None:
    folded = fold(text)
    assert folded == folded.casefold()
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
    assert not any(unicodedata.combining(ch) for ch in folded)


@given(names)
def test_a_name_is_found_by_itself_and_by_its_plain_german_and_upper_case_spellings(name: str) -> None:
    for query in (name, fold(name), fold_german(name), name.upper(), unicodedata.normalize("NFD", name)):
        assert finds(query, name)


@given(names)
def test_search_key_has_one_form_unless_the_spellings_differ(name: str) -> None:
    forms = query_forms(name)
    assert forms[0] == fold(name)
    assert len(forms) == (1 if fold(name) == fold_german(name) else 2)
    assert search_key(name) == " | ".join(forms)
