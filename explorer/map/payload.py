"""What the map shows for a filter, as plain JSON-ready data. Shared by the map panel and the exports."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from explorer.extract.gazetteer import countries
from explorer.model import Entity, Filter
from explorer.query.words import describe_filter
from explorer.store import Store
from explorer.store.locations import LocationIndex, PlaceRow, PlaceRows

# Each place's compact JSON row up to its count, encoded once per location index (a version of the data).
_heads: weakref.WeakKeyDictionary[LocationIndex, list[str]] = weakref.WeakKeyDictionary()


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
            f'{{"counts": {json.dumps(self.counts)}, "places": {compact_json(self.located)}, '
            f'"selected": {json.dumps(self.selected)}, "highlighted": {json.dumps(self.highlighted)}}}'
        )


def compact_json(places: PlaceRows) -> str:
    """`[[id, name, lat, lon, briefings], ...]` with coordinates to four decimals."""
    heads = _compact_heads(places.index)
    return (
        "[" + ", ".join(f"{heads[i]}{n}]" for i, n in zip(places.order, places.briefings, strict=True)) + "]"
    )


def _compact_heads(index: LocationIndex) -> list[str]:
    """`[id, "name", lat, lon, ` for every place of the index, built once per index."""
    heads = _heads.get(index)
    if heads is None:
        heads = _heads[index] = [
            json.dumps([row[0], row[1], round(row[4], 4), round(row[5], 4)])[:-1] + ", " for row in index.rows
        ]
    return heads


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
            describe_filter(flt, store.entity),
            f"{describe_dates(store, flt)} · {briefings} briefings · {len(counts)} countries",
            f"Exported {date.today().isoformat()}",
        ],
    }
