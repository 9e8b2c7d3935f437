"""The Share page as a user meets it: a link is fetched (only when asked) and ranked like `rapport share`, a file or
pasted text too; the note to one of them comes with its check; "mark sent" records the share, a favour given and an
interaction, and leaves them out next time; feeds are added, scanned and removed as with `rapport feed`; every bad
source is one line in the page's language, a 4xx, and changes nothing."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import Web, visible_text
from tests.web.site import DEMO, Site, serve

LOGISTICS_PEOPLE = {"Urs Widmer", "Priska Odermatt", "Stefan Huber", "Patrick Zimmermann", "Markus Imhof"}


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def shared(web: Web, lang: str, **form: str) -> str:
    """Open the share page in `lang`, post its form; the address of the ranking it leads to."""
    web.client.get(f"/share?lang={lang}")
    response = web.post(f"/share?lang={lang}", form)
    assert response.status_code == 303, response.text[:500]  # type: ignore[attr-defined]
    location = str(response.headers["location"])  # type: ignore[attr-defined]
    assert re.fullmatch(r"/share/a/[\w-]+", location)
    return location


def ranked(page: str) -> list[str]:
    """The names proposed, in order."""
    return re.findall(r'<li class="card proposal" data-contact="\d+">\s*<h\d><a href="/contacts/\d+">([^<]+)</a>', page)


def alert(page: str) -> str:
    found = re.findall(r'role="alert"[^>]*>([^<]*)<', page)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_link_is_ranked_drafted_and_marked_sent_as_the_command_line_does(web: Web, site: Site, lang: str) -> None:
    url = site.url + "/lieferketten"
    ranking = shared(web, lang, url=url)
    assert site.asked == ["/lieferketten"]  # fetched once, when asked
    page = web.client.get(ranking).text
    names = ranked(page)
    assert names == [c["name"] for c in json.loads(web.cli.ok("share", url, "--json").out)["contacts"]]
    assert set(names[:3]) <= LOGISTICS_PEOPLE
    quote = "«supply chain»" if lang == "de" else "“supply chain”"
    assert quote in visible_text(page)  # the reason, quoted from their profile
    assert site.asked == ["/lieferketten", "/lieferketten"]  # the command line fetched it; the page did not again

    urs = json.loads(web.cli.ok("show", "Urs Widmer", "--json").out)
    draft = web.client.get(f"{ranking}/to/{urs['id']}")
    assert draft.status_code == 200
    text = visible_text(draft.text)
    assert "Lieferketten unter Druck" in text and url in text and re.search(r"(Hello|Hoi|Hallo|Hi|Salü) Urs", text)
    assert ("Persönlich: " if lang == "de" else "Personal: ") in text and "/100" in text
    assert site.asked == ["/lieferketten", "/lieferketten"]

    sent = web.post(f"{ranking}/to/{urs['id']}/sent", {"via": "email"})
    assert sent.status_code == 303  # type: ignore[attr-defined]
    after = json.loads(web.cli.ok("show", "Urs Widmer", "--json").out)
    assert len(after["interactions"]) == len(urs["interactions"]) + 1
    assert after["ledger"][0]["kind"] == "information" and after["ledger"][0]["direction"] == "given"
    page = web.client.get(str(sent.headers["location"])).text  # type: ignore[attr-defined]
    assert "Urs Widmer" in re.sub(r"\s+", " ", re.findall(r'role="status"[^>]*>([^<]*)<', page)[0])
    assert "Urs Widmer" not in ranked(page)  # left out from now on, as `rapport share` does
    assert "Urs Widmer" not in [c["name"] for c in json.loads(web.cli.ok("share", url, "--json").out)["contacts"]]
    before = web.cli.snapshot()
    again = web.post(f"{ranking}/to/{urs['id']}/sent", {"via": "email"})
    assert again.status_code == 400 and "Urs Widmer" in alert(again.text)  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before


def test_an_uploaded_file_and_pasted_text_rank_like_the_command_line(web: Web, tmp_path: Path) -> None:
    article = DEMO / "lieferketten.html"
    token = web.token()
    upload = web.client.post(
        "/share",
        data={"csrf_token": token},
        files={"file": ("lieferketten.html", article.read_bytes(), "text/html")},
        follow_redirects=False,
    )
    assert upload.status_code == 303
    expected = [c["name"] for c in json.loads(web.cli.ok("share", str(article), "--json").out)["contacts"]]
    assert ranked(web.client.get(upload.headers["location"]).text) == expected

    text = "Design Thinking im Team\n\nWie Workshops mit Design Thinking und Moderation neue Ideen bringen. " * 2
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(text, encoding="utf-8")
    ranking = shared(web, "en", text=text)
    expected = [c["name"] for c in json.loads(web.cli.ok("share", str(pasted), "--json").out)["contacts"]]
    assert ranked(web.client.get(ranking).text) == expected and expected


BAD = {
    "no web link": ({"url": "ftp://example.org/x"}, "not a web link", "kein Weblink"),
    "a path on this computer": ({"url": "/etc/passwd"}, "not a web link", "kein Weblink"),
    "nothing given": ({"url": "", "text": "  "}, "Paste a link", "Füge einen Link ein"),
    "too little text": ({"text": "Just a line."}, "holds no article text", "enthält keinen Artikeltext"),
}
SITE_BAD = {
    "missing page": ("/missing", "answered with error 404", "mit dem Fehler 404"),
    "empty page": ("/empty", "holds no article text", "enthält keinen Artikeltext"),
    "not a web page": ("/pdf", "is not a web page", "ist keine Webseite"),
    "too big": ("/huge", "larger than 5 MB", "grösser als 5 MB"),
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_bad_source_is_one_line_in_the_pages_language_and_changes_nothing(web: Web, site: Site, lang: str) -> None:
    before = web.cli.snapshot()
    cases = [(form, en, de) for form, en, de in BAD.values()]
    cases += [({"url": site.url + path}, en, de) for path, en, de in SITE_BAD.values()]
    cases.append(({"url": "http://127.0.0.1:9/article"}, "Cannot reach", "nicht erreichbar"))
    for form, en, de in cases:
        response = web.post(f"/share?lang={lang}", form)
        assert response.status_code == 400, (form, response.status_code)  # type: ignore[attr-defined]
        line = alert(response.text)  # type: ignore[attr-defined]
        assert (de if lang == "de" else en) in line, (form, line)
        if form.get("url", "").startswith("http"):  # what was typed is kept
            assert f'value="{form["url"]}"' in response.text  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before
    assert "/etc/passwd" not in site.asked


def test_an_unknown_contact_or_article_is_a_readable_404(web: Web) -> None:
    ranking = shared(web, "de", text=(DEMO / "lieferketten.html").read_text(encoding="utf-8"))
    before = web.cli.snapshot()
    for url in (f"{ranking}/to/999999", "/share/a/unknown", "/share/a/unknown/to/1"):
        response = web.client.get(url + "?lang=de")
        assert response.status_code == 404
        assert alert(response.text) in (
            "Kein Kontakt passt zu «#999999».",
            "Dieser Artikel ist nicht mehr zur Hand: teile ihn nochmals.",
        )
    assert web.post(f"{ranking}/to/999999/sent", {"via": "email"}).status_code == 404  # type: ignore[attr-defined]
    assert web.post(f"{ranking}/to/1/sent", {"via": "pigeon"}).status_code == 400  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before


def test_feeds_are_added_scanned_and_removed_as_with_rapport_feed(web: Web, site: Site) -> None:
    feed = site.feed("/feed", "Logistik-News", [("Lieferketten werden regional", "Logistik, Lieferkette " * 4)])
    added = web.post("/share/feeds?lang=de", {"feed_url": feed})
    assert added.status_code == 200  # type: ignore[attr-defined]
    assert "Logistik-News" in visible_text(added.text)  # type: ignore[attr-defined]
    assert [f["url"] for f in json.loads(web.cli.ok("feed", "list", "--json").out)["feeds"]] == [feed]

    scan = web.post("/share/feeds/scan?lang=de", {})
    text = visible_text(scan.text)  # type: ignore[attr-defined]
    assert "1 neuer Artikel" in text and "Lieferketten werden regional" in text
    assert ranked(scan.text) and set(ranked(scan.text)) <= LOGISTICS_PEOPLE  # type: ignore[attr-defined]
    link = html.unescape(re.findall(r'href="(/share\?url=[^"]+)"', scan.text)[0])  # type: ignore[attr-defined]
    asked = list(site.asked)
    form = web.client.get(link)  # "share this article" fills in the form; nothing is fetched until asked
    assert f'value="{site.url}/item/0"' in form.text and site.asked == asked
    assert "Keine neuen Artikel" in visible_text(web.post("/share/feeds/scan?lang=de", {}).text)  # type: ignore[attr-defined]

    before = web.cli.snapshot()
    twice = web.post("/share/feeds?lang=de", {"feed_url": feed})
    assert twice.status_code == 400 and "gibt es schon" in alert(twice.text)  # type: ignore[attr-defined]
    wrong = web.post("/share/feeds?lang=en", {"feed_url": site.url + "/design-thinking"})
    assert wrong.status_code == 400 and "is not an RSS or Atom feed" in alert(wrong.text)  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before

    removed = web.post("/share/feeds/remove?lang=de", {"feed_url": feed})
    assert removed.status_code == 200 and "entfernt" in visible_text(removed.text)  # type: ignore[attr-defined]
    assert json.loads(web.cli.ok("feed", "list", "--json").out)["feeds"] == []
    none = web.post("/share/feeds/scan?lang=de", {})
    assert none.status_code == 400 and alert(none.text) == "Noch keine Feeds: füge zuerst einen hinzu."  # type: ignore[attr-defined]
