"""Use cases about the people themselves: find, add, move between circles, archive, show, list."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from rapport.domain import cadence, limits
from rapport.domain.model import ARCHIVED, Circle, YearlyDate
from rapport.domain.strength import strength_at, strength_percent, summarise
from rapport.domain.text import fold, fold_german, query_forms
from rapport.errors import Ambiguous, InputError, NotFound, Refused
from rapport.services import inputs
from rapport.services.context import Context
from rapport.store import activity
from rapport.store import contacts as store


@dataclass(frozen=True)
class Person:
    """A contact found by name."""

    id: int
    name: str
    organisation: str
    circle: str
    archived: bool


def resolve(ctx: Context, conn: Connection, typed: str) -> Person:
    """The one contact a typed name means: exact name first, then every word a name prefix, then a part.

    `#12` names contact 12. Case, accents and umlaut spellings (ü/ue) do not matter.
    """
    text = typed.strip()
    if text.startswith("#") and text[1:].isascii() and text[1:].isdigit():
        number = int(text[1:]) if len(text) <= 12 else MAX_ID + 1
        row = store.contact_row(conn, ctx.owner_id, number) if number <= MAX_ID else None
        if row is None:
            raise NotFound("contact.not_found", name=typed)
        return Person(row.id, row.display_name, row.organisation, row.circle, row.archived)
    forms = query_forms(text)
    if not forms or not forms[0]:
        raise InputError("input.name", value=typed)
    rows = store.candidates(conn, ctx.owner_id, forms)
    people = [Person(r.id, r.display_name, r.organisation, r.circle, r.archived) for r in rows]
    for level in (_exact, _word_prefixes):
        matched = [p for p in people if level(p.name, forms)]
        if matched:
            return _one(matched, typed)
    return _one(people, typed, ctx, conn)


# how alike (rapidfuzz WRatio, 0-100) a typed name and a contact's name must be to be suggested
CLOSE_NAME = 80


def _close_names(ctx: Context, conn: Connection, typed: str) -> list[str]:
    """The names of up to three contacts whose names are close to a name that matched nobody (a typo)."""
    from rapidfuzz import fuzz, process

    wanted = fold(typed)
    if len(wanted) < 3:
        return []
    names = store.display_names(conn, ctx.owner_id)
    found = process.extract(wanted, [fold(n) for n in names], scorer=fuzz.WRatio, score_cutoff=CLOSE_NAME, limit=3)
    return list(dict.fromkeys(names[i] for _match, _score, i in found))


def _exact(name: str, forms: tuple[str, ...]) -> bool:
    return fold(name) in forms or fold_german(name) in forms


def _word_prefixes(name: str, forms: tuple[str, ...]) -> bool:
    for words in (fold(name).split(), fold_german(name).split()):
        for form in forms:
            wanted = form.split()
            if all(any(w.startswith(q) for w in words) for q in wanted):
                return True
    return False


def _one(people: list[Person], typed: str, ctx: Context | None = None, conn: Connection | None = None) -> Person:
    if not people:
        close = _close_names(ctx, conn, typed) if ctx is not None and conn is not None else []
        if close:
            raise NotFound("contact.not_found_close", name=typed, suggestions=close)
        raise NotFound("contact.not_found", name=typed)
    active = [p for p in people if not p.archived]
    if len(people) > 1 and len(active) == 1:
        return active[0]
    if len(people) > 1:
        raise Ambiguous(
            "contact.ambiguous", name=typed, candidates=[_label(p) for p in people[:10]], more=max(0, len(people) - 10)
        )
    return people[0]


def _label(person: Person) -> str:
    org = f", {person.organisation}" if person.organisation else ""
    return f"{person.name} (#{person.id}{org})"


@dataclass
class NewContact:
    """What may be known about a person, as typed; checked by `add_contact` and `edit_contact`.

    For an edit, None (or an empty list) means: leave as it is. Lists add to what is stored.
    """

    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    linkedin: str = ""
    xing: str = ""
    urls: list[str] = field(default_factory=list)
    circle: str | None = None
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    birthday: str | None = None
    anniversaries: list[str] = field(default_factory=list)  # "Wedding=2015-06-20" or "2015-06-20"
    address: str | None = None
    how_met: str | None = None
    looking_for: str | None = None
    offers: str | None = None
    address_form: str | None = None  # "du" or "Sie" (German); "" for the language's default


@dataclass
class _Checked:
    fields: dict[str, Any]
    details: dict[str, Any]
    birthday: YearlyDate | None


# option → (column, how long it may be)
_TEXT_FIELDS = {
    "company": ("organisation", limits.ORGANISATION),
    "title": ("job_title", limits.JOB_TITLE),
    "address": ("address", limits.TEXT),
    "how_met": ("how_met", limits.TEXT),
    "looking_for": ("looking_for", limits.TEXT),
    "offers": ("offers", limits.TEXT),
}


def _check(ctx: Context, new: NewContact) -> _Checked:
    """Every field checked and normalised; raises InputError on the first invalid one, before anything is written."""
    fields: dict[str, Any] = {}
    if new.name:
        from nameparser import HumanName

        display = inputs.name(new.name)
        parsed = HumanName(display)
        fields.update(
            display_name=display,
            prefix=parsed.title,
            given_name=parsed.first,
            middle_name=parsed.middle,
            family_name=parsed.last,
            suffix=parsed.suffix,
        )
    for attribute, (column, limit) in _TEXT_FIELDS.items():
        value = getattr(new, attribute)
        if value is not None:
            fields[column] = inputs.text(value, f"--{attribute.replace('_', '-')}", limit=limit)
    if new.address_form is not None:
        fields["address_form"] = inputs.address_form(new.address_form)
    profiles = [("linkedin", inputs.profile_url(new.linkedin, "linkedin"))] if new.linkedin else []
    profiles += [("xing", inputs.profile_url(new.xing, "xing"))] if new.xing else []
    profiles += [("web", inputs.web_url(u)) for u in new.urls]
    dates: list[tuple[str, str, YearlyDate]] = []
    for typed in new.anniversaries:
        label, _, when = typed.rpartition("=")
        label = inputs.text(label, "--anniversary", limit=limits.DATE_LABEL)
        dates.append(("anniversary", label, inputs.yearly_date(when, field="--anniversary")))
    details = {
        "email_addresses": [inputs.email(e) for e in new.emails],
        "phone_numbers": [inputs.phone(p, ctx.settings.region) for p in new.phones],
        "profile_urls": profiles,
        "tag_names": [inputs.text(t, "--tag", limit=limits.TAG) for t in new.tags if t.strip()],
        "topics": topics(new.interests),
        "dates": dates,
    }
    birthday = inputs.yearly_date(new.birthday) if new.birthday else None
    return _Checked(fields, details, birthday)


def topics(typed: Iterable[str], field: str = "--interest") -> list[str]:
    """Interests or topics as typed, each checked (empty ones left out)."""
    return [inputs.text(t, field, limit=limits.TOPIC) for t in typed if t.strip()]


def add_contact(ctx: Context, conn: Connection, new: NewContact, force: bool = False) -> Person:
    """Create a contact after checking every field; nothing is written when any field is invalid."""
    if not new.name.strip():
        raise InputError("input.name", value=new.name)
    checked = _check(ctx, new)
    circle = _circle(ctx, conn, new.circle or ctx.settings.default_circle)
    display = checked.fields["display_name"]
    if not force:
        _refuse_if_full(ctx, conn, circle)
        existing = _same_name(ctx, conn, display)
        if existing:
            raise Refused("contact.exists", name=display, candidates=[_label(p) for p in existing])
    contact_id = store.insert_contact(
        conn, ctx.owner_id, ctx.now, circle=circle.name, archived=circle.name == ARCHIVED, **checked.fields
    )
    store.add_details(conn, ctx.owner_id, contact_id, **checked.details)
    if checked.birthday:
        store.replace_yearly(conn, ctx.owner_id, contact_id, "birthday", checked.birthday)
    return Person(contact_id, display, checked.fields.get("organisation", ""), circle.name, circle.name == ARCHIVED)


def edit_contact(
    ctx: Context, conn: Connection, typed: str, changes: NewContact, rename: bool = False, force: bool = False
) -> Person:
    """Change what is known about a person: given fields replace, lists add. With `rename`, the new name is checked
    as `add_contact` checks it: not empty, not too long, and (unless `force`) not the name of someone else."""
    person = resolve(ctx, conn, typed)
    if rename and not changes.name.strip():
        raise InputError("input.name", value=changes.name)
    checked = _check(ctx, changes)
    display = checked.fields.get("display_name")
    if display and not force:
        others = [p for p in _same_name(ctx, conn, display) if p.id != person.id]
        if others:
            raise Refused("contact.exists", name=display, candidates=[_label(p) for p in others])
    if checked.fields:
        store.update_contact(conn, person.id, ctx.now, **checked.fields)
    store.add_details(conn, ctx.owner_id, person.id, **checked.details)
    if checked.birthday:
        store.replace_yearly(conn, ctx.owner_id, person.id, "birthday", checked.birthday)
    return resolve(ctx, conn, f"#{person.id}")


def _same_name(ctx: Context, conn: Connection, display: str) -> list[Person]:
    forms = query_forms(display)
    rows = store.candidates(conn, ctx.owner_id, forms)
    return [
        Person(r.id, r.display_name, r.organisation, r.circle, r.archived)
        for r in rows
        if _exact(r.display_name, forms)
    ]


def _circle(ctx: Context, conn: Connection, name: str) -> Circle:
    found = cadence.circle_named(ctx.circles(conn), inputs.circle_name(name))
    if found is None:
        raise InputError("input.circle", value=name, choices=", ".join(c.name for c in ctx.circles(conn)))
    return found


def circle_with_room(ctx: Context, conn: Connection, name: str) -> Circle:
    """The circle named, or, when it is full, the next one after it (by rank) with room; never the archive."""
    wanted = _circle(ctx, conn, name)
    counts = store.count_in_circle(conn, ctx.owner_id)
    ordered = [c for c in ctx.circles(conn) if c.rank >= wanted.rank and c.name != ARCHIVED]
    ordered.sort(key=lambda c: (c.name != wanted.name, c.rank, c.name))
    for circle in ordered:
        if circle.capacity is None or counts.get(circle.name, 0) < circle.capacity:
            return circle
    return wanted  # every circle from there on is full: adding refuses, naming who could make room


def _refuse_if_full(ctx: Context, conn: Connection, circle: Circle) -> None:
    if circle.capacity is None:
        return
    members = list(store.states(conn, ctx.owner_id, circle_names=[circle.name]))
    full = cadence.crowding(circle, members, ctx.now)
    if full is not None:
        raise Refused(
            "circle.full", circle=circle.name, capacity=circle.capacity, suggestions=[c.name for c in full.least_active]
        )


def move(ctx: Context, conn: Connection, typed: str, circle_name: str, force: bool = False) -> tuple[Person, str]:
    """Put a contact into another circle (archived included); refuses a full circle unless forced."""
    person = resolve(ctx, conn, typed)
    circle = _circle(ctx, conn, circle_name)
    if person.circle == circle.name:
        return person, person.circle
    if not force:
        _refuse_if_full(ctx, conn, circle)
    store.update_contact(conn, person.id, ctx.now, circle=circle.name, archived=circle.name == ARCHIVED)
    old = cadence.circle_named(ctx.circles(conn), person.circle)
    if old is None or old.half_life_days != circle.half_life_days:
        recompute_histories(ctx, conn, [person.id], circle.half_life_days)
    return person, person.circle


def archive(ctx: Context, conn: Connection, typed: str) -> Person:
    person, _ = move(ctx, conn, typed, ARCHIVED, force=True)
    return person


def recompute_histories(ctx: Context, conn: Connection, contact_ids: list[int], half_life_days: int) -> None:
    """Rebuild the running summaries from the stored interactions (after a move or a half-life change)."""
    found = activity.interactions_of(conn, contact_ids)
    for contact_id in contact_ids:
        store.save_history(conn, contact_id, summarise(found.get(contact_id, []), half_life_days))


MAX_DAYS = 36_500  # a rhythm or half-life of a hundred years is the most that means anything
MAX_CAPACITY = 1_000_000
MAX_ID = 2**31 - 1  # the largest id a store hands out


def set_circle(
    ctx: Context,
    conn: Connection,
    name: str,
    cadence_days: int | None,
    capacity: int | None,
    half_life_days: int | None,
) -> Circle:
    """Create a circle or change its rhythm, size or half-life."""
    key = inputs.circle_name(name)
    if not key or len(key) > limits.CIRCLE:
        raise InputError("input.circle_name", value=name)
    bounds = (
        ("--cadence", cadence_days, MAX_DAYS),
        ("--capacity", capacity, MAX_CAPACITY),
        ("--half-life", half_life_days, MAX_DAYS),
    )
    for field_name, value, most in bounds:
        if value is not None and value <= 0:
            raise InputError("input.positive", field=field_name, value=str(value)[:40])
        if value is not None:
            inputs.whole(value, field_name, 1, most)
    existing = ctx.circles(conn)
    old = cadence.circle_named(existing, key)
    if key == ARCHIVED and cadence_days is not None:
        raise InputError("circle.archived_has_no_cadence")
    if old is None:
        # a new circle ranks after every circle with reminders and before the archive, which moves one down
        rank = 1 + max((c.rank for c in existing if c.name != ARCHIVED), default=-1)
        for later in existing:
            if later.rank >= rank:
                store.save_circle(conn, ctx.owner_id, replace(later, rank=later.rank + 1))
    base = old or Circle(key, 180, None, 180, rank=rank)
    circle = Circle(
        name=key,
        cadence_days=cadence_days if cadence_days is not None else base.cadence_days,
        capacity=capacity if capacity is not None else base.capacity,
        half_life_days=half_life_days if half_life_days is not None else base.half_life_days,
        rank=base.rank,
    )
    store.save_circle(conn, ctx.owner_id, circle)
    ctx._circles = None
    if old is not None and old.half_life_days != circle.half_life_days:
        ids = store.filter_ids(conn, ctx.owner_id, key, None, include_archived=True)
        recompute_histories(ctx, conn, ids, circle.half_life_days)
    return circle


def circles_overview(ctx: Context, conn: Connection) -> list[dict[str, Any]]:
    counts = store.count_in_circle(conn, ctx.owner_id)
    rusting_counts: dict[str, int] = {}
    for state in store.states(conn, ctx.owner_id):
        circle = cadence.circle_named(ctx.circles(conn), state.circle)
        if circle is not None and cadence.rusting(state, circle, ctx.now) is not None:
            rusting_counts[circle.name] = rusting_counts.get(circle.name, 0) + 1
    archived = len(store.filter_ids(conn, ctx.owner_id, ARCHIVED, None, include_archived=True))
    return [
        {
            "name": c.name,
            "cadence_days": c.cadence_days,
            "capacity": c.capacity,
            "half_life_days": c.half_life_days,
            "members": archived if c.name == ARCHIVED else counts.get(c.name, 0),
            "rusting": rusting_counts.get(c.name, 0),
        }
        for c in ctx.circles(conn)
    ]


def profile(ctx: Context, conn: Connection, typed: str) -> dict[str, Any]:
    """Everything stored about one person."""
    person = resolve(ctx, conn, typed)
    row = store.contact_row(conn, ctx.owner_id, person.id)
    assert row is not None
    state = next(store.states(conn, ctx.owner_id, ids=[person.id], include_archived=True))
    circle = cadence.circle_named(ctx.circles(conn), row.circle)
    half_life = _half_life(circle)
    details = store.details_of(conn, person.id)
    rust = cadence.rusting(state, circle, ctx.now) if circle else None
    return {
        "id": row.id,
        "name": row.display_name,
        "prefix": row.prefix,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "organisation": row.organisation,
        "title": row.job_title,
        "circle": row.circle,
        "archived": row.archived,
        "emails": details["emails"],
        "phones": details["phones"],
        "urls": details["urls"],
        "tags": details["tags"],
        "interests": details["interests"],
        "address": row.address,
        "how_met": row.how_met,
        "looking_for": row.looking_for,
        "offers": row.offers,
        "dates": activity.yearly_of(conn, person.id),
        "created_at": row.created_at,
        "first_met_at": row.first_met_at,
        "first_met_place": row.first_met_place,
        "last_touch_at": row.last_touch_at,
        "last_real_at": row.last_real_at,
        "interaction_count": row.interaction_count,
        "in_person_count": row.in_person_count,
        "strength": strength_percent(strength_at(state.history, ctx.now, half_life)),
        "rusting": rust is not None,
        "balance": state.balance,
        "given": state.given,
        "received": state.received,
        "open_asks": state.open_asks,
        "notes": activity.notes_of(conn, person.id),
        "interactions": activity.recent_interactions(conn, person.id),
        "ledger": activity.ledger_of(conn, person.id),
        "events": activity.events_of(conn, person.id),
        "sources": store.sources_of(conn, person.id),
    }


_FEW = 900  # contacts read by their ids (below SQLite's oldest bound on parameters); more: all read, some kept


def listing(
    ctx: Context,
    conn: Connection,
    circle: str | None = None,
    tag: str | None = None,
    only_rusting: bool = False,
    never_met: bool = False,
    among: Collection[int] | None = None,
) -> list[dict[str, Any]]:
    """Contacts with their first phone number (as stored: E.164 where it could be read), circle, last touch,
    strength and balance, by name; `never_met`: only those never met in person; `among`: only these contacts (read
    and weighed alone, so that a narrow search costs little)."""
    if circle is not None:
        circle = _circle(ctx, conn, circle).name
    ids = store.filter_ids(conn, ctx.owner_id, circle, tag, include_archived=circle == ARCHIVED) if tag else None
    if among is not None:
        ids = sorted(among) if ids is None else [i for i in ids if i in among]
    if ids == []:
        return []
    rows = []
    circles = ctx.circles(conn)
    wanted = None if ids is None else set(ids)
    few = ids if ids is not None and len(ids) <= _FEW else None  # read only those; else read all, keep the wanted
    numbers = store.first_phones(conn, ctx.owner_id, few)
    states = store.states(
        conn, ctx.owner_id, circle_names=[circle] if circle else None, ids=few, include_archived=circle == ARCHIVED
    )
    for state in states:
        if wanted is not None and state.id not in wanted:
            continue
        c = cadence.circle_named(circles, state.circle)
        rust = cadence.rusting(state, c, ctx.now) if c else None
        if only_rusting and rust is None:
            continue
        if never_met and not state.history.never_met_in_person:
            continue
        rows.append(
            {
                "id": state.id,
                "name": state.name,
                "organisation": state.organisation,
                "phone": numbers.get(state.id, ""),
                "circle": state.circle,
                "last_real_at": state.history.last_real_at,
                "strength": strength_percent(strength_at(state.history, ctx.now, c.half_life_days if c else 365)),
                "balance": state.balance,
                "rusting": rust is not None,
            }
        )
    rows.sort(key=lambda r: (fold(str(r["name"])), int(str(r["id"]))))
    return rows


def tags(ctx: Context, conn: Connection) -> list[str]:
    """Every tag in use, each once, by name (for choosing one)."""
    return store.tag_names(conn, ctx.owner_id)


def _half_life(circle: Circle | None) -> float:
    """How fast a tie fades: its circle's half-life (a circle no longer configured: a year)."""
    return circle.half_life_days if circle else 365


def strength_over_time(ctx: Context, conn: Connection, typed: str, weeks: int = 52) -> list[tuple[datetime, int]]:
    """One contact's strength (0–100) each week over the last `weeks` weeks, ending now."""
    from rapport.domain.strength import strength_series

    person = resolve(ctx, conn, typed)
    row = store.contact_row(conn, ctx.owner_id, person.id)
    assert row is not None
    half_life = _half_life(cadence.circle_named(ctx.circles(conn), row.circle))
    moments = [ctx.now - timedelta(weeks=weeks - k) for k in range(weeks + 1)]
    history = activity.interactions_of(conn, [person.id]).get(person.id, [])
    return list(zip(moments, strength_series(history, moments, half_life), strict=True))


def forget(ctx: Context, conn: Connection, person: Person) -> None:
    """Delete a contact and everything stored about them; shared interactions stay for the others."""
    store.delete_contacts(conn, ctx.owner_id, [person.id])
