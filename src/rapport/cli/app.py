"""The command line: each command parses its options, calls one use case and shows the result.

Human output by default, `--json` on every reading command for scripts (stable keys, ISO 8601 times).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapport.cli import output, state

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from rapport.services.context import Context

app = typer.Typer(
    name="rapport",
    help="Keep your professional network alive: what to do today, for whom and why.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ContactName = Annotated[str, typer.Argument(help="The contact: a name, part of it, or #id.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
When = Annotated[
    str | None, typer.Option("--when", help="When it happened: 2026-11-24, 2026-11-24T18:30, yesterday, '3 days ago'.")
]


@app.callback()
def _global(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file or database URL (postgresql+psycopg://…). Env: RAPPORT_DATABASE_URL."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or de (default: your locale).")] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now", envvar="RAPPORT_NOW", help="Evaluate at this moment (ISO date-time), for reproducible runs."
        ),
    ] = None,
) -> None:
    state.options.db = db
    state.options.lang = lang
    state.options.now = now


@contextmanager
def unit_of_work(create: bool = False) -> Iterator[tuple[Context, Connection]]:
    """Open the store and run one transaction: all of a command's changes are saved together or not at all."""
    ctx = state.open_context(create=create)
    try:
        with ctx.transaction() as conn:
            yield ctx, conn
    finally:
        ctx.close()


def say(message: str, /, **facts: Any) -> None:
    output.line(state.translator()(message, **facts))


# ---------------------------------------------------------------------------------------------- setting up
@app.command()
def init() -> None:
    """Create the store (a SQLite file in your data directory unless --db says otherwise)."""
    with unit_of_work(create=True) as (ctx, _conn):
        say("init.done", url=ctx.location.display())


@app.command()
def demo(
    reset: Annotated[bool, typer.Option("--reset", help="Replace the contacts in the store with the demo.")] = False,
) -> None:
    """Load a demo network (Julia met Thomas two days ago; Urs meets former colleagues) dated around now."""
    from rapport.services import demo as demo_service
    from rapport.store.contacts import has_any_contact

    with unit_of_work(create=True) as (ctx, conn):
        has_contacts = has_any_contact(conn, ctx.owner_id)
        if has_contacts and not reset:
            state.fail("demo.exists", 4)
        if has_contacts:
            demo_service.reset_demo(ctx, conn)
        counts = demo_service.load_demo(ctx, conn)
    say("demo.done", contacts=counts["contacts"], interactions=counts["interactions"])


@app.command()
def me(
    name: Annotated[str | None, typer.Option("--name", help="Your name, as drafts sign ('' to clear).")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Where you work: contacts elsewhere are worth reconnecting.")
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="Your e-mail address.")] = None,
    json_: Json = False,
) -> None:
    """Your own profile: how drafts sign and where you work (without options: show it)."""
    from rapport.services import owner

    with unit_of_work() as (ctx, conn):
        profile = owner.update(ctx, conn, name=name, organisation=organisation, email=email)
    if json_:
        output.json(profile.as_json())
        return
    t = state.translator()
    for key, value in (
        ("me.name", profile.name),
        ("me.organisation", profile.organisation),
        ("me.email", profile.email),
    ):
        output.line(f"{t(key)}: {value or '—'}")
    if not profile.name:
        say("me.hint")


