"""Importing a LinkedIn export: a seeded Connections.csv into an empty store and into one that already holds contacts,
against a floor, on SQLite and PostgreSQL.

- the file: LinkedIn's current Connections.csv layout (a `Notes:` preamble, a blank line, then `First Name,Last Name,
  URL,Email Address,Company,Position,Connected On`), sorted by date as LinkedIn sorts it: Swiss and international
  names (umlauts, accents, double-barrelled), companies and positions some of which hold commas (quoted), about 20 %
  with an e-mail, profile URLs `https://www.linkedin.com/in/<slug>`, `Connected On` as `24 Nov 2026`, and a few hidden
  members (`,,,,,,07 Jun 2025`);
- floor, per backend: the rows alone: the file parsed with `csv` and exactly the rows an import into an empty store
  writes (same tables, same rows, same indexes and foreign keys: a fresh rapport store) written with the raw driver,
  one executemany per table on SQLite, COPY on PostgreSQL, one transaction, committed; best of N after a warm-up,
  measured before and after the imports. Once per backend the floor's rows are compared with an import's;
- reference: the file written with ONE `executemany` into a table of its seven columns with stdlib sqlite3;
- rapport: `import_files(ctx, conn, [file])` in `ctx.transaction()`, on a fresh store per run (created and migrated
  before the clock starts), best of N after a warm-up run; then into a store that already holds contacts (inserted
  with SQLAlchemy Core: contacts, e-mails, phones, LinkedIn profile URLs), some of whom are people of the file (same
  profile URL, same e-mail, or same name at the same company), so that matching has real work;
- re-import: the same file a second time into the store it was just imported into: everything must be unchanged;
- memory: a fresh interpreter (`python -m bench.imports --db URL --file FILE`) that imports the file into a prepared
  store and reports its peak RSS (VmHWM);
- where the time goes: one empty-store import under cProfile by category; the SQL statements of the warm-up runs,
  timed with SQLAlchemy's cursor events; the `INSERT … RETURNING` of new contacts against id allocation with Core
  executemany, driver executemany and (PostgreSQL) COPY; and the rows an empty-store import writes, written with the
  raw driver alone (what the schema costs without any checking or matching).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import os
import pstats
import random
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

EMPTY_GOAL = 2.0  # import into an empty store / floor (the rows alone)
EXISTING_GOAL = 3.0  # import into a store with contacts / floor
REIMPORT_GOAL = 1.0  # the same file again (nothing changed) / floor
MEMORY_GOAL_MB = 250
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only'
    " see email addresses for connections who have allowed their connections to see or download their email address"
    " using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FLOOR_TABLE = (
    "CREATE TABLE connections (first_name TEXT, last_name TEXT, url TEXT, email_address TEXT, company TEXT,"
    " position TEXT, connected_on TEXT)"
)
FLOOR_INSERT = "INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?)"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# More names on top of bench.network's, so that 40,000 people have (nearly) unique names, as real networks do.
MORE_GIVEN = _words(
    "Aaron Adele Agnes Alain Albert Alessandro Alice Andreas Angela Anja Annette Antoine Antonio Arnaud Astrid "
    "Benoît Bernhard Brigitte Bruno Cédric Céline Charlotte Christoph Clara Corinne Cornelia Damien Denise Dieter "
    "Dorothea Edith Elif Emilie Erik Esther Fabienne Francesca Franz Gaëlle Georg Gérard Gregor Hanna Hans Helena "
    "Helga Hugo Ingrid Irène Jacques Jérôme Joël Johanna Jörg Judith Julien Kai Karl Kathrin Klaus Konrad Lars "
    "Léa Leonie Lina Livia Lorenz Lucie Ludwig Luis Magdalena Maja Manon Marcel Margrit Mario Mathilde Max Mehmet "
    "Mia Milan Mirjam Nathalie Niklas Nils Oliver Oskar Pia Pierre Priya Ramona Reto Rita Robert Rolf Rosa Sabrina "
    "Sandro Selina Severin Sven Tamara Theo Tim Ueli Urs Valérie Vera Viktor Werner Xavier Yasmin Yves Zeynep "
    "Aiko Arjun Dmitri Fatima Hiroshi Ingeborg Jelena Kofi Li Mei Nadia Olga Rahul Sanjay Tomasz Wei Yuki"
)
MORE_FAMILY = _words(
    "Aebi Aeschbacher Affolter Albrecht Arnold Bärtschi Bättig Baur Beck Bieri Binder Blaser Bolliger Bosshard "
    "Bürgi Burkhalter Christen Dällenbach Egger Eggimann Ernst Felber Flückiger Furrer Gasser Gautschi Geiger Gisler "
    "Gloor Graber Grob Gubler Gut Häfliger Hauser Heer Hofer Hostettler Hug Imhof Iseli Jost Kägi Käser Kern Kunz "
    "Kuster Lanz Lauber Leuenberger Locher Lüscher Maurer Mäder Merz Minder Mosimann Nägeli Niederberger Nussbaum "
    "Oberholzer Ott Pfister Portmann Probst Reber Rey Rickli Rohrer Rüegsegger Ryser Sager Scherrer Schläpfer "
    "Schmutz Schnyder Sigrist Spörri Stalder Stauffer Stucki Tanner Thalmann Tschanz Ulrich Vetter Villiger "
    "Wälti Walker Wenger Wirz Wüthrich Zaugg Zbinden Zehnder Zürcher Zwahlen Aubert Berset Chappuis Cuendet "
    "Droz Ducret Gilliéron Jaccard Matthey Perrin Rochat Schaller Vuilleumier Bernasconi Cattaneo Fontana Galli "
    "Lombardi Pedrazzini Bianchi Guerra Moretti Kowalczyk Wiśniewski Dvořák Novák Müller-Lüdenscheidt Papadopoulos "
    "Ivanović Petrović Öztürk Çelik Aydın Kaya Ahmed Khan Patel Singh Sharma Gupta Nair Iyer Reddy Zhang Liu Yang "
    "Huang Zhao Wu Zhou Sato Takahashi Watanabe Park Choi Jung Pham Hoang O'Connor MacDonald Fitzgerald Ó'Súilleabháin"
)
COMPANIES = (
    "Swisscom",
    "UBS",
    "Roche",
    "Novartis",
    "Nestlé",
    "ABB",
    "Migros-Genossenschafts-Bund",
    "Coop",
    "SBB CFF FFS",
    "Google",
    "ETH Zürich",
    "EPFL",
    "Universität Bern",
    "Universität Zürich",
    "Zühlke Engineering AG",
    "Adnovum",
    "Ergon Informatik AG",
    "Digitec Galaxus AG",
    "Swiss Re",
    "Zurich Insurance Group",
    "Helvetia Versicherungen",
    "PostFinance",
    "Raiffeisen Schweiz",
    "Julius Bär",
    "Sonova",
    "Logitech",
    "Kudelski Group",
    "Temenos",
    "On",
    "Scandit",
    "Nexthink",
    "Climeworks",
    "Frontify",
    "Swiss Post",
    "Lonza",
    "Sika",
    "Holcim",
    "Schindler",
    "Stadler Rail",
    "Accenture",
    "Deloitte",
    "PwC Switzerland",
    "McKinsey & Company",
    "Microsoft",
    "Amazon Web Services (AWS)",
    "Meta",
    "Siemens",
    "Bühler Group",
    "Hilti",
    "Kanton Zürich, Amt für Wirtschaft",
    "Stadt Bern, Informatikdienste",
    "Universität Basel, Departement Informatik",
    "Müller & Partner AG, Zürich",
    "Frei Consulting GmbH",
    "Schweizerische Nationalbank",
    "Hochschule Luzern – Technik & Architektur",
    "Berner Fachhochschule",
    "Self-employed",
    "Freelance",
    "",
    "",
    "",
    "",
)
POSITIONS = (
    "Software Engineer",
    "Senior Software Engineer",
    "Product Manager",
    "Product Owner",
    "CTO",
    "CEO",
    "CFO",
    "Head of Sales",
    "Head of Operations Excellence",
    "UX Designer",
    "UX Research Lead",
    "Consultant",
    "Principal Consultant",
    "Managing Director",
    "Researcher",
    "Postdoctoral Researcher",
    "Founder",
    "Co-Founder & CEO",
    "Founder & Managing Partner",
    "Partner",
    "Talent Acquisition Partner",
    "Data Scientist",
    "Team Lead Data & Analytics",
    "Lawyer",
    "Teacher",
    "Projektleiterin Standortförderung",
    "Leiter Informatik",
    "Wissenschaftliche Mitarbeiterin",
    "Vice President, Design Thinking Lab",
    "Senior Manager, Agile Transformation",
    "Lecturer, Innovation Management",
    "Head of Sales, DACH",
    "Director, Clinical Operations",
    "Open to work – Supply Chain",
    "Student",
    "Chief Digital Officer",
    "Board Member",
    "",
    "",
)
MAIL_DOMAINS = ("bluewin.ch", "gmail.com", "gmx.ch", "hotmail.com", "outlook.com", "sunrise.ch", "protonmail.com")
STORED_CIRCLES = (("wider", 85), ("active", 9), ("core", 1), ("archived", 5))


@dataclass(frozen=True)
class Spec:
    rows: int = 30_000  # lines of the file (connections and hidden members)
    existing: int = 10_000  # contacts already in the store for the second figure
    overlap: int = 2_000  # rows of the file who are existing contacts
    seed: int = 42
    hidden_share: float = 0.003
    email_share: float = 0.20
    homonym_share: float = 0.01  # new people who share their name with an existing contact (another company)


@dataclass
class Someone:
    given: str
    family: str
    company: str = ""
    position: str = ""
    email: str = ""
    slug: str = ""
    phone: str = ""
    spelled_ascii: bool = False  # the store has the name without its letters ("Juergen Mueller")

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_SLUG = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d"})


def ascii_spelling(text: str) -> str:
    """'Jürgen Müller' as typed without umlauts and accents: 'Juergen Mueller'."""
    spelled = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_SPELLED))
    return "".join(ch for ch in spelled if not unicodedata.combining(ch))


@dataclass
class Dataset:
    spec: Spec
    path: Path
    existing: list[Someone]
    rows: int = 0
    hidden: int = 0
    with_email: int = 0
    quoted: int = 0
    umlauts: int = 0
    overlap_by: dict[str, int] = field(default_factory=dict)
    homonyms: int = 0
    size_bytes: int = 0

    @property
    def connections(self) -> int:
        return self.rows - self.hidden

    def expected(self, with_existing: bool) -> dict[str, int]:
        """The import summary this file must give (into an empty store, or into the store with the existing ones)."""
        overlap = sum(self.overlap_by.values()) if with_existing else 0
        return {
            "created": self.connections - overlap,
            "merged": overlap,
            "updated": 0,
            "unchanged": 0,
            "possible_duplicates": self.homonyms if with_existing else 0,
            "hidden": self.hidden,
        }


# -- the file ------------------------------------------------------------------------------------------------------


class People:
    """Unique people: names unique after folding (as matching sees them), e-mails and profile slugs unique."""

    def __init__(self, rng: random.Random) -> None:
        from bench.network import FAMILY, GIVEN
        from rapport.services.matching import name_key

        self.rng = rng
        self.given = tuple(dict.fromkeys(GIVEN + MORE_GIVEN))
        self.family = tuple(dict.fromkeys(FAMILY + MORE_FAMILY))
        self.name_key = name_key
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.slugs: set[str] = set()

    def new(self) -> Someone:
        rng = self.rng
        while True:
            given = rng.choice(self.given)
            if rng.random() < 0.06:  # Hans-Peter, Anna Maria
                given += rng.choice("- ") + rng.choice(self.given)
            family = rng.choice(self.family)
            if rng.random() < 0.12:
                family = f"{family}-{rng.choice(self.family)}"
            key = self.name_key(f"{given} {family}")
            if key not in self.names:
                self.names.add(key)
                break
        return Someone(given, family, company=self.company(), position=rng.choice(POSITIONS))

    def company(self) -> str:
        return self.rng.choice(COMPANIES)

    def ascii(self, text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", ascii_spelling(text).lower().translate(_SLUG)).strip("-")

    def slug(self, person: Someone) -> str:
        base = self.ascii(person.name)
        slug = base
        while slug in self.slugs or self.rng.random() < 0.3:  # LinkedIn adds a suffix to many
            slug = f"{base}-{self.rng.getrandbits(32):08x}"[: len(base) + 9]
        self.slugs.add(slug)
        return slug

    def email(self, person: Someone) -> str:
        rng = self.rng
        given, family = self.ascii(person.given).replace("-", ""), self.ascii(person.family).replace("-", "")
        company = self.ascii(person.company.split(",")[0]).split("-")[0] if person.company else ""
        while True:
            local = f"{given}.{family}" if rng.random() < 0.7 else f"{given[:1]}{family}"
            if rng.random() < 0.15:
                local += str(rng.randint(1, 99))
            domain = f"{company}.ch" if company and rng.random() < 0.4 else rng.choice(MAIL_DOMAINS)
            address = f"{local}@{domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address

    def phone(self) -> str:
        return f"+417{self.rng.choice('6789')}{self.rng.randint(0, 9_999_999):07d}"


def _other_company(people: People, stored: str) -> str:
    """A company that is not the stored one (nor like it), for a homonym."""
    from rapport.services.matching import same_organisation

    while True:
        company = people.company()
        if company and not same_organisation(company, stored):
            return company


def _connected_on(rng: random.Random, newest: date) -> date:
    return newest - timedelta(days=int(rng.triangular(0, 18 * 365, 0)))


def generate(spec: Spec, path: Path, newest: date) -> Dataset:
    """Write the Connections.csv of `spec` to `path`; returns what it holds and the existing contacts to store."""
    rng = random.Random(spec.seed)
    people = People(rng)
    existing: list[Someone] = []
    for _ in range(spec.existing):
        person = people.new()
        if rng.random() < 0.4:
            person.email = people.email(person)
        if rng.random() < 0.5:
            person.slug = people.slug(person)
        if rng.random() < 0.3:
            person.phone = people.phone()
        existing.append(person)

    rows: list[tuple[date, tuple[str, ...]]] = []
    data = Dataset(spec=spec, path=path, existing=existing)
    hidden = round(spec.rows * spec.hidden_share)
    overlap = min(spec.overlap, spec.existing, spec.rows - hidden)
    chosen = rng.sample(range(len(existing)), overlap + round((spec.rows - hidden - overlap) * spec.homonym_share))
    same, alike = chosen[:overlap], chosen[overlap:]
    data.overlap_by = {"profile URL": 0, "e-mail": 0, "name + company": 0}
    emails_wanted = round(spec.rows * spec.email_share)

    def row(person: Someone, email: str) -> None:
        when = _connected_on(rng, newest)
        url = f"https://www.linkedin.com/in/{person.slug}"
        rows.append((when, (person.given, person.family, url, email, person.company, person.position, _day(when))))

    for n, i in enumerate(same):
        stored = existing[i]
        incoming = Someone(stored.given, stored.family, stored.company, rng.choice(POSITIONS))
        how = ("profile URL", "e-mail", "name + company")[0 if n % 10 < 4 else 1 if n % 10 < 7 else 2]
        data.overlap_by[how] += 1
        email = ""
        if how == "profile URL":
            stored.slug = stored.slug or people.slug(stored)
            incoming.slug = stored.slug
            if rng.random() < 0.3:
                incoming.company = people.company()  # changed jobs since
        elif how == "e-mail":
            stored.email = stored.email or people.email(stored)
            stored.slug = ""  # the e-mail decides
            incoming.slug = people.slug(stored)
            email = stored.email.upper() if rng.random() < 0.1 else stored.email
        else:
            stored.email, stored.slug = "", ""  # neither decides: the name at the company does
            stored.company = stored.company or _other_company(people, "")
            incoming.company = stored.company if rng.random() < 0.7 else f"{stored.company} AG"
            incoming.slug = people.slug(stored)
            spelled = ascii_spelling(stored.name)
            if (
                rng.random() < 0.3
                and spelled != stored.name
                and people.name_key(spelled) == people.name_key(stored.name)
            ):
                stored.spelled_ascii = True  # stored as 'Juergen Mueller': the file's 'Jürgen Müller' is better
        row(incoming, email)
        data.with_email += bool(email)

    new_count = spec.rows - hidden - overlap
    email_share_new = max(0.0, (emails_wanted - data.with_email) / max(new_count, 1))
    for n in range(new_count):
        if n < len(alike):  # the same name as an existing contact, at another company: a possible duplicate
            stored = existing[alike[n]]
            person = Someone(stored.given, stored.family, _other_company(people, stored.company), rng.choice(POSITIONS))
            data.homonyms += 1
        else:
            person = people.new()
        person.slug = people.slug(person)
        email = people.email(person) if rng.random() < email_share_new else ""
        data.with_email += bool(email)
        row(person, email)
    for _ in range(hidden):
        when = _connected_on(rng, newest)
        rows.append((when, ("", "", "", "", "", "", _day(when))))
    rows.sort(key=lambda item: item[0], reverse=True)

    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(PREAMBLE)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(cells for _, cells in rows)
    data.rows, data.hidden = len(rows), hidden
    data.quoted = sum(1 for _, cells in rows if any("," in c or '"' in c for c in cells))
    data.umlauts = sum(1 for _, cells in rows if not (cells[0] + cells[1]).isascii())
    data.size_bytes = path.stat().st_size
    return data


def _day(when: date) -> str:
    return f"{when.day:02d} {MONTHS[when.month - 1]} {when.year}"


# -- the floor -----------------------------------------------------------------------------------------------------


def _remove_sqlite(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def floor(csv_path: Path, db_path: Path) -> int:
    """Parse the file with csv (skipping the preamble) and store its rows with ONE executemany; returns the rows."""
    _remove_sqlite(db_path)
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute(FLOOR_TABLE)
        with open(csv_path, encoding="utf-8", newline="") as file:
            reader = csv.reader(file)
            for cells in reader:
                if cells[:1] == [HEADER[0]]:
                    break
            with con:  # one transaction, committed
                con.executemany(FLOOR_INSERT, reader)
        return int(con.execute("SELECT count(*) FROM connections").fetchone()[0])
    finally:
        con.close()


# -- stores --------------------------------------------------------------------------------------------------------


@dataclass
class Stores:
    """Where the benchmark's stores go: a SQLite file, or a PostgreSQL database it creates and drops."""

    workdir: Path
    pg_server: str
    pg_database: str
    now: str
    timezone: str
    pg_version: str | None = None

    def admin(self) -> Any:
        import psycopg

        plain = self.pg_server.rstrip("/").replace("postgresql+psycopg://", "postgresql://", 1)
        return psycopg.connect(plain + "/postgres", autocommit=True)

    def url(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.workdir / 'import.sqlite'}"
        server = self.pg_server.rstrip("/")
        server = server if "+psycopg" in server else server.replace("postgresql://", "postgresql+psycopg://", 1)
        return f"{server}/{self.pg_database}"

    def wipe(self, backend: str) -> None:
        if backend == "sqlite":
            _remove_sqlite(self.workdir / "import.sqlite")
            return
        with self.admin() as conn:
            self.pg_version = str(conn.execute("SHOW server_version").fetchone()[0])
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.pg_database}"')

    def drop(self) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_database}" WITH (FORCE)')

    def fresh(self, backend: str, data: Dataset | None) -> Any:
        """An open context on a new, migrated store, holding the dataset's existing contacts when given."""
        from rapport.config import Settings
        from rapport.services.context import open_context

        self.wipe(backend)
        ctx = open_context(Settings(timezone=self.timezone, lang="en"), db=self.url(backend), now=self.now, create=True)
        if data is not None:
            store_existing(ctx, data.existing)
        return ctx


