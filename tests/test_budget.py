"""Budget lines from the real FY2021 annex tables; reconciliation; year-over-year budget changes."""

from __future__ import annotations

import pytest

from plandiff.classify.budget_changes import compare_budget
from plandiff.extract.budget import AmountError, budget_lines, parse_amount, reconcile, table_lines
from plandiff.model import Document
from plandiff.render.budget import budget_markdown
from tests.variants import budget_edits, edit, line_of, parse, rolled

IPPAN_A = ("事業承継・引継ぎ促進業務", "(一般経理)")
IPPAN_B = ("事業承継・引継ぎ促進業務", "(特定出資経理)")
KEIEI = "経営環境変化対応業務"

# (statement, account, row path, column path, amount) — read by hand from corpus lines 505-953
CELLS = [
    ("予算", "一般勘定", ("収入", "運営費交付金"), IPPAN_A, 1272),
    ("予算", "一般勘定", ("収入", "貸付等回収金"), ("合計",), 58200),
    ("予算", "一般勘定", ("支出", "出資金"), IPPAN_B, 11250),
    ("予算", "一般勘定", ("収入", "その他の補助金等"), ("生産性向上業務(一般経理)",), None),
    ("予算", "一般勘定", ("支出", "計"), ("合計",), 575520),
    ("予算", "産業基盤整備勘定", ("支出", "代位弁済費"), ("新事業展開・創業支援業務",), 227),
    ("予算", "産業基盤整備勘定", ("支出", "その他支出"), ("合計",), None),
    ("予算", "産業基盤整備勘定", ("収入", "計"), ("共通",), 19),
    ("予算", "施設整備等勘定", ("収入", "業務収入"), ("新事業展開・創業支援業務",), 1199),
    ("予算", "施設整備等勘定", ("支出", "計"), ("新事業展開・創業支援業務",), 1185),
    ("予算", "小規模企業共済勘定", ("収入", "借入金等"), (KEIEI, "(調整)"), -321515),
    ("予算", "小規模企業共済勘定", ("収入", "運用収入"), (KEIEI, "(融資経理)"), 0),
    ("予算", "小規模企業共済勘定", ("収入", "他経理より受入"), (KEIEI, "合計"), None),
    ("予算", "中小企業倒産防止共済勘定", ("支出", "他経理～繰入"), (KEIEI, "(調整)"), -4030),
    ("予算", "中小企業倒産防止共済勘定", ("収入", "運用収入"), (KEIEI, "合計"), 2531),
    ("予算", "出資承継勘定", ("支出", "計"), ("生産性向上業務",), 7),
    ("予算", "出資承継勘定", ("収入", "その他収入"), ("生産性向上業務",), 0),
    ("収支計画", "一般勘定", ("純利益(△純損失)",), IPPAN_B, -743),
    ("収支計画", "一般勘定", ("総利益(△総損失)",), ("合計(一般経理)",), -749),
    ("収支計画", "一般勘定", ("収益の部", "臨時利益", "貸倒引当金戻入益"), ("生産性向上業務(一般経理)",), 2991),
    ("収支計画", "一般勘定", ("収益の部",), ("合計(一般経理)",), 358244),
    ("収支計画", "一般勘定", ("費用の部", "経常費用", "業務経費"), (KEIEI, "(一般経理)"), 336680),
    ("収支計画", "産業基盤整備勘定", ("費用の部", "経常費用", "引当金繰入"), ("新事業展開・創業支援業務",), 611),
    ("収支計画", "産業基盤整備勘定", ("総利益(△総損失)",), ("共通",), 378),
    ("収支計画", "施設整備等勘定", ("費用の部", "経常費用", "減価償却費"), ("新事業展開・創業支援業務",), 262),
    ("収支計画", "施設整備等勘定", ("純利益(△純損失)",), ("新事業展開・創業支援業務",), -243),
    ("収支計画", "小規模企業共済勘定", ("純利益(△純損失)",), (KEIEI, "(給付経理)"), -38995),
    ("収支計画", "小規模企業共済勘定", ("収益の部", "経常収益", "事業収入"), (KEIEI, "合計"), 792142),
    (
        "収支計画",
        "中小企業倒産防止共済勘定",
        ("収益の部", "臨時利益", "完済手当金準備基金戻入益"),
        (KEIEI, "(基金経理)"),
        1224,
    ),
    ("収支計画", "中小企業倒産防止共済勘定", ("総利益(△総損失)",), (KEIEI, "合計"), None),
    ("収支計画", "出資承継勘定", ("収益の部", "経常収益", "財務収益"), ("生産性向上業務",), 12),
    ("資金計画", "一般勘定", ("資金支出",), ("合計",), 1720231),
    ("資金計画", "一般勘定", ("資金支出", "次年度への繰越金"), ("共通(一般経理)",), 146273),
    (
        "資金計画",
        "一般勘定",
        ("資金収入", "業務活動による収入", "運営費交付金による収入"),
        (KEIEI, "(復興特別経理)"),
        988,
    ),
    ("資金計画", "産業基盤整備勘定", ("資金支出", "投資活動による支出"), ("共通",), 8225),
    ("資金計画", "施設整備等勘定", ("資金収入", "前年度よりの繰越金"), ("新事業展開・創業支援業務",), 4899),
    ("資金計画", "小規模企業共済勘定", ("資金支出", "投資活動による支出"), (KEIEI, "(融資経理)"), None),  # "–"
    ("資金計画", "小規模企業共済勘定", ("資金支出", "業務活動による支出"), (KEIEI, "(調整)"), -326717),
    ("資金計画", "中小企業倒産防止共済勘定", ("資金収入", "投資活動による収入"), (KEIEI, "(業務等経理)"), 22705),
    ("資金計画", "出資承継勘定", ("資金収入", "投資活動による収入"), ("生産性向上業務",), 0),
]


