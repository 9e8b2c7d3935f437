"""People: setting up the store, adding and changing contacts, reading them, and their circles."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import ContactName, Json, say, unit_of_work

commands = typer.Typer()


@commands.command(help="help.cmd.init")
def init() -> None:
    with unit_of_work(create=True) as (ctx, _conn):
        say("init.done", url=ctx.location.display())


@commands.command(help="help.cmd.demo")
def demo(
    reset: Annotated[bool, typer.Option("--reset", help="help.opt.reset")] = False,
) -> None:
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


@commands.command(help="help.cmd.me")
def me(
    name: Annotated[str | None, typer.Option("--name", help="help.me.name")] = None,
    organisation: Annotated[str | None, typer.Option("--organisation", help="help.opt.organisation")] = None,
    email: Annotated[str | None, typer.Option("--email", help="help.me.email")] = None,
    json_: Json = False,
) -> None:
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


Emails = Annotated[list[str] | None, typer.Option("--email", help="help.opt.emails")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="help.opt.phone")]
Company = Annotated[str | None, typer.Option("--company", help="help.opt.company")]
Title = Annotated[str | None, typer.Option("--title", help="help.opt.title")]
LinkedIn = Annotated[str, typer.Option("--linkedin", help="help.opt.linkedin")]
Xing = Annotated[str, typer.Option("--xing", help="help.opt.xing")]
Urls = Annotated[list[str] | None, typer.Option("--url", help="help.opt.url")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="help.opt.tags")]
Interests = Annotated[list[str] | None, typer.Option("--interest", help="help.opt.interest")]
Birthday = Annotated[str | None, typer.Option("--birthday", help="help.opt.birthday")]
Anniversaries = Annotated[list[str] | None, typer.Option("--anniversary", help="help.opt.anniversary")]
Address = Annotated[str | None, typer.Option("--address", help="help.opt.address")]
HowMet = Annotated[str | None, typer.Option("--how-met", help="help.opt.how_met")]
LookingFor = Annotated[str | None, typer.Option("--looking-for", help="help.opt.looking_for")]
Offers = Annotated[str | None, typer.Option("--offers", help="help.opt.offers")]
AddressForm = Annotated[str | None, typer.Option("--address-form", help="help.opt.address_form")]


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


@commands.command(help="help.cmd.add")
def add(
    name: Annotated[str, typer.Argument(help="help.add.name")],
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: LinkedIn = "",
    xing: Xing = "",
    url: Urls = None,
    circle: Annotated[str | None, typer.Option("--circle", help="help.opt.circle_choice")] = None,
    force: Annotated[bool, typer.Option("--force", help="help.add.force")] = False,
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
    from rapport.services.people import add_contact

    fields = _new_contact(name, locals())
    with unit_of_work() as (ctx, conn):
        person = add_contact(ctx, conn, fields, force=force)
    if json_:
        output.json({"id": person.id, "name": person.name, "circle": person.circle})
    else:
        say("add.done", name=person.name, circle=person.circle)


@commands.command(help="help.cmd.edit")
def edit(
    name: ContactName,
    new_name: Annotated[str | None, typer.Option("--name", help="help.opt.new_name")] = None,
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
    force: Annotated[bool, typer.Option("--force", help="help.edit.force")] = False,
) -> None:
    from rapport.services.people import edit_contact

    changes = _new_contact(new_name or "", locals())
    with unit_of_work() as (ctx, conn):
        person = edit_contact(ctx, conn, name, changes, rename=new_name is not None, force=force)
    say("edit.done", name=person.name)


@commands.command(help="help.cmd.show")
def show(
    name: ContactName,
    json_: Json = False,
) -> None:
    from rapport.services.people import profile

    with unit_of_work() as (ctx, conn):
        data = profile(ctx, conn, name)
    output.profile(data, ctx.now, state.translator(), as_json=json_, region=ctx.settings.region)


@commands.command(name="list", help="help.cmd.list")
def list_(
    circle: Annotated[str | None, typer.Option("--circle", help="help.list.circle")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="help.opt.only_tag")] = None,
    rusting: Annotated[bool, typer.Option("--rusting", help="help.opt.rusting")] = False,
    never_met: Annotated[bool, typer.Option("--never-met", help="help.opt.never_met")] = False,
    json_: Json = False,
) -> None:
    from rapport.services.people import listing

    with unit_of_work() as (ctx, conn):
        rows = listing(ctx, conn, circle=circle, tag=tag, only_rusting=rusting, never_met=never_met)
    output.contacts(rows, state.translator(), as_json=json_, region=ctx.settings.region)


@commands.command(help="help.cmd.circles")
def circles(json_: Json = False) -> None:
    from rapport.services.people import circles_overview

    with unit_of_work() as (ctx, conn):
        rows = circles_overview(ctx, conn)
    output.circles(rows, state.translator(), as_json=json_)


@commands.command(help="help.cmd.circle")
def circle(
    name: Annotated[str, typer.Argument(help="help.circle.name")],
    cadence: Annotated[int | None, typer.Option("--cadence", help="help.opt.cadence")] = None,
    capacity: Annotated[int | None, typer.Option("--capacity", help="help.opt.capacity")] = None,
    half_life: Annotated[int | None, typer.Option("--half-life", help="help.opt.half_life")] = None,
) -> None:
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


@commands.command(help="help.cmd.move")
def move(
    name: ContactName,
    circle: Annotated[str, typer.Argument(help="help.opt.circle_choice")],
    force: Annotated[bool, typer.Option("--force", help="help.move.force")] = False,
) -> None:
    from rapport.services.people import move as move_contact

    with unit_of_work() as (ctx, conn):
        person, old = move_contact(ctx, conn, name, circle, force=force)
    say("move.done", name=person.name, old=old, new=circle.strip().lower())


@commands.command(help="help.cmd.archive")
def archive(name: ContactName) -> None:
    from rapport.services.people import archive as archive_contact

    with unit_of_work() as (ctx, conn):
        person = archive_contact(ctx, conn, name)
    say("archive.done", name=person.name)


@commands.command(help="help.cmd.forget")
def forget(
    name: ContactName,
    yes: Annotated[bool, typer.Option("--yes", help="help.opt.yes")] = False,
) -> None:
    from rapport.services.people import forget as forget_contact
    from rapport.services.people import resolve

    with unit_of_work() as (ctx, conn):
        person = resolve(ctx, conn, name)
        if not yes:
            typer.confirm(f"{person.name}?", abort=True)
        forget_contact(ctx, conn, person)
    say("forget.done", name=person.name)
