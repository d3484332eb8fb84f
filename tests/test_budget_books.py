"""Budget books (富士市 予算書 概要, 市税 detail) and a village newsletter (音威子府村 当初予算), R7 → R8 and R2 → R3.

What plandiff reports is checked against the books' own columns, read independently of the
extraction code: a small reader over pypdfium2's plain page text (a row is a name and three numbers:
本年度, 前年度, 比較), and values written out by hand from the rendered pages.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.classify.budget_changes import compare_budget
from plandiff.conventions import by_name
from plandiff.diff import compare
from plandiff.extract.budget import budget_items, budget_lines, reconcile
from plandiff.extract.budget_book import read_value
from plandiff.extract.units import to_yen
from plandiff.model import Change, Document, SourceLine
from plandiff.parse.build import assemble
from plandiff.render.budget import budget_listing, budget_markdown
from plandiff.render.jsonout import render as render_json
from tests.shared_docs import cached_read, shared

R7, R8 = "fuji-city-budget-r7-summary.pdf", "fuji-city-budget-r8-summary.pdf"
TAX7, TAX8 = "fuji-city-budget-r7-revenue-01-city-tax.pdf", "fuji-city-budget-r8-revenue-01-city-tax.pdf"
OTO2, OTO3 = "otoineppu-village-newsletter-2020-03-budget-r2.pdf", "otoineppu-village-newsletter-2021-03-budget-r3.pdf"


@cache
def doc(name: str) -> Document:
    return cached_read(str(shared(name)))


@cache
def changes(old: str, new: str) -> tuple[Change, ...]:
    return compare_budget(doc(old), doc(new)).changes


# ---- an independent reader: pypdfium2's page text, rows of a name and three numbers -------------

_NUM = r"△?[0-9][0-9,]*"
_ROW = re.compile(
    rf"^(?P<pre>(?:[0-9]+\s+)?\D*?)\s*(?P<cur>{_NUM})\s+(?P<prev>{_NUM})\s+(?P<diff>{_NUM})(?:\s+{_NUM})*\s*(?P<post>\D*)$"
)


def _int(text: str) -> int:
    return -int(text[1:].replace(",", "")) if text.startswith("△") else int(text.replace(",", ""))


def book_rows(name: str, pages: range) -> dict[str, tuple[int, int, int]]:
    """name → (本年度, 前年度, 比較) for every row of the given pages that prints three numbers."""
    pdf = pypdfium2.PdfDocument(str(shared(name)))
    out: dict[str, tuple[int, int, int]] = {}
    for index in pages:
        for raw in pdf[index].get_textpage().get_text_range().splitlines():
            m = _ROW.match(unicodedata.normalize("NFKC", raw).strip())
            if not m:
                continue
            label = "".join((m.group("pre") + m.group("post")).split())
            label = re.sub(r"^[0-9]+", "", label)
            if label:
                out[label] = (_int(m.group("cur")), _int(m.group("prev")), _int(m.group("diff")))
    pdf.close()
    return out


def row_of(change: Change) -> tuple[str, ...]:
    value = change.data["row"]
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


def reported(found: tuple[Change, ...], statement: str) -> dict[str, Change]:
    """Changed 本年度 lines of one statement, by the row's last label."""
    return {
        "/".join(c.data["row"]): c  # type: ignore[arg-type]
        for c in found
        if c.change == "changed" and c.data.get("statement") == statement and c.data["column"] == ["本年度予算額"]
    }


# ---- 富士市 R7 → R8: 総括 and 市税, every line against the book's own three columns ----------------


