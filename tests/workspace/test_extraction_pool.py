"""Extraction in worker processes gives the workspace exactly what extraction in one process gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.store import Store
from explorer.workspace import extraction
from explorer.workspace.corrections import correct
from explorer.workspace.importer import import_paths
from tests.conftest import SAMPLES


def contents(store: Store) -> tuple:
    briefings = store.db.execute(
        "select title, country_codes, entity_count from briefings order by id"
    ).fetchall()
    mentions = store.db.execute(
        """select b.title, e.name, e.kind, m.section, m.item, m.start, m.end from mentions m
           join briefings b on b.id = m.briefing_id join entities e on e.id = m.entity_id
           order by b.id, m.section, m.item, m.start"""
    ).fetchall()
    return briefings, mentions


def test_a_pool_of_workers_imports_what_one_process_imports(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(extraction, "POOL_MIN_BYTES", 0)  # the samples are small: use the pool anyway
    monkeypatch.setattr(extraction, "CHUNK", 7)  # many chunks, so their order is put to the test
    one, pooled = Store.open(tmp_path / "one.db"), Store.open(tmp_path / "pooled.db")
    try:
        used: list[str] = []
        original = extraction.extraction_for

        def spy(jobs, size, corrections, workers_only):
            made = original(jobs, size, corrections, workers_only)
            used.append(type(made).__name__)
            return made

        monkeypatch.setattr("explorer.workspace.importer.extraction_for", spy)
        first = import_paths(one, [SAMPLES], jobs=1)
        second = import_paths(pooled, [SAMPLES], jobs=2)
        assert used == ["InlineExtraction", "PoolExtraction"]
        assert first.imported == second.imported and len(second.imported) >= 50
        assert contents(one) == contents(pooled)
    finally:
        one.close()
        pooled.close()


def test_workers_apply_the_analysts_corrections(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(extraction, "POOL_MIN_BYTES", 0)
    store = Store.open(tmp_path / "ws.db")
    try:
        correct(store, {"op": "reject", "target": {"name": "Bloomberg", "kind": "org"}})
        import_paths(store, [SAMPLES], jobs=2)
        assert store.entity_ids_named("org", "Bloomberg") == []
        assert store.briefing_count() >= 50
    finally:
        store.close()


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_stops_between_batches_and_keeps_whole_ones(tmp_path: Path, monkeypatch, jobs: int):
    monkeypatch.setattr(extraction, "POOL_MIN_BYTES", 0)
    store = Store.open(tmp_path / "ws.db")
    try:
        seen: list[str] = []
        report = import_paths(
            store,
            [SAMPLES],
            progress=lambda _d, _t, name: seen.append(name),
            cancelled=lambda: len(seen) > 5,
            jobs=jobs,
        )
        assert report.cancelled
        assert store.briefing_count() == len(report.imported) < 50
        assert store.integrity_ok()
    finally:
        store.close()


def test_workers_hand_back_mentions_and_run_below_the_writer():
    from explorer.model import Briefing, Mention

    pool = extraction.PoolExtraction(2, [])
    try:
        workers = {pool._executor.submit(os.getpid).result() for _ in range(8)}
        assert workers and os.getpid() not in workers
        assert all(
            os.getpriority(os.PRIO_PROCESS, pid) > os.getpriority(os.PRIO_PROCESS, 0) for pid in workers
        )
        pool.submit([Briefing("Copper in Chile", "Codelco raised output in Chile.")])
        [(briefing, mentions, _)] = pool.finish()
    finally:
        pool.close()
    assert briefing.title == "Copper in Chile"
    assert mentions and all(isinstance(m, Mention) for m in mentions)
    assert {(m.name, m.country) for m in mentions} >= {("Chile", "CL")}


def test_an_import_runs_the_cycle_collector_at_its_own_pace_then_restores_the_process_pace(tmp_path: Path):
    import gc

    store = Store.open(tmp_path / "ws.db")
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    try:
        import_paths(store, [SAMPLES], progress=lambda *_: seen.append(gc.get_threshold()))
        assert seen and set(seen) == {extraction.IMPORT_GC_THRESHOLDS}
        assert gc.get_threshold() == before != extraction.IMPORT_GC_THRESHOLDS
        with extraction.fewer_collections():  # an import still running (the window) when another ends
            import_paths(store, [SAMPLES])
            assert gc.get_threshold() == extraction.IMPORT_GC_THRESHOLDS
        assert gc.get_threshold() == before
    finally:
        store.close()


WINDOW_IMPORT = """
import sys
from pathlib import Path
from explorer.extract import dictionary_cache
from explorer.store import Store
from explorer.workspace.importer import import_paths

if __name__ == "__main__":
    store = Store.open(Path(sys.argv[1]))
    report = import_paths(store, [Path(sys.argv[2])], workers_only=True)
    print(len(report.imported), store.db.execute("select count(*) from mentions").fetchone()[0])
    print(dictionary_cache._loaded is None, "faker" in sys.modules)
"""


def test_an_import_in_workers_only_keeps_the_extraction_dictionary_out_of_this_process(tmp_path: Path):
    import subprocess
    import sys

    script = tmp_path / "window_import.py"
    script.write_text(WINDOW_IMPORT, encoding="utf-8")
    sample = SAMPLES / "2024-02-29-india-fab-approvals.txt"
    command = [sys.executable, str(script), str(tmp_path / "ws.db"), str(sample)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout.split()
    imported, mentions, never_loaded, faker_imported = out
    assert imported == "1" and int(mentions) > 0
    assert never_loaded == "True" and faker_imported == "False"


def test_after_a_pooled_import_a_worker_writes_the_place_readings_file_and_nothing_waits_for_it(
    tmp_path: Path,
):
    import time

    from explorer.extract import readings_file

    readings_file.path().unlink(missing_ok=True)
    store = Store.open(tmp_path / "ws.db")
    try:
        report = import_paths(store, [SAMPLES / "2024-02-29-india-fab-approvals.txt"], workers_only=True)
    finally:
        store.close()
    assert len(report.imported) == 1
    deadline = time.monotonic() + 30
    while not readings_file.path().exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [r.country for r in readings_file.lookup("Georgia") or []] == ["GE", "US"]
