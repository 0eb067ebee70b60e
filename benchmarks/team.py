"""Team workspace figures: PostgreSQL beside SQLite, in the same run, on the same corpora.

    .venv/bin/python benchmarks/team.py                               # 100,000 for search, 5,000 to import
    .venv/bin/python benchmarks/team.py --briefings 20000 --imports 2000
    .venv/bin/python benchmarks/team.py --pg-url postgresql://…       # a server of your own (else throwaway)

Starts a throwaway PostgreSQL server (Debian's postgresql: tests/pg_server.py) unless given one. Prints:
- import: `explorer ingest` of one JSON Lines file of seed-sized briefings (process start included) into a
  new SQLite file, into a new PostgreSQL workspace, and the same file split in two halves imported by two
  processes at once into one PostgreSQL workspace (the desk importing side by side);
- search p95 (50 best, the query mix of benchmarks/search.py) and filter → list p95 (total and 500 rows)
  on a synthetic workspace of --briefings briefings on each engine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures import record  # noqa: E402
from ingest import corpus  # noqa: E402
from search import add_synthetic, list_times, p95, search_times  # noqa: E402

from explorer.store import Store  # noqa: E402


def ingest(locations: list[str], files: list[Path], workdir: Path) -> float:
    """Seconds until every `explorer ingest` (one per location and file, all at once) has finished."""
    env = dict(os.environ, EXPLORER_HOME=str(workdir / "home"), EXPLORER_NLP="rules")
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "explorer", "ingest", "--jobs", "1", str(file)],
            env=dict(env, EXPLORER_DB=location),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for location, file in zip(locations, files, strict=True)
    ]
    for process in processes:
        _out, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"ingest failed: {err.strip()[-500:]}")
    return time.perf_counter() - started


def halves(source: Path) -> list[Path]:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    parts = []
    for index, chunk in enumerate((lines[:middle], lines[middle:])):
        part = source.with_name(f"{source.stem}-half{index}.jsonl")
        part.write_text("".join(chunk), encoding="utf-8")
        parts.append(part)
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--briefings", type=int, default=100_000, help="the search workspace's size")
    parser.add_argument("--imports", type=int, default=5_000, help="briefings in the import corpus")
    parser.add_argument(
        "--pg-url", help="a PostgreSQL server's maintenance database URL (default: throwaway)"
    )
    parser.add_argument("--sqlite-db", type=Path, help="keep the SQLite search workspace here and reuse it")
    args = parser.parse_args()
    server = None
    if args.pg_url is None:
        from tests.pg_server import ThrowawayServer

        server = ThrowawayServer().start()
    workdir = Path(tempfile.mkdtemp(prefix="explorer-team-bench-"))
    try:
        new_pg = server.create_database if server else _database_on(args.pg_url)
        corpus_file = workdir / "corpus.jsonl"
        corpus(corpus_file, args.imports, copies=0.0)
        section = f"team workspace: import of {args.imports:,} briefings (explorer ingest, 1 job each)"
        sqlite_s = ingest([str(workdir / "import.db")], [corpus_file], workdir)
        pg_s = ingest([new_pg()], [corpus_file], workdir)
        shared = new_pg()
        two_s = ingest([shared, shared], halves(corpus_file), workdir)
        check = Store.open(shared)
        stored = check.briefing_count()
        check.close()
        for label, seconds in (("SQLite", sqlite_s), ("PostgreSQL", pg_s), ("PostgreSQL, 2 writers", two_s)):
            print(f"import into {label:<24} {seconds:6.1f} s   {args.imports / seconds:6.0f} briefings/s")
        print(f"  two writers stored {stored} of {args.imports} briefings")
        record(
            section,
            "PostgreSQL import",
            args.imports / pg_s,
            "briefings/s",
            args.imports / sqlite_s,
            "SQLite",
        )
        two = args.imports / two_s
        record(section, "PostgreSQL, 2 writers at once", two, "briefings/s", args.imports / pg_s, "1 writer")

        section = f"team workspace: search and filter, {args.briefings:,} briefings"
        figures = {}
        for engine in ("sqlite", "postgresql"):
            started = time.perf_counter()
            if engine == "sqlite":
                path = args.sqlite_db or workdir / "search.db"
                store = Store.open(path)
                if store.briefing_count() == 0:
                    add_synthetic(store, args.briefings, random.Random(5))
                    store.db.execute("PRAGMA optimize")
            else:
                store = Store.open(new_pg())
                add_synthetic(store, args.briefings, random.Random(5))
                store.db.execute("analyze")
            built = time.perf_counter() - started
            searched, listed = search_times(store), list_times(store)
            store.close()
            figures[engine] = (p95(searched), p95(listed))
            print(
                f"{engine:<10} built in {built:5.0f} s   search p50 {statistics.median(searched):5.1f} ms"
                f" p95 {p95(searched):5.1f} ms   filter → list p50 {statistics.median(listed):5.1f} ms"
                f" p95 {p95(listed):5.1f} ms"
            )
        (sq_search, sq_list), (pg_search, pg_list) = figures["sqlite"], figures["postgresql"]
        record(section, "PostgreSQL search p95", pg_search, "ms", sq_search, "SQLite", goal="≤ 20 ms")
        record(section, "PostgreSQL filter → list p95", pg_list, "ms", sq_list, "SQLite", goal="≤ 50 ms")
    finally:
        if server is not None:
            server.stop()


def _database_on(url: str):
    """A function making a new database on the given server, returning its URL."""
    import psycopg

    counter = iter(range(1_000_000))

    def create() -> str:
        name = f"explorer_bench_{os.getpid()}_{next(counter)}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'create database "{name}"')
        base, _, query = url.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")

    return create


if __name__ == "__main__":
    main()
