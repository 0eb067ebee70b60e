"""`explorer watch add|list|remove|check`: watchlists from the command line (check suits cron)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from explorer.cli.common import EXIT_OK, UserError
from explorer.model import CorrectionError
from explorer.query import entity_term
from explorer.store.watches import WatchError


def add_watch_parser(sub: Any) -> None:
    watch = sub.add_parser("watch", help="watchlists: saved searches run again on every import")
    watch.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    ops = watch.add_subparsers(dest="watch_command", required=True, parser_class=type(sub._parser_class()))
    added = ops.add_parser("add", help="watch for new briefings matching a query (search language)")
    added.add_argument("name")
    added.add_argument(
        "query", nargs="?", default="", help="e.g. 'lithium AND country:CL' or 'org:\"Rio Tinto\"'"
    )
    added.add_argument("--country", action="append", default=[], help="also require this country (ISO code)")
    added.add_argument(
        "--entity",
        action="append",
        default=[],
        help='also require this entity, by name or kind:name (e.g. "org:SQM"; aliases count)',
    )
    ops.add_parser("list", help="the watches and their unread matches")
    removed = ops.add_parser("remove", help="forget a watch and its matches")
    removed.add_argument("name")
    check = ops.add_parser(
        "check",
        help="each watch's matches new since the last check (the window's unread marks stay as they are)",
    )
    check.add_argument(
        "--json", action="store_true", help='[{"name", "query", "new": [{"id", "title", "date"}]}]'
    )


def run_watch(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    store = open_store(args)
    try:
        if args.watch_command == "add":
            terms = [entity_term(**_entity(store, name)) for name in args.entity]
            watch = store.add_watch(args.name, " ".join([args.query, *terms]), tuple(args.country))
            print(f"watching {watch.name!r}: {watch.query}")
        elif args.watch_command == "remove":
            store.remove_watch(args.name)
            print(f"removed {args.name!r}")
        elif args.watch_command == "list":
            store.run_watches()
            for watch in store.watches():
                countries = f" (countries: {' '.join(watch.countries)})" if watch.countries else ""
                print(f"{watch.name}\t{watch.unread} unread\t{watch.query}{countries}")
        else:
            _check(store, args.json)
    except WatchError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    return EXIT_OK


def _entity(store: Any, name: str) -> dict[str, str]:
    try:
        found = store.entity_ref(name)
    except CorrectionError as exc:
        raise WatchError(str(exc)) from exc
    return {"kind": found["kind"], "name": found["name"]}


def _check(store: Any, as_json: bool) -> None:
    store.run_watches()  # imports by any process since the last run
    report = []
    for watch in store.watches():
        matches = store.unchecked_matches(watch.name)
        store.mark_watch_checked(watch.name, [m.id for m in matches])
        report.append(
            {
                "name": watch.name,
                "query": watch.query,
                "new": [{"id": m.id, "title": m.title, "date": m.date} for m in matches],
            }
        )
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for entry in report:
        print(f"{entry['name']}: {len(entry['new'])} new")
        for match in entry["new"]:
            print(f"  {match['date'] or 'undated'}  {match['title']}")
