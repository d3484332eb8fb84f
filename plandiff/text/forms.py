"""Comparison forms and the noise rule for years (never shown: the changelog shows the documents' text).

The comparison sequence is made from Sudachi tokens of the display text: each token's normalized
form, width-folded, with fiscal-year numbers (the ``3`` of ``令和3年度``) replaced by a mark and
their years kept aside, so the rollover never lowers a score and is judged separately
(:func:`rollover`). A year in dual notation, ``2023年度（令和５年度）`` (or ``令和５年度（2023年度）``),
is one year: its second half gets a mark of its own and no year, so the pair rolls over as one
mention and a half that did not roll with the other (``2024年度（令和５年度）``) no longer matches.

Only *fiscal-year* mentions (…年度) roll over; a dated event such as 令和2年7月豪雨 or
令和2年4月7日閣議決定 keeps its date and must match exactly. A deadline is no rollover either:
``2025年度までに`` (also 〜年度中に, 〜年度を目途に, 〜年度末まで) keeps its number, so a deadline moved by
the editions' distance is a change (:func:`deadlines` finds them for the classifier).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from plandiff.text.normalize import fold_width, key
from plandiff.text.tokenize import Token, tokenize
from plandiff.text.years import era_to_year

YEAR_MARK = "\ue000"  # stands for a fiscal year in comparison sequences (see plandiff.align.items)
# the second half of a dual notation, 2023年度（令和５年度）: the same year again, so it is no mention of its own
ECHO_MARK = "\ue001"
_NUMBER_RE = re.compile(r"^(?:[0-9]+|元)$")
_ERAS = frozenset({"令和", "平成", "昭和"})
_OPEN = frozenset({"(", "（"})
_CLOSE = frozenset({")", "）"})


def rollover(old: tuple[int, ...], new: tuple[int, ...], delta: int) -> int | None:
    """How many year mentions rolled over by ``delta``; ``None`` if any differs otherwise."""
    if len(old) != len(new):
        return None
    rolled = 0
    for o, n in zip(old, new, strict=True):
        if n == o:
            continue
        if delta and n - o == delta:
            rolled += 1
            continue
        return None
    return rolled


@lru_cache(maxsize=16384)
def _fold(form: str) -> str:
    return fold_width(form)  # token forms repeat a great deal; fold each distinct one once


_DEADLINE = (("まで",), ("中", "に"), ("目途",), ("を", "目途"), ("めど",), ("を", "めど"))
_EVENT = frozenset({"から", "より", "以降", "補正"})  # 令和3年度から…, 令和2年度補正予算: a dated event


def _followed_by(tokens: Sequence[Token], j: int, words: tuple[str, ...]) -> bool:
    return tuple(t.surface for t in tokens[j : j + len(words)]) == words


def _year_number(tokens: Sequence[Token], i: int) -> int | None:
    """The Gregorian year a number token writes before 年度/年度末 (``3`` of 令和3年度, ``2025``)."""
    form = _fold(tokens[i].norm)
    if not _NUMBER_RE.match(form):
        return None
    prev = tokens[i - 1].surface if i else ""
    if prev in _ERAS:
        return era_to_year(prev, form)
    return int(form) if len(form) == 4 else None


def deadlines(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    """(token index, Gregorian year) of each deadline: 〜年度までに, 〜年度中に, 〜年度を目途に, 〜年度末まで."""
    out = []
    for i in range(len(tokens) - 2):
        after = tokens[i + 1].norm
        if after == "年度" and any(_followed_by(tokens, i + 2, w) for w in _DEADLINE):
            pass
        elif not (after == "年度末" and _followed_by(tokens, i + 2, ("まで",))):
            continue
        year = _year_number(tokens, i)
        if year is not None:
            out.append((i, year))
    return tuple(out)


def dated_event(tokens: Sequence[Token], i: int) -> str | None:
    """The word after ``令和3年度`` when it dates an event (から, より, 以降, 補正), else None."""
    word = tokens[i + 2].surface if i + 2 < len(tokens) else ""
    return word if word in _EVENT else None


def _fiscal_year(tokens: Sequence[Token], i: int) -> int | None:
    """The fiscal year token ``i`` writes (``3`` of ``令和3年度``, ``2021`` of ``2021年度``), if any."""
    form = _fold(tokens[i].norm)
    if i + 1 >= len(tokens) or tokens[i + 1].norm != "年度" or not _NUMBER_RE.match(form):
        return None
    if any(_followed_by(tokens, i + 2, w) for w in _DEADLINE):
        return None  # a deadline: never rollover
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


# a fiscal year written out (令和3年度, 2021年度): masked where a key must outlive the rollover
FISCAL_YEAR_RE = re.compile(r"(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度|[12][0-9]{3}\s*年度")


@lru_cache(maxsize=65536)  # titles and labels repeat in every edition
def title_key(text: str) -> str:
    """A heading's title or a budget label as a key: its fiscal years masked, then :func:`key` (the key the
    comparison numbers heading ids by, and a history follows headings and budget rows by)."""
    return key(FISCAL_YEAR_RE.sub("年度", text))


_YEAR_WORD_RE = re.compile(r"(?:令和|平成|昭和)?(?:元|[0-9]+)(?=年度)")


@lru_cache(maxsize=16384)  # every edition of a series repeats most texts
def identity_key(text: str) -> str:
    """What a change id is made from: the text width-folded, spaces removed, every ``…年度`` number masked
    (a rolled year, or a deadline moved, keeps an item's id). Cheap: no tokenising, so every item of both
    editions can have one while only the changed ones are tokenised."""
    return _YEAR_WORD_RE.sub(YEAR_MARK, key(text))


@lru_cache(maxsize=8192)
def forms_of(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Comparison forms and fiscal years of a text, once per distinct text (editions repeat most)."""
    return comparison_forms(tokenize(text))
