"""The circles drawn as rings: where each person's dot goes, and which colour says how recently you were in touch.

Only drawing is decided here. Who is in which circle, its capacity and who is rusting come from the services
(`people.circles_overview`, `people.listing`), as `rapport circles` and `rapport list --rusting` show them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapport.domain.model import ARCHIVED

SIZE = 400  # the drawing's viewBox is SIZE × SIZE, the rings around its centre
INNER, OUTER = 48.0, 182.0  # radius of the innermost and the outermost ring
GAP = math.radians(34)  # left free at the top of each ring for its name
MOST_DOTS = 400  # per ring; the others are counted ("and 120 more"), and listed on Contacts
SMALLEST_PLACE = 3.5  # free places are drawn one by one only while their dots stay at least this large
# how recently you were in touch: at most this many days ago (None: longer); never is its own band
BANDS: tuple[tuple[str, int | None], ...] = (("month", 30), ("quarter", 90), ("year", 365), ("longer", None))
NEVER = "never"


def band(last: datetime | None, now: datetime) -> str:
    """The colour band of a last personal contact at `last` (None: never)."""
    if last is None:
        return NEVER
    days = (now - last).total_seconds() / 86_400
    return next(name for name, most in BANDS if most is None or days <= most)


@dataclass
class Dot:
    x: float
    y: float
    r: float
    person: dict[str, Any] | None  # None: a free place (the circle's capacity not yet used)
    band: str = NEVER


@dataclass
class Ring:
    name: str
    radius: float
    capacity: int | None
    members: int
    rusting: int
    cadence_days: int | None
    people: list[dict[str, Any]]  # by most recent contact first, each with its "band"
    dots: list[Dot] = field(default_factory=list)
    more: int = 0  # people not drawn (beyond MOST_DOTS)

    @property
    def label_y(self) -> float:
        return SIZE / 2 - self.radius + 4


def rings(overview: list[dict[str, Any]], people: list[dict[str, Any]], now: datetime) -> list[Ring]:
    """One ring per circle that is not the archive, the innermost first (the order of the circles)."""
    shown = [c for c in overview if c["name"] != ARCHIVED]
    found: list[Ring] = []
    for i, circle in enumerate(shown):
        radius = (INNER + OUTER) / 2 if len(shown) == 1 else INNER + i * (OUTER - INNER) / (len(shown) - 1)
        members = [{**p, "band": band(p["last_real_at"], now)} for p in people if p["circle"] == circle["name"]]
        members.sort(key=lambda p: (p["last_real_at"] is None, -(p["last_real_at"] or now).timestamp(), p["name"]))
        ring = Ring(
            circle["name"],
            radius,
            circle["capacity"],
            circle["members"],
            circle["rusting"],
            circle["cadence_days"],
            members,
        )
        drawn = members[:MOST_DOTS]
        ring.more = len(members) - len(drawn)
        places = min(MOST_DOTS, max(len(drawn), circle["capacity"] or 0))
        if places > len(drawn) and _dot_size(radius, places) < SMALLEST_PLACE:
            places = len(drawn)  # too many free places to draw: the people spread round the ring, the label counts
        ring.dots = _place(radius, drawn, places)
        found.append(ring)
    return found


def _dot_size(radius: float, places: int) -> float:
    return max(1.6, min(7.0, radius * (2 * math.pi - GAP) / places * 0.42))


def _place(radius: float, people: list[dict[str, Any]], places: int) -> list[Dot]:
    """`places` evenly along the ring (but the gap at the top), the people first, then the free places."""
    if places == 0:
        return []
    step = (2 * math.pi - GAP) / places
    dot = _dot_size(radius, places)
    dots = []
    for k in range(places):
        angle = -math.pi / 2 + GAP / 2 + step * (k + 0.5)
        x = SIZE / 2 + radius * math.cos(angle)
        y = SIZE / 2 + radius * math.sin(angle)
        person = people[k] if k < len(people) else None
        dots.append(Dot(round(x, 1), round(y, 1), round(dot, 1), person, person["band"] if person else NEVER))
    return dots
