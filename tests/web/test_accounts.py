"""A shared server (`rapport serve --multi-user`): every page needs a login, each person sees and changes only their
own network — another person's ids answer 404 on every route —, failed logins are limited, sessions are signed,
rotated at login and end with a disabled or deleted account."""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from rapport.config import Settings
from rapport.services import accounts, demo
from rapport.services.context import open_context
from rapport.web.app import create_app
from tests.cli.conftest import NOW, Cli
from tests.web.conftest import BASE
from tests.web.test_every_page import _routes

SECRET = {"julia": "julias long passphrase", "urs": "urs has another one"}


@dataclass
class Shared:
    cli: Cli
    app: object
    ids: dict[str, int]  # account → its id
    data_dir: Path

    def client(self) -> TestClient:
        return TestClient(self.app, base_url=BASE)  # type: ignore[arg-type]

    def contacts(self, name: str) -> list[int]:
        """The contact ids of `name`'s network."""
        from sqlalchemy import create_engine, select

        from rapport.store.schema import contacts

        engine = create_engine(self.cli.db if "://" in self.cli.db else f"sqlite:///{self.cli.db}")
        try:
            with engine.connect() as conn:
                query = select(contacts.c.id).where(contacts.c.owner_id == self.ids[name]).order_by(contacts.c.id)
                return [int(i) for i in conn.execute(query).scalars()]
        finally:
            engine.dispose()

    def owned(self, name: str) -> dict[str, list[tuple[object, ...]]]:
        """Every row of `name`'s in every table that has an owner."""
        snapshot = self.cli.snapshot()
        from rapport.store.schema import metadata

        rows: dict[str, list[tuple[object, ...]]] = {}
        for table in metadata.sorted_tables:
            if "owner_id" in table.c:
                at = list(table.c.keys()).index("owner_id")
                rows[table.name] = [r for r in snapshot[table.name] if r[at] == self.ids[name]]
        return rows


def login(client: TestClient, name: str, secret: str | None = None, to: str = "/today") -> object:
    client.get("/login")
    token = client.cookies.get("rapport_csrf")
    form = {"login": name, "password": SECRET.get(name, "") if secret is None else secret, "next": to}
    return client.post("/login", data={**form, "csrf_token": token or ""}, follow_redirects=False)


def _server(cli: Cli, tmp_path: Path, network: bool) -> Shared:
    cli.ok("init")
    ids: dict[str, int] = {}
    for name, lang in (("julia", "de"), ("urs", "en")):
        ctx = open_context(Settings(timezone="Europe/Zurich"), db=cli.db, now=NOW)
        try:
            with ctx.transaction() as conn:
                ids[name] = accounts.add(conn, name, f"{name}@example.ch", SECRET[name], ctx.now).id
                if name == "julia":
                    accounts.save_setting(conn, ids[name], "lang", "de")
        finally:
            ctx.close()
        if not network:
            continue
        ctx = open_context(Settings(timezone="Europe/Zurich"), db=cli.db, now=NOW, owner=name)
        try:
            with ctx.transaction() as conn:
                demo.load_demo(ctx, conn, language=lang)
        finally:
            ctx.close()
    app = create_app(Settings(timezone="Europe/Zurich"), db=cli.db, now=NOW, multi_user=True, data_dir=tmp_path)
    return Shared(cli, app, ids, tmp_path)


@pytest.fixture
def shared(cli: Cli, tmp_path: Path) -> Shared:
    """Julia and Urs on one server, each with the whole demo network: the same names, the same e-mail addresses."""
    return _server(cli, tmp_path, network=True)


@pytest.fixture
def bare(cli: Cli, tmp_path: Path) -> Shared:
    """Julia and Urs on one server, with nothing in their networks yet."""
    return _server(cli, tmp_path, network=False)