def test_summary_lines_match_the_books_own_columns() -> None:
    rows = book_rows(R8, range(16, 18))  # 事項別明細書 総括 歳入, 歳出 (pp. 17-18)
    assert len(rows) >= 36  # 22 歳入款 + 14 歳出款 + the totals
    lines = [ln for ln in budget_lines(doc(R8)) if ln.statement.startswith("事項別明細書 総括")]
    found = {
        **reported(changes(R7, R8), "事項別明細書 総括 歳入"),
        **reported(changes(R7, R8), "事項別明細書 総括 歳出"),
    }
    checked = 0
    for ln in lines:
        if ln.role != "current" or ln.row[-1] not in rows:
            continue
        cur, prev, diff = rows[ln.row[-1]]
        assert ln.amount == cur, ln
        key = "/".join(ln.row)
        if diff == 0:
            assert key not in found, f"{key}: 比較 0 but reported"
            continue
        change = found[key]
        assert (change.data["old_amount"], change.data["new_amount"], change.data["delta"]) == (prev, cur, diff)
        assert change.data["book_previous"] == prev and change.data["book_difference"] == diff
        checked += 1
    assert checked >= 30


def test_city_tax_lines_match_the_books_own_columns() -> None:
    rows = book_rows(TAX8, range(0, 3))
    found = reported(changes(TAX7, TAX8), "事項別明細書")
    lines = [ln for ln in budget_lines(doc(TAX8)) if ln.role == "current" and ln.column == ("本年度予算額",)]
    assert len(lines) == 13  # 8 目 and 5 計 of the five 項
    checked = 0
    for ln in lines:
        name = ln.row[-1]
        if name not in rows or name == "計":
            continue
        cur, prev, diff = rows[name]
        key = "/".join(ln.row)
        assert ln.amount == cur
        if diff == 0:
            assert key not in found
        else:
            c = found[key]
            assert (c.data["old_amount"], c.data["new_amount"], c.data["delta"]) == (prev, cur, diff)
            checked += 1
    assert checked == 6  # 個人, 法人, 固定資産税, 環境性能割, 種別割, 市たばこ税 (+ 都市計画税 under its broken glyph)


# read off the rendered pages by hand: (statement, row, 本年度, 前年度, 比較) of R8
HAND = [
    ("事項別明細書 総括 歳入", ("市税",), 49_286_300, 48_352_400, 933_900),  # p.17
    ("事項別明細書 総括 歳入", ("環境性能割交付金",), 2_000, 110_000, -108_000),
    ("事項別明細書 総括 歳入", ("諸収入",), 1_973_375, 3_283_372, -1_309_997),
    ("事項別明細書 総括 歳入", ("歳入合計",), 110_800_000, 104_500_000, 6_300_000),
    ("事項別明細書 総括 歳出", ("消防費",), 6_082_682, 3_947_692, 2_134_990),  # p.18
    ("事項別明細書 総括 歳出", ("教育費",), 12_402_939, 13_345_799, -942_860),
    ("事項別明細書", ("市税", "市民税", "法人"), 2_515_500, 2_580_200, -64_700),  # 市税 p.1
    ("事項別明細書", ("市税", "軽自動車税", "環境性能割"), 18_000, 85_000, -67_000),
]


@pytest.mark.parametrize(("statement", "row", "cur", "prev", "diff"), HAND)
def test_hand_sample(statement: str, row: tuple[str, ...], cur: int, prev: int, diff: int) -> None:
    pair = (TAX7, TAX8) if statement == "事項別明細書" else (R7, R8)
    c = reported(changes(*pair), statement)["/".join(row)]
    assert (c.data["old_amount"], c.data["new_amount"], c.data["delta"]) == (prev, cur, diff)


def test_books_check_themselves() -> None:
    for name in (R7, R8, TAX7, TAX8):
        r = reconcile(doc(name))
        assert r.findings == (), name
        assert r.checked >= 28
    assert not [c for c in changes(R7, R8) if c.change == "previous_differs"]  # R8's 前年度 = R7's 本年度


