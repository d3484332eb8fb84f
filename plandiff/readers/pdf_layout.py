"""Page layout for the PDF reader: vertical text, blocks in reading order, lines.

- Characters come from ``pdf_chars`` (PDFium's raw calls), vertical ones already told apart.
  Vertical columns are read top to bottom, right to left; a run of neighbouring columns is one
  block, cut into paragraphs where a column starts indented or the previous one stops short.
- Horizontal characters are grouped into rows by baseline and cut into fragments at wide gaps.
  The page is then cut recursively (XY-cut): first at a vertical whitespace river that runs
  through the whole region and does not separate the columns of one table (fragments on both
  sides sharing their rows), else at the widest horizontal gaps. The leaves, in reading order
  (columns left to right, or right to left beside vertical text; top to bottom), give the lines.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import NamedTuple

from plandiff.readers.pdf_chars import Char

_PROSE_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff、。「」]")


class Cell(NamedTuple):
    """A table cell of a line (or the whole line): its text and horizontal extent."""

    text: str
    left: float
    right: float


@dataclass
class Line:
    """A line of a PDF page: its cells (one for running text), where it stands, and its block."""

    page: int
    bottom: float
    height: float
    cells: list[Cell]
    page_height: float
    block: int = 0  # lines of one column of the page share it; a new block starts after a blank line
    vertical: bool = False  # a paragraph of vertical text, already whole

    @property
    def text(self) -> str:
        return " ".join([cell.text for cell in self.cells])

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def right(self) -> float:
        return self.cells[-1].right


# ---- vertical text ---------------------------------------------------------------------------


@dataclass
class _Column:
    """One column of vertical text: its characters and extent."""

    chars: list[Char]
    left: float
    right: float
    top: float
    bottom: float
    size: float


def vertical_paragraphs(chars: list[Char]) -> list[tuple[str, float, float, float, float]]:
    """Vertical text as paragraphs (text, left, right, bottom, top), each block right to left."""
    groups: dict[float, list[Char]] = {}
    for char in chars:
        groups.setdefault(round(char[1], 1), []).append(char)
    columns: list[_Column] = []
    for group in groups.values():
        group.sort(key=lambda c: (-round(c[4]), c[5]))
        run = [group[0]]
        for upper, lower in itertools.pairwise(group):
            if upper[3] - lower[4] > 0.6 * max(upper[2] - upper[1], 1.0):
                columns.append(_column(run))
                run = []
            run.append(lower)
        columns.append(_column(run))
    columns.sort(key=lambda c: (-c.right, -c.top))
    blocks: list[list[_Column]] = []
    for column in columns:
        for block in blocks:
            last = block[-1]
            if (
                0 <= last.left - column.right <= 1.5 * last.size
                and 0.8 <= column.size / last.size <= 1.25
                and column.top > last.bottom
                and column.bottom < last.top
            ):
                block.append(column)
                break
        else:
            blocks.append([column])
    out: list[tuple[str, float, float, float, float]] = []
    for block in blocks:
        top = max(c.top for c in block)
        bottom = min(c.bottom for c in block)
        paragraph: list[_Column] = []
        for column in block:
            indented = column.top < top - 0.5 * column.size
            if paragraph and (indented or paragraph[-1].bottom > bottom + 0.8 * column.size):
                out.append(_paragraph(paragraph))
                paragraph = []
            paragraph.append(column)
        out.append(_paragraph(paragraph))
    return out


def _column(chars: list[Char]) -> _Column:
    size = _median(sorted([c[2] - c[1] for c in chars]))
    return _Column(chars, min(c[1] for c in chars), max(c[2] for c in chars), chars[0][4], chars[-1][3], size)


def _paragraph(columns: list[_Column]) -> tuple[str, float, float, float, float]:
    text = "".join(c[0] for column in columns for c in column.chars)
    return (
        text,
        min(c.left for c in columns),
        max(c.right for c in columns),
        min(c.bottom for c in columns),
        max(c.top for c in columns),
    )


# ---- horizontal text: rows, fragments, XY-cut -------------------------------------------------


@dataclass(slots=True)
class _Item:
    """A fragment of a row (characters without a wide gap), or a vertical paragraph."""

    chars: list[Char]
    row: int
    left: float
    right: float
    bottom: float
    top: float
    size: float
    text: str = ""
    vertical: bool = False
    column: int = field(default=0)
    base: float = 0.0
    heights: list[float] = field(default_factory=list)  # the characters' heights, sorted
    gaps: list[float] = field(default_factory=list)  # the gap before each character after the first
    long_prose: bool | None = None  # a long fragment of Japanese prose (known once asked)


def page_lines(horizontal: list[Char], vertical: list[Char], page: int, page_height: float) -> list[Line]:
    if vertical:
        horizontal, vertical = _absorb(horizontal, vertical)
    items = _fragments(horizontal)
    for number, (text, left, right, bottom, top) in enumerate(vertical_paragraphs(vertical) if vertical else []):
        items.append(_Item([], -1 - number, left, right, bottom, top, 1.0, text, vertical=True))
    if not items:
        return []
    leaves: list[list[_Item]] = []
    _cut(items, leaves, 0, _Cuts(itertools.count(1), {}))
    lines: list[Line] = []
    for leaf in leaves:
        rows = [[item] for item in leaf if item.vertical] + _rows([item for item in leaf if not item.vertical])
        for row_items in sorted(rows, key=lambda r: -max(i.bottom for i in r)):
            first = row_items[0]
            if first.vertical:
                cell = Cell(first.text, first.left, first.right)
                lines.append(Line(page, first.bottom, first.size, [cell], page_height, first.column, vertical=True))
                continue
            if len(row_items) == 1:  # most lines: one fragment, whose heights and gaps are known
                line = _line(first.chars, first.heights, first.gaps, first.text, page, page_height)
            else:
                chars = sorted([c for item in row_items for c in item.chars], key=_LEFT)
                line = _line(chars, _heights(chars), _gaps(chars), "".join(map(_TEXT, chars)), page, page_height)
            line.block = first.column
            lines.append(line)
    return lines


def _absorb(horizontal: list[Char], vertical: list[Char]) -> tuple[list[Char], list[Char]]:
    """Upright characters inside a vertical column (digits set across it, 縦中横) belong to it."""
    columns: dict[float, tuple[float, float, float]] = {}
    for char in vertical:
        key = round(char[1], 1)
        low, high, size = columns.get(key, (char[3], char[4], char[2] - char[1]))
        columns[key] = (min(low, char[3]), max(high, char[4]), size)
    kept: list[Char] = []
    moved = list(vertical)
    for char in horizontal:
        middle = (char[1] + char[2]) / 2
        for left, (low, high, size) in columns.items():
            if left <= middle <= left + size and low - size <= (char[3] + char[4]) / 2 <= high + size:
                moved.append((char[0], left, left + size, char[3], char[4], char[5]))
                break
        else:
            kept.append(char)
    return kept, moved


def _fragments(chars: list[Char]) -> list[_Item]:
    rows: list[list[Char]] = []
    floor = tolerance = 0.0
    # characters on one baseline are neighbours in this order: the row test is made once for them all
    for base, same in itertools.groupby(sorted(chars, key=_BASE, reverse=True), _BASE):
        if rows and floor - base <= tolerance:
            rows[-1].extend(same)
            continue
        row = list(same)
        rows.append(row)
        floor = base
        tolerance = max(1.0, 0.15 * (row[0][4] - row[0][3]))
    items: list[_Item] = []
    sub = operator.sub
    for number, row in enumerate(rows):
        row.sort(key=_LEFT)
        texts, lefts, rights, bottoms, tops, bases = zip(*row, strict=True)  # the fields as columns, in C
        gaps = list(map(sub, lefts[1:], rights))  # before each character after the first
        heights = list(map(sub, tops, bottoms))
        # a cut needs a gap over a tenth of the wider character's width, so over a tenth of the
        # narrowest one's: only those gaps are looked at in Python (a table's digits are set 0.01 apart)
        floor = max(0.0, 0.1 * min(map(sub, rights, lefts)))
        cuts = [0]
        for k in itertools.compress(range(1, len(row)), map(operator.gt, gaps, itertools.repeat(floor))):
            gap = gaps[k - 1]
            low, high = heights[k - 1], heights[k]
            size = max(rights[k - 1] - lefts[k - 1], rights[k] - lefts[k], 0.6 * min(low, high))
            if high < low:  # as sorted() orders them
                low, high = high, low
            # a change of type size across a gap: prose running up to a table's labels, two blocks
            resized = low < 0.85 * high and gap > 0.1 * size
            if gap > 1.2 * size or resized:
                cuts.append(k)
        if len(cuts) == 1:  # the whole row: no slices needed
            ordered = sorted(heights)
            middle = len(row) // 2
            size = ordered[middle] or 1.0
            right, bottom, top, text = max(rights), min(bottoms), max(tops), "".join(texts)
            items.append(
                _Item(row, number, lefts[0], right, bottom, top, size, text, False, 0, bases[middle], ordered, gaps)
            )
            continue
        cuts.append(len(row))
        for a, b in itertools.pairwise(cuts):  # each fragment from slices of the row's columns
            ordered = sorted(heights[a:b])
            middle = (b - a) // 2
            items.append(
                _Item(
                    row[a:b],
                    number,
                    lefts[a],
                    max(rights[a:b]),
                    min(bottoms[a:b]),
                    max(tops[a:b]),
                    ordered[middle] or 1.0,
                    "".join(texts[a:b]),
                    False,
                    0,
                    bases[a + middle],
                    ordered,
                    gaps[a : b - 1],
                )
            )
    return items


def _gaps(chars: list[Char]) -> list[float]:
    """The gap before each character after the first: its left edge less the previous one's right edge."""
    return list(map(operator.sub, map(_LEFT, itertools.islice(chars, 1, None)), map(_RIGHT, chars)))


