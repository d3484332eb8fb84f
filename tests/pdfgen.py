"""Make Japanese PDFs in the tests themselves, with reportlab's built-in CID font (no font file)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

SIZE, LEADING, LEFT, TOP, BOTTOM = 9.0, 14.0, 50.0, 790.0, 60.0
CHARS_PER_LINE = 50
TABLE_SIZE, TABLE_COLUMN = 7.0, 100.0


_HEADING_RE = re.compile(r"^\s*(?:[IVX]+\.|[0-9]+[.)]|[(（][0-9]+[)）]|[①-⑳]|【|<|\(単位)")


def _mid_sentence(line: str) -> bool:
    """A body line that stops before its sentence ends: the original PDF broke it across a page."""
    text = line.strip()
    return (
        len(text) > CHARS_PER_LINE // 2  # a body line, not the title or the date in the front matter
        and "\t" not in line
        and not _HEADING_RE.match(text)
        and not text.endswith(("。", "）", ")"))
    )


def _draw(pdf: canvas.Canvas, x: float, y: float, text: str) -> None:
    # reportlab writes a lone CJK glyph in a form PDFium maps to no text ("計" alone vanishes, "計 "
    # does not); pad it, since the reader rebuilds spacing from geometry and drops the trailing space
    pdf.drawString(x, y, text + " " if len(text) == 1 else text)


def _draw_words(pdf: canvas.Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw a line word by word: in this font PDFium's loose box of a Latin letter can swallow a
    space (``Flow with`` reads as ``Flowwith``), so each space is drawn as a gap the reader sees."""
    gap = max(pdfmetrics.stringWidth(" ", FONT, size), 0.45 * size)
    for word in text.split(" "):
        if word:
            _draw(pdf, x, y, word)
            x += pdfmetrics.stringWidth(word, FONT, size)
        x += gap


def render_pdf(lines: list[str], *, header: str = "令和3年度計画", encrypt: str | None = None) -> bytes:
    """Draw plan lines as a real PDF would show them: wrapped at the page width, blank lines as
    vertical space, a blank line inside a sentence as a page break (as in the original plan),
    table rows (tab-separated) in columns, a running header and page numbers on every page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    state = {"y": TOP, "page": 1}

    def furniture() -> None:
        pdf.setFont(FONT, 8)
        pdf.drawString(450, 815, header)
        pdf.drawString(290, 30, f"- {state['page']} -")

    def new_page() -> None:
        furniture()
        pdf.showPage()
        state["page"] += 1
        state["y"] = TOP

    def advance(step: float) -> None:
        state["y"] -= step
        if state["y"] < BOTTOM:
            new_page()

    previous = ""
    for line in lines:
        if not line.strip():
            if _mid_sentence(previous):
                new_page()  # the original broke this sentence across a page
            else:
                advance(LEADING)
            previous = line
            continue
        if "\t" in line:
            pdf.setFont(FONT, TABLE_SIZE)
            for column, cell in enumerate(line.split("\t")):
                if cell.strip():
                    _draw(pdf, LEFT + column * TABLE_COLUMN, state["y"], cell.strip())
            advance(LEADING)
        else:
            pdf.setFont(FONT, SIZE)
            text = line.strip()
            while text:
                _draw(pdf, LEFT, state["y"], text[:CHARS_PER_LINE])
                text = text[CHARS_PER_LINE:]
                advance(LEADING)
        previous = line
    furniture()
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


_AVOID_AT_LINE_START = "・･○◆■●◇□「"  # a wrapped line starting so would read as a new item


def _heading_like(text: str) -> bool:
    from plandiff.conventions.base import heading_like

    return heading_like(text)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Cut a line into the pieces a typesetter would draw, each as wide as fits in ``width``.

    Never where the next piece would open like a heading or a bullet (``①``, ``（３）``, ``・``: a reader
    could not tell it from one), and never at a space or inside a Latin word or number (the reader
    joins wrapped pieces without a space, as Japanese needs).
    """
    pieces: list[str] = []
    while text:
        end = 1
        while end < len(text) and pdfmetrics.stringWidth(text[: end + 1], FONT, size) <= width:
            end += 1
        if end < len(text):
            best = end
            while best > 1 and _bad_break(text, best, _heading_like):
                best -= 1
            end = best if best > 1 else end
        pieces.append(text[:end])
        text = text[end:]
    return pieces


