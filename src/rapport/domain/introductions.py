"""Introductions: which two contacts would gain from knowing each other, and why.

Three reasons, each quoting the words that matched:

- `need`: what one is looking for matches what the other offers, or their field (interests, job title,
  organisation);
- `job`: one is looking for a job and the other is hiring (a recruiter, or "hiring" in what they offer), in the
  seeker's field;
- `interests`: they share an interest and work at different organisations (colleagues already know each other).

Pairs already introduced (whatever came of it) or known to know each other (`known`) are never proposed; archived
contacts are not given to the rules at all. Matching is on terms (stemmed words, German and English, given by the
caller as `terms`), through an inverted index from terms to people, never over all pairs: a term shared by many
people pairs only the `CROWD` people I know best among them (one can only introduce people one knows), and it
counts less (inverse document frequency).

Pure: standard library only.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from rapport.domain.model import Reason
from rapport.domain.text import fold

#: A text's terms: each stemmed word (stop words left out) and the word as it was written.
Terms = Callable[[str], Mapping[str, str]]

#: How many of the people sharing a term are paired through it (the strongest relationships first).
CROWD = 40
#: What each reason is worth per matching term (a job is worth most to a seeker; a shared hobby least).
WEIGHTS = {"job": 3.0, "need": 2.0, "interests": 1.0}
#: A need or job met at one's own organisation counts less: colleagues may well know each other already.
SAME_ORGANISATION = 0.5
#: A quotation is cut to this many characters.
QUOTE = 80

#: Words that say nothing about a field ("Head of …", "new contacts"): they never make a match.
GENERIC = (
    "head lead leader leiter leiterin leitende leitender senior junior chief officer director direktor direktorin "
    "manager managerin team teams new neu neue neuen ideas idee ideen contact contacts kontakt kontakte know how "
    "knowhow erfahrung experience people leute help hilfe advice rat introduction introductions vorstellung "
    "ag gmbh sa inc ltd llc co dach swiss schweiz schweizer zürich zurich looking suche sucht someone jemand "
    "jemanden good gute guten"
)
#: Words of looking for a job (in what someone looks for, or a tag).
JOB_SEEKING = (
    "job jobs role roles position stelle stellen stellensuche jobsuche anstellung arbeitsstelle rolle "
    "employment work arbeit seeker"
)
#: Words of hiring (in what someone offers, their job title, or a tag).
HIRING = (
    "hiring hire hires recruiting recruiter recruitment vacancy vacancies opening openings einstellen stellt "
    "rekrutieren rekrutiert rekrutierung personalgewinnung personalvermittler personalvermittlerin talent "
    "acquisition headhunter"
)

_WORD = re.compile(r"[^\W\d_]+")
_EMPTY: frozenset[str] = frozenset()
_CLAUSE = re.compile(r"[;\n]|,\s|\.\s|\(|\)")


class Candidate(NamedTuple):
    """A contact as the rules see them (not archived). A named tuple: tens of thousands are made per run."""

    id: int
    name: str
    organisation: str = ""
    title: str = ""
    looking_for: str = ""
    offers: str = ""
    interests: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    strength: float = 0.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two contacts to introduce, the better reason first."""

    first: Candidate
    second: Candidate
    score: float
    reasons: list[Reason] = field(default_factory=list)


def pair(a: int, b: int) -> tuple[int, int]:
    """The key of a pair, whichever way round it is named."""
    return (a, b) if a < b else (b, a)


@dataclass
class _Known:
    """What the rules know of one candidate: term -> (quotation, where it stands)."""

    wants: dict[str, str]  # terms of what they look for -> the clause
    has: dict[str, tuple[str, str]]  # terms of what they offer and their field -> (quotation, where)
    field_terms: dict[str, tuple[str, str]]  # a seeker's own field: looking for, title, interests
    topics: dict[frozenset[str], str]  # each interest's terms -> the interest as written
    parts: dict[frozenset[str], str]  # each word of an interest of several words -> that interest
    organisation: str
    seeker: bool
    hiring: bool


