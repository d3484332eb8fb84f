"""Budget lines from budget books and newsletters: 款 > 項 > 目 > 節 rows, 本年度 / 前年度 / 比較 columns, units.

The PDF reader gives these tables as rows of tab-separated cells, but not as a clean grid: a table
continues over pages (the header printed again, or not), a 款 row starts in the first cell and a 項
row after an empty one, ``比較`` is printed as two cells (``比`` ``較``), a newsletter writes
``8,672万円 4.4％`` in one cell. So each row is read on its own, in document order, against what is
known at that point of the document part: the last header row (its words, from the family's
:class:`~plandiff.conventions.budget_book.BookConventions`, name the amount columns and their roles),
the unit (``千円`` under the header, ``万円`` in the amount itself) and the rows above (the 款 a 項
belongs to: a numbered row whose number follows the last 款's is a 款, one that follows the last 項's
is a 項, whatever cell it starts in).

A line is ``(statement = document part and side, account/会計, row path, column path) → amount`` with
its unit and its amount in yen (``yen``: 千円 × 1,000, ``19億5,400万円`` = 1,954,000,000), the amount as
written, and the column's role: current (本年度予算額, 金額, 予算額), previous (前年度予算額), difference
(比較, 前年度対比), share (割合: a percentage, never an amount) or source (財源内訳). 節 rows keep their
説明 (the text beside the amount and the indented lines under it) as text.

Lists (第2表 債務負担行為, 第3表 地方債) are read as items: the name (事項, 起債の目的), 期間, 限度額.

The book's own truth is checked: on every row that has 本年度, 前年度 and 比較, 本年度 − 前年度 = 比較;
a total row (計, 合計) = the rows it closes; 節 amounts = their 目.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from plandiff.conventions.budget_book import BookConventions
from plandiff.extract.units import UNIT_YEN, to_yen
from plandiff.model import BudgetItem, BudgetLine, Document, Finding, Reconciliation, Table
from plandiff.model.document import Path

MAX_DIGITS = 15  # more digits than any budget has: text, not an amount
_MINUS = r"△▲\-−‐‑‒–"
_NOTHING = frozenset({"-", "–", "－", "‐", "‑", "‒", "—", "―", "−", "ー", "ｰ"})
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
_PLAIN_RE = re.compile(
    rf"^(?P<minus>[{_MINUS}])?\s*(?P<n>{_NUM})\s*(?P<unit>百万円|千万円|十億円|千円|万円|億円|兆円|円)?$"
)
_WRITTEN_RE = re.compile(
    rf"^(?P<minus>[{_MINUS}])?\s*(?:(?P<cho>{_NUM})\s*兆\s*)?(?:(?P<oku>{_NUM})\s*億\s*)?"
    rf"(?:(?P<man>{_NUM})\s*万\s*)?(?:(?P<rest>{_NUM})\s*)?円$"
)
_PERCENT_RE = re.compile(rf"^[{_MINUS}]?\s*[0-9]{{1,3}}(?:\.[0-9]+)?\s*[%％]$")
_HIRAGANA_RUN = re.compile(r"[ぁ-ゖ]{3,}")


@dataclass(frozen=True, slots=True)
class Value:
    """One value word of a row: an amount (in ``unit``; ``unit`` "" when the table says it), a
    percentage, or nothing (``-``)."""

    kind: str  # amount | share | nothing
    amount: int | None
    unit: str
    raw: str


def _digits(text: str | None) -> int:
    return int(text.replace(",", "")) if text else 0


def read_value(word: str) -> Value | None:
    """``49,286,300`` / ``49,286,300千円`` / ``19億5,400万円`` / ``△87万円`` / ``4.4％`` / ``-``; None for text."""
    raw = word.strip()
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    if not text or len(text) > 4 * MAX_DIGITS:
        return None
    if raw in _NOTHING or text in _NOTHING:
        return Value("nothing", None, "", raw)
    if _PERCENT_RE.match(text):
        return Value("share", None, "%", raw)
    m = _PLAIN_RE.match(text)
    if m:
        digits = m.group("n").replace(",", "")
        if len(digits.lstrip("0")) > MAX_DIGITS:
            return None
        value = int(digits)
        return Value("amount", -value if m.group("minus") else value, m.group("unit") or "", raw)
    m = _WRITTEN_RE.match(text)
    if m and any(m.group(g) for g in ("cho", "oku", "man", "rest")):
        if any(len(m.group(g).replace(",", "")) > MAX_DIGITS for g in ("cho", "oku", "man", "rest") if m.group(g)):
            return None
        yen = _digits(m.group("cho")) * 10**12 + _digits(m.group("oku")) * 10**8 + _digits(m.group("man")) * 10**4
        yen += _digits(m.group("rest"))
        if len(str(yen)) > MAX_DIGITS + 3:
            return None
        unit = "円" if m.group("rest") else "万円" if m.group("man") else "億円" if m.group("oku") else "兆円"
        value = yen // UNIT_YEN[unit]
        return Value("amount", -value if m.group("minus") else value, unit, raw)
    return None


def _words(cell: str) -> list[str]:
    """A cell's words, with ``1億 270万円`` kept as one written amount."""
    words: list[str] = []
    for word in cell.split():
        if words and re.search(r"[億兆]$", words[-1]) and re.match(r"^[0-9０-９,，]+万?円$", word):
            words[-1] += word
        else:
            words.append(word)
    return words


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


