"""Small SVG charts for the history page, drawn with matplotlib (imported here only, never on the diff path).

Text stays text (``svg.fonttype = none``), so the browser draws it with the page's fonts; the charts
carry only years and numbers (the Japanese titles are the page's own headings around each chart), so
no CJK font is needed where the charts are made. ``svg.hashsalt`` is fixed and the SVG carries no date,
so the same history gives the same bytes. Every chart is a ``<svg>`` with ``data-chart`` and, on
each drawn series, ``data-values`` (what the browser test checks).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "plandiff-history",
    "font.family": "sans-serif",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_BLUE, _RED, _GREY = "#1f5fa8", "#b3261e", "#9aa0a6"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display, whatever the environment says
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any, kind: str, values: str) -> str:
    plt = _pyplot()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches=None)
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # no XML prolog or doctype inside HTML
    # the figure's own size in CSS pixels is kept as its viewBox; the page scales it to the column
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    return text.replace("<svg", f'<svg data-chart="{kind}" data-values="{values}" role="img"', 1)


def _year_axis(ax: Any, labels: Sequence[str]) -> None:
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels)
    ax.margins(x=0.08, y=0.2)
    ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)


def trajectory(kind: str, years: Sequence[int | None], values: Sequence[float | None], unit_scale: float = 1) -> str:
    """A line over the editions (a gap where absent); each point labelled with its value."""
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(3.6, 1.9), dpi=72)
        labels = [str(y) if y is not None else "?" for y in years]
        xs = [k for k, v in enumerate(values) if v is not None]
        ys = [float(v) / unit_scale for v in values if v is not None]
        _year_axis(ax, labels)
        ax.plot(xs, ys, color=_BLUE, marker="o", markersize=4, linewidth=1.5)
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                f"{y:,.0f}" if y == int(y) else f"{y:,.1f}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 5),
                ha="center",
                fontsize=7,
            )
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        fig.tight_layout(pad=0.4)
        data = ",".join("" if v is None else f"{float(v) / unit_scale:g}" for v in values)
        return _svg(fig, kind, data)


def lineage(years: Sequence[int | None], rows: Sequence[tuple[Sequence[bool], Sequence[int], int | None]]) -> str:
    """One bar per measure over the editions it is in (numbered from the top, as the table beside it):
    ``rows`` are (present in each edition, editions where it changed, edition it was dropped in)."""
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        height = 0.5 + 0.22 * len(rows)
        fig, ax = plt.subplots(figsize=(3.6, height), dpi=72)
        labels = [str(y) if y is not None else "?" for y in years]
        for r, (present, changed, dropped) in enumerate(rows):
            y = len(rows) - r
            spans = [(k - 0.45, 0.9) for k, p in enumerate(present) if p]
            ax.broken_barh(spans, (y - 0.3, 0.6), facecolors=_GREY, edgecolors="none")
            if changed:
                ax.plot(list(changed), [y] * len(changed), "o", color=_BLUE, markersize=4)
            if dropped is not None:
                ax.plot([dropped], [y], "x", color=_RED, markersize=5, markeredgewidth=1.5)
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels)
        ax.set_xlim(-0.6, len(labels) - 0.4)
        ax.set_yticks(range(len(rows), 0, -1))
        ax.set_yticklabels([str(r + 1) for r in range(len(rows))])
        ax.set_ylim(0.4, len(rows) + 0.6)
        fig.tight_layout(pad=0.4)
        data = ";".join("".join("1" if p else "0" for p in present) for present, _, _ in rows)
        return _svg(fig, "lineage", data)
