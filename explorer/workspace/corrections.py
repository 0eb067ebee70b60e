"""Analyst corrections applied to the workspace: record one, undo one, re-extract what they touch.

Making or undoing a correction re-extracts every briefing it touches, in one transaction, with the active
corrections applied; later imports apply them too (see `overrides`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from explorer.extract import extract
from explorer.extract.overrides import Overrides, describe, validate
from explorer.store import Store
from explorer.store.correction_log import CorrectionRecord


def overrides(store: Store) -> Overrides:
    """The active corrections, ready for extraction."""
    return Overrides.from_corrections(store.active_corrections())


def correct(store: Store, correction: dict[str, Any]) -> CorrectionRecord:
    """Record a correction and re-extract every briefing it touches, all in one transaction."""
    validate(correction)
    with store.transaction():
        ids = store.touched_by(correction)
        record_id = store.record_correction(correction, describe(correction), ids)
        reextract(store, ids)
    return store.correction(record_id)


def undo_correction(store: Store, correction_id: int | None = None) -> CorrectionRecord:
    """Undo one correction (the latest active one by default) and re-extract what it touched."""
    record_id, correction, touched = store.correction_to_undo(correction_id)
    with store.transaction():
        ids = touched | store.touched_by(correction)
        store.mark_undone(record_id)
        reextract(store, ids)
    return store.correction(record_id)


def reextract(store: Store, briefing_ids: Iterable[int]) -> None:
    """Extract these briefings again with the active corrections (inside the caller's transaction)."""
    ids = sorted(briefing_ids)
    if not ids:
        return
    active = overrides(store)
    store.clear_mentions(ids)
    for briefing_id in ids:
        store.add_mentions(briefing_id, extract(store.get_briefing(briefing_id).briefing, active))
