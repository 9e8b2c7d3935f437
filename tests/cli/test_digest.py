"""`rapport digest send`: today's agenda by e-mail through a real SMTP server on 127.0.0.1 (aiosmtpd), once a day."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli.conftest import Cli
from tests.services.test_sending import REFUSED, Mailbox, _server

XSS_NAME = "Eve <img src=x onerror=alert(1)>"
XSS_PLACE = "<script>alert('at')</script> Zürich"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    for mailbox, settings in _server():
        monkeypatch.setenv("RAPPORT_SMTP_HOST", settings.host)
        monkeypatch.setenv("RAPPORT_SMTP_PORT", str(settings.port))
        monkeypatch.setenv("RAPPORT_SMTP_SECURITY", "none")
        yield mailbox


def _network(cli: Cli, address: str = "julia@example.ch") -> list[dict[str, object]]:
    """The demo network, a new contact whose name and meeting place are markup, and the owner's address."""
    cli.ok("demo")
    cli.ok("met", XSS_NAME, "--at", XSS_PLACE, "--notes", "<b>bold</b>")
    cli.ok("me", "--email", address, "--name", "Julia <i>Baumann</i>")
    return list(json.loads(cli.ok("today", "--json").out))


def _parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_digest_lists_the_agenda_in_the_users_language_once_a_day(
    cli: Cli, smtp: Mailbox, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = _network(cli)
    if lang == "de":  # the links follow the address the pages are served at
        monkeypatch.setenv("RAPPORT_WEB_URL", "https://rapport.example.ch/julia")
    base = "https://rapport.example.ch/julia/" if lang == "de" else "http://127.0.0.1:8000/"
    sent = cli.ok("digest", "send", lang=lang)
    assert ("7 things" if lang == "en" else "7 Dinge") in sent.out and "julia@example.ch" in sent.out
    assert len(smtp.received) == 1
    sender, recipients, _raw = smtp.received[0]
    assert recipients == ["julia@example.ch"] and sender == "julia@example.ch"
    message = smtp.message()
    subject = str(message["subject"])
    assert ("7 things worth doing today" if lang == "en" else "7 Dinge, die sich heute lohnen") in subject
    assert message["Auto-Submitted"] == "auto-generated"
    text, html = _parts(message)
    reasons = [str(a["text"]) for a in json.loads(cli.ok("today", "--json", lang=lang).out)]
    words = " ".join(text.split())
    for action, reason in zip(agenda, reasons, strict=True):
        assert str(action["name"]) in text and " ".join(reason.split()) in words  # what `rapport today` says
        assert f"{base}contacts/{action['contact_id']}" in text
        assert f'href="{base}contacts/{action["contact_id"]}"' in html
    assert f"{base}today" in text and f'href="{base}today"' in html
    reason_lines = [line for line in text.splitlines() if line.startswith("   ") and "://" not in line]
    assert reason_lines and all(len(line) <= 76 for line in reason_lines)  # wrapped for every mail program
    assert ("Follow up" if lang == "en" else "Nachfassen") in html
    if lang == "de":
        assert "Donnerstag, 26. November 2026" in text and "ß" not in text + html + subject
        assert "things" not in text and "due" not in text
    # a second run the same day sends nothing and says so
    again = cli.ok("digest", "send", lang=lang)
    assert ("went out already" if lang == "en" else "schon verschickt") in again.out
    assert len(smtp.received) == 1
    # the next day's digest goes out
    cli.ok("digest", "send", now="2026-11-27T07:00", lang=lang)
    assert len(smtp.received) == 2


def test_markup_in_names_notes_and_reasons_stays_text_in_both_parts(cli: Cli, smtp: Mailbox) -> None:
    _network(cli)
    cli.ok("digest", "send")
    text, html = _parts(smtp.message())
    assert XSS_NAME in text and XSS_PLACE in text  # the plain text shows what was typed
    assert "<script" not in html and "<img" not in html and "<i>" not in html  # the HTML shows it as text
    assert "&lt;script&gt;alert(&#39;at&#39;)&lt;/script&gt; Zürich" in html
    assert "Eve &lt;img src=x onerror=alert(1)&gt;" in html
    assert re.findall(r"<(\w+)", html) and set(re.findall(r"<(\w+)", html)) <= {
        "html", "head", "meta", "title", "body", "h1", "ol", "li", "strong", "a", "br", "span", "p",
    }  # fmt: skip


def test_a_mail_server_that_is_down_leaves_nothing_recorded(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _network(cli)
    monkeypatch.setenv("RAPPORT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RAPPORT_SMTP_PORT", "1")
    monkeypatch.setenv("RAPPORT_SMTP_SECURITY", "none")
    before = cli.snapshot()
    for lang, words in (("en", "cannot be reached"), ("de", "nicht erreichbar")):
        failed = cli("digest", "send", lang=lang)
        assert failed.code == 6 and words in failed.err and failed.err.count("\n") == 1 and not failed.out
        assert cli.snapshot() == before


def test_a_refused_mail_is_not_recorded_and_the_next_run_sends_it(cli: Cli, smtp: Mailbox) -> None:
    _network(cli, address=REFUSED)
    before = cli.snapshot()
    refused = cli("digest", "send")
    assert refused.code == 6 and "refused" in refused.err and refused.err.count("\n") == 1
    assert cli.snapshot() == before and smtp.received == []
    cli.ok("me", "--email", "julia@example.ch")
    cli.ok("digest", "send")
    assert len(smtp.received) == 1


def test_a_day_with_nothing_due_sends_no_mail_and_a_later_run_still_can(
    cli: Cli, smtp: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("init")
    cli.ok("me", "--email", "julia@example.ch")
    before = cli.snapshot()
    for lang, words in (("en", "Nothing due today"), ("de", "Heute ist nichts fällig")):
        assert words in cli.ok("digest", "send", lang=lang).out
    assert smtp.received == [] and cli.snapshot() == before
    monkeypatch.delenv("RAPPORT_SMTP_HOST")  # a setup that cannot send is said on an empty day too
    assert cli("digest", "send").code == 2
    monkeypatch.setenv("RAPPORT_SMTP_HOST", "127.0.0.1")
    cli.ok("met", "Nina Graf", "--at", "Product Circle", "--when", "2026-11-26T08:00")
    assert "one thing" in cli.ok("digest", "send").out and len(smtp.received) == 1


def test_without_an_address_or_a_server_the_digest_says_what_to_set(
    cli: Cli, smtp: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("demo")
    cli.ok("me", "--email", "")  # the demo's owner has one
    before = cli.snapshot()
    no_address = cli("digest", "send", lang="de")
    assert no_address.code == 2 and "rapport me --email" in no_address.err
    cli.ok("me", "--email", "julia@example.ch")
    monkeypatch.delenv("RAPPORT_SMTP_HOST")
    no_server = cli("digest", "send")
    assert no_server.code == 2 and "smtp_host" in no_server.err
    assert smtp.received == []
    assert {k: v for k, v in cli.snapshot().items() if k != "users"} == {
        k: v for k, v in before.items() if k != "users"
    }


def test_another_user_is_refused_until_there_are_accounts(cli: Cli, smtp: Mailbox) -> None:
    _network(cli)
    for lang, words in (("en", "needs accounts"), ("de", "braucht Konten")):
        refused = cli("digest", "send", "--user", "urs", lang=lang)
        assert refused.code == 2 and words in refused.err and refused.err.count("\n") == 1
    assert smtp.received == []


def test_json_says_what_a_run_did(cli: Cli, smtp: Mailbox) -> None:
    _network(cli)
    first = json.loads(cli.ok("digest", "send", "--json").out)
    assert first == {"status": "sent", "day": "2026-11-26", "to": "julia@example.ch", "actions": 7}
    assert json.loads(cli.ok("digest", "send", "--json").out)["status"] == "already"


def test_the_day_is_the_local_day(cli: Cli, smtp: Mailbox) -> None:
    _network(cli)
    cli.ok("digest", "send", now="2026-11-26T23:30")  # 23:30 in Zurich is 22:30 UTC: still the 26th
    assert "already" in cli.ok("digest", "send", now="2026-11-26T23:50").out
    cli.ok("digest", "send", now="2026-11-27T00:10")  # after midnight in Zurich (23:10 UTC): the 27th
    assert len(smtp.received) == 2


def test_the_web_address_setting_is_checked(cli: Cli) -> None:
    for value in ("ftp://example.ch/", "rapport.example.ch", "http:///today", "https://x.ch/?a=1"):
        refused = cli("config", "set", "web_url", value)
        assert refused.code == 2 and "web address" in refused.err, value
    cli.ok("config", "set", "web_url", "https://rapport.example.ch")
    assert "https://rapport.example.ch/" in cli.ok("config", "list").out


@given(st.text(max_size=80) | st.builds(lambda host, path: f"https://{host}/{path}", st.text(max_size=20), st.text()))
def test_a_web_address_is_taken_as_a_base_for_links_or_refused(typed: str) -> None:
    from rapport.config import _validated
    from rapport.errors import InputError

    try:
        value = _validated({"web_url": typed}).web_url
    except InputError as refused:
        assert refused.code in ("config.url", "config.invalid")
        return
    parts = urlsplit(value)
    assert parts.scheme in ("http", "https") and parts.hostname and value.endswith("/")
    assert not parts.query and not parts.fragment and not any(ch.isspace() for ch in value)
    assert value.rstrip("/") == typed.strip().rstrip("/")  # kept as typed, '/' added for the links
