"""Full-text search and counting: the best matches of a query, and how many briefings pass a filter.

A mixin of Store (it uses the store's db and filter SQL), so the SQL stays in the store package.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from explorer.model import Filter
from explorer.query import ParsedQuery, QueryError, parse_query
from explorer.store.names import canonical_name, resolve_country

RANK_WINDOW = 1000  # a search ranks at most this many matches, the newest (see Store._ranked)


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    published: str | None
    snippet: str
    rank: float


class SearchMixin:
    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search with the query language (explorer.query), best match first, then newest.
        Anything a user types is safe to pass: a query the engine refuses returns no hits."""
        parsed = parse_query(text, resolve_country)
        where, args = self._filter_clause(Filter(query=text), match=False, paged=True)
        if parsed.fts:
            sql = f"""
                select b.id, b.title, b.published,
                       snippet(briefings_fts, -1, '[', ']', '…', 12), briefings_fts.rank
                from briefings_fts join briefings b on b.id = briefings_fts.rowid
                where briefings_fts match ? and {where}{{window}}
                order by briefings_fts.rank limit ?"""
            try:
                return self._ranked(sql, parsed.fts, args, limit)
            except sqlite3.OperationalError:
                return []
        elif where != "1":
            sql = f"""select b.id, b.title, b.published, substr(b.body, 1, 160), 0.0 from briefings b
                      where {where} order by b.published desc, b.id desc limit ?"""
            args = [*args, limit]
        else:
            return []
        try:
            rows = self.db.execute(sql, args).fetchall()
        except sqlite3.OperationalError:
            return []
        return [
            SearchHit(id=r[0], title=r[1], published=r[2], snippet=" ".join(r[3].split()), rank=r[4])
            for r in rows
        ]

    def _ranked(self, sql: str, fts: str, args: list, limit: int) -> list[SearchHit]:
        """Ranking costs a few microseconds per match, so a text query matching more than RANK_WINDOW
        briefings ranks its newest RANK_WINDOW matches (by arrival) — unless the other filters leave fewer
        than a page of those, when every match is ranked after all."""
        newest_first = "select rowid from briefings_fts where briefings_fts match ? order by rowid desc"
        cutoff = self.db.execute(f"{newest_first} limit 1 offset ?", [fts, RANK_WINDOW - 1]).fetchone()
        rows = []
        if cutoff is not None:
            windowed = sql.format(window=" and briefings_fts.rowid >= ?")
            rows = self.db.execute(windowed, [fts, *args, cutoff[0], limit]).fetchall()
        if cutoff is None or len(rows) < limit:
            rows = self.db.execute(sql.format(window=""), [fts, *args, limit]).fetchall()
        return [
            SearchHit(id=r[0], title=r[1], published=r[2], snippet=" ".join(r[3].split()), rank=r[4])
            for r in rows
        ]

    def query_errors(self, text: str) -> list[QueryError]:
        """What is wrong with a query, for an inline hint; empty when it runs as typed."""
        parsed = parse_query(text, resolve_country)
        errors = list(parsed.errors)
        for expression in (parsed.fts, parsed.exclude):
            if not expression:
                continue
            try:
                self.db.execute(
                    "select 1 from briefings_fts where briefings_fts match ? limit 1", [expression]
                )
            except sqlite3.OperationalError as exc:
                errors.append(QueryError(f"the search engine refused this query: {exc}", 0))
        return errors

    def briefing_total(self, flt: Filter = Filter()) -> int:
        """How many briefings pass the filter. Counted on a narrow table (a country's briefings, the
        full-text matches) when the filter allows it: counting rows of the wide briefings table reads
        every briefing's pages."""
        try:
            return int(self.db.execute(*self._count_sql(flt)).fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    def _count_sql(self, flt: Filter) -> tuple[str, list[object]]:
        """Drive the count from the narrowest table the filter names, probing the rest per briefing."""
        narrow = self._narrowest(flt)
        if narrow is not None:
            _column, rows, args = narrow
            return f"select count(*) from {rows}", args
        parsed = parse_query(flt.query, resolve_country) if flt.query else ParsedQuery()
        if parsed.exclude and not _on_rows(flt, parsed):  # NOT x alone: all minus the matches of x
            sql = """select (select count(*) from briefings)
                     - (select count(*) from briefings_fts where briefings_fts match ?)"""
            return sql, [parsed.exclude]
        where, args = self._filter_clause(flt)
        return f"select count(*) from briefings b where {where}", args

    def _ids_sql(self, flt: Filter) -> tuple[str, list[object]] | None:
        """The ids of the briefings that pass the filter, driven like the count; None when all do."""
        narrow = self._narrowest(flt)
        if narrow is not None:
            column, rows, args = narrow
            return f"select {column} from {rows}", args
        where, args = self._filter_clause(flt)
        return None if where == "1" else (f"select b.id from briefings b where {where}", args)

    def _narrowest(self, flt: Filter) -> tuple[str, str, list[object]] | None:
        """(briefing id column, rows, arguments) of the narrowest table the filter names, the rest of the
        filter probed per briefing; None when the filter names none (or restricts the briefing rows)."""
        parsed = parse_query(flt.query, resolve_country) if flt.query else ParsedQuery()
        if _on_rows(flt, parsed):
            return None
        if parsed.fts:
            where, args = self._filter_clause(flt, "briefings_fts.rowid", match=False, paged=True)
            return (
                "briefings_fts.rowid",
                f"briefings_fts where briefings_fts match ? and {where}",
                [parsed.fts, *args],
            )
        countries = (*flt.countries, *parsed.countries)
        if countries:
            where, args = self._filter_clause(flt, "d.briefing_id", paged=True, skip_country=countries[0])
            return (
                "d.briefing_id",
                f"briefing_countries d where d.country = ? and {where}",
                [countries[0], *args],
            )
        if parsed.entities:
            kind, name = parsed.entities[0]
            driving = self._entity_ids_named(kind, canonical_name(kind, name)) or [-1]
            where, args = self._filter_clause(flt, "d.briefing_id", paged=True, skip_entity=(kind, name))
            marks = ",".join("?" * len(driving))
            rows = f"(select distinct briefing_id from mentions where entity_id in ({marks})) d where {where}"
            return "d.briefing_id", rows, [*driving, *args]
        if flt.entity_ids:
            driving = flt.entity_ids if flt.entity_mode == "any" else flt.entity_ids[:1]
            rest = replace(flt, entity_ids=() if flt.entity_mode == "any" else flt.entity_ids[1:])
            where, args = self._filter_clause(rest, "d.briefing_id", paged=True)
            marks = ",".join("?" * len(driving))
            rows = f"(select distinct briefing_id from mentions where entity_id in ({marks})) d where {where}"
            return "d.briefing_id", rows, [*driving, *args]
        return None


def _on_rows(flt: Filter, parsed: ParsedQuery) -> bool:
    """Whether the filter restricts columns of the briefing rows themselves (source, date, tags)."""
    on_rows = (flt.sources, parsed.sources, flt.date_from, flt.date_to, parsed.after, parsed.before)
    return any(on_rows) or bool(flt.tags) or bool(parsed.tags)
