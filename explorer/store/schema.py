"""The workspace schema. Append new migrations; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from explorer.store.fingerprint import fingerprint
from explorer.store.near_duplicates import link_near_duplicate, section_items

migrations = Migrations("briefing-explorer")
MIGRATION_NAMES: set[str] = set()  # every step this version knows; a workspace with others is newer


def step(name: str):
    MIGRATION_NAMES.add(name)
    return migrations(name=name)


@step("0001_initial")
def initial(db: Database) -> None:
    db["briefings"].create(
        {
            "id": int,
            "title": str,
            "body": str,
            "sections": str,  # JSON: [{"name": ..., "items": [...]}, ...]
            "sections_text": str,  # searched until 0004 split sections into their own columns
            "published": str,
            "date_source": str,
            "source": str,
            "url": str,
            "origin": str,
            "content_hash": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"title", "body", "sections", "content_hash", "imported_at"},
    )
    db["briefings"].create_index(["content_hash"], unique=True)
    db["briefings"].create_index(["published"])
    db["entities"].create(
        {"id": int, "name": str, "kind": str, "country": str, "lat": float, "lon": float},
        pk="id",
        not_null={"name", "kind"},
    )
    db["entities"].create_index(["name", "kind"], unique=True)
    db["entities"].create_index(["country"])
    db["mentions"].create(
        {
            "id": int,
            "briefing_id": int,
            "entity_id": int,
            "section": str,
            "item": int,
            "start": int,
            "end": int,
            "surface": str,
            "confidence": float,
            "rule": str,
        },
        pk="id",
        foreign_keys=[("briefing_id", "briefings", "id"), ("entity_id", "entities", "id")],
        not_null={"briefing_id", "entity_id", "section", "start", "end"},
    )
    db["mentions"].create_index(["briefing_id"])
    db["mentions"].create_index(["entity_id"])
    # A briefing's story countries: from places (weight 1) and organisations' home countries (lower).
    db["briefing_countries"].create(
        {"briefing_id": int, "country": str, "weight": float, "via": str},
        pk=("briefing_id", "country"),
        foreign_keys=[("briefing_id", "briefings", "id")],
    )
    db["briefing_countries"].create_index(["country"])
    db["briefings"].enable_fts(
        ["title", "body", "sections_text"], fts_version="FTS5", create_triggers=True, tokenize="porter"
    )


@step("0002_mention_entity_briefing_index")
def mention_entity_briefing_index(db: Database) -> None:
    # Covers "briefings per entity" counts (map places, network nodes) without touching the table.
    db["mentions"].create_index(["entity_id", "briefing_id"], index_name="idx_mentions_entity_briefing")


@step("0003_mention_sentence")
def mention_sentence(db: Database) -> None:
    """Which sentence of its piece of text a mention is in, for same-sentence co-mention counts."""
    import json

    from explorer.extract.sentences import sentence_of, sentence_starts

    db["mentions"].add_column("sentence", int, not_null_default=0)
    for briefing_id, title, body, sections in db.execute("select id, title, body, sections from briefings"):
        pieces = {("title", 0): title, ("body", 0): body}
        for sec in json.loads(sections):
            pieces.update({(sec["name"], i): text for i, text in enumerate(sec["items"])})
        starts = {key: sentence_starts(text) for key, text in pieces.items()}
        rows = db.execute(
            "select id, section, item, start from mentions where briefing_id = ?", [briefing_id]
        ).fetchall()
        for mention_id, section, item, start in rows:
            index = sentence_of(starts.get((section, item), [0]), start)
            if index:
                db.execute("update mentions set sentence = ? where id = ?", [index, mention_id])


FTS_COLUMNS = ("title", "body", "implications", "signals", "topics", "other_sections", "notes")


def section_columns(sections: list[dict]) -> dict[str, str]:
    """The sections JSON spread over the searchable columns (section: and field queries use them)."""
    from explorer.model import IMPLICATIONS, SIGNALS, TOPICS

    columns = {"implications": [], "signals": [], "topics": [], "other_sections": []}
    for sec in sections:
        key = {IMPLICATIONS: "implications", SIGNALS: "signals", TOPICS: "topics"}.get(
            sec["name"], "other_sections"
        )
        columns[key].extend(sec["items"])
    return {k: "\n".join(v) for k, v in columns.items()}


@step("0004_sectioned_search_and_annotations")
def sectioned_search_and_annotations(db: Database) -> None:
    """Search per section (section:signals, title:…), and analyst tags and notes that outlive re-imports."""
    import json

    briefings = db.table("briefings")
    for column in ("implications", "signals", "topics", "other_sections", "notes", "tags"):
        briefings.add_column(column, str, not_null_default="")
    for briefing_id, sections in db.execute("select id, sections from briefings").fetchall():
        briefings.update(briefing_id, section_columns(json.loads(sections)))
    briefings.disable_fts()
    briefings.enable_fts(list(FTS_COLUMNS), fts_version="FTS5", create_triggers=True, tokenize="porter")
    # Keyed by content hash: delete a briefing, import it again, and its tags and note come back.
    db["annotations"].create(
        {"content_hash": str, "tags": str, "note": str, "updated_at": str},
        pk="content_hash",
        not_null={"tags", "note"},
    )
    db["briefings"].create_index(["source"])


@step("0005_list_columns")
def list_columns(db: Database) -> None:
    """Story countries and entity count kept on the briefing row, so a list of 100,000 sorts and pages
    from indexes instead of two subqueries per row."""
    briefings = db.table("briefings")
    briefings.add_column("country_codes", str, not_null_default="")
    briefings.add_column("entity_count", int, not_null_default=0)
    db.execute(
        """update briefings set
             country_codes = coalesce((select group_concat(country, ' ') from (
                 select country from briefing_countries c where c.briefing_id = briefings.id
                 order by weight desc, country)), ''),
             entity_count = (select count(distinct entity_id) from mentions m
                             where m.briefing_id = briefings.id)"""
    )
    # Ordered lists: a source filter walks (source, published) in order and stops after a page.
    for columns in (
        ["published", "id"],
        ["source", "published", "id"],
        ["title"],
        ["country_codes"],
        ["entity_count"],
    ):
        briefings.create_index(columns, if_not_exists=True)


BM25_WEIGHTS = (
    "10.0, 1.0, 2.0, 2.0, 3.0, 1.0, 2.0"  # title, body, implications, signals, topics, other, notes
)
BM25_RANK = f"bm25({BM25_WEIGHTS})"


@step("0006_fts_rank")
def fts_rank(db: Database) -> None:
    """Let FTS5 rank with our column weights itself: ORDER BY rank is then twice as fast as bm25() in SQL."""
    db.execute(f"insert into briefings_fts(briefings_fts, rank) values('rank', '{BM25_RANK}')")


@step("0007_corrections")
def corrections(db: Database) -> None:
    """The analyst's corrections to extraction, in order, kept as an audit log; undo marks, never deletes."""
    db["corrections"].create(
        {
            "id": int,
            "created_at": str,
            "correction": str,
            "summary": str,
            "briefing_ids": str,
            "undone_at": str,
        },
        pk="id",
        not_null={"created_at", "correction", "summary", "briefing_ids"},
    )


