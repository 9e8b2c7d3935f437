"""`rapport intros` over a big network: the seeded network of `bench/network.py` (its contacts carry job titles,
organisations and, one in ten, what they look for), plus interests for every contact from a vocabulary of 300 topics
in English and German (one to three each, a few topics far more common than others) and, one in five, what they
offer; then `suggestions(ctx, conn, 10)` (loading every contact, stemming, the inverted index, ranking, the check of
the best pairs against shared meetings) is timed, best of N after a warm-up, on each backend.

    .venv/bin/python -m bench --only intros            # 30,000 contacts (the interactions: --intros-interactions)
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update

from rapport.services.context import Context
from rapport.store.schema import contacts, interests

GOAL_SECONDS = 2.0
_TOPICS_EN = [
    "design",
    "thinking",
    "service",
    "design",
    "supply",
    "chain",
    "logistics",
    "procurement",
    "cloud",
    "data",
    "platforms",
    "machine",
    "learning",
    "AI",
    "product",
    "management",
    "pricing",
    "accessibility",
    "user",
    "research",
    "coaching",
    "leadership",
    "board",
    "work",
    "finance",
    "controlling",
    "hospitality",
    "tourism",
    "marketing",
    "brand",
    "strategy",
    "sustainability",
    "robotics",
    "automation",
    "fundraising",
    "employer",
    "branding",
    "change",
    "management",
    "agile",
    "retrospectives",
    "facilitation",
    "community",
    "building",
    "event",
    "management",
    "crisis",
    "communication",
    "employment",
    "law",
    "data",
    "protection",
    "mobility",
    "cycling",
    "running",
    "skiing",
    "hiking",
    "football",
    "ice",
    "hockey",
    "rowing",
    "yoga",
]
_TOPICS_DE = [
    "Lieferkette",
    "Logistik",
    "Beschaffung",
    "Datenplattformen",
    "Produktmanagement",
    "Preisgestaltung",
    "Barrierefreiheit",
    "Nutzerforschung",
    "Führung",
    "Verwaltungsratsarbeit",
    "Finanzen",
    "Hotellerie",
    "Tourismus",
    "Markenstrategie",
    "Nachhaltigkeit",
    "Robotik",
    "Automatisierung",
    "Arbeitgebermarke",
    "Veränderungsmanagement",
    "Moderation",
    "Eventmanagement",
    "Krisenkommunikation",
    "Arbeitsrecht",
    "Datenschutz",
    "Mobilität",
    "Velofahren",
    "Laufen",
    "Skifahren",
    "Wandern",
    "Fussball",
    "Rudern",
]
_OFFERS = (
    "contacts in {t}",
    "know-how in {t}",
    "we are hiring in {t}",
    "Kontakte in {t}",
    "Erfahrung mit {t}",
    "a sparring partner on {t}",
)


@dataclass
class IntrosResult:
    backend: str
    contacts: int
    interests: int
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the process's CPU time of each run (less sensitive to load)
    pairs: int = 0
    example: str = ""
    load: float = 0.0  # the machine's load average (1 minute) after the runs: other work slows the wall clock

    @property
    def best(self) -> float:
        return min(self.runs) if self.runs else float("nan")


def enrich(ctx: Context, seed: int) -> int:
    """Interests (and offers) for every contact of the generated network; returns the number of interests."""
    rng = random.Random(seed + 9)
    words = _TOPICS_EN + _TOPICS_DE
    vocabulary = [
        f"{a} {b}" if i % 3 == 0 else a for i, (a, b) in enumerate(zip(words, words[1:] + words[:1], strict=True))
    ]
    vocabulary = list(dict.fromkeys(vocabulary))[:300]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(vocabulary))]  # a few common topics, a long tail
    with ctx.transaction() as conn:
        ids = [
            int(r[0])
            for r in conn.execute(
                select(contacts.c.id).where(contacts.c.owner_id == ctx.owner_id).order_by(contacts.c.id)
            )
        ]
        rows: list[dict[str, Any]] = []
        offers: list[dict[str, Any]] = []
        for cid in ids:
            for topic in set(rng.choices(vocabulary, weights, k=rng.randint(1, 3))):
                rows.append({"owner_id": ctx.owner_id, "contact_id": cid, "topic": topic})
            if rng.random() < 0.2:
                offers.append({"b_id": cid, "offers": rng.choice(_OFFERS).format(t=rng.choice(vocabulary))})
        for start in range(0, len(rows), 10_000):
            conn.execute(insert(interests), rows[start : start + 10_000])
        if offers:
            from sqlalchemy import bindparam

            conn.execute(
                update(contacts).where(contacts.c.id == bindparam("b_id")).values(offers=bindparam("offers")),
                offers,
            )
    return len(rows)


def benchmark(ctx: Context, backend: str, runs: int, seed: int, say: Callable[[str], None] = print) -> IntrosResult:
    from rapport.services import introductions

    with ctx.transaction() as conn:
        have = conn.execute(select(interests.c.id).where(interests.c.owner_id == ctx.owner_id).limit(1)).first()
        count = len(introductions.store.candidates(conn, ctx.owner_id))
    added = 0 if have else enrich(ctx, seed)
    result = IntrosResult(backend, count, added)
    for i in range(runs + 1):
        began, cpu = time.perf_counter(), time.process_time()
        with ctx.transaction() as conn:
            found = introductions.suggestions(ctx, conn, 10)
        elapsed, used = time.perf_counter() - began, time.process_time() - cpu
        if i:  # the first run warms the caches
            result.runs.append(elapsed)
            result.cpu.append(used)
    result.pairs = len(found)
    result.load = os.getloadavg()[0]
    if found:
        best = found[0]
        result.example = f"{best.first.name} ↔ {best.second.name}: {best.reasons[0].facts['reason']}"
    say(
        f"  intros over {count:,} contacts: best {result.best * 1000:.0f} ms "
        f"(runs {' / '.join(f'{r * 1000:.0f}' for r in result.runs)} ms; CPU best {min(result.cpu) * 1000:.0f} ms; "
        f"goal <= {GOAL_SECONDS * 1000:.0f} ms); "
        f"{result.pairs} pairs, first {result.example}; load average {result.load:.1f}"
    )
    return result


def markdown(results: dict[str, IntrosResult]) -> list[str]:
    out = ["", "## Introductions (`rapport intros`)", ""]
    if not results:
        return [*out, "Not measured in this run (`--only`).", ""]
    out += ["| figure | " + " | ".join(results) + " | goal |", "|---|" + "---:|" * len(results) + "---|"]
    out.append(
        "| **`suggestions(top=10)`, best of runs** | "
        + " | ".join(
            f"**{r.best * 1000:.0f} ms** ({'met' if r.best <= GOAL_SECONDS else '**missed**'})"
            for r in results.values()
        )
        + f" | ≤ {GOAL_SECONDS:.0f} s |"
    )
    out.append(
        "| … CPU time of the process, best | "
        + " | ".join(f"{min(r.cpu) * 1000:.0f} ms" for r in results.values())
        + " | |"
    )
    out.append("| load average of the machine | " + " | ".join(f"{r.load:.1f}" for r in results.values()) + " | |")
    out.append("| contacts (not archived) | " + " | ".join(f"{r.contacts:,}" for r in results.values()) + " | |")
    out.append(
        "| runs (ms) | " + " | ".join(" / ".join(f"{x * 1000:.0f}" for x in r.runs) for r in results.values()) + " | |"
    )
    out.append("| best pair | " + " | ".join(r.example for r in results.values()) + " | |")
    out += [
        "",
        "The network of the agenda benchmark, plus one to three interests per contact (300 topics in English and"
        " German, a few far more common than others) and, one in five, what they offer. Timed: loading every contact"
        " (three queries), stemming (PyStemmer, German and English), the inverted index, ranking, and the check of"
        " the best pairs against shared meetings, best of the runs after a warm-up.",
        "",
    ]
    return out
