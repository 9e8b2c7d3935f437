"""Relationship strength: weighted interactions that halve after a half-life, summarised in any order."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import CHANNEL_WEIGHTS, Channel, History, Initiator, Interaction
from rapport.domain.strength import decay, strength_at, strength_percent, summarise, with_interaction

from ._support import NEW_YORK, ZURICH, channels, history_of, initiators, moments, normalised, plus, touch, utc, zurich

scores = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
positive_scores = st.floats(min_value=1e-3, max_value=1e6)  # far from subnormal numbers after 40 years of decay
half_lives = st.sampled_from([30, 90, 180, 365])


@st.composite
def interaction_lists(draw: st.DrawFn) -> list[Interaction]:
    """Interactions at distinct instants (in any zones), in a random order."""
    start = draw(moments)
    offsets = draw(st.lists(st.integers(min_value=-400 * 24 * 60, max_value=400 * 24 * 60), max_size=12, unique=True))
    return [
        touch(
            plus(start, minutes=offset).astimezone(draw(st.sampled_from([ZURICH, NEW_YORK, UTC]))),
            draw(channels),
            draw(initiators),
            place=draw(st.sampled_from(["", "Zurich", "Bern"])),
        )
        for offset in offsets
    ]


# --- channels ---------------------------------------------------------------------------------------------------


def test_in_person_weighs_more_than_email_which_weighs_more_than_a_social_reaction() -> None:
    assert Channel.IN_PERSON.weight > Channel.EMAIL.weight > Channel.SOCIAL.weight
    assert Channel.IN_PERSON.weight == max(CHANNEL_WEIGHTS.values())
    assert Channel.SOCIAL.weight == min(CHANNEL_WEIGHTS.values())
    assert set(CHANNEL_WEIGHTS) == set(Channel)


def test_only_in_person_and_group_meetings_are_in_person_and_only_social_is_impersonal() -> None:
    assert {c for c in Channel if c.in_person} == {Channel.IN_PERSON, Channel.GROUP}
    assert {c for c in Channel if not c.personal} == {Channel.SOCIAL}


def test_an_in_person_meeting_builds_a_stronger_tie_than_an_email_or_a_like() -> None:
    when, now = zurich(2026, 11, 1, 12), zurich(2026, 11, 26, 9)
    met, mailed, liked = (
        history_of(touch(when, channel)) for channel in (Channel.IN_PERSON, Channel.EMAIL, Channel.SOCIAL)
    )
    assert strength_at(met, now, 90) > strength_at(mailed, now, 90) > strength_at(liked, now, 90) > 0


# --- decay ------------------------------------------------------------------------------------------------------


@given(scores, moments, half_lives)
def test_a_score_halves_after_one_half_life(score: float, since: datetime, half_life: int) -> None:
    assert decay(score, since, plus(since, days=half_life), half_life) == pytest.approx(score / 2)
    assert decay(score, since, plus(since, days=2 * half_life), half_life) == pytest.approx(score / 4)
    assert decay(score, since, since, half_life) == score


@given(scores, moments, half_lives)
def test_an_earlier_view_grows_the_score_back(score: float, since: datetime, half_life: int) -> None:
    assert decay(score, since, plus(since, days=-half_life), half_life) == pytest.approx(2 * score)


@given(positive_scores, moments, moments, moments, half_lives)
def test_decaying_in_two_steps_equals_decaying_at_once(
    score: float, first: datetime, second: datetime, third: datetime, half_life: int
) -> None:
    in_two = decay(decay(score, first, second, half_life), second, third, half_life)
    assert in_two == pytest.approx(decay(score, first, third, half_life), rel=1e-9)


def test_decay_counts_absolute_time_across_a_change_of_daylight_saving_time() -> None:
    # Saturday 12:00 to Sunday 12:00 at the end of March is 23 hours in Zurich.
    assert decay(1.0, zurich(2026, 3, 28, 12), zurich(2026, 3, 29, 12), 1) == pytest.approx(0.5 ** (23 / 24))


@given(scores.filter(lambda s: s > 0), moments, st.integers(1, 1000), st.integers(1, 1000), half_lives)
def test_a_score_only_fades_as_time_goes_on(score: float, since: datetime, a: int, b: int, half_life: int) -> None:
    sooner, later = sorted((a, b))
    assert decay(score, since, plus(since, hours=sooner), half_life) >= decay(
        score, since, plus(since, hours=later), half_life
    )


# --- strength_at ------------------------------------------------------------------------------------------------


def test_strength_is_zero_without_interactions() -> None:
    assert strength_at(History(), zurich(2026, 11, 26), 90) == 0.0


def test_strength_is_the_decayed_score_later_on() -> None:
    met = zurich(2026, 8, 28, 9)
    history = history_of(touch(met, Channel.IN_PERSON))
    assert strength_at(history, plus(met, days=90), 90) == pytest.approx(1.5)
    # 90 calendar days later in Zurich is one hour more, as the clocks went back in October.
    assert strength_at(history, zurich(2026, 11, 26, 9), 90) == pytest.approx(1.5 * 0.5 ** (1 / 24 / 90))


def test_strength_is_never_grown_beyond_its_as_of_score() -> None:
    history = history_of(touch(zurich(2026, 11, 26, 9), Channel.IN_PERSON))
    assert strength_at(history, zurich(2026, 11, 26, 9), 90) == 3.0
    assert strength_at(history, zurich(2026, 1, 1), 90) == 3.0


# --- with_interaction / summarise ------------------------------------------------------------------------------


def test_the_first_interaction_sets_the_score_to_its_weight_and_every_last_moment() -> None:
    when = zurich(2026, 11, 24, 19)
    history = with_interaction(History(), touch(when, Channel.IN_PERSON, Initiator.THEM, place="Kaufleuten"), 90)
    assert history == History(
        interaction_count=1,
        in_person_count=1,
        first_met_at=when,
        first_met_place="Kaufleuten",
        last_touch_at=when,
        last_real_at=when,
        last_mine_at=None,
        first_real_at=when,
        last_in_person_at=when,
        strength=3.0,
        strength_at=when,
    )


def test_a_later_interaction_adds_its_weight_to_the_decayed_score() -> None:
    first, second = zurich(2026, 1, 1, 12), zurich(2026, 4, 1, 12)
    history = history_of(touch(first, Channel.IN_PERSON), touch(second, Channel.EMAIL))
    assert history.strength_at == second
    assert history.strength == pytest.approx(3.0 * 0.5 ** ((second.timestamp() - first.timestamp()) / 86400 / 90) + 1.0)


def test_an_older_interaction_arriving_late_adds_its_decayed_weight_without_moving_the_as_of_moment() -> None:
    recent, old = zurich(2026, 11, 1, 12), plus(zurich(2026, 11, 1, 12), days=-90)
    history = with_interaction(history_of(touch(recent, Channel.EMAIL)), touch(old, Channel.IN_PERSON), 90)
    assert history.strength_at == recent
    assert history.strength == pytest.approx(1.0 + 1.5)
    assert history.last_touch_at == recent


def test_a_social_reaction_touches_but_is_not_a_real_interaction() -> None:
    when = zurich(2026, 11, 20, 9)
    history = history_of(touch(when, Channel.SOCIAL, Initiator.ME))
    assert history.last_touch_at == when
    assert history.last_real_at is None
    assert history.last_mine_at is None
    assert history.interaction_count == 1


def test_last_mine_counts_only_personal_touches_i_initiated() -> None:
    mine, theirs, like = zurich(2026, 11, 1), zurich(2026, 11, 10), zurich(2026, 11, 20)
    history = history_of(
        touch(mine, Channel.CALL, Initiator.ME),
        touch(theirs, Channel.EMAIL, Initiator.THEM),
        touch(like, Channel.SOCIAL, Initiator.ME),
    )
    assert history.last_mine_at == mine
    assert history.last_real_at == theirs
    assert history.last_touch_at == like


def test_the_first_meeting_is_the_earliest_in_person_one_whatever_the_order() -> None:
    early, late = zurich(2026, 5, 1, 19), zurich(2026, 6, 1, 19)
    history = history_of(touch(late, Channel.GROUP, place="Later"))
    history = with_interaction(history, touch(early, Channel.IN_PERSON, place="Earlier"), 90)
    assert (history.first_met_at, history.first_met_place) == (early, "Earlier")
    assert history.in_person_count == 2


def test_interactions_in_the_repeated_autumn_hour_are_ordered_by_absolute_time() -> None:
    # 02:30 summer time comes before 02:10 winter time on 25 October 2026 in Zurich.
    summer = datetime(2026, 10, 25, 2, 30, tzinfo=ZURICH)
    winter = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=ZURICH)
    assert summer.astimezone(UTC) < winter.astimezone(UTC)
    items = [touch(winter, Channel.EMAIL, Initiator.ME), touch(summer, Channel.IN_PERSON, Initiator.THEM)]
    for history in (summarise(items, 90), history_of(*reversed(items))):
        assert utc(history.last_touch_at) == utc(winter)
        assert utc(history.last_mine_at) == utc(winter)
        assert utc(history.strength_at) == utc(winter)
        assert utc(history.first_met_at) == utc(summer)
        assert history.strength == pytest.approx(3.0 * 0.5 ** (40 / 60 / 24 / 90) + 1.0)


def test_summarise_of_nothing_is_an_empty_history() -> None:
    assert summarise([], 90) == History()


def test_summarise_is_order_independent_across_zones_regression() -> None:
    # Moments in two zones with a change of daylight saving time in between: durations must be absolute.
    items = [
        touch(zurich(2026, 3, 1, 12)),
        touch(datetime(2026, 3, 20, 12, tzinfo=NEW_YORK)),
        touch(zurich(2026, 4, 1, 12)),
    ]
    expected = summarise(items, 90).strength
    for order in ([0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]):
        history = History()
        for i in order:
            history = with_interaction(history, items[i], 90)
        assert history.strength == pytest.approx(expected, rel=1e-12)


@given(interaction_lists(), st.randoms(use_true_random=False), half_lives)
def test_adding_interactions_in_any_order_gives_the_summary(
    interactions: list[Interaction], random: Random, half_life: int
) -> None:
    shuffled = list(interactions)
    random.shuffle(shuffled)
    history = History()
    for interaction in shuffled:
        history = with_interaction(history, interaction, half_life)
    expected = summarise(interactions, half_life)
    assert normalised(history) == normalised(expected)
    assert history.strength == pytest.approx(expected.strength, rel=1e-9)


@given(interaction_lists(), half_lives)
def test_the_summary_counts_and_dates_match_the_interactions(interactions: list[Interaction], half_life: int) -> None:
    history = summarise(interactions, half_life)
    in_person = [i for i in interactions if i.channel.in_person]
    personal = [i for i in interactions if i.channel.personal]
    mine = [i for i in personal if i.initiator is Initiator.ME]

    def latest(items: list[Interaction]) -> datetime | None:
        return max((i.occurred_at for i in items), default=None)

    assert history.interaction_count == len(interactions)
    assert history.in_person_count == len(in_person)
    assert history.first_met_at == min((i.occurred_at for i in in_person), default=None)
    assert history.last_touch_at == latest(interactions)
    assert history.last_real_at == latest(personal)
    assert history.last_mine_at == latest(mine)
    assert history.first_real_at == min((i.occurred_at for i in personal), default=None)
    assert history.last_in_person_at == latest(in_person)
    assert history.strength_at == latest(interactions)
    if interactions:
        as_of = latest(interactions)
        assert as_of is not None
        direct = sum(decay(i.channel.weight, i.occurred_at, as_of, half_life) for i in interactions)
        assert history.strength == pytest.approx(direct, rel=1e-9)
    else:
        assert history.strength == 0.0


# --- strength_percent -------------------------------------------------------------------------------------------


def test_strength_percent_reads_nothing_as_zero_and_one_fresh_meeting_as_about_45() -> None:
    assert strength_percent(0.0) == 0
    assert strength_percent(Channel.IN_PERSON.weight) == 45
    assert strength_percent(50.0) == 100


@given(scores)
def test_strength_percent_stays_between_0_and_100(score: float) -> None:
    assert 0 <= strength_percent(score) <= 100


@given(scores, scores)
def test_strength_percent_never_drops_when_the_score_grows(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert strength_percent(low) <= strength_percent(high)


def test_strength_percent_is_a_whole_number() -> None:
    assert isinstance(strength_percent(math.pi), int)


@given(moments, st.integers(1, 20))
def test_more_interactions_never_weaken_a_tie(start: datetime, count: int) -> None:
    items = [touch(plus(start, days=7 * n), Channel.EMAIL) for n in range(count)]
    now = plus(start, days=7 * count)
    weaker = strength_at(summarise(items[:-1], 90), now, 90)
    stronger = strength_at(summarise(items, 90), now, 90)
    assert stronger > weaker


# --- strength over time (the contact page's chart) ------------------------------------------------------------


@given(
    interaction_lists(),
    st.lists(st.integers(min_value=-500 * 24 * 60, max_value=500 * 24 * 60), min_size=1, max_size=8),
    half_lives,
)
def test_the_series_is_the_summary_of_each_moment_decayed_to_it(
    interactions: list[Interaction], offsets: list[int], half_life: int
) -> None:
    """Each point is what the running summary said at that moment: the interactions up to it, nothing later."""
    from rapport.domain.dates import instant
    from rapport.domain.strength import strength_series

    base = interactions[0].occurred_at if interactions else zurich(2026, 11, 26, 9)
    points = sorted((plus(base, minutes=o) for o in offsets), key=instant)
    series = strength_series(interactions, points, half_life)
    assert len(series) == len(points)
    for moment, value in zip(points, series, strict=True):
        upto = [i for i in interactions if instant(i.occurred_at) <= instant(moment)]
        assert value == strength_percent(strength_at(summarise(upto, half_life), moment, half_life))


def test_the_series_jumps_at_a_meeting_and_fades_after() -> None:
    from rapport.domain.strength import strength_series

    met = zurich(2026, 3, 1, 12)
    points = [zurich(2026, 2, 1, 12), zurich(2026, 3, 1, 12), zurich(2026, 6, 1, 12), zurich(2026, 11, 1, 12)]
    before, at, later, much_later = strength_series([touch(met, Channel.IN_PERSON)], points, 90)
    assert before == 0 and at == strength_percent(Channel.IN_PERSON.weight)
    assert at > later > much_later > 0
