"""The demo network: dated around now, it puts every practice on the day's agenda at once, on both backends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from rapport.domain.model import Action, ActionKind
from rapport.services import agenda, demo
from rapport.services.context import Context
from rapport.store.schema import (
    circles,
    contacts,
    events,
    favours,
    interactions,
    interests,
    notes,
    planned_meetings,
    users,
)
from tests.conftest import make_context


@contextmanager
def context_at(url: str, now: str) -> Iterator[Context]:
    context = make_context(url, now=now)
    try:
        yield context
    finally:
        context.close()


def load(ctx: Context) -> dict[str, int]:
    with ctx.transaction() as conn:
        return demo.load_demo(ctx, conn)


def today(ctx: Context, limit: int | None = None) -> list[Action]:
    with ctx.transaction() as conn:
        return agenda.today(ctx, conn, limit=limit)


def by_kind(actions: list[Action]) -> dict[ActionKind, list[Action]]:
    found: dict[ActionKind, list[Action]] = {}
    for action in actions:
        found.setdefault(action.kind, []).append(action)
    return found


def assert_every_practice(actions: list[Action]) -> None:
    assert len(actions) == 7
    kinds = by_kind(actions)
    assert set(kinds) == set(ActionKind) - {ActionKind.PLANNED}  # Thomas's next talk is weeks ahead
    assert len({a.contact_id for a in actions}) == 7

    [follow_up] = kinds[ActionKind.FOLLOW_UP]
    assert follow_up.contact_name == "Thomas Keller"
    assert follow_up.reason.code == "follow_up.open"
    assert 1 <= int(follow_up.reason.facts["hours_left"]) < 72  # type: ignore[call-overload]
    assert "Design Thinking" in str(follow_up.reason.facts["place"])
    assert actions[0] is follow_up

    assert any(
        a.reason.code in ("congratulate.birthday", "congratulate.promotion", "congratulate.new-job")
        for a in kinds[ActionKind.CONGRATULATE]
    )
    assert any(a.reason.facts["circle"] == "core" for a in kinds[ActionKind.KEEP_IN_TOUCH])
    give = kinds[ActionKind.GIVE][0]
    assert give.reason.code == "give.debt" and give.reason.facts["looking_for"]
    reconnect = kinds[ActionKind.RECONNECT][0]
    assert reconnect.reason.facts["years"] >= 2 and reconnect.reason.facts["helped"] >= 1  # type: ignore[operator]
    assert reconnect.reason.facts["organisation"]
    meet = kinds[ActionKind.MEET][0]
    assert meet.reason.code == "meet.never" and meet.reason.facts["strength"] >= 30  # type: ignore[operator]


def owner_counts(conn: Connection, owner_id: int) -> dict[str, int]:
    def count(table: object) -> int:
        return int(
            conn.execute(select(func.count()).select_from(table).where(table.c.owner_id == owner_id)).scalar_one()  # type: ignore[attr-defined]
        )

    return {
        "contacts": count(contacts),
        "interactions": count(interactions),
        "notes": count(notes),
        "favours": count(favours),
        "events": count(events),
        "meetings": count(planned_meetings),
    }


def test_the_agenda_after_loading_covers_every_practice(ctx: Context) -> None:
    load(ctx)

    actions = today(ctx)

    assert_every_practice(actions)
    names = {kind: found[0].contact_name for kind, found in by_kind(actions).items()}
    assert names[ActionKind.KEEP_IN_TOUCH] == "Martina Frei"
    assert names[ActionKind.GIVE] == "Reto Brunner"
    assert names[ActionKind.RECONNECT] == "Andrea Kälin"
    assert names[ActionKind.MEET] == "Nina Vogt"
    assert names[ActionKind.CONGRATULATE] == "Claudia Steiner"
    thomas = actions[0]
    assert thomas.reason.facts["hours_left"] == 33  # met Tuesday 18:30, now Thursday 09:00


@pytest.mark.parametrize(
    ("now", "leap_birthday_days"),
    [
        ("2026-07-15T09:00", None),  # summer time
        ("2027-03-01T09:00", -1),  # 29 February is celebrated on 28 February in a common year: belated
        ("2028-02-29T09:00", 0),  # a leap day
        ("2026-03-29T23:30", None),  # late on the day the clocks go forward
        ("2026-10-25T07:00", None),  # early on the day the clocks go back
        ("2027-01-01T00:30", None),  # just after midnight on new year
    ],
)
def test_the_demo_works_at_any_now(store_url: str, now: str, leap_birthday_days: int | None) -> None:
    with context_at(store_url, now) as ctx:
        load(ctx)
        assert_every_practice(today(ctx))
        heidi = [
            (a.kind, a.reason.code, a.reason.facts["days"])
            for a in today(ctx, limit=100)
            if a.contact_name == "Heidi Bachmann"
        ]
        if leap_birthday_days is not None:
            assert heidi == [(ActionKind.CONGRATULATE, "congratulate.birthday", leap_birthday_days)]
        else:
            assert all(kind is not ActionKind.CONGRATULATE for kind, _, _ in heidi)


def test_counts_are_what_was_written_and_the_core_circle_fits(ctx: Context) -> None:
    counts = load(ctx)

    assert 32 <= counts["contacts"] <= 62
    assert counts["interactions"] > counts["contacts"] and counts["notes"] and counts["favours"] and counts["events"]
    with ctx.transaction() as conn:
        assert owner_counts(conn, ctx.owner_id) == counts
        core = conn.execute(
            select(func.count()).where(contacts.c.owner_id == ctx.owner_id, contacts.c.circle == "core")
        ).scalar_one()
        archived = conn.execute(
            select(func.count()).where(contacts.c.owner_id == ctx.owner_id, contacts.c.archived.is_(True))
        ).scalar_one()
    assert 10 <= core <= 20
    assert archived >= 1


def shape(ctx: Context) -> list[tuple[str, str, float, str]]:
    return [(a.kind.value, a.contact_name, a.priority, a.reason.code) for a in today(ctx, limit=100)]


def test_same_now_same_demo_and_reset_keeps_owner_and_circles_and_other_owners(store_url: str) -> None:
    with context_at(store_url, "2026-11-26T09:00") as ctx, context_at(store_url, "2026-11-26T09:00") as other:
        counts = load(ctx)
        other_counts = load(other)
        assert counts == other_counts
        assert shape(ctx) == shape(other)

        with ctx.transaction() as conn:
            removed = demo.reset_demo(ctx, conn)

        assert removed == counts["contacts"]
        with ctx.transaction() as conn:
            assert owner_counts(conn, ctx.owner_id) == dict.fromkeys(counts, 0)  # no orphaned interactions
            assert conn.execute(select(func.count()).where(users.c.id == ctx.owner_id)).scalar_one() == 1
            assert conn.execute(select(func.count()).where(circles.c.owner_id == ctx.owner_id)).scalar_one() == 4
            assert owner_counts(conn, other.owner_id) == other_counts  # another owner's data is untouched
        assert today(ctx) == []

        assert load(ctx) == counts
        assert shape(ctx) == shape(other)


def test_reset_of_an_empty_store_removes_nothing(ctx: Context) -> None:
    with ctx.transaction() as conn:
        assert demo.reset_demo(ctx, conn) == 0


# ---------------------------------------------------------------------------------------------- the languages
# Common words of one language that the other does not use, matched as whole words.
ENGLISH = {"the", "and", "with", "about", "meeting", "coffee", "lunch", "call", "her", "his", "she", "for", "of", "to"}
ENGLISH |= {"from", "at", "on", "is", "my", "asked", "sent", "talked", "after", "next", "catching"}
GERMAN = {"und", "der", "die", "das", "mit", "für", "nicht", "ich", "ein", "eine", "ihr", "sein", "zum", "zur"}
GERMAN |= {"im", "am", "auf", "von", "bei", "kaffee", "mittagessen", "telefonat", "sitzung", "gesprochen"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def stored_texts(conn: Connection, owner_id: int) -> dict[str, list[str]]:
    """What the demo wrote in words: notes (what I did apart), topics, summaries, news, favours, and about whom."""

    def column(col: Any, *where: Any) -> list[str]:
        table = col.table
        found = conn.execute(select(col).where(table.c.owner_id == owner_id, *where)).scalars()
        return [str(text) for text in found if text]

    return {
        "notes": column(notes.c.text, notes.c.kind != "did"),
        "did": column(notes.c.text, notes.c.kind == "did"),
        "topics": column(interests.c.topic),
        "summaries": column(interactions.c.summary),
        "news": column(events.c.text),
        "favours": column(favours.c.note),
        "about": column(contacts.c.how_met) + column(contacts.c.looking_for) + column(contacts.c.offers),
    }


def foreign_words(texts: dict[str, list[str]], foreign: set[str]) -> dict[str, list[str]]:
    return {kind: found for kind, all_ in texts.items() if (found := [t for t in all_ if words(t) & foreign])}


def test_the_german_demo_is_written_in_german_and_the_english_one_in_english(store_url: str) -> None:
    with context_at(store_url, "2026-11-26T09:00") as en, context_at(store_url, "2026-11-26T09:00") as de:
        de.settings = replace(de.settings, lang="de")
        load(en)
        load(de)
        with en.transaction() as conn:
            english, german = stored_texts(conn, en.owner_id), stored_texts(conn, de.owner_id)

    assert foreign_words(german, ENGLISH) == {}
    assert not any("ß" in text for found in german.values() for text in found)  # Swiss spelling
    # Julia writes to Thomas in German: the English demo keeps her German note of what she did, and adds it in English
    assert foreign_words({k: v for k, v in english.items() if k != "did"}, GERMAN) == {}
    assert sorted(words(t) & GERMAN != set() for t in english["did"]) == [False, True]
    assert [words(t) & GERMAN != set() for t in german["did"]] == [True]
    for kind in ("notes", "summaries", "news", "favours"):  # the word lists do catch either language
        assert sum(bool(words(t) & GERMAN) for t in german[kind]) >= len(german[kind]) // 3, kind
        assert sum(bool(words(t) & ENGLISH) for t in english[kind]) >= len(english[kind]) // 3, kind
    for kind in german:
        assert len(german[kind]) == len(english[kind]) - (kind == "did"), kind
    topics = set(german["topics"])  # single words: most differ ("Lieferkette"), names stay ("SAP", "Design Thinking")
    assert len(topics - set(english["topics"])) > len(topics) * 3 // 4


@pytest.mark.parametrize("now", ["2026-11-26T09:00", "2027-03-01T09:00"])
def test_both_languages_give_the_same_network_and_agenda(store_url: str, now: str) -> None:
    with context_at(store_url, now) as en, context_at(store_url, now) as de:
        de.settings = replace(de.settings, lang="de")
        english, german = load(en), load(de)

        assert german == {**english, "notes": english["notes"] - 1}  # only the English copy of the did note
        assert shape(de) == shape(en)
        assert_every_practice(today(de))


def test_every_text_of_the_data_file_is_in_both_languages_or_the_same_in_both() -> None:
    def one_sided(value: object, path: str) -> Iterator[str]:
        if isinstance(value, dict):
            if value and set(value) <= {"en", "de"}:
                if set(value) != {"en", "de"}:
                    yield path
                return
            for key, item in value.items():
                yield from one_sided(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from one_sided(item, f"{path}[{index}]")

    data = demo.network()
    assert list(one_sided(data, "")) == [".person[0].note[1].text"]  # the English copy of Julia's did note
    assert demo.in_language(data, "de")["person"][0]["note"][1]["text"] is None
