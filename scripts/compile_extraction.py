"""Compile the extraction rules to C with mypyc (from the `compile` extra), into
explorer/extract/_compiled/<digest of their sources>/, where the package finds them (explorer/extract/
compiled.py). Nothing to do when that build exists already; older builds are removed.

    .venv/bin/python scripts/compile_extraction.py             # on failure: a warning, the sources run
    .venv/bin/python scripts/compile_extraction.py --required  # on failure: an error (the test command)

Needs a C compiler and Python's headers; about a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["EXPLORER_PURE_PYTHON"] = "1"  # this process reads the sources, never an earlier build
sys.path.insert(0, str(ROOT))

from explorer.extract import compiled  # noqa: E402


def build(target: Path) -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = [str(p.relative_to(ROOT)) for p in compiled.rule_sources()]
    with tempfile.TemporaryDirectory(prefix="compile-extraction-") as tmp:
        work = Path(tmp)
        os.chdir(ROOT)  # mypyc names the modules after their paths from here
        notes = io.StringIO()  # its notes ("treating generator comprehension as list"): shown on failure only
        try:
            with contextlib.redirect_stdout(notes):
                extensions = mypycify(
                    sources, opt_level="3", group_name=compiled.SHARED_MODULE, target_dir=str(work / "c")
                )
        except (Exception, SystemExit):
            print(notes.getvalue(), file=sys.stderr)
            raise
        os.chdir(work)  # away from our pyproject.toml, which this setuptools would read as its own
        setup(
            name="explorer-extraction-rules",
            ext_modules=extensions,
            script_args=[
                "--quiet",
                "build_ext",
                "--build-lib",
                str(work / "lib"),
                "--build-temp",
                str(work / "o"),
            ],
        )
        staged = work / "build"
        staged.mkdir()
        for library in (work / "lib" / "explorer" / "extract").iterdir():
            shutil.copy2(library, staged / library.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target) if not target.exists() else None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--required", action="store_true", help="fail when the rules cannot be compiled")
    args = parser.parse_args()
    target = compiled.BUILDS / compiled.source_digest(compiled.build_inputs())
    if not target.is_dir():
        started = time.perf_counter()
        try:
            build(target)
        except (Exception, SystemExit) as error:  # setuptools exits when the compiler fails
            print(f"The extraction rules were not compiled ({error}); they run as Python.", file=sys.stderr)
            return 1 if args.required else 0
        print(f"Compiled the extraction rules in {time.perf_counter() - started:.0f} s.")
    for old in compiled.BUILDS.iterdir():
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
