"""The optional writing help, against a small fake OpenAI-compatible endpoint on 127.0.0.1 (a real socket)."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from rapport.messages import CheckResult, Facts, check
from rapport.messages.polish import LlmSettings, Polished, build_messages, invented, polish

DRAFT = (
    "Lieber Thomas, es hat mich sehr gefreut, dich am Dienstag kennengelernt zu haben und mich mit dir über die neu "
    "implementierten Meeting-Formen in deiner Abteilung auszutauschen. In meinem Teammeeting heute habe ich die von "
    "dir erwähnte Technik direkt ausprobiert und die Ergebnisse waren sehr positiv – danke für diesen tollen Input! "
    "Ich freue mich auf ein baldiges Wiedersehen – vielleicht beim nächsten Vortrag der Reihe am 27. Juni? "
    "Viele Grüsse, Julia"
)
GOOD = (
    "Lieber Thomas, es war schön, dich am Dienstag kennenzulernen und mit dir über die neuen Meeting-Formen in "
    "deiner Abteilung zu sprechen. Die von dir erwähnte Technik habe ich heute gleich in meinem Teammeeting "
    "ausprobiert, mit sehr positiven Ergebnissen – danke für diesen tollen Input! Sehen wir uns vielleicht beim "
    "nächsten Vortrag der Reihe am 27. Juni? Viele Grüße, Julia"
)
NO_THANKS = GOOD.replace(" – danke für diesen tollen Input!", ".")
NEW_DATE = GOOD.replace("am 27. Juni?", "am 27. Juni oder am 3. Juli?")
NEW_NAME = GOOD.replace("Lieber Thomas, es war", "Lieber Thomas, wie Anna sagte, war es")
FACTS = Facts(first_name="Thomas", met_weekday="Dienstag", topics=["Meeting-Formen"], next_event="Vortrag am 27. Juni")
FACTS_SUMMARY = "Thomas; kennengelernt am Dienstag; Thema: neue Meeting-Formen in seiner Abteilung; nächster Termin: "
FACTS_SUMMARY += "Vortrag der Reihe am 27. Juni"
KEY = "sk-test-secret-4711"


def check_de(text: str) -> CheckResult:
    return check(text, lang="de", facts=FACTS, channel="email")


@dataclass
class Fake:
    """What the fake endpoint answers (`mode`) and what it was asked (`requests`)."""

    port: int
    mode: str = "good"
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def _answer(content: str) -> bytes:
    return json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}).encode()


@pytest.fixture
def fake() -> Iterator[Fake]:
    state: Fake

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
            if state.mode == "hang":
                state.release.wait(5)
            answers = {
                "good": _answer(GOOD),
                "no_thanks": _answer(NO_THANKS),
                "new_date": _answer(NEW_DATE),
                "new_name": _answer(NEW_NAME),
                "garbage": b"<html>not json</html>",
                "no_content": json.dumps({"choices": []}).encode(),
                "hang": _answer(GOOD),
            }
            out = answers[state.mode]
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state = Fake(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def run(fake: Fake, mode: str, timeout: float = 5.0, limit: int | None = None, key: str | None = None) -> Polished:
    fake.mode = mode
    settings = LlmSettings(url=fake.url, model="tiny", api_key=key, timeout=timeout)
    return polish(DRAFT, FACTS_SUMMARY, "de", "email", limit, settings, check_de)


def test_example_is_good_before_and_after() -> None:
    assert check_de(DRAFT).good and check_de(GOOD).good
    assert not check_de(NO_THANKS).element("thanks").present


def test_good_rephrasing_is_used(fake: Fake) -> None:
    r = run(fake, "good", key=KEY)
    assert r == Polished(text=GOOD, polished=True, reason=None)
    [req] = fake.requests
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == f"Bearer {KEY}"
    body = req["json"]
    assert body["model"] == "tiny" and body["temperature"] == 0.3
    system, user = body["messages"]
    assert system["role"] == "system" and "AUSSCHLIESSLICH" in system["content"]
    assert user["role"] == "user" and DRAFT in user["content"] and "27. Juni" in user["content"]


def test_no_authorization_without_key(fake: Fake) -> None:
    run(fake, "good")
    assert "Authorization" not in fake.requests[0]["headers"]


def test_url_ending_in_chat_completions(fake: Fake) -> None:
    settings = LlmSettings(url=fake.url + "/chat/completions/", model="tiny", api_key=None)
    assert polish(DRAFT, FACTS_SUMMARY, "de", "email", None, settings, check_de).polished
    assert fake.requests[0]["path"] == "/v1/chat/completions"


def test_dropped_thanks_falls_back(fake: Fake) -> None:
    r = run(fake, "no_thanks")
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.lost_element")
    assert r.detail == "thanks"


def test_invented_date_falls_back(fake: Fake) -> None:
    r = run(fake, "new_date")
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.invented")
    assert "3" in (r.detail or "") and "Juli" in (r.detail or "")


def test_invented_name_falls_back(fake: Fake) -> None:
    r = run(fake, "new_name")
    assert (r.reason, r.detail) == ("polish.invented", "Anna")


@pytest.mark.parametrize("mode", ["garbage", "no_content"])
def test_garbage_falls_back(fake: Fake, mode: str) -> None:
    r = run(fake, mode)
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.garbage")


def test_too_long_falls_back(fake: Fake) -> None:
    r = run(fake, "good", limit=len(GOOD) - 1)
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.too_long")
    assert "Höchstens" in fake.requests[0]["json"]["messages"][1]["content"]


def test_hanging_endpoint_times_out(fake: Fake) -> None:
    r = run(fake, "hang", timeout=0.3)
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.timeout")


def test_connection_refused_is_unreachable(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = LlmSettings(url=f"http://127.0.0.1:{port}/v1", model="tiny", api_key=KEY, timeout=2)
    with caplog.at_level(logging.DEBUG, logger="rapport"):
        r = polish(DRAFT, FACTS_SUMMARY, "de", "email", None, settings, check_de)
    assert (r.text, r.polished, r.reason) == (DRAFT, False, "polish.unreachable")
    assert KEY not in caplog.text and KEY not in repr(r) and KEY not in repr(settings)


def test_gap_must_stay(fake: Fake) -> None:
    draft = DRAFT.replace("die von dir erwähnte Technik", "[was hast du ausprobiert?]")
    fake.mode = "good"  # the answer has no gap
    settings = LlmSettings(url=fake.url, model="tiny", api_key=None)
    r = polish(draft, FACTS_SUMMARY, "de", "email", None, settings, check_de)
    assert (r.text, r.reason) == (draft, "polish.lost_element")


def test_from_env() -> None:
    assert LlmSettings.from_env({}) is None
    assert LlmSettings.from_env({"RAPPORT_LLM_URL": "http://127.0.0.1:11434/v1"}) is None
    assert LlmSettings.from_env({"RAPPORT_LLM_MODEL": "llama3.2", "RAPPORT_LLM_URL": "  "}) is None
    s = LlmSettings.from_env({"RAPPORT_LLM_URL": "http://127.0.0.1:11434/v1/", "RAPPORT_LLM_MODEL": "llama3.2"})
    assert s == LlmSettings(url="http://127.0.0.1:11434/v1/", model="llama3.2", api_key=None)
    assert s.endpoint == "http://127.0.0.1:11434/v1/chat/completions"
    s = LlmSettings.from_env(
        {"RAPPORT_LLM_URL": "https://x.test/v1/chat/completions", "RAPPORT_LLM_MODEL": "m", "RAPPORT_LLM_API_KEY": KEY}
    )
    assert s is not None and s.api_key == KEY and s.endpoint == "https://x.test/v1/chat/completions"
    assert KEY not in repr(s)


def test_without_settings_nothing_is_sent(fake: Fake) -> None:
    """How a caller uses it: no settings, no request; the draft stays as it is."""

    def maybe_polish(text: str, environ: dict[str, str], ask: Callable[..., Polished] = polish) -> str:
        settings = LlmSettings.from_env(environ)
        if settings is None:
            return text
        return ask(text, FACTS_SUMMARY, "de", "email", None, settings, check_de).text

    assert maybe_polish(DRAFT, {"RAPPORT_LLM_MODEL": "tiny"}) == DRAFT
    assert fake.requests == []
    assert maybe_polish(DRAFT, {"RAPPORT_LLM_URL": fake.url, "RAPPORT_LLM_MODEL": "tiny"}) == GOOD
    assert len(fake.requests) == 1


def test_invention_guard_rules() -> None:
    # rephrasing with new German nouns and inflections is fine; new numbers, calendar words and names are not
    assert invented(GOOD, DRAFT, FACTS_SUMMARY, "de") == []
    assert invented("Bis Freitag!", "Bis bald!", "", "de") == ["Freitag"]
    assert invented("See you at 5pm, Mark.", "See you soon.", "", "en") == ["5", "Mark"]
    assert invented("Hi Anna, see you in March.", "Hi Anna, see you soon.", "met in March", "en") == []
    assert invented("Danke für den Austausch mit Peter.", "Danke für den Austausch.", "", "de") == ["Peter"]


def test_english_prompt() -> None:
    system, user = build_messages("Hi Tom", "Tom", "en", "linkedin_note", 300)
    assert "ONLY" in system["content"] and "At most 300 characters." in user["content"]
