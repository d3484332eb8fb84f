"""What a comparison says: changes with their locations in both editions, and the changelog that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plandiff.model.document import Metadata, Path

if TYPE_CHECKING:
    from plandiff.model.facts import Reconciliation


@dataclass(frozen=True, slots=True)
class Location:
    """Where an item stands in one edition: heading path, first line, and its original text."""

    path: Path
    line: int
    text: str
    end_line: int | None = None
    page: int | None = None  # PDF page, when the edition was read from a PDF


@dataclass(frozen=True, slots=True)
class Change:
    """One reported difference between two editions.

    ``kind`` is what changed (section, measure, target, budget); ``change`` how (added, removed,
    changed, moved, split, merged, renamed; targets and budget lines add their own verbs such as
    raised/lowered). ``data`` carries the kind-specific fields that go into the JSON output as they
    are (``metric``, ``old_value``, ``old_amount`` …); ``noise`` counts the differences that were
    recognised as noise (year rollover, line breaks, spacing, width) and hidden.
    """

    id: str
    kind: str
    change: str
    old: tuple[Location, ...]
    new: tuple[Location, ...]
    score: float
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    noise: int = 0


@dataclass(frozen=True, slots=True)
class TableTotal:
    statement: str
    account: str
    row: Path
    old: int | None
    new: int | None


@dataclass(frozen=True, slots=True)
class BudgetComparison:
    changes: tuple[Change, ...]
    unchanged: int  # lines present in both with the same amount
    totals: tuple[TableTotal, ...]  # the grand-total column's total rows, per table, old → new
    old_reconciliation: Reconciliation
    new_reconciliation: Reconciliation
    unit: str


@dataclass(frozen=True, slots=True)
class TargetComparison:
    changes: tuple[Change, ...]
    unchanged: int
    old_count: int
    new_count: int


@dataclass(frozen=True, slots=True)
class Changelog:
    old: Metadata
    new: Metadata
    old_stats: dict[str, int]
    new_stats: dict[str, int]
    changes: tuple[Change, ...]
    unchanged_measures: int
    noisy_measures: int  # unchanged measures whose only differences were noise (hidden)
    rolled_years: int  # fiscal-year mentions that rolled over in unchanged measures
    year_delta: int
    warnings: tuple[str, ...] = ()
    budget: BudgetComparison | None = field(default=None, compare=False)
    targets: TargetComparison | None = field(default=None, compare=False)

    @property
    def has_differences(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            out.setdefault(c.kind, {}).setdefault(c.change, 0)
            out[c.kind][c.change] += 1
        return out