class _Vocabulary:
    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        self.generic = set(terms(GENERIC))
        self.seeking = set(terms(JOB_SEEKING)) - self.generic
        self.hiring = set(terms(HIRING)) - self.generic
        self.ignored = self.generic | self.seeking | self.hiring

    def clauses(self, text: str) -> dict[str, str]:
        """Each term of `text` -> the clause it stands in (the words around it worth quoting)."""
        found: dict[str, str] = {}
        for clause in _CLAUSE.split(text):
            clause = " ".join(clause.split()).strip(" .,:;-–")
            if not clause:
                continue
            for term in self.terms(clause):
                if term not in self.ignored:
                    found.setdefault(term, _quote(clause))
        return found

    def whole(self, text: str, where: str, into: dict[str, tuple[str, str]]) -> None:
        """Each term of `text` -> (the whole text, where): a title, an interest or an organisation is quoted whole."""
        for term in self.terms(text):
            if term not in self.ignored:
                into.setdefault(term, (_quote(text), where))

    def know(self, c: Candidate) -> _Known:
        wants = self.clauses(c.looking_for)
        has: dict[str, tuple[str, str]] = {t: (q, "offers") for t, q in self.clauses(c.offers).items()}
        topics: dict[frozenset[str], str] = {}
        parts: dict[frozenset[str], str] = {}
        for topic in c.interests:
            words = [frozenset(self.terms(word)) for word in _WORD.findall(topic)]
            words = [w for w in words if w]  # an interest is a label: all its words count
            if words:
                topics.setdefault(frozenset().union(*words), topic.strip())
            if len(words) > 1:
                for word in words:
                    parts.setdefault(word, topic.strip())
            self.whole(topic, "interests", has)
        self.whole(c.title, "title", has)
        self.whole(c.organisation, "organisation", has)
        own: dict[str, tuple[str, str]] = {t: (q, "looking_for") for t, q in wants.items()}
        for topic in c.interests:
            self.whole(topic, "interests", own)
        self.whole(c.title, "title", own)
        words_sought = set(self.terms(c.looking_for)) | {t for tag in c.tags for t in self.terms(tag)}
        words_hiring = set(self.terms(f"{c.offers} {c.title}")) | {t for tag in c.tags for t in self.terms(tag)}
        return _Known(
            wants=wants,
            has=has,
            field_terms=own,
            topics=topics,
            parts=parts,
            organisation=fold(c.organisation),
            seeker=bool(words_sought & self.seeking),
            hiring=bool(words_hiring & self.hiring),
        )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"


@dataclass(slots=True)
class _Terms:
    """What the ranking needs of one candidate: sets of terms only (the quotations are found for the best pairs)."""

    wants: frozenset[str]
    has: frozenset[str]
    own: frozenset[str]
    topics: tuple[frozenset[str], ...]
    parts: tuple[frozenset[str], ...]
    organisation: int  # 0: none
    seeker: bool
    hiring: bool


class _Sets:
    """The term sets of texts, each text stemmed once (titles, organisations and topics repeat across contacts)."""

    def __init__(self, vocabulary: _Vocabulary) -> None:
        self.v = vocabulary
        self.raw: dict[str, frozenset[str]] = {}
        self.kept: dict[str, frozenset[str]] = {}
        self.topics: dict[str, tuple[frozenset[str], tuple[frozenset[str], ...]]] = {}
        self.organisations: dict[str, int] = {"": 0}
        self.interests: dict[str, tuple[frozenset[str], tuple[frozenset[str], ...], frozenset[str]]] = {}
        self.jobs: dict[tuple[str, str], tuple[frozenset[str], int, bool]] = {}

    def all(self, text: str) -> frozenset[str]:
        found = self.raw.get(text)
        if found is None:
            found = self.raw[text] = frozenset(self.v.terms(text))
        return found

    def useful(self, text: str) -> frozenset[str]:
        found = self.kept.get(text)
        if found is None:
            found = self.kept[text] = self.all(text) - self.v.ignored
        return found

    def topic(self, text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
        found = self.topics.get(text)
        if found is None:
            words = [w for w in (self.all(word) for word in _WORD.findall(text)) if w]
            key = frozenset().union(*words) if words else frozenset()
            found = self.topics[text] = (key, tuple(words) if len(words) > 1 else ())
        return found

    def interest(self, text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...], frozenset[str]]:
        """An interest's key (all its terms), its words when it has several, and its terms that may match a need."""
        found = self.interests.get(text)
        if found is None:
            key, words = self.topic(text)
            found = self.interests[text] = (key, words, self.useful(text) if key else _EMPTY)
        return found

    def job(self, title: str, organisation: str) -> tuple[frozenset[str], int, bool]:
        """A job title and organisation: their useful terms, the organisation's number, whether the title hires."""
        found = self.jobs.get((title, organisation))
        if found is None:
            number = self.organisations.setdefault(fold(organisation), len(self.organisations))
            found = self.jobs[(title, organisation)] = (
                self.useful(title) | self.useful(organisation),
                number if organisation.strip() else 0,
                bool(self.all(title) & self.v.hiring),
            )
        return found

    def of(self, c: Candidate) -> _Terms:
        job_terms, organisation, title_hires = self.job(c.title, c.organisation)
        wants = self.useful(c.looking_for) if c.looking_for else _EMPTY
        has = job_terms
        topics: tuple[frozenset[str], ...] = ()
        parts: tuple[frozenset[str], ...] = ()
        own = self.useful(c.title) | wants if wants else self.useful(c.title)
        if c.interests:
            found = [self.interest(text) for text in c.interests]
            topics = tuple(key for key, _, _ in found if key)
            parts = tuple(word for _, words, _ in found for word in words)
            matching = frozenset().union(*(terms for _, _, terms in found))
            has = has | matching
            own = own | matching
        if c.offers:
            has = has | self.useful(c.offers)
        tags = frozenset().union(*(self.all(tag) for tag in c.tags)) if c.tags else _EMPTY
        seeker = bool((self.all(c.looking_for) | tags) & self.v.seeking) if c.looking_for or tags else False
        hiring = title_hires or bool((self.all(c.offers) | tags) & self.v.hiring)
        return _Terms(wants, has, own, topics, parts, organisation, seeker, hiring)