# ---------------------------------------------------------------------------------------------- capturing
Emails = Annotated[list[str] | None, typer.Option("--email", help="E-mail address (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="Phone number (repeatable).")]
Company = Annotated[str | None, typer.Option("--company", help="Organisation.")]
Title = Annotated[str | None, typer.Option("--title", help="Job title.")]
LinkedIn = Annotated[str, typer.Option("--linkedin", help="LinkedIn profile URL.")]
Xing = Annotated[str, typer.Option("--xing", help="Xing profile URL.")]
Urls = Annotated[list[str] | None, typer.Option("--url", help="Other web address (repeatable).")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")]
Interests = Annotated[list[str] | None, typer.Option("--interest", help="Interest or topic (repeatable).")]
Birthday = Annotated[str | None, typer.Option("--birthday", help="YYYY-MM-DD, or --MM-DD without year.")]
Anniversaries = Annotated[
    list[str] | None, typer.Option("--anniversary", help="LABEL=DATE, e.g. 'Wedding=2015-06-20' (repeatable).")
]
Address = Annotated[str | None, typer.Option("--address", help="Postal address.")]
HowMet = Annotated[str | None, typer.Option("--how-met", help="How and where you met.")]
LookingFor = Annotated[str | None, typer.Option("--looking-for", help="What they are looking for.")]
Offers = Annotated[str | None, typer.Option("--offers", help="What they can offer.")]
AddressForm = Annotated[
    str | None, typer.Option("--address-form", help="du or Sie: how drafts in German address the person.")
]


def _new_contact(name: str, options: dict[str, Any]) -> Any:
    """The contact fields `add` and `edit` share, from the command's options (lists default to empty)."""
    from rapport.services.people import NewContact

    lists = {
        "email": "emails",
        "phone": "phones",
        "url": "urls",
        "tag": "tags",
        "interest": "interests",
        "anniversary": "anniversaries",
    }
    scalars = (
        "company",
        "title",
        "linkedin",
        "xing",
        "birthday",
        "address",
        "how_met",
        "looking_for",
        "offers",
        "address_form",
        "circle",
    )
    fields: dict[str, Any] = {target: options.get(option) or [] for option, target in lists.items()}
    fields.update({key: options[key] for key in scalars if key in options})
    return NewContact(name=name, **fields)


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="Full name, titles included (e.g. 'Prof. Dr. Anna Meier').")],
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: LinkedIn = "",
    xing: Xing = "",
    url: Urls = None,
    circle: Annotated[str | None, typer.Option("--circle", help="core, active, wider or archived.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Add even to a full circle or under a known name.")] = False,
    tag: Tags = None,
    interest: Interests = None,
    birthday: Birthday = None,
    anniversary: Anniversaries = None,
    address: Address = None,
    how_met: HowMet = None,
    looking_for: LookingFor = None,
    offers: Offers = None,
    address_form: AddressForm = None,
    json_: Json = False,
) -> None:
    """Add a person to your network."""
    from rapport.services.people import add_contact

    fields = _new_contact(name, locals())
    with unit_of_work() as (ctx, conn):
        person = add_contact(ctx, conn, fields, force=force)
    if json_:
        output.json({"id": person.id, "name": person.name, "circle": person.circle})
    else:
        say("add.done", name=person.name, circle=person.circle)


@app.command()
def edit(
    name: ContactName,
    new_name: Annotated[str | None, typer.Option("--name", help="A new full name.")] = None,
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: LinkedIn = "",
    xing: Xing = "",
    url: Urls = None,
    tag: Tags = None,
    interest: Interests = None,
    birthday: Birthday = None,
    anniversary: Anniversaries = None,
    address: Address = None,
    how_met: HowMet = None,
    looking_for: LookingFor = None,
    offers: Offers = None,
    address_form: AddressForm = None,
    force: Annotated[bool, typer.Option("--force", help="Rename even to the name of someone already there.")] = False,
) -> None:
    """Change what you know about a person: given fields replace, e-mails, phones, tags and dates add."""
    from rapport.services.people import edit_contact

    changes = _new_contact(new_name or "", locals())
    with unit_of_work() as (ctx, conn):
        person = edit_contact(ctx, conn, name, changes, rename=new_name is not None, force=force)
    say("edit.done", name=person.name)


