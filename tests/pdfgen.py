"""Make Japanese PDFs in the tests themselves, with reportlab's built-in CID font (no font file)."""

from __future__ import annotations

import io
import re

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