def store_existing(ctx: Any, people: list[Someone]) -> None:
    """The contacts already in the store, with SQLAlchemy Core bulk inserts (as if typed in or synced earlier)."""
    from sqlalchemy import func, insert, select

    from rapport.domain.text import search_key
    from rapport.store.schema import contacts, emails, phones, urls

    rng = random.Random(len(people))
    circles = [name for name, _ in STORED_CIRCLES]
    weights = [w for _, w in STORED_CIRCLES]
    with ctx.transaction() as conn:
        first = int(conn.execute(select(func.coalesce(func.max(contacts.c.id), 0))).scalar_one()) + 1
        rows, mail_rows, phone_rows, url_rows = [], [], [], []
        for offset, person in enumerate(people):
            given, family = person.given, person.family
            if person.spelled_ascii:
                given, family = ascii_spelling(given), ascii_spelling(family)
            cid, name = first + offset, f"{given} {family}"
            circle = rng.choices(circles, weights)[0]
            created = ctx.now - timedelta(days=rng.uniform(1, 3000))
            rows.append(
                {
                    "id": cid,
                    "owner_id": ctx.owner_id,
                    "display_name": name,
                    "search_key": search_key(name),
                    "given_name": given,
                    "family_name": family,
                    "organisation": person.company,
                    "job_title": person.position,
                    "circle": circle,
                    "archived": circle == "archived",
                    "created_at": created,
                    "updated_at": created,
                }
            )
            base = {"owner_id": ctx.owner_id, "contact_id": cid, "source": "manual"}
            if person.email:
                mail_rows.append({**base, "address": person.email, "label": rng.choice(("work", "home", ""))})
            if person.phone:
                phone_rows.append({**base, "number": person.phone, "label": "mobile"})
            if person.slug:
                url_rows.append({**base, "kind": "linkedin", "url": f"https://www.linkedin.com/in/{person.slug}"})
        for table, table_rows in ((contacts, rows), (emails, mail_rows), (phones, phone_rows), (urls, url_rows)):
            for start in range(0, len(table_rows), 10_000):
                conn.execute(insert(table), table_rows[start : start + 10_000])
        if not ctx.location.is_sqlite:
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT MAX(id) + 1 FROM contacts), false)"
            )
    if not ctx.location.is_sqlite:
        with ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")  # what autovacuum does shortly after a bulk load


