"""Targets and budget lines over a series: one row each, a cell per edition.

Targets follow the pairwise target comparisons (a raised target is one row, its metric reworded or
not); targets no change names are unchanged and pair by metric and value. Budget lines are the
documents' own (``budget_lines``, read once per document and cached by the extractor): one row per
statement, account, row path and column path (labels compared without spacing, width or fiscal
years); a budget book's compared columns only (本年度 and 財源内訳, as the comparison does), amounts in
yen for the deltas, so a table restated in another unit is no change.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence

from plandiff.classify.ids import content_id, numbered
from plandiff.extract.budget import budget_lines
from plandiff.extract.targets import extract_targets
from plandiff.extract.units import UNIT_YEN, to_yen
from plandiff.history.lineage import masked
from plandiff.model import BudgetLine, BudgetLineChange, Changelog, Document, Target, TargetChange, Verb
from plandiff.model.history import BudgetCell, BudgetTrajectory, Event, Step, TargetCell, TargetTrajectory
from plandiff.text.forms import identity_key

_TARGET_EVENTS = {
    Verb.ADDED: Event.ADDED,
    Verb.REMOVED: Event.REMOVED,
    Verb.RAISED: Event.RAISED,
    Verb.LOWERED: Event.LOWERED,
    Verb.COMPARATOR_CHANGED: Event.COMPARATOR_CHANGED,
    Verb.UNIT_CHANGED: Event.UNIT_CHANGED,
    Verb.KEY_TARGET_GAINED: Event.KEY_TARGET_GAINED,
    Verb.KEY_TARGET_LOST: Event.KEY_TARGET_LOST,
    Verb.REWORDED: Event.METRIC_REWORDED,
}
_COMPARED_ROLES = frozenset({"", "current", "source"})  # annex cells; a book's 本年度 and 財源内訳


def _value(v: float) -> int | float:
    return int(v) if v == int(v) else v


def _cell(target: Target) -> TargetCell:
    return TargetCell(
        target.metric,
        _value(target.value),
        target.unit,
        target.comparator,
        target.key_target,
        target.written,
        target.locations[0],
    )


class _TargetRow:
    def __init__(self, row_id: str, n: int) -> None:
        self.id = row_id
        self.cells: list[TargetCell | None] = [None] * n
        self.steps: dict[int, tuple[list[Event], list[str]]] = {}

    def note(self, e: int, events: Sequence[Event], change: str) -> None:
        got, ids = self.steps.setdefault(e, ([], []))
        got.extend(x for x in events if x not in got)
        if change not in ids:
            ids.append(change)


def _find(targets: Sequence[Target], locations: tuple[object, ...]) -> int | None:
    """The target a change is about, by its locations (a body-only change names one of them)."""
    if not locations:
        return None
    for i, t in enumerate(targets):
        if t.locations == locations:
            return i
    first = locations[0]
    return next((i for i, t in enumerate(targets) if first in t.locations), None)


def target_trajectories(
    documents: Sequence[Document], changelogs: Sequence[Changelog], years: Sequence[int | None]
) -> tuple[TargetTrajectory, ...]:
    n = len(documents)
    found = [extract_targets(d) for d in documents]
    rows: list[_TargetRow] = []

    def start(e: int, i: int, row_id: str | None = None) -> _TargetRow:
        if row_id is None:  # the comparison's id basis: the metric's forms, numbered in the edition
            row_id = content_id("target", numbered([identity_key(t.metric) for t in found[e]])[i])
        row = _TargetRow(row_id, n)
        row.cells[e] = _cell(found[e][i])
        rows.append(row)
        return row

    current = {i: start(0, i) for i in range(len(found[0]))}
    for e in range(1, n):
        following: dict[int, _TargetRow] = {}
        touched: set[int] = set()
        for change in changelogs[e - 1].changes:
            if not isinstance(change, TargetChange):
                continue
            i, j = _find(found[e - 1], change.old), _find(found[e], change.new)
            events = [_TARGET_EVENTS[v] for v in (change.change, *change.also) if v in _TARGET_EVENTS]
            if i is not None:
                touched.add(i)
            if i is None and j is not None and j not in following:
                following[j] = start(e, j, change.id)
                following[j].note(e, events, change.id)
            elif i is not None and j is None:
                current[i].note(e, events, change.id)
            elif i is not None and j is not None:
                row = following.get(j) or current[i]
                if j not in following and row in following.values():  # already continued: a new row
                    row = start(e, j, change.id)
                following[j] = row
                row.cells[e] = _cell(found[e][j])
                row.note(e, events, change.id)
        _pair_unchanged_targets(e, found, current, following, touched, start)
        current = following
    _unique(rows)
    return tuple(
        TargetTrajectory(
            row.id,
            next(c for c in reversed(row.cells) if c is not None).metric,
            tuple(row.cells),
            tuple(Step(e, years[e], tuple(ev), tuple(ids)) for e, (ev, ids) in sorted(row.steps.items())),
        )
        for row in rows
    )


def _target_key(target: Target) -> tuple[str, float, str, str, bool]:
    return (identity_key(target.metric), target.value, target.unit, target.comparator, target.key_target)


def _pair_unchanged_targets(
    e: int,
    found: Sequence[Sequence[Target]],
    current: dict[int, _TargetRow],
    following: dict[int, _TargetRow],
    touched: set[int],
    start: Callable[[int, int], _TargetRow],
) -> None:
    """Targets no change names are unchanged: the same metric (forms), value, unit and comparator."""
    waiting: dict[tuple[str, float, str, str, bool], deque[int]] = {}
    for j, t in enumerate(found[e]):
        if j not in following:
            waiting.setdefault(_target_key(t), deque()).append(j)
    for i, t in enumerate(found[e - 1]):
        if i in touched:
            continue
        queue = waiting.get(_target_key(t))
        if queue:
            j = queue.popleft()
            following[j] = current[i]
            current[i].cells[e] = _cell(found[e][j])
    for j in range(len(found[e])):
        if j not in following:  # a target no change names and none matches (should not happen): its own row
            following[j] = start(e, j)


def _unique(rows: Sequence[_TargetRow]) -> None:
    seen: set[str] = set()
    for row in rows:
        k, new_id = 0, row.id
        while new_id in seen:
            k += 1
            new_id = content_id("target", row.id, k)
        seen.add(new_id)
        row.id = new_id


# ---- budget ---------------------------------------------------------------------------------------

BudgetKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def _budget_key(line: BudgetLine) -> BudgetKey:
    return (line.statement, line.account, tuple(masked(p) for p in line.row), tuple(masked(p) for p in line.column))


def _yen(line: BudgetLine) -> int | None:
    return line.yen if line.yen is not None else to_yen(line.amount, line.unit)


def _is_total(path: Sequence[str]) -> bool:
    return any(masked(p) in ("計", "合計") or masked(p).startswith("合計") for p in path)


def budget_trajectories(
    documents: Sequence[Document], changelogs: Sequence[Changelog], years: Sequence[int | None]
) -> tuple[BudgetTrajectory, ...]:
    n = len(documents)
    order: list[tuple[str, str, tuple[str, ...], tuple[str, ...], int]] = []
    lines: dict[tuple[str, str, tuple[str, ...], tuple[str, ...], int], list[BudgetLine | None]] = {}
    renamed = [{}, *(_renamed_lines(c) for c in changelogs)]
    for e, document in enumerate(documents):
        wanted = [ln for ln in budget_lines(document) if ln.role in _COMPARED_ROLES]
        occurrence: dict[BudgetKey, int] = {}
        for ln in wanted:
            base = _budget_key(ln)
            earlier = renamed[e].get(base)
            if earlier is not None and (*earlier, 1) in lines and lines[(*earlier, 1)][e] is None:
                base = earlier  # a row the comparison with the year before pairs under another label: one row
            occurrence[base] = occurrence.get(base, 0) + 1
            full = (*base, occurrence[base])  # an edition repeating a line: the n-th with the n-th
            if full not in lines:
                lines[full] = [None] * n
                order.append(full)
            lines[full][e] = ln
    change_ids = _budget_change_ids(changelogs)
    out = []
    for k in order:
        cells_lines = lines[k]
        last = next(ln for ln in reversed(cells_lines) if ln is not None)
        cells = tuple(
            None if ln is None else BudgetCell(ln.amount, ln.unit, _yen(ln), ln.written, ln.line, ln.page)
            for ln in cells_lines
        )
        deltas, steps = _budget_steps(cells, years, change_ids.get(k[:4], {}) if k[4] == 1 else {})
        out.append(
            BudgetTrajectory(
                content_id("budget", "history", *k[:2], *k[2], "|", *k[3], k[4]),
                last.statement,
                last.account,
                last.row,
                last.column,
                cells,
                deltas,
                steps,
                _is_total(last.row) or _is_total(last.column),
            )
        )
    return tuple(out)


def _renamed_lines(changelog: Changelog) -> dict[BudgetKey, BudgetKey]:
    """New line → old line, for the lines a comparison pairs under labels that differ (a row renamed; a 項
    whose PDF lost a character: …減収補特別交付金 → …減収補塡特別交付金)."""
    out: dict[BudgetKey, BudgetKey] = {}
    for change in changelog.changes:
        if isinstance(change, BudgetLineChange) and change.change is Verb.CHANGED:
            old, new = _change_key(change, "old"), _change_key(change, "new")
            if old is not None and new is not None and old != new:
                out[new] = old
    return out


def _budget_change_ids(changelogs: Sequence[Changelog]) -> dict[BudgetKey, dict[int, str]]:
    """The pairwise budget changes of each line, by edition: to cite them from the history (a renamed row
    under its old key too)."""
    out: dict[BudgetKey, dict[int, str]] = {}
    for e, changelog in enumerate(changelogs, start=1):
        for change in changelog.changes:
            if isinstance(change, BudgetLineChange):
                for k in {_change_key(change, "new"), _change_key(change, "old")} - {None}:
                    assert k is not None
                    out.setdefault(k, {}).setdefault(e, change.id)
    return out


def _change_key(change: BudgetLineChange, side: str) -> BudgetKey | None:
    """The line a budget change names on one side (``old`` or ``new``), as :func:`_budget_key` keys lines."""
    row, column = getattr(change.row, side), getattr(change.column, side)
    if not row or column is None:
        return None
    return (change.statement, change.account, tuple(masked(p) for p in row), tuple(masked(p) for p in column))


def _budget_steps(
    cells: Sequence[BudgetCell | None], years: Sequence[int | None], ids: dict[int, str]
) -> tuple[tuple[int | None, ...], tuple[Step, ...]]:
    deltas: list[int | None] = []
    steps: list[Step] = []
    for e, cell in enumerate(cells):
        before = cells[e - 1] if e else None
        delta = None
        event: Event | None = None
        if cell is not None and before is not None:
            if cell.yen is not None and before.yen is not None:
                delta = cell.yen - before.yen
            # in yen where the unit is known (a table restated in another unit is no change), else as written
            old, new = (
                (before.yen, cell.yen)
                if cell.unit in UNIT_YEN and before.unit in UNIT_YEN
                else (before.amount, cell.amount)
            )
            if old != new:
                event = Event.INCREASED if (new or 0) > (old or 0) else Event.DECREASED
        elif cell is not None and e:
            event = Event.ADDED
        elif cell is None and before is not None:
            event = Event.REMOVED
        deltas.append(delta)
        if event is not None:
            steps.append(Step(e, years[e], (event,), (ids[e],) if e in ids else ()))
    return tuple(deltas), tuple(steps)
