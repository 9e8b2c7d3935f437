"""`rapport mcp` driven by the official SDK's own client: `python -m rapport … mcp` spawned over stdio against a
fresh store (SQLite file or PostgreSQL database), its tools listed and called, and the results checked through the
command line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.types import CallToolResult

import rapport
from tests.cli.conftest import NOW, Cli

T = TypeVar("T")
TOOLS = {"today", "find", "show", "log", "note", "favour", "draft", "check", "share"}
ARTICLE = (
    "Design Thinking in hospitals: how medical device makers run workshops with nurses and physicians. "
    "Prototyping, user research and service design change how clinics buy equipment. " * 4
)


def _talk(
    cli: Cli, tmp_path: Path, work: Callable[[ClientSession], Awaitable[T]], *options: str, lang: str = "en"
) -> T:
    """Start `rapport mcp` on the test's store, run `work` in a session with it, and return what it returned; the
    server's standard error must stay free of tracebacks."""
    src = str(Path(rapport.__file__).parent.parent)
    env = {
        "PYTHONPATH": src,
        "RAPPORT_TZ": "Europe/Zurich",
        "RAPPORT_CONFIG": os.environ["RAPPORT_CONFIG"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
    }
    args = ["-m", "rapport", "--db", cli.db, "--now", NOW, "--lang", lang, "mcp", *options]
    params = StdioServerParameters(command=sys.executable, args=args, env=env)
    log = tmp_path / "mcp-stderr.txt"

    async def session() -> T:
        with log.open("w", encoding="utf-8") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as client:
                await client.initialize()
                return await work(client)

    try:
        return anyio.run(session)
    finally:
        assert "Traceback" not in log.read_text(encoding="utf-8")


def _data(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return dict(result.structured_content)


def _error(result: CallToolResult) -> str:
    assert result.is_error
    text = result.content[0]
    assert text.type == "text"
    return str(text.text)


def test_the_assistant_lists_the_tools_reads_today_and_logs_a_call(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    agenda = json.loads(cli.ok("today", "--json").out)

    async def work(client: ClientSession) -> dict[str, Any]:
        listed = await client.list_tools()
        today = _data(await client.call_tool("today", {}))
        logged = _data(
            await client.call_tool(
                "log", {"names": ["Thomas"], "via": "call", "summary": "Talked about the <b>workshop</b>"}
            )
        )
        return {"tools": listed.tools, "today": today, "logged": logged}

    seen = _talk(cli, tmp_path, work)
    assert {tool.name for tool in seen["tools"]} == TOOLS
    annotated = {tool.name: tool.annotations for tool in seen["tools"]}
    assert all(annotated[name] and annotated[name].read_only_hint is False for name in ("log", "note", "favour"))
    assert all(annotated[name] and annotated[name].read_only_hint for name in TOOLS - {"log", "note", "favour"})
    assert all(tool.description for tool in seen["tools"])
    assert seen["today"]["actions"] == agenda and seen["today"]["date"] == "2026-11-26"
    assert seen["logged"]["contacts"] == [{"id": agenda[0]["contact_id"], "name": "Thomas Keller"}]
    assert seen["logged"]["follow_up_done"] == [{"id": agenda[0]["contact_id"], "name": "Thomas Keller"}]
    # the interaction is in the store: the command line shows it, and the follow-up left the agenda
    latest = json.loads(cli.ok("show", "Thomas", "--json").out)["interactions"][0]
    assert latest["channel"] == "call" and latest["summary"] == "Talked about the <b>workshop</b>"
    assert not any(
        a["kind"] == "follow-up" and a["name"] == "Thomas Keller" for a in json.loads(cli.ok("today", "--json").out)
    )


def test_every_tool_does_what_its_command_does(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")

    async def work(client: ClientSession) -> dict[str, Any]:
        return {
            "find": _data(await client.call_tool("find", {"text": "Keller"})),
            "show": _data(await client.call_tool("show", {"name": "Thomas"})),
            "note": _data(await client.call_tool("note", {"name": "Thomas", "text": "Prefers calls before 9"})),
            "favour": _data(
                await client.call_tool("favour", {"name": "Reto", "direction": "given", "kind": "referral"})
            ),
            "draft": _data(await client.call_tool("draft", {"name": "Thomas", "lang": "de"})),
            "check": _data(await client.call_tool("check", {"text": "Hope this finds you well. Let's touch base!"})),
            "share": _data(await client.call_tool("share", {"text": ARTICLE, "title": "Design Thinking in hospitals"})),
        }

    seen = _talk(cli, tmp_path, work)
    assert "Thomas Keller" in [c["name"] for c in seen["find"]["contacts"]]
    assert seen["show"]["contact"] == json.loads(cli.ok("show", "Thomas", "--json").out) | {
        "notes": seen["show"]["contact"]["notes"]
    }
    assert "Prefers calls before 9" in [n["text"] for n in json.loads(cli.ok("show", "Thomas", "--json").out)["notes"]]
    assert seen["favour"]["recorded"]["kind"] == "referral"
    assert json.loads(cli.ok("show", "Reto", "--json").out)["given"] == 1
    assert seen["draft"]["kind"] == "follow-up" and "Dienstag" in seen["draft"]["text"]
    assert seen["check"]["score"] < 50
    assert seen["share"]["contacts"] and seen["share"]["article"]["title"] == "Design Thinking in hospitals"


def test_refusals_are_tool_errors_with_the_command_lines_code_and_text(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    before = cli.snapshot()
    said = cli("show", "Nobody Here", lang="de").err.removeprefix("Fehler: ").strip()

    async def work(client: ClientSession) -> list[str]:
        return [
            _error(await client.call_tool("show", {"name": "Nobody Here"})),
            _error(await client.call_tool("log", {"names": ["Thomas"], "via": "pigeon"})),
            _error(await client.call_tool("log", {"names": [], "via": "call"})),
            _error(await client.call_tool("favour", {"name": "Thomas", "direction": "sideways"})),
            _error(await client.call_tool("note", {"name": "Thomas", "text": "x", "when": "2099-01-01"})),
            _error(await client.call_tool("today", {"limit": -1})),
        ]

    errors = _talk(cli, tmp_path, work, lang="de")
    assert errors[0] == f"contact.not_found: {said}"
    assert errors[1].startswith("input.channel: ") and "pigeon" in errors[1]
    assert (
        errors[1]
        == "input.channel: " + cli("log", "Thomas", "--via", "pigeon", lang="de").err.removeprefix("Fehler: ").strip()
    )
    # arguments the tool's input schema refuses are said in the same way, in German too
    assert errors[2] == "input.empty: names darf nicht leer sein."
    assert errors[3] == "mcp.choice: direction: «sideways» ist keiner von given, received, asked."
    assert errors[4].startswith("input.") and "2099" in errors[4]  # no notes from the future, like `rapport note`
    assert errors[5] == "mcp.at_least: limit muss mindestens 0 sein (-1)."
    assert cli.snapshot() == before


def test_a_read_only_server_reads_and_refuses_to_write(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    before = cli.snapshot()

    async def work(client: ClientSession) -> tuple[dict[str, Any], list[str]]:
        today = _data(await client.call_tool("today", {}))
        refused = [
            _error(await client.call_tool("log", {"names": ["Thomas"], "via": "call"})),
            _error(await client.call_tool("note", {"name": "Thomas", "text": "noted"})),
            _error(await client.call_tool("favour", {"name": "Thomas", "direction": "given"})),
        ]
        return today, refused

    today, refused = _talk(cli, tmp_path, work, "--read-only")
    assert today["actions"]
    for text in refused:
        assert "mcp.read_only" in text and "read-only" in text
    assert cli.snapshot() == before


def test_the_tools_speak_the_users_language(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")

    async def work(client: ClientSession) -> tuple[str, dict[str, Any]]:
        listed = await client.list_tools()
        return next(t.description or "" for t in listed.tools if t.name == "today"), _data(
            await client.call_tool("today", {})
        )

    description, today = _talk(cli, tmp_path, work, lang="de")
    assert "heutige Agenda" in description
    assert [a["text"] for a in today["actions"]] == [
        a["text"] for a in json.loads(cli.ok("today", "--json", lang="de").out)
    ]


def test_without_the_sdk_the_command_says_how_to_get_it(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)  # as if the package were not installed
    monkeypatch.setitem(sys.modules, "mcp.server", None)
    refused = cli("mcp")
    assert refused.code == 1 and "pip install 'rapport[assistants]'" in refused.err


def test_only_rapport_mcp_loads_the_sdk(tmp_path: Path) -> None:
    import subprocess

    probe = (
        "import sys\n"
        "from rapport.cli.main import main\n"
        f"main(['--db', {str(tmp_path / 'r.db')!r}, 'init'])\n"
        f"main(['--db', {str(tmp_path / 'r.db')!r}, 'today'])\n"
        "main(['mcp', '--help'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mcp', 'mcp_types'}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(rapport.__file__).parent.parent)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip().splitlines()[-1] == "[]"
