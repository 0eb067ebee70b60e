"""People named with no cue at all ("… finished third behind Sajith Premadasa"): two or three capitalised
words that no other rule took, inside a sentence, not after "the", with no word that names a thing
(an organisation's or a place's kind word, a month, a role). Found last, with a low confidence."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from explorer.extract.org_rules import NAME_HEADS
from explorer.extract.people import PLACE_PREPOSITIONS, TITLE_WORDS
from explorer.extract.runs import Run
from explorer.extract.spans import SpanIndex
from explorer.extract.unlisted_places import BUILDING_WORDS, COMPASS_WORDS, FEATURE_WORDS

_NAME_WORD = re.compile(r"[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)?")
# Words that name a kind of thing, a time, a place's kind or a term of policy and markets; with the words of
# titles and roles, the kind words of places and buildings and the compass words, never a word of a
# person's name (nor a short form).
THINGS = TITLE_WORDS | FEATURE_WORDS | COMPASS_WORDS | BUILDING_WORDS | frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     "Street", "Road", "Cup", "Open", "Games", "Championship", "Award", "Prize", "Index", "Act", "Bill",
     "Treaty", "Accord", "Agreement", "Summit", "Conference", "War", "Day", "Week", "Festival", "Port",
     "Hall", "House", "Palace", "Tower", "Building", "Plaza", "Museum", "Market", "Ocean", "Coast", "Region",
     "Heights", "Plains", "City", "County", "District", "Republic", "Kingdom", "Empire", "Reserve", "Rights",
     "Affairs", "Development", "Security", "Health", "Labour", "Labor", "Oil", "Gas", "Power", "Gold",
     "Steel", "Motor", "Global", "International", "National", "Federal", "Royal", "United", "New", "Great",
     "Grand", "High", "Special", "Series", "Fund", "Ministry", "Parliament", "Congress", "Senate", "Assembly",
     "Court", "Police", "Services", "Service", "Framework", "Plan", "Programme", "Program", "Initiative",
     "Strategy", "Pact", "Deal", "Protocol", "Doctrine", "Corridor", "Pipeline", "Mine", "Project",
     "Princess", "Saint", "Grupa", "Group", "Airlines", "Airways", "Shipping", "Ports", "Regulation",
     "Regulations", "Directive", "Law", "Rule", "Rules", "Rate", "Rates", "Price", "Prices", "Ratio",
     "Policy", "Tariff", "Tariffs", "Tax", "Budget", "Bond", "Bonds", "Yield", "Futures", "Report", "Data",
     "Growth", "Inflation", "Mechanism", "Facility", "Scheme", "Standard", "Standards", "Code", "Zone",
     "Official", "Domestic", "Public", "Private", "Economic", "Strategic", "Digital", "Industrial",
     "Critical", "Cash", "Capital", "Net", "Zero", "Green", "Free", "Mines", "Nickel", "Copper",
     "Intelligence"}
)  # fmt: skip
# "the Kelsor Group"; "in Khan Younis", "at Lajas Blancas", "near Sefwi Wiawso": where people are
# seldom named, places often.
_NOT_BEFORE_PEOPLE = ("the ", "The ", *PLACE_PREPOSITIONS)
_SENTENCE_END = frozenset('.!?:;"“”\n')


def find_bare_names(
    text: str, runs: Sequence[Run], taken: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    spans = SpanIndex(taken)
    for run in runs:
        words = run.words
        if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        if any(w in THINGS or w in NAME_HEADS for w in words):
            continue
        before = text[max(0, run.start - 6) : run.start]
        stripped = before.rstrip()
        if not stripped or stripped[-1] in _SENTENCE_END or before.endswith(_NOT_BEFORE_PEOPLE):
            continue
        if spans.overlaps(run.start, run.end):
            continue
        yield run.start, run.end
