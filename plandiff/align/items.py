"""Comparable items: a measure (or heading) as the aligners see it.

The comparison sequence is made from Sudachi tokens of the display text: each token's normalized
form, width-folded, with fiscal-year numbers (the ``3`` of ``令和3年度``) replaced by a mark and
their years kept aside, so the rollover never lowers a score and is judged separately.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from plandiff.align.fuzzy import Alphabet
from plandiff.classify.noise import YEAR_MARK
from plandiff.parse.meta import era_to_year
from plandiff.text.normalize import fold_width
from plandiff.text.tokenize import Token, tokenize

_NUMBER_RE = re.compile(r"^(?:[0-9]+|元)$")
_ERAS = frozenset({"令和", "平成", "昭和"})


@dataclass(frozen=True, slots=True)
class Item:
    index: int  # position in its edition's list
    path: tuple[str, ...]
    text: str
    tokens: tuple[Token, ...]
    forms: tuple[str, ...]  # comparison forms, years masked
    years: tuple[int, ...]
    code: str  # forms encoded for rapidfuzz (shared alphabet)
    repost: bool = False


@lru_cache(maxsize=16384)
def _fold(form: str) -> str:
    return fold_width(form)  # token forms repeat a great deal; fold each distinct one once


def comparison_forms(tokens: Sequence[Token]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    forms: list[str] = []
    years: list[int] = []
    for i, token in enumerate(tokens):
        form = _fold(token.norm)
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if nxt == "年度" and _NUMBER_RE.match(form):
            prev = tokens[i - 1].surface if i else ""
            if prev in _ERAS:
                years.append(era_to_year(prev, form))
                form = YEAR_MARK
            elif len(form) == 4:
                years.append(int(form))
                form = YEAR_MARK
        forms.append(form)
    return tuple(forms), tuple(years)


@lru_cache(maxsize=8192)
def forms_of(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Comparison forms and fiscal years of a text, once per distinct text (editions repeat most)."""
    return comparison_forms(tokenize(text))


def make_items(entries: Sequence[tuple[tuple[str, ...], str, bool]], alphabet: Alphabet) -> tuple[Item, ...]:
    """``entries`` are (path, display text, repost) in document order."""
    items = []
    for index, (path, text, repost) in enumerate(entries):
        tokens = tokenize(text)
        forms, years = forms_of(text)
        items.append(Item(index, path, text, tokens, forms, years, alphabet.encode(forms), repost))
    return tuple(items)
