"""Corrections read their briefings again in a real worker process, which ends when left unused."""

from __future__ import annotations

import time

import pytest

from explorer.extract import extract
from explorer.extract.overrides import Overrides
from explorer.store import Store
from explorer.workspace.corrections import correct, undo_correction
from explorer.workspace.reextraction import ReextractionWorker


@pytest.fixture
def worker():
    started = ReextractionWorker()
    yield started
    started.close()


def stored_mentions(store: Store, briefing_id: int) -> list[tuple]:
    sql = """select e.name, e.kind, m.section, m.item, m.start, m.end, m.rule
             from mentions m join entities e on e.id = m.entity_id where m.briefing_id = ?"""
    return sorted(tuple(row) for row in store.db.execute(sql, [briefing_id]))


def test_a_correction_and_its_undo_through_the_worker_store_what_this_process_would(sample_store, worker):
    store = sample_store
    alias = {
        "op": "alias",
        "alias": "the chipmaker",
        "target": {"name": "TSMC", "kind": "org", "country": "TW"},
    }
    merge = {"op": "merge", "source": store.entity_ref("org:Nvidia"), "target": store.entity_ref("org:TSMC")}
    record = correct(store, merge, worker)
    assert worker.running and record.briefings > 1
    active = Overrides.from_corrections(store.active_corrections())
    ids = [row[0] for row in store.db.execute("select id from briefings order by id")]
    for briefing_id in ids:
        expected = sorted(
            (m.name, m.kind, m.section, m.item, m.start, m.end, m.rule)
            for m in extract(store.get_briefing(briefing_id).briefing, active)
        )
        assert stored_mentions(store, briefing_id) == expected
    assert not store.entity_ids_named("org", "Nvidia")
    undo_correction(store, extracting=worker)
    assert store.entity_ids_named("org", "Nvidia")
    correct(store, alias, worker)  # the worker reads with the corrections of each call, not its first
    assert store.integrity_ok()


def test_the_worker_ends_when_left_unused_and_starts_again_when_asked():
    worker = ReextractionWorker(idle_seconds=0.3)
    try:
        worker.warm()
        assert worker.running
        deadline = time.monotonic() + 10
        while worker.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not worker.running
        assert worker([], []) == [] and worker.running
    finally:
        worker.close()
    assert not worker.running
