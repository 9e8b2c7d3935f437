"""The Import page: upload the sample files, see the dry run (nothing saved yet) and the possible duplicates, decide
merge or keep apart, import; all or nothing, in both languages, with the files held only for the decision."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli.test_german_words import ENGLISH
from tests.web.conftest import Web, visible_text, words
from tests.web.test_safety import PAYLOADS

DATA = Path(__file__).parent.parent / "data"
SAMPLES = [
    DATA / "samples/vcard/google-contacts-3.0.vcf",
    DATA / "samples/google/contacts.csv",
    DATA / "samples/linkedin/Connections.csv",
]
Files = list[tuple[str, bytes]]


def _files(paths: list[Path]) -> Files:
    return [(p.name, p.read_bytes()) for p in paths]


def _upload(web: Web, files: Files, lang: str = "en", token: bool = True, **fields: str) -> Any:
    data = {"csrf_token": web.token(), **fields} if token else {}
    if not token:
        web.client.get("/import")  # the cookie is there, the token is not sent
    return web.client.post(
        f"/import?lang={lang}",
        data=data,
        files=[("files", (name, content)) for name, content in files],
        follow_redirects=False,
    )


def _reviewed(web: Web, files: Files, lang: str = "en") -> tuple[str, str]:
    """The address of the check and its page."""
    response = _upload(web, files, lang)
    assert response.status_code == 303, response.text[:2000]
    address = response.headers["location"]
    page = web.client.get(f"{address}?lang={lang}")
    assert page.status_code == 200
    return address, page.text


def _matteo_known(web: Web) -> int:
    """A Matteo Galli at another company than the Google vCard's: a possible duplicate, not certainly him."""
    web.cli.ok("add", "Matteo Galli", "--company", "Banca Lugano")
    return _ids(web, "Matteo Galli")[0]


def _ids(web: Web, name: str) -> list[int]:
    return sorted(r["id"] for r in json.loads(web.cli.ok("list", "--json").out) if r["name"] == name)


def _contacts(web: Web) -> int:
    return len(web.cli.snapshot()["contacts"])


