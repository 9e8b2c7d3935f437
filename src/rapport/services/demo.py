"""A demo network, dated around `ctx.now`, that shows every practice on the day's agenda at once.

The owner is a manager in Zürich (Julia in the practices). Two days ago she met Thomas Keller at an after-work
talk on Design Thinking, so the 72-hour window is open. She organises a monthly "Stamm" with former colleagues
from Nordstern Logistik (Urs' story: one of them, Urs Widmer, is looking for a job). Around them live 35
more people with three years of e-mails, calls, meetings, likes, favours and news.

Everything is dated relative to `ctx.now` in the user's time zone, so the demo works for any --now, and is
written through the ordinary use cases (add, met, log, note, favour, news, move), never by raw SQL. Randomness
comes only from a `random.Random` with a fixed seed: the same `now` gives the same data.

Whatever the day, the agenda right after loading holds a follow-up (Thomas), a congratulation (Claudia's
birthday in two days, Lukas' promotion two days ago), a rusting core contact (Martina), a give-first (Reto, who
helped me twice), a dormant tie (Andrea, last heard of almost three years ago, who once recommended me) and a
meet-in-person (Nina, in the core circle for a year of e-mails and video calls, never met in person). The
contacts that carry these actions have no fixed-date birthday that could push another action ahead of theirs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection

from rapport.domain.dates import local_day
from rapport.domain.model import Channel, Direction, Initiator, Interaction
from rapport.domain.text import fold_german
from rapport.services import journal, people
from rapport.services.context import Context
from rapport.services.people import NewContact, Person
from rapport.store.contacts import delete_contacts

SEED = 20260524
STAMM = "Stamm of the ex-Nordstern crew, Restaurant Kreuz, Zürich"
TALK = "Feierabendanlass Design Thinking, Werkplatz Innovation, Zürich"
# Days ago of the monthly meetups of former Nordstern colleagues (roughly every four weeks for 15 months).
MEETUP_DAYS = (445, 416, 382, 354, 320, 291, 263, 229, 200, 172, 137, 110, 81, 52, 23)
PATRICK_JOINS = 137  # a new face at the Stamm, brought along by Marco


@dataclass(frozen=True)
class _Rhythm:
    """A generated history: first met in person `first` days ago, then about every `gap` days until `last`."""

    first: int
    last: int
    gap: int
    mix: str  # a key of _MIXES


@dataclass(frozen=True)
class _Spec:
    name: str
    company: str
    title: str
    circle: str
    domain: str = ""  # e-mail domain (reserved .example names); empty: no e-mail known
    phone: bool = True
    linkedin: bool = False
    xing: bool = False
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    birthday: str | None = None
    how_met: str = ""
    looking_for: str = ""
    offers: str = ""
    rhythm: _Rhythm | None = None
    met_note: str = ""


_MIXES: dict[str, tuple[tuple[Channel, int], ...]] = {
    "close": ((Channel.IN_PERSON, 3), (Channel.CALL, 3), (Channel.MESSAGE, 3), (Channel.EMAIL, 1), (Channel.VIDEO, 1)),
    "work": ((Channel.EMAIL, 4), (Channel.CALL, 2), (Channel.VIDEO, 2), (Channel.IN_PERSON, 2), (Channel.LINKEDIN, 1)),
    "online": (
        (Channel.LINKEDIN, 3),
        (Channel.EMAIL, 2),
        (Channel.XING, 1),
        (Channel.VIDEO, 1),
        (Channel.IN_PERSON, 1),
    ),
}

_SUMMARIES: dict[Channel, tuple[str, ...]] = {
    Channel.IN_PERSON: (
        "Lunch, talked about {topic}",
        "Coffee near Stadelhofen: {topic}",
        "After-work drink, mostly {topic}",
        "Breakfast meeting about {topic}",
    ),
    Channel.CALL: (
        "Phone call about {topic}",
        "Quick call, catching up",
        "Call: asked for a second opinion on {topic}",
    ),
    Channel.VIDEO: ("Teams call on {topic}", "Zoom catch-up", "Video call: shared screens on {topic}"),
    Channel.EMAIL: (
        "E-mail about {topic}",
        "Sent an article on {topic}",
        "E-mail: news from both sides",
        "E-mail: question about {topic}",
    ),
    Channel.LINKEDIN: ("LinkedIn message about {topic}", "LinkedIn: commented and wrote a few lines"),
    Channel.XING: ("Xing message, catching up", "Xing: asked about {topic}"),
    Channel.MESSAGE: ("WhatsApp, catching up", "Messages about {topic}", "Signal: planning to meet"),
    Channel.SOCIAL: ("Liked a post on {topic}", "Commented on a LinkedIn post"),
}
_CITIES = ("Zürich", "Zürich", "Winterthur", "Bern", "Basel", "Zug", "Luzern")


# The people of the background: their history is generated from the rhythm.
_BACKGROUND: tuple[_Spec, ...] = (
    # core: people I really know and hear from about monthly
    _Spec(
        "Roger Baumgartner",
        "Sihltal Consulting GmbH",
        "Managing Partner",
        "core",
        "sihltal-consulting.example",
        linkedin=True,
        tags=("mentor",),
        interests=("leadership", "board work"),
        birthday="1961-04-17",
        how_met="My first boss at Nordstern Logistik",
        offers="Sparring on career decisions",
        rhythm=_Rhythm(1090, 12, 34, "close"),
        met_note="Still my mentor. Prefers a proper lunch to any call; ask about his sailing boat on the Zugersee.",
    ),
    _Spec(
        "Esther Lüthi",
        "Bergblick Hotels AG",
        "CFO",
        "core",
        "bergblick-hotels.example",
        linkedin=True,
        tags=("mba", "friend"),
        interests=("finance", "hospitality"),
        birthday="1978-09-03",
        how_met="Executive MBA, University of St. Gallen",
        rhythm=_Rhythm(1060, 18, 30, "close"),
    ),
    _Spec(
        "Simone Brändli",
        "Glarner Textil AG",
        "Head of Marketing",
        "core",
        "glarner-textil.example",
        linkedin=True,
        tags=("peer-mentoring",),
        interests=("brand strategy", "sustainability"),
        birthday="--06-08",
        how_met="Peer mentoring group, Women in Leadership Zürich",
        rhythm=_Rhythm(980, 6, 28, "close"),
    ),
    _Spec(
        "Michael Graf",
        "Thurgau Mobil AG",
        "Chief Digital Officer",
        "core",
        "thurgau-mobil.example",
        linkedin=True,
        tags=("it",),
        interests=("cloud", "public transport"),
        birthday="1975-01-22",
        how_met="Swiss CX Forum 2023, Bern",
        rhythm=_Rhythm(1000, 22, 35, "work"),
    ),
    _Spec(
        "Karin Wyss",
        "Karin Wyss Coaching",
        "Executive Coach (ICF PCC)",
        "core",
        "wyss-coaching.example",
        tags=("coach",),
        interests=("coaching", "team development"),
        birthday="--10-29",
        how_met="My coach during the leadership programme",
        rhythm=_Rhythm(900, 27, 32, "close"),
    ),
    _Spec(
        "Priska Odermatt",
        "Reuss Logistik AG",
        "Head of Procurement",
        "core",
        "reuss-logistik.example",
        xing=True,
        tags=("ex-nordstern",),
        interests=("procurement", "supply chain"),
        birthday="1980-03-14",
        how_met="Colleague at Nordstern Logistik",
        rhythm=_Rhythm(1080, 40, 60, "close"),
    ),
    _Spec(
        "Marco Bernasconi",
        "Ticino Freight SA",
        "Team Lead Finance Systems",
        "core",
        "ticino-freight.example",
        xing=True,
        linkedin=True,
        tags=("ex-nordstern",),
        interests=("SAP", "football"),
        birthday="--07-02",
        how_met="Colleague at Nordstern Logistik",
        rhythm=_Rhythm(1075, 45, 70, "close"),
    ),
    # active: kept up about quarterly
    _Spec(
        "Stefan Huber",
        "Nordstern Logistik AG",
        "Warehouse Manager",
        "active",
        "nordstern-logistik.example",
        xing=True,
        tags=("ex-nordstern",),
        interests=("automation", "ice hockey"),
        birthday="1983-12-19",
        how_met="Colleague at Nordstern Logistik",
        rhythm=_Rhythm(1070, 60, 90, "work"),
    ),
    _Spec(
        "Corinne Egli",
        "Limmatdata AG",
        "Scrum Master",
        "active",
        "limmatdata.example",
        linkedin=True,
        tags=("ex-nordstern", "agile"),
        interests=("agile", "retrospectives"),
        birthday="--04-30",
        how_met="Colleague at Nordstern Logistik",
        rhythm=_Rhythm(1065, 70, 95, "work"),
    ),
    _Spec(
        "Fabian Moser",
        "Zug Digital Hub",
        "Agile Coach",
        "active",
        "zug-digital-hub.example",
        linkedin=True,
        tags=("agile", "design-thinking"),
        interests=("Liberating Structures", "facilitation"),
        how_met="Design Thinking bootcamp, 2024",
        rhythm=_Rhythm(700, 45, 70, "work"),
        met_note="Knows Liberating Structures inside out; offered to show '1-2-4-All' to my team.",
    ),
    _Spec(
        "Laura Ziegler",
        "Säntis Bank AG",
        "Head of Talent Acquisition",
        "active",
        "saentis-bank.example",
        linkedin=True,
        tags=("hr", "recruiting"),
        interests=("employer branding",),
        birthday="1987-08-25",
        how_met="HR Tech meetup, Zürich",
        rhythm=_Rhythm(640, 30, 75, "work"),
    ),
    _Spec(
        "Jonas Gerber",
        "Kleinbasel Labs GmbH",
        "Founder & CEO",
        "active",
        "kleinbasel-labs.example",
        linkedin=True,
        tags=("startup",),
        interests=("AI", "fundraising"),
        birthday="1990-05-05",
        how_met="Start-up night, Basel",
        rhythm=_Rhythm(600, 100, 80, "online"),
    ),
    _Spec(
        "Yvonne Kunz",
        "Bernina Pay AG",
        "UX Lead",
        "active",
        "bernina-pay.example",
        linkedin=True,
        tags=("ux",),
        interests=("accessibility", "user research"),
        how_met="UX Camp Zürich",
        rhythm=_Rhythm(820, 30, 80, "work"),
    ),
    _Spec(
        "Adrian Suter",
        "Rigi Robotics AG",
        "Head of Sales DACH",
        "active",
        "rigi-robotics.example",
        tags=("sales",),
        interests=("robotics", "trade fairs"),
        birthday="1972-02-11",
        how_met="Supplier at Nordstern Logistik",
        rhythm=_Rhythm(950, 75, 90, "work"),
    ),
    _Spec(
        "Céline Favre",
        "Lémanique Foods SA",
        "Marketing Manager",
        "active",
        "lemanique-foods.example",
        linkedin=True,
        tags=("romandie",),
        interests=("food tech", "trail running"),
        birthday="--10-09",
        how_met="Panel at the Swiss Marketing Day",
        rhythm=_Rhythm(520, 50, 80, "online"),
    ),
    _Spec(
        "Matthias Kuhn",
        "Töss Energie AG",
        "Head of Communications",
        "active",
        "toess-energie.example",
        tags=("communications",),
        interests=("crisis communication",),
        birthday="1969-07-27",
        how_met="Neighbour in Winterthur",
        rhythm=_Rhythm(880, 130, 100, "close"),
    ),
    _Spec(
        "Sarah Bühler",
        "Werkplatz Innovation",
        "Community Manager",
        "active",
        "werkplatz-innovation.example",
        linkedin=True,
        tags=("design-thinking", "events"),
        interests=("Design Thinking", "community building"),
        how_met="Organises the Feierabendanlässe",
        rhythm=_Rhythm(560, 20, 60, "work"),
    ),
    _Spec(
        "Heidi Bachmann",
        "Vierwaldstätter Events GmbH",
        "Project Manager",
        "active",
        "vierwaldstaetter-events.example",
        tags=("events",),
        interests=("event management", "rowing"),
        birthday="1988-02-29",
        how_met="Organised our company offsite in Brunnen",
        rhythm=_Rhythm(760, 40, 85, "work"),
    ),
    _Spec(
        "Nicole Frey",
        "Seetal Foods AG",
        "Finance Manager",
        "active",
        "seetal-foods.example",
        tags=("finance",),
        interests=("controlling",),
        birthday="--08-12",
        how_met="Executive MBA, St. Gallen",
        rhythm=_Rhythm(1040, 70, 90, "close"),
    ),
    _Spec(
        "Beat Zürcher",
        "Hochschule Limmattal",
        "Lecturer in Service Design",
        "active",
        "hs-limmattal.example",
        linkedin=True,
        tags=("design-thinking", "academia"),
        interests=("service design", "Design Thinking"),
        birthday="1966-10-15",
        how_met="Guest lecture I gave on customer experience",
        rhythm=_Rhythm(730, 24, 75, "work"),
    ),
    # wider: about once a year is enough
    _Spec(
        "Peter Hofmann",
        "Druckerei Hofmann AG",
        "Sales Director",
        "wider",
        "druckerei-hofmann.example",
        tags=("supplier",),
        interests=("print", "packaging"),
        birthday="1970-06-21",
        how_met="Logistics fair, Basel",
        rhythm=_Rhythm(1000, 400, 160, "work"),
    ),
    _Spec(
        "Monika Schaller",
        "Schaller Rechtsanwälte",
        "Attorney at law",
        "wider",
        "schaller-law.example",
        tags=("friend", "legal"),
        interests=("employment law",),
        birthday="1979-11-11",
        how_met="Studied together in Bern",
        rhythm=_Rhythm(1080, 250, 200, "close"),
    ),
    _Spec(
        "Christian Vogel",
        "Aare Cloud AG",
        "Solution Architect",
        "wider",
        "aare-cloud.example",
        linkedin=True,
        tags=("it",),
        interests=("cloud", "data protection"),
        how_met="Vendor workshop on CRM migration",
        rhythm=_Rhythm(820, 180, 180, "work"),
    ),
    _Spec(
        "Anna Caflisch",
        "Engadin Resort AG",
        "Director",
        "wider",
        "engadin-resort.example",
        tags=("hospitality",),
        interests=("tourism", "skiing"),
        birthday="--01-04",
        how_met="Introduced by Esther Lüthi",
        rhythm=_Rhythm(690, 320, 150, "close"),
    ),
    _Spec(
        "Samuel Meier",
        "Velofix GmbH",
        "Co-founder",
        "wider",
        "velofix.example",
        linkedin=True,
        tags=("startup",),
        interests=("mobility", "cycling"),
        how_met="Start-up night, Basel",
        rhythm=_Rhythm(600, 150, 150, "online"),
    ),
    _Spec(
        "Eva Schneider",
        "Limmat Zeitung",
        "Business Editor",
        "wider",
        "limmat-zeitung.example",
        tags=("media",),
        interests=("labour market", "digital economy"),
        birthday="--05-19",
        how_met="She interviewed me about customer service",
        rhythm=_Rhythm(770, 210, 200, "work"),
    ),
    _Spec(
        "Philipp Hauser",
        "Verein Design Thinking Schweiz",
        "President",
        "wider",
        "dt-schweiz.example",
        linkedin=True,
        tags=("design-thinking",),
        interests=("Design Thinking",),
        birthday="1958-08-08",
        how_met="Design Thinking bootcamp, 2024",
        rhythm=_Rhythm(700, 35, 170, "online"),
    ),
    # dormant ties: no real contact for more than two years
    _Spec(
        "Markus Imhof",
        "Wallis Print AG",
        "Key Account Manager",
        "wider",
        "wallis-print.example",
        tags=("supplier",),
        interests=("print",),
        how_met="Supplier at Nordstern Logistik",
        rhythm=_Rhythm(1090, 820, 80, "work"),
    ),
    _Spec(
        "Isabelle Perrin",
        "Genève Conseil SA",
        "Senior Consultant",
        "wider",
        "geneve-conseil.example",
        linkedin=True,
        tags=("consulting", "romandie"),
        interests=("change management",),
        how_met="Change management training, Lausanne",
        rhythm=_Rhythm(1060, 900, 50, "online"),
    ),
    _Spec(
        "Oliver Kramer",
        "Spree Data GmbH",
        "CTO",
        "wider",
        "spree-data.example",
        phone=False,
        linkedin=True,
        tags=("speaker",),
        interests=("data platforms",),
        how_met="Speaker at a CX conference in Berlin",
        rhythm=_Rhythm(1080, 1000, 30, "online"),
    ),
)


class _Demo:
    """Writes the demo through the use cases and counts what it wrote."""

    def __init__(self, ctx: Context, conn: Connection) -> None:
        self.ctx = ctx
        self.conn = conn
        self.rng = random.Random(SEED)
        self.today = local_day(ctx.now, ctx.zone)
        self.people: dict[str, Person] = {}
        self.counts = {"contacts": 0, "interactions": 0, "notes": 0, "favours": 0, "events": 0}

    # ------------------------------------------------------------------------------------------ dates
    def at(self, days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
        """A local moment `days_ago` calendar days before today (a time between 07:00 and 21:00: no DST gap)."""
        day = self.today - timedelta(days=days_ago)
        return datetime.combine(day, time(hour, minute), self.ctx.zone)

    def yearly(self, days_from_today: int, year: int) -> str:
        """A birthday that falls `days_from_today` after today; `year` is a leap year so 29 February fits."""
        day = self.today + timedelta(days=days_from_today)
        return date(year, day.month, day.day).isoformat()

    # ------------------------------------------------------------------------------------------ writing
    def add(self, new: NewContact) -> Person:
        person = people.add_contact(self.ctx, self.conn, new)
        self.people[new.name] = person
        self.counts["contacts"] += 1
        return person

    def ref(self, name: str) -> str:
        return f"#{self.people[name].id}"

    def touch(
        self,
        names: Sequence[str],
        days_ago: int,
        channel: Channel,
        summary: str,
        by_them: bool = False,
        hour: int = 12,
        minute: int = 0,
        place: str = "",
    ) -> None:
        item = Interaction(
            self.at(days_ago, hour, minute), channel, Initiator.THEM if by_them else Initiator.ME, summary, place
        )
        journal.record_interaction(self.ctx, self.conn, [self.people[n] for n in names], item)
        self.counts["interactions"] += 1

    def met(
        self,
        name: str,
        days_ago: int,
        place: str,
        topics: Sequence[str] = (),
        notes: str = "",
        hour: int = 12,
        minute: int = 0,
        looking_for: str | None = None,
    ) -> None:
        journal.met(
            self.ctx,
            self.conn,
            self.ref(name),
            at=place,
            when=self.at(days_ago, hour, minute).isoformat(),
            topics=topics,
            notes=notes or None,
            looking_for=looking_for,
        )
        self.counts["interactions"] += 1
        self.counts["notes"] += 1 if notes else 0

    def group(self, names: Sequence[str], days_ago: int, summary: str) -> None:
        journal.log(
            self.ctx, self.conn, list(names), "group", when=self.at(days_ago, 18, 30).isoformat(), summary=summary
        )
        self.counts["interactions"] += 1

    def note(self, name: str, text: str) -> None:
        journal.note(self.ctx, self.conn, self.ref(name), text)
        self.counts["notes"] += 1

    def favour(self, name: str, direction: Direction, kind: str, text: str, days_ago: int) -> None:
        journal.favour(
            self.ctx, self.conn, self.ref(name), direction, kind, text, when=self.at(days_ago, 10).isoformat()
        )
        self.counts["favours"] += 1

    def news(self, name: str, kind: str, days_ago: int, text: str) -> None:
        day = self.today - timedelta(days=days_ago)
        journal.news(self.ctx, self.conn, self.ref(name), kind, when=day.isoformat(), text=text, source="demo")
        self.counts["events"] += 1

    # ------------------------------------------------------------------------------------------ people
    def new_contact(self, spec: _Spec) -> NewContact:
        rng = self.rng
        slug = fold_german(spec.name).replace(" ", "-")
        phones = [f"+41 7{rng.choice('5689')} {rng.randint(200, 989)} {rng.randint(10, 99)} {rng.randint(10, 99)}"]
        return NewContact(
            name=spec.name,
            emails=[f"{slug.replace('-', '.')}@{spec.domain}"] if spec.domain else [],
            phones=phones if spec.phone else [],
            company=spec.company,
            title=spec.title,
            linkedin=f"https://www.linkedin.com/in/{slug}-{rng.randrange(16**6):06x}" if spec.linkedin else "",
            xing=f"https://www.xing.com/profile/{slug.title().replace('-', '_')}" if spec.xing else "",
            circle=spec.circle,
            tags=list(spec.tags),
            interests=list(spec.interests),
            birthday=spec.birthday,
            how_met=spec.how_met,
            looking_for=spec.looking_for,
            offers=spec.offers,
        )

    def history(self, spec: _Spec) -> None:
        """First met in person, then a touch about every `gap` days (some by them, a few likes) until `last`."""
        rhythm = spec.rhythm
        if rhythm is None:
            return
        rng = self.rng
        topic = spec.interests[0] if spec.interests else "work"
        self.met(
            spec.name,
            rhythm.first,
            spec.how_met,
            notes=spec.met_note,
            hour=rng.choice((12, 18)),
            minute=rng.choice((0, 15, 30)),
        )
        channels = [c for c, _ in _MIXES[rhythm.mix]]
        weights = [w for _, w in _MIXES[rhythm.mix]]
        days = rhythm.first - self.step(rhythm, rhythm.first)
        while days > rhythm.last + 3:
            self.generated(spec.name, days, rng.choices(channels, weights)[0], topic)
            if rng.random() < 0.2 and days > rhythm.last + 5:
                self.touch(
                    [spec.name],
                    days - 2,
                    Channel.SOCIAL,
                    _SUMMARIES[Channel.SOCIAL][0].format(topic=topic),
                    hour=rng.randint(7, 21),
                )
            days -= self.step(rhythm, days)
        self.generated(spec.name, rhythm.last, rng.choices(channels, weights)[0], topic)

    def step(self, rhythm: _Rhythm, days_ago: int) -> int:
        """Days to the next touch: about `gap`, twice that more than a year back (kept fewer records then)."""
        gap = rhythm.gap * (2 if days_ago > 365 else 1)
        return max(3, round(gap * self.rng.uniform(0.5, 1.5)))

    def generated(self, name: str, days_ago: int, channel: Channel, topic: str) -> None:
        rng = self.rng
        summary = rng.choice(_SUMMARIES[channel]).format(topic=topic)
        in_person = channel.in_person
        hour = rng.choice((12, 18)) if in_person else rng.randint(8, 19)
        self.touch(
            [name],
            days_ago,
            channel,
            summary,
            by_them=not in_person and rng.random() < 0.4,
            hour=hour,
            minute=rng.choice((0, 15, 30, 45)),
            place=rng.choice(_CITIES) if in_person else "",
        )


def load_demo(ctx: Context, conn: Connection) -> dict[str, int]:
    """Fill the owner's store with the demo network; returns how many contacts, interactions, notes, favours
    and events were written. Refused (contact.exists) when a demo name is already taken: reset first."""
    demo = _Demo(ctx, conn)
    _thomas(demo)
    _designated(demo)
    for spec in _BACKGROUND:
        demo.add(demo.new_contact(spec))
    _stamm(demo)
    for spec in _BACKGROUND:
        demo.history(spec)
    _ledger_and_news(demo)
    _loose_ends(demo)
    return dict(demo.counts)


def reset_demo(ctx: Context, conn: Connection) -> int:
    """Remove all of the owner's contacts and their history (the owner and the circles stay); returns how many."""
    return delete_contacts(conn, ctx.owner_id)


