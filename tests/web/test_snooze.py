""" "Not now" on the Today page: the action stays off the agenda, on the page and in `rapport today`, for the days
chosen; the day's list is filled from the other actions; it goes with a forgotten contact and with a backup."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.web.conftest import Web


def _today(web: Web, now: str | None = None) -> list[dict[str, object]]:
    result = web.cli.ok("today", "--json", "--limit", "100", **({"now": now} if now else {}))
    return json.loads(result.out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("days", [3, 7, 14])
def test_not_now_hides_the_action_for_the_days_chosen_and_the_command_line_agrees(web: Web, days: int) -> None:
    agenda = json.loads(web.cli.ok("today", "--json").out)
    action = agenda[-1]
    key = (action["contact_id"], action["kind"])
    response = web.post(f"/today/{key[0]}/{key[1]}/snooze", {"days": str(days)}, htmx=True)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert f'data-kind="{key[1]}" data-contact="{key[0]}"' not in response.text  # type: ignore[attr-defined]
    after = json.loads(web.cli.ok("today", "--json").out)
    assert key not in {(a["contact_id"], a["kind"]) for a in after}
    assert len(after) == len(agenda)  # another action takes the place (the budget is not cut short)
    # the day before it ends the action still waits; once the days are over, it may come back
    last_day = (date(2026, 11, 26) + timedelta(days=days - 1)).isoformat() + "T09:00"
    assert key not in {(a["contact_id"], a["kind"]) for a in _today(web, last_day)}
    later = {(a["contact_id"], a["kind"]) for a in _today(web, "2026-12-11T09:00")}
    plain = {(a["contact_id"], a["kind"]) for a in _today_without_snoozes(web, "2026-12-11T09:00")}
    assert (key in later) == (key in plain)


def _today_without_snoozes(web: Web, now: str) -> list[dict[str, object]]:
    """The agenda as if nothing had been put off (the snoozes taken out for the call, then put back)."""
    from sqlalchemy import create_engine, delete, insert, select

    from rapport.store.schema import snoozes

    engine = create_engine(web.cli.db if "://" in web.cli.db else f"sqlite:///{web.cli.db}")
    try:
        with engine.begin() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(snoozes))]
            conn.execute(delete(snoozes))
        agenda = _today(web, now)
        with engine.begin() as conn:
            if rows:
                conn.execute(insert(snoozes), rows)
    finally:
        engine.dispose()
    return agenda


def test_a_snooze_without_javascript_redirects_back_to_today(web: Web) -> None:
    action = json.loads(web.cli.ok("today", "--json").out)[0]
    response = web.post(f"/today/{action['contact_id']}/{action['kind']}/snooze", {"days": "7"})
    assert response.status_code == 303 and response.headers["location"] == "/today"  # type: ignore[attr-defined]
    page = web.client.get("/today").text
    assert f'data-kind="{action["kind"]}" data-contact="{action["contact_id"]}"' not in page


@pytest.mark.parametrize("days", ["5", "0", "-7", "abc"])
def test_only_3_7_or_14_days_can_be_chosen(web: Web, days: str) -> None:
    action = json.loads(web.cli.ok("today", "--json").out)[0]
    before = web.cli.snapshot()
    response = web.post(f"/today/{action['contact_id']}/{action['kind']}/snooze?lang=de", {"days": days})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert web.cli.snapshot() == before


def test_a_snooze_goes_with_a_forgotten_contact_and_comes_back_with_a_backup(web: Web, tmp_path: Path) -> None:
    action = json.loads(web.cli.ok("today", "--json").out)[0]
    web.post(f"/today/{action['contact_id']}/{action['kind']}/snooze", {"days": "14"})
    saved = tmp_path / "backup.jsonl"
    web.cli.ok("backup", "-o", str(saved))
    assert '"t": "snoozes"' in saved.read_text() or '"t":"snoozes"' in saved.read_text()
    web.cli.ok("restore", str(saved), "--replace")
    # restored (under new ids), the action still waits
    assert (action["name"], action["kind"]) not in {(a["name"], a["kind"]) for a in _today(web)}
    assert len(web.cli.snapshot()["snoozes"]) == 1
    web.cli.ok("forget", str(action["name"]), "--yes")
    assert "snoozes" in web.cli.snapshot() and web.cli.snapshot()["snoozes"] == []