@pytest.fixture(autouse=True)
def _own_folder(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Each test's uploads are held in a folder of its own, so that what is left behind can be counted."""
    if "web" in request.fixturenames:
        web = request.getfixturevalue("web")
        (tmp_path / "held").mkdir()
        web.client.app.state.uploads.root = str(tmp_path / "held")


def _held(web: Web) -> set[str]:
    root = web.client.app.state.uploads.root  # type: ignore[attr-defined]
    return set(os.listdir(root))


def test_the_check_says_what_the_files_would_do_and_saves_nothing(web: Web) -> None:
    _matteo_known(web)
    before = web.cli.snapshot()
    _address, page = _reviewed(web, _files(SAMPLES))
    text = visible_text(page)
    cli = web.cli.ok("import", "--dry-run", "--skip-bad", *map(str, SAMPLES)).out  # what the command line says
    assert "18 new, 6 merged into existing contacts, 0 updated, 0 unchanged" in cli
    assert "google-contacts-3.0.vcf, contacts.csv, Connections.csv: 18 new, 6 merged" in text
    assert "Skipped: 2 hidden LinkedIn members without a name." in text
    assert "1 possible duplicate" in text
    assert "Matteo Galli (Banca Lugano) in your contacts" in text
    assert "Matteo Galli (Ticino Retail SA) from the files" in text
    assert web.cli.snapshot() == before


@pytest.mark.parametrize("decision", ["merge", "apart", "later"])
def test_each_possible_duplicate_is_merged_kept_apart_or_left_for_later(web: Web, decision: str) -> None:
    known = _matteo_known(web)
    before = _contacts(web)
    address, _page = _reviewed(web, _files(SAMPLES))
    response = web.post(address, {"pair-0": decision})
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = visible_text(response.text)  # type: ignore[attr-defined]
    assert "Imported" in text and "18 new, 6 merged" in text
    matteos = _ids(web, "Matteo Galli")
    duplicates = json.loads(web.cli.ok("duplicates", "--json").out)
    if decision == "merge":
        assert "1 pair merged into one person." in text
        assert matteos == [known]
        shown = json.loads(web.cli.ok("show", f"#{known}", "--json").out)
        assert shown["organisation"] == "Banca Lugano"  # the known contact stays, the file's details join it
        assert "Lugano Data Day" in json.dumps(shown["notes"])
        assert _contacts(web) == before + 17
    else:
        assert len(matteos) == 2 and _contacts(web) == before + 18
    if decision == "apart":
        assert "1 pair kept apart as two people." in text
    assert [(d["first"]["name"], d["second"]["name"]) for d in duplicates] == (
        [("Matteo Galli", "Matteo Galli")] if decision == "later" else []
    )
    contacts = visible_text(web.client.get("/contacts?q=Matteo&lang=en").text)
    assert contacts.count("Matteo Galli") == len(matteos)


def test_the_import_is_the_command_lines(web: Web) -> None:
    """The page imports what `rapport import --skip-bad` imports: the same contacts, no rule of its own."""
    address, _page = _reviewed(web, _files(SAMPLES))
    web.post(address, {})
    by_page = sorted((r["name"], r["organisation"]) for r in json.loads(web.cli.ok("list", "--json").out))
    again = web.cli.ok("import", "--skip-bad", *map(str, SAMPLES)).out
    assert "0 new, 0 merged into existing contacts, 0 updated, 24 unchanged" in again
    assert sorted((r["name"], r["organisation"]) for r in json.loads(web.cli.ok("list", "--json").out)) == by_page


def test_a_german_check_and_result_say_nothing_in_english(web: Web) -> None:
    _matteo_known(web)
    vcard_and_csv = _files(SAMPLES[:2])
    upload_page = web.client.get("/import?lang=de").text
    address, review = _reviewed(web, vcard_and_csv, "de")
    done = web.post(f"{address}?lang=de", {"pair-0": "apart"}).text  # type: ignore[attr-defined]
    stored = sorted(
        {v for rows in web.cli.snapshot().values() for row in rows for v in row if isinstance(v, str) and len(v) > 2},
        key=len,
        reverse=True,
    )
    for page in (upload_page, review, done):
        text = visible_text(page)
        assert "Importieren" in text
        for value in [*stored, *(name for name, _ in vcard_and_csv)]:
            text = text.replace(value, " ")
        english = words(re.sub(r"\S+@\S+|https?://\S+|\.\w+\b", " ", text)) & ENGLISH
        assert not english, (english, text[:2000])
    assert "5 neu, 1 mit bestehenden Kontakten zusammengeführt" in visible_text(
        review
    ) and "1 mögliches Doppel" in visible_text(review)
    assert "1 Paar als zwei Personen getrennt gehalten." in visible_text(done)


def test_a_bad_record_is_shown_with_its_file_and_line_and_skipped(web: Web) -> None:
    bad = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Keller\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n"
    good = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Roth\r\nEMAIL:ben@roth.example\r\nEND:VCARD\r\n"
    address, page = _reviewed(web, [("people.vcf", (good + bad).encode())])
    text = visible_text(page)
    assert "people.vcf, line 6: 'not-an-address' is not a valid e-mail address" in text
    assert "1 new" in text
    web.post(address, {})
    assert _ids(web, "Ben Roth") and not _ids(web, "Ada Keller")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(
    ("name", "content", "english", "german"),
    [
        ("binary.csv", (DATA / "csv/binary.csv").read_bytes(), "binary.csv: the file is binary", "binär"),
        ("empty.vcf", b"", "empty.vcf: the file is empty", "leer"),
        ("truncated.vcf", (DATA / "vcard/truncated.vcf").read_bytes(), "truncated.vcf", "truncated.vcf"),
        ("export.zip", b"PK\x03\x04 this is no archive", "export.zip: not a LinkedIn export archive", "Exportarchiv"),
        ("contacts.csv", b'{"name": "Ada"}\n', "contacts.csv: the file holds JSON", "JSON"),
    ],
)
def test_a_broken_file_is_one_line_in_the_pages_language_and_nothing_is_imported(
    web: Web, lang: str, name: str, content: bytes, english: str, german: str
) -> None:
    before = web.cli.snapshot()
    held = _held(web)
    response = _upload(web, [*_files(SAMPLES[:1]), (name, content)], lang)  # a good file with it: still nothing
    assert response.status_code == 400
    alerts = re.findall(r'<p role="alert" class="error">([^<]*)</p>', response.text)
    assert len(alerts) == 1 and "\n" not in alerts[0]
    assert (english if lang == "en" else german) in visible_text(response.text)
    assert "Traceback" not in response.text and "rapport-import-" not in response.text
    if lang == "de":  # zipfile's own reason ("File is not a zip file") is quoted as the command line quotes it
        alert = visible_text(alerts[0]).replace(name, " ").replace("(File is not a zip file)", " ")
        assert not words(alert) & ENGLISH, alerts[0]
    assert web.cli.snapshot() == before
    assert _held(web) == held == set()  # the upload is deleted


def test_markup_in_imported_names_and_notes_renders_inert(web: Web) -> None:
    script, img = PAYLOADS
    web.cli.ok("add", script, "--company", "Acme")  # a known contact with the same name: a possible duplicate
    card = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{script}\r\nORG:{img}\r\nNOTE:{img}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\r\nEMAIL:{img}\r\nEND:VCARD\r\n"
    )
    for lang in ("en", "de"):
        address, page = _reviewed(web, [(f"{script}.vcf", card.encode())], lang)
        for shown in (page, web.client.get("/import").text):
            assert "<script>alert" not in shown and "<img src=x" not in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, the duplicate and the bad e-mail
        assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= 2
    done = web.post(address, {"pair-0": "merge"}).text  # type: ignore[attr-defined]
    assert "<script>alert" not in done and "<img src=x" not in done
    contacts = web.client.get("/contacts?q=alert").text
    assert "<script>alert" not in contacts and "&lt;script&gt;" in contacts


