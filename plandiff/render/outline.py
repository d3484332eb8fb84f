"""``plandiff show``: the heading tree with what sits under each heading, and the model as JSON."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from plandiff.model import Document, Path


def _counts(paths: list[Path]) -> Counter[Path]:
    """How many items sit under each heading path (every prefix of each item's path): linear in the items."""
    counts: Counter[Path] = Counter()
    for path in paths:
        for depth in range(1, len(path) + 1):
            counts[path[:depth]] += 1
    return counts


def outline(document: Document) -> str:
    meta = document.meta
    head = [meta.title or meta.source]
    if meta.organisation:
        head.append(meta.organisation)
    if meta.fiscal_year:
        head.append(f"FY{meta.fiscal_year}")
    if meta.decided:
        head.append(f"decided {meta.decided}")
    family = f", conventions: {meta.family}" if meta.family else ""
    lines = [" — ".join(head), f"source: {meta.source} ({meta.format}, {meta.encoding}{family})", ""]
    measures = _counts([m.path for m in document.measures])
    targets = _counts([t.path for t in document.targets])
    tables = _counts([t.path for t in document.tables])
    for section in document.sections:
        counts = [f"{measures[section.path]} measures"]
        if targets[section.path]:
            counts.append(f"{targets[section.path]} targets")
        if tables[section.path]:
            counts.append(f"{tables[section.path]} tables")
        indent = "  " * (section.level - 1)
        heading = (
            f"{section.marker} {section.title}"
            if section.marker and section.kind != "indicators"
            else (section.title if section.kind in ("annex", "titled") else section.label)
        )
        where = f"line {section.line}" + (f", p.{section.page}" if section.page else "")
        lines.append(f"{indent}{heading}  [{', '.join(counts)}]  ({where})")
    loose = sum(1 for m in document.measures if not m.path)
    lines.append("")
    toc = f", {len(document.toc)} table-of-contents entries" if document.toc else ""
    lines.append(
        f"total: {len(document.sections)} sections, {len(document.measures)} measures"
        f" ({loose} outside any heading), {len(document.targets)} targets, {len(document.tables)} tables{toc}"
    )
    lines.extend(f"warning: {w}" for w in document.warnings)
    return "\n".join(lines) + "\n"


def to_data(document: Document) -> dict[str, Any]:
    return dataclasses.asdict(document)


def to_json(document: Document) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
