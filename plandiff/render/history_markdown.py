"""A :class:`History` as Markdown: editions, a summary, then the rows that changed — target and budget
trajectories (a column per edition), headings, and measures (a grid of the years each existed and
changed, then each one's first and last text and places). Rows that never changed are counted; every
row is in the JSON, xlsx and csv. ``html=True`` adds anchors and leaves room for charts (the HTML page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from plandiff.model.history import BudgetCell, BudgetTrajectory, Event, History, Lineage, Step, TargetCell
from plandiff.render.escape import md as md_escape
from plandiff.render.history_labels import amount, edition_name, event, events, place, word
from plandiff.render.labels import Lang, compact_path


def _cell(text: str) -> str:
    return md_escape(text).replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _years(history: History, lang: Lang) -> list[str]:
    return [edition_name(meta, lang) for meta in history.editions]


def _steps_text(history: History, steps: Sequence[Step], lang: Lang) -> str:
    names = _years(history, lang)
    sep = "、" if lang == "ja" else "; "
    return sep.join(f"{names[s.edition]} {events(s.events, lang)}" for s in steps)


def header(history: History, lang: Lang) -> list[str]:
    first, last = history.editions[0], history.editions[-1]
    org = f"{first.organisation} " if first.organisation else ""
    out = [f"# plandiff: {word('title', lang)} — {_cell(org + first.title)} → {_cell(last.title)}", ""]
    out += ["", f"## {word('editions', lang)}", ""]
    rows = [
        [str(k + 1), edition_name(m, lang), _cell(m.title), m.decided or "", _cell(m.source.rsplit("/", 1)[-1])]
        for k, m in enumerate(history.editions)
    ]
    out += _table(["", word("year", lang), word("doc_title", lang), word("decided", lang), word("file", lang)], rows)
    if history.notices:
        out += ["", f"## {word('warnings', lang)}", ""]
        out += [f"- {_cell(n.text(lang))}" for n in history.notices]
    out += ["", f"## {word('summary', lang)}", ""]
    counts = history.counts()
    if not counts:
        out.append(f"- {word('nothing', lang)}")
    for kind, rows_of in (
        ("section", history.sections),
        ("measure", history.measures),
        ("target", history.targets),
        ("budget", history.budget),
    ):
        if kind in counts:
            sep = "・" if lang == "ja" else ", "
            told = sep.join(f"{event_word(k, lang)} {n}" for k, n in counts[kind].items())
            changed = sum(1 for r in rows_of if r.changed)
            out.append(f"- {word('count_line', lang, kind=word('kind.' + kind, lang), events=told, rows=changed)}")
    return out


def event_word(value: str, lang: Lang) -> str:
    return event(Event(value), lang)


def _target_cell(cell: TargetCell | None, before: TargetCell | None, lang: Lang) -> str:
    if cell is None:
        return word("absent", lang)
    text = _cell(cell.written) + (" ★" if cell.key_target else "")
    changed = before is not None and (before.value, before.comparator, before.unit) != (
        cell.value,
        cell.comparator,
        cell.unit,
    )
    return f"**{text}**" if changed else text


def targets_section(history: History, lang: Lang, anchor: Callable[[str], str] = lambda _: "") -> list[str]:
    rows = [t for t in history.targets if t.changed]
    out = [f"## {word('targets', lang)}", ""]
    if rows:
        table = []
        for t in rows:
            cells = [_target_cell(c, t.cells[k - 1] if k else None, lang) for k, c in enumerate(t.cells)]
            table.append([anchor(t.id) + _cell(t.metric), *cells, _steps_text(history, t.steps, lang)])
        out += _table([word("metric", lang), *_years(history, lang), word("events", lang)], table)
        out.append("")
    steady = len(history.targets) - len(rows)
    legend = ("（★基幹目標）" if lang == "ja" else " (★ key target)") if rows else ""
    out.append(word("steady_targets", lang, n=steady) + legend)
    return out


def budget_cell(cell: BudgetCell | None, lang: Lang) -> str:
    if cell is None:
        return word("absent", lang)
    return _cell(cell.written or "-")


def budget_delta(row: BudgetTrajectory, k: int, lang: Lang) -> str:
    """The change into edition ``k`` in the cell's own unit where both editions use it, else in yen."""
    cell, before = row.cells[k], row.cells[k - 1] if k else None
    if cell is None or before is None or row.deltas[k] is None:
        return ""
    if cell.unit == before.unit and cell.amount is not None and before.amount is not None:
        change, unit = cell.amount - before.amount, cell.unit
    else:
        change, unit = row.deltas[k] or 0, "円"
    if not change:
        return ""
    return ("+" if change > 0 else "") + amount(change, unit, lang)


