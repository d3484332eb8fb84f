"""What is not change: the fiscal-year rollover, and the text differences keys already fold away.

A plan for the next year repeats most sentences with its own year moved on: 令和3年度 → 令和4年度,
2021年度 → 2022年度. Only *fiscal-year* mentions (…年度) roll over; a dated event such as
令和2年7月豪雨 or 令和2年4月7日閣議決定 keeps its date and must match exactly. A year written in both
calendars, 2023年度（令和５年度）, is one mention: 2023年度（令和５年度）→ 2024年度（令和６年度）is one rollover.
"""

from __future__ import annotations

YEAR_MARK = "\ue000"  # stands for a fiscal year in comparison sequences (see plandiff.align.items)
# the second half of a dual notation, 2023年度（令和５年度）: the same year again, so it is no mention of its own
ECHO_MARK = "\ue001"


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
