"""What the map shows for a filter, as plain JSON-ready data. Shared by the map panel and the exports."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    country_counts, place_counts = store.located_counts(flt)
    counts = {c.code: c.briefings for c in country_counts}
    places = [p for p in place_counts if not is_country(p)]
    return MapData(counts=counts, places=places, selected=list(flt.countries), highlighted=highlighted or [])


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
