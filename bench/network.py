"""A seeded synthetic network: contacts in circles, years of interactions, favours, news and birthdays.

The store is filled with SQLAlchemy Core executemany in batches, straight into the tables. The running summaries
on `contacts` (interaction counts, last touches, strength, favour counts) are folded from the generated rows with
the domain's own `with_interaction` in chronological order, which is what `summarise()` does, so the rows hold the
values the services would have maintained.

Shape (N contacts, M interactions over the last `years` years before `now`):

- circles: 20 core, 150 active, about 8 % of the rest archived, the others wider;
- each contact has a weight (how often we are in touch: core ~60, active ~15, the rest Pareto-distributed, so a
  few have thousands of interactions and most have a handful or none) and a
  period in which we were in touch (core and active: until now; wider: a year and a half on average, so many ties
  are dormant);
- most contacts met after the start begin with an in-person meeting (so recent ones open follow-up windows),
  which 80 % of the time I follow up on within 72 hours;
- about 2 % of the interactions are group meetups with 3 to 7 contacts;
- favours (N/2), news (N/5), birthdays (55 %, a quarter without year, some on 29 February), anniversaries (3 %).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from rapport.domain.model import (
    ARCHIVED,
    Channel,
    EventKind,
    FavourKind,
    History,
    Initiator,
    Interaction,
)
from rapport.domain.strength import summarise, with_interaction
from rapport.domain.text import search_key
from rapport.services.context import Context
from rapport.store import activity
from rapport.store.contacts import HISTORY_COLUMNS
from rapport.store.schema import (
    Moment,
    contacts,
    events,
    favours,
    interactions,
    participants,
    yearly_dates,
)

DAY = 86400.0
YEAR = 365.25 * DAY


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _words(
    "Anna Andrea Adrian Aline Alexander Amélie Beat Barbara Benjamin Bettina Björn Carla Christian Chloé Claudia "
    "Daniel Daniela David Dominik Elena Elias Emma Eva Fabian Felix Florian François Franziska Gabriel Hannah Heidi "
    "Ines Isabelle Jakob Jana Jan Jasmin Jonas Josef Julia Jürgen Karin Katharina Kevin Lara Laura Lea Lena Leon "
    "Lukas Luca Manuel Marc Maria Marina Markus Martin Mathias Meret Michael Michèle Monika Nadine Nicolas Nina "
    "Noah Olivia Pascal Patrick Paul Petra Philipp Rafael Raphaël Regula Renate Roger Ruth Sabine Samuel Sandra "
    "Sarah Sebastian Silvia Simon Simone Sofia Søren Stefan Stefanie Susanne Thomas Tobias Ursula Valentin Vanessa "
    "Verena Walter Yannick Yvonne Zoë Ömer Özlem Ana José Chiara Matteo Giulia Lorenzo Aurélie Émile Noémie"
)
FAMILY = _words(
    "Müller Meier Schmid Keller Weber Huber Schneider Meyer Steiner Fischer Gerber Brunner Baumann Frei Zimmermann "
    "Moser Widmer Wyss Graf Roth Suter Baumgartner Bachmann Studer Bucher Berger Kaufmann Hess Amstutz Lüthi "
    "Marti Kälin Gössi Rüegg Schärer Hürlimann Bühler Näf Jäggi Würgler Egli Fuchs Vogel Ammann Lehmann Brun Favre "
    "Rochat Blanc Bonvin Rossi Bernasconi Ferrari Colombo Bianchi Romano Ricci Martinez García Fernández Silva "
    "Santos Pereira Costa Novak Kovač Horváth Nowak Kowalski Yılmaz Demir Şahin Andersen Nielsen Jensen Larsen "
    "Olsen Hansen Smith Johnson Brown Taylor Wilson Davies Evans Thomas O'Brien Murphy Kelly Dubois Lefèvre "
    "Moreau Laurent Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Chevalier Schulz Wagner Becker Hoffmann "
    "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Braun Krüger Hofmann Hartmann Lange Köhler "
    "Kraus Lorenz Jung Hahn Vogt Engel Sommer Haas Ziegler Seiler Tanaka Suzuki Kim Lee Chen Wang Nguyen Tran"
)
ORGANISATIONS = (
    "Swisscom",
    "UBS",
    "Roche",
    "Novartis",
    "Nestlé",
    "ABB",
    "Migros",
    "Coop",
    "SBB",
    "Google Zürich",
    "ETH Zürich",
    "EPFL",
    "Universität Bern",
    "Zühlke",
    "Adnovum",
    "Ergon",
    "Digitec Galaxus",
    "Swiss Re",
    "Zurich Insurance",
    "Helvetia",
    "PostFinance",
    "Raiffeisen",
    "Credit Suisse",
    "Julius Bär",
    "Sonova",
    "Logitech",
    "Kudelski",
    "Temenos",
    "On",
    "Sherpany",
    "Scandit",
    "Nexthink",
    "Climeworks",
    "Frontify",
    "Beekeeper",
    "Swiss Post",
    "Lonza",
    "Sika",
    "Holcim",
    "Schindler",
    "Stadler Rail",
    "Kanton Zürich",
    "Stadt Bern",
    "Freelance",
    "",
    "",
    "",
    "",
    "",
    "",
)
TITLES = (
    "",
    "",
    "Engineer",
    "Product Manager",
    "CTO",
    "Head of Sales",
    "Designer",
    "Consultant",
    "Researcher",
    "Founder",
    "Partner",
    "Recruiter",
    "Data Scientist",
    "Lawyer",
    "Teacher",
)
LOOKING_FOR = (
    "a new role in product management",
    "a co-founder for a climate start-up",
    "introductions to investors",
    "a flat in Zürich",
    "speakers for a meetup",
    "a Rust developer",
    "advice on moving to Berlin",
    "customers in the insurance sector",
    "a mentor in data science",
    "feedback on a book draft",
    "a board seat",
    "a job in the public sector",
)
PLACES = (
    "Café Sprüngli",
    "Impact Hub Zürich",
    "ETH Polyterrasse",
    "Kaufleuten",
    "Tibits Bern",
    "Lunch at the office",
    "Zürich Meetup",
    "Swiss Tech Summit",
    "Konferenz Luzern",
    "Baur au Lac",
    "Hiltl",
    "Coworking Basel",
    "Zoom coffee",
    "Rooftop bar",
    "Gurten Festival",
    "Lake Geneva walk",
    "Apéro",
    "Conference dinner",
)
TOPICS = (
    "",
    "",
    "",
    "",
    "AI",
    "hiring",
    "fundraising",
    "the new project",
    "skiing",
    "their promotion",
    "a book",
    "the conference",
    "kids",
    "moving house",
)
EVENT_TEXTS = {
    EventKind.PROMOTION: "promoted to {title}",
    EventKind.NEW_JOB: "started at {org}",
    EventKind.WORK_ANNIVERSARY: "{years} years at {org}",
    EventKind.MEDIA: "interviewed in the NZZ",
    EventKind.OTHER: "ran the Zürich marathon",
}
# How interactions happen (cumulative weights for random.choices); group meetups are added separately.
CHANNEL_SHARES = (
    (Channel.EMAIL, 30),
    (Channel.MESSAGE, 21),
    (Channel.CALL, 10),
    (Channel.VIDEO, 8),
    (Channel.IN_PERSON, 12),
    (Channel.LINKEDIN, 5),
    (Channel.XING, 2),
    (Channel.SOCIAL, 12),
)
GROUP_SHARE = 0.02


@dataclass(frozen=True)
class Spec:
    contacts: int = 30_000
    interactions: int = 1_000_000
    seed: int = 42
    years: int = 5
    batch: int = 10_000


@dataclass
class Person:
    id: int
    circle: str
    half_life: float
    weight: float
    born: float  # epoch seconds: when we got to know each other
    end: float  # epoch seconds: when we stopped being in touch (now for core and active)
    created_at: datetime
    history: History = field(default_factory=History)
    given: int = 0
    received: int = 0
    open_asks: int = 0


@dataclass
class LoadStats:
    contacts: int = 0
    interactions: int = 0
    participants: int = 0
    favours: int = 0
    events: int = 0
    yearly_dates: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return self.contacts + self.interactions + self.participants + self.favours + self.events + self.yearly_dates


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(int(seconds), UTC)


def _batched(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Generator:
    def __init__(self, ctx: Context, spec: Spec, say: Callable[[str], None] = print) -> None:
        self.ctx = ctx
        self.spec = spec
        self.say = say
        self.rng = random.Random(spec.seed)
        self.owner_id = ctx.owner_id
        self.now = ctx.now.timestamp()
        self.start = self.now - spec.years * YEAR
        self.people: list[Person] = []
        self.stats = LoadStats()

    # -- the whole load -------------------------------------------------------------------------------------
    def run(self) -> LoadStats:
        began = time.perf_counter()
        with self.ctx.transaction() as conn:
            if self.ctx.location.is_sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB page cache for the load only
            half_lives = {c.name: float(c.half_life_days) for c in self.ctx.circles(conn)}
            self._phase("contacts", lambda: self._contacts(conn, half_lives))
            self._phase("interactions", lambda: self._interactions(conn))
            self._phase("favours", lambda: self._favours(conn))
            self._phase("summaries", lambda: self._summaries(conn))
            self._phase("dates+news", lambda: self._dates_and_news(conn))
            if not self.ctx.location.is_sqlite:
                for table in ("contacts", "interactions", "favours", "events", "yearly_dates"):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                    )
        if not self.ctx.location.is_sqlite:
            # what autovacuum does shortly after a bulk load: statistics and the visibility map
            self._phase("vacuum analyze", self._vacuum_analyze)
        self.stats.seconds = time.perf_counter() - began
        return self.stats

    def _phase(self, name: str, work: Callable[[], None]) -> None:
        began = time.perf_counter()
        work()
        self.stats.phases[name] = time.perf_counter() - began
        self.say(f"  {name:<15} {self.stats.phases[name]:7.1f} s")

    def _vacuum_analyze(self) -> None:
        with self.ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")

    def _next_id(self, conn: Connection, table: Any) -> int:
        return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1

    # -- contacts ---------------------------------------------------------------------------------------------
    def _circles(self) -> list[str]:
        n = self.spec.contacts
        core = min(20, n // 10)
        active = min(150, n // 5)
        rest = n - core - active
        archived = round(rest * 0.08)
        names = ["core"] * core + ["active"] * active + [ARCHIVED] * archived + ["wider"] * (rest - archived)
        self.rng.shuffle(names)
        return names

    def _names(self) -> Iterator[tuple[str, str, str, str]]:
        rng, seen = self.rng, set()
        while True:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            middle = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.3 else ""
            display = " ".join(p for p in (given, middle, family) if p)
            if display in seen:
                continue
            seen.add(display)
            yield display, given, middle, family

    def _lifespan(self, circle: str) -> tuple[float, float, float]:
        """(weight, born, end) of a contact in that circle."""
        rng, start, now = self.rng, self.start, self.now
        if circle == "core":
            return 60.0 * rng.lognormvariate(0, 0.5), start - rng.uniform(0, 10 * YEAR), now
        if circle == "active":
            born = start - rng.uniform(0, 5 * YEAR) if rng.random() < 0.7 else rng.uniform(start, now - 30 * DAY)
            return 15.0 * rng.lognormvariate(0, 0.6), born, now
        weight = 0.0 if rng.random() < 0.08 else min(rng.paretovariate(1.16), 150.0)
        if circle == ARCHIVED:
            born = rng.uniform(start - 3 * YEAR, now - YEAR)
            return weight, born, min(born + rng.expovariate(1 / YEAR), now - 180 * DAY)
        born = rng.uniform(start - 3 * YEAR, now)
        return weight, born, min(born + rng.expovariate(1 / (1.5 * YEAR)), now)

    def _contacts(self, conn: Connection, half_lives: dict[str, float]) -> None:
        rng = self.rng
        first_id = self._next_id(conn, contacts)
        names = self._names()
        rows = []
        for offset, circle in enumerate(self._circles()):
            weight, born, end = self._lifespan(circle)
            created = _utc(born - rng.uniform(0, 30 * DAY) if born > self.start else born)
            person = Person(first_id + offset, circle, half_lives[circle], weight, born, max(end, born), created)
            self.people.append(person)
            display, given, middle, family = next(names)
            rows.append(
                {
                    "id": person.id,
                    "owner_id": self.owner_id,
                    "display_name": display,
                    "search_key": search_key(display),
                    "given_name": given,
                    "middle_name": middle,
                    "family_name": family,
                    "organisation": rng.choice(ORGANISATIONS),
                    "job_title": rng.choice(TITLES),
                    "looking_for": rng.choice(LOOKING_FOR) if rng.random() < 0.1 else "",
                    "circle": circle,
                    "archived": circle == ARCHIVED,
                    "created_at": created,
                    "updated_at": created,
                }
            )
        for batch in _batched(iter(rows), self.spec.batch):
            conn.execute(insert(contacts), batch)
        self.stats.contacts = len(rows)

    # -- interactions -----------------------------------------------------------------------------------------
    def _first_meetings(self) -> list[tuple[float, Person, Channel, Initiator | None]]:
        """The in-person meeting that starts most ties begun after the start, mostly followed up within 72 hours."""
        rng = self.rng
        met: list[tuple[float, Person, Channel, Initiator | None]] = []
        for p in self.people:
            if p.weight > 0 and p.circle in ("wider", "active") and p.born > self.start and rng.random() < 0.6:
                met.append((p.born, p, Channel.IN_PERSON, None))
                follow_up = p.born + rng.uniform(2 * 3600, 70 * 3600)
                if rng.random() < 0.8 and follow_up < self.now:
                    met.append(
                        (follow_up, p, rng.choice((Channel.EMAIL, Channel.MESSAGE, Channel.LINKEDIN)), Initiator.ME)
                    )
        met.sort(key=lambda item: item[0])
        return met[: self.spec.interactions // 4]

    def _interactions(self, conn: Connection) -> None:
        spec, rng = self.spec, self.rng
        first_meetings = self._first_meetings()
        total = spec.interactions
        slices = max(20, total // 5000)
        width = (self.now - self.start) / slices
        random_total = total - len(first_meetings)
        channels = [c for c, _ in CHANNEL_SHARES]
        channel_cum = list(accumulate(w for _, w in CHANNEL_SHARES))
        next_id = self._next_id(conn, interactions)
        met_index = 0
        batch_i: list[dict[str, Any]] = []
        batch_p: list[dict[str, Any]] = []
        folded = 0

        def flush() -> None:
            if batch_i:
                conn.execute(insert(interactions), batch_i)
                conn.execute(insert(participants), batch_p)
                batch_i.clear()
                batch_p.clear()

        for s in range(slices):
            lo, hi = self.start + s * width, self.start + (s + 1) * width
            alive = [p for p in self.people if p.weight > 0 and p.born <= hi and p.end >= lo]
            cum = list(accumulate(p.weight for p in alive))
            count = random_total * (s + 1) // slices - random_total * s // slices
            # distinct whole seconds in the slice, in order
            span = max(1, int(hi - lo))
            moments = [lo + x for x in rng.sample(range(span), min(count, span))] if alive else []
            picks = rng.choices(alive, cum_weights=cum, k=len(moments)) if alive else []
            items: list[tuple[float, list[Person], Channel, Initiator | None]] = []
            for moment, person in zip(moments, picks, strict=True):
                if rng.random() < GROUP_SHARE:
                    group = {person.id: person}
                    for other in rng.choices(alive, cum_weights=cum, k=rng.randint(2, 6)):
                        group[other.id] = other
                    items.append((moment, list(group.values()), Channel.GROUP, None))
                else:
                    items.append((moment, [person], rng.choices(channels, cum_weights=channel_cum)[0], None))
            while met_index < len(first_meetings) and first_meetings[met_index][0] < hi:
                moment, person, channel, initiator = first_meetings[met_index]
                items.append((moment, [person], channel, initiator))
                met_index += 1
            items.sort(key=lambda item: item[0])
            for moment, people, channel, chosen in items:
                occurred = _utc(moment)
                initiator = chosen or (Initiator.ME if rng.random() < 0.55 else Initiator.THEM)
                in_person = channel in (Channel.IN_PERSON, Channel.GROUP)
                place = rng.choice(PLACES) if in_person else ""
                item = Interaction(occurred, channel, initiator, rng.choice(TOPICS), place)
                batch_i.append(
                    {
                        "id": next_id,
                        "owner_id": self.owner_id,
                        "occurred_at": occurred,
                        "channel": channel.value,
                        "initiator": initiator.value,
                        "summary": item.summary,
                        "place": place,
                    }
                )
                for person in people:
                    batch_p.append({"interaction_id": next_id, "contact_id": person.id})
                    person.history = with_interaction(person.history, item, person.half_life)
                    folded += 1
                next_id += 1
                if len(batch_i) >= spec.batch:
                    self.stats.interactions += len(batch_i)
                    self.stats.participants += len(batch_p)
                    flush()
        self.stats.interactions += len(batch_i)
        self.stats.participants += len(batch_p)
        flush()

    # -- favours, summaries, dates, news ----------------------------------------------------------------------
    def _favours(self, conn: Connection) -> None:
        rng = self.rng
        known = [p for p in self.people if p.history.interaction_count > 0]
        if not known:
            return
        cum = list(accumulate(math.sqrt(p.weight) for p in known))
        kinds = [k.value for k in FavourKind]
        ledger = []
        for person in rng.choices(known, cum_weights=cum, k=self.spec.contacts // 2):
            lo = max(person.born, self.start)
            ledger.append((rng.uniform(lo, max(lo, person.end)), person))
        ledger.sort(key=lambda item: item[0])
        first_id = self._next_id(conn, favours)

        def rows() -> Iterator[dict[str, Any]]:
            for offset, (moment, person) in enumerate(ledger):
                roll = rng.random()
                if roll < 0.45:
                    direction, kind = "given", rng.choice(kinds)
                    person.given += 1
                elif roll < 0.85:
                    direction, kind = "received", rng.choice(kinds)
                    person.received += 1
                    person.open_asks = max(0, person.open_asks - 1)
                else:
                    direction, kind = "asked", "ask"
                    person.open_asks += 1
                yield {
                    "id": first_id + offset,
                    "owner_id": self.owner_id,
                    "contact_id": person.id,
                    "direction": direction,
                    "kind": kind,
                    "occurred_at": _utc(moment),
                    "note": "",
                }

        for batch in _batched(rows(), self.spec.batch):
            conn.execute(insert(favours), batch)
            self.stats.favours += len(batch)

    def _summaries(self, conn: Connection) -> None:
        names = HISTORY_COLUMNS
        moments = {"first_met_at", "last_touch_at", "last_real_at", "last_mine_at", "strength_at"}
        values: dict[str, Any] = {
            name: bindparam(f"v_{name}", type_=Moment if name in moments else None) for name in names
        }
        for name in ("given_count", "received_count", "open_asks"):
            values[name] = bindparam(f"v_{name}")
        statement = update(contacts).where(contacts.c.id == bindparam("v_id")).values(values)

        def rows() -> Iterator[dict[str, Any]]:
            for p in self.people:
                if p.history.interaction_count == 0 and not (p.given or p.received or p.open_asks):
                    continue
                row = {f"v_{name}": getattr(p.history, name) for name in names}
                row.update(v_id=p.id, v_given_count=p.given, v_received_count=p.received, v_open_asks=p.open_asks)
                yield row

        for batch in _batched(rows(), self.spec.batch):
            conn.execute(statement, batch)

    def _dates_and_news(self, conn: Connection) -> None:
        rng = self.rng
        first_date = self._next_id(conn, yearly_dates)
        dates = []
        for person in self.people:
            roll = rng.random()
            if roll < 0.55:
                year = rng.randint(1950, 2004) if rng.random() < 0.75 else None
                if rng.random() < 0.005:  # leap-day children, with or without a (leap) year
                    month, day, year = 2, 29, (rng.choice(range(1952, 2005, 4)) if year else None)
                else:
                    month = rng.randint(1, 12)
                    day = rng.randint(1, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
                dates.append(("birthday", "", month, day, year, person.id))
            if rng.random() < 0.03:
                month, day = rng.randint(1, 12), rng.randint(1, 28)
                dates.append(
                    (
                        "anniversary",
                        rng.choice(("wedding", "company founded", "")),
                        month,
                        day,
                        rng.randint(1990, 2025),
                        person.id,
                    )
                )
        rows = [
            {
                "id": first_date + i,
                "owner_id": self.owner_id,
                "contact_id": cid,
                "kind": kind,
                "label": label,
                "month": month,
                "day": day,
                "year": year,
                "month_day": month * 100 + day,
            }
            for i, (kind, label, month, day, year, cid) in enumerate(dates)
        ]
        for batch in _batched(iter(rows), self.spec.batch):
            conn.execute(insert(yearly_dates), batch)
        self.stats.yearly_dates = len(rows)

        first_event = self._next_id(conn, events)
        kinds = [EventKind.PROMOTION, EventKind.NEW_JOB, EventKind.WORK_ANNIVERSARY, EventKind.MEDIA, EventKind.OTHER]
        zone = self.ctx.zone
        news = []
        for offset in range(self.spec.contacts // 5):
            person = rng.choice(self.people)
            kind = rng.choice(kinds)
            on: date = datetime.fromtimestamp(rng.uniform(self.start, self.now + 7 * DAY), zone).date()
            label = EVENT_TEXTS[kind].format(
                title=rng.choice(TITLES[2:]), org=rng.choice(ORGANISATIONS[:40]), years=rng.randint(1, 25)
            )
            news.append(
                {
                    "id": first_event + offset,
                    "owner_id": self.owner_id,
                    "contact_id": person.id,
                    "kind": kind.value,
                    "happened_on": on,
                    "text": label,
                    "source": rng.choice(("manual", "linkedin")),
                }
            )
        for batch in _batched(iter(news), self.spec.batch):
            conn.execute(insert(events), batch)
        self.stats.events = len(news)


def generate(ctx: Context, spec: Spec, say: Callable[[str], None] = print) -> LoadStats:
    """Fill the context's store with a network for its owner (which should have no contacts yet)."""
    return Generator(ctx, spec, say).run()


