"""The extraction rules compiled to C with mypyc, used where a build of these very sources exists.

The install (`scripts/compile_extraction.py`, which scripts/bootstrap.sh runs) compiles the rule modules
into `_compiled/<digest>/` beside them, the digest being that of everything a build depends on (this
package, the layer below it, the interpreter). At import the package looks in that folder first (see
__init__.py). A build of other sources is never used: an edited rule runs as written until the next
compile. The compiled rules find the same mentions (a test holds them equal) about 1.7 times as fast.
EXPLORER_PURE_PYTHON=1 runs the sources as they are.
"""

from __future__ import annotations

import importlib.machinery
import os
from pathlib import Path

from explorer.cache_files import digest_of

PACKAGE = Path(__file__).resolve().parent
BUILDS = PACKAGE / "_compiled"
# What a build depends on beyond the modules it compiles: mypyc fixes the field positions of named tuples
# and the layout of classes it reads, wherever they are defined. Extraction imports only its own package
# and the bottom layer (the import-linter contract), so these files are all it can read.
_BELOW = ("__init__.py", "model.py", "config.py", "resources.py", "dates.py", "credits.py")
# Not compiled: the package's entry, this lookup, the dictionary's cache and the readings file (pickles,
# SQLite, module state), and the statistical backend (spaCy's types; its own time is spent in spaCy).
PURE = frozenset(
    {"__init__.py", "compiled.py", "dictionary_cache.py", "nlp.py", "model_spans.py", "readings_file.py"}
)
# The module mypyc puts its shared runtime in, named inside the package so that the build folder holds it.
SHARED_MODULE = "explorer.extract._mypyc_shared"

active: Path | None = None  # the build in use, set when the package is imported


def rule_sources(package: Path = PACKAGE) -> list[Path]:
    """The modules that are compiled."""
    return sorted(p for p in package.glob("*.py") if p.name not in PURE)


def build_inputs(package: Path = PACKAGE) -> list[Path]:
    """Every file a build depends on: the whole package (its pure modules too) and the layer below it."""
    below = [package.parent / name for name in _BELOW if (package.parent / name).exists()]
    return sorted(package.glob("*.py")) + below


def source_digest(inputs: list[Path], tag: str = importlib.machinery.EXTENSION_SUFFIXES[0]) -> str:
    """The inputs' contents and the interpreter's extension tag ("cpython-311-x86_64-linux-gnu"): a build
    for another Python is another build."""
    return digest_of(inputs, extra=tag)


def find_build(inputs: list[Path], builds: Path) -> Path | None:
    """The build made from these inputs, if there is one. With no sources at all (a frozen app ships
    none), the one build that came with it."""
    if inputs:
        build = builds / source_digest(inputs)
        return build if build.is_dir() else None
    found = [b for b in builds.glob("*") if b.is_dir()] if builds.is_dir() else []
    return found[0] if len(found) == 1 else None


def activate(search_path: list[str]) -> Path | None:
    """Put the build for these sources, if any, first on the package's search path."""
    global active
    if os.environ.get("EXPLORER_PURE_PYTHON"):
        return None
    if active is None:
        active = find_build(build_inputs() if rule_sources() else [], BUILDS)
    if active is not None and str(active) not in search_path:  # a reloaded package has a new path
        search_path.insert(0, str(active))
    return active