@step("0008_mentions_by_briefing")
def mentions_by_briefing(db: Database) -> None:
    """Counting the entities of a set of briefings (map places, facets, the network) reads only this
    index, never the mention rows: place counts for a text filter over 10,000 briefings from 19 to 10 ms.
    It starts with briefing_id, so the old single-column index is redundant."""
    db["mentions"].create_index(
        ["briefing_id", "entity_id"], index_name="idx_mentions_briefing_entity", if_not_exists=True
    )
    db.execute("drop index if exists idx_mentions_briefing_id")


@step("0009_extractor")
def extractor(db: Database) -> None:
    """Which extractor read each briefing's mentions: NULL for the rules at import, else the statistical
    backend that refined them afterwards (see explorer.workspace.refine)."""
    db["briefings"].add_column("extractor", str)
    db.execute("create index if not exists idx_briefings_unrefined on briefings(id) where extractor is null")


@step("0010_stories")
def stories(db: Database) -> None:
    """Stories for presentation, one row each, its steps as the JSON that travels between desks."""
    db["stories"].create({"name": str, "story": str, "updated_at": str}, pk="name", not_null={"story"})


@step("0011_near_duplicates")
def near_duplicates(db: Database) -> None:
    """MinHash band keys of every first copy (candidates for "the same story"), the link from each later
    copy to the first, and titles found case-blind. (Fingerprinting the briefings already stored moved
    to 0013, which needs its table.)"""
    db.execute(
        "create table if not exists briefing_bands (key integer not null, briefing_id integer not null,"
        " primary key (key, briefing_id)) without rowid"
    )
    db.execute(
        "create table if not exists near_duplicates (briefing_id integer primary key"
        " references briefings(id), original_id integer not null references briefings(id),"
        " similarity real not null)"
    )
    db.execute("create index if not exists idx_near_duplicates_original on near_duplicates(original_id)")
    db.execute("create index if not exists idx_briefings_title_nocase on briefings(lower(title))")


