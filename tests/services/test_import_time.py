"""Imports and time: nothing dated later than now counts as a touch, and an older LinkedIn export never overwrites
what a newer one showed, whatever the order of the imports (address book included)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from rapport.domain.model import Action, ActionKind, YearlyDate
from rapport.errors import InputError
from rapport.interop.records import ContactRecord
from rapport.services import agenda, backup, importing, journal, people
from rapport.services.context import Context
from rapport.store.schema import contacts
from tests.conftest import make_context

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
OLD_JOBS = {  # the export of 1 June 2025
    "Anna Schmidt": ("Roche", "Senior Scientist"),
    "Lukas Meier": ("Swisscom", "Network Engineer"),
    "Priya Nair": ("UBS", "Analyst"),
}
NEW_JOBS = {  # the export of 20 November 2026: Anna promoted, Lukas at another company, Priya as she was
    "Anna Schmidt": ("Roche", "Head of Research"),
    "Lukas Meier": ("SBB CFF FFS", "Head of Networks"),
    "Priya Nair": ("UBS", "Analyst"),
}
CONNECTED = {"Anna Schmidt": "12 Mar 2019", "Lukas Meier": "03 Feb 2021", "Priya Nair": "17 Oct 2024"}
EXPECTED_NEWS = {("Anna Schmidt", "promotion"), ("Lukas Meier", "new-job")}


def _connections(jobs: dict[str, tuple[str, str]], extra: str = "") -> str:
    rows = []
    for name, (company, position) in jobs.items():
        first, last = name.split()
        slug = f"{first}-{last}".lower()
        email = f"{first}.{last}@example.com".lower()
        rows.append(f"{first},{last},https://www.linkedin.com/in/{slug},{email},{company},{position},{CONNECTED[name]}")
    return HEADER + "\n".join(rows) + "\n" + extra


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _zip(path: Path, members: dict[str, str], when: tuple[int, int, int]) -> str:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(*when, 14, 30, 0)), text.encode(), zipfile.ZIP_DEFLATED)
    return str(path)


def _import(ctx: Context, *paths: str, **options: object) -> importing.ImportSummary:
    with ctx.transaction() as conn:
        return importing.import_files(ctx, conn, list(paths), **options)  # type: ignore[arg-type]


def _jobs(ctx: Context) -> dict[str, tuple[str, str]]:
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            select(contacts.c.display_name, contacts.c.organisation, contacts.c.job_title).where(
                contacts.c.owner_id == ctx.owner_id
            )
        )
        return {r.display_name: (r.organisation, r.job_title) for r in rows}


def _news(summary: importing.ImportSummary) -> set[tuple[str, str]]:
    return {(n["name"], n["kind"]) for n in summary.news}


@pytest.fixture
def exports(tmp_path: Path) -> tuple[str, str]:
    """The older and the newer export, each dated by its file name."""
    return (
        _write(tmp_path / "Connections-2025-06-01.csv", _connections(OLD_JOBS)),
        _write(tmp_path / "Connections-2026-11-20.csv", _connections(NEW_JOBS)),
    )


# -- the order of exports ------------------------------------------------------------------------------------------


def test_a_newer_export_reports_every_job_change(ctx: Context, exports: tuple[str, str]) -> None:
    old, new = exports
    assert _news(_import(ctx, old)) == set()
    assert _news(_import(ctx, new)) == EXPECTED_NEWS
    assert _jobs(ctx) == NEW_JOBS


def test_an_older_export_after_a_newer_one_changes_no_job_and_reports_no_news(
    ctx: Context, exports: tuple[str, str]
) -> None:
    old, new = exports
    _import(ctx, new)
    older = _import(ctx, old)
    assert older.news == [] and older.older_kept == 2  # Anna and Lukas; Priya is as she was
    assert _jobs(ctx) == NEW_JOBS
    again = _import(ctx, new)  # the newer one again: nothing is news, nothing was lost
    assert again.news == [] and _jobs(ctx) == NEW_JOBS


def test_newest_first_or_oldest_first_gives_the_same_jobs(store_url: str, exports: tuple[str, str]) -> None:
    old, new = exports
    finals = []
    for order in ((old, new), (new, old)):
        context = make_context(store_url)
        try:
            for path in order:
                _import(context, path)
            finals.append(_jobs(context))
        finally:
            context.close()
    assert finals[0] == finals[1] == NEW_JOBS


def test_one_import_of_both_exports_in_either_order_gives_the_same_jobs(ctx: Context, exports: tuple[str, str]) -> None:
    old, new = exports
    summary = _import(ctx, new, old)
    assert summary.news == [] and _jobs(ctx) == NEW_JOBS


def test_the_newest_export_showing_the_job_an_older_one_showed_is_not_taken_for_unchanged(
    ctx: Context, tmp_path: Path
) -> None:
    """February says Manager; January, imported after it, says Engineer and is ignored; March says Engineer again:
    that is news and the job, not a record seen before and left alone."""
    manager, engineer = {**OLD_JOBS, "Priya Nair": ("UBS", "Manager")}, {**OLD_JOBS, "Priya Nair": ("UBS", "Engineer")}
    _import(ctx, _write(tmp_path / "Connections-2015-02-01.csv", _connections(manager)))
    older = _import(ctx, _write(tmp_path / "Connections-2015-01-01.csv", _connections(engineer)))
    assert older.news == [] and _jobs(ctx)["Priya Nair"] == ("UBS", "Manager")
    newest = _import(ctx, _write(tmp_path / "Connections-2015-03-15.csv", _connections(engineer)))
    assert _news(newest) == {("Priya Nair", "promotion")}
    assert _jobs(ctx) == engineer


def test_the_address_book_first_then_two_exports_still_reports_every_job_change(
    ctx: Context, tmp_path: Path, exports: tuple[str, str]
) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name.split()[1]};{name.split()[0]};;;\r\n"
        f"ORG:{company}\r\nTITLE:{title}\r\nEMAIL:{name.replace(' ', '.').lower()}@example.com\r\nEND:VCARD\r\n"
        for name, (company, title) in NEW_JOBS.items()  # the address book is up to date already
    )
    address_book = _write(tmp_path / "contacts.vcf", cards)
    old, new = exports
    _import(ctx, address_book)
    assert _news(_import(ctx, old)) == set()
    assert _jobs(ctx) == NEW_JOBS  # the older export filled nothing over what the address book had
    assert _news(_import(ctx, new)) == EXPECTED_NEWS
    assert _jobs(ctx) == NEW_JOBS


def test_the_older_export_is_told_per_person(ctx: Context, tmp_path: Path, exports: tuple[str, str]) -> None:
    """Lukas came in with the newer export; Marta only with an older one, which is still news-worthy for her when
    a later export shows her elsewhere."""
    new = exports[1]
    _import(ctx, new)
    CONNECTED["Marta Rossi"] = "01 May 2020"
    try:
        older = _connections({**OLD_JOBS, "Marta Rossi": ("Migros", "Buyer")})
        _import(ctx, _write(tmp_path / "Connections-2025-07-01.csv", older))
        newest = _connections({**NEW_JOBS, "Marta Rossi": ("Coop", "Head Buyer")})
        summary = _import(ctx, _write(tmp_path / "Connections-2026-11-25.csv", newest))
    finally:
        del CONNECTED["Marta Rossi"]
    assert _news(summary) == {("Marta Rossi", "new-job")}
    assert _jobs(ctx)["Marta Rossi"] == ("Coop", "Head Buyer")


def test_what_linkedin_showed_survives_backup_and_restore(ctx: Context, exports: tuple[str, str]) -> None:
    old, new = exports
    _import(ctx, new)
    stream = io.BytesIO()
    with ctx.transaction() as conn:
        backup.backup(ctx, conn, stream)
    restored = make_context(str(ctx.engine.url.render_as_string(hide_password=False)))
    try:
        with restored.transaction() as conn:
            backup.restore(restored, conn, io.BytesIO(stream.getvalue()))
        older = _import(restored, old)
        assert older.news == [] and _jobs(restored) == NEW_JOBS
    finally:
        restored.close()


def test_merging_keeps_the_newest_linkedin_job(ctx: Context, tmp_path: Path, exports: tuple[str, str]) -> None:
    """Two contacts that are one person: the survivor takes the job of the newer export, so an older export
    imported afterwards changes nothing, and a still newer one is compared with the newer export's job."""
    old, new = exports
    with ctx.transaction() as conn:
        people.add_contact(ctx, conn, people.NewContact("Lukas M.", company="SBB CFF FFS"))
    _import(ctx, new)
    with ctx.transaction() as conn:
        from rapport.services import merging

        merging.merge(ctx, conn, "Lukas M.", "Lukas Meier")
    assert _news(_import(ctx, old)) == set()
    assert _jobs(ctx)["Lukas M."] == NEW_JOBS["Lukas Meier"]
    newest = _connections({**NEW_JOBS, "Lukas Meier": ("SBB CFF FFS", "CTO")})
    summary = _import(ctx, _write(tmp_path / "Connections-2026-11-25.csv", newest))
    assert _news(summary) == {("Lukas M.", "promotion")}  # not a "new job" compared with the older Swisscom


