"""A name the pipeline found, before overlaps are settled and offsets are made per piece of text."""

from __future__ import annotations

from typing import NamedTuple

from explorer.model import EntityKind


class NameCandidate(NamedTuple):
    start: int
    end: int
    priority: int  # lower wins when spans tie in length
    name: str
    kind: EntityKind
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 1.0
    rule: str = ""
