"""RSS/Atom feeds and saved web pages, including hostile ones."""

from __future__ import annotations

from pathlib import Path

from explorer.ingest.registry import read_file
from explorer.workspace.importer import import_paths
from tests.conftest import write

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>
<item><title>Copper deal in Chile</title><link>https://example.org/a</link>
<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Chile signed with &lt;b&gt;China&lt;/b&gt;.&lt;/p&gt;
&lt;script&gt;window.pwned=1&lt;/script&gt;</description></item>
<item><title><![CDATA[Oil & gas <script>window.pwned=2</script>]]></title>
<description><![CDATA[<p>Saudi Aramco cut output.</p>
<img src=x onerror="window.pwned=3">]]></description></item>
<item><title>No text</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Rates held in Tokyo</title><link href="https://example.org/b"/>
<updated>2025-02-01T00:00:00Z</updated>
<summary>The Bank of Japan held rates.</summary></entry></feed>"""

BOMB = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title>
<description>x</description></item></channel></rss>"""

XXE = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title><description>x</description></item></channel></rss>"""

PAGE = """<!doctype html><html><head><title>Saved page</title><script>window.pwned = 4</script>
<style>body { color: red }</style></head><body><nav>Home | Markets</nav>
<article><h1>Lithium exports to Chile — what next?</h1>
<p onclick="window.pwned=5">Argentina and Chile discussed lithium with
<a href="javascript:x">Rio Tinto</a>.</p>
<h2>Key Signals</h2><ul><li>Prices fell</li><li>Output rose</li></ul>
<script>document.write('<p>injected</p>')</script><noscript>Enable JavaScript</noscript></article>
<footer>Related Intelligence · Subscribe</footer></body></html>"""


def test_rss_items_become_briefings_with_text_only(tmp_path: Path):
    result = read_file(write(tmp_path / "desk.rss", RSS))
    titles = [b.title for b in result.briefings]
    assert titles == ["Copper deal in Chile", "Oil & gas"]
    first, second = result.briefings
    assert "Chile signed with" in first.body and "China" in first.body
    assert "pwned" not in first.body and "pwned" not in second.body and "pwned" not in second.title
    assert (first.published, first.url) == ("2025-03-04", "https://example.org/a")
    assert second.body == "Saudi Aramco cut output."
    assert result.failures == (("desk.rss#3", 'item "No text" has no text'),)


def test_atom_entries(tmp_path: Path):
    (entry,) = read_file(write(tmp_path / "wire.atom", ATOM)).briefings
    assert (entry.title, entry.published, entry.url) == (
        "Rates held in Tokyo",
        "2025-02-01",
        "https://example.org/b",
    )


def test_entity_tricks_are_refused_not_expanded(tmp_path: Path):
    for name, xml in (("bomb.xml", BOMB), ("xxe.xml", XXE)):
        result = read_file(write(tmp_path / name, xml))
        assert not result.briefings
        ((where, reason),) = result.failures
        assert where == name and "feed refused" in reason


def test_saved_page_keeps_content_and_drops_scripts_and_chrome(tmp_path: Path):
    (page,) = read_file(write(tmp_path / "page.html", PAGE)).briefings
    assert page.title == "Lithium exports to Chile — what next?"
    assert "Argentina and Chile discussed lithium with Rio Tinto." in page.body
    assert page.section("Key Signals").items == ("Prices fell", "Output rose")
    everything = " ".join(t for _s, _i, t in page.texts())
    for absent in ("pwned", "injected", "Enable JavaScript", "color: red", "Home | Markets", "Subscribe"):
        assert absent not in everything


def test_feeds_and_pages_import_alongside_text(store, tmp_path: Path):
    write(tmp_path / "in" / "desk.rss", RSS)
    write(tmp_path / "in" / "page.html", PAGE)
    report = import_paths(store, [tmp_path / "in"])
    assert len(report.imported) == 3 and len(report.failed) == 1
    assert {e.name for e in store.entities(limit=50)} >= {"Chile", "Saudi Aramco", "Rio Tinto"}