# -- the export's date ---------------------------------------------------------------------------------------------


def test_the_export_date_and_where_it_comes_from(ctx: Context, tmp_path: Path) -> None:
    text = _connections(OLD_JOBS)
    archive = _zip(tmp_path / "export.zip", {"Basic/Connections.csv": text}, (2025, 6, 2))
    named = _write(tmp_path / "Basic_LinkedInDataExport_06-03-2025.csv", text)
    plain = _write(tmp_path / "Connections.csv", text)
    summary = _import(ctx, archive, named, plain)
    assert [(e["date"], e["origin"]) for e in summary.exports] == [
        ("2025-06-02", "archive"),
        ("2025-06-03", "name"),
        ("2024-10-17", "connections"),  # at least as new as the newest connection
    ]
    given = _import(ctx, plain, exported_on=date(2025, 6, 4))
    assert [(e["date"], e["origin"]) for e in given.exports] == [("2025-06-04", "option")]


def test_the_zip_times_date_an_older_export(ctx: Context, tmp_path: Path) -> None:
    new = _zip(tmp_path / "a.zip", {"Connections.csv": _connections(NEW_JOBS)}, (2026, 11, 20))
    old = _zip(tmp_path / "b.zip", {"Connections.csv": _connections(OLD_JOBS)}, (2025, 6, 1))
    _import(ctx, new)
    assert _import(ctx, old).news == [] and _jobs(ctx) == NEW_JOBS


