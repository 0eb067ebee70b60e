"""Search and list figures on a large synthetic workspace (default 100,000 briefings).

Run: .venv/bin/python benchmarks/search.py [--briefings 100000]
Prints: build time, full-text search p50/p95 over a mix of queries (phrases, operators, prefixes, NEAR,
fields), and filter → first page of the list (total count + 500 rows) p50/p95, as the reader does it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from figures import record

WORDS = [
    "oil",
    "gas",
    "lithium",
    "copper",
    "chips",
    "export",
    "controls",
    "sanctions",
    "tariff",
    "rate",
    "cut",
    "inflation",
    "election",
    "ceasefire",
    "shipping",
    "strait",
    "pipeline",
    "refinery",
    "lng",
    "nickel",
    "cobalt",
    "semiconductor",
    "foundry",
    "memory",
    "ai",
    "model",
    "cloud",
    "bank",
    "bond",
    "yield",
    "currency",
    "devaluation",
    "reserves",
    "opec",
    "output",
    "quota",
    "budget",
    "deficit",
    "stimulus",
    "property",
    "default",
    "drought",
    "harvest",
    "wheat",
    "rice",
    "fertiliser",
    "drone",
    "missile",
    "navy",
    "border",
    "protest",
    "strike",
    "merger",
    "acquisition",
]
COUNTRIES = ["US", "CN", "JP", "DE", "GB", "FR", "IN", "BR", "SA", "AU", "KR", "TW", "RU", "ZA", "NG", "MX"]
ORGS = [
    "TSMC",
    "Nvidia",
    "OPEC",
    "Saudi Aramco",
    "Shell",
    "BHP",
    "Reuters",
    "Federal Reserve",
    "IMF",
    "Samsung",
]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """A Zipf-like vocabulary: the domain words sit among 30,000 made-up ones at realistic ranks, so a
    query matches a few percent of the corpus, as in real news text, not nearly all of it."""
    filler = [f"w{i}" for i in range(30_000)]
    for rank, word in zip(rng.sample(range(40, 3000), len(WORDS)), WORDS, strict=True):
        filler.insert(rank, word)
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(filler))]
    return filler, weights


# A mix of the search language: phrases, operators, prefixes, NEAR, fields (watches.py reuses it).
QUERIES = [
    "lithium",
    '"export controls"',
    "chips AND (tariff OR sanctions)",
    "opec NOT quota",
    "semicond*",
    "NEAR(rate cut, 3)",
    "title:copper",
    "section:signals drone",
    "country:JP lng",
    'org:"TSMC" memory',
    "after:2024-06-01 before:2024-06-30 oil",
    "source:Desk bank",
]


def build(path: Path, n: int):
    from explorer.store import Store

    store = Store.open(path)
    add_synthetic(store, n, random.Random(5))
    store.db.execute("PRAGMA optimize")
    return store


def add_synthetic(store, n: int, rng: random.Random, first: int = 0) -> None:
    """n synthetic briefings, numbered from `first`, 5,000 to a transaction. Their places are countries by
    the gazetteer's names and coordinates, so the map spreads them as it would real ones."""
    from explorer.extract.gazetteer import countries
    from explorer.model import Briefing, Mention, Section

    places = {code: countries()[code] for code in COUNTRIES}

    vocab, weights = vocabulary(rng)
    batch = []
    start = 19_000  # days since 1970: 2022-01-08
    for i in range(first, first + n):
        words = rng.choices(vocab, weights, k=260)
        body = " ".join(words[:160]).capitalize() + "."
        title = " ".join(words[160:168]).capitalize()
        sections = (
            Section("Geopolitical Implications", (" ".join(words[168:220]),)),
            Section("Key Signals", (" ".join(words[220:260]),)),
        )
        day = time.strftime("%Y-%m-%d", time.gmtime((start + rng.randrange(1400)) * 86400))
        mentions = [
            Mention(p.name, "place", "body", 0, 0, len(p.name), p.name, country=p.code, lat=p.lat, lon=p.lon)
            for p in (places[code] for code in rng.sample(COUNTRIES, rng.randint(1, 3)))
        ] + [Mention(o, "org", "body", 0, 0, 3, o) for o in rng.sample(ORGS, 2)]
        source = rng.choice(["Wire", "Desk", "Feed"])
        briefing = Briefing(title=f"{title} {i}", body=body, sections=sections, published=day, source=source)
        batch.append((briefing, mentions))
        if len(batch) == 5000:
            store.add_briefings(batch)
            batch = []
    store.add_briefings(batch)


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def search_times(store, rounds: int = 10) -> list[float]:
    """Milliseconds of each search (50 best) over the query mix, each query warmed once first."""
    times = []
    for q in QUERIES:
        store.search(q, limit=50)
        times += timed(lambda q=q: store.search(q, limit=50), rounds)
    return times


def list_times(store, rounds: int = 10) -> list[float]:
    """Milliseconds from a filter to the first page of the list (the total, then 500 rows)."""
    from explorer.model import Filter

    filters = [
        Filter(),
        Filter(countries=("CN",)),
        Filter(query="lithium"),
        Filter(query="country:JP chips", date_from="2023-01-01", date_to="2023-12-31"),
        Filter(sources=("Wire",)),
        Filter(query="NOT oil"),
    ]
    times = []
    for flt in filters:

        def first_page(flt=flt) -> None:
            store.briefing_total(flt)
            store.list_briefings(flt, 500, 0)

        first_page()
        times += timed(first_page, rounds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the workspace here and reuse it on the next run")
    args = parser.parse_args()
    from explorer.model import Filter
    from explorer.store import Store

    t = time.perf_counter()
    path = args.db or Path(tempfile.mkdtemp()) / "search.db"
    store = Store.open(path) if path.exists() else build(path, args.briefings)
    print(f"workspace: {store.briefing_count()} briefings (built in {time.perf_counter() - t:.0f} s)")

    queries = QUERIES
    search_ms = search_times(store)
    p50 = statistics.median(search_ms)
    print(f"search (50 best)              p50 {p50:6.1f} ms   p95 {p95(search_ms):6.1f} ms")
    section = f"search and filter, {store.briefing_count():,} briefings"
    record(section, "search p95", p95(search_ms), "ms", goal="≤ 10 ms")
    for q in queries:
        slowest = max(timed(lambda q=q: store.search(q, limit=50), 3))
        if slowest > 10:
            print(f"  over 10 ms: {q!r} ({store.briefing_total(Filter(query=q))} matches, {slowest:.0f} ms)")

    list_ms = list_times(store)
    p50 = statistics.median(list_ms)
    print(f"filter → list (count + 500)   p50 {p50:6.1f} ms   p95 {p95(list_ms):6.1f} ms")
    record(section, "filter → list p95", p95(list_ms), "ms", goal="≤ 50 ms")
    store.close()


if __name__ == "__main__":
    main()
