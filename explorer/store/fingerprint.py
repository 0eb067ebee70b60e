"""Content fingerprints for near-duplicate detection: word shingles, MinHash band keys, exact overlap.

A briefing's words (lower-cased, punctuation dropped) are cut into overlapping runs of three. A MinHash
signature of those shingles is split into bands; two texts whose shingle sets have a
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
    values = minhash_values(found)
    return Fingerprint(tuple(_band_keys(values)), values.astype("<u4").tobytes())


def estimated_similarities(signature: bytes, others: list[tuple[int, bytes]]) -> dict[int, float]:
    """The share of equal signature values with each of the others, by id: an estimate of the texts'
    Jaccard similarity. One array operation for all (a common sentence brings dozens of candidates)."""
    import numpy as np

    mine = np.frombuffer(signature, dtype="<u4")
    same = [(other_id, theirs) for other_id, theirs in others if len(theirs) == len(signature)]
    if not same or not len(mine):
        return {other_id: 0.0 for other_id, _ in others}
    stacked = np.frombuffer(b"".join(theirs for _, theirs in same), dtype="<u4").reshape(len(same), -1)
    shares = (stacked == mine).mean(axis=1)
    found = {other_id: 0.0 for other_id, _ in others}
    found.update(zip((other_id for other_id, _ in same), shares.tolist(), strict=True))
    return found


def shingles(texts: Iterable[str]) -> frozenset[str]:
    words = list(map(str.casefold, _WORD.findall(" ".join(texts))))
    if len(words) < SHINGLE_WORDS:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


def minhash_values(shingle_set: frozenset[str]):
    """The MinHash signature of the shingles: for each of the BANDS * ROWS permutations, the least
    (a * fmix32(crc32(shingle)) + b) mod 2^32. This is datasketch 2.0's "affine32" scheme with seed 7,
    value for value (a test holds them equal), made here with numpy alone: importing datasketch loads
    scipy, 56 MB in every extraction worker."""
    import numpy as np

    a, b = _permutations()
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, shingle_set)), np.uint32, len(shingle_set))
    mixed = _fmix32(hashed)
    return (a[:, None] * mixed[None, :] + b[:, None]).min(axis=1)  # uint32 arithmetic wraps: mod 2^32


def _fmix32(values):
    """MurmurHash3's finalizer: spreads structured hashes before the affine permutations."""
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


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
    """The (a, b) of each permutation, drawn as datasketch draws them for seed 7: `a` odd, so each map is
    a bijection on 32-bit values."""
    import numpy as np

    count, generator = BANDS * ROWS, np.random.RandomState(7)
    a = generator.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, count, dtype=np.uint32)
    return a, b


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
