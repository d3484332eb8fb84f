"""The history page with its charts in headless Chromium (as tests/test_browser.py): the charts are
there as inline SVG with their data (a drawn line or bars for every series), nothing overflows at
1280 px, and every Japanese character of the page is drawn in its font (no tofu). The pages are made
and opened with the session's other pages, in one browser (tests/browser.py, the fixture ``browsed``)."""

from __future__ import annotations

import json

import pytest

from tests.browser import CHROMIUM, REASON
from tests.history_series import TARGET_VALUES
from tests.shared_docs import shared
from tests.test_budget_books import R7, R8

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=REASON)


def _opened(browsed: dict[str, dict[str, str]], page: str) -> tuple[dict[str, object], list[dict[str, object]]]:
    return json.loads(browsed[page]["probe"]), json.loads(browsed[page]["charts"])


def _fits(facts: dict[str, object], charts: list[dict[str, object]]) -> None:
    assert facts["scrollWidth"] == facts["clientWidth"] and facts["clientWidth"] <= 1280  # type: ignore[operator]
    assert facts["tofu"] == [] and facts["japanese"] > 50  # type: ignore[operator]
    for chart in charts:
        assert chart["inside"] and chart["width"] > 100 and chart["height"] > 40, chart  # type: ignore[operator]
        assert chart["paths"] > 3, chart  # type: ignore[operator]  # axes, ticks, and the drawn series


def test_series_page_in_a_browser(browsed: dict[str, dict[str, str]]) -> None:
    facts, charts = _opened(browsed, "series")  # plandiff.history of tests/history_series.py's five editions
    _fits(facts, charts)
    kinds = [c["kind"] for c in charts]
    assert kinds.count("target") == 1 and kinds.count("lineage") == 2  # one target; I.1.(1)② and I.2.(2)②
    target = next(c for c in charts if c["kind"] == "target")
    assert target["values"] == ",".join(str(v) for v in TARGET_VALUES)
    lineage = [c["values"] for c in charts if c["kind"] == "lineage"]
    assert any("11110" in str(v).split(";") for v in lineage)  # the dropped measure's bar ends in 2024


def test_budget_book_page_in_a_browser(browsed: dict[str, dict[str, str]]) -> None:
    for name in (R7, R8):
        shared(name)  # skips, saying why, where ../shared is absent (the page is not made there)
    facts, charts = _opened(browsed, "fuji")  # plandiff.history of the R7 and R8 books
    _fits(facts, charts)
    budget = [c for c in charts if c["kind"] == "budget"]
    assert len(budget) == 12  # the twelve largest moves
    assert all(len(str(c["values"]).split(",")) == 2 for c in budget)