def run_import(ctx: Any, path: Path) -> tuple[float, dict[str, int]]:
    """(seconds, outcome) of importing the file in one transaction, as `rapport import FILE` does."""
    from rapport.services.importing import import_files

    began = time.perf_counter()
    with ctx.transaction() as conn:
        summary = import_files(ctx, conn, [str(path)], fmt="auto")
    seconds = time.perf_counter() - began
    return seconds, outcome(summary)


def outcome(summary: Any) -> dict[str, int]:
    return {
        "created": summary.created,
        "merged": summary.merged,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "possible_duplicates": summary.possible_duplicates,
        "hidden": summary.skipped.get("hidden-member", 0),
        "bad": len(summary.bad),
    }


# -- where the time goes -------------------------------------------------------------------------------------------

_TABLE = re.compile(r"\b(?:INTO|FROM|UPDATE)\s+\"?(\w+)", re.IGNORECASE)


def statement_kind(statement: str, style: str) -> str:
    """`INSERT contacts … RETURNING (insertmanyvalues)`, `SELECT contact_emails`, …: what a statement does to which
    table, and how SQLAlchemy sent it (`style`: EXECUTE, EXECUTEMANY or INSERTMANYVALUES)."""
    verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"
    found = _TABLE.search(statement)
    kind = f"{verb} {found.group(1) if found else ''}".strip()
    if " RETURNING " in statement.upper():
        kind += " … RETURNING"
    return kind + {"EXECUTEMANY": " (executemany)", "INSERTMANYVALUES": " (insertmanyvalues)"}.get(style, "")


