"""Sharing articles: `rapport share URL|FILE|-` ranks who would find it interesting (and drafts, sends or logs the
note with `--to`), `rapport feed add|list|remove|scan` does the same for the new items of RSS/Atom feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say, unit_of_work
from rapport.i18n import term_key

if TYPE_CHECKING:
    from rapport.domain.share import Proposal
    from rapport.i18n import Translator

commands = typer.Typer()
feed_app = typer.Typer(help="help.cmd.feed", no_args_is_help=True)

Top = Annotated[int, typer.Option("--top", help="help.share.top")]
Ranker = Annotated[str, typer.Option("--ranker", help="help.share.ranker")]


@commands.command(help="help.cmd.share")
def share(
    source: Annotated[str, typer.Argument(help="help.share.source")],
    top: Top = 5,
    ranker: Ranker = "lexical",
    to: Annotated[str | None, typer.Option("--to", help="help.share.to")] = None,
    via: Annotated[str, typer.Option("--via", help="help.share.via", show_default=False)] = "email",
    send_: Annotated[bool, typer.Option("--send", help="help.share.send")] = False,
    log_: Annotated[bool, typer.Option("--log", help="help.share.log")] = False,
    json_: Json = False,
) -> None:
    from rapport.services import articles
    from rapport.services import share as service

    if (send_ or log_) and not to:
        state.fail("share.needs_to", 2)
    if send_ and log_:
        state.fail("share.send_or_log", 2)
    if send_ and (term_key("via", via) or via.strip().lower()) != "email":
        state.fail("send.no_api", 2, via=via)
    service.check_options(top, ranker)
    article = articles.load(source)  # the only network access, before the store is opened
    if to is None:
        with unit_of_work() as (ctx, conn):
            ranking = service.rank(ctx, conn, article, top, ranker)
        if json_:
            output.json(ranking.as_json())
            return
        _show(ranking, state.translator())
        return
    if send_:
        _send(article, to)
        return
    with unit_of_work() as (ctx, conn):
        if log_:
            done = service.record(ctx, conn, article, to, via=via)
        else:
            written = service.draft(ctx, conn, article, to, lang=state.options.lang, via=via)
    if log_:
        if json_:
            output.json({"shared": done.article.title, "url": done.article.url or None, "name": done.person.name})
            return
        say("share.logged", title=_title(done.article), name=done.person.name)
        return
    if json_:
        output.json({**written.as_json(), "article": {"title": article.title, "url": article.url or None}})
        return
    output.draft(written, state.translator(), None)


def _send(article: Any, to: str) -> None:
    from rapport.services import sending
    from rapport.services import share as service

    with unit_of_work() as (ctx, conn):
        written = service.draft(ctx, conn, article, to, lang=state.options.lang, via="email")
        if written.gaps:
            state.fail("share.gaps", 2, gaps=", ".join(written.gaps))
        smtp = sending.SmtpSettings.from_settings(ctx.settings)
        done = sending.send_email(ctx, conn, to, written.subject or "", written.text, smtp)
        service.record(ctx, conn, article, to, via="email", logged=False)
    say("share.sent", title=_title(article), name=done.person.name, to=done.to)


def _title(article: Any) -> str:
    return str(article.title or article.url or article.source)


def _show(ranking: Any, t: Translator) -> None:
    title = _title(ranking.article)
    if not ranking.proposals:
        output.line(t("share.none", title=title))
    else:
        output.line(t("share.header", title=title, ranker=t(f"share.ranker.{ranking.ranker}")))
        for number, proposal in enumerate(ranking.proposals, 1):
            _proposal(number, proposal, t)
    if ranking.left_out:
        output.line(t("share.left_out", n=ranking.left_out))


def _proposal(number: int, p: Proposal, t: Translator) -> None:
    marks = [t("share.quiet")] if p.quiet else []
    if p.in_debt:
        marks.append(t("share.in_debt"))
    tail = f"  ({', '.join(marks)})" if marks else ""
    output.line(f"{number:>2}. {p.name}{tail}")
    for reason in p.reasons:
        words = t("share.words", words=", ".join(reason.words)) if reason.words else ""
        similar = t("share.similar", value=f"{reason.similarity:.2f}") if reason.similarity is not None else ""
        extra = "; ".join(x for x in (words, similar) if x)
        quoted = t("share.quote", text=reason.text)
        output.line(f"      {t('share.field.' + reason.kind)} {quoted}" + (f" ({extra})" if extra else ""))


# ------------------------------------------------------------------------------------------------------ feeds
@feed_app.command(name="add", help="help.cmd.feed.add")
def feed_add(url: Annotated[str, typer.Argument(help="help.feed.url")]) -> None:
    from rapport.services import share as service

    with unit_of_work() as (ctx, conn):
        added = service.add_feed(ctx, conn, url)
    say("feed.added", title=added.title or added.url, items=added.items)


@feed_app.command(name="list", help="help.cmd.feed.list")
def feed_list(json_: Json = False) -> None:
    from rapport.services import share as service

    with unit_of_work() as (ctx, conn):
        rows = service.list_feeds(ctx, conn)
    if json_:
        output.json({"feeds": rows})
        return
    t = state.translator()
    if not rows:
        output.line(t("feed.list_empty"))
    for row in rows:
        scanned = t.moment(row["scanned_at"]) if row["scanned_at"] else t("feed.never")
        output.line(f"{row['title'] or row['url']}  {row['url']}  ({t('feed.scanned', when=scanned)})")


@feed_app.command(name="remove", help="help.cmd.feed.remove")
def feed_remove(url: Annotated[str, typer.Argument(help="help.feed.url")]) -> None:
    from rapport.services import share as service

    with unit_of_work() as (ctx, conn):
        service.remove_feed(ctx, conn, url)
    say("feed.removed", url=url)


@feed_app.command(name="scan", help="help.cmd.feed.scan")
def feed_scan(top: Top = 3, ranker: Ranker = "lexical", json_: Json = False) -> None:
    from rapport.services import share as service

    service.check_options(top, ranker)
    with unit_of_work() as (ctx, conn):
        result = service.scan(ctx, conn, top, ranker)
    if json_:
        output.json(result.as_json())
        return
    t = state.translator()
    if not result.new:
        output.line(t("feed.nothing_new"))
        return
    if not result.items:
        output.line(t("feed.scan_none", n=result.new))
        return
    output.line(t("feed.scan_header", n=result.new))
    for item in result.items:
        output.line("")
        output.line(t("feed.item", title=item.title or item.link, feed=item.feed))
        if item.link:
            output.line(f"    {item.link}")
        for number, proposal in enumerate(item.proposals, 1):
            _proposal(number, proposal, t)
