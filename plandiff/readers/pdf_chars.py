"""Characters of a PDF's pages with PDFium's raw calls.

- A page's text comes in one ``FPDFText_GetText`` call; then two calls per visible character
  (``FPDFText_GetLooseCharBox``, ``FPDFText_GetCharOrigin``) write its box and baseline straight
  into one ctypes array for the page, from which the characters are built as plain tuples by
  ``zip``: no Python object per character until then, and no pypdfium2 wrapper in the loop.
- Those calls are made through function pointers that neither check arguments (``argtypes``)
  nor release the GIL (``PYFUNCTYPE``): each check costs about as much as the call, and releasing
  the GIL another 10 %.
- Vertical text (tategaki) is told apart here: a character set in a vertical-writing font has a
  loose box as tall as its glyph (a horizontal one reaches from the font's descent to its
  ascent), and the characters of one vertical column share the loose box's left edge.
- Pages are opened and closed with the raw calls too (``FPDF_LoadPage``, ``FPDFText_LoadPage``),
  without pypdfium2's page objects and their finalizers.
"""

from __future__ import annotations

import collections
import ctypes
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

# A character: (text, left, right, bottom, top, base), base being the baseline (the glyph origin's y).
# A plain tuple, built for a whole page at once by zip: the layout loops index it (c[1] is its left
# edge), which is the cheapest way Python has to read a field. Its text is one character.
Char = tuple[str, float, float, float, float, float]
Page = tuple[list[Char], list[Char], float]  # horizontal characters, vertical ones, the page's height

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_VISIBLE_RE = re.compile(r"[^\x00-\x20\s\ufffe]+")  # generated spaces, line ends: spacing is rebuilt from geometry
_SPAN = operator.methodcaller("span")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\s\ufffe]")
_drain: Callable[[Iterable[Any]], None] = collections.deque(maxlen=0).extend  # runs an iterator out, keeps nothing


class _Calls(NamedTuple):
    """PDFium's calls as used here: the page loads as pypdfium2 binds them (they take a while and
    release the GIL), the short ones holding the GIL."""

    load_page: Any
    load_text: Any
    close_page: Any
    close_text: Any
    page_height: Any
    count_chars: Any
    get_text: Any
    get_unicode: Any
    char_box: Any
    loose_box: Any  # per character, without argtypes: every argument is already a pointer or an int
    origin: Any


_calls: list[_Calls] = []


def _raw_calls() -> _Calls:
    if not _calls:
        import pypdfium2.raw as raw

        def holding(function: Any, checked: bool = True) -> Any:
            """The same C function, called without releasing the GIL; if not ``checked``, without argtypes,
            and its result (a success flag, which the per-character calls do not read) not converted."""
            prototype = ctypes.PYFUNCTYPE(*((function.restype, *function.argtypes) if checked else (None,)))
            return prototype(ctypes.cast(function, ctypes.c_void_p).value or 0)

        _calls.append(
            _Calls(
                raw.FPDF_LoadPage,
                raw.FPDFText_LoadPage,
                holding(raw.FPDF_ClosePage),
                holding(raw.FPDFText_ClosePage),
                holding(raw.FPDF_GetPageHeightF),
                holding(raw.FPDFText_CountChars),
                holding(raw.FPDFText_GetText),
                holding(raw.FPDFText_GetUnicode),
                holding(raw.FPDFText_GetCharBox),
                holding(raw.FPDFText_GetLooseCharBox, checked=False),
                holding(raw.FPDFText_GetCharOrigin, checked=False),
            )
        )
    return _calls[0]


def read_page(document: Any, index: int) -> Page:
    """The characters of one page (zero-based ``index``) of a raw PDFium document, and its height."""
    from pypdfium2 import PdfiumError

    calls = _raw_calls()
    page = calls.load_page(document, index)
    if not page:
        raise PdfiumError("Failed to load page.")  # pypdfium2's own words, as its wrappers said before
    try:
        textpage = calls.load_text(page)
        if not textpage:
            raise PdfiumError("Failed to load text page.")
        try:
            horizontal, vertical = read_chars(textpage)
        finally:
            calls.close_text(textpage)
        return horizontal, vertical, float(calls.page_height(page))
    finally:
        calls.close_page(page)


