"""Sharing an article: who would find it interesting, and why (pure rules, stdlib only, the clock as a parameter).

A ranker (lexical or semantic, in rapport.services.share_index) scores each contact against the article; these rules
turn the scores into a ranking: contacts who already received the link are left out, and quiet and in-debt contacts
rank a little higher, since a useful article is the cheapest way to give first. Each proposal carries its reasons:
the interest, topic, note or "looking for" that matched, quoted, with the matching words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapport.domain.model import ContactState

#: What a contact's text is made of, in the order a reason prefers them (an interest says most).
FIELDS = ("interest", "looking_for", "tag", "offers", "title", "organisation", "how_met", "note")
#: No real exchange for this long: the contact is quiet, and an article is a welcome reason to write.
QUIET_AFTER = timedelta(days=90)
#: How much higher a quiet contact, and one I owe a favour, ranks (a little: the match comes first).
QUIET_BOOST = 0.15
DEBT_BOOST = 0.15
MAX_BOOST = 1.0 + QUIET_BOOST + DEBT_BOOST
#: Query parameters that only track where a click came from: the same article with or without them is one link.
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|mc_cid|mc_eid|igshid|ref|ref_src|_hsenc|_hsmi|mkt_tok)$", re.I)


@dataclass(frozen=True, slots=True)
class Field:
    """One piece of what is known about a contact: its kind (one of FIELDS) and its text."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a contact may find the article interesting: the field that matched, quoted, and the matching words."""

    kind: str
    text: str
    words: tuple[str, ...] = ()
    similarity: float | None = None  # the semantic ranker's cosine of this field and the article


@dataclass(frozen=True, slots=True)
class Proposal:
    contact_id: int
    name: str
    score: float  # the ranker's score with the give-first boost
    match: float  # the ranker's score alone
    reasons: tuple[Reason, ...] = ()
    quiet: bool = False
    in_debt: bool = False


@dataclass(frozen=True, slots=True)
class Scored:
    """A ranker's verdict on one contact."""

    contact_id: int
    score: float
    reasons: tuple[Reason, ...] = field(default=())


def url_key(url: str) -> str:
    """The link as shares remember it: scheme and host in lower case, no fragment, no tracking parameters, no
    trailing slash, so that the same article reached from a newsletter or a post is one link."""
    text = url.strip()
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        return text
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def is_quiet(contact: ContactState, now: datetime) -> bool:
    """No real exchange for QUIET_AFTER (or never one)."""
    last = contact.history.last_real_at
    return last is None or now - last >= QUIET_AFTER


def in_debt(contact: ContactState) -> bool:
    """I received more from them than I gave."""
    return contact.balance < 0


def boost(contact: ContactState, now: datetime) -> float:
    """The factor a match is multiplied by: 1, plus a little for a quiet contact and for one I owe."""
    return 1.0 + (QUIET_BOOST if is_quiet(contact, now) else 0.0) + (DEBT_BOOST if in_debt(contact) else 0.0)


def contenders(scored: Iterable[Scored], already: set[int], top: int) -> list[Scored]:
    """The matches that can still be among the `top` once boosted (no boost lifts a match by more than
    MAX_BOOST): only their contacts need to be read."""
    found = sorted((s for s in scored if s.score > 0 and s.contact_id not in already), key=lambda s: -s.score)
    if len(found) <= top:
        return found
    bar = found[top - 1].score / MAX_BOOST
    return [s for s in found if s.score >= bar]


def rank(
    scored: Iterable[Scored],
    contacts: dict[int, ContactState],
    already: set[int],
    now: datetime,
    top: int,
) -> list[Proposal]:
    """The `top` contacts by match times give-first boost, best first (ties: by name, then id).

    Leaves out contacts who already received the article, archived or unknown ones, and those with no match."""
    found: list[Proposal] = []
    for item in scored:
        contact = contacts.get(item.contact_id)
        if contact is None or item.contact_id in already or item.score <= 0:
            continue
        found.append(
            Proposal(
                contact_id=item.contact_id,
                name=contact.name,
                score=item.score * boost(contact, now),
                match=item.score,
                reasons=item.reasons,
                quiet=is_quiet(contact, now),
                in_debt=in_debt(contact),
            )
        )
    found.sort(key=lambda p: (-p.score, p.name.casefold(), p.contact_id))
    return found[: max(top, 0)]


def reasons(
    fields: Sequence[Field], article_terms: set[str], terms: Callable[[str], Sequence[tuple[str, str]]], most: int = 3
) -> tuple[Reason, ...]:
    """The fields whose words are in the article, best first: by FIELDS order (an interest says most), then more
    matching words first; a field repeating one already given (a tag equal to an interest) is left out.

    `terms(text)` gives (word as written, stem) pairs; a field matches on its stems found in `article_terms`, and the
    reason quotes the field with the matching words as written."""
    found: list[tuple[int, int, int, Reason]] = []
    said: set[str] = set()
    for position, item in enumerate(fields):
        same = " ".join(item.text.casefold().replace("-", " ").split())
        if same in said:  # a tag that repeats an interest says nothing more
            continue
        words: dict[str, None] = {}
        for word, stem in terms(item.text):
            if stem in article_terms:
                words.setdefault(word.casefold(), None)
        if words:
            said.add(same)
            order = FIELDS.index(item.kind) if item.kind in FIELDS else len(FIELDS)
            found.append((order, -len(words), position, Reason(item.kind, quoted(item.text), tuple(words))))
    found.sort(key=lambda entry: entry[:3])
    return tuple(entry[3] for entry in found[:most])


def quoted(text: str, most: int = 90) -> str:
    """A field's text as a reason quotes it: on one line, shortened after a word when long."""
    line = " ".join(text.split())
    if len(line) <= most:
        return line
    cut = line[: most - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(",;:- ") + "…"


def new_items(keys: Sequence[str], seen: set[str]) -> list[str]:
    """The feed items not seen by an earlier scan, in the feed's order, each once."""
    return [key for key in dict.fromkeys(keys) if key not in seen]
