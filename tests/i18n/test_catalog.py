"""Everything a user reads exists in English and German, with the same placeholders."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rapport.config import Settings
from rapport.domain.model import ActionKind, Channel, Reason
from rapport.i18n import Translator
from rapport.i18n.catalog import DE, EN

PLACEHOLDER = re.compile(r"{(\w+)")


def test_both_languages_have_the_same_messages() -> None:
    assert set(EN) == set(DE)


@pytest.mark.parametrize("key", sorted(EN))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    assert set(PLACEHOLDER.findall(EN[key])) == set(PLACEHOLDER.findall(DE[key]))


def test_every_action_kind_and_channel_has_a_label() -> None:
    for kind in ActionKind:
        assert f"kind.{kind.value}" in EN
    for channel in Channel:
        assert f"channel.{channel.value}" in EN


def test_every_error_code_raised_in_the_code_has_a_message() -> None:
    source = "\n".join(p.read_text() for p in Path("src/rapport").rglob("*.py"))
    codes = set(re.findall(r'(?:Error|NotFound|Ambiguous|Refused)\(\s*"([a-z_]+\.[a-z_]+)"', source))
    assert codes, "no error codes found: the pattern is wrong"
    assert codes <= set(EN), codes - set(EN)


def test_every_setting_is_documented() -> None:
    guide = Path("docs/guide.md").read_text()
    for spec in fields(Settings):
        assert f"`{spec.name}`" in guide and spec.metadata["env"] in guide


ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZURICH)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "You met on Tuesday at the talk: 22 hours left"),
        ("de", "Kennengelernt am Dienstag bei the talk: noch 22 Stunden"),
    ],
)
def test_a_follow_up_reason_reads_naturally(lang: str, expected: str) -> None:
    reason = Reason(
        "follow_up.open", {"hours_left": 22, "met_at": datetime(2026, 11, 24, 7, 0, tzinfo=UTC), "place": "the talk"}
    )
    assert Translator(lang, ZURICH).reason(reason, NOW).startswith(expected)


def test_dates_follow_the_language() -> None:
    assert Translator("de", ZURICH).date(date(2026, 3, 5)) == "05.03.2026"
    assert Translator("en", ZURICH).date(date(2026, 3, 5)) == "5 Mar 2026"
    assert Translator("de", ZURICH).weekday(date(2026, 11, 24)) == "Dienstag"


def test_day_phrases_are_relative_to_today() -> None:
    t = Translator("en", ZURICH)
    today = date(2026, 11, 26)
    assert t.day_phrase(today, today) == "today"
    assert t.day_phrase(date(2026, 11, 25), today) == "yesterday"
    assert t.day_phrase(date(2026, 11, 24), today) == "on Tuesday"
    assert t.day_phrase(date(2026, 11, 1), today) == "on 1 Nov 2026"
