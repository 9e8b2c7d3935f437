"""Backup and restore: everything an owner has goes into one file and comes back the same, with new ids, on either
backend; a file that is not a complete, intact backup restores nothing."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select, update

from rapport.errors import InputError, Refused
from rapport.interop import backup as interop_backup
from rapport.interop.backup import FORMAT, VERSION
from rapport.services import agenda, demo, journal, snoozing
from rapport.services import backup as service
from rapport.services.context import Context
from rapport.store import HEAD_REVISION
from rapport.store.schema import (
    contacts,
    digests,
    distinct_people,
    feed_items,
    feeds,
    field_sources,
    imported_records,
    interactions,
    introductions,
    metadata,
    participants,
    shares,
    user_settings,
    users,
)
from tests.conftest import make_context

TABLES = [t for t in metadata.sorted_tables if t.name not in service.EXCLUDED]


# ---------------------------------------------------------------------------------------------- helpers
@contextmanager
def fresh(url: str) -> Iterator[Context]:
    context = make_context(url)
    try:
        yield context
    finally:
        context.close()


def fill(ctx: Context) -> None:
    """The demo network, plus rows for the tables the demo leaves empty and an owner row with every field set."""
    with ctx.transaction() as conn:
        demo.load_demo(ctx, conn)
        ids = list(conn.execute(select(contacts.c.id).where(contacts.c.owner_id == ctx.owner_id).order_by("id")))
        first, second, third = (int(r[0]) for r in ids[:3])
        when = ctx.now - timedelta(days=3)
        source = {"owner_id": ctx.owner_id, "updated_at": when}
        conn.execute(
            insert(field_sources),
            [
                {**source, "contact_id": first, "field": "organisation", "source": "vcard"},
                {**source, "contact_id": third, "field": "job_title", "source": "linkedin"},
            ],
        )
        record = {"owner_id": ctx.owner_id, "imported_at": when}
        conn.execute(
            insert(imported_records),
            [
                {**record, "contact_id": second, "source": "vcard", "record_key": "uid-1", "digest": "a" * 64},
                {**record, "contact_id": first, "source": "linkedin", "record_key": "https://x", "digest": "b" * 64},
            ],
        )
        conn.execute(insert(distinct_people).values(owner_id=ctx.owner_id, first_id=first, second_id=third))
        conn.execute(
            insert(introductions).values(
                owner_id=ctx.owner_id,
                first_id=third,
                second_id=first,
                status="made",
                reason="need",
                created_at=when,
                updated_at=ctx.now,
            )
        )
        snoozing.snooze(ctx, conn, third, "keep-in-touch", 7)  # "not now" on the web page
        conn.execute(insert(user_settings).values(owner_id=ctx.owner_id, key="daily_budget", value="5"))
        conn.execute(  # the day's digest went out (`rapport digest send`)
            insert(digests).values(
                owner_id=ctx.owner_id, day=when.date(), sent_at=when, address="julia@example.ch", actions=3
            )
        )
        conn.execute(
            insert(shares).values(
                owner_id=ctx.owner_id,
                contact_id=third,
                url_key="https://a.example/x",
                url="https://a.example/x",
                title="Lieferketten",
                shared_at=when,
            )
        )
        feed = conn.execute(
            insert(feeds)
            .values(owner_id=ctx.owner_id, url="https://a.example/feed", added_at=when)
            .returning(feeds.c.id)
        ).scalar_one()
        conn.execute(insert(feed_items).values(feed_id=feed, item_key="urn:item:1", seen_at=when))
        conn.execute(
            update(contacts).where(contacts.c.id == second).values(archived=True, connected_on=date(2019, 4, 1))
        )
        conn.execute(
            update(interactions)
            .where(interactions.c.owner_id == ctx.owner_id, interactions.c.channel == "linkedin")
            .values(source_key=interactions.c.id.cast(type_=contacts.c.display_name.type))
        )
        conn.execute(
            update(users)
            .where(users.c.id == ctx.owner_id)
            .values(organisation="Nordstern Logistik AG", linkedin_export_on=date(2026, 10, 30))
        )


def backup_text(ctx: Context) -> str:
    stream = io.StringIO()
    with ctx.transaction() as conn:
        service.backup(ctx, conn, stream)
    return stream.getvalue()


def restore_text(ctx: Context, text: str | bytes, replace: bool = False) -> service.Restored:
    stream: io.IOBase = io.BytesIO(text) if isinstance(text, bytes) else io.StringIO(text)
    with ctx.transaction() as conn:
        return service.restore(ctx, conn, stream, replace=replace, file="backup.jsonl")  # type: ignore[arg-type]


def owned_rows(conn: Connection, owner_id: int) -> dict[str, list[dict[str, Any]]]:
    """The owner's rows of every backed-up table, in id order (found independently of the module under test)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        query = select(table).order_by(*table.primary_key.columns)
        if "owner_id" in table.c:
            query = query.where(table.c.owner_id == owner_id)
        rows = [dict(r._mapping) for r in conn.execute(query)]
        if "owner_id" not in table.c:  # belongs through the rows it refers to
            rows = [r for r in rows if all(_refers_to_owner(fk, r, found) for fk in table.foreign_keys)]
        found[table.name] = rows
    return found


