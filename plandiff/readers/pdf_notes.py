"""Footnotes in PDFs: references (small raised digits) and the notes at the page foot.

Left in the text flow, a reference glues its number into the sentence (``…個人番号の53``,
``49公的給付の…``), and the notes at the foot of a page glue themselves onto the sentence that the
page break cut (``…に向`` / ``令和３年法律第39号`` / ``けて…``), hiding the heading after them.

- a reference is a row of one to three digits set well below the page's body size (≤ 70 %);
- the notes are the rows from the first such number in the lower part of the page down to the foot,
  all smaller than the body (the page number below them, body-sized, is left for the running-line
  pass to drop).

Both are dropped: footnotes are not compared (README: known limits).
"""

from __future__ import annotations

import re
from collections import Counter

from plandiff.readers.pdf_layout import Line

_DIGITS_ONLY_RE = re.compile(r"^[0-9０-９]{1,3}(?:\s+[0-9０-９]{1,3})*$")  # one reference, or several set side by side
_REFERENCE = 0.7  # a reference's size against the body's
_NOTE = 0.9  # a footnote's
_FOOT = 0.35  # footnotes start in the lowest part of the page


def body_size(lines: list[Line]) -> float:
    """The size most of the page's characters are set in."""
    weights: Counter[int] = Counter()
    for line in lines:
        weights[round(line.height)] += len(line.text)
    return float(weights.most_common(1)[0][0]) if weights else 0.0


def drop_notes(lines: list[Line]) -> list[Line]:
    body = body_size(lines)
    if not body:
        return lines
    small = [
        not line.vertical and _DIGITS_ONLY_RE.match(line.text) is not None and line.height <= _REFERENCE * body
        for line in lines
    ]
    foot = _foot_start(lines, small, body)
    return [
        line
        for index, line in enumerate(lines)
        if not small[index] and (foot is None or index < foot or _page_number(line, body))
    ]


def _foot_start(lines: list[Line], small: list[bool], body: float) -> int | None:
    """Where the footnotes begin: a note number low on the page with only small print (or the page number) after it."""
    for index, line in enumerate(lines):
        if not small[index] or line.bottom >= _FOOT * line.page_height:
            continue
        after = lines[index + 1 :]
        if all(other.height < _NOTE * body or _page_number(other, body) for other in after):
            return index
    return None


def _page_number(line: Line, body: float) -> bool:
    return (
        line.height >= _NOTE * body and re.fullmatch(r"[-－(（]?\s*[0-9０-９]{1,4}\s*[-－)）]?", line.text) is not None
    )
