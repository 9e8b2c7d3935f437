"""Use cases that record what happened: meetings, interactions, notes, favours, asks and news."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from rapport.domain import cadence, limits, reciprocity
from rapport.domain.dates import local_day
from rapport.domain.followup import follow_up_window
from rapport.domain.model import Channel, ContactState, Direction, FavourKind, Initiator, Interaction
from rapport.domain.strength import with_interaction
from rapport.errors import InputError, NotFound
from rapport.services import inputs
from rapport.services.context import Context
from rapport.services.people import NewContact, Person, add_contact, circle_with_room, resolve
from rapport.services.people import topics as topics_of
from rapport.store import activity
from rapport.store import contacts as store

# Clocks differ a little; anything later than this is not something that happened.
_FUTURE_TOLERANCE = timedelta(hours=1)


def _when(ctx: Context, text: str | None, field: str = "--when", future: bool = False) -> datetime:
    """When something happened (now when not given); refuses the future unless `future` (news may be ahead)."""
    if not text:
        return ctx.now
    moment = inputs.parse_moment(text, ctx.zone, field=field, now=ctx.now)
    if not future and moment > ctx.now + _FUTURE_TOLERANCE:
        raise InputError("input.future", field=field, value=text)
    return moment


def past_moment(ctx: Context, text: str | None, field: str = "--when") -> datetime:
    """When something happened, as typed (now when not given); refused when it is ahead."""
    return _when(ctx, text, field)


def _text(value: str | None, field: str, required: bool = False) -> str:
    return inputs.text(value or "", field, required=required)


def record_interaction(ctx: Context, conn: Connection, people: Sequence[Person], item: Interaction) -> None:
    """Store one interaction with everyone who took part, and bring their running summaries up to date."""
    ids = sorted({p.id for p in people})
    activity.insert_interaction(conn, ctx.owner_id, ids, item)
    circles = ctx.circles(conn)
    for state in store.states(conn, ctx.owner_id, ids=ids, include_archived=True):
        circle = cadence.circle_named(circles, state.circle)
        half_life = circle.half_life_days if circle else 365
        store.save_history(conn, state.id, with_interaction(state.history, item, half_life))


@dataclass(frozen=True)
class Met:
    person: Person
    created: bool
    met_at: datetime
    window_closes_at: datetime | None  # the 72-hour deadline this meeting opened, as the agenda shows it
    full_circle: str | None = None  # the circle asked for was full: the person went to person.circle instead


def met(
    ctx: Context,
    conn: Connection,
    typed: str,
    at: str,
    when: str | None = None,
    topics: Sequence[str] = (),
    notes: str | None = None,
    looking_for: str | None = None,
    offers: str | None = None,
    circle: str | None = None,
    company: str = "",
    title: str = "",
    next_meeting: str | None = None,
) -> Met:
    """Log an in-person meeting; a person not known yet is created. A first meeting opens the 72-hour window.

    A new person goes into the circle asked for (the default one), or, when that one is full, into the next
    circle with room, so that nothing typed is lost.
    """
    place = inputs.text(at, "--at", required=True, limit=limits.PLACE)
    topics = topics_of(topics, "--topic")
    moment = _when(ctx, when)
    notes_text = _text(notes, "--notes")
    full_circle = None
    next_text = _text(next_meeting, "--next")
    try:
        person = resolve(ctx, conn, typed)
        created = False
    except NotFound:
        wanted = circle or ctx.settings.default_circle
        placed = circle_with_room(ctx, conn, wanted)
        if placed.name != wanted.strip().lower():
            full_circle = wanted.strip().lower()
        person = add_contact(
            ctx,
            conn,
            NewContact(
                name=typed,
                company=company,
                title=title,
                interests=list(topics),
                how_met=place,
                looking_for=looking_for or "",
                offers=offers or "",
                circle=placed.name,
            ),
        )
        created = True
    if not created:
        updates = {k: v.strip() for k, v in (("looking_for", looking_for), ("offers", offers)) if v}
        if updates:
            store.update_contact(conn, person.id, ctx.now, **updates)
        if topics:
            store.add_details(conn, ctx.owner_id, person.id, topics=[t.strip() for t in topics if t.strip()])
    summary = ", ".join(t.strip() for t in topics if t.strip())
    record_interaction(ctx, conn, [person], Interaction(moment, Channel.IN_PERSON, Initiator.ME, summary, place))
    if notes_text:
        activity.insert_note(conn, ctx.owner_id, person.id, moment, notes_text)
    if next_text:  # a planned next meeting: drafts propose it
        activity.insert_note(conn, ctx.owner_id, person.id, moment, next_text, "next")
    return Met(
        person=person,
        created=created,
        met_at=moment,
        window_closes_at=_window_opened(ctx, conn, person.id, moment),
        full_circle=full_circle,
    )


def _window_opened(ctx: Context, conn: Connection, contact_id: int, met_at: datetime) -> datetime | None:
    """When the follow-up window this meeting opened closes, if the agenda will show it: a first meeting with a
    new acquaintance, in a circle with reminders (the agenda's own rule, not computed twice)."""
    state = _state(ctx, conn, contact_id)
    circle = cadence.circle_named(ctx.circles(conn), state.circle)
    if circle is None or not circle.reminds:
        return None
    window = follow_up_window(state, ctx.now, ctx.zone, ctx.settings.follow_up_hours)
    if window is None or window.met_at != met_at:
        return None
    return window.closes_at


def window_opened(ctx: Context, conn: Connection, contact_id: int, met_at: datetime) -> datetime | None:
    """When the follow-up window an in-person meeting at `met_at` opened closes (see `met`), or None."""
    return _window_opened(ctx, conn, contact_id, met_at)


def _state(ctx: Context, conn: Connection, contact_id: int) -> ContactState:
    return next(store.states(conn, ctx.owner_id, ids=[contact_id], include_archived=True))


@dataclass(frozen=True)
class Logged:
    people: list[Person]
    interaction: Interaction
    closed_windows: list[Person]  # new contacts whose 72-hour follow-up this interaction was


def log(
    ctx: Context,
    conn: Connection,
    typed_names: Sequence[str],
    via: str,
    when: str | None = None,
    summary: str | None = None,
    by_them: bool = False,
    about: str | None = None,
) -> Logged:
    """Log an interaction with one or more contacts (a group meetup has many).

    `about="news"`: it was my congratulation on their news; it is also recorded as a congratulation given.
    """
    if not typed_names:
        raise InputError("input.empty", field="NAME")
    channel = inputs.channel(via)
    moment = _when(ctx, when)
    about_news = _about(about)
    people = list({p.id: p for p in (resolve(ctx, conn, name) for name in typed_names)}.values())
    item = Interaction(moment, channel, Initiator.THEM if by_them else Initiator.ME, _text(summary, "--summary"))
    ids = [p.id for p in people]
    hours = ctx.settings.follow_up_hours
    waiting = {
        s.id
        for s in store.states(conn, ctx.owner_id, ids=ids, include_archived=True)
        if follow_up_window(s, ctx.now, ctx.zone, hours) is not None
    }
    record_interaction(ctx, conn, people, item)
    if about_news:
        for person in people:
            activity.insert_favour(
                conn,
                ctx.owner_id,
                person.id,
                Direction.GIVEN.value,
                FavourKind.CONGRATULATION.value,
                moment,
                item.summary,
            )
    still = (
        {
            s.id
            for s in store.states(conn, ctx.owner_id, ids=list(waiting), include_archived=True)
            if follow_up_window(s, ctx.now, ctx.zone, hours) is not None
        }
        if waiting
        else set()
    )
    return Logged(people, item, [p for p in people if p.id in waiting - still])


ABOUT = ("news",)


def _about(value: str | None) -> bool:
    """Whether `--about` says the interaction was about their news; refuses anything else."""
    if value is None:
        return False
    key = value.strip().lower()
    if key in ABOUT or key == "neuigkeit":
        return True
    raise InputError("input.about", value=value, choices=", ".join(ABOUT))


def note(ctx: Context, conn: Connection, typed: str, text: str, did: bool = False, when: str | None = None) -> Person:
    """A dated note; `did` marks what I did with their input (drafts recall it: "I tried …")."""
    person = resolve(ctx, conn, typed)
    activity.insert_note(
        conn, ctx.owner_id, person.id, _when(ctx, when), _text(text, "TEXT", required=True), "did" if did else ""
    )
    return person


@dataclass(frozen=True)
class Ledger:
    person: Person
    balance: int
    take_before_give: bool  # the gentle warning: taking from someone I have not given to
    kind: str  # what was recorded (a German or other typed kind resolved: "empfehlung" → referral)
    given_before: int = 0  # the balance the warning was decided on: favours I had given them
    received_before: int = 0  # … and received from them


def favour(
    ctx: Context,
    conn: Connection,
    typed: str,
    direction: Direction,
    kind: str,
    note_text: str | None,
    when: str | None = None,
) -> Ledger:
    """Record a favour given or received, or an ask; warns when taking from someone I owe a favour."""
    person = resolve(ctx, conn, typed)
    before = _state(ctx, conn, person.id)
    favour_kind = inputs.favour_kind(kind).value if direction is not Direction.ASKED else "ask"
    text = _text(note_text, "TEXT" if direction is Direction.ASKED else "--note", required=direction is Direction.ASKED)
    activity.insert_favour(conn, ctx.owner_id, person.id, direction.value, favour_kind, _when(ctx, when), text)
    after = _state(ctx, conn, person.id)
    warn = direction is not Direction.GIVEN and reciprocity.owes_first(before)
    return Ledger(
        person=person,
        balance=after.balance,
        take_before_give=warn,
        given_before=before.given,
        received_before=before.received,
        kind=favour_kind,
    )


def news(
    ctx: Context,
    conn: Connection,
    typed: str,
    kind: str,
    when: str | None = None,
    text: str | None = None,
    source: str = "manual",
) -> Person:
    """Record a life or career event; recent ones become congratulations on the agenda."""
    person = resolve(ctx, conn, typed)
    event_kind = inputs.event_kind(kind)
    day = local_day(_when(ctx, when, future=True), ctx.zone)
    activity.insert_event(
        conn, ctx.owner_id, person.id, event_kind, day, _text(text, "--text"), source, recorded_at=ctx.now
    )
    return person
