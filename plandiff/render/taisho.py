"""新旧対照表: the changes side by side, 改正後 left and 改正前 right, as Japanese officials read them.

Rows follow the new edition's order (a dropped item stands where it stood, next to its old
neighbours); each changed item is under its headings (numbers and titles, printed once), the changed
runs underlined (傍線) in both columns, (新設)/(削除)/(移動)/(分割)/(統合) marked; a row per changed target
and per changed budget line. :func:`rows` builds the table once; the HTML page here and the workbook in
:mod:`plandiff.render.xlsx` only lay it out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from plandiff.model import Change, Changelog, Location, Path
from plandiff.render import access
from plandiff.render.budget import amount, budget_verb, delta
from plandiff.render.inline import Run, runs
from plandiff.render.labels import Lang, label, lines, place, verb
from plandiff.render.targets import side_value

Runs = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the table: a heading (``heading``), or a change with both sides as runs."""

    order: tuple[int, int, int]
    new: Runs
    old: Runs
    mark: str = ""  # 新設, 削除, 移動 … (shown in the column that has no text, or beside it)
    note: str = ""  # where: 29行目 → 28行目; a target's or budget line's change
    heading: bool = False
    anchor: str = ""


def _plain(text: str) -> Runs:
    return ((text, False),) if text else ()


def _changed(text: str) -> Runs:
    return ((text, True),) if text else ()


def _line_note(change: Change, lang: Lang) -> str:
    old = "・".join(lines(loc, lang) for loc in change.old) or "—"
    new = "・".join(lines(loc, lang) for loc in change.new) or "—"
    return f"{label('new_short', lang)} {new}／{label('old_short', lang)} {old}"


def _measure_row(change: Change, lang: Lang, order: tuple[int, int, int]) -> Row:
    segments = access.segments(change)
    verb_ = str(change.change)
    mark = verb("measure", verb_, lang)
    note = _line_note(change, lang)
    if verb_ == "added":
        return Row(order, _changed(change.new[0].text), (), mark, note, anchor=change.id)
    if verb_ == "removed":
        return Row(order, (), _changed(change.old[0].text), mark, note, anchor=change.id)
    if segments is not None:
        new, old = tuple(runs(segments, "new")), tuple(runs(segments, "old"))
    else:
        new = _plain("".join(loc.text for loc in change.new))
        old = _plain("".join(loc.text for loc in change.old))
    if verb_ == "changed":
        mark = ""
    if verb_ == "moved":
        old_place = "／".join(place(loc.path, lang) for loc in change.old)
        note = f"{note}（{old_place} から）" if lang == "ja" else f"{note} (from {old_place})"
    shift = access.strength(change)
    if shift:
        mark = (mark + " " if mark else "") + verb("strength", shift, lang)
    return Row(order, new, old, mark, note, anchor=change.id)


def _target_row(change: Change, lang: Lang, order: tuple[int, int, int]) -> Row:
    metric_new = str(access.side(change, "metric", "new") or "")
    metric_old = str(access.side(change, "metric", "old") or "")
    new_value, old_value = side_value(change, "new", lang), side_value(change, "old", lang)
    key = f"【{label('key_target', lang)}】" if access.either(change, "key_target") else ""

    def side(metric: str, value: str, other_metric: str, other_value: str) -> Runs:
        if not metric and value == "—":
            return ()
        out: list[Run] = []
        if metric:
            out.append((metric, metric != other_metric))
        if value != "—":
            out.append((" " + value, value != other_value))
        return tuple(out)

    new = side(metric_new, new_value, metric_old, old_value)
    old = side(metric_old, old_value, metric_new, new_value)
    what = verb("target", str(change.change), lang)
    pct = access.get(change, "pct")
    if pct is not None:
        what += f"（{pct:+}%）" if lang == "ja" else f" ({pct:+}%)"
    if str(change.change) == "removed" and access.get(change, "measure_kept"):
        what += label("measure_kept", lang)
    return Row(order, new, old, key + what, _line_note(change, lang), anchor=change.id)