def test_without_the_token_nothing_is_uploaded_or_imported(web: Web) -> None:
    _matteo_known(web)
    before, held = web.cli.snapshot(), _held(web)
    assert _upload(web, _files(SAMPLES), token=False).status_code == 403
    assert _held(web) == held
    address, _page = _reviewed(web, _files(SAMPLES))
    refused = web.client.post(address, data={"pair-0": "merge"})
    assert refused.status_code == 403
    forged = web.client.post(address, data={"pair-0": "merge", "csrf_token": "x" * 43})
    assert forged.status_code == 403
    assert web.cli.snapshot() == before
    assert web.post(address, {"pair-0": "merge"}).status_code == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_upload_over_the_limit_is_refused_in_one_line(web: Web, lang: str) -> None:
    web.client.app.state.uploads.limit = 100_000  # type: ignore[attr-defined]
    before, held = web.cli.snapshot(), _held(web)
    response = _upload(web, [("big.vcf", b"BEGIN:VCARD\r\n" + b"X" * 200_000)], lang)
    assert response.status_code == 413
    expected = "at most 0.1 MB together. Nothing was imported." if lang == "en" else "höchstens 0.1 MB"
    assert expected in visible_text(response.text)
    assert web.cli.snapshot() == before and _held(web) == held
    form = visible_text(web.client.get(f"/import?lang={lang}").text)
    assert ("At most 0.1 MB together." if lang == "en" else "Zusammen höchstens 0.1 MB.") in form
    assert "Nothing was imported" not in form and "Nichts wurde importiert" not in form


def test_the_files_are_private_and_gone_after_the_import(web: Web) -> None:
    held = _held(web)
    address, _page = _reviewed(web, _files(SAMPLES))
    upload = web.client.app.state.uploads.get(address.rsplit("/", 1)[1])  # type: ignore[attr-defined]
    assert stat.S_IMODE(os.stat(upload.folder).st_mode) == 0o700
    assert [stat.S_IMODE(os.stat(p).st_mode) for p in upload.paths] == [0o600] * 3
    assert upload.names == [p.name for p in SAMPLES]
    web.post(address, {})
    assert not os.path.exists(upload.folder) and _held(web) == held
    again = web.post(address, {})  # the same form sent twice: the files are gone, nothing is imported twice
    assert again.status_code == 404  # type: ignore[attr-defined]
    assert "no longer held" in visible_text(again.text)  # type: ignore[attr-defined]


def test_the_next_upload_or_cancel_deletes_the_files(web: Web) -> None:
    before = web.cli.snapshot()
    first, _page = _reviewed(web, _files(SAMPLES[:1]))
    uploads = web.client.app.state.uploads  # type: ignore[attr-defined]
    folder = uploads.get(first.rsplit("/", 1)[1]).folder
    second, _page = _reviewed(web, _files(SAMPLES[1:2]))
    assert not os.path.exists(folder)
    assert web.client.get(first).status_code == 404
    cancelled = web.post(second, {"cancel": "1"})
    assert cancelled.status_code == 303  # type: ignore[attr-defined]
    assert uploads.get(second.rsplit("/", 1)[1]) is None
    assert web.cli.snapshot() == before


