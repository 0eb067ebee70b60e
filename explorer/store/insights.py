"""Questions about the workspace beyond lists: evidence, facets, the timeline, analyst annotations.

A mixin of Store (it uses the store's db and filter SQL), so the SQL stays in the store package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from explorer.extract.sentences import sentence_text
from explorer.model import Filter


@dataclass(frozen=True)
class Evidence:
    briefing_id: int
    title: str
    published: str | None
    section: str
    sentence: str


class InsightsMixin:
    def evidence(
        self, a: int, b: int | None = None, flt: Filter = Filter(), limit: int = 20
    ) -> list[Evidence]:
        """The sentences behind an entity (b None) or a link: where both appear together if they ever
        share a sentence in a briefing, else the first sentence naming each."""
        ids = (a,) if b is None else (a, b)
        scoped = replace(flt, entity_ids=(*flt.entity_ids, *ids), entity_mode="all")
        return [e for row in self.list_briefings(scoped, limit=limit) for e in self._sentences(row, a, b)]

    def _sentences(self, row, a: int, b: int | None) -> list[Evidence]:
        """In one briefing: the first sentence naming both, else the first naming each."""
        ids = (a,) if b is None else (a, b)
        pieces = {(s, i): t for s, i, t in self.get_briefing(row.id).briefing.texts()}
        found = self.db.execute(
            f"""select entity_id, section, item, sentence from mentions
                where briefing_id = ? and entity_id in ({",".join("?" * len(ids))}) order by id""",
            [row.id, *ids],
        ).fetchall()
        spots: dict[int, list[tuple[str, int, int]]] = {}
        for entity_id, section, item, sentence in found:
            spots.setdefault(entity_id, []).append((section, item, sentence))
        shared = [spot for spot in spots.get(a, []) if b is None or spot in spots.get(b, [])]
        chosen = shared[:1] or [spots[e][0] for e in ids if e in spots]
        out = []
        for section, item, sentence in chosen:
            text = sentence_text(pieces.get((section, item), ""), sentence)
            out.append(Evidence(row.id, row.title, row.published, section, text))
        return out

    def country_evidence(self, code: str, flt: Filter = Filter(), limit: int = 20) -> list[Evidence]:
        """Why briefings sit in a country: the first sentence naming a place there, or else an
        organisation based there (the "in ASX trading" → Australia case)."""
        scoped = replace(flt, countries=(*flt.countries, code))
        out: list[Evidence] = []
        for row in self.list_briefings(scoped, limit=limit):
            found = self.db.execute(
                """select e.id from mentions m join entities e on e.id = m.entity_id
                   where m.briefing_id = ? and e.country = ? and e.kind in ('place', 'org')
                   order by e.kind = 'org', m.id limit 1""",
                [row.id, code],
            ).fetchone()
            if found:
                out += [
                    e for e in self.evidence(found[0], None, Filter(), limit=500) if e.briefing_id == row.id
                ][:1]
        return out

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
        row = self.db.execute("select content_hash from briefings where id = ?", [briefing_id]).fetchone()
        if row is None:
            raise KeyError(briefing_id)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            self.db.table("annotations").upsert(
                {"content_hash": row[0], "tags": " ".join(clean), "note": note.strip(), "updated_at": now},
                pk="content_hash",
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
        where_c, args_c = self._filter_clause(flt, "c.briefing_id")
        where_m, args_m = self._filter_clause(flt, "m.briefing_id")
        where_b, args_b = self._filter_clause(flt, "b.id")
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
        where, args = self._filter_clause(flt)
        return [
            (day, n)
            for day, n in self.db.execute(
                f"""select published, count(*) from briefings b where published is not null and {where}
                    group by published order by published""",
                args,
            )
        ]