# ---------------------------------------------------------------------------------------------- the stories
def _thomas(demo: _Demo) -> None:
    """Julia met Thomas two days ago at 18:30 at the after-work talk; the 72-hour window is still open."""
    demo.add(
        NewContact(
            name="Thomas Keller",
            emails=["thomas.keller@brunnmatt-medical.example"],
            phones=["+41 79 412 58 30"],
            company="Brunnmatt Medical AG",
            title="Head of Operations",
            linkedin="https://www.linkedin.com/in/thomas-keller-brunnmatt",
            circle="active",
            tags=["design-thinking", "new"],
            how_met="Feierabendanlass Design Thinking",
            offers="Lean operations; contacts in medtech",
        )
    )
    demo.met(
        "Thomas Keller",
        2,
        TALK,
        topics=("Design Thinking", "new meeting formats"),
        hour=18,
        minute=30,
        looking_for="Ideas and a facilitator for a workshop on new meeting formats in his department (January)",
        notes=(
            "Talked for half an hour after the talk. His department wants to replace the weekly two-hour status "
            "meeting with something shorter; curious about stand-ups, walking meetings and Liberating Structures. "
            "Try '1-2-4-All' in my own team meeting first and tell him how it went. Cycles to work from Wollishofen, "
            "two kids. Next talk of the series ('Prototyping services') in four weeks: suggest we go together."
        ),
    )
    # What Julia did with his input, noted right after (the draft recalls it, as her note to Thomas does).
    journal.note(
        demo.ctx,
        demo.conn,
        demo.ref("Thomas Keller"),
        "Ich habe die von dir erwähnte Technik '1-2-4-All' gestern in meinem Teammeeting ausprobiert, "
        "und die Ergebnisse waren sehr positiv.",
        did=True,
        when=demo.at(1, 17).isoformat(),
    )
    demo.counts["notes"] += 1
    journal.note(  # the same in English, for a draft in English
        demo.ctx,
        demo.conn,
        demo.ref("Thomas Keller"),
        "I tried the '1-2-4-All' technique you mentioned in my team meeting yesterday, and the results were very "
        "positive.",
        did=True,
        when=demo.at(1, 17, 5).isoformat(),
    )
    demo.counts["notes"] += 1


