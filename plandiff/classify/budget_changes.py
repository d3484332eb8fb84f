"""Budget lines of two editions → changes: amounts changed, rows, columns and tables added or dropped.

Tables pair by statement and account (an account renamed is paired by label similarity); inside a
table, rows pair by their path and columns by theirs, exactly first, then by label similarity
(a renamed row such as 受託収入 → 受託事業収入 is the same row). A row or column that exists in
one edition only is one change, not one per cell. Unchanged lines are only counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.classify.measures import change_id
from plandiff.extract.budget import column_paths, reconcile, row_paths, table_lines
from plandiff.model import BudgetComparison, BudgetLine, Change, Document, Location, Table, TableTotal
from plandiff.text.normalize import key
from plandiff.text.similarity import similarity

LABEL_MIN = 0.6  # below this, two labels name different rows (or columns)

Path = tuple[str, ...]


def _path_key(path: Path) -> str:
    return "/".join(key(p) for p in path)


def _pair_paths(olds: Sequence[Path], news: Sequence[Path]) -> dict[Path, Path]:
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
            if q in taken or len(p) != len(q) or [key(x) for x in p[:-1]] != [key(x) for x in q[:-1]]:
                continue
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


def _fmt(amount: int | None) -> str:
    if amount is None:
        return "-"
    return f"△ {-amount:,}" if amount < 0 else f"{amount:,}"


def _is_total(path: Path) -> bool:
    return key(path[-1]) in ("計", "合計") or key(path[-1]).startswith("合計")


def compare_budget(old: Document, new: Document) -> BudgetComparison:
    changes: list[Change] = []
    unchanged = 0
    totals: list[TableTotal] = []
    unit = next((t.unit for t in (*old.tables, *new.tables) if t.unit), "")

    def emit(change: str, o: tuple[Location, ...], n: tuple[Location, ...], score: float, **data: object) -> None:
        changes.append(Change(change_id("budget", change, o, n), "budget", change, o, n, score, dict(data)))

    tables = _pair_tables(old.tables, new.tables)
    for ot, nt in tables:
        if nt is None:
            assert ot is not None
            emit(
                "table_removed",
                (_location(ot, ot.line, f"{ot.statement} <{ot.account}>"),),
                (),
                1.0,
                statement=ot.statement,
                account=ot.account,
                row=[],
                column=[],
                unit=ot.unit,
            )
            continue
        if ot is None:
            emit(
                "table_added",
                (),
                (_location(nt, nt.line, f"{nt.statement} <{nt.account}>"),),
                1.0,
                statement=nt.statement,
                account=nt.account,
                row=[],
                column=[],
                unit=nt.unit,
            )
            continue
        old_lines = {(ln.row, ln.column): ln for ln in table_lines(ot)}
        new_lines = {(ln.row, ln.column): ln for ln in table_lines(nt)}
        old_rows = list(dict.fromkeys(row_paths(ot)))
        new_rows = list(dict.fromkeys(row_paths(nt)))
        old_cols, new_cols = list(column_paths(ot)), list(column_paths(nt))
        rows = _pair_paths(old_rows, new_rows)
        cols = _pair_paths(old_cols, new_cols)
        common = {"statement": nt.statement, "account": nt.account, "unit": nt.unit}

        def row_line(table: Table, path: Path, lines: dict[tuple[Path, Path], BudgetLine]) -> int:
            return next((ln.line for (r, _), ln in lines.items() if r == path), table.line)

        for path in old_rows:
            if path not in rows:
                emit(
                    "row_removed",
                    (_location(ot, row_line(ot, path, old_lines), " / ".join(path)),),
                    (),
                    1.0,
                    row=list(path),
                    column=[],
                    **common,
                )
        for path in new_rows:
            if path not in rows.values():
                emit(
                    "row_added",
                    (),
                    (_location(nt, row_line(nt, path, new_lines), " / ".join(path)),),
                    1.0,
                    row=list(path),
                    column=[],
                    **common,
                )
        for path in old_cols:
            if path not in cols:
                emit(
                    "column_removed",
                    (_location(ot, ot.line, " / ".join(path)),),
                    (),
                    1.0,
                    row=[],
                    column=list(path),
                    **common,
                )
        for path in new_cols:
            if path not in cols.values():
                emit(
                    "column_added",
                    (),
                    (_location(nt, nt.line, " / ".join(path)),),
                    1.0,
                    row=[],
                    column=list(path),
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
                "changed",
                (_location(ot, oline.line, text_old),),
                (_location(nt, nline.line, text_new),),
                1.0,
                row=list(rows[orow]),
                column=list(cols[ocol]),
                old_amount=oline.amount,
                new_amount=nline.amount,
                delta=delta,
                pct=pct,
                total=_is_total(orow) or _is_total(ocol),
                **common,
            )
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
    changes.sort(key=lambda c: (c.new[0].line if c.new else c.old[0].line, c.id))
    return BudgetComparison(tuple(changes), unchanged, tuple(totals), reconcile(old), reconcile(new), unit)


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