def test_without_a_login_every_page_leads_to_the_login_form_and_nothing_is_answered(shared: Shared) -> None:
    client = shared.client()
    first = client.get("/today", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login?next=/today"
    assert client.get(f"/contacts/{shared.contacts('urs')[0]}", follow_redirects=False).status_code == 303
    token = client.cookies.get("rapport_csrf")
    refused = client.post("/capture", data={"name": "X", "where": "Y", "csrf_token": token}, follow_redirects=False)
    assert refused.status_code == 401
    page = client.get("/login")
    assert page.status_code == 200 and 'name="password"' in page.text and "/contacts" not in page.text
    assert client.get("/health").status_code == 200


def test_each_person_sees_their_own_network_in_their_own_language(shared: Shared) -> None:
    julia, urs = shared.client(), shared.client()
    done = login(julia, "julia")
    assert done.status_code == 303 and done.headers["location"] == "/today"  # type: ignore[attr-defined]
    login(urs, "urs")
    mine = julia.get("/today")
    assert mine.status_code == 200 and 'lang="de"' in mine.text and "julia" in mine.text
    assert 'lang="en"' in urs.get("/today").text  # no setting of his own: the browser's or English
    julias, urs_ = shared.contacts("julia"), shared.contacts("urs")
    assert julia.get(f"/contacts/{julias[0]}").status_code == 200
    assert julia.get(f"/contacts/{urs_[0]}").status_code == 404
    assert urs.get(f"/contacts/{julias[0]}").status_code == 404
    found = julia.get("/contacts", params={"q": "Thomas"}).text
    for contact_id in urs_:
        assert f'href="/contacts/{contact_id}"' not in found


#: The table whose ids each path parameter takes; other parameters are filled in OTHERS below.
OWNED = {"contact_id": "contacts", "group_id": "groups", "meeting_id": "planned_meetings"}


def _their_article(shared: Shared) -> str:
    """Urs reads an article on the Share page: its key is his."""
    urs = shared.client()
    login(urs, "urs")
    text = (
        "Supply chains under pressure: what Swiss logistics firms do now. Warehouses plan with longer lead times, "
        "and SAP EWM projects are back on the agenda of every logistics manager looking for resilience this year."
    )
    form = {"text": text, "csrf_token": urs.cookies.get("rapport_csrf") or ""}
    answer = urs.post("/share", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).rsplit("/", 1)[1]


def _their_upload(shared: Shared) -> str:
    """Urs uploads a vCard on the Import page and has not decided yet: the upload is his."""
    urs = shared.client()
    login(urs, "urs")
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nora Fankhauser\r\nN:Fankhauser;Nora;;;\r\nEND:VCARD\r\n"
    files = {"files": ("nora.vcf", card, "text/vcard")}
    answer = urs.post(
        "/import", data={"csrf_token": urs.cookies.get("rapport_csrf") or ""}, files=files, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).rsplit("/", 1)[1]


def _their(shared: Shared, table: str) -> list[int]:
    from sqlalchemy import create_engine, select

    from rapport.store.schema import metadata

    t = metadata.tables[table]
    engine = create_engine(shared.cli.db if "://" in shared.cli.db else f"sqlite:///{shared.cli.db}")
    try:
        with engine.connect() as conn:
            ids = [
                int(i)
                for i in conn.execute(
                    select(t.c.id).where(t.c.owner_id == shared.ids["urs"]).order_by(t.c.id)
                ).scalars()
            ]
    finally:
        engine.dispose()
    assert ids, f"urs has no {table}: the demo should give him some"
    return [ids[0], ids[-1]]


def test_every_route_with_another_persons_ids_answers_404_and_changes_nothing(shared: Shared) -> None:
    julia = shared.client()
    login(julia, "julia")
    token = julia.cookies.get("rapport_csrf") or ""
    others: dict[str, list[str]] = {
        "kind": ["follow-up", "keep-in-touch"],
        "key": [_their_article(shared)] * 2,
        "upload_id": [_their_upload(shared)] * 2,
    }
    for name, table in OWNED.items():
        others[name] = [str(i) for i in _their(shared, table)]
    before = shared.owned("urs")
    tried = 0
    for route in _routes(shared.app.routes):  # type: ignore[attr-defined]
        if not isinstance(route, APIRoute) or not re.search(r"{\w+}", route.path):
            continue
        if route.path.startswith("/calendar/"):  # a capability, not an id: see the calendar test below
            continue
        for which in (0, 1):

            def value(found: re.Match[str], which: int = which, path: str = route.path) -> str:
                name = found.group(1)
                assert name in others, f"{path}: say how to fill {{{name}}} with another person's record"
                return others[name][which]

            address = re.sub(r"{(\w+)}", value, route.path)
            for method in route.methods:
                if method == "GET":
                    answer = julia.get(address)
                else:
                    form = {
                        "csrf_token": token,
                        "days": "7",
                        "via": "email",
                        "summary": "x",
                        "text": "x",
                        "kind": "follow-up",
                    }
                    answer = julia.request(method, address, data=form, follow_redirects=False)
                assert answer.status_code == 404, (method, address, answer.status_code)
                assert "Thomas" not in answer.text
                tried += 1
    assert tried >= 6
    assert shared.owned("urs") == before


def test_failed_logins_wait_after_ten_in_a_row_even_with_the_right_password(bare: Shared) -> None:
    client = bare.client()
    for _ in range(10):
        wrong = login(client, "julia", "not her password")
        assert wrong.status_code == 401  # type: ignore[attr-defined]
        assert "not her password" not in wrong.text  # type: ignore[attr-defined]
    locked = login(client, "julia")
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert int(locked.headers["retry-after"]) > 0  # type: ignore[attr-defined]
    assert "Zu viele" in locked.text or "Too many" in locked.text  # type: ignore[attr-defined]
    assert "rapport_session" not in client.cookies
    # the same address trying another account waits too
    assert login(client, "urs").status_code == 429  # type: ignore[attr-defined]


def test_one_wrong_password_then_the_right_one_logs_in(bare: Shared) -> None:
    client = bare.client()
    assert login(client, "julia", "nope").status_code == 401  # type: ignore[attr-defined]
    assert login(client, "julia@example.ch", SECRET["julia"]).status_code == 303  # type: ignore[attr-defined]
    assert client.get("/today").status_code == 200


def test_the_session_cookie_is_http_only_strict_and_new_at_every_login(bare: Shared) -> None:
    client = bare.client()
    client.get("/login")
    csrf_before = client.cookies.get("rapport_csrf")
    first = login(client, "julia")
    header = first.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    session = next(h for h in header if h.startswith("rapport_session="))
    assert "HttpOnly" in session and "SameSite=strict" in session and "Secure" not in session
    assert client.cookies.get("rapport_csrf") != csrf_before  # a new CSRF token with the new session
    value = client.cookies.get("rapport_session")
    client.post("/logout", data={"csrf_token": client.cookies.get("rapport_csrf")})
    assert client.get("/today", follow_redirects=False).status_code == 303
    login(client, "julia")
    assert client.cookies.get("rapport_session") not in (None, value)


def test_behind_tls_the_cookies_are_secure(bare: Shared) -> None:
    client = TestClient(bare.app, base_url="https://127.0.0.1:8000")  # type: ignore[arg-type]
    done = login(client, "julia")
    cookies = done.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    assert all("Secure" in c for c in cookies if c.startswith(("rapport_session=", "rapport_csrf=")))


@pytest.mark.parametrize("change", ["disable", "delete"])
def test_a_disabled_or_deleted_account_is_out_at_its_next_request(bare: Shared, change: str) -> None:
    client = bare.client()
    login(client, "urs")
    assert client.get("/today").status_code == 200
    bare.cli.ok("user", change, "urs", *(["--yes"] if change == "delete" else []))
    assert client.get("/today", follow_redirects=False).status_code == 303
    assert login(client, "urs").status_code == 401  # type: ignore[attr-defined]


def test_a_forged_or_foreign_session_is_no_session(bare: Shared) -> None:
    client = bare.client()
    login(client, "urs")
    value = str(client.cookies.get("rapport_session"))
    _user, session, issued, mac = value.split(".")
    forged = f"{bare.ids['julia']}.{session}.{issued}.{mac}"
    other = bare.client()
    other.cookies.set("rapport_session", forged)
    assert other.get("/today", follow_redirects=False).status_code == 303
    # a server with another key (another data directory) does not take this one's sessions
    elsewhere = create_app(
        Settings(timezone="Europe/Zurich"), db=bare.cli.db, now=NOW, multi_user=True, data_dir=bare.data_dir / "x"
    )
    stranger = TestClient(elsewhere, base_url=BASE)
    stranger.cookies.set("rapport_session", value)
    assert stranger.get("/today", follow_redirects=False).status_code == 303


def test_the_signing_key_is_made_once_and_readable_by_its_owner_only(bare: Shared) -> None:
    key = bare.data_dir / "session.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    made = key.read_bytes()
    client = bare.client()
    login(client, "julia")
    again = create_app(
        Settings(timezone="Europe/Zurich"), db=bare.cli.db, now=NOW, multi_user=True, data_dir=bare.data_dir
    )
    assert key.read_bytes() == made
    restarted = TestClient(again, base_url=BASE)
    restarted.cookies.set("rapport_session", str(client.cookies.get("rapport_session")))
    assert restarted.get("/today").status_code == 200  # a restart keeps everyone logged in


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "today"])
def test_after_login_only_this_server_is_a_destination(bare: Shared, target: str) -> None:
    client = bare.client()
    done = login(client, "julia", to=target)
    assert done.headers["location"] == "/today"  # type: ignore[attr-defined]