def _heights(chars: list[Char]) -> list[float]:
    return sorted(map(operator.sub, map(_TOP, chars), map(_BOTTOM, chars)))


_TEXT = itemgetter(0)
_LEFT = itemgetter(1)
_RIGHT = itemgetter(2)
_BOTTOM = itemgetter(3)
_TOP = itemgetter(4)
_BASE = itemgetter(5)


def _rows(items: list[_Item]) -> list[list[_Item]]:
    """Fragments on one baseline (within a fifth of their size), top to bottom."""
    rows: list[list[_Item]] = []
    anchor = tolerance = 0.0
    for item in sorted(items, key=lambda i: -i.base):
        if rows and anchor - item.base <= tolerance:
            rows[-1].append(item)
            continue
        rows.append([item])
        anchor, tolerance = item.base, max(1.0, 0.2 * item.size)
    return rows


_Split = tuple[list[_Item], list[_Item]] | None


class _Cuts(NamedTuple):
    counter: itertools.count[int]  # numbers the blocks
    splits: dict[tuple[int, ...], _Split]  # _x_cut of a region, by its items' ids: a strip is tried twice


def _x_cut_once(items: list[_Item], cuts: _Cuts) -> _Split:
    key = tuple(map(id, items))
    if key not in cuts.splits:
        cuts.splits[key] = _x_cut(items)
    return cuts.splits[key]


