"""Command line: `explorer` (the window), ingest, search, entities, kb, export-map, export-graph."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import NoReturn

from explorer import __version__
from explorer.cli.common import EXIT_FAILURES, EXIT_OK, EXIT_USAGE, UserError
from explorer.cli.entities import add_entities_parser, run_entities
from explorer.cli.kb import add_kb_parser, run_kb
from explorer.cli.story import add_story_parsers, run_export_story, run_story
from explorer.cli.watch import add_watch_parser, run_watch
from explorer.cli.workspace import add_workspace_parser, run_workspace
from explorer.config import database_path
from explorer.store.postgres import WorkspaceReadOnly


def main(argv: list[str] | None = None) -> int:
    # A frozen app's extraction workers start as this program again: this runs their work and exits
    # (it does nothing otherwise).
    multiprocessing.freeze_support()
    parser = _parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    try:
        return _COMMANDS[command](args)
    except (UserError, WorkspaceReadOnly) as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader stopped early (`explorer search … | head`): nothing more to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line and exit 2, so scripts can log them cleanly."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="explorer", description="Offline map and entity explorer for briefings.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", help="workspace database file (default: $EXPLORER_DB or the user data dir)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument(
        "--theme",
        choices=("system", "light", "dark", "projector"),
        default="system",
        help="the desktop's light or dark setting by default; projector: high contrast for a room",
    )
    gui.add_argument(
        "--no-samples", action="store_true", help="do not load the sample briefings into an empty workspace"
    )

    ingest = sub.add_parser("ingest", help="import briefing files or folders")
    ingest.add_argument("paths", nargs="+", type=Path, help="files and folders (read recursively)")
    ingest.add_argument(
        "--jobs",
        type=_positive,
        help="extraction worker processes (default: one per core, up to 4; small imports use none)",
    )

    refine = sub.add_parser(
        "refine", help="read briefings again with the statistical model (the window does this after imports)"
    )
    refine.add_argument("--limit", type=int, help="at most this many briefings")

    search = sub.add_parser("search", help="full-text search, best match first")
    search.add_argument("query", help='the search language: "a phrase", OR, NOT, prefix*, country:CN, …')
    search.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")
    search.add_argument("--json", action="store_true", help="results as JSON")

    add_entities_parser(sub)
    export = sub.add_parser(
        "export-map", help="write the map as PNG, self-contained HTML, GeoJSON, KML or CSV"
    )
    export.add_argument("--out", required=True, type=Path, help="output file")
    export.add_argument("--format", help="png, html, geojson, kml or csv (default: from the file name)")
    export.add_argument("--width", type=int, default=1920)
    export.add_argument("--height", type=int, default=1080)
    export.add_argument("--query", default="", help="full-text filter")
    export.add_argument(
        "--country", action="append", default=[], help="ISO alpha-2 country filter (repeatable)"
    )
    export.add_argument("--title", default="Briefing Explorer — story locations")
    export.add_argument("--theme", default="light", help="light, dark or projector")
    graph = sub.add_parser(
        "export-graph", help="write the co-mention network as GraphML, GEXF (Gephi) or JSON"
    )
    graph.add_argument("--out", required=True, type=Path, help="output file")
    graph.add_argument("--format", help="graphml, gexf or json (default: from the file name)")
    graph.add_argument("--query", default="", help="full-text filter")
    graph.add_argument(
        "--country", action="append", default=[], help="ISO alpha-2 country filter (repeatable)"
    )
    graph.add_argument(
        "--top", type=int, default=100, help="most-mentioned entities to include (default 100)"
    )
    graph.add_argument("--scope", default="briefing", help="briefing, section or sentence")
    graph.add_argument("--weighting", default="count", help="count, jaccard or pmi")
    graph.add_argument("--no-betweenness", action="store_true", help="skip the slowest metric")
    sub.add_parser("about", help="the version, the extraction backend in use and the data credits")
    prepare = sub.add_parser(
        "prepare-map", help="build the window's basemap and map page into the cache (a first start runs this)"
    )
    prepare.add_argument("--theme", default="light", choices=("light", "dark", "projector"))
    prepare.add_argument("--cache-dir", type=Path, help="where the window's cache is (default: the user's)")
    add_kb_parser(sub)
    add_story_parsers(sub)
    add_watch_parser(sub)
    add_workspace_parser(sub)
    for p in (gui, ingest, search, export, graph):
        p.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _open_store(args: argparse.Namespace, create: bool = False):
    """The workspace; only `ingest` (and the window) make one that does not exist yet: a mistyped --db
    must not answer "0 results" from a new empty file."""
    from explorer.store import Store, StoreError

    path = database_path(args.db)
    if not create and isinstance(path, Path) and not path.exists():
        raise UserError(
            f"no workspace at {path}: import briefings first (explorer ingest PATH) or check --db"
        )
    try:
        return Store.open(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc


def _open_checked(args: argparse.Namespace, query: str):
    """The workspace, once the query is known to have no mistake."""
    store = _open_store(args)
    try:
        _check_query(store, query)
    except UserError:
        store.close()
        raise
    return store


def _check_query(store, text: str) -> None:
    """A query with a mistake stops the command with the window's hint and where it is."""
    errors = store.query_errors(text) if text else []
    if errors:
        raise UserError(f"query {text!r}: {errors[0].message} (position {errors[0].position})")


