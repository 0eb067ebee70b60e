"""An organisation named in full once and later by its first word alone ("Rio Tinto … Rio, which holds
its interest …"): the later word is the same organisation. Only a word that names nothing else: not a
place, not a word that any name may begin with ("National", "China")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from explorer.extract.bare_names import THINGS
from explorer.extract.org_cues import OPENERS
from explorer.extract.org_rules import NAME_HEADS
from explorer.extract.spans import SpanIndex

_FIRST_WORD = re.compile(r"[A-Z][A-Za-z&-]{2,}")


class FullName(NamedTuple):
    start: int
    end: int
    surface: str


def find_short_forms(
    text: str,
    full_names: Sequence[FullName],
    names_something: Callable[[str], bool],
    taken: Sequence[tuple[int, int]],
) -> Iterator[tuple[int, int, int]]:
    """(start, end, index of the full name) of each later use of a full name's first word on its own.
    `names_something(word)`: whether the word is a known name by itself (a place, another body)."""
    before = SpanIndex(taken)
    found: list[tuple[int, int]] = []
    for index, full in enumerate(full_names):
        words = full.surface.split()
        first = words[0] if len(words) >= 2 else ""
        if not _FIRST_WORD.fullmatch(first) or first in OPENERS or first in THINGS or first in NAME_HEADS:
            continue
        if names_something(first):
            continue
        at = text.find(first, full.end)
        while at >= 0:
            start, end = at, at + len(first)
            at = text.find(first, end)
            if _joins(text[start - 1 : start]) or _joins(text[end : end + 1]):
                continue  # inside a longer word or name
            if text[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
                continue  # goes on as another name ("Rio Grande")
            if before.overlaps(start, end) or any(s < end and start < e for s, e in found):
                continue
            found.append((start, end))
            yield start, end, index


def _joins(char: str) -> bool:
    """Whether a character next to a word makes it part of a longer word or name."""
    return bool(char) and (char.isalnum() or char in "&.-_")
