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


def budget_edits(text: str) -> str:
    """The annex edits the budget tests compare: a changed cell, a new row, a dropped row, a new column."""
    text = edit(text, "代位弁済費\t227\t-\t-\t227", "代位弁済費\t250\t-\t-\t227")  # a changed cell
    text = edit(
        text,
        "運用収入\t-\t-\t18\t18\nその他収入\t-\t-\t1\t1\n計\t66",
        "運用収入\t-\t-\t18\t18\nその他収入\t-\t-\t1\t1\n受託収入\t-\t-\t5\t5\n計\t66",
    )  # a new row
    text = edit(text, "その他支出\t-\t-\t-\t-\n", "")  # a dropped row
    facilities = (
        "\t新事業展開・創業支援業務\n収入\t\n貸付等回収金\t3\n貸付金利息\t1\n業務収入\t1,199\n運用収入\t8\n"
        "その他収入\t3\n計\t1,216\n支出\t\n業務経費\t1,140\n一般管理費\t45\n計\t1,185\n"
    )
    with_column = (
        "\t新事業展開・創業支援業務\t経営環境変化対応業務\n収入\t\n貸付等回収金\t3\t-\n貸付金利息\t1\t-\n"
        "業務収入\t1,199\t10\n運用収入\t8\t-\nその他収入\t3\t-\n計\t1,216\t10\n支出\t\n業務経費\t1,140\t10\n"
        "一般管理費\t45\t-\n計\t1,185\t10\n"
    )
    return edit(text, facilities, with_column)  # a new column


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