def test_files_older_than_an_hour_are_gone(tmp_path: Path) -> None:
    import io
    import time

    from rapport.web.uploads import Uploads

    uploads = Uploads(lifetime=0.2)
    upload = uploads.hold([("a.vcf", io.BytesIO(b"BEGIN:VCARD"))])
    assert uploads.get(upload.id) is upload
    time.sleep(0.6)  # the timer deletes them even when nobody asks
    assert not os.path.exists(upload.folder)
    assert uploads.get(upload.id) is None


def test_a_network_changed_since_the_check_is_shown_again_and_nothing_imported(web: Web) -> None:
    address, page = _reviewed(web, _files(SAMPLES[:1]))
    assert "No possible duplicates." in visible_text(page)
    _matteo_known(web)  # added on the command line while the user was looking
    before = web.cli.snapshot()
    response = web.post(address, {})
    assert response.status_code == 409  # type: ignore[attr-defined]
    text = visible_text(response.text)  # type: ignore[attr-defined]
    assert "changed since the check" in text and "1 possible duplicate" in text
    assert web.cli.snapshot() == before
    assert web.post(address, {"pair-0": "merge"}).status_code == 200  # type: ignore[attr-defined]
    assert len(_ids(web, "Matteo Galli")) == 1


@given(st.text(max_size=300))
def test_an_uploaded_name_is_only_a_name(name: str) -> None:
    from rapport.web.uploads import safe_name

    safe = safe_name(name)
    assert safe and len(safe) <= 100
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(".") and safe not in ("..", ".")
    assert safe_name(safe) == safe


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Connections-2025-06-01.csv", "Connections-2025-06-01.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\julia\\Basic_LinkedInDataExport_06-01-2025.zip", "Basic_LinkedInDataExport_06-01-2025.zip"),
        (".hidden.vcf", "hidden.vcf"),
        ("Jörg Bühler.vcf", "Jörg Bühler.vcf"),
    ],
)
def test_an_uploaded_name_keeps_what_the_import_reads(name: str, kept: str) -> None:
    from rapport.web.uploads import safe_name

    assert safe_name(name) == kept


def test_the_day_of_a_linkedin_export_can_be_given_on_the_page(web: Web) -> None:
    connections = _files(SAMPLES[2:])
    response = _upload(web, connections, "de", exported_on="2026-11-25")
    review = visible_text(web.client.get(response.headers["location"] + "?lang=de").text)
    assert "Connections.csv: LinkedIn-Export vom 25.11.2026 (wie auf der Importseite angegeben)." in review
    assert "--exported-on" not in review
    guessed = _upload(web, connections, "en")
    review = visible_text(web.client.get(guessed.headers["location"] + "?lang=en").text)
    assert "give the exact date on the Import page" in review and "--" not in review


@pytest.mark.parametrize(
    ("typed", "line"),
    [("2026-02-31", "'2026-02-31' is not a date."), ("2027-01-05", "The export's day 2027-01-05 is later than today.")],
)
def test_a_wrong_export_day_is_one_line_and_nothing_is_held(web: Web, typed: str, line: str) -> None:
    before, held = web.cli.snapshot(), _held(web)
    response = _upload(web, _files(SAMPLES[2:]), "en", exported_on=typed)
    assert response.status_code == 400
    assert re.findall(r'<p role="alert" class="error">([^<]*)</p>', response.text) == [line.replace("'", "&#39;")]
    assert web.cli.snapshot() == before and _held(web) == held


def test_files_are_named_as_uploaded_never_where_they_are_held(web: Web) -> None:
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Basic_LinkedInDataExport/Invitations.csv", (DATA / "linkedin/Invitations-2021.csv").read_bytes())
    files = [*_files([DATA / "linkedin/Connections-excel.csv"]), ("export.zip", archive.getvalue())]
    address, page = _reviewed(web, files)
    text = visible_text(page)
    assert "Connections-excel.csv, line 5: '31 Feb 2014' is not a date" in text
    assert "export.zip/Basic_LinkedInDataExport/Invitations.csv, line 6: 'SIDEWAYS' is neither" in text
    done = web.post(address, {}).text  # type: ignore[attr-defined]
    for shown in (page, done):
        assert "rapport-import-" not in shown and "/tmp" not in shown