def _cut(items: list[_Item], leaves: list[list[_Item]], column: int, cuts: _Cuts) -> None:
    split = _x_cut_once(items, cuts) if len(items) > 1 else None
    if split is not None:
        parts = list(split)
        if any(item.vertical for item in items):
            parts.reverse()  # beside vertical text, columns read right to left
        elif _title_first(parts[1], parts[0]):
            parts.reverse()  # a one-line title set higher on the right (歳入歳出予算事項別明細書) comes first
        for part in parts:
            _cut(part, leaves, next(cuts.counter), cuts)
        return
    strips = _y_cut(items) if len(items) > 1 else None
    if strips is None:
        for item in items:
            item.column = column
        leaves.append(items)
        return
    for strip in _rejoin(strips, cuts):
        _cut(strip, leaves, column, cuts)


def _title_first(right: list[_Item], left: list[_Item]) -> bool:
    """Is ``right`` a single line that starts above everything on the left (a title, not a column)?"""
    if len(_rows(right)) != 1 or not left:
        return False
    size = _median(sorted([item.size for item in right]))
    return min(item.bottom for item in right) > max(item.top for item in left) - 0.5 * size


def _rejoin(strips: list[list[_Item]], cuts: _Cuts) -> list[list[_Item]]:
    """Strips that are each two blocks side by side, and still are together, read as one region."""
    out: list[list[_Item]] = []
    split_before = False
    for strip in strips:
        split = len(strip) > 1 and _x_cut_once(strip, cuts) is not None
        if out and split and split_before and _x_cut_once(out[-1] + strip, cuts) is not None:
            out[-1] = out[-1] + strip
        else:
            out.append(strip)
        split_before = split
    return out


