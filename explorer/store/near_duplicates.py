"""Near-duplicates: the same story imported twice from different sources (a feed entry and the saved
page, two wires carrying one report). A copy is imported like any briefing and linked to the first
copy; the reader says where else the story came from, and a filter can hide the copies.

Two briefings are the same story when their word shingles overlap with a Jaccard similarity of at
least SIMILAR, or, under the same title, when the shorter text lies at least CONTAINED inside the
longer one (a feed's summary of a saved article). A Store mixin; `link_near_duplicate` also serves the
migration that fingerprints a workspace made before near-duplicates existed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from explorer.model import Briefing
from explorer.store.fingerprint import (
    MIN_SHINGLES,
    Fingerprint,
    containment,
    estimated_similarities,
    fingerprint,
    jaccard,
    shingles,
)

SIMILAR = 0.5
CONTAINED = 0.8
_MAX_CANDIDATES = 20
# A 60-value signature estimates similarity within about ±0.065 (one standard error at 0.5): candidates
# estimated this far below the bar are still compared exactly.
_ESTIMATE_MARGIN = 0.15


@dataclass(frozen=True)
class NearDuplicate:
    copy_id: int
    original_id: int
    similarity: float


@dataclass(frozen=True)
class Copy:
    """Another briefing carrying the same story, as the reader lists it."""

    id: int
    title: str
    source: str | None
    origin: str | None
    published: str | None


def link_near_duplicate(
    conn: sqlite3.Connection, briefing_id: int, title: str, texts: list[str], found: Fingerprint | None = None
) -> NearDuplicate | None:
    """Fingerprint one stored briefing and link it to the first copy of its story, if there is one.
    `found`: its fingerprint when already made (by an extraction worker)."""
    found = found or fingerprint(texts)
    if found is None:
        return None
    keys = found.keys
    marks = ",".join("?" * len(keys))
    # Only first copies are candidates (only they have band keys): a copy would link to its first copy
    # anyway, and a story carried a hundred times would otherwise cost a hundred comparisons.
    first_copy = "not exists (select 1 from near_duplicates n where n.briefing_id = {})"
    candidates = {
        row[0]
        for row in conn.execute(
            f"select distinct briefing_id from briefing_bands where key in ({marks})", keys
        )
    }
    same_title = {
        row[0]
        for row in conn.execute(
            f"select b.id from briefings b where lower(b.title) = lower(?) and {first_copy.format('b.id')}",
            (title,),
        )
    }
    candidates = sorted((candidates | same_title) - {briefing_id})
    best: tuple[float, int] | None = None
    worth = _worth_comparing(conn, candidates, found.signature, same_title)
    if worth:
        shingled = shingles(texts)
        marks = ",".join("?" * len(worth))
        hashes = conn.execute(f"select id, content_hash from briefings where id in ({marks})", worth)
        for other_id, content_hash in hashes.fetchall():
            other = _stored_shingles(conn, other_id, content_hash)
            score = jaccard(shingled, other)
            if other_id in same_title and min(len(shingled), len(other)) >= MIN_SHINGLES:
                inside = containment(shingled, other)
                if inside >= CONTAINED:
                    score = max(score, inside)
            if score >= SIMILAR and (best is None or (score, -other_id) > (best[0], -best[1])):
                best = (score, other_id)
    if best is None:  # a first copy: later copies find it by its band keys (copies are never candidates)
        conn.executemany(
            "insert into briefing_bands (key, briefing_id) values (?, ?) on conflict do nothing",
            [(key, briefing_id) for key in keys],
        )
        conn.execute(
            "insert into briefing_signatures (briefing_id, signature) values (?, ?)"
            " on conflict (briefing_id) do update set signature = excluded.signature",
            (briefing_id, found.signature),
        )
        return None
    similarity, match = best
    conn.execute(
        "insert into near_duplicates (briefing_id, original_id, similarity) values (?, ?, ?)"
        " on conflict (briefing_id) do update set original_id = excluded.original_id,"
        " similarity = excluded.similarity",
        (briefing_id, match, round(similarity, 3)),
    )
    return NearDuplicate(briefing_id, match, similarity)


def _worth_comparing(
    conn: sqlite3.Connection, candidates: list[int], signature: bytes, same_title: set[int]
) -> list[int]:
    """Candidates whose estimated similarity comes near the bar (band keys also bring texts that share
    only a sentence or two), and those under the same title, the most similar first."""
    if not candidates:
        return []
    marks = ",".join("?" * len(candidates))
    rows = conn.execute(
        f"select briefing_id, signature from briefing_signatures where briefing_id in ({marks})", candidates
    )
    estimates = estimated_similarities(signature, rows.fetchall())
    near = [c for c in candidates if c in same_title or estimates.get(c, 0.0) >= SIMILAR - _ESTIMATE_MARGIN]
    return sorted(near, key=lambda c: -estimates.get(c, 0.0))[:_MAX_CANDIDATES]


# Shingles of recently compared first copies, by content hash (the text it names never changes): a
# story carried many times is cut into shingles once.
_SHINGLE_CACHE: OrderedDict[str, frozenset[str]] = OrderedDict()
_SHINGLE_CACHE_SIZE = 1024


def _stored_shingles(conn: sqlite3.Connection, briefing_id: int, content_hash: str) -> frozenset[str]:
    cached = _SHINGLE_CACHE.get(content_hash)
    if cached is not None:
        _SHINGLE_CACHE.move_to_end(content_hash)
        return cached
    title, body, sections = conn.execute(
        "select title, body, sections from briefings where id = ?", (briefing_id,)
    ).fetchone()
    found = shingles([title, body, *section_items(sections)])
    _SHINGLE_CACHE[content_hash] = found
    if len(_SHINGLE_CACHE) > _SHINGLE_CACHE_SIZE:
        _SHINGLE_CACHE.popitem(last=False)
    return found


def briefing_texts(briefing: Briefing) -> list[str]:
    return [text for _section, _item, text in briefing.texts()]


def section_items(sections_json: str) -> list[str]:
    """Every item of the sections JSON stored with a briefing."""
    try:
        return [item for section in json.loads(sections_json or "[]") for item in section.get("items", [])]
    except (ValueError, AttributeError):
        return []


class NearDuplicatesMixin:
    def copies(self, briefing_id: int) -> list[Copy]:
        """The other briefings of this briefing's story: its first copy first, then the later copies."""
        row = self.db.execute(
            "select original_id from near_duplicates where briefing_id = ?", [briefing_id]
        ).fetchone()
        original = row[0] if row else briefing_id
        rows = self.db.execute(
            """select b.id, b.title, b.source, b.origin, b.published
               from briefings b left join near_duplicates n on n.briefing_id = b.id
               where (b.id = ? or n.original_id = ?) and b.id != ?
               order by b.id""",
            [original, original, briefing_id],
        )
        return [Copy(*r) for r in rows]

    def near_duplicate_count(self) -> int:
        return int(self.db.execute("select count(*) from near_duplicates").fetchone()[0])
