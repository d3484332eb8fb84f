"""HTML pages → source lines, via lxml (libxml2's HTML parser), so they parse with the same rules as text.

The lines have the shape of the plain-text form, so a page and its text read into the same model:

- every block (``p``, ``div``, ``li``, ``h1``–``h6``, ``blockquote``, ``dd``…) is a line of its own,
  with a blank line between blocks (the parser's paragraph and page-break rules see what they see in
  text); ``<br>`` breaks a line inside a block, and ``<br><br>`` leaves a blank line;
- a heading keeps its text: the plan's own marker (``I.``, ``１．``, ``（１）``, ``①``, ``【指標】``) is
  in it and the parser's rules classify it as in text. A heading the rules do not read as one gets
  ``#`` marks for its depth (``<h2>はじめに</h2>`` → ``## はじめに``), as the Markdown reader writes
  it. The page's one ``<h1>``, when it comes before every other heading, is the document's title: a
  plain line (front matter, where the title and fiscal year are read) unless it has a marker;
- a list item is a ``・`` bullet, unless the rules read its text as something else already (a ``・``
  or ``○`` bullet, a marker, a TOC entry); a table row is its cells joined by tabs (``colspan`` and
  ``rowspan`` keep the columns in place), as the text form writes tables. A table holding a table or a
  heading, or a cell of more than three paragraphs, lays out the page: its cells are read as blocks;
  ``<pre>`` keeps its lines (and tabs) as written;
- ``script``, ``style``, ``head``, ``nav``, ``noscript``, ``template``, ruby readings (``rt``, ``rp``),
  form controls, hidden elements (``hidden``, ``aria-hidden``, ``display: none``), the site's ARIA
  landmarks (``role="banner"``, ``navigation``, ``contentinfo``, ``search``) and ``header``/``footer``
  outside ``main``/``article`` are skipped; when the page has a ``<main>`` (or ``role="main"``), only
  it is read;
- entities are decoded by the parser; HTML white space (space, tab, line feed, CR, form feed) inside a
  block collapses to one space, and a line break in the source between two East Asian wide
  characters disappears (as CSS Text says), so wrapped Japanese source joins without a gap. U+3000 and
  non-HTML spaces are kept as written, except ``&nbsp;`` (U+00A0), which is a space.

Line numbers are the HTML file's: the line where the element that starts the line begins (lxml's
``sourceline``), so ``line 120`` in a changelog can be found in the page's source. A page written on
few lines (minified: fewer distinct source lines than half its text lines), or on more than 65,534
lines (where libxml2 stops counting), is numbered 1…n in reading order instead.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from plandiff.conventions.base import UNIT_RE, heading_like
from plandiff.errors import InputError
from plandiff.readers.decode import MAX_TEXT_BYTES, _checked, decode
from plandiff.readers.lines import SourceLine

_SKIP = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "rt",
        "rp",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
        "textarea",
        "datalist",
    }
)
_PAGE_CHROME = frozenset({"header", "footer"})  # site banner and footer, unless inside main/article
_CONTENT = frozenset({"main", "article"})
_CHROME_ROLES = frozenset({"banner", "navigation", "contentinfo", "search"})  # ARIA landmarks of the site
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "form",
        "header",
        "footer",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        *_HEADINGS,
    }
)
_CELL_BLOCKS = _BLOCKS - {"td", "th", "tr", "tbody", "thead", "tfoot", "table", "caption"}
_WHITESPACE_RE = re.compile(r"[ \t\n\r\f]+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# What the parser's rules make of a heading's or list item's text decides whether it is kept as it is:
# a heading keeps its text when it is a heading line (a marker, 【指標】, an annex caption…), a list
# item when it is anything but plain text (a bullet glyph, a marker, a TOC entry…).
_ITEM_MARK_RE = re.compile(r"^\s*(?:[-‐－]\s+|(?:[-‐－]\s*)?[・･○◆■●◇□※])")
_MAX_CELL_BLOCKS = 3  # a cell with more paragraphs than this is a column of a page laid out in a table

# <meta charset="…">, <meta http-equiv="Content-Type" content="…; charset=…">, <?xml … encoding="…"?>
_DECLARED_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_DECLARED = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "euc-jp": "euc_jis_2004",
    "x-euc-jp": "euc_jis_2004",
    "euc_jp": "euc_jis_2004",
    "cseucpkdfmtjapanese": "euc_jis_2004",
}
_LINE_CAP = 65535  # libxml2's HTML parser counts source lines up to here, then stays
_PRESCAN = 4096  # bytes looked at for a declaration (the HTML standard says 1024; pages put comments first)


def decode_html(data: bytes, name: str = "input") -> tuple[str, str]:
    """Bytes → text as :func:`plandiff.readers.decode.decode` does, honouring the page's declared
    Shift_JIS or EUC-JP (``<meta charset>``) where the bytes are not UTF-8: detection between the two
    legacy encodings can misjudge a short page, the declaration does not. A byte-order mark and valid
    UTF-8 win over a stale declaration (browsers let the BOM win too)."""
    match = _DECLARED_RE.search(data[:_PRESCAN])
    declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else ""
    codec = _DECLARED.get(declared)
    if (
        codec is None
        or len(data) > MAX_TEXT_BYTES
        or b"\x00" in data
        or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        return decode(data, name)
    try:
        data.decode("utf_8")
    except UnicodeDecodeError:
        pass
    else:
        return decode(data, name)  # UTF-8 after all (or plain ASCII): the declaration is stale
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return decode(data, name)  # the declaration is wrong: detect
    return _checked(text, codec, name)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("F", "W", "H") and not ("\uac00" <= ch <= "\ud7a3")


def collapse(text: str) -> str:
    """HTML white space → one space; a source line break between two wide characters → nothing."""
    text = text.replace("\u00a0", " ")

    def space(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        if "\n" in m.group(0) or "\r" in m.group(0):
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if before and after and _wide(before) and _wide(after):
                return ""
        return " "

    return _WHITESPACE_RE.sub(space, text).strip(" ")


def _heading_text(text: str) -> bool:
    """Does the text say it is a heading itself (``I.``, ``（１）``, 【指標】, an annex caption)?"""
    return heading_like(text) and not UNIT_RE.match(text)


def _marked(text: str) -> bool:
    """Does a list item's text start with its own marker (a heading number, a bullet, ※, a dash)?"""
    return _heading_text(text) or _ITEM_MARK_RE.match(text) is not None


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.lower().rpartition("}")[2]  # XHTML pages may carry a namespace