def test_parts_are_grouped_with_the_totals_that_follow() -> None:
    found = [
        c for c in changes(R7, R8) if c.change == "changed" and c.data.get("statement") == "第1表 歳入歳出予算 歳入"
    ]
    shizei = next(c for c in found if c.data["row"] == ["市税"])
    assert shizei.data["follows_exactly"] is True and len(shizei.data["follows"]) == 5  # type: ignore[arg-type]
    text = budget_markdown(compare_budget(doc(R7), doc(R8)))
    assert re.search(r"- \d+ edits; \d+ totals follow: 市税 \+933,900", text)


def test_second_table_items_come_and_go() -> None:
    found = changes(R7, R8)
    added = {c.data["row"][0] for c in found if c.change == "item_added"}  # type: ignore[index]
    removed = {c.data["row"][0] for c in found if c.change == "item_removed"}  # type: ignore[index]
    assert "例規集データ更新業務" in added and "財務会計システム改修業務" in removed
    assert "田子浦小学校校舎改築事業" in added
    items = {i.name: i for i in budget_items(doc(R8)) if i.statement.startswith("第2表")}
    assert dict(items["例規集データ更新業務"].fields) == {"期間": "9年度から13年度まで", "限度額": "１４，９１３"}
    assert items["例規集データ更新業務"].yen == 14_913_000
    assert items["ふるさと納税制度特産品配布等業務"].amount is None  # 寄附金額に応じた…: text, not an amount
    # R7 p.10 prints （ 延 長 運 用 分 ） spaced over cells: the closing parenthesis is the name's own
    assert "第2期共同電算化事業(延長運用分)" in {i.name for i in budget_items(doc(R7))}
    text = budget_markdown(compare_budget(doc(R7), doc(R8)))
    assert "**Item new**: 例規集データ更新業務 (期間 9年度から13年度まで, 限度額 １４，９１３)" in text


# ---- a 項 name wrapped around its number; the 補正予算整理表 ------------------------------------------

# 第1表 p.5 as rendered (both books): 10 地方特例交付金 > 2 新型コロナウイルス感染症対策地方税減収補塡特別 /
# 交付金 (the name wrapped in its cell), 26,000 (R7) and 5,000 (R8) 千円
COVID = "新型コロナウイルス感染症対策地方税減収補塡特別交付金"


def wrapped_row(name: str) -> tuple[str, int]:
    """PDFium's page text of 第1表 p.5: the number alone on a line, the name's two lines, the amount."""
    pdf = pypdfium2.PdfDocument(str(shared(name)))
    text = unicodedata.normalize("NFKC", pdf[4].get_textpage().get_text_range())
    pdf.close()
    m = re.search(r"(?m)^2\r?\n(\S[^\r\n]*)\r?\n(\S+) ([0-9,]+)\r?$", text)
    assert m, name
    return "".join((m.group(1) + m.group(2)).split()), _int(m.group(3))


def test_a_name_wrapped_around_its_number_is_read_in_full() -> None:
    for name, amount in ((R7, 26_000), (R8, 5_000)):
        label, printed = wrapped_row(name)
        assert printed == amount
        rows = {ln.row: ln for ln in budget_lines(doc(name)) if ln.statement == "第1表 歳入歳出予算 歳入"}
        line = rows[("地方特例交付金", label)]
        assert (line.amount, line.unit, line.yen) == (amount, "千円", amount * 1_000)
        assert not [r for r in rows if re.fullmatch(r"[0-9]+", r[-1])]  # no row named by its number alone
        assert not [r for r in rows if r[-1] == "交付金"]  # nor by the name's last line
    # R8's text layer prints the name in full; R7's maps 塡 to a space (PDFium: U+0020 there, not generated)
    assert wrapped_row(R8)[0] == COVID
    assert wrapped_row(R7)[0] == COVID.replace("塡", "")
    found = [c for c in changes(R7, R8) if c.data.get("statement") == "第1表 歳入歳出予算 歳入"]
    c = next(c for c in found if c.data["row"] == ["地方特例交付金", COVID])
    assert (c.change, c.data["old_amount"], c.data["new_amount"], c.data["delta"]) == (
        "changed",
        26_000,
        5_000,
        -21_000,
    )
    assert c.data["unit"] == "千円"


