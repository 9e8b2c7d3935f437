"""The calendar subscription: `rapport calendar-url` prints a secret address whose feed is what `rapport export
ics` writes (read back by the icalendar package and by khal); any other token answers 404, `--new` (or "New
address" on Settings) makes the old address answer 404; the token is kept in a file only its owner can read,
never in the database."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.interop.test_exports import _khal, _khal_list, _run
from tests.web.conftest import BASE, Web

ADDRESS = re.compile(r"^http://127\.0\.0\.1:8000(/calendar/[0-9]+-[A-Za-z0-9_-]{43}\.ics)$")  # the owner, then 256 bits


def _address(web: Web, *args: str) -> str:
    done = web.cli.ok("calendar-url", *args)
    printed = done.out.strip()
    assert ADDRESS.match(printed), done.out  # the address alone on standard output, for scripts
    return printed


def _path(address: str) -> str:
    found = ADDRESS.match(address)
    assert found
    return found.group(1)


def _token_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.token")]


def test_the_address_serves_what_export_ics_writes(web: Web, tmp_path: Path) -> None:
    web.cli.ok("meetup", "plan", "Nordstern Stamm")
    address = _address(web)
    assert _address(web) == address  # the same address again, until --new
    response = web.client.get(_path(address))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response.headers["cache-control"]
    served = Calendar.from_ical(response.content)
    exported_file = tmp_path / "export.ics"
    web.cli.ok("export", "ics", "--output", str(exported_file))
    exported = Calendar.from_ical(exported_file.read_bytes())

    def events(calendar: Calendar) -> set[tuple[str, str, str]]:
        return {(str(e["UID"]), str(e["SUMMARY"]), e["DTSTART"].to_ical().decode()) for e in calendar.walk("VEVENT")}

    assert events(served) == events(exported)
    uids = {uid for uid, _summary, _start in events(served)}
    summaries = {summary for _uid, summary, _start in events(served)}
    assert any(s.startswith("Birthday: ") for s in summaries)  # birthdays
    assert any(u.startswith("follow-up-") for u in uids)  # the 72-hour deadlines
    assert any(u.startswith("networking-time-") for u in uids)  # the blocks of networking time
    assert any("Design Thinking talk series" in s for s in summaries)  # a planned meeting
    assert any("Nordstern Stamm" in s for s in summaries), summaries  # the meetup just planned


def test_khal_reads_the_feed(web: Web, tmp_path: Path) -> None:
    text = web.client.get(_path(_address(web))).text
    path = tmp_path / "feed.ics"
    path.write_text(text, encoding="utf-8", newline="")
    khal = _khal(tmp_path)
    count = len(Calendar.from_ical(text).walk("VEVENT"))
    assert f"{count} events found" in _run(*khal, "printics", str(path))
    _run(*khal, "import", "--batch", str(path))
    week = _khal_list(khal, "2026-11-26", "2026-12-02")
    assert any(e["title"].startswith("Follow up: ") for e in week), week


def test_the_feed_speaks_the_language_asked_for(web: Web) -> None:
    path = _path(_address(web))
    german = Calendar.from_ical(web.client.get(path + "?lang=de").content)
    assert any(str(e["SUMMARY"]).startswith("Geburtstag: ") for e in german.walk("VEVENT"))


@pytest.mark.parametrize("change", ["one character", "shorter", "longer", "case", "empty", "traversal"])
def test_any_other_token_answers_404(web: Web, change: str) -> None:
    path = _path(_address(web))
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    wrong = {
        "one character": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "shorter": token[:-1],
        "longer": token + "x",
        "case": token.swapcase() if token.swapcase() != token else token[::-1],
        "empty": "",
        "traversal": "..%2F..%2Fetc%2Fpasswd",
    }[change]
    response = web.client.get(f"/calendar/{wrong}.ics")
    assert response.status_code == 404
    assert "VCALENDAR" not in response.text


def test_no_address_before_one_is_made(web: Web) -> None:
    page = web.client.get("/settings?lang=en").text
    assert "/calendar/" not in page and "Make an address" in page
    assert web.client.get("/calendar/" + "A" * 43 + ".ics").status_code == 404


def test_new_replaces_the_address_and_the_old_one_answers_404(web: Web) -> None:
    old = _address(web)
    done = web.cli.ok("calendar-url", "--new")
    new = done.out.strip()
    assert ADDRESS.match(new) and new != old
    assert "old one no longer works" in done.err
    assert web.client.get(_path(old)).status_code == 404
    assert web.client.get(_path(new)).status_code == 200
    assert web.client.head(_path(new)).status_code == 200


def test_new_address_on_settings_replaces_the_one_the_command_line_printed(web: Web) -> None:
    old = _address(web)
    page = web.client.get("/settings?lang=en").text
    assert f">{old}</textarea>" in page  # the same address on Settings
    assert web.post("/settings/calendar", {}).status_code == 303  # type: ignore[attr-defined]
    assert web.client.get(_path(old)).status_code == 404
    shown = re.search(r'id="calendar-url"[^>]*>([^<]+)</textarea>', web.client.get("/settings?lang=en").text)
    assert shown and shown.group(1) != old
    assert shown.group(1) == _address(web)
    assert web.client.get(_path(shown.group(1))).status_code == 200


def test_making_an_address_needs_the_page_token(web: Web) -> None:
    web.client.get("/settings")
    assert web.client.post("/settings/calendar", data={}).status_code == 403
    assert "/calendar/" not in web.client.get("/settings").text


def test_the_token_is_in_a_file_only_its_owner_can_read_and_never_in_the_database(web: Web, tmp_path: Path) -> None:
    path = _path(_address(web))
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    files = _token_files(tmp_path / "data")
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    assert files[0].read_text(encoding="ascii").strip() == token
    stored = repr(web.cli.snapshot())
    assert token not in stored
    os.chmod(files[0], 0o644)  # loosened by hand: tightened again on the next read
    assert web.client.get(path).status_code == 200
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600


def test_another_store_has_another_address(web: Web, tmp_path: Path) -> None:
    first = _address(web)
    other = str(tmp_path / "other.db")
    web.cli.ok("init")  # (the fixture's store, again: nothing changes)
    from rapport.cli.main import main

    assert main(["--db", other, "init"]) == 0
    assert main(["--db", other, "calendar-url"]) == 0
    assert len(_token_files(tmp_path / "data")) == 2
    assert web.client.get(_path(first)).status_code == 200


def test_a_port_out_of_range_is_one_line(web: Web) -> None:
    done = web.cli("calendar-url", "--port", "70000", lang="de")
    assert done.code == 2 and "Traceback" not in done.err and len(done.err.strip().splitlines()) == 1
    assert not _token_files(Path(os.environ["XDG_DATA_HOME"]))


def test_the_command_speaks_german(web: Web) -> None:
    done = web.cli.ok("calendar-url", lang="de")
    assert "Abonniere sie in deiner Kalender-App" in done.err and "Subscribe" not in done.err
    renewed = web.cli.ok("calendar-url", "--new", lang="de")
    assert "Das ist eine neue Adresse: die alte gilt nicht mehr." in renewed.err


def test_the_address_printed_follows_host_and_port(web: Web) -> None:
    done = web.cli.ok("calendar-url", "--host", "::1", "--port", "8123")
    assert done.out.startswith("http://[::1]:8123/calendar/")
    assert BASE == "http://127.0.0.1:8000"
