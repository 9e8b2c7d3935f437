"""Sending an e-mail to a contact over SMTP, and logging it as my interaction once the server accepted it.

The SMTP password is only ever handed to the server: it is not part of any repr, log line, error fact or database
row. Nothing is logged unless the server accepted the message.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from sqlalchemy import Connection, select

from rapport.domain.followup import follow_up_window
from rapport.domain.model import Channel, ContactState, Initiator, Interaction
from rapport.errors import InputError, RapportError
from rapport.services import inputs, owner
from rapport.services.context import Context
from rapport.services.journal import record_interaction
from rapport.services.people import Person, resolve
from rapport.store import contacts as store
from rapport.store.schema import emails

SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORT = 587
DEFAULT_TIMEOUT = 30.0
SUBJECT_LIMIT = 500


class SendError(RapportError):
    """The mail server could not be reached, refused the login or refused the message."""

    exit_code = 6
    http_status = 502


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the outgoing mail server. The password is left out of repr and comparisons."""

    host: str = ""
    port: int = DEFAULT_PORT
    security: str = "starttls"  # "starttls", "ssl" (implicit TLS, usually port 465) or "none"
    user: str = ""
    password: str = field(default="", repr=False, compare=False)
    sender: str = ""  # the From address
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_settings(cls, source: Mapping[str, Any] | Any) -> SmtpSettings:
        """Read smtp_host, smtp_port, smtp_security, smtp_user, smtp_password, mail_from (and an optional
        smtp_timeout) from a mapping or a Settings-like object; missing keys take their defaults."""

        def get(key: str, default: Any) -> Any:
            value = source.get(key) if isinstance(source, Mapping) else getattr(source, key, None)
            return default if value is None or value == "" else value

        security = str(get("smtp_security", "starttls")).strip().lower()
        if security not in SECURITIES:
            raise InputError("send.security", value=security, choices=", ".join(SECURITIES))
        try:
            port = int(get("smtp_port", DEFAULT_PORT))
            timeout = float(get("smtp_timeout", DEFAULT_TIMEOUT))
        except (TypeError, ValueError):
            raise InputError("config.not_a_number", key="smtp_port", value=str(get("smtp_port", ""))) from None
        return cls(
            host=str(get("smtp_host", "")).strip(),
            port=port,
            security=security,
            user=str(get("smtp_user", "")).strip(),
            password=str(get("smtp_password", "")),
            sender=str(get("mail_from", "")).strip(),
            timeout=timeout,
        )


@dataclass(frozen=True)
class Sent:
    person: Person
    to: str
    message_id: str
    interaction: Interaction
    closed_window: bool  # the e-mail was the follow-up of a first meeting (its 72-hour window is now closed)


def send_email(
    ctx: Context,
    conn: Connection,
    typed_name: str,
    subject: str,
    body: str,
    smtp: SmtpSettings,
    to: str | None = None,
) -> Sent:
    """Send an e-mail to a contact (their first address, or `to`) and log it as my interaction in `conn`.

    Everything is checked before the server is contacted; the interaction is logged only after the server
    accepted the message, so a failure leaves nothing behind.
    """
    if not smtp.host:
        raise InputError("send.not_configured", key="smtp_host")
    from email.utils import formataddr, parseaddr

    from_setting = smtp.sender
    if not from_setting:  # else the owner's profile (`rapport me --name … --email …`)
        my_name, my_address = owner.signature(ctx, conn)
        from_setting = formataddr((my_name, my_address)) if my_address else ""
    if not from_setting:
        raise InputError("send.not_configured", key="mail_from")
    sender_name, sender_address = parseaddr(from_setting)  # "Julia Baumann <julia@example.ch>" or a bare address
    sender = inputs.email(sender_address or from_setting)
    subject_text = " ".join(inputs.text(subject, "SUBJECT", limit=SUBJECT_LIMIT).split())
    body_text = inputs.text(body, "BODY")
    if not body_text:
        raise InputError("send.empty")
    person = resolve(ctx, conn, typed_name)
    address = inputs.email(to) if to else _first_email(conn, person.id)
    if not address:
        raise InputError("send.no_email", name=person.name)

    message = _message(ctx, person, sender, address, subject_text, body_text, sender_name)
    deliver(smtp, message, sender, address)

    hours = ctx.settings.follow_up_hours
    waiting = follow_up_window(_state(ctx, conn, person.id), ctx.now, ctx.zone, hours) is not None
    item = Interaction(ctx.now, Channel.EMAIL, Initiator.ME, subject_text)
    record_interaction(ctx, conn, [person], item)
    closed = waiting and follow_up_window(_state(ctx, conn, person.id), ctx.now, ctx.zone, hours) is None
    return Sent(
        person=person, to=address, message_id=str(message["Message-ID"]), interaction=item, closed_window=closed
    )


