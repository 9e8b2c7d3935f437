"""The things rapport reasons about: contacts, interactions, favours, events, circles, actions.

Pure data: frozen dataclasses and enums, standard library only. Times are timezone-aware datetimes;
calendar facts (birthdays, career news) are plain dates in the user's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Channel(StrEnum):
    """How an interaction happened."""

    IN_PERSON = "in-person"
    GROUP = "group"
    VIDEO = "video"
    CALL = "call"
    EMAIL = "email"
    LINKEDIN = "linkedin"
    XING = "xing"
    MESSAGE = "message"
    SOCIAL = "social"

    @property
    def weight(self) -> float:
        """How much one interaction on this channel adds to the relationship's strength."""
        return CHANNEL_WEIGHTS[self]

    @property
    def in_person(self) -> bool:
        """True when both people were in the same room."""
        return self in (Channel.IN_PERSON, Channel.GROUP)

    @property
    def personal(self) -> bool:
        """A personal touch: everything but a social reaction (a like or a comment)."""
        return self is not Channel.SOCIAL


# In-person meetings build relationships; virtual touches keep you on the radar; a like barely counts.
CHANNEL_WEIGHTS: dict[Channel, float] = {
    Channel.IN_PERSON: 3.0,
    Channel.GROUP: 2.0,
    Channel.VIDEO: 1.5,
    Channel.CALL: 1.5,
    Channel.EMAIL: 1.0,
    Channel.LINKEDIN: 0.8,
    Channel.XING: 0.8,
    Channel.MESSAGE: 0.8,
    Channel.SOCIAL: 0.25,
}


class Initiator(StrEnum):
    ME = "me"
    THEM = "them"


class Direction(StrEnum):
    """Which way a favour went; an ask is something I requested and have not received yet."""

    GIVEN = "given"
    RECEIVED = "received"
    ASKED = "asked"


class FavourKind(StrEnum):
    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    ADVICE = "advice"
    INFORMATION = "information"
    CONGRATULATION = "congratulation"
    HELP = "help"
    JOB_LEAD = "job-lead"
    OTHER = "other"


class EventKind(StrEnum):
    """Life and career news worth reacting to."""

    BIRTHDAY = "birthday"
    WORK_ANNIVERSARY = "work-anniversary"
    PROMOTION = "promotion"
    NEW_JOB = "new-job"
    MEDIA = "media"
    OTHER = "other"


class ActionKind(StrEnum):
    """What the agenda proposes; the order is the tie-break order in the agenda."""

    FOLLOW_UP = "follow-up"
    PLANNED = "planned-meeting"  # a meeting I planned (`rapport meet`): on its day, and asking after it
    CONGRATULATE = "congratulate"
    GIVE = "give-first"
    KEEP_IN_TOUCH = "keep-in-touch"
    MEET = "meet-in-person"
    RECONNECT = "reconnect"


@dataclass(frozen=True, slots=True)
class Circle:
    """A layer of the network: how often its members should hear from me and how many fit in it."""

    name: str
    cadence_days: int | None  # None: no reminders (archived)
    capacity: int | None  # None: unlimited
    half_life_days: int
    rank: int = 0

    @property
    def reminds(self) -> bool:
        return self.cadence_days is not None


# Dunbar's layers (about 5/15/50/150 people, kept by monthly to yearly contact), rounded to what one person
# can actually keep up with next to a job.
DEFAULT_CIRCLES: tuple[Circle, ...] = (
    Circle("core", cadence_days=30, capacity=20, half_life_days=90, rank=0),
    Circle("active", cadence_days=90, capacity=150, half_life_days=180, rank=1),
    Circle("wider", cadence_days=365, capacity=None, half_life_days=365, rank=2),
    Circle("archived", cadence_days=None, capacity=None, half_life_days=365, rank=3),
)
ARCHIVED = "archived"


@dataclass(frozen=True, slots=True)
class YearlyDate:
    """A date that comes back every year (birthday, anniversary); the year may be unknown."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        # 2000 is a leap year, so 29 February is accepted without a year.
        date(self.year or 2000, self.month, self.day)

    @property
    def month_day(self) -> int:
        """month*100 + day: a sortable, indexable key (0229 for 29 February)."""
        return self.month * 100 + self.day

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Interaction:
    occurred_at: datetime
    channel: Channel
    initiator: Initiator
    summary: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class History:
    """A running summary of one contact's interactions, kept up to date per interaction.

    It holds everything the rules need, so that the agenda never reads the interactions themselves.
    """

    interaction_count: int = 0
    in_person_count: int = 0
    first_met_at: datetime | None = None  # the first in-person meeting
    first_met_place: str = ""
    last_touch_at: datetime | None = None  # any interaction, a like included
    last_real_at: datetime | None = None  # a personal interaction, either direction
    last_mine_at: datetime | None = None  # a personal touch I initiated
    first_real_at: datetime | None = None  # the first personal interaction, either direction
    last_in_person_at: datetime | None = None  # the latest in-person meeting
    strength: float = 0.0  # decayed score as of strength_at
    strength_at: datetime | None = None

    @property
    def never_met_in_person(self) -> bool:
        """No meeting in person on record (only messages, calls, likes — or nothing at all)."""
        return self.in_person_count == 0 and self.first_met_at is None


@dataclass(frozen=True, slots=True)
class ContactState:
    """What the agenda needs to know about one contact: one row, no history."""

    id: int
    name: str
    circle: str
    created_at: datetime
    history: History = field(default_factory=History)
    organisation: str = ""
    looking_for: str = ""
    given: int = 0
    received: int = 0
    open_asks: int = 0
    connected_on: date | None = None  # when we connected on a network (LinkedIn's "Connected On")

    @property
    def balance(self) -> int:
        """Favours I gave minus favours I received: negative means I owe them."""
        return self.given - self.received


@dataclass(frozen=True, slots=True)
class Occasion:
    """A yearly date of a contact (birthday or anniversary) found near today."""

    contact_id: int
    kind: str  # "birthday" or "anniversary"
    label: str
    when: YearlyDate


@dataclass(frozen=True, slots=True)
class News:
    """A life or career event of a contact."""

    contact_id: int
    kind: EventKind
    on: date
    text: str = ""
    recorded_at: datetime | None = None  # when I learnt of it (None: recorded before rapport kept this)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an action is proposed: a message code and its facts, turned into words by the interface."""

    code: str
    facts: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Action:
    contact_id: int
    contact_name: str
    kind: ActionKind
    due: datetime
    priority: float
    reason: Reason