def test_the_given_export_date_wins_over_the_name(ctx: Context, tmp_path: Path, exports: tuple[str, str]) -> None:
    _import(ctx, exports[1])
    misnamed = _write(tmp_path / "Connections-2026-11-24.csv", _connections(OLD_JOBS))  # renamed by mistake
    summary = _import(ctx, misnamed, exported_on=date(2025, 6, 1))
    assert summary.news == [] and _jobs(ctx) == NEW_JOBS


def test_an_export_date_later_than_today_is_refused_or_taken_as_today(ctx: Context, tmp_path: Path) -> None:
    text = _connections(OLD_JOBS)
    with pytest.raises(InputError) as refused:
        _import(ctx, _write(tmp_path / "Connections.csv", text), exported_on=date(2026, 11, 28))
    assert refused.value.code == "import.exported_on_future"
    summary = _import(ctx, _write(tmp_path / "Connections-2030-01-01.csv", text))
    assert [(e["date"], e["origin"]) for e in summary.exports] == [("2026-11-26", "name")]
    assert [(f["line"], f["what"], f["value"]) for f in summary.future] == [(0, "export", "2030-01-01")]


# -- nothing from the future ---------------------------------------------------------------------------------------

MESSAGES = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT\n"


def _message(sender: str, recipient: str, when: str, text: str) -> str:
    def url(name: str) -> str:
        return "https://www.linkedin.com/in/" + name.replace(" ", "-").lower()

    return f"c-{when[:10]},,{sender},{url(sender)},{recipient},{url(recipient)},{when},,{text}\n"


