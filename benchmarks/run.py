"""Print the speed figures of the core on synthetic data. Run: .venv/bin/python benchmarks/run.py

Figures: import throughput (parse + extract + store, one transaction per batch), full-text search
latency and filter-to-list latency, on N synthetic briefings built from the bundled samples.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from explorer.extract import extract
from explorer.ingest.registry import iter_files, read_file
from explorer.model import Filter
from explorer.resources import data_path
from explorer.store import Store


def synthetic(n: int):
    base = [b for path, _ in iter_files([data_path("samples")]) for b in read_file(path).briefings]
    for i in range(n):
        b = base[i % len(base)]
        yield replace(b, title=f"{b.title} #{i}", origin=f"synthetic-{i}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        items = list(synthetic(args.briefings))
        started = time.perf_counter()
        extracted = [(b, extract(b)) for b in items]
        extract_s = time.perf_counter() - started
        started = time.perf_counter()
        for i in range(0, len(extracted), 500):
            store.add_briefings(extracted[i : i + 500])
        store_s = time.perf_counter() - started
        print(f"briefings                      {args.briefings}")
        print(f"extract                        {args.briefings / extract_s:8.0f} briefings/s")
        print(f"store (500 per transaction)    {args.briefings / store_s:8.0f} briefings/s")
        # The window never holds a whole import's extraction results: drop them, so a collection of them
        # does not land inside a timed query below.
        del items, extracted
        gc.collect()

        queries = ["china", "export controls", '"rate cut"', "lithium OR copper", "nvid*", "opec saudi"]
        timings = []
        for _ in range(20):
            for q in queries:
                t = time.perf_counter()
                store.search(q, limit=50)
                timings.append((time.perf_counter() - t) * 1000)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"search p50 / p95               {p50:6.1f} / {p95:.1f} ms")

        filters = [Filter(), Filter(countries=("CN",)), Filter(query="oil", countries=("SA",))]
        timings = []
        for _ in range(5):
            for flt in filters:
                t = time.perf_counter()
                store.list_briefings(flt)
                store.country_counts(flt)
                timings.append((time.perf_counter() - t) * 1000)
        print(f"filter → list + map counts p95 {percentile(timings, 0.95):6.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
