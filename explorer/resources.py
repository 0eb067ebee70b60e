"""One lookup for shipped files, whether running from a checkout or an installed wheel."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# In a wheel the top-level assets/ and data/ are installed inside the package as _assets/ and _data/.
_ROOTS = {
    "assets": (_PACKAGE / "_assets", _PACKAGE.parent / "assets"),
    "data": (_PACKAGE / "_data", _PACKAGE.parent / "data"),
}


class ResourceNotFound(FileNotFoundError):
    pass


def _lookup(kind: str, name: str) -> Path:
    for root in _ROOTS[kind]:
        candidate = root / name
        if candidate.exists():
            return candidate
    raise ResourceNotFound(f"{kind} file not found: {name}")


def asset_path(name: str) -> Path:
    return _lookup("assets", name)


def data_path(name: str) -> Path:
    return _lookup("data", name)


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