def counts(ctx: Context) -> tuple[int, int]:
    """(contacts, interactions) of the context's owner."""
    with ctx.engine.connect() as conn:
        n_contacts = conn.execute(
            select(func.count()).select_from(contacts).where(contacts.c.owner_id == ctx.owner_id)
        ).scalar_one()
        n_interactions = conn.execute(
            select(func.count()).select_from(interactions).where(interactions.c.owner_id == ctx.owner_id)
        ).scalar_one()
    return int(n_contacts), int(n_interactions)


def verify(ctx: Context, sample: int, seed: int) -> tuple[int, list[str]]:
    """Recompute the summaries of `sample` random contacts with `summarise()` over their stored interactions.

    Returns how many were checked and the differences found (empty when the stored summaries are right).
    """
    problems: list[str] = []
    with ctx.engine.connect() as conn:
        ids = [
            int(i)
            for i in conn.execute(
                select(contacts.c.id).where(contacts.c.owner_id == ctx.owner_id, contacts.c.interaction_count > 0)
            ).scalars()
        ]
        chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
        half_lives = {c.name: c.half_life_days for c in ctx.circles(conn)}
        found = activity.interactions_of(conn, chosen)
        rows = {r.id: r for r in conn.execute(select(contacts).where(contacts.c.id.in_(chosen)))}
        for contact_id in chosen:
            row = rows[contact_id]
            expected = summarise(found[contact_id], half_lives[row.circle])
            for name in (
                "interaction_count",
                "in_person_count",
                "first_met_at",
                "first_met_place",
                "last_touch_at",
                "last_real_at",
                "last_mine_at",
                "strength_at",
            ):
                if getattr(expected, name) != getattr(row, name):
                    problems.append(
                        f"contact {contact_id}: {name} stored {getattr(row, name)!r}, "
                        f"summarise() gives {getattr(expected, name)!r}"
                    )
            if not math.isclose(expected.strength, row.strength, rel_tol=1e-9, abs_tol=1e-12):
                problems.append(
                    f"contact {contact_id}: strength stored {row.strength}, summarise() gives {expected.strength}"
                )
    return len(chosen), problems


def drop_sqlite_wal(ctx: Context) -> None:
    """Checkpoint the WAL after the load, so that the benchmark starts from a compact file."""
    with ctx.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


__all__ = ["LoadStats", "Spec", "counts", "drop_sqlite_wal", "generate", "verify"]