def read_chars(textpage: Any) -> tuple[list[Char], list[Char]]:
    """All visible characters of a page as (horizontal, vertical), from the raw PDFium text page."""
    calls = _raw_calls()
    count = int(calls.count_chars(textpage))
    if count <= 0:
        return [], []
    buffer = (ctypes.c_ushort * (count + 1))()
    calls.get_text(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="surrogatepass")
    if len(text) != count or _SURROGATE_RE.search(text):  # a character outside the BMP shifts the indexes
        text = "".join(chr(calls.get_unicode(textpage, i)) for i in range(count))
    # the visible characters' positions, a run (a line, a word) at a time: no Python step per character
    indexes = list(itertools.chain.from_iterable(itertools.starmap(range, map(_SPAN, _VISIBLE_RE.finditer(text)))))
    visible = len(indexes)
    if not visible:
        return [], []
    # each call writes straight into one array for the page (FS_RECTF: left, top, right, bottom as
    # floats; the origin's y as a double): no Python object per character until the lists below
    boxes = (ctypes.c_float * (4 * visible))()
    bases = (ctypes.c_double * visible)()
    # the calls are made by map (no Python step per character), their results dropped by a zero-length deque
    ref, same = ctypes.byref, itertools.repeat
    _drain(map(calls.loose_box, same(textpage), indexes, map(ref, same(boxes), range(0, 16 * visible, 16))))
    p_x = ref(ctypes.c_double())  # the origin's x: the loose box's left edge already
    _drain(map(calls.origin, same(textpage), indexes, same(p_x), map(ref, same(bases), range(0, 8 * visible, 8))))
    values = memoryview(boxes).cast("B").cast("f").tolist()  # the floats in one C loop
    lefts = values[0::4]
    texts = list(_INVISIBLE_RE.sub("", text))
    base_values = memoryview(bases).cast("B").cast("d").tolist()
    chars = list(zip(texts, lefts, values[2::4], values[3::4], values[1::4], base_values, strict=True))
    # a character with the same left edge as the one before it in the stream
    stacked = list(itertools.compress(range(1, visible), map(operator.eq, lefts[1:], lefts)))
    if lefts[0] == -1.0:
        stacked.insert(0, 0)
    if not stacked:
        return chars, []
    # vertical writing stacks characters on one left edge; there a glyph's loose box is as tall as
    # its tight box (a horizontal one reaches from the font's descent to its ascent)
    seeds = [False] * len(chars)
    left_, right_, bottom_, top_ = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left_, right_, bottom_, top_)]
    for position in {p for i in stacked for p in (i - 1, i)}:
        char = chars[position]
        calls.char_box(textpage, indexes[position], *refs)
        seeds[position] = (
            abs(bottom_.value - char[3]) < 0.15 and abs(top_.value - char[4]) < 0.15 and char[4] - char[3] > 0.5
        )
    return _split_vertical(chars, seeds)


def _split_vertical(chars: list[Char], seeds: list[bool]) -> tuple[list[Char], list[Char]]:
    """Characters stacked in columns sharing a loose left edge, with enough vertical-writing glyphs."""
    if not any(seeds):
        return chars, []
    seed_lefts = {round(c[1], 1) for c, seed in zip(chars, seeds, strict=True) if seed}
    by_left: dict[float, list[int]] = {}
    for index, char in enumerate(chars):
        key = round(char[1], 1)
        if key in seed_lefts:
            by_left.setdefault(key, []).append(index)
    vertical: set[int] = set()
    for indexes in by_left.values():
        indexes.sort(key=lambda i: -chars[i][4])
        run = [indexes[0]]
        for upper, lower in itertools.pairwise(indexes):
            size = chars[upper][2] - chars[upper][1]
            if chars[upper][3] - chars[lower][4] <= 0.6 * max(size, 1.0):
                run.append(lower)
                continue
            _accept_run(run, seeds, vertical)
            run = [lower]
        _accept_run(run, seeds, vertical)
    horizontal = [c for i, c in enumerate(chars) if i not in vertical]
    return horizontal, [c for i, c in enumerate(chars) if i in vertical]


def _accept_run(run: list[int], seeds: list[bool], vertical: set[int]) -> None:
    marked = sum(seeds[i] for i in run)
    if len(run) >= 2 and marked >= 2 and marked >= 0.3 * len(run):
        vertical.update(run)