def suggest(
    people: Sequence[Candidate],
    terms: Terms,
    known: Collection[tuple[int, int]] = (),
    top: int = 10,
    acquainted: Callable[[set[tuple[int, int]]], Collection[tuple[int, int]]] | None = None,
) -> list[Suggestion]:
    """The `top` pairs of `people` who would gain most from an introduction, each with its reasons.

    `known`: pairs (as `pair()` keys) who are introduced already or know each other: never proposed.
    `acquainted(pairs)`: which of the best pairs know each other (asked about a few pairs, not all): left out."""
    if top <= 0 or len(people) < 2:
        return []
    vocabulary = _Vocabulary(terms)
    sets = _Sets(vocabulary)
    facts = [sets.of(c) for c in people]
    size = len(people)
    order = sorted(range(size), key=lambda i: (-people[i].strength, people[i].id))

    # the inverted indexes, each list in order of strength
    has_index: dict[str, list[int]] = defaultdict(list)
    hiring_index: dict[str, list[int]] = defaultdict(list)
    topic_index: dict[frozenset[str], list[int]] = defaultdict(list)
    part_index: dict[frozenset[str], list[int]] = defaultdict(list)
    only_wanted: dict[str, int] = defaultdict(int)  # how many look for a term without having it
    for i in order:
        k = facts[i]
        for term in k.has:
            has_index[term].append(i)
        if k.hiring:
            for term in k.has:
                hiring_index[term].append(i)
        if k.topics:
            for key in set(k.topics):
                topic_index[key].append(i)
        if k.parts:
            for key in set(k.parts):
                part_index[key].append(i)
        if k.wants:
            for term in k.wants - k.has:
                only_wanted[term] += 1
    # a term counts less the more people have it or look for it (inverse document frequency)
    idf = {term: math.log(1 + size / (len(has_index.get(term, ())) + only_wanted.get(term, 0))) for term in has_index}
    idf.update((term, math.log(1 + size / n)) for term, n in only_wanted.items() if term not in has_index)
    crowds = {term: members[:CROWD] for term, members in has_index.items()}
    hiring_crowds = {term: members[:CROWD] for term, members in hiring_index.items()}
    where = {c.id: i for i, c in enumerate(people)}
    excluded = {min(where[a], where[b]) * size + max(where[a], where[b]) for a, b in known if a in where and b in where}
    organisation = [k.organisation for k in facts]
    scores: dict[int, float] = {}
    get = scores.get

    def need(a: int, wanted: frozenset[str], index: dict[str, list[int]], weight: float) -> None:
        mine = organisation[a]
        for term in wanted:
            members = index.get(term)
            if not members:
                continue
            points = idf[term] * weight
            same = points * SAME_ORGANISATION
            for b in members:
                if b == a:
                    continue
                key = a * size + b if a < b else b * size + a
                if key in excluded:
                    continue
                scores[key] = get(key, 0.0) + (same if mine and mine == organisation[b] else points)

    for a, k in enumerate(facts):
        if k.wants:
            need(a, k.wants, crowds, WEIGHTS["need"])
        if k.seeker:
            need(a, k.own, hiring_crowds, WEIGHTS["job"])
    shared = WEIGHTS["interests"]
    for key, members in topic_index.items():
        crowd = members[:CROWD]
        inside = part_index.get(key, [])  # "running" and "trail running"
        points = math.log(1 + size / (len(members) + len(inside))) * shared
        around = [b for b in inside[:CROWD] if key not in facts[b].topics]
        for x, a in enumerate(crowd):
            mine = organisation[a]
            for b in crowd[x + 1 :] + around:
                if b == a or (mine and mine == organisation[b]):
                    continue
                pair_key = a * size + b if a < b else b * size + a
                if pair_key not in excluded:
                    scores[pair_key] = get(pair_key, 0.0) + points

    best = _best(scores, size, people, top, acquainted)
    detail: dict[int, _Known] = {}

    def known_of(i: int) -> _Known:
        if i not in detail:
            detail[i] = vocabulary.know(people[i])
        return detail[i]

    found = []
    for (a, b), score in best:
        pair_facts = {a: known_of(a), b: known_of(b)}
        reasons = _reasons(people, pair_facts, a, b) + _reasons(people, pair_facts, b, a)
        reasons += _shared(people, pair_facts, a, b)
        reasons.sort(key=lambda r: -WEIGHTS[str(r.facts["reason"])])
        first, second = (a, b) if not reasons or reasons[0].facts["first"] == people[a].name else (b, a)
        found.append(Suggestion(people[first], people[second], round(score, 3), reasons))
    return found


