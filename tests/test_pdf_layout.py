"""PDF layout on real documents: vertical text, a table beside prose, 款/項 columns, rows kept together.

Expected values were read off the rendered pages (pdftoppm), not from the reader's output.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from plandiff.readers.lines import SourceLine
from plandiff.readers.pdf import pdf_lines

DOCUMENTS = Path(__file__).resolve().parents[2] / "shared" / "documents"
pytestmark = pytest.mark.skipif(
    not DOCUMENTS.is_dir(), reason="../shared/documents (the real PDFs) is absent in this clone"
)
NEWSLETTER_R3 = "otoineppu-village-newsletter-2021-03-budget-r3.pdf"
FUJI_R8 = "fuji-city-budget-r8-summary.pdf"


@cache
def _lines(name: str) -> tuple[SourceLine, ...]:
    return pdf_lines((DOCUMENTS / name).read_bytes(), name)


def _page(name: str, page: int) -> list[str]:
    return [line.text for line in _lines(name) if line.page == page]


# 一般会計・歳出 on page 4 of the R3 newsletter, as printed: 項目, 予算額, 割合, 前年度対比
EXPENDITURE = [
    ("① 議会費", "1,919万円", "0.9％", "△37万円"),
    ("② 総務費", "1億6,765万円", "8.6％", "△656万円"),
    ("③ 民生費", "2億2,971万円", "11.8％", "△259万円"),
    ("④ 衛生費", "2億 281万円", "10.4％", "1,132万円"),
    ("⑤ 労働費", "33万円", "0.0％", "0万円"),
    ("⑥ 農林水産費", "2,876万円", "1.5％", "△312万円"),
    ("⑦ 商工費", "1億1,976万円", "6.1％", "1,114万円"),
    ("⑧ 土木費", "1億4,468万円", "7.4％", "△2,950万円"),
    ("⑨ 消防費", "9,911万円", "5.1％", "△1,060万円"),
    ("⑩ 教育費", "1億7,205万円", "8.8％", "△277万円"),
    ("⑪ 災害復旧費", "1万円", "0.0％", "0万円"),
    ("⑫ 公債費", "3億2,371万円", "16.6％", "328万円"),
    ("⑬ 諸支出金", "0万円", "0.0％", "0万円"),
    ("⑭ 給与費", "4億4,284万円", "22.7％", "△128万円"),
    ("⑮ 予備費", "341万円", "0.1％", "205万円"),
]


def _squash(text: str) -> str:
    return text.replace("\t", " ").replace(" ", "")


def test_newsletter_expenditure_table_rows_in_order_without_neighbouring_prose() -> None:
    texts = _page(NEWSLETTER_R3, 4)
    start = texts.index("一般会計・歳出")
    rows = [t for t in texts[start + 1 :] if t.startswith(tuple("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"))][:15]
    assert len(rows) == 15
    for row, (label, amount, share, change) in zip(rows, EXPENDITURE, strict=True):
        assert row.split("\t")[0] == label
        assert _squash(row) == _squash(label + amount + share + change)  # nothing else in the row
    total = next(t for t in texts[start:] if t.startswith("合計"))
    assert _squash(total) == "合計19億5,400万円△2,900万円"
    # the table and the prose beside it are apart: the prose is one paragraph of its own
    prose = next(t for t in texts[start:] if t.startswith("このような減額予算"))
    assert "老朽化していた雪寒機械の更新が一定終了したことによるものですが" in prose
    assert "\t" not in prose


def test_newsletter_revenue_rows_first_five_are_table_rows_with_their_amounts() -> None:
    texts = _page(NEWSLETTER_R3, 4)
    header = texts.index("項目\t予算額\t割合\t前年度対比")
    assert texts[header + 1 : header + 6] == [
        "⑴ 村税\t8,672万円 4.4％\t△87万円",
        "⑵ 分担金および負担金\t87万円 0.1％\t△131万円",
        "⑶ 使用料および手数料\t4,998万円 2.6％\t△153万円",
        "⑷ 財産収入\t1,908万円 1.0％\t△179万円",
        "⑸ 繰越金\t800万円 0.4％\t0万円",
    ]
    labels = ["⑴ 村税", "⑵ 分担金および負担金", "⑶ 使用料および手数料", "⑷ 財産収入", "⑸ 繰越金"]
    labels += ["⑹ 繰入金", "⑺ 諸収入", "⑻ 各種交付金", "⑼ 地方譲与税", "⑽ 地方交付税"]
    labels += ["⑾ 国庫支出金", "⑿ 道支出金", "⒀ 寄付金", "⒁ 村債"]
    assert [t.split("\t")[0] for t in texts if t.split("\t")[0] in labels] == labels  # 14 款, in order


def test_vertical_paragraph_reads_in_order_as_one_line() -> None:
    texts = _page(NEWSLETTER_R3, 4)
    paragraph = next(t for t in texts if t.startswith("令和３年度当初予算が"))
    assert paragraph.startswith("令和３年度当初予算が、３月９日から開催された村議会第１回定例会において成立しました。")
    assert paragraph.endswith("前年度比２，２４０万円の減となっています。")  # the last column, read last


def test_vertical_article_is_prose_not_single_character_rows() -> None:
    texts = _page(NEWSLETTER_R3, 2)
    assert any(t.startswith("こんにちは、地域おこし協力隊の足立です。") for t in texts)
    assert not any(t.count("\t") >= 3 and all(len(c) <= 1 for c in t.split("\t")) for t in texts)


def test_budget_book_kan_and_kou_in_their_own_columns_rows_together() -> None:
    texts = _page(FUJI_R8, 4)
    start = next(i for i, t in enumerate(texts) if t.startswith("1 市税"))
    rows = [t.split("\t") for t in texts[start : start + 7]]
    # 款 in the first column, 項 in the second, the amount last; no blank line between the rows
    assert [(r[0], r[1], r[-1]) for r in rows] == [
        ("1 市税", "", "49,286,300"),
        ("", "1 市民税", "18,719,000"),
        ("", "2 固定資産税", "23,861,300"),
        ("", "3 軽自動車税", "896,700"),
        ("", "4 市たばこ税", "2,001,000"),
        ("", "5 都市計画税", "3,808,300"),
        ("2 地方譲与税", "", "685,000"),
    ]


def test_budget_book_rules_text_reads_as_prose() -> None:
    texts = _page(FUJI_R8, 3)
    assert "第１条 歳入歳出予算の総額は、歳入歳出それぞれ１１０，８００，０００千円と定める。" in texts
    assert "令和８年２月１３日提出" in texts
