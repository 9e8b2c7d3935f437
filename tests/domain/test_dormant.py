"""Dormant ties: who has gone quiet for two years, and whose reconnection is worth most."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.dormant import DORMANT_AFTER, dormant_since, reconnection_value
from rapport.domain.model import Channel, History, Initiator

from ._support import NOW, contact, history_of, touch

organisations = st.sampled_from(["", "Acme", "ACME", "Zürich Versicherung", "UBS"])


def last_touched(days_ago: float, channel: Channel = Channel.EMAIL) -> History:
    return history_of(touch(NOW - timedelta(days=days_ago), channel, Initiator.ME))


def test_ties_go_dormant_after_two_years() -> None:
    assert timedelta(days=730) == DORMANT_AFTER


def test_a_contact_never_in_touch_is_not_dormant() -> None:
    assert dormant_since(contact(created_at=NOW - timedelta(days=5000)), NOW) is None


def test_a_recent_contact_is_not_dormant() -> None:
    assert dormant_since(contact(history=last_touched(729)), NOW) is None


def test_a_contact_is_dormant_from_exactly_two_years_after_the_last_real_interaction() -> None:
    last = NOW - DORMANT_AFTER
    assert dormant_since(contact(history=last_touched(730)), NOW) == last
    assert dormant_since(contact(history=last_touched(2000)), NOW) == NOW - timedelta(days=2000)


def test_a_recent_like_does_not_keep_a_tie_awake() -> None:
    history = history_of(
        touch(NOW - timedelta(days=1000), Channel.CALL, Initiator.THEM),
        touch(NOW - timedelta(days=2), Channel.SOCIAL, Initiator.ME),
    )
    assert dormant_since(contact(history=history), NOW) == NOW - timedelta(days=1000)


def test_the_dormancy_threshold_can_be_configured() -> None:
    someone = contact(history=last_touched(400))
    assert dormant_since(someone, NOW, after=timedelta(days=365)) is not None
    assert dormant_since(someone, NOW) is None


@given(st.integers(0, 5000))
def test_dormant_since_is_the_last_real_interaction_once_the_threshold_is_reached(days_ago: int) -> None:
    found = dormant_since(contact(history=last_touched(days_ago)), NOW)
    assert found == (NOW - timedelta(days=days_ago) if days_ago >= 730 else None)


# --- reconnection_value -----------------------------------------------------------------------------------------


def test_the_most_valuable_reconnection_is_a_helpful_stranger_elsewhere() -> None:
    assert reconnection_value(contact(organisation="UBS", received=3), "Acme") == pytest.approx(1.0)


def test_the_least_valuable_reconnection_is_a_familiar_colleague_who_never_helped() -> None:
    familiar = contact(organisation="Acme", history=History(interaction_count=300))
    assert reconnection_value(familiar, "Acme") < 0.01


def test_little_shared_history_is_worth_more() -> None:
    little = contact(history=History(interaction_count=1))
    much = contact(history=History(interaction_count=30))
    assert reconnection_value(little) > reconnection_value(much)


def test_another_organisation_is_worth_more_than_my_own_whatever_the_spelling() -> None:
    colleague = contact(organisation="zurich  versicherung")
    outsider = contact(organisation="Swiss Re")
    mine = "Zürich Versicherung"
    assert reconnection_value(outsider, mine) > reconnection_value(colleague, mine)
    assert reconnection_value(outsider, mine) - reconnection_value(colleague, mine) == pytest.approx(0.2)


def test_without_my_organisation_everyone_counts_as_elsewhere() -> None:
    assert reconnection_value(contact(organisation="Acme")) == reconnection_value(contact(organisation="UBS"))


def test_favours_received_are_worth_more_up_to_three() -> None:
    values = [reconnection_value(contact(received=n)) for n in range(6)]
    assert values[0] < values[1] < values[2] < values[3] == values[4] == values[5]


def test_favours_i_gave_do_not_change_the_value() -> None:
    assert reconnection_value(contact(given=5)) == reconnection_value(contact())


@given(st.integers(0, 10_000), organisations, organisations, st.integers(0, 100), st.integers(0, 100))
def test_reconnection_value_is_between_0_and_1(shared: int, theirs: str, mine: str, received: int, given_: int) -> None:
    someone = contact(history=History(interaction_count=shared), organisation=theirs, received=received, given=given_)
    assert 0.0 <= reconnection_value(someone, mine) <= 1.0


@given(st.integers(0, 10_000), st.integers(0, 10_000), organisations, st.integers(0, 100))
def test_reconnection_value_falls_as_shared_history_grows(a: int, b: int, organisation: str, received: int) -> None:
    less, more = sorted((a, b))
    value = [
        reconnection_value(
            contact(history=History(interaction_count=n), organisation=organisation, received=received), "Acme"
        )
        for n in (less, more)
    ]
    assert value[0] >= value[1]