def test_first_tables_totals_spaced_over_cells_are_read() -> None:
    # 第1表 歳入合計 (p.6) and 歳出合計 (p.9) as rendered = the 総括's 歳入合計 / 歳出合計 本年度 (pp.17-18)
    for name in (R7, R8):
        rows = book_rows(name, range(16, 18))
        lines = {(ln.statement, ln.row): ln.amount for ln in budget_lines(doc(name))}
        for side in ("歳入", "歳出"):
            assert lines[(f"第1表 歳入歳出予算 {side}", (f"{side}合計",))] == rows[f"{side}合計"][0]


def seiri_figures(name: str, page: int) -> list[int]:
    """The 現計 figures of the 一般会計補正予算整理表 in PDFium's page text (p.15 歳入, p.16 歳出), in order."""
    pdf = pypdfium2.PdfDocument(str(shared(name)))
    text = unicodedata.normalize("NFKC", pdf[page].get_textpage().get_text_range())
    pdf.close()
    assert "".join(text.splitlines()[0].split()) == "一般会計補正予算整理表"
    return [_int(m) for m in re.findall(r"(?m)^現計 ([0-9,]+)\r?$", text)]


def test_the_supplementary_budget_sheet_is_checked_and_set_aside() -> None:
    from plandiff.extract.budget import _book

    for name in (R7, R8):
        # the 総括 (pp.17-18) prints each 款's 本年度 in the order of the sheet's 款 別, then the total
        revenue, expenditure = book_rows(name, range(16, 17)), book_rows(name, range(17, 18))
        expected = {"歳入": [v[0] for v in revenue.values()], "歳出": [v[0] for v in expenditure.values()]}
        printed = {"歳入": seiri_figures(name, 14), "歳出": seiri_figures(name, 15)}
        assert [len(printed["歳入"]), len(printed["歳出"])] == [23, 15]  # 22 款 + 歳入合計; 14 款 + 歳出合計
        assert printed == expected
        lines = budget_lines(doc(name))
        assert not [ln for ln in lines if "現計" in ln.row or "限度額" in ln.column or not ln.statement]
        book = _book(doc(name))
        assert book is not None
        aside = {s.side: s for s in book.set_aside}
        assert set(aside) == {"歳入", "歳出"}
        for side, s in aside.items():
            assert s.sheet == "一般会計補正予算整理表" and s.restates == f"第1表 歳入歳出予算 {side}"
            assert list(s.figures) == [v * 1_000 for v in printed[side]]
            assert s.matched == len(s.figures)
            assert "一致します" in s.note
        assert reconcile(doc(name)).findings == ()
        # what was set aside is said where the reader looks: the budget listing, its JSON, the changelog
        notes = [
            f"一般会計補正予算整理表（{side}）の現計{n}件は「第1表 歳入歳出予算 {side}」の各款の金額と{side}合計に一致します（予算の行には重ねて数えません）"
            for side, n in (("歳入", 23), ("歳出", 15))
        ]
        assert list(reconcile(doc(name)).notes) == notes
        listing = budget_listing(lines, reconcile(doc(name)), "markdown")
        assert listing.rstrip("\n").split("\n")[-2:] == [f"- {n}" for n in notes]
        assert json.loads(budget_listing(lines, reconcile(doc(name)), "json"))["reconciliation"]["notes"] == notes
    lines_changed = [c for c in changes(R7, R8) if not c.change.startswith("item_")]  # 第2表's items have 限度額
    assert not [c for c in lines_changed if "現計" in (c.data.get("row") or ()) or c.data.get("column") == ["限度額"]]
    assert all(c.data.get("statement") for c in lines_changed)


