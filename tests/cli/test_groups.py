"""`rapport group` and `rapport meetup` from the command line, in English and German, on SQLite and PostgreSQL:
the demo's Stamm planned with new faces, the invitation passing the check, the .ics loaded by khal, recording,
bad input, the migration."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from rapport.messages.check import GOOD_FROM, check
from tests.cli.conftest import Cli

DEMO_NOW = "2026-12-01T09:00"  # a Tuesday; the demo's last Stamm was 23 days before
BIN = Path(sys.executable).parent


def _run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _khal(tmp_path: Path) -> list[str]:
    khal = BIN / "khal"
    if not khal.exists():
        pytest.fail("khal is not installed next to the interpreter: install the dev dependencies")
    (tmp_path / "calendar").mkdir(exist_ok=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[rapport]]\npath = {tmp_path / 'calendar'}\n\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "default_timezone = Europe/Zurich\nlocal_timezone = Europe/Zurich\n\n"
        f"[default]\ndefault_calendar = rapport\n\n[sqlite]\npath = {tmp_path / 'khal.db'}\n",
        encoding="utf-8",
    )
    return [str(khal), "-c", str(config)]


@pytest.mark.parametrize(("lang", "group"), [("en", "Nordstern Stamm"), ("de", "Nordstern-Stamm")])
def test_the_demo_stamm_is_planned_with_new_faces_and_its_ics_loads_in_khal(
    cli: Cli, tmp_path: Path, lang: str, group: str
) -> None:
    cli.ok("demo", lang=lang, now=DEMO_NOW)
    ics = tmp_path / "stamm.ics"
    made = json.loads(cli.ok("meetup", "plan", "nordstern", "--ics", str(ics), "--json", lang=lang, now=DEMO_NOW).out)
    assert made["group"]["name"] == group and made["group"]["rhythm"] == "monthly"
    assert made["last_meetup"] == "2026-11-08T17:30:00+00:00"
    # a month after the last Stamm (8 December) the first lunch block of the demo: Thursday 10 December, 12:00
    assert (made["starts_at"], made["kind"]) == ("2026-12-10T12:00:00+01:00", "lunch")
    members = {m["name"] for m in made["members"]}
    assert {"Urs Widmer", "Priska Odermatt", "Stefan Huber", "Patrick Zimmermann"} <= members
    faces = {f["name"]: f["reasons"] for f in made["new_faces"]}
    assert 2 <= len(faces) <= 3 and not faces.keys() & members
    assert "Dominik Rüegg" not in faces  # an ex-colleague, but archived
    assert "Roger Baumgartner" in faces  # Julia's first boss at Nordstern Logistik
    assert all(r["text"] and r["members"] for reasons in faces.values() for r in reasons)
    assert any("Nordstern Logistik" in r["what"] for reasons in faces.values() for r in reasons)
    invitation = made["invitation"]["text"]
    result = check(invitation, lang=lang, kind="invite")
    assert result.score >= GOOD_FROM and made["invitation"]["score"] == result.score
    assert invitation.rstrip().endswith("Julia Baumann") and f"«{group}»" in invitation
    assert all(name in invitation for name in faces)
    for other in made["invitations"]:  # the invitation in both languages, each good by the check
        assert check(other["text"], lang=other["lang"], kind="invite").score == other["score"] >= GOOD_FROM
    assert {i["lang"] for i in made["invitations"]} == {"en", "de"}

    calendar = Calendar.from_ical(ics.read_text(encoding="utf-8"))
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"meetup-1-{made['meeting_id']}@rapport" or str(event["UID"]).startswith("meetup-")
    attendees = {str(a.params["CN"]) for a in event.get("ATTENDEE", [])}
    assert {"Urs Widmer", *faces} <= attendees
    khal = _khal(tmp_path)
    assert "1 events found" in _run(*khal, "printics", str(ics))
    _run(*khal, "import", "--batch", str(ics))
    listed = _run(*khal, "list", "--once", "--json", "title", "--json", "start", "2026-12-10", "2026-12-10")
    found = [e for line in listed.splitlines() if line.startswith("[") for e in json.loads(line)]
    assert [(e["title"], e["start"]) for e in found] == [
        ({"en": "Meetup: ", "de": "Treffen: "}[lang] + group, "2026-12-10 12:00")
    ]
    # the planned meetup is on the agenda on its day and in the calendar export
    on_the_day = json.loads(cli.ok("today", "--json", lang=lang, now="2026-12-10T08:00").out)
    planned = [a for a in on_the_day if a["kind"] == "planned-meeting"]
    assert len(planned) == 1 and group in planned[0]["text"] and "12:00" in planned[0]["text"]


def test_recording_the_stamm_updates_every_attendee_and_the_new_face_gets_72_hours(cli: Cli) -> None:
    cli.ok("demo", now=DEMO_NOW)
    cli.ok("meetup", "plan", "Nordstern", now=DEMO_NOW)
    before = {n: json.loads(cli.ok("show", n, "--json", now=DEMO_NOW).out) for n in ("Urs Widmer", "Priska Odermatt")}
    done = cli.ok(
        "meetup", "done", "Nordstern", "--attended", "Urs Widmer", "Priska Odermatt", "--new-face", "Lea Brunner",
        now="2026-12-10T15:00",
    )  # fmt: skip
    assert "Recorded the meetup of Nordstern Stamm (10 Dec 2026, 12:00)" in done.out
    assert "New contact: Lea Brunner" in done.out and "First meeting with Lea Brunner: follow up by" in done.out
    for name, earlier in before.items():
        now = json.loads(cli.ok("show", name, "--json", now="2026-12-10T15:00").out)
        assert now["last_real_at"] == "2026-12-10T11:00:00+00:00" != earlier["last_real_at"]
        assert now["strength"] > earlier["strength"]
    agenda = json.loads(cli.ok("today", "--json", "--limit", "20", now="2026-12-10T15:00").out)
    follow = [a for a in agenda if a["kind"] == "follow-up" and a["name"] == "Lea Brunner"]
    assert follow and follow[0]["due"] == "2026-12-13T11:00:00+00:00"
    shown = json.loads(cli.ok("group", "show", "Nordstern", "--json", now="2026-12-10T15:00").out)
    assert shown["meetups"][0]["status"] == "done"
    assert set(shown["meetups"][0]["people"]) == {"Urs Widmer", "Priska Odermatt", "Lea Brunner"}
    assert "Lea Brunner" not in {m["name"] for m in shown["members"]}  # in no group unless asked


def test_groups_in_german_and_english(cli: Cli) -> None:
    cli.ok("init")
    for name in ("Anna Meier", "Ben Huber", "Carla Roth"):
        cli.ok("add", name)
    created = cli.ok(
        "group", "create", "Lesezirkel", "--members", "Anna", "Ben", "--every", "vierteljährlich", lang="de"
    )
    assert created.out.splitlines() == [
        "Gruppe Lesezirkel angelegt (vierteljährlich).",
        "2 Mitglieder: Anna Meier, Ben Huber",
    ]
    assert "Added Carla Roth to Lesezirkel." in cli.ok("group", "add", "lese", "Carla").out
    assert "Removed Ben Huber from Lesezirkel." in cli.ok("group", "remove", "Lesezirkel", "Ben").out
    listed = cli.ok("group", "list", lang="de").out
    assert "Lesezirkel · vierteljährlich · 2 Mitglieder · letztes Treffen: noch keines" in listed
    assert "Lesezirkel · quarterly · 2 members · last meetup: none yet" in cli.ok("group", "list").out
    plan = cli.ok("meetup", "plan", "Lesezirkel", "--on", "2026-11-30", lang="de").out
    # no networking time: the evening
    assert "Nächstes Treffen von Lesezirkel (Nr. 1): 30.11.2026, 18:30, am Abend." in plan
    assert "Die 2 Mitglieder einladen: Anna Meier, Carla Roth" in plan
    assert "Hallo zusammen" in plan and "Montag, 30. November 2026 um 18:30" in plan


def test_planning_again_moves_the_planned_meetup_instead_of_adding_another(cli: Cli) -> None:
    cli.ok("demo", now=DEMO_NOW)
    first = json.loads(cli.ok("meetup", "plan", "Nordstern", "--json", now=DEMO_NOW).out)
    same = json.loads(cli.ok("meetup", "plan", "Nordstern", "--json", now=DEMO_NOW).out)
    assert (same["meeting_id"], same["starts_at"]) == (first["meeting_id"], first["starts_at"])
    again = json.loads(cli.ok("meetup", "plan", "Nordstern", "--on", "2026-12-17 12:00", "--json", now=DEMO_NOW).out)
    assert again["meeting_id"] == first["meeting_id"] and again["starts_at"] == "2026-12-17T12:00:00+01:00"
    shown = json.loads(cli.ok("group", "show", "Nordstern", "--json", now=DEMO_NOW).out)
    assert [m["status"] for m in shown["meetups"]].count("planned") == 1
    planned = json.loads(cli.ok("meet", "list", "--json", now=DEMO_NOW).out)
    assert [m["starts_at"][:10] for m in planned if m["about"] == "Nordstern Stamm"] == ["2026-12-17"]


def test_recording_the_same_meetup_twice_is_refused(cli: Cli) -> None:
    cli.ok("demo", now=DEMO_NOW)
    cli.ok("meetup", "plan", "Nordstern", now=DEMO_NOW)
    cli.ok("meetup", "done", "Nordstern", "--attended", "Urs Widmer", now="2026-12-10T15:00")
    before = cli.snapshot()
    for lang, says in (("en", "already recorded"), ("de", "schon erfasst")):
        again = cli("meetup", "done", "Nordstern", "--attended", "Urs Widmer", now="2026-12-10T16:00", lang=lang)
        assert again.code == 4 and says in again.err and len(again.err.strip().splitlines()) == 1, again.err
        assert cli.snapshot() == before


@pytest.mark.parametrize("lang", ["en", "de"])
def test_bad_input_is_one_line_in_the_users_language_and_changes_nothing(cli: Cli, lang: str) -> None:
    cli.ok("init")
    cli.ok("add", "Anna Meier")
    cli.ok("group", "create", "Stamm", "--members", "Anna")
    cli.ok("group", "create", "Leer")
    before = cli.snapshot()
    expected = {
        "en": [
            'The group Leer has no members to invite: add them first with `rapport group add "Leer" NAME…`.',
            "--on: 2026-11-20 is in the past; plan a meetup ahead",
            "There is no group 'Wanderclub'",
            'There is a group "Stamm" already',
            "'yearly' is no rhythm",
            "no contact matches 'Nobody'",
            "Nobody Known",
            "Anna Meier is in your network already: name them with --attended, not --new-face.",
        ],
        "de": [
            "Die Gruppe Leer hat keine Mitglieder zum Einladen: füge sie zuerst mit",
            "--on: 2026-11-20 liegt in der Vergangenheit",
            "Es gibt keine Gruppe «Wanderclub»",
            "Es gibt schon eine Gruppe «Stamm»",
            "«yearly» ist kein Rhythmus",
            "Nobody",
            "Nobody Known",
            "Anna Meier ist schon in Ihrem Netzwerk: mit --attended nennen, nicht mit --new-face.",
        ],
    }[lang]
    attempts = [
        ("meetup", "plan", "Leer"),
        ("meetup", "plan", "Stamm", "--on", "2026-11-20"),
        ("meetup", "plan", "Wanderclub"),
        ("group", "create", "STAMM", "--members", "Anna"),
        ("group", "create", "Jahrestreffen", "--every", "yearly"),
        ("group", "add", "Stamm", "Nobody"),
        ("meetup", "done", "Stamm", "--attended", "Anna", "--attended", "Nobody Known", "--new-face", "Lea Brunner"),
        ("meetup", "done", "Stamm", "--new-face", "Anna Meier"),
    ]
    for args, text in zip(attempts, expected, strict=True):
        result = cli(*args, lang=lang)
        assert result.code != 0, args
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
        assert text in result.err, (args, result.err)
        assert cli.snapshot() == before


def test_downgrading_past_0012_drops_the_groups_and_keeps_the_meetings(cli: Cli) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from rapport.store.db import _MIGRATIONS

    cli.ok("init")
    cli.ok("add", "Anna Meier")
    cli.ok("group", "create", "Stamm", "--members", "Anna")
    cli.ok("meetup", "plan", "Stamm")
    engine = create_engine(cli.db if "://" in cli.db else f"sqlite:///{cli.db}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0011")
            names = inspect(conn).get_table_names()
            assert not {"groups", "group_members", "group_meetups"} & set(names)
            assert conn.execute(text("SELECT count(*) FROM planned_meetings")).scalar() == 1
            command.upgrade(config, "head")
            assert {"groups", "group_members", "group_meetups"} <= set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert json.loads(cli.ok("group", "list", "--json").out) == []
    assert "Stamm" in cli.ok("group", "create", "Stamm", "--members", "Anna").out
