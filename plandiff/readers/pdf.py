"""Text PDFs → numbered source lines, with pypdfium2 (PDFium, the engine in Chrome).

pypdfium2 is chosen over pdfplumber: it reads Japanese text about 25× faster, ships PDFium in its
wheel (nothing to download at run time), and gives every character's box, which is all the
layout work below needs. The lines it yields have the shape of the plain-text extraction the
parser already reads, so a PDF parses to the same document model:

- characters are grouped into lines by baseline and ordered left to right; spaces are rebuilt
  from the gaps between characters, and a gap of several character widths separates table cells,
  written as tabs, with cells placed in the columns banded from the table's numeric rows (so an
  empty cell stays an empty column, as in the text form);
- a vertical gap larger than the usual line spacing, and every page break, become a blank line
  (the parser repairs sentences broken across pages, as it does for extracted text);
- a line that runs to the right edge of the text block continues on the next line (the layout
  broke it, mostly between two Japanese characters): the two are joined;
- page numbers (``- 12 -``, ``12``, ``12/40``) and running headers/footers (the same text in the
  top or bottom margin of most pages) are dropped; each line keeps its page for provenance.

Pages are read one by one and independently; on Linux with two cores, a long document's pages are
shared with a forked child process (below: "pages read in two processes"), with the same lines.
"""

from __future__ import annotations

import marshal
import os
import re
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NoReturn

from plandiff.conventions.base import heading_like
from plandiff.errors import InputError
from plandiff.processes import fork_with_pipes, may_fork, write_all
from plandiff.readers.lines import SourceLine
from plandiff.readers.pdf_chars import read_page
from plandiff.readers.pdf_layout import Cell, Line, page_lines
from plandiff.readers.pdf_notes import drop_notes

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 2000  # plans run to a few hundred pages; at ~10 ms a page two PDFs at the limit stay under a minute
_PAGE_NUMBER_RE = re.compile(
    r"^[-－‐—–(（]?\s*(?:p\.?\s*)?[0-9０-９]{1,4}\s*(?:[/／]\s*[0-9０-９]{1,4})?\s*[-－‐—–)）]?$"
)
_NUMERIC_CELL_RE = re.compile(r"^[△▲-]?\s*[0-9０-９][0-9０-９,，.]*$|^[-–－]$")
# a line that is one amount (△650万円, 19億8,300万円, 1,234): a column of figures, not a wrapped sentence
_AMOUNT_LINE_RE = re.compile(
    r"^[△▲-]?\s*[0-9０-９][0-9０-９,，.]*\s*(?:億\s*[0-9０-９,，]*\s*)?(?:万|千|百万|億)?円?\s*[%％]?$"
)
_TOC_END_RE = re.compile(r"(?:[.．…‥・･]\s*){3,}\s*[0-9０-９]{1,4}\s*$")  # a TOC entry ends with leader and page
_MARGIN = 0.08  # top and bottom share of the page where running headers, footers and numbers live


_Cell = Cell
_Line = Line


# a page tree that says it has no pages, and no page object anywhere: a valid PDF with 0 pages
_NO_PAGES_RE = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b")
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_lines(data: bytes, name: str) -> tuple[SourceLine, ...]:
    import pypdfium2 as pdfium  # imported here only: PDF input is the exception

    if len(data) > MAX_PDF_BYTES:
        raise InputError(f"{name}: {len(data):,} bytes is over the {MAX_PDF_BYTES // (1024 * 1024)} MB limit for a PDF")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise InputError(
                f"{name}: the PDF is encrypted (password-protected); save an unprotected copy first"
            ) from None
        if _NO_PAGES_RE.search(data) and not _PAGE_RE.search(data):
            # PDFium refuses a valid document with an empty page tree (reason: "PDFium: Success")
            raise InputError(f"{name}: the PDF has no pages") from None
        raise InputError(f"{name}: not a readable PDF (damaged or truncated: {reason})") from None
    if len(pdf) > MAX_PDF_PAGES:
        count = len(pdf)
        pdf.close()
        raise InputError(f"{name}: {count:,} pages is over the {MAX_PDF_PAGES:,}-page limit for a PDF")
    try:
        pages = _read_pages(pdf.raw, len(pdf))
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: a page of the PDF cannot be read ({exc})") from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(f"{name}: the PDF has no pages")
    if not any(pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned PDF?); run OCR on it first")
    pages = _drop_running_lines(pages)
    return _to_source_lines(pages)


def _page_lines(document: object, index: int) -> list[_Line]:
    horizontal, vertical, page_height = read_page(document, index)
    return drop_notes(page_lines(horizontal, vertical, index + 1, page_height))


