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
from explorer.extract import compiled
from tests.conftest import SAMPLES

# Corrections, so that the compiled overrides are put to the test too.
CORRECTIONS = [
    {
        "op": "alias",
        "alias": "the Fed",
        "target": {"name": "Federal Reserve", "kind": "org", "country": "US"},
    },
    {
        "op": "merge",
        "source": {"name": "Nvidia Corp", "kind": "org"},
        "target": {"name": "Nvidia", "kind": "org"},
    },
    {"op": "set", "target": {"name": "TSMC", "kind": "org"}, "country": "TW"},
    {"op": "reject", "target": {"name": "Reuters", "kind": "org"}},
]
# The sample briefings' mentions, with the analyst's corrections and, where its model is installed, the
# statistical backend (its matches are named tuples the compiled pipeline reads).
PROBE = """
import json, sys
from pathlib import Path
from explorer.extract import compiled, extract, nlp
from explorer.extract.overrides import Overrides
from explorer.ingest.registry import iter_files, read_file
overrides = Overrides.from_corrections(json.loads(sys.argv[2]))
nlp.use_pipeline(nlp.statistical_pipeline() if nlp.refinement_available() else None)
found = []
for path, _ in iter_files([Path(sys.argv[1])]):
    for briefing in read_file(path).briefings:
        found.append([list(m) for m in extract(briefing, overrides)])
print(json.dumps({"compiled": compiled.active is not None, "found": found}))
"""


def test_a_build_is_used_only_for_the_sources_it_was_made_from(tmp_path: Path) -> None:
    package, builds = tmp_path / "explorer" / "extract", tmp_path / "builds"
    package.mkdir(parents=True)
    (package / "people.py").write_text("TITLES = ('Mr',)\n")
    (package / "nlp.py").write_text("class NlpMatch(NamedTuple): ...\n")
    (tmp_path / "explorer" / "model.py").write_text("class Mention(NamedTuple): ...\n")
    assert compiled.find_build(compiled.build_inputs(package), builds) is None  # never compiled

    build = builds / compiled.source_digest(compiled.build_inputs(package))
    build.mkdir(parents=True)
    assert compiled.find_build(compiled.build_inputs(package), builds) == build

    # A rule edited after the compile, or what a compiled rule reads: a named tuple's fields have fixed
    # positions in the build, wherever the tuple is defined.
    for edited in (package / "people.py", package / "nlp.py", tmp_path / "explorer" / "model.py"):
        original = edited.read_text()
        edited.write_text(original + "# edited\n")
        assert compiled.find_build(compiled.build_inputs(package), builds) is None, edited.name
        edited.write_text(original)
    assert compiled.find_build(compiled.build_inputs(package), builds) == build


def test_a_build_for_another_python_is_another_build(tmp_path: Path) -> None:
    (tmp_path / "people.py").write_text("TITLES = ('Mr',)\n")
    inputs = compiled.build_inputs(tmp_path)
    assert compiled.source_digest(inputs, "cpython-311-x86_64-linux-gnu.so") != compiled.source_digest(
        inputs, "cpython-312-x86_64-linux-gnu.so"
    )


def test_a_frozen_app_without_sources_uses_the_build_it_ships(tmp_path: Path) -> None:
    (tmp_path / "2d2fffbc864d480cb129").mkdir()
    assert compiled.find_build([], tmp_path) == tmp_path / "2d2fffbc864d480cb129"
    assert compiled.find_build([], tmp_path / "none") is None


@pytest.mark.skipif(
    compiled.active is None, reason="the rules are not compiled here (scripts/compile_extraction.py)"
)
def test_the_compiled_rules_find_what_the_sources_find() -> None:
    assert Path(explorer.extract.pipeline.__file__).suffix == ".so"
    runs = []
    for pure in ("", "1"):
        env = dict(os.environ, EXPLORER_PURE_PYTHON=pure, EXPLORER_NLP="spacy")
        command = [sys.executable, "-c", PROBE, str(SAMPLES), json.dumps(CORRECTIONS)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=True)
        runs.append(json.loads(done.stdout))
    compiled_run, pure_run = runs
    assert compiled_run["compiled"] and not pure_run["compiled"]
    assert sum(map(len, compiled_run["found"])) > 100
    assert compiled_run["found"] == pure_run["found"]