def _cmd_gui(args: argparse.Namespace) -> int:
    from explorer.app import last_workspace, run_gui

    chosen = args.db or os.environ.get("EXPLORER_DB")
    return run_gui(
        database_path(chosen) if chosen else (last_workspace() or database_path(None)),
        theme=getattr(args, "theme", "system"),
        load_samples=not getattr(args, "no_samples", False),
    )


def _cmd_ingest(args: argparse.Namespace) -> int:
    from explorer.workspace.importer import import_paths

    store = _open_store(args, create=True)
    if not store.writable:
        store.close()
        raise WorkspaceReadOnly()
    try:
        report = import_paths(store, args.paths, jobs=args.jobs)
    finally:
        store.close()
    for where, reason in report.failed:
        print(f"failed: {where}: {reason}")
    for copy, first in report.near_duplicates:
        print(f"near-duplicate: {copy} is the same story as {first}")
    for name, count in report.watch_matches.items():
        print(f"watch {name}: {count} new")
    print(f"{report.summary()}")
    return EXIT_OK if report.ok else EXIT_FAILURES


def _cmd_refine(args: argparse.Namespace) -> int:
    from explorer.workspace.refine import NoStatisticalModel, refine

    store = _open_store(args)
    try:
        # One line per batch, flushed: the window reads them as progress.
        report = refine(
            store, args.limit, progress=lambda done, total: print(f"refined {done} of {total}", flush=True)
        )
    except NoStatisticalModel as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    print(f"{report.refined} refined, {report.remaining} left")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from explorer.model import Filter

    store = _open_store(args)
    try:
        _check_query(store, args.query)
        hits = store.search(args.query, limit=args.limit)
        total = store.briefing_total(Filter(query=args.query)) if len(hits) >= args.limit else len(hits)
    finally:
        store.close()
    if args.json:
        print(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.published or '----------'}  #{hit.id:<5} {hit.title}")
            print(f"            {hit.snippet}")
        shown = f"{len(hits)} of {total}" if total > len(hits) else str(len(hits))
        print(f"{shown} result{'s' if total != 1 else ''}")
    return EXIT_OK


