"""What a comparison says: typed changes with their locations in both editions, and the changelog that holds them.

Every change is a frozen dataclass of one kind (:class:`SectionChange`, :class:`MeasureChange`,
:class:`TargetChange`, :class:`BudgetTableChange`, :class:`BudgetLineChange`,
:class:`BudgetItemChange`), built once and never mutated. What can differ between the editions is a
:class:`Pair` ``{old, new}`` (a side the change has not is ``None``); kinds and verbs are the str enums
:class:`Kind` and :class:`Verb`, so the JSON keeps the same words. :func:`to_data` is the one function
that turns these types into JSON data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from plandiff.model.document import Metadata, Path

if TYPE_CHECKING:
    from plandiff.model.facts import Reconciliation
    from plandiff.model.notices import Notice

T = TypeVar("T")


class Kind(StrEnum):
    """What changed."""

    SECTION = "section"
    MEASURE = "measure"
    TARGET = "target"
    BUDGET = "budget"


class Verb(StrEnum):
    """How it changed. Measures and sections: added … renamed; targets add raised … reworded; budget
    lines, tables and items their own; deadlines moved (期限の先送り / 前倒し) are measure changes."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    RENAMED = "renamed"
    RAISED = "raised"
    LOWERED = "lowered"
    COMPARATOR_CHANGED = "comparator_changed"
    UNIT_CHANGED = "unit_changed"
    KEY_TARGET_GAINED = "key_target_gained"
    KEY_TARGET_LOST = "key_target_lost"
    REWORDED = "reworded"
    ROW_ADDED = "row_added"
    ROW_REMOVED = "row_removed"
    COLUMN_ADDED = "column_added"
    COLUMN_REMOVED = "column_removed"
    TABLE_ADDED = "table_added"
    TABLE_REMOVED = "table_removed"
    PREVIOUS_DIFFERS = "previous_differs"
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    ITEM_CHANGED = "item_changed"
    DEADLINE_POSTPONED = "deadline_postponed"
    DEADLINE_ADVANCED = "deadline_advanced"


class Strength(StrEnum):
    """A reworded measure's commitment: weaker (図る → 検討を行う) or stronger (検討する → 実施する)."""

    WEAKENED = "weakened"
    STRENGTHENED = "strengthened"