def test_names_wrapped_around_numbers_and_a_sheet_that_disagrees() -> None:
    from plandiff.extract.budget import _book as reading

    wrapped = _book(
        [
            "10 地方特例交付金\t\t\t458,000",
            "\t1 地方特例交付金\t\t453,000",
            "長い名前の項その一の",
            "\t2\t3,000",
            "前半と後半",
            "長い名前の項その二の",
            "\t3\t2,000",
            "前半と後半",
            "11 地方交付税\t\t\t200,000",
        ]
    )
    assert [(ln.row, ln.amount) for ln in budget_lines(wrapped)] == [
        (("地方特例交付金",), 458_000),
        (("地方特例交付金", "地方特例交付金"), 453_000),
        (("地方特例交付金", "長い名前の項その一の前半と後半"), 3_000),
        (("地方特例交付金", "長い名前の項その二の前半と後半"), 2_000),
        (("地方交付税",), 200_000),
    ]
    sheet = ["予 算 説 明 書", "一 般 会 計 補 正 予 算 整 理 表", "（歳\t入）\t（単位 千円）", "１.市\t税"]
    sheet += ["２.地 方 譲 与 税", "歳\t入\t合\t計", "補正", "現計\t100", "補正\t", "現計\t60", "補正\t", "現計\t150"]
    document = _book(["1 市税\t\t\t100", "2 地方譲与税\t\t\t50", "\t歳 入 合\t\t計\t\t150", *sheet])
    assert [(ln.row, ln.amount) for ln in budget_lines(document)] == [
        (("市税",), 100),
        (("地方譲与税",), 50),
        (("歳入合計",), 150),
    ]
    findings = reconcile(document).findings
    assert [(f.statement, f.row, f.column, f.expected, f.actual) for f in findings] == [
        ("一般会計補正予算整理表 歳入", ("地方譲与税",), ("現計",), 50, 60)
    ]
    book = reading(document)
    assert book is not None and [(s.figures, s.matched) for s in book.set_aside] == [((100_000, 60_000, 150_000), 2)]
    assert "1件が「第1表 歳入歳出予算 歳入」の款の金額と一致しません" in book.set_aside[0].note


# ---- 音威子府村 R2 → R3 ------------------------------------------------------------------------

# R3's 歳入 table (p.4) by hand: 款 → (予算額 万円, 前年度対比 万円); R2's 予算額 = 予算額 − 前年度対比
OTO_R3 = {"村税": (8_672, -87), "繰入金": (14_193, -2_525), "地方交付税": (132_500, 500), "村債": (10_270, -140)}


def test_newsletter_lines_and_their_comparison() -> None:
    found = {row_of(c): c for c in changes(OTO2, OTO3) if c.change == "changed"}
    for name, (cur, diff) in OTO_R3.items():
        c = found[(name,)]
        assert (c.data["new_amount"], c.data["unit"]) == (cur, "万円")
        assert abs(c.data["delta"] - diff) <= 1  # type: ignore[operator]  # 万円 figures are rounded
    total = found[("合計",)]
    assert (total.data["old_amount"], total.data["new_amount"], total.data["delta"]) == (198_300, 195_400, -2_900)
    assert total.data["delta_yen"] == -29_000_000
    lines = {(ln.statement, ln.row): ln for ln in budget_lines(doc(OTO3)) if ln.role == "current"}
    assert lines[("歳入", ("合計",))].yen == 1_954_000_000 and lines[("歳入", ("合計",))].raw == "19億5,400万円"
    assert lines[("会計別", ("合計",))].yen == 285_800_000
    assert lines[("歳出", ("給与費",))].amount == 44_284


