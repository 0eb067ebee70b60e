"""Names known by their shape alone, looked for once every other rule has chosen: each rule only where
the ones before it found nothing, in this order: places no gazetteer lists ("the Barossa Valley",
"Coclé province", "a plant in Kikuyo, in Kumamoto prefecture"), a party's leader ("Netanyahu's Likud
party"), a province by its compass word ("North Maluku"), an organisation's short form ("Rio" after "Rio
Tinto"), and people named with no cue at all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, Protocol

from explorer.extract.bare_names import find_bare_names
from explorer.extract.dictionary import dictionary
from explorer.extract.nlp import RULE_PREFIX
from explorer.extract.party_leaders import Follower, find_party_leaders
from explorer.extract.places import index_lookup
from explorer.extract.runs import Run
from explorer.extract.short_forms import FullName, find_short_forms
from explorer.extract.unlisted_places import Located, find_compass_regions, find_unlisted_places
from explorer.model import EntityKind

PARTY_LEADER = "person-shape:party-leader"
BARE_NAME = "person-shape:bare-name"
SHORT_FORM = "org-shape:short-form"


class Chosen(Protocol):
    """A mention chosen by the other rules."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def rule(self) -> str: ...


class Shaped(NamedTuple):
    start: int
    end: int
    kind: EntityKind
    country: str | None
    rule: str
    confidence: float
    same_as: int | None = None  # for a short form: the index of the chosen mention it names again
    replaces: tuple[int, ...] = ()  # the indices of chosen mentions inside it that it takes the place of


def shaped_names(text: str, runs: Sequence[Run], chosen: Sequence[Chosen]) -> Iterator[Shaped]:
    located = [Located(c.start, c.end, c.country) for c in chosen if c.kind == "place"]
    parties = [Follower(c.start, c.rule.endswith(":party")) for c in chosen if c.kind == "org"]
    taken = [(c.start, c.end) for c in chosen]  # grows with what each rule finds

    def found(shaped: Shaped) -> Shaped:
        taken.append((shaped.start, shaped.end))
        return shaped

    inside = {(c.start, c.end): i for i, c in enumerate(chosen) if c.kind == "place"}
    # A place's shape ("the Drina river", "near Nabatieh") outweighs the statistical model's guess there.
    guessed = [i for i, c in enumerate(chosen) if c.rule.startswith(RULE_PREFIX)]
    ruled = [(c.start, c.end) for c in chosen if not c.rule.startswith(RULE_PREFIX)]
    for s, e, country, rule, within in find_unlisted_places(text, located, ruled):
        replaced = [inside[w] for w in within] + [
            i for i in guessed if chosen[i].start < e and s < chosen[i].end
        ]
        yield found(Shaped(s, e, "place", country, rule, 0.6, replaces=tuple(replaced)))
    for s, e in find_party_leaders(text, parties, list(taken)):
        yield found(Shaped(s, e, "person", None, PARTY_LEADER, 0.6))
    for s, e, country, rule, _ in find_compass_regions(runs, _area_country, list(taken)):
        listed_start = text.index(" ", s) + 1  # the listed name after the compass word
        listed = inside.get((listed_start, e))
        yield found(Shaped(s, e, "place", country, rule, 0.6, replaces=() if listed is None else (listed,)))
    fulls = [i for i, c in enumerate(chosen) if c.kind == "org" and " " in text[c.start : c.end]]
    full_names = [
        FullName(chosen[i].start, chosen[i].end, text[chosen[i].start : chosen[i].end]) for i in fulls
    ]
    for s, e, i in find_short_forms(text, full_names, _names_something, list(taken)):
        yield found(Shaped(s, e, "org", chosen[fulls[i]].country, SHORT_FORM, 0.6, fulls[i]))
    for s, e in find_bare_names(text, runs, taken):
        yield found(Shaped(s, e, "person", None, BARE_NAME, 0.4))


def _names_something(word: str) -> bool:
    return bool(index_lookup(word)) or dictionary().get(word) is not None


def _area_country(name: str) -> str | None:
    regions = [
        c.place for c in index_lookup(name) if c.place.kind in ("region", "feature") and c.place.country
    ]
    return max(regions, key=lambda p: p.population).country if regions else None
