"""One figure of a benchmark, for `benchmarks/all.py`: each script prints its figures as it always has
and, when EXPLORER_BENCH_FIGURES names a file, also appends them there as JSON lines."""

from __future__ import annotations

import json
import os


def record(
    section: str,
    figure: str,
    value: float,
    unit: str,
    baseline: float | None = None,
    baseline_label: str = "",
    goal: str = "",
) -> None:
    """`baseline`: the same figure measured the other way in the same run (naive inserts, one process,
    stock spaCy, a folium re-render), named by `baseline_label`; `goal`: the issue's target in words."""
    path = os.environ.get("EXPLORER_BENCH_FIGURES")
    if not path:
        return
    row = {
        "section": section,
        "figure": figure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_label": baseline_label,
        "goal": goal,
    }
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
