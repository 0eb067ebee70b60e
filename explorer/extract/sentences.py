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
_NOT_AFTER = "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS)
_END = re.compile(rf"(?<!\b[A-Z])(?<!\b[A-Z]\.[A-Z]){_NOT_AFTER}[.!?][\"”’)\]]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _END.finditer(text))]


def sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def sentence_text(text: str, index: int) -> str:
    starts = sentence_starts(text)
    if not 0 <= index < len(starts):
        return ""
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[index] : end].strip()