def _refers_to_owner(fk: Any, row: dict[str, Any], found: dict[str, list[dict[str, Any]]]) -> bool:
    return row[fk.parent.name] in {r[fk.column.name] for r in found[fk.column.table.name]}


def canonical(conn: Connection, owner_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The owner's data with every id replaced by the row's position in its table: equal content, equal links."""
    rows = owned_rows(conn, owner_id)
    position = {table.name: {r["id"]: i for i, r in enumerate(rows[table.name])} for table in TABLES if "id" in table.c}
    result: dict[str, list[tuple[Any, ...]]] = {}
    for table in TABLES:
        references = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        shaped = []
        for i, row in enumerate(rows[table.name]):
            values: list[Any] = []
            for name, value in row.items():
                if name == "id":
                    values.append(("#", i))
                elif references.get(name) == "users":
                    values.append("owner")
                elif name in references and value is not None:
                    values.append((references[name], position[references[name]][value]))
                else:
                    values.append(value)
            shaped.append(tuple(values))
        result[table.name] = sorted(shaped, key=repr) if "id" not in table.c else shaped
    return result


def owner_row(conn: Connection, owner_id: int) -> dict[str, Any]:
    row = dict(conn.execute(select(users).where(users.c.id == owner_id)).one()._mapping)
    del row["id"], row["name"]
    return row


def whole_database(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, every owner's: to prove that a refused restore changed nothing."""
    with ctx.engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
            for t in metadata.sorted_tables
        }


def assert_same_data(source: Context, target: Context) -> None:
    with source.transaction() as a, target.transaction() as b:
        original, restored = canonical(a, source.owner_id), canonical(b, target.owner_id)
        assert owner_row(a, source.owner_id) == owner_row(b, target.owner_id)
        old_ids = {r["id"] for r in owned_rows(a, source.owner_id)["contacts"]}
        new_ids = {r["id"] for r in owned_rows(b, target.owner_id)["contacts"]}
    assert all(original.values()), {t: len(rows) for t, rows in original.items()}  # every table is exercised
    for table in TABLES:
        assert restored[table.name] == original[table.name], table.name
    if source.engine.url == target.engine.url:
        assert not old_ids & new_ids  # new rows beside the old ones: new ids
    with source.transaction() as a, target.transaction() as b:
        before = [(x.kind, x.contact_name, x.reason.code) for x in agenda.today(source, a)]
        after = [(x.kind, x.contact_name, x.reason.code) for x in agenda.today(target, b)]
    assert after == before and len(before) == 7


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def reseal(lines: list[str]) -> str:
    """A file with a correct closing line for these header and row lines: for problems the checksum would hide."""
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode() + b"\n")
        item = json.loads(line)
        if "t" in item:
            counts[item["t"]] = counts.get(item["t"], 0) + 1
    end = json.dumps({"end": {"rows": counts, "sha256": digest.hexdigest()}})
    return "\n".join([*lines, end]) + "\n"