# --------------------------------------------------------------------------------------- headers


def _vocabulary(conv: BookConventions) -> list[str]:
    words = [w for w, _, _ in conv.columns] + [w for w, _ in conv.groups]
    words += list(conv.row_levels) + list(conv.ignored) + list(conv.units) + list(conv.accounts_header)
    return sorted(set(words), key=lambda w: (-len(w), w))


def header_words(cells: list[str], conv: BookConventions) -> list[str] | None:
    """The header words of a row made only of them (``比`` ``較`` → 比較), else None. A header the
    layout ran into prose (``前年度対比 事業特別会計は、…``) is read from each cell's first word."""
    words = _header_words(cells, conv)
    if words is None and sum(bool(c.strip()) for c in cells) >= 3:
        words = _header_words([c.split()[0] if c.split() else "" for c in cells], conv)
        columns = {w for w, _, _ in conv.columns}
        if words is not None and len(columns & set(words)) < 2:
            return None
    return words


def _header_words(cells: list[str], conv: BookConventions) -> list[str] | None:
    text = _fold("".join(cells))
    if not text:
        return None
    vocabulary = _vocabulary(conv)
    out: list[str] = []
    i = 0
    while i < len(text):
        word = next((w for w in vocabulary if text.startswith(w, i)), None)
        if word is None:
            return None
        out.append(word)
        i += len(word)
    return out


@dataclass
class _Columns:
    paths: list[tuple[Path, str]] = field(default_factory=list)  # (column path, role) per amount column
    levels: list[str] = field(default_factory=list)  # row levels named in the header (款, 項…)
    units: list[str] = field(default_factory=list)
    accounts: bool = False  # the rows are accounts (会計区分)
    closed: bool = True  # a data row has been read since the last header row

    def add(self, words: list[str], conv: BookConventions) -> None:
        if self.closed:
            self.paths, self.levels, self.units, self.accounts = [], [], [], False
            self.closed = False
        columns = {w: (p, r) for w, p, r in conv.columns}
        groups = dict(conv.groups)
        known = {p for p, _ in self.paths}
        for word in words:
            if word in conv.detail_words:
                self.levels.append(conv.detail_level)
            elif word in conv.units:
                self.units.append(word)
            elif word in conv.accounts_header:
                self.accounts = True
            elif word in conv.row_levels:
                self.levels.append(word)
            elif word in groups:
                for sub in groups[word]:
                    path, role = columns[sub]
                    if path not in known:
                        self.paths.append((path, role))
                        known.add(path)
            elif word in columns and columns[word][0] not in known:
                self.paths.append(columns[word])
                known.add(columns[word][0])


# ------------------------------------------------------------------------------------------ rows


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    page: int | None
    indent: int  # empty cells before the label
    label: str  # spacing closed, number removed
    number: str  # the row's number as written (1, ⑴, ①), "" when unnumbered
    slots: tuple[Value | None, ...]  # value cells from the first value on; None: an empty cell
    note: str  # text after the values (説明, prose the layout put beside the table)


_FOLIO_RE = re.compile(r"^[-－‐−]\s*[0-9０-９]{1,4}\s*[-－‐−]$")  # a page number: - 17 -


