"""A web site on 127.0.0.1 standing in for the internet in the share page's tests: it serves the demo articles, a
feed, pages that must be refused (missing, empty, not HTML, too big), and counts what was asked of it, so that a test
can show a page was fetched only when the user asked."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "data" / "share" / "demo"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{link}</link><guid>urn:{n}</guid><description>{text}</description></item>"


@dataclass
class Site:
    url: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path → (content type, body)
    asked: list[str] = field(default_factory=list)

    def page(self, path: str, kind: str, body: bytes | str) -> str:
        self.pages[path] = (kind, body.encode() if isinstance(body, str) else body)
        return self.url + path

    def feed(self, path: str, title: str, items: list[tuple[str, str]]) -> str:
        """An RSS feed whose items (title, text) link to pages of this site."""
        rendered = "".join(
            ITEM.format(n=n, title=_xml(t), text=_xml(x), link=f"{self.url}/item/{n}") for n, (t, x) in enumerate(items)
        )
        return self.page(path, "application/rss+xml", RSS.format(title=_xml(title), items=rendered))


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    site.page("/design-thinking", "text/html; charset=utf-8", (DEMO / "design-thinking.html").read_bytes())
    site.page("/lieferketten", "text/html; charset=utf-8", (DEMO / "lieferketten.html").read_bytes())
    site.page("/empty", "text/html", "<html><head><title>Login</title></head><body><form></form></body></html>")
    site.page("/pdf", "application/pdf", b"%PDF-1.4 ...")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            site.asked.append(path)
            if path == "/huge":  # more than the 5 MB limit, without a length: found while reading
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    for _ in range(90):
                        self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
                return
            kind, body = site.pages.get(path, ("text/html", b""))
            status = 200 if path in site.pages else 404
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
