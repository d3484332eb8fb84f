"""The common currency of every reader: numbered source lines."""

from __future__ import annotations

from plandiff.model import SourceLine

__all__ = ["SourceLine", "split_lines"]


def split_lines(text: str) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(i, line) for i, line in enumerate(text.splitlines(), start=1))
