"""Organisations named by what the text says they are: "the insurer Ingosstrakh", "consultancy Drewry",
"refiners such as Huayou Cobalt", "Tenaga Nasional, the national utility", "Teck chief executive …".

The knowledge base cannot know every company, regulator and party in the news; the words around a name
often do. A name that starts with a known given name is left to the people rules ("the company Jane Doe
founded").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from explorer.extract.people import starts_a_name, title_prefix
from explorer.extract.runs import Run

_NOUNS = (
    "company|firm|group|insurer|reinsurer|lender|bank|consultancy|consultant|regulator|agency|utility|"
    "carrier|airline|miner|producer|refiner|refinery|operator|platform|holding|body|broker|brokerage|"
    "fund|manager|developer|maker|chipmaker|automaker|carmaker|supplier|provider|exporter|trader|shipper|"
    "retailer|union|party|militia|conglomerate|subsidiary|unit|venture|start-?up|exchange|outlet|"
    "newspaper|broadcaster|publisher|federation|association|watchdog|ministry|authority|giant|rival|"
    "consortium|contractor|shipbuilder|shipyard|steelmaker|smelter|bloc|coalition|alliance|insurgency|"
    "movement|organisation|organization|institute|university|lab|laboratory|fintech|bourse|index"
)
# "… the insurer ", "consultancy ", "refiners such as "
_BEFORE = re.compile(rf"(?<![\w-])(?:(?:{_NOUNS})s? such as|(?:{_NOUNS})) $", re.IGNORECASE)
# ", the national utility", ", an independent refinery", ", the union federation"
_AFTER = re.compile(rf", (?:the|a|an) (?:[a-z][\w-]* ){{0,3}}(?:{_NOUNS})\b")
# What follows a company's name in business copy: "Teck chief executive …", "Renk shares rose".
_FOLLOWED = re.compile(
    r" (?:chief executive|chief financial officer|chairman|chairwoman|CEO|CFO|spokesperson|spokesman|"
    r"spokeswoman|shares|stock|shareholders|board)\b"
)
_OPENERS = frozenset(
    {"The", "A", "An", "In", "On", "At", "For", "With", "From", "By", "As", "But", "And", "Or", "When",
     "While", "After", "Before", "Its", "His", "Her", "Their", "Shares", "Officials", "Data", "Some"}
)  # fmt: skip
_MAX_WORDS = 6
_GENERIC = frozenset({"Party", "Group", "Company", "Government", "State", "Vice", "Union", "Bank", "Fund"})


def find_described_orgs(text: str, runs: Sequence[Run]) -> Iterator[tuple[int, int, str, float]]:
    """Yield (start, end, rule, confidence) per organisation named by the words around it."""
    for run in runs:
        words = run.words
        first = 0
        while first < len(words) - 1 and words[first] in _OPENERS:
            first += 1
        if words[first] in _OPENERS or len(words) - first > _MAX_WORDS or starts_a_name(words[first]):
            continue
        if title_prefix(words[first:]) or (len(words) - first == 1 and words[first] in _GENERIC):
            continue  # "Mr Kwame Asante"; "the party Party"
        if not any(c.isalpha() for c in words[first]) or words[-1] in ("of", "and", "the"):
            continue
        start = run.tokens[first][0]
        end = run.end
        end -= 2 if text[end - 2 : end] in ("'s", "’s") else 0
        before = _BEFORE.search(text, max(0, start - 40), start) if first == 0 else None
        if before and "and" in words:  # "such as Hochtief and Heidelberg Materials": each on its own
            yield from _listed(run, end)
        elif before:
            yield start, end, "org-cue:descriptor", 0.6
        elif _AFTER.match(text, end):
            yield start, end, "org-cue:appositive", 0.6
        elif _FOLLOWED.match(text, end) and len(words) - first <= 3:
            yield start, end, "org-cue:business", 0.55


def _listed(run: Run, end: int) -> Iterator[tuple[int, int, str, float]]:
    first = 0
    for i, word in enumerate((*run.words, "and")):
        if word == "and":
            if i > first:
                stop = run.tokens[i - 1][1] if i < len(run.words) else end
                yield run.tokens[first][0], stop, "org-cue:descriptor", 0.6
            first = i + 1
