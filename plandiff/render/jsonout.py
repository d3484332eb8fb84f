"""Changelog → JSON (schema ``plandiff/1``, published as ``changelog.schema.json`` beside this file)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from plandiff.model import Change, Changelog, Location, Metadata
from plandiff.render.budget import reconciliation_data

SCHEMA_ID = "plandiff/1"


def _meta(meta: Metadata, stats: dict[str, int]) -> dict[str, Any]:
    return {
        "source": meta.source,
        "title": meta.title,
        "organisation": meta.organisation,
        "fiscal_year": meta.fiscal_year,
        "decided": meta.decided,
        "format": meta.format,
        "encoding": meta.encoding,
        "stats": stats,
    }


def _loc(loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"path": list(loc.path), "line": loc.line, "text": loc.text}
    if loc.end_line is not None:
        out["end_line"] = loc.end_line
    if loc.page is not None:
        out["page"] = loc.page
    return out


def change_data(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = dict(change.data)
    out.update(
        {
            "id": change.id,
            "kind": change.kind,
            "change": change.change,
            "old": [_loc(loc) for loc in change.old],
            "new": [_loc(loc) for loc in change.new],
            "score": change.score,
        }
    )
    return out


def to_data(changelog: Changelog, extras: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "old": _meta(changelog.old, changelog.old_stats),
        "new": _meta(changelog.new, changelog.new_stats),
        "summary": {
            "counts": changelog.counts(),
            "changes": len(changelog.changes),
            "unchanged_measures": changelog.unchanged_measures,
            "noise_hidden": {
                "measures": changelog.noisy_measures,
                "rolled_years": changelog.rolled_years,
                "year_delta": changelog.year_delta,
            },
        },
        "changes": [change_data(c) for c in changelog.changes],
        "warnings": list(changelog.warnings),
    }
    if changelog.budget is not None:
        data["budget"] = {
            "unit": changelog.budget.unit,
            "unchanged_lines": changelog.budget.unchanged,
            "reconciliation": {
                "old": reconciliation_data(changelog.budget.old_reconciliation),
                "new": reconciliation_data(changelog.budget.new_reconciliation),
            },
        }
    if extras:
        data.update(extras)
    return data


def render(changelog: Changelog, extras: dict[str, Any] | None = None) -> str:
    return json.dumps(to_data(changelog, extras), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def schema() -> dict[str, Any]:
    text = resources.files("plandiff.render").joinpath("changelog.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
