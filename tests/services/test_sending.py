"""Sending an e-mail through a real SMTP server (aiosmtpd on 127.0.0.1) logs it, and a failure logs nothing."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from rapport.domain.followup import open_window
from rapport.errors import InputError, RapportError
from rapport.services import agenda, journal, people
from rapport.services.context import Context
from rapport.services.sending import SendError, SmtpSettings, send_email
from rapport.store import activity
from rapport.store import contacts as store

# The test server takes AUTH PLAIN/LOGIN without TLS, which aiosmtpd rightly warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

USER = "julia"
PASSWORD = "s3cret-Pässwort"
REFUSED = "nobody@example.org"


@dataclass
class Mailbox:
    """An aiosmtpd handler keeping what arrived."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 Message accepted"

    def message(self, index: int = 0) -> EmailMessage:
        parsed = email.message_from_bytes(self.received[index][2], policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server(**options: Any) -> Iterator[tuple[Mailbox, SmtpSettings]]:
    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, SmtpSettings(host="127.0.0.1", port=port, security="none", sender="me@example.ch", timeout=5)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, SmtpSettings]]:
    yield from _server()


@pytest.fixture
def auth_server() -> Iterator[tuple[Mailbox, SmtpSettings]]:
    yield from _server(authenticator=_authenticate, auth_required=True, auth_require_tls=False)


def _count(ctx: Context, name: str) -> int:
    with ctx.transaction() as conn:
        person = people.resolve(ctx, conn, name)
        return len(activity.interactions_of(conn, [person.id]).get(person.id, []))


def _history(ctx: Context, name: str) -> Any:
    with ctx.transaction() as conn:
        person = people.resolve(ctx, conn, name)
        return next(store.states(conn, ctx.owner_id, ids=[person.id], include_archived=True)).history


def _add(ctx: Context, name: str, *emails: str) -> None:
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact(name, emails=list(emails)))


def test_the_mail_arrives_with_its_umlauts_and_closes_the_follow_up_window(
    ctx: Context, smtp_server: tuple[Mailbox, SmtpSettings]
) -> None:
    mailbox, smtp = smtp_server
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Jürg Müller", emails=["juerg@example.ch", "jm@example.org"]))
        journal.met(ctx, conn, "jürg", at="Zürich Meetup", when="2026-11-25T19:00")
    assert open_window(_history(ctx, "jürg"), ctx.now) is not None
    subject = "Grüße nach dem Treffen in Zürich – schön war's"
    body = "Lieber Jürg,\n\nvielen Dank für den Tipp zur Überweisung. Bis bald!\n\nÄnne"

    with ctx.transaction() as conn:
        sent = send_email(ctx, conn, "jürg", subject, body, smtp)

    assert sent.to == "juerg@example.ch" and sent.closed_window
    [(mail_from, rcpt, raw)] = mailbox.received
    assert mail_from == "me@example.ch" and rcpt == ["juerg@example.ch"]
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]  # RFC 2047 encoded subject, headers stay ASCII
    assert raw.isascii()
    message = mailbox.message()
    assert message["Subject"] == subject
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == body
    assert message.get_content_charset() == "utf-8"
    assert message["Date"] and message["Message-ID"] == sent.message_id
    assert message["To"].addresses[0].display_name == "Jürg Müller"

    history = _history(ctx, "jürg")
    assert history.interaction_count == 2
    assert open_window(history, ctx.now) is None
    with ctx.transaction() as conn:
        assert not [a for a in agenda.today(ctx, conn) if a.kind.value == "follow-up"]
        person = people.resolve(ctx, conn, "jürg")
        stored = activity.interactions_of(conn, [person.id])[person.id]
    assert [(i.channel.value, i.initiator.value, i.summary) for i in stored if i.channel.value == "email"] == [
        ("email", "me", subject)
    ]


def test_an_explicit_address_wins(ctx: Context, smtp_server: tuple[Mailbox, SmtpSettings]) -> None:
    mailbox, smtp = smtp_server
    _add(ctx, "Anna Keller")
    with ctx.transaction() as conn:
        sent = send_email(ctx, conn, "anna", "Hi", "Hello Anna", smtp, to="anna@work.example")
    assert sent.to == "anna@work.example" and mailbox.received[0][1] == ["anna@work.example"]
    assert not sent.closed_window and _count(ctx, "anna") == 1


def test_without_a_from_address_the_owners_profile_sends(
    ctx: Context, smtp_server: tuple[Mailbox, SmtpSettings]
) -> None:
    import dataclasses

    from rapport.errors import InputError
    from rapport.services import owner

    mailbox, smtp = smtp_server
    unset = dataclasses.replace(smtp, sender="")
    _add(ctx, "Anna Keller", "anna@example.com")
    with pytest.raises(InputError) as refused, ctx.transaction() as conn:
        send_email(ctx, conn, "anna", "Hi", "Hello Anna", unset)
    assert refused.value.code == "send.not_configured" and not mailbox.received
    with ctx.transaction() as conn:
        owner.update(ctx, conn, name="Jürg Baumann", email="juerg.baumann@example.ch")
        send_email(ctx, conn, "anna", "Hi", "Hello Anna", unset)
    assert mailbox.received[0][0] == "juerg.baumann@example.ch"
    assert mailbox.message()["From"].addresses[0].display_name == "Jürg Baumann"


def test_an_unreachable_server_logs_nothing(ctx: Context) -> None:
    _add(ctx, "Beat Meier", "beat@example.ch")
    smtp = SmtpSettings(host="127.0.0.1", port=_free_port(), security="none", sender="me@example.ch", timeout=5)
    with pytest.raises(SendError) as error, ctx.transaction() as conn:
        send_email(ctx, conn, "beat", "Hallo", "Grüezi", smtp)
    assert error.value.code == "send.unreachable"
    assert error.value.facts["host"] == "127.0.0.1" and error.value.facts["port"] == smtp.port
    assert _count(ctx, "beat") == 0


