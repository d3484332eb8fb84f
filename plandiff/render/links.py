"""Which measure a target or a budget row belongs to, so the HTML report can link the row to it.

A target stated in a measure stands on one of the measure's lines (the same heading path, a line
within the measure's span, on the same side: the new edition's, else the old one's). A budget row
belongs to a measure that names it: the row's label (``運営費交付金``; four characters or more, so that
``計`` or ``収入`` name nothing) in a changed measure's text. Only measures the report lists can be
linked to: the target or row is linked to the first such measure in the report's order, or to none.
"""

from __future__ import annotations

from plandiff.model import Change, Changelog, Location
from plandiff.render import access

_MIN_LABEL = 4


def _within(loc: Location, measure: Location) -> bool:
    end = measure.end_line or measure.line
    return loc.path == measure.path and measure.line <= loc.line <= end


def _target_measure(change: Change, measures: list[Change]) -> str | None:
    for side in ("new", "old"):
        for loc in getattr(change, side):
            for measure in measures:
                if any(_within(loc, m) for m in getattr(measure, side)):
                    return measure.id
    return None


def _labels(change: Change) -> list[str]:
    row = access.either(change, "row")
    parts = [str(p) for p in row] if isinstance(row, list | tuple) else []
    return [p for p in reversed(parts) if len(p) >= _MIN_LABEL]


def _budget_measure(change: Change, measures: list[Change]) -> str | None:
    for name in _labels(change):
        for measure in measures:
            if any(name in loc.text for loc in measure.new + measure.old):
                return measure.id
    return None


def measure_links(changelog: Changelog) -> dict[str, str]:
    """Change id of a target or budget row → the id of the measure change it belongs to."""
    measures = [c for c in changelog.changes if str(c.kind) == "measure"]
    out: dict[str, str] = {}
    for change in changelog.changes:
        kind = str(change.kind)
        found = None
        if kind == "target":
            found = _target_measure(change, measures)
        elif kind == "budget":
            found = _budget_measure(change, measures)
        if found is not None:
            out[change.id] = found
    return out
