"""Articles and feeds: fetching a page the user named, reading a file or stdin, extracting its title and main text,
and reading an RSS/Atom feed. The network is used only here, and only for a URL the user gave.

httpx, trafilatura and feedparser are imported inside the functions: `rapport today` never loads them.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from rapport.errors import InputError

#: How long a page may take (connecting, and all of it), and how big it may be.
TIMEOUT = 10.0
MAX_BYTES = 5 * 1024 * 1024
#: Content types taken for a page: HTML, and text (a file or a plain-text page).
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "text/plain")
#: An article's text shorter than this is no article (a cookie wall, an empty page, a login form).
MIN_TEXT = 80
USER_AGENT = "rapport (personal relationship assistant; fetches one page on request)"


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    url: str  # the link as given ("" for a file or stdin)
    source: str  # what the user typed: the URL, the file's path, or "-"
    key: str  # what shares remember: the canonical link, or "file:<sha256 of the text>"


def is_url(source: str) -> bool:
    return bool(re.match(r"(?i)^https?://\S+$", source.strip()))


def fetch(
    url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, accept: tuple[str, ...] = HTML_TYPES
) -> bytes:
    """The body of `url`: refused with a clear InputError when it cannot be reached, answers with an error, is too
    slow, too big, or not of an accepted content type."""
    import httpx

    started = time.monotonic()
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError("share.http_status", url=url, status=response.status_code)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if not any(a in kind for a in accept):
                raise InputError("share.not_html", url=url, kind=kind or "?")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError("share.too_big", url=url, mb=max_bytes // (1024 * 1024) or 1)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError("share.too_big", url=url, mb=max_bytes // (1024 * 1024) or 1)
                if time.monotonic() - started > timeout:
                    raise InputError("share.slow", url=url, seconds=round(timeout))
            return bytes(body)
    except httpx.TimeoutException:
        raise InputError("share.slow", url=url, seconds=round(timeout)) from None
    except httpx.InvalidURL:
        raise InputError("share.bad_url", url=url) from None
    except httpx.HTTPError as exc:
        raise InputError("share.unreachable", url=url, reason=type(exc).__name__) from None


def read_file(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes (stdin for "-"), refused when bigger than `max_bytes`."""
    import sys

    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open(path, "rb") as file:
                data = file.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError("share.no_file", path=path) from None
        except IsADirectoryError:
            raise InputError("share.no_file", path=path) from None
    if len(data) > max_bytes:
        raise InputError("share.too_big", url=path, mb=max_bytes // (1024 * 1024) or 1)
    return data


def _decode(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(re.search(r"<(?:body|p|article|div)\b", head))


def extract(data: bytes, source: str, url: str = "") -> Article:
    """The article's title and main text: with trafilatura for HTML, else the text itself (its first line as the
    title). A page without enough text is refused (`share.no_text`)."""
    from rapport.domain.share import url_key

    text = _decode(data).replace("\x00", " ")
    title = ""
    body = ""
    if looks_like_html(text):
        import trafilatura

        document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
        if document is not None:
            title = str(getattr(document, "title", "") or "")
            body = str(getattr(document, "text", "") or "")
        if not title:
            found = re.search(r"(?is)<title[^>]*>(.*?)</title>", text)
            title = " ".join(found.group(1).split()) if found else ""
    else:
        lines = [line.strip() for line in text.splitlines()]
        first = next((line for line in lines if line), "")
        first = first.lstrip("# ").strip()
        sentence = re.match(r"(.{10,200}?[.!?])(\s|$)", first)  # a long first line: its first sentence
        title = first if len(first) <= 200 else sentence.group(1) if sentence else ""
        body = text
    body = body.strip()
    if len(" ".join(body.split())) < MIN_TEXT:
        raise InputError("share.no_text", source=source)
    title = " ".join(title.split())[:500]
    key = url_key(url) if url else "file:" + hashlib.sha256(" ".join(body.split()).encode()).hexdigest()
    return Article(title=title, text=body, url=url, source=source, key=key[:1000])


def load(source: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Article:
    """The article the user named: a URL (fetched now), a file, or "-" for stdin."""
    if is_url(source):
        url = source.strip()
        return extract(fetch(url, timeout, max_bytes), url, url)
    if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", source.strip()):
        raise InputError("share.bad_url", url=source)
    return extract(read_file(source, max_bytes), "stdin" if source == "-" else source)


# ------------------------------------------------------------------------------------------------------ feeds
@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's id, else its link
    title: str
    link: str
    summary: str


@dataclass(frozen=True)
class Feed:
    title: str
    items: list[FeedItem]


def parse_feed(data: bytes, url: str) -> Feed:
    """The items of an RSS or Atom feed; anything else is refused (`feed.not_a_feed`)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not getattr(parsed, "version", "") or (parsed.get("bozo") and not parsed.entries):
        raise InputError("feed.not_a_feed", url=url)
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = str(entry.get("link", "") or "")
        key = str(entry.get("id", "") or link or entry.get("title", "") or "")
        if not key:
            continue
        summary = str(entry.get("summary", "") or "")
        if "<" in summary:
            summary = re.sub(r"<[^>]+>", " ", summary)
        items.append(
            FeedItem(
                key=key[:1000],
                title=" ".join(str(entry.get("title", "")).split()),
                link=link,
                summary=" ".join(summary.split()),
            )
        )
    return Feed(title=" ".join(str(parsed.feed.get("title", "") or "").split()), items=items)


def fetch_feed(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Feed:
    if not is_url(url):
        raise InputError("share.bad_url", url=url)
    return parse_feed(fetch(url, timeout, max_bytes, accept=(*HTML_TYPES, *FEED_TYPES)), url)
