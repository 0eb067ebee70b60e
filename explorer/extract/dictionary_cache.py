"""The extraction dictionary kept in the cache folder, built once per install and data version.

Building the dictionary reads the gazetteer, the knowledge base and two packages' name lists (faker,
pytickersymbols): about 0.9 s and 75 MB in every process that extracts (the import's workers, the
refinement, the command line). Loaded from its pickle it takes about 0.3 s and 45 MB, and those packages
are never imported. The file's name holds a digest of everything it is made from (this package's
extraction code, the data files, the packages' versions), so a change to any of them builds it anew.

The parts are loaded together, so a reading shared by two parts stays one object (places.py caches per
reading tuple). A missing, unreadable or stale file is built again; a cache folder that cannot be written
costs only the build.
"""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from explorer.cache_files import digest_of, sweep, write_whole
from explorer.config import app_paths
from explorer.resources import data_path

FORMAT = 1  # bump when a part changes its shape without its code changing
PARTS = ("names", "places", "given_names")
_PACKAGES = ("faker", "pytickersymbols")
# What the parts are read from (the builders' data_path calls).
_DATA = ("gazetteer", "organisations.csv", "given_names.txt", "given_name_exclusions.txt",
         "listed_short_form_exclusions.txt", "family_names_first.txt")  # fmt: skip

_loaded: dict[str, object] | None = None
# Held while the dictionary loads or builds: the window's views may ask for it from several threads at
# once, and each would load its own copy (three of them, 150 MB, in the window at the first `country:`).
lock = threading.RLock()


def part(name: str, build: Callable[[], object] | None = None) -> object | None:
    """A part of the stored dictionary. When there is none to load: None, or what `build` makes, kept
    for the threads that ask next (the dictionary is then built with that same part)."""
    global _loaded
    with lock:
        if _loaded is None:
            _loaded = _read(cache_file()) or {}
            if _loaded:
                _out_of_the_collectors_way()
        found = _loaded.get(name)
        if found is None and build is not None:
            found = _loaded[name] = build()
        return found


def loaded() -> bool:
    """Whether this process holds the dictionary already."""
    return bool(_loaded) and "names" in _loaded


def store(parts: dict[str, object]) -> Path | None:
    """Write the parts for the next process; the path, or None when the cache folder cannot be written."""
    global _loaded
    _loaded = parts
    _out_of_the_collectors_way()
    path = cache_file()
    try:  # whole or absent: another process may be reading or writing it too
        write_whole(path, lambda fh: pickle.dump((FORMAT, parts), fh, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        return None
    sweep(path.parent, "dictionary-*.pickle", keep=path)
    return path


def _out_of_the_collectors_way() -> None:
    """The dictionary lives as long as the process and is millions of objects: left in the collector's
    sight, every full collection walks it (tens of milliseconds; in the window, a stall). So it is
    frozen, with whatever else lives now, after the young garbage is collected; frozen objects are
    still freed when nothing refers to them, only a reference cycle among them would stay."""
    gc.collect(1)
    gc.freeze()


def cache_file() -> Path:
    return app_paths().cache_dir / f"dictionary-{_digest_of_sources()}.pickle"


@cache
def _digest_of_sources() -> str:
    """Once per process: it reads a few megabytes, and the window asks for the readings file's name (named
    after this) at each lookup."""
    return digest(_sources())


def digest(files: Iterable[Path]) -> str:
    """What the dictionary is made from: the files and the packages' versions. The compiled rules and the
    sources read the same file (every class pickles through its constructor)."""
    return digest_of(files, _PACKAGES, extra=str(FORMAT))


def _sources() -> list[Path]:
    # The model's records too: the readings file named after this digest holds what extraction gives.
    code = sorted(Path(__file__).parent.glob("*.py")) or [Path(__file__)]
    code.append(Path(__file__).parent.parent / "model.py")
    data: list[Path] = []
    for name in _DATA:
        try:
            found = data_path(name)
        except FileNotFoundError:
            continue
        data.extend(sorted(found.rglob("*")) if found.is_dir() else [found])
    return code + data


def _read(path: Path) -> dict[str, object] | None:
    try:
        with path.open("rb") as fh:
            version, parts = pickle.load(fh)  # our own file, in the user's own cache folder
    except Exception:  # absent, truncated, corrupt or from an older layout: build it again
        return None
    if version != FORMAT or not isinstance(parts, dict) or set(parts) != set(PARTS):
        return None
    return parts