def test_what_was_typed_is_shown_inert_and_the_password_never(bare: Shared) -> None:
    client = bare.client()
    page = login(client, '"><script>alert(1)</script>', "<b>secret</b>")
    assert page.status_code == 401  # type: ignore[attr-defined]
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text  # type: ignore[attr-defined]
    assert "secret" not in page.text  # type: ignore[attr-defined]


def test_serving_many_people_on_sqlite_needs_to_be_asked_for(cli: Cli, tmp_path: Path) -> None:
    if "://" in cli.db:
        pytest.skip("the refusal is about SQLite")
    for lang, said in (("en", "needs PostgreSQL"), ("de", "braucht es PostgreSQL")):
        result = cli("serve", "--multi-user", lang=lang)
        assert result.code == 2 and said in result.err and len(result.err.strip().splitlines()) == 1


def test_a_person_own_settings_are_checked(bare: Shared) -> None:
    from rapport.errors import InputError

    ctx = open_context(Settings(timezone="Europe/Zurich"), db=bare.cli.db, now=NOW)
    try:
        with ctx.transaction() as conn:
            for key, value in (("lang", "fr"), ("smtp_host", "mail.example.ch"), ("timezone", "Mars/Olympus")):
                with pytest.raises(InputError):
                    accounts.save_setting(conn, bare.ids["urs"], key, value)
            accounts.save_setting(conn, bare.ids["urs"], "timezone", "America/New_York")
            mine = accounts.settings(conn, bare.ids["urs"], Settings(timezone="Europe/Zurich"))
    finally:
        ctx.close()
    assert mine.timezone == "America/New_York"
    assert json.loads(bare.cli.ok("user", "list", "--json").out)[1]["name"] == "urs"


