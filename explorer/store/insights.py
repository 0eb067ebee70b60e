"""Questions about the workspace beyond lists: where entities are named, facets, the timeline, analyst
annotations.

A mixin of Store: it shares only the store's connection and its entity lookup (for Filter → SQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from explorer.model import Filter
from explorer.query.sql import filter_clause


class InsightsMixin:
    def mention_spots(
        self, briefing_id: int, entity_ids: Iterable[int]
    ) -> list[tuple[int, str, int, int, int, int]]:
        """Where entities are named in one briefing, reading order: (entity id, section, item, sentence,
        start, end), the offsets in the section's text."""
        ids = list(entity_ids)
        return [
            (r[0], r[1], r[2], r[3], r[4], r[5])
            for r in self.db.execute(
                f"""select entity_id, section, item, sentence, start, "end" from mentions
                    where briefing_id = ? and entity_id in ({",".join("?" * len(ids))}) order by id""",
                [briefing_id, *ids],
            )
        ]

    def first_in_country(self, briefing_id: int, code: str) -> int | None:
        """The entity that first puts a briefing in a country: a place there, else an organisation
        based there (the "in ASX trading" → Australia case)."""
        found = self.db.execute(
            """select e.id from mentions m join entities e on e.id = m.entity_id
               where m.briefing_id = ? and e.country = ? and e.kind in ('place', 'org')
               order by e.kind = 'org', m.id limit 1""",
            [briefing_id, code],
        ).fetchone()
        return found[0] if found else None

    def briefings_per_entity(self, entity_ids: Iterable[int]) -> dict[int, int]:
        """How many briefings in the whole workspace name each entity (for hover cards)."""
        ids = list(set(entity_ids))
        if not ids:
            return {}
        rows = self.db.execute(
            f"""select entity_id, count(distinct briefing_id) from mentions
                where entity_id in ({",".join("?" * len(ids))}) group by entity_id""",
            ids,
        )
        return dict(rows.fetchall())

    # -- analyst annotations ---------------------------------------------------------------------------
    def set_annotation(self, briefing_id: int, tags: Iterable[str], note: str) -> None:
        """Tags and a note for a briefing, kept by content hash so they survive a re-import."""
        clean = sorted({t.strip().lower().replace(" ", "-") for t in tags if t.strip()})
        content_hash = self.content_hash_of(briefing_id)
        if content_hash is None:
            raise KeyError(briefing_id)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            self.db.execute(
                "insert into annotations (content_hash, tags, note, updated_at) values (?, ?, ?, ?)"
                " on conflict (content_hash) do update set tags = excluded.tags, note = excluded.note,"
                " updated_at = excluded.updated_at",
                [content_hash, " ".join(clean), note.strip(), now],
            )
            self.db.execute(
                "update briefings set tags = ?, notes = ? where id = ?",
                [" ".join(clean), note.strip(), briefing_id],
            )

    def annotation(self, briefing_id: int) -> tuple[list[str], str]:
        row = self.db.execute("select tags, notes from briefings where id = ?", [briefing_id]).fetchone()
        if row is None:
            raise KeyError(briefing_id)
        return (row[0].split() if row[0] else []), row[1] or ""

    # -- facets and timeline -------------------------------------------------------------------------
    def facets(self, flt: Filter = Filter(), limit: int = 12) -> dict[str, list[tuple[str, str, int]]]:
        """Counts of the filtered briefings by country, organisation, person, topic, source and month,
        as (key, label, count): the key is what a click adds to the filter."""
        where_c, args_c = filter_clause(flt, self.entity_ids_named, "c.briefing_id", text=self.text_match)
        where_m, args_m = filter_clause(flt, self.entity_ids_named, "m.briefing_id", text=self.text_match)
        where_b, args_b = filter_clause(flt, self.entity_ids_named, "b.id", text=self.text_match)
        out: dict[str, list[tuple[str, str, int]]] = {}
        out["country"] = [
            (code, code, n)
            for code, n in self.db.execute(
                f"""select country, count(*) from briefing_countries c where {where_c}
                    group by country order by count(*) desc, country limit ?""",
                [*args_c, limit],
            )
        ]
        for kind, facet in (("org", "org"), ("person", "person"), ("topic", "topic"), ("place", "place")):
            out[facet] = [
                (str(entity_id), name, n)
                for entity_id, name, n in self.db.execute(
                    f"""select e.id, e.name, count(distinct m.briefing_id) as n from mentions m
                        join entities e on e.id = m.entity_id where e.kind = ? and {where_m}
                        group by e.id order by n desc, e.name limit ?""",
                    [kind, *args_m, limit],
                )
            ]
        out["source"] = [
            (source, source, n)
            for source, n in self.db.execute(
                f"""select source, count(*) from briefings b where source is not null and source != ''
                    and {where_b} group by source order by count(*) desc limit ?""",
                [*args_b, limit],
            )
        ]
        out["month"] = [
            (month, month, n)
            for month, n in self.db.execute(
                f"""select substr(published, 1, 7) as month, count(*) from briefings b
                    where published is not null and {where_b} group by month order by month desc limit ?""",
                [*args_b, limit * 4],
            )
        ]
        return out

    def histogram(self, flt: Filter = Filter()) -> list[tuple[str, int]]:
        """Briefings per day (YYYY-MM-DD, count) within the filter, oldest first; undated ones left out."""
        where, args = filter_clause(flt, self.entity_ids_named, text=self.text_match)
        return [
            (day, n)
            for day, n in self.db.execute(
                f"""select published, count(*) from briefings b where published is not null and {where}
                    group by published order by published""",
                args,
            )
        ]
