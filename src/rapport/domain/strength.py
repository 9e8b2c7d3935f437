"""Relationship strength: interactions add weight that halves after a circle's half-life.

The score is kept as a running summary (score, as-of moment), so the agenda never replays the history:
adding an interaction, in any order, gives the same result as summing over all of them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime

from rapport.domain.dates import elapsed, instant
from rapport.domain.model import Channel, History, Initiator, Interaction


def decay(score: float, since: datetime, until: datetime, half_life_days: float) -> float:
    """The score of `since` seen from `until` (later or earlier: an earlier view grows it back)."""
    days = elapsed(since, until).total_seconds() / 86400.0
    return score * math.pow(0.5, days / half_life_days)


def strength_at(history: History, now: datetime, half_life_days: float) -> float:
    """The decayed score at `now` (never grown beyond what it was at its as-of moment)."""
    if history.strength_at is None:
        return 0.0
    seconds = (instant(now) - instant(history.strength_at)).total_seconds()
    if seconds <= 0:
        return history.strength
    return history.strength * math.pow(0.5, seconds / 86400.0 / half_life_days)


def strength_percent(score: float) -> int:
    """A 0–100 reading of a score: one fresh in-person meeting is about 45, a close tie near 100."""
    return round(100 * (1 - math.exp(-score / 5.0)))


def with_interaction(history: History, interaction: Interaction, half_life_days: float) -> History:
    """The summary after one more interaction; the order in which interactions arrive does not matter."""
    when = interaction.occurred_at
    channel = interaction.channel
    score, as_of = history.strength, history.strength_at
    if as_of is None:
        score, as_of = channel.weight, when
    elif instant(when) >= instant(as_of):
        score, as_of = decay(score, as_of, when, half_life_days) + channel.weight, when
    else:
        score = score + decay(channel.weight, when, as_of, half_life_days)

    first_met_at, first_met_place = history.first_met_at, history.first_met_place
    if channel.in_person and (first_met_at is None or instant(when) < instant(first_met_at)):
        first_met_at, first_met_place = when, interaction.place or interaction.summary

    mine = channel.personal and interaction.initiator is Initiator.ME
    return History(
        interaction_count=history.interaction_count + 1,
        in_person_count=history.in_person_count + (1 if channel.in_person else 0),
        first_met_at=first_met_at,
        first_met_place=first_met_place,
        last_touch_at=_latest(history.last_touch_at, when),
        last_real_at=_latest(history.last_real_at, when) if channel.personal else history.last_real_at,
        last_mine_at=_latest(history.last_mine_at, when) if mine else history.last_mine_at,
        first_real_at=_earliest(history.first_real_at, when) if channel.personal else history.first_real_at,
        last_in_person_at=_latest(history.last_in_person_at, when) if channel.in_person else history.last_in_person_at,
        strength=score,
        strength_at=as_of,
    )


def summarise(interactions: list[Interaction], half_life_days: float) -> History:
    """The summary of a whole history, as `with_interaction` would build it one by one."""
    history = History()
    for interaction in sorted(interactions, key=lambda i: instant(i.occurred_at)):
        history = with_interaction(history, interaction, half_life_days)
    return history


def strength_series(
    interactions: Iterable[Interaction], moments: Sequence[datetime], half_life_days: float
) -> list[int]:
    """The 0–100 strength at each of `moments` (oldest first), as the running summary stood then: the interactions
    up to that moment added one by one, decayed to it — the same rule as the score of today."""
    ordered = sorted(interactions, key=lambda i: instant(i.occurred_at))
    history, taken, series = History(), 0, []
    for moment in sorted(moments, key=instant):
        while taken < len(ordered) and instant(ordered[taken].occurred_at) <= instant(moment):
            history = with_interaction(history, ordered[taken], half_life_days)
            taken += 1
        series.append(strength_percent(strength_at(history, moment, half_life_days)))
    return series


def _earliest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or instant(candidate) < instant(current) else current


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or instant(candidate) > instant(current) else current


__all__ = ["Channel", "decay", "strength_at", "strength_percent", "strength_series", "summarise", "with_interaction"]
