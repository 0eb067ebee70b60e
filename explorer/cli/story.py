"""`explorer story import|export|list` and `explorer export-story`: stories between files and workspaces."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.cli.common import EXIT_OK, UserError
from explorer.story.files import load_story, read_story_file, save_story, story_file_text
from explorer.story.model import StoryError


def add_story_parsers(sub: Any) -> None:
    story = sub.add_parser("story", help="stories for presentation: import, export, list")
    story.add_argument("--db", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    ops = story.add_subparsers(dest="story_command", required=True, parser_class=type(sub._parser_class()))
    imported = ops.add_parser("import", help="add or replace a story from a JSON file")
    imported.add_argument("file", type=Path)
    exported = ops.add_parser("export", help="write a story to a JSON file")
    exported.add_argument("name")
    exported.add_argument("--out", type=Path, required=True)
    ops.add_parser("list", help="the stories in the workspace")

    export = sub.add_parser("export-story", help="a story as numbered PNGs (a folder) or one PDF")
    export.add_argument("name")
    export.add_argument("--out", type=Path, required=True, help="a folder, or a file ending in .pdf")
    export.add_argument("--width", type=int, default=1920)
    export.add_argument("--height", type=int, default=1080)
    export.add_argument("--theme", default="projector", help="light, dark or projector (the default)")


def run_story(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    store = open_store(args)
    try:
        if args.story_command == "import":
            story = read_story_file(args.file)
            save_story(store, story)
            print(f"imported story {story.name!r} ({len(story.steps)} steps)")
        elif args.story_command == "export":
            story = load_story(store, args.name)
            args.out.write_text(story_file_text(story), encoding="utf-8")
            print(f"wrote {args.out}")
        else:
            for name in store.story_names():
                print(name)
    except StoryError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    finally:
        store.close()
    return EXIT_OK


def run_export_story(
    args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any], cache_dir: Path
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.app import prepare_environment

    prepare_environment(quiet=True)
    from explorer.ui.map.snapshot import ExportError
    from explorer.ui.story_export import export_story

    if not args.out.parent.is_dir():
        raise UserError(f"cannot write {args.out}: folder {args.out.parent} does not exist")
    store = open_store(args)
    try:
        written = export_story(
            store, load_story(store, args.name), args.out, args.width, args.height, args.theme, cache_dir
        )
    except (StoryError, ExportError) as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    print(
        f"wrote {len(written)} file{'s' if len(written) != 1 else ''}: {', '.join(p.name for p in written)}"
    )
    return EXIT_OK