def _skipped(el: etree._Element, tag: str) -> bool:
    if tag in _SKIP or not tag:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    if _HIDDEN_STYLE_RE.search(el.get("style", "")):
        return True
    if el.get("role", "").lower() in _CHROME_ROLES:
        return True
    if tag in _PAGE_CHROME:
        return not any(_tag(a) in _CONTENT or a.get("role", "").lower() == "main" for a in el.iterancestors())
    return False


def _data_table(table: etree._Element) -> bool:
    """A table of data rather than a page laid out in cells: no table or heading inside it, no cell
    of many paragraphs, and rows of two cells or more. (Word and CMS tables put each cell's text in a
    ``<p>``: that is still data.)"""
    rows = 0
    for el in table.iter():
        tag = _tag(el)
        if el is table:
            continue
        if tag == "table" or tag in _HEADINGS:
            return False
        if tag in ("td", "th") and sum(1 for d in el.iter() if _tag(d) in _CELL_BLOCKS) > _MAX_CELL_BLOCKS:
            return False
        if tag == "tr" and sum(1 for c in el if _tag(c) in ("td", "th")) >= 2:
            rows += 1
    return rows > 0


def _span(el: etree._Element, attr: str) -> int:
    try:
        return max(1, min(int(el.get(attr, "1").strip() or "1"), 1000))
    except ValueError:
        return 1


@dataclass
class _Open:
    tag: str
    el: etree._Element
    written: bool = False  # a list item: its first line is out


