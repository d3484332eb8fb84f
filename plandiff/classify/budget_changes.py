"""Budget lines of two editions → changes: amounts changed, rows, columns and tables added or dropped.

Tables pair by statement and account (an account renamed is paired by label similarity); inside a
table, rows pair by their path and columns by theirs, exactly first, then by label similarity
(a renamed row such as 受託収入 → 受託事業収入 is the same row). A row or column that exists in
one edition only is one change, not one per cell. Unchanged lines are only counted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from plandiff.classify.ids import content_id, unique
from plandiff.conventions import BOOKS
from plandiff.extract.budget import column_paths, reconcile, row_paths, table_lines
from plandiff.extract.units import UNIT_YEN
from plandiff.model import (
    BudgetComparison,
    BudgetItem,
    BudgetItemChange,
    BudgetLine,
    BudgetLineChange,
    BudgetTableChange,
    Change,
    Document,
    Location,
    Pair,
    Table,
    TableTotal,
    Verb,
)
from plandiff.text.normalize import key
from plandiff.text.similarity import similarity

LABEL_MIN = 0.6  # below this, two labels name different rows (or columns)

Path = tuple[str, ...]


def _path_key(path: Path) -> str:
    return "/".join(key(p) for p in path)


def _pair_paths(olds: Sequence[Path], news: Sequence[Path], loose: bool = False) -> dict[Path, Path]:
    """Exact paths first, then the most similar labels under the same parents."""
    pairs: dict[Path, Path] = {}
    # paths that differ only in width or spacing (［ and [) share a key: pair them in order, the
    # identical path first, so that no new path is left over when old and new are the same
    new_by_key: dict[str, list[Path]] = {}
    for q in news:
        new_by_key.setdefault(_path_key(q), []).append(q)
    for p in olds:
        bucket = new_by_key.get(_path_key(p))
        if bucket:
            pairs[p] = bucket.pop(bucket.index(p) if p in bucket else 0)
    taken = set(pairs.values())
    candidates = []
    for p in olds:
        if p in pairs:
            continue
        for q in news:
            if q in taken or len(p) != len(q):
                continue
            if loose:  # a glyph the PDF maps wrongly (都市計画税 → 邴市計画税) may sit in a parent too
                score = min(similarity(key(a), key(b)) for a, b in zip(p, q, strict=True))
            elif [key(x) for x in p[:-1]] != [key(x) for x in q[:-1]]:
                continue
            else:
                score = similarity(key(p[-1]), key(q[-1]))
            if score >= LABEL_MIN:
                candidates.append((-score, olds.index(p), news.index(q), p, q))
    for _, _, _, p, q in sorted(candidates):
        if p not in pairs and q not in taken:
            pairs[p] = q
            taken.add(q)
    return pairs


def _location(table: Table, line: int, text: str) -> Location:
    return Location(table.path, line, text)


def _row_total(path: Path, lines: dict[tuple[Path, Path], BudgetLine]) -> BudgetLine | None:
    """A new or dropped annex row's amount: its rightmost figure, the table's total column (合計)."""
    figures = [ln for (row, _), ln in lines.items() if row == path and ln.amount is not None]
    return figures[-1] if figures else None


def _row_text(path: Path, total: BudgetLine | None) -> str:
    if total is None:
        return " / ".join(path)
    return f"{' / '.join(path)}: {_fmt(total.amount)} ({' / '.join(total.column)})"


def _fmt(amount: int | None) -> str:
    if amount is None:
        return "-"
    return f"△ {-amount:,}" if amount < 0 else f"{amount:,}"


def _budget_id(verb: Verb, fields: dict[str, object]) -> str:
    """From what the change is about, never where: statement, account, row, column, item name (both sides)."""
    return content_id("budget", verb.value, *(fields.get(k) for k in ("statement", "account", "row", "column", "name")))


def _is_total(path: Path) -> bool:
    return key(path[-1]) in ("計", "合計") or key(path[-1]).startswith("合計")


def compare_budget(old: Document, new: Document) -> BudgetComparison:
    if old.meta.family in BOOKS or new.meta.family in BOOKS:
        return compare_book(old, new)
    changes: list[Change] = []
    unchanged = 0
    totals: list[TableTotal] = []
    unit = next((t.unit for t in (*old.tables, *new.tables) if t.unit), "")

    def emit(change: Verb, o: tuple[Location, ...], n: tuple[Location, ...], **fields: object) -> None:
        kind = BudgetTableChange if change in (Verb.TABLE_ADDED, Verb.TABLE_REMOVED) else BudgetLineChange
        changes.append(kind(_budget_id(change, fields), change, o, n, 1.0, **fields))  # type: ignore[arg-type]

    tables = _pair_tables(old.tables, new.tables)
    for ot, nt in tables:
        if nt is None:
            assert ot is not None
            emit(
                Verb.TABLE_REMOVED,
                (_location(ot, ot.line, f"{ot.statement} <{ot.account}>"),),
                (),
                statement=ot.statement,
                account=ot.account,
                unit=Pair(ot.unit, None),
            )
            continue
        if ot is None:
            emit(
                Verb.TABLE_ADDED,
                (),
                (_location(nt, nt.line, f"{nt.statement} <{nt.account}>"),),
                statement=nt.statement,
                account=nt.account,
                unit=Pair(None, nt.unit),
            )
            continue
        first = len(changes)  # this table's changes start here
        old_lines = {(ln.row, ln.column): ln for ln in table_lines(ot)}
        new_lines = {(ln.row, ln.column): ln for ln in table_lines(nt)}
        old_rows = list(dict.fromkeys(row_paths(ot)))
        new_rows = list(dict.fromkeys(row_paths(nt)))
        old_cols, new_cols = list(column_paths(ot)), list(column_paths(nt))
        rows = _pair_paths(old_rows, new_rows)
        cols = _pair_paths(old_cols, new_cols)
        common: dict[str, object] = {"statement": nt.statement, "account": nt.account, "unit": Pair(ot.unit, nt.unit)}

        def row_line(table: Table, path: Path, lines: dict[tuple[Path, Path], BudgetLine]) -> int:
            return next((ln.line for (r, _), ln in lines.items() if r == path), table.line)

        for path in old_rows:
            if path not in rows:
                total = _row_total(path, old_lines)
                emit(
                    Verb.ROW_REMOVED,
                    (_location(ot, row_line(ot, path, old_lines), _row_text(path, total)),),
                    (),
                    row=Pair(path, None),
                    column=Pair(total.column if total else None, None),
                    amount=Pair(total.amount if total else None, None),
                    **common,
                )
        for path in new_rows:
            if path not in rows.values():
                total = _row_total(path, new_lines)
                emit(
                    Verb.ROW_ADDED,
                    (),
                    (_location(nt, row_line(nt, path, new_lines), _row_text(path, total)),),
                    row=Pair(None, path),
                    column=Pair(None, total.column if total else None),
                    amount=Pair(None, total.amount if total else None),
                    **common,
                )
        for path in old_cols:
            if path not in cols:
                emit(
                    Verb.COLUMN_REMOVED,
                    (_location(ot, ot.line, " / ".join(path)),),
                    (),
                    column=Pair(path, None),
                    **common,
                )
        for path in new_cols:
            if path not in cols.values():
                emit(
                    Verb.COLUMN_ADDED,
                    (),
                    (_location(nt, nt.line, " / ".join(path)),),
                    column=Pair(None, path),
                    **common,
                )
        for (orow, ocol), oline in old_lines.items():
            if orow not in rows or ocol not in cols:
                continue
            nline = new_lines.get((rows[orow], cols[ocol]))
            if nline is None:
                continue
            if oline.amount == nline.amount:
                unchanged += 1
                continue
            delta = None if oline.amount is None or nline.amount is None else nline.amount - oline.amount
            pct = round(100 * delta / abs(oline.amount), 1) if delta is not None and oline.amount else None
            text_old = f"{' / '.join(orow)} | {' / '.join(ocol)}: {_fmt(oline.amount)}"
            text_new = f"{' / '.join(rows[orow])} | {' / '.join(cols[ocol])}: {_fmt(nline.amount)}"
            emit(
                Verb.CHANGED,
                (_location(ot, oline.line, text_old),),
                (_location(nt, nline.line, text_new),),
                row=Pair(orow, rows[orow]),
                column=Pair(ocol, cols[ocol]),
                amount=Pair(oline.amount, nline.amount),
                written=Pair(oline.raw, nline.raw),
                delta=delta,
                pct=pct,
                total=_is_total(orow) or _is_total(ocol),
                **common,
            )
        _mark_annex_followers(changes, first)
        if not old_cols or not new_cols:
            continue  # a table with no amount column has no totals
        grand_old, grand_new = old_cols[-1], new_cols[-1]
        for path in old_rows:
            if (
                _is_total(path)
                or path[-1] in ("収益の部", "資金支出", "資金収入")
                or (len(path) == 1 and path[0].startswith("総利益"))
            ):
                o = old_lines.get((path, grand_old))
                n = new_lines.get((rows.get(path, path), grand_new))
                if o is not None:
                    totals.append(TableTotal(ot.statement, ot.account, path, o.amount, n.amount if n else None))
    changes.sort(
        key=lambda c: c.new[0].line if c.new else c.old[0].line
    )  # ties: in the order found (a table's column order)
    return BudgetComparison(tuple(unique(changes)), unchanged, tuple(totals), reconcile(old), reconcile(new), unit)


def _pair_tables(olds: Sequence[Table], news: Sequence[Table]) -> list[tuple[Table | None, Table | None]]:
    out: list[tuple[Table | None, Table | None]] = []
    taken: set[int] = set()
    for ot in olds:
        match = next(
            (
                j
                for j, nt in enumerate(news)
                if j not in taken and nt.statement == ot.statement and key(nt.account) == key(ot.account)
            ),
            None,
        )
        if match is None:
            scored = [
                (similarity(key(ot.account), key(nt.account)), j)
                for j, nt in enumerate(news)
                if j not in taken and nt.statement == ot.statement
            ]
            best = max(scored, default=(0.0, -1))
            match = best[1] if best[0] >= LABEL_MIN else None
        if match is None:
            out.append((ot, None))
        else:
            taken.add(match)
            out.append((ot, news[match]))
    out.extend((None, nt) for j, nt in enumerate(news) if j not in taken)
    return out


# ------------------------------------------------------------------------------------------------
# Budget books and newsletters: lines compared in yen, the book's 前年度 against the old edition,
# 第2表/第3表 items, totals that only follow their parts.

_COMPARED_ROLES = ("current", "source")


def _unit_note(unit: str) -> str:
    return f" {unit}" if unit else ""


def _written(line: BudgetLine) -> str:
    return f"{line.raw}{'' if any(u in line.raw for u in ('円',)) else _unit_note(line.unit)}"


def compare_book(old: Document, new: Document) -> BudgetComparison:
    """Two editions of a budget book or newsletter: amounts compared in yen (a table restated in
    another unit is not a change; the unit change is reported), rows and items added or removed with
    their amounts, the new book's 前年度 (stated, or implied by 本年度 − 比較) against the old book's
    本年度 (a difference: the old budget was revised, e.g. by 補正), totals that follow their parts."""
    from plandiff.extract.budget import budget_items, budget_lines

    changes: list[Change] = []
    unchanged = 0

    def emit(change: Verb, o: tuple[Location, ...], n: tuple[Location, ...], **fields: object) -> Change:
        kind = BudgetItemChange if change.startswith("item_") else BudgetLineChange
        item = kind(_budget_id(change, fields), change, o, n, 1.0, **fields)  # type: ignore[arg-type]
        changes.append(item)
        return item

    def loc(line: BudgetLine, text: str) -> Location:
        return Location((line.statement,), line.line, text, page=line.page)

    def groups(lines: Sequence[BudgetLine]) -> dict[tuple[str, str], list[BudgetLine]]:
        out: dict[tuple[str, str], list[BudgetLine]] = {}
        for ln in lines:
            out.setdefault((ln.statement, ln.account), []).append(ln)
        return out

    old_groups, new_groups = groups(budget_lines(old)), groups(budget_lines(new))
    pairs = _pair_groups(list(old_groups), list(new_groups))
    for ok, nk in pairs:
        olines, nlines = old_groups.get(ok, []) if ok else [], new_groups.get(nk, []) if nk else []
        statement, account = nk or ok or ("", "")
        common: dict[str, object] = {"statement": statement, "account": account}
        ocur = {(ln.row, ln.column): ln for ln in olines if ln.role in _COMPARED_ROLES}
        ncur = {(ln.row, ln.column): ln for ln in nlines if ln.role in _COMPARED_ROLES}
        old_rows = list(dict.fromkeys(r for r, _ in ocur))
        new_rows = list(dict.fromkeys(r for r, _ in ncur))
        rows = _pair_paths(old_rows, new_rows, loose=True)
        cols = _pair_paths(list(dict.fromkeys(c for _, c in ocur)), list(dict.fromkeys(c for _, c in ncur)))
        old_units = sorted({ln.unit for ln in ocur.values() if ln.unit})
        new_units = sorted({ln.unit for ln in ncur.values() if ln.unit})
        if ocur and ncur and old_units != new_units:
            first_o, first_n = next(iter(ocur.values())), next(iter(ncur.values()))
            emit(
                Verb.UNIT_CHANGED,
                (loc(first_o, f"{statement}: 単位 {'/'.join(old_units)}"),),
                (loc(first_n, f"{statement}: 単位 {'/'.join(new_units)}"),),
                unit=Pair("/".join(old_units), "/".join(new_units)),
                **common,
            )
        for path in old_rows:
            if path not in rows:
                line = next(ln for (r, _), ln in ocur.items() if r == path)
                text = f"{' / '.join(path)}: {_written(line)}"
                emit(
                    Verb.ROW_REMOVED,
                    (loc(line, text),),
                    (),
                    row=Pair(path, None),
                    column=Pair(line.column, None),
                    amount=Pair(line.amount, None),
                    written=Pair(line.raw, None),
                    yen=Pair(line.yen, None),
                    unit=Pair(line.unit, None),
                    **common,
                )
        for path in new_rows:
            if path not in rows.values():
                line = next(ln for (r, _), ln in ncur.items() if r == path)
                text = f"{' / '.join(path)}: {_written(line)}"
                emit(
                    Verb.ROW_ADDED,
                    (),
                    (loc(line, text),),
                    row=Pair(None, path),
                    column=Pair(None, line.column),
                    amount=Pair(None, line.amount),
                    written=Pair(None, line.raw),
                    yen=Pair(None, line.yen),
                    unit=Pair(None, line.unit),
                    **common,
                )
        nall = {(ln.row, ln.column, ln.role): ln for ln in nlines}
        by_row_role = {(ln.row, ln.role): ln for ln in nlines}
        old_by_row_role = {(ln.row, ln.role): ln for ln in olines}
        changed: dict[Path, int] = {}  # row → index of its changed 本年度 line in changes
        for (orow, ocol), oline in ocur.items():
            if orow not in rows or ocol not in cols:
                continue
            nline = ncur.get((rows[orow], cols[ocol]))
            if nline is None:
                continue
            if oline.yen == nline.yen:
                unchanged += 1
                continue
            factor = UNIT_YEN.get(nline.unit, 1)
            delta_yen = None if oline.yen is None or nline.yen is None else nline.yen - oline.yen
            delta = None if delta_yen is None else delta_yen // factor
            old_in_new_unit = None if oline.yen is None else oline.yen // factor
            pct = round(100 * delta_yen / abs(oline.yen), 1) if delta_yen is not None and oline.yen else None
            prev = by_row_role.get((rows[orow], "previous"))
            diff = by_row_role.get((rows[orow], "difference"))
            data: dict[str, object] = {
                "row": Pair(orow, rows[orow]),
                "column": Pair(ocol, cols[ocol]),
                "amount": Pair(old_in_new_unit, nline.amount),
                "delta": delta,
                "pct": pct,
                "yen": Pair(oline.yen, nline.yen),
                "delta_yen": delta_yen,
                "written": Pair(oline.raw, nline.raw),
                "unit": Pair(nline.unit, nline.unit),
                "total": _is_total(rows[orow]),
            }
            if prev is not None and nline.role == "current":
                data["book_previous"] = prev.amount
            if diff is not None and nline.role == "current":
                data["book_difference"] = diff.amount
            emit(
                Verb.CHANGED,
                (loc(oline, f"{' / '.join(orow)} | {' / '.join(ocol)}: {_written(oline)}"),),
                (loc(nline, f"{' / '.join(rows[orow])} | {' / '.join(cols[ocol])}: {_written(nline)}"),),
                **data,
                **common,
            )
            if nline.role == "current":
                changed[rows[orow]] = len(changes) - 1
        del nall
        # the book's 前年度 against the old edition's 本年度: a revision (補正) or a misprint
        for (orow, _), oline in ocur.items():
            if oline.role != "current" or orow not in rows:
                continue
            nrow = rows[orow]
            cur = by_row_role.get((nrow, "current"))
            prev = by_row_role.get((nrow, "previous"))
            diff = by_row_role.get((nrow, "difference"))
            if cur is None or cur.yen is None or oline.yen is None:
                continue
            if prev is not None and prev.yen is not None:
                stated, how = prev.yen, "前年度"
            elif diff is not None and diff.yen is not None:
                stated, how = cur.yen - diff.yen, "本年度 − 比較"
            else:
                continue
            if old_by_row_role.get((orow, "current")) == oline and _same_year(old_by_row_role, orow, by_row_role, nrow):
                continue  # the same edition (or the same year) twice: nothing to check against
            rounding = UNIT_YEN.get(cur.unit, 1) if "万" in cur.raw else 0  # newsletters round each 万円 figure
            if abs(stated - oline.yen) > rounding:
                factor = UNIT_YEN.get(cur.unit, 1)
                emit(
                    Verb.PREVIOUS_DIFFERS,
                    (loc(oline, f"{' / '.join(orow)}: {_written(oline)}"),),
                    (
                        loc(
                            prev or diff or cur, f"{' / '.join(nrow)}: {how} {stated // factor:,}{_unit_note(cur.unit)}"
                        ),
                    ),
                    row=Pair(orow, nrow),
                    column=Pair(oline.column, cur.column),
                    amount=Pair(oline.yen // factor, stated // factor),
                    yen=Pair(oline.yen, stated),
                    delta=(stated - oline.yen) // factor,
                    basis=how,
                    unit=Pair(cur.unit, cur.unit),
                    **common,
                )
        _mark_followers(changes, changed)
    unchanged += _compare_items(budget_items(old), budget_items(new), emit)
    changes.sort(key=lambda c: (_statement(c), c.new[0].line if c.new else c.old[0].line))  # ties: in the order found
    from plandiff.extract.budget import reconcile

    unit = next((u for c in changes if (u := _unit(c))), "")
    return BudgetComparison(tuple(unique(changes)), unchanged, (), reconcile(old), reconcile(new), unit)


def _statement(change: Change) -> str:
    return change.statement if isinstance(change, BudgetLineChange | BudgetItemChange | BudgetTableChange) else ""


def _unit(change: Change) -> str:
    if isinstance(change, BudgetLineChange | BudgetItemChange | BudgetTableChange):
        return change.unit.either or ""
    return ""


def _mark_annex_followers(changes: list[Change], first: int) -> None:
    """An annex 計 row or 合計 column whose change is the sum of its changed parts' (the rows of its
    part in its column, the columns of its row, or both) follows them: "1 edit; 3 totals follow"."""
    cells = [
        (index, change)
        for index, change in enumerate(changes[first:], start=first)
        if isinstance(change, BudgetLineChange) and change.change == Verb.CHANGED and isinstance(change.delta, int)
    ]
    parts = [change for _, change in cells if not change.total]
    for index, change in cells:
        if not change.total:
            continue
        followed = [part for part in parts if _annex_part_of(part, change)]
        if followed and sum(part.delta for part in followed if isinstance(part.delta, int)) == change.delta:
            rows = tuple(" / ".join(part.row.new or part.row.old or ()) for part in followed)
            changes[index] = dataclasses.replace(change, follows=tuple(dict.fromkeys(rows)), follows_exactly=True)


def _annex_part_of(part: BudgetLineChange, total: BudgetLineChange) -> bool:
    """Is ``part`` a cell that ``total`` (a 計 row, a 合計 column, or both) adds up?"""
    row, column = total.row.new or total.row.old or (), total.column.new or total.column.old or ()
    prow, pcolumn = part.row.new or part.row.old or (), part.column.new or part.column.old or ()
    row_total, column_total = bool(row) and _is_total(row), bool(column) and _is_total(column)
    in_part = prow[: len(row) - 1] == row[:-1]  # the rows of the total's part (収入, 支出 …)
    if row_total and column_total:
        return in_part
    if row_total:
        return in_part and pcolumn == column
    return prow == row


def _mark_followers(changes: list[Change], changed: dict[Path, int]) -> None:
    """A total or parent row whose change is the sum of its changed parts' changes follows them:
    its change is made again with ``follows`` (the rows it follows) and not counted as news of its own."""

    def delta_of(path: Path) -> int | None:
        c = changes[changed[path]]
        return c.delta_yen if isinstance(c, BudgetLineChange) else None

    marks: dict[int, tuple[tuple[str, ...], bool]] = {}
    for path in changed:
        delta = delta_of(path)
        if delta is None:
            continue
        if _is_total(path) or path[-1].endswith("合計"):
            parent = path[:-1]
            parts = [p for p in changed if p[:-1] == parent and p != path and len(p) == len(path)] if parent else []
            if not parent:
                parts = [
                    p for p in changed if len(p) == 1 and p != path and not _is_total(p) and not p[-1].endswith("合計")
                ]
        else:
            parts = [p for p in changed if len(p) == len(path) + 1 and p[: len(path)] == path and not _is_total(p)]
        sums = [delta_of(p) for p in parts]
        if parts and all(isinstance(s, int) for s in sums):
            exact = sum(s for s in sums if isinstance(s, int)) == delta
            marks[changed[path]] = (tuple(" / ".join(p) for p in parts), exact)
    for index, (follows, exact) in marks.items():
        change = changes[index]
        assert isinstance(change, BudgetLineChange)
        changes[index] = dataclasses.replace(change, follows=follows, follows_exactly=exact)


def _pair_groups(
    olds: list[tuple[str, str]], news: list[tuple[str, str]]
) -> list[tuple[tuple[str, str] | None, tuple[str, str] | None]]:
    out: list[tuple[tuple[str, str] | None, tuple[str, str] | None]] = []
    taken: set[tuple[str, str]] = set()
    for o in olds:
        match = next((n for n in news if n not in taken and key(n[0]) == key(o[0]) and key(n[1]) == key(o[1])), None)
        if match is None:
            match = next((n for n in news if n not in taken and key(n[0]) == key(o[0])), None)
        if match is not None:
            taken.add(match)
        out.append((o, match))
    out.extend((None, n) for n in news if n not in taken)
    return out


def _compare_items(olds: Sequence[BudgetItem], news: Sequence[BudgetItem], emit: Callable[..., Change]) -> int:
    """第2表/第3表 items: aligned by name (exact, then similar), reported added, removed or changed."""
    unchanged = 0
    pairs: dict[int, int] = {}
    new_by_key: dict[tuple[str, str], list[int]] = {}
    for j, n in enumerate(news):
        new_by_key.setdefault((n.statement, key(n.name)), []).append(j)
    for i, o in enumerate(olds):
        bucket = new_by_key.get((o.statement, key(o.name)))
        if bucket:
            pairs[i] = bucket.pop(0)
    taken = set(pairs.values())
    for i, o in enumerate(olds):
        if i in pairs:
            continue
        scored = [
            (similarity(key(o.name), key(n.name)), j)
            for j, n in enumerate(news)
            if j not in taken and n.statement == o.statement
        ]
        best = max(scored, default=(0.0, -1))
        if best[0] >= 0.85:
            pairs[i] = best[1]
            taken.add(best[1])

    def where(item: BudgetItem) -> Location:
        fields = ", ".join(f"{k} {v}" for k, v in item.fields)
        return Location(
            (item.statement,), item.line, f"{item.name} ({fields})" if fields else item.name, page=item.page
        )

    def data(old: BudgetItem | None, new: BudgetItem | None) -> dict[str, object]:
        base = new or old
        assert base is not None
        return {
            "statement": base.statement,
            "account": base.account,
            "name": Pair(old.name if old else None, new.name if new else None),
            "unit": Pair(old.unit if old else None, new.unit if new else None),
            "amount": Pair(old.amount if old else None, new.amount if new else None),
            "fields": Pair(old.fields if old else None, new.fields if new else None),
        }

    for i, o in enumerate(olds):
        if i not in pairs:
            emit(Verb.ITEM_REMOVED, (where(o),), (), **data(o, None))
            continue
        n = news[pairs[i]]
        if o.yen == n.yen and o.fields == n.fields and o.name == n.name:
            unchanged += 1
            continue
        delta = None if o.yen is None or n.yen is None else (n.yen - o.yen) // UNIT_YEN.get(n.unit, 1)
        emit(Verb.ITEM_CHANGED, (where(o),), (where(n),), delta=delta, **data(o, n))
    for j, n in enumerate(news):
        if j not in taken:
            emit(Verb.ITEM_ADDED, (), (where(n),), **data(None, n))
    return unchanged


def _same_year(
    old: dict[tuple[Path, str], BudgetLine], orow: Path, new: dict[tuple[Path, str], BudgetLine], nrow: Path
) -> bool:
    """Do both editions state the same 本年度 and the same 前年度/比較 for the row (an edition compared with itself)?"""
    return all(
        (old.get((orow, role)) is None) == (new.get((nrow, role)) is None)
        and (old.get((orow, role)) is None or old[(orow, role)].yen == new[(nrow, role)].yen)
        for role in ("current", "previous", "difference")
    )
