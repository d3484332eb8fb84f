"""A newsletter's budget issue is its budget feature: the village news around it is set aside, said so in a
notice, and never compared. What is expected is read off the rendered pages of the two 広報おといねっぷ issues
(R2: the budget on pp.1–4, news from p.5, クロカン部 onwards; R3: 地域おこし協力隊活動報告 and むらのわだい on
pp.2–3, the budget on pp.4–6, 暮らしの掲示板 from p.7) and checked against PDFium's own text of each page."""

from __future__ import annotations

import json
import re

import pypdfium2 as pdfium

from plandiff.diff import compare
from plandiff.model import Document
from plandiff.report import render_changelog
from tests.cli import invoke
from tests.shared_docs import parsed, shared

OTO_R2 = "otoineppu-village-newsletter-2020-03-budget-r2.pdf"
OTO_R3 = "otoineppu-village-newsletter-2021-03-budget-r3.pdf"
NEWS_R2 = [5, 6, 7, 8, 9, 10, 11, 12]  # read off the rendered pages
NEWS_R3 = [2, 3, 7, 8, 9, 10, 11, 12]


def _pages_without_budget_words(name: str) -> list[int]:
    """PDFium's text of each page (not plandiff's reader): the pages that say neither 予算 nor an amount."""
    document = pdfium.PdfDocument(shared(name))
    try:
        texts = ["".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()
    return [n for n, text in enumerate(texts, start=1) if "予算" not in text and not re.search("[万千億]円", text)]


def _pages_read(document: Document) -> set[int | None]:
    return (
        {s.page for s in document.sections}
        | {m.page for m in document.measures}
        | {row.page for t in document.tables for row in t.rows}
    )


def test_the_news_pages_are_the_pages_the_rendered_issues_show() -> None:
    assert _pages_without_budget_words(OTO_R2) == NEWS_R2
    assert _pages_without_budget_words(OTO_R3) == NEWS_R3


def test_the_news_pages_are_set_aside_and_said_to_be() -> None:
    for name, news, written in ((OTO_R2, NEWS_R2, "5–12"), (OTO_R3, NEWS_R3, "2–3, 7–12")):
        document = parsed(name)
        assert _pages_read(document).isdisjoint(news), name
        assert [(n.code, n.get("pages")) for n in document.notices if n.code == "outside_feature"] == [
            ("outside_feature", written)
        ]
    notice = next(n for n in parsed(OTO_R3).notices if n.code == "outside_feature")
    assert notice.text("ja").startswith("2–3、7–12頁には予算の記述")
    assert notice.text("en").startswith("pages 2–3, 7–12 say nothing of the budget")


def test_the_budget_feature_is_read_whole() -> None:
    # the 主要事業 pages are kept: R2 p.3–4 and R3 p.5–6 name the projects with their amounts
    assert {3, 4} <= _pages_read(parsed(OTO_R2))
    assert {4, 5, 6} <= _pages_read(parsed(OTO_R3))
    assert any("遊具設置事業" in m.text for m in parsed(OTO_R2).measures)  # R2 p.4, 291万円
    assert any("村有林整備事業" in m.text for m in parsed(OTO_R3).measures)  # R3 p.6, 2,032万円


def test_the_changelog_opens_with_the_budgets_size_and_tells_no_village_news() -> None:
    changelog = compare(parsed(OTO_R2), parsed(OTO_R3))
    for change in changelog.changes:
        for side, news in ((change.old, NEWS_R2), (change.new, NEWS_R3)):
            assert all(loc.page not in news for loc in side), change.id
    text = render_changelog(changelog, "markdown", "ja")
    summary = text.split("## 要旨\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # R3 p.4: 「一般会計歳入予算総額は19億5,400万円となり、前年度比1.5％、2,900万円減」
    assert summary[0] == "1. 歳入 一般会計 合計（予算額）を減額（△2,900万円、△1.5%）"
    # the news pages' articles: the クロカン部's win (R2 p.5), 自衛官募集 (R3 p.8), the 協力隊's report (R3 p.2)
    assert "女子総合優勝" not in text and "自衛官募集" not in text and "協力隊活動報告" not in text
    assert "- 注意：【改正前】5–12頁には予算の記述" in text
    assert "- 注意：【改正後】2–3、7–12頁には予算の記述" in text


def test_a_japanese_report_says_its_reconciliation_rules_in_japanese() -> None:
    text = render_changelog(compare(parsed(OTO_R2), parsed(OTO_R3)), "markdown", "ja")
    # R3 p.5's 会計区分 table: 後期高齢者医療's 前年度対比 is printed 210 where the other figures need △210
    assert "会計別  合計 | 前年度対比: 660、内訳の合計 1,080（差 △ 420、許容 ±6；合計 = 最上位の行の和）" in text
    assert "the top rows" not in text
    assert "\n### 会計別\n" in text  # the 会計区分 table names no account: no dangling dash


def test_the_json_carries_the_notice_as_data() -> None:
    result = invoke("diff", "-f", "json", str(shared(OTO_R2)), str(shared(OTO_R3)))
    assert result.returncode == 1
    notices = json.loads(result.stdout)["notices"]
    assert {"code": "outside_feature", "fields": {"edition": "old", "pages": "5–12"}} in notices
    assert {"code": "outside_feature", "fields": {"edition": "new", "pages": "2–3, 7–12"}} in notices


def test_a_row_inside_a_table_is_not_told_as_the_budgets_size() -> None:
    # 富士市 市税: the 目 固定資産税 moved with its two 節 but is no table's total; its 節 are the news.
    # R7 p.20 現年課税分 23,101,000, R8 p.20 23,743,000 (千円): +642,000, +2.8%
    r7, r8 = "fuji-city-budget-r7-revenue-01-city-tax.pdf", "fuji-city-budget-r8-revenue-01-city-tax.pdf"
    text = render_changelog(compare(parsed(r7), parsed(r8)), "markdown", "ja")
    summary = text.split("## 要旨\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert summary[0] == (
        "1. 事項別明細書 一般会計 市税 / 固定資産税 / 固定資産税 / 現年課税分（金額）を増額（+642,000千円、+2.8%）"
    )
    assert not any("固定資産税 / 固定資産税（本年度予算額）" in line for line in summary)
