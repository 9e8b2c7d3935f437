"""Today's agenda is kept between requests (per day and store version) and yet never stale: whatever is written,
from the command line or from a page, shows on the very next request."""

from __future__ import annotations

import json
import re

from tests.web.conftest import Web

ACTION = re.compile(r'data-kind="([^"]+)" data-contact="(\d+)"')


def _on_page(web: Web) -> set[tuple[str, int]]:
    page = web.client.get("/today")
    assert page.status_code == 200
    return {(kind, int(contact)) for kind, contact in ACTION.findall(page.text)}


def _touched(web: Web) -> tuple[str, int]:
    """An action of today that a conversation settles (keeping in touch, reconnecting, a follow-up)."""
    for action in json.loads(web.cli.ok("today", "--json").out):
        if action["kind"] in ("keep-in-touch", "reconnect", "follow-up"):
            return action["kind"], action["contact_id"]
    raise AssertionError("the demo's agenda has no action a conversation settles")


def test_an_interaction_logged_on_the_command_line_shows_on_the_next_request(web: Web) -> None:
    action = _touched(web)
    assert action in _on_page(web)
    assert action in _on_page(web)  # the kept agenda, asked again
    web.cli.ok("log", f"#{action[1]}", "--via", "call")
    assert action not in _on_page(web)
    assert _on_page(web) == {(a["kind"], a["contact_id"]) for a in json.loads(web.cli.ok("today", "--json").out)}


def test_an_interaction_logged_on_the_page_shows_on_the_next_request(web: Web) -> None:
    action = _touched(web)
    assert action in _on_page(web)
    response = web.post(f"/today/{action[1]}/{action[0]}/log", {"via": "call", "summary": "spoke"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert action not in _on_page(web)
    assert _on_page(web) == {(a["kind"], a["contact_id"]) for a in json.loads(web.cli.ok("today", "--json").out)}


def test_the_store_version_moves_with_every_write_and_only_then(web: Web) -> None:
    from sqlalchemy import create_engine

    from rapport.store.db import store_version

    engine = create_engine(web.cli.db if "://" in web.cli.db else f"sqlite:///{web.cli.db}")
    try:

        def version() -> int:
            with engine.connect() as conn:
                return store_version(conn)

        before = version()
        _on_page(web)
        web.cli.ok("today")
        assert version() == before  # reading writes nothing
        web.cli.ok("log", "#1", "--via", "call")
        assert version() > before
    finally:
        engine.dispose()
