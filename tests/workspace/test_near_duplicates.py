"""The same story from two sources: a feed entry and the saved page, two wires, a summary and its article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from explorer.model import Briefing, Filter
from explorer.store import Store
from explorer.workspace.importer import import_briefings, import_paths
from tests.conftest import write

STORY = (
    "Argentina and Chile discussed lithium royalties with Rio Tinto on Thursday, as Santiago weighs how "
    "much of the Atacama brine it is willing to open to foreign miners and to the refiners that buy from "
    "them. Officials in Buenos Aires said the talks would resume in December, after the energy ministry "
    "reviews the export volumes shipped through the port of Antofagasta over the past two years."
)

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Andes Wire</title>
<item><title>Lithium talks with Chile resume</title><link>https://andeswire.example/lithium</link>
<pubDate>Fri, 20 Nov 2026 07:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{STORY}</p>]]></content:encoded>
</item>
<item><title>Copper smelter strike ends in Zambia</title><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
<description>Workers at a copper smelter in Kitwe returned after the union accepted a pay offer from the
operator, ending a strike that had cut output for three weeks across the Copperbelt.</description></item>
</channel></rss>"""

PAGE = f"""<!doctype html><html><head><title>Lithium talks with Chile resume | Harbour Wire</title>
<meta property="og:site_name" content="Harbour Wire"></head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Lithium talks with Chile resume</h1><p>{STORY}</p>
<p>Harbour Wire first reported the talks in October.</p></article>
<aside class="related"><a href="/x">Nickel glut deepens</a></aside>
<footer>© Harbour Wire</footer></body></html>"""


def test_feed_entry_and_saved_page_of_one_story_are_linked(store: Store, tmp_path: Path):
    write(tmp_path / "in" / "andes.rss", FEED)
    write(tmp_path / "in" / "lithium.html", PAGE)
    report = import_paths(store, [tmp_path / "in"])
    assert report.summary() == "3 imported, 0 duplicate, 1 near-duplicate, 0 failed"
    assert report.near_duplicates == [("in/lithium.html", "in/andes.rss#1")]
    ids = {title: i for i, title in store.db.execute("select id, title from briefings")}
    page_id = next(i for i, t, s in _rows(store) if s == "Harbour Wire")
    first_id = (
        ids["Lithium talks with Chile resume"] if page_id != ids["Lithium talks with Chile resume"] else 0
    )
    copies = store.copies(page_id)
    assert [(c.title, c.source, c.origin) for c in copies] == [
        ("Lithium talks with Chile resume", "Andes Wire", "in/andes.rss#1")
    ]
    assert copies[0].id == first_id or first_id == 0
    assert [c.origin for c in store.copies(copies[0].id)] == ["in/lithium.html"]
    assert store.copies(ids["Copper smelter strike ends in Zambia"]) == []


def _rows(store: Store):
    return store.db.execute("select id, title, source from briefings order by id").fetchall()


def test_copies_link_to_the_first_copy_and_unrelated_stories_do_not_match(store: Store):
    wire_a = Briefing("Lithium talks with Chile resume", STORY, source="Wire A", origin="a")
    wire_b = Briefing(
        "Chile lithium talks to resume", STORY + " Markets were closed.", source="Wire B", origin="b"
    )
    wire_c = Briefing("Talks on lithium resume", "Update: " + STORY, source="Wire C", origin="c")
    other = Briefing(
        "Copper output falls in Peru", STORY.replace("lithium", "copper")[:120] + " Peru.", origin="d"
    )
    report = import_briefings(store, [wire_a, wire_b, wire_c, other])
    assert report.near_duplicates == [("b", "a"), ("c", "a")]  # c links to a, not to the copy b
    ids = dict(store.db.execute("select origin, id from briefings"))
    assert [c.origin for c in store.copies(ids["a"])] == ["b", "c"]
    assert [c.origin for c in store.copies(ids["c"])] == ["a", "b"]


def test_a_feed_summary_under_the_same_title_is_a_copy_of_the_full_article(store: Store):
    lead = STORY.split(". ")[0] + "."
    article = Briefing("Lithium talks with Chile resume", STORY + " " + STORY.upper(), origin="page")
    summary = Briefing("LITHIUM TALKS WITH CHILE RESUME", lead, origin="feed#1")
    same_words_other_title = Briefing("Andes weekly digest", lead, origin="digest")
    assert import_briefings(store, [article, same_words_other_title]).near_duplicates == []
    assert import_briefings(store, [summary]).near_duplicates == [("feed#1", "page")]


