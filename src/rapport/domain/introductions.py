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
_CLAUSE = re.compile(r"[;\n]|,\s|\.\s|\(|\)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contact as the rules see them (not archived)."""

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
    facts = [vocabulary.know(c) for c in people]
    order = sorted(range(len(people)), key=lambda i: (-people[i].strength, people[i].id))

    # the inverted indexes, each list in order of strength
    has_index: dict[str, list[int]] = defaultdict(list)
    hiring_index: dict[str, list[int]] = defaultdict(list)
    topic_index: dict[frozenset[str], list[int]] = defaultdict(list)
    part_index: dict[frozenset[str], list[int]] = defaultdict(list)
    frequency: dict[str, int] = defaultdict(int)
    for i in order:
        k = facts[i]
        for term in k.has:
            has_index[term].append(i)
            if k.hiring:
                hiring_index[term].append(i)
        for key in k.topics:
            topic_index[key].append(i)
        for key in k.parts:
            part_index[key].append(i)
        for term in k.has.keys() | k.wants.keys():
            frequency[term] += 1
    size = len(people)
    idf = {term: math.log(1 + size / n) for term, n in frequency.items()}

    excluded = set(known)
    scores: dict[tuple[int, int], float] = defaultdict(float)

    def same_organisation(a: int, b: int) -> bool:
        return bool(facts[a].organisation) and facts[a].organisation == facts[b].organisation

    def add(a: int, b: int, points: float, reason: str) -> None:
        key = pair(people[a].id, people[b].id)
        if key in excluded:
            return
        if reason != "interests" and same_organisation(a, b):
            points *= SAME_ORGANISATION
        scores[key] += points * WEIGHTS[reason]

    for a, k in enumerate(facts):
        for term in k.wants:
            for b in has_index.get(term, ())[:CROWD]:
                if b != a:
                    add(a, b, idf[term], "need")
        if k.seeker:
            for term in k.field_terms:
                for b in hiring_index.get(term, ())[:CROWD]:
                    if b != a:
                        add(a, b, idf[term], "job")
    for key, members in topic_index.items():
        crowd = members[:CROWD]
        inside = part_index.get(key, ())  # "running" and "trail running"
        weight = math.log(1 + size / (len(members) + len(inside)))
        for x, a in enumerate(crowd):
            for b in crowd[x + 1 :]:
                if not same_organisation(a, b):
                    add(a, b, weight, "interests")
            for b in inside[:CROWD]:
                if b != a and not same_organisation(a, b) and key not in facts[b].topics:
                    add(a, b, weight, "interests")

    index = {c.id: i for i, c in enumerate(people)}
    best = _best(scores, top, acquainted)
    found = []
    for (x, y), score in best:
        a, b = index[x], index[y]
        reasons = _reasons(people, facts, a, b) + _reasons(people, facts, b, a)
        reasons += _shared(people, facts, a, b)
        reasons.sort(key=lambda r: -WEIGHTS[str(r.facts["reason"])])
        first, second = (a, b) if not reasons or reasons[0].facts["first"] == people[a].name else (b, a)
        found.append(Suggestion(people[first], people[second], round(score, 3), reasons))
    return found


def _best(
    scores: dict[tuple[int, int], float],
    top: int,
    acquainted: Callable[[set[tuple[int, int]]], Collection[tuple[int, int]]] | None,
) -> list[tuple[tuple[int, int], float]]:
    """The `top` best pairs (ties: the lower ids first) of those who do not know each other."""

    def rank(item: tuple[tuple[int, int], float]) -> tuple[float, int, int]:
        return (item[1], -item[0][0], -item[0][1])

    wanted = top * 3 + 10
    while True:
        best = heapq.nlargest(wanted, scores.items(), key=rank)
        if acquainted is None:
            return best[:top]
        knowing = set(acquainted({key for key, _ in best}))
        kept = [item for item in best if item[0] not in knowing]
        if len(kept) >= top or len(best) < wanted:
            return kept[:top]
        wanted *= 4


def _reasons(people: Sequence[Candidate], facts: list[_Known], a: int, b: int) -> list[Reason]:
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


def _shared(people: Sequence[Candidate], facts: list[_Known], a: int, b: int) -> list[Reason]:
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
    facts = [vocabulary.know(first), vocabulary.know(second)]
    reasons = _reasons(people, facts, 0, 1) + _reasons(people, facts, 1, 0) + _shared(people, facts, 0, 1)
    reasons.sort(key=lambda r: -WEIGHTS[str(r.facts["reason"])])
    return reasons
