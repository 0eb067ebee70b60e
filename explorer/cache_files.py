"""Files the app derives from its own and writes to the cache folder (the extraction dictionary, the map
page): named by a digest of what they are made from, written whole or not at all, and swept once stale."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

# Another digest's file may belong to another install or version sharing the folder, and be in use:
# it goes only once it has not been written for this long.
STALE_AFTER_S = 7 * 24 * 3600


def digest_of(files: Iterable[Path], packages: Iterable[str] = (), extra: str = "") -> str:
    """A digest of what a cached file is made from: the files' contents, the packages' versions, Python's
    version and `extra`. A frozen app ships no sources: its executable, which changes with them, stands in."""
    h = hashlib.blake2b(f"{sys.version} {extra}".encode(), digest_size=12)
    for name in packages:
        try:
            h.update(f"{name} {importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name} absent".encode())
    for path in files:
        h.update(path.name.encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(str(os.stat(sys.executable).st_mtime_ns).encode())
    return h.hexdigest()


def write_whole(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through a temporary file renamed into place: a reader sees the whole file or none, and a
    failure (of the disk or of `write`) leaves nothing behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sweep(folder: Path, pattern: str, keep: Path, now: float | None = None) -> None:
    """Remove the files matching `pattern` other than `keep` that have not been written for a week."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_S
    for old in folder.glob(pattern):
        try:
            if old != keep and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            continue
