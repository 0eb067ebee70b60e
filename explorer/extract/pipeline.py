"""Briefing → Mentions: places, organisations, people and topics, with offsets and the rule that fired.

A briefing's pieces of text (title, body paragraphs, section items) are joined into one text so each scan
runs once per briefing: one trie regex for the knowledge base and country names, one regex for runs of
capitalised words (shared by places, people and unknown organisations), one for sentence ends. Ambiguous
place names are decided with what the whole document says (its unambiguous countries, regions and
cities); offsets are then mapped back to each piece.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from explorer.extract import nlp
from explorer.extract.candidate import NameCandidate
from explorer.extract.country_heads import split_country_heads
from explorer.extract.dictionary import NOTHING, country_hit, dictionary, names_other
from explorer.extract.gazetteer import PlaceHit, countries, country_codes_by_name
from explorer.extract.identity_cache import ByIdentity
from explorer.extract.leaders import find_leaders
from explorer.extract.model_spans import kept_model_spans
from explorer.extract.org_rules import find_unknown_orgs, name_ending, national_force
from explorer.extract.orgs import Organisation
from explorer.extract.overrides import Overrides
from explorer.extract.people import find_people, name_parts, people_segments, sentence_words, title_prefix
from explorer.extract.places import (
    BIG_CITY,
    Candidate,
    DocumentContext,
    Place,
    PlaceSpan,
    choose,
    index_lookup,
    inside_longer_name,
    person_context,
    prune,
    prune_by_population,
    qualifier_of,
)
from explorer.extract.runs import Run, find_runs, new_record
from explorer.extract.sentences import sentence_starts
from explorer.extract.shaped_names import shaped_names
from explorer.extract.shouting import shouted, shouted_runs
from explorer.extract.spans import SpanIndex
from explorer.extract.sports import sports_team
from explorer.model import TOPICS, Briefing, Mention

_BASED = ("-based", " based")
_SPAN = itemgetter(0, 1)  # a candidate's start and end
_SEPARATOR = "\n\n"  # between pieces: no name, run or sentence crosses it
SHOUTED_NAME_LETTERS = 4  # a surname in a headline in capitals: "MAY" is a month and a verb more often


@dataclass
class _Document:
    text: str
    pieces: list[tuple[str, int, int]]  # section, item, start offset in text
    runs: list[Run] = field(default_factory=list)
    fixed: list[NameCandidate] = field(default_factory=list)  # organisations and people
    countries: list[tuple[int, int, PlaceHit]] = field(default_factory=list)
    spans: list[PlaceSpan] = field(default_factory=list)
    supporting: dict[tuple[int, int], Place] = field(default_factory=dict)  # what each span added to context
    shouted_runs: list[Run] = field(default_factory=list)  # runs of text in capitals, in title case
    shouted: SpanIndex = field(default_factory=lambda: SpanIndex(()))  # stretches of text in capitals
    segments: list[Run] = field(default_factory=list)  # runs cut where names end (people_segments)


def extract(briefing: Briefing, overrides: Overrides | None = None) -> list[Mention]:
    """All mentions in a briefing, in reading order; overlapping candidates resolve to the longest span.
    `overrides`: the analyst's corrections (aliases, merges, rejections…) applied on the way."""
    texts = briefing.texts()
    document = _document([(s, i, t) for s, i, t in texts if s != TOPICS])
    context = _scan(document, overrides)
    mentions = _localise(document, _resolve(document, context))
    if any(section == TOPICS for section, _, _ in texts):
        people = {m.name for m in mentions if m.kind == "person"}
        topics = [_topic(t, i, context, people, overrides) for s, i, t in texts if s == TOPICS]
        mentions.extend(topics)
    if not overrides:
        return mentions
    return overrides.apply(mentions, briefing.content_hash if overrides.scoped else None)


def extract_text(
    text: str,
    section: str = "body",
    item: int = 0,
    context: DocumentContext | None = None,
    overrides: Overrides | None = None,
) -> list[Mention]:
    document = _document([(section, item, text)])
    own = _scan(document, overrides)
    mentions = _localise(document, _resolve(document, context or own))
    return overrides.apply(mentions) if overrides else mentions


def _document(pieces: Sequence[tuple[str, int, str]]) -> _Document:
    starts, offset = [], 0
    for section, item, text in pieces:
        starts.append((section, item, offset))
        offset += len(text) + len(_SEPARATOR)
    return _Document(_SEPARATOR.join(t for _, _, t in pieces), starts)


def _scan(doc: _Document, overrides: Overrides | None = None) -> DocumentContext:
    text = doc.text
    doc.runs = find_runs(text)
    if overrides:
        for start, end, target in overrides.find_aliases(text):
            alias = (start, end, -1, target.name, target.kind, target.country, target.lat, target.lon)
            doc.fixed.append(NameCandidate(*alias, 1.0, "analyst-alias"))
    for start, end, (orgs, hits, readings) in dictionary().find(text, doc.runs):
        for org in orgs:
            # A company's name may go on ("Toyota" + " Motor Corp"); other bodies' do not ("EU Energy").
            stop = name_ending(text, end) if org.kind == "company" else end
            doc.fixed.append(_org_candidate(org, start, stop))
        for hit in hits:
            doc.countries.append((start, end, hit))
        if readings:
            doc.spans.append(new_record(PlaceSpan, (start, end, text[start:end], readings)))
    _add_shouted_names(doc)
    known = SpanIndex((c.start, c.end) for c in doc.fixed)
    demonyms = {(start, end) for start, end, hit in doc.countries if hit.rule == "demonym"}
    places = {(s, e) for s, e, _ in doc.countries} | {(s.start, s.end) for s in doc.spans}
    for unknown in find_unknown_orgs(text, doc.runs):
        start, end, name = unknown.start, unknown.end, unknown.name
        if unknown.kind in ("acronym", "party") and (
            (start, end) in places
            or doc.shouted.covers(start, end)
            or dictionary().get(name.title()) is not None  # "PARIS" for emphasis: a name in capitals
        ):
            continue  # a country or a place ("UK", "UAE"), or a word of a headline in capitals
        if " and " in name and known.overlaps(start, end):
            continue  # "Nvidia and AMD Board": names listed, not one name joining two fields
        if national_force(name) and (start, start + name.index(" ")) in demonyms:
            continue  # "Israeli Forces Raid …": a country's forces, the demonym is what names them
        if known.inside(start, end):  # overlapping no known name, or holding one whole
            kind, rule, confidence = unknown.kind, unknown.rule, unknown.confidence
            rule = rule if rule.endswith(f":{kind}") else f"{rule}:{kind}"
            doc.fixed.append(
                NameCandidate(start, end, 3, name, "org", unknown.country, None, None, confidence, rule)
            )
    doc.fixed = split_country_heads(text, doc.fixed, doc.countries, country_hit)
    doc.segments = people_segments(doc.runs)
    for start, end, rule, confidence in chain(
        find_people(text, doc.segments), find_leaders(text, names_other)
    ):
        doc.fixed.append(
            new_record(
                NameCandidate, (start, end, 4, text[start:end], "person", None, None, None, confidence, rule)
            )
        )
    _add_name_parts(doc)
    _add_statistical(doc)
    return _context(doc)


def _add_shouted_names(doc: _Document) -> None:
    """Known names in datelines and headlines written in capitals ("MOSCOW 1997-02-21")."""
    stretches = shouted(doc.text, doc.runs)
    doc.shouted = SpanIndex(stretches)
    if not stretches:
        return
    # Only the stretches, in title case, at their offsets: the rest of the text was scanned as it is.
    cased, runs = shouted_runs(doc.text, stretches)
    doc.shouted_runs = runs
    taken = SpanIndex([(c.start, c.end) for c in doc.fixed] + [(s, e) for s, e, _ in doc.countries]
                      + [(s.start, s.end) for s in doc.spans])  # fmt: skip
    for start, end, (orgs, hits, readings) in dictionary().find(cased, runs, loose=False):
        if taken.overlaps(start, end):
            continue
        for org in orgs:
            doc.fixed.append(_org_candidate(org, start, end))
        for hit in hits:
            doc.countries.append((start, end, hit))
        if readings:
            doc.spans.append(new_record(PlaceSpan, (start, end, cased[start:end], readings)))


def _add_name_parts(doc: _Document) -> None:
    """Someone named in full once is the same person when the document later uses one name alone."""
    orgs = SpanIndex((c.start, c.end) for c in doc.fixed if c.kind == "org")
    # A person candidate that an organisation as long covers ("Ahold NV said") names nobody.
    names = {c.name for c in doc.fixed if c.kind == "person" and not orgs.covers(c.start, c.end)}
    if not names:
        return
    parts = name_parts(names)
    for run in doc.segments:  # "Clinton and Yeltsin": each on its own
        words = run.words
        count = len(words)
        first = 0 if count == 1 else title_prefix(words) or sentence_words(words)
        if count - first != 1:
            continue
        word = words[first]
        start, end = run.tokens[first]
        if word.endswith(("'s", "’s")):
            word, end = word[:-2], end - 2
        name = parts.get(word)
        if name:
            # Priority 1: someone already named in full beats a place reading of the same word.
            doc.fixed.append(
                NameCandidate(start, end, 1, name, "person", confidence=0.7, rule="surname-coref")
            )
    for run in doc.shouted_runs:  # "ALBRIGHT, PRIMAKOV END TALKS": each word on its own
        for word, (start, end) in zip(run.words, run.tokens, strict=True):
            name = parts.get(word) if len(word) >= SHOUTED_NAME_LETTERS else None
            if name:
                doc.fixed.append(
                    NameCandidate(start, end, 1, name, "person", confidence=0.6, rule="surname-coref")
                )


def _add_statistical(doc: _Document) -> None:
    """The optional spaCy backend's organisations and people, where no rule found anything."""
    matches = nlp.find(doc.text)
    if not matches:
        return
    places = {(start, end) for start, end, _ in doc.countries} | {(s.start, s.end) for s in doc.spans}
    demonyms = [(start, end) for start, end, hit in doc.countries if hit.rule == "demonym"]
    ruled = [(c.start, c.end) for c in doc.fixed]
    for match in kept_model_spans(doc.text, matches, places, demonyms, ruled):
        name = doc.text[match.start : match.end]
        statistical = (match.start, match.end, 6, name, match.kind, None, None, None, match.confidence)
        doc.fixed.append(NameCandidate(*statistical, match.rule))  # type: ignore[arg-type]


def _context(doc: _Document) -> DocumentContext:
    """Countries, regions and cities the document names without any doubt."""
    text = doc.text
    context = DocumentContext.empty()
    span_at = {(s.start, s.end) for s in doc.spans}
    context.countries.update(  # Counter.update counts a list in C
        [
            hit.code
            for start, end, hit in doc.countries
            if (start, end) not in span_at and not person_context(text, start, end)
        ]
    )
    country_at = {(start, end) for start, end, _ in doc.countries}
    for span in doc.spans:
        pool = prune_by_population(span.candidates)
        if not pool or (span.start, span.end) in country_at or pool[0].alias:
            continue
        if len(pool) > 1 and pool[0].place.population < 10 * pool[1].place.population:
            continue
        if person_context(text, span.start, span.end):
            continue
        context.add(pool[0].place)
        doc.supporting[(span.start, span.end)] = pool[0].place
    return context


