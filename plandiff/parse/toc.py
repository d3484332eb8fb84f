"""The table of contents (目次): recognised, kept as entries, never parsed as content, and checked.

A TOC line is a title, a dot leader and a page number (a PDF may glue two entries onto one line).
Its entries get their nesting from the same ladder rule as the body (the order styles nest in), and
after parsing each entry is looked for among the headings: a missing or differently nested one is
a warning, since either the TOC or the parse is then wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from plandiff.model import Notice, Section, SourceLine, TocEntry
from plandiff.parse.ladder import Ladder
from plandiff.parse.rules import HEADING_KINDS, LineToken, toc_entries
from plandiff.text.normalize import key, repair


def read_toc(
    lines: Sequence[SourceLine], tokens: Sequence[LineToken], classify: Callable[[str], LineToken]
) -> tuple[tuple[TocEntry, ...], Ladder]:
    """The entries, and the ladder they teach (the body's ladder starts from it)."""
    entries: list[TocEntry] = []
    ladder = Ladder()
    for line, token in zip(lines, tokens, strict=True):
        if token.kind != "toc":
            continue
        for text, page in toc_entries(token.text):
            inner = classify(text)
            if inner.kind in HEADING_KINDS and inner.kind != "heading":
                kind, marker, label, title = inner.kind, inner.marker, inner.label, inner.text
                ladder.place(kind)
                ladder.push(kind, inner.ordinal, None)
                level = len(ladder.stack)
            else:
                kind, marker, label, title, level = "titled", "", repair(text), repair(text), 1
                ladder.stack.clear()
            entries.append(TocEntry(marker, label, title, page, line.number, kind, level))
    ladder.stack.clear()
    return tuple(entries), ladder


def titled_keys(entries: Sequence[TocEntry]) -> frozenset[str]:
    """Comparison keys of the unnumbered entries (はじめに, おわりに): such a line in the body is a heading."""
    return frozenset(key(entry.title) for entry in entries if entry.kind == "titled")


def check_toc(entries: Sequence[TocEntry], sections: Sequence[Section]) -> list[Notice]:
    """Notices for TOC entries with no heading of the same marker, title and nesting, in order."""
    warnings: list[Notice] = []
    position = 0
    body = [s for s in sections if s.kind in HEADING_KINDS or s.kind == "titled"]
    for entry in entries:
        want = key(entry.title)
        found = None
        for index in range(position, len(body)):
            if body[index].label == entry.label and key(body[index].title) == want:
                found = index
                break
        if found is None:
            warnings.append(Notice.of("toc_missing", marker=entry.marker, title=entry.title, page=entry.page))
            continue
        if len(body[found].path) != entry.level:
            warnings.append(
                Notice.of(
                    "toc_level",
                    marker=entry.marker,
                    title=entry.title,
                    level=entry.level,
                    found=len(body[found].path),
                    line=body[found].line,
                )
            )
        position = found + 1
    return warnings
