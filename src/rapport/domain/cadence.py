"""Circles and cadence: a small circle I really know, each member heard from at the circle's rhythm."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapport.domain.model import Circle, ContactState


@dataclass(frozen=True, slots=True)
class Rust:
    """A contact whose last real interaction is older than the circle's cadence."""

    since: datetime  # the last real interaction, or when the contact was added
    due: datetime  # when the next touch was due
    never: bool  # no real interaction yet

    def days_over(self, now: datetime) -> float:
        return (now - self.due).total_seconds() / 86400.0


def circle_named(circles: Sequence[Circle], name: str) -> Circle | None:
    for circle in circles:
        if circle.name == name:
            return circle
    return None


def rusting(contact: ContactState, circle: Circle, now: datetime) -> Rust | None:
    """Whether the contact is overdue for a touch. The rhythm restarts at every real interaction."""
    if circle.cadence_days is None:
        return None
    last = contact.history.last_real_at
    since = last if last is not None else contact.created_at
    due = since + timedelta(days=circle.cadence_days)
    if now < due:
        return None
    return Rust(since=since, due=due, never=last is None)


@dataclass(frozen=True, slots=True)
class Crowding:
    """A circle that is full: who could make room."""

    circle: Circle
    members: int
    least_active: tuple[ContactState, ...]


def crowding(circle: Circle, members: Iterable[ContactState], now: datetime, suggest: int = 3) -> Crowding | None:
    """None when one more fits; otherwise the circle with its least active members (weakest first)."""
    if circle.capacity is None:
        return None
    current = list(members)
    if len(current) < circle.capacity:
        return None
    from rapport.domain.strength import strength_at

    weakest = sorted(
        current,
        key=lambda c: (strength_at(c.history, now, circle.half_life_days), c.history.last_real_at or c.created_at),
    )
    return Crowding(circle=circle, members=len(current), least_active=tuple(weakest[:suggest]))
