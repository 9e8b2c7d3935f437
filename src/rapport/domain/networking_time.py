"""Networking time: fixed weekly blocks ("Tue 12:00-13:00", lunch), and a week plan that fills them with agenda actions.

A block is a weekday and a local wall-clock span: "Tuesday 12:00" stays 12:00 where the user lives whatever the
clock change did to UTC, so every occurrence is built from the day and the wall-clock time in the user's zone.

The plan takes the agenda's actions in the agenda's order (most valuable first) and puts each into a block of the
coming week whose kind suits it and that still has room for its estimated duration (DURATIONS: data, not code): the
preferred way of doing it first, and the earliest block for that way. In-person meetings go to lunch and coffee
blocks, messages to desk blocks, calls to call blocks. A block holds as many actions as fit, one after the other.
A follow-up has a deadline (the 72-hour window closes): it only goes where it is done before the deadline, and one
that no block reaches in time (or already overdue) is to be done now. A congratulation on a coming day waits for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from rapport.domain.dates import instant, local_day
from rapport.domain.model import Action, ActionKind


class BlockKind(StrEnum):
    """What a block of networking time is for."""

    LUNCH = "lunch"
    COFFEE = "coffee"
    CALL = "call"
    DESK = "desk"


@dataclass(frozen=True, slots=True)
class Fit:
    """One way to do an action: in a block of `block` kind, taking `minutes`."""

    block: BlockKind
    minutes: int


# How each action is done and how long it takes, the preferred way first: messages (a follow-up, a congratulation,
# a first favour, a check-in) at the desk, a check-in also as a call; a dormant tie over coffee (a light ask after
# years) or a call; a tie that has lived online only, in person over lunch or coffee.
DURATIONS: Mapping[ActionKind, tuple[Fit, ...]] = {
    ActionKind.FOLLOW_UP: (Fit(BlockKind.DESK, 15),),
    ActionKind.CONGRATULATE: (Fit(BlockKind.DESK, 10),),
    ActionKind.GIVE: (Fit(BlockKind.DESK, 20),),
    ActionKind.KEEP_IN_TOUCH: (Fit(BlockKind.DESK, 15), Fit(BlockKind.CALL, 20)),
    ActionKind.RECONNECT: (Fit(BlockKind.COFFEE, 30), Fit(BlockKind.CALL, 30)),
    ActionKind.MEET: (Fit(BlockKind.LUNCH, 60), Fit(BlockKind.COFFEE, 30)),
}

# Every way to write a weekday, in English and German, folded (lower case, no trailing dot) → ISO weekday (1-7).
WEEKDAYS: Mapping[str, int] = {
    **dict.fromkeys(("monday", "mon", "mo", "montag"), 1),
    **dict.fromkeys(("tuesday", "tue", "tues", "tu", "dienstag", "di"), 2),
    **dict.fromkeys(("wednesday", "wed", "we", "mittwoch", "mi"), 3),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs", "th", "donnerstag", "do"), 4),
    **dict.fromkeys(("friday", "fri", "fr", "freitag"), 5),
    **dict.fromkeys(("saturday", "sat", "sa", "samstag"), 6),
    **dict.fromkeys(("sunday", "sun", "su", "sonntag", "so"), 7),
}
WEEK_DAYS = 7
_DASHES = "-–—"  # hyphen, en dash, em dash
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?$")


class BlockProblem(ValueError):
    """Typed text that is no block: `code` names the problem (a `time.*` message), `facts` what it is about."""

    def __init__(self, code: str, **facts: object) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


@dataclass(frozen=True, slots=True)
class Span:
    """A weekday (ISO: 1 Monday … 7 Sunday) and a local wall-clock span on it."""

    weekday: int
    start: time
    end: time

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)

    def overlaps(self, other: Span) -> bool:
        return self.weekday == other.weekday and self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Block:
    """A stored block of networking time."""

    id: int
    span: Span
    kind: BlockKind


def parse_span(text: str) -> Span:
    """ "Tue 12:00-13:00", "Dienstag 12-13", "Mo 9.30–10" → a Span; BlockProblem when it is none."""
    raw = " ".join(text.split())
    match = re.match(r"^([^\W\d_]+)\.?\s*,?\s*(.*)$", raw)
    if match is None or not match.group(1):
        raise BlockProblem("time.bad_block", value=text.strip())
    day_word, rest = match.group(1), match.group(2)
    weekday = WEEKDAYS.get(day_word.casefold())
    if weekday is None:
        raise BlockProblem("time.bad_weekday", value=day_word)
    parts = [p.strip() for p in re.split(f"[{_DASHES}]", rest)] if rest else []
    if not parts or not parts[0]:
        raise BlockProblem("time.bad_block", value=text.strip())
    if len(parts) > 2:
        raise BlockProblem("time.bad_block", value=text.strip())
    start = parse_clock(parts[0])
    if len(parts) == 1 or not parts[1]:
        raise BlockProblem("time.no_end", value=text.strip())
    end = parse_clock(parts[1])
    if end <= start:
        raise BlockProblem("time.end_before_start", start=clock(start), end=clock(end))
    return Span(weekday, start, end)


def parse_clock(text: str) -> time:
    """ "12", "12:30", "9.30", "12h30" → a wall-clock time (00:00-23:59); BlockProblem otherwise."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise BlockProblem("time.bad_clock", value=text.strip())
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise BlockProblem("time.bad_clock", value=text.strip())
    return time(hour, minute)


def clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def block_kind(text: str, words: Mapping[str, str]) -> BlockKind:
    """The kind a typed word means; `words`: every known spelling (folded) → the kind's value."""
    key = words.get(" ".join(text.strip().casefold().split()))
    if key is None:
        raise BlockProblem("time.bad_kind", value=text.strip(), choices=", ".join(k.value for k in BlockKind))
    return BlockKind(key)


def overlapping(span: Span, blocks: Iterable[Block]) -> Block | None:
    """The first block `span` overlaps (by weekday, then start), if any."""
    for block in sorted(blocks, key=lambda b: (b.span.weekday, b.span.start)):
        if block.span.overlaps(span):
            return block
    return None


# ------------------------------------------------------------------------------------------------ the week plan
@dataclass(frozen=True, slots=True)
class Planned:
    """An action put into a block: from `start` to `end` (local wall-clock times of the block's day)."""

    action: Action
    start: datetime
    end: datetime
    fit: Fit


@dataclass(frozen=True, slots=True)
class Busy:
    """A time taken already (a planned meeting): a block it overlaps is left to it."""

    start: datetime
    end: datetime
    what: str
    people: tuple[str, ...] = ()


@dataclass(slots=True)
class Slot:
    """One occurrence of a block in the week, and what it holds."""

    block: Block
    day: date
    start: datetime
    end: datetime
    planned: list[Planned] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)

    @property
    def used(self) -> int:
        return sum(p.fit.minutes for p in self.planned)

    @property
    def free(self) -> int:
        return 0 if self.busy else self.block.span.minutes - self.used


@dataclass(frozen=True, slots=True)
class WeekPlan:
    first_day: date
    slots: list[Slot]  # chronological, the empty ones too
    now: list[Action]  # deadline-bound actions no block reaches in time: to do at once
    waiting: list[Action]  # actions with no room this week


def wall_clock(day: date, minutes: int, zone: tzinfo) -> datetime:
    """`minutes` after midnight on `day`, as the wall clock in `zone` says it (a time the clock skips moves on by
    the gap)."""
    local = datetime.combine(day, time(minutes // 60, minutes % 60), zone)
    return local.astimezone(UTC).astimezone(zone)


def week_days(first_day: date) -> list[date]:
    return [first_day + timedelta(days=i) for i in range(WEEK_DAYS)]


def slots(blocks: Iterable[Block], first_day: date, now: datetime, zone: tzinfo) -> list[Slot]:
    """The occurrences of the blocks in the seven days from `first_day` that have not started at `now`."""
    found = []
    by_day: dict[int, list[Block]] = {}
    for block in blocks:
        by_day.setdefault(block.span.weekday, []).append(block)
    for day in week_days(first_day):
        for block in sorted(by_day.get(day.isoweekday(), []), key=lambda b: b.span.start):
            start = wall_clock(day, _minutes(block.span.start), zone)
            if instant(start) < instant(now):
                continue
            found.append(Slot(block, day, start, wall_clock(day, _minutes(block.span.end), zone)))
    return found


def deadline(action: Action) -> datetime | None:
    """When the action must be done by: a follow-up when its window closes."""
    return action.due if action.kind is ActionKind.FOLLOW_UP else None


def earliest_day(action: Action, now: datetime, zone: tzinfo) -> date | None:
    """The first day the action may be done on: a congratulation on a coming day waits for it."""
    if action.kind is ActionKind.CONGRATULATE and instant(action.due) > instant(now):
        return local_day(action.due, zone)
    return None


def plan_week(
    blocks: Sequence[Block],
    actions: Iterable[Action],
    first_day: date,
    now: datetime,
    zone: tzinfo,
    durations: Mapping[ActionKind, tuple[Fit, ...]] = DURATIONS,
    busy: Iterable[Busy] = (),
) -> WeekPlan:
    """Fill the week's blocks with `actions`, taken in their order (the agenda's: most valuable first); a block
    that overlaps a time `busy` holds nothing else."""
    week = slots(blocks, first_day, now, zone)
    taken = list(busy)
    for slot in week:
        slot.busy = [b for b in taken if instant(b.start) < instant(slot.end) and instant(slot.start) < instant(b.end)]
    at_once: list[Action] = []
    waiting: list[Action] = []
    for action in actions:
        due_by = deadline(action)
        if due_by is not None and instant(due_by) <= instant(now):
            at_once.append(action)
            continue
        if not _place(action, week, durations.get(action.kind, ()), due_by, earliest_day(action, now, zone), zone):
            (at_once if due_by is not None else waiting).append(action)
    return WeekPlan(first_day, week, at_once, waiting)


def _place(
    action: Action,
    week: list[Slot],
    fits: tuple[Fit, ...],
    due_by: datetime | None,
    not_before: date | None,
    zone: tzinfo,
) -> bool:
    """Put the action into a slot that suits it and has room (and ends before its deadline): the preferred way
    first, and the earliest slot for it; False when there is none."""
    for fit in fits:
        for slot in week:
            if fit.block is not slot.block.kind or fit.minutes > slot.free:
                continue
            if not_before is not None and slot.day < not_before:
                continue
            begin = _minutes(slot.block.span.start) + slot.used
            start = wall_clock(slot.day, begin, zone)
            end = wall_clock(slot.day, begin + fit.minutes, zone)
            if due_by is not None and instant(end) > instant(due_by):
                continue
            slot.planned.append(Planned(action, start, end, fit))
            return True
    return False


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute
