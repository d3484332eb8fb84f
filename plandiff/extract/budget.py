"""Budget lines from the annex tables, and the reconciliation of their totals.

A table becomes lines ``(statement, account, row path, column path) → amount``:

- **columns** come from the header rows. An upper header spans to the right over the sub-columns
  beneath it (``事業承継・引継ぎ促進業務`` over ``(一般経理)``, ``(特定出資経理)``, ``合計``), up to the
  next upper header; the generic ``金額`` over all amounts is dropped.
- **rows** get their parents from the statements' own vocabulary: the parts (収入/支出,
  費用の部/収益の部, 資金支出/資金収入), then the subtotals inside them (経常費用, 経常収益, 臨時利益,
  臨時損失, 業務/投資/財務活動による収入・支出). Result rows (純利益, 総利益, 繰越積立金取崩額) stand alone.
- **amounts**: ``1,272`` → 1272; every unambiguous minus style is negative (``△ 743``, ``▲743``,
  ``-743``, ``−743`` with U+2212, ``(743)``) → -743; full-width digits read; a dash or long-vowel
  mark alone (``-``, ``–``, ``－``, ``—``, ``ー``) → ``None`` (nothing: not the same as 0).
- **text**: any other cell (``小長井``, ``5,353,100千円``, ``1,2,3``, a number of more than 15 digits) is
  text, never an error: it makes no budget line, and a row with no amount at all is not a line.

Reconciliation checks only sums the structure makes unambiguous, each within the rounding the
documents warn about (``※端数処理の関係で合計が合わないことがある``: ± one unit per part):

1. a ``計`` row = the rows since its part's header (予算: 収入 計, 支出 計);
2. a subtotal row with amounts = its children (経常費用 = 業務経費 + 一般管理費 + …; 業務活動による収入 = …);
3. a part row with amounts = its subtotals and their siblings (収益の部 = 経常収益 + 臨時利益's rows;
   資金支出 = 業務/投資/財務活動による支出 + 次年度への繰越金);
4. 総利益 = 純利益 + 前中期目標期間繰越積立金取崩額;
5. a ``合計`` column = the other columns under the same header (its siblings), and the last, grand
   ``合計`` = every top-level column group (its own ``合計`` where it has one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from plandiff.conventions import BOOKS
from plandiff.extract.memo import per_document
from plandiff.model import BudgetItem, BudgetLine, Document, Finding, Reconciliation, Table
from plandiff.text.normalize import repair

if TYPE_CHECKING:
    from plandiff.extract.budget_book import BookReading

_NOTHING = frozenset({"-", "–", "－", "‐", "‑", "‒", "—", "―", "−", "ー", "ｰ", ""})
# a minus before digits (after NFKC, which makes － and ﹣ into -): △ ▲ - ‐ ‑ ‒ – and − (U+2212)
_AMOUNT_RE = re.compile(r"^(?P<minus>[△▲\-‐‑‒–−])?\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)$")
_PAREN_RE = re.compile(r"^\(\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)\s*\)$")  # accounting style: (743) = -743
#: more digits than any budget has (the national budget in yen has 15): text, not an amount
MAX_AMOUNT_DIGITS = 15

PARTS = frozenset({"収入", "支出", "費用の部", "収益の部", "資金支出", "資金収入"})
SUBTOTALS = frozenset(
    {
        "経常費用",
        "経常収益",
        "臨時利益",
        "臨時損失",
        "業務活動による収入",
        "投資活動による収入",
        "財務活動による収入",
        "業務活動による支出",
        "投資活動による支出",
        "財務活動による支出",
    }
)
CARRIED = frozenset({"次年度への繰越金", "前年度よりの繰越金"})  # part-level rows that close a subtotal
RESULTS = frozenset({"純利益(△純損失)", "総利益(△総損失)", "前中期目標期間繰越積立金取崩額"})
_GENERIC_HEADERS = frozenset({"金額", "区別", "区分"})
NO_LABEL = "(no label)"  # the row label of a data row whose first cell is empty


class AmountError(ValueError):
    """A cell that is neither an amount nor one of the marks for nothing."""


def label(text: str) -> str:
    """A row or column label as shown: PDF spacing closed (``合 計`` → ``合計``), width kept."""
    return repair(" ".join(text.split()))


def _label_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def read_amount(cell: str) -> tuple[bool, int | None]:
    """``(True, amount)`` for an amount or a mark for nothing, ``(False, None)`` for text. Never raises.

    ``1,272`` → 1272; ``△ 743``, ``▲743``, ``-743``, ``−743``, ``(743)`` → -743; ``-``, ``ー`` → None."""
    text = unicodedata.normalize("NFKC", cell).strip()
    if cell.strip() in _NOTHING or text in _NOTHING:
        return True, None
    if len(text) > 4 * MAX_AMOUNT_DIGITS:  # long text is never an amount: don't run regexes over it
        return False, None
    m = _AMOUNT_RE.match(text)
    negative = bool(m and m.group("minus"))
    if not m:
        m = _PAREN_RE.match(text)
        negative = True
    if not m:
        return False, None
    digits = m.group("digits").replace(",", "")
    if len(digits.lstrip("0")) > MAX_AMOUNT_DIGITS:
        return False, None
    value = int(digits)
    return True, -value if negative else value


def parse_amount(cell: str) -> int | None:
    """``1,272`` → 1272, ``△ 743`` → -743, ``-`` → None (nothing); raises AmountError for text."""
    ok, value = read_amount(cell)
    if not ok:
        raise AmountError(f"not an amount: {cell[:40]!r}")
    return value


@lru_cache(maxsize=256)  # tables are frozen: each is read once however often it is compared
def column_paths(table: Table) -> tuple[tuple[str, ...], ...]:
    """One path per amount column (column 1 … n of the rows)."""
    width = max((len(r.cells) for r in table.rows[table.header_rows :]), default=1) - 1
    headers = [list(r.cells[1:]) + [""] * (width - len(r.cells) + 1) for r in table.rows[: table.header_rows]]
    headers = [[label(c) for c in row[:width]] for row in headers]
    # drop a header row that only says 金額 (it spans all amounts)
    headers = [row for row in headers if {_label_key(c) for c in row if c} - _GENERIC_HEADERS]
    if not headers:
        return tuple((f"列{i + 1}",) for i in range(width))
    filled = [row[:] for row in headers]
    for upper in range(len(filled) - 1):
        lower = filled[upper + 1]
        current = ""
        for c in range(width):
            if headers[upper][c]:
                current = headers[upper][c]
            elif current and lower[c]:
                filled[upper][c] = current  # spans over the sub-columns beneath it
            else:
                current = ""
    paths = []
    for c in range(width):
        path = tuple(row[c] for row in filled if row[c])
        paths.append(path or (f"列{c + 1}",))
    return tuple(paths)


@lru_cache(maxsize=256)
def row_paths(table: Table) -> tuple[tuple[str, ...], ...]:
    """One path per data row, from the parts and subtotals above it."""
    part: str | None = None
    sub: str | None = None
    out: list[tuple[str, ...]] = []
    for row in table.rows[table.header_rows :]:
        name = (label(row.cells[0]) if row.cells else "") or NO_LABEL  # a path is never empty
        key = _label_key(name)
        if key in PARTS:
            part, sub = name, None
            out.append((name,))
        elif key in RESULTS:
            part, sub = None, None
            out.append((name,))
        elif key in SUBTOTALS:
            sub = name
            out.append((part, name) if part else (name,))
        elif key == "計" or key in CARRIED:
            sub = None
            out.append((part, name) if part else (name,))
        else:
            out.append(tuple(p for p in (part, sub, name) if p))
    return tuple(out)


@lru_cache(maxsize=256)
def table_lines(table: Table) -> tuple[BudgetLine, ...]:
    columns = column_paths(table)
    lines = []
    for row, path in zip(table.rows[table.header_rows :], row_paths(table), strict=True):
        cells = [read_amount(row.cells[c] if c < len(row.cells) else "") for c in range(1, len(columns) + 1)]
        if not any(ok and raw for (ok, _), raw in zip(cells, row.cells[1:], strict=False)):
            continue  # no amount and no mark for nothing (収入, 臨時利益, a text row): a heading, not a line
        for c, column in enumerate(columns, start=1):
            raw = row.cells[c] if c < len(row.cells) else ""
            ok, amount = cells[c - 1]
            if not ok:
                continue  # text in an amount column: not a budget line
            lines.append(
                BudgetLine(
                    table.statement,
                    table.account,
                    path,
                    column,
                    amount,
                    raw,
                    table.unit,
                    row.line,
                    table.line,
                )
            )
    return tuple(lines)


@per_document
def budget_lines(document: Document) -> tuple[BudgetLine, ...]:
    """Every budget line: a budget book's or newsletter's tables read row by row
    (:mod:`plandiff.extract.budget_book`), any other family's annex tables as grids."""
    book = _book(document)
    if book is not None:
        return book.lines
    return tuple(line for table in document.tables for line in table_lines(table))


