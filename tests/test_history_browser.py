"""The history page with its charts in headless Chromium (as tests/test_browser.py): the charts are
there as inline SVG with their data (a drawn line or bars for every series), nothing overflows at
1280 px, and every Japanese character of the page is drawn in its font (no tofu)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import plandiff
from plandiff.render.history_report import render_history
from tests.history_series import TARGET_VALUES, write_series
from tests.shared_docs import parsed
from tests.test_browser import CHROMIUM, PROBE
from tests.test_budget_books import R7, R8

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`.ci/run` installs it)")

CHARTS = """
<script>
addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg[data-chart]')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {kind: svg.dataset.chart, values: svg.dataset.values, width: Math.round(box.width),
            height: Math.round(box.height), paths: svg.querySelectorAll('path').length,
            inside: box.right <= document.documentElement.clientWidth};
  });
  const pre = document.createElement('pre'); pre.id = 'charts'; pre.hidden = true; pre.textContent = JSON.stringify(charts);
  document.body.appendChild(pre);
});
</script>
"""


def _open(page: str, tmp_path: Path, name: str) -> tuple[dict[str, object], list[dict[str, object]]]:
    path = tmp_path / f"{name}.html"
    path.write_text(page.replace("</body>", CHARTS + PROBE + "</body>"), encoding="utf-8")
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--window-size=1280,900",
            "--virtual-time-budget=5000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    dom = result.stdout.decode("utf-8")

    def block(anchor: str) -> str:
        start = dom.find(f'<pre id="{anchor}"')
        assert start >= 0, result.stderr.decode()[-2000:]
        text = dom[dom.index(">", start) + 1 : dom.index("</pre>", start)]
        return text.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")

    return json.loads(block("probe")), json.loads(block("charts"))


def _fits(facts: dict[str, object], charts: list[dict[str, object]]) -> None:
    assert facts["scrollWidth"] == facts["clientWidth"] and facts["clientWidth"] <= 1280  # type: ignore[operator]
    assert facts["tofu"] == [] and facts["japanese"] > 50  # type: ignore[operator]
    for chart in charts:
        assert chart["inside"] and chart["width"] > 100 and chart["height"] > 40, chart  # type: ignore[operator]
        assert chart["paths"] > 3, chart  # type: ignore[operator]  # axes, ticks, and the drawn series


def test_series_page_in_a_browser(tmp_path: Path) -> None:
    history = plandiff.history(write_series(tmp_path))
    facts, charts = _open(str(render_history(history, "html", "ja")), tmp_path, "series")
    _fits(facts, charts)
    kinds = [c["kind"] for c in charts]
    assert kinds.count("target") == 1 and kinds.count("lineage") == 2  # one target; I.1.(1)② and I.2.(2)②
    target = next(c for c in charts if c["kind"] == "target")
    assert target["values"] == ",".join(str(v) for v in TARGET_VALUES)
    lineage = [c["values"] for c in charts if c["kind"] == "lineage"]
    assert any("11110" in str(v).split(";") for v in lineage)  # the dropped measure's bar ends in 2024


def test_budget_book_page_in_a_browser(tmp_path: Path) -> None:
    history = plandiff.history([parsed(R7), parsed(R8)])
    facts, charts = _open(str(render_history(history, "html", "ja")), tmp_path, "fuji")
    _fits(facts, charts)
    budget = [c for c in charts if c["kind"] == "budget"]
    assert len(budget) == 12  # the twelve largest moves
    assert all(len(str(c["values"]).split(",")) == 2 for c in budget)
