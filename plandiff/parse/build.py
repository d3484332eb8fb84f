"""Classified lines → Document: classify with the family's rules, read the TOC, one forward walk, check.

Page-break repair happens here, because only here is it known what an item is: a bullet or
paragraph whose text does not end a sentence (no ``。``), followed by blank lines and then a line
that is not a new bullet (``・``) or heading, continues that item (``…面`` / blank / ``談等を通じて``).
A stray ``「`` that the PDF repeated at a page top (``「新型コロ`` / ``「ナウイルス…``) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plandiff.conventions import Family, detect
from plandiff.conventions.base import heading_like
from plandiff.model import (
    Document,
    Measure,
    Metadata,
    Notice,
    Path,
    Section,
    SourceLine,
    Table,
    TableRow,
    TargetItem,
    TocEntry,
    path_field,
)
from plandiff.parse import meta as meta_mod
from plandiff.parse.ladder import Ladder
from plandiff.parse.rules import BLOCK_KINDS, HEADING_KINDS, LineToken, classifier
from plandiff.parse.toc import check_toc, read_toc, titled_keys
from plandiff.text.normalize import is_repost, key, repair, strip_repost

_MAX_TITLE = 40  # an unnumbered heading is a short line
_MAX_DOUBTS = 10  # doubtful lines listed by line number; the rest are counted
_TERMINATORS = ("。", "．")
_TAIL = 64  # an item's last characters kept apart: a line end and a trailing （再掲）


def _terminated(text: str) -> bool:
    return strip_repost(text).rstrip().endswith(_TERMINATORS)


def _join(left: str, right: str) -> str:
    # Japanese has no spaces between words; keep one only between two Latin/digit characters.
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


@dataclass
class _Item:
    """A measure being read: the lines it runs over so far."""

    kind: str  # bullet | paragraph
    path: Path
    target: bool
    lines: list[SourceLine] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # joined once (linear however many lines an item runs over)
    tail: str = ""  # the text's last characters: enough to join the next line and tell a sentence's end
    opened: int = 0  # 「 minus 」 so far

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    @property
    def terminated(self) -> bool:
        return _terminated(self.tail)

    def add(self, line: SourceLine, content: str) -> None:
        content = content.strip()
        if self.tail and content.startswith("「") and self.opened > 0:
            content = content[1:]  # the PDF repeated an open bracket at the page top
        joined = _join(self.tail[-1:], content)[1:] if self.tail else content
        self.parts.append(joined)
        self.tail = (self.tail + joined)[-_TAIL:]
        self.opened += joined.count("「") - joined.count("」")
        self.lines.append(line)


@dataclass
class _Builder:
    """The document being built, line by line."""

    family: Family
    sections: list[Section] = field(default_factory=list)
    ladder: Ladder = field(default_factory=Ladder)
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
    doubts: list[int] = field(default_factory=list)  # lines that look like headings but break the numbering
    repeats: int = 0  # headings printed again on a later page (a table's title), not opened twice
    heading_line: SourceLine | None = None  # an article's caption （歳入歳出予算）, waiting for its article
    page_breaks: bool = True  # the source may break a sentence across a gap (PDF text); a web page never does

    @property
    def path(self) -> Path:
        return self.ladder.path

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
            kind = "table_text" if self.in_table_part(item.path) else item.kind
            numbers = tuple((line.number, line.page) for line in item.lines)
            self.measures.append(Measure(item.path, first, last, text, raw, kind, is_repost(text), page, numbers))

    def in_table_part(self, path: Path) -> bool:
        return bool(path) and any(re.search(pattern, path[0]) for pattern in self.family.table_parts)

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

    def open_section(self, tok: LineToken, line: SourceLine) -> None:
        self.flush()
        section = Section((*self.path, tok.label), tok.kind, tok.marker, tok.text, line.text, line.number, line.page)
        self.ladder.push(tok.style or tok.kind, tok.ordinal, section)
        self.sections.append(section)

    def heading(self, tok: LineToken, line: SourceLine) -> bool:
        """Open a numbered heading where the numbering allows it; False: the line is text."""
        style = tok.style or tok.kind
        if self.ladder.repeats(style, tok.ordinal, tok.text):
            self.repeats += 1
            return True  # the open heading printed again on a new page: nothing new opens
        first = not self.sections
        breaks = self.family.sequence_check and not self.ladder.follows_on(style, tok.ordinal, first)
        if breaks and not self.restart_under_title(style, tok):
            self.doubts.append(line.number)
            return False
        self.flush()  # before the ladder moves: what is open belongs to the heading above
        if style in self.family.top_styles:
            self.ladder.stack.clear()
        self.ladder.place(style)
        self.open_section(tok, line)
        return True

    def restart_under_title(self, style: str, tok: LineToken) -> bool:
        """``⑬ …`` / ``国の情報システムを整備する際に留意すべき事項`` / ``① …``: a numbering that starts
        anew after a short unnumbered line standing alone. That line is a heading (a boxed title the
        TOC does not list); the new numbering nests under it."""
        item, index = self.item, self.ladder.index_of(style)
        if tok.ordinal != 1 or index is None or item is None or item.kind != "paragraph" or len(item.lines) != 1:
            return False
        title = repair(item.text)
        if len(title) > _MAX_TITLE or _terminated(title):
            return False
        self.item = None
        del self.ladder.stack[index:]
        while self.ladder.stack and self.ladder.stack[-1].kind == "subtitled":
            self.ladder.stack.pop()  # the title before it: a sibling
        first = item.lines[0]
        section = Section((*self.path, title), "titled", "", title, first.text, first.number, first.page)
        self.ladder.push("subtitled", None, section)
        self.sections.append(section)
        return True

    def feed(self, tok: LineToken, line: SourceLine) -> None:
        kind = tok.kind
        if kind == "article_caption":
            self.flush()
            self.release_caption()
            self.heading_line = line
            return
        if self.heading_line is not None and kind not in ("bullet", "blank"):
            self.flush()
            self.release_caption()
        if kind in HEADING_KINDS and not self.heading(tok, line):
            tok, kind = LineToken("text", line.text.strip()), "text"
        if kind == "blank":
            self.gap = True
            self.flush_table()
            return
        if kind in BLOCK_KINDS:
            self.flush()  # before the ladder moves
        if kind in HEADING_KINDS or kind == "toc":
            pass  # opened above; a TOC line is not content
        elif kind == "table_row":
            self.flush_item()
            cells = [cell.strip() for cell in line.text.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()  # trailing empty cells say nothing (and a PDF cannot show them)
            self.rows.append(TableRow(line.number, tuple(cells), line.page))
        elif kind == "titled" and tok.style and tok.style != "part":
            if not self.heading(tok, line):  # a family's unnumbered heading: a style of its own
                self.start_item("paragraph", line, line.text.strip())
        elif kind == "titled" and self.ladder.stack and self.ladder.repeats("part", None, tok.text):
            self.repeats += 1  # the part's title printed again on its next page
        elif kind == "titled":
            self.ladder.stack.clear()  # はじめに from the TOC, or a family's top part (予算説明書)
            self.open_section(tok, line)
        elif kind == "indicators":
            level = self.family.target_block_level
            if level is None:
                self.ladder.pop_blocks()
            else:
                self.ladder.keep(level)
            self.open_section(tok, line)
        elif kind == "annex":
            self.ladder.keep(0)
            self.open_section(tok, line)
            self.statement, self.caption, self.account, self.unit = tok.label, tok.text, "", ""
        elif kind == "account":
            while self.ladder.stack and self.ladder.stack[-1].kind != "annex":
                self.ladder.stack.pop()
            self.open_section(tok, line)
            self.account, self.unit = tok.text, ""
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
        elif kind == "dateline":
            self.start_item("paragraph", line, tok.text)
        elif kind in ("dash", "text", "note"):
            joins_gap = self.page_breaks and not self.item.terminated if self.item is not None else False
            if self.item is not None and (not self.gap or joins_gap):
                if kind == "dash" and not self.gap and self.item.terminated:
                    self.start_item("bullet", line, tok.text)
                else:
                    self.item.add(line, tok.text)
            else:
                self.start_item("bullet" if kind == "dash" else "paragraph", line, tok.text)
        self.gap = False

    def start_item(self, kind: str, line: SourceLine, content: str) -> None:
        self.flush()
        in_targets = bool(self.ladder.stack) and self.ladder.stack[-1].kind == "indicators"
        self.item = _Item(kind, self.path, in_targets)
        if self.heading_line is not None and kind == "bullet":  # （一時借入金） / 第４条…: one article
            self.item.add(self.heading_line, self.heading_line.text)
            self.heading_line = None
        self.release_caption()
        self.item.add(line, content)

    def release_caption(self) -> None:
        """A caption that no article followed is a paragraph of its own."""
        caption, self.heading_line = self.heading_line, None
        if caption is not None:
            item, self.item = self.item, _Item("paragraph", self.path, False)
            self.item.add(caption, caption.text)
            self.flush_item()
            self.item = item


_LEADER_START_RE = re.compile(r"^\s*(?:[.．…‥・･]\s*){3,}[0-9０-９]{1,4}\s*$")


def _join_wrapped_toc(lines: tuple[SourceLine, ...], tokens: list[LineToken]) -> None:
    """A TOC entry too long for its line goes on below (``…活用でき`` / ``る社会づくり ......23``): one entry."""
    for index in range(1, len(tokens)):
        previous = tokens[index - 1]
        if previous.kind in ("blank", "toc", "table_row"):
            continue
        here = tokens[index]
        leader_only = _LEADER_START_RE.match(lines[index].text) is not None
        unmarked_entry = here.kind == "toc" and not heading_like(lines[index].text)
        if (leader_only or unmarked_entry) and heading_like(lines[index - 1].text):
            tokens[index - 1] = LineToken("toc", lines[index - 1].text.strip() + lines[index].text.strip())
            tokens[index] = LineToken("toc", "")


def _classify(lines: tuple[SourceLine, ...], family: Family) -> tuple[list[LineToken], tuple[TocEntry, ...], Ladder]:
    """Every line's token, the table of contents, and the heading ladder the TOC teaches."""
    classify = classifier(family)
    tokens = [classify(line.text) for line in lines]
    _join_wrapped_toc(lines, tokens)
    toc, ladder = read_toc(lines, tokens, classify)
    titles = titled_keys(toc)
    if titles:  # an unnumbered TOC entry (はじめに) standing alone after the TOC is a heading
        last_toc = max(i for i, tok in enumerate(tokens) if tok.kind == "toc")
        for index in range(last_toc + 1, len(tokens)):
            tok = tokens[index]
            if tok.kind in ("text", "bullet") and len(tok.text) <= _MAX_TITLE and key(lines[index].text) in titles:
                title = repair(lines[index].text.strip())
                tokens[index] = LineToken("titled", title, title)
    return tokens, toc, ladder