def _split_row(cells: list[str], conv: BookConventions) -> _Row | None:
    if all(_FOLIO_RE.match(c.strip()) for c in cells if c.strip()):
        return None
    marker = re.compile(conv.row_marker)
    # a numbered label cell starts the row: what stands before it is a chart's legend or prose
    start = 0
    for index, cell in enumerate(cells):
        folded = unicodedata.normalize("NFKC", cell).strip()
        m = re.search(rf"(?:^|\s){conv.row_marker}(?=\S)", folded) if folded else None
        if m and read_value(folded) is None and not header_words([cell], conv):
            if any(c.strip() for c in cells[:index]) or m.start() > 0:
                start = index
                cells = [*cells[:index], folded[m.start() :].strip(), *cells[index + 1 :]]
            break
    cells = cells[start:]
    labelled = re.compile(rf"^{conv.row_marker}(?=\S)")
    indent = 0
    while indent < len(cells) and not cells[indent].strip():
        indent += 1
    label_cells: list[str] = []
    i = indent
    while (
        i < len(cells)
        and cells[i].strip()
        and (
            read_value(_words(cells[i])[0]) is None
            or (
                labelled.match(unicodedata.normalize("NFKC", cells[i]).strip())
                and read_value(cells[i]) is None
                and not label_cells
            )
        )
    ):
        label_cells.append(cells[i].strip())
        i += 1
    if label_cells:  # a total's name spaced over cells (歳 入 合 | | 計): its pieces joined
        pieces, j = list(label_cells), i
        while j < len(cells) and (not cells[j].strip() or read_value(_words(cells[j])[0]) is None):
            if cells[j].strip():
                pieces.append(cells[j].strip())
                if _fold("".join(pieces)) in conv.totals:
                    label_cells, i = list(pieces), j + 1
            j += 1
    slots: list[Value | None] = []
    note: list[str] = []
    for cell in cells[i:]:
        if note:
            if cell.strip():
                note.append(cell.strip())
            continue
        if not cell.strip():
            slots.append(None)
            continue
        words = _words(cell)
        for k, word in enumerate(words):
            value = read_value(word)
            if value is None:
                note.append(" ".join(words[k:]))
                break
            slots.append(value)
    while slots and slots[0] is None:
        slots.pop(0)
    while slots and slots[-1] is None:
        slots.pop()
    if (
        not label_cells
        and indent > 0
        and len(slots) >= 2
        and slots[0] is not None
        and slots[1] is not None
        and re.fullmatch(r"[0-9]{1,2}", slots[0].raw)
        and "," in slots[1].raw
    ):
        first = slots.pop(0)
        label_cells = [first.raw if first else ""]  # a row whose name the layout put elsewhere: its number
    raw_label = " ".join(label_cells)
    folded = unicodedata.normalize("NFKC", raw_label).strip()
    number = ""
    m = marker.match(folded)
    if m and folded[m.end() :].strip():
        number, folded = m.group("num"), folded[m.end() :]
    elif re.fullmatch(r"[0-9]{1,2}", folded):
        number = folded
    if m and (not number or re.fullmatch(r"(?:\([0-9]{1,2}\)\s*)+", folded.strip())):
        folded = ""  # markers alone ((12) (3) of a chart's legend): no row
    name = "".join(folded.split())
    return _Row(0, None, indent, name, number, tuple(slots), " ".join(note))


def _ordinal(number: str) -> int | None:
    if not number:
        return None
    text = unicodedata.normalize("NFKC", number).strip("()")
    if text.isdigit():
        return int(text)
    for base in ("⑴", "①"):
        offset = ord(number[0]) - ord(base)
        if 0 <= offset < 20:
            return offset + 1
    return None


def _assign(slots: tuple[Value | None, ...], columns: list[tuple[Path, str]]) -> list[tuple[Path, str, Value]]:
    """Values to columns: by position where the row has as many cells as the header has columns,
    else in order, percentages only into share columns and amounts only into the others."""
    if not columns:
        return []
    if len(slots) == len(columns) and all(
        v is None or (v.kind == "share") == (role == "share") for v, (_, role) in zip(slots, columns, strict=True)
    ):
        return [(p, r, v) for v, (p, r) in zip(slots, columns, strict=True) if v is not None]
    values = [v for v in slots if v is not None]
    out: list[tuple[Path, str, Value]] = []
    free = list(columns)
    for value in values:
        share = value.kind == "share"
        index = next((k for k, (_, role) in enumerate(free) if (role == "share") == share), None)
        if index is None:
            break
        path, role = free[index]
        del free[: index + 1]
        out.append((path, role, value))
    return out


# ------------------------------------------------------------------------------------------ parts


def _part(conv: BookConventions, document: Document, path: Path) -> tuple[str, str] | None:
    """(part name, side) for a table under ``path``; None: a part that holds no budget lines. The part
    is named by the first heading of the path that names one (一般会計補正予算整理表 stands under 予算説明書)."""
    name = ""
    for depth, label in enumerate(path):
        text = _fold(label)
        found = next((part for pattern, part in conv.parts if re.search(pattern, text)), None)
        if found is None:
            continue
        if not found and not any("会計" in _fold(below) for below in path[depth + 1 :]):
            return None  # a part with no budget lines, unless an account's block stands inside it
        name = found
        break
    return name, _path_side(conv, path)


def _path_side(conv: BookConventions, path: Path) -> str:
    return next((s for label in reversed(path) for s in conv.sides if _fold(label).strip("()（）") == s), "")


def _account(conv: BookConventions, document: Document, path: Path) -> str:
    for text in (*path, document.meta.title):
        m = re.search(r"(一般会計|[^\s・]*特別会計|公営企業会計)", _fold(text))
        if m:
            return m.group(1)
    return conv.default_account


def _section_titles(document: Document, path: Path) -> list[str]:
    """款/項 names from a detail page's headings (``1款`` 市税 > ``1項`` 市民税)."""
    names = []
    for depth in range(1, len(path) + 1):
        section = document.section(path[:depth])
        if section is not None and section.kind in ("kan", "kou"):
            names.append("".join(section.title.split()))
    return names


