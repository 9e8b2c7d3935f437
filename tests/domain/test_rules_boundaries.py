"""The agenda's rules at their edges: the day a rule starts to apply, ties, and the computer's own time zone.

Each test here was written against a change of the rules that the other tests let through (see
docs/mutation.md): it states the outcome the user sees at the edge where the wrong rule would differ.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo

import pytest

from rapport.domain.agenda import MEET_IN_PERSON_FROM, AgendaRules, agenda
from rapport.domain.dates import local_day
from rapport.domain.dormant import reconnection_value
from rapport.domain.model import (
    Action,
    ActionKind,
    Channel,
    ContactState,
    EventKind,
    History,
    Initiator,
    News,
    Occasion,
    YearlyDate,
)
from rapport.domain.strength import strength_at, strength_percent, with_interaction

from ._support import NOW, ZURICH, contact, history_of, touch, zurich

RULES = AgendaRules(zone=ZURICH)


def actions(
    contacts: list[ContactState],
    occasions: list[Occasion] | None = None,
    news: list[News] | None = None,
    now: datetime = NOW,
) -> list[Action]:
    return agenda(contacts, occasions or [], news or [], now, RULES)


def quiet(contact_id: int, **more: object) -> ContactState:
    """Someone with nothing to do today: they wrote two days ago."""
    history = history_of(touch(NOW - timedelta(days=2), Channel.EMAIL, Initiator.THEM))
    return contact(contact_id, circle="active", created_at=NOW - timedelta(days=100), history=history, **more)


def birthday(contact_id: int, on: date) -> Occasion:
    return Occasion(contact_id=contact_id, kind="birthday", label="", when=YearlyDate(on.month, on.day, 1990))


@pytest.fixture
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own clock six hours behind the user's (who lives in Zurich)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- whose day ----------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("machine_in_new_york")
def test_just_after_midnight_a_birthday_is_today_for_the_user_whatever_the_computers_zone() -> None:
    """00:30 in Zurich is still yesterday evening in New York: the birthday is today, not tomorrow."""
    now = zurich(2026, 11, 26, 0, 30)
    (found,) = actions([quiet(1)], [birthday(1, date(2026, 11, 26))], now=now)
    assert found.kind is ActionKind.CONGRATULATE
    assert (found.reason.facts["days"], found.due) == (0, now)


# --- when a congratulation is due ---------------------------------------------------------------------------------


def test_a_birthday_today_is_due_at_once_also_in_the_afternoon() -> None:
    afternoon = zurich(2026, 11, 26, 15)
    (found,) = actions([quiet(1)], [birthday(1, date(2026, 11, 26))], now=afternoon)
    assert found.due == afternoon


def test_a_birthday_tomorrow_is_due_tomorrow_morning() -> None:
    (found,) = actions([quiet(1)], [birthday(1, date(2026, 11, 27))])
    assert (found.reason.facts["days"], found.due) == (1, zurich(2026, 11, 27, 9))


def test_a_touch_dated_after_today_does_not_count_as_congratulating_for_tomorrow() -> None:
    """A future-dated touch (a wrong clock, an import) is not a congratulation for a day still to come."""
    history = history_of(touch(zurich(2026, 11, 28, 10), Channel.EMAIL, Initiator.ME))
    someone = contact(1, circle="active", created_at=NOW - timedelta(days=100), history=history)
    (found,) = actions([someone], [birthday(1, date(2026, 11, 27))])
    assert found.kind is ActionKind.CONGRATULATE


def test_a_birthday_and_news_equally_far_away_give_the_birthday() -> None:
    """The choice between two congratulations at the same distance is stable: the yearly date comes first."""
    news = News(contact_id=1, kind=EventKind.NEW_JOB, on=date(2026, 11, 24), text="CFO")
    (found,) = actions([quiet(1)], [birthday(1, date(2026, 11, 28))], [news])
    assert found.reason.code == "congratulate.birthday"


def test_a_congratulation_and_give_first_of_equal_value_give_the_congratulation() -> None:
    """News from two days ago and five favours owed weigh the same; the congratulation cannot wait."""
    news = News(contact_id=1, kind=EventKind.PROMOTION, on=date(2026, 11, 24))
    owing = quiet(1, received=5)
    (alone,) = actions([quiet(2, received=5)])
    (found,) = actions([owing], news=[news])
    assert found.kind is ActionKind.CONGRATULATE
    assert found.priority == alone.priority  # the tie is real: each alone is worth as much


# --- who is looked at ---------------------------------------------------------------------------------------------


def test_a_contact_in_a_circle_without_reminders_does_not_hide_the_next_ones() -> None:
    archived = contact(1, circle="archived", created_at=NOW - timedelta(days=900))
    rusting = contact(2, circle="core", created_at=NOW - timedelta(days=40))
    assert [a.contact_id for a in actions([archived, rusting])] == [2]


def test_a_dormant_tie_is_due_today() -> None:
    last = NOW - timedelta(days=1000)
    someone = contact(1, circle="wider", created_at=last, history=history_of(touch(last, Channel.CALL)))
    (found,) = actions([someone])
    assert (found.kind, found.due) == (ActionKind.RECONNECT, NOW)


# --- meeting in person --------------------------------------------------------------------------------------------


def test_a_tie_exactly_at_the_meet_in_person_strength_is_proposed_for_meeting() -> None:
    """A core contact first written to over a year ago, never met in person: strength just at the threshold."""
    history = history_of(
        touch(NOW - timedelta(days=400), Channel.EMAIL, Initiator.THEM),
        touch(NOW - timedelta(days=10), Channel.LINKEDIN, Initiator.THEM),
        touch(NOW - timedelta(hours=1), Channel.EMAIL, Initiator.ME),
        half_life_days=90,
    )
    assert strength_percent(strength_at(history, NOW, 90)) == MEET_IN_PERSON_FROM
    someone = contact(1, circle="core", created_at=NOW - timedelta(days=400), history=history)
    (found,) = actions([someone])
    assert found.kind is ActionKind.MEET
    assert found.reason.facts["strength"] == MEET_IN_PERSON_FROM


# --- what a dormant tie is worth ----------------------------------------------------------------------------------


def test_three_shared_interactions_halve_the_novelty_of_a_dormant_tie() -> None:
    """Novelty is what little history brings; the rest of the value (elsewhere, helped) stays the same."""

    def value(shared: int) -> float:
        history = History(interaction_count=shared)
        return reconnection_value(contact(1, organisation="UBS", received=1, history=history), "Acme")

    rest = value(10**12)  # a lifetime together: no novelty left
    assert value(3) - rest == pytest.approx((value(0) - rest) / 2)
    assert value(6) - rest == pytest.approx((value(0) - rest) / 3)


# --- moments ------------------------------------------------------------------------------------------------------


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: as good as none."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None


def test_a_moment_whose_zone_knows_no_offset_is_refused_like_one_without_a_zone() -> None:
    for moment in (datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 9, tzinfo=_NoOffset())):
        with pytest.raises(ValueError, match=r"^a moment needs a time zone$"):
            local_day(moment, ZURICH)


def test_a_second_meeting_noted_at_the_same_moment_does_not_move_where_we_met() -> None:
    at = zurich(2026, 11, 20, 18)
    first = with_interaction(History(), touch(at, Channel.IN_PERSON, place="Apero"), 90)
    again = with_interaction(first, touch(at, Channel.GROUP, place="Dinner"), 90)
    assert again.first_met_place == "Apero"


def test_a_birthday_in_five_days_comes_before_a_core_contact_three_rhythms_late() -> None:
    """Lateness raises a keep-in-touch only so far: it never overtakes a congratulation in the news window."""
    late = contact(
        1,
        name="Late Core",
        circle="core",
        created_at=NOW - timedelta(days=400),
        history=history_of(touch(NOW - timedelta(days=120), Channel.CALL)),
    )
    found = actions([late, quiet(2, name="Birthday Soon")], [birthday(2, date(2026, 12, 1))])
    assert [(a.contact_name, a.kind) for a in found] == [
        ("Birthday Soon", ActionKind.CONGRATULATE),
        ("Late Core", ActionKind.KEEP_IN_TOUCH),
    ]


def test_a_warm_tie_to_meet_comes_before_an_outer_circle_contact_just_due() -> None:
    """An outer circle (no bonus) just at its rhythm weighs less than a strong online tie worth meeting."""
    online = history_of(
        touch(NOW - timedelta(days=400), Channel.EMAIL, Initiator.THEM),
        *(touch(NOW - timedelta(days=d), Channel.VIDEO, Initiator.ME) for d in (1, 2, 3, 4)),
        touch(NOW - timedelta(days=5), Channel.EMAIL, Initiator.ME),
        half_life_days=90,
    )
    mia = contact(1, name="Mia Online", circle="core", created_at=NOW - timedelta(days=400), history=online)
    year_ago = history_of(touch(NOW - timedelta(days=365), Channel.LINKEDIN, Initiator.ME), half_life_days=365)
    walter = contact(2, name="Walter Wider", circle="wider", created_at=NOW - timedelta(days=900), history=year_ago)
    found = actions([walter, mia])
    assert [(a.contact_name, a.kind) for a in found] == [
        ("Mia Online", ActionKind.MEET),
        ("Walter Wider", ActionKind.KEEP_IN_TOUCH),
    ]