def _feature(lines: tuple[SourceLine, ...], family: Family) -> tuple[tuple[SourceLine, ...], list[int]]:
    """The lines on the pages of the document's feature (a newsletter's budget pages), and the pages set
    aside: those whose text has none of the family's feature cues. Every page is kept where the family has
    no cue, the source no pages, or no page (or every page) shows a cue."""
    if not family.feature_cue:
        return lines, []
    texts: dict[int, list[str]] = {}
    for line in lines:
        if line.page is not None:
            texts.setdefault(line.page, []).append(line.text)
    cue = re.compile(family.feature_cue)
    outside = [page for page, text in texts.items() if cue.search("".join(text)) is None]
    if not outside or len(outside) == len(texts):
        return lines, []
    aside = set(outside)
    return tuple(line for line in lines if line.page not in aside), sorted(outside)


def _page_ranges(pages: list[int]) -> str:
    """``[2, 3, 7, 8, 9]`` → ``2–3, 7–9``."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _start(tokens: list[LineToken]) -> int | None:
    """Where the body begins: the first heading (the front matter before it holds title and date)."""
    return next((i for i, tok in enumerate(tokens) if tok.kind in HEADING_KINDS or tok.kind in BLOCK_KINDS), None)


def _walk(
    tokens: list[LineToken],
    lines: tuple[SourceLine, ...],
    family: Family,
    start: int,
    ladder: Ladder,
    page_breaks: bool = True,
) -> _Builder:
    builder = _Builder(family, ladder=ladder, page_breaks=page_breaks)
    for tok, line in zip(tokens[start:], lines[start:], strict=True):
        builder.feed(tok, line)
    builder.flush()
    builder.release_caption()
    return builder


def _doubts(builder: _Builder) -> list[Notice]:
    notices: list[Notice] = []
    if builder.doubts:
        shown = ", ".join(str(n) for n in builder.doubts[:_MAX_DOUBTS])
        more = max(0, len(builder.doubts) - _MAX_DOUBTS)
        notices.append(Notice.of("numbering_doubts", n=len(builder.doubts), lines=shown, more=more))
    seen: dict[Path, int] = {}
    for section in builder.sections:
        if section.path in seen:
            notices.append(
                Notice.of(
                    "duplicate_path", path=path_field(section.path), first=seen[section.path], second=section.line
                )
            )
        else:
            seen[section.path] = section.line
    return notices


def assemble(
    lines: tuple[SourceLine, ...],
    source: str = "",
    encoding: str = "",
    fmt: str = "text",
    family: Family | None = None,
) -> Document:
    """Build the document model from numbered source lines, with the family's conventions (detected if not given)."""
    if family is None:
        family = detect("\n".join(line.text for line in lines[:2000]))
    lines, aside = _feature(lines, family)
    tokens, toc, ladder = _classify(lines, family)
    start = _start(tokens)
    notices: list[Notice] = [Notice.of("outside_feature", pages=_page_ranges(aside))] if aside else []
    if start is None:
        notices.append(Notice.of("no_structure"))
        start = 0
    front = [line.text for line, tok in zip(lines[:start], tokens[:start], strict=True) if tok.kind != "toc"]
    builder = _walk(tokens, lines, family, start, ladder, page_breaks=fmt != "html")
    notices += _doubts(builder)
    notices += check_toc(toc, builder.sections)
    metadata: Metadata = meta_mod.extract(
        front if front else [line.text for line in lines[:5]],
        source,
        encoding,
        fmt,
        family.name,
        body=[line.text for line in lines[:400]],
        headings=[s.raw for s in builder.sections[:20] if s.kind == "titled"],
    )
    return Document(
        metadata,
        tuple(builder.sections),
        tuple(builder.measures),
        tuple(builder.targets),
        tuple(builder.tables),
        tuple(n.text() for n in notices),
        toc,
        tuple(notices),
    )