def edit_row(text: str, table: str, change: Callable[[dict[str, Any]], None], nth: int = 0) -> str:
    """Reseal the file after changing the `nth` row of `table`."""
    lines = lines_of(text)[:-1]
    seen = 0
    for i, line in enumerate(lines):
        item = json.loads(line)
        if item.get("t") == table:
            if seen == nth:
                change(item["r"])
                lines[i] = json.dumps(item)
                return reseal(lines)
            seen += 1
    raise AssertionError(f"no row {nth} of {table}")


# ---------------------------------------------------------------------------------------------- what is backed up
def test_every_table_is_backed_up_or_explicitly_excluded() -> None:
    backed_up = [plan.name for plan in service.plans()]  # raises TypeError for a table it cannot handle
    assert set(backed_up) | set(service.EXCLUDED) == set(metadata.tables)
    assert not set(backed_up) & set(service.EXCLUDED)
    # the owner's own row travels in the header; the article index is a cache rebuilt from the contacts; access
    # tokens are credentials, which a backup file must not carry to another store; the store's version counts writes
    assert set(service.EXCLUDED) == {"users", "share_index", "api_tokens", "store_version"}
    assert backed_up == [t.name for t in TABLES]  # in dependency order


def test_the_file_has_a_versioned_header_one_row_a_line_and_a_closing_line(ctx: Context) -> None:
    fill(ctx)
    text = backup_text(ctx)
    assert text.isascii() and text.endswith("\n")
    lines = [json.loads(line) for line in lines_of(text)]
    header, rows, end = lines[0], lines[1:-1], lines[-1]
    assert header["format"] == FORMAT and header["version"] == VERSION == 1 and header["schema"] == HEAD_REVISION
    assert datetime.fromisoformat(header["created_at"]) == ctx.now and "+01:00" in header["created_at"]
    assert header["owner"]["organisation"] == "Nordstern Logistik AG"
    assert header["owner"]["linkedin_export_on"] == "2026-10-30"
    assert header["owner"]["id"] == ctx.owner_id and header["owner"]["name"].startswith("test-")
    # every backed-up table is counted, and the test data has rows in each (add some to `fill` for a new table)
    assert set(end["end"]["rows"]) == {t.name for t in TABLES}
    assert all(end["end"]["rows"].values()), end["end"]["rows"]
    assert [r["t"] for r in rows] == sorted((r["t"] for r in rows), key=[t.name for t in TABLES].index)
    contact = next(r["r"] for r in rows if r["t"] == "contacts" and r["r"]["archived"])
    assert contact["connected_on"] == "2019-04-01" and contact["archived"] is True
    assert contact["created_at"].endswith("+00:00") and isinstance(contact["strength"], float)
    assert "Z\\u00fcrich" in text  # non-ASCII characters are escaped


# ---------------------------------------------------------------------------------------------- round trips
def test_a_restore_into_a_fresh_owner_gives_back_the_same_data(ctx: Context, store_url: str) -> None:
    fill(ctx)
    text = backup_text(ctx)
    with fresh(store_url) as target:
        restored = restore_text(target, text)
        assert restored.replaced == 0 and restored.rows["contacts"] == 43 and restored.owner.startswith("test-")
        assert_same_data(ctx, target)
        assert backup_text(target).count("\n") == text.count("\n")


def test_a_backup_from_before_the_meeting_summaries_gets_them_from_its_interactions(
    ctx: Context, store_url: str
) -> None:
    fill(ctx)
    lines = lines_of(backup_text(ctx))[:-1]
    older = []
    for line in lines:
        item = json.loads(line)
        if "schema" in item:
            item["schema"] = "0004"
        elif item.get("t") == "contacts":
            item["r"].pop("first_real_at")
            item["r"].pop("last_in_person_at")
        elif item.get("t") == "events":
            item["r"].pop("recorded_at")
        older.append(json.dumps(item))

    def summaries(context: Context) -> list[tuple[Any, ...]]:
        with context.transaction() as conn:
            query = select(contacts.c.display_name, contacts.c.first_real_at, contacts.c.last_in_person_at)
            rows = conn.execute(query.where(contacts.c.owner_id == context.owner_id))
            return sorted(tuple(r) for r in rows)

    with fresh(store_url) as target:
        restore_text(target, reseal(older))
        restored = summaries(target)
    assert restored == summaries(ctx)
    assert sum(1 for _, first_real, _ in restored if first_real is not None) > 30