# the 歳出 tables by hand, 万円: R2 p.2 予算額; R3 p.4 予算額 and 前年度対比
OTO_EXPENDITURE = {
    "議会費": (1_955, 1_919, -37),
    "総務費": (17_421, 16_765, -656),
    "民生費": (23_231, 22_971, -259),
    "衛生費": (19_149, 20_281, 1_132),
    "労働費": (34, 33, 0),
    "農林水産費": (3_188, 2_876, -312),
    "商工費": (10_862, 11_976, 1_114),
    "土木費": (17_418, 14_468, -2_950),
    "消防費": (10_971, 9_911, -1_060),
    "教育費": (17_482, 17_205, -277),
    "公債費": (32_042, 32_371, 328),
    "給与費": (44_409, 44_284, -128),
    "予備費": (137, 341, 205),
}


def test_newsletter_expenditure_lines_across_editions() -> None:
    # R2's 歳出 labels are set beside the prose that explains them, in another type size: read as one table
    found = [c for c in changes(OTO2, OTO3) if c.change == "changed" and c.data["statement"] == "歳出"]
    by_row = {row_of(c)[0]: c for c in found}
    for name, (old, new, _) in OTO_EXPENDITURE.items():
        c = by_row[name]
        assert (c.data["old_amount"], c.data["new_amount"]) == (old, new), name
    # 災害復旧費 1 and 諸支出金 0 are the same in both years: not reported
    assert not {"災害復旧費", "諸支出金"} & set(by_row)
    # R3's own 前年度対比 agrees with R2's 予算額 within the 万円 rounding, but for 給与費 (see below)
    for name, (old, new, diff) in OTO_EXPENDITURE.items():
        assert abs((new - diff) - old) <= 1 or name == "給与費", name


# the 会計別 (特別会計) tables by hand, 万円: R2 p.3 予算額; R3 p.5 予算額 and 前年度対比 as printed
OTO_ACCOUNTS = {
    "国民健康保険": (9_700, 9_700, 0),
    "簡易水道事業": (3_390, 3_640, 250),
    "農業集落排水事業": (3_550, 3_800, 250),
    "介護保険(保険事業)": (6_120, 6_350, 230),
    "介護保険(サービス事業)": (3_280, 3_420, 140),
    "後期高齢者医療": (1_880, 1_670, 210),  # printed 210: the total needs △210
    "合計": (27_920, 28_580, 660),
}


def test_newsletter_account_totals_across_editions() -> None:
    # R2 sets the 会計区分 header above the 特別会計 label and its rows below it: one table still
    lines = {ln.row[0]: ln for ln in budget_lines(doc(OTO2)) if ln.statement == "会計別" and ln.role == "current"}
    assert {name: ln.amount for name, ln in lines.items()} == {name: old for name, (old, _, _) in OTO_ACCOUNTS.items()}
    found = {row_of(c)[0]: c for c in changes(OTO2, OTO3) if c.change == "changed" and c.data["statement"] == "会計別"}
    for name, (old, new, printed) in OTO_ACCOUNTS.items():
        if old == new:
            assert name not in found  # 国民健康保険: the same in both years, not reported
            continue
        assert (found[name].data["old_amount"], found[name].data["new_amount"]) == (old, new), name
        assert new - old == printed or name == "後期高齢者医療", name


def test_newsletter_revisions_and_misprints_are_reported() -> None:
    revised = {c.data["row"][0]: c for c in changes(OTO2, OTO3) if c.change == "previous_differs"}  # type: ignore[index]
    # R2 諸収入 3,440万円; R3: 2,188 − (△941) = 3,129 万円. R2 給与費 4億4,409万円; R3: 44,284 − (△128) = 44,412.
    # R2 後期高齢者医療 1,880万円; R3: 1,670 − 210 = 1,460 (R3's misprint: the 前年度対比 is △210)
    assert set(revised) == {"諸収入", "給与費", "後期高齢者医療"}
    assert revised["諸収入"].data["delta"] == -311
    assert revised["給与費"].data["delta"] == 3
    assert revised["後期高齢者医療"].data["delta"] == -420
    findings = reconcile(doc(OTO3)).findings  # 後期高齢者医療 printed 210万円 where the total needs △210
    assert [(f.statement, f.row, f.actual, f.expected) for f in findings] == [("会計別", ("合計",), 660, 1080)]
    new_rows = [c for c in changes(OTO2, OTO3) if c.change == "row_added"]
    assert any(c.new[0].text == "寄付金: 610万円" and c.data["new_amount"] == 610 for c in new_rows)