def _resolve(doc: _Document, context: DocumentContext) -> list[NameCandidate]:
    text = doc.text
    candidates = list(doc.fixed)
    spans = {(s.start, s.end): s for s in doc.spans}
    events: list[tuple[int, int, PlaceHit | None, PlaceSpan | None]] = []
    for start, end, country_named in doc.countries:
        events.append((start, end, country_named, spans.pop((start, end), None)))
    events.extend((s.start, s.end, None, s) for s in spans.values())
    events.sort(key=lambda e: (e[0], -e[1]))

    previous: tuple[int, str] | None = None  # end and country of the last place, for "Atlanta, Georgia"
    qualified: dict[str, Candidate] = {}  # "Paris, Texas" once: later "Paris" in the document is the same
    chosen_for: dict[tuple[int, str | None, int], Candidate | None] = {}  # the same name read the same way
    for start, end, hit, span in events:
        if (hit is None or hit.rule == "country-name") and person_context(text, start, end):
            continue
        if span is None and hit is not None:
            if hit.rule == "country-name" and sports_team(text, start, end):
                # "England beat Pakistan by 10 wickets": the national side, named as written
                team = (start, end, 2, text[start:end], "org", hit.code, None, None, 0.6, "sports-context")
                candidates.append(new_record(NameCandidate, team))
                continue
            candidates.append(_country_candidate(hit, text, start, end))
            previous = (end, hit.code)
            continue
        assert span is not None
        pool = span.candidates if hit is None else _country_first(span.candidates, hit, span.surface)
        restrict = _restriction(text, end)
        if previous and text[previous[0] : start] == ", ":
            restrict = (restrict or set()) | {previous[1]}
        itself = doc.supporting.get((start, end))
        surface = text[start:end]
        chosen = qualified.get(surface) if not restrict else None
        if chosen is None or chosen not in pool:
            if restrict:
                chosen = choose(pool, context, restrict, itself)
            else:
                key = (id(span.candidates), hit.code if hit else None, id(itself))
                if key not in chosen_for:
                    chosen_for[key] = choose(pool, context, None, itself)
                chosen = chosen_for[key]
        if restrict and chosen is not None:
            qualified[surface] = chosen
        if chosen is None:
            continue
        small = chosen.place.kind != "country" and chosen.place.population < BIG_CITY
        if (
            small
            and not restrict
            and inside_longer_name(text, start, end)
            and not doc.shouted.covers(start, end)
        ):
            continue  # a town inside a longer name ("Hunter Valley"); in a headline every word is capitalised
        if chosen.place.kind == "country" and hit is not None:
            candidates.append(_country_candidate(hit, text, start, end))
        elif chosen.place.kind == "city" and sports_team(text, start, end):
            place = chosen.place  # "Valencia 3 Betis 1", "Barcelona beat Lille": the club, not the city
            team = (
                start,
                end,
                2,
                place.surface_name,
                "org",
                place.country,
                None,
                None,
                0.6,
                "sports-context",
            )
            candidates.append(new_record(NameCandidate, team))
        else:
            based = text[end : end + 6].lower() in _BASED
            if chosen.place.kind == "region" and (named := _REGION_WORD.match(text, end)):
                end = named.end()  # "North-Western Province", "Rivers State": the word is part of the name
            candidates.append(_gazetteer_candidate(chosen, len(prune(pool)), restrict, based, start, end))
        previous = (end, chosen.place.country)
    return _with_shaped_names(text, doc.runs, _resolve_overlaps(candidates))


def _with_shaped_names(text: str, runs: list[Run], chosen: list[NameCandidate]) -> list[NameCandidate]:
    """The chosen mentions and, where none was found, names known by their shape alone."""
    found = []
    replaced: set[int] = set()
    for shaped in shaped_names(text, runs, chosen):
        start, end = shaped.start, shaped.end
        replaced.update(shaped.replaces)
        if shaped.same_as is not None:  # the organisation named in full before
            again = chosen[shaped.same_as]
            found.append(again._replace(start=start, end=end, priority=5, confidence=shaped.confidence,
                                        rule=shaped.rule))  # fmt: skip
        else:
            name = text[start:end]
            found.append(NameCandidate(start, end, 5, name, shaped.kind, shaped.country, None, None,
                                       shaped.confidence, shaped.rule))  # fmt: skip
    if replaced:
        chosen = [c for i, c in enumerate(chosen) if i not in replaced]
    return sorted(chosen + found, key=lambda c: c.start) if found else chosen


def _localise(doc: _Document, candidates: list[NameCandidate]) -> list[Mention]:
    """Offsets in the joined text → offsets, section, item and sentence within each piece."""
    if not candidates:
        return []
    text = doc.text
    piece_starts = [start for _, _, start in doc.pieces]
    sentences = sorted({*sentence_starts(text), *piece_starts})
    first_sentence = [bisect_right(sentences, start) - 1 for start in piece_starts]
    pieces, mentions = doc.pieces, []
    for start, end, _priority, name, kind, country, lat, lon, confidence, rule in candidates:
        index = bisect_right(piece_starts, start) - 1
        section, item, offset = pieces[index]
        sentence = bisect_right(sentences, start) - 1 - first_sentence[index]
        fields = (name, kind, section, item, start - offset, end - offset, text[start:end],
                  country, lat, lon, confidence, rule, sentence)  # fmt: skip
        mentions.append(new_record(Mention, fields))
    return mentions


