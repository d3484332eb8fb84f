"""Every family of document read as one design: detection, editions, outlines and named items of
the real documents in ../shared/documents, with what is expected read off the rendered pages."""

from __future__ import annotations

import unicodedata

import pytest

from plandiff.conventions import FAMILIES, by_name, detect
from plandiff.errors import PlandiffError
from plandiff.load import read
from plandiff.model import Document
from tests.conftest import FY2021
from tests.shared_docs import parsed

R8 = "fuji-city-budget-r8-summary.pdf"
R8_TAX = "fuji-city-budget-r8-revenue-01-city-tax.pdf"
R7_TAX = "fuji-city-budget-r7-revenue-01-city-tax.pdf"
OTO_R3 = "otoineppu-village-newsletter-2021-03-budget-r3.pdf"
OTO_R2 = "otoineppu-village-newsletter-2020-03-budget-r2.pdf"


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def r8() -> Document:
    return parsed(R8)


@pytest.mark.parametrize(
    ("name", "family", "fiscal_year", "title"),
    [
        ("digital-agency-priority-plan-2023-06-09.pdf", "fusho", 2023, "デジタル社会の実現に向けた重点計画"),
        ("fuji-city-budget-r7-summary.pdf", "budget_book", 2025, "令和７年度富士市一般会計予算"),
        (R8, "budget_book", 2026, "令和８年度富士市一般会計予算"),
        (R7_TAX, "budget_book", None, None),
        (R8_TAX, "budget_book", None, None),
        (OTO_R2, "koho", 2020, "令和２年度当初予算成立"),
        (OTO_R3, "koho", 2021, "令和３年度当初予算成立"),
    ],
)
def test_family_and_edition(name: str, family: str, fiscal_year: int | None, title: str | None) -> None:
    document = parsed(name)
    assert document.meta.family == family
    assert document.meta.fiscal_year == fiscal_year
    if title is not None:
        assert document.meta.title == title


def test_the_smrj_plan_is_an_independent_administrative_agency_plan() -> None:
    assert read(FY2021).meta.family == "dokuho"


def test_every_family_is_one_module_with_a_unique_name() -> None:
    names = [family.name for family in FAMILIES]
    assert len(set(names)) == len(names) == 6
    assert [by_name(name).name for name in names] == names
    with pytest.raises(PlandiffError, match="unknown --profile"):
        by_name("nope")


def test_an_unknown_document_gets_the_generic_rules() -> None:
    assert detect("メモ\n・買い物\n").name == "generic"


def test_a_profile_overrides_detection() -> None:
    document = read(FY2021, profile="generic")
    assert document.meta.family == "generic"
    # the generic rules know the same headings; only where a 【指標】 block hangs differs
    assert len(document.sections) == 95


# 富士市 一般会計予算書 (概要), R8 -----------------------------------------------------------------


def test_budget_book_outline(r8: Document) -> None:
    # read off the rendered pages: the 予算総則 (p.3), 第1表 歳入 (p.4) / 歳出 (p.7), 第2表 (p.10),
    # 第3表 (p.12), 予算説明書 (p.14) with its 補正予算整理表 歳入/歳出 (pp.15-16), 歳入歳出予算事項別明細書
    # with 1 総括 歳入/歳出 (pp.17-18) and the 歳入 divider (p.19)
    outline = [(_fold(s.marker + s.title), len(s.path), s.page) for s in r8.sections]
    assert outline == [
        ("令和8年度富士市一般会計予算", 1, 3),
        ("第1表歳入歳出予算", 1, 4),
        ("歳入", 2, 4),
        ("歳出", 2, 7),
        ("第2表債務負担行為", 1, 10),
        ("第3表地方債", 1, 12),
        ("予算説明書", 1, 14),
        ("一般会計補正予算整理表", 2, 15),
        ("歳入", 3, 15),
        ("歳出", 3, 16),
        ("歳入歳出予算事項別明細書", 1, 17),
        ("1総括", 2, 17),
        ("歳入", 3, 17),
        ("歳出", 3, 18),
        ("歳入", 3, 19),
    ]


@pytest.mark.parametrize(
    ("number", "caption", "contains"),
    [
        ("第１条", "（歳入歳出予算）", "１１０，８００，０００千円"),
        ("第２条", "（債務負担行為）", "「第２表債務負担行為」"),
        ("第３条", "（地方債）", "「第３表地方債」"),
        ("第４条", "（一時借入金）", "５，０００，０００千円"),
        ("第５条", "（歳出予算の流用）", "同一款内"),
    ],
)
def test_articles_of_the_budget_rules(r8: Document, number: str, caption: str, contains: str) -> None:
    found = [m for m in r8.measures if m.text.startswith(caption + number)]
    assert len(found) == 1
    assert found[0].path == ("令和8年度富士市一般会計予算",) and found[0].page == 3
    assert contains in found[0].text


