"""Briefing → Mentions: places, organisations, people and topics, with offsets and the rule that fired."""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.extract.gazetteer import PlaceHit, place_matcher
from explorer.extract.orgs import Organisation, org_matcher
from explorer.extract.people import find_people
from explorer.extract.sentences import sentence_of, sentence_starts
from explorer.model import TOPICS, Briefing, Mention

_BASED = ("-based", " based")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int  # lower wins when spans tie in length
    mention: Mention


def extract(briefing: Briefing) -> list[Mention]:
    """All mentions in a briefing, in reading order; overlapping candidates resolve to the longest span."""
    mentions: list[Mention] = []
    for section, item, text in briefing.texts():
        if section == TOPICS:
            mentions.append(_topic(text, item))
            continue
        mentions.extend(extract_text(text, section, item))
    return mentions


def _topic(keyword: str, item: int) -> Mention:
    """A keyword that names a known organisation, place or person is that entity, not a new topic."""
    known = extract_text(keyword, TOPICS, item)
    if len(known) == 1 and known[0].start == 0 and known[0].end == len(keyword):
        return known[0]
    return Mention(keyword, "topic", TOPICS, item, 0, len(keyword), keyword, rule="topics-section")


def extract_text(text: str, section: str = "body", item: int = 0) -> list[Mention]:
    mentions = _extract_spans(text, section, item)
    if len(mentions) < 2:
        return mentions
    starts = sentence_starts(text)
    return [replace(m, sentence=sentence_of(starts, m.start)) for m in mentions]


def _extract_spans(text: str, section: str, item: int) -> list[Mention]:
    candidates: list[_Candidate] = []
    for start, end, surface, org in org_matcher().finditer(text):
        candidates.append(_Candidate(start, end, 0, _org_mention(org, section, item, start, end, surface)))
    for start, end, surface, place in place_matcher().finditer(text):
        candidates.append(
            _Candidate(start, end, 1, _place_mention(place, text, section, item, start, end, surface))
        )
    for start, end, name in find_people(text):
        mention = Mention(name, "person", section, item, start, end, name, confidence=0.8, rule="title-cue")
        candidates.append(_Candidate(start, end, 2, mention))
    return _resolve_overlaps(candidates)


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


def _place_mention(
    place: PlaceHit, text: str, section: str, item: int, start: int, end: int, surface: str
) -> Mention:
    rule: str = place.rule
    confidence = {"country-name": 1.0, "demonym": 0.85, "capital": 0.8}[place.rule]
    if text[end : end + 6].lower() in _BASED:
        rule, confidence = "x-based", 0.95
    return Mention(
        place.name,
        "place",
        section,
        item,
        start,
        end,
        surface,
        country=place.code,
        lat=place.lat,
        lon=place.lon,
        confidence=confidence,
        rule=rule,
    )


def _resolve_overlaps(candidates: list[_Candidate]) -> list[Mention]:
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return [c.mention for c in sorted(chosen, key=lambda c: c.start)]