def _topic(
    keyword: str, item: int, context: DocumentContext, people: set[str], overrides: Overrides | None
) -> Mention:
    """A keyword that names a known organisation, place or person is that entity, not a new topic."""
    whole = len(keyword)
    alias = overrides.aliases.get(keyword) if overrides else None
    if alias is not None:
        return Mention(alias.name, alias.kind, TOPICS, item, 0, whole, keyword, alias.country,  # type: ignore[arg-type]
                       alias.lat, alias.lon, 1.0, "analyst-alias")  # fmt: skip
    orgs, countries_named, readings = dictionary().get(keyword) or NOTHING
    found: NameCandidate | None = None
    if orgs:
        found = _org_candidate(orgs[0], 0, whole)
    elif countries_named:
        found = _country_candidate(countries_named[0], keyword, 0, whole)
    elif readings and (chosen := choose(readings, context)):
        found = _gazetteer_candidate(chosen, len(prune(readings)), None, False, 0, whole)
    elif keyword in people:
        found = NameCandidate(0, whole, 4, keyword, "person", confidence=0.7, rule="topics-section")
    if found is None:
        return Mention(keyword, "topic", TOPICS, item, 0, whole, keyword, rule="topics-section")
    return Mention(found.name, found.kind, TOPICS, item, 0, whole, keyword, found.country, found.lat,
                   found.lon, found.confidence, found.rule)  # fmt: skip


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
            c.place.surface_name for c in index_lookup(name) if c.place.kind == "region" and not c.alias
        }
        if regions:
            return regions
    return None


_COUNTRY_FIRST: ByIdentity[tuple[Candidate, ...], dict[str, tuple[Candidate, ...]]] = ByIdentity(
    lambda _readings: {}
)


def _country_first(readings: tuple[Candidate, ...], hit: PlaceHit, surface: str) -> tuple[Candidate, ...]:
    """ "Georgia": the country's reading beside the places of that name, one tuple per dictionary entry
    (its surface is the entry's name), so what places.py caches per tuple stays cached."""
    pools = _COUNTRY_FIRST(readings)
    pool = pools.get(hit.code)
    if pool is None:
        pool = pools[hit.code] = (Candidate(_country_place(hit, surface), alias=False), *readings)
    return pool


# A capitalised administrative word after a region's name belongs to the name.
_REGION_WORD = re.compile(r" (?:Province|Region|State|Prefecture|Governorate|Oblast|Krai|County|District)\b")


def _country_place(hit: PlaceHit, surface: str) -> Place:
    country = countries()[hit.code]
    return Place("country", country.name, surface, hit.code, "", hit.lat or 0.0, hit.lon or 0.0,
                 country.population, False)  # fmt: skip


def _org_candidate(org: Organisation, start: int, end: int) -> NameCandidate:
    return new_record(
        NameCandidate, (start, end, 0, org.name, "org", org.country, None, None, 0.95, f"org-kb:{org.kind}")
    )


def _country_candidate(hit: PlaceHit, text: str, start: int, end: int) -> NameCandidate:
    rule: str = hit.rule
    confidence = 1.0 if hit.rule == "country-name" else 0.85
    if text[end : end + 6].lower() in _BASED:
        rule, confidence = "x-based", 0.95
    return new_record(
        NameCandidate, (start, end, 1, hit.name, "place", hit.code, hit.lat, hit.lon, confidence, rule)
    )


def _gazetteer_candidate(
    chosen: Candidate, readings: int, restrict: set[str] | None, based: bool, start: int, end: int
) -> NameCandidate:
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
    return new_record(NameCandidate, (start, end, 2, place.name, "place", place.country or None, place.lat,
                                   place.lon, confidence, f"gazetteer:{rule}"))  # fmt: skip


def _resolve_overlaps(candidates: list[NameCandidate]) -> list[NameCandidate]:
    """Where spans overlap, the longest wins, then the lowest priority, then the first.

    Most candidates overlap nothing; only groups of overlapping spans need the contest."""
    chosen: list[NameCandidate] = []
    group: list[NameCandidate] = []
    group_end = -1
    for cand in sorted(candidates, key=_SPAN):
        if cand.start >= group_end:
            if len(group) == 1:
                chosen.append(group[0])
            elif group:
                chosen.extend(_contest(group))
            group = []
        group.append(cand)
        if cand.end > group_end:
            group_end = cand.end
    if len(group) == 1:
        chosen.append(group[0])
    elif group:
        chosen.extend(_contest(group))
    return chosen


def _contest(group: list[NameCandidate]) -> list[NameCandidate]:
    chosen: list[NameCandidate] = []
    for cand in sorted(group, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen
