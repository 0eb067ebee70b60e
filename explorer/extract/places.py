"""Regions and cities (GeoNames, population ≥ 15,000) and the rules that pick one reading of a name.

data/gazetteer/places.tsv is built by scripts/build_places.py. Names are looked up as runs of capitalised
words, so the table's size does not slow the scan down. Which place a name means is decided per
document (see `PlaceResolver`): exact names before alternate names, a state gives way to a
same-country city of that name, "City, Country" restricts the candidates, population decides with
bonuses for capitals and for the document's other places, and a person reading ("Jordan said")
beats a place reading.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

from explorer.extract import dictionary_cache
from explorer.extract.identity_cache import ByIdentity
from explorer.resources import data_path

PlaceKind = Literal["country", "region", "city", "feature"]
# Canals, straits, basins and mines (data/gazetteer/features.tsv) have no population; this stands in for
# one, so a named feature needs no support from the rest of the document.
FEATURE_POPULATION = 1_000_000

# A city or region with no support in the document needs about 100,000 people (log10 = 5) to count;
# one whose country the document names is always in.
MIN_SCORE = 5.0
# A first-level region's population is summed from its towns of 15,000 or more, which undercounts rural
# ones (Apurímac: 90,000 of about 430,000): a region counts as at least this many, enough to stand alone.
# Short names ("Sal", "Mono", "Vas") are left as they are: they are other words more often.
REGION_MIN_POPULATION = 100_000
REGION_FLOOR_MIN_LETTERS = 6
# Context nudges, it does not overrule population: a town of 25,000 named like a capital needs a
# qualifier ("Paris, Texas"), not just other Texan places in the same briefing.
_COUNTRY_CONTEXT_BONUS = 1.0
_SUBNATIONAL_CONTEXT_BONUS = 0.75
_CAPITAL_BONUS = 1.0
_ALIAS_PENALTY = 0.5
_COUNTRY_BONUS = 2.0

# Place names that are also given names: next to a surname, an honorific or a speech verb they are people.
# Capitals and countries that news uses for their governments ("Paris said", "Israel said") are not here;
# Jordan, Georgia and Chad are, as person readings of them are common enough to win ("Jordan said").
GIVEN_NAMES = frozenset(
    {
        "Jordan", "Victoria", "Georgia", "Chad", "Florence", "Austin", "Charlotte", "Eugene", "Chester",
        "Lincoln", "Madison", "Sydney", "Dallas", "Denver", "Houston", "Tyler", "Kent", "Jackson", "Murray",
        "Orlando", "Phoenix", "Regina", "Adelaide", "Alexandria", "Elizabeth", "Florida", "Virginia",
        "Carolina", "Savannah", "Brooklyn", "Aurora", "Valencia", "Lorraine", "Salem", "Pearl", "Nancy",
        "Hamilton", "Kingston", "Darwin", "Montana", "Dakota", "Nevada", "Tennessee", "Indiana", "Wellington",
        "Columbia",
    }
)  # fmt: skip
_HONORIFICS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|President|Senator|Minister|Judge|Justice|Queen|King|Prince"
    r"|Princess|Lady|Lord|Sir|Dame|Saint|St|Lake|Mount|Port|Cape|Fort)\.?\s+)$"
)
_SPEECH = re.compile(r"\s+(?:said|says|told|added|argued|wrote|tweeted|posted|warned|noted|stated)\b")


@dataclass(frozen=True, slots=True)
class Place:
    kind: PlaceKind
    name: str  # unique among places: "Paris, Texas" beside "Paris"
    surface_name: str  # as GeoNames writes it
    country: str
    region: str
    lat: float
    lon: float
    population: int
    capital: bool

    def __reduce__(self) -> tuple[type[Place], tuple]:
        # Compiled (mypyc), the class unpickles only through its constructor.
        fields = (self.name, self.surface_name, self.country, self.region, self.lat, self.lon)
        return (Place, (self.kind, *fields, self.population, self.capital))


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    alias: bool  # matched through an alternate name

    def __reduce__(self) -> tuple[type[Candidate], tuple]:
        # Compiled (mypyc), the class unpickles only through its constructor.
        return (Candidate, (self.place, self.alias))


class PlaceSpan(NamedTuple):
    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]


@cache
def _load() -> list[tuple[Place, tuple[str, ...]]]:
    from explorer.extract.gazetteer import country_name, country_surfaces

    with data_path("gazetteer/places.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    by_name: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_name[row["name"]].append(row)
    result = []
    for name, group in by_name.items():
        group.sort(key=lambda r: -_population(r))
        for rank, row in enumerate(group):
            population = _population(row)
            dominant = rank == 0 and (
                len(group) == 1 or row["capital"] == "1" or population >= 10 * _population(group[1])
            )
            label = name
            if not dominant or (row["kind"] == "region" and name in country_surfaces()):
                in_region = row["kind"] == "city" and row["region"] and row["region"] != name
                label = f"{name}, {row['region'] if in_region else country_name(row['country'])}"
            place = Place(
                row["kind"],  # type: ignore[arg-type]
                label,
                name,
                row["country"],
                row["region"],
                float(row["lat"]),
                float(row["lon"]),
                population,
                row["capital"] == "1",
            )
            result.append((place, tuple(a for a in row["aliases"].split("|") if a)))
    # Named features in one country, then continents, regions, seas and rivers across countries (no country:
    # the map shows them as a marker, never as a country).
    for table in ("gazetteer/features.tsv", "gazetteer/regions.tsv"):
        with data_path(table).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                lat, lon = float(row["lat"]), float(row["lon"])
                name, country = row["name"], row["country"]
                place = Place("feature", name, name, country, "", lat, lon, FEATURE_POPULATION, False)
                result.append((place, tuple(a for a in row["aliases"].split("|") if a)))
    return result


def _population(row: dict[str, str]) -> int:
    population = int(row["population"])
    if row["kind"] == "region" and len(row["name"]) >= REGION_FLOOR_MIN_LETTERS:
        return max(population, REGION_MIN_POPULATION)
    return population


# A name whose words are joined by small lower-case ones, which the news often hyphenates.
_JOINED_BY_SMALL_WORDS = re.compile(r"^\w[\w']* (?:in|on|upon|under|le|la|les|de|du|des|sur|am|an|en)\b")


@cache
def place_index() -> dict[str, tuple[Candidate, ...]]:
    """Every surface form of every region and city → its readings."""
    stored = dictionary_cache.part("places", _built_index)
    return stored if isinstance(stored, dict) else _built_index()


def _built_index() -> dict[str, tuple[Candidate, ...]]:
    index: dict[str, list[Candidate]] = defaultdict(list)
    for place, aliases in _load():
        index[place.surface_name].append(Candidate(place, alias=False))
        if _JOINED_BY_SMALL_WORDS.search(place.surface_name):  # "Barrow in Furness": "Barrow-in-Furness"
            index[place.surface_name.replace(" ", "-")].append(Candidate(place, alias=False))
        for alias in aliases:
            index[alias].append(Candidate(place, alias=True))
    return {name: tuple(cands) for name, cands in index.items()}


def place_names() -> Iterator[tuple[str, Candidate]]:
    """Every (surface form, reading) of every region and city."""
    for name, candidates in place_index().items():
        for candidate in candidates:
            yield name, candidate


def index_lookup(name: str) -> tuple[Candidate, ...]:
    return place_index().get(name, ())


@dataclass
class DocumentContext:
    """What the rest of the document says about where it is."""

    countries: Counter
    subnational: Counter  # countries of unambiguous regions and cities
    regions: Counter

    @classmethod
    def empty(cls) -> DocumentContext:
        return cls(Counter(), Counter(), Counter())

    def add(self, place: Place) -> None:
        self.subnational[place.country] += 1
        self.regions[_region_of(place)] += 1


def _region_of(place: Place) -> str:
    return place.surface_name if place.kind == "region" else place.region


def person_context(text: str, start: int, end: int) -> bool:
    """ "Jordan said", "Mr. Austin", "Victoria Nuland": a given name used for a person, not a place."""
    if text[start:end] not in GIVEN_NAMES:
        return False
    if _HONORIFICS.search(text[max(0, start - 12) : start]):
        return True
    if _SPEECH.match(text, end):
        return True
    following = re.match(r" ([A-Z][a-z]+)\b", text[end : end + 30])
    return bool(
        following and following.group(1) not in place_index() and following.group(1) not in _COMMON_NEXT
    )


# Capitalised words next to a place name that do not make it part of a longer name.
_COMMON_NEXT = frozenset(
    {"The", "In", "On", "And", "But", "Or", "As", "At", "For", "With", "Province", "State", "City", "Region",
     "From", "To", "Of", "By", "Near", "Outside", "Inside", "Across", "Around", "Both", "While", "When",
     "Officials", "Police", "Authorities", "Residents"}
)  # fmt: skip
BIG_CITY = 1_000_000
_PREVIOUS_WORD = re.compile(r"([A-Z][\w'’-]*) $")
_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """ "Liang Wenfeng", "David Sacks", "Duncan Wanblad": a one-word small place next to another name."""
    if " " in text[start:end]:
        return False
    before = (
        _PREVIOUS_WORD.search(text, max(0, start - 30), start) if text[start - 1 : start] == " " else None
    )
    after = _NEXT_WORD.match(text, end)
    return bool(
        (before and before.group(1) not in _COMMON_NEXT and not _sentence_start(text, before.start()))
        or (after and after.group(1) not in _COMMON_NEXT)
    )


def _sentence_start(text: str, offset: int) -> bool:
    head = text[max(0, offset - 8) : offset].rstrip()
    return not head or head[-1] in '.!?:;"“(—–-\n'


def qualifier_of(text: str, end: int) -> str | None:
    """The text after "City, " when it might be the city's country or region ("Hanover, Germany")."""
    if text[end : end + 2] != ", ":
        return None
    match = re.match(r", ((?:[A-Z][\w.'’-]*)(?: (?:[A-Z][\w.'’-]*|of|and))*)", text[end : end + 60])
    return match.group(1) if match else None


