"""Watchlist figures: 20 watches checked after an import of 1,000 briefings into a large workspace.

Run: .venv/bin/python benchmarks/watches.py [--briefings 100000] [--db FILE]
Prints: the time to run all watches over the new briefings (what every import does at its end), the
first time in a process and after a second import, the matches found, and the time for the check a cron
job runs (`explorer watch check`: read and mark checked).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import QUERIES, add_synthetic, build

# The search benchmark's queries but the one bounded by dates (a watch looks forward), and eight more.
WATCHES = [q for q in QUERIES if not q.startswith("after:")] + [
    "cobalt OR nickel",
    "ceasefire",
    "pipeline AND gas",
    "drought harvest",
    "election",
    "default AND property",
    "currency devaluation",
    "shipping strait",
    "refinery",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--db", type=Path, help="keep the workspace here and reuse it (each run adds --new)")
    args = parser.parse_args()
    from explorer.store import Store

    started = time.perf_counter()
    path = args.db or Path(tempfile.mkdtemp()) / "watches.db"
    store = Store.open(path) if path.exists() else build(path, args.briefings)
    print(f"workspace: {store.briefing_count()} briefings (ready in {time.perf_counter() - started:.0f} s)")
    for i, query in enumerate(WATCHES):
        store.add_watch(f"watch {i}", query)
    # The first run in a process also loads the organisation names that field queries (org:"TSMC") are
    # resolved through, as an import has by then for its extraction: timed apart, then a second import.
    for label, seed in (("first run in this process", 11), ("after a second import", 12)):
        add_synthetic(store, args.new, random.Random(seed), first=store.briefing_count())
        started = time.perf_counter()
        found = store.run_watches()
        run_ms = (time.perf_counter() - started) * 1000
        print(
            f"run {len(WATCHES)} watches over {args.new} new briefings ({label}): {run_ms:.0f} ms,"
            f" {sum(found.values())} matches in {len(found)} watches"
        )
    started = time.perf_counter()
    for watch in store.watches():
        matches = store.unchecked_matches(watch.name)
        store.mark_watch_checked(watch.name, [m.id for m in matches])
    print(f"check (read and mark checked): {(time.perf_counter() - started) * 1000:.0f} ms")
    for i in range(len(WATCHES)):
        store.remove_watch(f"watch {i}")
    store.close()


if __name__ == "__main__":
    main()
