"""The import's write path: a batch of briefings with their mentions, in one transaction, through
prepared statements. A Store mixin."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from explorer.model import Briefing, Mention
from explorer.store.fingerprint import Fingerprint
from explorer.store.near_duplicates import briefing_texts, link_near_duplicate
from explorer.store.schema import section_columns

# An organisation's home country counts less towards a story's places than a place named outright.
ORG_COUNTRY_WEIGHT = 0.5
MENTION_COLUMNS = (
    "briefing_id",
    "entity_id",
    "section",
    "item",
    "start",
    "end",
    "surface",
    "confidence",
    "rule",
    "sentence",
)
INSERT_MENTION = (
    "insert into mentions (" + ", ".join(f'"{c}"' for c in MENTION_COLUMNS) + ") "
    f"values ({', '.join('?' * len(MENTION_COLUMNS))})"
)
INSERT_COUNTRY = "insert into briefing_countries (briefing_id, country, weight, via) values (?, ?, ?, ?)"
BRIEFING_COLUMNS = (
    "title",
    "body",
    "sections",
    "implications",
    "signals",
    "topics",
    "other_sections",
    "tags",
    "notes",
    "published",
    "date_source",
    "source",
    "url",
    "origin",
    "content_hash",
    "imported_at",
    "country_codes",
    "entity_count",
)
INSERT_BRIEFING = (
    f"insert into briefings ({', '.join(BRIEFING_COLUMNS)}) values ({', '.join('?' * len(BRIEFING_COLUMNS))})"
    " on conflict (content_hash) do nothing returning id"
)


def story_countries(mentions: Sequence[Mention]) -> dict[str, tuple[float, str]]:
    """The countries a briefing's mentions give it: country → (weight, via place or org); a place named
    outright outweighs an organisation's home country."""
    countries: dict[str, tuple[float, str]] = {}
    for m in mentions:
        if m.country and m.kind in ("place", "org"):
            weight = 1.0 if m.kind == "place" else ORG_COUNTRY_WEIGHT
            if weight > countries.get(m.country, (0.0, ""))[0]:
                countries[m.country] = (weight, m.kind)
    return countries


def _ordered(countries: dict[str, tuple[float, str]]) -> str:
    """The list column: heaviest first, then by code."""
    return " ".join(sorted(countries, key=lambda code: (-countries[code][0], code)))


@dataclass(frozen=True)
class AddResult:
    added: int
    duplicates: int
    near_duplicates: tuple[tuple[str, str], ...] = ()  # (the copy, its first copy), each by origin or title


