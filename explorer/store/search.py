"""Full-text search and counting: the best matches of a query, and how many briefings pass a filter.

A mixin of Store: it shares only the store's connection and its entity lookup (for Filter → SQL).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from explorer.model import Filter
from explorer.query import QueryError, parse
from explorer.query.language import search_terms
from explorer.query.sql import count_sql, filter_clause
from explorer.query.tsquery import CONFIG, plain_query

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
        parsed = parse(text)
        where, args = filter_clause(
            Filter(query=text), self.entity_ids_named, match=False, paged=True, text=self.text_match
        )
        if parsed.fts and self.engine == "postgresql":
            return self._ranked_postgres(parsed.fts, search_terms(text), where, args, limit)
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
        elif where != "true":
            sql = f"""select b.id, b.title, b.published, substr(b.body, 1, 160), 0.0 from briefings b
                      where {where} order by {self.ordered("b.published", True)}, b.id desc limit ?"""
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

    def _ranked_postgres(
        self, fts: str, terms: list[str], where: str, args: list, limit: int
    ) -> list[SearchHit]:
        """As on SQLite, ranking reads each match's whole text, so the newest RANK_WINDOW matches (of
        every condition) are ranked, best first by ts_rank over the weighted document (negated: lower
        is better, as FTS5's rank); the snippets are cut here for the page of hits only (the server's
        ts_headline took a third of a search)."""
        matched, matched_args = self.text_match.condition(fts, "b")
        everything = plain_query(fts)
        # The rank outside the window's query: only the window's rows are read whole. Ties go to the
        # newest (undated last), then the later id, as the SQLite workspace orders them.
        best = self.db.execute(
            f"""select w.id, w.published, -ts_rank(w.search, to_tsquery('{CONFIG}', ?)) as rank from (
                    select b.id, b.published, b.search from briefings b
                    where {matched} and {where} order by b.id desc limit ?) w
                order by rank, w.published desc nulls last, w.id desc limit ?""",
            [everything, *matched_args, *args, RANK_WINDOW, limit],
        ).fetchall()
        if not best:
            return []
        marks = ",".join("?" * len(best))
        pages = {
            r[0]: r[1:]
            for r in self.db.execute(
                f"""select id, title, concat_ws(' ', body, implications, signals, topics)
                    from briefings where id in ({marks})""",
                [r[0] for r in best],
            )
        }
        found = _term_pattern(terms)
        return [
            SearchHit(
                id=i, title=pages[i][0], published=published, snippet=_snippet(pages[i][1], found), rank=rank
            )
            for i, published, rank in best
        ]

    def query_errors(self, text: str) -> list[QueryError]:
        """What is wrong with a query, for an inline hint; empty when it runs as typed."""
        parsed = parse(text)
        errors = list(parsed.errors)
        for expression in (parsed.fts, parsed.exclude):
            if not expression or self.engine == "postgresql":  # tsquery is built from words only
                continue
            try:
                self.db.execute(
                    "select 1 from briefings_fts where briefings_fts match ? limit 1", [expression]
                )
            except sqlite3.OperationalError as exc:
                errors.append(QueryError(f"the search engine refused this query: {exc}", 0))
        return errors

    def briefing_total(self, flt: Filter = Filter()) -> int:
        """How many briefings pass the filter (see explorer.query.sql.count_sql)."""
        try:
            return int(
                self.db.execute(*count_sql(flt, self.entity_ids_named, text=self.text_match)).fetchone()[0]
            )
        except sqlite3.OperationalError:
            return 0


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Words that start like a search term (the index matched stems: "sanction" finds "sanctions")."""
    stems = sorted({t.lower()[: max(4, len(t) - 2)] for t in terms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE) if stems else None


def _snippet(text: str, found: re.Pattern[str] | None, before: int = 6, after: int = 14) -> str:
    """About twenty words around the first search term in the text, each term [bracketed], as FTS5's
    snippet() gives on SQLite."""
    words = text.split()
    first = next((i for i, w in enumerate(words) if found and found.search(w)), None)
    start = 0 if first is None else max(0, first - before)
    shown = [
        found.sub(lambda m: f"[{m[0]}]", w) if found else w for w in words[start : start + before + after]
    ]
    return ("…" if start else "") + " ".join(shown) + ("…" if start + before + after < len(words) else "")
