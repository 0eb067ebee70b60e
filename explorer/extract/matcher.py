"""Find many literal names in text at once, whole words only, longest match first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


class NameMatcher(Generic[T]):
    """Maps surface forms to values; case-sensitive, because "US" is a country and "us" is not."""

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        self._values: dict[str, T] = {}
        for name, value in names:
            self._values.setdefault(_normalise(name), value)
        pattern = _trie_pattern(self._values) or r"(?!x)x"
        # Whole words only, but hyphens may join names ("US-China", "China-based"); a trailing "'s" is
        # fine. Lookarounds instead of \b because "U.S." ends with a dot.
        self._regex = re.compile(rf"(?<![\w.&])(?:{pattern})(?![\w&])")

    def __len__(self) -> int:
        return len(self._values)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, T]]:
        normalised = _normalise(text)
        for match in self._regex.finditer(normalised):
            surface = text[match.start() : match.end()]
            yield match.start(), match.end(), surface, self._values[match.group(0)]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, factored by common prefixes.

    Python's regex engine tries a flat alternation one branch at a time at every position; a prefix
    trie lets it reject most positions after one character. Longer words win because every branch
    tries to continue before it accepts the shorter word ending at that node.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return build(trie)


def _normalise(text: str) -> str:
    # Same length in and out, so offsets found in the normalised text are valid in the original.
    return text.translate(_APOSTROPHES)
