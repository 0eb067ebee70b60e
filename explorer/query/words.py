"""A filter in words, for the breadcrumb and for captions of exported pictures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from explorer.extract.gazetteer import country_name
from explorer.model import Entity, Filter

EntityById = Callable[[int], Entity | None]


def filter_parts(flt: Filter, entity: EntityById) -> list[tuple[str, Filter]]:
    """Each part of a filter in words, with the filter that remains when that part is removed."""
    parts: list[tuple[str, Filter]] = []
    if flt.query:
        parts.append((f"Search: “{flt.query}”", replace(flt, query="")))
    for code in flt.countries:
        rest = tuple(c for c in flt.countries if c != code)
        parts.append((f"Country: {country_name(code)}", replace(flt, countries=rest)))
    either = flt.entity_mode == "any" and len(flt.entity_ids) > 1
    for entity_id in flt.entity_ids:
        found = entity(entity_id)
        label = f"{found.kind.capitalize()}: {found.name}" if found else f"Entity #{entity_id}"
        rest = tuple(e for e in flt.entity_ids if e != entity_id)
        parts.append((label + (" (any of)" if either else ""), replace(flt, entity_ids=rest)))
    for source in flt.sources:
        parts.append(
            (f"Source: {source}", replace(flt, sources=tuple(s for s in flt.sources if s != source)))
        )
    if flt.date_from or flt.date_to:
        span = f"{flt.date_from or '…'} – {flt.date_to or '…'}"
        parts.append((f"Dates: {span}", replace(flt, date_from=None, date_to=None)))
    for tag in flt.tags:
        parts.append((f"Tag: {tag}", replace(flt, tags=tuple(t for t in flt.tags if t != tag))))
    if flt.hide_copies:
        parts.append(("Near-duplicates hidden", replace(flt, hide_copies=False)))
    if flt.watch:
        parts.append((f"Watch: {flt.watch} (unread)", replace(flt, watch=None)))
    return parts


def describe_filter(flt: Filter, entity: EntityById) -> str:
    """The filter in words, as the breadcrumb and the snapshot caption show it."""
    parts = filter_parts(flt, entity)
    return " · ".join(label for label, _rest in parts) if parts else "All briefings"
