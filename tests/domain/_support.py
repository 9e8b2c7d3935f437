"""Shared builders and hypothesis strategies for the domain tests (plain functions, no fixtures)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from rapport.domain.model import Channel, ContactState, History, Initiator, Interaction

ZURICH = ZoneInfo("Europe/Zurich")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # moves by 30 minutes
ZONES: tuple[tzinfo, ...] = (
    UTC,
    ZURICH,
    NEW_YORK,
    LORD_HOWE,
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("America/St_Johns"),
    ZoneInfo("Pacific/Chatham"),
)

# Instants (UTC) at which a zone changes to or from daylight saving time.
DST_CHANGES: tuple[tuple[ZoneInfo, datetime], ...] = (
    (ZURICH, datetime(2025, 3, 30, 1, tzinfo=UTC)),
    (ZURICH, datetime(2025, 10, 26, 1, tzinfo=UTC)),
    (ZURICH, datetime(2026, 3, 29, 1, tzinfo=UTC)),
    (ZURICH, datetime(2026, 10, 25, 1, tzinfo=UTC)),
    (NEW_YORK, datetime(2025, 3, 9, 7, tzinfo=UTC)),
    (NEW_YORK, datetime(2025, 11, 2, 6, tzinfo=UTC)),
    (NEW_YORK, datetime(2026, 3, 8, 7, tzinfo=UTC)),
    (NEW_YORK, datetime(2026, 11, 1, 6, tzinfo=UTC)),
)

# Thursday 26 November 2026, 09:00 in Zurich.
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZURICH)


def zurich(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZURICH)


def utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def touch(
    when: datetime,
    channel: Channel = Channel.EMAIL,
    initiator: Initiator = Initiator.ME,
    place: str = "",
    summary: str = "",
) -> Interaction:
    return Interaction(occurred_at=when, channel=channel, initiator=initiator, summary=summary, place=place)


def history_of(*interactions: Interaction, half_life_days: float = 90) -> History:
    from rapport.domain.strength import summarise

    return summarise(list(interactions), half_life_days)


def contact(
    contact_id: int = 1,
    name: str = "",
    circle: str = "core",
    created_at: datetime = NOW - timedelta(days=3),
    history: History | None = None,
    **more: object,
) -> ContactState:
    return ContactState(
        id=contact_id,
        name=name or f"Contact {contact_id}",
        circle=circle,
        created_at=created_at,
        history=history if history is not None else History(),
        **more,
    )


def normalised(history: History) -> tuple[object, ...]:
    """A history's fields with every moment in UTC, so that equal instants in other zones compare equal."""
    return (
        history.interaction_count,
        history.in_person_count,
        utc(history.first_met_at),
        history.first_met_place,
        utc(history.last_touch_at),
        utc(history.last_real_at),
        utc(history.last_mine_at),
        utc(history.first_real_at),
        utc(history.last_in_person_at),
        utc(history.strength_at),
    )


# --- strategies -------------------------------------------------------------------------------------------------

zones = st.sampled_from(ZONES)
instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC))
near_dst_changes = st.builds(
    lambda change, minutes: change[1] + timedelta(minutes=minutes),
    st.sampled_from(DST_CHANGES),
    st.integers(min_value=-5 * 24 * 60, max_value=2 * 24 * 60),
)
# Aware moments in many zones, with many of them a few days around a change of daylight saving time.
moments = st.builds(lambda instant, zone: instant.astimezone(zone), st.one_of(instants, near_dst_changes), zones)
days = st.dates(min_value=date(1904, 1, 1), max_value=date(2096, 12, 31))
channels = st.sampled_from(list(Channel))
initiators = st.sampled_from(list(Initiator))


def plus(moment: datetime, **duration: float) -> datetime:
    """`moment` moved by an absolute duration, in its own zone (plain `+` moves the wall clock)."""
    return (moment.astimezone(UTC) + timedelta(**duration)).astimezone(moment.tzinfo)
