"""The extraction dictionary is built once per install and loaded from the cache folder afterwards: real
processes, each with its own private home, as the import's workers and the refinement start."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from explorer.extract import dictionary_cache

TEXT = "Kenneth Clarke told Barclays in Apurímac that Umicore would stay in Mombasa."
# What an extracting process reports: its mentions, whether it imported the name-list packages, and the
# cache file it used.
PROBE = """
import json, sys
from explorer.extract import dictionary_cache, extract_text
mentions = [[m.start, m.end, m.kind, m.name, m.country] for m in extract_text(sys.argv[1])]
print(json.dumps({"mentions": mentions, "faker": "faker" in sys.modules,
                  "file": str(dictionary_cache.cache_file())}))
"""


def _extract_in_a_process(home: Path, **environment: str) -> dict:
    env = dict(os.environ, EXPLORER_HOME=str(home), **environment)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, TEXT], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout)


def test_the_first_process_builds_the_dictionary_and_the_next_loads_it(tmp_path: Path) -> None:
    first = _extract_in_a_process(tmp_path)
    stored = Path(first["file"])
    assert stored.is_file()
    assert stored.parent == tmp_path / "cache"

    second = _extract_in_a_process(tmp_path)
    assert second["mentions"] == first["mentions"]
    assert [m[2] for m in second["mentions"]] == ["person", "org", "place", "org", "place"]
    assert second["faker"] is False  # the given names came from the file, not from the package
    assert list(stored.parent.glob("dictionary-*.pickle")) == [stored]


def test_the_compiled_rules_and_the_sources_share_one_dictionary(tmp_path: Path) -> None:
    compiled_run = _extract_in_a_process(tmp_path)
    pure_run = _extract_in_a_process(tmp_path, EXPLORER_PURE_PYTHON="1")
    assert pure_run["file"] == compiled_run["file"]
    assert pure_run["faker"] is False  # loaded, not built again
    assert pure_run["mentions"] == compiled_run["mentions"]


def test_a_corrupt_cache_file_is_built_again(tmp_path: Path) -> None:
    healthy = _extract_in_a_process(tmp_path)
    stored = Path(healthy["file"])
    stored.write_bytes(stored.read_bytes()[:1000])  # as a full disk or a crash mid-write would leave it

    again = _extract_in_a_process(tmp_path)
    assert again["mentions"] == healthy["mentions"]
    with stored.open("rb") as fh:
        version, parts = pickle.load(fh)
    assert version == dictionary_cache.FORMAT
    assert set(parts) == set(dictionary_cache.PARTS)


def test_a_cache_folder_that_cannot_be_written_costs_only_the_build(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    reference = _extract_in_a_process(tmp_path / "elsewhere")

    blocked = _extract_in_a_process(tmp_path)
    assert blocked["mentions"] == reference["mentions"]
    assert blocked["faker"] is True  # built, as there was nothing to load


def test_the_digest_follows_every_source_file(tmp_path: Path) -> None:
    files = [tmp_path / "a.py", tmp_path / "places.tsv"]
    files[0].write_text("RULE = 1\n")
    files[1].write_text("Paris\tFR\n")
    before = dictionary_cache.digest(files)
    assert dictionary_cache.digest(files) == before

    files[1].write_text("Paris\tUS\n")
    assert dictionary_cache.digest(files) != before


# Threads that ask for the dictionary at once, as the window's views do when a search names a country.
THREADS = """
import json, threading
from explorer.extract import dictionary_cache
from explorer.extract.dictionary import dictionary
from explorer.extract.given_names import given_names
from explorer.extract.places import place_index
reads, read = [], dictionary_cache._read
dictionary_cache._read = lambda path: reads.append(path) or read(path)
stores, store = [], dictionary_cache.store
dictionary_cache.store = lambda parts: stores.append(parts) or store(parts)
asking = (dictionary, place_index, dictionary, given_names, dictionary, place_index)
start, got = threading.Barrier(len(asking)), []
def ask(get):
    start.wait()
    got.append((get.__name__, id(get())))
threads = [threading.Thread(target=ask, args=(get,)) for get in asking]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"reads": len(reads), "copies": len(set(got)), "stored": len(stores),
                  "same index": all(p is place_index() for p in [s["places"] for s in stores])}))
"""


def _ask_from_threads(home: Path) -> dict:
    env = dict(os.environ, EXPLORER_HOME=str(home))
    command = [sys.executable, "-c", THREADS]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_threads_that_ask_at_once_share_one_dictionary_loaded_or_built(tmp_path: Path) -> None:
    built = _ask_from_threads(tmp_path)  # no file yet: built once, the place index with it
    assert built == {"reads": 1, "copies": 3, "stored": 1, "same index": True}
    loaded = _ask_from_threads(tmp_path)  # the file now: read once
    assert loaded == {"reads": 1, "copies": 3, "stored": 0, "same index": True}