# ---- pages read in two processes ----------------------------------------------------------------
#
# Most of a PDF's reading is page by page (PDFium loading each page and its text, then the layout),
# and pages do not depend on each other: on Linux, with two cores, a long document's pages are read
# by this process and a forked copy of it at once. The pages wait in a pipe, written before the fork,
# and each process takes the next one as it goes (a read of two bytes takes one page index whole), so
# a process slowed down by the rest of the machine reads fewer of them. The child sends its pages'
# lines back through another pipe (marshal: plain tuples, floats bit for bit) and they are put in page
# order, so the lines are the very ones reading alone gives. If the child fails in any way (killed,
# out of memory, a page it cannot read), this process reads the pages it did not get; if a page fails
# here, those pages are read again in order, so that an error is the one reading alone gives.
#
# A second process costs some 10-20 ms (the fork, and the memory pages both then copy as they write):
# pages are read here in order until what is left looks worth it, judged from the time the pages read
# so far took (a 19-page budget summary of light tables never forks; a 12-page newsletter does after
# its first page). PLANDIFF_PROCESSES=1 (or PLANDIFF_PDF_PROCESSES=1) reads in one process.

_WORTH_TWO = 0.05  # seconds of reading left, at the pace so far, from which a second process pays
_PAGES_LEFT = 4  # and at least this many pages left
_QUEUE_LIMIT = 2048  # pages: their indexes (2 bytes each) fit in a pipe's smallest buffer, written at once

_PackedLine = tuple[int, float, float, list[tuple[str, float, float]], float, int, bool]


def _read_pages(document: object, count: int) -> list[list[_Line]]:
    """Every page's lines, in page order."""
    two = _PAGES_LEFT < count <= _QUEUE_LIMIT and _may_fork()
    start = time.perf_counter()
    pages: list[list[_Line]] = []
    for index in range(count):
        if two and index and count - index >= _PAGES_LEFT:
            left = (time.perf_counter() - start) / index * (count - index)
            if left >= _WORTH_TWO:
                two = False
                rest = _read_pages_in_two(document, index, count)
                if rest is not None:
                    return pages + rest
        pages.append(_page_lines(document, index))
    return pages


def _may_fork() -> bool:
    return may_fork()


def _read_pages_in_two(document: object, first: int, count: int) -> list[list[_Line]] | None:
    """Pages ``first`` to ``count - 1`` read here and in a forked child, in page order; None if a page here
    could not be read."""

    def fill(pipes: list[tuple[int, int]]) -> list[int]:
        queue_in = pipes[0][1]
        os.write(queue_in, b"".join(index.to_bytes(2, "little") for index in range(first, count)))  # ≤ 4 KB
        os.close(queue_in)  # written whole before the fork: a process that finds it empty is done
        return [queue_in]

    forked = fork_with_pipes(2, fill)
    if forked is None:
        return None
    pid, (queue, results, results_in) = forked
    if pid == 0:
        _child(document, queue, results, results_in)
    os.close(results_in)
    reaped = False
    try:
        mine: dict[int, list[_Line]] = {}
        try:
            for index in _claimed(queue):
                mine[index] = _page_lines(document, index)
        except Exception:
            return None  # read again, in order, alone: the same error as reading alone
        data = _receive(results)
        try:
            _, status = os.waitpid(pid, 0)
            exited = os.waitstatus_to_exitcode(status)
        except ChildProcessError:  # reaped already (SIGCHLD ignored): its lines are believed if they are whole
            exited = 0
        reaped = True
        theirs = _unpack(data, range(first, count), mine) if exited == 0 else {}
        pages: list[list[_Line]] = []
        for index in range(first, count):
            lines = mine.get(index, theirs.get(index))
            pages.append(_page_lines(document, index) if lines is None else lines)  # a page the child did not send
        return pages
    finally:
        os.close(queue)
        os.close(results)
        if not reaped:  # this process stopped early (an error, an interruption): the child is not needed
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass


def _claimed(queue: int) -> Iterator[int]:
    """The indexes of the pages this process takes from the queue, until it is empty."""
    while len(claim := os.read(queue, 2)) == 2:
        yield int.from_bytes(claim, "little")


def _child(document: object, queue: int, results: int, results_in: int) -> NoReturn:
    """The forked child: read pages from the queue, send their lines, and leave without any cleanup."""
    status = 1
    try:
        os.close(results)
        data = marshal.dumps([(index, _pack(_page_lines(document, index))) for index in _claimed(queue)])
        write_all(results_in, data)
        status = 0
    except BaseException:  # the parent reads these pages itself
        pass
    finally:
        os._exit(status)


