"""Extraction quality and speed. Run: .venv/bin/python benchmarks/eval_extraction.py [--misses dev]

Quality: precision, recall and F1 per kind, mention by mention with exact spans, on the sets in
benchmarks/eval/ (entities marked [[surface|kind|country]]):
- gold.txt and heldout.txt: paragraphs written by the team that wrote the rules (tuned on gold.txt);
- dev_newswire.txt: wire-style text written and annotated by someone who had not read the rules, the set to
  tune on;
- test_newswire.txt: another such set by another writer, never tuned on: `--misses` refuses to list it.
- dev_excerpts.txt: one-paragraph news excerpts, the notes analysts paste, by a third writer, to tune on;
- dev_excerpts_2.txt: more such excerpts by a fourth writer, who had not read the rules either and was
  asked for small towns, rivers, provinces, local companies and armed groups from every region (the first
  scores it met were far below those of the sets tuned on: a fresh set shows what tuning hid);
"test:excerpts" are the test set's documents that are one paragraph with no headline or dateline.
A predicted mention counts when its start, end and kind equal a gold mention's. "place+country" also needs
the right country where the gold gives one. Geocoding is the share of gold places found with their span
that got the right country.

Each set is scored for the rules, the rules with our spaCy backend, and stock spaCy (its GPE/LOC/NORP as
places, ORG, PERSON) when the model is installed; then tokens per second for each, and the throughput of
whole 4–5 KB briefings on the rules path (median and best of seven rounds, and the rate at each briefing's
fastest time, the steadiest figure on a machine whose speed changes by the minute).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from figures import record

from explorer.extract import extract, extract_text, nlp
from explorer.ingest.registry import iter_files, read_file
from explorer.model import Briefing
from explorer.resources import data_path

EVAL = Path(__file__).with_name("eval")
SETS = {
    "gold": EVAL / "gold.txt",
    "heldout": EVAL / "heldout.txt",
    "dev": EVAL / "dev_newswire.txt",
    "dev-excerpts": EVAL / "dev_excerpts.txt",
    "dev-excerpts-2": EVAL / "dev_excerpts_2.txt",
    "test": EVAL / "test_newswire.txt",
}
NEVER_INSPECTED = {"test"}  # its misses are never listed: the figures stay honest
_MARK = re.compile(r"\[\[([^|\]]+)\|(place|org|person)(?:\|([A-Z]{2}))?\]\]")
KINDS = ("place", "org", "person")
_STOCK_LABELS = {"GPE": "place", "LOC": "place", "NORP": "place", "ORG": "org", "PERSON": "person"}
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    country: str | None = None


Document = tuple[str, list[Span]]
Predictor = Callable[[str], list[Span]]


def load_set(path: Path) -> list[Document]:
    """Blocks separated by blank lines; the markup is removed and each mark becomes a span of the text."""
    documents = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        text, spans, last = [], [], 0
        length = 0
        for mark in _MARK.finditer(block):
            before = block[last : mark.start()]
            text.append(before)
            length += len(before)
            surface = mark.group(1)
            spans.append(Span(length, length + len(surface), mark.group(2), mark.group(3)))
            text.append(surface)
            length += len(surface)
            last = mark.end()
        text.append(block[last:])
        documents.append(("".join(text), spans))
    return documents


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,| \d{4}-| \()", re.MULTILINE)


def excerpts(documents: list[Document]) -> list[Document]:
    """The documents that are one paragraph with no headline or dateline: news excerpts an analyst pastes."""
    return [d for d in documents if "\n" not in d[0].strip() and not _DATELINE.search(d[0])]


def rules_and_backend(text: str) -> list[Span]:
    return [Span(m.start, m.end, m.kind, m.country) for m in extract_text(text) if m.kind in KINDS]


def stock_spacy(pipeline) -> Predictor:
    def predict(text: str) -> list[Span]:
        return [
            Span(e.start_char, e.end_char, _STOCK_LABELS[e.label_])
            for e in pipeline(text).ents
            if e.label_ in _STOCK_LABELS
        ]

    return predict


def whole_stock_pipeline():
    """The installed model with every component it ships with, as `spacy.load` gives it; the app and
    "stock spaCy" above load it without the components entity recognition does not need."""
    import importlib.util

    import spacy

    chosen = os.environ.get("EXPLORER_SPACY_MODEL")
    for name in (chosen,) if chosen else nlp.DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    return None


def score(documents: list[Document], predict: Predictor) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    found_places = right_country = 0
    misses: list[str] = []
    for text, gold in documents:
        predicted = predict(text)
        by_span = {(s.start, s.end, s.kind): s for s in gold}
        predicted_keys = {(s.start, s.end, s.kind): s for s in predicted}
        for key, span in predicted_keys.items():
            match = by_span.get(key)
            if match is None:
                fp[span.kind] += 1
                misses.append(f"  extra   {span.kind:6} {text[span.start : span.end]!r} {span.country or ''}")
                continue
            tp[span.kind] += 1
            if span.kind == "place" and match.country:
                found_places += 1
                if span.country == match.country:
                    right_country += 1
                    tp["place+country"] += 1
                else:
                    fp["place+country"] += 1
                    fn["place+country"] += 1
                    surface = text[span.start : span.end]
                    misses.append(f"  country place  {surface!r} {span.country} (gold {match.country})")
            elif span.kind == "place":
                tp["place+country"] += 1
        for key, span in by_span.items():
            if key not in predicted_keys:
                fn[span.kind] += 1
                if span.kind == "place":
                    fn["place+country"] += 1
                context = text[max(0, span.start - 30) : span.end + 30].replace("\n", " ")
                misses.append(f"  missed  {span.kind:6} {text[span.start : span.end]!r}   …{context}…")
        for span in predicted_keys.values():
            if span.kind == "place" and (span.start, span.end, "place") not in by_span:
                fp["place+country"] += 1
    return {"tp": tp, "fp": fp, "fn": fn, "found": found_places, "right": right_country, "misses": misses}


def f1_table(result: dict) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for kind in (*KINDS, "place+country"):
        tp, fp, fn = result["tp"][kind], result["fp"][kind], result["fn"][kind]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((kind, tp + fn, p, r, 2 * p * r / (p + r) if p + r else 0.0))
    return rows


def tokens_per_second(documents: list[Document], predict: Predictor, rounds: int = 3) -> float:
    texts = [text for text, _ in documents]
    tokens = sum(len(_TOKEN.findall(t)) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            predict(text)
        best = min(best, time.perf_counter() - started)
    return tokens / best


def seed_briefings() -> list[Briefing]:
    """Briefings of 4–5 KB: each sample briefing joined with the next one."""
    base = [b for path, _ in iter_files([data_path("samples")]) for b in read_file(path).briefings]
    return [
        replace(a, body=f"{a.body}\n\n{b.body}", sections=a.sections + b.sections)
        for a, b in zip(base, base[1:] + base[:1], strict=True)
    ]


def throughput(rounds: int = 7) -> tuple[float, float, float, float]:
    """Median and best briefings per second over rounds of one pass each, the average size, and briefings
    per second at each briefing's fastest time over all rounds."""
    seeds = seed_briefings()
    size = sum(len(b.title) + sum(len(t) for _, _, t in b.texts()) for b in seeds) / len(seeds)
    extract(seeds[0])  # load the gazetteer and knowledge base outside the timing
    rates = []
    fastest = [float("inf")] * len(seeds)
    clock = time.perf_counter
    for _ in range(rounds):
        started = clock()
        for _copy in range(4):
            for i, briefing in enumerate(seeds):
                begun = clock()
                extract(briefing)
                fastest[i] = min(fastest[i], clock() - begun)
        rates.append(4 * len(seeds) / (clock() - started))
    return statistics.median(rates), max(rates), size, len(seeds) / sum(fastest)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", choices=sorted(set(SETS) - NEVER_INSPECTED), help="list a set's errors")
    parser.add_argument(
        "--system", default="rules", help='whose errors --misses lists: "rules" or "rules + spaCy"'
    )
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated sets to score")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput figures")
    args = parser.parse_args()
    chosen = [name for name in args.sets.split(",") if name in SETS and SETS[name].exists()]
    documents = {name: load_set(SETS[name]) for name in chosen}
    if "test" in documents:
        documents["test:excerpts"] = excerpts(documents["test"])

    os.environ.setdefault("EXPLORER_NLP", "spacy")  # to compare; the app runs the rules unless told
    model = nlp.pipeline()
    systems: list[tuple[str, Predictor, object]] = [("rules", rules_and_backend, None)]
    if model is not None:
        systems += [("rules + spaCy", rules_and_backend, model), ("stock spaCy", stock_spacy(model), None)]

    print(f"{'set':13} {'system':14} {'kind':14} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    speeds: dict[str, float] = {}
    for label, predict, pipeline in systems:
        nlp.use_pipeline(pipeline)
        for name, docs in documents.items():
            result = score(docs, predict)
            for kind, gold, p, r, f1 in f1_table(result):
                if kind == "place+country" and label == "stock spaCy":
                    continue  # spaCy gives no country
                figures = f"{gold:5d} {100 * p:6.1f} {100 * r:6.1f} {100 * f1:6.1f}"
                print(f"{name:13} {label:14} {kind:14} {figures}")
            if result["found"] and label != "stock spaCy":
                share = result["right"] / result["found"]
                print(f"{name:13} {label:14} geocoding: {result['right']}/{result['found']} ({share:.3f})")
            if args.misses == name and label == args.system and ":" not in name:
                print("\n".join(sorted(result["misses"])))
        speed_docs = [d for name, docs in documents.items() if name in ("dev", "gold") for d in docs]
        if speed_docs and not args.no_speed:
            speeds[label] = tokens_per_second(speed_docs, predict)
    nlp.use_pipeline(None)
    whole = whole_stock_pipeline() if model is not None and not args.no_speed else None
    if whole is not None and speed_docs:  # as spacy.load gives it: tagger, parser and lemmatizer run too
        speeds["stock spaCy, whole"] = tokens_per_second(speed_docs, stock_spacy(whole))
    for label, speed in speeds.items():
        ratio = f"  (rules: {speeds['rules'] / speed:.0f}× faster)" if "stock" in label else ""
        print(f"speed {label:18} {speed:10,.0f} tokens/s (one core, best of three passes){ratio}")
    if "rules" in speeds:  # against the model as spacy.load gives it, as the goal was set
        stock, label = speeds.get("stock spaCy, whole"), "stock spaCy (spacy.load)"
        record("extraction, one core", "rules path", speeds["rules"], "tokens/s", stock, label, "≥ 50×")
    if model is None:
        print("spaCy: no model installed (see packaging/requirements-nlp.txt to compare)")
    if not args.no_speed:
        median, best, size, steady = throughput()
        print(f"throughput (rules): {median:,.0f} briefings/s median, {best:,.0f} best")
        print(f"  at each briefing's fastest: {steady:,.0f} briefings/s ({1000 / steady:.2f} ms each)")
        print(f"  ({size / 1000:.1f} KB briefings, one core, seven rounds)")


if __name__ == "__main__":
    main()
