"""The mutation score per module, from mutmut's results, with the survivors explained in docs/mutation.md.

Run after `mutmut run` (`make mutation` does both). A survivor listed as equivalent in docs/mutation.md
(a line "- `mutant name` `mutated line` — why") counts as explained only while mutmut still shows that line
for it: mutant numbers move when the code changes, and a stale entry is reported so that it is looked at again.
A survivor that only changes the letter case of SQL is equivalent by rule: SQL keywords and unquoted names are
case-insensitive in SQLite and PostgreSQL (a changed `:parameter` name fails, so it never survives).

--recheck first runs the survivors again (mutmut keeps a survivor's result even after tests were added);
--write replaces the score table between the markers in docs/mutation.md.
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
_RECHECK = ("survived", "no tests", "not checked", "suspicious")
_SQL = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|AND|ORDER BY)\b", re.I)
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


def diff(name: str) -> tuple[list[str], list[str]]:
    """The lines a mutant removes and adds, white space collapsed."""
    text = subprocess.run([MUTMUT, "show", name], capture_output=True, text=True).stdout
    lines = [d for d in text.splitlines() if not d.startswith(("+++", "---"))]
    removed = [" ".join(d[1:].split()) for d in lines if d.startswith("-")]
    added = [" ".join(d[1:].split()) for d in lines if d.startswith("+")]
    return removed, added


def shows(name: str, line: str) -> bool:
    """Whether mutmut's diff of the mutant still adds that line."""
    return any(" ".join(line.split()) in added for added in diff(name)[1])


def sql_case_only(name: str) -> bool:
    removed, added = diff(name)
    return (
        bool(added)
        and removed != added
        and [r.lower() for r in removed] == [a.lower() for a in added]
        and all(_SQL.search(r) for r in removed)
    )


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
        elif status == "survived" and sql_case_only(name):
            status = "equivalent"
        elif status == "survived":
            problems.append(f"unexplained survivor: {name}")
        elif status not in ("killed", "timeout"):  # a test that no longer ends noticed the change too
            problems.append(f"{status}: {name}")
        counts[module][status] += 1
    for name in explained:
        if name in found and found[name] != "survived":
            problems.append(f"listed as equivalent but {found[name]}: {name}")
    rows = [
        "| module | mutants | killed | timeout | explained | survived | other |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module, c in sorted(counts.items()):
        total.update(c)
        rows.append(_row(module, c))
    rows.append(_row("**all**", total))
    return "\n".join(rows), problems


def _row(label: str, c: Counter[str]) -> str:
    other = sum(c.values()) - c["killed"] - c["timeout"] - c["equivalent"] - c["survived"]
    cells = [sum(c.values()), c["killed"], c["timeout"], c["equivalent"], c["survived"], other]
    return f"| {label} | " + " | ".join(str(n) for n in cells) + " |"


def recheck(found: dict[str, str], explained: dict[str, str], jobs: int) -> dict[str, str]:
    """Run the unexplained survivors (and mutants no test reached) again with the tests as they are now."""
    survivors = [
        name
        for name, status in found.items()
        if status in _RECHECK and in_scope(name) and name not in explained and not sql_case_only(name)
    ]
    if survivors:
        subprocess.run([MUTMUT, "run", "--max-children", str(jobs), *survivors], capture_output=True, check=False)
        return results()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update the score in {DOC}")
    parser.add_argument("--recheck", action="store_true", help="run the survivors again first")
    parser.add_argument("--jobs", type=int, default=2, help="processes for --recheck (default 2)")
    args = parser.parse_args(argv)
    doc = DOC.read_text(encoding="utf-8")
    found, explained = results(), equivalents(doc)
    if args.recheck:
        found = recheck(found, explained, args.jobs)
    table, problems = score(found, explained)
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