def _book(document: Document) -> BookReading | None:
    conventions = BOOKS.get(document.meta.family)
    if conventions is None:
        return None
    from plandiff.extract.budget_book import read_book  # only a budget book's family needs the reader

    return _read_book(document, conventions, read_book)


_BOOK_CACHE: dict[int, tuple[Document, BookReading]] = {}


def _read_book(document: Document, conventions: object, reader: Callable[..., BookReading]) -> BookReading:
    cached = _BOOK_CACHE.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    reading = reader(document, conventions)
    if len(_BOOK_CACHE) > 32:
        _BOOK_CACHE.clear()
    _BOOK_CACHE[id(document)] = (document, reading)
    return reading


@per_document
def budget_items(document: Document) -> tuple[BudgetItem, ...]:
    """第2表/第3表-style list items (債務負担行為, 地方債) of a budget book; none for other families."""
    book = _book(document)
    return () if book is None else book.items


def _sum(values: list[int | None]) -> int:
    return sum(v for v in values if v is not None)


def reconcile_table(table: Table) -> Reconciliation:
    lines = table_lines(table)
    columns = column_paths(table)
    rows = list(dict.fromkeys(line.row for line in lines))
    grid = {(line.row, line.column): line for line in lines}
    findings: list[Finding] = []
    counts = {"checked": 0, "rounded": 0}

    def check(
        row: tuple[str, ...],
        column: tuple[str, ...],
        parts: list[tuple[tuple[str, ...], tuple[str, ...]]],
        names: tuple[str, ...],
        rule: str,
    ) -> None:
        total = grid.get((row, column))
        if total is None or (
            total.amount is None and all(grid.get(p) is None or grid[p].amount is None for p in parts)
        ):
            return
        values = [grid[p].amount for p in parts if p in grid]
        expected, actual = _sum(values), total.amount or 0
        tolerance = len(parts)
        counts["checked"] += 1
        counts["rounded"] += 0 < abs(expected - actual) <= tolerance
        if abs(expected - actual) > tolerance:
            findings.append(
                Finding(
                    table.statement,
                    table.account,
                    row,
                    column,
                    total.line,
                    expected,
                    actual,
                    actual - expected,
                    tolerance,
                    names,
                    rule,
                )
            )

    keyed = [(r, tuple(_label_key(x) for x in r)) for r in rows]
    for row, key in keyed:
        children: list[tuple[str, ...]] = []
        rule = ""
        if key[-1] == "計" and len(key) == 2:  # 1. 計 = the rows of its part
            children = [r for r, k in keyed if len(k) == 2 and k[0] == key[0] and k[-1] != "計"]
            rule = "計 row = the rows of its part"
        elif key[-1] in SUBTOTALS:  # 2. a subtotal = its children
            children = [r for r, k in keyed if len(k) == len(key) + 1 and k[: len(key)] == key]
            rule = f"{row[-1]} = the rows under it"
        elif len(key) == 1 and key[0] in PARTS:  # 3. a part = its direct rows and subtotals
            # a subtotal heading without amounts of its own (臨時利益) counts through its rows
            children = [r for r, k in keyed if len(k) == 2 and k[0] == key[0] and k[-1] != "計"]
            headings = {k for r, k in keyed if len(k) == 3 and k[0] == key[0] and k[:2] not in {kk for _, kk in keyed}}
            children += [r for r, k in keyed if len(k) == 3 and k[:2] in {h[:2] for h in headings}]
            rule = f"{row[-1]} = the rows and subtotals under it"
        elif key == ("総利益(△総損失)",):  # 4.
            children = [r for r, k in keyed if k in (("純利益(△純損失)",), ("前中期目標期間繰越積立金取崩額",))]
            rule = "総利益 = 純利益 + 前中期目標期間繰越積立金取崩額"
        if len(children) < 1 or rule == "":
            continue
        for column in columns:
            check(row, column, [(child, column) for child in children], tuple(c[-1] for c in children), rule)
    # 5. 合計 columns
    for index, column in enumerate(columns):
        if _label_key(column[-1]) != "合計":
            continue
        parent = column[:-1]
        if parent:
            siblings = [c for c in columns if c[:-1] == parent and c != column]
            rule = f"{parent[-1]} 合計 = its sub-columns"
        else:
            groups: dict[str, tuple[str, ...]] = {}
            for c in columns[:index]:
                top = c[0]
                if _label_key(c[-1]) == "合計" and len(c) > 1:
                    groups[top] = c
                else:
                    groups.setdefault(top, ())
            siblings = []
            for top, total in groups.items():
                siblings.extend([total] if total else [c for c in columns[:index] if c[0] == top and len(c) >= 1])
            rule = "合計 = every column group"
        if not siblings:
            continue
        for row in rows:
            check(row, column, [(row, s) for s in siblings], tuple(" ".join(s) for s in siblings), rule)
    return Reconciliation(counts["checked"], counts["rounded"], tuple(findings))


@per_document
def reconcile(document: Document) -> Reconciliation:
    book = _book(document)
    if book is not None:
        return book.reconciliation
    results = [reconcile_table(table) for table in document.tables]
    return Reconciliation(
        sum(r.checked for r in results), sum(r.rounded for r in results), tuple(f for r in results for f in r.findings)
    )
