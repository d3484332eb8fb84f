"""The document: what the parser makes of one edition, from the readers' numbered source lines.

All values are frozen: a stage hands its result forward and never mutates what it was given.
Every item keeps the original text (``raw``) and its 1-based line span in the source file, so a
change can always be traced back to both documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plandiff.model.notices import Notice

Path = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """The common currency of every reader: one numbered line of the source, as written."""

    number: int  # 1-based line (or, for PDF, a running line number)
    text: str  # as written, without the line ending
    page: int | None = None  # PDF page, for provenance


@dataclass(frozen=True, slots=True)
class Source:
    """What a reader gives the parser: one file's numbered lines and how they were read."""

    name: str  # the path as given, for messages and provenance
    lines: tuple[SourceLine, ...]
    encoding: str  # the encoding detected, or "PDF text layer"
    format: str  # text | markdown | pdf | html


@dataclass(frozen=True, slots=True)
class Section:
    """A heading. ``path`` holds normalised labels from the root, e.g. ``("I", "1", "(1)", "①")``."""

    path: Path
    kind: str  # the heading style (roman, arabic, paren, dai…; see plandiff.conventions), or a block:
    # indicators | annex | account | titled (an unnumbered heading the table of contents names)
    marker: str  # as written, e.g. "（1）"
    title: str  # repaired display text, without the marker
    raw: str  # the source line as written
    line: int
    page: int | None = field(default=None, compare=False)  # PDF page, for provenance

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True, slots=True)
class Measure:
    """A bullet (``・``, ``- ・``) or prose paragraph of the plan body."""

    path: Path
    line: int
    end_line: int
    text: str  # repaired display text: page breaks joined, spaced letters closed, marker removed
    raw: str  # the source lines as written, joined with newlines
    kind: str  # bullet | paragraph | table_text (text a layout set beside a table's columns)
    repost: bool  # marked （再掲）: a repeat of a measure stated elsewhere
    page: int | None = field(default=None, compare=False)  # PDF page of the first line, for provenance
    # each line of ``raw``: its number and PDF page in the source (a figure is cited at its own line)
    lines: tuple[tuple[int, int | None], ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class TargetItem:
    """One line of a ``【指標】`` block (typed extraction happens in plandiff.targets)."""

    path: Path
    line: int
    end_line: int
    text: str
    raw: str
    page: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row of a table: its cells as the document wrote them, the first being the row label."""

    line: int
    cells: tuple[str, ...]  # tab-separated cells, each stripped; the first is the row label
    page: int | None = field(default=None, compare=False)  # PDF page, for provenance


@dataclass(frozen=True, slots=True)
class Table:
    """A budget annex table: one statement (予算/収支計画/資金計画) of one account."""

    path: Path
    statement: str  # 予算 | 収支計画 | 資金計画 | "" when no caption was seen
    account: str  # e.g. "一般勘定"
    unit: str  # e.g. "百万円"
    caption: str
    line: int
    end_line: int
    header_rows: int  # the first ``header_rows`` rows are (multi-row) column headers
    rows: tuple[TableRow, ...]
    note: str = ""  # e.g. ※端数処理の関係で合計が合わないことがある。

    @property
    def page(self) -> int | None:
        """The PDF page the table starts on."""
        return self.rows[0].page if self.rows else None


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of a table of contents (目次): ``（１）申請・交付環境の整備 ......2``."""

    marker: str  # as written, "" for an unnumbered entry (はじめに)
    label: str  # normalised like a heading label: "(1)"
    title: str
    page: str  # the printed page number, as written
    line: int
    kind: str  # the heading style, as for Section.kind; "titled" when unnumbered
    level: int  # nesting inferred from the order of styles in the TOC itself, 1 = top


@dataclass(frozen=True, slots=True)
class Metadata:
    """What names an edition: title, organisation, fiscal year, decision date, where it was read from."""

    title: str = ""
    organisation: str = ""
    fiscal_year: int | None = None  # Gregorian year the fiscal year starts in
    era_year: str = ""  # as written, e.g. "令和3年度"
    decided: str | None = None  # ISO date of decision
    decided_raw: str = ""
    source: str = ""
    encoding: str = ""
    format: str = ""  # text | markdown | pdf | html
    family: str = ""  # the conventions the document was read with (plandiff.conventions)


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly referenced by the per-document extraction memo
class Document:
    """One edition as the parser read it: its outline, measures, target items, tables and doubts."""

    meta: Metadata
    sections: tuple[Section, ...] = ()
    measures: tuple[Measure, ...] = ()
    targets: tuple[TargetItem, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # the notices in English
    toc: tuple[TocEntry, ...] = ()
    notices: tuple[Notice, ...] = ()  # what the parser doubted, as data (plandiff.model.notices)

    def section(self, path: Path) -> Section | None:
        for section in self.sections:
            if section.path == path:
                return section
        return None


def path_label(path: Path) -> str:
    """The path as a reader sees it: ``I > 1 > (1) > ①``."""
    return " > ".join(path)


def compact_label(path: Path) -> str:
    """``("I", "3", "(4)", "②")`` → ``I.3.(4)②``: the numbers as a plan cites them, run together."""
    out = ""
    for part in path:
        if out and part[:1].isascii() and (part[:1].isalnum() or part[:1] == "("):
            out += "."
        out += part
    return out
