"""Sentence boundaries, good enough to say which mentions share a sentence."""

from __future__ import annotations

import re
from bisect import bisect_right

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before a space and a capital,
# a digit or an opening quote. "U.S. officials" is one sentence: the next word after "U.S." is lower-case
# often enough, and abbreviations of a single capital letter are skipped.
_ABBREVIATIONS = (
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "St",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Inc",
    "Corp",
    "Co",
    "No",
    "vs",
    "Jr",
)
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS)
# Find the candidate ends first (fast), then look at the word before each one in Python: a regex with the
# abbreviations as lookbehinds would try all of them at every character of the text.
_AFTER_END = r"[\"”’)\]]?\s+(?=[\"“‘(]?[A-Z0-9])"
# One pattern per stop character: a pattern that starts with one literal character skips ahead to it at
# memchr speed, while a class of three ([.!?]) is tested at every character of the text.
_ENDS = tuple(re.compile(re.escape(stop) + _AFTER_END) for stop in ".!?")
_INITIALS = re.compile(r"(?:.*\.)?[A-Z]\.[A-Z]")


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _candidate_ends(text):
        end = match.start()
        if text[end - 5 : end].isalpha():  # five letters before the stop: no abbreviation or initial is
            starts.append(match.end())
            continue
        begin = end
        while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
            begin -= 1
        word = text[begin:end]
        if (len(word) == 1 and word.isupper()) or word in _ABBREVIATION_SET or _INITIALS.fullmatch(word):
            continue
        starts.append(match.end())
    return starts


def _candidate_ends(text: str) -> list[re.Match[str]]:
    full_stops, exclamations, questions = (list(pattern.finditer(text)) for pattern in _ENDS)
    if not exclamations and not questions:  # most texts
        return full_stops
    return sorted([*full_stops, *exclamations, *questions], key=re.Match.start)


def sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def sentence_span(text: str, index: int) -> tuple[int, int]:
    """Where sentence `index` lies in `text`, without its surrounding spaces; (0, 0) if there is none."""
    starts = sentence_starts(text)
    if not 0 <= index < len(starts):
        return 0, 0
    start, end = starts[index], starts[index + 1] if index + 1 < len(starts) else len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_text(text: str, index: int) -> str:
    start, end = sentence_span(text, index)
    return text[start:end]
