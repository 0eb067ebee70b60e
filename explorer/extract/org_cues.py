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

_NOUN_LIST = (
    "company|firm|group|insurer|reinsurer|lender|bank|consultancy|consultant|regulator|agency|utility|"
    "carrier|airline|miner|producer|refiner|refinery|operator|platform|holding|body|broker|brokerage|"
    "fund|manager|developer|maker|chipmaker|automaker|carmaker|supplier|provider|exporter|trader|shipper|"
    "retailer|union|party|militia|conglomerate|subsidiary|unit|venture|startup|start-up|exchange|outlet|"
    "newspaper|broadcaster|publisher|federation|association|watchdog|ministry|authority|giant|rival|"
    "consortium|contractor|shipbuilder|shipyard|steelmaker|smelter|bloc|coalition|alliance|insurgency|"
    "movement|organisation|organization|institute|university|lab|laboratory|fintech|bourse|index"
)
_NOUNS = frozenset(_NOUN_LIST.split("|"))
# ", the national utility", ", an independent refinery", ", the union federation"
_AFTER = re.compile(rf", (?:the|a|an) (?:[a-z][\w-]* ){{0,3}}(?:{_NOUN_LIST})\b")
# What follows a company's name in business copy: "Teck chief executive …", "Renk shares rose".
_FOLLOWED = re.compile(
    r" (?:chief executive|chief financial officer|chairman|chairwoman|CEO|CFO|spokesperson|spokesman|"
    r"spokeswoman|shares|stock|shareholders|board)\b"
)
# Words that open a sentence or a clause before a name and are never part of it ("The", "Shares", "His").
OPENERS = frozenset(
    {"The", "A", "An", "In", "On", "At", "For", "With", "From", "By", "As", "But", "And", "Or", "When",
     "While", "After", "Before", "Shares", "Officials", "His", "Her", "Its", "Their", "Our", "My", "Your",
     "Data", "Some"}
)  # fmt: skip
_MAX_WORDS = 6
_GENERIC = frozenset({"Party", "Group", "Company", "Government", "State", "Vice", "Union", "Bank", "Fund"})


def find_described_orgs(text: str, runs: Sequence[Run]) -> Iterator[tuple[int, int, str, float]]:
    """Yield (start, end, rule, confidence) per organisation named by the words around it."""
    for run in runs:
        end = run.end
        end -= 2 if text[end - 2 : end] in ("'s", "’s") else 0
        before = _described_before(text, run.start)
        if before:
            rule = "org-cue:descriptor"
        elif text.startswith(", ", end) and _AFTER.match(text, end):
            rule = "org-cue:appositive"
        elif text.startswith(" ", end) and len(run.words) <= 3 and _FOLLOWED.match(text, end):
            rule = "org-cue:business"
        else:
            continue
        words = run.words
        first = 0
        while first < len(words) - 1 and words[first] in OPENERS:
            first += 1
        if first and before:
            continue  # the cue was before the opening word, not before the name
        if words[first] in OPENERS or len(words) - first > _MAX_WORDS or starts_a_name(words[first]):
            continue
        if not any(c.isalpha() for c in words[first]) or words[-1] in ("of", "and", "the"):
            continue
        if title_prefix(words[first:]) or (len(words) - first == 1 and words[first] in _GENERIC):
            continue  # "Mr Kwame Asante"; "the party Party"
        if before and "and" in words:  # "such as Hochtief and Heidelberg Materials": each on its own
            yield from _listed(run, end)
        elif rule == "org-cue:appositive" and "and" in words[first:]:
            # "Chevron and Azule Energy, a joint venture of …": the appositive describes the last name.
            after_and = len(words) - words[::-1].index("and")
            yield run.tokens[after_and][0], end, rule, 0.6
        else:
            yield run.tokens[first][0], end, rule, 0.55 if rule == "org-cue:business" else 0.6


def _described_before(text: str, start: int) -> bool:
    """Whether the words just before a name say what it is: "the insurer ", "refiners such as "."""
    if start < 2 or text[start - 1] != " ":
        return False
    space = text.rfind(" ", max(0, start - 24), start - 1)
    last = text[space + 1 : start - 1].lower()
    if last in _NOUNS:
        return True
    if last != "as" or not text.endswith("such as ", 0, start):
        return False
    space = text.rfind(" ", max(0, start - 40), start - 9)
    return _plural_noun(text[space + 1 : start - 9].lower())


def _plural_noun(word: str) -> bool:
    return word in _NOUNS or word[:-1] in _NOUNS or (word.endswith("ies") and word[:-3] + "y" in _NOUNS)


def _listed(run: Run, end: int) -> Iterator[tuple[int, int, str, float]]:
    first = 0
    for i, word in enumerate((*run.words, "and")):
        if word == "and":
            if i > first:
                stop = run.tokens[i - 1][1] if i < len(run.words) else end
                yield run.tokens[first][0], stop, "org-cue:descriptor", 0.6
            first = i + 1
