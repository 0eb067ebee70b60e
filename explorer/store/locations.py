"""Briefings per country and per located place for any filter, counted in memory.

The map asks this on every filter change. Two SQL aggregations over the mentions of the matching
briefings cost 20-40 ms on 10,000 briefings and grow with the workspace; here the briefing → place and
briefing → country pairs are held as arrays, built once per version of the data, and a filter costs one
query for the matching briefing ids plus a few array operations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from explorer.model import CountryCount, Entity, Filter
from explorer.query.sql import ids_sql


@dataclass(frozen=True)
class _Pairs:
    briefing: np.ndarray  # briefing id of each pair
    target: np.ndarray  # dense index of the place or country
    weight: np.ndarray | None = None


PlaceRow = tuple[int, str, str, str | None, float, float]  # id, name, kind, country, lat, lon


@dataclass(frozen=True)
class PlaceRows:
    """Located places of a filter, most briefings first, as row numbers of the index.

    The map needs only each place's row (explorer.map.payload encodes it once per index); building
    thousands of Entity objects on every filter change cost more than counting. Entities are built on
    request.
    """

    index: LocationIndex
    order: list[int]
    briefings: list[int]  # briefings per place, in the same order

    def __len__(self) -> int:
        return len(self.order)

    def ids(self) -> list[int]:
        rows = self.index.rows
        return [rows[i][0] for i in self.order]

    def entities(self) -> list[Entity]:
        rows = self.index.rows
        return [Entity(*rows[i], mentions=n) for i, n in zip(self.order, self.briefings, strict=True)]


_PLACE_PAIRS = """select distinct m.briefing_id, m.entity_id from mentions m
                  join entities e on e.id = m.entity_id
                  where e.kind = 'place' and e.lat is not null and e.lon is not null"""


class LocationIndex:
    def __init__(self, db, sqlite: bool = True) -> None:
        """`sqlite`: the pairs come as one string SQLite joins, parsed by numpy; otherwise row by row.
        At 100,000 briefings this is the first paint's wait (0.35-0.4 s), and joined strings spend it
        in SQLite, without Python's lock: the window's thread runs meanwhile."""
        places = db.execute(
            """select id, name, kind, country, lat, lon from entities
               where kind = 'place' and lat is not null and lon is not null order by name"""
        ).fetchall()
        self.rows: list[PlaceRow] = [tuple(row) for row in places]  # by name: ties in count stay so
        self._skipped: dict[Callable[[PlaceRow], bool], np.ndarray] = {}
        self._codes = [row[0] for row in db.execute(_COUNTRY_CODES).fetchall()]
        place_pairs, country_rows = (_joined if sqlite else _row_by_row)(db, self._codes)
        self._place_pairs = self._dense(place_pairs)
        self._country_pairs = _Pairs(
            country_rows[:, 0].astype(np.int64), country_rows[:, 1].astype(np.int64), country_rows[:, 2]
        )
        top = max(
            int(self._place_pairs.briefing.max(initial=0)), int(self._country_pairs.briefing.max(initial=0))
        )
        self._size = top + 1

    def _dense(self, pairs: np.ndarray) -> _Pairs:
        """(briefing, entity id) pairs as (briefing, row of the place); a pair whose place is not among
        the rows (written between the two reads) is left out."""
        ids = np.array([row[0] for row in self.rows], dtype=np.int64)
        by_id = np.argsort(ids)
        found = np.minimum(np.searchsorted(ids[by_id], pairs[:, 1]), max(len(ids) - 1, 0))
        rows = by_id[found] if len(ids) else found
        known = ids[rows] == pairs[:, 1] if len(ids) else np.zeros(len(pairs), dtype=bool)
        return _Pairs(pairs[known, 0], rows[known])

    def chosen(self, briefing_ids: np.ndarray | None) -> np.ndarray | None:
        """A mask over briefing ids for the counting methods (None: every briefing)."""
        if briefing_ids is None:
            return None
        chosen = np.zeros(self._size, dtype=bool)
        chosen[briefing_ids[briefing_ids < self._size]] = True
        return chosen

    def place_rows(
        self,
        chosen: np.ndarray | None,
        skip: Callable[[PlaceRow], bool] | None = None,
        limit: int = 5000,
    ) -> PlaceRows:
        """Places of the chosen briefings, most briefings first, leaving out rows `skip` is true for."""
        pairs = self._place_pairs
        counts = np.bincount(pairs.target[self._selected(pairs, chosen)], minlength=len(self.rows))
        if skip is not None:
            mask = self._skipped.get(skip)
            if mask is None:
                mask = self._skipped[skip] = np.array([skip(row) for row in self.rows], dtype=bool)
            counts[mask] = 0
        shown = np.flatnonzero(counts)
        order = shown[np.argsort(-counts[shown], kind="stable")][:limit]  # ties stay in name order
        return PlaceRows(self, order.tolist(), counts[order].tolist())

    def counts(
        self, briefing_ids: np.ndarray | None, limit: int = 5000
    ) -> tuple[list[CountryCount], list[Entity]]:
        """Countries and located places of the given briefings (None: all), most briefings first."""
        chosen = self.chosen(briefing_ids)
        return self.country_counts(chosen), self.place_rows(chosen, limit=limit).entities()

    def _selected(self, pairs: _Pairs, chosen: np.ndarray | None) -> np.ndarray:
        return np.ones(len(pairs.briefing), dtype=bool) if chosen is None else chosen[pairs.briefing]

    def country_counts(self, chosen: np.ndarray | None) -> list[CountryCount]:
        pairs = self._country_pairs
        keep = self._selected(pairs, chosen)
        counts = np.bincount(pairs.target[keep], minlength=len(self._codes))
        weights = np.bincount(pairs.target[keep], weights=pairs.weight[keep], minlength=len(self._codes))
        shown = np.flatnonzero(counts)
        order = shown[np.argsort(-counts[shown], kind="stable")]  # codes are sorted: ties stay by code
        return [CountryCount(self._codes[i], int(counts[i]), float(weights[i])) for i in order.tolist()]


_COUNTRY_CODES = "select distinct country from briefing_countries where country is not null order by country"


def _joined(db, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(briefing, place entity) pairs and (briefing, country's index, weight) rows, each as one string."""
    pairs = db.execute(f"select group_concat(briefing_id || ',' || entity_id, ',') from ({_PLACE_PAIRS})")
    place_pairs = _parsed(pairs.fetchone()[0], np.int64, 2)
    if not codes:
        return place_pairs, np.zeros((0, 3))
    numbered = ", ".join(f"(?, {i})" for i in range(len(codes)))
    rows = db.execute(
        f"""with code (country, i) as (values {numbered})
            select group_concat(b.briefing_id || ',' || code.i || ',' || coalesce(b.weight, 0.0), ',')
            from briefing_countries b join code using (country)""",
        codes,
    )
    return place_pairs, _parsed(rows.fetchone()[0], np.float64, 3)