def _budget_row(change: Change, lang: Lang, order: tuple[int, int, int]) -> Row:
    row = access.either(change, "row")
    column = access.either(change, "column")
    path = " / ".join(str(v) for v in row) if isinstance(row, list | tuple) else str(row or "")
    if isinstance(column, list | tuple) and column:
        path += "｜" + " / ".join(str(v) for v in column)
    head = f"{access.text(change, 'statement')} {access.text(change, 'account')} {path}".strip()
    old_amount, new_amount = access.side(change, "amount", "old"), access.side(change, "amount", "new")
    if old_amount is None and new_amount is None:
        new = _plain(change.new[0].text) if change.new else ()
        old = _plain(change.old[0].text) if change.old else ()
    else:
        new = ((head + " ", False), (amount(new_amount), True)) if change.new else ()
        old = ((head + " ", False), (amount(old_amount), True)) if change.old else ()
    what = verb("budget", budget_verb(change), lang)
    d = delta(access.get(change, "delta"))
    if d:
        what += f"（{d}）" if lang == "ja" else f" ({d})"
    return Row(order, new, old, what, _line_note(change, lang), anchor=change.id)


def _section_row(change: Change, lang: Lang, order: tuple[int, int, int]) -> Row:
    from plandiff.render.markdown import section_verb

    mark = verb("section", section_verb(change), lang)
    new = _plain(change.new[0].text) if change.new else ()
    old = _plain(change.old[0].text) if change.old else ()
    if change.new and change.old and change.new[0].text != change.old[0].text:
        new, old = _changed(change.new[0].text), _changed(change.old[0].text)
    elif not change.old:
        new = _changed(change.new[0].text)
    elif not change.new:
        old = _changed(change.old[0].text)
    return Row(order, new, old, mark, _line_note(change, lang), heading=True, anchor=change.id)


def _positions(changelog: Changelog) -> dict[str, int]:
    """Each change's place in the new edition's order; a dropped item goes after its old neighbour."""
    paired = sorted((c.old[0].line, c.new[0].line) for c in changelog.changes if c.old and c.new)
    out: dict[str, int] = {}
    for c in changelog.changes:
        if c.new:
            out[c.id] = c.new[0].line
            continue
        line = c.old[0].line
        shift = 0
        for old_line, new_line in paired:
            if old_line > line:
                break
            shift = new_line - old_line
        out[c.id] = line + shift
    return out


def rows(changelog: Changelog, lang: Lang) -> list[Row]:
    """The table: heading rows (once, before the first change under them) and a row per change."""
    positions = _positions(changelog)
    body: list[Row] = []
    kind_rank = {"section": 0, "measure": 1, "target": 2, "budget": 3}
    for change in changelog.changes:
        kind = str(change.kind)
        order = (positions[change.id], kind_rank.get(kind, 9), 0)
        if kind == "measure":
            body.append(_measure_row(change, lang, order))
        elif kind == "target":
            body.append(_target_row(change, lang, order))
        elif kind == "budget":
            body.append(_budget_row(change, lang, order))
        elif kind == "section":
            body.append(_section_row(change, lang, order))
    body.sort(key=lambda r: (r.order, r.anchor))
    out: list[Row] = []
    shown: set[Path] = set()
    by_id = {c.id: c for c in changelog.changes}
    for row in body:
        change = by_id[row.anchor]
        loc: Location = (change.new or change.old)[0]
        titles = changelog.new_titles if change.new else changelog.old_titles
        path = loc.path[:-1] if row.heading else loc.path
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix in shown:
                continue
            shown.add(prefix)
            text = place(prefix, "ja" if lang == "ja" else "en", titles)
            if lang == "en" and titles.get(prefix):
                text = f"{text} {titles[prefix]}"
            out.append(Row(row.order, _plain(text), _plain(text), heading=True))
        if row.heading:
            shown.add(loc.path)
        out.append(row)
    return out


