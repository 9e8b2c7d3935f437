"""Messages: how personal a message is, drafts built from what you noted, and sending them."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import ContactName, Json, say, unit_of_work

commands = typer.Typer()
# the channels `check` knows, as typed in either language, by the name the check uses
CHECK_CHANNELS = {
    "linkedin": "linkedin_note",
    "linkedin-message": "linkedin",
    "linkedin-nachricht": "linkedin",
    "e-mail": "email",
    "nachricht": "message",
}


@commands.command(name="check", help="help.cmd.check")
def check_(
    path: Annotated[str, typer.Argument(help="help.check.path")] = "-",
    contact: Annotated[str | None, typer.Option("--contact", help="help.opt.contact")] = None,
    channel: Annotated[str, typer.Option("--channel", help="help.opt.channel", show_default=False)] = "email",
    limit: Annotated[int | None, typer.Option("--limit", help="help.check.limit")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="help.check.kind"),
    ] = None,
    json_: Json = False,
) -> None:
    import sys

    from rapport.services import checking

    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as file:
            data = file.read(checking.MAX_MESSAGE * 4 + 1)
    text = checking.message_text(data, path)
    lang = state.options.lang
    channel = CHECK_CHANNELS.get(channel.strip().lower(), channel)
    if contact:
        with unit_of_work() as (ctx, conn):
            result = checking.check_message(ctx, conn, text, contact, lang, channel.strip().lower(), limit, kind)
    else:
        result = checking.check_message(None, None, text, None, lang, channel.strip().lower(), limit, kind)
    if json_:
        output.json(result.as_json())
        return
    output.check(result, state.translator())


@commands.command(help="help.cmd.send")
def send(
    name: ContactName,
    via: Annotated[str, typer.Option("--via", help="help.send.via", show_default=False)] = "email",
    kind: Annotated[str | None, typer.Option("--kind", help="help.send.kind")] = None,
    message_file: Annotated[str | None, typer.Option("--message-file", help="help.opt.message_file")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="help.opt.subject")] = None,
    to: Annotated[str | None, typer.Option("--to", help="help.opt.to")] = None,
    did: Annotated[str | None, typer.Option("--did", help="help.send.did")] = None,
) -> None:
    import os
    import sys

    from rapport.i18n import term_key
    from rapport.services import checking, drafting, sending

    if term_key("via", via) != "email":
        state.fail("send.no_api", 2, via=via)
    with unit_of_work() as (ctx, conn):
        smtp = sending.SmtpSettings.from_settings(ctx.settings)
        if message_file is not None:
            with open(message_file, "rb") as file:
                body = checking.message_text(file.read(checking.MAX_MESSAGE * 4 + 1), message_file)
            title = (
                subject
                or drafting.draft(ctx, conn, name, kind=kind, via="email", lang=state.options.lang, did=did).subject
                or ""
            )
        else:
            written = drafting.draft(ctx, conn, name, kind=kind, via="email", lang=state.options.lang, did=did)
            editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
            if not editor or not sys.stdin.isatty():
                state.fail("send.no_editor", 2)
            assert editor is not None
            title, body = _edit(editor, subject or written.subject or "", written.text)
        done = sending.send_email(ctx, conn, name, title, body, smtp, to=to)
    say("send.done", to=done.to, subject=title, name=done.person.name)
    if done.closed_window:
        say("send.closed", name=done.person.name)


def _edit(editor: str, subject: str, body: str) -> tuple[str, str]:
    """Let the user edit 'Subject: …' and the text in their editor; returns what they saved."""
    import shlex
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w+", suffix=".txt", encoding="utf-8", delete=False) as file:
        file.write(f"Subject: {subject}\n\n{body}\n")
        path = file.name
    try:
        subprocess.run([*shlex.split(editor), path], check=True)
        with open(path, encoding="utf-8") as file:
            text = file.read()
    finally:
        import os

        os.remove(path)
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return subject, text.strip()


@commands.command(help="help.cmd.draft")
def draft(
    name: ContactName,
    kind: Annotated[str | None, typer.Option("--kind", help="help.draft.kind")] = None,
    via: Annotated[str, typer.Option("--via", help="help.draft.via", show_default=False)] = "email",
    lang: Annotated[str | None, typer.Option("--lang", help="help.draft.lang")] = None,
    did: Annotated[str | None, typer.Option("--did", help="help.draft.did")] = None,
    limit: Annotated[int, typer.Option("--limit", help="help.draft.limit")] = 300,
    polish_: Annotated[bool, typer.Option("--polish", help="help.opt.polish")] = False,
    json_: Json = False,
) -> None:
    from rapport.services import drafting

    with unit_of_work() as (ctx, conn):
        written = drafting.draft(
            ctx, conn, name, kind=kind, via=via, lang=lang or state.options.lang, did=did, limit=limit
        )
        profile_facts = _facts_summary(ctx, conn, name)
    notice = None
    if polish_:
        written, notice = _polished(written, profile_facts, limit)
    if json_:
        output.json({**written.as_json(), "polish": notice})
        return
    output.draft(written, state.translator(), notice)


def _facts_summary(ctx: Any, conn: Any, name: str) -> str:
    from rapport.services.people import profile

    data = profile(ctx, conn, name)
    parts = [
        data["name"],
        data["organisation"],
        data["title"],
        data["first_met_place"],
        ", ".join(data["interests"]),
        data["looking_for"],
        *[n["text"] for n in data["notes"]],
    ]
    return "; ".join(str(p) for p in parts if p)


def _polished(written: Any, facts_summary: str, limit: int) -> tuple[Any, str | None]:
    """The draft rephrased by the writing help when it is set up and keeps everything; else rapport's own."""
    import dataclasses
    import os

    from rapport.messages import check
    from rapport.messages.polish import LlmSettings, polish

    settings = LlmSettings.from_env(os.environ)
    if settings is None:
        return written, "polish.not_configured"
    lang = written.lang.split("-")[0]

    def check_fn(text: str) -> Any:
        return check(text, lang=lang, channel=written.channel, limit=limit)

    result = polish(written.text, facts_summary, lang, written.channel, limit, settings, check_fn)
    if not result.polished:
        return written, result.reason
    return dataclasses.replace(written, text=result.text, check=check_fn(result.text)), "polish.used"
