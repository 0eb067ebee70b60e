"""Find many literal names in a text at once: exact, case-sensitive, whole words, longest match first.

Names are looked up in the runs of capitalised words that runs.py finds, word by word: a span grows only
while some longer name starts with it (a set of name prefixes), so most words cost two set lookups and
the size of the gazetteer does not slow the scan down. The few names a run cannot hold in one piece
("the Netherlands", "AEX index", "xAI") are looked for as literals.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar

from explorer.extract.runs import Run, find_runs
from explorer.extract.spans import SpanIndex

T = TypeVar("T")
V = TypeVar("V")

_STRIP_DASH = re.compile(r"-[a-z]+$")
# The first halves of compound adjectives and prefixes: "Sino-Japanese", "Franco-German", "Pro-Russian".
_COMBINING_FORMS = frozenset(
    {"Sino", "Euro", "Franco", "Anglo", "Indo", "Afro", "Russo", "Austro", "Italo", "Greco", "Turco",
     "Serbo", "Judeo", "Arab", "Latin", "Pan", "Trans", "Pro", "Anti", "Non", "Post", "Pre", "Ex", "Mid",
     "Neo", "Sub", "Inter", "Cross", "Multi"}
)  # fmt: skip
# A Latin letter with an accent: where one is, names may be written with accents the table lacks.
_ACCENTED = re.compile("[À-ÖØ-öø-ɏḀ-ỿ]")
_ONE_TOKEN = re.compile(r"[\w&'’/+-]+")


class NameIndex(Generic[T, V]):
    """Surface forms → an entry made once per name from all its values (`entry`); case-sensitive, because
    "US" is a country and "us" is not."""

    def __init__(self, names: Iterable[tuple[str, T]], entry: Callable[[tuple[T, ...]], V]) -> None:
        values: dict[str, list[T]] = {}
        self._by_first_word: dict[str, list[str]] = {}  # "AEX" → ["AEX index"]: names a run cuts short
        self._prefixes: set[str] = set()  # "Bank", "Bank of": a longer name may go on from here
        lowercase: set[str] = set()
        for name, value in names:
            for form in {name, name.replace("’", "'"), name.replace("'", "’")}:
                words = form.split(" ")
                self._prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
                found = values.setdefault(form, [])
                if value not in found:
                    found.append(value)
                if _fits_one_run(form):
                    continue
                if form[:1].isupper():
                    self._by_first_word.setdefault(_first_word(form), []).append(form)
                elif form[:1].isascii() and form[:1].isalnum():
                    lowercase.add(form)  # "xAI", "the Netherlands", "10 Downing Street"
        self._values: dict[str, V] = {name: entry(tuple(found)) for name, found in values.items()}
        for forms in self._by_first_word.values():
            forms.sort(key=len, reverse=True)
        # Longest first, so "the State of Palestine" is found before any shorter name inside it. Each is
        # looked for with str.find: a regex alternation of them would stop at every "t", "a" and "e".
        self._loose = sorted(lowercase, key=len, reverse=True)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[Callable, tuple]:  # compiled (mypyc): unpickled through a function
        return (_restored_index, (self._values, self._by_first_word, self._prefixes, self._loose))

    def get(self, name: str) -> V | None:
        return self._values.get(name)

    def items(self) -> list[tuple[str, V]]:
        return list(self._values.items())

    def find(self, text: str, runs: Sequence[Run], loose: bool = True) -> list[tuple[int, int, V]]:
        """(start, end, entry) of every name, left to right; a name never overlaps a longer one.
        `loose=False`: only names inside the runs (not "the Netherlands", "xAI")."""
        values, prefixes, by_first_word = self._values, self._prefixes, self._by_first_word
        found: list[tuple[int, int, V]] = []
        for run in runs:
            tokens, words = run.tokens, run.words
            count = len(tokens)
            if count == 1 and words[0] not in by_first_word:  # most runs: one word, looked up once
                word = words[0]
                entry = values.get(word)
                if entry is not None:
                    found.append((run.start, run.end, entry))
                    continue
                if "'" not in word and "’" not in word and "-" not in word:
                    continue
            i = 0
            while i < count:
                first = words[i]
                if not first[0].isupper():
                    i += 1
                    continue
                start = tokens[i][0]
                hit, after = None, i + 1
                key, k = first, i  # grows word by word while a longer name may start with it
                while True:
                    name = key
                    if key not in values and ("'" in key or "’" in key or "-" in key):
                        name = _strip(key)
                    if name in values:
                        hit, after = (start, start + len(name), values[name]), k + 1
                    k += 1
                    if k == count or key not in prefixes:
                        break
                    key = f"{key} {words[k]}"
                if first in by_first_word:
                    longer = self._longer_than_run(text, start, first, hit)
                    if longer:
                        hit, after = longer, bisect_left(tokens, (longer[1], 0))
                if hit:
                    found.append(hit)
                elif "-" in first:  # "US-China", "Sino-Japanese": each part on its own
                    parts = first.split("-")
                    # Unless the first part names nothing: "Ust-Luga" is a port, not the town of Luga.
                    if parts[0] in values or parts[0].capitalize() in _COMBINING_FORMS:
                        offset = start
                        for part in parts:
                            if part in values:
                                found.append((offset, offset + len(part), values[part]))
                            offset += len(part) + 1
                i = after
        if _ACCENTED.search(text):
            found = self._with_folded(text, runs, found)
        unrun = self._loose_names(text) if loose else None
        if unrun:
            taken = {(s, e) for s, e, _ in found}
            found.extend(hit for hit in unrun if (hit[0], hit[1]) not in taken)
            found.sort()
        return found

    def _with_folded(
        self, text: str, runs: Sequence[Run], found: list[tuple[int, int, V]]
    ) -> list[tuple[int, int, V]]:
        """Names written with accents the table lists without them ("Táchira", "Espírito Santo" for the
        regions "Tachira", "Espirito Santo"), where nothing was found as written."""
        folded_runs = []
        for run in runs:
            words = tuple(map(_folded, run.words))
            if words != run.words:
                folded_runs.append(run._replace(words=words))
        if not folded_runs:
            return found
        taken = SpanIndex((s, e) for s, e, _ in found)
        more = [
            hit for hit in self.find(text, folded_runs, loose=False) if not taken.overlaps(hit[0], hit[1])
        ]
        return sorted(found + more, key=lambda hit: (hit[0], hit[1])) if more else found

    def _loose_names(self, text: str) -> list[tuple[int, int, V]]:
        found: list[tuple[int, int, V]] = []
        covered: list[tuple[int, int]] = []
        for name in self._loose:
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                inside = any(s <= start and end <= e for s, e in covered)
                if not inside and _whole_word(text, start, end):
                    found.append((start, end, self._values[name]))
                    covered.append((start, end))
                start = text.find(name, end)
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


def _restored_index(
    values: dict[str, Any], by_first_word: dict[str, list[str]], prefixes: set[str], loose: list[str]
) -> NameIndex[Any, Any]:
    index: NameIndex[Any, Any] = NameIndex((), entry=tuple)
    index._values, index._by_first_word, index._prefixes, index._loose = (
        values,
        by_first_word,
        prefixes,
        loose,
    )
    return index


@lru_cache(maxsize=4096)
def _folded(word: str) -> str:
    """The word without its accents, letter for letter (so that offsets still hold): "Táchira" → "Tachira";
    a letter that does not come apart into one base letter stays as it is."""
    if word.isascii():
        return word
    letters = []
    for char in word:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        letters.append(base if len(base) == 1 else char)
    return "".join(letters)


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
