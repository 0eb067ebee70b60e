"""The map's in-memory country and place counts agree with the SQL counts, and follow new data."""

from __future__ import annotations

import pytest

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


def test_entity_filters_match_sql(sample_store: Store):
    busiest = max(sample_store.entities(limit=50), key=lambda e: e.mentions)
    same_counts(sample_store, Filter(entity_ids=(busiest.id,)))


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