def test_a_restore_into_a_fresh_sqlite_file(ctx: Context, tmp_path: Path) -> None:
    fill(ctx)
    text = backup_text(ctx)
    with fresh(f"sqlite:///{tmp_path / 'restored.db'}") as target:
        restore_text(target, text.encode())
        assert_same_data(ctx, target)


@pytest.mark.parametrize(("source", "target"), [("sqlite", "postgresql"), ("postgresql", "sqlite")])
def test_a_restore_across_backends(source: str, target: str, request: pytest.FixtureRequest) -> None:
    with fresh(request.getfixturevalue(f"{source}_url")) as a, fresh(request.getfixturevalue(f"{target}_url")) as b:
        fill(a)
        restore_text(b, backup_text(a))
        assert_same_data(a, b)


def test_binary_streams_and_windows_line_ends_work_too(ctx: Context, store_url: str) -> None:
    fill(ctx)
    stream = io.BytesIO()
    with ctx.transaction() as conn:
        counts = service.backup(ctx, conn, stream)
    assert counts["interaction_contacts"] == stream.getvalue().count(b'{"t":"interaction_contacts"')
    with fresh(store_url) as target:
        restore_text(target, stream.getvalue().replace(b"\n", b"\r\n"))
        assert_same_data(ctx, target)


def test_a_backup_of_an_owner_without_contacts_restores_the_circles(ctx: Context, store_url: str) -> None:
    with ctx.transaction() as conn:
        ctx.circles(conn)
        conn.execute(update(users).where(users.c.id == ctx.owner_id).values(organisation="ACME"))
    text = backup_text(ctx)
    with fresh(store_url) as target:
        assert restore_text(target, text).rows["contacts"] == 0
        with ctx.transaction() as a, target.transaction() as b:
            assert canonical(a, ctx.owner_id) == canonical(b, target.owner_id)
            assert owner_row(b, target.owner_id)["organisation"] == "ACME"


def test_the_snapshot_transaction_backs_up_the_same(ctx: Context) -> None:
    fill(ctx)
    stream = io.StringIO()
    with service.snapshot(ctx) as conn:
        service.backup(ctx, conn, stream)
    assert stream.getvalue() == backup_text(ctx)


# ---------------------------------------------------------------------------------------------- replacing
def test_a_second_restore_is_refused_unless_it_replaces(ctx: Context, store_url: str) -> None:
    fill(ctx)
    text = backup_text(ctx)
    with fresh(store_url) as target:
        restore_text(target, text)
        before = whole_database(target)
        with pytest.raises(Refused) as refused:
            restore_text(target, text)
        assert refused.value.code == "restore.not_empty" and refused.value.facts == {"contacts": 43}
        assert whole_database(target) == before
        assert restore_text(target, text, replace=True).replaced == 43
        assert_same_data(ctx, target)


def test_restoring_my_own_backup_over_my_data_brings_back_what_it_held(ctx: Context) -> None:
    fill(ctx)
    text = backup_text(ctx)
    with ctx.transaction() as conn:
        before = canonical(conn, ctx.owner_id)
        journal.met(ctx, conn, "thomas", at="After the backup", when="yesterday")
    assert restore_text(ctx, text, replace=True).replaced == 43
    with ctx.transaction() as conn:
        assert canonical(conn, ctx.owner_id) == before


