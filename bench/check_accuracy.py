"""How often is the personalisation check right? Accuracy, precision and recall on the labelled messages.

Run from the repository root:

    .venv/bin/python -m bench.check_accuracy            # the tables (Markdown) on standard output
    .venv/bin/python -m bench.check_accuracy --errors   # also list the tuning set's misjudged messages

Five sets in tests/data/messages: `labelled.jsonl` (used while writing the rules), `holdout.jsonl` (written with
it, then frozen and never looked at message by message), `external.jsonl` (written by someone who did not see
the rules), `external2.jsonl` (written the same way, blind, after the rules were tuned on the first external
set) and `external3.jsonl` (written blind by someone who had not seen the check, its word lists or the other
sets). Each row has its text, language (de-CH, de, en), channel, kind, form of address and the label ("good":
personal, "bad": generic) decided before the check ran on it. A "positive" is a message the check calls good:
precision is the share of those that are labelled good, recall the share of the good ones that it calls good.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapport.messages import Facts, check

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "messages"
SETS = {
    "tuning": DATA / "labelled.jsonl",
    "held out": DATA / "holdout.jsonl",
    "external": DATA / "external.jsonl",
    "external 2": DATA / "external2.jsonl",
    "external 3": DATA / "external3.jsonl",
}


def rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def verdict(row: dict[str, object]) -> bool:
    """The check's good/not-good verdict on a labelled row, with the contact's facts when the row has them."""
    facts = row.get("facts")
    return check(
        str(row["text"]),
        lang=str(row["lang"])[:2],
        channel=str(row["channel"]),
        facts=Facts(**facts) if isinstance(facts, dict) else None,
        kind=str(row["kind"]),
    ).good


@dataclass(frozen=True)
class Figures:
    n: int
    right: int
    tp: int
    fp: int
    fn: int

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def figures(judged: Iterable[tuple[dict[str, object], bool]]) -> Figures:
    n = right = tp = fp = fn = 0
    for row, good in judged:
        label = row["label"] == "good"
        n += 1
        right += good == label
        tp += good and label
        fp += good and not label
        fn += label and not good
    return Figures(n, right, tp, fp, fn)


def table(title: str, judged: list[tuple[dict[str, object], bool]], key: Callable[[dict[str, object]], str]) -> str:
    groups = sorted({key(r) for r, _ in judged})
    out = [f"| {title} | messages | accuracy | precision | recall |", "|---|---:|---:|---:|---:|"]
    for g in [*groups, "all"]:
        part = [(r, v) for r, v in judged if g == "all" or key(r) == g]
        f = figures(part)
        name = f"**{g}**" if g == "all" else g
        out.append(f"| {name} | {f.n} | {f.right}/{f.n} = {f.accuracy:.1%} | {f.precision:.1%} | {f.recall:.1%} |")
    return "\n".join(out)


def report(show_errors: bool = False) -> str:
    parts = []
    for name, path in SETS.items():
        judged = [(r, verdict(r)) for r in rows(path)]
        parts.append(f"### {name.capitalize()} set ({len(judged)} messages)\n")
        parts.append(table("language", judged, lambda r: str(r["lang"])) + "\n")
        parts.append(table("kind", judged, lambda r: str(r["kind"])) + "\n")
        parts.append(table("channel", judged, lambda r: str(r["channel"])) + "\n")
        if show_errors and name == "tuning":
            for r, v in judged:
                if v != (r["label"] == "good"):
                    parts.append(f"- misjudged ({r['kind']}, label {r['label']}): {str(r['text'])[:120]!r}")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.check_accuracy", description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the tuning set's misjudged messages")
    args = parser.parse_args(argv)
    print(report(args.errors))


if __name__ == "__main__":
    main()
