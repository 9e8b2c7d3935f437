"""`rapport mcp`: the tools of rapport.assistants.tools served over the Model Context Protocol (the official `mcp`
SDK, stdio transport).

Every call runs in its own unit of work at the moment of the call (or at --now), for the context's owner. A refused
call is an MCP tool error whose text is the error's code and the line the command line would say ("contact.unknown:
…"); nothing a tool raises reaches the assistant as a traceback. A read-only server lists the writing tools too and
refuses them, so that the assistant can tell the user why.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from rapport.assistants import tools

if TYPE_CHECKING:
    from mcp.server import MCPServer

    from rapport.i18n import Translator
    from rapport.services.context import Context

MAX_TEXT = 100_000  # characters of a message to check or an article to rank


def build(context: Callable[[], Context], t: Translator, read_only: bool = False) -> MCPServer:
    """The MCP server: `context()` gives a fresh context for each call (the owner's store, now)."""
    from mcp.server import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
    from mcp.types import ToolAnnotations
    from pydantic import Field, ValidationError

    from rapport.cli.state import describe
    from rapport.errors import RapportError

    class _Rapport(MCPServer):
        async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
            try:
                return await super().call_tool(name, arguments, context)
            except UnexpectedToolError:
                raise
            except ToolError as exc:  # the assistant reads rapport's own "code: line", without the SDK's prefix
                if isinstance(exc.__cause__, ValidationError):  # arguments the input schema refuses
                    raise ToolError(refusal(exc.__cause__, t)) from None
                if isinstance(exc.__cause__, ToolError):  # refused by rapport (see `call`)
                    raise ToolError(str(exc.__cause__)) from None
                raise

    server: MCPServer = _Rapport("rapport", instructions=t("mcp.instructions"), log_level="ERROR")

    def call(tool: str, work: Callable[..., dict[str, Any]], /, **arguments: Any) -> dict[str, Any]:
        if read_only and tool in tools.WRITING:
            raise ToolError(f"mcp.read_only: {t('mcp.read_only', tool=tool)}")
        try:
            ctx = context()
            with ctx.transaction() as conn:
                return dict(tools.plain(work(ctx, conn, t, **arguments)))
        except Exception as exc:  # every failure is one line with its code, never a traceback
            message, _exit = describe(exc, t)
            code = exc.code if isinstance(exc, RapportError) else "error"
            raise ToolError(f"{code}: {message}") from None

    reading = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    writing = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
    Text = Field(max_length=MAX_TEXT)  # a constraint, named like what it narrows
    Name = Field(min_length=1, max_length=500)

    @server.tool(name="today", description=t("mcp.tool.today"), annotations=reading)
    def today(limit: int | None = Field(default=None, ge=0, le=1000)) -> dict[str, Any]:
        return call("today", tools.today, limit=limit)

    @server.tool(name="find", description=t("mcp.tool.find"), annotations=reading)
    def find(text: str = Field(default="", max_length=200), circle: str | None = None) -> dict[str, Any]:
        return call("find", tools.find, text=text, circle=circle)

    @server.tool(name="show", description=t("mcp.tool.show"), annotations=reading)
    def show(name: str = Name) -> dict[str, Any]:
        return call("show", tools.show, name=name)

    @server.tool(name="log", description=t("mcp.tool.log"), annotations=writing)
    def log(
        names: list[str] = Field(min_length=1, max_length=200),
        via: str = Field(max_length=50),
        when: str | None = None,
        summary: str | None = None,
        by_them: bool = False,
    ) -> dict[str, Any]:
        return call("log", tools.log, names=names, via=via, when=when, summary=summary, by_them=by_them)

    @server.tool(name="note", description=t("mcp.tool.note"), annotations=writing)
    def note(name: str = Name, text: str = Text, when: str | None = None) -> dict[str, Any]:
        return call("note", tools.note, name=name, text=text, when=when)

    @server.tool(name="favour", description=t("mcp.tool.favour"), annotations=writing)
    def favour(
        name: str = Name,
        direction: Literal["given", "received", "asked"] = "given",
        kind: str = "other",
        note: str | None = None,
        when: str | None = None,
    ) -> dict[str, Any]:
        return call("favour", tools.favour, name=name, direction=direction, kind=kind, note=note, when=when)

    @server.tool(name="draft", description=t("mcp.tool.draft"), annotations=reading)
    def draft(
        name: str = Name,
        kind: str | None = None,
        via: str = "email",
        lang: str | None = Field(default=None, max_length=10),
        did: str | None = None,
        limit: int = Field(default=300, ge=1, le=100_000),
    ) -> dict[str, Any]:
        return call("draft", tools.draft, name=name, kind=kind, via=via, lang=lang, did=did, limit=limit)

    @server.tool(name="check", description=t("mcp.tool.check"), annotations=reading)
    def check(
        text: str = Text,
        contact: str | None = None,
        channel: str = "email",
        limit: int | None = Field(default=None, ge=1, le=100_000),
        kind: str | None = None,
    ) -> dict[str, Any]:
        return call("check", tools.check, text=text, contact=contact, channel=channel, limit=limit, kind=kind)

    @server.tool(name="share", description=t("mcp.tool.share"), annotations=reading)
    def share(
        text: str = Text,
        title: str = Field(default="", max_length=500),
        top: int = Field(default=5, ge=1, le=100),
        ranker: Literal["lexical", "semantic"] = "lexical",
    ) -> dict[str, Any]:
        return call("share", tools.share, text=text, title=title, top=top, ranker=ranker)

    return server


def refusal(error: Any, t: Translator) -> str:
    """The first complaint of a pydantic ValidationError about a tool's arguments, as "code: line" in the user's
    language (the SDK checks the arguments against the tool's input schema before the tool runs)."""
    from rapport.cli.state import shorten

    first = error.errors()[0]
    kind, limits = first["type"], first.get("ctx") or {}
    field = ".".join(str(part) for part in first["loc"]) or "?"
    value = shorten(str(first.get("input", "")))
    facts: dict[str, Any]
    if kind == "missing":
        code, facts = "mcp.missing", {"field": field}
    elif kind in ("string_too_long", "too_long"):
        code, facts = "input.too_long", {"field": field, "limit": limits.get("max_length", "?")}
    elif kind in ("string_too_short", "too_short"):
        code, facts = "input.empty", {"field": field}
    elif kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(limits.get("expected", ""))))  # "'a', 'b' or 'c'"
        code, facts = "mcp.choice", {"field": field, "value": value, "choices": choices}
    elif kind in ("greater_than_equal", "greater_than"):
        code, facts = "mcp.at_least", {"field": field, "value": value, "limit": limits.get("ge", limits.get("gt"))}
    elif kind in ("less_than_equal", "less_than"):
        code, facts = "mcp.at_most", {"field": field, "value": value, "limit": limits.get("le", limits.get("lt"))}
    elif kind.startswith(("int_", "float_")):
        code, facts = "mcp.not_a_number", {"field": field, "value": value}
    else:
        code, facts = "mcp.invalid", {"field": field, "value": value}
    return f"{code}: {t(code, **facts)}"


def serve(ctx: Context, now: str | None, t: Translator, read_only: bool = False) -> None:
    """Serve on stdin and stdout until the assistant closes them; each call sees the moment it is made."""
    from rapport.config import parse_now

    def context() -> Context:
        return dataclasses.replace(ctx, now=parse_now(now, ctx.zone), _circles=None)

    build(context, t, read_only).run("stdio")
