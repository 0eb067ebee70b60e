"""Corrections read their briefings again in a real worker process, which ends when left unused."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest

from explorer.extract import extract
from explorer.extract.overrides import Overrides
from explorer.ingest.registry import iter_files, read_file
from explorer.store import Store
from explorer.workspace.corrections import correct, undo_correction
from explorer.workspace.reextraction import ReextractionWorker
from tests.conftest import SAMPLES


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
    undo_correction(store, extracting=worker)  # read with the corrections of this call, not the last
    assert store.entity_ids_named("org", "Nvidia")
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


def _sample_briefings(count: int) -> list:
    found = [b for path, _ in iter_files([SAMPLES]) for b in read_file(path).briefings]
    return (found * (count // len(found) + 1))[:count]


def test_a_worker_that_died_is_started_again_and_the_correction_goes_through(worker):
    briefings = _sample_briefings(3)
    others = {child.pid for child in multiprocessing.active_children()}
    worker.warm()
    deadline = time.monotonic() + 30
    while not (mine := [c for c in multiprocessing.active_children() if c.pid not in others]):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for child in mine:
        os.kill(child.pid, signal.SIGKILL)  # as the system would when it runs out of memory
    found = worker(briefings, [])
    assert found == [extract(b) for b in briefings]


def test_closing_while_a_correction_is_read_lets_it_finish_then_ends_the_worker(worker):
    briefings = _sample_briefings(400)
    results = []
    reading = threading.Thread(target=lambda: results.append(worker(briefings, [])))
    reading.start()
    deadline = time.monotonic() + 30
    while not worker._users and reading.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.close()
    reading.join(timeout=120)
    assert len(results) == 1 and len(results[0]) == 400
    assert not worker.running
    with pytest.raises(RuntimeError, match="closing"):
        worker(briefings[:1], [])