@dataclass
class _Block:
    """Lines of one document part read so far (a part continues over pages and table fragments)."""

    part: str
    side: str
    account: str
    lines: list[BudgetLine] = field(default_factory=list)
    rows: list[tuple[_Row, Path, list[tuple[Path, str, Value]]]] = field(default_factory=list)


def _side_of(block_rows: list[_Row], conv: BookConventions) -> str:
    revenue = sum(r.label in conv.revenue for r in block_rows)
    expenditure = sum(r.label in conv.expenditure for r in block_rows)
    if revenue != expenditure:
        return "歳入" if revenue > expenditure else "歳出"
    for r in block_rows:
        for side in conv.sides:
            if r.label.startswith(side):
                return side
    return ""


def _table_rows(document: Document) -> Iterator[tuple[Table, int, list[str]]]:
    for table in document.tables:
        for row in table.rows:
            yield table, row.line, list(row.cells)


@dataclass(frozen=True, slots=True)
class SetAside:
    """The figures of a sheet that restates a part's 款 amounts (一般会計補正予算整理表: each 款's 当初予算
    現計, then the side's total), checked against that part and left out of the budget lines: the sheet
    sets its 款 names and its figures apart on the page, and its figures are the part's own."""

    sheet: str  # the sheet's title, spacing closed: 一般会計補正予算整理表
    side: str  # 歳入 | 歳出
    account: str
    word: str  # the row word of the figures: 現計
    restates: str  # the statement whose 款 amounts they repeat: 第1表 歳入歳出予算 歳入
    figures: tuple[int, ...]  # in yen, in the order printed
    matched: int  # of them, equal to the 款 amount at the same place (the one after the last 款: their sum)
    lines: tuple[int, ...]  # each figure's source line
    page: int | None

    @property
    def note(self) -> str:
        """What was left out and why, in Japanese."""
        where = f"{self.sheet}（{self.side}）の{self.word}{len(self.figures)}件"
        if self.matched == len(self.figures):
            return (
                f"{where}は「{self.restates}」の各款の金額と{self.side}合計に一致します（予算の行には重ねて数えません）"
            )
        missed = len(self.figures) - self.matched
        return f"{where}のうち{missed}件が「{self.restates}」の款の金額と一致しません（予算の行には数えません）"


@dataclass
class BookReading:
    lines: tuple[BudgetLine, ...]
    items: tuple[BudgetItem, ...]
    reconciliation: Reconciliation
    set_aside: tuple[SetAside, ...] = ()  # sheets whose figures restate a part: checked, not made lines


def _statement(part: str, side: str) -> str:
    return " ".join(x for x in (part, side) if x)