def test_a_future_dated_message_neither_closes_the_window_nor_silences_the_rhythm(ctx: Context, tmp_path: Path) -> None:
    with ctx.transaction() as conn:
        journal.met(ctx, conn, "Nora Weber", at="Swiss Design Days", when="2026-11-25T18:00")
        people.add_contact(ctx, conn, people.NewContact("Beat Kunz", circle="core"))
        journal.log(ctx, conn, ["Beat Kunz"], via="call", when="2026-08-01")
    before = {(a.kind, a.contact_name) for a in _agenda(ctx)}
    assert {(ActionKind.FOLLOW_UP, "Nora Weber"), (ActionKind.KEEP_IN_TOUCH, "Beat Kunz")} <= before
    text = (
        MESSAGES
        + _message("Julia Baumann", "Nora Weber", "2026-12-24 10:00:00 UTC", "Frohe Weihnachten!")
        + _message("Julia Baumann", "Beat Kunz", "2027-01-05 09:00:00 UTC", "Happy new year")
        + _message("Marco Rossi", "Julia Baumann", "2026-11-20 09:00:00 UTC", "Kaffee?")
    )
    path = _write(tmp_path / "messages.csv", text)
    summary = _import(ctx, path, owner="Julia Baumann")
    assert [(f["file"], f["line"], f["what"]) for f in summary.future] == [
        (path, 2, "interaction"),
        (path, 3, "interaction"),
    ]
    assert summary.interactions == 1  # Marco's message of 20 November is a real one
    after = {(a.kind, a.contact_name) for a in _agenda(ctx)}
    assert {(ActionKind.FOLLOW_UP, "Nora Weber"), (ActionKind.KEEP_IN_TOUCH, "Beat Kunz")} <= after


def test_a_future_connection_date_is_reported_and_not_kept(ctx: Context, tmp_path: Path) -> None:
    CONNECTED["Zoe Frei"] = "01 Jan 2027"
    try:
        path = _write(tmp_path / "Connections-2026-11-20.csv", _connections({"Zoe Frei": ("ETH", "Professor")}))
    finally:
        del CONNECTED["Zoe Frei"]
    summary = _import(ctx, path)
    assert [(f["line"], f["what"], f["value"]) for f in summary.future] == [(2, "connected_on", "2027-01-01")]
    with ctx.engine.connect() as conn:
        assert conn.execute(select(contacts.c.connected_on).where(contacts.c.owner_id == ctx.owner_id)).scalar() is None


def test_a_birth_year_to_come_is_reported_and_not_kept(ctx: Context, tmp_path: Path) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ida Graf\r\nN:Graf;Ida;;;\r\nBDAY:2031-05-01\r\nEND:VCARD\r\n"
    summary = _import(ctx, _write(tmp_path / "ida.vcf", card))
    assert [(f["line"], f["what"], f["value"]) for f in summary.future] == [(1, "birthday", "2031-05-01")]
    with ctx.transaction() as conn:
        assert people.profile(ctx, conn, "Ida Graf")["dates"] == []


def _agenda(ctx: Context) -> list[Action]:
    with ctx.transaction() as conn:
        return agenda.today(ctx, conn, limit=100)


def test_an_undated_export_is_as_new_as_its_newest_connection(
    ctx: Context, tmp_path: Path, exports: tuple[str, str]
) -> None:
    """Extracted, renamed, no date anywhere: the newest `Connected On` is the export's day at the least."""
    _import(ctx, exports[1])  # 20 November 2026
    undated_old = _write(tmp_path / "Connections.csv", _connections(OLD_JOBS))  # newest connection: October 2024
    summary = _import(ctx, undated_old)
    assert summary.news == [] and _jobs(ctx) == NEW_JOBS
    assert [(e["date"], e["origin"]) for e in summary.exports] == [("2024-10-17", "connections")]

    CONNECTED["Urs Graf"] = "25 Nov 2026"  # connected after the export of the 20th: this one is newer
    try:
        newer = _connections({**NEW_JOBS, "Anna Schmidt": ("Roche", "CTO"), "Urs Graf": ("ABB", "Engineer")})
    finally:
        del CONNECTED["Urs Graf"]
    (tmp_path / "undated").mkdir()
    summary = _import(ctx, _write(tmp_path / "undated" / "Connections.csv", newer))
    assert _news(summary) == {("Anna Schmidt", "promotion")}
    with ctx.engine.connect() as conn:
        days = set(conn.execute(select(contacts.c.linkedin_as_of).where(contacts.c.owner_id == ctx.owner_id)).scalars())
    assert days == {date(2026, 11, 25)}  # every job as of the day found, none left waiting for it
    between = _import(ctx, _write(tmp_path / "Connections-2026-11-22.csv", _connections(NEW_JOBS)))
    assert between.news == [] and _jobs(ctx)["Anna Schmidt"] == ("Roche", "CTO")


