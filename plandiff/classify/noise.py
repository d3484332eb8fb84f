"""What is not change: the fiscal-year rollover, and the text differences keys already fold away.

A plan for the next year repeats most sentences with its own year moved on: 令和3年度 → 令和4年度,
2021年度 → 2022年度. Only *fiscal-year* mentions (…年度) roll over; a dated event such as
令和2年7月豪雨 or 令和2年4月7日閣議決定 keeps its date and must match exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plandiff.parse.meta import era_to_year

_FISCAL_YEAR_RE = re.compile(r"(令和|平成|昭和)(元|[0-9]+)年度|([0-9]{4})年度")
YEAR_MARK = "\ue000"  # a private-use character stands for a masked fiscal year in comparison keys


@dataclass(frozen=True, slots=True)
class Masked:
    key: str  # the comparison key with each fiscal year replaced by YEAR_MARK
    years: tuple[int, ...]  # the masked years, as Gregorian fiscal years, in order


def mask_years(key: str) -> Masked:
    """Mask fiscal years in a comparison key (already NFKC-folded, so digits are ASCII)."""
    years: list[int] = []

    def repl(m: re.Match[str]) -> str:
        years.append(era_to_year(m.group(1), m.group(2)) if m.group(1) else int(m.group(3)))
        return YEAR_MARK + "年度"

    return Masked(_FISCAL_YEAR_RE.sub(repl, key), tuple(years))


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


def shift_year_text(text: str, delta: int) -> str:
    """``text`` with every fiscal-year mention moved on by ``delta`` (for display-neutral diffs)."""
    if not delta:
        return text

    def repl(m: re.Match[str]) -> str:
        if m.group(1):
            number = 1 if m.group(2) == "元" else int(m.group(2))
            return f"{m.group(1)}{number + delta}年度"
        return f"{int(m.group(3)) + delta}年度"

    return _FISCAL_YEAR_RE.sub(repl, text)