@dataclass
class StatementStats:
    count: int = 0  # statements sent to the driver (an insertmanyvalues batch is one)
    rows: int = 0  # parameter sets (rows) they carried
    seconds: float = 0.0  # in the driver, from before to after the cursor call


def timed_statements(engine: Any) -> tuple[dict[str, StatementStats], Callable[[], None]]:
    """Time every statement the engine sends (cursor events), by kind; returns the tally and a function to stop."""
    from sqlalchemy import event

    tally: dict[str, StatementStats] = defaultdict(StatementStats)
    started: list[float] = []
    last: list[Any] = [None]  # the execution context last counted: its batches are counted once for the rows

    def before(_c: Any, _cur: Any, _statement: str, _params: Any, _ctx: Any, _many: bool) -> None:
        started.append(time.perf_counter())

    def after(_c: Any, _cur: Any, statement: str, params: Any, context: Any, _many: bool) -> None:
        elapsed = time.perf_counter() - started.pop()
        style = getattr(getattr(context, "execute_style", None), "name", "EXECUTE")
        stats = tally[statement_kind(statement, style)]
        stats.count += 1
        stats.seconds += elapsed
        if context is not last[0]:
            last[0] = context
            compiled = getattr(context, "compiled_parameters", None)
            stats.rows += len(compiled) if compiled else len(params) if style == "EXECUTEMANY" else 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)

    def stop() -> None:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)

    return tally, stop


