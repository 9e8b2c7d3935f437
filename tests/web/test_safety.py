"""Safe on localhost: a form or htmx request without the page's token is refused (and changes nothing), a foreign
Host header (DNS rebinding) is refused, and stored markup renders as text on every page."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import Web

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def test_a_post_without_the_token_is_refused_and_changes_nothing(web: Web) -> None:
    web.client.get("/today")
    before = web.cli.snapshot()
    agenda = json.loads(web.cli.ok("today", "--json").out)
    target = f"/today/{agenda[0]['contact_id']}/{agenda[0]['kind']}/snooze"
    form = {"name": "Eve Mallory", "where": "evil.example"}
    assert web.client.post("/capture", data=form).status_code == 403
    assert web.client.post("/capture", data={**form, "csrf_token": "x" * 43}).status_code == 403
    assert web.client.post(target, data={"days": "7"}, headers={"HX-Request": "true"}).status_code == 403
    assert web.client.post(target, data={"days": "7"}, headers={"X-CSRF-Token": "forged" * 8}).status_code == 403
    assert web.cli.snapshot() == before
    # the same requests with the page's token go through
    assert web.post(target, {"days": "7"}, htmx=True).status_code == 200  # type: ignore[attr-defined]
    assert web.post("/capture", form).status_code == 303  # type: ignore[attr-defined]


def test_a_post_from_another_browser_session_is_refused(web: Web) -> None:
    stolen = web.token()
    web.client.cookies.clear()
    web.client.get("/today")  # a fresh session: a new cookie
    response = web.client.post("/capture", data={"name": "Eve", "where": "x", "csrf_token": stolen})
    assert response.status_code == 403


def test_the_token_cookie_is_http_only_and_same_site_strict(web: Web) -> None:
    web.client.cookies.clear()
    cookie = web.client.get("/today").headers["set-cookie"].lower()
    assert "rapport_csrf=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1:9999", "attacker.localhost:8000"])
def test_a_foreign_host_header_is_refused(web: Web, host: str) -> None:
    assert web.client.get("/today", headers={"Host": host}).status_code == 400
    token = web.token()
    response = web.client.post(
        "/capture", data={"name": "Eve", "where": "x", "csrf_token": token}, headers={"Host": host}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000"])
def test_this_computer_is_answered(web: Web, host: str) -> None:
    assert web.client.get("/today", headers={"Host": host}).status_code == 200


def test_stored_markup_renders_inert_on_every_page(web: Web) -> None:
    ids = []
    for i, payload in enumerate(PAYLOADS):
        response = web.post(
            "/capture",
            {
                "name": f"Mallory{i} {payload}",
                "where": payload,
                "topics": payload,
                "notes": payload,
                "looking_for": payload,
                "offers": payload,
            },
        )
        assert response.status_code == 303, response.text  # type: ignore[attr-defined]
        new_id = int(response.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]
        ids.append(new_id)
        web.cli.ok("edit", f"#{new_id}", "--company", payload, "--tag", payload)
        web.post(f"/today/{new_id}/follow-up/log", {"via": "call", "summary": payload})
        web.cli.ok("gave", f"#{new_id}", "advice", "--note", payload)
    pages = ["/today", "/capture", "/contacts", "/contacts?q=Mallory", "/contacts?q=%3Cscript"]
    pages += [f"/contacts/{i}" for i in ids] + [f"/capture/{i}" for i in ids]
    for lang in ("en", "de"):
        for url in pages:
            page = web.client.get(url + ("&" if "?" in url else "?") + f"lang={lang}").text
            for payload in PAYLOADS:
                assert payload not in page, (url, payload)
            assert "<script>alert" not in page and "<img src=x" not in page, url
            assert "onerror=alert(1)&gt;" in page or "&lt;script&gt;" in page or url in ("/capture", "/today"), url
    htmx = web.client.get("/contacts?q=Mallory", headers={"HX-Request": "true"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in htmx and "<script>alert" not in htmx
