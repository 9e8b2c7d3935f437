"""The daily digest: today's agenda by e-mail to the owner, as plain text and HTML, at most once a local day.

What a run does, in order: nothing when a digest already went out today (the `digests` row of the owner and the
local day); nothing when nothing is due (an empty mail every morning teaches to ignore the mail — the command says
so instead, and a later run the same day sends once something is due); else the mail goes to the owner's address
and, once the server accepted it, the day is recorded. A failure records nothing, so the next run tries again.

The HTML comes from a Jinja2 template with autoescaping: names, notes and reasons are text, never markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from rapport.domain.dates import local_day
from rapport.domain.model import Action
from rapport.errors import InputError
from rapport.i18n import Translator
from rapport.services import agenda, inputs, owner
from rapport.services.context import Context
from rapport.services.sending import SmtpSettings, deliver
from rapport.store.schema import digests

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"
WIDTH = 76  # characters a line of the plain text part: what every mail program shows without wrapping again
_WHOLE_WORDS: dict[str, Any] = {"break_long_words": False, "break_on_hyphens": False}


@dataclass(frozen=True)
class Item:
    """One action as the mail shows it."""

    kind: str
    name: str
    due: str
    reason: str
    url: str


@dataclass(frozen=True)
class Mail:
    day: date
    to: str
    subject: str
    text: str
    html: str
    actions: int


@dataclass(frozen=True)
class Outcome:
    """What a run did: "sent", "already" (a digest went out earlier today) or "empty" (nothing due, nothing sent)."""

    status: str
    day: date
    to: str = ""
    actions: int = 0


def sent_on(conn: Connection, owner_id: int, day: date) -> bool:
    """Whether the owner's digest for that local day went out."""
    found = conn.execute(select(digests.c.day).where(digests.c.owner_id == owner_id, digests.c.day == day)).first()
    return found is not None


def compose(ctx: Context, actions: list[Action], lang: str, to: str) -> Mail:
    """The mail for today's `actions` in `lang`: the subject, the plain text and the HTML, with links to the pages."""
    t = Translator(lang, ctx.zone)
    base = ctx.settings.web_url
    day = local_day(ctx.now, ctx.zone)
    items = [
        Item(
            kind=t("kind." + a.kind.value),
            name=a.contact_name,
            due=t("due.now") if a.due <= ctx.now else t("due.at", when=t.moment(a.due)),
            reason=t.reason(a.reason, ctx.now),
            url=f"{base}contacts/{a.contact_id}",
        )
        for a in actions
    ]
    words = {
        "title": t.plural("today.title", len(items), date=t.date(day, style="full")),
        "open": t("digest.open"),
        "footer": t("digest.footer"),
    }
    subject = t.plural("digest.subject", len(items), date=t.date(day, style="medium"))
    today_url = f"{base}today"
    lines = [words["title"], ""]
    for number, item in enumerate(items, start=1):
        reason = textwrap.fill(item.reason, WIDTH, initial_indent="   ", subsequent_indent="   ", **_WHOLE_WORDS)
        lines += [f"{number}. {item.kind} · {item.name} · {item.due}", reason, f"   {item.url}", ""]
    lines += [f"{words['open']}: {today_url}", "", "-- ", words["footer"]]
    html = _template().render(lang=t.lang, subject=subject, words=words, items=items, today_url=today_url)
    return Mail(day=day, to=to, subject=subject, text="\n".join(lines) + "\n", html=html, actions=len(items))


@cache
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every name, note and reason renders as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("digest.html")


def send(ctx: Context, smtp: SmtpSettings, lang: str) -> Outcome:
    """Send today's digest unless it went out already or nothing is due; record the day once the server took it."""
    day = local_day(ctx.now, ctx.zone)
    if not smtp.host:  # said on a day with nothing due too: the setup is wrong every day
        raise InputError("send.not_configured", key="smtp_host")
    with ctx.transaction() as conn:
        if sent_on(conn, ctx.owner_id, day):
            return Outcome("already", day)
        me = owner.owner(ctx, conn)
        if not me.email:
            raise InputError("digest.no_email")
        actions = agenda.today(ctx, conn)
    if not actions:
        return Outcome("empty", day, me.email)
    mail = compose(ctx, actions, lang, me.email)
    sender_name, sender_address = parseaddr(smtp.sender or formataddr((me.name, me.email)))
    sender = inputs.email(sender_address)
    deliver(smtp, _message(ctx, mail, sender, sender_name, me.name, lang), sender, mail.to)
    try:
        with ctx.transaction() as conn:
            conn.execute(
                insert(digests).values(
                    owner_id=ctx.owner_id, day=day, sent_at=ctx.now, address=mail.to, actions=mail.actions
                )
            )
    except IntegrityError:  # a run at the same moment recorded the day first: it is recorded either way
        pass
    return Outcome("sent", day, mail.to, mail.actions)


def _message(ctx: Context, mail: Mail, sender: str, sender_name: str, my_name: str, lang: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(display_name=sender_name, addr_spec=sender)
    message["To"] = Address(display_name=my_name, addr_spec=mail.to)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(ctx.now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to it
    message["Content-Language"] = "de-CH" if lang == "de" else "en"
    message.set_content(mail.text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(mail.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def as_json(outcome: Outcome) -> dict[str, Any]:
    return {"status": outcome.status, "day": outcome.day.isoformat(), "to": outcome.to, "actions": outcome.actions}
