"""`explorer workspace copy SOURCE TARGET`: a workspace copied between SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.cli.common import EXIT_OK, UserError


def add_workspace_parser(sub: Any) -> None:
    workspace = sub.add_parser("workspace", help="copy a workspace between a file and a team server")
    ops = workspace.add_subparsers(
        dest="workspace_command", required=True, parser_class=type(sub._parser_class())
    )
    copy = ops.add_parser(
        "copy",
        help="copy every briefing, entity, correction, watch and story into a new, empty workspace",
        description="SOURCE and TARGET are workspace files or postgresql:// URLs; TARGET must be empty.",
    )
    copy.add_argument("source", help="the workspace to copy: a file or a postgresql:// URL")
    copy.add_argument("target", help="a new workspace: a file that does not exist yet, or an empty database")
    reader = ops.add_parser(
        "grant-read",
        help="let an existing PostgreSQL role browse, search and export the team workspace (--db), no more",
    )
    reader.add_argument("role", help="the role's name, as created with CREATE ROLE … LOGIN")
    for parser in (workspace, copy, reader):
        parser.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)


def run_workspace(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    if args.workspace_command == "grant-read":
        return _grant_read(args, open_store)
    return _copy(args)


def _grant_read(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    from explorer.store.pg_schema import grant_read

    store = open_store(args)
    try:
        if not store.url:
            raise UserError("grant-read is for a team workspace: give its postgresql:// URL with --db")
        grant_read(store.db, args.role)
    except UserError:
        raise
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    except Exception as exc:  # the server's refusal: no such role, not the owner
        raise UserError(f"cannot grant read access to {args.role}: {exc}") from exc
    finally:
        store.close()
    print(f"{args.role} may now browse, search and export {store.display_name}")
    return EXIT_OK


def _copy(args: argparse.Namespace) -> int:
    from explorer.config import database_path
    from explorer.store import Store, StoreError
    from explorer.store.transfer import copy_workspace

    source_location, target_location = database_path(args.source), database_path(args.target)
    if isinstance(source_location, Path) and not source_location.is_file():
        raise UserError(f"no workspace at {source_location}")
    if isinstance(target_location, Path) and target_location.exists():
        raise UserError(f"{target_location} exists already: copy into a new file")
    try:
        source = Store.open(source_location)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    try:
        target = Store.open(target_location)
    except StoreError as exc:
        source.close()
        raise UserError(str(exc)) from exc
    shown: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if shown.get(table, -1) < percent // 10:  # a line per tenth of each table, for logs and terminals
            shown[table] = percent // 10
            print(f"{table}: {done} of {total}", file=sys.stderr, flush=True)

    try:
        report = copy_workspace(source, target, progress)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    finally:
        source.close()
        target.close()
    rows = report.rows
    print(
        f"copied {source.display_name} to {target.display_name}: {rows['briefings']} briefings,"
        f" {rows['entities']} entities, {rows['mentions']} mentions, {rows['corrections']} corrections,"
        f" {rows['watches']} watches, {rows['stories']} stories; every table's count checked"
    )
    return EXIT_OK
