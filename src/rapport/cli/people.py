"""People: setting up the store, adding and changing contacts, reading them, and their circles."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import ContactName, Json, say, unit_of_work

commands = typer.Typer()


@commands.command()
def init() -> None:
    """Create the store (a SQLite file in your data directory unless --db says otherwise)."""
    with unit_of_work(create=True) as (ctx, _conn):
        say("init.done", url=ctx.location.display())


@commands.command()
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


@commands.command()
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


@commands.command()
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


@commands.command()
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


@commands.command()
def show(
    name: ContactName,
    json_: Json = False,
) -> None:
    """Everything stored about one person."""
    from rapport.services.people import profile

    with unit_of_work() as (ctx, conn):
        data = profile(ctx, conn, name)
    output.profile(data, ctx.now, state.translator(), as_json=json_, region=ctx.settings.region)


@commands.command(name="list")
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


@commands.command()
def circles(json_: Json = False) -> None:
    """The circles: rhythm, capacity, members and how many are rusting."""
    from rapport.services.people import circles_overview

    with unit_of_work() as (ctx, conn):
        rows = circles_overview(ctx, conn)
    output.circles(rows, state.translator(), as_json=json_)


@commands.command()
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


@commands.command()
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


@commands.command()
def archive(name: ContactName) -> None:
    """Archive a contact: kept, but no more reminders."""
    from rapport.services.people import archive as archive_contact

    with unit_of_work() as (ctx, conn):
        person = archive_contact(ctx, conn, name)
    say("archive.done", name=person.name)


@commands.command()
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