def read_book(document: Document, conv: BookConventions) -> BookReading:
    pages = _pages(document)
    blocks: list[_Block] = []
    current: _Block | None = None
    columns = _Columns()
    stack: list[tuple[int | None, str]] = []  # the open rows: (ordinal, label) per level
    key: tuple[str, ...] | None = None  # (part, side, heading path) the columns belong to
    detail: list[tuple[_Row, list[tuple[Path, str, Value]]]] = []  # 節 rows, matched to 目 rows afterwards
    header_only = False  # the columns come from a header that no row has followed yet
    header_page: int | None = None  # where that header stands
    wrapped, taken = _wrapped_names(document, conv)
    restated: dict[tuple[str, str, str, str, str], list[tuple[int, int | None, Value]]] = {}
    for table, line, cells in _table_rows(document):
        sheet = _restated(conv, table.path)
        if sheet is not None:
            title, word, restates = sheet
            row = _split_row(cells, conv)
            if row is not None and row.label == _fold(word) and row.slots and row.slots[0] is not None:
                place = (title, _path_side(conv, table.path), _account(conv, document, table.path), word, restates)
                restated.setdefault(place, []).append((line, table.page, row.slots[0]))
        part = _part(conv, document, table.path)
        if part is None or any(re.search(p, _fold(table.path[0])) for p, _, _ in conv.item_lists):
            words = header_words(cells, conv)
            if words is not None:  # a header set just before the heading of the block it heads
                columns, header_only, key = _Columns(), True, None
                columns.add(words, conv)
                header_page = pages.get(line, table.page)
            elif header_only and any(c.strip() for c in cells):
                columns, header_only = _Columns(), False  # rows of this part followed it: it heads no later block
            continue
        # a heading inside a part (歳入 of 第1表, 2項 of a 款's detail) keeps the header read so far; a
        # heading that names no part (a newsletter's next article) starts afresh
        where = (part[0], part[1], *(table.path[:1] if part[0] else table.path))
        if where != key:
            key = where
            # a header whose rows the layout set under the next heading (会計区分 | 予算額 | 前年度対比 /
            # 特別会計 / 国民健康保険 …) still heads them
            columns = columns if header_only else _Columns()
            stack = []
            current = None
        words = header_words(cells, conv)
        if words is not None:
            columns.add(words, conv)
            header_only, header_page = True, pages.get(line, table.page)
            continue
        if not conv.tables_span_pages and columns.paths and table.page != header_page:
            columns, current = _Columns(), None  # a newsletter's table ends on its page
        if line in taken:
            continue  # a line of a name wrapped around its row's number (read with that row)
        row = _split_row(cells, conv)
        if row is None:
            continue
        header_only = False
        label = wrapped.get(line, row.label)
        row = _Row(line, pages.get(line), row.indent, label, row.number, row.slots, row.note)
        if not columns.closed:
            columns.closed = True
            current = None  # a header after rows: a new block (its side is judged on its own rows)
        if current is None:
            account = "" if columns.accounts else _account(conv, document, table.path)
            current = _Block("会計別" if columns.accounts else part[0], "" if columns.accounts else part[1], account)
            blocks.append(current)
        if conv.detail_level in columns.levels:
            detail.append((row, _assign(row.slots, columns.paths)))
            continue
        if not row.label or not row.slots:
            continue
        assigned = _assign(row.slots, columns.paths)
        if not assigned:
            continue
        unit = next((u for u in reversed(columns.units) if u in UNIT_YEN), conv.unit)
        parents = _section_titles(document, table.path)
        path = _row_path(row, columns, stack, parents, conv)
        current.rows.append((row, path, assigned))
        for col, role, value in assigned:
            if value.kind == "share":
                continue
            value_unit = value.unit or unit
            current.lines.append(
                BudgetLine(
                    "",
                    current.account,
                    path,
                    col,
                    value.amount,
                    value.raw,
                    value_unit,
                    row.line,
                    table.line,
                    role,
                    to_yen(value.amount, value_unit),
                    "",
                    row.page,
                )
            )
        if columns.accounts:
            current.part = current.part or "会計別"
    lines: list[BudgetLine] = []
    for block in blocks:
        side = block.side or _side_of([r for r, _, _ in block.rows], conv)
        if block.part == "会計別":
            side = ""
        statement = _statement(block.part, side)
        for ln in block.lines:
            lines.append(_restate(ln, statement))
    lines += _detail_lines(detail, lines, conv)
    items = read_items(document, conv)
    set_aside, findings = _check_restated(restated, lines, conv)
    checked = reconcile_book(tuple(lines))
    reconciliation = Reconciliation(
        checked.checked + sum(len(s.figures) for s in set_aside),
        checked.rounded,
        (*checked.findings, *findings),
        tuple(s.note for s in set_aside),
    )
    return BookReading(tuple(lines), items, reconciliation, set_aside)


# ------------------------------------------------------------------------- names wrapped, sheets restated