COMPANIES = ("Roche", "Novartis", "ABB")
TITLES = ("Engineer", "Manager", "Director")
EXPORT = st.tuples(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 11, 25)),
    st.fixed_dictionaries({name: st.tuples(st.sampled_from(COMPANIES), st.sampled_from(TITLES)) for name in OLD_JOBS}),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: the profile (dev 60, CI 200)
@given(
    exports=st.lists(EXPORT, min_size=2, max_size=4, unique_by=lambda e: e[0]),
    order=st.randoms(use_true_random=False),
)
def test_in_any_order_the_newest_export_decides_the_jobs(
    sqlite_url: str, tmp_path_factory: pytest.TempPathFactory, exports: list[Any], order: Any
) -> None:
    folder = tmp_path_factory.mktemp("exports")
    paths = [_write(folder / f"Connections-{day.isoformat()}.csv", _connections(jobs)) for day, jobs in exports]
    order.shuffle(paths)
    context = make_context(sqlite_url)
    try:
        for path in paths:
            _import(context, path)
        assert _jobs(context) == max(exports)[1]
    finally:
        context.close()


def test_a_store_from_before_keeps_linkedin_jobs_as_of_the_last_export(tmp_path: Path) -> None:
    """Migration 0006: contacts that came from LinkedIn take their job as LinkedIn's, as of the owner's newest
    export, so that an older export imported after the upgrade still changes nothing."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from rapport.store.db import _MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    stamp = "'2026-01-01 00:00:00+00:00'"
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.execute(
            text(
                f"INSERT INTO users (id, name, created_at, linkedin_export_on) VALUES (1, 'me', {stamp}, '2025-06-01')"
            )
        )
        for contact_id, name in ((1, "Lukas Meier"), (2, "Urs Graf")):
            conn.execute(
                text(
                    "INSERT INTO contacts (id, owner_id, display_name, search_key, organisation, job_title, circle, "
                    f"created_at, updated_at) VALUES ({contact_id}, 1, '{name}', '{name.lower()}', 'SBB', 'Head', "
                    f"'wider', {stamp}, {stamp})"
                )
            )
        conn.execute(
            text(
                "INSERT INTO imported_records (owner_id, contact_id, source, record_key, digest, imported_at) "
                f"VALUES (1, 1, 'linkedin', 'https://www.linkedin.com/in/lukas-meier', 'x', {stamp})"
            )
        )
        command.upgrade(config, "head")
        rows = conn.execute(
            text("SELECT display_name, linkedin_organisation, linkedin_title, linkedin_as_of FROM contacts ORDER BY id")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Lukas Meier", "SBB", "Head", "2025-06-01"), ("Urs Graf", "", "", None)]


YEARLY = st.builds(
    lambda day, with_year: YearlyDate(day.month, day.day, day.year if with_year else None),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.booleans(),
)


@given(
    connected=st.none() | st.dates(min_value=date(2003, 1, 1), max_value=date(2100, 12, 31)),
    birthday=st.none() | YEARLY,
    anniversaries=st.lists(YEARLY, max_size=3),
    today=st.dates(min_value=date(2003, 1, 1), max_value=date(2100, 12, 31)),
)
def test_no_date_later_than_today_is_kept_and_each_dropped_one_is_said(
    connected: date | None, birthday: YearlyDate | None, anniversaries: list[YearlyDate], today: date
) -> None:
    record = ContactRecord(source="vcard", file="x.vcf", line=1, full_name="Ida Graf", connected_on=connected)
    record.birthday, record.anniversaries = birthday, [("", a) for a in anniversaries]
    before = [connected, birthday, *anniversaries]
    dropped = importing._drop_future_dates(record, today)

    def later(value: object) -> bool:
        if isinstance(value, date):
            return value > today
        return isinstance(value, YearlyDate) and value.year is not None and value.iso() > today.isoformat()

    kept = [record.connected_on, record.birthday, *(a for _label, a in record.anniversaries)]
    assert not any(later(v) for v in kept)
    assert len(dropped) == sum(1 for v in before if later(v))
    assert {v for v in kept if v is not None} | {v for v in before if later(v)} == {v for v in before if v is not None}
