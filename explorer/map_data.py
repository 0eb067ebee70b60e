"""What the map shows for a filter, as plain JSON-ready data. Shared by the map panel and the exports."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from explorer.extract.gazetteer import countries, country_name
from explorer.model import Entity, Filter
from explorer.store import Store
from explorer.store.locations import PlaceRow, PlaceRows


@dataclass(frozen=True)
class MapData:
    counts: dict[str, int]  # ISO alpha-2 → briefings
    located: PlaceRows  # located places other than whole countries, most briefings first
    selected: list[str]
    highlighted: list[str]

    @cached_property
    def places(self) -> list[Entity]:
        """The located places as entities; `mentions` = briefings."""
        return self.located.entities()

    def to_json(self) -> dict:
        return json.loads(self.to_json_text())

    def to_json_text(self) -> str:
        """The page's update payload; places are compact rows, so thousands of them stay a small payload."""
        return (
            f'{{"counts": {json.dumps(self.counts)}, "places": {self.located.compact_json()}, '
            f'"selected": {json.dumps(self.selected)}, "highlighted": {json.dumps(self.highlighted)}}}'
        )


def is_whole_country(row: PlaceRow) -> bool:
    """A place row that names a whole country: the choropleth shows those, not a marker."""
    _id, name, _kind, code, _lat, _lon = row
    country = countries().get(code or "")
    return country is not None and country.name == name


def map_data(store: Store, flt: Filter, highlighted: list[str] | None = None) -> MapData:
    country_counts, located = store.located_places(flt, skip=is_whole_country)
    counts = {c.code: c.briefings for c in country_counts}
    return MapData(
        counts=counts, located=located, selected=list(flt.countries), highlighted=highlighted or []
    )


def filter_parts(flt: Filter, store: Store) -> list[tuple[str, Filter]]:
    """Each part of a filter in words, with the filter that remains when that part is removed."""
    parts: list[tuple[str, Filter]] = []
    if flt.query:
        parts.append((f"Search: “{flt.query}”", replace(flt, query="")))
    for code in flt.countries:
        rest = tuple(c for c in flt.countries if c != code)
        parts.append((f"Country: {country_name(code)}", replace(flt, countries=rest)))
    either = flt.entity_mode == "any" and len(flt.entity_ids) > 1
    for entity_id in flt.entity_ids:
        entity = store.entity(entity_id)
        label = f"{entity.kind.capitalize()}: {entity.name}" if entity else f"Entity #{entity_id}"
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
    return parts


def describe_filter(flt: Filter, store: Store) -> str:
    """The filter in words, as the breadcrumb and the snapshot caption show it."""
    parts = filter_parts(flt, store)
    return " · ".join(label for label, _rest in parts) if parts else "All briefings"


def describe_dates(store: Store, flt: Filter) -> str:
    first, last = store.date_range(flt)
    if not first:
        return "No dated briefings"
    return first if first == last else f"{first} – {last}"


def snapshot_caption(store: Store, flt: Filter, title: str) -> dict:
    """Title and context lines that make an exported map stand alone in a slide deck."""
    counts = store.country_counts(flt)
    briefings = store.briefing_total(flt)
    return {
        "title": title,
        "lines": [
            describe_filter(flt, store),
            f"{describe_dates(store, flt)} · {briefings} briefings · {len(counts)} countries",
            f"Exported {date.today().isoformat()}",
        ],
    }
