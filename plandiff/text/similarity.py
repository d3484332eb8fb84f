"""Similarity scoring, for every stage that compares text: the only module that imports rapidfuzz.

Items are compared as sequences of Sudachi normalized forms. Each distinct form is given one
private-use character, so a token sequence becomes a short string and rapidfuzz's C routines
(``ratio``, ``partial_ratio``) score them fast; a plain loop over pairs then costs ~1 µs a pair, with
no numpy import at start-up.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel


class Alphabet:
    """Maps token forms to single characters; one per comparison so both editions share it."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._done: dict[tuple[str, ...], str] = {}  # sequences met before (metrics are encoded again and again)

    def encode(self, tokens: Sequence[str]) -> str:
        if isinstance(tokens, tuple):
            done = self._done.get(tokens)
            if done is None:
                done = self._done[tokens] = self._encode(tokens)
            return done
        return self._encode(tokens)

    def _encode(self, tokens: Sequence[str]) -> str:
        out = []
        for token in tokens:
            code = self._codes.get(token)
            if code is None:
                code = chr(0xF0000 + len(self._codes))  # supplementary private-use plane
                self._codes[token] = code
            out.append(code)
        return "".join(out)


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity in [0, 1] (difflib's ratio, computed exactly)."""
    return float(Indel.normalized_similarity(a, b))


def matrix(olds: Sequence[str], news: Sequence[str]) -> list[list[float]]:
    """All-pairs similarity in [0, 1]."""
    ratio = Indel.normalized_similarity
    return [[float(ratio(o, n)) for n in news] for o in olds]


def containment(part: str, whole: str) -> float:
    """How well ``part`` appears inside ``whole`` (best-aligned substring), in [0, 1]."""
    if not part or not whole:
        return 0.0
    return float(fuzz.partial_ratio(part, whole)) / 100.0


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes between two token sequences."""
    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(a, b)]


def _elements(code: str) -> list[tuple[str, int]]:
    """A string as a multiset: each character with its occurrence number (the 2nd ``の`` is its own element)."""
    seen: dict[str, int] = {}
    out = []
    for ch in code:
        n = seen.get(ch, 0)
        seen[ch] = n + 1
        out.append((ch, n))
    return out


_HITS = 3  # a candidate must share this many of the rarest elements (or all it must share, if fewer)


def _prefixes(
    codes: Sequence[str], overlap: float, rank: dict[tuple[str, int], int]
) -> list[tuple[list[tuple[str, int]], int]]:
    """Each string's rarest elements and how many of them a string sharing at least ``overlap`` × its length
    must hold (prefix filtering: if two share t elements, the m rarest shared ones are among each one's first
    ``len - t + m``; the rest can hold only ``t - m``)."""
    out = []
    for code in codes:
        elements = sorted(_elements(code), key=rank.__getitem__)
        need = math.ceil(overlap * len(elements) - 1e-9)
        hits = min(_HITS, need)
        out.append((elements[: max(len(elements) - need + _HITS, 0)], hits))
    return out


def _ranks(*groups: Sequence[str]) -> dict[tuple[str, int], int]:
    counts: Counter[tuple[str, int]] = Counter()
    for codes in groups:
        for code in codes:
            counts.update(_elements(code))
    return {element: n for n, element in enumerate(sorted(counts, key=lambda e: (counts[e], e)))}


def similar_pairs(olds: Sequence[str], news: Sequence[str], cutoff: float) -> list[tuple[int, int, float]]:
    """Every pair (i, j, score) with ``similarity(olds[i], news[j]) >= cutoff`` (0 < cutoff ≤ 1), in (i, j)
    order, exactly as an all-pairs grid would give, but without scoring every pair: two strings that
    similar share at least ``cutoff / (2 - cutoff)`` of the longer one's characters (as a multiset), so
    they share one of each other's rarest few (an inverted index over those), and their lengths are
    close. Linear in practice: the common characters are never looked up, and a candidate must share
    several of the rare ones."""
    overlap = cutoff / (2 - cutoff)
    rank = _ranks(olds, news)
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for j, (prefix, _) in enumerate(_prefixes(news, overlap, rank)):
        for element in prefix:
            index[element].append(j)
    empty = [j for j, code in enumerate(news) if not code]  # two empty strings are the same (1.0)
    out = []
    score = Indel.normalized_similarity
    for i, (prefix, hits) in enumerate(_prefixes(olds, overlap, rank)):
        length = len(olds[i])
        low, high = overlap * length - 1e-9, length / overlap + 1e-9 if overlap else math.inf
        found = Counter(j for element in prefix for j in index.get(element, ()))
        candidates = {j for j, n in found.items() if n >= hits} if length else set(empty)
        for j in sorted(candidates):
            if low <= len(news[j]) <= high:
                value = float(score(olds[i], news[j], score_cutoff=max(cutoff - 1e-6, 0.0)))
                if value >= cutoff:
                    out.append((i, j, value))
    return out


def contained_pairs(parts: Sequence[str], wholes: Sequence[str], cutoff: float) -> list[tuple[int, int, float]]:
    """Every pair (p, w, score) with ``containment(parts[p], wholes[w]) >= cutoff``, in (p, w) order, from an
    inverted index: a part that sits that well inside a whole shares ``cutoff`` × its length of characters
    with it, so one of its rarest few is in the whole."""
    rank = _ranks(parts, wholes)
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for w, code in enumerate(wholes):
        for element in set(_elements(code)):
            index[element].append(w)
    out = []
    overlap = cutoff / (2 - cutoff)  # a window at the whole's border may be shorter than the part
    counts = [Counter(code) for code in wholes]
    for p, (prefix, hits) in enumerate(_prefixes(parts, overlap, rank)):
        if not parts[p]:
            continue
        need = overlap * len(parts[p]) - 1e-9
        mine = Counter(parts[p]).items()
        found = Counter(w for element in prefix for w in index.get(element, ()))
        candidates = {w for w, n in found.items() if n >= hits}
        for w in sorted(candidates):
            theirs = counts[w]
            if sum(min(n, theirs[ch]) for ch, n in mine) < need:
                continue  # too few characters in common: cheaper to tell than the alignment
            value = containment(parts[p], wholes[w])
            if value >= cutoff:
                out.append((p, w, value))
    return out
