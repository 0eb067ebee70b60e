"""The compiled extraction rules: used only when built from the very sources beside them, and finding
exactly what the sources find."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import explorer.extract.pipeline
from explorer.extract import compiled, extract
from explorer.ingest.registry import iter_files, read_file
from tests.conftest import SAMPLES

# The sample briefings' mentions, as a process running the sources finds them.
PROBE = """
import json, sys
from pathlib import Path
from explorer.extract import compiled, extract
from explorer.ingest.registry import iter_files, read_file
assert compiled.active is None
found = []
for path, _ in iter_files([Path(sys.argv[1])]):
    for briefing in read_file(path).briefings:
        found.append([list(m) for m in extract(briefing)])
print(json.dumps(found))
"""


def test_a_build_is_used_only_for_the_sources_it_was_made_from(tmp_path: Path) -> None:
    package, builds = tmp_path / "extract", tmp_path / "builds"
    package.mkdir()
    (package / "people.py").write_text("TITLES = ('Mr',)\n")
    sources = compiled.rule_sources(package)
    assert compiled.find_build(sources, builds) is None  # never compiled

    build = builds / compiled.source_digest(sources)
    build.mkdir(parents=True)
    assert compiled.find_build(sources, builds) == build

    (package / "people.py").write_text("TITLES = ('Mr', 'Mrs')\n")  # a rule edited after the compile
    assert compiled.find_build(compiled.rule_sources(package), builds) is None


def test_a_frozen_app_without_sources_uses_the_build_it_ships(tmp_path: Path) -> None:
    (tmp_path / "2d2fffbc864d480cb129").mkdir()
    assert compiled.find_build([], tmp_path) == tmp_path / "2d2fffbc864d480cb129"
    assert compiled.find_build([], tmp_path / "none") is None


@pytest.mark.skipif(
    compiled.active is None, reason="the rules are not compiled here (scripts/compile_extraction.py)"
)
def test_the_compiled_rules_find_what_the_sources_find() -> None:
    assert Path(explorer.extract.pipeline.__file__).suffix == ".so"
    ours = [
        [list(m) for m in extract(briefing)]
        for path, _ in iter_files([SAMPLES])
        for briefing in read_file(path).briefings
    ]
    env = dict(os.environ, EXPLORER_PURE_PYTHON="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    theirs = json.loads(done.stdout)
    assert sum(map(len, ours)) > 100
    assert ours == theirs
