"""The demo network (demo_data/network.toml), written in the user's language through the ordinary use cases.

The owner is a manager in Zürich (Julia in the practices). Two days ago she met Thomas Keller at an after-work talk,
so the 72-hour window is open; she organises a monthly "Stamm" with former colleagues, one of whom (Urs) is looking
for a job; around them live 35 more people with three years of e-mails, calls, meetings, likes, favours and news.
What the file says about each person is in English and German; this module only turns it into service calls.

Every date is an offset from `ctx.now` in the user's time zone, so the demo works for any --now; it is written
through add, met, log, note, favour, news, meet and move, never by raw SQL. The background histories come from a
`random.Random` with a fixed seed, drawn in the same order whatever the language: the same `now` gives the same
network in English and in German.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import Connection

from rapport.domain.dates import local_day
from rapport.domain.model import Channel, Direction, Initiator, Interaction
from rapport.domain.text import fold_german
from rapport.services import journal, people
from rapport.services.context import Context
from rapport.services.people import NewContact, Person
from rapport.store.contacts import delete_contacts

LANGUAGES = ("en", "de")

Data = dict[str, Any]


@cache
def network() -> Data:
    """The demo network as written in the data file, texts in both languages."""
    return tomllib.loads(files("rapport.services").joinpath("demo_data/network.toml").read_text(encoding="utf-8"))


def in_language(value: Any, language: str) -> Any:
    """`value` with every {en, de} text replaced by the one in `language` (None where that language has none)."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES):
            return value.get(language)
        return {key: in_language(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, language) for item in value]
    return value


def load_demo(ctx: Context, conn: Connection, language: str | None = None) -> dict[str, int]:
    """Fill the owner's store with the demo network in `language` (the settings' language unless given); returns
    how many contacts, interactions, notes, favours and events were written. Refused (contact.exists) when a demo
    name is already taken: reset first."""
    chosen = language or ctx.settings.language()
    language_ = chosen if chosen in LANGUAGES else "en"
    demo = _Demo(ctx, conn, {**in_language(network(), language_), "language": language_})
    return demo.load()


def reset_demo(ctx: Context, conn: Connection) -> int:
    """Remove all of the owner's contacts and their history, and their groups (the owner and the circles stay);
    returns how many contacts."""
    from rapport.services import groups

    groups.delete_all(ctx, conn)
    return delete_contacts(conn, ctx.owner_id)


