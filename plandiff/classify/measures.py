"""Aligned measures → changes: added, removed, changed, moved, split, merged; unchanged counted.

A pairing whose comparison sequences are equal (years rolled over at most) is unchanged unless its
section moved; the differences it had (rollover, spacing, line breaks, width, bullet style) are
counted as hidden noise. Changed text gets a word-level diff on Sudachi tokens: numbers are single
tokens, so ``5,000`` is replaced whole, never digit by digit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from plandiff.align.items import Item, joined
from plandiff.align.measures import MeasureAlignment
from plandiff.align.sections import SectionAlignment
from plandiff.classify.ids import content_id, numbered, unique
from plandiff.classify.strength import shift
from plandiff.model import Location, Measure, MeasureChange, NoiseItem, NoiseRule, Notice, Pair, Segment, Verb
from plandiff.text.forms import ECHO_MARK, YEAR_MARK, dated_event, deadlines, identity_key
from plandiff.text.normalize import fold_width
from plandiff.text.similarity import opcodes
from plandiff.text.tokenize import Token


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """The measure part of a comparison: the changes, and what was unchanged or hidden as noise."""

    changes: tuple[MeasureChange, ...]
    unchanged: int
    noisy: int  # unchanged measures whose text differed only by noise
    rolled: int  # fiscal-year mentions that rolled over in unchanged measures
    noise: tuple[NoiseItem, ...] = ()  # every difference hidden in unchanged measures, with its rule
    stale: tuple[tuple[str, int], ...] = ()  # the old edition's own fiscal year left as it was: (as written, times)
    events: tuple[Notice, ...] = ()  # dated events whose year rolled over with the edition (warned about)


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


def _has_edits(diff: Sequence[Segment]) -> bool:
    return any(op != "=" for op, _ in diff)


_BULLET_RE = re.compile(r"^[\s\-*+・●○◆◇■□•]+")
_ERAS = ("令和", "平成", "昭和")
_DEADLINE_MARK = "\ue002"
NO_DEADLINE: Pair[int | None] = Pair(None, None)


def _year_text(tokens: Sequence[Token], i: int) -> str:
    """``令和3年度`` / ``2021年度`` as written, from the number token ``i``."""
    era = tokens[i - 1].surface if i and tokens[i - 1].surface in _ERAS else ""
    after = tokens[i + 1].surface if i + 1 < len(tokens) else ""
    return f"{era}{tokens[i].surface}{after}"


def _rule(old: str, new: str) -> NoiseRule:
    if fold_width(old) == fold_width(new):
        return NoiseRule.WIDTH
    if "".join(fold_width(old).split()) == "".join(fold_width(new).split()):
        return NoiseRule.SPACING
    return NoiseRule.SPELLING_VARIANT


def _breaks(raw: str) -> tuple[int, ...]:
    """Where the source lines of an item break, counted in the characters before (spaces, bullet aside)."""
    count, out = 0, []
    for k, line in enumerate(raw.split("\n")):
        text = _BULLET_RE.sub("", line) if k == 0 else line
        count += len("".join(text.split()))
        out.append(count)
    return tuple(out[:-1])


def _context(raw: str) -> str:
    return raw.replace("\n", "⏎")


def hidden_noise(
    om: Measure, nm: Measure, oi: Item, ni: Item, old_year: int | None, stale: Counter[str], events: list[Notice]
) -> list[NoiseItem]:
    """Every difference between two measures that compare equal, each with the rule that hid it."""
    ol, nl = location(om), location(nm)
    out: list[NoiseItem] = []
    years_o, years_n = iter(oi.years), iter(ni.years)
    for k, form in enumerate(oi.forms):
        to, tn = oi.tokens[k], ni.tokens[k]
        if form == ECHO_MARK:
            continue  # the second half of 2023年度（令和５年度）: rolled (or not) with the first
        if form == YEAR_MARK:
            yo, yn = next(years_o), next(years_n)
            so, sn = _year_text(oi.tokens, k), _year_text(ni.tokens, k)
            if yo != yn:
                out.append(NoiseItem(NoiseRule.YEAR_ROLLOVER, ol, nl, so, sn))
                word = dated_event(ni.tokens, k)
                if word is not None:
                    events.append(
                        Notice.of(
                            "event_rolled", old=f"{so}{word}", new=f"{sn}{word}", old_line=om.line, new_line=nm.line
                        )
                    )
                continue
            if yo == old_year:
                stale[sn] += 1
        if to.surface != tn.surface:
            out.append(NoiseItem(_rule(to.surface, tn.surface), ol, nl, to.surface, tn.surface))
    bullet_o, bullet_n = _BULLET_RE.match(om.raw), _BULLET_RE.match(nm.raw)
    marker_o = bullet_o.group().strip() if bullet_o else ""
    marker_n = bullet_n.group().strip() if bullet_n else ""
    if marker_o != marker_n:
        out.append(NoiseItem(NoiseRule.BULLET_STYLE, ol, nl, marker_o, marker_n))
    if _breaks(om.raw) != _breaks(nm.raw):
        out.append(NoiseItem(NoiseRule.PAGE_BREAK, ol, nl, _context(om.raw), _context(nm.raw)))
    if not out and (om.raw != nm.raw or om.text != nm.text):  # spacing or width the display text repaired
        old_raw = _BULLET_RE.sub("", om.raw).replace("\n", "")
        new_raw = _BULLET_RE.sub("", nm.raw).replace("\n", "")
        out.append(NoiseItem(_rule(old_raw, new_raw), ol, nl, om.raw, nm.raw))
    return out


YEAR_NUMBER_RE = re.compile(r"(?:[0-9０-９]+|元)\s*年度")  # what a fiscal-year mention needs: such text is audited


def _plainly_equal(om: Measure, nm: Measure) -> bool:
    """The same text, written the same way, with no fiscal year in it: nothing can be hidden (and
    nothing needs tokenising)."""
    return om.raw == nm.raw and om.text == nm.text and not YEAR_NUMBER_RE.search(om.text)


def _deadline_moved(old: Item, new: Item, delta: int) -> tuple[Pair[int | None], bool] | None:
    """A deadline (〜年度までに …) whose year moved: both years, and whether nothing else changed."""
    od, nd = deadlines(old.tokens), deadlines(new.tokens)
    if not od or len(od) != len(nd):
        return None
    moved = [(a, b) for (_, a), (_, b) in zip(od, nd, strict=True) if a != b]
    if not moved:
        return None
    a = _year_forms(old, delta)
    b = _year_forms(new, 0)
    for k, _ in od:
        a[k] = _DEADLINE_MARK
    for k, _ in nd:
        b[k] = _DEADLINE_MARK
    return Pair(moved[0][0], moved[0][1]), a == b


def classify_measures(
    old: Sequence[Measure],
    new: Sequence[Measure],
    old_items: Sequence[Item],
    new_items: Sequence[Item],
    sections: SectionAlignment,
    alignment: MeasureAlignment,
    delta: int,
    old_year: int | None = None,
) -> MeasureResult:
    changes: list[MeasureChange] = []
    unchanged = noisy = rolled = 0
    noise: list[NoiseItem] = []
    stale: Counter[str] = Counter()
    events: list[Notice] = []
    # ids from content: a measure's comparison forms (years masked), the old side's where there is one
    old_keys = numbered([identity_key(item.text) for item in old_items])
    new_keys = numbered([identity_key(item.text) for item in new_items])

    def emit(
        change: Verb,
        olds: Sequence[int],
        news: Sequence[int],
        score: float,
        diff: tuple[Segment, ...] | None = None,
        reworded: bool | None = None,
        deadline: Pair[int | None] = NO_DEADLINE,
    ) -> None:
        o = tuple(location(old[i]) for i in olds)
        n = tuple(location(new[j]) for j in news)
        basis = old_keys[olds[0]] if olds else new_keys[news[0]]
        strength = shift(diff)  # the commitment lexicon: weaker or stronger wording
        changes.append(
            MeasureChange(content_id("measure", basis), change, o, n, score, diff, reworded, deadline, strength)
        )

    for p in alignment.pairings:
        if p.how in ("split", "merged"):
            whole = joined([old_items[i] for i in p.old])
            parts = joined([new_items[j] for j in p.new])
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
                found = (
                    []
                    if _plainly_equal(old[i], new[j])
                    else hidden_noise(
                        old[i], new[j], old_items[i], new_items[j], old_year if delta else None, stale, events
                    )
                )
                noise.extend(found)
                noisy += bool(found) or old[i].text != new[j].text or old[i].raw != new[j].raw
            continue
        diff = word_diff(old_items[i], new_items[j], delta)
        slip = _deadline_moved(old_items[i], new_items[j], delta)
        if slip is not None:  # a deadline moved: its own change (期限の先送り / 前倒し), with both years
            years, only = slip
            assert years.old is not None and years.new is not None
            verb = Verb.DEADLINE_POSTPONED if years.new > years.old else Verb.DEADLINE_ADVANCED
            emit(verb, (i,), (j,), p.score, diff=diff, deadline=years)
            if only and not moved:
                continue
        if moved:
            emit(Verb.MOVED, (i,), (j,), p.score, reworded=True, diff=diff)
        else:
            emit(Verb.CHANGED, (i,), (j,), p.score, diff=diff)
    for i in alignment.removed:
        emit(Verb.REMOVED, (i,), (), 1.0)
    for j in alignment.added:
        emit(Verb.ADDED, (), (j,), 1.0)
    return MeasureResult(
        tuple(unique(changes)), unchanged, noisy, rolled, tuple(noise), tuple(sorted(stale.items())), tuple(events)
    )