def _bad_break(text: str, at: int, heading_like: Callable[[str], bool]) -> bool:
    left, right = text[at - 1], text[at]
    rest = text[at:]
    return (
        left.isspace()
        or right.isspace()
        or left in "-‐"  # PDFium reads a hyphen ending a line as hyphenation and drops it
        or (left.isascii() and left.isalnum() and right.isascii() and right.isalnum())
        or rest.startswith(tuple(_AVOID_AT_LINE_START))
        or heading_like(rest)
    )


def layout_pdf(
    lines: list[str], *, size: float = 10.0, leading: float = 16.0, width: float = 470.0
) -> tuple[bytes, list[int | None]]:
    """Typeset source lines afresh (as a next edition's PDF would be): each line wrapped at the page
    width, a blank line as vertical space, tab-separated rows as columns, pages filled to the bottom
    margin and numbered ``- N -``. Line and page breaks fall where this layout puts them, not where
    the source's did. Returns the PDF and, for each source line, the page its text starts on (None
    for a blank line).

    A page never ends after a finished sentence that its paragraph continues below, nor inside a run
    of table rows: a reader cannot tell either from the end of a paragraph or a table, and real
    layouts avoid them (widow and orphan control)."""
    left, top, bottom = 60.0, 800.0, 80.0
    per_page = int((top - bottom) // leading) + 1
    rows: list[tuple[int, str]] = []  # (source index, piece); piece "" is a blank line, "\t…" a table row
    for index, line in enumerate(lines):
        if not line.strip():
            rows.append((index, ""))
        elif "\t" in line:
            rows.append((index, "\t" + line))
        else:
            pieces = wrap(line.strip(), size, width)
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            last = pieces[-1]
            if (
                following.startswith(tuple("・･○◆■●◇□-"))
                and not _heading_like(line)
                and not last.endswith(("。", "．"))
                and pdfmetrics.stringWidth(last, FONT, size) > 0.5 * width
            ):
                # an unfinished line running to the margin above a new ・ item reads as wrapped into it
                # (the reader joins them): end it short of the margin, as its own line
                cut = len(last) // 2
                while cut > 1 and _bad_break(last, cut, _heading_like):
                    cut -= 1
                pieces[-1:] = [last[:cut], last[cut:]]
            rows.extend((index, piece) for piece in pieces)

    def breakable(before: str, after: str) -> bool:
        if before.startswith("\t") or after.startswith("\t"):
            return False
        return not (before.endswith(("。", "．")) and after != "")

    pages: list[list[tuple[int, str]]] = []
    start = 0
    while start < len(rows):
        end = min(start + per_page, len(rows))
        if end < len(rows):
            cut = end
            while cut > start + 1 and not breakable(rows[cut - 1][1], rows[cut][1]):
                cut -= 1
            end = cut if cut > start + 1 else end
        pages.append(rows[start:end])
        start = end

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    starts: list[int | None] = [None] * len(lines)
    for number, page in enumerate(pages, start=1):
        y = top
        for index, piece in page:
            if piece.startswith("\t"):
                cells = piece[1:].split("\t")
                column = width / max(len(cells), 2)
                pdf.setFont(FONT, size)
                for position, cell in enumerate(cells):
                    if cell.strip():
                        _draw(pdf, left + position * column, y, cell.strip())
            elif piece:
                pdf.setFont(FONT, size)
                _draw_words(pdf, left, y, piece, size)
            if piece and starts[index] is None:
                starts[index] = number
            y -= leading
        pdf.setFont(FONT, 8)
        pdf.drawString(290, 30, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), starts


def cached_layout_pdf(lines: list[str], directory: Path | None) -> tuple[bytes, list[int | None]]:
    """:func:`layout_pdf` of ``lines``, kept in ``directory`` (pytest's cache) under a key of the lines,
    this module's source and reportlab's version: the same PDF is typeset once, not on every run (for the
    90-page 重点計画 that is 0.4 s of reportlab; the PDF is still read by plandiff on every run). Without
    a directory (``-p no:cacheprovider``) it is typeset afresh."""
    if directory is None:
        return layout_pdf(lines)
    key = hashlib.sha256()
    for part in (reportlab.Version, Path(__file__).read_text(encoding="utf-8"), *lines):
        key.update(part.encode("utf-8") + b"\0")
    pdf, pages = directory / f"{key.hexdigest()}.pdf", directory / f"{key.hexdigest()}.json"
    if pdf.is_file() and pages.is_file():
        return pdf.read_bytes(), json.loads(pages.read_text(encoding="utf-8"))
    data, starts = layout_pdf(lines)
    for path, content in ((pages, json.dumps(starts).encode()), (pdf, data)):  # the PDF last: it marks them done
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(content)
        partial.replace(path)  # whole or not at all, whoever else is writing it
    return data, starts