def category(func: tuple[str, int, str]) -> str:
    """The part of the import a profiled function belongs to ("" for built-ins and generic code: charged to its
    callers)."""
    filename, _, name = func
    path = filename.replace("\\", "/")
    if path.endswith("/rapport/services/importing.py") and name == "_digest":
        return "sha256 digests (`_digest`)"
    if path.endswith("/rapport/services/matching.py") and name in ("name_key", "organisation_key"):
        return "name folding (`name_key`, `fold`, `search_key`)"
    if path.endswith("/rapport/services/matching.py") or "/rapidfuzz/" in path:
        return "matching (`MatchIndex`, rapidfuzz)"
    if path.endswith("/rapport/domain/text.py"):
        return "name folding (`name_key`, `fold`, `search_key`)"
    if "/email_validator/" in path or "/idna/" in path or (path.endswith("/services/inputs.py") and name == "email"):
        return "validation: e-mail (email_validator)"
    if "/phonenumbers/" in path or (path.endswith("/services/inputs.py") and name == "phone"):
        return "validation: phone (phonenumbers)"
    if path.endswith("/services/inputs.py"):
        return "validation: profile URLs (`inputs.profile_url`)"
    if "/nameparser/" in path:
        return "name parsing (nameparser)"
    if "/rapport/interop/" in path or path.endswith(("/csv.py", "/codecs.py")):
        return "reading + parsing (csv, `open_table`, LinkedIn reader)"
    if "/sqlalchemy/" in path and "insertmanyvalues" in name:
        return "SQLAlchemy: executemany with RETURNING (insertmanyvalues)"
    if "/sqlalchemy/" in path:
        return "SQLAlchemy: statements, parameters, results"
    if path.endswith("/psycopg/_queries.py"):
        return "psycopg: converting statements and parameters (Python)"
    if "/psycopg" in path or "sqlite3" in name or "psycopg" in name:
        return "driver (SQL execution)"
    if path.endswith("/rapport/services/importing.py"):
        return "import service (`_Importer`: check, update, flush)"
    if "/rapport/" in path:
        return "rapport, other"
    return ""


def profile(ctx: Any, path: Path) -> tuple[dict[str, float], float, list[tuple[str, int, float]], dict[str, int]]:
    """One import under cProfile: (self time by category, total, heaviest functions, outcome)."""
    from rapport.services.importing import import_files

    profiler = cProfile.Profile()
    profiler.enable()
    with ctx.transaction() as conn:
        summary = import_files(ctx, conn, [str(path)], fmt="auto")
    profiler.disable()
    raw: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, callers) in raw.items():
        part = category(func)
        if part:
            totals[part] += tt
            continue
        charged = 0.0
        for caller, timing in callers.items():
            totals[category(caller) or "other"] += timing[2]
            charged += timing[2]
        if tt > charged:
            totals["other"] += tt - charged
    top = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:10]
    top_rows = [
        (f[2] if f[0] == "~" else f"{os.path.basename(f[0])}:{f[1]}({f[2]})", int(v[1]), float(v[2])) for f, v in top
    ]
    ordered = dict(sorted(totals.items(), key=lambda kv: -kv[1]))
    return ordered, sum(totals.values()), top_rows, outcome(summary)


INSERT_VARIANTS = (
    "`INSERT … RETURNING id` (sort_by_parameter_order), as the import",
    "ids allocated first, Core executemany without RETURNING",
    "ids allocated first, driver executemany (`exec_driver_sql`, values converted once)",
    "ids allocated first, `COPY … FROM STDIN` (PostgreSQL only)",
)
_CONTACT_COLUMNS = (
    "id",
    "owner_id",
    "display_name",
    "search_key",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "organisation",
    "job_title",
    "address",
    "connected_on",
    "circle",
    "archived",
    "created_at",
    "updated_at",
)