def _wrapped_names(document: Document, conv: BookConventions) -> tuple[dict[int, str], set[int]]:
    """Rows whose number stands alone on its line, the name wrapped in its cell above and below it
    (``新型コロナウイルス感染症対策地方税減収補塡特別`` / ``2  5,000`` / ``交付金``): line → the name in
    full, and the lines of the name (they are no rows of their own). The layout sets the name's first
    line before the number's and the rest after it; lines between two such rows are shared evenly."""
    entries: list[tuple[int, int | None, list[str]]] = [
        (row.line, table.page, list(row.cells)) for table in document.tables for row in table.rows
    ]
    for measure in document.measures:
        if measure.kind == "table_text":
            texts = measure.raw.split("\n")
            places = measure.lines or tuple((measure.line + k, measure.page) for k in range(len(texts)))
            entries += [(number, page, text.split("\t")) for (number, page), text in zip(places, texts, strict=False)]
    entries.sort(key=lambda e: e[0])

    def kind(cells: list[str]) -> str:
        row = _split_row(cells, conv)
        if row is None or header_words(cells, conv) is not None:
            return ""
        if row.number and row.label == row.number and row.slots:
            return "number"
        words = [w for c in cells for w in _words(c)]
        if words and not row.number and all(read_value(w) is None for w in words) and row.label not in conv.totals:
            return "text"
        return ""

    kinds = [kind(cells) for _, _, cells in entries]

    def near(a: int, b: int) -> bool:  # neighbours: the same page, only blank lines between
        return entries[a][1] == entries[b][1] and 0 < entries[b][0] - entries[a][0] <= 2

    names: dict[int, str] = {}
    taken: set[int] = set()
    for i, k in enumerate(kinds):
        if k != "number":
            continue
        before: list[int] = []
        j = i - 1
        while j >= 0 and kinds[j] == "text" and near(j, j + 1) and entries[j][0] not in taken:
            before.insert(0, j)
            j -= 1
        after: list[int] = []
        j = i + 1
        while j < len(entries) and kinds[j] == "text" and near(j - 1, j):
            after.append(j)
            j += 1
        if after and j < len(entries) and kinds[j] == "number" and near(j - 1, j):
            after = after[: (len(after) + 1) // 2]  # the rest begins the next row's name
        if not before and not after:
            continue
        text = "".join(" ".join(entries[x][2]) for x in (*before, *after))
        names[entries[i][0]] = "".join(unicodedata.normalize("NFKC", text).split())
        taken.update(entries[x][0] for x in (*before, *after))
    return names, taken


def _restated(conv: BookConventions, path: Path) -> tuple[str, str, str] | None:
    """(the sheet's title, its row word, the part it restates) for a table under a restating sheet."""
    for label in path:
        text = _fold(label)
        for pattern, word, part in conv.restated:
            if re.search(pattern, text):
                return text, word, part
    return None


def _check_restated(
    restated: dict[tuple[str, str, str, str, str], list[tuple[int, int | None, Value]]],
    lines: list[BudgetLine],
    conv: BookConventions,
) -> tuple[tuple[SetAside, ...], list[Finding]]:
    """Each restated figure against the 款 amount at its place in the part it restates (the figure after
    the last 款: their sum): what matches is accounted for; what does not is a finding."""
    out: list[SetAside] = []
    findings: list[Finding] = []
    for (sheet, side, account, word, part), rows in restated.items():
        statement = _statement(part, side)
        kan = [
            ln
            for ln in lines
            if ln.statement == statement
            and ln.account == account
            and ln.role == "current"
            and len(ln.row) == 1
            and ln.row[0] not in conv.totals
        ]
        printed = next(
            (
                ln
                for ln in lines
                if ln.statement == statement
                and ln.account == account
                and ln.role == "current"
                and len(ln.row) == 1
                and ln.row[0] in conv.totals
            ),
            None,
        )  # the part's own total (歳入合計), else the sum of its 款
        total = printed.yen or 0 if printed is not None else sum(ln.yen or 0 for ln in kan)
        total_row = printed.row if printed is not None else (f"{side}合計",)
        figures: list[int] = []
        matched = 0
        for k, (line, _, value) in enumerate(rows):
            yen = to_yen(value.amount, value.unit or conv.unit) or 0
            figures.append(yen)
            if k < len(kan):
                expected, row = kan[k].yen or 0, kan[k].row
            else:
                expected, row = (total, total_row) if k == len(kan) else (0, (word,))
            if yen == expected and kan:
                matched += 1
                continue
            factor = UNIT_YEN.get(value.unit or conv.unit, 1)
            findings.append(
                Finding(
                    f"{sheet} {side}".strip(),
                    account,
                    row,
                    (word,),
                    line,
                    expected // factor,
                    yen // factor,
                    (yen - expected) // factor,
                    0,
                    tuple(ln.row[0] for ln in kan) if k >= len(kan) else row,
                    f"{sheet} {word} = {statement}",
                )
            )
        out.append(
            SetAside(
                sheet,
                side,
                account,
                word,
                statement,
                tuple(figures),
                matched,
                tuple(line for line, _, _ in rows),
                rows[0][1] if rows else None,
            )
        )
    return tuple(out), findings


def _same_columns(block: _Block, columns: _Columns) -> bool:
    if not block.rows:
        return True
    previous = {c for _, _, assigned in block.rows for c, _, _ in assigned}
    return not previous or bool(previous & {p for p, _ in columns.paths})


def _restate(line: BudgetLine, statement: str) -> BudgetLine:
    return BudgetLine(
        statement,
        line.account,
        line.row,
        line.column,
        line.amount,
        line.raw,
        line.unit,
        line.line,
        line.table_line,
        line.role,
        line.yen,
        line.note,
        line.page,
    )


def _row_path(
    row: _Row, columns: _Columns, stack: list[tuple[int | None, str]], parents: list[str], conv: BookConventions
) -> Path:
    """The row's path: 款 > 項 from the numbering (a number that follows the last 款's is a 款), or a
    total closing the rows of its level."""
    levels = [lv for lv in columns.levels if lv in conv.row_levels and lv != conv.detail_level]
    depth_max = max(1, len(levels)) if not columns.accounts else 1
    ordinal = _ordinal(row.number)
    if row.label in conv.totals or (not row.number and any(row.label.endswith(t) for t in ("合計", "総額"))):
        open_names = [name for _, name in stack]
        if row.label == "計" and len(stack) > 1:
            return (*parents, *open_names[:-1], row.label)
        if row.label == "計" and parents:
            return (*parents, row.label)
        return (row.label,)
    if ordinal is None or depth_max == 1:
        del stack[:]
        stack.append((ordinal, row.label))
        return (*parents, row.label)
    # which level: the one whose numbering this row continues (款 10 → 11; 項 1 → 2; a new 項 starts at 1)
    level = min(row.indent, depth_max - 1)
    if stack:
        top_ord = stack[0][0]
        last = stack[-1][0] if len(stack) > 1 else None
        if (
            row.indent == 0
            and top_ord is not None
            and ordinal != top_ord + 1
            and (ordinal == 1 or (last is not None and ordinal == last + 1))
        ):
            level = 1  # the layout lost the empty 款 cell
    del stack[level:]
    while len(stack) < level:
        stack.append((None, ""))
    stack.append((ordinal, row.label))
    return (*parents, *[name for _, name in stack if name])


def _detail_lines(
    detail: list[tuple[_Row, list[tuple[Path, str, Value]]]], lines: list[BudgetLine], conv: BookConventions
) -> list[BudgetLine]:
    """節 rows under their 目: the 節 numbering restarts at 1 for each 目, in document order."""
    moku = [
        ln
        for ln in lines
        if ln.role == "current"
        and ln.statement.startswith("事項別明細書")
        and not ln.statement.startswith("事項別明細書 総括")
        and ln.row[-1] not in conv.totals
    ]
    groups: list[list[tuple[_Row, BudgetLine | None]]] = []
    out: list[BudgetLine] = []
    for row, assigned in detail:
        amount = next((v for _, role, v in assigned if role == "current" and v.kind != "share"), None)
        numbered = bool(row.number) and row.indent == 0 and amount is not None
        if numbered and (_ordinal(row.number) == 1 or not groups):
            groups.append([])
        if numbered and groups:
            groups[-1].append((row, None))
        elif groups and groups[-1]:
            last, _ = groups[-1][-1]
            text = " ".join(x for x in (row.label, *(v.raw for v in row.slots if v), row.note) if x)
            groups[-1][-1] = (
                _Row(
                    last.line,
                    last.page,
                    last.indent,
                    last.label,
                    last.number,
                    last.slots,
                    f"{last.note} / {text}".strip(" /"),
                ),
                None,
            )
    for group, parent in zip(groups, moku, strict=False):
        for row, _ in group:
            value = row.slots[0]
            if value is None:
                continue
            unit = value.unit or parent.unit
            out.append(
                BudgetLine(
                    parent.statement,
                    parent.account,
                    (*parent.row, row.label),
                    ("金額",),
                    value.amount,
                    value.raw,
                    unit,
                    row.line,
                    parent.table_line,
                    "current",
                    to_yen(value.amount, unit),
                    row.note,
                    row.page,
                )
            )
    return out


def _pages(document: Document) -> dict[int, int | None]:
    return {}


# ------------------------------------------------------------------------------------------ items

_PERIOD_RE = re.compile(r"^(?:令和|平成)?[0-9]{1,2}年度(?:から|まで)?$")
_END_RE = re.compile(r"(業務|事業|分\)|分）)$")


def read_items(document: Document, conv: BookConventions) -> tuple[BudgetItem, ...]:
    """Items of 第2表/第3表-style lists: names in order, each with its 限度額 (and 期間) in order."""
    out: list[BudgetItem] = []
    for pattern, part, fields in conv.item_lists:
        rows: list[tuple[int, list[str]]] = []
        for table in document.tables:
            if table.path and re.search(pattern, _fold(table.path[0])):
                rows += [(r.line, list(r.cells)) for r in table.rows]
        for measure in document.measures:
            if measure.path and re.search(pattern, _fold(measure.path[0])):
                rows += [(measure.line + k, [text]) for k, text in enumerate(measure.raw.split("\n"))]
        rows.sort(key=lambda r: r[0])
        names: list[tuple[int, str]] = []
        limits: list[tuple[str, int | None, str, str]] = []  # raw, amount, unit, the rest of the line
        periods: list[str] = []
        name = ""
        name_line = 0
        opened = ""
        for line, cells in rows:
            if header_words(cells, conv) is not None or any(
                re.fullmatch(r"[(（]?単位\s*[:：]?\s*\S+?[)）]?", _fold(c)) for c in cells if c.strip()
            ):
                continue
            fragments: list[str] = []
            for index, cell in enumerate(cells):
                text = cell.strip()
                if not text:
                    continue
                words = _words(text)
                value = read_value(words[0])
                if value is not None and value.kind == "amount":
                    rest = " ".join([*words[1:], *(c.strip() for c in cells[index + 1 :] if c.strip())])
                    limits.append((words[0], value.amount, value.unit, rest))
                    break
                folded = _fold(text)
                if _PERIOD_RE.match(folded):
                    if folded.endswith("から"):
                        opened = folded
                    else:
                        periods.append(opened + folded)
                        opened = ""
                    continue
                closed = _fold(text)
                if re.search(r"金額$|に応じた", closed) and not _END_RE.search(closed):
                    limits.append((closed, None, "", ""))  # a 限度額 written as text
                    continue
                if (")" in closed and "(" not in closed and len(closed) > 1) or (
                    _HIRAGANA_RUN.search(closed) and " " not in text and not _END_RE.search(closed)
                ):
                    continue  # the tail of 起債の方法 or 利率 text (…率）, し若しくは低利に): not a name
                fragments.append(text)
            text = _fold("".join(f.replace(" ", "") for f in fragments)) if fragments else ""
            if all(len(f.strip()) <= 1 for f in fragments) and fragments:
                text = _fold("".join(fragments))
            if not text:
                continue
            if re.search(r"金額$|に応じた", text) and not _END_RE.search(text):
                limits.append((text, None, "", ""))
                continue
            if (
                _HIRAGANA_RUN.search(text.replace(" ", ""))
                and " " not in "".join(fragments)
                and not (_END_RE.search(text) or text.startswith(("(", "（")))
            ):
                continue  # prose (起債の方法, 利率): not a name
            if re.search(r"[、。％%]", text):
                continue
            if text.startswith(("(", "（")) and names and not name:
                last_line, last = names[-1]
                names[-1] = (last_line, last + text)
                continue
            if not name:
                name_line = line
            name += text
            while name:
                m = _END_RE.search(name) or re.search(r"(業務|事業)(?=.)", name)
                if not m:
                    break
                names.append((name_line, name[: m.end()]))
                name = name[m.end() :]
                name_line = line
            if len(name) > 40:
                name = ""
        if name and _END_RE.search(name):
            names.append((name_line, name))
        unit = conv.unit
        for k, (line, item) in enumerate(names):
            raw, amount, value_unit, rest = limits[k] if k < len(limits) else ("", None, "", "")
            item_fields = [("限度額", raw)] if raw else []
            if "期間" in fields and k < len(periods):
                item_fields.insert(0, ("期間", periods[k]))
            if rest and "期間" not in fields:
                item_fields.append(("起債の方法・利率・償還の方法", rest))
            u = value_unit or unit
            out.append(
                BudgetItem(
                    part, _account(conv, document, ()), item, tuple(item_fields), amount, u, to_yen(amount, u), line
                )
            )
    return tuple(out)


# ------------------------------------------------------------------------------------ reconciliation

_DIFF_RULE = "本年度 − 前年度 = 比較"


def reconcile_book(lines: tuple[BudgetLine, ...]) -> Reconciliation:
    """The book's own truth: 本年度 − 前年度 = 比較 on every row that has the three; totals = their rows;
    節 = their 目. Exact (these books print every digit)."""
    findings: list[Finding] = []
    checked = 0
    by_row: dict[tuple[str, str, Path], dict[str, BudgetLine]] = {}
    for ln in lines:
        if ln.role in ("current", "previous", "difference"):
            by_row.setdefault((ln.statement, ln.account, ln.row), {}).setdefault(ln.role, ln)
    for (statement, account, row), roles in by_row.items():
        cur, prev, diff = roles.get("current"), roles.get("previous"), roles.get("difference")
        if cur is None or prev is None or diff is None or cur.yen is None or prev.yen is None:
            continue
        checked += 1
        expected = cur.yen - prev.yen
        actual = diff.yen or 0
        if expected != actual:
            factor = UNIT_YEN.get(diff.unit, 1)
            findings.append(
                Finding(
                    statement,
                    account,
                    row,
                    diff.column,
                    diff.line,
                    expected // factor,
                    actual // factor,
                    (actual - expected) // factor,
                    0,
                    (cur.column[-1], prev.column[-1]),
                    _DIFF_RULE,
                )
            )
    # totals: a 計 row = the rows of its level; a 合計 = the top rows; 節 = 目
    groups: dict[tuple[str, str, Path], list[BudgetLine]] = {}
    for ln in lines:
        groups.setdefault((ln.statement, ln.account, ln.column), []).append(ln)
    for (statement, account, column), members in groups.items():
        rows = {ln.row: ln for ln in members}
        for row, total in rows.items():
            label = row[-1]
            if label in ("計",):
                parent = row[:-1]
                parts = [ln for r, ln in rows.items() if r[:-1] == parent and r != row]
                rule = "計 = the rows above it"
            elif label.endswith("合計") or label in ("総額", "総計"):
                depth = min((len(r) for r in rows if r != row), default=0)
                parts = [ln for r, ln in rows.items() if len(r) == depth and r != row and not r[-1].endswith("計")]
                rule = "合計 = the top rows"
            else:
                parts = [ln for r, ln in rows.items() if len(r) == len(row) + 1 and r[:-1] == row and r[-1] != "計"]
                rule = "a row = the rows under it"
            if not parts or total.yen is None or total.role == "share":
                continue
            checked += 1
            expected = sum(p.yen or 0 for p in parts)
            factor = UNIT_YEN.get(total.unit, 1)
            tolerance = len(parts) * factor // 2 if any(p.unit != "円" for p in parts) and total.unit != "円" else 0
            if total.raw and "万" in total.raw:
                tolerance = len(parts) * 10_000  # newsletters round every 万円 figure
            if abs(expected - total.yen) > tolerance:
                findings.append(
                    Finding(
                        statement,
                        account,
                        row,
                        column,
                        total.line,
                        expected // factor,
                        total.yen // factor,
                        (total.yen - expected) // factor,
                        tolerance // factor,
                        tuple(p.row[-1] for p in parts),
                        rule,
                    )
                )
    return Reconciliation(checked, 0, tuple(findings))
