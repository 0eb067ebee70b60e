"""A party's leader named by the possessive: "Netanyahu's Likud party", "Erdoğan's AKP", "May's
Conservative party". Only where nothing else was found in the name, and only before a party: before a
company the possessive is as often a parent company or a place ("Alphabet's Google")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

_WORD = r"[^\W\d_][\w-]*"
_POSSESSIVE = re.compile(rf"(?<![\w'’-])((?:{_WORD} ){{0,2}}{_WORD})['’]s (?=\S)")
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.)+ ?(?:[A-Z]\. ?)*\Z")  # "N. ", "P.V. "
_NAMED_PARTY = re.compile(rf"(?:{_WORD} ){{1,3}}[Pp]arty\b")


class Follower(NamedTuple):
    """A mention found before: its start, and whether it is a party."""

    start: int
    party: bool


def find_party_leaders(
    text: str, followers: Sequence[Follower], taken: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """(start, end) of each leader's name."""
    party_at = {f.start for f in followers if f.party}
    for match in _POSSESSIVE.finditer(text):
        start, end = match.span(1)
        words = match.group(1).split(" ")
        while words and any(not w[:1].isupper() for w in words):  # the capitalised words that end it
            start += len(words.pop(0)) + 1
        if not words:
            continue
        if initials := _INITIALS.search(text, max(0, start - 12), start):
            start = initials.start()
        after = match.end()
        if after not in party_at and not _NAMED_PARTY.match(text, after):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        yield start, end
