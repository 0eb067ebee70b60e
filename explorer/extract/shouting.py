"""Text in capitals: datelines ("LONDON 1996-08-22", "NEW YORK (Reuters) -") and headlines ("TALKS IN
MOSCOW END WITHOUT DEAL").

Names are matched case-sensitively ("US" is a country, "us" is not), so a name in capitals is never found
as written. Here the shouted stretches are found and given their words in title case, at the same offsets,
so the known names in them can be looked up ("MOSCOW" → "Moscow"). Acronyms stay as written: a name such
as "NATO" is found in the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.extract.runs import UPPER, Run, find_runs

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
# What follows the place of a dateline: a date, an agency in brackets, or a dash.
_AFTER_DATELINE = re.compile(rf",?\s+(?:\d{{4}}-\d\d-\d\d|{_MONTH})|\s+\(|,?\s+-")
_WORD = re.compile(rf"[{UPPER}][{UPPER}'’.&]*")
_HEADLINE_WORD = re.compile(rf"[{UPPER}]{{4}}")
_LOWERED = ("OF", "AND", "THE", "DE", "EL", "LA")
_JOINS = frozenset({", ", " ", " - ", ": "})  # what may stand between two shouted runs of one headline
MIN_LETTERS = 3  # shorter words in capitals are acronyms far more often than names ("US", "EU", "UN")


def shouted(text: str, runs: Sequence[Run]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text in capitals: two or more words in capitals in a row (a
    headline), or one opening a line before a date or an agency (a dateline). Read off the runs of
    capitalised words, which every headline word belongs to."""
    stretches: list[tuple[int, int]] = []
    single: tuple[int, int] | None = None  # the last lone word in capitals: "BLAIR" of "BLAIR, CHIRAC AGREE"
    for run in runs:
        words, tokens = run.words, run.tokens
        i = 0
        while i < len(words):
            word = words[i]
            if len(word) < 2 or not word.isupper():  # most words: the test inlined
                i += 1
                continue
            j = i + 1
            while j < len(words) and (_loud(words[j]) or _joining(words, j)):
                j += 1
            start, end = tokens[i][0], tokens[j - 1][1]
            if stretches and text[stretches[-1][1] : start] in _JOINS:
                stretches[-1] = (stretches[-1][0], end)  # "ALBRIGHT, PRIMAKOV END TALKS"
            elif j - i >= 2 or ((start == 0 or text[start - 1] == "\n") and _AFTER_DATELINE.match(text, end)):
                if single is not None and text[single[1] : start] in _JOINS:
                    start = single[0]
                stretches.append((start, end))
            else:
                single = (start, end)
            i = j
    # A headline has a word of four letters or more: "US AI" or "UK and US" are acronyms side by side.
    return [
        (s, e) for s, e in stretches if _HEADLINE_WORD.search(text, s, e) or _AFTER_DATELINE.match(text, e)
    ]


def _joining(words: Sequence[str], j: int) -> bool:
    """A connector inside a headline ("BANK OF ENGLAND"): between two words in capitals."""
    return words[j].upper() in _LOWERED and j + 1 < len(words) and _loud(words[j + 1])


def _loud(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def shouted_runs(text: str, stretches: list[tuple[int, int]]) -> tuple[str, list[Run]]:
    """The stretches in title case with blanks everywhere else (every offset kept), and their runs of
    capitalised words, ready for the name lookup."""
    pieces: list[str] = []
    runs: list[Run] = []
    at = 0
    for start, end in stretches:
        cased = _WORD.sub(_title_case, text[start:end])
        pieces += (" " * (start - at), cased)
        at = end
        for r in find_runs(cased):
            tokens = tuple((s + start, e + start) for s, e in r.tokens)
            runs.append(Run(r.start + start, r.end + start, tokens, r.words))
    pieces.append(" " * (len(text) - at))
    return "".join(pieces), runs


def _title_case(word: re.Match[str]) -> str:
    """A word in capitals in title case; words of fewer than MIN_LETTERS letters keep their capitals,
    "OF", "AND"… go lower case, and a word some of whose letters change length in lower case stays."""
    letters = word.group()
    if letters in _LOWERED:
        lowered = letters.lower()
    elif len(letters) < MIN_LETTERS:
        return letters
    else:
        lowered = letters[0] + letters[1:].lower()
    return lowered if len(lowered) == len(letters) else letters