@pytest.mark.parametrize("wrong_password", ["falsches-Pässwort-42", "wrong-password-42"])  # by hand / smtplib
def test_a_wrong_password_is_an_auth_error_that_never_shows_the_password(
    ctx: Context, auth_server: tuple[Mailbox, SmtpSettings], wrong_password: str
) -> None:
    mailbox, smtp = auth_server
    _add(ctx, "Carla Roth", "carla@example.ch")
    wrong = SmtpSettings(**{**_fields(smtp), "user": USER, "password": wrong_password})
    with pytest.raises(SendError) as error, ctx.transaction() as conn:
        send_email(ctx, conn, "carla", "Hallo", "Grüezi", wrong)
    assert error.value.code == "send.auth"
    assert error.value.facts == {"user": USER, "host": "127.0.0.1", "port": smtp.port}
    shown = f"{error.value!s} {error.value!r} {error.value.facts!r} {wrong!r} {error.value.__context__!r}"
    assert wrong_password not in shown and PASSWORD not in shown
    assert error.value.__cause__ is None and error.value.__suppress_context__
    assert mailbox.received == [] and _count(ctx, "carla") == 0

    right = SmtpSettings(**{**_fields(smtp), "user": USER, "password": PASSWORD})
    with ctx.transaction() as conn:
        send_email(ctx, conn, "carla", "Hallo", "Grüezi", right)
    assert len(mailbox.received) == 1 and _count(ctx, "carla") == 1


def test_a_refused_recipient_logs_nothing(ctx: Context, smtp_server: tuple[Mailbox, SmtpSettings]) -> None:
    mailbox, smtp = smtp_server
    _add(ctx, "Dora Frei", REFUSED)
    with pytest.raises(SendError) as error, ctx.transaction() as conn:
        send_email(ctx, conn, "dora", "Hallo", "Grüezi", smtp)
    assert error.value.code == "send.refused" and error.value.facts["address"] == REFUSED
    assert "550" in str(error.value.facts["reply"])
    assert mailbox.received == [] and _count(ctx, "dora") == 0


@pytest.mark.parametrize(
    ("name", "body", "settings", "code"),
    [
        ("Eva Graf", "Hallo", {}, "send.no_email"),
        ("Fritz Graf <fritz@example.ch>", "   ", {}, "send.empty"),
        ("Gina Rossi <gina@example.ch>", "Hallo", {"host": ""}, "send.not_configured"),
        ("Hans Huber <hans@example.ch>", "Hallo", {"sender": ""}, "send.not_configured"),
    ],
)
def test_what_cannot_be_sent_is_refused_before_the_server_is_asked(
    ctx: Context, smtp_server: tuple[Mailbox, SmtpSettings], name: str, body: str, settings: dict[str, Any], code: str
) -> None:
    mailbox, smtp = smtp_server
    display, _, address = name.partition(" <")
    _add(ctx, display, *([address.rstrip(">")] if address else []))
    with pytest.raises(InputError) as error, ctx.transaction() as conn:
        send_email(ctx, conn, display, "Hallo", body, SmtpSettings(**{**_fields(smtp), **settings}))
    assert error.value.code == code
    assert mailbox.received == [] and _count(ctx, display) == 0


def test_settings_are_read_from_a_mapping_or_an_object_and_hide_the_password() -> None:
    raw = {"smtp_host": "mail.example.ch", "smtp_port": "465", "smtp_security": "SSL", "smtp_user": "me"}
    smtp = SmtpSettings.from_settings({**raw, "smtp_password": "geheim", "mail_from": "me@example.ch"})
    assert (smtp.host, smtp.port, smtp.security, smtp.user, smtp.sender) == (
        "mail.example.ch",
        465,
        "ssl",
        "me",
        "me@example.ch",
    )
    assert smtp.password == "geheim" and "geheim" not in repr(smtp)

    class Like:
        smtp_host = "h"
        smtp_port = 587

    defaults = SmtpSettings.from_settings(Like())
    assert (defaults.host, defaults.port, defaults.security, defaults.user) == ("h", 587, "starttls", "")
    with pytest.raises(RapportError) as error:
        SmtpSettings.from_settings({"smtp_security": "tls-please"})
    assert error.value.code == "send.security"


def _fields(smtp: SmtpSettings) -> dict[str, Any]:
    return {k: getattr(smtp, k) for k in ("host", "port", "security", "user", "password", "sender", "timeout")}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    import subprocess

    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_sending_over_tls_verifies_the_server(
    ctx: Context, certificate: tuple[str, str], security: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    options: dict[str, Any] = (
        {"tls_context": server_context, "require_starttls": True}
        if security == "starttls"
        else {"ssl_context": server_context}
    )
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Anna Keller", emails=["anna@keller.example"]))
    for mailbox, settings in _server(**options):
        tls = SmtpSettings(host=settings.host, port=settings.port, security=security, sender=settings.sender, timeout=5)
        with pytest.raises(SendError), ctx.transaction() as conn:  # a certificate nobody vouches for is refused
            send_email(ctx, conn, "Anna", "Grüezi", "Hallo Anna", tls)
        assert mailbox.received == []
        monkeypatch.setenv("SSL_CERT_FILE", cert)  # now the machine trusts it
        with ctx.transaction() as conn:
            send_email(ctx, conn, "Anna", "Grüezi", "Hallo Anna", tls)
        assert len(mailbox.received) == 1