def _designated(demo: _Demo) -> None:
    """The people who carry one kind of action each, with hand-made histories."""
    # Claudia: core, birthday in two days.
    demo.add(
        NewContact(
            name="Claudia Steiner",
            emails=["claudia.steiner@saentis-bank.example"],
            phones=["+41 79 238 14 77"],
            company="Säntis Bank AG",
            title="Director Customer Experience",
            circle="core",
            linkedin="https://www.linkedin.com/in/claudia-steiner-cx",
            tags=["mba", "friend"],
            interests=["customer experience", "yoga"],
            birthday=demo.yearly(2, 1984),
            how_met="Executive MBA, St. Gallen",
        )
    )
    for days, channel, summary, by_them in (
        (1050, Channel.IN_PERSON, "Study group, module on service operations", False),
        (700, Channel.IN_PERSON, "Graduation dinner", False),
        (330, Channel.CALL, "Call: her move to Säntis Bank", True),
        (180, Channel.IN_PERSON, "Lunch at Zeughauskeller: CX metrics", False),
        (95, Channel.MESSAGE, "WhatsApp: photos from the Engadin", True),
        (61, Channel.VIDEO, "Teams call: NPS versus customer effort score", False),
        (33, Channel.IN_PERSON, "Yoga class and a coffee afterwards", False),
        (9, Channel.MESSAGE, "WhatsApp: planning the Christmas market visit", True),
    ):
        demo.touch(["Claudia Steiner"], days, channel, summary, by_them=by_them, hour=18 if channel.in_person else 11)
    demo.note(
        "Claudia Steiner",
        "Loves the Christmas market at Sechseläutenplatz; birthday present idea: yoga studio voucher.",
    )

    # Martina: core, a close friend I have not really talked to for almost three months (a like does not count).
    demo.add(
        NewContact(
            name="Martina Frei",
            emails=["martina.frei@glattal-energie.example"],
            phones=["+41 78 615 09 42"],
            company="Glattal Energie AG",
            title="HR Business Partner",
            circle="core",
            tags=["friend", "hr"],
            interests=["coaching", "hiking"],
            birthday=demo.yearly(-100, 1980),
            how_met="Colleague at my first job",
        )
    )
    for days in (600, 540, 470, 400, 330, 270, 205, 150, 112):
        demo.touch(
            ["Martina Frei"],
            days,
            Channel.IN_PERSON if days % 20 == 0 else Channel.CALL,
            "Lunch, catching up" if days % 20 == 0 else "Long phone call",
            hour=12,
            place="Zürich",
        )
    demo.touch(["Martina Frei"], 80, Channel.MESSAGE, "WhatsApp: she started a part-time MAS in Coaching", by_them=True)
    demo.touch(["Martina Frei"], 12, Channel.SOCIAL, "Liked her post about the first MAS module", hour=21)
    demo.note("Martina Frei", "Started an MAS in Coaching in September next to her job: ask how it is going.")

    # Reto: helped me twice, I have not given anything back yet; he is looking for something I may help with.
    demo.add(
        NewContact(
            name="Reto Brunner",
            emails=["reto.brunner@helix-software.example"],
            phones=["+41 76 344 81 20"],
            company="Helix Software AG",
            title="Product Director",
            circle="active",
            linkedin="https://www.linkedin.com/in/reto-brunner-product",
            tags=["product", "saas"],
            interests=["product management", "pricing"],
            how_met="Product Circle meetup, Winterthur",
            looking_for="A senior UX researcher for his team; speakers for the Product Circle meetup in Winterthur",
            offers="Product management know-how; contacts at SaaS start-ups",
        )
    )
    demo.touch(
        ["Reto Brunner"], 690, Channel.IN_PERSON, "Product Circle meetup: pricing workshop", hour=18, place="Winterthur"
    )
    demo.touch(["Reto Brunner"], 640, Channel.LINKEDIN, "Connected on LinkedIn, thanked for the workshop")
    demo.touch(["Reto Brunner"], 210, Channel.CALL, "Call: asked him about UX agencies", hour=16)
    demo.touch(["Reto Brunner"], 48, Channel.VIDEO, "Video call: his advice on our vendor selection", hour=9)
    demo.touch(
        ["Reto Brunner"],
        20,
        Channel.EMAIL,
        "E-mail: call for speakers for the next Product Circle",
        by_them=True,
        hour=8,
        minute=15,
    )

    # Andrea: a dormant tie from almost three years ago, who once recommended me; now a partner elsewhere.
    demo.add(
        NewContact(
            name="Andrea Kälin",
            emails=["andrea.kaelin@bernoulli-analytics.example"],
            phones=["+41 79 771 36 05"],
            company="Bernoulli Analytics AG",
            title="Partner",
            circle="wider",
            linkedin="https://www.linkedin.com/in/andrea-kaelin-analytics",
            tags=["consulting", "data"],
            interests=["customer analytics", "churn models"],
            how_met="Customer-journey project with her consultancy",
        )
    )
    demo.touch(
        ["Andrea Kälin"], 1080, Channel.IN_PERSON, "Kick-off workshop, customer-journey project", hour=9, place="Basel"
    )
    demo.touch(["Andrea Kälin"], 1010, Channel.CALL, "Call: results of the churn analysis", by_them=True, hour=14)
    demo.touch(
        ["Andrea Kälin"], 950, Channel.EMAIL, "E-mail: thanks and good-bye at the end of the project", by_them=True
    )

    # Nina: over a year of LinkedIn, e-mails and video calls in both directions, a core contact never met in person.
    demo.add(
        NewContact(
            name="Nina Vogt",
            emails=["nina.vogt@rheinhafen-digital.example"],
            phones=["+41 78 902 47 18"],
            company="Rheinhafen Digital AG",
            title="Lead Product Designer",
            circle="core",
            linkedin="https://www.linkedin.com/in/nina-vogt-design",
            tags=["ux", "design-thinking"],
            interests=["service design", "accessibility"],
            how_met="She wrote after my LinkedIn post on CX metrics",
        )
    )
    demo.touch(["Nina Vogt"], 420, Channel.LINKEDIN, "Connection request with a note about my post", by_them=True)
    demo.touch(["Nina Vogt"], 419, Channel.LINKEDIN, "Replied and accepted", hour=8, minute=30)
    for days in (370, 310, 250, 190, 130, 85):
        demo.touch(
            ["Nina Vogt"], days, Channel.VIDEO, "Video call: our design reviews", hour=16, by_them=days % 20 == 10
        )
    demo.touch(["Nina Vogt"], 40, Channel.VIDEO, "Video call: service blueprints in insurance", hour=16)
    demo.touch(["Nina Vogt"], 38, Channel.EMAIL, "Sent her my slides on journey mapping", hour=9)
    demo.touch(["Nina Vogt"], 14, Channel.EMAIL, "E-mail: her team's accessibility checklist", by_them=True)
    demo.touch(["Nina Vogt"], 6, Channel.SOCIAL, "Liked her post about accessible forms", hour=20)

    # Lukas (promoted two days ago) and Sabine (new job five days ago): news to react to.
    demo.add(
        NewContact(
            name="Lukas Ammann",
            emails=["lukas.ammann@aarewerk.example"],
            phones=["+41 79 150 62 93"],
            company="Aarewerk Energie AG",
            title="Head of Digital Channels",
            circle="active",
            linkedin="https://www.linkedin.com/in/lukas-ammann-digital",
            tags=["digital"],
            interests=["customer portals", "running"],
            how_met="Swiss CX Forum 2023, Bern",
        )
    )
    for days, channel, summary in (
        (980, Channel.IN_PERSON, "Swiss CX Forum, shared a table at lunch"),
        (700, Channel.EMAIL, "E-mail: his portal relaunch"),
        (420, Channel.IN_PERSON, "Zürich marathon, cheered each other on"),
        (150, Channel.CALL, "Call: chatbot vendors"),
        (30, Channel.LINKEDIN, "LinkedIn: congratulated him on the portal award"),
    ):
        demo.touch(["Lukas Ammann"], days, channel, summary, hour=11)
    demo.add(
        NewContact(
            name="Sabine Roth",
            emails=["sabine.roth@kurzweil-mobility.example"],
            phones=["+41 76 480 27 51"],
            company="Kurzweil Mobility AG",
            title="COO",
            circle="wider",
            linkedin="https://www.linkedin.com/in/sabine-roth-coo",
            tags=["mobility"],
            interests=["operations"],
            how_met="Sat next to her at a Swissmem dinner",
        )
    )
    demo.touch(["Sabine Roth"], 800, Channel.IN_PERSON, "Industry dinner, talked about shift planning", hour=19)
    demo.touch(["Sabine Roth"], 520, Channel.EMAIL, "E-mail: article on four-day weeks", hour=9)
    demo.touch(
        ["Sabine Roth"], 200, Channel.LINKEDIN, "LinkedIn: short exchange about her conference talk", by_them=True
    )


