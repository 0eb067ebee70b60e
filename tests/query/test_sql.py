"""Filter → SQL on a real workspace file: every way of driving a count gives the plain count."""

from __future__ import annotations

from explorer.model import Filter
from explorer.query.sql import filter_clause
from explorer.store import Store
from explorer.workspace.importer import import_paths
from tests.conftest import SAMPLES


def test_counts_driven_from_narrow_tables_equal_the_plain_count(store_location: str):
    store = Store.open(store_location)
    import_paths(store, [SAMPLES])
    nvidia = store.entity_ref("org:Nvidia")
    nvidia_id = store.db.execute("select id from entities where name = 'Nvidia'").fetchone()[0]
    tsmc_id = store.db.execute("select id from entities where name = 'TSMC'").fetchone()[0]
    filters = [
        Filter(),
        Filter(countries=("CN",)),
        Filter(countries=("CN", "US")),
        Filter(query="chips"),
        Filter(query="country:CN chips"),
        Filter(query="NOT oil"),
        Filter(query="NOT oil", countries=("US",)),
        Filter(query='org:"Nvidia"'),
        Filter(query='org:"Nvidia" country:TW'),
        Filter(entity_ids=(nvidia_id,)),
        Filter(entity_ids=(nvidia_id, tsmc_id)),
        Filter(entity_ids=(nvidia_id, tsmc_id), entity_mode="any"),
        Filter(query="chips", date_from="2025-01-01"),
        Filter(query='org:"Nobody Inc"'),
    ]
    assert nvidia["country"] == "US"
    for flt in filters:
        where, args = filter_clause(flt, store.entity_ids_named, text=store.text_match)
        plain = store.db.execute(f"select count(*) from briefings b where {where}", args).fetchone()[0]
        assert store.briefing_total(flt) == plain, flt
    assert store.briefing_total(Filter(countries=("CN",))) > 0
    store.close()
