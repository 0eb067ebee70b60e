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


RSS_1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://desk.example/rdf"><title>Andes Desk</title><link>https://desk.example/</link>
<description>Mining wire</description></channel>
<item rdf:about="https://desk.example/1"><title>Bogotá raises royalties</title>
<link>https://desk.example/1</link><dc:date>2026-10-02T08:00:00+02:00</dc:date>
<description>Colombia's mining agency in Bogotá raised royalties on coal.</description></item>
<item rdf:about="https://desk.example/2"><title>Quito court halts mine</title>
<link>https://desk.example/2</link><dc:date>2026-10-03</dc:date>
<description>A court in Quito halted a gold mine run by Lundin Gold in Ecuador.</description></item>
<item rdf:about="https://desk.example/3"><title>La Paz reviews lithium deal</title>
<link>https://desk.example/3</link><dc:date>Sat, 04 Oct 2026 10:00:00 GMT</dc:date>
<description>Bolivia reviewed its lithium contract with a Chinese consortium.</description></item>
</rdf:RDF>"""

ATOM_3 = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Wire</title><id>urn:hw</id>
<updated>2026-11-03T00:00:00Z</updated>
<entry><title>Port of Rotterdam congestion eases</title><id>urn:1</id>
<link rel="alternate" href="https://harbourwire.example/1"/><published>2026-11-01T07:00:00Z</published>
<updated>2026-11-02T07:00:00Z</updated>
<content type="html">&lt;p&gt;Container waits at Rotterdam fell as Maersk rerouted ships.&lt;/p&gt;</content>
</entry>
<entry><title type="html">Suez &lt;em&gt;transits&lt;/em&gt; recover</title><id>urn:2</id>
<updated>2026-11-02T07:00:00Z</updated>
<summary>Egypt reported more transits through the Suez Canal.</summary></entry>
<entry><title>Panama draught limits lifted</title><id>urn:3</id><updated>2026-11-03T07:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
<p>Panama lifted draught limits.</p></div></content>
</entry></feed>"""


def test_rss_1_rdf_feed_with_a_legacy_encoding(tmp_path: Path):
    path = tmp_path / "andes.rdf.xml"
    path.write_bytes(RSS_1.encode("iso-8859-1"))
    result = read_file(path)
    assert result.failures == ()
    assert [(b.title, b.published) for b in result.briefings] == [
        ("Bogotá raises royalties", "2026-10-02"),  # decoded as declared, not as UTF-8
        ("Quito court halts mine", "2026-10-03"),
        ("La Paz reviews lithium deal", "2026-10-04"),
    ]
    first = result.briefings[0]
    assert first.body == "Colombia's mining agency in Bogotá raised royalties on coal."
    assert (first.url, first.source) == ("https://desk.example/1", "Andes Desk")
    assert first.origin == "andes.rdf.xml#1"


def test_atom_feed_content_summary_and_markup_in_titles(tmp_path: Path):
    result = read_file(write(tmp_path / "harbour.atom", ATOM_3))
    assert [(b.title, b.published) for b in result.briefings] == [
        ("Port of Rotterdam congestion eases", "2026-11-01"),  # published, not updated
        ("Suez transits recover", "2026-11-02"),
        ("Panama draught limits lifted", "2026-11-03"),
    ]
    assert [b.body for b in result.briefings] == [
        "Container waits at Rotterdam fell as Maersk rerouted ships.",
        "Egypt reported more transits through the Suez Canal.",
        "Panama lifted draught limits.",
    ]
    assert result.briefings[0].url == "https://harbourwire.example/1"


def test_a_feed_that_names_a_url_is_not_fetched(tmp_path: Path):
    result = read_file(write(tmp_path / "link.xml", "https://example.org/feed.rss"))
    assert not result.briefings
    ((_where, reason),) = result.failures
    assert reason.startswith(("malformed feed", "no entries")), reason


ARTICLE_PAGE = """<!doctype html><html lang="en"><head>
<title>Lithium talks with Chile resume | Harbour Wire</title>
<meta property="og:title" content="Lithium talks with Chile resume">
<meta property="og:site_name" content="Harbour Wire">
<link rel="canonical" href="https://harbourwire.example/markets/lithium-chile">
<meta property="article:published_time" content="2026-11-20T08:00:00Z">
<script>window.pwned = 6</script></head>
<body><div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header><nav><a href="/">Home</a> | <a href="/markets">Markets</a> | <a href="/energy">Energy</a></nav>
</header>
<main><article><h1>Lithium talks with Chile resume</h1>
<p>Argentina and Chile discussed lithium royalties with Rio Tinto on Thursday, as Santiago weighs how
much of the Atacama brine it is willing to open to foreign miners and to the refiners that buy from them.</p>
<div class="ad-container"><p>Advertisement: best broker deals, open an account today</p></div>
<p>Officials in Buenos Aires said the talks would resume in December, after the energy ministry reviews
the export volumes shipped through the port of Antofagasta over the past two years.</p>
<h2>Key Signals</h2><ul><li>Lithium carbonate prices fell for a third week</li>
<li>Output at the Salar de Atacama rose</li></ul>
<h2>Geopolitical Implications</h2><ol><li>Refiners in Beijing may look for supply elsewhere.</li>
<li>Washington could press for a minerals accord.</li></ol></article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Nickel glut deepens in Jakarta</a></li>
<li><a href="/b">Cobalt prices slide</a></li></ul></aside></main>
<footer><p>© 2026 Harbour Wire · Terms · Privacy · Subscribe to our newsletter</p></footer></body></html>"""


def test_saved_article_keeps_the_article_and_its_metadata_only(tmp_path: Path):
    (page,) = read_file(write(tmp_path / "lithium.html", ARTICLE_PAGE)).briefings
    assert page.title == "Lithium talks with Chile resume"
    assert (page.published, page.date_source) == ("2026-11-20", "field")
    assert (page.source, page.url) == ("Harbour Wire", "https://harbourwire.example/markets/lithium-chile")
    assert page.body.startswith("Argentina and Chile discussed lithium royalties")
    assert "port of Antofagasta over the past two years." in page.body
    assert page.section("Key Signals").items == (
        "Lithium carbonate prices fell for a third week",
        "Output at the Salar de Atacama rose",
    )
    assert page.section("Geopolitical Implications").items == (
        "Refiners in Beijing may look for supply elsewhere.",
        "Washington could press for a minerals accord.",
    )
    everything = " ".join(t for _s, _i, t in page.texts())
    for dropped in ("cookies", "Advertisement", "broker", "Markets", "Nickel", "Related", "Terms", "pwned"):
        assert dropped not in everything, dropped
