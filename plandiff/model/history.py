"""What a history over many editions says: measures and headings followed through every edition
(lineages), targets and budget lines as one row each with a cell per edition (trajectories).

Every row keeps one stable id across the years (the content id its first edition gives it, the id
the pairwise changelogs give it too) and one cell per edition, in fiscal-year order (``None`` where
the item is absent); ``steps`` say what happened on entering an edition: a :class:`Event` list and the
pairwise change ids it came from. Built by :func:`plandiff.history.history`; frozen like every model type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from plandiff.model.changes import Location
from plandiff.model.document import Metadata, Path

if TYPE_CHECKING:
    from plandiff.model.changes import Changelog


class Event(StrEnum):
    """What happened to a row on entering an edition."""

    ADDED = "added"  # first seen (新設); not said of rows already in the first edition
    REMOVED = "removed"  # gone in this edition (削除)
    REWORDED = "reworded"  # a measure's words changed (修正)
    MOVED = "moved"  # in another section
    WEAKENED = "weakened"  # reworded to promise less (表現の後退)
    STRENGTHENED = "strengthened"  # reworded to promise more (表現の強化)
    SPLIT = "split"
    MERGED = "merged"
    DEADLINE_POSTPONED = "deadline_postponed"
    DEADLINE_ADVANCED = "deadline_advanced"
    RENAMED = "renamed"  # a heading's title
    RAISED = "raised"  # a target's value
    LOWERED = "lowered"
    COMPARATOR_CHANGED = "comparator_changed"
    UNIT_CHANGED = "unit_changed"
    KEY_TARGET_GAINED = "key_target_gained"
    KEY_TARGET_LOST = "key_target_lost"
    METRIC_REWORDED = "metric_reworded"
    INCREASED = "increased"  # a budget line's amount (in yen)
    DECREASED = "decreased"


@dataclass(frozen=True, slots=True)
class Step:
    """What happened to a row on entering edition ``edition`` (its index in :attr:`History.editions`)."""

    edition: int
    year: int | None
    events: tuple[Event, ...]
    changes: tuple[str, ...] = ()  # ids of the pairwise changes it came from


@dataclass(frozen=True, slots=True)
class Lineage:
    """A measure (or heading) followed through the editions: where it stood in each (``None``: absent)."""

    id: str
    kind: str  # measure | section
    places: tuple[Location | None, ...]
    steps: tuple[Step, ...]
    origin: str | None = None  # a part split off another measure: that lineage's id
    merged_into: str | None = None  # a measure merged into another: that lineage's id

    @property
    def first(self) -> Location:
        return next(p for p in self.places if p is not None)

    @property
    def last(self) -> Location:
        return next(p for p in reversed(self.places) if p is not None)

    @property
    def changed(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True, slots=True)
class TargetCell:
    metric: str  # as this edition writes it
    value: int | float
    unit: str
    comparator: str
    key_target: bool
    written: str
    location: Location


@dataclass(frozen=True, slots=True)
class TargetTrajectory:
    """One numeric target, a cell per edition."""

    id: str
    metric: str  # as the last edition that states it writes it
    cells: tuple[TargetCell | None, ...]
    steps: tuple[Step, ...]

    @property
    def changed(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True, slots=True)
class BudgetCell:
    amount: int | None  # in the cell's unit; None: the book writes nothing (-)
    unit: str
    yen: int | None  # the amount in yen, the base every unit converts to
    written: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class BudgetTrajectory:
    """One budget line (statement, account, row path, column path), a cell per edition; ``deltas`` in
    yen against the previous edition that has the line (``None`` for the first or where either is nothing)."""

    id: str
    statement: str
    account: str
    row: Path
    column: Path
    cells: tuple[BudgetCell | None, ...]
    deltas: tuple[int | None, ...]
    steps: tuple[Step, ...]
    total: bool = False  # a total row (計, 合計) or column

    @property
    def changed(self) -> bool:
        return bool(self.steps)


# code → (ja, en): the history's own notices (the pairwise ones stay in each changelog)
HISTORY_NOTICES: dict[str, tuple[str, str]] = {
    "same_year": (
        "{a}と{b}はどちらも{year}年度の版です：与えた順に並べました",
        "{a} and {b} are both editions of FY{year}: kept in the order given",
    ),
    "no_year": (
        "{a}の年度が読み取れません：与えた順の位置に置きました",
        "{a}: no fiscal year found: kept where it was given",
    ),
}


@dataclass(frozen=True, slots=True)
class HistoryNotice:
    code: str
    fields: tuple[tuple[str, str], ...]

    def text(self, lang: str = "en") -> str:
        ja, en = HISTORY_NOTICES[self.code]
        return (ja if lang == "ja" else en).format(**dict(self.fields))


@dataclass(frozen=True, slots=True)
class History:
    """Editions in fiscal-year order with the lineages and trajectories across them."""

    editions: tuple[Metadata, ...]
    measures: tuple[Lineage, ...]
    sections: tuple[Lineage, ...]
    targets: tuple[TargetTrajectory, ...]
    budget: tuple[BudgetTrajectory, ...]
    notices: tuple[HistoryNotice, ...] = ()
    # the pairwise comparisons of consecutive editions it was built from (not written out)
    changelogs: tuple[Changelog, ...] = field(default=(), compare=False, repr=False)

    @property
    def years(self) -> tuple[int | None, ...]:
        return tuple(e.fiscal_year for e in self.editions)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(n.text("en") for n in self.notices)

    @property
    def has_differences(self) -> bool:
        """Anything changed across the series (what ``plandiff history`` exits 1 for)."""
        return any(c.has_differences for c in self.changelogs) or any(
            row.changed for rows in (self.measures, self.sections, self.targets, self.budget) for row in rows
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """Events by row kind: ``{'measure': {'reworded': 2, …}, 'target': {'raised': 2, …}, …}``."""
        out: dict[str, dict[str, int]] = {}
        for name, rows in (
            ("section", self.sections),
            ("measure", self.measures),
            ("target", self.targets),
            ("budget", self.budget),
        ):
            for row in rows:
                for step in row.steps:
                    for event in step.events:
                        out.setdefault(name, {}).setdefault(event.value, 0)
                        out[name][event.value] += 1
        return out
