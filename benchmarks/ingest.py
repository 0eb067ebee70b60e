"""End-to-end import figures: `explorer ingest` of synthetic corpora, process start included.

    .venv/bin/python benchmarks/ingest.py                      # 1,000 and 10,000 briefings, 1 and 2 jobs
    .venv/bin/python benchmarks/ingest.py --sizes 5000 --jobs 1 2 --copies 0.1
    .venv/bin/python benchmarks/ingest.py --sizes 100000 --jobs 2

Each corpus is one JSON Lines file of seed-sized briefings (about 4–5 KB) made from the bundled samples'
sentences drawn at random, so that the stories differ (the share given by --copies repeats an earlier
story with a new title, for the near-duplicate path). The extraction dictionary is in the cache folder
before the first run, as it is after the app's first start. Printed per run: wall time, briefings per second,
and the peak resident memory of the whole process tree (the importer and its workers, summed).

`--naive` adds the baseline the write path replaced: the same corpus read, extracted and stored with
sqlite-utils one row at a time, a transaction per briefing, its full-text index kept by triggers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures import record  # noqa: E402
from start import tree  # noqa: E402

from explorer.ingest.registry import iter_files, read_file  # noqa: E402
from explorer.resources import data_path  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def corpus(path: Path, size: int, copies: float, seed: int = 7) -> None:
    samples = [b for file, _ in iter_files([data_path("samples")]) for b in read_file(file).briefings]
    sentences = [s for b in samples for s in _SENTENCE.split(b.body.replace("\n\n", " ")) if len(s) > 40]
    items = [item for b in samples for s in b.sections for item in s.items]
    rng = random.Random(seed)
    written: list[dict] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            if written and rng.random() < copies:
                record = dict(rng.choice(written), title=f"{rng.choice(samples).title} (wire copy {i})")
            else:
                body = []
                while sum(len(s) for s in body) < 3500:
                    body.append(rng.choice(sentences))
                record = {
                    "title": f"{rng.choice(samples).title} · {i}",
                    "body": "\n\n".join(" ".join(body[j : j + 4]) for j in range(0, len(body), 4)),
                    "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "source": rng.choice(["Desk A", "Desk B", "Wire C", "Wire D"]),
                    "sections": {"Key Signals": rng.sample(items, 4)},
                }
                written.append(record)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total = 0
    for member in tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def naive_import(corpus_file: Path, db_path: Path) -> None:
    """The baseline: every briefing extracted, then inserted with its mentions through sqlite-utils' row
    API, a transaction each (what a first version of an importer does)."""
    import sqlite_utils

    from explorer.extract import extract
    from explorer.model import Briefing

    db = sqlite_utils.Database(db_path)
    db["briefings"].create({"id": int, "title": str, "body": str, "published": str}, pk="id")
    db["briefings"].enable_fts(["title", "body"], create_triggers=True)
    db["mentions"].create({"briefing_id": int, "name": str, "kind": str, "start": int, "end": int})
    with corpus_file.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            briefing = Briefing(item["title"], item["body"], published=item.get("published"))
            mentions = extract(briefing)
            with db.conn:
                row = db["briefings"].insert(
                    {"title": briefing.title, "body": briefing.body, "published": briefing.published}
                )
                for m in mentions:
                    db["mentions"].insert(
                        {"briefing_id": row.last_pk, "name": m.name, "kind": m.kind, "start": m.start,
                         "end": m.end}
                    )  # fmt: skip


def warm_dictionary(workdir: Path) -> None:
    """Build the extraction dictionary and the place readings' file into the runs' cache folder, as the
    app's first start does (an import's workers write the readings after their last chunk)."""
    code = "from explorer.extract import readings_file; readings_file.write()"
    subprocess.run([sys.executable, "-c", code], env=_environment(workdir), check=True)


def _environment(workdir: Path) -> dict[str, str]:
    return dict(os.environ, EXPLORER_HOME=str(workdir / "home"), EXPLORER_NLP="rules")


def run(corpus_file: Path, jobs: int, workdir: Path, naive: bool = False) -> tuple[float, float, str]:
    env = _environment(workdir)
    db = workdir / f"ws-{jobs}-{time.monotonic_ns()}.db"
    command = [sys.executable, "-m", "explorer", "--db", str(db), "ingest", "--jobs", str(jobs)]
    command.append(str(corpus_file))
    if naive:
        command = [sys.executable, __file__, "--naive-child", str(corpus_file), str(db)]
    peak = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}): {err.strip()[-500:]}")
    return elapsed, peak, (out.strip().splitlines() or ["naive per-row inserts"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--copies", type=float, default=0.0, help="share of briefings that repeat a story")
    parser.add_argument("--naive", action="store_true", help="also time the per-row baseline")
    parser.add_argument("--naive-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_child:
        naive_import(*args.naive_child)
        return
    print(f"{'briefings':>9} {'jobs':>5} {'seconds':>8} {'per s':>7} {'peak MB':>8}  summary")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        warm_dictionary(workdir)
        for size in args.sizes:
            corpus_file = workdir / f"corpus-{size}.jsonl"
            corpus(corpus_file, size, args.copies)
            rates: dict[str, float] = {}
            for jobs in (["naive"] if args.naive else []) + args.jobs:
                elapsed, peak, summary = run(
                    corpus_file, jobs if jobs != "naive" else 1, workdir, jobs == "naive"
                )
                rates[str(jobs)] = size / elapsed
                print(f"{size:>9} {jobs:>5} {elapsed:>8.2f} {size / elapsed:>7.0f} {peak:>8.0f}  {summary}")
                _record(size, jobs, size / elapsed, peak, rates)


def _record(size: int, jobs: int | str, rate: float, peak: float, rates: dict[str, float]) -> None:
    if jobs == "naive":
        return
    section = "import (explorer ingest, end to end)"
    if jobs == 1:
        baseline, label = rates.get("naive"), "naive per-row inserts"
    else:
        baseline, label = rates.get("1"), "one process"
    goal = "≥ 1,000/s on one core" if jobs == 1 else "≥ 1.7× one process"
    record(section, f"{size:,} briefings, {jobs} job{'s' if jobs != 1 else ''}", rate, "briefings/s",
           baseline, label, goal)  # fmt: skip
    record(section, f"{size:,} briefings, {jobs} job{'s' if jobs != 1 else ''}: peak memory", peak, "MB",
           goal="≤ 500 MB")  # fmt: skip


if __name__ == "__main__":
    main()