def test_hiding_copies_collapses_lists_counts_and_search(store: Store):
    import_briefings(
        store,
        [
            Briefing("Lithium talks with Chile resume", STORY, origin="a"),
            Briefing("Chile lithium talks resume", STORY, source="Wire B", origin="b"),
            Briefing(
                "Copper strike ends",
                "Workers at a copper smelter in Kitwe, Zambia returned to work.",
                origin="c",
            ),
        ],
    )
    everything, collapsed = Filter(), Filter(hide_copies=True)
    assert store.briefing_total(everything) == 3 and store.briefing_total(collapsed) == 2
    searched = Filter(query="Antofagasta")
    assert store.briefing_total(searched) == 2
    assert store.briefing_total(Filter(query="Antofagasta", hide_copies=True)) == 1
    chile = {c.code: c.briefings for c in store.country_counts(everything)}["CL"]
    assert {c.code: c.briefings for c in store.country_counts(collapsed)}["CL"] == chile - 1  # the map
    assert {c.code: c.briefings for c in store.located_counts(collapsed)[0]}["CL"] == 1
    listed = store.list_briefings(Filter(query="Antofagasta", hide_copies=True))
    assert [b.title for b in listed] == ["Lithium talks with Chile resume"]


def test_a_workspace_from_before_near_duplicates_is_fingerprinted_on_upgrade(tmp_path: Path):
    path = tmp_path / "old.db"
    store = Store.open(path)
    import_briefings(
        store,
        [
            Briefing("Lithium talks resume", STORY, origin="a"),
            Briefing("Lithium talks", STORY + " More.", origin="b"),
        ],
    )
    store.close()
    with sqlite3.connect(path) as conn:  # back to how the previous version left it
        for table in ("briefing_bands", "near_duplicates", "briefing_signatures"):
            conn.execute(f"drop table {table}")
        conn.execute("drop index idx_briefings_title_nocase")
        conn.execute(
            "delete from _sqlite_migrations where name in"
            " ('0011_near_duplicates', '0012_fts_follows_text_only', '0013_near_duplicate_signatures')"
        )
    upgraded = Store.open(path)
    try:
        ids = dict(upgraded.db.execute("select origin, id from briefings"))
        assert [c.origin for c in upgraded.copies(ids["b"])] == ["a"]
        assert upgraded.near_duplicate_count() == 1
    finally:
        upgraded.close()


def test_first_copies_fingerprinted_before_signatures_existed_still_find_their_copies(tmp_path: Path):
    path = tmp_path / "ws.db"
    store = Store.open(path)
    import_briefings(store, [Briefing("Lithium talks resume", STORY, origin="a")])
    store.close()
    with sqlite3.connect(path) as conn:  # as a workspace fingerprinted before signatures were kept
        conn.execute("drop table briefing_signatures")
        conn.execute("delete from _sqlite_migrations where name = '0013_near_duplicate_signatures'")
    upgraded = Store.open(path)
    try:
        report = import_briefings(upgraded, [Briefing("Lithium talks", STORY + " More.", origin="b")])
        assert report.near_duplicates == [("b", "a")]
    finally:
        upgraded.close()


def test_the_minhash_signature_is_datasketch_affine32_bit_for_bit():
    """Stored band keys and signatures came from datasketch's "affine32" MinHash: the signature made
    without it (datasketch loads scipy into every process that imports it) must be the same."""
    import random
    import zlib

    from datasketch import MinHash

    from explorer.store.fingerprint import BANDS, ROWS, minhash_values

    rng, words = random.Random(3), ("tin", "oil", "gas", "ore", "rice", "wheat")
    for size in (1, 8, 50, 700):
        shingles = frozenset(" ".join(rng.choices(words, k=3)) + str(i) for i in range(size))
        theirs = MinHash(num_perm=BANDS * ROWS, seed=7, hashfunc=zlib.crc32, scheme="affine32")
        theirs.update_batch([s.encode("utf-8") for s in shingles])
        assert minhash_values(shingles).tolist() == theirs.hashvalues.tolist()
