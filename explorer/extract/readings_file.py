"""What the dictionary says of each name, kept in the cache folder beside the dictionary it comes from:
the readings of every place name, and the name extraction gives every name ("TSM" → TSMC, "Fed" →
Federal Reserve).

A process that has not loaded the dictionary (the window: 40 MB, and 0.2-0.4 s on its GUI thread at the
first right-click on a place or the first `org:Fed` search) asks this small SQLite file instead, one
indexed lookup each. An import's worker writes it once its extraction is done (about 2 s, once per
dictionary, at a lower priority than the window), so the import never waits for it; until then the
window loads the dictionary as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any, NamedTuple

from explorer.cache_files import sweep, write_whole
from explorer.extract import dictionary_cache

LIMIT = 8  # readings listed per name


class Reading(NamedTuple):
    name: str  # the entity name extraction gives this reading ("Georgia, United States")
    kind: str  # country, region, city…
    country: str | None
    lat: float | None
    lon: float | None


def readings_of(entry: Any, limit: int = LIMIT) -> list[Reading]:
    """A dictionary entry's readings (see explorer.extract.readings), countries first, then places by
    population."""
    if entry is None:
        return []
    _orgs, hits, candidates = entry
    found = [Reading(hit.name, "country", hit.code, hit.lat, hit.lon) for hit in hits]
    places = sorted((c.place for c in candidates), key=lambda p: -p.population)
    found += [Reading(p.name, p.kind, p.country or None, p.lat, p.lon) for p in places]
    unique: dict[tuple[str, str | None], Reading] = {}
    for reading in found:
        unique.setdefault((reading.name, reading.country), reading)
    return list(unique.values())[:limit]


def path() -> Path:
    """Named by the digest of the dictionary it comes from."""
    dictionary = dictionary_cache.cache_file()
    return dictionary.with_name(dictionary.stem.replace("dictionary-", "readings-", 1) + ".sqlite")


def write() -> None:
    """Write the file for the dictionary in use unless it is there (loading the dictionary to do it)."""
    from explorer.extract.dictionary import dictionary

    ensure(lambda: dictionary().items())


def ensure(entries: Callable[[], Iterable[tuple[str, Any]]]) -> None:
    """Write the file for the dictionary in use unless it is there; `entries` gives the dictionary's
    (name, entry) pairs, and each name is read by extraction, with that same dictionary (`write`). A
    cache folder that cannot be written costs the window the dictionary."""
    target = path()
    if target.exists():
        return
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("create table readings (surface text primary key, readings text not null) without rowid")
        conn.execute("create table names (surface text primary key, name text, kind text) without rowid")
        pairs = list(entries())
        rows = ((name, readings_of(entry)) for name, entry in pairs)
        conn.executemany(
            "insert into readings values (?, ?)",
            ((name, json.dumps(found, ensure_ascii=False)) for name, found in rows if found),
        )
        conn.executemany("insert into names values (?, ?, ?)", ((name, *_named(name)) for name, _ in pairs))
        conn.commit()
        data = conn.serialize()
    try:
        write_whole(target, lambda fh: fh.write(data))
    except OSError:
        return
    sweep(target.parent, "readings-*.sqlite", keep=target)


def named(surface: str) -> tuple[str | None, str | None] | None:
    """The name and kind extraction gives a name of the dictionary when the name alone is read; (None,
    None) when that is the name itself or nothing; None when the file cannot say (no file, or a name the
    dictionary does not hold: then only extraction can)."""
    asked, row = _row("select name, kind from names where surface = ?", surface)
    return None if not asked or row is None else (row[0], row[1])


def _named(surface: str) -> tuple[str | None, str | None]:
    from explorer.extract.pipeline import extract_text  # the writer holds the dictionary already

    found = extract_text(surface)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(surface) and found[0].name != surface:
        return found[0].name, found[0].kind
    return None, None


def lookup(surface: str) -> list[Reading] | None:
    """The stored readings of a name ([] when it has none); None when there is no file to ask."""
    asked, row = _row("select readings from readings where surface = ?", surface)
    if not asked:
        return None
    return [] if row is None else [Reading(*values) for values in json.loads(row[0])]


def _row(sql: str, surface: str) -> tuple[bool, tuple | None]:
    """Whether the file could be asked, and its row for the name (None when it has none)."""
    target = path()
    if not target.exists():
        return False, None
    try:
        with closing(sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)) as conn:
            return True, conn.execute(sql, (surface,)).fetchone()
    except sqlite3.Error:
        return False, None
