"""The mutation score per module, from mutmut's results, with the survivors explained in docs/mutation.md.

Run after `mutmut run` (`make mutation` does both). A survivor listed as equivalent in docs/mutation.md
(a line "- `mutant name` `mutated line` — why") counts as explained only while mutmut still shows that line
for it: mutant numbers move when the code changes, and a stale entry is reported so that it is looked at again.
With --write, the score table between the markers in docs/mutation.md is replaced.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

DOC = Path("docs/mutation.md")
BEGIN, END = "<!-- score:begin -->", "<!-- score:end -->"
# Functions of store/activity.py that feed the agenda's running summaries; the rest (notes, listings) do not.
AGENDA_ACTIVITY = ("insert_interaction", "interactions_of", "_interaction", "insert_favour", "insert_event")
_EQUIVALENT = re.compile(r"^- `(?P<name>[^`]+)` `(?P<line>[^`]+)`")
_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")
# mutmut as installed next to this Python (the project's virtual environment), else from the PATH.
_BESIDE = Path(sys.executable).with_name("mutmut")
MUTMUT = str(_BESIDE) if _BESIDE.exists() else "mutmut"


def results() -> dict[str, str]:
    out = subprocess.run([MUTMUT, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = _RESULT.match(line)
        if match:
            found[match["name"]] = match["status"].strip()
    return found


def module_and_function(name: str) -> tuple[str, str]:
    module, _, rest = name.rpartition(".")
    function = rest.split("__mutmut_")[0].removeprefix("x_").replace("ǁ", ".").strip(".")
    return module, function


def in_scope(name: str) -> bool:
    module, function = module_and_function(name)
    return module != "rapport.store.activity" or function in AGENDA_ACTIVITY


def equivalents(doc: str) -> dict[str, str]:
    """Mutant name -> the mutated line as written in the doc."""
    return {m["name"]: m["line"] for m in map(_EQUIVALENT.match, doc.splitlines()) if m}


def shows(name: str, line: str) -> bool:
    """Whether mutmut's diff of the mutant still adds that line."""
    diff = subprocess.run([MUTMUT, "show", name], capture_output=True, text=True).stdout
    added = [d[1:].strip() for d in diff.splitlines() if d.startswith("+") and not d.startswith("+++")]
    return any(" ".join(line.split()) in " ".join(a.split()) for a in added)


def score(found: dict[str, str], explained: dict[str, str]) -> tuple[str, list[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    problems: list[str] = []
    for name, status in sorted(found.items()):
        if not in_scope(name):
            continue
        module, _ = module_and_function(name)
        if status == "survived" and name in explained:
            if shows(name, explained[name]):
                status = "equivalent"
            else:
                problems.append(f"stale equivalent entry (re-check): {name}")
        elif status == "survived":
            problems.append(f"unexplained survivor: {name}")
        elif status != "killed":
            problems.append(f"{status}: {name}")
        counts[module][status] += 1
    for name in explained:
        if name in found and found[name] != "survived":
            problems.append(f"listed as equivalent but {found[name]}: {name}")
    rows = ["| module | mutants | killed | equivalent | survived | other |", "|---|---:|---:|---:|---:|---:|"]
    total: Counter[str] = Counter()
    for module, c in sorted(counts.items()):
        total.update(c)
        rows.append(_row(module, c))
    rows.append(_row("**all**", total))
    return "\n".join(rows), problems


def _row(label: str, c: Counter[str]) -> str:
    other = sum(c.values()) - c["killed"] - c["equivalent"] - c["survived"]
    return f"| {label} | {sum(c.values())} | {c['killed']} | {c['equivalent']} | {c['survived']} | {other} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"update the score in {DOC}")
    args = parser.parse_args(argv)
    doc = DOC.read_text(encoding="utf-8")
    table, problems = score(results(), equivalents(doc))
    print(table)
    for problem in problems:
        print(problem)
    if args.write:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        block = f"{BEGIN}\nMeasured {stamp} with `make mutation`.\n\n{table}\n{END}"
        DOC.write_text(re.sub(f"{BEGIN}.*?{END}", lambda _: block, doc, flags=re.S), encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
