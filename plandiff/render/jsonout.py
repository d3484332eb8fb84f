"""Changelog → JSON (schema :data:`SCHEMA_ID`, published as ``changelog.schema.json`` beside this file).

Every output records what made it (:func:`versions`: plandiff, SudachiPy and the Sudachi dictionary),
since a new dictionary can tokenise, and so diff, a sentence differently.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from plandiff.model import Change, Changelog, Metadata, NoiseRule
from plandiff.model import to_data as model_data
from plandiff.render.budget import reconciliation_data

SCHEMA_ID = "https://plandiff.example/schema/changelog/2.json"  # schema version 2: typed changes


def _version(distribution: str) -> str:
    from importlib import metadata  # ~20 ms of imports (email, zipfile…): only the JSON needs versions

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def versions() -> dict[str, str]:
    """The versions of the tool, the tokenizer and its dictionary that made an output."""
    dictionary = next(
        (
            f"{name} {_version(name)}"
            for name in ("sudachidict_core", "sudachidict_full", "sudachidict_small")
            if _version(name) != "unknown"
        ),
        "unknown",
    )
    return {"plandiff": _version("plandiff"), "sudachipy": _version("sudachipy"), "sudachidict": dictionary}


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


def change_data(change: Change) -> dict[str, Any]:
    """One change as JSON data: its typed fields, every one of them (null where the change has none)."""
    out: dict[str, Any] = model_data(change)
    return out


def to_data(changelog: Changelog, extras: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "versions": versions(),
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
                "by_rule": {rule.value: changelog.noise_counts().get(rule.value, 0) for rule in NoiseRule},
            },
        },
        "changes": [change_data(c) for c in changelog.changes],
        "warnings": list(changelog.warnings),
        "notices": [{"code": n.code, "fields": dict(n.fields)} for n in changelog.notices],
        "noise": [model_data(item) for item in changelog.noise],
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
