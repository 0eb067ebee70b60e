"""The workspace database: the only place that speaks SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from explorer.model import (
    Briefing,
    BriefingRow,
    CountryCount,
    Entity,
    Filter,
    Section,
    StoredBriefing,
)
from explorer.query.sql import filter_clause
from explorer.query.text_match import FTS5, POSTGRES
from explorer.store.correction_log import CorrectionsMixin
from explorer.store.insights import InsightsMixin
from explorer.store.locations import LocationsMixin
from explorer.store.near_duplicates import NearDuplicatesMixin
from explorer.store.postgres import PostgresDatabase, display_name, is_postgres_url, redact_message
from explorer.store.schema import MIGRATION_NAMES, migrations
from explorer.store.search import SearchMixin
from explorer.store.stories import StoriesMixin
from explorer.store.watches import WatchesMixin
from explorer.store.writing import WritingMixin

BUSY_TIMEOUT_MS = 10_000
LIST_ORDER = {
    "date": "b.published",
    "title": "b.title",
    "source": "b.source",
    "countries": "b.country_codes",
    "entities": "b.entity_count",
}


class StoreError(Exception):
    """The database cannot be opened or used; the message is meant for the user."""


class Store(
    WritingMixin,
    SearchMixin,
    InsightsMixin,
    CorrectionsMixin,
    LocationsMixin,
    StoriesMixin,
    NearDuplicatesMixin,
    WatchesMixin,
):
    def __init__(self, db: Database | PostgresDatabase, path: Path | None, url: str | None = None) -> None:
        self.db = db
        self.path = path  # the SQLite file; None in memory and on PostgreSQL
        self.url = url  # the PostgreSQL workspace
        self.engine = "postgresql" if url else "sqlite"
        self.text_match = POSTGRES if url else FTS5
        # A team workspace may be read-only for this role: the window then offers no import or edit.
        self.writable = db.writable if isinstance(db, PostgresDatabase) else True

    @property
    def location(self) -> str | None:
        """What opens this workspace again, in this process or another (None: in memory only)."""
        return self.url or (str(self.path) if self.path else None)

    @property
    def display_name(self) -> str:
        """For window titles and messages: a file name, or a database and host (never a password)."""
        if self.url:
            return display_name(self.url)
        return self.path.name if self.path else "in memory"

    # -- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | Path) -> Store:
        """A workspace file, or a team workspace at a postgresql:// URL."""
        if isinstance(location, str) and is_postgres_url(location):
            return cls.open_postgres(location)
        path = Path(location)
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_is_sqlite(path)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            db = Database(conn)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            _check_schema(db, path)
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            if migrations.pending(db) and migrations.applied(db):
                backup(db, path)  # an existing workspace is about to change shape: keep a copy first
            migrations.apply(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open workspace {path.name}: {_reason(exc)}") from exc
        return cls(db, path)

    @classmethod
    def open_postgres(cls, url: str, read_only: bool = False) -> Store:
        from explorer.store import pg_schema

        try:
            db = PostgresDatabase(url, read_only=read_only)
        except Exception as exc:  # psycopg.Error; psycopg is imported only for team workspaces
            raise StoreError(
                f"cannot open workspace {display_name(url)}: {redact_message(str(exc), url)}"
            ) from exc
        unknown = [name for name in pg_schema.applied(db) if name not in pg_schema.STEP_NAMES]
        if unknown:
            db.close()
            raise StoreError(
                f"workspace {display_name(url)} was written by a newer version of Briefing Explorer "
                f"(schema step {unknown[-1]}); update the app to open it"
            )
        if not read_only:
            pg_schema.migrate(db)
        return cls(db, None, url)

    def reader(self) -> Store:
        """Another connection to the same workspace, for queries on a worker thread (WAL lets it read
        while this connection writes; on PostgreSQL, a read-only session). An in-memory store has no
        file to share, so it returns itself."""
        if self.url:
            return Store(PostgresDatabase(self.url, read_only=True), None, self.url)
        if self.path is None:
            return self
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute("PRAGMA query_only = ON")
        return Store(db, self.path)

    @classmethod
    def memory(cls) -> Store:
        db = Database(memory=True)
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        return cls(db, None)

    def close(self) -> None:
        self.db.close()

    # -- writing (the import's batches: WritingMixin) -------------------------------------------------
    def transaction(self) -> AbstractContextManager[Database]:
        """One transaction around several writes: all of them land, or none does."""
        return self.db.atomic()

    def clear_mentions(self, briefing_ids: Iterable[int], drop_orphans: bool = True) -> None:
        """Forget what was extracted from these briefings (to extract them again), and with
        `drop_orphans` the entities left without mentions: one re-created later takes its kind and country
        from its new mentions. Without it, entities keep their ids for the mentions that come back."""
        ids = sorted(briefing_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"delete from mentions where briefing_id in ({marks})", chunk)
            self.db.execute(f"delete from briefing_countries where briefing_id in ({marks})", chunk)
            self.db.execute(f"update briefings set extractor = null where id in ({marks})", chunk)
        if drop_orphans:
            self.drop_orphan_entities()

    def drop_orphan_entities(self) -> None:
        self.db.execute("delete from entities where id not in (select entity_id from mentions)")

    def set_extractor(self, briefing_ids: Sequence[int], extractor: str) -> None:
        """Record that `extractor` read these briefings (NULL, the rules at import, is the default)."""
        for start in range(0, len(briefing_ids), 500):
            chunk = list(briefing_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"update briefings set extractor = ? where id in ({marks})", [extractor, *chunk])

    def unrefined(self, limit: int | None = None) -> list[int]:
        """Briefings the rules read at import that no statistical backend has refined yet, oldest first."""
        sql = "select id from briefings where extractor is null order by id"
        if limit is not None:
            sql += " limit ?"
        rows = self.db.execute(sql, [] if limit is None else [limit])
        return [r[0] for r in rows]

    # -- reading -------------------------------------------------------------------------------------
    def data_version(self) -> int:
        """Changes whenever another connection (an import, another process) commits to the workspace."""
        if self.url:
            sql = "select case when is_called then last_value else 0 end from workspace_version"
            return int(self.db.execute(sql).fetchone()[0])
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def change_marker(self) -> tuple[int, ...]:
        """Changes whenever anyone, this connection included, commits to the workspace."""
        if self.url:
            return (self.data_version(),)
        return (self.data_version(), self.db.conn.total_changes)

    def briefing_count(self) -> int:
        return int(self.db.execute("select count(*) from briefings").fetchone()[0])

    def entity_count(self) -> int:
        return int(self.db.execute("select count(*) from entities").fetchone()[0])

    def entity_ids_named(self, kind: str, name: str) -> list[int]:
        """Ids of the entities with this name (any case), of this kind unless `kind` is empty."""
        sql = "select id from entities where lower(name) = lower(?)" + (" and kind = ?" if kind else "")
        return [r[0] for r in self.db.execute(sql, [name, *([kind] if kind else [])])]

    def list_briefings(
        self,
        flt: Filter = Filter(),
        limit: int | None = None,
        offset: int = 0,
        order: str = "date",
        descending: bool = True,
    ) -> list[BriefingRow]:
        """Filtered briefings, a page at a time; `order` is date, title, source, countries or entities."""
        where, args = filter_clause(flt, self.entity_ids_named, paged=limit is not None, text=self.text_match)
        column = LIST_ORDER[order]
        direction = "desc" if descending else "asc"
        sql = f"""select b.id, b.title, b.published, b.source, b.country_codes, b.entity_count
                  from briefings b where {where}
                  order by {self.ordered(column, descending)}, b.id {direction}"""
        if limit is not None:
            sql += " limit ? offset ?"
            args = [*args, limit, offset]
        try:
            rows = self.db.execute(sql, args).fetchall()
        except sqlite3.OperationalError:
            return []  # a query the search engine refuses matches nothing
        return [
            BriefingRow(
                id=r[0],
                title=r[1],
                published=r[2],
                source=r[3],
                countries=tuple(r[4].split()),
                entity_count=r[5],
            )
            for r in rows
        ]

    def get_briefing(self, briefing_id: int) -> StoredBriefing:
        row = self.db.execute(
            """select title, body, sections, published, date_source, source, url, origin, imported_at
               from briefings where id = ?""",
            [briefing_id],
        ).fetchone()
        if row is None:
            raise KeyError(briefing_id)
        sections = tuple(Section(s["name"], tuple(s["items"])) for s in json.loads(row[2]))
        briefing = Briefing(
            title=row[0],
            body=row[1],
            sections=sections,
            published=row[3],
            date_source=row[4],
            source=row[5],
            url=row[6],
            origin=row[7],
        )
        return StoredBriefing(id=briefing_id, briefing=briefing, imported_at=row[8])

    def briefing_passes(self, briefing_id: int, flt: Filter) -> bool:
        """Whether the filter lets this briefing through."""
        where, args = filter_clause(flt, self.entity_ids_named, text=self.text_match)
        sql = f"select 1 from briefings b where b.id = ? and {where}"
        try:
            return self.db.execute(sql, [briefing_id, *args]).fetchone() is not None
        except sqlite3.OperationalError:
            return False  # a query the search engine refuses matches nothing

    def briefing_titled(self, title: str) -> int | None:
        """The newest briefing with exactly this title."""
        row = self.db.execute(
            f"select id from briefings where title = ?"
            f" order by {self.ordered('published', True)}, id desc limit 1",
            [title],
        ).fetchone()
        return row[0] if row else None

    def briefing_countries(self, briefing_id: int) -> list[tuple[str, float]]:
        rows = self.db.execute(
            "select country, weight from briefing_countries where briefing_id = ?"
            " order by weight desc, country",
            [briefing_id],
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def briefing_mentions(self, briefing_id: int) -> list[tuple[Entity, str, int, int, int]]:
        """Each mention as (entity, section, item, start, end), in reading order."""
        rows = self.db.execute(
            """select e.id, e.name, e.kind, e.country, e.lat, e.lon, m.section, m.item, m.start, m.end
               from mentions m join entities e on e.id = m.entity_id
               where m.briefing_id = ? order by m.id""",
            [briefing_id],
        ).fetchall()
        return [(Entity(*r[:6]), r[6], r[7], r[8], r[9]) for r in rows]

    def country_counts(self, flt: Filter = Filter()) -> list[CountryCount]:
        where, args = filter_clause(flt, self.entity_ids_named, "c.briefing_id", text=self.text_match)
        rows = self.db.execute(
            f"""select c.country, count(*), sum(c.weight) from briefing_countries c
                where {where} group by c.country order by count(*) desc, c.country""",
            args,
        ).fetchall()
        return [CountryCount(code=r[0], briefings=r[1], weight=r[2]) for r in rows]

    def place_counts(self, flt: Filter = Filter(), limit: int = 5000) -> list[Entity]:
        """Located places in the filtered briefings with their briefing counts (in `mentions`)."""
        where, args = filter_clause(flt, self.entity_ids_named, "m.briefing_id", text=self.text_match)
        # Grouping the mentions first and joining the (fewer) entities after is a third faster than
        # looking up the entity of every mention.
        rows = self.db.execute(
            f"""select e.id, e.name, e.kind, e.country, e.lat, e.lon, c.n from (
                    select m.entity_id as id, count(distinct m.briefing_id) as n from mentions m
                    where {where} group by m.entity_id) c
                join entities e on e.id = c.id
                where e.kind = 'place' and e.lat is not null and e.lon is not null
                order by c.n desc, e.name limit ?""",
            [*args, limit],
        ).fetchall()
        return [Entity(*r) for r in rows]

    def briefings_mentioning(
        self, entity_id: int, flt: Filter = Filter(), limit: int = 5
    ) -> list[BriefingRow]:
        """The most recent filtered briefings that mention an entity."""
        scoped = replace(flt, entity_ids=(*flt.entity_ids, entity_id), entity_mode="all")
        return self.list_briefings(scoped, limit=limit)

    def date_range(self, flt: Filter = Filter()) -> tuple[str | None, str | None]:
        where, args = filter_clause(flt, self.entity_ids_named, text=self.text_match)
        row = self.db.execute(
            f"select min(published), max(published) from briefings b where {where}", args
        ).fetchone()
        return row[0], row[1]

    def entity(self, entity_id: int) -> Entity | None:
        row = self.db.execute(
            "select id, name, kind, country, lat, lon from entities where id = ?", [entity_id]
        ).fetchone()
        return Entity(*row) if row else None

    def entity_total(self, flt: Filter = Filter()) -> int:
        where, args = filter_clause(flt, self.entity_ids_named, "m.briefing_id", text=self.text_match)
        row = self.db.execute(f"select count(distinct m.entity_id) from mentions m where {where}", args)
        return int(row.fetchone()[0])

    def entities(self, flt: Filter = Filter(), limit: int = 200) -> list[Entity]:
        """Entities in the filtered briefings, most-mentioned first."""
        where, args = filter_clause(flt, self.entity_ids_named, "m.briefing_id", text=self.text_match)
        rows = self.db.execute(
            f"""select e.id, e.name, e.kind, e.country, e.lat, e.lon, count(distinct m.briefing_id) as n
                from mentions m join entities e on e.id = m.entity_id
                where {where} group by e.id order by n desc, e.name limit ?""",
            [*args, limit],
        ).fetchall()
        return [Entity(*r) for r in rows]

    def co_mentions(
        self, entity_ids: Sequence[int], flt: Filter = Filter(), scope: str = "briefing"
    ) -> list[tuple[int, int, int]]:
        """(a, b, briefings in which both appear) for pairs among the given entities, within the filter.

        `scope` narrows "together": "briefing" (anywhere in it), "section" (the same section, e.g. both
        in Key Signals) or "sentence" (the same sentence of the same piece of text).
        """
        if not entity_ids:
            return []
        unit = {
            "briefing": "''",
            "section": "m.section",
            "sentence": "m.section || '#' || m.item || '#' || m.sentence",
        }
        if scope not in unit:
            raise ValueError(f"unknown co-mention scope {scope!r}")
        where, args = filter_clause(flt, self.entity_ids_named, "m.briefing_id", text=self.text_match)
        marks = ",".join("?" * len(entity_ids))
        rows = self.db.execute(
            f"""with pm as (
                    select distinct m.briefing_id, m.entity_id, {unit[scope]} as unit from mentions m
                    where m.entity_id in ({marks}) and {where})
                select a.entity_id, b.entity_id, count(distinct a.briefing_id) from pm a join pm b
                  on a.briefing_id = b.briefing_id and a.unit = b.unit and a.entity_id < b.entity_id
                group by a.entity_id, b.entity_id""",
            [*entity_ids, *args],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def ordered(self, column: str, descending: bool) -> str:
        """An ORDER BY term with SQLite's place for NULL (first going up, last going down) on both
        engines: an undated briefing sorts after the dated ones, newest first, wherever it is stored."""
        if not self.url:
            return f"{column} {'desc' if descending else 'asc'}"
        return f"{column} desc nulls last" if descending else f"{column} asc nulls first"

    def table_columns(self, table: str) -> list[str]:
        """The stored (not computed) columns of a table, in order."""
        if self.url:
            sql = """select column_name from information_schema.columns where table_schema = current_schema()
                     and table_name = ? and is_generated = 'NEVER' order by ordinal_position"""
        else:
            sql = "select name from pragma_table_info(?) order by cid"
        return [r[0] for r in self.db.execute(sql, [table])]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside the block see one moment of the workspace, whatever others commit meanwhile."""
        if self.url:
            with self.db.connection.transaction():
                self.db.execute("set transaction isolation level repeatable read")
                yield
            return
        self.db.execute("begin")  # a read transaction in WAL mode keeps its snapshot until it ends
        try:
            yield
        finally:
            self.db.execute("commit")

    def rows_of(self, sql: str) -> AbstractContextManager[Any]:
        """A cursor over a large result that reads it a chunk at a time (fetchmany)."""
        if self.url:
            return self.db.streaming(sql)
        return nullcontext(self.db.execute(sql))

    def integrity_ok(self) -> bool:
        if self.url:
            return True  # PostgreSQL checks its own pages; there is no cheap whole-database check
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _check_schema(db: Database, path: Path) -> None:
    """Refuse a workspace written by a newer version before touching it."""
    unknown = [m.name for m in migrations.applied(db) if m.name not in MIGRATION_NAMES]
    if unknown:
        raise StoreError(
            f"workspace {path.name} was written by a newer version of Briefing Explorer "
            f"(schema step {unknown[-1]}); update the app to open it"
        )


def backup(db: Database, path: Path) -> Path:
    """A consistent copy next to the workspace, via SQLite's online backup."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    with sqlite3.connect(str(target)) as copy:
        db.conn.backup(copy)
    return target


def _reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "malformed" in text or "not a database" in text:
        return f"the file is damaged ({text}); it was not changed"
    return text


def _check_is_sqlite(path: Path) -> None:
    """Refuse to touch a file that is not an SQLite database rather than overwrite it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(f"{path.name} is not a Briefing Explorer workspace (not an SQLite database)")