@dataclass(frozen=True, slots=True)
class Pair(Generic[T]):
    """A value in the old and the new edition (``None`` on a side that has none)."""

    old: T
    new: T

    @property
    def either(self) -> T:
        """The new value, or the old one where there is no new."""
        return self.old if self.new is None else self.new

    @property
    def differs(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new


@dataclass(frozen=True, slots=True)
class Location:
    """Where an item stands in one edition: heading path, first line, and its original text."""

    path: Path
    line: int
    text: str
    end_line: int | None = None
    page: int | None = None  # PDF page, when the edition was read from a PDF


Segment = tuple[str, str]  # ("=" | "-" | "+", text): one run of a word diff
Fields = tuple[tuple[str, str], ...]  # (field, text as written) of a budget item, written as a JSON object


@dataclass(frozen=True, slots=True)
class Change:
    """What every change has: a content id, its verb, where it stands in both editions, a score.

    ``kind`` is the class's; ``change`` how it changed (a :class:`Verb`). Use the subclasses'
    typed fields. :attr:`data` is a read-only view in the shape of the untyped dict that changes
    carried before they were typed (a value that did not change as a scalar, ``old_value`` …), for
    code not yet moved to the typed fields; the JSON is written from the typed fields (:func:`to_data`).
    """

    KIND: ClassVar[Kind]
    id: str
    change: Verb
    old: tuple[Location, ...]
    new: tuple[Location, ...]
    score: float

    @property
    def kind(self) -> Kind:
        return self.KIND

    @property
    def data(self) -> dict[str, Any]:
        """The kind's own fields in the pre-typed shape (a fresh dict: changing it changes nothing)."""
        return {k: v for k, v in self._legacy().items() if v is not None or k in _ALWAYS}

    def _legacy(self) -> dict[str, Any]:
        return {}


_ALWAYS = frozenset({"old_value", "new_value", "old_amount", "new_amount", "delta", "pct"})


def _scalar_or_pair(pair: Pair[Any]) -> Any:
    """The pre-typed shape: one value when both sides agree (or one side has none), else ``{old, new}``."""
    return {"old": pair.old, "new": pair.new} if pair.differs else pair.either


def _list(path: tuple[str, ...] | None) -> list[str]:
    return list(path or ())


@dataclass(frozen=True, slots=True)
class SectionChange(Change):
    """A heading renamed, moved (``renumbered``: only its number changed), added or removed."""

    KIND: ClassVar[Kind] = Kind.SECTION
    renumbered: bool = False

    def _legacy(self) -> dict[str, Any]:
        return {"renumbered": True} if self.renumbered else {}


@dataclass(frozen=True, slots=True)
class MeasureChange(Change):
    """A measure added, removed, changed, moved (``reworded`` or not), split or merged; a deadline moved.

    ``diff``: the word diff (None where there is none to show); ``deadline``: the year of a deadline
    (〜年度までに) in both editions, for a deadline moved; ``strength``: whether the rewording promises
    less (``weakened``) or more (``strengthened``), from the commitment lexicon of
    :mod:`plandiff.classify.strength`, or None."""

    KIND: ClassVar[Kind] = Kind.MEASURE
    diff: tuple[Segment, ...] | None = None
    reworded: bool | None = None
    deadline: Pair[int | None] = Pair(None, None)
    strength: Strength | None = None

    def _legacy(self) -> dict[str, Any]:
        return {
            "diff": None if self.diff is None else [list(seg) for seg in self.diff],
            "reworded": self.reworded,
            "deadline": None if self.deadline.either is None else to_data(self.deadline),
            "strength": None if self.strength is None else self.strength.value,
        }


@dataclass(frozen=True, slots=True)
class StillSays:
    """Where the body of the edition still states a target's old value."""

    line: int
    written: str


@dataclass(frozen=True, slots=True)
class TargetChange(Change):
    """A numeric target added, removed, raised, lowered, its comparator, unit or key-target status
    changed, or its metric reworded (the first verb; the others in ``also``)."""

    KIND: ClassVar[Kind] = Kind.TARGET
    metric: Pair[str | None] = Pair(None, None)
    value: Pair[int | float | None] = Pair(None, None)
    unit: Pair[str | None] = Pair(None, None)
    comparator: Pair[str | None] = Pair(None, None)
    key_target: Pair[bool | None] = Pair(None, None)
    delta: int | float | None = None
    pct: float | None = None
    qualifier: str | None = None
    also: tuple[Verb, ...] = ()
    measure_kept: bool | None = None  # removed: its sentence is still in a measure, only the number went
    body_only: bool = False  # a target stated in the body only, its value changed
    body_still_says: tuple[StillSays, ...] = ()

    def _legacy(self) -> dict[str, Any]:
        both = self.value.old is not None and self.value.new is not None
        out: dict[str, Any] = {
            "metric": self.metric.either,
            "old_value": self.value.old,
            "new_value": self.value.new,
            "unit": _scalar_or_pair(self.unit),
            "key_target": _scalar_or_pair(self.key_target),
            "comparator": _scalar_or_pair(self.comparator),
            "old_metric": self.metric.old if self.metric.differs else None,
            "qualifier": self.qualifier or None,
            "also": [v.value for v in self.also] or None,
            "measure_kept": self.measure_kept,
            "body_only": self.body_only or None,
            "body_still_says": [to_data(s) for s in self.body_still_says] or None,
        }
        if both and self.value.old != self.value.new:
            out["delta"], out["pct"] = self.delta, self.pct
        return out


@dataclass(frozen=True, slots=True)
class BudgetTableChange(Change):
    """An annex table added or removed."""

    KIND: ClassVar[Kind] = Kind.BUDGET
    statement: str = ""
    account: str = ""
    unit: Pair[str | None] = Pair(None, None)

    def _legacy(self) -> dict[str, Any]:
        return {"statement": self.statement, "account": self.account, "row": [], "column": [], "unit": self.unit.either}


@dataclass(frozen=True, slots=True)
class BudgetLineChange(Change):
    """A budget line (row × column) changed; a row or column added or removed; a table's unit
    changed; the new book's 前年度 differing from the old book's 本年度 (``previous_differs``).

    ``amount`` is in ``unit`` (a changed line of a budget book: the old amount converted into the new
    line's unit; ``yen`` and ``written`` keep both as they are); ``delta`` is new − old in ``unit.new``."""

    KIND: ClassVar[Kind] = Kind.BUDGET
    statement: str = ""
    account: str = ""
    row: Pair[Path | None] = Pair(None, None)
    column: Pair[Path | None] = Pair(None, None)
    unit: Pair[str | None] = Pair(None, None)
    amount: Pair[int | None] = Pair(None, None)
    delta: int | None = None
    pct: float | None = None
    total: bool | None = None  # a total row or column
    written: Pair[str | None] = Pair(None, None)
    yen: Pair[int | None] = Pair(None, None)
    delta_yen: int | None = None
    book_previous: int | None = None  # the new book's own 前年度 for the row
    book_difference: int | None = None  # the new book's own 比較 for the row
    basis: str | None = None  # previous_differs: 前年度, or 本年度 − 比較
    follows: tuple[str, ...] | None = None  # a total whose change is its changed parts': those rows
    follows_exactly: bool | None = None

    def _legacy(self) -> dict[str, Any]:
        unit_changed = self.change == Verb.UNIT_CHANGED
        return {
            "statement": self.statement,
            "account": self.account,
            "row": _list(self.row.either),
            "column": _list(self.column.either),
            "unit": self.unit.either,
            "old_unit": self.unit.old if unit_changed else None,
            "new_unit": self.unit.new if unit_changed else None,
            "old_amount": self.amount.old,
            "new_amount": self.amount.new,
            "delta": self.delta,
            "pct": self.pct,
            "total": self.total,
            "old_written": self.written.old,
            "new_written": self.written.new,
            "old_yen": self.yen.old,
            "new_yen": self.yen.new,
            "delta_yen": self.delta_yen,
            "book_previous": self.book_previous,
            "book_difference": self.book_difference,
            "basis": self.basis,
            "follows": None if self.follows is None else list(self.follows),
            "follows_exactly": self.follows_exactly,
        }


@dataclass(frozen=True, slots=True)
class BudgetItemChange(Change):
    """An item of 第2表/第3表 (債務負担行為, 地方債) added, removed or changed."""

    KIND: ClassVar[Kind] = Kind.BUDGET
    statement: str = ""
    account: str = ""
    name: Pair[str | None] = Pair(None, None)
    unit: Pair[str | None] = Pair(None, None)
    amount: Pair[int | None] = Pair(None, None)
    delta: int | None = None
    fields: Pair[Fields | None] = field(default=Pair(None, None), metadata={"object": True})

    def _legacy(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "account": self.account,
            "row": [self.name.either],
            "column": ["限度額"],
            "unit": self.unit.either,
            "fields": dict(self.fields.either or ()),
            "old_fields": dict(self.fields.old or ()) if self.change == Verb.ITEM_CHANGED else None,
            "old_amount": self.amount.old,
            "new_amount": self.amount.new,
            "delta": self.delta,
        }


CHANGE_TYPES: tuple[type[Change], ...] = (
    SectionChange,
    MeasureChange,
    TargetChange,
    BudgetTableChange,
    BudgetLineChange,
    BudgetItemChange,
)


def to_data(value: Any, as_object: bool = False) -> Any:
    """The one conversion of the model's types into JSON data: a dataclass → a dict of its fields
    (a change also says its ``kind``), a :class:`Pair` → ``{old, new}``, tuples → lists, enums → their
    words; ``(field, text)`` tuples marked as an object → a dict."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        if isinstance(value, Change):
            out["kind"] = value.kind.value
        for f in dataclasses.fields(value):
            out[f.name] = to_data(getattr(value, f.name), as_object or bool(f.metadata.get("object")))
        return out
    if isinstance(value, tuple | list):
        if as_object and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return {str(k): to_data(v) for k, v in value}
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


class NoiseRule(StrEnum):
    """Why a difference was hidden."""

    YEAR_ROLLOVER = "year_rollover"  # 令和3年度 → 令和4年度, by the editions' distance
    WIDTH = "width"  # ＩＴ = IT, １，４００ = 1,400
    SPACING = "spacing"  # I T = IT, 令和 2 年 = 令和2年
    PAGE_BREAK = "page_break"  # a line or page break in another place
    BULLET_STYLE = "bullet_style"  # - ・ = ・
    SPELLING_VARIANT = "spelling_variant"  # 取組 = 取り組み (Sudachi's normalised form)


@dataclass(frozen=True, slots=True)
class NoiseItem:
    """One difference hidden as noise: the rule, where it stands in both editions, what each writes."""

    rule: NoiseRule
    old: Location
    new: Location
    old_text: str
    new_text: str


@dataclass(frozen=True, slots=True)
class TableTotal:
    """A total row of one table (its grand-total column), old → new."""

    statement: str
    account: str
    row: Path
    old: int | None
    new: int | None


@dataclass(frozen=True, slots=True)
class BudgetComparison:
    """The budget part of a comparison: the changed lines, the totals, and both editions' own checks."""

    changes: tuple[Change, ...]
    unchanged: int  # lines present in both with the same amount
    totals: tuple[TableTotal, ...]  # the grand-total column's total rows, per table, old → new
    old_reconciliation: Reconciliation
    new_reconciliation: Reconciliation
    unit: str


@dataclass(frozen=True, slots=True)
class TargetComparison:
    """The numeric targets part of a comparison: the changes and how many were compared."""

    changes: tuple[TargetChange, ...]
    unchanged: int
    old_count: int
    new_count: int


@dataclass(frozen=True, slots=True)
class Changelog:
    """Everything a comparison of two editions found: the changes, what was unchanged, the noise hidden."""

    old: Metadata
    new: Metadata
    old_stats: dict[str, int]
    new_stats: dict[str, int]
    changes: tuple[Change, ...]
    unchanged_measures: int
    noisy_measures: int  # unchanged measures whose only differences were noise (hidden)
    rolled_years: int  # fiscal-year mentions that rolled over in unchanged measures
    year_delta: int
    warnings: tuple[str, ...] = ()  # the notices in English
    budget: BudgetComparison | None = field(default=None, compare=False)
    targets: TargetComparison | None = field(default=None, compare=False)
    noise: tuple[NoiseItem, ...] = field(default=(), compare=False)  # every difference hidden, with its rule
    notices: tuple[Notice, ...] = ()  # the warnings as data, to be written in the report's language

    def records(self) -> list[dict[str, Any]]:
        """One flat row per change, as a DataFrame takes it (``pandas.DataFrame(changelog.records())``)
        and as ``plandiff diff -f csv`` writes it: :data:`RECORD_COLUMNS`, every row the same keys."""
        return [_record(self, change) for change in self.changes]

    def noise_counts(self) -> dict[str, int]:
        """How many differences each rule hid."""
        out: dict[str, int] = {}
        for item in self.noise:
            out[item.rule.value] = out.get(item.rule.value, 0) + 1
        return out

    # heading titles by path in each edition, for places in a report (``I.3.(4)② 起業・創業・成長支援``)
    old_titles: dict[Path, str] = field(default_factory=dict, compare=False)
    new_titles: dict[Path, str] = field(default_factory=dict, compare=False)

    @property
    def has_differences(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            out.setdefault(c.kind.value, {}).setdefault(c.change.value, 0)
            out[c.kind.value][c.change.value] += 1
        return out


RECORD_COLUMNS = (
    "id",
    "kind",
    "verb",
    "section",
    "old_text",
    "new_text",
    "old_value",
    "new_value",
    "unit",
    "old_amount",
    "new_amount",
    "delta",
    "pct",
    "old_lines",
    "new_lines",
    "old_pages",
    "new_pages",
    "old_edition",
    "new_edition",
)


def _lines(locations: tuple[Location, ...]) -> str:
    return "; ".join(
        str(loc.line) if not loc.end_line or loc.end_line == loc.line else f"{loc.line}–{loc.end_line}"
        for loc in locations
    )


def _pages(locations: tuple[Location, ...]) -> str:
    return "; ".join(str(loc.page) for loc in locations if loc.page is not None)


def _section(path: Path, titles: dict[Path, str]) -> str:
    """``I 国民に対して… > 1 事業承継・事業引継ぎの促進``: each heading's label with its title."""
    parts = []
    for depth in range(1, len(path) + 1):
        title = titles.get(path[:depth], "")
        label = path[depth - 1]
        parts.append(f"{label} {title}" if title and title != label else label)
    return " > ".join(parts)


def _record(changelog: Changelog, change: Change) -> dict[str, Any]:
    where, titles = (change.new, changelog.new_titles) if change.new else (change.old, changelog.old_titles)
    value: Pair[Any] = Pair(None, None)
    amount: Pair[Any] = Pair(None, None)
    unit: str | None = None
    delta: Any = None
    pct: float | None = None
    if isinstance(change, TargetChange):
        value, unit, delta, pct = change.value, change.unit.either, change.delta, change.pct
    elif isinstance(change, BudgetLineChange | BudgetItemChange):
        amount, unit, delta = change.amount, change.unit.either, change.delta
        pct = change.pct if isinstance(change, BudgetLineChange) else None
    elif isinstance(change, BudgetTableChange):
        unit = change.unit.either
    elif isinstance(change, MeasureChange) and change.deadline.either is not None:
        value = change.deadline  # a deadline moved: the years
    return {
        "id": change.id,
        "kind": change.kind.value,
        "verb": change.change.value,
        "section": _section(where[0].path, titles) if where else "",
        "old_text": "\n".join(loc.text for loc in change.old),
        "new_text": "\n".join(loc.text for loc in change.new),
        "old_value": value.old,
        "new_value": value.new,
        "unit": unit,
        "old_amount": amount.old,
        "new_amount": amount.new,
        "delta": delta,
        "pct": pct,
        "old_lines": _lines(change.old),
        "new_lines": _lines(change.new),
        "old_pages": _pages(change.old),
        "new_pages": _pages(change.new),
        "old_edition": changelog.old.title,
        "new_edition": changelog.new.title,
    }
