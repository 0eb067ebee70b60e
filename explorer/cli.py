"""Command line: `explorer` (the window), ingest, search, entities, --version."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from explorer import __version__
from explorer.config import database_path

EXIT_OK = 0
EXIT_FAILURES = 1  # the command ran, but some input failed (e.g. files skipped in an import)
EXIT_USAGE = 2  # the command could not run: bad arguments, unreadable workspace, …


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    try:
        return _COMMANDS[command](args)
    except _UserError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return EXIT_USAGE


class _UserError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer", description="Offline map and entity explorer for briefings."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", help="workspace database file (default: $EXPLORER_DB or the user data dir)")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--theme", choices=("light", "dark"), default="light")
    gui.add_argument(
        "--no-samples", action="store_true", help="do not load the sample briefings into an empty workspace"
    )

    ingest = sub.add_parser("ingest", help="import briefing files or folders")
    ingest.add_argument("paths", nargs="+", type=Path)

    search = sub.add_parser("search", help="full-text search, best match first")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")

    entities = sub.add_parser("entities", help="extract entities from one file without storing it")
    entities.add_argument("file", type=Path)
    entities.add_argument("--json", action="store_true")
    for p in (gui, ingest, search):
        p.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    return parser


def _open_store(args: argparse.Namespace):
    from explorer.store import Store, StoreError

    try:
        return Store.open(database_path(args.db))
    except StoreError as exc:
        raise _UserError(str(exc)) from exc


def _cmd_gui(args: argparse.Namespace) -> int:
    from explorer.app import run_gui

    return run_gui(
        database_path(args.db),
        theme=getattr(args, "theme", "light"),
        load_samples=not getattr(args, "no_samples", False),
    )


def _cmd_ingest(args: argparse.Namespace) -> int:
    from explorer.ingest.importer import import_paths

    store = _open_store(args)
    try:
        report = import_paths(store, args.paths)
    finally:
        store.close()
    for where, reason in report.failed:
        print(f"failed: {where}: {reason}")
    print(f"{report.summary()}")
    return EXIT_OK if report.ok else EXIT_FAILURES


def _cmd_search(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        hits = store.search(args.query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.published or '----------'}  #{hit.id:<5} {hit.title}")
            print(f"            {hit.snippet}")
        print(f"{len(hits)} result{'s' if len(hits) != 1 else ''}")
    return EXIT_OK


def _cmd_entities(args: argparse.Namespace) -> int:
    from explorer.extract import extract
    from explorer.ingest.registry import read_file

    if not args.file.is_file():
        raise _UserError(f"{args.file}: no such file")
    result = read_file(args.file)
    if result.failures:
        raise _UserError("; ".join(f"{where}: {reason}" for where, reason in result.failures))
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], object] = {}
    for briefing in result.briefings:
        for mention in extract(briefing):
            key = (mention.name, mention.kind)
            counts[key] += 1
            first.setdefault(key, mention)
    rows = [
        {
            "name": m.name,
            "kind": m.kind,
            "country": m.country,
            "lat": m.lat,
            "lon": m.lon,
            "count": counts[key],
        }
        for key, m in first.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["kind"], r["name"]))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(f"{r['count']:>3}  {r['kind']:<6} {r['country'] or '--':<3} {r['name']}")
    return EXIT_OK


_COMMANDS = {"gui": _cmd_gui, "ingest": _cmd_ingest, "search": _cmd_search, "entities": _cmd_entities}
