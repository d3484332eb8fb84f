"""Commitment strength: did a reworded measure promise more, or less?

Japanese policy drafting grades its commitments with a small set of stock expressions (the 霞が関文学
of plans and budgets). The lexicon below pairs them, strong against weak, one scale each:

| scale | strong (a commitment) | weak (an intention) |
|---|---|---|
| action | 実施する, 推進する, 図る, 行う, 取り組む, 講じる, 徹底する, 確保する, 達成する | 検討する, 検討を行う, 検討を進める, 努める, 目指す, 研究する, 促す |
| certainty | 必ず, 確実に, 着実に, 全ての | 可能な限り, できる限り, 必要に応じて, 適宜, 一部 |
| degree | 以上, 超 | 程度, 目途, 目安 |
| direction | 強化, 拡充, 拡大, 加速, 抜本的 | 継続, 維持, 引き続き |

Only the words a diff removed or added count (after edits one or two characters apart are merged into
one replacement, so ``を図る`` → ``の検討を行う`` is seen whole). A weak expression is matched first
and taken out, so 行う inside 検討を行う is not also read as strong. Each strong word removed or weak
word added counts −1, each strong word added or weak word removed +1: below zero the measure is
``weakened``, above ``strengthened``, otherwise neither.
"""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.model import Strength
from plandiff.text.segments import merge

STRONG = (
    "実施する", "推進する", "図る", "行う", "取り組む", "講じる", "徹底する", "確保する", "達成する",
    "必ず", "確実に", "着実に", "全ての",
    "以上", "超",
    "強化", "拡充", "拡大", "加速", "抜本的",
)  # fmt: skip
WEAK = (
    "検討を行う", "検討を進める", "検討する", "検討", "努める", "目指す", "研究する", "促す",
    "可能な限り", "できる限り", "必要に応じて", "適宜", "一部",
    "程度", "目途", "目安",
    "継続", "維持", "引き続き",
)  # fmt: skip


def _count(text: str) -> tuple[int, int]:
    """(strong, weak) expressions in ``text``; a weak one is taken out before strong ones are counted."""
    weak = 0
    for word in WEAK:
        weak += text.count(word)
        text = text.replace(word, "\0")
    strong = sum(text.count(word) for word in STRONG)
    return strong, weak


def score(segments: Sequence[tuple[str, str]]) -> int:
    """Below zero: weaker; above: stronger (see the module's table)."""
    merged = merge(segments)
    removed = "\n".join(text for op, text in merged if op == "-")
    added = "\n".join(text for op, text in merged if op == "+")
    strong_removed, weak_removed = _count(removed)
    strong_added, weak_added = _count(added)
    return (strong_added - strong_removed) + (weak_removed - weak_added)


def shift(segments: Sequence[tuple[str, str]] | None) -> Strength | None:
    """``weakened``, ``strengthened`` or None for a measure's word diff (the classify stage sets
    :attr:`plandiff.model.MeasureChange.strength` from it)."""
    if not segments:
        return None
    value = score(segments)
    if value < 0:
        return Strength.WEAKENED
    if value > 0:
        return Strength.STRENGTHENED
    return None