def test_an_address_two_accounts_give_opens_neither_but_the_names_do(bare: Shared) -> None:
    from rapport.services import owner

    ctx = open_context(Settings(timezone="Europe/Zurich"), db=bare.cli.db, now=NOW, owner="urs")
    try:
        with ctx.transaction() as conn:
            owner.update(ctx, conn, email="julia@example.ch")  # `rapport me --email`, in his account
    finally:
        ctx.close()
    assert login(bare.client(), "julia@example.ch", SECRET["julia"]).status_code == 401  # type: ignore[attr-defined]
    assert login(bare.client(), "julia", SECRET["julia"]).status_code == 303  # type: ignore[attr-defined]
    assert login(bare.client(), "urs", SECRET["urs"]).status_code == 303  # type: ignore[attr-defined]


def test_a_calendar_feed_is_its_owners_without_a_login_and_nobody_elses(
    shared: Shared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import calendar_feed

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    made: dict[str, str] = {}
    for name in ("julia", "urs"):
        ctx = open_context(Settings(timezone="Europe/Zurich"), db=shared.cli.db, now=NOW, owner=name)
        try:
            with ctx.transaction() as conn:
                made[name] = calendar_feed.ensure(ctx, conn)
        finally:
            ctx.close()
    stranger = shared.client()  # a calendar app: no login
    hers = stranger.get(calendar_feed.path_of(made["julia"]))
    assert hers.status_code == 200 and hers.text.startswith("BEGIN:VCALENDAR")
    his = stranger.get(calendar_feed.path_of(made["urs"]))
    assert his.status_code == 200 and his.text != hers.text
    # urs's secret under julia's number, and julia's number alone, open nothing
    secret = made["urs"].split("-", 1)[1]
    for forged in (f"{shared.ids['julia']}-{secret}", f"{shared.ids['julia']}-", secret):
        assert stranger.get(f"/calendar/{forged}.ics").status_code == 404
    shared.cli.ok("user", "disable", "julia")
    assert stranger.get(calendar_feed.path_of(made["julia"])).status_code == 404