@app.command()
def met(
    name: Annotated[str, typer.Argument(help="Who you met (created if new).")],
    at: Annotated[str, typer.Option("--at", help="Where or at what occasion, e.g. 'Design Thinking talk'.")],
    when: When = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="What you talked about (repeatable).")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes on the person and the conversation.")] = None,
    looking_for: Annotated[str | None, typer.Option("--looking-for", help="What they are looking for.")] = None,
    offers: Annotated[str | None, typer.Option("--offers", help="What they can offer.")] = None,
    next_meeting: Annotated[
        str | None,
        typer.Option(
            "--next", help="A planned next meeting, e.g. '27 June, next talk of the series' (drafts propose it)."
        ),
    ] = None,
    company: Annotated[str, typer.Option("--company", help="Organisation (for a new contact).")] = "",
    title: Annotated[str, typer.Option("--title", help="Job title (for a new contact).")] = "",
    circle: Annotated[str | None, typer.Option("--circle", help="Circle for a new contact.")] = None,
    json_: Json = False,
) -> None:
    """Log an in-person meeting; a first meeting opens the 72-hour follow-up window."""
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        done = journal.met(
            ctx,
            conn,
            name,
            at=at,
            when=when,
            topics=topic or [],
            notes=notes,
            looking_for=looking_for,
            offers=offers,
            circle=circle,
            company=company,
            title=title,
            next_meeting=next_meeting,
        )
    t = state.translator()
    if json_:
        output.json(
            {
                "id": done.person.id,
                "name": done.person.name,
                "created": done.created,
                "met_at": done.met_at.isoformat(),
                "follow_up_by": done.window_closes_at.isoformat() if done.window_closes_at else None,
                "circle": done.person.circle,
            }
        )
        return
    if done.full_circle is not None:
        say("met.full_circle", full=done.full_circle, name=done.person.name, circle=done.person.circle)
    place = t("place.at", place=at.strip())
    met_phrase = t.moment_phrase(done.met_at, ctx.now)
    if done.window_closes_at is not None:
        key = "met.new" if done.created else "met.first"
        say(key, name=done.person.name, met=met_phrase, place=place, deadline=t.moment(done.window_closes_at))
    else:
        say("met.again", name=done.person.name, met=met_phrase, place=place)
    if not notes:
        say("met.notes_hint", name=done.person.name)


@app.command()
def log(
    names: Annotated[list[str], typer.Argument(help="One or more contacts (a group meetup has several).")],
    via: Annotated[
        str, typer.Option("--via", help="in-person, group, video, call, email, linkedin, xing, message or social.")
    ],
    when: When = None,
    summary: Annotated[str | None, typer.Option("--summary", help="What it was about.")] = None,
    by_them: Annotated[bool, typer.Option("--by-them", help="They started it (default: you did).")] = False,
    about: Annotated[
        str | None, typer.Option("--about", help="news: it was your congratulation on their news.")
    ] = None,
) -> None:
    """Log an interaction; it restarts the keep-in-touch rhythm and can close a 72-hour window."""
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        done = journal.log(ctx, conn, names, via=via, when=when, summary=summary, by_them=by_them, about=about)
    t = state.translator()
    say(
        "log.done",
        channel=t(f"channel.{done.interaction.channel.value}"),
        names=", ".join(p.name for p in done.people),
        when=t.moment(done.interaction.occurred_at),
    )
    if about is not None:
        say("log.congratulated", names=", ".join(p.name for p in done.people))
    for person in done.closed_windows:
        say("log.closes", name=person.name)


@app.command()
def note(
    name: ContactName,
    text: Annotated[str, typer.Argument(help="The note, dated now.")],
    did: Annotated[
        bool, typer.Option("--did", help="It says what you did with their input (drafts recall it).")
    ] = False,
    when: When = None,
) -> None:
    """Write a dated note about a person (best right after meeting them)."""
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        person = journal.note(ctx, conn, name, text, did=did, when=when)
    say("note.done", name=person.name)


def _ledger(direction: str, name: str, kind: str, note_text: str | None, when: str | None, done_key: str) -> None:
    from rapport.domain.model import Direction
    from rapport.services import journal

    with unit_of_work() as (ctx, conn):
        entry = journal.favour(ctx, conn, name, Direction(direction), kind, note_text, when)
    t = state.translator()
    if entry.take_before_give:
        given, received = entry.given_before, entry.received_before
        output.warn(t("warn.give_first", name=entry.person.name, given=given, received=received))
    say(done_key, name=entry.person.name, kind=entry.kind, balance=entry.balance)


FavourKindArg = Annotated[
    str, typer.Argument(help="introduction, referral, advice, information, congratulation, help, job-lead, other")
]
FavourNote = Annotated[str | None, typer.Option("--note", help="What it was.")]


@app.command()
def gave(
    name: ContactName,
    kind: FavourKindArg,
    note: FavourNote = None,
    when: When = None,
) -> None:
    """Record a favour you gave (giving first builds the relationship)."""
    _ledger("given", name, kind, note, when, "gave.done")


