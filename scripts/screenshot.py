"""Open the window on a workspace, wait until the map has painted, and save a screenshot.

Run: python scripts/screenshot.py OUT.png [--db FILE] [--theme light|dark] [--size 1920x1080] [--select N]
Used for the README picture and for looking at changes. Works offscreen or under Xvfb.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--select", type=int, default=0, help="row of the briefing list to open")
    parser.add_argument("--country", help="ISO code to filter by, as if clicked on the map")
    args = parser.parse_args()

    from explorer.app import build, prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.model import Filter
    from explorer.resources import data_path
    from explorer.store import Store
    from explorer.ui.themes import apply_theme
    from explorer.workspace.importer import import_paths

    app = QApplication(sys.argv)
    apply_theme(app, args.theme)
    db = args.db or Path(tempfile.mkdtemp()) / "shot.db"
    store = Store.open(db)
    if store.briefing_count() == 0:
        import_paths(store, [data_path("samples")])
    cache = Path(os.environ.get("EXPLORER_HOME", tempfile.mkdtemp())) / "cache"
    built = build(store, theme=args.theme, cache_dir=cache)
    window = built.window
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()

    loop = QEventLoop()
    window.map_panel.loaded.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    if args.country:
        built.state.set(Filter(countries=(args.country,)))
    if window.reader_panel.model.rowCount():
        window.reader_panel.table.selectRow(args.select)
    settle = QEventLoop()
    QTimer.singleShot(1500, settle.quit)
    settle.exec()
    window.grab().save(str(args.out))
    print(f"saved {args.out} ({width}x{height})")
    built.shutdown()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
