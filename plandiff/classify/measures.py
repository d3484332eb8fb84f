"""Aligned measures → changes: added, removed, changed, moved, split, merged; unchanged counted.

A pairing whose comparison sequences are equal (years rolled over at most) is unchanged unless its
section moved; the differences it had (rollover, spacing, line breaks, width, bullet style) are
counted as hidden noise. Changed text gets a word-level diff on Sudachi tokens: numbers are single
tokens, so ``5,000`` is replaced whole, never digit by digit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plandiff.align.items import Item
from plandiff.align.measures import MeasureAlignment
from plandiff.align.sections import SectionAlignment
from plandiff.classify.ids import content_id, forms_key, numbered, unique
from plandiff.model import Location, Measure, MeasureChange, Segment, Verb
from plandiff.text.forms import ECHO_MARK, YEAR_MARK
from plandiff.text.similarity import opcodes


@dataclass(frozen=True, slots=True)
class MeasureResult:
    changes: tuple[MeasureChange, ...]
    unchanged: int
    noisy: int  # unchanged measures whose text differed only by noise
    rolled: int  # fiscal-year mentions that rolled over in unchanged measures


def location(measure: Measure) -> Location:
    return Location(measure.path, measure.line, measure.text, measure.end_line, measure.page)


def _year_forms(item: Item, shift: int) -> list[str]:
    """Forms with each fiscal year as its number moved on by ``shift``; a dual notation's second half is
    that year again (so ``令和５年度`` left behind a rolled ``2024年度`` shows as changed)."""
    years = iter(item.years)
    out: list[str] = []
    last = ""
    for form in item.forms:
        if form == YEAR_MARK:
            last = str(next(years) + shift)
            out.append(last)
        else:
            out.append(last if form == ECHO_MARK else form)
    return out


def word_diff(old: Item, new: Item, delta: int) -> tuple[Segment, ...]:
    """Token-level diff; a fiscal year that merely rolled over compares equal."""
    a = _year_forms(old, delta)
    b = _year_forms(new, 0)
    segments: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            add("=", "".join(t.surface for t in new.tokens[j1:j2]))
        else:
            add("-", "".join(t.surface for t in old.tokens[i1:i2]))
            add("+", "".join(t.surface for t in new.tokens[j1:j2]))
    # Indel yields delete/insert pairs in either order; show the old words before the new ones.
    ordered: list[Segment] = []
    for seg in segments:
        if seg[0] == "-" and ordered and ordered[-1][0] == "+":
            ordered.insert(len(ordered) - 1, seg)
        else:
            ordered.append(seg)
    return tuple(ordered)


def _joined(items: Sequence[Item]) -> Item:
    """Several items read as one (the parts of a split or a merge), for a word diff against the whole."""
    first = items[0]
    return Item(
        first.index,
        first.path,
        "".join(i.text for i in items),
        tuple(t for i in items for t in i.tokens),
        tuple(f for i in items for f in i.forms),
        tuple(y for i in items for y in i.years),
        "".join(i.code for i in items),
        first.repost,
    )


def _has_edits(diff: Sequence[Segment]) -> bool:
    return any(op != "=" for op, _ in diff)


def classify_measures(
    old: Sequence[Measure],
    new: Sequence[Measure],
    old_items: Sequence[Item],
    new_items: Sequence[Item],
    sections: SectionAlignment,
    alignment: MeasureAlignment,
    delta: int,
) -> MeasureResult:
    changes: list[MeasureChange] = []
    unchanged = noisy = rolled = 0
    # ids from content: a measure's comparison forms (years masked), the old side's where there is one
    old_keys = numbered([forms_key(item.forms) for item in old_items])
    new_keys = numbered([forms_key(item.forms) for item in new_items])

    def emit(
        change: Verb,
        olds: Sequence[int],
        news: Sequence[int],
        score: float,
        diff: tuple[Segment, ...] | None = None,
        reworded: bool | None = None,
    ) -> None:
        o = tuple(location(old[i]) for i in olds)
        n = tuple(location(new[j]) for j in news)
        basis = old_keys[olds[0]] if olds else new_keys[news[0]]
        changes.append(MeasureChange(content_id("measure", basis), change, o, n, score, diff, reworded))

    for p in alignment.pairings:
        if p.how in ("split", "merged"):
            whole = _joined([old_items[i] for i in p.old])
            parts = _joined([new_items[j] for j in p.new])
            pieces = word_diff(whole, parts, delta)
            emit(Verb(p.how), p.old, p.new, p.score, diff=pieces if _has_edits(pieces) else None)
            continue
        i, j = p.old[0], p.new[0]
        moved = sections.map_path(old[i].path) != new[j].path
        if p.how == "exact":
            if moved:
                emit(Verb.MOVED, (i,), (j,), p.score, reworded=False)
            else:
                unchanged += 1
                rolled += p.rolled
                noisy += old[i].text != new[j].text or old[i].raw != new[j].raw
            continue
        diff = word_diff(old_items[i], new_items[j], delta)
        if moved:
            emit(Verb.MOVED, (i,), (j,), p.score, reworded=True, diff=diff)
        else:
            emit(Verb.CHANGED, (i,), (j,), p.score, diff=diff)
    for i in alignment.removed:
        emit(Verb.REMOVED, (i,), (), 1.0)
    for j in alignment.added:
        emit(Verb.ADDED, (), (j,), 1.0)
    return MeasureResult(tuple(unique(changes)), unchanged, noisy, rolled)