@app.command()
def got(
    name: ContactName,
    kind: FavourKindArg,
    note: FavourNote = None,
    when: When = None,
) -> None:
    """Record a favour you received."""
    _ledger("received", name, kind, note, when, "got.done")


@app.command()
def ask(
    name: ContactName,
    text: Annotated[str, typer.Argument(help="What you asked for.")],
) -> None:
    """Record something you asked a contact for (warns when you have not given first)."""
    _ledger("asked", name, "other", text, None, "ask.done")


@app.command()
def news(
    name: ContactName,
    kind: Annotated[str, typer.Argument(help="promotion, new-job, work-anniversary, media, birthday or other.")],
    when: When = None,
    text: Annotated[str | None, typer.Option("--text", help="What happened, e.g. 'Head of Design at Acme'.")] = None,
) -> None:
    """Record a contact's news; recent news becomes a congratulation on the agenda."""
    from rapport.services import inputs, journal

    with unit_of_work() as (ctx, conn):
        person = journal.news(ctx, conn, name, kind, when=when, text=text)
        day = ctx.now if not when else inputs.parse_moment(when, ctx.zone, now=ctx.now)
    t = state.translator()
    say("news.done", kind=inputs.event_kind(kind).value, name=person.name, date=t.date(t.local(day).date()))


# ---------------------------------------------------------------------------------------------- reading
@app.command()
def today(
    limit: Annotated[
        int | None, typer.Option("--limit", help="How many actions (default: the daily budget, 7).")
    ] = None,
    json_: Json = False,
) -> None:
    """Today's agenda: the few things worth doing, for whom and why."""
    from rapport.services import agenda

    with unit_of_work() as (ctx, conn):
        actions = agenda.today(ctx, conn, limit=limit)
    output.agenda(actions, ctx.now, state.translator(), as_json=json_)


@app.command()
def show(
    name: ContactName,
    json_: Json = False,
) -> None:
    """Everything stored about one person."""
    from rapport.services.people import profile

    with unit_of_work() as (ctx, conn):
        data = profile(ctx, conn, name)
    output.profile(data, ctx.now, state.translator(), as_json=json_, region=ctx.settings.region)