def _stamm(demo: _Demo) -> None:
    """Urs' story: I organise a monthly Stamm with former Nordstern colleagues; a new face joined in summer."""
    demo.add(
        NewContact(
            name="Urs Widmer",
            emails=["urs.widmer@bluewin-mail.example"],
            phones=["+41 79 503 18 64"],
            title="Project Manager Supply Chain",
            circle="core",
            xing="https://www.xing.com/profile/Urs_Widmer",
            tags=["ex-nordstern", "job-seeker"],
            interests=["supply chain", "SAP EWM", "mountain biking"],
            birthday="--02-02",
            how_met="Colleague at Nordstern Logistik",
            looking_for="A project lead role in supply chain or logistics; introductions to hiring managers",
            offers="SAP EWM know-how; knows half of Swiss logistics",
        )
    )
    demo.add(
        NewContact(
            name="Patrick Zimmermann",
            emails=["patrick.zimmermann@talentbruecke.example"],
            phones=["+41 78 733 40 12"],
            company="Talentbrücke AG",
            title="Senior Recruiter Logistics",
            circle="wider",
            linkedin="https://www.linkedin.com/in/patrick-zimmermann-recruiting",
            tags=["recruiting", "stamm"],
            interests=["logistics jobs"],
            how_met="Came along to the Stamm with Marco Bernasconi",
        )
    )
    demo.met(
        "Urs Widmer",
        1085,
        "Nordstern Logistik AG, Dietikon",
        topics=("supply chain",),
        hour=9,
        notes="Project manager in the warehouse programme; the one who always knows who to call.",
    )
    regulars = ("Priska Odermatt", "Marco Bernasconi", "Stefan Huber", "Corinne Egli")
    for days in MEETUP_DAYS:
        attending = ["Urs Widmer"]
        attending += [n for n in regulars if days == MEETUP_DAYS[-1] or demo.rng.random() < 0.8]
        if days <= PATRICK_JOINS:
            attending.append("Patrick Zimmermann")
        demo.group(attending, days, STAMM)
        if days == PATRICK_JOINS:
            demo.touch(
                ["Patrick Zimmermann"],
                days - 1,
                Channel.EMAIL,
                "Nice to meet you; sent him Urs' CV as agreed",
                hour=8,
                minute=45,
            )
    people.move(demo.ctx, demo.conn, demo.ref("Patrick Zimmermann"), "active")
    for days, channel, summary, by_them in (
        (380, Channel.CALL, "He was let go in the restructuring; long call", True),
        (300, Channel.XING, "Xing: updated his profile, asked for feedback", True),
        (96, Channel.IN_PERSON, "Coffee: his application strategy", False),
        (34, Channel.EMAIL, "Forwarded the project lead opening at Reuss Logistik", False),
        (10, Channel.CALL, "Call: second interview at Reuss Logistik next week", True),
    ):
        demo.touch(["Urs Widmer"], days, channel, summary, by_them=by_them, hour=17, place="Zürich")
    demo.note(
        "Urs Widmer",
        "Open to project lead roles in supply chain, also 80 %. Do not send him generic job "
        "ads: he wants introductions to hiring managers.",
    )
    demo.note("Patrick Zimmermann", "Recruiter for logistics and supply chain roles; happy to meet Urs Widmer.")


