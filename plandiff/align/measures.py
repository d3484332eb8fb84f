"""Align measures globally, in fixed-order passes; each pass takes only what earlier ones left.

1. exact: the same comparison sequence (years masked) whose years are equal or rolled over;
   a measure in its mapped section first, then a repost with a repost, then document order;
2. split / merge: one measure whose text is covered, in order, by two or more of the other side;
3. fuzzy: the remaining pairs scoring at least ``FUZZY_MIN``, best first (a measure in its mapped
   section, and a repost with a repost, win ties), each item used once;
4. leftovers: removed or added.

Ties are broken by document position, so the result never depends on hash order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from plandiff.align.items import Item
from plandiff.align.sections import SectionAlignment
from plandiff.text.forms import rollover
from plandiff.text.similarity import containment, matrix, similarity

FUZZY_MIN = 0.6  # below this, two measures share too little to call one a rewording of the other
SPLIT_PART_MIN = 0.85  # each part must sit inside the whole this well
SPLIT_WHOLE_MIN = 0.8  # and the parts together must make up the whole this well
MIN_PART_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Pairing:
    how: str  # exact | fuzzy | split | merged
    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float
    rolled: int = 0  # year mentions that rolled over (exact pairs)


@dataclass(frozen=True, slots=True)
class MeasureAlignment:
    pairings: tuple[Pairing, ...]
    removed: tuple[int, ...]
    added: tuple[int, ...]


def align_measures(
    old: tuple[Item, ...], new: tuple[Item, ...], sections: SectionAlignment, delta: int
) -> MeasureAlignment:
    pairings: list[Pairing] = []
    old_left = set(range(len(old)))
    new_left = set(range(len(new)))
    mapped = [sections.map_path(item.path) for item in old]

    def take(p: Pairing) -> None:
        pairings.append(p)
        old_left.difference_update(p.old)
        new_left.difference_update(p.new)

    # 1. exact
    by_code: dict[str, list[int]] = defaultdict(list)
    for j, item in enumerate(new):
        by_code[item.code].append(j)
    for i, item in enumerate(old):
        candidates = []
        for j in by_code.get(item.code, ()):
            if j not in new_left:
                continue
            rolled = rollover(item.years, new[j].years, delta)
            if rolled is None:
                continue
            rank = (mapped[i] != new[j].path, item.repost != new[j].repost, j)
            candidates.append((rank, j, rolled))
        if candidates:
            _, j, rolled = min(candidates)
            take(Pairing("exact", (i,), (j,), 1.0, rolled))

    # 2. split (one old → several new) and merge (several old → one new)
    _pieces(old, new, old_left, new_left, take, split=True)
    _pieces(new, old, new_left, old_left, take, split=False)

    # 3. fuzzy
    olds = sorted(old_left)
    news = sorted(new_left)
    scores = matrix([old[i].code for i in olds], [new[j].code for j in news])
    candidates2: list[tuple[float, int, int, float]] = []
    for a, i in enumerate(olds):
        for b, j in enumerate(news):
            score = scores[a][b]
            if score < FUZZY_MIN:
                continue
            bonus = 0.02 * (mapped[i] == new[j].path) + 0.01 * (old[i].repost == new[j].repost)
            candidates2.append((-(score + bonus), i, j, score))
    for _, i, j, score in sorted(candidates2):
        if i in old_left and j in new_left:
            take(Pairing("fuzzy", (i,), (j,), round(score, 3)))

    pairings.sort(key=lambda p: (min(p.new), min(p.old)))
    return MeasureAlignment(tuple(pairings), tuple(sorted(old_left)), tuple(sorted(new_left)))


def _pieces(
    wholes: tuple[Item, ...],
    parts: tuple[Item, ...],
    wholes_left: set[int],
    parts_left: set[int],
    take: Callable[[Pairing], None],
    *,
    split: bool,
) -> None:
    """Find a whole covered by ≥2 parts from the other edition, adjacent in document order."""
    for w in sorted(wholes_left):
        whole = wholes[w]
        inside = [
            p
            for p in sorted(parts_left)
            if len(parts[p].forms) >= MIN_PART_TOKENS
            and len(parts[p].code) <= 0.85 * len(whole.code)
            and containment(parts[p].code, whole.code) >= SPLIT_PART_MIN
        ]
        if len(inside) < 2:
            continue
        # the parts must be neighbours: a run of consecutive items in their edition
        runs: list[list[int]] = [[inside[0]]]
        for p in inside[1:]:
            if p == runs[-1][-1] + 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        best = max(runs, key=lambda run: (similarity("".join(parts[p].code for p in run), whole.code), -run[0]))
        if len(best) < 2:
            continue
        score = similarity("".join(parts[p].code for p in best), whole.code)
        if score < SPLIT_WHOLE_MIN:
            continue
        if split:
            take(Pairing("split", (w,), tuple(best), round(score, 3)))
        else:
            take(Pairing("merged", tuple(best), (w,), round(score, 3)))