def _parsed(text: str | None, dtype: type, width: int) -> np.ndarray:
    if not text:
        return np.zeros((0, width), dtype=dtype)
    return np.fromstring(text, dtype=dtype, sep=",").reshape(-1, width)


def _row_by_row(db, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    place_pairs = np.array(db.execute(_PLACE_PAIRS).fetchall(), dtype=np.int64).reshape(-1, 2)
    index = {code: i for i, code in enumerate(codes)}
    rows = db.execute("select briefing_id, country, weight from briefing_countries").fetchall()
    country_rows = [(b, index[c], w or 0.0) for b, c, w in rows if c in index]
    return place_pairs, np.array(country_rows, dtype=np.float64).reshape(-1, 3)


class LocationsMixin:
    """Store methods for the map's counts; the index is rebuilt when the data changed."""

    _location_index: tuple[tuple[int, int], LocationIndex] | None = None

    def located_counts(self, flt: Filter = Filter()) -> tuple[list[CountryCount], list[Entity]]:
        index, ids = self._location_query(flt)
        return index.counts(ids)

    def located_places(
        self, flt: Filter = Filter(), skip: Callable[[PlaceRow], bool] | None = None
    ) -> tuple[list[CountryCount], PlaceRows]:
        """As located_counts, with the places as index rows (see PlaceRows) and without those `skip` names."""
        index, ids = self._location_query(flt)
        chosen = index.chosen(ids)
        return index.country_counts(chosen), index.place_rows(chosen, skip)

    def _location_query(self, flt: Filter) -> tuple[LocationIndex, np.ndarray | None]:
        version = self.change_marker()
        cached = self._location_index
        if cached is None or cached[0] != version:
            cached = self._location_index = (version, LocationIndex(self.db, sqlite=not self.url))
        query = ids_sql(flt, self.entity_ids_named, text=self.text_match)
        if query is None:
            return cached[1], None
        rows = self.db.execute(*query).fetchall()
        return cached[1], np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
