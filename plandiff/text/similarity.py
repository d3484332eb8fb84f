"""Similarity scoring, for every stage that compares text: the only module that imports rapidfuzz.

Items are compared as sequences of Sudachi normalized forms. Each distinct form is given one
private-use character, so a token sequence becomes a short string and rapidfuzz's C routines
(``ratio``, ``partial_ratio``) score them fast; a plain loop over pairs then costs ~1 µs a pair, with
no numpy import at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel


class Alphabet:
    """Maps token forms to single characters; one per comparison so both editions share it."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, tokens: Sequence[str]) -> str:
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
