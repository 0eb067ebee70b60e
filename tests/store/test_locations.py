"""The map's in-memory country and place counts agree with the SQL counts, and follow new data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.extract.gazetteer import countries
from explorer.map.payload import map_data
from explorer.model import Briefing, Filter, Mention
from explorer.store import Store

FILTERS = [
    Filter(),
    Filter(query="oil"),
    Filter(query="chips OR semiconductors"),
    Filter(query="sanctions NOT russia"),
    Filter(countries=("US",)),
    Filter(countries=("CN", "US")),
    Filter(query="country:AU"),
    Filter(date_from="2025-03-01"),
    Filter(query="nothing-matches-this-word"),
    Filter(query="org:Nvidia"),
    Filter(query="org:Nvidia chips"),
    Filter(query="NOT oil"),
    Filter(query="oil", countries=("SA",)),
]


def same_counts(store: Store, flt: Filter) -> None:
    countries, places = store.located_counts(flt)
    expected = store.country_counts(flt)
    assert [(c.code, c.briefings) for c in countries] == [(c.code, c.briefings) for c in expected]
    assert [c.weight for c in countries] == pytest.approx([c.weight for c in expected])
    assert places == store.place_counts(flt)  # same entities, counts and order (count, then name)


@pytest.mark.parametrize(
    "flt", FILTERS, ids=lambda f: f.query or ",".join(f.countries) or f.date_from or "all"
)
def test_in_memory_counts_match_sql(sample_store: Store, flt: Filter):
    same_counts(sample_store, flt)


@pytest.mark.parametrize(
    "flt", FILTERS, ids=lambda f: f.query or ",".join(f.countries) or f.date_from or "all"
)
def test_map_payload_holds_every_located_place_but_whole_countries(sample_store: Store, flt: Filter):
    _countries, places = sample_store.located_counts(flt)
    markers = [
        p
        for p in places
        if countries().get(p.country or "", None) is None or countries()[p.country].name != p.name
    ]
    data = map_data(sample_store, flt)
    payload = json.loads(data.to_json_text())
    assert payload["places"] == [
        [p.id, p.name, round(p.lat, 4), round(p.lon, 4), p.mentions] for p in markers
    ]
    assert data.places == markers
    counts = [row[4] for row in payload["places"]]
    assert counts == sorted(counts, reverse=True)  # the page clusters around the busiest place first
    assert data.located.ids() == [p.id for p in markers]
    assert payload["counts"] == {c.code: c.briefings for c in sample_store.country_counts(flt)}


def test_place_names_reach_the_map_payload_as_json_text(tmp_path):
    store = Store.open(tmp_path / "w.db")
    odd = Mention('Quote " back\\slash </script>', "place", "body", 0, 0, 5, "x", "FR", 48.123456, 2.654321)
    store.add_briefings([(Briefing(title="Odd", body="Odd place."), [odd])])
    payload = json.loads(map_data(store, Filter()).to_json_text())
    assert payload["places"][0][1:] == ['Quote " back\\slash </script>', 48.1235, 2.6543, 1]


def test_entity_filters_match_sql(sample_store: Store):
    busiest = sorted(sample_store.entities(limit=50), key=lambda e: -e.mentions)
    same_counts(sample_store, Filter(entity_ids=(busiest[0].id,)))
    either = Filter(entity_ids=(busiest[0].id, busiest[1].id), entity_mode="any")
    same_counts(sample_store, either)
    assert sample_store.briefing_total(either) > sample_store.briefing_total(
        Filter(entity_ids=(busiest[0].id,))
    )


def test_counts_follow_writes_from_this_and_other_connections(sample_store: Store):
    before = dict((c.code, c.briefings) for c in sample_store.located_counts()[0])
    nauru = Mention("Nauru", "place", "body", 0, 0, 5, "Nauru", "NR", -0.53, 166.93)
    sample_store.add_briefings([(Briefing(title="Phosphate talks", body="Nauru talks."), [nauru])])
    after = dict((c.code, c.briefings) for c in sample_store.located_counts()[0])
    assert after.get("NR", 0) == before.get("NR", 0) + 1

    reader = sample_store.reader()
    try:
        reader.located_counts()  # built before the next write
        ghana = Mention("Accra", "place", "body", 0, 0, 5, "Accra", "GH", 5.56, -0.2)
        sample_store.add_briefings([(Briefing(title="Cocoa", body="Accra cocoa."), [ghana])])
        same_counts(reader, Filter())
        assert any(p.name == "Accra" for p in reader.located_counts()[1])
    finally:
        reader.close()


def test_the_index_read_as_joined_strings_equals_the_index_read_row_by_row(sample_store: Store, tmp_path):
    from explorer.store.locations import LocationIndex

    if sample_store.url:
        pytest.skip("the joined strings are SQLite's (group_concat)")
    joined, by_row = LocationIndex(sample_store.db), LocationIndex(sample_store.db, sqlite=False)
    for chosen in (None, joined.chosen(np.arange(1, 20))):
        assert joined.country_counts(chosen) == by_row.country_counts(chosen)
        assert joined.place_rows(chosen).entities() == by_row.place_rows(chosen).entities()
    assert len(joined.country_counts(None)) >= 20
    first, last = joined.rows[0][0], joined.rows[-1][0]
    written_meanwhile = np.array([[1, first], [2, 10**9], [3, last]], dtype=np.int64)  # 10**9: unknown
    dense = joined._dense(written_meanwhile)
    assert dense.briefing.tolist() == [1, 3] and dense.target.tolist() == [0, len(joined.rows) - 1]
    empty = Store.open(tmp_path / "empty.db")
    try:
        assert LocationIndex(empty.db).counts(None) == ([], [])
    finally:
        empty.close()
