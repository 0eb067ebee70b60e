"""Extraction speed of the working tree against an earlier revision, side by side in one process.

Run: .venv/bin/python benchmarks/compare_extraction.py [REV] [--rounds 20]      (REV defaults to HEAD)

The revision's package and data are unpacked with `git archive` into a temporary folder, the package
renamed explorer_rev (its own imports rewritten to match), and loaded beside the working tree's. Each
seed briefing (as in eval_extraction.py) is extracted by both, in alternating order, round after round;
each side's figure is the sum of every briefing's fastest time. Both sides share the same minutes of the
machine, so a change of one or two percent shows even where the speed of separate runs varies by half.
It also says whether both sides found the same mentions.
"""

from __future__ import annotations

import argparse
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from eval_extraction import seed_briefings

from explorer.extract import extract

ROOT = Path(__file__).resolve().parent.parent
_IMPORT = re.compile(r"\b(from|import) explorer\b")


def load_revision(rev: str, folder: Path):
    """The revision's explorer.extract, imported as explorer_rev.extract."""
    archive = subprocess.run(
        ["git", "archive", rev, "explorer", "data"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:  # our own repository's files
        if hasattr(tarfile, "data_filter"):
            tar.extractall(folder, filter="data")
        else:  # Python before 3.11.4
            tar.extractall(folder)
    (folder / "explorer").rename(folder / "explorer_rev")
    for source in (folder / "explorer_rev").rglob("*.py"):
        source.write_text(
            _IMPORT.sub(r"\1 explorer_rev", source.read_text(encoding="utf-8")), encoding="utf-8"
        )
    sys.path.insert(0, str(folder))
    return importlib.import_module("explorer_rev.extract"), importlib.import_module("explorer_rev.model")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        old_extract, old_model = load_revision(args.rev, Path(folder))
        seeds = seed_briefings()
        old_seeds = [old_model.Briefing(**vars(b)) for b in seeds]
        differ = sum(old_extract.extract(o) != extract(b) for o, b in zip(old_seeds, seeds, strict=True))
        fastest = {"old": [float("inf")] * len(seeds), "new": [float("inf")] * len(seeds)}
        sides = (("old", old_extract.extract, old_seeds), ("new", extract, seeds))
        clock = time.perf_counter
        for round_ in range(args.rounds):
            for i in range(len(seeds)):
                for name, run, briefings in sides if round_ % 2 else sides[::-1]:
                    started = clock()
                    run(briefings[i])
                    fastest[name][i] = min(fastest[name][i], clock() - started)
    old, new = (sum(fastest[name]) / len(seeds) * 1000 for name in ("old", "new"))
    change = 100 * (new - old) / old
    print(f"{args.rev}: {old:.3f} ms per briefing   working tree: {new:.3f} ms   change {change:+.1f}%")
    print(f"same mentions: {'yes' if not differ else f'no, {differ} of {len(seeds)} briefings differ'}")


if __name__ == "__main__":
    main()