_LEFT_OF_SPAN, _RIGHT_OF_SPAN = itemgetter(0), itemgetter(1)


def _x_cut(items: list[_Item]) -> tuple[list[_Item], list[_Item]] | None:
    """The widest vertical river through the whole region that separates two blocks, not two table columns."""
    spans = sorted([(item.left, item.right) for item in items])
    sizes = sorted([item.size for item in items if not item.vertical])
    size = _median(sizes) if sizes else 10.0
    rivers = _rivers(items, spans, size)
    if not rivers:
        return None
    # a narrow river where the type size changes (prose set against a table's labels) is tried first;
    # a river between two blocks on their own baselines wins over one between table columns that a
    # paragraph beside them would otherwise carry off (a table's last column stays with the table)
    fallback: tuple[list[_Item], list[_Item]] | None = None
    region = _Region(items) if len(rivers) > 1 else None
    for low, high in sorted(rivers, key=lambda r: (r[1] - r[0] >= 0.8 * size, r[0] - r[1])):
        # 1 or 0 by counting; None: not known that way
        counted = (1 if region.apart(low) else 0) if region is not None and region.valid and low < high else None
        if counted == 0 and (fallback is not None or not region.may_be_prose(low)):  # type: ignore[union-attr]
            continue  # columns of one table, or nothing more to learn
        left_side = [item for item in items if item.right <= low]
        right_side = [item for item in items if item.left >= high]
        if counted is None:
            how = _separation(left_side, right_side, kind=fallback is None)
        elif counted == 0:  # aligned rows: running text on one side (2), or table columns after all (0)
            how = 2 if _prose(left_side) or _prose(right_side) else 0
        else:
            how = 1
        if how == 1:
            return left_side, right_side
        if how == 2 and fallback is None:
            fallback = (left_side, right_side)
    return fallback


def _rivers(items: list[_Item], spans: list[tuple[float, float]], size: float) -> list[tuple[float, float]]:
    """Gaps (reach, left) between the spans, sorted by left edge, where nothing reaches across."""
    rivers: list[tuple[float, float]] = []
    wide, narrow = 0.8 * size, 0.2 * size
    if len(spans) <= 16:  # most regions are small: a plain loop costs less than setting up columns
        reach = spans[0][1]
        for left, right in itertools.islice(spans, 1, None):
            if left - reach >= wide or (left - reach >= narrow and _label_column(items, reach, left)):
                rivers.append((reach, left))
            if right > reach:  # as max(reach, right)
                reach = right
        return rivers
    lefts = list(map(_LEFT_OF_SPAN, spans))
    reaches = list(itertools.accumulate(map(_RIGHT_OF_SPAN, spans), max))  # the right edge reached so far
    # a river needs a gap of at least the narrower threshold: only those gaps are looked at in Python
    for k in itertools.compress(
        range(1, len(spans)),
        map(operator.ge, map(operator.sub, lefts[1:], reaches), itertools.repeat(min(wide, narrow))),
    ):
        reach, left = reaches[k - 1], lefts[k]
        if left - reach >= wide or (left - reach >= narrow and _label_column(items, reach, left)):
            rivers.append((reach, left))
    return rivers


