"""Find many literal names in a text at once: exact, case-sensitive, whole words, longest match first.

Names are looked up in the runs of capitalised words that runs.py finds (one dictionary lookup per
candidate span instead of one regex branch per name), so the size of the gazetteer does not slow the
scan down. The few names a run cannot hold in one piece ("the Netherlands", "AEX index", "xAI") are
found by a small regex of literals.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from explorer.extract.runs import Run, find_runs

T = TypeVar("T")

_STRIP_DASH = re.compile(r"-[a-z]+$")
_ONE_TOKEN = re.compile(r"[\w&'’/+-]+")


class NameIndex(Generic[T]):
    """Surface forms → values; case-sensitive, because "US" is a country and "us" is not."""

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        values: dict[str, list[T]] = {}
        self._by_first_word: dict[str, list[str]] = {}  # "AEX" → ["AEX index"]: names a run cuts short
        self._words: dict[str, int] = {}  # first word → the most words of a name that starts with it
        lowercase: set[str] = set()
        for name, value in names:
            for form in {name, name.replace("’", "'"), name.replace("'", "’")}:
                words = form.split(" ")
                self._words[words[0]] = max(self._words.get(words[0], 1), len(words))
                found = values.setdefault(form, [])
                if value not in found:
                    found.append(value)
                if _fits_one_run(form):
                    continue
                if form[:1].isupper():
                    self._by_first_word.setdefault(_first_word(form), []).append(form)
                elif form[:1].isascii() and form[:1].isalnum():
                    lowercase.add(form)  # "xAI", "the Netherlands", "10 Downing Street"
        self._values: dict[str, tuple[T, ...]] = {name: tuple(found) for name, found in values.items()}
        for forms in self._by_first_word.values():
            forms.sort(key=len, reverse=True)
        ordered = sorted(lowercase, key=len, reverse=True)
        # No lookbehind in front: a pattern that starts with literals lets the regex engine skip ahead.
        self._loose = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __len__(self) -> int:
        return len(self._values)

    def get(self, name: str) -> tuple[T, ...]:
        return self._values.get(name, ())

    def find(self, text: str, runs: Sequence[Run]) -> list[tuple[int, int, tuple[T, ...]]]:
        """(start, end, values) of every name, left to right; a name never overlaps a longer one."""
        values, most_words, by_first_word = self._values, self._words, self._by_first_word
        found: list[tuple[int, int, tuple[T, ...]]] = []
        for run in runs:
            tokens = run.tokens
            count = len(tokens)
            i = 0
            while i < count:
                start, first_end = tokens[i]
                if not text[start].isupper():
                    i += 1
                    continue
                first = text[start:first_end]
                hit, after = None, i + 1
                for k in range(min(count, i + most_words.get(first, 1)) - 1, i, -1):
                    key = text[start : tokens[k][1]]
                    name = key if key in values else _strip(key)
                    if name in values:
                        hit, after = (start, start + len(name), values[name]), k + 1
                        break
                if hit is None:
                    name = first if first in values else _strip(first)
                    if name in values:
                        hit = (start, start + len(name), values[name])
                if first in by_first_word:
                    longer = self._longer_than_run(text, start, first, hit)
                    if longer:
                        hit, after = longer, bisect_left(tokens, (longer[1], 0))
                if hit:
                    found.append(hit)
                elif "-" in first:  # "US-China": each part on its own
                    offset = start
                    for part in first.split("-"):
                        if part in values:
                            found.append((offset, offset + len(part), values[part]))
                        offset += len(part) + 1
                i = after
        if self._loose is not None:
            taken = {(s, e) for s, e, _ in found}
            for match in self._loose.finditer(text):
                start, end = match.span()
                if _whole_word(text, start, end) and (start, end) not in taken:
                    found.append((start, end, values[match.group()]))
            found.sort()
        return found

    def _longer_than_run(self, text: str, start: int, first: str, hit: tuple | None) -> tuple | None:
        """A name that goes on past its run ("Ministry of Economy, Trade and Industry", "AEX index")."""
        for form in self._by_first_word[first]:
            stop = start + len(form)
            if text.startswith(form, start) and _whole_word(text, start, stop):
                if hit is None or stop > hit[1]:
                    return (start, stop, self._values[form])
                return None
        return None


def _first_word(name: str) -> str:
    return re.split(r"[ ,]", name, maxsplit=1)[0]


def _strip(key: str) -> str:
    """ "Nvidia's" → "Nvidia"; "Emirates'" → "Emirates"; "China-based" → "China"."""
    if key.endswith(("'s", "’s")):
        return key[:-2]
    if key.endswith(("'", "’")):  # "the United Arab Emirates' baseline"
        return key[:-1]
    if "-" in key:
        return _STRIP_DASH.sub("", key)
    return key


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_.&") and not (after.isalnum() or after in "_&")


def _fits_one_run(name: str) -> bool:
    if name[:1].isupper() and " " not in name and _ONE_TOKEN.fullmatch(name):
        return True
    runs = find_runs(name)
    return len(runs) == 1 and runs[0].start == 0 and runs[0].end == len(name)