def score(candidate: Candidate, context: DocumentContext, itself: Place | None = None) -> float:
    """Higher is likelier. `itself` is the place this very mention added to the context: nobody supports
    themselves."""
    place = candidate.place
    value = math.log10(max(place.population, 1))
    if candidate.alias:
        value -= _ALIAS_PENALTY
    if place.capital:
        value += _CAPITAL_BONUS
    if place.kind == "country":
        value += _COUNTRY_BONUS
    if context.countries[place.country]:
        value += _COUNTRY_CONTEXT_BONUS
    region = _region_of(place)
    own_country = int(itself is not None and itself.country == place.country)
    own_region = int(itself is not None and _region_of(itself) == region)
    if place.kind != "country" and context.subnational[place.country] > own_country:
        value += _SUBNATIONAL_CONTEXT_BONUS
    if region and context.regions[region] > own_region:
        value += _SUBNATIONAL_CONTEXT_BONUS
    return value


def prune(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The readings worth scoring: a state yields to its own city of that name. (Alternate names stay,
    with a score penalty, so "Hanover" can still be Hannover.)"""
    return _PRUNED(candidates)[0]


def prune_by_population(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """prune(), most populous first."""
    return _PRUNED(candidates)[1]


def _pruned_and_sorted(
    candidates: tuple[Candidate, ...],
) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...], tuple[Candidate, ...]]:
    result = _prune(candidates)
    # Where the name is a country's, readings inside that country go ("Mexico" is the country, not its
    # state of México); readings in other countries stay ("Georgia": the country or the US state).
    countries = {c.place.country for c in result if c.place.kind == "country"}
    contested = tuple(c for c in result if c.place.kind == "country" or c.place.country not in countries)
    return result, tuple(sorted(result, key=lambda c: -c.place.population)), contested


_PRUNED = ByIdentity(_pruned_and_sorted)


def _prune(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    # A city named like the region, or lying in a region of that name ("New York"), is what news means.
    cities = {(c.place.country, c.place.surface_name) for c in candidates if c.place.kind == "city"}
    cities |= {(c.place.country, c.place.region) for c in candidates if c.place.kind == "city"}
    return tuple(
        c
        for c in candidates
        if not (c.place.kind == "region" and (c.place.country, c.place.surface_name) in cities)
    )


def choose(
    candidates: tuple[Candidate, ...],
    context: DocumentContext,
    restrict: set[str] | None = None,
    itself: Place | None = None,
) -> Candidate | None:
    """The best reading, or None when no reading is convincing enough to put on the map."""
    pool = _PRUNED(candidates)[2]  # pruned, without places inside a country of the same name
    if restrict:
        pool = tuple(c for c in pool if c.place.country in restrict or c.place.region in restrict) or pool
    best, best_score = None, -math.inf
    for candidate in pool:  # not max() over a dict of scores: hashing a Candidate hashes its whole Place
        value = score(candidate, context, itself)
        if value > best_score:
            best, best_score = candidate, value
    if best is not None and best.place.kind != "country" and best_score < MIN_SCORE and not restrict:
        return None
    return best
