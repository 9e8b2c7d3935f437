"""Introductions: propose pairs of contacts to introduce, draft the double opt-in, remember what came of it.

`suggest` loads every contact that is not archived (three queries), leaves out the pairs already introduced and,
among the best pairs, those who took part in one interaction together, and lets the domain rules rank the rest.
`introduce` drafts the two opt-in questions and records the introduction as pending; `agreed` drafts the
introduction itself, records it as made and a favour given (an introduction) to each; `declined` records the no.
Each of these is one transaction: on bad input nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from rapport.domain.introductions import Candidate, Suggestion, reasons_for, suggest
from rapport.domain.model import Direction, FavourKind, Reason
from rapport.errors import InputError, Refused
from rapport.messages.drafts import Draft
from rapport.services.context import Context
from rapport.services.people import Person, resolve
from rapport.services.terms import terms
from rapport.store import activity
from rapport.store import introductions as store

PENDING, AGREED, DECLINED, MADE = "pending", "agreed", "declined", "made"
STATUSES = (PENDING, AGREED, DECLINED, MADE)
#: At most this many pairs are proposed at once.
TOP_MAX = 1000


def suggestions(ctx: Context, conn: Connection, top: int = 10) -> list[Suggestion]:
    """The `top` pairs most worth introducing, each with its reasons (quoting the words that matched)."""
    if top < 1 or top > TOP_MAX:
        raise InputError("intros.top", value=top, most=TOP_MAX)
    people = store.candidates(conn, ctx.owner_id)
    known = store.introduced_pairs(conn, ctx.owner_id)
    return suggest(people, terms, known, top, acquainted=lambda pairs: store.met_together(conn, pairs))


def waiting(ctx: Context, conn: Connection) -> list[tuple[int, str, int, str]]:
    """The introductions asked for and not answered yet (pending), oldest first: (first id, name, second id, name)."""
    return store.pending(conn, ctx.owner_id)


@dataclass(frozen=True)
class Introduction:
    """What `introduce` did: the two people, the status now on record, the reasons and the drafts."""

    first: Person
    second: Person
    status: str
    reasons: list[Reason]
    drafts: list[Draft]


def _pair(ctx: Context, conn: Connection, first: str, second: str) -> tuple[Person, Person]:
    a, b = resolve(ctx, conn, first), resolve(ctx, conn, second)
    if a.id == b.id:
        raise InputError("intros.self", name=a.name)
    for person in (a, b):
        if person.archived:
            raise Refused("intros.archived", name=person.name)
    return a, b


def _candidate(conn: Connection, ctx: Context, person: Person) -> Candidate:
    return store.candidates(conn, ctx.owner_id, [person.id])[0]


def _why(reasons: list[Reason], own: str | None) -> Any:
    from rapport.messages.introductions import Why

    if own and own.strip():
        return Why("own", own=own.strip())
    if not reasons:
        return Why("none")
    facts = reasons[0].facts
    code = str(facts["reason"])
    if code == "interests":
        return Why(code, topics=[str(t) for t in facts["topics"]])  # type: ignore[attr-defined]
    found = facts["found"][0]  # type: ignore[index]
    return Why(
        code,
        seeker=str(facts["first"]),
        wanted=str(facts["wanted"][0]),  # type: ignore[index]
        found=str(found["text"]),
        found_in=str(found["field"]),
    )


def _sides(ctx: Context, conn: Connection, people: tuple[Person, Person]) -> list[Any]:
    from rapport.messages.introductions import Side
    from rapport.services.drafting import facts_of

    sides = []
    for person in people:
        facts, prof = facts_of(ctx, conn, f"#{person.id}")
        sides.append(
            Side(
                facts=facts,
                name=person.name,
                title=str(prof["title"] or ""),
                organisation=str(prof["organisation"] or ""),
                email=facts.email,
            )
        )
    return sides


def _drafting(ctx: Context, lang: str | None, via: str) -> tuple[str, str]:
    from rapport.services.drafting import _lang, draft_via

    # a channel in either language ("E-Mail", "LinkedIn-Nachricht"), as `rapport draft --via` takes it
    return _lang(ctx, lang), draft_via(via)


def introduce(
    ctx: Context,
    conn: Connection,
    first: str,
    second: str,
    lang: str | None = None,
    via: str = "email",
    why: str | None = None,
) -> Introduction:
    """Ask each of the two first: two drafts, and the introduction on record as pending."""
    from rapport.messages import introductions as drafts

    a, b = _pair(ctx, conn, first, second)
    existing = store.find(conn, ctx.owner_id, a.id, b.id)
    if existing is not None:
        raise Refused(f"intros.already.{existing.status}", first=a.name, second=b.name)
    language, channel = _drafting(ctx, lang, via)
    reasons = reasons_for(_candidate(conn, ctx, a), _candidate(conn, ctx, b), terms)
    reason = _why(reasons, why)
    side_a, side_b = _sides(ctx, conn, (a, b))
    written = [
        drafts.ask(side_a, side_b, reason, channel, language, ctx.now, ctx.zone),
        drafts.ask(side_b, side_a, reason, channel, language, ctx.now, ctx.zone),
    ]
    store.record(conn, ctx.owner_id, a.id, b.id, PENDING, _reason_text(reasons, why), ctx.now)
    return Introduction(a, b, PENDING, reasons, written)


def agreed(
    ctx: Context,
    conn: Connection,
    first: str,
    second: str,
    lang: str | None = None,
    via: str = "email",
    why: str | None = None,
) -> Introduction:
    """Both agreed: the introduction itself, recorded as made, and a favour given (an introduction) to each."""
    from rapport.messages import introductions as drafts

    a, b = _pair(ctx, conn, first, second)
    existing = store.find(conn, ctx.owner_id, a.id, b.id)
    if existing is not None and existing.status in (MADE, DECLINED):
        raise Refused(f"intros.already.{existing.status}", first=a.name, second=b.name)
    language, channel = _drafting(ctx, lang, via)
    reasons = reasons_for(_candidate(conn, ctx, a), _candidate(conn, ctx, b), terms)
    side_a, side_b = _sides(ctx, conn, (a, b))
    written = [drafts.introduce(side_a, side_b, _why(reasons, why), channel, language, ctx.now, ctx.zone)]
    if existing is None:
        store.record(conn, ctx.owner_id, a.id, b.id, MADE, _reason_text(reasons, why), ctx.now)
    else:
        store.set_status(conn, existing.id, MADE, ctx.now)
    for person, other in ((a, b), (b, a)):
        activity.insert_favour(
            conn,
            ctx.owner_id,
            person.id,
            Direction.GIVEN.value,
            FavourKind.INTRODUCTION.value,
            ctx.now,
            other.name,
        )
    return Introduction(a, b, MADE, reasons, written)


def declined(ctx: Context, conn: Connection, first: str, second: str) -> Introduction:
    """One of the two said no: remembered, so that the pair is not proposed again."""
    a, b = _pair(ctx, conn, first, second)
    existing = store.find(conn, ctx.owner_id, a.id, b.id)
    if existing is not None and existing.status in (MADE, DECLINED):
        raise Refused(f"intros.already.{existing.status}", first=a.name, second=b.name)
    if existing is None:
        store.record(conn, ctx.owner_id, a.id, b.id, DECLINED, "", ctx.now)
    else:
        store.set_status(conn, existing.id, DECLINED, ctx.now)
    return Introduction(a, b, DECLINED, [], [])


def _reason_text(reasons: list[Reason], why: str | None) -> str:
    """What is kept of the reason: the owner's words, or the rules' reason in a stable, language-free form."""
    if why and why.strip():
        return why.strip()
    if not reasons:
        return ""
    facts = reasons[0].facts
    if facts["reason"] == "interests":
        return "interests: " + ", ".join(str(t) for t in facts["topics"])  # type: ignore[attr-defined]
    found = ", ".join(str(f["text"]) for f in facts["found"])  # type: ignore[attr-defined]
    wanted = ", ".join(str(w) for w in facts["wanted"])  # type: ignore[attr-defined]
    return f"{facts['reason']}: {facts['first']}: {wanted} / {facts['second']}: {found}"