class _Demo:
    """Writes the network through the use cases and counts what it wrote."""

    def __init__(self, ctx: Context, conn: Connection, data: Data) -> None:
        self.ctx = ctx
        self.conn = conn
        self.data = data
        self.rng = random.Random(data["seed"])
        self.today = local_day(ctx.now, ctx.zone)
        self.people: dict[str, Person] = {}
        self.counts = {"contacts": 0, "interactions": 0, "notes": 0, "favours": 0, "events": 0, "meetings": 0}

    def load(self) -> dict[str, int]:
        self.profile(self.data["owner"])
        persons: list[Data] = self.data["person"]
        for spec in persons:  # in the file's order: the generated phone numbers and profiles draw from the seed
            self.add(spec)
        for spec in persons:
            self.recorded(spec)
        self.stamm(self.data["stamm"])
        for spec in persons:
            if "rhythm" in spec:
                self.history(spec)
        for spec in persons:
            if "move_to" in spec:
                people.move(self.ctx, self.conn, self.ref(spec["name"]), spec["move_to"])
        self.networking_time(self.data["networking"])
        return dict(self.counts)

    def profile(self, me: Data) -> None:
        """Julia's profile, so that drafts are signed; an owner who gave a name keeps their own."""
        from rapport.services import owner

        if not owner.owner(self.ctx, self.conn).name:
            owner.update(self.ctx, self.conn, name=me["name"], organisation=me["organisation"], email=me["email"])

    # ------------------------------------------------------------------------------------------ dates
    def at(self, days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
        """A local moment `days_ago` calendar days before today (a time between 07:00 and 21:00: no DST gap)."""
        day = self.today - timedelta(days=days_ago)
        return datetime.combine(day, time(hour, minute), self.ctx.zone)

    def birthday(self, value: str | Data | None) -> str | None:
        """A fixed birthday, or one `in_days` from today in `year` (a leap year, so that 29 February fits)."""
        if not isinstance(value, dict):
            return value
        day = self.today + timedelta(days=value["in_days"])
        return date(value["year"], day.month, day.day).isoformat()

    # ------------------------------------------------------------------------------------------ people
    def add(self, spec: Data) -> None:
        name = spec["name"]
        emails, phones, linkedin = spec.get("emails", []), spec.get("phones", []), spec.get("linkedin", "")
        if "domain" in spec:  # a background person: address, phone number and profile are generated
            rng, slug = self.rng, fold_german(name).replace(" ", "-")
            emails = [f"{slug.replace('-', '.')}@{spec['domain']}"]
            number = f"+41 7{rng.choice('5689')} {rng.randint(200, 989)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            phones = [number] if spec.get("phone", True) else []
            linkedin = f"https://www.linkedin.com/in/{slug}-{rng.randrange(16**6):06x}" if linkedin else ""
            if spec.get("xing"):
                spec = {**spec, "xing": f"https://www.xing.com/profile/{slug.title().replace('-', '_')}"}
        new = NewContact(
            name=name,
            emails=emails,
            phones=phones,
            company=spec.get("company", ""),
            title=spec.get("title", ""),
            linkedin=linkedin,
            xing=spec.get("xing", ""),
            circle=spec["circle"],
            tags=list(spec.get("tags", [])),
            interests=list(spec.get("interests", [])),
            birthday=self.birthday(spec.get("birthday")),
            how_met=spec.get("how_met", ""),
            looking_for=spec.get("looking_for", ""),
            offers=spec.get("offers", ""),
        )
        self.people[name] = people.add_contact(self.ctx, self.conn, new)
        self.counts["contacts"] += 1

    def ref(self, name: str) -> str:
        return f"#{self.people[name].id}"

    def recorded(self, spec: Data) -> None:
        """What the file records for one person: first meetings, touches, notes, favours and news."""
        name = spec["name"]
        for met in spec.get("met", []):
            self.met(name, met, *_clock(met))
            self.counts["notes"] += 1 if met.get("notes") else 0
        for touch in spec.get("touch", []):
            self.touch([name], touch["days"], Channel(touch["via"]), touch["summary"], touch, touch.get("place", ""))
        for note in spec.get("note", []):
            if note["text"] is None:  # written in the other language only
                continue
            when = self.at(note["days"], *_clock(note)).isoformat() if "days" in note else None
            journal.note(self.ctx, self.conn, self.ref(name), note["text"], did=note.get("did", False), when=when)
            self.counts["notes"] += 1
        for favour in spec.get("favour", []):
            direction, when = Direction(favour["direction"]), self.at(favour["days"], 10).isoformat()
            journal.favour(self.ctx, self.conn, self.ref(name), direction, favour["kind"], favour["text"], when=when)
            self.counts["favours"] += 1
        for meeting in spec.get("meet", []):
            self.plan(name, meeting)
        for news in spec.get("news", []):
            day = (self.today - timedelta(days=news["days"])).isoformat()
            journal.news(self.ctx, self.conn, self.ref(name), news["kind"], when=day, text=news["text"], source="demo")
            self.counts["events"] += 1

    # ------------------------------------------------------------------------------------------ writing
    def touch(
        self, names: Sequence[str], days_ago: int, channel: Channel, summary: str, how: Data, place: str = ""
    ) -> None:
        """One interaction; `how` may say `by_them`, `hour` and `minute`."""
        by_them = Initiator.THEM if how.get("by_them") else Initiator.ME
        item = Interaction(self.at(days_ago, *_clock(how)), channel, by_them, summary, place)
        journal.record_interaction(self.ctx, self.conn, [self.people[n] for n in names], item)
        self.counts["interactions"] += 1

    def met(self, name: str, met: Data, hour: int, minute: int) -> None:
        """A first meeting: `days` ago at `place`, with `topics`, `notes` and what they are `looking_for`."""
        journal.met(
            self.ctx,
            self.conn,
            self.ref(name),
            at=met["place"],
            when=self.at(met["days"], hour, minute).isoformat(),
            topics=met.get("topics", ()),
            notes=met.get("notes") or None,
            looking_for=met.get("looking_for"),
            next_meeting=self.planned(met.get("next")),
        )
        self.counts["interactions"] += 1
        self.counts["notes"] += 1 if met.get("next") else 0

    def plan(self, name: str, plan: Data) -> None:
        """A meeting planned `in_days` from today at `hour`:`minute`, at `place`, `about` something."""
        from rapport.services import meetings

        day = self.today + timedelta(days=plan["in_days"])
        hour, minute = _clock(plan)
        when = datetime.combine(day, time(hour, minute), self.ctx.zone)
        meetings.plan(
            self.ctx, self.conn, [self.ref(name)], when.isoformat(), at=plan.get("place"), about=plan["about"]
        )
        self.counts["meetings"] += 1

    def planned(self, plan: Data | None) -> str | None:
        """A planned next meeting `in_days` from today, its date written out in the demo's language."""
        if plan is None:
            return None
        from babel.dates import format_date

        day = self.today + timedelta(days=plan["in_days"])
        locale = "de_CH" if self.data["language"] == "de" else "en_GB"
        pattern = "d. MMMM" if locale == "de_CH" else "d MMMM"
        return str(plan["text"]).format(date=format_date(day, pattern, locale=locale))

    def stamm(self, stamm: Data) -> None:
        """The monthly meetups at 18:30: the host always, each regular by chance (all at the latest)."""
        from rapport.services import groups

        latest = stamm["days"][-1]
        group = stamm["group"]
        members = [stamm["host"], *stamm["regulars"], stamm["newcomer"]]
        groups.create(self.ctx, self.conn, group["name"], members, group["every"], group["about"])
        for days in stamm["days"]:
            attending = [stamm["host"]]
            attending += [n for n in stamm["regulars"] if days == latest or self.rng.random() < stamm["chance"]]
            if days <= stamm["newcomer_from"]:
                attending.append(stamm["newcomer"])
            when = self.at(days, 18, 30).isoformat()
            journal.log(self.ctx, self.conn, attending, "group", when=when, summary=stamm["place"])
            self.counts["interactions"] += 1
            if days == latest:  # the group's last meetup: the next one is planned a month after it
                groups.remember(self.ctx, self.conn, group["name"], self.at(days, 18, 30), attending)
                self.counts["meetings"] += 1

    def networking_time(self, networking: Data) -> None:
        """Julia's weekly blocks of networking time, typed in the demo's language; an owner who booked networking
        time of their own keeps it as it is."""
        from rapport.services import networking_time

        if networking_time.blocks(self.ctx, self.conn):
            return
        for block in networking["block"]:
            day = self.today + timedelta(days=block["in_days"])
            weekday = networking["weekdays"][day.weekday()]
            networking_time.add(self.ctx, self.conn, f"{weekday} {block['span']}", block["kind"])

    # ------------------------------------------------------------------------------------------ generated
    def history(self, spec: Data) -> None:
        """First met in person, then a touch about every `gap` days (some by them, a few likes) until `last`."""
        rng, rhythm, name = self.rng, spec["rhythm"], spec["name"]
        topic = spec["interests"][0]
        hour, minute = rng.choice((12, 18)), rng.choice((0, 15, 30))
        notes = spec.get("met_note", "")
        self.met(name, {"days": rhythm["first"], "place": spec["how_met"], "notes": notes}, hour, minute)
        self.counts["notes"] += 1 if notes else 0
        mix = [(Channel(channel), weight) for channel, weight in self.data["mixes"][rhythm["mix"]]]
        channels, weights = [c for c, _ in mix], [w for _, w in mix]
        days = rhythm["first"] - self.step(rhythm, rhythm["first"])
        while days > rhythm["last"] + 3:
            self.generated(name, days, rng.choices(channels, weights)[0], topic)
            if rng.random() < 0.2 and days > rhythm["last"] + 5:
                like = self.summaries(Channel.SOCIAL)[0].format(topic=topic)
                self.touch([name], days - 2, Channel.SOCIAL, like, {"hour": rng.randint(7, 21)})
            days -= self.step(rhythm, days)
        self.generated(name, rhythm["last"], rng.choices(channels, weights)[0], topic)

    def summaries(self, channel: Channel) -> list[str]:
        found: list[str] = self.data["summaries"][channel.value]
        return found

    def step(self, rhythm: Data, days_ago: int) -> int:
        """Days to the next touch: about `gap`, twice that more than a year back (kept fewer records then)."""
        gap = int(rhythm["gap"]) * (2 if days_ago > 365 else 1)
        return max(3, round(gap * self.rng.uniform(0.5, 1.5)))

    def generated(self, name: str, days_ago: int, channel: Channel, topic: str) -> None:
        rng = self.rng
        summary = rng.choice(self.summaries(channel)).format(topic=topic)
        in_person = channel.in_person
        hour = rng.choice((12, 18)) if in_person else rng.randint(8, 19)
        by_them = not in_person and rng.random() < 0.4
        how = {"by_them": by_them, "hour": hour, "minute": rng.choice((0, 15, 30, 45))}
        self.touch([name], days_ago, channel, summary, how, rng.choice(self.data["cities"]) if in_person else "")


def _clock(entry: Data) -> Iterator[int]:
    """The local time an entry gives (noon unless it says otherwise)."""
    yield entry.get("hour", 12)
    yield entry.get("minute", 0)