def _receive(fd: int) -> bytes | None:
    chunks: list[bytes] = []
    try:
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError:
        return None
    return b"".join(chunks)


def _pack(lines: list[_Line]) -> list[_PackedLine]:
    return [
        (
            line.page,
            line.bottom,
            line.height,
            [(cell.text, cell.left, cell.right) for cell in line.cells],
            line.page_height,
            line.block,
            line.vertical,
        )
        for line in lines
    ]


def _unpack(data: bytes | None, indexes: range, mine: dict[int, list[_Line]]) -> dict[int, list[_Line]]:
    """The child's pages by index; none if what came is not pages of lines that this process did not read."""
    if data is None:
        return {}
    try:
        pages = {
            index: [
                _Line(page, bottom, height, list(map(_Cell._make, cells)), page_height, block, vertical)
                for page, bottom, height, cells, page_height, block, vertical in lines
            ]
            for index, lines in marshal.loads(data)
        }
    except (EOFError, ValueError, TypeError):
        return {}
    valid = all(isinstance(index, int) and index in indexes and index not in mine for index in pages)
    return pages if valid else {}


def _in_margin(line: _Line) -> bool:
    return line.bottom < _MARGIN * line.page_height or line.bottom > (1 - _MARGIN) * line.page_height


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page numbers and headers/footers repeated in the margins of most pages."""

    def shape(line: _Line) -> str:
        return re.sub(r"[0-9０-９]+", "#", line.text)

    counts = Counter(shape(line) for lines in pages for line in lines if _in_margin(line))
    # 40 %: a newsletter sets one masthead on its left-hand pages, another on its right-hand ones
    repeated = {s for s, n in counts.items() if len(pages) >= 3 and n >= max(3, 0.4 * len(pages))}
    return [
        [
            line
            for line in lines
            if not (_in_margin(line) and (_PAGE_NUMBER_RE.match(line.text) or shape(line) in repeated))
        ]
        for lines in pages
    ]


def _to_source_lines(pages: list[list[_Line]]) -> tuple[SourceLine, ...]:
    out: list[SourceLine] = []
    page_right = max((line.right for lines in pages for line in lines if len(line.cells) == 1), default=0.0)
    page_left = min((line.left for lines in pages for line in lines if len(line.cells) == 1), default=0.0)
    frames = _frames(pages)
    pending: _Line | None = None  # a line that ran to the right edge, waiting for its continuation
    pending_full = False  # it reached the edge itself (not only long): a heading may wrap there

    def emit(text: str, page: int) -> None:
        out.append(SourceLine(len(out) + 1, text, page))

    for lines in pages:
        if pending is not None:  # a sentence broken by the page: the parser joins it, as for extracted text
            emit(pending.text, pending.page)
            pending = None
        if out and out[-1].text:
            emit("", lines[0].page if lines else out[-1].page or 0)  # a page break reads as a blank line
        previous: _Line | None = None
        block: list[_Line] = []
        for line in lines:
            body_left, body_right = frames.get((line.page, line.block), (page_left, page_right))
            spacing = previous.bottom - line.bottom if previous else 0.0
            new_block = previous is not None and (
                line.block != previous.block or line.vertical or previous.vertical or spacing < 0
            )
            in_table = bool(block) and len(line.cells) > 1 and spacing <= 4.0 * line.height
            if new_block or (previous is not None and spacing > 2.2 * line.height and not in_table):
                _flush_table(block, emit)
                block = []
                if pending is not None:
                    emit(pending.text, pending.page)
                    pending = None
                emit("", line.page)
            previous = line
            if line.vertical:  # a paragraph of vertical text, read whole
                emit(line.text, line.page)
                continue
            if len(line.cells) > 1:
                if pending is not None:
                    emit(pending.text, pending.page)
                    pending = None
                block.append(line)
                continue
            if block and len(line.text) <= 20 and not line.text.endswith("。"):
                block.append(line)  # a group row of a table (収入, 支出, 臨時利益): a label and no amounts
                continue
            _flush_table(block, emit)
            block = []
            line_full = line.right >= body_right - 5 * line.height
            if pending is not None and not _continues(pending.text, line.text, pending_full, line_full):
                emit(pending.text, pending.page)  # a new item starts here, not a continuation
                pending = None
            text = line.text if pending is None else _join(pending.text, line.text)
            line = _Line(line.page, line.bottom, line.height, [_Cell(text, line.left, line.right)], line.page_height)
            # near the edge, or long: a line with half-width letters (A I ・ I T) ends well short of it
            long_line = line.right - body_left >= 0.6 * (body_right - body_left)
            wraps = not text.endswith("。") and not _AMOUNT_LINE_RE.match(text)  # a figure never runs on
            if (line.right >= body_right - 5 * line.height or long_line) and wraps:
                pending = line  # the layout broke this line; its sentence goes on below
                pending_full = line.right >= body_right - 5 * line.height
            else:
                emit(text, line.page)
                pending = None
        _flush_table(block, emit)
    if pending is not None:
        emit(pending.text, pending.page)
    return tuple(out)


def _frames(pages: list[list[_Line]]) -> dict[tuple[int, int], tuple[float, float]]:
    """The left and right edges of each column block of running text (lines beside others on the page)."""
    edges: dict[tuple[int, int], list[_Line]] = {}
    for lines in pages:
        for line in lines:
            if line.block and len(line.cells) == 1 and not line.vertical:
                edges.setdefault((line.page, line.block), []).append(line)
    return {
        key: (min(line.left for line in lines), max(line.right for line in lines))
        for key, lines in edges.items()
        if len(lines) >= 3
    }


def _continues(left: str, right: str, left_full: bool, right_full: bool) -> bool:
    """Does ``right`` continue the line ``left`` that the layout broke at the right edge?

    Never a heading, nor after a TOC entry. A heading goes on only when it ran to the right edge
    (``left_full``) with the short rest of its title: a full line or a finished sentence after a
    heading is its first paragraph. Wrapped body text goes on even with a line that starts like a
    bullet (``相談`` / ``・助言``: the break fell on a ``・``).
    """
    if heading_like(right) or re.match(r"^\s*[-‐－]\s*[・･]", right) or _TOC_END_RE.search(left):
        return False  # a heading, or a "- ・" item: the break came after a full line that ended an item
    if heading_like(left):
        rest = right.strip()
        return left_full and not right_full and not rest.endswith("。") and not re.match(r"^[・･○◆■●◇□]", rest)
    return True


def _join(left: str, right: str) -> str:
    # Japanese lines break between any two characters, numbers and Latin words included: no space.
    return left + right


def _flush_table(block: list[_Line], emit: Callable[[str, int], None]) -> None:
    """Write a run of multi-cell lines as tab-separated rows, each cell in its column."""
    if not block:
        return
    numeric = [c for line in block for c in line.cells[1:] if _NUMERIC_CELL_RE.match(c.text)]
    bands = _bands(numeric)
    label_right = min((line.cells[0].right for line in block), default=0.0)
    if bands:  # text columns beside the numbers (項 under 款, 説明): cells that share no numeric column
        text = [
            c
            for line in block
            for c in line.cells
            if not (c is line.cells[0] and c.left <= label_right)
            and not _NUMERIC_CELL_RE.match(c.text)
            and not any(_overlap(c, left, right) > 0 for left, right in bands)
        ]
        bands = sorted(bands + _bands(text))
    for line in block:
        if len(line.cells) == 1:
            emit(line.cells[0].text + "\t", line.page)
            continue
        if not bands:
            emit("\t".join(cell.text for cell in line.cells), line.page)
            continue
        cells = [""] * (len(bands) + 1)
        for cell in line.cells:
            if cell.left <= label_right and cell is line.cells[0]:
                cells[0] = cell.text
                continue
            column = _column(cell, bands)
            cells[column] = (cells[column] + " " + cell.text).strip()
        while len(cells) > 1 and cells[-1] == "":
            cells.pop()
        emit("\t".join(cells), line.page)


def _bands(cells: list[_Cell]) -> list[list[float]]:
    bands: list[list[float]] = []
    for cell in sorted(cells, key=lambda c: c.left):
        if bands and cell.left <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], cell.right)
        else:
            bands.append([cell.left, cell.right])
    return bands


def _overlap(cell: _Cell, left: float, right: float) -> float:
    """min(right, cell.right) - max(left, cell.left), written out: no builtin calls in the inner loops."""
    return (cell.right if cell.right < right else right) - (cell.left if cell.left > left else left)


def _column(cell: _Cell, bands: list[list[float]]) -> int:
    """The band a cell overlaps most, else the last band starting at or before its left edge."""
    best, overlap = 0, 0.0
    cell_left, cell_right = cell.left, cell.right
    for index, (left, right) in enumerate(bands, start=1):
        shared = (cell_right if cell_right < right else right) - (cell_left if cell_left > left else left)
        if shared > overlap:
            best, overlap = index, shared
    if best:
        return best
    starts = [index for index, (left, _) in enumerate(bands, start=1) if left <= cell.left + 1]
    return starts[-1] if starts else 1
