"""Likely variants of one entity, offered to the analyst as merges to accept or dismiss.

Within one kind: names equal once corporate suffixes are dropped ("Acme Robotics Inc" / "Acme Robotics"),
a person written with an initial ("J. Doe" / "Jane Doe") or by surname alone ("Doe"), and spellings a
fuzzy matcher (rapidfuzz) scores at least SIMILAR out of 100 ("Zelensky" / "Zelenskyy"). The suggested
target is the variant named in more briefings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.model import Entity

SIMILAR = 90
MAX_FUZZY = 3000  # the most-named entities of a kind compared pairwise by spelling
_SUFFIXES = re.compile(
    r"(?:,?\s+(?:inc|corp|corporation|co|company|ltd|limited|plc|group|holdings|sa|ag|nv|se|llc|gmbh)\.?)+$",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"^[A-Z]\.?$")


@dataclass(frozen=True)
class Suggestion:
    source: Entity  # merged away
    target: Entity  # kept
    reason: str
    score: int


def suggest_merges(
    entities: Sequence[Entity], dismissed: set[tuple[int, int]] = frozenset()
) -> list[Suggestion]:
    """Suggested merges, strongest first; `dismissed` holds (source id, target id) pairs to leave out."""
    found: dict[tuple[int, int], Suggestion] = {}

    def offer(a: Entity, b: Entity, reason: str, score: int) -> None:
        source, target = (a, b) if (a.mentions, -a.id) < (b.mentions, -b.id) else (b, a)
        key = (source.id, target.id)
        if a.id == b.id or (target.id, source.id) in found:
            return
        if ((source.name, source.kind), (target.name, target.kind)) in dismissed:
            return
        if key not in found or found[key].score < score:
            found[key] = Suggestion(source, target, reason, score)

    by_kind: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_kind[entity.kind].append(entity)
    for kind, group in by_kind.items():
        stems: dict[str, list[Entity]] = defaultdict(list)
        for entity in group:
            stems[_SUFFIXES.sub("", entity.name).casefold()].append(entity)
        for variants in stems.values():
            for other in variants[1:]:
                offer(variants[0], other, "company suffix", 100)
        if kind == "person":
            _people(group, offer)
        _spellings(group, offer)
    return sorted(found.values(), key=lambda s: (-s.score, -s.target.mentions, s.source.name))


def _people(group: Sequence[Entity], offer) -> None:
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for person in group:
        by_surname[person.name.split()[-1].casefold()].append(person)
    for namesakes in by_surname.values():
        full = [p for p in namesakes if len(p.name.split()) >= 2 and not _INITIAL.match(p.name.split()[0])]
        if len(full) != 1:
            continue  # two people share the surname: an initial or a bare surname could be either
        whole = full[0]
        for other in namesakes:
            words = other.name.split()
            if other is whole:
                continue
            if len(words) == 1:
                offer(other, whole, "surname alone", 85)
            elif _INITIAL.match(words[0]) and whole.name[0].upper() == words[0][0]:
                offer(other, whole, "initial", 95)


def _spellings(group: Sequence[Entity], offer) -> None:
    from rapidfuzz import fuzz, process

    ranked = sorted(group, key=lambda e: -e.mentions)[:MAX_FUZZY]
    names = [e.name.casefold() for e in ranked]
    if len(names) < 2:
        return
    scores = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=SIMILAR, dtype="uint8")
    for i, j in zip(*scores.nonzero(), strict=True):
        if i < j and min(len(names[i]), len(names[j])) >= 5:  # short names differ by a letter: Iran, Iraq
            offer(ranked[i], ranked[j], "similar spelling", int(scores[i, j]))
