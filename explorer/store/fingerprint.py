"""Content fingerprints for near-duplicate detection: word shingles, MinHash band keys, exact overlap.

A briefing's words (lower-cased, punctuation dropped) are cut into overlapping runs of three. A MinHash
signature of those shingles (datasketch) is split into bands; two texts whose shingle sets have a
Jaccard similarity s share at least one band key with probability 1 - (1 - s^ROWS)^BANDS: with 20
bands of 3, 0.93 at s = 0.5 and 0.9997 at s = 0.7. Band keys only find candidates; every candidate is
then compared exactly.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

SHINGLE_WORDS = 3  # shingles() cuts runs of three words
BANDS = 20
ROWS = 3
# Fewer shingles than this: too little text to call two briefings the same story.
MIN_SHINGLES = 8
# Stored band keys depend on the permutation scheme: it is named, never left to the library's default.
_SCHEME = "affine32"
_WORD = re.compile(r"[^\W_]+")


class Fingerprint(NamedTuple):
    """What finds a briefing's copies: its band keys, and its MinHash signature to estimate the
    similarity of each candidate before any exact comparison (an import holds thousands of these: the
    shingles themselves are made again only for the few candidates worth comparing)."""

    keys: tuple[int, ...]
    signature: bytes  # BANDS * ROWS unsigned 32-bit values


def fingerprint(texts: Iterable[str]) -> Fingerprint | None:
    """The band keys and signature of a text; None when it is too short to compare."""
    found = shingles(texts)
    if len(found) < MIN_SHINGLES:
        return None
    values = _minhash(found)
    return Fingerprint(tuple(_band_keys(values)), values.astype("<u4").tobytes())


def estimated_similarity(a: bytes, b: bytes) -> float:
    """The share of equal signature values: an estimate of the two texts' Jaccard similarity."""
    import numpy as np

    first, second = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float((first == second).mean()) if len(first) == len(second) and len(first) else 0.0


def shingles(texts: Iterable[str]) -> frozenset[str]:
    words = [w.casefold() for text in texts for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


def _minhash(shingle_set: frozenset[str]):
    from datasketch import MinHash  # loads scipy: only when an import needs it

    signature = MinHash(
        num_perm=BANDS * ROWS, seed=7, hashfunc=zlib.crc32, permutations=_permutations(), scheme=_SCHEME
    )
    signature.update_batch([s.encode("utf-8") for s in shingle_set])
    return signature.hashvalues


def _band_keys(values) -> list[int]:
    """One 32-bit key per band of the MinHash signature (the band's number is part of the key)."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=4).digest()
        keys.append(int.from_bytes(digest, "big"))
    return keys


@cache
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=BANDS * ROWS, seed=7, scheme=_SCHEME).permutations


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set found in the larger one (a feed's summary inside the full article)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)
