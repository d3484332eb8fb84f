"""Classified lines → Document, in one forward walk.

Page-break repair happens here, because only here is it known what an item is: a bullet or
paragraph whose text does not end a sentence (no ``。``), followed by blank lines and then a line
that is not a new bullet (``・``) or heading, continues that item (``…面`` / blank / ``談等を通じて``).
A stray ``「`` that the PDF repeated at a page top (``「新型コロ`` / ``「ナウイルス…``) is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plandiff.model import Document, Measure, Metadata, Path, Section, Table, TableRow, TargetItem
from plandiff.parse import meta as meta_mod
from plandiff.parse.rules import LineToken, classify
from plandiff.readers.lines import SourceLine
from plandiff.text.normalize import is_repost, repair, strip_repost

_HEADINGS = frozenset({"roman", "arabic", "paren", "circled", "halfparen", "heading", "indicators", "annex", "account"})
_TERMINATORS = ("。", "．")


def _terminated(text: str) -> bool:
    return strip_repost(text).rstrip().endswith(_TERMINATORS)


def _join(left: str, right: str) -> str:
    # Japanese has no spaces between words; keep one only between two Latin/digit characters.
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


@dataclass
class _Item:
    kind: str  # bullet | paragraph
    path: Path
    target: bool
    lines: list[SourceLine] = field(default_factory=list)
    text: str = ""

    def add(self, line: SourceLine, content: str) -> None:
        content = content.strip()
        if self.text and content.startswith("「") and self.text.count("「") > self.text.count("」"):
            content = content[1:]  # the PDF repeated an open bracket at the page top
        self.text = _join(self.text, content)
        self.lines.append(line)


@dataclass
class _Builder:
    sections: list[Section] = field(default_factory=list)
    stack: list[tuple[int, Section]] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    item: _Item | None = None
    rows: list[TableRow] = field(default_factory=list)
    statement: str = ""
    caption: str = ""
    account: str = ""
    unit: str = ""
    gap: bool = False  # a blank line was seen since the last content line

    @property
    def path(self) -> Path:
        return self.stack[-1][1].path if self.stack else ()

    def flush_item(self) -> None:
        item, self.item = self.item, None
        if item is None or not item.text:
            return
        text = repair(item.text)
        raw = "\n".join(line.text for line in item.lines)
        first, last = item.lines[0].number, item.lines[-1].number
        page = item.lines[0].page
        if item.target:
            self.targets.append(TargetItem(item.path, first, last, text, raw, page))
        else:
            self.measures.append(Measure(item.path, first, last, text, raw, item.kind, is_repost(text), page))

    def flush_table(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        header = 0
        for row in rows:
            first = "".join(row.cells[0].split()) if row.cells else ""
            if header == 0 and first in ("区別", "区分", "項目", ""):
                header = 1
            elif header and first == "":
                header += 1
            else:
                break
        self.tables.append(
            Table(
                self.path,
                self.statement,
                self.account,
                self.unit,
                self.caption,
                rows[0].line,
                rows[-1].line,
                header,
                tuple(rows),
            )
        )

    def flush(self) -> None:
        self.flush_item()
        self.flush_table()

    def open_section(self, tok: LineToken, line: SourceLine, keep_rank: int) -> None:
        self.flush()
        while self.stack and self.stack[-1][0] > keep_rank:
            self.stack.pop()
        section = Section((*self.path, tok.label), tok.kind, tok.marker, tok.text, line.text, line.number, line.page)
        self.stack.append((tok.rank, section))
        self.sections.append(section)

    def feed(self, tok: LineToken, line: SourceLine) -> None:
        kind = tok.kind
        if kind == "blank":
            self.gap = True
            self.flush_table()
            return
        if kind == "table_row":
            self.flush_item()
            cells = [cell.strip() for cell in line.text.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()  # trailing empty cells say nothing (and a PDF cannot show them)
            self.rows.append(TableRow(line.number, tuple(cells)))
        elif kind == "indicators":
            self.open_section(tok, line, keep_rank=2)  # a target block belongs to its "1." section
        elif kind == "annex":
            self.open_section(tok, line, keep_rank=0)
            self.statement, self.caption, self.account, self.unit = tok.label, tok.text, "", ""
        elif kind == "account":
            self.open_section(tok, line, keep_rank=1)
            self.account, self.unit = tok.text, ""
        elif kind in _HEADINGS:
            self.open_section(tok, line, keep_rank=tok.rank - 1)
        elif kind == "unit":
            self.flush()
            self.unit = tok.text
        elif (
            kind == "note"
            and self.tables
            and not self.item
            and self.tables[-1].note == ""
            and self.tables[-1].path == self.path
        ):
            last = self.tables[-1]
            self.tables[-1] = Table(
                last.path,
                last.statement,
                last.account,
                last.unit,
                last.caption,
                last.line,
                last.end_line,
                last.header_rows,
                last.rows,
                tok.text,
            )
        elif kind == "end":
            self.flush()
        elif kind == "bullet":
            self.start_item("bullet", line, tok.text)
        elif kind in ("dash", "text", "note"):
            if self.item is not None and (not self.gap or not _terminated(self.item.text)):
                if kind == "dash" and not self.gap and _terminated(self.item.text):
                    self.start_item("bullet", line, tok.text)
                else:
                    self.item.add(line, tok.text)
            else:
                self.start_item("bullet" if kind == "dash" else "paragraph", line, tok.text)
        self.gap = False

    def start_item(self, kind: str, line: SourceLine, content: str) -> None:
        self.flush()
        in_targets = bool(self.stack) and self.stack[-1][1].kind == "indicators"
        self.item = _Item(kind, self.path, in_targets)
        self.item.add(line, content)


def assemble(lines: tuple[SourceLine, ...], source: str = "", encoding: str = "", fmt: str = "text") -> Document:
    """Build the document model from numbered source lines."""
    tokens = [classify(line.text) for line in lines]
    start = next((i for i, tok in enumerate(tokens) if tok.kind in _HEADINGS), None)
    warnings: list[str] = []
    if start is None:
        warnings.append("no recognisable structure (no headings): every paragraph is compared as a measure")
        start = 0
    front = [line.text for line in lines[:start]]
    builder = _Builder()
    for tok, line in zip(tokens[start:], lines[start:], strict=True):
        builder.feed(tok, line)
    builder.flush()
    metadata: Metadata = meta_mod.extract(front if front else [line.text for line in lines[:5]], source, encoding, fmt)
    return Document(
        metadata,
        tuple(builder.sections),
        tuple(builder.measures),
        tuple(builder.targets),
        tuple(builder.tables),
        tuple(warnings),
    )
