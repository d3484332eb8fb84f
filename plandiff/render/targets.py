"""Targets in the changelog (a table near the top) and ``plandiff targets`` listings."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from plandiff.model import Change, Location, Target, TargetComparison, path_label
from plandiff.render import access
from plandiff.render.escape import md
from plandiff.render.labels import Lang, label, verb
from plandiff.render.labels import where as where_label

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


def side_value(change: Change, side: str, lang: Lang = "ja") -> str:
    """``260件以上``: a target's value as the plan writes it (the comparator kept in Japanese)."""
    value = access.side(change, "value", side)
    if value is None:
        return "—"
    unit = access.side(change, "unit", side) or ""
    comparator = access.side(change, "comparator", side)
    return f"{number(value)}{unit}{'' if comparator in ('exact', None) else comparator}"


def _where(locations: Sequence[Location], lang: Lang = "en") -> str:
    if lang == "ja":
        return "; ".join(where_label(loc, lang) for loc in locations) or "—"
    return "; ".join(f"{path_label(loc.path)} l.{loc.line}" for loc in locations) or "—"


def _key(change: Change, lang: Lang = "en") -> str:
    old, new = access.side(change, "key_target", "old"), access.side(change, "key_target", "new")
    yes, no = label("yes", lang), label("no", lang)
    if old is not None and new is not None and bool(old) != bool(new):
        return f"{yes if old else no} → {yes if new else no}"
    return yes if (new if new is not None else old) else ""


def _what(change: Change, lang: Lang = "en") -> str:
    text = verb("target", change.change, lang) if lang == "ja" else _VERB.get(change.change, change.change)
    delta, pct = access.get(change, "delta"), access.get(change, "pct")
    if delta is not None:
        sign = "+" if isinstance(delta, int | float) and delta > 0 else ""
        sep = "、" if lang == "ja" else ", "
        text += f" ({sign}{number(delta)}" + (f"{sep}{sign}{pct}%" if pct is not None else "") + ")"
    also = access.get(change, "also")
    if isinstance(also, list) and also:
        if lang == "ja":
            text += "；" + "、".join(verb("target", str(v), lang) for v in also)
        else:
            text += "; " + ", ".join(_VERB.get(str(v), str(v)) for v in also)
    if change.change == "removed" and access.get(change, "measure_kept"):
        text += label("measure_kept", lang)
    if access.get(change, "body_only"):
        text += label("body_only", lang)
    still = access.get(change, "body_still_says")
    if isinstance(still, list) and still:
        if lang == "ja":
            text += (
                "；" + label("body_still_says", lang) + "、".join(f"{s['written']}（{s['line']}行目）" for s in still)
            )
        else:
            text += "; " + label("body_still_says", lang) + ", ".join(f"{s['written']} (l.{s['line']})" for s in still)
    return text


def targets_markdown(comparison: TargetComparison, lang: Lang = "en", links: Mapping[str, str] | None = None) -> str:
    """The targets table; with ``links`` (change id → anchor, on the HTML page) a target stated in a
    changed measure links to it."""
    out = [f"## {label('targets', lang)}", ""]
    if not comparison.changes:
        out.append(label("t.none", lang, n=comparison.unchanged))
        return "\n".join(out) + "\n"
    head = [label(k, lang) for k in ("t.metric", "t.old", "t.new", "t.change", "key_target", "t.where")]
    out += ["| " + " | ".join(head) + " |", "|---|---:|---:|---|---|---|"]
    for c in comparison.changes:
        metric = str(access.either(c, "metric") or "")
        old_metric = access.side(c, "metric", "old")
        if old_metric and access.side(c, "metric", "new") and old_metric != metric:
            metric = f"{old_metric} → {metric}"
        qualifier = access.get(c, "qualifier")
        anchor = (links or {}).get(c.id)
        cells = [
            (f"[{md(metric)}](#{anchor})" if anchor else md(metric))
            + (f" ({md(str(qualifier))})" if qualifier else ""),
            md(side_value(c, "old", lang)),
            md(side_value(c, "new", lang)),
            md(_what(c, lang)),
            _key(c, lang),
            md(f"{_where(c.old, lang)} → {_where(c.new, lang)}"),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        label("t.unchanged", lang, n=comparison.unchanged, old=comparison.old_count, new=comparison.new_count),
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