# ---- units, written amounts, variants ----------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "amount", "unit", "yen"),
    [
        ("49,286,300", 49_286_300, "", None),
        ("49,286,300千円", 49_286_300, "千円", 49_286_300_000),
        ("19億5,400万円", 195_400, "万円", 1_954_000_000),
        ("19 億 8,300 万円", 198_300, "万円", 1_983_000_000),
        ("1億 270万円", 10_270, "万円", 102_700_000),
        ("△87万円", -87, "万円", -870_000),
        ("8,672万円", 8_672, "万円", 86_720_000),
        ("２億円", 2, "億円", 200_000_000),
        ("△１，２３４百万円", -1_234, "百万円", -1_234_000_000),
    ],
)
def test_written_amounts(word: str, amount: int, unit: str, yen: int | None) -> None:
    value = read_value(word)
    assert value is not None and value.kind == "amount"
    assert (value.amount, value.unit) == (amount, unit)
    assert to_yen(value.amount, value.unit or "?") == yen


@pytest.mark.parametrize("word", ["4.4％", "0.0%", "△1.5％"])
def test_percentages_are_not_amounts(word: str) -> None:
    value = read_value(word)
    assert value is not None and value.kind == "share"


def _book(rows: list[str], unit: str = "千円") -> Document:
    text = ["令和８年度富士市一般会計予算", "", "第１表\t歳入歳出予算", "歳\t入", "款\t項\t金\t額", f"{unit}\t", *rows]
    lines = tuple(SourceLine(i + 1, t) for i, t in enumerate(text))
    return assemble(lines, family=by_name("budget_book"))


def test_a_table_restated_in_another_unit_is_not_a_change_but_the_unit_change_is_reported() -> None:
    old = _book(["1 市税\t\t\t49,286,300", "\t1 市民税\t\t18,719,000"], "千円")
    new = _book(["1 市税\t\t\t49,286", "\t1 市民税\t\t18,719"], "百万円")
    found = compare_budget(old, new).changes
    assert [c.change for c in found if c.change == "unit_changed"] == ["unit_changed"]
    moved = {row_of(c): c.data["delta_yen"] for c in found if c.change == "changed"}
    assert moved == {("市税",): -300_000}  # 49,286 百万円 against 49,286,300 千円; 市民税 is the same in yen
    same = _book(["1 市税\t\t\t49,286", "\t1 市民税\t\t18,719"], "百万円")
    exact = _book(["1 市税\t\t\t49,286,000", "\t1 市民税\t\t18,719,000"], "千円")
    restated = compare_budget(exact, same)
    assert [c.change for c in restated.changes] == ["unit_changed"]
    assert restated.unchanged == 2


def test_new_and_removed_rows_carry_their_amounts_in_markdown_and_json() -> None:
    old = _book(["1 市税\t\t\t49,286,300", "\t1 市民税\t\t18,719,000"])
    new = _book(["1 市税\t\t\t49,286,300", "\t1 市民税\t\t18,719,000", "2 地方譲与税\t\t\t685,000"])
    comparison = compare_budget(old, new)
    added = [c for c in comparison.changes if c.change == "row_added"]
    assert [(c.data["row"], c.data["new_amount"]) for c in added] == [(["地方譲与税"], 685_000)]
    assert "**Row new**: 地方譲与税: 685,000 千円" in budget_markdown(comparison)
    written = json.loads(render_json(compare(old, new)))
    row = next(c for c in written["changes"] if c["change"] == "row_added")  # typed: what differs is {old, new}
    assert (row["row"], row["amount"], row["unit"]) == (
        {"old": None, "new": ["地方譲与税"]},
        {"old": None, "new": 685_000},
        {"old": None, "new": "千円"},
    )


