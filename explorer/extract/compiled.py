"""The extraction rules compiled to C with mypyc, used where a build of these very sources exists.

The install (`scripts/compile_extraction.py`, which scripts/bootstrap.sh runs) compiles the rule modules
into `_compiled/<digest>/` beside them, the digest being that of their sources. At import the package looks
in that folder first (see __init__.py). A build of other sources is never used: an edited rule runs as
written until the next compile, so a build can never be stale. The compiled rules find the same mentions
(a test holds them equal) about 1.6 times as fast. EXPLORER_PURE_PYTHON=1 runs the sources as they are.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUILDS = PACKAGE / "_compiled"
# Not compiled: the package's entry, this lookup, the dictionary's cache (pickles, module state), and the
# statistical backend (spaCy's types; its own time is spent in spaCy).
PURE = frozenset({"__init__.py", "compiled.py", "dictionary_cache.py", "nlp.py", "model_spans.py"})
# The module mypyc puts its shared runtime in, named inside the package so that the build folder holds it.
SHARED_MODULE = "explorer.extract._mypyc_shared"

active: Path | None = None  # the build in use, set when the package is imported


def rule_sources(package: Path = PACKAGE) -> list[Path]:
    """The modules that are compiled."""
    return sorted(p for p in package.glob("*.py") if p.name not in PURE)


def source_digest(sources: list[Path]) -> str:
    h = hashlib.blake2b(digest_size=10)
    for path in sources:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def find_build(sources: list[Path], builds: Path) -> Path | None:
    """The build made from these sources, if there is one. With no sources at all (a frozen app ships
    none), the one build that came with it."""
    if sources:
        build = builds / source_digest(sources)
        return build if build.is_dir() else None
    found = [b for b in builds.glob("*") if b.is_dir()] if builds.is_dir() else []
    return found[0] if len(found) == 1 else None


def activate(search_path: list[str]) -> Path | None:
    """Put the build for these sources, if any, first on the package's search path."""
    global active
    if os.environ.get("EXPLORER_PURE_PYTHON") or active is not None:
        return active
    active = find_build(rule_sources(), BUILDS)
    if active is not None:
        search_path.insert(0, str(active))
    return active
