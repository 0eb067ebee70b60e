"""Every speed figure in one run, each beside its baseline and its goal.

    .venv/bin/python benchmarks/all.py            # about 15 minutes on two cores
    .venv/bin/python benchmarks/all.py --quick    # without the 100,000-briefing corpus (about 5 minutes)

Runs the benchmarks one after another, each in its own process, on seeded synthetic corpora (1,000 and
10,000 distinct stories for the import; 100,000 for search, filter and start), and prints each one's own
lines as it goes, then the whole table:
- import: naive per-row inserts (1,000 briefings) against the fast path, one process against the pool;
- extraction: the rules path against stock spaCy (when its model is installed);
- the map: a filter change pushed as JSON against a folium re-render;
- search and filter at 100,000 briefings, start and memory, the network panel;
- a team workspace: import, search and filter on PostgreSQL beside SQLite (when PostgreSQL is installed).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOWER_IS_BETTER = {"ms", "s", "MB"}


def steps(quick: bool, workdir: Path) -> list[tuple[str, list[str]]]:
    big = workdir / "search-100k.db"
    plan = [
        ("import, naive baseline", ["ingest.py", "--sizes", "1000", "--jobs", "1", "--naive"]),
        ("import", ["ingest.py", "--sizes", "10000", "--jobs", "1", "2"]),
        ("extraction", ["eval_extraction.py", "--sets", "dev,gold"]),
        ("map", ["map_filter.py", "--rounds", "20", "--reloads", "3"]),
        ("network", ["network.py"]),
        ("start on the samples", ["start.py", "--runs", "3"]),
    ]
    if not quick:
        plan += [
            ("search and filter at 100,000", ["search.py", "--briefings", "100000", "--db", str(big)]),
            ("start at 100,000", ["start.py", "--runs", "3", "--db", str(big)]),
        ]
    if shutil.which("pg_ctl") or glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):  # Debian's postgresql
        sizes = ["--briefings", "10000", "--imports", "1000"] if quick else ["--sqlite-db", str(big)]
        plan.append(("team workspace (PostgreSQL beside SQLite)", ["team.py", *sizes]))
    return plan


def table(rows: list[dict]) -> str:
    lines = []
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            lines.append(f"\n{section}")
        value = f"{row['value']:,.1f}" if row["value"] < 100 else f"{row['value']:,.0f}"
        text = f"  {row['figure']:<52} {value:>10} {row['unit']:<12}"
        if row["baseline"]:
            base = row["baseline"]
            # Times and sizes are better lower, rates higher: the ratio says how many times better.
            ratio = base / row["value"] if row["unit"] in LOWER_IS_BETTER else row["value"] / base
            shown = f"{base:,.1f}" if base < 100 else f"{base:,.0f}"
            text += f" {row['baseline_label']}: {shown} ({ratio:.2f}× better)"
        if row["goal"]:
            text += f"   goal {row['goal']}"
        lines.append(text.rstrip())
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the 100,000-briefing corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        figures = workdir / "figures.jsonl"
        env = dict(os.environ, EXPLORER_BENCH_FIGURES=str(figures), EXPLORER_HOME=str(workdir / "home"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        failed = []
        for title, command in steps(args.quick, workdir):
            print(f"\n== {title}: {' '.join(command)}", flush=True)
            result = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], env=env)
            if result.returncode != 0:
                failed.append(title)
        rows = [json.loads(line) for line in figures.read_text(encoding="utf-8").splitlines()]
    print("\n== All figures (baselines measured in this run)")
    print(table(rows))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
