"""Where the search language's full-text part runs: SQLite's FTS5 table or PostgreSQL's tsvector column.
Filter → SQL (explorer.query.sql) asks one of these for the briefings a text expression matches."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.query import tsquery

# The text columns a query may name (title:…, section:signals): the same names on both engines.
TEXT_COLUMNS = ("title", "body", "implications", "signals", "topics", "notes")


@dataclass(frozen=True)
class TextMatch:
    engine: str  # "sqlite" or "postgresql"

    def ids(self, expression: str, between: tuple[int, int] | None = None) -> tuple[str, list[object]]:
        """A select of the ids of the briefings the expression matches (with ids in (low, high])."""
        bounds = [] if between is None else list(between)
        if self.engine == "sqlite":
            bounded = " and rowid > ? and rowid <= ?" if bounds else ""
            return f"select rowid from briefings_fts where briefings_fts match ?{bounded}", [
                expression,
                *bounds,
            ]
        where, args = self.condition(expression, "t")
        bounded = " and t.id > ? and t.id <= ?" if bounds else ""
        return f"select t.id from briefings t where {where}{bounded}", [*args, *bounds]

    def rows(self, expression: str) -> tuple[str, str, list[object]]:
        """(id column, rows, arguments) to drive a query from the matching briefings."""
        if self.engine == "sqlite":
            return "briefings_fts.rowid", "briefings_fts where briefings_fts match ?", [expression]
        where, args = self.condition(expression, "t")
        return "t.id", f"briefings t where {where}", args

    def condition(self, expression: str, alias: str) -> tuple[str, list[object]]:
        """PostgreSQL: a condition on the briefing row `alias` (SQLite joins its FTS5 table instead)."""
        columns = {c: f"{alias}.{c}" for c in TEXT_COLUMNS}
        return tsquery.condition(expression, f"{alias}.search", columns)


FTS5 = TextMatch("sqlite")
POSTGRES = TextMatch("postgresql")