def insert_variants(ctx: Any, data: Dataset, batch: int = 1000, repeat: int = 2) -> dict[str, float]:
    """Seconds to insert the file's people as contacts rows, in batches of `batch` as the import's flush does, three
    ways (INSERT_VARIANTS), each in a transaction that is rolled back; best of `repeat`."""
    from datetime import UTC

    from sqlalchemy import func, insert, select

    from rapport.domain.text import search_key
    from rapport.store.schema import contacts

    sqlite = ctx.location.is_sqlite
    rows = []
    with open(data.path, encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        for cells in reader:
            if cells[:1] == [HEADER[0]]:
                break
        for given, family, _url, _email, company, position, _on in reader:
            if given or family:
                name = f"{given} {family}"
                rows.append(
                    {
                        "owner_id": ctx.owner_id,
                        "display_name": name,
                        "search_key": search_key(name),
                        "prefix": "",
                        "given_name": given,
                        "middle_name": "",
                        "family_name": family,
                        "suffix": "",
                        "organisation": company,
                        "job_title": position,
                        "address": "",
                        "connected_on": None,
                        "circle": "wider",
                        "archived": False,
                        "created_at": ctx.now,
                        "updated_at": ctx.now,
                    }
                )

    def ids(conn: Any, count: int) -> list[int]:
        if sqlite:  # the write lock is held: nobody else can take these
            first = int(conn.execute(select(func.coalesce(func.max(contacts.c.id), 0))).scalar_one()) + 1
            return list(range(first, first + count))
        sequence = "SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, %s)"
        return [int(r[0]) for r in conn.exec_driver_sql(sequence, (count,))]

    def returning(conn: Any, part: list[dict[str, Any]]) -> None:
        statement = insert(contacts).returning(contacts.c.id, sort_by_parameter_order=True)
        assert len([r[0] for r in conn.execute(statement, part)]) == len(part)

    def core(conn: Any, part: list[dict[str, Any]]) -> None:
        conn.execute(insert(contacts), [{"id": i, **row} for i, row in zip(ids(conn, len(part)), part, strict=True)])

    moment = ctx.now.astimezone(UTC)
    stored_now: Any = moment.replace(tzinfo=None).isoformat(" ", "microseconds") if sqlite else moment
    marks = ", ".join(["?" if sqlite else "%s"] * len(_CONTACT_COLUMNS))
    raw_insert = f"INSERT INTO contacts ({', '.join(_CONTACT_COLUMNS)}) VALUES ({marks})"

    def driver(conn: Any, part: list[dict[str, Any]]) -> None:
        values = [
            (
                i,
                *(row[c] for c in _CONTACT_COLUMNS[1:14]),
                int(row["archived"]) if sqlite else False,
                *([stored_now] * 2),
            )
            for i, row in zip(ids(conn, len(part)), part, strict=True)
        ]
        conn.exec_driver_sql(raw_insert, values)

    def copy(conn: Any, part: list[dict[str, Any]]) -> None:
        allocated = ids(conn, len(part))  # before the COPY: the connection is busy while it runs
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY contacts ({', '.join(_CONTACT_COLUMNS)}) FROM STDIN") as stream:
            for i, row in zip(allocated, part, strict=True):
                stream.write_row((i, *(row[c] for c in _CONTACT_COLUMNS[1:])))

    timings: dict[str, float] = {}
    for label, work in zip(INSERT_VARIANTS, (returning, core, driver, copy), strict=True):
        if work is copy and sqlite:
            continue
        best = float("inf")
        for _ in range(repeat):
            with ctx.engine.connect() as conn:
                transaction = conn.begin()
                began = time.perf_counter()
                for start in range(0, len(rows), batch):
                    work(conn, rows[start : start + batch])
                best = min(best, time.perf_counter() - began)
                transaction.rollback()
        timings[label] = best
    return timings


_WRITTEN = (
    (
        "contacts",
        "id, owner_id, display_name, search_key, given_name, family_name, organisation, job_title, connected_on,"
        " circle, archived, created_at, updated_at",
    ),
    ("contact_urls", "owner_id, contact_id, kind, url, source"),
    ("contact_emails", "owner_id, contact_id, address, source"),
    ("imported_records", "owner_id, contact_id, source, record_key, digest, imported_at"),
)
_MONTH_NUMBERS = {name: n for n, name in enumerate(MONTHS, 1)}


def written_rows(ctx: Any, data: Dataset) -> float:
    """Seconds to parse the file with csv and write the rows an import of it into an empty store writes (contacts
    with their search keys and dates, contact_urls, contact_emails with the domain in lower case, imported_records
    with a sha256 of the row), with
    the raw driver: one executemany per table on SQLite, COPY on PostgreSQL; one transaction, committed. No checking,
    matching or merging: what rapport's schema alone costs."""
    import hashlib
    from datetime import UTC

    from rapport.domain.text import search_key

    sqlite = ctx.location.is_sqlite
    moment = ctx.now.astimezone(UTC)
    stored_now: Any = moment.replace(tzinfo=None).isoformat(" ", "microseconds") if sqlite else moment
    source, owner, archived = f"linkedin:{data.path.name}", ctx.owner_id, 0 if sqlite else False
    stamps = (stored_now, stored_now)  # created_at, updated_at
    began = time.perf_counter()
    with ctx.transaction() as conn:
        raw = conn.connection.driver_connection
        if sqlite:
            next_id = int(raw.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0])
        else:
            next_id = int(raw.execute("SELECT nextval(pg_get_serial_sequence('contacts', 'id'))").fetchone()[0])
        people: list[tuple[Any, ...]] = []
        links, mails, records = [], [], []
        with open(data.path, encoding="utf-8", newline="") as file:
            reader = csv.reader(file)
            for cells in reader:
                if cells[:1] == [HEADER[0]]:
                    break
            for cells in reader:
                given, family, url, email, company, position, on = cells
                if not (given or family):
                    continue
                name = f"{given} {family}"
                day, month, year = on.split()
                when: Any = date(int(year), _MONTH_NUMBERS[month], int(day))
                when = when.isoformat() if sqlite else when
                cid = next_id + len(people)
                key = search_key(name)
                people.append(
                    (cid, owner, name, key, given, family, company, position, when, "wider", archived, *stamps)
                )
                links.append((owner, cid, "linkedin", url, source))
                if email:  # as rapport stores an address: the domain in lower case
                    local, _, domain = email.rpartition("@")
                    mails.append((owner, cid, f"{local}@{domain.lower()}", source))
                digest = hashlib.sha256("\x1f".join(cells).encode()).hexdigest()
                records.append((owner, cid, "linkedin", url, digest, stored_now))
        for (table, columns), rows in zip(_WRITTEN, (people, links, mails, records), strict=True):
            if sqlite:
                marks = ", ".join("?" * len(columns.split(",")))
                raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
            else:
                with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
                    for row in rows:
                        stream.write_row(row)
        if not sqlite:
            raw.execute("SELECT setval(pg_get_serial_sequence('contacts', 'id'), %s)", (next_id + len(people),))
    return time.perf_counter() - began


def floor_runs(stores: Stores, backend: str, data: Dataset, runs: int) -> tuple[list[float], list[float]]:
    """`runs` timings of the rows alone, each on a fresh store: (seconds, CPU seconds of this process)."""
    timings, cpu = [], []
    for _ in range(runs):
        ctx = stores.fresh(backend, None)
        try:
            began = time.process_time()
            timings.append(written_rows(ctx, data))
            cpu.append(time.process_time() - began)
        finally:
            ctx.close()
    return timings, cpu


def stored_rows(ctx: Any) -> dict[str, list[tuple[Any, ...]]]:
    """What an empty-store import leaves in the store, contacts named instead of numbered, as the driver returns it
    (times and dates as stored); the other tables an import can write, counted."""
    contact = "(SELECT display_name FROM contacts c WHERE c.id = t.contact_id)"
    queries = {
        "contacts": "SELECT display_name, search_key, prefix, given_name, middle_name, family_name, suffix,"
        " organisation, job_title, address, connected_on, circle, archived, created_at, updated_at FROM contacts t",
        "contact_urls": f"SELECT {contact}, kind, url, source FROM contact_urls t",
        "contact_emails": f"SELECT {contact}, address, label, source FROM contact_emails t",
        "imported_records": f"SELECT {contact}, source, record_key, length(digest), imported_at"
        " FROM imported_records t",
    }
    from rapport.store.schema import events, field_sources, notes, phones, tags, yearly_dates

    for table in (phones, tags, yearly_dates, notes, field_sources, events):
        queries[table.name] = f"SELECT count(*) FROM {table.name}"
    with ctx.engine.connect() as conn:
        return {table: sorted(map(tuple, conn.exec_driver_sql(sql)), key=repr) for table, sql in queries.items()}


def same_rows(stores: Stores, backend: str, data: Dataset) -> tuple[str, int]:
    """Whether the floor writes exactly the rows an import into an empty store writes: ("" or what differs, rows)."""
    ctx = stores.fresh(backend, None)
    try:
        run_import(ctx, data.path)
        imported = stored_rows(ctx)
    finally:
        ctx.close()
    ctx = stores.fresh(backend, None)
    try:
        written_rows(ctx, data)
        written = stored_rows(ctx)
    finally:
        ctx.close()
    differ = [table for table in imported if imported[table] != written[table]]
    rows = sum(len(r) for t, r in imported.items() if t in _TABLES_WRITTEN)
    return (f"differs in {', '.join(differ)}" if differ else ""), rows