def _cmd_export_map(args: argparse.Namespace) -> int:
    from explorer.config import app_paths
    from explorer.map.files import FORMATS, export_text

    fmt = (args.format or args.out.suffix.lstrip(".") or "png").lower()
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if args.theme not in ("light", "dark", "projector"):
        raise UserError(f"unknown theme {args.theme!r}; choose one of light, dark, projector")
    if args.width <= 0 or args.height <= 0:
        raise UserError(f"image size must be positive, got {args.width}x{args.height}")
    if not args.out.parent.is_dir():
        raise UserError(f"cannot write {args.out}: folder {args.out.parent} does not exist")
    flt = _filter(args)
    store = _open_checked(args, flt.query)
    cache_dir = app_paths().cache_dir
    try:
        if fmt == "png":
            _export_png(store, flt, args, cache_dir)
        else:
            _write(args.out, export_text(store, flt, fmt, cache_dir, args.theme, args.title))
    finally:
        store.close()
    print(f"wrote {args.out}")
    return EXIT_OK


def _export_png(store, flt, args: argparse.Namespace, cache_dir: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.app import prepare_environment

    prepare_environment(quiet=True)  # stderr is for our own messages: a cron job mails whatever is there
    from explorer.ui.map.snapshot import ExportError, SnapshotRequest, export_png

    request = SnapshotRequest(args.width, args.height, flt, args.theme, args.title)
    problem = request.problem()
    if problem:
        raise UserError(problem)
    try:
        export_png(store, request, args.out, cache_dir)
    except ExportError as exc:
        raise UserError(str(exc)) from exc


def _cmd_export_graph(args: argparse.Namespace) -> int:
    from explorer.graph import GraphOptions, analyse, co_mention_graph
    from explorer.graph.export import FORMATS, graph_document

    fmt = (args.format or args.out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if args.top <= 0:
        raise UserError(f"--top must be positive, got {args.top}")
    if not args.out.parent.is_dir():
        raise UserError(f"cannot write {args.out}: folder {args.out.parent} does not exist")
    try:
        options = GraphOptions(top=args.top, scope=args.scope, weighting=args.weighting)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    flt = _filter(args)
    store = _open_checked(args, flt.query)
    try:
        graph = co_mention_graph(store, flt, options)
    finally:
        store.close()
    _write(args.out, graph_document(graph, analyse(graph, betweenness=not args.no_betweenness), fmt))
    print(f"wrote {args.out} ({graph.number_of_nodes()} entities, {graph.number_of_edges()} links)")
    return EXIT_OK


def _filter(args: argparse.Namespace):
    from explorer.extract.gazetteer import countries
    from explorer.model import Filter

    codes = tuple(code.upper() for code in args.country)
    unknown = [code for code in codes if code not in countries()]
    if unknown:
        raise UserError(f"unknown country code {unknown[0]!r}; use ISO alpha-2 codes such as CN or AU")
    return Filter(query=args.query, countries=codes)


def _cache_dir() -> Path:
    from explorer.config import app_paths

    return app_paths().cache_dir


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _cmd_about(_args: argparse.Namespace) -> int:
    from explorer.credits import about_lines
    from explorer.extract import backend_name

    print("\n".join(about_lines(backend_name())))
    return EXIT_OK


def _cmd_prepare_map(args: argparse.Namespace) -> int:
    from explorer.map.first_build import build

    print(build(args.cache_dir or _cache_dir(), args.theme))
    return EXIT_OK


_COMMANDS = {
    "about": _cmd_about,
    "prepare-map": _cmd_prepare_map,
    "gui": _cmd_gui,
    "ingest": _cmd_ingest,
    "search": _cmd_search,
    "refine": _cmd_refine,
    "entities": run_entities,
    "export-map": _cmd_export_map,
    "export-graph": _cmd_export_graph,
    "kb": lambda args: run_kb(args, _open_store),
    "story": lambda args: run_story(args, _open_store),
    "watch": lambda args: run_watch(args, _open_store),
    "export-story": lambda args: run_export_story(args, _open_store, _cache_dir()),
    "workspace": lambda args: run_workspace(args, _open_store),
}