def _best(
    scores: dict[int, float],
    size: int,
    people: Sequence[Candidate],
    top: int,
    acquainted: Callable[[set[tuple[int, int]]], Collection[tuple[int, int]]] | None,
) -> list[tuple[tuple[int, int], float]]:
    """The `top` best pairs (as indexes into `people`; ties: the lower ids first) of those who do not know each
    other."""

    def ids(key: int) -> tuple[int, int]:
        return pair(people[key // size].id, people[key % size].id)

    wanted = top * 3 + 10
    while True:
        chosen = heapq.nlargest(wanted, scores.items(), key=itemgetter(1))
        chosen.sort(key=lambda item: (-item[1], ids(item[0])))
        kept = chosen
        if acquainted is not None:
            knowing = set(acquainted({ids(key) for key, _ in chosen}))
            kept = [item for item in chosen if ids(item[0]) not in knowing]
        if len(kept) >= top or len(chosen) < wanted:
            return [((key // size, key % size), score) for key, score in kept[:top]]
        wanted *= 4


def _reasons(people: Sequence[Candidate], facts: Mapping[int, _Known], a: int, b: int) -> list[Reason]:
    """Why `a` would gain from meeting `b`: what a looks for that b has, a job b offers in a's field."""
    out: list[Reason] = []
    ka, kb = facts[a], facts[b]
    matched = [t for t in ka.wants if t in kb.has]
    if matched:
        wanted = list(dict.fromkeys(ka.wants[t] for t in matched))
        found = list(dict.fromkeys(kb.has[t] for t in matched))
        out.append(
            Reason(
                "intros.reason.need",
                {
                    "reason": "need",
                    "first": people[a].name,
                    "second": people[b].name,
                    "wanted": wanted,
                    "found": [{"text": text, "field": where} for text, where in found],
                },
            )
        )
    if ka.seeker and kb.hiring:  # a job says more than the need it meets: it replaces it
        field_match = [t for t in ka.field_terms if t in kb.has]
        if field_match:
            mine = list(dict.fromkeys(ka.field_terms[t][0] for t in field_match))
            theirs = list(dict.fromkeys(kb.has[t] for t in field_match))
            out = [
                Reason(
                    "intros.reason.job",
                    {
                        "reason": "job",
                        "first": people[a].name,
                        "second": people[b].name,
                        "wanted": mine,
                        "found": [{"text": text, "field": where} for text, where in theirs],
                    },
                )
            ]
    return out


def _shared(people: Sequence[Candidate], facts: Mapping[int, _Known], a: int, b: int) -> list[Reason]:
    ka, kb = facts[a], facts[b]
    if ka.organisation and ka.organisation == kb.organisation:
        return []
    topics = []
    for key, topic in ka.topics.items():
        theirs = kb.topics.get(key) or kb.parts.get(key)
        if theirs is None:
            continue
        topics.append(topic if fold(topic) == fold(theirs) else f"{topic} / {theirs}")
    for key, topic in kb.topics.items():
        if key not in ka.topics and key in ka.parts:
            topics.append(f"{ka.parts[key]} / {topic}")
    if not topics:
        return []
    topics = list(dict.fromkeys(topics))
    return [
        Reason(
            "intros.reason.interests",
            {"reason": "interests", "first": people[a].name, "second": people[b].name, "topics": topics},
        )
    ]


def reasons_for(first: Candidate, second: Candidate, terms: Terms) -> list[Reason]:
    """Why these two would gain from meeting (the best reason first); empty when the rules see no reason."""
    vocabulary = _Vocabulary(terms)
    people = [first, second]
    facts = {0: vocabulary.know(first), 1: vocabulary.know(second)}
    reasons = _reasons(people, facts, 0, 1) + _reasons(people, facts, 1, 0) + _shared(people, facts, 0, 1)
    reasons.sort(key=lambda r: -WEIGHTS[str(r.facts["reason"])])
    return reasons