_TABLES_WRITTEN = ("contacts", "contact_urls", "contact_emails", "imported_records")


# -- memory (a fresh process) ----------------------------------------------------------------------------------------


def measure_memory(url: str, path: Path, now: str, timezone: str) -> dict[str, Any]:
    """Import the file into the (prepared) store at `url` in a fresh interpreter; what it reports."""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "bench.imports", "--db", url, "--file", str(path), "--now", now, "--timezone", timezone],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=1200,
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- the whole benchmark --------------------------------------------------------------------------------------------


@dataclass
class Scenario:
    """Importing the file into one kind of store on one backend."""

    best: float = 0.0
    runs: list[float] = field(default_factory=list)
    cpu_runs: list[float] = field(default_factory=list)  # CPU seconds of this process in each run
    again_cpu: float = 0.0
    outcome: dict[str, int] = field(default_factory=dict)
    again: float = 0.0  # the same file a second time into the same store
    again_outcome: dict[str, int] = field(default_factory=dict)
    statements: dict[str, StatementStats] = field(default_factory=dict)  # of the warm-up run
    memory: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def sql_seconds(self) -> float:
        return sum(s.seconds for s in self.statements.values())

    @property
    def sql_count(self) -> int:
        return sum(s.count for s in self.statements.values())


@dataclass
class BackendResult:
    backend: str
    empty: Scenario = field(default_factory=Scenario)
    existing: Scenario = field(default_factory=Scenario)
    profile: dict[str, float] = field(default_factory=dict)
    profile_total: float = 0.0
    profile_top: list[tuple[str, int, float]] = field(default_factory=list)
    inserts: dict[str, float] = field(default_factory=dict)  # the file's people as contacts rows, several ways
    written_runs: list[float] = field(default_factory=list)  # the rows alone, raw driver: the floor
    written_cpu: list[float] = field(default_factory=list)  # CPU seconds of this process in each floor run
    same_rows: str = ""  # how the floor's rows compare with an import's ("" when they are the same)
    rows_compared: int = 0

    @property
    def written(self) -> float:
        return min(self.written_runs) if self.written_runs else 0.0


@dataclass
class ImportResult:
    spec: Spec
    runs: int
    file: dict[str, Any] = field(default_factory=dict)
    overlap_by: dict[str, int] = field(default_factory=dict)
    homonyms: int = 0
    floor_best: float = 0.0
    floor_runs: list[float] = field(default_factory=list)
    floor_rows: int = 0
    backends: dict[str, BackendResult] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    pg_version: str | None = None

    def ratio(self, backend: str, seconds: float) -> float:
        """Seconds against the backend's floor: the rows alone, written with the raw driver."""
        floor = self.backends[backend].written if backend in self.backends else 0.0
        return seconds / floor if floor else float("inf")

    def missed(self) -> list[str]:
        found = []
        for backend, result in self.backends.items():
            if self.ratio(backend, result.empty.best) > EMPTY_GOAL:
                found.append(f"{backend} import ratio (empty store)")
            if self.ratio(backend, result.existing.best) > EXISTING_GOAL:
                found.append(f"{backend} import ratio ({self.spec.existing:,} contacts)")
            if max(self.ratio(backend, s.again) for s in (result.empty, result.existing)) > REIMPORT_GOAL:
                found.append(f"{backend} re-import ratio")
            if result.same_rows:
                found.append(f"{backend} floor rows")
            for scenario in (result.empty, result.existing):
                peak = scenario.memory.get("peak_rss_mb")
                if peak is not None and peak > MEMORY_GOAL_MB:
                    found.append(f"{backend} import memory")
                    break
            if result.empty.problems or result.existing.problems:
                found.append(f"{backend} import outcome")
        return found