@step("0012_fts_follows_text_only")
def fts_follows_text_only(db: Database) -> None:
    """The full-text row is rewritten only when searchable text changes: setting a briefing's countries,
    entity count or extractor (every import, every correction) re-indexed its whole text."""
    columns = ", ".join(f'"{c}"' for c in FTS_COLUMNS)
    old = ", ".join(f'old."{c}"' for c in FTS_COLUMNS)
    new = ", ".join(f'new."{c}"' for c in FTS_COLUMNS)
    db.execute("drop trigger if exists briefings_au")
    db.execute(
        f"""create trigger briefings_au after update of {columns} on briefings begin
          insert into briefings_fts (briefings_fts, rowid, {columns}) values ('delete', old.rowid, {old});
          insert into briefings_fts (rowid, {columns}) values (new.rowid, {new});
        end"""
    )


@step("0013_near_duplicate_signatures")
def near_duplicate_signatures(db: Database) -> None:
    """The MinHash signature of each first copy: a candidate's similarity is estimated from it before
    any exact comparison, which texts sharing a sentence or two would otherwise each cost. Briefings
    stored before near-duplicates existed are fingerprinted in import order, so their copies are found
    too (about 0.5 ms a briefing); first copies fingerprinted by 0011 get their signatures."""
    db.execute(
        "create table briefing_signatures (briefing_id integer primary key references briefings(id),"
        " signature blob not null)"
    )
    banded = db.execute("select 1 from briefing_bands limit 1").fetchone() is not None
    rows = db.execute(
        "select id, title, body, sections from briefings"
        + (" where id in (select briefing_id from briefing_bands)" if banded else "")
        + " order by id"
    ).fetchall()
    for briefing_id, title, body, sections in rows:
        texts = [title, body, *section_items(sections)]
        if not banded:
            link_near_duplicate(db.conn, briefing_id, title, texts)
            continue
        made = fingerprint(texts)
        if made is not None:
            db.execute("insert into briefing_signatures values (?, ?)", [briefing_id, made.signature])


@step("0014_watches")
def watches(db: Database) -> None:
    """Watchlists: a saved query that every import runs again over the briefings it brought, and the
    matches it found, each unread until the analyst has seen it."""
    db.execute(
        "create table watches (name text primary key, query text not null, countries text not null"
        " default '', created_at text not null, last_briefing_id integer not null default 0)"
    )
    db.execute(
        "create table watch_matches (watch text not null references watches(name) on delete cascade,"
        " briefing_id integer not null references briefings(id), seen integer not null default 0,"
        " primary key (watch, briefing_id)) without rowid"
    )
    db.execute("create index idx_watch_matches_unseen on watch_matches(watch, seen)")


@step("0015_dismissed_merges")
def dismissed_merges(db: Database) -> None:
    """Suggested merges the analyst turned down, by name and kind (entity ids change when extraction
    runs again), so they are not offered again."""
    db.execute(
        "create table dismissed_merges (source_name text not null, source_kind text not null,"
        " target_name text not null, target_kind text not null, dismissed_at text not null,"
        " primary key (source_name, source_kind, target_name, target_kind)) without rowid"
    )


@step("0016_watch_checks")
def watch_checks(db: Database) -> None:
    """A watch's matches checked from the command line (cron) apart from those read in the window: a
    nightly check must not empty the analyst's unread list."""
    db.execute("alter table watch_matches add column checked integer not null default 0")


@step("0017_entity_names_any_case")
def entity_names_any_case(db: Database) -> None:
    """Names typed in a query (org:"alibaba") are found in any case through an index, on SQLite as on
    PostgreSQL (`collate nocase` had no index to use and read every entity)."""
    db.execute("create index if not exists idx_entities_name_lower on entities(lower(name))")


@step("0018_unwatched")
def unwatched(db: Database) -> None:
    """Briefings no watch has read yet, queued by the import that stored them: watches then read what
    was committed, whatever the order writers committed in (on a team workspace, ids are not)."""
    db.execute("create table unwatched (briefing_id integer primary key references briefings(id))")
    db.execute(
        "insert into unwatched select id from briefings"
        " where id > (select coalesce(min(last_briefing_id), (select max(id) from briefings)) from watches)"
    )


@step("0019_redundant_indexes")
def redundant_indexes(db: Database) -> None:
    """Two indexes every import kept up to date for nothing: (entity_id, briefing_id) answers whatever
    (entity_id) did, and (published, id) whatever (published) did. A tenth of storing a batch."""
    db.execute("drop index if exists idx_mentions_entity_id")
    db.execute("drop index if exists idx_briefings_published")
