"""HTML output: one self-contained page, every piece of plan text escaped."""

from __future__ import annotations

import re

from plandiff.diff import compare
from plandiff.model import Document
from plandiff.render.html import to_html
from plandiff.report import render_changelog
from tests.conftest import CORPUS
from tests.variants import edit, parse, rolled


def test_html_is_self_contained_and_escapes_plan_text(fy2021: Document, fy2021_text: str) -> None:
    hostile = "- ・<script>alert('x')</script><img src=x onerror=alert(1)> **太字** を行う。"
    text = edit(
        rolled(fy2021_text),
        "- ・ノンネーム情報連絡会等を通じ、県域をまたいだマッチング支援の強化に取り組む。\n",
        hostile + "\n",
    )
    page = render_changelog(compare(fy2021, parse(text)), "html")
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert "<script" not in page and "<img" not in page
    # shown as written (after the display repair that closes spaces next to CJK characters)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; **太字**を行う。" in page
    # no external assets: nothing is fetched from anywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page


def test_html_renders_the_changelog(fy2021: Document) -> None:
    page = render_changelog(compare(fy2021, CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"), "html")
    assert "<title>plandiff: 令和3年度計画 → 令和4年度計画</title>" in page
    assert page.count("<table>") == 5  # summary; targets; budget totals, largest moves, changed lines
    assert "成約件数を<del>260</del><ins>300</ins>件以上とする。" in page  # no spaces inside Japanese text
    assert to_html("# a", "t") == to_html("# a", "t")
