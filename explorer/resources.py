"""One lookup for shipped files, whether running from a checkout or an installed wheel."""

from __future__ import annotations

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