def test_sampled_cells_from_all_18_tables(fy2021: Document) -> None:
    lines = {(ln.statement, ln.account, ln.row, ln.column): ln.amount for ln in budget_lines(fy2021)}
    for statement, account, row, column, amount in CELLS:
        assert lines[(statement, account, row, column)] == amount, (statement, account, row, column)
    assert len({(s, a) for s, a, *_ in CELLS}) == 18


def test_lines_per_table(fy2021: Document, fy2021_text: str) -> None:
    counted = [len(table_lines(t)) for t in fy2021.tables]
    assert counted == [187, 36, 9, 80, 56, 7, 264, 56, 14, 95, 88, 10, 165, 40, 11, 70, 52, 10]
    # independently: rows with any amount × the amount columns, straight from the tab-separated text
    raw = fy2021_text.splitlines()
    independent = []
    for table in fy2021.tables:
        rows = [raw[n - 1].split("\t") for n in range(table.line, table.end_line + 1)][table.header_rows :]
        width = max(len(r) for r in rows) - 1
        independent.append(sum(width for r in rows if any(c.strip() for c in r[1:])))
    assert counted == independent
    assert sum(counted) == 1250


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("1,272", 1272),
        ("△ 743", -743),
        ("▲743", -743),
        ("-", None),
        ("–", None),
        ("－", None),
        ("0", 0),
        ("１，４００", 1400),
        ("△ 1,037,967", -1037967),
    ],
)
def test_parse_amount(cell: str, amount: int | None) -> None:
    assert parse_amount(cell) == amount


def test_parse_amount_refuses_text() -> None:
    with pytest.raises(AmountError):
        parse_amount("約100")


def test_reconciliation_of_fy2021(fy2021: Document, fy2021_text: str) -> None:
    result = reconcile(fy2021)
    assert (result.checked, result.rounded, result.findings) == (443, 85, ())
    # independently, the 予算 tables' 計 rows: sum the rows above each 計 since 収入/支出, per column
    raw = fy2021_text.splitlines()
    off_by_two = []
    for table in fy2021.tables[:6]:
        block: list[list[str]] = []
        for n in range(table.line, table.end_line + 1):
            cells = raw[n - 1].split("\t")
            label = "".join(cells[0].split())
            if label in ("収入", "支出"):
                block = []
            elif label == "計":
                for c in range(1, len(cells)):
                    parts = [parse_amount(r[c]) or 0 for r in block if c < len(r)]
                    total = parse_amount(cells[c]) or 0
                    assert abs(sum(parts) - total) <= len(parts)  # the document's rounding, no more
                    if abs(sum(parts) - total) >= 2:
                        off_by_two.append((table.account, n, sum(parts), total))
            elif block is not None:
                block.append(cells)
    # the largest rounding gap in a 計 row: 3 + 1 + 1,199 + 8 + 3 = 1,214 against 計 1,216 (allowed ±5)
    assert off_by_two == [("施設整備等勘定", 570, 1214, 1216)]


