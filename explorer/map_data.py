"""What the map shows for a filter, as plain JSON-ready data. Shared by the map panel and the exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from explorer.extract.gazetteer import countries, country_name
from explorer.model import Entity, Filter
from explorer.store import Store


@dataclass(frozen=True)
class MapData:
    counts: dict[str, int]  # ISO alpha-2 → briefings
    places: list[Entity]  # located places other than whole countries; `mentions` = briefings
    selected: list[str]
    highlighted: list[str]

    def to_json(self) -> dict:
        return {
            "counts": self.counts,
            # Compact rows: thousands of places stay a small payload.
            "places": [[p.id, p.name, round(p.lat, 4), round(p.lon, 4), p.mentions] for p in self.places],
            "selected": self.selected,
            "highlighted": self.highlighted,
        }


def is_country(entity: Entity) -> bool:
    country = countries().get(entity.country or "")
    return country is not None and country.name == entity.name


def map_data(store: Store, flt: Filter, highlighted: list[str] | None = None) -> MapData:
    counts = {c.code: c.briefings for c in store.country_counts(flt)}
    places = [p for p in store.place_counts(flt) if not is_country(p)]
    return MapData(counts=counts, places=places, selected=list(flt.countries), highlighted=highlighted or [])


def describe_filter(flt: Filter, store: Store) -> str:
    """The filter in words, as the breadcrumb and the snapshot caption show it."""
    if flt.is_empty:
        return "All briefings"
    parts = []
    if flt.query:
        parts.append(f"Search: “{flt.query}”")
    parts += [f"Country: {country_name(code)}" for code in flt.countries]
    for entity_id in flt.entity_ids:
        entity = store.entity(entity_id)
        parts.append(f"{entity.kind.capitalize()}: {entity.name}" if entity else f"Entity #{entity_id}")
    return " · ".join(parts)


def describe_dates(store: Store, flt: Filter) -> str:
    first, last = store.date_range(flt)
    if not first:
        return "No dated briefings"
    return first if first == last else f"{first} – {last}"


def snapshot_caption(store: Store, flt: Filter, title: str) -> dict:
    """Title and context lines that make an exported map stand alone in a slide deck."""
    counts = store.country_counts(flt)
    briefings = len(store.list_briefings(flt))
    return {
        "title": title,
        "lines": [
            describe_filter(flt, store),
            f"{describe_dates(store, flt)} · {briefings} briefings · {len(counts)} countries",
            f"Exported {date.today().isoformat()}",
        ],
    }