def test_misprints_of_the_difference_column_are_findings() -> None:
    header = ["\t款\t本年度予算額\t前年度予算額\t比\t較", "\t\t千円\t千円\t\t千円"]
    lines = [
        "１ 総\t括",
        "（歳\t入）",
        "歳入歳出予算事項別明細書",
        *header,
        "1 市税\t\t100\t90\t\t11",
        "2 地方譲与税\t\t5\t5\t\t0",
    ]
    document = assemble(tuple(SourceLine(i + 1, t) for i, t in enumerate(lines)), family=by_name("budget_book"))
    findings = reconcile(document).findings
    assert [(f.row, f.expected, f.actual, f.rule) for f in findings] == [(("市税",), 10, 11, "本年度 − 前年度 = 比較")]


# ---- no input crashes extraction ---------------------------------------------------------------

_CELL = st.one_of(
    st.sampled_from(
        ["", "1 市税", "\t1 市民税", "計", "合計", "歳 入 合 計", "款", "項", "金額", "本年度予算額", "比", "較"]
    ),
    st.sampled_from(["△743", "▲743", "-743", "−743", "ー", "(743)", "△ 743", "－743", "-", "4.4％", "8,672万円 4.4％"]),
    st.sampled_from(
        ["19億5,400万円", "1億 270万円", "△87万円", "49,286,300千円", "9年度から", "小長井", "⑴ 村税", "① 議会費"]
    ),
    st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(alphabet="0123456789,△▲-−ー億万千円%％ 款項目節計", max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=9), min_size=1, max_size=12),
    family=st.sampled_from(["budget_book", "koho"]),
)
def test_fuzzed_book_tables_never_crash(rows: list[list[str]], family: str) -> None:
    text = [
        "令和８年度一般会計予算",
        "第１表\t歳入歳出予算",
        "款\t項\t本年度予算額\t前年度予算額\t比較",
        *("\t".join(r) for r in rows),
    ]
    document = assemble(tuple(SourceLine(i + 1, t) for i, t in enumerate(text)), family=by_name(family))
    lines = budget_lines(document)
    reconcile(document)
    budget_items(document)
    for ln in lines:
        assert ln.amount is None or len(str(abs(ln.amount))) <= 15
    compare_budget(document, document)


def test_the_report_opens_with_the_size_of_the_budget() -> None:
    """The 要旨 of R7 → R8 leads with the budget's total (予算総則 第1条 of each book, PDFium's text of p.3:
    歳入歳出それぞれ 104,500,000千円 / 110,800,000千円), names the column of each figure, and tells a 款
    printed in both 第1表 and the 総括 once."""
    from plandiff.report import render_changelog

    totals = []
    for name in (R7, R8):
        text = "".join(pypdfium2.PdfDocument(shared(name))[2].get_textpage().get_text_range().split())
        written = re.search(r"歳入歳出それぞれ([０-９，]+)千円", text)
        assert written is not None
        totals.append(int(unicodedata.normalize("NFKC", written.group(1)).replace(",", "")))
    assert totals == [104_500_000, 110_800_000]
    report = render_changelog(compare(doc(R7), doc(R8)), "markdown", "ja")
    digest = report.split("## 要旨\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    change = totals[1] - totals[0]
    assert digest[0] == (
        f"1. 第1表 歳入歳出予算 歳入 一般会計 歳入合計（金額）を増額（+{change:,}千円、+{100 * change / totals[0]:.1f}%）"
    )
    assert all("（金額）" in line or "（本年度予算額" in line for line in digest)  # every figure says which it is
    told = [re.sub(r"^\d+\. .*? (\S+)（[^）]*）を", r"\1", line) for line in digest]
    assert len(told) == len(set(told)) == 8  # 市債 +2,249,500 is in 第1表 and the 総括: told once
