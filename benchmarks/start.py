"""Start figures: the window opened on a workspace until its map has painted the data, and the memory of
the whole app (every process: the window, Chromium's renderer and GPU processes, helpers).

    .venv/bin/python benchmarks/start.py                      # first start on an empty workspace (samples)
    .venv/bin/python benchmarks/start.py --db WORKSPACE.db    # a large workspace (copied; the copy opened)
    .venv/bin/python benchmarks/start.py --db WORKSPACE.db --search "country:Japan"   # and a first search

Each run is a new process timed from its launch, through the same start path as `explorer gui`
(`explorer.app.start_window`). The first run has no basemap or map page in the cache folder (they are
built then); the later runs reuse them, as every start after the first does. With --db, the cache
folder holds the extraction dictionary and its readings file from the start, as an install that has
imported once does. Memory is read 8 s after the map painted:
the sum of resident sizes (RSS, which counts shared libraries once per process) and of proportional
sizes (PSS, which shares them out: the fair total).

The window opens on the display when there is one (run it under `xvfb-run` on a machine without), as a
user's does, and offscreen otherwise: Qt's offscreen platform draws without X11 and OpenGL and measured
60-80 MB less in the window, and its map painted 0.5-0.8 s sooner at 100,000 briefings, than the same
window on X11 under Xvfb. The platform is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from figures import record

# Long enough for a refinement (started a second after the first paint) to have loaded its model: the
# memory figure counts it whenever a workspace has unrefined briefings.
SETTLE_S = 8.0


def tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def memory_mb(pid: int) -> tuple[float, float, dict[str, float]]:
    """(RSS, PSS) of a process and its descendants, in MB, and the PSS of each kind of process."""
    rss = pss = 0
    kinds: dict[str, float] = {}
    for member in tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            command = Path(f"/proc/{member}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        kind = _kind(command)
        for line in rollup.splitlines():
            name, _, rest = line.partition(":")
            if name == "Rss":
                rss += int(rest.split()[0])
            elif name == "Pss":
                pss += int(rest.split()[0])
                kinds[kind] = kinds.get(kind, 0) + int(rest.split()[0]) / 1024
    return rss / 1024, pss / 1024, kinds


def _kind(command: list[bytes]) -> str:
    """ "window", "chromium renderer", "refiner", "graph worker"…"""
    words = [w.decode(errors="replace") for w in command if w]
    text = " ".join(words)
    if "QtWebEngineProcess" in text:
        found = next((w.split("=", 1)[1] for w in words if w.startswith("--type=")), "other")
        return "chromium renderers" if found == "zygote" else f"chromium {found}"  # renderers fork from it
    if "--child" in text:
        return "window"
    if words[-1:] == ["refine"]:
        return "refiner"
    if "resource_tracker" in text:
        return "process-pool helper"  # multiprocessing's, started with the first worker, kept until exit
    return "graph worker" if "multiprocessing" in text else " ".join(words[:3])


def child(db: Path, empty: bool, search: str) -> int:
    """The app's start, reporting when the map has painted the workspace's data; then `search`, typed as
    an analyst would, reporting how long the GUI thread took to apply it."""
    from explorer.app import start_window

    started = start_window(db, theme="light", load_samples=empty)
    if isinstance(started, int):
        return started
    qt_app, built = started
    window, panel = built.window, built.window.map_panel
    print(f"shown {time.time():.4f}", flush=True)

    def painted() -> None:
        # The data reached the page; one more round trip and the page has run its update.
        panel.page.runJavaScript("1", 0, lambda _v: report())

    def report() -> None:
        print(f"painted {time.time():.4f} {built.store.briefing_count()}", flush=True)
        from PySide6.QtCore import QTimer

        if search:
            started = time.perf_counter()
            built.state.set(replace(built.state.filter, query=search))
            print(f"searched {time.perf_counter() - started:.4f}", flush=True)
        QTimer.singleShot(int(SETTLE_S * 1000) + 2000, qt_app.quit)

    if empty:  # the samples first: the map counts once their import has landed
        waiting = [True]

        def imported() -> None:
            if window.last_import is not None and waiting:
                from PySide6.QtCore import Qt

                waiting.clear()
                panel.updated.connect(painted, Qt.ConnectionType.SingleShotConnection)

        built.data.changed.connect(lambda _external: imported())
    else:
        panel.loaded.connect(painted)
    qt_app.exec()
    built.shutdown()
    qt_app.processEvents()
    built.store.close()
    return 0


def run_once(db: Path | None, home: Path, search: str = "") -> tuple[float, float, float, float, int]:
    """(seconds to the window shown, seconds to the map painted, RSS MB, PSS MB, briefings)."""
    env = dict(os.environ, EXPLORER_HOME=str(home), QT_QPA_PLATFORM=platform())
    work = Path(tempfile.mkdtemp(prefix="start-"))
    target = work / "workspace.db"
    if db is not None:
        shutil.copyfile(db, target)
    command = [sys.executable, __file__, "--child", str(target)] + ([] if db is not None else ["--empty"])
    command += ["--search", search] if search else []
    launched = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    shown = painted = 0.0
    count = 0
    rss = pss = 0.0
    for line in process.stdout:
        word, *values = line.split()
        if word == "shown":
            shown = float(values[0]) - launched
        elif word == "searched":
            print(f"      search {search!r}: {float(values[0]) * 1000:.0f} ms on the GUI thread")
        elif word == "painted" and not painted:
            painted, count = float(values[0]) - launched, int(values[1])
            time.sleep(SETTLE_S)
            rss, pss, kinds = memory_mb(process.pid)
            print("      PSS by process: " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(kinds.items())))
    process.wait(timeout=120)
    shutil.rmtree(work, ignore_errors=True)
    if not painted:
        raise SystemExit("the map never painted")
    return shown, painted, rss, pss, count


def current_schema(db: Path, folder: Path) -> Path:
    """A copy of the workspace on the current schema: a workspace made by an older version migrates (and
    is backed up) once, on its first open, and that is no start."""
    from explorer.store import Store

    prepared = folder / "prepared.db"
    shutil.copyfile(db, prepared)
    Store.open(prepared).close()
    for backup in folder.glob("prepared.backup-*.db"):
        backup.unlink()
    return prepared


def platform() -> str:
    """Qt's platform for the window: the one asked for, else the display's, else offscreen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb" if os.environ.get("DISPLAY") else "offscreen"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a workspace to open (default: empty, the samples import)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", default="", help="a search typed once the map painted (memory after it)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--empty", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        raise SystemExit(child(args.child, args.empty, args.search))
    home = Path(tempfile.mkdtemp(prefix="start-home-"))
    if args.db is not None:
        args.db = current_schema(args.db, home)
        # An install that has imported once holds the dictionary's file, which the window's searches
        # and re-pin menu read (a first start's sample import writes it).
        code = "from explorer.extract import readings_file; readings_file.write()"
        environment = dict(os.environ, EXPLORER_HOME=str(home))
        subprocess.run([sys.executable, "-c", code], env=environment, check=True)
    print(f"Qt platform: {platform()}")
    print(" run  cache  shown s  painted s  briefings  RSS MB  PSS MB")
    results = []
    for run in range(args.runs):
        shown, painted, rss, pss, count = run_once(args.db, home, args.search)
        results.append((painted, pss, count))
        cache = "cold" if run == 0 else "warm"
        print(f"{run + 1:>4}  {cache:>5}  {shown:7.2f}  {painted:9.2f}  {count:9}  {rss:6.0f}  {pss:6.0f}")
    shutil.rmtree(home, ignore_errors=True)
    section = f"start, {results[0][2]:,} briefings" + (" (the samples imported)" if args.db is None else "")
    section += f", {platform()}" + (f", after searching {args.search}" if args.search else "")
    cold_goal, warm_goal = ("≤ 5 s", "") if args.db is None else ("", "≤ 2.5 s at 100,000")
    record(section, "launch → painted map, first start (cold cache)", results[0][0], "s", goal=cold_goal)
    if len(results) > 1:
        warm = results[1:]
        painted = statistics.median(p for p, _, _ in warm)
        memory = statistics.median(m for _, m, _ in warm)
        print(f"warm median: painted {painted:.2f} s, PSS {memory:.0f} MB")
        record(section, "launch → painted map, warm", painted, "s", goal=warm_goal)
        record(section, "memory of the whole app (PSS, every process)", memory, "MB", goal="≤ 500 MB")


if __name__ == "__main__":
    main()
