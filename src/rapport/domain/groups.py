"""Group meetups: a recurring group's rhythm, the date of its next meetup, and the new faces to invite.

The next meetup is due one rhythm after the last one (weekly: 7 days, monthly: one calendar month, quarterly:
three; the 31st falls on the month's last day), and never before tomorrow. It goes into the user's networking
time: the first lunch or coffee block from that day on that no planned meeting overlaps, looked for within one
rhythm. When none fits (no such blocks, or all of them taken), it is an evening: 18:30 to 20:30 on the first
weekday (Monday to Friday) from that day on that is free. Lunch and coffee are the blocks meant for meeting people
in person (see `rapport time`); call and desk blocks are not for a group.

New faces are contacts from the wider network who fit the group, each with the reasons why:
- the same organisation in their history as members (their organisation, or one named in how we met: "Colleague
  at Nordstern Logistik"): former colleagues;
- a tag that members have ("ex-nordstern");
- interests that members share, or the group's topic in what they do or are interested in.
Members, archived contacts and people who already came to one of the group's meetups are no new faces.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from rapport.domain.dates import instant
from rapport.domain.text import fold


class Rhythm(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


# How long a meetup lasts in the evening (and in a calendar when no block gives its end).
EVENING_START = time(18, 30)
EVENING = timedelta(hours=2)
# How many new faces a meetup invites, at most.
NEW_FACES = 3
# What each reason weighs when new faces are chosen.
WEIGHTS = {"colleague": 4, "tag": 3, "topic": 2, "interest": 1}
# Legal forms left out when organisations are compared ("Nordstern Logistik AG" is "Nordstern Logistik").
_LEGAL = re.compile(r"[\s,]+(?:ag|gmbh|sa|sàrl|sarl|ltd|inc|llc|plc|se|kg|co\.?|corp\.?|s\.a\.)\.?$", re.IGNORECASE)


def after(day: date, rhythm: Rhythm, times: int = 1) -> date:
    """The day `times` rhythms after `day` (a month later keeps the day of the month, or the month's last day)."""
    if rhythm is Rhythm.WEEKLY:
        return day + timedelta(days=7 * times)
    months = (1 if rhythm is Rhythm.MONTHLY else 3) * times
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_day(last: date | None, rhythm: Rhythm, today: date) -> date:
    """The first day the next meetup may be on: one rhythm after the last one, never before tomorrow."""
    tomorrow = today + timedelta(days=1)
    if last is None:
        return tomorrow
    return max(after(last, rhythm), tomorrow)


@dataclass(frozen=True, slots=True)
class Window:
    """A time free or taken: a meeting (busy) or a block of networking time (a slot), in absolute times."""

    start: datetime
    end: datetime

    def overlaps(self, other: Window) -> bool:
        return instant(self.start) < instant(other.end) and instant(other.start) < instant(self.end)


@dataclass(frozen=True, slots=True)
class WeeklyBlock:
    """A block of networking time a meetup may take: a weekday (ISO) and a local span."""

    weekday: int
    start: time
    end: time
    kind: str


@dataclass(frozen=True, slots=True)
class Proposal:
    start: datetime
    end: datetime
    kind: str  # the block's kind (lunch, coffee) or "evening"


MEETUP_KINDS = ("lunch", "coffee")


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    from datetime import UTC

    return datetime.combine(day, at, zone).astimezone(UTC).astimezone(zone)


def propose(
    first: date,
    rhythm: Rhythm,
    blocks: Iterable[WeeklyBlock],
    busy: Iterable[Window],
    zone: tzinfo,
    now: datetime,
) -> Proposal:
    """The meetup's time from `first` on: the first free lunch or coffee block within one rhythm, else an evening."""
    taken = list(busy)
    usable = sorted((b for b in blocks if b.kind in MEETUP_KINDS), key=lambda b: (b.start, b.end))
    last = after(first, rhythm)

    def free(window: Window) -> bool:
        return instant(window.start) > instant(now) and not any(window.overlaps(b) for b in taken)

    day = first
    while day < last:
        for block in (b for b in usable if b.weekday == day.isoweekday()):
            window = Window(_local(day, block.start, zone), _local(day, block.end, zone))
            if free(window):
                return Proposal(window.start, window.end, block.kind)
        day += timedelta(days=1)
    return evening(first, taken, zone, now)


def evening(first: date, busy: Sequence[Window], zone: tzinfo, now: datetime, weekdays_only: bool = True) -> Proposal:
    """The first free evening from `first` on (a weekday unless `weekdays_only` is false)."""
    day = first
    while True:
        if not weekdays_only or day.isoweekday() <= 5:
            start = _local(day, EVENING_START, zone)
            window = Window(start, start + EVENING)
            if instant(start) > instant(now) and not any(window.overlaps(b) for b in busy):
                return Proposal(window.start, window.end, "evening")
        day += timedelta(days=1)


def on_day(day: date, blocks: Iterable[WeeklyBlock], busy: Iterable[Window], zone: tzinfo, now: datetime) -> Proposal:
    """The meetup's time on a given day: a free lunch or coffee block of that weekday, else the evening."""
    taken = list(busy)
    for block in sorted((b for b in blocks if b.kind in MEETUP_KINDS), key=lambda b: b.start):
        if block.weekday == day.isoweekday():
            window = Window(_local(day, block.start, zone), _local(day, block.end, zone))
            if instant(window.start) > instant(now) and not any(window.overlaps(b) for b in taken):
                return Proposal(window.start, window.end, block.kind)
    start = _local(day, EVENING_START, zone)
    return Proposal(start, start + EVENING, "evening")


# new faces ---------------------------------------------------------------------------------------------------


def organisation_key(name: str) -> str:
    """An organisation as compared: folded, without its legal form."""
    return fold(_LEGAL.sub("", name.strip()))


@dataclass(frozen=True, slots=True)
class Profile:
    """What the choice of new faces knows about a contact."""

    id: int
    name: str
    organisations: frozenset[str] = frozenset()  # as written (their organisation, ones named in how we met)
    tags: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    about: str = ""  # title, what they offer and look for: where the group's topic is looked for
    strength: float = 0.0


@dataclass(frozen=True, slots=True)
class Why:
    """One reason a contact fits the group: `code` (colleague, tag, interest, topic), `what` matched, and the
    members it is shared with (none for the topic)."""

    code: str
    what: str
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewFace:
    id: int
    name: str
    reasons: tuple[Why, ...] = field(default=())

    @property
    def score(self) -> int:
        return sum(WEIGHTS[r.code] for r in self.reasons)


class Organisations:
    """The organisations known in the network, to find the ones a text names ("Colleague at Nordstern Logistik"):
    whole words, any case, without legal forms; linear in the text's length, whatever the number known."""

    def __init__(self, known: Iterable[str]) -> None:
        self.by_key: dict[tuple[str, ...], str] = {}
        for name in known:
            words = tuple(_WORD.findall(organisation_key(name)))
            if words and len("".join(words)) >= 3:
                self.by_key.setdefault(words, name)
        self.longest = max((len(k) for k in self.by_key), default=0)

    def named(self, text: str) -> set[str]:
        words = _WORD.findall(fold(text))
        found = set()
        for i in range(len(words)):
            for n in range(1, min(self.longest, len(words) - i) + 1):
                name = self.by_key.get(tuple(words[i : i + n]))
                if name is not None:
                    found.add(name)
        return found


_WORD = re.compile(r"\w+")


def organisations_named(text: str, known: Iterable[str]) -> set[str]:
    """The known organisations (as written) that a text names, e.g. in "Colleague at Nordstern Logistik"."""
    return Organisations(known).named(text)


def _members_by(members: Sequence[Profile], values: str) -> dict[str, tuple[str, list[str]]]:
    """key → (the value as a member wrote it, the members who have it)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for member in members:
        for value in sorted(getattr(member, values)):
            key = organisation_key(value) if values == "organisations" else fold(value)
            if not key:
                continue
            _shown, names = found.setdefault(key, (value, []))
            if member.name not in names:
                names.append(member.name)
    return found


def reasons(candidate: Profile, members: Sequence[Profile], topic: str = "") -> tuple[Why, ...]:
    """Why a contact fits a group of `members` (and its `topic`): nothing when they do not."""
    found: list[Why] = []
    for values, code in (("organisations", "colleague"), ("tags", "tag"), ("interests", "interest")):
        theirs = _members_by(members, values)
        own = {organisation_key(v) if values == "organisations" else fold(v) for v in getattr(candidate, values)}
        for key in sorted(own & theirs.keys()):
            shown, names = theirs[key]
            found.append(Why(code, shown, tuple(names)))
    topic_key = fold(topic.strip())
    if topic_key:
        words = " ".join(fold(x) for x in (candidate.about, *candidate.interests, *candidate.tags))
        if re.search(rf"(?<![\w]){re.escape(topic_key)}", words):
            found.append(Why("topic", topic.strip()))
    return tuple(found)


def new_faces(
    candidates: Iterable[Profile],
    members: Sequence[Profile],
    topic: str = "",
    leave_out: Iterable[int] = (),
    limit: int = NEW_FACES,
) -> list[NewFace]:
    """Up to `limit` contacts who fit the group best, each with the reasons: most reasons' weight first, then the
    stronger tie, then by name. Members and `leave_out` (who already came) are left out."""
    skip = {m.id for m in members} | set(leave_out)
    scored = []
    for candidate in candidates:
        if candidate.id in skip:
            continue
        why = reasons(candidate, members, topic)
        if why:
            face = NewFace(candidate.id, candidate.name, why)
            scored.append((-face.score, -candidate.strength, fold(candidate.name), candidate.id, face))
    scored.sort(key=lambda item: item[:4])
    return [item[-1] for item in scored[:limit]]