class WritingMixin:
    def add_briefings(
        self,
        batch: Iterable[tuple[Briefing, Sequence[Mention]]],
        fingerprints: Sequence[Fingerprint | None] | None = None,
    ) -> AddResult:
        """Store a batch in one transaction: all of it lands, or none of it does. `fingerprints`, one per
        briefing when extraction workers made them, spare the writer that work."""
        added = duplicates = 0
        near: list[tuple[str, str]] = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        known: dict[tuple[str, str], int] = {}  # entity ids met in this batch, by (name, kind)
        batch = list(batch)
        pending: tuple[list[tuple], list[tuple]] = ([], [])  # mention and country rows, written at the end
        stored: list[tuple[int]] = []
        hashes = [briefing.content_hash for briefing, _ in batch]
        with self.db.atomic():
            # A query per batch, not per briefing: each is a round trip to a team's server.
            already = self.stored_hashes(hashes)
            annotations = self._annotations(hashes)
            self._resolve_entities([m for _, mentions in batch for m in mentions], known)
            for index, (briefing, mentions) in enumerate(batch):
                if briefing.content_hash in already:
                    duplicates += 1
                    continue
                countries = story_countries(mentions)
                entity_count = len({(m.name, m.kind) for m in mentions})
                annotation = annotations.get(briefing.content_hash, ("", ""))
                briefing_id = self._insert_briefing(
                    briefing, now, _ordered(countries), entity_count, annotation
                )
                if briefing_id is None:  # another writer stored the same text since the check
                    duplicates += 1
                    continue
                stored.append((briefing_id,))
                self._write_mentions(briefing_id, mentions, countries, known, pending)
                made = fingerprints[index] if fingerprints is not None else None
                copy = link_near_duplicate(
                    self.db.conn, briefing_id, briefing.title, briefing_texts(briefing), made
                )
                if copy is not None:
                    near.append((briefing.origin or briefing.title, self._name_of(copy.original_id)))
                added += 1
            self._insert_rows(*pending)
            self.db.conn.executemany("insert into unwatched (briefing_id) values (?)", stored)
        return AddResult(added=added, duplicates=duplicates, near_duplicates=tuple(near))

    def _name_of(self, briefing_id: int) -> str:
        row = self.db.execute("select origin, title from briefings where id = ?", [briefing_id]).fetchone()
        return (row[0] or row[1]) if row else f"briefing {briefing_id}"

    def has_content(self, content_hash: str) -> bool:
        return self.briefing_id_by_hash(content_hash) is not None

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes the workspace holds already."""
        return {
            row[0] for row in self._in_chunks("select content_hash from briefings where content_hash", hashes)
        }

    def _annotations(self, hashes: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Tags and notes kept for these contents (from before a delete and re-import), by hash."""
        sql = "select content_hash, tags, note from annotations where content_hash"
        return {row[0]: (row[1], row[2]) for row in self._in_chunks(sql, hashes)}

    def _in_chunks(self, sql: str, values: Sequence[object], size: int = 500) -> list[tuple]:
        """`sql` ends in a column; the rows where that column is in `values`, asked 500 at a time."""
        rows: list[tuple] = []
        for start in range(0, len(values), size):
            chunk = list(values[start : start + size])
            rows += self.db.execute(f"{sql} in ({','.join('?' * len(chunk))})", chunk).fetchall()
        return rows

    def briefing_id_by_hash(self, content_hash: str) -> int | None:
        row = self.db.execute("select id from briefings where content_hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def content_hash_of(self, briefing_id: int) -> str | None:
        row = self.db.execute("select content_hash from briefings where id = ?", [briefing_id]).fetchone()
        return row[0] if row else None

    def _insert_briefing(
        self,
        briefing: Briefing,
        imported_at: str,
        country_codes: str,
        entity_count: int,
        annotation: tuple[str, str],
    ) -> int | None:
        """The new briefing's id; None when the same content is already stored (PostgreSQL waits for
        a concurrent writer of the same text to commit, then reports the duplicate)."""
        sections = [{"name": s.name, "items": list(s.items)} for s in briefing.sections]
        spread = section_columns(sections)
        # A prepared statement: sqlite-utils' insert inspected the table and every value each time.
        cursor = self.db.conn.execute(
            INSERT_BRIEFING,
            (
                briefing.title,
                briefing.body,
                json.dumps(sections, ensure_ascii=False),
                spread["implications"],
                spread["signals"],
                spread["topics"],
                spread["other_sections"],
                annotation[0],
                annotation[1],
                briefing.published,
                briefing.date_source,
                briefing.source,
                briefing.url,
                briefing.origin,
                briefing.content_hash,
                imported_at,
                country_codes,
                entity_count,
            ),
        )
        row = cursor.fetchone()
        return int(row[0]) if row else None

    def _resolve_entities(self, mentions: Sequence[Mention], known: dict[tuple[str, str], int]) -> None:
        """Entity ids for every (name, kind) the mentions name, new entities stored. In name order:
        concurrent writers then wait for each other's new entities in one order and never deadlock."""
        first: dict[tuple[str, str], Mention] = {}
        for m in mentions:
            first.setdefault((m.name, m.kind), m)
        wanted = sorted(first.keys() - known.keys())
        for start in range(0, len(wanted), 400):  # those stored already, in one query per 400
            chunk = wanted[start : start + 400]
            pairs = ",".join(["(?, ?)"] * len(chunk))
            flat = [value for key in chunk for value in key]
            sql = f"select id, name, kind from entities where (name, kind) in (values {pairs})"
            known.update({(name, kind): entity_id for entity_id, name, kind in self.db.execute(sql, flat)})
        for key in sorted(first.keys() - known.keys()):
            known[key] = self._lookup_or_add_entity(first[key])

    def _lookup_or_add_entity(self, mention: Mention) -> int:
        conn = self.db.conn
        lookup = "select id from entities where name = ? and kind = ?"
        row = conn.execute(lookup, (mention.name, mention.kind)).fetchone()
        if row:
            return int(row[0])
        row = conn.execute(
            "insert into entities (name, kind, country, lat, lon) values (?, ?, ?, ?, ?)"
            " on conflict (name, kind) do nothing returning id",
            (mention.name, mention.kind, mention.country, mention.lat, mention.lon),
        ).fetchone()
        if row is None:  # another writer added it since the lookup
            row = conn.execute(lookup, (mention.name, mention.kind)).fetchone()
        return int(row[0])

    def add_mentions(
        self, briefing_id: int, mentions: Sequence[Mention], known: dict[tuple[str, str], int] | None = None
    ) -> None:
        """Store the mentions of a briefing already stored (extracted again), the entities they name and
        the story countries they give it. `known` caches entity ids across one transaction's briefings."""
        countries = story_countries(mentions)
        rows = self._write_mentions(briefing_id, mentions, countries, {} if known is None else known)
        self.db.execute(
            "update briefings set country_codes = ?, entity_count = ? where id = ?",
            [_ordered(countries), len({row[1] for row in rows}), briefing_id],
        )

    def _write_mentions(
        self,
        briefing_id: int,
        mentions: Sequence[Mention],
        countries: dict[str, tuple[float, str]],
        known: dict[tuple[str, str], int],
        pending: tuple[list[tuple], list[tuple]] | None = None,
    ) -> list[tuple]:
        """The mention rows of a briefing, written now, or added to `pending` to write with the batch
        (whose entities were all resolved before: `known` holds them)."""
        if pending is None:
            self._resolve_entities(mentions, known)
        rows = [
            (
                briefing_id,
                known[m.name, m.kind],
                m.section,
                m.item,
                m.start,
                m.end,
                m.surface,
                m.confidence,
                m.rule,
                m.sentence,
            )
            for m in mentions
        ]
        country_rows = [(briefing_id, code, w, via) for code, (w, via) in countries.items()]
        if pending is None:
            self._insert_rows(rows, country_rows)
        else:
            pending[0].extend(rows)
            pending[1].extend(country_rows)
        return rows

    def _insert_rows(self, mention_rows: list[tuple], country_rows: list[tuple]) -> None:
        if self.url:  # COPY: a tenth of executemany's time for a batch's hundred thousand mentions
            self.db.copy_rows("mentions", MENTION_COLUMNS, mention_rows)
            self.db.copy_rows("briefing_countries", ("briefing_id", "country", "weight", "via"), country_rows)
            return
        # Prepared statements: sqlite-utils' insert_all rebuilt the query and inspected every value for
        # each briefing, which was two thirds of an import's storing time.
        self.db.conn.executemany(INSERT_MENTION, mention_rows)
        self.db.conn.executemany(INSERT_COUNTRY, country_rows)
