"""Copy a whole workspace between engines: SQLite → PostgreSQL to start a team workspace, PostgreSQL →
SQLite to take a copy offline. Rows keep their ids, so every reference holds; the search index is
rebuilt by the target itself (triggers on SQLite, a generated column on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from explorer.store.store import Store, StoreError

# Parents before children (foreign keys hold at every step).
TABLES = (
    "briefings",
    "entities",
    "mentions",
    "briefing_countries",
    "annotations",
    "corrections",
    "stories",
    "briefing_bands",
    "near_duplicates",
    "briefing_signatures",
    "watches",
    "watch_matches",
    "unwatched",
    "dismissed_merges",
)
WITH_IDENTITY = ("briefings", "entities", "mentions", "corrections")
CHUNK = 2000

Progress = Callable[[str, int, int], None]  # (table, rows copied, rows in the table)


@dataclass(frozen=True)
class CopyReport:
    rows: dict[str, int]  # rows per table, counted again in the target after the copy


def copy_workspace(source: Store, target: Store, progress: Progress | None = None) -> CopyReport:
    """Copy every row of `source` into the empty workspace `target`, in one transaction: the target
    holds the whole workspace or nothing. The counts are checked table by table at the end."""
    if target.briefing_count() or target.entity_count() or target.corrections():
        raise StoreError(f"workspace {target.display_name} is not empty: copy into a new one")
    # One moment of the source, whatever its other users commit meanwhile (a team keeps importing).
    with source.snapshot(), target.db.atomic():
        expected = {table: _count(source, table) for table in TABLES}
        for table in TABLES:
            columns = [c for c in source.table_columns(table) if c in set(target.table_columns(table))]
            quoted = ", ".join(f'"{c}"' for c in columns)
            insert = f"insert into {table} ({quoted}) values ({', '.join('?' * len(columns))})"
            done = 0
            with source.rows_of(f"select {quoted} from {table}") as cursor:
                while rows := cursor.fetchmany(CHUNK):
                    if target.url:
                        target.db.copy_rows(table, columns, rows)
                    else:
                        target.db.conn.executemany(insert, [tuple(r) for r in rows])
                    done += len(rows)
                    if progress:
                        progress(table, done, expected[table])
        if target.url:
            for table in WITH_IDENTITY:  # the next id after the copied ones
                target.db.execute(
                    f"select setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" coalesce((select max(id) from {table}), 0) + 1, false)"
                )
    copied = {table: _count(target, table) for table in TABLES}
    wrong = [f"{t}: {copied[t]} of {expected[t]}" for t in TABLES if copied[t] != expected[t]]
    if wrong:
        raise StoreError("the copy does not hold every row (" + "; ".join(wrong) + ")")
    return CopyReport(rows=copied)


def _count(store: Store, table: str) -> int:
    return int(store.db.execute(f"select count(*) from {table}").fetchone()[0])