@app.command(name="list")
def list_(
    circle: Annotated[str | None, typer.Option("--circle", help="Only this circle (archived included).")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only contacts with this tag.")] = None,
    rusting: Annotated[bool, typer.Option("--rusting", help="Only contacts overdue for a touch.")] = False,
    json_: Json = False,
) -> None:
    """List contacts with circle, last contact, strength and give-and-take balance."""
    from rapport.services.people import listing

    with unit_of_work() as (ctx, conn):
        rows = listing(ctx, conn, circle=circle, tag=tag, only_rusting=rusting)
    output.contacts(rows, state.translator(), as_json=json_, region=ctx.settings.region)


@app.command()
def circles(json_: Json = False) -> None:
    """The circles: rhythm, capacity, members and how many are rusting."""
    from rapport.services.people import circles_overview

    with unit_of_work() as (ctx, conn):
        rows = circles_overview(ctx, conn)
    output.circles(rows, state.translator(), as_json=json_)


@app.command()
def circle(
    name: Annotated[str, typer.Argument(help="The circle to change or create.")],
    cadence: Annotated[int | None, typer.Option("--cadence", help="Days between touches.")] = None,
    capacity: Annotated[int | None, typer.Option("--capacity", help="How many people fit.")] = None,
    half_life: Annotated[int | None, typer.Option("--half-life", help="Days for strength to halve.")] = None,
) -> None:
    """Change a circle's rhythm, size or half-life (or create a new circle)."""
    from rapport.services.people import set_circle

    with unit_of_work() as (ctx, conn):
        result = set_circle(ctx, conn, name, cadence, capacity, half_life)
    t = state.translator()
    say(
        "circle.done",
        name=result.name,
        cadence=t("days", days=result.cadence_days) if result.cadence_days else t("no_reminders"),
        capacity=result.capacity if result.capacity is not None else t("unlimited"),
        half_life=result.half_life_days,
    )


@app.command()
def move(
    name: ContactName,
    circle: Annotated[str, typer.Argument(help="core, active, wider or archived.")],
    force: Annotated[bool, typer.Option("--force", help="Move even into a full circle.")] = False,
) -> None:
    """Move a contact to another circle."""
    from rapport.services.people import move as move_contact

    with unit_of_work() as (ctx, conn):
        person, old = move_contact(ctx, conn, name, circle, force=force)
    say("move.done", name=person.name, old=old, new=circle.strip().lower())


@app.command()
def archive(name: ContactName) -> None:
    """Archive a contact: kept, but no more reminders."""
    from rapport.services.people import archive as archive_contact

    with unit_of_work() as (ctx, conn):
        person = archive_contact(ctx, conn, name)
    say("archive.done", name=person.name)


@app.command()
def forget(
    name: ContactName,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a contact and everything stored about them (their notes, interactions, favours and news)."""
    from rapport.services.people import forget as forget_contact
    from rapport.services.people import resolve

    with unit_of_work() as (ctx, conn):
        person = resolve(ctx, conn, name)
        if not yes:
            typer.confirm(f"{person.name}?", abort=True)
        forget_contact(ctx, conn, person)
    say("forget.done", name=person.name)


# ---------------------------------------------------------------------------------------------- in and out
class _Rollback(Exception):
    """Raised to undo a dry run."""


@app.command(name="import")
def import_(
    paths: Annotated[
        list[str], typer.Argument(help="vCard, LinkedIn export (.zip or its CSV files), Google CSV, CSV.")
    ],
    format_: Annotated[
        str, typer.Option("--format", help="auto, vcard, linkedin, google-csv or csv (needs --map).")
    ] = "auto",
    mapping: Annotated[
        str | None, typer.Option("--map", help="For any CSV: 'Vorname=given_name,Nachname=family_name,…'.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would happen; save nothing.")] = False,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good records and report each bad one.")
    ] = False,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Your name or profile URL in a LinkedIn export (else recognised).")
    ] = None,
    exported_on: Annotated[
        str | None,
        typer.Option("--exported-on", help="YYYY-MM-DD the LinkedIn export was made (else: zip, file name)."),
    ] = None,
    json_: Json = False,
) -> None:
    """Bring contacts in: one person per human, merged with who is already there; importing twice changes nothing."""
    from rapport.services.importing import import_files

    summary = None
    export_day = None
    if exported_on is not None:
        from rapport.services.inputs import parse_day

        export_day = parse_day(exported_on, "--exported-on")
    try:
        with unit_of_work() as (ctx, conn), output.import_progress(paths) as progress:
            summary = import_files(
                ctx,
                conn,
                paths,
                fmt=format_.strip().lower(),
                mapping=mapping,
                skip_bad=skip_bad,
                owner=owner,
                progress=progress,
                exported_on=export_day,
            )
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    assert summary is not None
    if json_:
        output.json({**summary.as_json(), "dry_run": dry_run})
        return
    output.import_summary(summary, state.translator(), dry_run)


@app.command()
def duplicates(json_: Json = False) -> None:
    """Contacts that may be one person (same or similar name), to merge or keep apart."""
    from rapport.services.merging import duplicates as find

    with unit_of_work() as (ctx, conn):
        pairs = find(ctx, conn)
    output.duplicates(pairs, state.translator(), as_json=json_)


@app.command()
def merge(
    survivor: Annotated[str, typer.Argument(help="The contact that stays.")],
    other: Annotated[str, typer.Argument(help="The contact merged into it (and then removed).")],
    not_: Annotated[bool, typer.Option("--not", help="They are two people: never propose them again.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation on a terminal.")] = False,
) -> None:
    """Merge two contacts into one (everything is kept), or remember that they are two people."""
    import sys

    from rapport.services import merging
    from rapport.services.people import resolve

    with unit_of_work() as (ctx, conn):
        if not_:
            first, second = merging.keep_apart(ctx, conn, survivor, other)
        else:
            if not yes and sys.stdin.isatty():
                a, b = resolve(ctx, conn, survivor), resolve(ctx, conn, other)
                typer.confirm(state.translator()("merge.confirm", other=b.name, survivor=a.name), abort=True)
            kept, gone = merging.merge(ctx, conn, survivor, other)
    if not_:
        say("merge.kept_apart", first=first.name, second=second.name)
    else:
        say("merge.done", survivor=kept.name, other=gone.name)


@app.command()
def export(
    format_: Annotated[str, typer.Argument(metavar="FORMAT", help="vcard, csv, json (a complete backup) or ics.")],
    output_path: Annotated[
        str | None, typer.Option("-o", "--output", help="File to write (default: the screen).")
    ] = None,
    circle: Annotated[str | None, typer.Option("--circle", help="Only this circle.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only contacts with this tag.")] = None,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived contacts.")] = False,
    vcard_version: Annotated[str, typer.Option("--vcard-version", help="4.0 (default) or 3.0.")] = "4.0",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="CSV column separator, e.g. ';' for German Excel.")
    ] = ",",
) -> None:
    """Take your network out in open formats: vCard, CSV (for Excel), a JSON backup, or a calendar (.ics)."""
    from rapport.services import exporting

    kind = format_.strip().lower()
    if kind == "json":
        backup(output_path)
        return
    writers = {
        "vcard": lambda ctx, conn, out: exporting.export_vcards(
            ctx, conn, out, version=vcard_version, circle=circle, tag=tag, include_archived=archived
        ),
        "csv": lambda ctx, conn, out: exporting.export_csv(
            ctx, conn, out, delimiter=delimiter, circle=circle, tag=tag, include_archived=archived
        ),
        "ics": lambda ctx, conn, out: exporting.export_calendar(
            ctx, conn, out, circle=circle, tag=tag, include_archived=archived
        ),
    }
    if kind not in writers:
        state.fail("export.format", 2, value=format_)
    with unit_of_work() as (ctx, conn), exporting.output(output_path) as out:
        count = writers[kind](ctx, conn, out)
    if output_path not in (None, "-"):
        say("export.events" if kind == "ics" else "export.contacts", count=count, file=output_path)


@app.command()
def backup(
    output_path: Annotated[
        str | None, typer.Option("-o", "--output", help="File to write (default: the screen).")
    ] = None,
) -> None:
    """A complete backup of everything you own in rapport (JSON Lines, restorable with `rapport restore`)."""
    import os
    import sys

    from rapport.services import backup as service

    ctx = state.open_context()
    try:
        with service.snapshot(ctx) as conn:
            if output_path in (None, "-"):
                rows = service.backup(ctx, conn, sys.stdout)
            else:
                partial = f"{output_path}.part"
                try:
                    with open(partial, "w", encoding="ascii", newline="\n") as out:
                        rows = service.backup(ctx, conn, out)
                    os.replace(partial, output_path)
                finally:
                    if os.path.exists(partial):
                        os.remove(partial)
    finally:
        ctx.close()
    message = state.translator()(
        "backup.done", contacts=rows.get("contacts", 0), rows=sum(rows.values()), file=output_path or "-"
    )
    output.warn(message) if output_path in (None, "-") else output.line(message)


@app.command()
def restore(
    path: Annotated[str, typer.Argument(help="A file made by `rapport backup` (- for standard input).")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete your current data and put the backup in its place.")
    ] = False,
) -> None:
    """Restore a backup into a new or empty store (or over your data with --replace)."""
    import sys
    from contextlib import nullcontext

    from rapport.services import backup as service

    with (
        nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as stream,  # opened before a store is made
        _new_store_removed_on_failure(),
        unit_of_work(create=True) as (ctx, conn),
    ):
        done = service.restore(ctx, conn, stream, replace=replace, file=path)
    say("restore.done", contacts=done.rows.get("contacts", 0), rows=sum(done.rows.values()), created_at=done.created_at)


@contextmanager
def _new_store_removed_on_failure() -> Iterator[None]:
    """When the SQLite store does not exist yet and the command fails, no empty store is left behind."""
    import os

    from rapport.store.location import Location, default_url, normalise_url

    db = state.options.db
    path = Location(normalise_url(db) if db else default_url()).sqlite_path
    new = path is not None and not os.path.exists(path)
    try:
        yield
    except BaseException:
        if new and path is not None:
            for leftover in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
                if os.path.exists(leftover):
                    os.remove(leftover)
        raise


config_app = typer.Typer(
    help="Show and change settings (the config file in your config directory).", no_args_is_help=True
)
app.add_typer(config_app, name="config")


@config_app.command(name="list")
def config_list(json_: Json = False) -> None:
    """Every setting: its value, where it comes from, and what it means."""
    from rapport import config as settings_module

    rows = settings_module.describe()
    if json_:
        output.json({"file": settings_module.config_path(), "settings": rows})
        return
    t = state.translator()
    output.line(t("config.file", path=settings_module.config_path()))
    for row in rows:
        value = row["value"] if row["value"] != "" else "—"
        output.line(f"  {row['key']} = {value}  ({t('config.source.' + row['source'])}, {row['env']})")
        output.line(f"      {t('setting.' + row['key'])}")


@config_app.command(name="get")
def config_get(key: Annotated[str, typer.Argument(help="The setting, e.g. daily_budget.")]) -> None:
    """Print one setting's value."""
    from rapport import config as settings_module

    found = {row["key"]: row for row in settings_module.describe()}
    if key not in found:
        state.fail("config.unknown_key", 2, key=key)
    output.line(str(found[key]["value"]))


@config_app.command(name="set")
def config_set(
    key: Annotated[str, typer.Argument(help="The setting, e.g. daily_budget.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change a setting in the config file (checked first)."""
    from rapport import config as settings_module

    settings_module.write_setting(key, value)
    shown = next((r["value"] for r in settings_module.describe() if r["key"] == key), value)
    say("config.set", key=key, value=shown)


@config_app.command(name="unset")
def config_unset(key: Annotated[str, typer.Argument(help="The setting to return to its default.")]) -> None:
    """Remove a setting from the config file, so its default (or environment variable) applies."""
    from rapport import config as settings_module

    settings_module.write_setting(key, None)
    say("config.unset", key=key)


@app.command(name="check")
def check_(
    path: Annotated[str, typer.Argument(help="The message: a text file, or - for standard input.")] = "-",
    contact: Annotated[str | None, typer.Option("--contact", help="Use what you know about this person.")] = None,
    channel: Annotated[
        str, typer.Option("--channel", help="email, linkedin (connection note), xing, message.")
    ] = "email",
    limit: Annotated[int | None, typer.Option("--limit", help="Character limit of a LinkedIn note (300).")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="follow-up (default), congrats, check-in, thanks, ask, share, introduction or invite."
        ),
    ] = None,
    json_: Json = False,
) -> None:
    """How personal is a message? A score from 0 to 100, what is there, what is missing and how to add it."""
    import sys

    from rapport.services import checking

    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as file:
            data = file.read(checking.MAX_MESSAGE * 4 + 1)
    text = checking.message_text(data, path)
    lang = state.options.lang
    channel = {"linkedin": "linkedin_note", "linkedin-message": "linkedin"}.get(channel.strip().lower(), channel)
    if contact:
        with unit_of_work() as (ctx, conn):
            result = checking.check_message(ctx, conn, text, contact, lang, channel.strip().lower(), limit, kind)
    else:
        result = checking.check_message(None, None, text, None, lang, channel.strip().lower(), limit, kind)
    if json_:
        output.json(result.as_json())
        return
    output.check(result, state.translator())


@app.command()
def send(
    name: ContactName,
    via: Annotated[
        str, typer.Option("--via", help="email (LinkedIn and Xing have no way to send: use draft and log).")
    ] = "email",
    kind: Annotated[str | None, typer.Option("--kind", help="follow-up, congrats, check-in, thanks or ask.")] = None,
    message_file: Annotated[
        str | None, typer.Option("--message-file", help="Send this text instead of editing the draft.")
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="The subject (default: the draft's).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Another address than the stored one.")] = None,
    did: Annotated[str | None, typer.Option("--did", help="What you did with their input, for the draft.")] = None,
) -> None:
    """Send a personal e-mail (the draft opens in $EDITOR) and log it: it closes a 72-hour follow-up window."""
    import os
    import sys

    from rapport.services import checking, drafting, sending

    if via.strip().lower() != "email":
        state.fail("send.no_api", 2, via=via)
    with unit_of_work() as (ctx, conn):
        smtp = sending.SmtpSettings.from_settings(ctx.settings)
        if message_file is not None:
            with open(message_file, "rb") as file:
                body = checking.message_text(file.read(checking.MAX_MESSAGE * 4 + 1), message_file)
            title = (
                subject
                or drafting.draft(ctx, conn, name, kind=kind, via="email", lang=state.options.lang, did=did).subject
                or ""
            )
        else:
            written = drafting.draft(ctx, conn, name, kind=kind, via="email", lang=state.options.lang, did=did)
            editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
            if not editor or not sys.stdin.isatty():
                state.fail("send.no_editor", 2)
            assert editor is not None
            title, body = _edit(editor, subject or written.subject or "", written.text)
        done = sending.send_email(ctx, conn, name, title, body, smtp, to=to)
    say("send.done", to=done.to, subject=title, name=done.person.name)
    if done.closed_window:
        say("send.closed", name=done.person.name)


def _edit(editor: str, subject: str, body: str) -> tuple[str, str]:
    """Let the user edit 'Subject: …' and the text in their editor; returns what they saved."""
    import shlex
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w+", suffix=".txt", encoding="utf-8", delete=False) as file:
        file.write(f"Subject: {subject}\n\n{body}\n")
        path = file.name
    try:
        subprocess.run([*shlex.split(editor), path], check=True)
        with open(path, encoding="utf-8") as file:
            text = file.read()
    finally:
        import os

        os.remove(path)
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return subject, text.strip()


@app.command()
def draft(
    name: ContactName,
    kind: Annotated[
        str | None, typer.Option("--kind", help="follow-up, congrats, check-in, thanks or ask (default: what fits).")
    ] = None,
    via: Annotated[
        str, typer.Option("--via", help="email, linkedin (connection note), linkedin-message or xing.")
    ] = "email",
    lang: Annotated[str | None, typer.Option("--lang", help="de-CH, de or en (default: your language).")] = None,
    did: Annotated[
        str | None, typer.Option("--did", help="What you did with their input, e.g. 'die Technik ausprobiert'.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Character limit of a LinkedIn connection note.")] = 300,
    polish_: Annotated[
        bool, typer.Option("--polish", help="Let the writing help (RAPPORT_LLM_URL) rephrase it, checked again.")
    ] = False,
    json_: Json = False,
) -> None:
    """A personal draft built from what you noted (checked for what makes it personal); gaps are marked [ ]."""
    from rapport.services import drafting

    with unit_of_work() as (ctx, conn):
        written = drafting.draft(
            ctx, conn, name, kind=kind, via=via, lang=lang or state.options.lang, did=did, limit=limit
        )
        profile_facts = _facts_summary(ctx, conn, name)
    notice = None
    if polish_:
        written, notice = _polished(written, profile_facts, limit)
    if json_:
        output.json({**written.as_json(), "polish": notice})
        return
    output.draft(written, state.translator(), notice)


def _facts_summary(ctx: Any, conn: Any, name: str) -> str:
    from rapport.services.people import profile

    data = profile(ctx, conn, name)
    parts = [
        data["name"],
        data["organisation"],
        data["title"],
        data["first_met_place"],
        ", ".join(data["interests"]),
        data["looking_for"],
        *[n["text"] for n in data["notes"]],
    ]
    return "; ".join(str(p) for p in parts if p)


def _polished(written: Any, facts_summary: str, limit: int) -> tuple[Any, str | None]:
    """The draft rephrased by the writing help when it is set up and keeps everything; else rapport's own."""
    import dataclasses
    import os

    from rapport.messages import check
    from rapport.messages.polish import LlmSettings, polish

    settings = LlmSettings.from_env(os.environ)
    if settings is None:
        return written, "polish.not_configured"
    lang = written.lang.split("-")[0]

    def check_fn(text: str) -> Any:
        return check(text, lang=lang, channel=written.channel, limit=limit)

    result = polish(written.text, facts_summary, lang, written.channel, limit, settings, check_fn)
    if not result.polished:
        return written, result.reason
    return dataclasses.replace(written, text=result.text, check=check_fn(result.text)), "polish.used"
