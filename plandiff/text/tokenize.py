"""Sudachi tokenisation: the only module that imports sudachipy.

One tokenizer per process (dictionary loading costs ~0.2 s), split mode C, item by item: Sudachi
refuses inputs over 49,149 bytes, so longer text is cut at sentence ends first. Comparison uses
``normalized_form()`` (取組 = 取り組み, 引継ぎ = 引き継ぎ, ＩＴ = IT); display always uses the surface.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

_MAX_BYTES = 40_000  # under Sudachi's 49,149-byte limit, with room for multi-byte characters
_SENTENCE_RE = re.compile(r"(?<=[。．\n])")


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: a plan has ~40,000 tokens, and a tuple is built ~3× faster."""

    surface: str  # as written
    norm: str  # Sudachi normalized form, for comparison
    pos: str  # coarse part of speech (名詞, 動詞, 補助記号 …)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import Dictionary, SplitMode  # deferred: loading the dictionary is the cost

    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def _chunks(text: str) -> list[str]:
    if len(text.encode("utf-8")) <= _MAX_BYTES:
        return [text]
    out: list[str] = []
    current = ""
    for piece in _SENTENCE_RE.split(text):
        while len(piece.encode("utf-8")) > _MAX_BYTES:  # a sentence longer than the limit: hard cut
            cut = len(piece) // 2
            out.extend(_chunks(piece[:cut]))
            piece = piece[cut:]
        if len((current + piece).encode("utf-8")) > _MAX_BYTES:
            out.append(current)
            current = ""
        current += piece
    if current:
        out.append(current)
    return out


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of one item (a measure, a heading, a target line); cached, since editions repeat text."""
    tokenizer = _tokenizer()
    out: list[Token] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        for m in tokenizer.tokenize(chunk):
            surface = m.surface()
            if surface.isspace():
                if out:  # keep spacing for display ("Be a Great Small.") without a token of its own
                    last = out[-1]
                    out[-1] = Token(last.surface + surface, last.norm, last.pos)
                continue
            out.append(Token(surface, m.normalized_form(), m.part_of_speech()[0]))
    return tuple(out)


def norms(text: str) -> tuple[str, ...]:
    """The normalized forms of ``text``'s tokens, whitespace dropped: the comparison sequence."""
    return tuple(t.norm for t in tokenize(text))
