"""Build next-year variants of the real FY2021 plan with known edits (shared by several test files)."""

from __future__ import annotations

from pathlib import Path

from plandiff.load import read_bytes
from plandiff.model import Document

ROLLOVER = (
    ("令和3年度", "令和4年度"),
    ("2021年度", "2022年度"),
    ("2021年4月～2022年3月", "2022年4月～2023年3月"),
    ("令和3年3月29日策定", "令和4年3月30日策定"),
)


def rolled(text: str) -> str:
    """The FY2021 text with only the year rolled over, as next year's plan would repeat it."""
    for old, new in ROLLOVER:
        text = text.replace(old, new)
    return text


def edit(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence, so a test's edit can never silently miss or hit twice."""
    count = text.count(old)
    assert count == 1, f"{old[:30]!r} occurs {count} times"
    return text.replace(old, new)


def line_of(text: str, snippet: str) -> int:
    """1-based line of the unique line containing ``snippet`` (an independent check of line numbers)."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if snippet in line]
    assert len(hits) == 1, f"{snippet[:30]!r} is on lines {hits}"
    return hits[0]


def parse(text: str, name: str = "variant.txt") -> Document:
    return read_bytes(text.encode("utf-8"), name)


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path