@pytest.mark.parametrize(
    ("path", "page", "indent", "row"),
    [
        (("第1表", "歳入"), 4, 0, ("1 市税", "49,286,300")),  # 款: the first column
        (("第1表", "歳入"), 4, 1, ("1 市民税", "18,719,000")),  # 項: the second column
        (("第1表", "歳出"), 7, 0, ("1 議会費", "488,451")),
        (("第1表", "歳出"), 7, 1, ("1 議会費", "488,451")),
        (("歳入歳出予算事項別明細書", "総括", "歳入"), 17, 0, ("1 市税", "49,286,300", "48,352,400", "933,900")),
        # 本年度 / 前年度 / 比較, then the 財源内訳 columns
        (("歳入歳出予算事項別明細書", "総括", "歳出"), 18, 0, ("1 議会費", "488,451", "499,446", "△10,995", "1,013")),
    ],
)
def test_named_table_rows(r8: Document, path: tuple[str, ...], page: int, indent: int, row: tuple[str, ...]) -> None:
    hits = [
        (table, r)
        for table in r8.tables
        if table.path == path
        for r in table.rows
        if [c for c in r.cells if c][: len(row)] == list(row) and r.cells[indent] == row[0]
    ]
    assert len(hits) == 1, row
    assert hits[0][1].page == page


# 富士市 歳入 1款 市税, R7 and R8 ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fifth"), [(R7_TAX, "都市計画税"), (R8_TAX, "邴市計画税")])
def test_city_tax_outline(name: str, fifth: str) -> None:
    # 款 > 項 as printed; the R8 text layer itself maps 都 to 邴 (PDFium and any other extractor agree)
    document = parsed(name)
    assert [(_fold(s.marker + s.title), len(s.path)) for s in document.sections] == [
        ("1款市税", 1),
        ("1項市民税", 2),
        ("2項固定資産税", 2),
        ("3項軽自動車税", 2),
        ("4項市たばこ税", 2),
        ("5項" + fifth, 2),
    ]
    assert {s.page for s in document.sections} == {1, 2}


# 音威子府村 広報 当初予算, R2 and R3 -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "year"), [(OTO_R2, "2"), (OTO_R3, "3")])
def test_newsletter_budget_headings(name: str, year: str) -> None:
    # the budget pages' blocks as printed: 一般会計・歳入 and ・歳出 (R3 p.4; R2 p.2 sets them as 歳入/歳出
    # in a vertical label, read as items), 特別会計, and the 主要事業 part
    document = parsed(name)
    titles = {_fold(s.title): s.page for s in document.sections}
    assert f"令和{year}年度主要事業" in titles
    assert "特別会計" in titles
    if year == "3":
        assert titles["一般会計・歳入"] == titles["一般会計・歳出"] == 4


@pytest.mark.parametrize(
    ("start", "page"),
    [
        ("令和３年度の一般会計歳入予算総額は19億5,400万円となり、前年度比1.5％、2,900万円減", 4),
        ("歳出予算については、歳入同様に前年度から2,900万円の減", 4),
        ("「ときわ」管理委託業務事業［１，４９６万円", 5),
        ("社会福祉協議会運営補助事業［３４８万円", 5),
        ("生きがいデイサービス事業［２，２５９万円", 5),
        ("ヘルプサービス事業［３，２７１万円", 5),
        ("水道メーター交換事業［６７９万円", 5),
        ("音威子府常盤線道路側溝改修工事［２，０００万円", 6),
        ("咲来総合工場線舗装補修工事［１，４５０万円", 6),
        ("おといねっぷ美術工芸高校振興事業［１，２６０万円］", 6),
    ],
)
def test_newsletter_named_items(start: str, page: int) -> None:
    r3 = parsed(OTO_R3)
    found = [m for m in r3.measures if m.text.startswith(start)]
    assert len(found) == 1, start
    assert found[0].page == page


def test_newsletter_budget_tables() -> None:
    # the 歳出 table of p.4 as printed: 15 款 (① 議会費 … ⑮ 予備費) and 合計
    r3 = parsed(OTO_R3)
    rows = [r.cells for t in r3.tables if t.page == 4 for r in t.rows]
    labels = [cells[0] for cells in rows if cells and cells[0] and cells[0][0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"]
    assert [label[0] for label in labels] == list("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮")
    assert labels[0] == "① 議会費" and labels[-1] == "⑮ 予備費"


def test_profile_on_the_command_line() -> None:
    from tests.cli import invoke_text as run

    shown = run("show", "--profile", "generic", str(FY2021))
    assert shown.returncode == 0 and "conventions: generic" in shown.stdout.splitlines()[1]
    refused = run("show", "--profile", "nope", str(FY2021))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "plandiff: unknown --profile 'nope': use one of dokuho, fusho, budget_book, koho, statement, generic"
    ]
