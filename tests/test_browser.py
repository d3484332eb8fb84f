"""The HTML report and the 新旧対照表 as real pages, in headless Chromium (Debian's ``chromium`` package).

Each page is opened at 1280 px with a probe script added to a copy (the pages themselves have none);
the probe (``PROBE``, tests/browser.py) writes into the DOM what the browser computed: the page's scroll
width, the colours of ``del``/``ins``, the ``#anchor`` links (the table of contents, a target row to its
measure), whether every one has its target and scrolls it into view, and, for every distinct Japanese
character of the page, whether it renders as a real glyph: each is drawn on a canvas in the page's own
font and compared with the box (.notdef, "tofu") that an unassigned code point draws in the same font.
The session's pages are opened in one browser (the fixture ``browsed``). ``.ci/run`` installs chromium
and fonts-noto-cjk when missing.
"""

from __future__ import annotations

import json

import pytest

from tests.browser import CHROMIUM, REASON

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=REASON)


def _facts(browsed: dict[str, dict[str, str]], page: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(browsed[page]["probe"])
    return data


def test_html_report_in_a_browser(browsed: dict[str, dict[str, str]]) -> None:
    facts = _facts(browsed, "report")
    assert facts["scrollWidth"] == facts["clientWidth"] and facts["clientWidth"] <= 1280  # type: ignore[operator]
    assert facts["del"] == "rgb(130, 7, 30)" and facts["delDeco"] == "line-through"  # removed: red, struck
    assert facts["ins"] == "rgb(17, 99, 41)" and facts["insDeco"] == "underline"  # added: green, underlined
    # real anchors: a table of contents and links from target rows to their measures, every one resolving
    assert isinstance(facts["tocLinks"], int) and facts["tocLinks"] >= 8
    assert isinstance(facts["measureLinks"], int) and facts["measureLinks"] >= 2
    assert facts["anchors"] == facts["tocLinks"] + facts["measureLinks"]  # type: ignore[operator]
    assert facts["brokenAnchors"] == []
    assert isinstance(facts["scrolledTo"], int) and 0 <= facts["scrolledTo"] < 900  # the measure is in view
    assert isinstance(facts["japanese"], int) and facts["japanese"] > 200
    assert facts["tofu"] == []


def test_taisho_in_a_browser(browsed: dict[str, dict[str, str]]) -> None:
    facts = _facts(browsed, "taisho")
    assert facts["scrollWidth"] == facts["clientWidth"]  # the two columns wrap, never overflow at 1280 px
    assert facts["delDeco"] == "underline" and facts["insDeco"] == "underline"  # 傍線 on both sides
    assert isinstance(facts["japanese"], int) and facts["japanese"] > 200
    assert facts["tofu"] == []
