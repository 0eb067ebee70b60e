"""Places no gazetteer lists, known by their shape: a valley, river or province named as such ("the
Barossa Valley", "Coclé province") and a town placed inside a known place ("a plant in Kikuyo, in
Kumamoto prefecture"). Such a place has no coordinates; its country (from the place it sits in, else
the nearest located place of its sentence) still puts the story on the map.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import NamedTuple

from explorer.extract.org_cues import OPENERS
from explorer.extract.people import TITLE_WORDS
from explorer.extract.runs import Run
from explorer.extract.sentences import sentence_starts
from explorer.extract.spans import SpanIndex

# A feature whose kind word is part of its name ("Margaret River", "Pearl River Delta").
_FEATURES = (
    "Valley|River|Delta|Basin|Plateau|Peninsula|Mountains|Highlands|Hills|Desert|Lake|Island|Islands|"
    "Sea|Gulf|Bay|Strait|Shoal|Reef|Atoll|Dam|Reservoir|Canal|Bridge|Avenue|Square|"
    "Province|Prefecture|Governorate|Oblast"
)
# An area or feature whose kind word follows its name in lower case and is not part of it ("Coclé
# province", "the Drina river"); in the plural, after a list ("the Sutlej, Ravi and Chenab rivers").
_AREAS = (
    "province|prefecture|region|district|county|governorate|oblast|municipality|state|territory|river|"
    "provinces|regions|districts|states|rivers"
)
_PLURAL_AREAS = frozenset(("provinces", "regions", "districts", "states", "rivers"))
# A feature whose kind word comes first ("Lake Kivu", "the Gulf of Finland") and an area named after its
# kind word ("the province of Coclé", "the provinces of Coclé and Colón"). Each scan starts with a literal,
# so the regex engine jumps between candidates; the kind word before " of " is checked after.
_NAMED_WORD = r"[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)*"  # "O'Higgins", but not the owner's mark of "Agarak's"
_NAMED = rf"({_NAMED_WORD}(?: {_NAMED_WORD})?)"
_FEATURE_FIRST = tuple(re.compile(rf"{kind} {_NAMED}") for kind in ("Lake", "Mount"))
_OF_NAME = re.compile(rf" of {_NAMED}(?: and {_NAMED})?")
# "near Agarak", "near Sefwi Wiawso": what is near is a place.
_NEAR = re.compile(rf" near {_NAMED}")
BUILDING_WORDS = frozenset(
    {"Hospital", "University", "College", "School", "Hotel", "Airport", "Stadium", "Centre", "Center",
     "Institute", "Church", "Mosque", "Temple", "Park", "Station", "Club"}
)  # fmt: skip
_FEATURES_BEFORE_OF = frozenset(("Gulf", "Bay", "Sea", "Strait", "Straits", "Isle"))
_AREAS_BEFORE_OF = frozenset(
    f"{kind}{plural}"
    for kind in (
        "province",
        "state",
        "region",
        "district",
        "governorate",
        "prefecture",
        "town",
        "city",
        "village",
        "port",
        "island",
        "municipality",
    )
    for plural in ("", "s")
)
# Names that are adjectives ("the Jewish state", "the Nordic states") or say who holds a place
# ("Kurdish-held territory") name no area.
_NOT_AN_AREA = re.compile(r"(?:ish|ic|ian|ese|-[a-z]+)\Z|\A(?:Soviet|Arab|Gulf)\Z")
_WORD = r"[^\W\d_][\w'’-]*"
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"
FEATURE_WORDS = frozenset(_FEATURES.split("|"))


def _by_first_letter(words: list[str]) -> str:
    """An alternation of words grouped by their first letter ("V(?:alley)|R(?:iver|eef)|…"): tried at
    every space of a text, the regex engine then tests each first letter once, not each word (half the
    time with these forty words)."""
    rests: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in rests.items())


_KIND_WORD = re.compile(rf" ({_by_first_letter([*_FEATURES.split('|'), *_AREAS.split('|')])})\b")
_WORD_ONLY = re.compile(_WORD)
_WITHIN_MARKS = (", in ", ", near ")
_PLACED_BEFORE = re.compile(rf"\b(?:in|at|near|outside) ({_NAME})\Z")
# Capitalised words that begin a sentence or qualify a kind word without naming anything.
_NOT_NAMES = OPENERS | frozenset(
    {"This", "That", "These", "Those", "Each", "Every", "Another", "Which", "No", "Any", "Other", "One",
     "Its", "New", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower"}
)  # fmt: skip
COMPASS_WORDS = frozenset(
    {"North", "South", "East", "West", "Central", "Upper", "Lower", "Northern", "Southern", "Eastern",
     "Western"}
)  # fmt: skip


class Located(NamedTuple):
    """A place found before: its span and country."""

    start: int
    end: int
    country: str | None


class UnlistedPlace(NamedTuple):
    start: int
    end: int
    country: str | None
    rule: str
    within: tuple[tuple[int, int], ...] = ()  # places found inside it that it takes the place of


def find_unlisted_places(
    text: str, located: Sequence[Located], taken: Sequence[tuple[int, int]]
) -> Iterator[UnlistedPlace]:
    """Places by their shape where no other name was found (`taken`: spans of every mention so far)."""
    before = SpanIndex(taken)
    found: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not before.overlaps(start, end) and not any(s < end and start < e for s, e in found)

    def found_at(start: int, end: int, within: tuple[tuple[int, int], ...]) -> Iterator[tuple[int, int]]:
        """What overlaps [start, end), but the spans `within`."""
        for s, e in chain(taken, found):
            if s < end and start < e and (s, e) not in within:
                yield s, e

    places_at = {p.start: p for p in located}
    for mark in _WITHIN_MARKS:  # "in Kikuyo, in Kumamoto prefecture"
        at = text.find(mark)
        while at >= 0:
            inside = places_at.get(at + len(mark))
            placed = _PLACED_BEFORE.search(text, max(0, at - 60), at) if inside is not None else None
            if inside is not None and placed is not None:
                start, end = _trimmed(text, *placed.span(1))
                if start < end and free(start, end):
                    found.append((start, end))
                    yield UnlistedPlace(start, end, inside.country, "place-shape:within")
            at = text.find(mark, at + 1)
    starts: list[int] = []  # the text's sentence starts, found when a place first needs its sentence
    for match in _KIND_WORD.finditer(text):
        name_end = match.start()
        untrimmed = _name_start(text, name_end)
        start, name_end = _trimmed(text, untrimmed, name_end)
        whole = match.group(1) in FEATURE_WORDS  # "Barossa Valley", but "Coclé" (province)
        if whole and start == name_end:  # "the Central Highlands", "The Western Desert …"
            words = text[untrimmed:name_end].split()
            opening = len(words[0]) + 1 if words and words[0] in OPENERS else 0
            if words[bool(opening) :] and COMPASS_WORDS.issuperset(words[bool(opening) :]):
                start, name_end = untrimmed + opening, match.start()
        elif not whole and _NOT_AN_AREA.search(text, start, name_end):
            continue
        end = match.end() if whole else name_end
        if start < name_end and free(start, end):
            found.append((start, end))
            rule = "place-shape:feature" if whole else "place-shape:area"
            starts = starts or sentence_starts(text)
            yield UnlistedPlace(start, end, _nearest_country(starts, len(text), start, located), rule)
            if match.group(1) in _PLURAL_AREAS:
                yield from _listed_before(text, start, free, found, located, rule, starts)
    named_after_of = list(_OF_NAME.finditer(text))  # "the Gulf of Finland", "the province of Coclé"
    for start, end in _features_first(text, named_after_of):  # "Lake Kivu": the whole name
        # It takes the place of places found inside it ("Kivu"; "Gulf" and "Finland"), not of others.
        within = tuple((p.start, p.end) for p in located if start <= p.start and p.end <= end)
        if (start, end) in within:
            continue  # listed under its whole name ("the Gulf of Aden")
        if text[end : end + 1] == "-" or any(found_at(start, end, within)):
            continue
        found.append((start, end))
        starts = starts or sentence_starts(text)
        country = _nearest_country(starts, len(text), start, located)
        yield UnlistedPlace(start, end, country, "place-shape:feature", within)
    for start, end in _near(text):
        if free(start, end) and not _titled(text, start, end):  # "near Pope Leo"
            found.append((start, end))
            starts = starts or sentence_starts(text)
            country = _nearest_country(starts, len(text), start, located)
            yield UnlistedPlace(start, end, country, "place-shape:near")
    for match in named_after_of:  # "the province of Coclé": the name after the kind word
        kind = text[text.rfind(" ", max(0, match.start() - 16), match.start()) + 1 : match.start()]
        if kind not in _AREAS_BEFORE_OF:
            continue
        for group in (1, 2) if kind.endswith("s") else (1,):  # "the provinces of Coclé and Colón"
            start, end = _trimmed(text, *match.span(group))
            if start >= end or not free(start, end) or text[end : end + 1] == "-":
                continue
            if _titled(text, start, end):
                continue  # "the city of President …"
            found.append((start, end))
            starts = starts or sentence_starts(text)
            country = _nearest_country(starts, len(text), start, located)
            yield UnlistedPlace(start, end, country, "place-shape:area")


def _near(text: str) -> Iterator[tuple[int, int]]:
    for match in _NEAR.finditer(text):
        start, end = _trimmed(text, *match.span(1))
        if start < end and text[end : end + 2] not in ("'s", "’s"):  # "near Jane Doe's farm"
            yield start, end


def _features_first(text: str, named_after_of: Sequence[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each feature named kind word first."""
    for pattern in _FEATURE_FIRST:
        for match in pattern.finditer(text):
            end = _trimmed(text, *match.span(1))[1]
            if (not match.start() or not text[match.start() - 1].isalnum()) and not _goes_on(text, end):
                yield match.start(), end
    for match in named_after_of:
        kind_start = text.rfind(" ", max(0, match.start() - 10), match.start()) + 1
        end = _trimmed(text, *match.span(1))[1]
        if text[kind_start : match.start()] in _FEATURES_BEFORE_OF and not _goes_on(text, end):
            yield kind_start, end


