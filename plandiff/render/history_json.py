"""A :class:`History` as JSON (schema :data:`SCHEMA_ID`, ``history.schema.json`` beside this file): the
editions, event counts, and every row — lineages of measures and headings, target and budget
trajectories — changed or not, each cell per edition (``null`` where absent)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from plandiff.model import to_data
from plandiff.model.history import History
from plandiff.render.jsonout import versions

SCHEMA_ID = "https://plandiff.example/schema/history/1.json"


def _meta(history: History, k: int) -> dict[str, Any]:
    meta = history.editions[k]
    return {
        "source": meta.source,
        "title": meta.title,
        "organisation": meta.organisation,
        "fiscal_year": meta.fiscal_year,
        "era_year": meta.era_year,
        "decided": meta.decided,
        "format": meta.format,
        "family": meta.family,
    }


def data(history: History) -> dict[str, Any]:
    def rows(values: tuple[Any, ...]) -> list[Any]:
        return [to_data(v) for v in values]

    return {
        "schema": SCHEMA_ID,
        "versions": versions(),
        "editions": [_meta(history, k) for k in range(len(history.editions))],
        "summary": {
            "counts": history.counts(),
            "changed": {
                "sections": sum(r.changed for r in history.sections),
                "measures": sum(r.changed for r in history.measures),
                "targets": sum(r.changed for r in history.targets),
                "budget": sum(r.changed for r in history.budget),
            },
            "rows": {
                "sections": len(history.sections),
                "measures": len(history.measures),
                "targets": len(history.targets),
                "budget": len(history.budget),
            },
        },
        "sections": rows(history.sections),
        "measures": rows(history.measures),
        "targets": rows(history.targets),
        "budget": rows(history.budget),
        "warnings": list(history.warnings),
        "notices": [{"code": n.code, "fields": dict(n.fields)} for n in history.notices],
    }


def render(history: History) -> str:
    return json.dumps(data(history), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def schema() -> dict[str, Any]:
    text = resources.files("plandiff.render").joinpath("history.schema.json").read_text(encoding="utf-8")
    out: dict[str, Any] = json.loads(text)
    return out
