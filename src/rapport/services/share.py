"""Share an article: rank the contacts who would find it interesting, draft the note, remember what was shared, and
do the same for the new items of RSS/Atom feeds.

Reading the article (and the network) happens only in rapport.services.articles, for a URL the user gave; ranking
is rapport.services.share_index (the index) and rapport.domain.share (the rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from rapport.domain import share as rules
from rapport.domain.model import Channel, Direction, FavourKind, Initiator, Interaction
from rapport.errors import InputError, NotFound, Refused
from rapport.services import articles
from rapport.services import share_index as index
from rapport.services.context import Context
from rapport.services.people import Person, resolve
from rapport.store import activity
from rapport.store import contacts as store
from rapport.store.schema import feed_items, feeds, shares

DEFAULT_TOP = 5
MAX_TOP = 100
#: The first scan of a new feed ranks contacts for its newest few items; older ones count as seen.
FIRST_SCAN_ITEMS = 3


@dataclass(frozen=True)
class Ranking:
    article: articles.Article
    ranker: str
    proposals: list[rules.Proposal]
    indexed: int  # contacts (re-)indexed for this ranking
    left_out: int  # contacts left out because they already received the link

    def as_json(self) -> dict[str, Any]:
        return {
            "article": {"title": self.article.title, "url": self.article.url or None, "source": self.article.source},
            "ranker": self.ranker,
            "left_out_already_shared": self.left_out,
            "contacts": [proposal_json(p) for p in self.proposals],
        }


def proposal_json(p: rules.Proposal) -> dict[str, Any]:
    return {
        "id": p.contact_id,
        "name": p.name,
        "score": round(p.score, 4),
        "match": round(p.match, 4),
        "quiet": p.quiet,
        "in_debt": p.in_debt,
        "reasons": [
            {"field": r.kind, "text": r.text, "words": list(r.words), "similarity": r.similarity} for r in p.reasons
        ],
    }


def _ranker(name: str | None) -> str:
    key = (name or "lexical").strip().lower()
    if key not in index.RANKERS:
        raise InputError("share.ranker", value=name or "", choices=", ".join(index.RANKERS))
    return key


def _top(top: int) -> int:
    if top < 1 or top > MAX_TOP:
        raise InputError("share.top", value=str(top), most=MAX_TOP)
    return top


def check_options(top: int, ranker: str | None) -> None:
    """Refuse a bad --top or --ranker before anything is read or fetched."""
    _top(top)
    _ranker(ranker)


def shared_with(conn: Connection, owner_id: int, key: str) -> set[int]:
    return set(
        conn.execute(
            select(shares.c.contact_id).where(shares.c.owner_id == owner_id, shares.c.url_key == key)
        ).scalars()
    )


def rank(
    ctx: Context, conn: Connection, article: articles.Article, top: int = DEFAULT_TOP, ranker: str | None = None
) -> Ranking:
    """The contacts who would find `article` interesting, best first, each with its quoted reasons."""
    kind = _ranker(ranker)
    count = _top(top)
    if kind == "semantic":
        index.model()  # refuses before anything is read when the extra is missing
    entries, changed = index.refresh(conn, ctx.owner_id)
    already = shared_with(conn, ctx.owner_id, article.key)
    vector = None
    if kind == "lexical":
        scored = index.lexical(entries, article.text, article.title)
    else:
        changed += index.embed(conn, ctx.owner_id, entries)
        vector = index.article_vector(article.title, article.text)
        scored = index.semantic(entries, vector, floor=SEMANTIC_FLOOR)
    del entries
    contenders = rules.contenders(scored, already, count)
    states = {}
    for start in range(0, len(contenders), 900):  # only the contacts that can still make it are read
        ids = [s.contact_id for s in contenders[start : start + 900]]
        states.update({s.id: s for s in store.states(conn, ctx.owner_id, ids=ids)})
    chosen = rules.rank(contenders, states, already, ctx.now, count)
    fields = index.contact_fields(conn, ctx.owner_id, [p.contact_id for p in chosen]) if chosen else {}
    explained = []
    for proposal in chosen:
        mine = fields.get(proposal.contact_id, [])
        if vector is None:
            why = index.explain(mine, article.text, article.title)
        else:
            why = index.explain_semantic(mine, vector, article.text, article.title)
        explained.append(rules.Proposal(**{**_fields(proposal), "reasons": why}))
    left_out = len(already & {s.contact_id for s in scored if s.score > 0})
    return Ranking(article, kind, explained, changed, left_out)


#: Below this cosine a contact is no match for the semantic ranker (unrelated texts score around 0 to 0.15).
SEMANTIC_FLOOR = 0.15


def _fields(p: rules.Proposal) -> dict[str, Any]:
    return {name: getattr(p, name) for name in rules.Proposal.__slots__}


def share(
    ctx: Context,
    conn: Connection,
    source: str,
    top: int = DEFAULT_TOP,
    ranker: str | None = None,
    timeout: float = articles.TIMEOUT,
    max_bytes: int = articles.MAX_BYTES,
) -> Ranking:
    """Read the article (fetching a URL), then rank the contacts for it."""
    _ranker(ranker)
    _top(top)
    return rank(ctx, conn, articles.load(source, timeout, max_bytes), top, ranker)


# ------------------------------------------------------------------------------------------ the note, and sending
@dataclass(frozen=True)
class Recorded:
    person: Person
    article: articles.Article
    at: datetime


def draft(
    ctx: Context,
    conn: Connection,
    article: articles.Article,
    typed_name: str,
    lang: str | None = None,
    via: str = "email",
    ranker: str | None = None,
) -> Any:
    """The note that shares the article with one contact (kind `share`), saying why it made me think of them."""
    from rapport.messages.drafts import compose
    from rapport.services import drafting

    channel = drafting.draft_via(via)  # in either language, as `rapport draft --via` takes it
    language = drafting._lang(ctx, lang)
    facts, prof = drafting.facts_of(ctx, conn, typed_name)
    if prof["id"] in shared_with(conn, ctx.owner_id, article.key):
        raise Refused("share.already", name=prof["name"])
    mine = index.contact_fields(conn, ctx.owner_id, [int(prof["id"])]).get(int(prof["id"]), [])
    why = index.explain(mine, article.text, article.title)
    import dataclasses

    facts = dataclasses.replace(
        facts,
        article=article.title or article.url or "",
        article_url=article.url,
        because=_because(why, facts),
    )
    return compose(facts, "share", channel, language, None, ctx.now, ctx.zone)


def _because(why: tuple[rules.Reason, ...], facts: Any) -> tuple[tuple[str, str], ...]:
    """What of theirs the article matched, best first, as (kind, text): interests (and tags) as an interest, what
    they look for and offer; then their first topic. The draft says the first it can quote to them."""
    found = [
        ("interest" if r.kind == "tag" else r.kind, r.text)
        for r in why
        if r.kind in ("interest", "tag", "looking_for", "offers")
    ]
    found += [("interest", str(topic)) for topic in facts.topics[:1]]
    return tuple(found)


def record(
    ctx: Context,
    conn: Connection,
    article: articles.Article,
    typed_name: str,
    via: str = "email",
    logged: bool = True,
    summary: str = "",
) -> Recorded:
    """Remember that the article went to the contact: the share, a favour given (information) and, when `logged`,
    an interaction of mine (when it was sent by e-mail from rapport, sending already logged it)."""
    from rapport.services import inputs
    from rapport.services.journal import record_interaction

    person = resolve(ctx, conn, typed_name)
    if person.id in shared_with(conn, ctx.owner_id, article.key):
        raise Refused("share.already", name=person.name)
    channel = inputs.channel(via)
    title = article.title or article.url or article.source
    conn.execute(
        insert(shares).values(
            owner_id=ctx.owner_id,
            contact_id=person.id,
            url_key=article.key,
            url=article.url[:1000],
            title=article.title[:500],
            shared_at=ctx.now,
        )
    )
    note = (f"{title} {article.url}".strip() if article.url and article.url not in title else title)[:500]
    activity.insert_favour(
        conn, ctx.owner_id, person.id, Direction.GIVEN.value, FavourKind.INFORMATION.value, ctx.now, note
    )
    if logged:
        item = Interaction(ctx.now, Channel(channel), Initiator.ME, (summary or title)[:500])
        record_interaction(ctx, conn, [person], item)
    return Recorded(person, article, ctx.now)


# ---------------------------------------------------------------------------------------------------- feeds
@dataclass(frozen=True)
class FeedAdded:
    url: str
    title: str
    items: int


@dataclass(frozen=True)
class ItemRanking:
    feed: str
    title: str
    link: str
    proposals: list[rules.Proposal]

    def as_json(self) -> dict[str, Any]:
        return {
            "feed": self.feed,
            "title": self.title,
            "url": self.link or None,
            "contacts": [proposal_json(p) for p in self.proposals],
        }


@dataclass(frozen=True)
class Scan:
    feeds: int
    items: list[ItemRanking] = field(default_factory=list)
    new: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "new_items": self.new, "items": [i.as_json() for i in self.items]}


def add_feed(ctx: Context, conn: Connection, url: str, timeout: float = articles.TIMEOUT) -> FeedAdded:
    """Store a feed after checking that it is one (it is fetched once, now); its current items count as seen."""
    text = url.strip()
    if not articles.is_url(text):
        raise InputError("share.bad_url", url=url)
    existing = conn.execute(select(feeds.c.id).where(feeds.c.owner_id == ctx.owner_id, feeds.c.url == text)).first()
    if existing is not None:
        raise Refused("feed.exists", url=text)
    parsed = articles.fetch_feed(text, timeout)
    feed_id = conn.execute(
        insert(feeds)
        .values(owner_id=ctx.owner_id, url=text, title=parsed.title[:500], added_at=ctx.now, scanned_at=None)
        .returning(feeds.c.id)
    ).scalar_one()
    # what is in the feed today is news for the first scan only as far as its newest items go
    for item in parsed.items[FIRST_SCAN_ITEMS:]:
        conn.execute(insert(feed_items).values(feed_id=feed_id, item_key=item.key, seen_at=ctx.now))
    return FeedAdded(text, parsed.title, len(parsed.items))


def remove_feed(ctx: Context, conn: Connection, url: str) -> None:
    done = conn.execute(delete(feeds).where(feeds.c.owner_id == ctx.owner_id, feeds.c.url == url.strip()))
    if not done.rowcount:
        raise NotFound("feed.unknown", url=url)


def list_feeds(ctx: Context, conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(feeds).where(feeds.c.owner_id == ctx.owner_id).order_by(feeds.c.id))
    return [
        {"url": r.url, "title": r.title, "added_at": r.added_at, "scanned_at": r.scanned_at} for r in rows.mappings()
    ]


def scan(
    ctx: Context, conn: Connection, top: int = 3, ranker: str | None = None, timeout: float = articles.TIMEOUT
) -> Scan:
    """Fetch every feed, and rank the contacts for each item not seen by an earlier scan (a feed's first scan
    ranks its newest items); the items are remembered as seen."""
    kind = _ranker(ranker)
    count = _top(top)
    rows = list(conn.execute(select(feeds).where(feeds.c.owner_id == ctx.owner_id).order_by(feeds.c.id)).mappings())
    if not rows:
        raise InputError("feed.none")
    found: list[ItemRanking] = []
    new = 0
    for row in rows:
        parsed = articles.fetch_feed(row["url"], timeout)
        seen = set(conn.execute(select(feed_items.c.item_key).where(feed_items.c.feed_id == row["id"])).scalars())
        fresh = rules.new_items([i.key for i in parsed.items], seen)
        items = {i.key: i for i in parsed.items}
        for key in fresh:
            item = items[key]
            new += 1
            text = f"{item.title}\n\n{item.summary}".strip()
            link = item.link if articles.is_url(item.link) else ""
            article = articles.Article(
                title=item.title,
                text=text,
                url=link,
                source=row["url"],
                key=(rules.url_key(link) if link else f"feed:{row['id']}:{key}")[:1000],
            )
            ranking = rank(ctx, conn, article, count, kind)
            if ranking.proposals:
                found.append(ItemRanking(row["title"] or row["url"], item.title, link, ranking.proposals))
            conn.execute(insert(feed_items).values(feed_id=row["id"], item_key=key, seen_at=ctx.now))
        conn.execute(update(feeds).where(feeds.c.id == row["id"]).values(scanned_at=ctx.now))
    return Scan(len(rows), found, new)