def _check(scenario: Scenario, got: dict[str, int], expected: dict[str, int], what: str) -> None:
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    if wrong or got.get("bad"):
        scenario.problems.append(
            f"{what}: " + ", ".join(f"{k} {g} (expected {e})" for k, (g, e) in wrong.items()) + f" bad {got.get('bad')}"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _runs(timings: list[float]) -> str:
    return "/".join(f"{t * 1000:.0f}" for t in timings)


def _scenario(
    stores: Stores,
    backend: str,
    data: Dataset,
    with_existing: bool,
    runs: int,
    say: Callable[[str], None],
) -> Scenario:
    scenario = Scenario()
    expected = data.expected(with_existing)
    label = f"into {data.spec.existing:,} contacts" if with_existing else "into an empty store"
    for attempt in range(runs + 1):  # the first is the warm-up, with its statements timed
        ctx = stores.fresh(backend, data if with_existing else None)
        try:
            if attempt == 0:
                tally, stop = timed_statements(ctx.engine)
                try:
                    _seconds, got = run_import(ctx, data.path)
                finally:
                    stop()
                scenario.statements = dict(tally)
            else:
                began = time.process_time()
                seconds, got = run_import(ctx, data.path)
                scenario.cpu_runs.append(time.process_time() - began)
                scenario.runs.append(seconds)
            _check(scenario, got, expected, f"run {attempt}")
            scenario.outcome = got
            if attempt == runs:  # the same file again, into the store it was just imported into
                began = time.process_time()
                scenario.again, scenario.again_outcome = run_import(ctx, data.path)
                scenario.again_cpu = time.process_time() - began
                again = {"created": 0, "merged": 0, "updated": 0, "unchanged": data.connections, "hidden": data.hidden}
                _check(scenario, scenario.again_outcome, again, "re-import")
        finally:
            ctx.close()
    scenario.best = min(scenario.runs)
    say(
        f"  import {label:<22} best {_ms(scenario.best)}  runs {_runs(scenario.runs)}  "
        + ", ".join(f"{k} {v:,}" for k, v in scenario.outcome.items() if v)
    )
    say(
        f"    warm-up run sent {scenario.sql_count:,} statements taking {scenario.sql_seconds * 1000:.0f} ms in the"
        f" driver; re-import {_ms(scenario.again)} ({scenario.again_outcome.get('unchanged', 0):,} unchanged)"
    )
    for problem in scenario.problems:
        say(f"    OUTCOME MISMATCH: {problem}")

    ctx = stores.fresh(backend, data if with_existing else None)  # a store for the memory child
    ctx.close()
    scenario.memory = measure_memory(stores.url(backend), data.path, stores.now, stores.timezone)
    if "error" in scenario.memory:
        say(f"    memory: failed: {scenario.memory['error']}")
    else:
        say(
            f"    memory (fresh process): peak RSS {scenario.memory['peak_rss_mb']:.0f} MB"
            f" (goal <= {MEMORY_GOAL_MB}), after imports {scenario.memory['rss_after_imports_mb']:.0f} MB"
        )
    return scenario


def benchmark(
    workdir: Path,
    backends: list[str],
    unusable: Callable[[str], str | None],
    spec: Spec,
    runs: int,
    now: str,
    timezone: str,
    pg_server: str,
    pg_database: str,
    say: Callable[[str], None] = print,
) -> ImportResult:
    """The import benchmark on the given backends (`unusable(backend)` says why one cannot be used, or None)."""
    from rapport.config import parse_now
    from rapport.domain.dates import local_day

    workdir.mkdir(parents=True, exist_ok=True)
    result = ImportResult(spec=spec, runs=runs)
    path = workdir / f"Connections-{spec.rows}-{spec.existing}-{spec.overlap}-{spec.seed}.csv"
    zone = ZoneInfo(timezone)
    began = time.perf_counter()
    data = generate(spec, path, local_day(parse_now(now, zone), zone))
    say(
        f"  generated {path.name}: {data.rows:,} rows ({data.hidden} hidden members, {data.with_email:,} with e-mail,"
        f" {data.quoted:,} with quoted commas, {data.umlauts:,} names with non-ASCII letters),"
        f" {data.size_bytes / 2**20:.1f} MiB, in {time.perf_counter() - began:.1f} s"
    )
    result.file = {
        "name": "Connections.csv",
        "rows": data.rows,
        "hidden": data.hidden,
        "with_email": data.with_email,
        "quoted": data.quoted,
        "umlauts": data.umlauts,
        "size_bytes": data.size_bytes,
    }
    result.overlap_by, result.homonyms = dict(data.overlap_by), data.homonyms

    floor_db = workdir / "import-floor.sqlite"
    timings = []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        result.floor_rows = floor(path, floor_db)
        if attempt:
            timings.append(time.perf_counter() - started)
    _remove_sqlite(floor_db)
    result.floor_best, result.floor_runs = min(timings), timings
    say(
        f"  reference (csv + one executemany into one table, raw sqlite3) best {_ms(result.floor_best)}"
        f"  runs {_runs(timings)}"
        f"  ({result.floor_rows:,} rows)"
    )

    stores = Stores(workdir, pg_server, pg_database, now, timezone)
    for backend in backends:
        why = unusable(backend)
        if why:
            result.skipped[backend] = why
            say(f"  {backend}: skipped: {why}")
            continue
        say(f"  -- {backend}")
        try:
            out = BackendResult(backend)
            result.backends[backend] = out
            out.same_rows, out.rows_compared = same_rows(stores, backend, data)
            say(
                f"    the floor writes the import's rows: {out.same_rows or 'yes'}"
                f" ({out.rows_compared:,} rows compared)"
            )
            out.written_runs, out.written_cpu = floor_runs(stores, backend, data, runs)
            out.empty = _scenario(stores, backend, data, False, runs, say)
            out.existing = _scenario(stores, backend, data, True, runs, say)
            timings, cpu = floor_runs(stores, backend, data, runs)
            out.written_runs += timings
            out.written_cpu += cpu
            say(
                f"    floor: the rows alone, raw driver ({'executemany' if backend == 'sqlite' else 'COPY'}):"
                f" best {_ms(out.written)}  runs {_runs(out.written_runs)}  CPU {_runs(out.written_cpu)}"
            )
            for label, scenario, goal in (
                ("empty store", out.empty, EMPTY_GOAL),
                (f"{spec.existing:,} contacts", out.existing, EXISTING_GOAL),
            ):
                say(
                    f"    ratio to the floor, {label}: {result.ratio(backend, scenario.best):.2f} (goal <= {goal});"
                    f" re-import {result.ratio(backend, scenario.again):.2f} (goal <= {REIMPORT_GOAL});"
                    f" in CPU time {min(scenario.cpu_runs) / min(out.written_cpu):.2f}"
                    f" and {scenario.again_cpu / min(out.written_cpu):.2f}"
                )

            ctx = stores.fresh(backend, None)
            try:
                out.profile, out.profile_total, out.profile_top, _ = profile(ctx, path)
            finally:
                ctx.close()
            say(f"    profile of one empty-store import (cProfile, {_ms(out.profile_total)} with its overhead):")
            for part, seconds in out.profile.items():
                say(f"      {part:<62} {_ms(seconds)}  {100 * seconds / out.profile_total:5.1f} %")
            say(
                "    heaviest functions (self time): "
                + "; ".join(f"{name} x{calls} {tt * 1000:.0f} ms" for name, calls, tt in out.profile_top)
            )
            ctx = stores.fresh(backend, None)
            try:
                out.inserts = insert_variants(ctx, data)
            finally:
                ctx.close()
            for label, seconds in out.inserts.items():
                say(f"    contacts rows for the file's people: {_ms(seconds)}  {label}")
        finally:
            if backend == "postgresql":
                result.pg_version = stores.pg_version
                stores.drop()
            else:
                stores.wipe("sqlite")
    return result


# -- the child process for the memory figure ------------------------------------------------------------------------


def child(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description="Import one file; report memory.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--now", required=True)
    parser.add_argument("--timezone", default="Europe/Zurich")
    args = parser.parse_args(argv)

    from bench.memory import current_rss_mb, peak_rss_mb
    from rapport.config import Settings
    from rapport.services.context import open_context
    from rapport.services.importing import import_files

    after_imports = current_rss_mb()
    ctx = open_context(Settings(timezone=args.timezone, lang="en"), db=args.db, now=args.now)
    with ctx.transaction() as conn:
        summary = import_files(ctx, conn, [args.file], fmt="auto")
    peak = peak_rss_mb()
    ctx.close()
    report = {
        "peak_rss_mb": round(peak, 1),
        "rss_after_imports_mb": round(after_imports, 1),
        "import_delta_mb": round(peak - after_imports, 1),
        **outcome(summary),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(child())