def _first_email(conn: Connection, contact_id: int) -> str:
    """The contact's first stored address (the one added first), '' when none."""
    row = conn.execute(
        select(emails.c.address).where(emails.c.contact_id == contact_id).order_by(emails.c.id).limit(1)
    ).scalar()
    return str(row) if row else ""


def _state(ctx: Context, conn: Connection, contact_id: int) -> ContactState:
    return next(store.states(conn, ctx.owner_id, ids=[contact_id], include_archived=True))


def _message(
    ctx: Context, person: Person, sender: str, to: str, subject: str, body: str, sender_name: str = ""
) -> EmailMessage:
    message = EmailMessage()  # default policy: non-ASCII headers are RFC 2047 encoded, addresses too
    message["From"] = Address(display_name=sender_name, addr_spec=sender)
    message["To"] = Address(display_name=person.name, addr_spec=to)
    message["Subject"] = subject
    message["Date"] = format_datetime(ctx.now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message


def deliver(smtp: SmtpSettings, message: EmailMessage, sender: str, to: str) -> None:
    """Hand the message to the server; every failure becomes a SendError whose facts never hold the password."""
    where = {"host": smtp.host, "port": smtp.port}
    try:
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                try:
                    _login(client, smtp.user, smtp.password)
                except (smtplib.SMTPException, UnicodeError):  # wrong user or password, or no AUTH offered
                    # Neither the server's reply nor the cause is kept: either may hold what was sent.
                    raise SendError("send.auth", user=smtp.user, **where) from None
            refused = client.send_message(message, from_addr=sender, to_addrs=[to])
            if refused:  # pragma: no cover - with one recipient, a refusal raises SMTPRecipientsRefused
                raise SendError("send.refused", address=to, reply="")
    except SendError:
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        reply = _reply(next(iter(exc.recipients.values()), None))
        raise SendError("send.refused", address=to, reply=reply) from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError("send.refused", address=sender, reply=_reply((exc.smtp_code, exc.smtp_error))) from None
    except smtplib.SMTPDataError as exc:
        raise SendError("send.refused", address=to, reply=_reply((exc.smtp_code, exc.smtp_error))) from None
    except smtplib.SMTPException as exc:
        raise SendError("send.unreachable", reason=type(exc).__name__, **where) from None
    except (OSError, ssl.SSLError) as exc:  # refused connection, unknown host, timeout, TLS failure
        raise SendError("send.unreachable", reason=exc.strerror or type(exc).__name__, **where) from None


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib only sends ASCII credentials, so UTF-8 ones go as AUTH PLAIN (RFC 4616) by hand."""
    if (user + password).isascii():
        client.login(user, password)
        return
    client.ehlo_or_helo_if_needed()
    if "plain" not in client.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPNotSupportedError("AUTH PLAIN")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, _ = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, b"")


def _reply(pair: Any) -> str:
    """A server reply '550 no such user' from smtplib's (code, bytes) pair."""
    if not pair:
        return ""
    code, text = pair
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip()
