"""The drawing of the circles: every dot inside the picture and on its ring, people before free places, never two
dots on top of each other; the colour bands in order of time; the numbers typed on Settings read as the command
line reads them."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.errors import InputError
from rapport.i18n import Translator
from rapport.web import rings
from rapport.web.routes.settings import _days

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
ORDER = [name for name, _most in rings.BANDS] + [rings.NEVER]


def _people(circle: str, ages: list[int | None]) -> list[dict[str, object]]:
    return [
        {
            "id": i,
            "name": f"P{i}",
            "circle": circle,
            "last_real_at": None if age is None else NOW - timedelta(days=age),
            "rusting": False,
        }
        for i, age in enumerate(ages)
    ]


@given(st.integers(min_value=0, max_value=40_000), st.integers(min_value=0, max_value=40_000))
def test_a_longer_time_without_contact_is_never_a_more_recent_colour(a: int, b: int) -> None:
    first, second = sorted((a, b))
    newer = rings.band(NOW - timedelta(days=first), NOW)
    older = rings.band(NOW - timedelta(days=second), NOW)
    assert ORDER.index(newer) <= ORDER.index(older) < ORDER.index(rings.NEVER)


def test_the_bands_change_at_30_90_and_365_days() -> None:
    assert [rings.band(NOW - timedelta(days=d), NOW) for d in (30, 31, 90, 91, 365, 366)] == [
        "month", "quarter", "quarter", "year", "year", "longer",
    ]  # fmt: skip
    assert rings.band(None, NOW) == "never"


@given(
    st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=3000)), max_size=450),
    st.one_of(st.none(), st.integers(min_value=1, max_value=1_000_000)),
    st.integers(min_value=1, max_value=6),
)
def test_every_dot_sits_on_its_ring_inside_the_picture_and_apart(
    ages: list[int | None], capacity: int | None, circles: int
) -> None:
    overview = [
        {"name": f"c{i}", "capacity": capacity, "members": len(ages), "rusting": 0, "cadence_days": 30}
        for i in range(circles)
    ] + [{"name": "archived", "capacity": None, "members": 0, "rusting": 0, "cadence_days": None}]
    drawn = rings.rings(overview, _people("c0", ages), NOW)
    assert [r.name for r in drawn] == [f"c{i}" for i in range(circles)]  # the archive is no ring
    radii = [r.radius for r in drawn]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    first = drawn[0]
    people = [d for d in first.dots if d.person is not None]
    assert len(people) == min(len(ages), rings.MOST_DOTS) and first.more == len(ages) - len(people)
    assert first.dots[: len(people)] == people  # the people first, then the free places
    free = len(first.dots) - len(people)
    assert free <= max(0, (capacity or 0) - len(people))
    for ring in drawn:
        for dot in ring.dots:
            assert dot.r <= dot.x <= rings.SIZE - dot.r and dot.r <= dot.y <= rings.SIZE - dot.r
            assert math.isclose(math.hypot(dot.x - rings.SIZE / 2, dot.y - rings.SIZE / 2), ring.radius, abs_tol=0.2)
        for a, b in zip(ring.dots, ring.dots[1:], strict=False):
            assert math.hypot(a.x - b.x, a.y - b.y) >= 0.4  # even 400 on the innermost ring stand apart


def test_free_places_are_drawn_while_they_stay_visible() -> None:
    overview = [{"name": "core", "capacity": 20, "members": 11, "rusting": 0, "cadence_days": 30}]
    (core,) = rings.rings(overview, _people("core", [1] * 11), NOW)
    assert len(core.dots) == 20 and sum(d.person is None for d in core.dots) == 9
    overview = [{"name": "active", "capacity": 150, "members": 17, "rusting": 0, "cadence_days": 90}]
    (active,) = rings.rings(overview, _people("active", [1] * 17), NOW)
    assert len(active.dots) == 17  # 150 places would be specks: the label counts them instead


@given(st.text(max_size=12))
def test_a_number_typed_on_settings_is_a_whole_number_or_one_refusal(typed: str) -> None:
    t = Translator("de", UTC)
    try:
        value = _days(t, typed, "--capacity")
    except InputError as exc:
        assert exc.code == "web.settings.not_a_number" and exc.facts["field"] == "Plätze"
        return
    if typed.strip() == "":
        assert value is None
    else:
        assert value == int(typed.strip()) and value >= 0 and typed.strip().isascii()


@pytest.mark.parametrize("typed", ["٣", "1e3", "3.0", "+3", "0x10", "1 000", "１２"])
def test_what_is_not_plainly_a_whole_number_is_refused(typed: str) -> None:
    with pytest.raises(InputError):
        _days(Translator("en", UTC), typed, "--cadence")