_ITEM_BASE = attrgetter("base")


class _Region:
    """A region's rows and fragments counted once, so that each river's ``_separation`` is told by
    bisection instead of re-sorting the region for every river.

    Valid when a river parts every fragment to exactly one side (no fragment is inverted or
    vertical) and every partition gives the same rows: ``_rows`` anchors a row at its first fragment
    in baseline order, which may be any fragment on that baseline, so their sizes must agree."""

    def __init__(self, items: list[_Item]) -> None:
        self.items = items
        self.valid = True
        least: list[float] = []  # each row's leftmost and rightmost right edge
        most: list[float] = []
        anchor = tolerance = low = high = 0.0
        previous: _Item | None = None
        # as _rows orders them (by -base, stably): the same for any base but NaN, which makes it invalid
        for item in sorted(items, key=_ITEM_BASE, reverse=True):
            base, right = item.base, item.right
            if (
                not item.left <= right
                or item.vertical
                or base != base
                or (previous is not None and base == previous.base and item.size != previous.size)
            ):
                self.valid = False
                break
            if previous is not None and anchor - base <= tolerance:
                if right < low:
                    low = right
                elif right > high:
                    high = right
            else:
                if previous is not None:
                    least.append(low)
                    most.append(high)
                low = high = right
                anchor, tolerance = base, max(1.0, 0.2 * item.size)
            previous = item
        if previous is not None:
            least.append(low)
            most.append(high)
        self.least, self.most = sorted(least), sorted(most)
        self.rights: list[float] = []  # every fragment's right edge and the long prose ones', once asked for
        self.long_rights: list[float] = []

    def apart(self, low: float) -> bool:
        """``_separation`` is 1: fewer than half the rows on the smaller side reach across the river."""
        on_left, all_left = bisect.bisect_right(self.least, low), bisect.bisect_right(self.most, low)
        return on_left - all_left < 0.5 * min(on_left, len(self.most) - all_left)

    def may_be_prose(self, low: float) -> bool:
        """Could ``_prose`` hold on a side (half its fragments long prose)? If not, it is 0."""
        if not self.rights:
            self.rights = sorted([item.right for item in self.items])
            self.long_rights = sorted([item.right for item in self.items if _long_prose(item)])
        left, long_left = bisect.bisect_right(self.rights, low), bisect.bisect_right(self.long_rights, low)
        right, long_right = len(self.rights) - left, len(self.long_rights) - long_left
        return long_left >= 0.5 * left or long_right >= 0.5 * right


