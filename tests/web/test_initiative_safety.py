"""The Share, Introductions and Groups pages in both languages (no English word on a German page), with hostile texts
(contact names, interests, wishes, group names, an article's title and a feed's from a hostile site) rendered inert,
and every form refused without its token: nothing changes, and nothing is fetched."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words
from tests.web.site import Site, serve
from tests.web.test_pages import _stored_texts

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def _go(web: Web, url: str, lang: str, form: dict[str, object] | None = None) -> str:
    """A page as the user reaches it (GET, or the answer to a form), checked for a 2xx or a redirect followed."""
    joined = url + ("&" if "?" in url else "?") + f"lang={lang}"
    if form is None:
        response = web.client.get(joined)
    else:
        response = web.client.post(joined, data={**form, "csrf_token": web.token()})  # type: ignore[dict-item]
    assert response.status_code == 200, (url, response.status_code, response.text[:400])
    assert f'<html lang="{lang}">' in response.text
    return response.text


def _walk(web: Web, site: Site, lang: str, article: str, feed: str, group_form: dict[str, object]) -> dict[str, str]:
    """Every page of the three, in `lang`: share, its ranking, a note, marked sent, the feeds and a scan; the
    introductions, asking, agreeing; the groups, a group, planning, recording."""
    pages: dict[str, str] = {}
    web.client.get(f"/share?lang={lang}")
    posted = web.client.post("/share", data={"url": article, "csrf_token": web.token()}, follow_redirects=False)
    assert posted.status_code == 303, posted.text[:400]
    ranking = str(posted.headers["location"])
    pages["ranking"] = _go(web, ranking, lang)
    first = re.findall(r'href="(/share/a/[\w-]+/to/\d+)"', pages["ranking"])[0]
    pages["draft"] = _go(web, first, lang)
    sent = web.client.post(first + "/sent", data={"via": "email", "csrf_token": web.token()}, follow_redirects=True)
    assert sent.status_code == 200
    pages["sent"] = sent.text
    pages["feed added"] = _go(web, "/share/feeds", lang, {"feed_url": feed})
    pages["scan"] = _go(web, "/share/feeds/scan", lang, {})
    pages["share"] = _go(web, "/share", lang)

    pages["intros"] = _go(web, "/intros", lang)
    found = re.findall(r'data-first="(\d+)" data-second="(\d+)">(.*?)</li>', pages["intros"], re.S)
    a, b, _ = next((f for f in found if "Mallory" in f[2]), found[0])  # a hostile name, when one is proposed
    pages["asked"] = _go(web, "/intros/introduce", lang, {"first": a, "second": b})
    pages["waiting"] = _go(web, "/intros", lang)
    pages["made"] = _go(web, "/intros/agreed", lang, {"first": a, "second": b})

    made = web.client.post("/groups", data={**group_form, "csrf_token": web.token()}, follow_redirects=False)  # type: ignore[dict-item]
    assert made.status_code == 303, made.text[:400]
    group = str(made.headers["location"])
    pages["groups"] = _go(web, "/groups", lang)
    pages["group"] = _go(web, group, lang)
    pages["planned"] = _go(web, group + "/plan", lang, {})
    came = re.findall(r'name="came" value="(\d+)"', pages["planned"])
    pages["recorded"] = _go(
        web, group + "/done", lang, {"came": came, "new_faces": group_form["faces"], "on": "2026-11-25"}
    )
    pages["group after"] = _go(web, group, lang)
    return pages


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_speaks_the_pages_language(web: Web, site: Site, lang: str) -> None:
    feed = site.feed("/feed", "Logistik-News", [("Lieferketten werden regional", "Logistik, Lieferkette " * 4)])
    group = {"name": "Logistik-Runde", "members": "Urs Widmer, Stefan Huber", "every": "monthly", "about": "Logistik"}
    pages = _walk(web, site, lang, site.url + "/lieferketten", feed, {**group, "faces": "Lena Graf"})
    if lang == "en":
        assert "Who may find" in visible_text(pages["ranking"]) and "Mark sent" in visible_text(pages["draft"])
        assert "Plan it, with new faces" in visible_text(pages["group"])
        for page in pages.values():
            assert not {"Teilen", "Vorstellungen", "Gruppen", "Treffen"} & set(visible_text(page).split())
        return
    stored = _stored_texts(web)
    for name, page in pages.items():
        text = visible_text(page)
        for value in stored:
            text = text.replace(value, " ")
        text = re.sub(r"\S+@\S+|https?://\S+", " ", text)
        text = re.sub(r"«[^»]*»", " ", text)  # what is quoted is theirs (a part of what they look for, an article)
        english = words(text) & ENGLISH
        assert not english, (
            name,
            english,
            [
                text[max(0, m.start() - 80) : m.end() + 40]
                for w in english
                for m in re.finditer(rf"\b{w}\b", text, re.I)
            ][:12],
        )
        assert "Teilen" in text and "Vorstellungen" in text and "Gruppen" in text


def test_hostile_texts_render_inert_on_every_page(web: Web, site: Site) -> None:
    hostile = PAYLOADS[0] + " " + PAYLOADS[1]
    for i, payload in enumerate(PAYLOADS):
        response = web.post(
            "/capture",
            {
                "name": f"Mallory{i} {payload}",
                "where": payload,
                "topics": f"design thinking, facilitation, {payload}",
                "notes": payload,
                "looking_for": f"design thinking workshops {payload}",
                "offers": f"facilitation {payload}",
            },
        )
        assert response.status_code == 303  # type: ignore[attr-defined]
        new_id = int(response.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]
        web.cli.ok("edit", f"#{new_id}", "--company", f"Evil{i} {payload}", "--tag", payload)
    article = site.page(
        "/hostile",
        "text/html; charset=utf-8",
        f"<html><head><title>{hostile.replace('<', '&lt;')} Design Thinking</title></head><body><main>"
        f"<h1>{hostile.replace('<', '&lt;')} Design Thinking</h1>"
        + "<p>Design thinking workshops and facilitation for teams: how moderation brings new ideas. "
        + hostile.replace("<", "&lt;")
        + "</p>" * 1
        + "</main></body></html>",
    )
    feed = site.feed("/feed", f"Feed {hostile}", [(f"{hostile} design thinking", "design thinking facilitation " * 4)])
    group = {"name": f"Gruppe {hostile}", "members": "Mallory0, Mallory1", "every": "monthly", "about": hostile}
    for lang in ("en", "de"):
        if lang == "de":
            web.cli.ok("forget", "--yes", f"Lena {PAYLOADS[0]}")  # recorded as a new face the first time round
            web.cli.ok("feed", "remove", feed)
            group = {**group, "name": f"Gruppe2 {hostile}"}
        pages = _walk(web, site, lang, article, feed, {**group, "faces": f"Lena {PAYLOADS[0]}"})
        for name, page in pages.items():
            for payload in PAYLOADS:
                assert payload not in page, (lang, name, payload)
            assert "<script>alert" not in page and "<img src=x" not in page, (lang, name)
        for name in ("ranking", "draft", "intros", "asked", "waiting", "group", "planned", "recorded", "groups"):
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[name], (lang, name)  # shown, as text
        assert "Mallory" in visible_text(pages["ranking"]) and "Mallory" in visible_text(pages["asked"])


def test_every_form_is_refused_without_its_token_and_nothing_is_fetched(web: Web, site: Site) -> None:
    gid = json.loads(web.cli.ok("group", "list", "--json").out)[0]["id"]
    web.client.get("/share")
    token = web.token()
    ranking = web.post("/share", {"text": "Lieferketten und Logistik im Umbau. " * 5}).headers["location"]  # type: ignore[attr-defined]
    before = web.cli.snapshot()
    forms = [
        ("/share", {"url": site.url + "/lieferketten"}),
        (f"{ranking}/to/14/sent", {"via": "email"}),
        ("/share/feeds", {"feed_url": site.url + "/feed"}),
        ("/share/feeds/remove", {"feed_url": site.url + "/feed"}),
        ("/share/feeds/scan", {}),
        ("/intros/introduce", {"first": "3", "second": "5"}),
        ("/intros/agreed", {"first": "3", "second": "5"}),
        ("/intros/declined", {"first": "3", "second": "5"}),
        ("/groups", {"name": "Eve's group", "members": ""}),
        (f"/groups/{gid}/plan", {}),
        (f"/groups/{gid}/done", {"came": "3"}),
    ]
    for url, form in forms:
        assert web.client.post(url, data=form).status_code == 403, url
        assert web.client.post(url, data={**form, "csrf_token": "x" * 43}).status_code == 403, url
        assert web.client.post(url, data=form, headers={"X-CSRF-Token": "forged" * 8}).status_code == 403, url
    upload = web.client.post("/share", files={"file": ("a.txt", b"Logistik " * 40, "text/plain")})
    assert upload.status_code == 403
    assert web.cli.snapshot() == before and site.asked == []
    assert token == web.token()
