import sqlite3
from datetime import date
from pathlib import Path

import pytest

from explorer.model import Briefing, Filter
from explorer.store import Store, StoreError
from explorer.workspace.importer import import_paths
from tests.conftest import SAMPLES


def test_all_samples_import_into_a_real_file_with_fts_and_no_duplicates(store_path: Path):
    store = Store.open(store_path)
    first = import_paths(store, [SAMPLES])
    assert first.ok, first.failed
    count = store.briefing_count()
    assert count >= 40
    assert len(first.imported) == count
    countries = {c.code for c in store.country_counts()}
    assert len(countries) >= 25
    dates = sorted(r.published for r in store.list_briefings() if r.published)
    assert (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days >= 90
    assert store.search("distillation")[0].title.startswith("OpenAI says it has evidence DeepSeek")
    assert store.search("Micron Qualcomm")  # words across body and sections
    mentions = store.db.execute("select count(*) from mentions").fetchone()[0]
    entities = store.entity_count()

    second = import_paths(store, [SAMPLES])
    assert second.imported == []
    assert len(second.duplicates) == count
    assert store.briefing_count() == count
    assert store.entity_count() == entities
    assert store.db.execute("select count(*) from mentions").fetchone()[0] == mentions
    assert store.integrity_ok()
    store.close()
    # The workspace is a real file that another connection reads the same way.
    again = Store.open(store_path)
    assert again.briefing_count() == count
    again.close()


@pytest.mark.parametrize("engine", ["sqlite"])  # PostgreSQL has neither: its own concurrency
def test_workspace_uses_wal_and_a_busy_timeout(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_fts_stays_in_sync_and_odd_queries_are_safe(store):
    from explorer.workspace.importer import import_briefings

    import_briefings(store, [Briefing(title="U.S. chip curbs", body="Micron’s guidance fell.")])
    assert [h.title for h in store.search("micron")] == ["U.S. chip curbs"]
    for query in ['"unbalanced', "AND", "NOT OR", "*", "U.S.", "Micron’s", "(", "title:"]:
        store.search(query)  # never raises
    with store.db.atomic():
        for table in ("mentions", "briefing_countries", "briefings"):
            store.db.execute(f"delete from {table}")
    assert store.search("micron") == []


def test_filter_by_country_entity_and_text(sample_store):
    everything = sample_store.list_briefings()
    australia = sample_store.list_briefings(Filter(countries=("AU",)))
    assert 0 < len(australia) < len(everything)
    assert all("AU" in row.countries for row in australia)
    text_and_country = sample_store.list_briefings(Filter(query="lithium", countries=("AU",)))
    assert {r.id for r in text_and_country} <= {r.id for r in australia}
    (tsmc,) = [e for e in sample_store.entities(limit=500) if e.name == "TSMC"]
    with_tsmc = sample_store.list_briefings(Filter(entity_ids=(tsmc.id,)))
    assert len(with_tsmc) == tsmc.mentions >= 3


def test_co_mentions_count_shared_briefings(sample_store):
    top = sample_store.entities(limit=10)
    pairs = sample_store.co_mentions([e.id for e in top])
    a, b, weight = max(pairs, key=lambda p: p[2])
    both = sample_store.list_briefings(Filter(entity_ids=(a, b)))
    assert weight == len(both) > 0


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("my precious notes")
    with pytest.raises(StoreError, match="not a Briefing Explorer workspace"):
        Store.open(path)
    assert path.read_text() == "my precious notes"


def test_a_newer_workspace_is_refused_untouched(store_path: Path):
    store = Store.open(store_path)
    store.db.table("_sqlite_migrations").insert(
        {"migration_set": "briefing-explorer", "name": "9999_from_the_future", "applied_at": "2030-01-01"}
    )
    store.close()
    before = store_path.read_bytes()
    with pytest.raises(StoreError, match="written by a newer version"):
        Store.open(store_path)
    assert store_path.read_bytes() == before


def test_a_damaged_workspace_gives_a_clear_message_and_is_not_overwritten(sample_db: Path, tmp_path: Path):
    damaged = tmp_path / "damaged.db"
    data = bytearray(sample_db.read_bytes())
    data[4096 * 3 : 4096 * 40] = b"\xff" * (4096 * 37)  # scribble over pages past the header
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        store = Store.open(damaged)
        store.briefing_count()
        store.list_briefings()
        assert store.integrity_ok()
    assert "damaged" in str(caught.value) or "malformed" in str(caught.value)
    assert damaged.read_bytes() == bytes(data)


def test_migrating_an_existing_workspace_keeps_a_backup_first(store_path: Path):
    from explorer.store.schema import migrations

    store = Store.open(store_path)
    store.db.execute("delete from _sqlite_migrations where name = '0006_fts_rank'")
    store.close()
    reopened = Store.open(store_path)
    backups = list(store_path.parent.glob("workspace.backup-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:  # read the copy as it is, without migrating it
        names = {r[0] for r in conn.execute("select name from _sqlite_migrations")}
    assert "0006_fts_rank" not in names and "0005_list_columns" in names
    assert not migrations.pending(reopened.db)
    reopened.close()


def test_each_mention_and_briefing_index_serves_a_read_none_only_slows_imports(sample_db: Path):
    """Indexes an import keeps up to date for nothing are dropped (on upgrade too); the reads they served
    still find their rows through an index."""
    with sqlite3.connect(sample_db) as conn:
        indexes = {row[0] for row in conn.execute("select name from sqlite_master where type = 'index'")}
        assert "idx_mentions_entity_id" not in indexes and "idx_briefings_published" not in indexes
        plans = {
            sql: " ".join(row[3] for row in conn.execute(f"explain query plan {sql}"))
            for sql in (
                "select briefing_id from mentions where entity_id = 7",
                "select id from briefings where published >= '2025-01-01'",
            )
        }
    assert all("USING" in plan and "INDEX" in plan for plan in plans.values()), plans


def test_a_broad_search_ranks_its_newest_matches_and_a_narrow_filter_still_finds_older_ones(
    store_path: Path, monkeypatch
):
    import explorer.store.search as store_module

    store = Store.open(store_path)
    older = [
        Briefing(title=f"Lithium note {i}", body=f"Lithium supply {i}.", source="Desk") for i in range(6)
    ]
    newer = [Briefing(title=f"Lithium note {i}", body=f"Lithium supply {i}.") for i in range(6, 30)]
    store.add_briefings([(b, []) for b in older + newer])
    monkeypatch.setattr(store_module, "RANK_WINDOW", 10)
    hits = store.search("lithium", limit=5)
    assert len(hits) == 5 and min(h.id for h in hits) > 20  # ranked among the newest ten matches
    desk = store.search("source:Desk lithium", limit=5)
    assert len(desk) == 5 and max(h.id for h in desk) <= 6  # none in the window: every match ranked
    store.close()


def test_every_mention_field_and_story_country_is_stored_as_given(store):
    from explorer.model import Mention

    mentions = [
        Mention("Canberra", "place", "body", 0, 4, 12, "Canberra", "AU", -35.3, 149.1, 0.9, "gazetteer", 2),
        Mention("ASX", "org", "Key Signals", 1, 7, 10, "ASX", "AU", None, None, 0.8, "kb", 0),
        Mention("Toyota", "org", "body", 0, 20, 26, "Toyota", "JP", rule="kb", sentence=3),
    ]
    store.add_briefings([(Briefing(title="A stored story", body="x" * 40), mentions)])
    rows = store.db.execute(
        """select e.name, m.section, m.item, m.start, m."end", m.surface, m.confidence, m.rule, m.sentence
           from mentions m join entities e on e.id = m.entity_id order by m.id"""
    ).fetchall()
    assert rows == [
        ("Canberra", "body", 0, 4, 12, "Canberra", 0.9, "gazetteer", 2),
        ("ASX", "Key Signals", 1, 7, 10, "ASX", 0.8, "kb", 0),
        ("Toyota", "body", 0, 20, 26, "Toyota", 1.0, "kb", 3),
    ]
    countries = store.db.execute(
        "select country, weight, via from briefing_countries order by country"
    ).fetchall()
    assert countries == [("AU", 1.0, "place"), ("JP", 0.5, "org")]
    assert store.db.execute("select country_codes, entity_count from briefings").fetchone() == ("AU JP", 3)


def test_undated_briefings_sort_after_the_dated_ones_going_down_and_first_going_up(store):
    store.add_briefings(
        [
            (Briefing("Undated", "Copper in Chile."), []),
            (Briefing("Older", "Copper in Peru.", published="2025-01-02"), []),
            (Briefing("Newer", "Copper in Zambia.", published="2025-03-04"), []),
        ]
    )
    assert [r.title for r in store.list_briefings()] == ["Newer", "Older", "Undated"]
    assert [r.title for r in store.list_briefings(descending=False)] == ["Undated", "Older", "Newer"]
    assert [r.title for r in store.list_briefings(limit=2, offset=1)] == ["Older", "Undated"]


def test_a_hit_shows_the_words_it_matched_in_brackets(store):
    body = " ".join(["Filler words come first here."] * 6) + " Exporters cheered as lithium sanctions eased."
    store.add_briefings([(Briefing("A note from Santiago", body), [])])
    (hit,) = store.search("sanction* lithium")
    assert "[lithium] [sanctions]" in hit.snippet
    assert hit.snippet.startswith("…") and len(hit.snippet.split()) < 30
