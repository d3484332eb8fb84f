"""A :class:`History` as one self-contained HTML page: the Markdown report (through the changelog page's
renderer: contents, anchors, stylesheet) with small inline SVG charts — each changed target's values,
the budget lines that moved most, and for each section with a changed measure a lineage chart (when
each of its measures was in the plan). No script, no external asset; the same history gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from plandiff.model.history import BudgetTrajectory, Event, History, Lineage
from plandiff.render import history_markdown as md
from plandiff.render.history_labels import edition_name, word
from plandiff.render.html import to_html
from plandiff.render.labels import Lang, compact_path

BUDGET_CHARTS = 12  # the largest moves; every changed line is in the table above them
TARGET_CHARTS = 30

_CSS = """
.charts { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; margin: .5rem 0 1rem; }
figure.chart { margin: 0; width: 18rem; max-width: 100%; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .8rem; line-height: 1.35; color: #424a53; }
figure.lineage { width: 22rem; }
ol.lineage { font-size: .85rem; margin: .2rem 0; }
"""


def _placeholder(n: int) -> str:
    return f"PLANDIFF-CHART-{n:04d}"


class _Charts:
    """Charts are drawn after the Markdown is made, into placeholders (a paragraph each)."""

    def __init__(self) -> None:
        self.html: list[str] = []

    def add(self, markup: str) -> str:
        self.html.append(markup)
        return _placeholder(len(self.html) - 1)

    def fill(self, page: str) -> str:
        for n, markup in enumerate(self.html):
            page = page.replace(f"<p>{_placeholder(n)}</p>", markup)
        return page


def _figure(svg: str, caption: str, extra: str = "") -> str:
    cls = f"chart {extra}".strip()
    return f'<figure class="{cls}">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>'


def _target_charts(history: History, lang: Lang, charts: _Charts) -> list[str]:
    from plandiff.render.history_charts import trajectory

    rows = [t for t in history.targets if t.changed][:TARGET_CHARTS]
    if not rows:
        return []
    figures = []
    for t in rows:
        values = [None if c is None else c.value for c in t.cells]
        unit = next(c.unit for c in reversed(t.cells) if c is not None)
        svg = trajectory("target", history.years, values)
        figures.append(_figure(svg, f"{t.metric}（{unit}）" if lang == "ja" else f"{t.metric} ({unit})"))
    return [
        "",
        f"### {word('charts_targets', lang)}",
        "",
        charts.add('<div class="charts">' + "".join(figures) + "</div>"),
    ]


def _moved(row: BudgetTrajectory) -> int:
    return sum(abs(d) for d in row.deltas if d is not None)


def _budget_charts(history: History, lang: Lang, charts: _Charts) -> list[str]:
    from plandiff.render.history_charts import trajectory

    moved = sorted((b for b in history.budget if b.changed and _moved(b)), key=lambda b: -_moved(b))[:BUDGET_CHARTS]
    if not moved:
        return []
    figures = []
    for b in moved:
        last = next(c for c in reversed(b.cells) if c is not None)
        scale = last.yen // last.amount if last.yen and last.amount else 1
        values = [None if c is None else (c.yen if c.yen is not None else c.amount) for c in b.cells]
        svg = trajectory("budget", history.years, values, unit_scale=scale if last.yen else 1)
        name = " / ".join((*b.row, *b.column))
        caption = f"{b.statement} {b.account} {name}（{last.unit}）".replace("  ", " ")
        figures.append(_figure(svg, caption))
    heading = word("charts_budget", lang, n=len(moved))
    return ["", f"### {heading}", "", charts.add('<div class="charts">' + "".join(figures) + "</div>")]


def _section_of(lineage: Lineage) -> tuple[str, ...]:
    return lineage.last.path


def _lineage_charts(history: History, lang: Lang, charts: _Charts) -> list[str]:
    from plandiff.render.history_charts import lineage as lineage_chart

    changed = [m for m in history.measures if m.changed]
    paths: list[tuple[str, ...]] = []
    for m in changed:
        for loc in (m.first, m.last):
            if loc.path not in paths:
                paths.append(loc.path)
    if not paths:
        return []
    out = ["", f"### {word('lineage_chart', lang)}", "", word("legend_lineage", lang), ""]
    for path in paths:
        members = [m for m in history.measures if any(p is not None and p.path == path for p in m.places)]
        rows = []
        for m in members:
            present = [p is not None and p.path == path for p in m.places]
            events = [s.edition for s in m.steps if Event.REMOVED not in s.events]
            dropped = next((s.edition for s in m.steps if Event.REMOVED in s.events), None)
            rows.append((present, events, dropped))
        svg = lineage_chart(history.years, rows)
        items = "".join(f"<li>{html.escape(md._short(m.last.text, 60))}</li>" for m in members)
        title = compact_path(path)
        out += [charts.add(_figure(svg, title, "lineage") + f'<ol class="lineage">{items}</ol>'), ""]
    return out


def render(history: History, lang: Lang) -> str:
    charts = _Charts()
    anchor: Callable[[str], str] = lambda row_id: f'<a id="{row_id}"></a>'  # noqa: E731
    parts = [
        md.header(history, lang),
        md.targets_section(history, lang, anchor) + _target_charts(history, lang, charts),
        md.budget_section(history, lang, anchor) + _budget_charts(history, lang, charts),
        md.sections_section(history, lang),
        _with_lineage(md.measures_section(history, lang, anchor), _lineage_charts(history, lang, charts)),
    ]
    text = "\n\n".join("\n".join(p) for p in parts if p)
    first, last = history.editions[0], history.editions[-1]
    title = f"plandiff: {word('title', lang)} {edition_name(first, lang)}–{edition_name(last, lang)} {last.title}"
    page = to_html(text, title, lang).replace("</style>", _CSS.lstrip() + "</style>", 1)
    return charts.fill(page)


def _with_lineage(section: list[str], charts: list[str]) -> list[str]:
    """The lineage charts right after the measures' grid, before each measure's details."""
    at = next((k for k, line in enumerate(section) if line.startswith("### ")), len(section))
    return section[:at] + charts + [""] + section[at:]