def test_reconciliation_finds_a_planted_error(fy2021_text: str) -> None:
    text = edit(
        fy2021_text,
        "業務経費\t1,421\t40\t1,460\t10,534\t6,395\t497,180\t1,366\t23\t498,569\t-\t516,958",
        "業務経費\t1,421\t40\t1,460\t10,534\t6,395\t497,180\t1,366\t23\t498,569\t-\t517,958",
    )
    findings = reconcile(parse(text)).findings
    assert [(f.line, f.row, f.column, f.expected, f.actual) for f in findings] == [
        # the 計 row no longer adds up in the 合計 column: 517,958 + 5,815 + 50,877 + 220 + 398 + 1,252
        (534, ("支出", "計"), ("合計",), 576520, 575520),
        # and the 合計 column no longer adds up in the 業務経費 row: 1,460 + 10,534 + 6,395 + 498,569 + 0
        (528, ("支出", "業務経費"), ("合計",), 516958, 517958),
    ]


def test_budget_changes_are_reported_exactly(fy2021: Document, fy2021_text: str) -> None:
    text = budget_edits(rolled(fy2021_text))
    comparison = compare_budget(fy2021, parse(text))
    assert sorted(
        (c.change, c.data["account"], tuple(c.data["row"]), tuple(c.data["column"])) for c in comparison.changes
    ) == [
        ("changed", "産業基盤整備勘定", ("支出", "代位弁済費"), ("新事業展開・創業支援業務",)),
        ("column_added", "施設整備等勘定", (), ("経営環境変化対応業務",)),
        ("row_added", "産業基盤整備勘定", ("収入", "受託収入"), ("合計",)),  # its amount: the total column's
        ("row_removed", "産業基盤整備勘定", ("支出", "その他支出"), ()),  # all "-": no amount
    ]
    added = next(c for c in comparison.changes if c.change == "row_added")
    assert (added.data["new_amount"], added.new[0].text) == (5, "収入 / 受託収入: 5 (合計)")
    assert "**Row new**: 収入 / 受託収入: 5 (合計)" in budget_markdown(comparison)
    changed = next(c for c in comparison.changes if c.change == "changed")
    assert (changed.data["old_amount"], changed.data["new_amount"], changed.data["delta"], changed.data["pct"]) == (
        227,
        250,
        23,
        10.1,
    )
    assert (changed.old[0].line, changed.new[0].line) == (551, line_of(text, "代位弁済費\t250"))
    assert comparison.unchanged == 1250 - 1 - 4  # every line but the changed one and the 4 of the dropped row
    # the edits left totals unadjusted, and the new edition's reconciliation says exactly where
    assert [(f.row, f.column, f.expected, f.actual) for f in comparison.new_reconciliation.findings] == [
        (("収入", "計"), ("共通",), 24, 19),  # 受託収入 5 is not in 計
        (("収入", "計"), ("合計",), 104, 99),
        (("支出", "計"), ("新事業展開・創業支援業務",), 352, 328),  # 代位弁済費 250 is not in 計
        (("支出", "代位弁済費"), ("合計",), 250, 227),  # nor in its 合計
    ]
    assert comparison.old_reconciliation.findings == ()


def test_rollover_only_changes_no_budget_line(fy2021: Document, fy2021_text: str) -> None:
    comparison = compare_budget(fy2021, parse(rolled(fy2021_text)))
    assert comparison.changes == ()
    assert comparison.unchanged == 1250


def test_annex_totals_that_follow_their_part_are_grouped_under_it() -> None:
    # the corpus pair raises one cell (一般勘定 予算 運営費交付金 | 生産性向上業務(一般経理), +200); its row's
    # 合計, its column's 収入 計 and the 収入 計 of the 合計 column each move by exactly that: they follow it
    from tests.conftest import CORPUS, FY2021
    from tests.shared_docs import cached_read

    comparison = compare_budget(cached_read(FY2021), cached_read(CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"))
    changed = [c for c in comparison.changes if c.change == "changed"]
    assert len(changed) == 4
    edits = [c for c in changed if not c.data.get("follows_exactly")]
    followers = [c for c in changed if c.data.get("follows_exactly")]
    assert [(tuple(c.data["row"]), tuple(c.data["column"])) for c in edits] == [
        (("収入", "運営費交付金"), ("生産性向上業務(一般経理)",))
    ]
    assert sorted((tuple(c.data["row"]), tuple(c.data["column"])) for c in followers) == [
        (("収入", "計"), ("合計",)),
        (("収入", "計"), ("生産性向上業務(一般経理)",)),
        (("収入", "運営費交付金"), ("合計",)),
    ]
    assert all(c.data["delta"] == 200 and c.data["follows"] == ["収入 / 運営費交付金"] for c in followers)
    assert "1 edit; 3 totals follow" in budget_markdown(comparison)