def _ledger_and_news(demo: _Demo) -> None:
    """Favours both ways (a give-first debt only with Reto), asks, and career news old and new."""
    given, received, asked = Direction.GIVEN, Direction.RECEIVED, Direction.ASKED
    for name, direction, kind, text, days in (
        ("Reto Brunner", received, "introduction", "Introduced me to the UX agency we then hired", 205),
        ("Reto Brunner", received, "advice", "Advice on our CRM vendor selection and how to negotiate", 48),
        ("Andrea Kälin", received, "referral", "Recommended me for the customer-journey project", 1085),
        ("Andrea Kälin", given, "information", "Sent her our benchmark of Swiss insurers' service levels", 1000),
        ("Urs Widmer", received, "help", "Proof-read my board presentation", 700),
        ("Urs Widmer", given, "introduction", "Introduced him to Patrick Zimmermann (recruiter)", PATRICK_JOINS - 1),
        ("Urs Widmer", given, "job-lead", "The project lead opening at Reuss Logistik", 34),
        ("Priska Odermatt", given, "referral", "Recommended Urs Widmer to her for the project lead role", 33),
        ("Laura Ziegler", given, "referral", "Recommended a candidate for her customer service team", 120),
        ("Laura Ziegler", received, "information", "Salary benchmarks for CX roles", 90),
        ("Roger Baumgartner", received, "advice", "Feedback on my leadership offsite plan", 60),
        ("Roger Baumgartner", given, "help", "Facilitated a retrospective for his team", 25),
        ("Esther Lüthi", given, "information", "Shared our hotel-booking customer survey", 150),
        ("Esther Lüthi", received, "advice", "How to read a balance sheet before my board meeting", 140),
        ("Michael Graf", asked, "advice", "His view on our cloud tender", 50),
        ("Michael Graf", received, "advice", "Walked me through their tender criteria", 45),
        ("Michael Graf", given, "introduction", "Introduced him to Christian Vogel (cloud architect)", 30),
        ("Simone Brändli", given, "congratulation", "Congratulated her on the brand award", 70),
        ("Simone Brändli", asked, "introduction", "An introduction to the CEO of her branding agency", 8),
        ("Jonas Gerber", received, "advice", "Tips on finding a first board member", 160),
        ("Jonas Gerber", given, "introduction", "Introduced him to Roger Baumgartner", 150),
        ("Fabian Moser", given, "information", "Sent him the Liberating Structures cards", 100),
        ("Beat Zürcher", given, "congratulation", "Congratulated him on the radio interview", 24),
    ):
        demo.favour(name, direction, kind, text, days)
    for name, kind, days, text in (
        ("Lukas Ammann", "promotion", 2, "Promoted to Head of Digital Channels at Aarewerk Energie"),
        ("Sabine Roth", "new-job", 5, "Started as COO at Kurzweil Mobility"),
        ("Beat Zürcher", "media", 25, "Radio interview on service design in public administration"),
        ("Andrea Kälin", "new-job", 500, "Joined Bernoulli Analytics as a partner"),
        ("Roger Baumgartner", "work-anniversary", 200, "10 years of Sihltal Consulting"),
        ("Marco Bernasconi", "new-job", 400, "Joined Ticino Freight as team lead finance systems"),
        ("Urs Widmer", "other", 381, "Left Nordstern Logistik in the restructuring"),
        ("Esther Lüthi", "promotion", 300, "Promoted to CFO of Bergblick Hotels"),
        ("Eva Schneider", "media", 60, "Her series on the hidden job market"),
    ):
        demo.news(name, kind, days, text)
    demo.touch(["Beat Zürcher"], 24, Channel.EMAIL, "Congratulated him on the radio interview", hour=8)