@pytest.mark.parametrize("lang", ["en", "de"])
def test_whose_linkedin_export_it_is_can_be_said_on_the_page(web: Web, lang: str) -> None:
    conversation = _files([DATA / "linkedin/messages-one-conversation.csv"])
    unknown = _upload(web, conversation, lang)
    assert unknown.status_code == 400
    alert = visible_text(re.findall(r'<p role="alert" class="error">([^<]*)</p>', unknown.text)[0])
    expected = "give your name on the Import page" if lang == "en" else "deinen Namen auf der Importseite angeben"
    assert alert.startswith("messages-one-conversation.csv: ") and expected in alert and "--owner" not in alert
    assert "rapport-import-" not in unknown.text
    before = json.loads(web.cli.ok("show", "Thomas Keller", "--json").out)["interaction_count"]
    response = _upload(web, conversation, lang, owner="Julia Baumann")
    assert response.status_code == 303
    done = visible_text(web.post(response.headers["location"], {}).text)  # type: ignore[attr-defined]
    assert ("2 interactions imported." if lang == "en" else "2 Interaktionen importiert.") in done
    assert json.loads(web.cli.ok("show", "Thomas Keller", "--json").out)["interaction_count"] == before + 2


def test_a_csv_rapport_does_not_know_points_to_the_command_line(web: Web) -> None:
    response = _upload(web, [("people.csv", b"Vorname;Nachname\nAda;Keller\n")], "de")
    assert response.status_code == 400
    assert "people.csv ist eine CSV-Datei, die rapport nicht kennt; importiere sie in der Befehlszeile" in (
        visible_text(response.text)
    )


def test_the_same_form_sent_twice_at_once_imports_once(web: Web) -> None:
    address, _page = _reviewed(web, _files(SAMPLES[:1]))
    held = web.client.app.state.uploads.get(address.rsplit("/", 1)[1])  # type: ignore[attr-defined]
    before = web.cli.snapshot()
    with held.busy:  # the first click's import is under way
        assert web.post(address, {}).status_code == 404  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before
    assert web.post(address, {}).status_code == 200  # type: ignore[attr-defined]
    assert _ids(web, "Matteo Galli")


def test_the_next_upload_waits_for_an_import_under_way_before_deleting_its_files(web: Web) -> None:
    import io
    import threading

    first, _page = _reviewed(web, _files(SAMPLES[:1]))
    uploads = web.client.app.state.uploads  # type: ignore[attr-defined]
    held = uploads.get(first.rsplit("/", 1)[1])
    held.busy.acquire()
    replaced = threading.Thread(target=lambda: uploads.hold([("b.vcf", io.BytesIO(b"BEGIN:VCARD"))]))
    replaced.start()
    replaced.join(0.3)
    assert replaced.is_alive() and os.path.exists(held.paths[0])  # still read by the import
    held.busy.release()
    replaced.join(5)
    assert not os.path.exists(held.folder)


def test_pairs_among_the_files_and_with_a_known_contact_merge_into_one(web: Web) -> None:
    """A known Anna Meier and two in the files, at three organisations: three pairs; merged, one person, the known
    contact keeping its organisation and gaining both e-mails."""
    web.cli.ok("add", "Anna Meier", "--company", "Stadt Bern")
    known = _ids(web, "Anna Meier")
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Meier\r\nORG:{org}\r\nEMAIL:{mail}\r\nEND:VCARD\r\n"
        for org, mail in (("Helvetic Re", "anna@helvetic-re.example"), ("Jura Mobil AG", "anna@jura-mobil.example"))
    )
    address, page = _reviewed(web, [("anna.vcf", cards.encode())])
    assert "3 possible duplicates" in visible_text(page)
    done = web.post(address, {"pair-0": "merge", "pair-1": "merge", "pair-2": "merge"})
    assert "2 pairs merged, each into one person." in visible_text(done.text)  # type: ignore[attr-defined]
    assert _ids(web, "Anna Meier") == known
    shown = json.loads(web.cli.ok("show", "Anna Meier", "--json").out)
    assert shown["organisation"] == "Stadt Bern"
    assert set(shown["emails"]) >= {"anna@helvetic-re.example", "anna@jura-mobil.example"}
    assert json.loads(web.cli.ok("duplicates", "--json").out) == []


def test_a_body_that_does_not_say_its_length_is_refused_before_it_is_read(web: Web) -> None:
    before = web.cli.snapshot()
    response = web.client.post(
        "/import?lang=de",
        content=iter([b"--x\r\n", b"X" * 1000]),
        headers={"Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": web.token()},
    )
    assert response.status_code == 411
    assert "Der Upload hat seine Grösse nicht angegeben. Nichts wurde importiert." in visible_text(response.text)
    assert web.cli.snapshot() == before
