"""`explorer entities`: what extraction finds in one file, without storing it.

By default the file is read as a briefing (title, body, sections) and the entities are listed with their
counts. `--plain` reads the whole file as one text, and `--plain --jsonl` reads one `{"id", "text"}` object
per line; both print one JSON line per text with every mention's character offsets into that text as
given, for analysts' own pipelines and for evaluation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from explorer.cli.common import EXIT_FAILURES, EXIT_OK, UserError
from explorer.model import Mention


def add_entities_parser(sub: Any) -> None:
    entities = sub.add_parser("entities", help="extract entities from one file without storing it")
    entities.add_argument("file", type=Path)
    entities.add_argument("--json", action="store_true", help="the entity list as JSON")
    entities.add_argument(
        "--plain", action="store_true", help="the file is one plain text: print each mention with its offsets"
    )
    entities.add_argument(
        "--jsonl", action="store_true", help='with --plain: one {"id", "text"} object per line of the file'
    )


def run_entities(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise UserError(f"{args.file}: no such file")
    if args.jsonl and not args.plain:
        raise UserError("--jsonl reads plain texts: add --plain")
    if args.plain:
        return _plain(args.file, args.jsonl)
    return _briefing(args.file, args.json)


def _plain(path: Path, jsonl: bool) -> int:
    from explorer.extract import extract_text

    failed = 0
    texts = _jsonl_texts(path) if jsonl else iter([(1, path.name, _read(path))])
    for line_number, key, text in texts:
        if isinstance(text, Exception):
            print(f"explorer: {path.name} line {line_number}: {text}", file=sys.stderr)
            failed += 1
            continue
        mentions = [_plain_mention(m) for m in extract_text(text)]
        print(json.dumps({"id": key, "mentions": mentions}, ensure_ascii=False))
    return EXIT_FAILURES if failed else EXIT_OK


def _jsonl_texts(path: Path) -> Iterator[tuple[int, Any, str | Exception]]:
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, ValueError(f"not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield number, None, ValueError('expected an object with a "text" string')
            continue
        yield number, row.get("id"), row["text"]


def _plain_mention(m: Mention) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "kind": m.kind,
        "name": m.name,
        "country": m.country,
        "rule": m.rule,
        "confidence": m.confidence,
    }


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise UserError(f"cannot read {path.name}: {exc.strerror or exc}") from exc


def _briefing(path: Path, as_json: bool) -> int:
    from explorer.extract import extract
    from explorer.ingest.registry import read_file

    result = read_file(path)
    if result.failures:
        raise UserError("; ".join(f"{where}: {reason}" for where, reason in result.failures))
    counts: Counter[tuple[str, str]] = Counter()
    best: dict[tuple[str, str], Mention] = {}
    rules: dict[tuple[str, str], set[str]] = {}
    surfaces: dict[tuple[str, str], set[str]] = {}
    for briefing in result.briefings:
        for mention in extract(briefing):
            key = (mention.name, mention.kind)
            counts[key] += 1
            if key not in best or mention.confidence > best[key].confidence:
                best[key] = mention
            rules.setdefault(key, set()).add(mention.rule)
            surfaces.setdefault(key, set()).add(mention.surface)
    rows = [
        {
            "name": m.name,
            "kind": m.kind,
            "country": m.country,
            "lat": m.lat,
            "lon": m.lon,
            "count": counts[key],
            "confidence": m.confidence,  # of the surest mention
            "source": m.rule,  # the rule or knowledge base behind the surest mention
            "rules": sorted(rules[key]),
            "surfaces": sorted(surfaces[key]),
        }
        for key, m in best.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["kind"], r["name"]))
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            line = f"{r['count']:>3}  {r['kind']:<6} {r['country'] or '--':<3} {r['name']}"
            print(f"{line:<60} {r['confidence']:.2f} {r['source']}")
    return EXIT_OK