def test_replace_deletes_what_the_backup_does_not_hold_and_leaves_other_owners_alone(
    ctx: Context, store_url: str
) -> None:
    fill(ctx)
    text = backup_text(ctx)
    with fresh(store_url) as target:
        with target.transaction() as conn:
            demo.load_demo(target, conn)
            journal.met(target, conn, "thomas", at="Somewhere else", when="yesterday")
        with ctx.transaction() as conn:
            mine_before = canonical(conn, ctx.owner_id)
        restore_text(target, text, replace=True)
        assert_same_data(ctx, target)
        with ctx.transaction() as conn:
            assert canonical(conn, ctx.owner_id) == mine_before
        with target.transaction() as conn:
            assert "Somewhere else" not in {r["place"] for r in owned_rows(conn, target.owner_id)["interactions"]}
            assert len(target.circles(conn)) == 4


# ---------------------------------------------------------------------------------------------- bad files
def _cut_mid_line(text: str) -> str:
    return text[: len(text) // 2]


def _without_closing_line(text: str) -> str:
    return "\n".join(lines_of(text)[:-1]) + "\n"


def _without_last_rows(text: str) -> str:
    return "\n".join(lines_of(text)[:-4]) + "\n"


def _without_a_row(text: str) -> str:
    lines = lines_of(text)
    note = next(i for i, x in enumerate(lines) if '"t":"notes"' in x)  # nothing refers to notes
    return "\n".join(lines[:note] + lines[note + 1 :]) + "\n"


def _damaged(text: str) -> str:
    return text.replace("Thomas Keller", "Thomas Kellner", 1)


def _broken_line(text: str) -> str:
    lines = lines_of(text)
    lines[7] = lines[7][:-5]
    return "\n".join(lines) + "\n"


def _header(**changes: object) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = lines_of(text)
        header = json.loads(lines[0])
        header.update(changes)
        return reseal([json.dumps(header), *lines[1:-1]])

    return change


def _first(text: str, table: str) -> dict[str, Any]:
    return dict(json.loads(next(x for x in lines_of(text) if f'"t":"{table}"' in x))["r"])


def _duplicate_tag(text: str) -> str:
    """The second tag row becomes the first one again (under its own id): the database's unique key refuses it."""
    first = _first(text, "contact_tags")
    return edit_row(text, "contact_tags", lambda r: r.update(contact_id=first["contact_id"], tag=first["tag"]), nth=1)


BAD_FILES: dict[str, tuple[Callable[[str], str | bytes], str]] = {
    "empty": (lambda _t: "", "file.empty"),
    "a blank line": (lambda _t: "\n\n", "backup.not_backup"),
    "plain text": (lambda _t: "Dear Julia,\nthanks for the lunch.\n", "backup.not_backup"),
    "a vCard": (lambda _t: "BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nEND:VCARD\n", "backup.not_backup"),
    "other JSON": (lambda _t: '{"contacts": [{"name": "Anna"}]}\n', "backup.not_backup"),
    "a JSON list": (lambda _t: "[1, 2, 3]\n", "backup.not_backup"),
    "pretty-printed": (lambda t: json.dumps(json.loads(lines_of(t)[0]), indent=2), "backup.not_backup"),
    "deeply nested": (lambda _t: "[" * 100_000, "backup.not_backup"),
    "binary": (lambda _t: b"\x89PNG\r\n\x1a\n\x00\xff\xfe" * 50, "file.encoding"),
    "bad UTF-8 later": (lambda t: t.encode().replace(b"Thomas", b"Th\xffmas", 1), "file.encoding"),
    "a newer version": (_header(version=VERSION + 1), "backup.newer_version"),
    "a newer schema": (_header(schema="9999"), "backup.unknown_schema"),
    "a version that is no number": (_header(version="1"), "backup.bad_header"),
    "no owner": (_header(owner=None), "backup.bad_header"),
    "an owner with an unknown field": (
        _header(owner={"id": 1, "name": "x", "created_at": "2026-01-01T00:00:00+00:00", "shoe_size": 44}),
        "backup.bad_header",
    ),
    "cut in the middle of a line": (_cut_mid_line, "backup.truncated"),
    "without its closing line": (_without_closing_line, "backup.truncated"),
    "without its last rows": (_without_last_rows, "backup.truncated"),
    "only the header": (lambda t: lines_of(t)[0] + "\n", "backup.truncated"),
    "a row missing": (_without_a_row, "backup.count_mismatch"),
    "a value changed": (_damaged, "backup.checksum"),
    "a broken line": (_broken_line, "backup.not_json"),
    "something after the end": (lambda t: t + '{"t": "notes", "r": {}}\n', "backup.trailing"),
    "a stray line": (lambda t: reseal([*lines_of(t)[:-1], '{"hello": 1}']), "backup.bad_line"),
    "NaN": (lambda t: edit_row(t, "contacts", lambda r: r.update(strength=float("nan"))), "backup.not_json"),
    "an unknown table": (
        lambda t: reseal([*lines_of(t)[:-1], '{"t": "photos", "r": {"id": 1}}']),
        "backup.unknown_table",
    ),
    "a users row": (lambda t: reseal([*lines_of(t)[:-1], '{"t": "users", "r": {"id": 1}}']), "backup.unknown_table"),
    "rows out of order": (
        lambda t: reseal([*lines_of(t)[:-1], next(x for x in lines_of(t) if '"t":"contacts"' in x)]),
        "backup.out_of_order",
    ),
    "a time without offset": (
        lambda t: edit_row(t, "interactions", lambda r: r.update(occurred_at="2026-01-01T10:00:00")),
        "backup.bad_row",
    ),
    "a date that is none": (
        lambda t: edit_row(t, "events", lambda r: r.update(happened_on="2026-02-30")),
        "backup.bad_row",
    ),
    "text for a number": (lambda t: edit_row(t, "circles", lambda r: r.update(rank="1")), "backup.bad_row"),
    "a number for a flag": (lambda t: edit_row(t, "contacts", lambda r: r.update(archived=0)), "backup.bad_row"),
    "a name too long": (lambda t: edit_row(t, "circles", lambda r: r.update(name="x" * 51)), "backup.bad_row"),
    "null where required": (lambda t: edit_row(t, "notes", lambda r: r.update(text=None)), "backup.bad_row"),
    "a huge number": (lambda t: edit_row(t, "circles", lambda r: r.update(rank=2**40)), "backup.bad_row"),
    "an unknown column": (lambda t: edit_row(t, "contacts", lambda r: r.update(photo="x")), "backup.bad_row"),
    "a required column missing": (lambda t: edit_row(t, "contacts", lambda r: r.pop("display_name")), "backup.bad_row"),
    "a contact id twice": (
        lambda t: edit_row(t, "contacts", lambda r: r.update(id=_first(t, "contacts")["id"]), nth=1),
        "backup.bad_row",
    ),
    "a link to a missing contact": (
        lambda t: edit_row(t, "contact_emails", lambda r: r.update(contact_id=10**9)),
        "backup.bad_reference",
    ),
    "a link to a missing interaction": (
        lambda t: edit_row(t, "interaction_contacts", lambda r: r.update(interaction_id=10**9)),
        "backup.bad_reference",
    ),
    "another owner's row": (lambda t: edit_row(t, "notes", lambda r: r.update(owner_id=10**9)), "backup.bad_reference"),
    "a duplicate the database refuses": (_duplicate_tag, "backup.conflict"),
}


_DEMO_BACKUPS: dict[str, str] = {}


def demo_backup(url: str) -> str:
    """A backup of the filled demo, made once per backend."""
    if url not in _DEMO_BACKUPS:
        with fresh(url) as source:
            fill(source)
            _DEMO_BACKUPS[url] = backup_text(source)
    return _DEMO_BACKUPS[url]


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_restores_nothing(case: str, store_url: str) -> None:
    make, problem = BAD_FILES[case]
    text = demo_backup(store_url)
    with fresh(store_url) as target:
        restore_text(target, text)  # the owner has data, which a replace would delete first
        before = whole_database(target)
        with pytest.raises(InputError) as error:
            restore_text(target, make(text), replace=True)
        assert error.value.code == "restore.bad_file"
        assert error.value.facts["problem"] == problem, error.value.facts
        assert error.value.facts["file"] == "backup.jsonl"
        assert int(error.value.facts["line"]) >= 1  # type: ignore[call-overload]
        assert whole_database(target) == before
        assert restore_text(target, text, replace=True).replaced == 43  # the good file still restores


def test_a_bad_file_leaves_a_fresh_owner_with_its_circles(ctx: Context, store_url: str) -> None:
    before = whole_database(ctx)
    with pytest.raises(InputError):
        restore_text(ctx, _without_closing_line(demo_backup(store_url)))
    assert whole_database(ctx) == before
    with ctx.transaction() as conn:
        assert len(ctx.circles(conn)) == 4


def test_every_message_a_restore_can_give_is_in_both_languages() -> None:
    from rapport.i18n.catalog import DE, EN

    source = Path(interop_backup.__file__).read_text() + Path(service.__file__).read_text()
    codes = set(re.findall(r'"((?:backup|file|restore)\.[a-z_]+)"', source))
    assert {"restore.bad_file", "restore.not_empty", "backup.truncated", "file.empty"} <= codes
    assert codes <= set(EN) and codes <= set(DE), sorted(codes - set(EN) - set(DE))


def test_a_bad_file_is_refused_before_the_question_of_replacing(ctx: Context) -> None:
    fill(ctx)
    with pytest.raises(InputError):
        restore_text(ctx, "not a backup\n")


# ---------------------------------------------------------------------------------------------- memory
def _add_history(ctx: Context, interactions_count: int) -> None:
    """Many interactions with generated contacts, written straight into the tables (fast)."""
    with ctx.transaction() as conn:
        start = ctx.now - timedelta(days=3000)
        people = []
        for i in range(50):
            row = {
                "owner_id": ctx.owner_id,
                "display_name": f"Person {i}",
                "search_key": f"person {i}",
                "circle": "wider",
                "created_at": start,
                "updated_at": start,
            }
            people.append(int(conn.execute(insert(contacts).values(**row).returning(contacts.c.id)).scalar_one()))
        batch = [
            {
                "owner_id": ctx.owner_id,
                "occurred_at": start + timedelta(minutes=37 * n),
                "channel": "email",
                "initiator": "me",
                "summary": f"About the project, part {n}: " + "x" * 120,
            }
            for n in range(interactions_count)
        ]
        ids = conn.execute(insert(interactions).returning(interactions.c.id, sort_by_parameter_order=True), batch)
        links = [{"interaction_id": i, "contact_id": people[n % 50]} for n, i in enumerate(ids.scalars())]
        conn.execute(insert(participants), links)


class _Sink(io.TextIOBase):
    """Counts what is written and keeps none of it."""

    size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def _peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_backup_and_restore_keep_memory_flat(store_url: str) -> None:
    with fresh(store_url) as small, fresh(store_url) as large, fresh(store_url) as target:
        _add_history(small, 1_000)
        _add_history(large, 8_000)

        def back_up(ctx: Context) -> int:
            sink = _Sink()
            with ctx.transaction() as conn:
                service.backup(ctx, conn, sink)  # type: ignore[arg-type]
            return sink.size

        back_up(small)  # warm up (imports, compiled statements)
        size = back_up(large)
        small_peak, large_peak = _peak(lambda: back_up(small)), _peak(lambda: back_up(large))
        assert size > 2_000_000
        assert large_peak < small_peak * 1.5 + 300_000, (small_peak, large_peak)
        assert large_peak < size / 4, (large_peak, size)

        text = backup_text(large).encode()
        restore_text(target, backup_text(small).encode(), replace=True)  # warm up
        small_text = backup_text(small).encode()
        small_peak = _peak(lambda: restore_text(target, small_text, replace=True))
        large_peak = _peak(lambda: restore_text(target, text, replace=True))
        assert large_peak < small_peak * 1.5 + 500_000, (small_peak, large_peak)
        assert large_peak < len(text) * 0.75, (large_peak, len(text))  # less than the file: it is never held
