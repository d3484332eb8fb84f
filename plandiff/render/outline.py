"""``plandiff show``: the heading tree with what sits under each heading, and the model as JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from plandiff.model import Document, Path


def _under(path: Path, item_path: Path) -> bool:
    return item_path[: len(path)] == path


def outline(document: Document) -> str:
    meta = document.meta
    head = [meta.title or meta.source]
    if meta.organisation:
        head.append(meta.organisation)
    if meta.fiscal_year:
        head.append(f"FY{meta.fiscal_year}")
    if meta.decided:
        head.append(f"decided {meta.decided}")
    lines = [" — ".join(head), f"source: {meta.source} ({meta.format}, {meta.encoding})", ""]
    for section in document.sections:
        measures = sum(1 for m in document.measures if _under(section.path, m.path))
        targets = sum(1 for t in document.targets if _under(section.path, t.path))
        tables = sum(1 for t in document.tables if _under(section.path, t.path))
        counts = [f"{measures} measures"]
        if targets:
            counts.append(f"{targets} targets")
        if tables:
            counts.append(f"{tables} tables")
        indent = "  " * (section.level - 1)
        heading = (
            f"{section.marker} {section.title}"
            if section.marker and section.kind != "indicators"
            else (section.title if section.kind == "annex" else section.label)
        )
        lines.append(f"{indent}{heading}  [{', '.join(counts)}]  (line {section.line})")
    loose = sum(1 for m in document.measures if not m.path)
    lines.append("")
    lines.append(
        f"total: {len(document.sections)} sections, {len(document.measures)} measures"
        f" ({loose} outside any heading), {len(document.targets)} targets, {len(document.tables)} tables"
    )
    lines.extend(f"warning: {w}" for w in document.warnings)
    return "\n".join(lines) + "\n"


def to_data(document: Document) -> dict[str, Any]:
    return dataclasses.asdict(document)


def to_json(document: Document) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
