"""Facts extracted from one document, once: numeric targets and budget lines (with the check of their totals)."""

from __future__ import annotations

from dataclasses import dataclass

from plandiff.model.changes import Location


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target: its metric, value, unit and comparator, and every place the plan states it."""

    metric: str  # as written (display)
    value: float  # 1割 → 10.0 (percent)
    unit: str  # 件, 者, %, %ポイント …; 割 is given as %
    comparator: str  # 以上 | 以下 | 未満 | 超 | 程度 | 前後 | exact
    key_target: bool
    qualifier: str  # for relative targets: "中小企業実態基本調査のデータを…上回る"
    written: str  # the value as written: "1割以上", "5,000者以上"
    locations: tuple[Location, ...]  # 【指標】 item and/or measure
    context: str = ""  # body targets: the clauses before the value in their sentence (for matching)
    statements: tuple[str, ...] = ()  # the metrics of the body statements merged into this target

    @property
    def path(self) -> tuple[str, ...]:
        return self.locations[0].path


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One amount of a budget table: statement, account, row and column paths, as written and in yen."""

    statement: str
    account: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    amount: int | None  # None: the document says "-", nothing
    raw: str
    unit: str
    line: int
    table_line: int  # first line of the table, to find it again
    # budget books and newsletters (plandiff.extract.budget_book); annex tables leave the defaults
    role: str = ""  # current | previous | difference | share | source: what the column says of the row
    yen: int | None = None  # the amount in yen (the common base of every unit), None for nothing
    note: str = ""  # text beside the amount (説明), kept as written
    page: int | None = None

    @property
    def written(self) -> str:
        """The amount as the document writes it (``19億5,400万円``, ``△ 743``)."""
        return self.raw


@dataclass(frozen=True, slots=True)
class BudgetItem:
    """One item of a list such as 第2表 債務負担行為 or 第3表 地方債: a name and its fields as written."""

    statement: str  # e.g. 第2表 債務負担行為
    account: str
    name: str  # 事項 / 起債の目的, spacing closed
    fields: tuple[tuple[str, str], ...]  # (field, text as written): 期間, 限度額, 方法, 利率 …
    amount: int | None  # 限度額, where it is a number (None: 寄附金額に応じた…)
    unit: str
    yen: int | None
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A total that does not match its parts beyond the rounding the document allows."""

    statement: str
    account: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    line: int
    expected: int  # the sum of the parts
    actual: int
    difference: int
    tolerance: int
    parts: tuple[str, ...]  # what was summed: row or column labels
    rule: str


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The document's own sums checked against their parts: how many, how many rounded, which are off."""

    checked: int  # sums checked
    rounded: int  # of them, off by no more than the rounding the document allows
    findings: tuple[Finding, ...]  # off by more
    notes: tuple[str, ...] = ()  # figures checked but not counted as lines, and why (in the document's language)
