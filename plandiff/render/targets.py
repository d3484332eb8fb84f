"""Targets in the changelog (a table near the top) and ``plandiff targets`` listings."""

from __future__ import annotations

import json
from collections.abc import Sequence

from plandiff.model import Change, Location, Target, TargetComparison, path_label
from plandiff.render.escape import md

_VERB = {
    "added": "new target",
    "removed": "dropped",
    "raised": "raised",
    "lowered": "lowered",
    "comparator_changed": "comparator changed",
    "unit_changed": "unit changed",
    "key_target_gained": "became a key target",
    "key_target_lost": "no longer a key target",
    "reworded": "metric reworded",
}


def number(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return "—"


def _side(change: Change, side: str) -> str:
    value = change.data.get(f"{side}_value")
    if value is None:
        return "—"
    unit = change.data.get("unit")
    unit = unit.get(side) if isinstance(unit, dict) else unit
    comparator = change.data.get("comparator")
    comparator = comparator.get(side) if isinstance(comparator, dict) else comparator
    return f"{number(value)}{unit}{'' if comparator == 'exact' else comparator}"


def _where(locations: Sequence[Location]) -> str:
    return "; ".join(f"{path_label(loc.path)} l.{loc.line}" for loc in locations) or "—"


def _key(change: Change) -> str:
    value = change.data.get("key_target")
    if isinstance(value, dict):
        return f"{'yes' if value.get('old') else 'no'} → {'yes' if value.get('new') else 'no'}"
    return "yes" if value else ""


def _what(change: Change) -> str:
    text = _VERB.get(change.change, change.change)
    delta, pct = change.data.get("delta"), change.data.get("pct")
    if delta is not None:
        sign = "+" if isinstance(delta, int | float) and delta > 0 else ""
        text += f" ({sign}{number(delta)}" + (f", {sign}{pct}%" if pct is not None else "") + ")"
    also = change.data.get("also")
    if isinstance(also, list) and also:
        text += "; " + ", ".join(_VERB.get(str(v), str(v)) for v in also)
    if change.change == "removed" and change.data.get("measure_kept"):
        text += " — **its measure is still in the plan**"
    if change.data.get("body_only"):
        text += " (in the body only)"
    still = change.data.get("body_still_says")
    if isinstance(still, list) and still:
        text += "; **the body still says** " + ", ".join(f"{s['written']} (l.{s['line']})" for s in still)
    return text


def targets_markdown(comparison: TargetComparison) -> str:
    out = ["## Targets", ""]
    if not comparison.changes:
        out.append(f"No numeric target changed ({comparison.unchanged} compared).")
        return "\n".join(out) + "\n"
    out += ["| metric | old | new | change | key target | where (old → new) |", "|---|---:|---:|---|---|---|"]
    for c in comparison.changes:
        metric = str(c.data.get("metric", ""))
        if c.data.get("old_metric"):
            metric = f"{c.data['old_metric']} → {metric}"
        qualifier = c.data.get("qualifier")
        cells = [
            md(metric) + (f" ({md(str(qualifier))})" if qualifier else ""),
            _side(c, "old"),
            _side(c, "new"),
            md(_what(c)),
            _key(c),
            md(f"{_where(c.old)} → {_where(c.new)}"),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        f"{comparison.unchanged} targets unchanged (of {comparison.old_count} old, {comparison.new_count} new).",
    ]
    return "\n".join(out) + "\n"


def targets_listing(targets: Sequence[Target], fmt: str) -> str:
    if fmt == "json":
        data = [
            {
                "metric": t.metric,
                "value": t.value,
                "unit": t.unit,
                "comparator": t.comparator,
                "key_target": t.key_target,
                "qualifier": t.qualifier,
                "written": t.written,
                "locations": [{"path": list(loc.path), "line": loc.line} for loc in t.locations],
            }
            for t in targets
        ]
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
    out = ["| metric | value | comparator | key target | qualifier | where |", "|---|---:|---|---|---|---|"]
    for t in targets:
        value = f"{number(int(t.value) if t.value == int(t.value) else t.value)}{t.unit}"
        out.append(
            "| "
            + " | ".join(
                [
                    md(t.metric),
                    value,
                    t.comparator,
                    "yes" if t.key_target else "",
                    md(t.qualifier),
                    md(_where(t.locations)),
                ]
            )
            + " |"
        )
    out += ["", f"{len(targets)} targets."]
    return "\n".join(out) + "\n"
