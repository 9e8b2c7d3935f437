"""Networking time's words: every kind of block is typed and shown in either language, and every way the week plan
can do an action has its appointment text in both."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from rapport.domain.networking_time import DURATIONS, BlockKind
from rapport.errors import InputError
from rapport.i18n import Translator
from rapport.i18n.catalog import CATALOGS
from rapport.services.networking_time import kind_of

ZURICH = ZoneInfo("Europe/Zurich")


@pytest.mark.parametrize("kind", list(BlockKind))
def test_every_kind_of_block_is_typed_in_either_language_and_shown_in_each(kind: BlockKind) -> None:
    labels = {lang: catalog[f"term.block.{kind.value}"] for lang, catalog in CATALOGS.items()}
    assert labels["en"] != labels["de"]
    for lang, label in labels.items():
        assert kind_of(label) is kind and kind_of(f" {label.upper()} ") is kind
        assert Translator(lang, ZURICH).term("block", kind.value) == label
    assert kind_of(kind.value) is kind


def test_an_unknown_kind_is_refused_in_words() -> None:
    with pytest.raises(InputError) as refused:
        kind_of("Abendessen")
    assert refused.value.code == "time.bad_kind"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_way_of_doing_an_action_has_its_appointment_text(lang: str) -> None:
    t = Translator(lang, ZURICH)
    texts = set()
    for action, fits in DURATIONS.items():
        for fit in fits:
            key = f"time.do.{action.value}.{fit.block.value}"
            assert key in t.catalog, key
            text = t(key, name="Anna Keller")
            assert "Anna Keller" in text
            texts.add(text)
    assert len(texts) == sum(len(fits) for fits in DURATIONS.values())  # each says what it is
    used = {f"time.do.{a.value}.{f.block.value}" for a, fits in DURATIONS.items() for f in fits}
    assert {key for key in t.catalog if key.startswith("time.do.")} == used  # and none is left over
