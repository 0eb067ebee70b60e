"""`explorer kb …`: correct extraction in the workspace (merge, alias, split, set, reject), see the audit
log, undo. Every change re-extracts the briefings it touches and applies to later imports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from explorer.model import ENTITY_KINDS, CorrectionError, briefings_text
from explorer.workspace.corrections import correct, undo_correction

EXIT_OK, EXIT_USAGE = 0, 2
ENTITY_HELP = 'entity name, or kind:name when the name has several kinds (e.g. "place:Georgia")'


def add_kb_parser(sub: Any) -> None:
    kb = sub.add_parser("kb", help="correct extracted entities: merge, alias, split, set, reject, log, undo")
    kb.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    ops = kb.add_subparsers(dest="kb_command", required=True, parser_class=type(sub._parser_class()))

    merge = ops.add_parser("merge", help="mentions of SOURCE become TARGET")
    merge.add_argument("source", help=ENTITY_HELP)
    merge.add_argument("target", help=ENTITY_HELP)

    alias = ops.add_parser("alias", help="text ALIAS names ENTITY (new or existing)")
    alias.add_argument("entity", help=ENTITY_HELP)
    alias.add_argument("alias")
    alias.add_argument("--kind", choices=ENTITY_KINDS, help="kind of a new entity")
    alias.add_argument("--country", help="home country of a new entity (ISO alpha-2)")

    split = ops.add_parser("split", help="mentions of ENTITY written SURFACE become another entity")
    split.add_argument("entity", help=ENTITY_HELP)
    split.add_argument("--surface", required=True)
    split.add_argument("--into", required=True, help="name of the entity they become")
    split.add_argument("--kind", choices=ENTITY_KINDS, help="its kind (default: the same)")
    split.add_argument("--country", help="its country (ISO alpha-2)")
    split.add_argument("--briefing", type=int, metavar="ID", help="in this briefing only (its id)")

    set_ = ops.add_parser("set", help="change the kind or country of ENTITY")
    set_.add_argument("entity", help=ENTITY_HELP)
    set_.add_argument("--kind", choices=ENTITY_KINDS)
    set_.add_argument("--country", help="ISO alpha-2, or '' for none")

    reject = ops.add_parser("reject", help="ENTITY is a false positive (only where written SURFACE)")
    reject.add_argument("entity", help=ENTITY_HELP)
    reject.add_argument("--surface")
    reject.add_argument(
        "--briefing", type=int, metavar="ID", help="in this briefing only (its id; needs --surface)"
    )

    ops.add_parser("log", help="every correction, oldest first, with undo marks")
    undo = ops.add_parser("undo", help="undo the latest correction, or the one numbered ID")
    undo.add_argument("id", nargs="?", type=int)
    for parser in (merge, alias, split, set_, reject, undo):
        parser.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)


def run_kb(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    store = open_store(args)
    try:
        if args.kb_command == "log":
            for r in store.corrections():
                undone = f"  (undone {r.undone_at})" if r.undone_at else ""
                print(f"#{r.id:<4} {r.created_at}  {r.summary}  [{r.briefings} briefings]{undone}")
            return EXIT_OK
        if args.kb_command == "undo":
            record = undo_correction(store, args.id)
            print(f"undone #{record.id}: {record.summary}; {briefings_text(record.briefings)} re-read")
            return EXIT_OK
        record = correct(store, _correction(args, store))
        print(f"#{record.id}: {record.summary}; {briefings_text(record.briefings)} re-read")
        return EXIT_OK
    except CorrectionError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        store.close()


def _correction(args: argparse.Namespace, store: Any) -> dict[str, Any]:
    command = args.kb_command
    if command == "merge":
        return {
            "op": "merge",
            "source": store.entity_ref(args.source),
            "target": store.entity_ref(args.target),
        }
    if command == "alias":
        try:
            target = store.entity_ref(args.entity, args.kind)
        except CorrectionError:
            if not args.kind:
                raise
            target = {"name": args.entity, "kind": args.kind, "country": _country(args.country)}
        return {"op": "alias", "target": target, "alias": args.alias}
    if command == "split":
        source = store.entity_ref(args.entity)
        into = {"name": args.into, "kind": args.kind or source["kind"], "country": _country(args.country)}
        split = {"op": "split", "source": source, "surface": args.surface, "into": into}
        return split | _scope(args, store)
    if command == "set":
        correction: dict[str, Any] = {"op": "set", "target": store.entity_ref(args.entity)}
        if args.kind:
            correction["kind"] = args.kind
        if args.country is not None:
            correction["country"] = _country(args.country)
        return correction
    correction = {"op": "reject", "target": store.entity_ref(args.entity)}
    if args.surface:
        correction["surface"] = args.surface
    return correction | _scope(args, store)


def _scope(args: argparse.Namespace, store: Any) -> dict[str, str]:
    """`--briefing ID` as the correction's scope: the briefing's content hash, which outlives its id."""
    if args.briefing is None:
        return {}
    content_hash = store.content_hash_of(args.briefing)
    if content_hash is None:
        raise CorrectionError(f"no briefing #{args.briefing}")
    return {"briefing": content_hash}


def _country(code: str | None) -> str | None:
    if not code:
        return None
    if len(code) != 2 or not code.isalpha():
        raise CorrectionError(f"not an ISO alpha-2 country code: {code!r}")
    return code.upper()
