"""The common currency of every reader: numbered source lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # 1-based line (or, for PDF, a running line number)
    text: str  # as written, without the line ending
    page: int | None = None  # PDF page, for provenance


def split_lines(text: str) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(i, line) for i, line in enumerate(text.splitlines(), start=1))
