"""Briefing → Mentions: places, organisations, people and topics, with offsets and the rule that fired.

Extraction runs in two passes over a briefing: the first collects every candidate in every section, the
second decides ambiguous place names with what the whole document says (its unambiguous countries,
regions and cities).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from explorer.extract.gazetteer import PlaceHit, countries, country_codes_by_name, place_matcher
from explorer.extract.org_rules import find_unknown_orgs
from explorer.extract.orgs import Organisation, org_matcher
from explorer.extract.people import find_people, surname_mentions
from explorer.extract.places import (
    BIG_CITY,
    Candidate,
    DocumentContext,
    Place,
    PlaceSpan,
    choose,
    find_place_spans,
    inside_longer_name,
    person_context,
    prune,
    qualifier_of,
)
from explorer.extract.sentences import sentence_of, sentence_starts
from explorer.model import TOPICS, Briefing, Mention

_BASED = ("-based", " based")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int  # lower wins when spans tie in length
    mention: Mention


@dataclass
class _Piece:
    section: str
    item: int
    text: str
    fixed: list[_Candidate] = field(default_factory=list)  # organisations and people
    countries: list[tuple[int, int, str, PlaceHit]] = field(default_factory=list)
    spans: list[PlaceSpan] = field(default_factory=list)
    supporting: set[tuple[int, int]] = field(default_factory=set)  # spans counted in the document context


def extract(briefing: Briefing) -> list[Mention]:
    """All mentions in a briefing, in reading order; overlapping candidates resolve to the longest span."""
    pieces = [_scan(text, section, item) for section, item, text in briefing.texts() if section != TOPICS]
    context = _context(pieces)
    _add_surnames(pieces)
    resolved = iter([_with_sentences(p.text, _resolve(p, context)) for p in pieces])
    mentions: list[Mention] = []
    for section, item, text in briefing.texts():
        if section == TOPICS:
            mentions.append(_topic(text, item, context))
        else:
            mentions.extend(next(resolved))
    return mentions


def extract_text(
    text: str, section: str = "body", item: int = 0, context: DocumentContext | None = None
) -> list[Mention]:
    piece = _scan(text, section, item)
    _add_surnames([piece])
    return _with_sentences(text, _resolve(piece, context or _context([piece])))


def _topic(keyword: str, item: int, context: DocumentContext) -> Mention:
    """A keyword that names a known organisation, place or person is that entity, not a new topic."""
    known = extract_text(keyword, TOPICS, item, context)
    if len(known) == 1 and known[0].start == 0 and known[0].end == len(keyword):
        return known[0]
    return Mention(keyword, "topic", TOPICS, item, 0, len(keyword), keyword, rule="topics-section")


def _with_sentences(text: str, mentions: list[Mention]) -> list[Mention]:
    if len(mentions) < 2:
        return mentions
    starts = sentence_starts(text)
    return [replace(m, sentence=sentence_of(starts, m.start)) for m in mentions]


def _scan(text: str, section: str, item: int) -> _Piece:
    piece = _Piece(section, item, text)
    for start, end, surface, org in org_matcher().finditer(text):
        piece.fixed.append(_Candidate(start, end, 0, _org_mention(org, section, item, start, end, surface)))
    known = [(c.start, c.end) for c in piece.fixed]
    for org in find_unknown_orgs(text):
        if all(org.end <= s or org.start >= e for s, e in known):
            surface = text[org.start : org.end]
            rule = f"{org.rule}:{org.kind}"
            mention = Mention(org.name, "org", section, item, org.start, org.end, surface,
                              country=org.country, confidence=org.confidence, rule=rule)  # fmt: skip
            piece.fixed.append(_Candidate(org.start, org.end, 5, mention))
    for start, end, name, rule, confidence in find_people(text):
        mention = Mention(name, "person", section, item, start, end, name, confidence=confidence, rule=rule)
        piece.fixed.append(_Candidate(start, end, 3, mention))
    piece.countries = list(place_matcher().finditer(text))
    piece.spans = list(find_place_spans(text))
    return piece


def _add_surnames(pieces: list[_Piece]) -> None:
    """Someone named in full once is the same person when the document later uses the surname alone."""
    names = {c.mention.name for p in pieces for c in p.fixed if c.mention.kind == "person"}
    if not names:
        return
    for piece in pieces:
        for start, end, name in surname_mentions(piece.text, names):
            mention = Mention(name, "person", piece.section, piece.item, start, end, piece.text[start:end],
                              confidence=0.7, rule="surname-coref")  # fmt: skip
            piece.fixed.append(_Candidate(start, end, 4, mention))


def _context(pieces: list[_Piece]) -> DocumentContext:
    """Countries, regions and cities the document names without any doubt."""
    context = DocumentContext.empty()
    for piece in pieces:
        span_at = {(s.start, s.end) for s in piece.spans}
        for start, end, _, hit in piece.countries:
            if (start, end) in span_at or person_context(piece.text, start, end):
                continue
            context.countries[hit.code] += 1
        country_at = {(start, end) for start, end, _, _ in piece.countries}
        for span in piece.spans:
            pool = sorted(prune(span.candidates), key=lambda c: -c.place.population)
            dominant = len(pool) == 1 or (
                len(pool) > 1 and pool[0].place.population >= 10 * pool[1].place.population
            )
            if not pool or not dominant or pool[0].alias or (span.start, span.end) in country_at:
                continue
            if person_context(piece.text, span.start, span.end):
                continue
            context.add(pool[0].place)
            piece.supporting.add((span.start, span.end))
    return context


def _resolve(piece: _Piece, context: DocumentContext) -> list[Mention]:
    text, section, item = piece.text, piece.section, piece.item
    candidates = list(piece.fixed)
    spans = {(s.start, s.end): s for s in piece.spans}
    events: list[tuple[int, int, PlaceHit | None, PlaceSpan | None]] = []
    for start, end, _, hit in piece.countries:
        events.append((start, end, hit, spans.pop((start, end), None)))
    events.extend((s.start, s.end, None, s) for s in spans.values())
    events.sort(key=lambda e: (e[0], -e[1]))

    previous: tuple[int, str] | None = None  # end and country of the last place, for "Atlanta, Georgia"
    for start, end, hit, span in events:
        surface = text[start:end]
        if (hit is None or hit.rule == "country-name") and person_context(text, start, end):
            continue
        if span is None and hit is not None:
            candidates.append(
                _Candidate(start, end, 1, _country_mention(hit, text, section, item, start, end))
            )
            previous = (end, hit.code)
            continue
        assert span is not None
        pool = span.candidates
        if hit is not None:
            pool = (Candidate(_country_place(hit, surface), alias=False), *pool)
        restrict = _restriction(text, end)
        if previous and text[previous[0] : start] == ", ":
            restrict = (restrict or set()) | {previous[1]}
        own = context.without(prune(pool)[0].place) if (start, end) in piece.supporting else context
        chosen = choose(pool, own, restrict)
        if chosen is None:
            continue
        small = chosen.place.kind != "country" and chosen.place.population < BIG_CITY
        if small and not restrict and inside_longer_name(text, start, end):
            continue
        if chosen.place.kind == "country" and hit is not None:
            mention = _country_mention(hit, text, section, item, start, end)
        else:
            based = text[end : end + 6].lower() in _BASED
            readings = len(prune(pool))
            mention = _gazetteer_mention(
                chosen, readings, restrict, based, section, item, start, end, surface
            )
        candidates.append(_Candidate(start, end, 1 if chosen.place.kind == "country" else 2, mention))
        previous = (end, chosen.place.country)
    return _resolve_overlaps(candidates)


def _restriction(text: str, end: int) -> set[str] | None:
    """ "Hanover, Germany" → {"DE"}; "Paris, Texas" → {"Texas"}; None without a qualifier."""
    qualifier = qualifier_of(text, end)
    if not qualifier:
        return None
    words = qualifier.split(" ")
    codes = country_codes_by_name()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".")
        if name in codes:
            return {codes[name]}
        regions = {
            c.place.surface_name for c in _span_candidates(name) if c.place.kind == "region" and not c.alias
        }
        if regions:
            return regions
    return None


def _span_candidates(name: str) -> tuple[Candidate, ...]:
    from explorer.extract.places import _index

    return _index().get(name, ())


def _country_place(hit: PlaceHit, surface: str) -> Place:
    country = countries()[hit.code]
    return Place("country", country.name, surface, hit.code, "", hit.lat or 0.0, hit.lon or 0.0,
                 country.population, False)  # fmt: skip


def _org_mention(org: Organisation, section: str, item: int, start: int, end: int, surface: str) -> Mention:
    return Mention(
        org.name,
        "org",
        section,
        item,
        start,
        end,
        surface,
        country=org.country,
        confidence=0.95,
        rule=f"org-kb:{org.kind}",
    )


def _country_mention(hit: PlaceHit, text: str, section: str, item: int, start: int, end: int) -> Mention:
    rule: str = hit.rule
    confidence = {"country-name": 1.0, "demonym": 0.85}[hit.rule]
    if text[end : end + 6].lower() in _BASED:
        rule, confidence = "x-based", 0.95
    return Mention(
        hit.name,
        "place",
        section,
        item,
        start,
        end,
        text[start:end],
        country=hit.code,
        lat=hit.lat,
        lon=hit.lon,
        confidence=confidence,
        rule=rule,
    )


def _gazetteer_mention(
    chosen: Candidate,
    readings: int,
    restrict: set[str] | None,
    based: bool,
    section: str,
    item: int,
    start: int,
    end: int,
    surface: str,
) -> Mention:
    place = chosen.place
    if based:
        rule, confidence = f"{place.kind}-based", 0.9
    elif restrict:
        rule, confidence = f"{place.kind}-qualified", 0.95
    elif chosen.alias:
        rule, confidence = f"{place.kind}-alias", 0.7
    elif readings > 1:
        rule, confidence = f"{place.kind}-disambiguated", 0.75
    else:
        rule, confidence = place.kind, 0.9
    return Mention(
        place.name,
        "place",
        section,
        item,
        start,
        end,
        surface,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        confidence=confidence,
        rule=f"gazetteer:{rule}",
    )


def _resolve_overlaps(candidates: list[_Candidate]) -> list[Mention]:
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return [c.mention for c in sorted(chosen, key=lambda c: c.start)]
