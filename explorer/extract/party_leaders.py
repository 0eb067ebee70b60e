"""A party's leader named by the possessive: "Netanyahu's Likud party", "Erdoğan's AKP", "May's
Conservative party". Only where nothing else was found in the name, and only before a party: before a
company the possessive is as often a parent company or a place ("Alphabet's Google")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from explorer.extract.spans import SpanIndex

_WORD = r"[^\W\d_][\w-]*"
# The words before a possessive, found from the "'s" back (a scan of the whole text for names followed
# by "'s" cost more than all other person rules together).
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])((?:{_WORD} ){{0,2}}{_WORD})\Z")
_POSSESSIVE_MARKS = ("'s ", "’s ")
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
    if not party_at and "arty" not in text:  # most texts name no party: nothing to look at
        return
    spans = SpanIndex(taken)
    for mark in _POSSESSIVE_MARKS:
        at = text.find(mark)
        while at >= 0:
            found = _leader_before(text, at, at + len(mark), party_at, spans)
            if found:
                yield found
            at = text.find(mark, at + 1)


def _leader_before(
    text: str, end: int, after: int, party_at: set[int], taken: SpanIndex
) -> tuple[int, int] | None:
    if after not in party_at and not _NAMED_PARTY.match(text, after):
        return None
    match = _NAME_BEFORE.search(text, max(0, end - 60), end)
    if match is None:
        return None
    start = match.start(1)
    words = match.group(1).split(" ")
    while words and any(not w[:1].isupper() for w in words):  # the capitalised words that end it
        start += len(words.pop(0)) + 1
    if not words:
        return None
    if initials := _INITIALS.search(text, max(0, start - 12), start):
        start = initials.start()
    if taken.overlaps(start, end):
        return None
    return start, end
