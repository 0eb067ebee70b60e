"""Analyst corrections applied to the workspace: record one, undo one, re-extract what they touch.

Making or undoing a correction re-extracts every briefing it touches, in one transaction, with the active
corrections applied; later imports apply them too (see `overrides`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from explorer.extract import extract
from explorer.extract.overrides import Overrides, describe, validate
from explorer.model import Briefing, Mention
from explorer.store import Store
from explorer.store.correction_log import CorrectionRecord

# Reads briefings again with the given corrections, elsewhere than in this process (the window's
# worker, explorer.workspace.reextraction).
Extracting = Callable[[Sequence[Briefing], list[dict[str, Any]]], list[list[Mention]]]
BATCH = 500  # briefings read and sent at a time


def overrides(store: Store) -> Overrides:
    """The active corrections, ready for extraction."""
    return Overrides.from_corrections(store.active_corrections())


def correct(
    store: Store, correction: dict[str, Any], extracting: Extracting | None = None
) -> CorrectionRecord:
    """Record a correction and re-extract every briefing it touches, all in one transaction."""
    validate(correction)
    with store.transaction():
        ids = store.touched_by(correction)
        record_id = store.record_correction(correction, describe(correction), ids)
        reextract(store, ids, extracting)
    return store.correction(record_id)


def undo_correction(
    store: Store, correction_id: int | None = None, extracting: Extracting | None = None
) -> CorrectionRecord:
    """Undo one correction (the latest active one by default) and re-extract what it touched."""
    record_id, correction, touched = store.correction_to_undo(correction_id)
    with store.transaction():
        ids = touched | store.touched_by(correction)
        store.mark_undone(record_id)
        reextract(store, ids, extracting)
    return store.correction(record_id)


def reextract(store: Store, briefing_ids: Iterable[int], extracting: Extracting | None = None) -> None:
    """Extract these briefings again with the active corrections (inside the caller's transaction), in
    this process or through `extracting`."""
    ids = sorted(briefing_ids)
    if not ids:
        return
    store.clear_mentions(ids)
    if extracting is None:
        active = overrides(store)
        for briefing_id in ids:
            store.add_mentions(briefing_id, extract(store.get_briefing(briefing_id).briefing, active))
        return
    corrections = store.active_corrections()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        found = extracting([store.get_briefing(i).briefing for i in batch], corrections)
        for briefing_id, mentions in zip(batch, found, strict=True):
            store.add_mentions(briefing_id, mentions)
