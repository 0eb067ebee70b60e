"""A place name's readings, from the file kept beside the dictionary, are the dictionary's own: the window
lists them without loading the dictionary."""

from __future__ import annotations

import subprocess
import sys

from explorer.extract import readings_file
from explorer.extract.dictionary import dictionary
from explorer.extract.readings import readings

NAMES = ["Georgia", "Perth", "Paris", "Washington", "Springfield", "China", "Reuters", "no such place"]


def test_the_file_holds_each_names_readings_as_the_dictionary_gives_them():
    index = dictionary()
    readings_file.ensure(index.items)
    assert readings_file.path().exists()
    for name in NAMES:
        assert readings_file.lookup(name) == readings_file.readings_of(index.get(name)), name
    assert len(readings("Georgia")) >= 2 and readings("Reuters") == []


def test_a_missing_file_is_written_again_whole():
    path = readings_file.path()
    path.unlink()
    assert readings_file.lookup("Georgia") is None  # no file: the caller asks the dictionary
    readings_file.ensure(dictionary().items)
    assert path.exists() and not list(path.parent.glob("*.tmp"))
    assert [r.country for r in readings_file.lookup("Georgia")] == ["GE", "US"]


WINDOW = """
from explorer.extract import dictionary_cache
from explorer.extract.readings import readings
found = readings("Georgia")
print(dictionary_cache.loaded(), [(r.name, r.country) for r in found])
"""


def test_a_process_without_the_dictionary_reads_the_file_and_never_loads_it():
    readings_file.ensure(dictionary().items)
    command = [sys.executable, "-c", WINDOW]
    loaded, found = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=60
    ).stdout.split(" ", 1)
    assert loaded == "False"
    assert "('Georgia, United States', 'US')" in found and "('Georgia', 'GE')" in found
