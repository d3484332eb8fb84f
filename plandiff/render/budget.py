"""Budget in the changelog (totals that moved, largest moves, changed lines per table) and
``plandiff budget`` listings (Markdown, JSON, CSV). Amounts are right-aligned; negatives are
written with △ as the documents do."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from plandiff.model import BudgetComparison, BudgetLine, Change, Reconciliation
from plandiff.render.escape import md

TOP_MOVERS = 10


def amount(value: object) -> str:
    if not isinstance(value, int):
        return "-"
    return f"△ {-value:,}" if value < 0 else f"{value:,}"


def delta(value: object) -> str:
    if not isinstance(value, int):
        return ""
    return f"△ {-value:,}" if value < 0 else f"+{value:,}"


def _pct(value: object) -> str:
    return "" if not isinstance(value, float) else (f"△ {-value:.1f}%" if value < 0 else f"+{value:.1f}%")


def _path(value: object) -> str:
    return " / ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)


def _size(change: Change) -> int:
    value = change.data.get("delta")
    return abs(value) if isinstance(value, int) else 0


def _cells(values: Sequence[object]) -> str:
    return "| " + " | ".join(md(str(v)) for v in values) + " |"


def _where(change: Change) -> str:
    old = f"l.{change.old[0].line}" if change.old else "—"
    new = f"l.{change.new[0].line}" if change.new else "—"
    return f"{old} → {new}"


def _line_cells(change: Change) -> list[object]:
    """row, column, old, new, change, %, lines: one changed budget line."""
    d = change.data
    return [
        _path(d["row"]),
        _path(d["column"]),
        amount(d["old_amount"]),
        amount(d["new_amount"]),
        delta(d["delta"]),
        _pct(d["pct"]),
        _where(change),
    ]


def _reconciliation(name: str, r: Reconciliation) -> str:
    text = f"{name}: {r.checked} sums checked, {r.rounded} off by no more than the rounding the document allows"
    return text + (f", **{len(r.findings)} mismatches**" if r.findings else ", no mismatches")


def budget_markdown(comparison: BudgetComparison) -> str:
    out = [f"## Budget (unit: {md(comparison.unit or '?')})", ""]
    moved = [t for t in comparison.totals if t.old != t.new]
    lines = [c for c in comparison.changes if c.change == "changed"]
    structural = [c for c in comparison.changes if c.change != "changed"]
    if not comparison.changes:
        out.append(f"No budget line changed ({comparison.unchanged:,} lines compared).")
    else:
        out.append(
            f"{len(lines)} lines changed, {len(structural)} rows, columns or tables added or dropped; "
            f"{comparison.unchanged:,} lines unchanged."
        )
    if moved:
        out += ["", "| statement | account | total | old | new | change |", "|---|---|---|---:|---:|---:|"]
        for t in moved:
            change = t.new - t.old if t.old is not None and t.new is not None else None
            out.append(_cells([t.statement, t.account, " / ".join(t.row), amount(t.old), amount(t.new), delta(change)]))
    movers = sorted(
        (c for c in lines if not c.data.get("total") and isinstance(c.data.get("delta"), int)),
        key=lambda c: (-_size(c), c.id),
    )[:TOP_MOVERS]
    if movers:
        out += [
            "",
            "### Largest moves",
            "",
            "| statement | account | row | column | old | new | change | % | lines |",
            "|---|---|---|---|---:|---:|---:|---:|---|",
        ]
        for c in movers:
            out.append(_cells([c.data["statement"], c.data["account"], *_line_cells(c)]))
    by_table: dict[tuple[str, str], list[Change]] = {}
    for c in comparison.changes:
        by_table.setdefault((str(c.data["statement"]), str(c.data["account"])), []).append(c)
    for (statement, account), changes in by_table.items():
        out += ["", f"### {md(statement)} — {md(account)}", ""]
        changed = [c for c in changes if c.change == "changed" and not c.data.get("follows_exactly")]
        followers = [c for c in changes if c.change == "changed" and c.data.get("follows_exactly")]
        for c in changes:
            if c.change in (
                "row_added",
                "row_removed",
                "column_added",
                "column_removed",
                "table_added",
                "table_removed",
                "item_added",
                "item_removed",
            ):
                what = c.change.replace("_", " ").replace("added", "new").replace("removed", "dropped")
                loc = (c.new or c.old)[0]
                out.append(f"- **{what.capitalize()}**: {md(loc.text)} ({_where(c)})")
            elif c.change == "item_changed":
                out.append(f"- **Item changed**: {md(c.old[0].text)} → {md(c.new[0].text)} ({_where(c)})")
            elif c.change == "unit_changed":
                out.append(
                    f"- **Unit changed**: {md(str(c.data['old_unit']))} → {md(str(c.data['new_unit']))}; "
                    f"amounts compared in yen ({_where(c)})"
                )
            elif c.change == "previous_differs":
                out.append(
                    f"- **Last year's amount differs from the old edition** (a revised budget such as 補正, or a "
                    f"misprint): old edition {md(c.old[0].text)}; new edition {md(c.new[0].text)} "
                    f"({delta(c.data.get('delta'))}; {_where(c)})"
                )
        if followers:
            out.append(
                f"- {len(changed)} edit{'s' if len(changed) != 1 else ''}; {len(followers)} "
                f"total{'s' if len(followers) != 1 else ''} follow: "
                + "; ".join(f"{md(_path(c.data['row']))} {delta(c.data.get('delta'))}" for c in followers)
            )
        if changed:
            if len(changed) < len(changes):
                out.append("")
            out += ["| row | column | old | new | change | % | lines |", "|---|---|---:|---:|---:|---:|---|"]
            for c in changed:
                out.append(_cells(_line_cells(c)))
    out += [
        "",
        "Reconciliation of totals against their parts — "
        + _reconciliation("old", comparison.old_reconciliation)
        + "; "
        + _reconciliation("new", comparison.new_reconciliation)
        + ".",
    ]
    for name, r in (("old", comparison.old_reconciliation), ("new", comparison.new_reconciliation)):
        for f in r.findings:
            out.append(
                f"- {name} l.{f.line}: {md(f.statement)} {md(f.account)} {md(' / '.join(f.row))} | "
                f"{md(' / '.join(f.column))}: {amount(f.actual)}, parts sum to {amount(f.expected)} "
                f"({delta(f.difference)}, allowed ±{f.tolerance}; {md(f.rule)})"
            )
    return "\n".join(out) + "\n"


def reconciliation_data(r: Reconciliation) -> dict[str, object]:
    """A reconciliation as JSON data (the budget listing and the changelog's JSON share it)."""
    return {
        "checked": r.checked,
        "rounded": r.rounded,
        "findings": [
            {
                "statement": f.statement,
                "account": f.account,
                "row": list(f.row),
                "column": list(f.column),
                "line": f.line,
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
                "tolerance": f.tolerance,
                "parts": list(f.parts),
                "rule": f.rule,
            }
            for f in r.findings
        ],
    }


def budget_listing(lines: Sequence[BudgetLine], reconciliation: Reconciliation, fmt: str) -> str:
    if fmt == "json":
        data = {
            "lines": [
                {
                    "statement": ln.statement,
                    "account": ln.account,
                    "row": list(ln.row),
                    "column": list(ln.column),
                    "amount": ln.amount,
                    "raw": ln.raw,
                    "unit": ln.unit,
                    "line": ln.line,
                }
                for ln in lines
            ],
            "reconciliation": reconciliation_data(reconciliation),
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["statement", "account", "row", "column", "amount", "raw", "unit", "line"])
        for ln in lines:
            writer.writerow(
                [
                    ln.statement,
                    ln.account,
                    " / ".join(ln.row),
                    " / ".join(ln.column),
                    "" if ln.amount is None else ln.amount,
                    ln.raw,
                    ln.unit,
                    ln.line,
                ]
            )
        return buffer.getvalue()
    out = ["| statement | account | row | column | amount | line |", "|---|---|---|---|---:|---:|"]
    out += [
        _cells([ln.statement, ln.account, " / ".join(ln.row), " / ".join(ln.column), amount(ln.amount), ln.line])
        for ln in lines
    ]
    out += ["", f"{len(lines):,} lines. " + _reconciliation("Reconciliation", reconciliation) + "."]
    for f in reconciliation.findings:
        out.append(
            f"- l.{f.line}: {md(' / '.join(f.row))} | {md(' / '.join(f.column))}: {amount(f.actual)}, "
            f"parts sum to {amount(f.expected)} ({delta(f.difference)}, allowed ±{f.tolerance})"
        )
    return "\n".join(out) + "\n"
