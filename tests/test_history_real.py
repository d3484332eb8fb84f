"""Two-year histories of real books: 富士市 R7 → R8 (予算書 概要) and 音威子府村 R2 → R3 (広報の当初予算).
The budget trajectories are checked against the books' own figures read independently of plandiff:
the R8 book's 本年度 and 前年度 columns of 事項別明細書 総括 (pypdfium2's page text, pp. 17-18), and the
newsletters' 会計別 tables written out by hand from the rendered pages (R2 p.3, R3 p.5)."""

from __future__ import annotations

from functools import cache

import jsonschema

import plandiff
from plandiff.model.history import History
from plandiff.render.history_json import data, schema
from tests.shared_docs import parsed, shared
from tests.test_budget_books import OTO2, OTO3, R7, R8, book_rows

# 会計別 (特別会計), 万円, by hand: R2 p.3 予算額, R3 p.5 予算額
OTO_ACCOUNTS = {
    "国民健康保険": (9_700, 9_700),
    "簡易水道事業": (3_390, 3_640),
    "農業集落排水事業": (3_550, 3_800),
    "介護保険(保険事業)": (6_120, 6_350),
    "介護保険(サービス事業)": (3_280, 3_420),
    "後期高齢者医療": (1_880, 1_670),
    "合計": (27_920, 28_580),
}


@cache
def fuji() -> History:
    return plandiff.history([parsed(R8), parsed(R7)])  # newest first: sorted by year


@cache
def oto() -> History:
    return plandiff.history([parsed(OTO3), parsed(OTO2)])


def test_fuji_summary_trajectories_are_the_books_figures() -> None:
    h = fuji()
    assert h.years == (2025, 2026)
    rows = book_rows(R8, range(16, 18))  # name → (本年度, 前年度, 比較) as R8 prints them
    assert len(rows) >= 36
    checked = 0
    for b in h.budget:
        if not b.statement.startswith("事項別明細書 総括") or b.column != ("本年度予算額",) or b.row[-1] not in rows:
            continue
        current, previous, difference = rows[b.row[-1]]
        r7, r8 = b.cells
        assert r7 is not None and r8 is not None, b.row
        assert (r7.amount, r8.amount) == (previous, current), b.row
        assert (r7.unit, r8.unit) == ("千円", "千円")
        assert b.deltas[1] == difference * 1000  # yen
        assert [s.events for s in b.steps] == (
            [] if difference == 0 else [("increased",) if difference > 0 else ("decreased",)]
        )
        checked += 1
    assert checked >= 36
    # and R7's own book prints the same figures as its 本年度
    r7_rows = book_rows(R7, range(16, 18))
    same = [n for n in rows if n in r7_rows]
    assert len(same) >= 30 and all(r7_rows[n][0] == rows[n][1] for n in same)


def test_otoineppu_accounts_are_the_newsletters_figures() -> None:
    h = oto()
    assert h.years == (2020, 2021)
    lines = {b.row[0]: b for b in h.budget if b.statement == "会計別" and b.column == ("予算額",)}
    assert {name: tuple(c.amount if c else None for c in b.cells) for name, b in lines.items()} == OTO_ACCOUNTS
    for name, (r2, r3) in OTO_ACCOUNTS.items():
        b = lines[name]
        assert b.deltas[1] == (r3 - r2) * 10_000 and b.cells[1] is not None and b.cells[1].unit == "万円"
        assert b.changed == (r2 != r3)


def test_real_histories_are_schema_valid() -> None:
    for h in (fuji(), oto()):
        jsonschema.validate(data(h), schema())


def test_a_row_the_pair_comparison_pairs_under_another_label_is_one_trajectory() -> None:
    """R7's PDF gives a space for the 塡 of 減収補塡 (PDFium's text of p.5), R8's the character: the pair's
    comparison pairs the two 項 (26,000 → 5,000 千円, as both books print them), and so does the history."""
    import pypdfium2

    def label(name: str) -> str:
        pdf = pypdfium2.PdfDocument(shared(name))
        text = "".join(pdf[4].get_textpage().get_text_range().split())
        start = text.index("新型コロナ")
        return text[start : text.index("交付金", start) + 3]

    old_label, new_label = label(R7), label(R8)  # each book's page read once
    assert old_label == "新型コロナウイルス感染症対策地方税減収補特別交付金"
    assert new_label == "新型コロナウイルス感染症対策地方税減収補塡特別交付金"
    rows = [b for b in fuji().budget if b.row[-1] in (old_label, new_label) and b.statement.startswith("第1表")]
    assert len(rows) == 1
    (row,) = rows
    assert row.row[-1] == new_label  # the newest edition's name
    assert [c.amount if c else None for c in row.cells] == [26_000, 5_000]
    assert [s.events for s in row.steps] == [("decreased",)]
    pair = plandiff.compare(parsed(R7), parsed(R8))
    assert row.steps[0].changes == tuple(
        c.id for c in pair.changes if c.kind.value == "budget" and c.new and new_label in c.new[0].text
    )
