"""Comparable items: a measure (or heading) as the aligners see it.

The comparison sequence is made from Sudachi tokens of the display text: each token's normalized
form, width-folded, with fiscal-year numbers (the ``3`` of ``令和3年度``) replaced by a mark and
their years kept aside, so the rollover never lowers a score and is judged separately. A year in dual
notation, ``2023年度（令和５年度）`` (or ``令和５年度（2023年度）``), is one year: its second half gets
a mark of its own and no year, so the pair rolls over as one mention and a half that did not roll
with the other (``2024年度（令和５年度）``) no longer matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from plandiff.align.fuzzy import Alphabet
from plandiff.classify.noise import ECHO_MARK, YEAR_MARK
from plandiff.parse.meta import era_to_year
from plandiff.text.normalize import fold_width
from plandiff.text.tokenize import Token, tokenize

_NUMBER_RE = re.compile(r"^(?:[0-9]+|元)$")
_ERAS = frozenset({"令和", "平成", "昭和"})
_OPEN = frozenset({"(", "（"})
_CLOSE = frozenset({")", "）"})


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


def _fiscal_year(tokens: Sequence[Token], i: int) -> int | None:
    """The fiscal year token ``i`` writes (``3`` of ``令和3年度``, ``2021`` of ``2021年度``), if any."""
    form = _fold(tokens[i].norm)
    if i + 1 >= len(tokens) or tokens[i + 1].norm != "年度" or not _NUMBER_RE.match(form):
        return None
    prev = tokens[i - 1].surface if i else ""
    if prev in _ERAS:
        return era_to_year(prev, form)
    if len(form) == 4:
        return int(form)
    return None


def _echo(tokens: Sequence[Token], i: int, year: int) -> int | None:
    """``2023年度（令和５年度）``: the index of the number in the brackets when it is ``year`` again."""
    j = i + 2  # past the number and 年度
    if j < len(tokens) and _fold(tokens[j].norm) in _OPEN:
        number = j + 2 if j + 1 < len(tokens) and tokens[j + 1].surface in _ERAS else j + 1
        if (
            number + 2 < len(tokens)
            and _fold(tokens[number + 2].norm) in _CLOSE
            and _fiscal_year(tokens, number) == year
        ):
            return number
    return None


def comparison_forms(tokens: Sequence[Token]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    forms: list[str] = []
    years: list[int] = []
    echoes: set[int] = set()
    for i, token in enumerate(tokens):
        if i in echoes:
            forms.append(ECHO_MARK)
            continue
        year = _fiscal_year(tokens, i)
        if year is None:
            forms.append(_fold(token.norm))
            continue
        years.append(year)
        forms.append(YEAR_MARK)
        echo = _echo(tokens, i, year)
        if echo is not None:
            echoes.add(echo)
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