_STYLE = """
body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif CJK JP", "Noto Sans CJK JP",
       "Hiragino Sans", "Yu Gothic", serif; margin: 1.5rem; color: #111; line-height: 1.7; }
h1 { font-size: 1.3rem; margin: 0 0 .4rem; }
p.meta { margin: .1rem 0; font-size: .9rem; }
table.taisho { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 1rem; }
table.taisho th, table.taisho td { border: 1px solid #333; padding: .35rem .5rem; vertical-align: top;
       overflow-wrap: anywhere; word-break: break-all; }
table.taisho thead th { background: #eee; text-align: center; }
col.side { width: 42%; } col.note { width: 16%; }
tr.heading td { background: #f6f6f6; font-weight: bold; }
ins, del { text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: .2em; }
ins { color: inherit; background: none; } del { color: inherit; background: none; }
.mark { font-weight: bold; white-space: nowrap; }
td.note { font-size: .85rem; color: #333; }
@media print { body { margin: 0; } tr { break-inside: avoid; } thead { display: table-header-group; } }
""".strip()


def _cell(cells: Runs, tag: str) -> str:
    return "".join(
        f"<{tag}>{html.escape(text, quote=False)}</{tag}>" if changed else html.escape(text, quote=False)
        for text, changed in cells
    )


def _table(changelog: Changelog, lang: Lang) -> str:
    head_new, head_old = label("new", lang), label("old", lang)
    note = "備考" if lang == "ja" else "Note"
    out = [
        '<table class="taisho">',
        '<colgroup><col class="side"><col class="side"><col class="note"></colgroup>',
        f"<thead><tr><th>{head_new}</th><th>{head_old}</th><th>{note}</th></tr></thead>",
        "<tbody>",
    ]
    for row in rows(changelog, lang):
        anchor = f' id="{html.escape(row.anchor)}"' if row.anchor else ""
        cls = ' class="heading"' if row.heading else ""
        new = _cell(row.new, "ins")
        old = _cell(row.old, "del")
        mark = f'<span class="mark">（{html.escape(row.mark)}）</span>' if row.mark else ""
        if not row.new and row.mark:
            new = mark
        elif not row.old and row.mark:
            old = mark
        elif row.mark:
            new = f"{mark}{new}"
        out.append(f'<tr{anchor}{cls}><td>{new}</td><td>{old}</td><td class="note">{html.escape(row.note)}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def render(changelogs: list[Changelog], lang: Lang, stamp: str | None = None) -> str:
    """One self-contained page: a title and the editions, then one table per pair of editions."""
    first, last = changelogs[0], changelogs[-1]
    title = "新旧対照表" if lang == "ja" else "Comparison table (新旧対照表)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        '<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}：{html.escape(first.old.title)} → {html.escape(last.new.title)}</title>",
        f"<style>\n{_STYLE}\n</style>\n</head>\n<body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    organisation = last.new.organisation or first.old.organisation
    if organisation:
        parts.append(f'<p class="meta">{html.escape(label("organisation", lang))}：{html.escape(organisation)}</p>')
    for changelog in changelogs:
        for side, meta in (("new", changelog.new), ("old", changelog.old)):
            name = meta.source.rsplit("/", 1)[-1]
            when = f" {meta.decided}" if meta.decided else ""
            parts.append(
                f'<p class="meta">{html.escape(label(side, lang))}：{html.escape(meta.title or name)}'
                f"{html.escape(when)}（{html.escape(name)}）</p>"
            )
        if stamp:
            parts.append(f'<p class="meta">{html.escape(label("stamp", lang, date=stamp))}</p>')
        legend = "傍線部分は改正部分" if lang == "ja" else "Underlined: the changed words (傍線部分は改正部分)"
        parts.append(f'<p class="meta">{html.escape(legend)}</p>')
        parts.append(_table(changelog, lang))
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
