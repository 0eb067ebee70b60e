"""The query language: every operator, clear errors, and Filter → SQL on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explorer.extract import readings_file
from explorer.model import Filter
from explorer.query import named_countries, parse_query
from explorer.store import Store
from explorer.workspace.importer import import_paths
from tests.conftest import write

COUNTRIES = {"japan": "JP", "china": "CN"}


def parse(text: str):
    return parse_query(text, lambda name: COUNTRIES.get(name.lower()))


@pytest.mark.parametrize(
    ("text", "fts"),
    [
        ('"export controls" chips', '"export controls" "chips"'),
        ("chips AND (Taiwan OR Korea)", '"chips" AND ( "Taiwan" OR "Korea" )'),
        ("nvid*", '"nvid"*'),
        ("opec NOT saudi", '"opec" NOT "saudi"'),
        ("NEAR(lithium chile, 5)", 'NEAR("lithium" "chile", 5)'),
        ("NEAR(lithium chile)", 'NEAR("lithium" "chile", 10)'),
        ("oil NEAR(rate cut, 2) title:gas", '"oil" NEAR("rate" "cut", 2) title : "gas"'),
        ("title:tariffs", 'title : "tariffs"'),
        ("section:signals copper", 'signals : ("copper")'),
        ("U.S. Micron’s", '"U S" "Micron s"'),
        ("AND OR", ""),
    ],
)
def test_text_operators_become_valid_fts5(text, fts):
    parsed = parse(text)
    assert parsed.fts == fts
    assert parsed.ok


def test_field_filters_are_structured():
    parsed = parse(
        'country:CN country:Japan org:"Alibaba" person:Huang source:Reuters tag:Watch '
        "after:2025-01-01 before:2025-03-31 lithium"
    )
    assert parsed.countries == ("CN", "JP")
    assert parsed.entities == (("org", "Alibaba"), ("person", "Huang"))
    assert parsed.sources == ("Reuters",)
    assert parsed.tags == ("watch",)
    assert (parsed.after, parsed.before) == ("2025-01-01", "2025-03-31")
    assert parsed.fts == '"lithium"'


def test_leading_not_is_taken_apart():
    assert (parse("NOT saudi opec").fts, parse("NOT saudi opec").exclude) == ('"opec"', '"saudi"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unbalanced', "unbalanced quote"),
        ("(a OR b", "'(' without ')'"),
        ("a) b", "')' without '('"),
        ("foo:bar", "unknown field 'foo:'"),
        ("country:Atlantis", "unknown country 'Atlantis'"),
        ("section:appendix", "unknown section 'appendix'"),
        ("after:yesterday", "'yesterday' is not a date"),
        ("NEAR(x)", "NEAR needs at least two words"),
        ("NEAR(a b, far)", "NEAR distance must be a number"),
        ("NEAR(a b", "needs a closing ')'"),
        ("country:", "'country:' needs a value"),
    ],
)
def test_bad_syntax_gives_a_clear_error_object_and_no_exception(text, message):
    parsed = parse(text)
    assert not parsed.ok
    assert message in parsed.errors[0].message
    assert 0 <= parsed.errors[0].position <= len(text)


@pytest.fixture
def corpus(tmp_path, store_location):
    folder = tmp_path / "in"
    docs = {
        "a.txt": "---\ndate: 2025-01-10\nsource: Wire\n---\nChips row\nTSMC and Japan on chips.\n"
        "Key Signals\n- —Copper shortage in Chile\n",
        "b.txt": "---\ndate: 2025-02-10\nsource: Desk\n---\nCopper deal\n"
        "Chile signs a copper deal with China.\n",
        "c.txt": "---\ndate: 2025-03-10\nsource: Wire\n---\nOil moves\n"
        "Saudi Aramco cuts output; copper flat.\n",
    }
    for name, text in docs.items():
        write(folder / name, text)
    store = Store.open(store_location)
    assert import_paths(store, [folder]).ok
    yield store
    store.close()


def titles(store, query="", **fields):
    return sorted(r.title for r in store.list_briefings(Filter(query=query, **fields)))


def test_filter_to_sql_on_a_real_file(corpus):
    assert titles(corpus, "copper") == ["Chips row", "Copper deal", "Oil moves"]
    assert titles(corpus, "section:signals copper") == ["Chips row"]
    assert titles(corpus, "title:copper") == ["Copper deal"]
    assert titles(corpus, "copper NOT chile") == ["Oil moves"]
    assert titles(corpus, "NOT chile") == ["Oil moves"]
    assert titles(corpus, "country:JP") == ["Chips row"]
    assert titles(corpus, 'org:"TSMC"') == ["Chips row"]
    assert titles(corpus, "org:TSM") == ["Chips row"]  # the ticker resolves to the knowledge base name
    assert titles(corpus, "source:Wire after:2025-02-01") == ["Oil moves"]
    assert titles(corpus, "before:2025-02-10") == ["Chips row", "Copper deal"]
    assert titles(corpus, "NEAR(copper deal, 2)") == ["Copper deal"]
    assert titles(corpus, "cop*") == ["Chips row", "Copper deal", "Oil moves"]
    assert titles(corpus, sources=("Desk",)) == ["Copper deal"]
    assert titles(corpus, date_from="2025-02-01", date_to="2025-02-28") == ["Copper deal"]


def test_entity_modes_any_and_all(corpus):
    ids = {e.name: e.id for e in corpus.entities(limit=100)}
    both = Filter(entity_ids=(ids["Chile"], ids["China"]))
    assert [r.title for r in corpus.list_briefings(both)] == ["Copper deal"]
    either = replace(both, entity_mode="any")
    assert sorted(r.title for r in corpus.list_briefings(either)) == ["Chips row", "Copper deal"]


def test_tags_and_notes_are_searchable_and_survive_reimport(corpus, tmp_path):
    (row,) = [r for r in corpus.list_briefings() if r.title == "Oil moves"]
    corpus.set_annotation(row.id, ["Watch", "energy"], "Follow up with the desk")
    assert corpus.annotation(row.id) == (["energy", "watch"], "Follow up with the desk")
    assert titles(corpus, "tag:watch") == ["Oil moves"]
    assert titles(corpus, tags=("energy",)) == ["Oil moves"]
    assert titles(corpus, "notes:desk") == ["Oil moves"]
    assert titles(corpus, "follow") == ["Oil moves"]
    with corpus.db.atomic():
        for table in ("mentions", "briefing_countries", "unwatched"):
            corpus.db.execute(f"delete from {table} where briefing_id = ?", [row.id])
        corpus.db.execute("delete from briefings where id = ?", [row.id])
    assert titles(corpus, "tag:watch") == []
    import_paths(corpus, [tmp_path / "in" / "c.txt"])
    assert titles(corpus, "tag:watch") == ["Oil moves"]


def test_query_errors_for_the_inline_hint(corpus):
    assert corpus.query_errors("copper AND chile") == []
    assert "unknown field" in corpus.query_errors("colour:red")[0].message
    assert corpus.search('"unbalanced') is not None  # never raises


def test_facets_and_histogram(corpus):
    facets = corpus.facets()
    assert dict((k, n) for k, _label, n in facets["source"]) == {"Wire": 2, "Desk": 1}
    assert [m for m, _l, _n in facets["month"]] == ["2025-03", "2025-02", "2025-01"]
    assert any(label == "TSMC" for _k, label, _n in facets["org"])
    assert corpus.histogram() == [("2025-01-10", 1), ("2025-02-10", 1), ("2025-03-10", 1)]
    assert corpus.histogram(Filter(query="chile")) == [("2025-01-10", 1), ("2025-02-10", 1)]


def test_the_countries_a_filter_names_come_from_its_chips_and_its_query():
    assert named_countries(Filter(countries=("JP",), query="country:Japan tariffs")) == ("JP",)
    assert named_countries(Filter(query="country:Chile OR country:PE lithium")) == ("CL", "PE")
    assert named_countries(Filter(query="colour:red")) == ()
    assert named_countries(Filter()) == ()


# A fresh process, as the window is: it searches, and reports whether it loaded the extraction dictionary.
SEARCHES = """
import json, sys
from explorer.extract import dictionary_cache
from explorer.model import Filter
from explorer.query import resolve_country
from explorer.store import Store
store = Store.open(sys.argv[1])
found = {q: sorted(r.title for r in store.list_briefings(Filter(query=q))) for q in sys.argv[2:]}
names = ("Japan", "Japanese", "U.S.", "中华人民共和国", "Emirates", "japan", "UK", "cn")
countries = [resolve_country(name) for name in names]
print(json.dumps({"found": found, "countries": countries, "dictionary": dictionary_cache.loaded()}))
"""


def _search_in_a_process(location, *queries: str) -> dict:
    import json
    import subprocess
    import sys

    command = [sys.executable, "-c", SEARCHES, str(location), *queries]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_searches_by_country_name_and_by_entity_name_never_load_the_extraction_dictionary(corpus):
    location = corpus.location
    corpus.close()
    plain = _search_in_a_process(location, "country:Japan", "org:tsmc", 'person:"Nobody Here"')
    assert plain["found"] == {
        "country:Japan": ["Chips row"],
        "org:tsmc": ["Chips row"],
        'person:"Nobody Here"': [],
    }
    assert plain["countries"] == ["JP", "JP", "US", "CN", "AE", "JP", "GB", "CN"]
    assert plain["dictionary"] is False
    # A ticker no entity is named: the dictionary's file says what it stands for, once an import's
    # worker has written it; until then the dictionary does.
    readings_file.path().unlink(missing_ok=True)
    ticker = _search_in_a_process(location, "org:TSM")
    assert ticker["found"] == {"org:TSM": ["Chips row"]} and ticker["dictionary"] is True
    readings_file.write()
    ticker = _search_in_a_process(location, "org:TSM")
    assert ticker["found"] == {"org:TSM": ["Chips row"]} and ticker["dictionary"] is False


CANONICAL = """
import json, sys
from explorer.extract import dictionary_cache
from explorer.query.names import canonical_name
surfaces = json.loads(sys.stdin.read())
answers = [[canonical_name(kind, name) for kind in ("", "org", "place")] for name in surfaces]
print(json.dumps({"answers": answers, "dictionary": dictionary_cache.loaded()}))
"""


def test_a_process_without_the_dictionary_resolves_its_names_as_extraction_does():
    import json
    import subprocess
    import sys

    from explorer.extract.dictionary import dictionary
    from explorer.query.names import canonical_name

    readings_file.write()  # as an import's worker leaves it
    canonical_name.cache_clear()  # answers cached by earlier tests may have come from the file
    surfaces = [*[name for name, _ in dictionary().items()][::97], "TSM", "Fed", "BOJ", "Peking", "US", "UK"]
    expected = [[canonical_name(kind, name) for kind in ("", "org", "place")] for name in surfaces]
    assert ["TSMC", "TSMC", "TSM"] in expected and ["United States"] * 2 in [e[::2] for e in expected]
    command = [sys.executable, "-c", CANONICAL]
    done = subprocess.run(command, input=json.dumps(surfaces), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["dictionary"] is False
    assert found["answers"] == expected