def budget_section(history: History, lang: Lang, anchor: Callable[[str], str] = lambda _: "") -> list[str]:
    rows = [b for b in history.budget if b.changed]
    out = [f"## {word('budget', lang)}", ""]
    if rows:
        table = []
        for b in rows:
            cells = []
            for k, c in enumerate(b.cells):
                delta = budget_delta(b, k, lang)
                cells.append(budget_cell(c, lang) + (f" ({delta})" if delta else ""))
            where = _cell(" ".join(x for x in (b.statement, b.account) if x))
            out_row = [
                anchor(b.id) + where,
                _cell(" / ".join(b.row)),
                _cell(" / ".join(b.column)),
                *cells,
                _steps_text(history, b.steps, lang),
            ]
            table.append(out_row)
        header_row = [word("table", lang), word("row", lang), word("column", lang), *_years(history, lang)]
        out += _table([*header_row, word("events", lang)], table)
        out.append("")
    out.append(word("steady_budget", lang, n=len(history.budget) - len(rows)))
    return out


def sections_section(history: History, lang: Lang) -> list[str]:
    rows = [s for s in history.sections if s.changed]
    out = [f"## {word('sections', lang)}", ""]
    for s in rows:
        first_e = next(k for k, p in enumerate(s.places) if p is not None)
        last_e = max(k for k, p in enumerate(s.places) if p is not None)
        names = _years(history, lang)
        out.append(
            f"- {_steps_text(history, s.steps, lang)}："
            if lang == "ja"
            else f"- {_steps_text(history, s.steps, lang)}:"
        )
        out.append(f"  {names[first_e]} {_cell(s.first.text)} → {names[last_e]} {_cell(s.last.text)}")
    if rows:
        out.append("")
    out.append(word("steady_sections", lang, n=len(history.sections) - len(rows)))
    return out


def grid_mark(lineage: Lineage, k: int, lang: Lang) -> str:
    """One cell of the lineage grid: the events of that edition, ○ where present and unchanged."""
    step = next((s for s in lineage.steps if s.edition == k), None)
    if step is not None:
        return events(step.events, lang)
    return word("present", lang) if lineage.places[k] is not None else ""


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def measures_section(history: History, lang: Lang, anchor: Callable[[str], str] = lambda _: "") -> list[str]:
    rows = [m for m in history.measures if m.changed]
    out = [f"## {word('measures', lang)}", ""]
    if rows:
        grid = [
            [
                compact_path(m.last.path),
                _cell(_short(m.last.text)),
                *(grid_mark(m, k, lang) for k in range(len(history.editions))),
            ]
            for m in rows
        ]
        out += _table([word("heading", lang), word("measure", lang), *_years(history, lang)], grid)
        out.append("")
    names = _years(history, lang)
    for m in rows:
        first_e = next(k for k, p in enumerate(m.places) if p is not None)
        last_e = max(k for k, p in enumerate(m.places) if p is not None)
        out.append(f"### {anchor(m.id)}{_cell(place(history, last_e, m.last, lang))}")
        out.append("")
        out.append(f"- {word('id', lang)}: `{m.id}`")
        if m.origin:
            out.append(f"- {word('split_from', lang, id=f'`{m.origin}`')}")
        if m.merged_into:
            out.append(f"- {word('merged_into', lang, id=f'`{m.merged_into}`')}")
        for step in m.steps:
            ids = ", ".join(f"`{c}`" for c in step.changes)
            out.append(f"- {names[step.edition]}: {events(step.events, lang)}" + (f" ({ids})" if ids else ""))
        first_where = place(history, first_e, m.first, lang)
        out.append(f"- {word('first', lang)}（{names[first_e]}、{_cell(first_where)}）: {_cell(m.first.text)}")
        if last_e != first_e and m.last.text != m.first.text:
            last_where = place(history, last_e, m.last, lang)
            out.append(f"- {word('last', lang)}（{names[last_e]}、{_cell(last_where)}）: {_cell(m.last.text)}")
        out.append("")
    out.append(word("steady_measures", lang, n=len(history.measures) - len(rows)))
    return out


def render(history: History, lang: Lang) -> str:
    parts = [
        header(history, lang),
        targets_section(history, lang),
        budget_section(history, lang),
        sections_section(history, lang),
        measures_section(history, lang),
    ]
    text = "\n\n".join("\n".join(p) for p in parts if p)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