def _loose_ends(demo: _Demo) -> None:
    """The talk's organiser, a card from a conference, people moved out of sight, and a few more notes."""
    demo.touch(
        ["Sarah Bühler"],
        2,
        Channel.IN_PERSON,
        "Chatted at the Design Thinking talk she organised",
        hour=18,
        minute=15,
        place="Werkplatz Innovation, Zürich",
    )
    demo.add(
        NewContact(
            name="Fabienne Rochat",
            emails=["fabienne.rochat@lac-innovation.example"],
            company="Lac Innovation SA",
            title="Innovation Manager",
            circle="wider",
            tags=["to-sort"],
            interests=["open innovation"],
            how_met="Business card from the Swiss CX Forum",
        )
    )
    for spec in (
        _Spec(
            "Ramona Gasser",
            "Headhunt Partners AG",
            "Executive Search Consultant",
            "wider",
            "headhunt-partners.example",
            linkedin=True,
            tags=("recruiting",),
            how_met="She approached me on LinkedIn",
        ),
        _Spec(
            "Dominik Rüegg",
            "",
            "Former logistics planner (emigrated to Australia)",
            "active",
            phone=False,
            tags=("ex-nordstern",),
            how_met="Colleague at Nordstern Logistik",
        ),
    ):
        demo.add(demo.new_contact(spec))
    demo.touch(["Ramona Gasser"], 510, Channel.LINKEDIN, "LinkedIn: asked whether I was open to a move", by_them=True)
    demo.touch(["Ramona Gasser"], 509, Channel.LINKEDIN, "Replied: not at the moment")
    demo.touch(
        ["Dominik Rüegg"],
        1000,
        Channel.IN_PERSON,
        "Farewell apéro before his move to Melbourne",
        hour=17,
        place="Dietikon",
    )
    people.move(demo.ctx, demo.conn, demo.ref("Ramona Gasser"), "archived")
    people.move(demo.ctx, demo.conn, demo.ref("Dominik Rüegg"), "archived")
    for name, text in (
        ("Roger Baumgartner", "Thinking about stepping back from day-to-day work in two years; board seats?"),
        ("Esther Lüthi", "Her daughter starts at ETH next autumn; offered to connect her with Michael Graf."),
        ("Sarah Bühler", "Always looking for speakers for the Feierabendanlässe: could Nina Vogt do one?"),
        ("Reto Brunner", "Nina Vogt might know a senior UX researcher for his team, or even speak at his meetup."),
        (
            "Andrea Kälin",
            "Her recommendation got me the customer-journey project. Now partner at Bernoulli "
            "Analytics in Basel: send her our churn study and ask how she has been.",
        ),
        ("Nina Vogt", "Based in Basel, in Zürich on Tuesdays. Suggest a coffee or the next Design Thinking talk."),
        ("Lukas Ammann", "Runs the Zürich marathon every year."),
        ("Eva Schneider", "Writes about the hidden job market: Urs Widmer's story might interest her."),
        ("Fabian Moser", "Could run a Liberating Structures session for Thomas Keller's department."),
    ):
        demo.note(name, text)