def _titled(text: str, start: int, end: int) -> bool:
    """Whether the name's first word is a title's ("Pope Leo"): a person's."""
    space = text.find(" ", start, end)
    return text[start : space if space >= 0 else end] in TITLE_WORDS


def _goes_on(text: str, end: int) -> bool:
    """Whether the name is a building's or goes on ("Mount Sinai Hospital", "Lake Tana Basin Authority")."""
    if text[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
        return True
    return text[text.rfind(" ", 0, end) + 1 : end] in BUILDING_WORDS


def _listed_before(
    text: str,
    start: int,
    free: Callable[[int, int], bool],
    found: list[tuple[int, int]],
    located: Sequence[Located],
    rule: str,
    starts: list[int],
) -> Iterator[UnlistedPlace]:
    """The other names of a list before a plural kind word: "the Pra and Ankobra rivers"."""
    for _ in range(4):
        joiner = next((j for j in (", and ", " and ", ", ") if text.endswith(j, 0, start)), None)
        if joiner is None:
            return
        end = start - len(joiner)
        start, end = _trimmed(text, _name_start(text, end), end)
        if start >= end:
            return
        if free(start, end):
            found.append((start, end))
            yield UnlistedPlace(start, end, _nearest_country(starts, len(text), start, located), rule)


def find_compass_regions(
    runs: Sequence[Run], region_country: Callable[[str], str | None], taken: Sequence[tuple[int, int]]
) -> Iterator[UnlistedPlace]:
    """A province named by a compass word before a listed one ("North Maluku" beside "Maluku", "North
    Kivu" beside "Kivu"): a place of the listed one's country, without coordinates (it is not where the
    other is); it takes the place of the listed one's mention where that was found inside it.
    `region_country(name)`: the country of the region or area so named, or None."""
    for run in runs:
        words, tokens = run.words, run.tokens
        if len(words) >= 3 and words[0].endswith(("'s", "’s")):  # "Egypt's North Sinai"
            words, tokens = words[1:], tokens[1:]
        if len(words) < 2 or words[0] not in COMPASS_WORDS:
            continue
        start = tokens[0][0]
        for count in range(min(3, len(words)), 1, -1):  # "North Rhine Province" before "North Rhine"
            end = tokens[count - 1][1]
            if any(not w[:1].isupper() for w in words[1:count]):
                continue
            inner = (tokens[1][0], end)  # "Kivu" in "North Kivu", taken itself: named in full here
            if any(s < end and start < e and (s, e) != inner for s, e in taken):
                break
            country = region_country(" ".join(words[1:count]))
            if country is not None:
                yield UnlistedPlace(start, end, country, "place-shape:compass")
                break


def _name_start(text: str, end: int) -> int:
    """Where the capitalised words (at most three) that end at `end` (a space) begin; `end` when there
    are none."""
    start = end
    for _ in range(3):
        word_start = text.rfind(" ", max(0, start - 40), start) + 1
        if not text[word_start : word_start + 1].isupper() or not _WORD_ONLY.fullmatch(
            text, word_start, start
        ):
            break
        if text.endswith(("'s", "’s"), word_start, start):
            break  # an owner, not part of the name: "Armenia's Syunik province"
        start = word_start - 1
    return start + 1 if start < end else end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the capitalised words that only open a sentence ("The Indus Valley"); empty
    when a word is not capitalised (the whole name must be)."""
    words = text[start:end].split(" ")
    if not all(w[:1].isupper() for w in words):
        return start, start
    while words and words[0] in _NOT_NAMES:
        start += len(words[0]) + 1
        words.pop(0)
    return (start, end) if words else (start, start)


def _nearest_country(starts: list[int], length: int, offset: int, located: Sequence[Located]) -> str | None:
    """The country of the nearest located place in the same sentence, else of the nearest before it."""
    index = bisect_right(starts, offset)
    sentence_start, sentence_end = starts[index - 1], starts[index] if index < len(starts) else length
    with_country = [p for p in located if p.country]
    same = [p for p in with_country if sentence_start <= p.start < sentence_end]
    if same:
        return min(same, key=lambda p: abs(p.start - offset)).country
    before = [p for p in with_country if p.end <= offset]
    return before[-1].country if before else None
