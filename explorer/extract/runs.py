"""Runs of capitalised words: the one scan of a text that places, people and unknown organisations share.

A run is a sequence of words joined by single spaces where every word starts with a capital letter or a
digit, or is a connector inside a name ("Bank of Japan", "Luiz Inácio Lula da Silva"). A run ends at a
sentence end ("China. The"), so looking around a run never crosses into the next sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
CONNECTORS = frozenset(
    {"of", "and", "the", "de", "da", "do", "dos", "das", "del", "la", "el", "al", "am", "upon", "für", "du",
     "von", "van", "der", "bin", "bint", "ng", "y", "&", "for", "di", "le", "por", "para", "pour"}
)  # fmt: skip
_WORD = rf"[{UPPER}][\w&.'’/+-]*"
# A particle joined to the name it belongs to, inside a run: "Abdel Fattah al-Sisi", "Saad al-Kaabi".
JOINED_PARTICLE = r"(?:al|el|ul|ibn|bin|abu|ben|ould|ag)-"
_RUN = re.compile(
    rf"{_WORD}(?: (?:(?:{'|'.join(sorted(CONNECTORS, key=len, reverse=True))}) )*"
    rf"(?:{_WORD}|{JOINED_PARTICLE}{_WORD}|[0-9][\w.+-]*))*"
)
# A word ending in a dot ends the sentence unless it is an initial or a known abbreviation.
_ABBREVIATIONS = frozenset(
    {"Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "Sr.", "St.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Gen.",
     "Sen.", "Rep.", "Gov.", "No.", "Mt.", "Ft.", "Bros."}
)  # fmt: skip
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# Hot records are built with tuple.__new__: a named tuple's own constructor is a Python function, and a
# briefing makes hundreds of them (each call this way takes about half the time).
new_record = tuple.__new__


class Run(NamedTuple):
    start: int
    end: int
    tokens: tuple[tuple[int, int], ...]  # (start, end) of each word, connectors included
    words: tuple[str, ...]  # the text of each token


def find_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    append = runs.append
    for match in _RUN.finditer(text):
        word = match.group()
        start, end = match.span()
        if " " not in word:  # most runs are one word
            if word[-1] == "." and not _keeps_sentence(word):
                end -= 1
                word = word[:-1]
            append(new_record(Run, (start, end, ((start, end),), (word,))))
            continue
        parts = word.split(" ")
        tokens: list[tuple[int, int]] = []
        position = start
        if "." not in word:  # no word in the run can end a sentence
            for part in parts:
                end = position + len(part)
                tokens.append((position, end))
                position = end + 1
            append(new_record(Run, (start, end, tuple(tokens), tuple(parts))))
            continue
        words: list[str] = []
        for part in parts:
            end = position + len(part)
            if part[-1] == "." and not _keeps_sentence(part):
                tokens.append((position, end - 1))  # the full stop is not part of the name
                words.append(part[:-1])
                _close(runs, tokens, words)
                tokens, words = [], []
            else:
                tokens.append((position, end))
                words.append(part)
            position = end + 1
        _close(runs, tokens, words)
    return runs


def _keeps_sentence(word: str) -> bool:
    return word in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _close(runs: list[Run], tokens: list[tuple[int, int]], words: list[str]) -> None:
    if tokens:
        runs.append(Run(tokens[0][0], tokens[-1][1], tuple(tokens), tuple(words)))