@dataclass
class _Reader:
    title: etree._Element | None  # the <h1> read as the document's title
    out: list[SourceLine] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    buf_text: bool = False  # the buffer holds more than white space
    buf_line: int = 0
    line: int = 1  # source line of the element last entered
    gap: bool = False
    blocks: list[_Open] = field(default_factory=list)  # open blocks, innermost last
    pre: int = 0
    tables: list[bool] = field(default_factory=list)  # open tables: is each a data table?
    row: list[str] | None = None
    row_line: int = 0
    column: int = 0
    spans: dict[int, int] = field(default_factory=dict)  # column → rows still covered by a rowspan above
    cell: list[str] | None = None

    # text

    def text(self, value: str | None) -> None:
        if not value:
            return
        if self.cell is not None:
            self.cell.append(value)
            return
        if not self.buf_text:
            self.buf_line = self.line
            self.buf_text = bool(value.strip())
        self.buf.append(value)

    def emit(self, text: str, number: int) -> None:
        if self.gap and self.out and self.out[-1].text:
            self.out.append(SourceLine(number, ""))
        self.gap = False
        self.out.append(SourceLine(number, text))

    def flush(self, blank_if_empty: bool = False) -> None:
        raw = "".join(self.buf)
        self.buf.clear()
        self.buf_text = False
        if self.pre:
            for piece in raw.split("\n"):
                if piece.strip():
                    self.emit(piece.rstrip().replace("\u00a0", " "), self.buf_line)
                elif self.out and self.out[-1].text:
                    self.out.append(SourceLine(self.buf_line, ""))
            return
        text = collapse(raw)
        if not text:
            if blank_if_empty and self.out and self.out[-1].text:
                self.out.append(SourceLine(self.line, ""))
            return
        self.emit(self._shaped(text), self.buf_line)

    def _shaped(self, text: str) -> str:
        for block in reversed(self.blocks):
            if block.tag in _HEADINGS:
                if block.el is self.title or _heading_text(text):
                    return text
                return f"{'#' * _HEADINGS[block.tag]} {text}"
            if block.tag == "li":
                if block.written:
                    return text  # the item's next line, after a <br>
                block.written = True
                return text if _marked(text) else f"・{text}"
        return text

    # elements

    def start(self, el: etree._Element, tag: str) -> None:
        self.line = el.sourceline or self.line
        if self.cell is not None:
            if tag == "br" or tag in _BLOCKS:
                self.cell.append("\n")  # a line in a cell: joined as wrapped source is
            return
        if tag == "br":
            self.flush(blank_if_empty=True)
            self.buf_line = self.line
            return
        if tag == "table":
            self.flush()
            self.gap = True
            self.tables.append(_data_table(el))
            return
        if self.tables and self.tables[-1] and tag in ("tr", "td", "th"):
            if tag == "tr":
                self.flush()
                self.row, self.row_line, self.column = [], self.line, 0
            elif self.row is not None:
                self._covered()
                self.cell = []
            return
        if tag in _BLOCKS:
            self.flush()
            self.gap = True
            self.blocks.append(_Open(tag, el))
            if tag == "pre":
                self.pre += 1

    def end(self, el: etree._Element, tag: str) -> None:
        if self.cell is not None and tag in ("td", "th"):
            assert self.row is not None
            self.row.append(collapse(" ".join("".join(self.cell).split("\t"))))
            self.cell = None
            span = _span(el, "colspan")
            rows = _span(el, "rowspan")
            for offset in range(span):
                if rows > 1:
                    self.spans[self.column + offset] = rows - 1
                if offset:
                    self.row.append("")
            self.column += span
            return
        if self.cell is not None:
            return
        if tag == "table":
            self.flush()
            self.tables.pop()
            self.row, self.spans = None, {}
            self.gap = True
            return
        if self.tables and self.tables[-1] and tag == "tr":
            if self.row is not None:
                self._covered()
                self._emit_row(self.row)
            self.row = None
            return
        if tag in _BLOCKS:
            self.flush()
            self.gap = True
            while self.blocks:
                if self.blocks.pop().el is el:
                    break
            if tag == "pre":
                self.pre -= 1

    def _covered(self) -> None:
        """Empty cells where a rowspan from a row above covers the next columns."""
        assert self.row is not None
        while self.spans.get(self.column, 0) > 0:
            self.spans[self.column] -= 1
            self.row.append("")
            self.column += 1

    def _emit_row(self, cells: list[str]) -> None:
        for column in [c for c, left in self.spans.items() if left > 0 and c >= self.column]:
            self.spans[column] -= 1  # a rowspan past this row's last cell
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            return  # an empty row says nothing (a blank line would end the table)
        text = "\t".join(cells)
        if "\t" not in text:
            text += "\t"  # a one-cell row is still a row of the table
        if self.out and self.out[-1].text and "\t" not in self.out[-1].text:
            self.out.append(SourceLine(self.row_line, ""))
        self.gap = False
        self.out.append(SourceLine(self.row_line, text))


def _content_root(root: etree._Element) -> etree._Element:
    for el in root.iter():
        if _tag(el) == "main" or (isinstance(el.tag, str) and el.get("role", "").lower() == "main"):
            return el
    return root


def _title_heading(root: etree._Element) -> etree._Element | None:
    headings = [el for el in root.iter() if _tag(el) in _HEADINGS]
    h1s = [el for el in headings if _tag(el) == "h1"]
    return headings[0] if headings and len(h1s) == 1 and h1s[0] is headings[0] else None


def html_lines(text: str, name: str = "input") -> tuple[SourceLine, ...]:
    """An HTML page's text → numbered source lines (see the module docstring)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ()
    # one parser per page: an lxml parser is not to be shared between threads
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if any(error.level_name == "FATAL" for error in parser.error_log):
        # libxml2 stops at 2048 nested elements (huge_tree): what lies deeper would be lost unsaid
        reason = parser.error_log.last_error.message.split(",")[0].strip()
        raise InputError(f"{name}: the HTML cannot be read whole ({reason})")
    if root is None:
        return ()
    root = _content_root(root)
    reader = _Reader(_title_heading(root))
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = _tag(el)
        if closing:
            reader.end(el, tag)
            if el is not root:
                reader.text(el.tail)
            continue
        if _skipped(el, tag):
            if el is not root:
                reader.text(el.tail)
            continue
        reader.start(el, tag)
        reader.text(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    reader.flush()
    lines = reader.out
    while lines and not lines[-1].text:
        lines.pop()
    content = [line.number for line in lines if line.text]
    if len(set(content)) * 2 < len(content) or text.count("\n") >= _LINE_CAP - 1:
        lines = [SourceLine(number, line.text) for number, line in enumerate(lines, start=1)]
    return tuple(lines)
