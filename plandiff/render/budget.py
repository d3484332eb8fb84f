"""Budget in the changelog (totals that moved, largest moves, changed lines per table) and
``plandiff budget`` listings (Markdown, JSON, CSV). Amounts are right-aligned; negatives are
written with △ as the documents do."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from plandiff.model import BudgetComparison, BudgetItemChange, BudgetLine, Change, Reconciliation
from plandiff.render import access
from plandiff.render.escape import md
from plandiff.render.labels import Lang, label, rule, verb

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
    value = access.get(change, "delta")
    return abs(value) if isinstance(value, int) else 0


def _cells(values: Sequence[object], anchor: str | None = None, at: int = 0) -> str:
    """A table row, each value escaped; with ``anchor``, the value at ``at`` links to it."""
    cells = [md(str(v)) for v in values]
    if anchor and cells[at]:
        cells[at] = f"[{cells[at]}](#{anchor})"
    return "| " + " | ".join(cells) + " |"


def _link(text: str, change: Change, links: Mapping[str, str] | None) -> str:
    """Escaped ``text``, linked to the measure the budget row belongs to where there is one."""
    anchor = (links or {}).get(change.id)
    return f"[{md(text)}](#{anchor})" if anchor else md(text)


def _where(change: Change, lang: Lang = "en") -> str:
    if lang == "ja":
        old = f"{change.old[0].line}" if change.old else "—"
        new = f"{change.new[0].line}" if change.new else "—"
        return f"{old} → {new}"
    old = f"l.{change.old[0].line}" if change.old else "—"
    new = f"l.{change.new[0].line}" if change.new else "—"
    return f"{old} → {new}"


def _line_cells(change: Change, lang: Lang = "en") -> list[object]:
    """row, column, old, new, change, %, lines: one changed budget line."""
    return [
        _path(access.either(change, "row")),
        _path(access.either(change, "column")),
        amount(access.side(change, "amount", "old")),
        amount(access.side(change, "amount", "new")),
        delta(access.get(change, "delta")),
        _pct(access.get(change, "pct")),
        _where(change, lang),
    ]


def _follower(change: Change, lines: list[Change], lang: Lang) -> str:
    """A total that followed its parts: its row, and its column too where another changed line of the
    table has that row (収入 / 計 moved in two columns)."""
    row = access.either(change, "row")
    text = md(_path(row))
    if sum(access.either(other, "row") == row for other in lines) > 1:
        column = md(_path(access.either(change, "column")))
        text += f"（{column}）" if lang == "ja" else f" ({column})"
    return f"{text} {delta(access.get(change, 'delta'))}"


def budget_verb(change: Change) -> str:
    """A changed amount is 増額 (increased) or 減額 (decreased); every other change keeps its own verb."""
    if change.change == "changed":
        value = access.get(change, "delta")
        if isinstance(value, int | float) and value:
            return "increased" if value > 0 else "decreased"
    return change.change


def _reconciliation(name: str, r: Reconciliation, lang: Lang = "en", notes: bool = True) -> str:
    text = label("b.reconciled", lang, name=name, checked=r.checked, rounded=r.rounded)
    if r.findings:
        text += f"、**不一致{len(r.findings)}件**" if lang == "ja" else f", **{len(r.findings)} mismatches**"
    else:
        text += label("b.no_mismatches", lang)
    if not notes:
        return text
    return text + "".join(f"（{md(note)}）" if lang == "ja" else f" ({md(note)})" for note in r.notes)


def budget_markdown(comparison: BudgetComparison, lang: Lang = "en", links: Mapping[str, str] | None = None) -> str:
    """The budget section; with ``links`` (change id → anchor, on the HTML page) a row named in a
    changed measure links to it."""
    anchors = links or {}
    out = [f"## {label('b.title', lang, unit=md(comparison.unit or '?'))}", ""]
    moved = [t for t in comparison.totals if t.old != t.new]
    lines = [c for c in comparison.changes if c.change == "changed"]
    structural = [c for c in comparison.changes if c.change != "changed"]
    if not comparison.changes:
        out.append(label("b.none", lang, n=f"{comparison.unchanged:,}"))
    else:
        out.append(
            label("b.counts", lang, lines=len(lines), structural=len(structural), unchanged=f"{comparison.unchanged:,}")
        )
    if moved:
        out.append("")
    h = {k: label(f"b.{k}", lang) for k in ("statement", "account", "total", "row", "column", "old", "new", "change")}
    h["pct"], h["lines"] = label("b.pct", lang), label("b.lines", lang)
    if moved:
        out += [
            f"| {h['statement']} | {h['account']} | {h['total']} | {h['old']} | {h['new']} | {h['change']} |",
            "|---|---|---|---:|---:|---:|",
        ]
        for t in moved:
            change = t.new - t.old if t.old is not None and t.new is not None else None
            out.append(_cells([t.statement, t.account, " / ".join(t.row), amount(t.old), amount(t.new), delta(change)]))
    movers = sorted(
        (c for c in lines if not access.get(c, "total") and isinstance(access.get(c, "delta"), int)),
        key=lambda c: (-_size(c), c.id),
    )[:TOP_MOVERS]
    line_head = f"| {h['row']} | {h['column']} | {h['old']} | {h['new']} | {h['change']} | {h['pct']} | {h['lines']} |"
    if movers:
        out += [
            "",
            f"### {label('b.movers', lang)}",
            "",
            f"| {h['statement']} | {h['account']} " + line_head,
            "|---|---|---|---|---:|---:|---:|---:|---|",
        ]
        for c in movers:
            row = [access.get(c, "statement"), access.get(c, "account"), *_line_cells(c, lang)]
            out.append(_cells(row, anchors.get(c.id), 2))
    by_table: dict[tuple[str, str], list[Change]] = {}
    for c in comparison.changes:
        by_table.setdefault((access.text(c, "statement"), access.text(c, "account")), []).append(c)
    colon = "：" if lang == "ja" else ": "
    for (statement, account), changes in by_table.items():
        heading = " — ".join(md(part) for part in (statement, account) if part)  # 会計別 names no account
        out += ["", f"### {heading}", ""]
        changed = [c for c in changes if c.change == "changed" and not access.get(c, "follows_exactly")]
        followers = [c for c in changes if c.change == "changed" and access.get(c, "follows_exactly")]
        for c in changes:
            name = verb("budget", c.change, lang)
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
                loc = (c.new or c.old)[0]
                if lang == "ja":
                    out.append(f"- **{name}**{colon}{_link(loc.text, c, links)}（{_where(c, lang)}行目）")
                else:
                    what = c.change.replace("_", " ").replace("added", "new").replace("removed", "dropped")
                    out.append(f"- **{what.capitalize()}**: {_link(loc.text, c, links)} ({_where(c)})")
            elif c.change == "item_changed":
                out.append(
                    f"- **{name}**{colon}{_item_changes(c, lang)}"
                    + (f"（{_where(c, lang)}行目）" if lang == "ja" else f" ({_where(c)})")
                )
            elif c.change == "unit_changed":
                text = label(
                    "b.unit_changed",
                    lang,
                    old=md(str(access.side(c, "unit", "old"))),
                    new=md(str(access.side(c, "unit", "new"))),
                )
                out.append(
                    f"- **{name}**{colon}{text}" + (f"（{_where(c, lang)}行目）" if lang == "ja" else f" ({_where(c)})")
                )
            elif c.change == "previous_differs":
                text = label("b.previous_differs", lang, old=md(c.old[0].text), new=md(c.new[0].text))
                if lang == "ja":
                    out.append(f"- **{name}**（{text}；{delta(access.get(c, 'delta'))}；{_where(c, lang)}行目）")
                else:
                    out.append(
                        f"- **Last year's amount differs from the old edition** {text} "
                        f"({delta(access.get(c, 'delta'))}; {_where(c)})"
                    )
        if followers:
            if lang == "ja":
                head = label("b.followers", lang, edits=len(changed), n=len(followers))
            else:
                head = (
                    f"{len(changed)} edit{'s' if len(changed) != 1 else ''}; {len(followers)} "
                    f"total{'s' if len(followers) != 1 else ''} follow: "
                )
            out.append(f"- {head}" + "; ".join(_follower(c, changed + followers, lang) for c in followers))
        if changed:
            if len(changed) < len(changes):
                out.append("")
            out += [line_head, "|---|---|---:|---:|---:|---:|---|"]
            for c in changed:
                out.append(_cells(_line_cells(c, lang), anchors.get(c.id)))
    names = {"old": label("old", lang), "new": label("new", lang)} if lang == "ja" else {"old": "old", "new": "new"}
    out += [
        "",
        label("b.reconciliation", lang)
        + _reconciliation(names["old"], comparison.old_reconciliation, lang)
        + ("；" if lang == "ja" else "; ")
        + _reconciliation(names["new"], comparison.new_reconciliation, lang)
        + ("。" if lang == "ja" else "."),
    ]
    for name, r in (("old", comparison.old_reconciliation), ("new", comparison.new_reconciliation)):
        for f in r.findings:
            where = f"{names[name]} {f.line}行目" if lang == "ja" else f"{name} l.{f.line}"
            out.append(
                f"- {where}: {md(f.statement)} {md(f.account)} {md(' / '.join(f.row))} | "
                f"{md(' / '.join(f.column))}: "
                + label(
                    "b.finding",
                    lang,
                    actual=amount(f.actual),
                    expected=amount(f.expected),
                    difference=delta(f.difference),
                    tolerance=f.tolerance,
                    rule=md(rule(f.rule, lang)),
                )
            )
    return "\n".join(out) + "\n"


def _item_changes(change: Change, lang: Lang) -> str:
    """A 第2表/第3表 item's name and the fields that changed, each old → new (a field the editions print alike,
    such as 第3表's 起債の方法 text, is not repeated)."""
    if not isinstance(change, BudgetItemChange) or change.fields.old is None or change.fields.new is None:
        return f"{md(change.old[0].text)} → {md(change.new[0].text)}"
    old, new = dict(change.fields.old), dict(change.fields.new)
    names = (change.name.old or "", change.name.new or "")
    head = md(names[1]) if names[0] == names[1] else f"{md(names[0])} → {md(names[1])}"
    parts = [
        f"{md(key)} {md(old.get(key, '—'))} → {md(new.get(key, '—'))}"
        for key in dict.fromkeys([*old, *new])
        if old.get(key) != new.get(key)
    ]
    if change.delta is not None:
        parts.append(f"{delta(change.delta)}{change.unit.either or ''}")
    return head + (f"（{'、'.join(parts)}）" if lang == "ja" else f" ({'; '.join(parts)})")


def reconciliation_data(r: Reconciliation) -> dict[str, object]:
    """A reconciliation as JSON data (the budget listing and the changelog's JSON share it)."""
    return {
        "checked": r.checked,
        "rounded": r.rounded,
        "notes": list(r.notes),
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
        return "\ufeff" + buffer.getvalue()  # a byte-order mark: Excel on Japanese Windows reads UTF-8
    out = ["| statement | account | row | column | amount | line |", "|---|---|---|---|---:|---:|"]
    out += [
        _cells([ln.statement, ln.account, " / ".join(ln.row), " / ".join(ln.column), amount(ln.amount), ln.line])
        for ln in lines
    ]
    out += ["", f"{len(lines):,} lines. " + _reconciliation("Reconciliation", reconciliation, notes=False) + "."]
    for f in reconciliation.findings:
        out.append(
            f"- l.{f.line}: {md(' / '.join(f.row))} | {md(' / '.join(f.column))}: {amount(f.actual)}, "
            f"parts sum to {amount(f.expected)} ({delta(f.difference)}, allowed ±{f.tolerance})"
        )
    out += [f"- {md(note)}" for note in reconciliation.notes]
    return "\n".join(out) + "\n"