def _median(ordered: list[float]) -> float:
    """``statistics.median`` of a list already sorted (the same arithmetic, without its overhead, nor
    its import: decimal and fractions)."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _resized(items: list[_Item], low: float, high: float) -> bool:
    """Do the fragments on either side of a river differ in type size (by more than 15 %)?"""
    before = [item.size for item in items if not item.vertical and low - 2 * item.size <= item.right <= low]
    after = [item.size for item in items if not item.vertical and high <= item.left <= high + 2 * item.size]
    if not before or not after:
        return False
    a, b = sorted((_median(sorted(before)), _median(sorted(after))))
    return a < 0.85 * b


def _label_column(items: list[_Item], low: float, high: float) -> bool:
    """A narrow river that runs down the left edge of a column of labels set in another type size
    (① 議会費, ② 総務費… beside the prose that explains them): at least five fragments start exactly there."""
    starts = [item for item in items if not item.vertical and abs(item.left - high) < 0.5]
    if len(starts) < 5 or not _resized(items, low, high):
        return False
    return len({round(item.size) for item in starts}) == 1


def _separation(left: list[_Item], right: list[_Item], kind: bool = True) -> int:
    """1: two blocks side by side (on their own baselines, or vertical text); 2: aligned rows, but
    running text on one side is no table column; 0: columns of one table. Without ``kind``, 0 for
    both of the last two (whether there is running text is not asked)."""
    if any(item.vertical for item in left + right):
        return 1
    rows = _rows(left + right)
    on_left = {id(item) for item in left}
    sides = [{id(item) in on_left for item in row} for row in rows]
    smaller = min(sum(True in side for side in sides), sum(False in side for side in sides))
    shared = sum(len(side) == 2 for side in sides)
    if shared < 0.5 * smaller:
        return 1
    if not kind:
        return 0
    return 2 if _prose(left) or _prose(right) else 0


def _separate(left: list[_Item], right: list[_Item]) -> bool:
    return _separation(left, right) > 0


def _prose(items: list[_Item]) -> bool:
    """Running text: at least half the fragments are long Japanese prose, on two rows or more."""
    long = sum(map(_long_prose, items))
    return long >= 0.5 * len(items) and len(_rows(items)) >= 2  # the count first: it needs no sort


def _long_prose(item: _Item) -> bool:
    if item.long_prose is None:  # asked once for each river tried beside the fragment: kept
        text = item.text
        item.long_prose = len(text) >= 12 and len(_PROSE_RE.findall(text)) >= 0.8 * len(text)
    return item.long_prose


def _y_cut(items: list[_Item]) -> list[list[_Item]] | None:
    """Cut at the widest horizontal gaps (every gap at least 3/4 of the widest)."""
    # loose boxes reach from the font's descent to its ascent: lines of running text touch; the
    # middle of the box is what the glyphs cover
    tops = [item.top - 0.15 * (item.top - item.bottom) for item in items]
    order = sorted(range(len(items)), key=[-top for top in tops].__getitem__)
    ordered = [items[i] for i in order]
    ordered_tops = [tops[i] for i in order]
    floors = list(  # the lowest bottom so far, top to bottom
        itertools.accumulate([item.bottom + 0.15 * (item.top - item.bottom) for item in ordered], min)
    )
    gaps = [
        (floors[k - 1] - ordered_tops[k], k)
        for k in itertools.compress(range(1, len(order)), map(operator.lt, ordered_tops[1:], floors))
    ]
    if not gaps:
        return None
    widest = max(gap for gap, _ in gaps)
    cuts = [index for gap, index in gaps if gap >= 0.75 * widest]
    bounds = [0, *cuts, len(order)]
    return [ordered[a:b] for a, b in itertools.pairwise(bounds)]


def _line(row: list[Char], heights: list[float], gaps: list[float], text: str, page: int, page_height: float) -> Line:
    """A row as table cells (gaps of several character widths) with spaces rebuilt from smaller gaps.

    ``heights`` are the characters' heights sorted, ``gaps`` the gap before each character after the
    first, ``text`` the characters' text (one character each)."""
    size = _median(heights) or 1.0
    cell_gap, space_gap = 1.5 * size, 0.2 * size
    positions = range(1, len(row))
    if size > 0:  # only a gap over the smaller threshold counts: found without a Python loop
        positions = itertools.compress(positions, map(operator.gt, gaps, itertools.repeat(space_gap)))  # type: ignore[assignment]
    cells: list[Cell] = []
    pieces: list[str] = []
    start = piece = 0
    for k in positions:
        gap = gaps[k - 1]
        if gap > cell_gap:  # several character widths apart: a new table cell
            pieces.append(text[piece:k])
            cells.append(Cell(" ".join(pieces), row[start][1], row[k - 1][2]))
            pieces = []
            start = piece = k
        elif gap > space_gap:
            pieces.append(text[piece:k])
            piece = k
    pieces.append(text[piece:])
    cells.append(Cell(" ".join(pieces), row[start][1], row[-1][2]))
    return Line(page, max(map(_BOTTOM, row)), size, cells, page_height)
