"""Align measures globally, in fixed-order passes; each pass takes only what earlier ones left.

0. the same text (an unchanged measure is paired on its text and never tokenised);
1. exact: the same comparison sequence (years masked) whose years are equal or rolled over;
   a measure in its mapped section first, then a repost with a repost, then document order;
2. split / merge: one measure whose text is covered, in order, by two or more of the other side
   (candidates from an inverted index of each item's rarest tokens, so no pass scores every pair);
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
from plandiff.align.sections import FreeIndex, SectionAlignment
from plandiff.model import Path
from plandiff.text.forms import rollover
from plandiff.text.similarity import contained_pairs, similar_pairs, similarity

FUZZY_MIN = 0.6  # below this, two measures share too little to call one a rewording of the other
SPLIT_PART_MIN = 0.85  # each part must sit inside the whole this well
SPLIT_WHOLE_MIN = 0.8  # and the parts together must make up the whole this well
MIN_PART_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Pairing:
    """Old and new measures (by index) that correspond, and how: exact, fuzzy, split or merged."""

    how: str  # exact | fuzzy | split | merged
    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float
    rolled: int = 0  # year mentions that rolled over (exact pairs)


@dataclass(frozen=True, slots=True)
class MeasureAlignment:
    """The measures of two editions paired, with those only one of them has."""

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

    # 0. the same text, 1. exact (years masked): the best candidate is the first untaken one in its mapped
    # section with the same repost mark, else with the other mark, else anywhere; indexes keep this linear
    # however often a text repeats. Pass 0 looks at the text alone, so an unchanged item is never tokenised.
    _exact(old, new, old_left, new_left, mapped, delta, take, same_text=True)
    _exact(old, new, old_left, new_left, mapped, delta, take, same_text=False)

    # 2. split (one old → several new) and merge (several old → one new)
    _pieces(old, new, old_left, new_left, take, split=True)
    _pieces(new, old, new_left, old_left, take, split=False)

    # 3. fuzzy
    olds = sorted(old_left)
    news = sorted(new_left)
    candidates2: list[tuple[float, int, int, float]] = []
    # only the pairs scoring at least FUZZY_MIN, found through an index (never an all-pairs grid)
    for a, b, score in similar_pairs([old[i].code for i in olds], [new[j].code for j in news], FUZZY_MIN):
        i, j = olds[a], news[b]
        bonus = 0.02 * (mapped[i] == new[j].path) + 0.01 * (old[i].repost == new[j].repost)
        candidates2.append((-(score + bonus), i, j, score))
    for _, i, j, score in sorted(candidates2):
        if i in old_left and j in new_left:
            take(Pairing("fuzzy", (i,), (j,), round(score, 3)))

    pairings.sort(key=lambda p: (min(p.new), min(p.old)))
    return MeasureAlignment(tuple(pairings), tuple(sorted(old_left)), tuple(sorted(new_left)))


def _exact(
    old: tuple[Item, ...],
    new: tuple[Item, ...],
    old_left: set[int],
    new_left: set[int],
    mapped: list[Path],
    delta: int,
    take: Callable[[Pairing], None],
    *,
    same_text: bool,
) -> None:
    """Pair items whose texts are the same (``same_text``) or whose comparison forms are the same and
    whose years are equal or rolled over; only the items still left are looked at (and tokenised)."""

    def key(item: Item) -> str:
        return item.text if same_text else item.code

    def years(item: Item) -> tuple[int, ...]:
        return () if same_text else item.years

    taken = _Taken(new_left)
    years_of: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    placed, anywhere = FreeIndex(taken), FreeIndex(taken)
    for j in sorted(new_left):
        item = new[j]
        k, y = key(item), years(item)
        if y not in years_of[k]:
            years_of[k].append(y)
        placed.add((k, y, item.path, item.repost), j)
        anywhere.add((k, y, item.repost), j)
    for i in sorted(old_left):
        item = old[i]
        k, y = key(item), years(item)
        candidates = []
        for found_years in years_of.get(k, ()):
            rolled = rollover(y, found_years, delta)
            if rolled is None:
                continue
            for rank, found in enumerate(
                (
                    placed.first((k, found_years, mapped[i], item.repost)),
                    placed.first((k, found_years, mapped[i], not item.repost)),
                    anywhere.first((k, found_years, item.repost)),
                    anywhere.first((k, found_years, not item.repost)),
                )
            ):
                if found is not None:
                    candidates.append(((rank >= 2, rank % 2 == 1, found), found, rolled))
                    break
        if candidates:
            _, j, rolled = min(candidates)
            take(Pairing("exact", (i,), (j,), 1.0, rolled))


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
    # the parts that sit inside each whole, from an index of the wholes (never every part against every whole)
    whole_ids = sorted(wholes_left)
    part_ids = [p for p in sorted(parts_left) if len(parts[p].forms) >= MIN_PART_TOKENS]
    within: dict[int, list[int]] = defaultdict(list)
    for a, b, _ in contained_pairs(
        [parts[p].code for p in part_ids], [wholes[w].code for w in whole_ids], SPLIT_PART_MIN
    ):
        p, w = part_ids[a], whole_ids[b]
        if len(parts[p].code) <= 0.85 * len(wholes[w].code):
            within[w].append(p)
    for w in whole_ids:
        whole = wholes[w]
        inside = [p for p in within.get(w, ()) if p in parts_left]
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


class _Taken:
    """The new items already paired, seen from the items still left (a view for :class:`FreeIndex`)."""

    def __init__(self, left: set[int]) -> None:
        self._left = left

    def __contains__(self, j: object) -> bool:
        return j not in self._left
