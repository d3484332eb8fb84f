"""自治体 予算書 (budget books): 予算総則 第1条…, 第1表/第2表/第3表, 款/項/目/節 tables with 本年度/前年度/比較.

Articles (第1条) are items, not headings; their clauses ``(1)`` belong to them. The tables are read
as tables; their headings are the 第N表 captions.
"""

from dataclasses import dataclass

from plandiff.conventions.base import DAI_HYO, KAN, KOU, MD_HEADING, Family

FAMILY = Family(
    name="budget_book",
    title="自治体 予算書",
    headings=(MD_HEADING, DAI_HYO, KAN, KOU),
    row_headings=("kan", "kou"),  # １款 市税 … 49,286,300千円: a heading that carries its total
    target_blocks=(),
    articles=True,
    top_styles=("dai_hyo",),
    table_parts=(r"^第[0-9]+表$",),
    titles=(
        (r"(?:令和|平成)[0-9元]{1,2}年度\S{0,12}?(?:一般|特別|企業)会計(?:補正)?予算", "part"),  # 予算総則
        (r"予算説明書|歳入歳出予算事項別明細書|事項別明細書", "part"),
        (r"一般会計補正予算整理表|給与費明細書|地方債に関する調書|債務負担行為に関する調書", "sheet"),
        (r"(?P<num>[0-9]{1,2})(?:総括|歳入|歳出)", "sheet"),
        (r"[(]?(?:歳入|歳出)[)]?", "side"),
    ),
    cues=(
        (r"予\s*算\s*書", 4),
        (r"歳\s*入\s*歳\s*出\s*予\s*算", 3),
        (r"債務負担行為", 2),
        (r"地方債", 1),
        (r"(?m)^\s*第\s*[0-9０-９]+\s*条", 2),
        (r"本年度|前年度", 1),
        (r"本年度予算額", 3),
        (r"前年度予算額", 2),
        (r"款", 1),
    ),
)


# ---------------------------------------------------------------------------------------------------
# Budget tables, as data: what the reader of budget lines (plandiff.extract.budget_book) needs to know.


@dataclass(frozen=True, slots=True)
class BookConventions:
    """How a family writes its budget tables: header words, columns and their roles, row levels and markers.

    A header row is a row whose cells, spaces removed and joined, are nothing but words of
    ``columns``, ``groups``, ``row_levels``, ``ignored`` and ``units``. Column roles: ``current``
    (this year's amount), ``previous`` (last year's, as the book prints it), ``difference`` (the
    book's own 比較), ``share`` (a percentage, never an amount), ``source`` (財源内訳).
    """

    columns: tuple[tuple[str, tuple[str, ...], str], ...]  # (header word, column path, role)
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a word that stands for several columns
    row_levels: tuple[str, ...] = ("款", "項", "目", "節")  # header words naming the row levels, top down
    row_marker: str = r"(?P<num>[0-9]{1,3})\s+"  # how a row label is numbered (after NFKC)
    ignored: tuple[str, ...] = ()  # header words that name no amount column (説明, 項目…)
    units: tuple[str, ...] = ("千円", "円", "万円", "百万円", "億円")
    totals: tuple[str, ...] = ("計", "合計", "歳入合計", "歳出合計", "総額", "総計")
    unit: str = ""  # the unit when a table does not say
    default_account: str = ""
    accounts_header: tuple[str, ...] = ()  # a header word whose rows are accounts (会計区分)
    # document parts: (regex over the heading path's first label, part name); "" skips the part
    parts: tuple[tuple[str, str], ...] = ()
    sides: tuple[str, ...] = ("歳入", "歳出")
    revenue: tuple[str, ...] = ()  # 款 names that say a table is 歳入
    expenditure: tuple[str, ...] = ()  # 款 names that say a table is 歳出
    detail_level: str = "節"  # rows of this level carry 説明 text; indented rows under them are 説明
    detail_words: tuple[str, ...] = ("節", "区分")  # header words that open a table of detail rows
    # lists of items (第2表 債務負担行為, 第3表 地方債): (regex over the part's heading, part name, fields)
    item_lists: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    tables_span_pages: bool = True  # a header heads rows on later pages (a book), or only on its own (a newsletter)
    # sheets that restate a part's 款 amounts (一般会計補正予算整理表: 当初予算 現計 = 第1表's 款, then the
    # total): (regex over a heading of the sheet, the row word of the restated figure, the part restated).
    # Their figures are checked against that part, never made budget lines of their own.
    restated: tuple[tuple[str, str, str], ...] = ()


REVENUE_KAN = (
    "市税", "町税", "村税", "県税", "地方譲与税", "利子割交付金", "配当割交付金", "株式等譲渡所得割交付金",
    "法人事業税交付金", "地方消費税交付金", "ゴルフ場利用税交付金", "環境性能割交付金", "自動車取得税交付金",
    "地方特例交付金", "地方交付税", "交通安全対策特別交付金", "分担金及び負担金", "分担金および負担金",
    "使用料及び手数料", "使用料および手数料", "国庫支出金", "県支出金", "道支出金", "都支出金", "府支出金",
    "財産収入", "寄附金", "寄付金", "繰入金", "繰越金", "諸収入", "市債", "町債", "村債", "各種交付金",
)  # fmt: skip
EXPENDITURE_KAN = (
    "議会費", "総務費", "民生費", "衛生費", "労働費", "農林水産業費", "農林水産費", "商工費", "土木費",
    "消防費", "教育費", "災害復旧費", "公債費", "諸支出金", "予備費", "給与費",
)  # fmt: skip

_SOURCES = ("本年度予算額の財源内訳", "特定財源")
BOOK = BookConventions(
    columns=(
        ("本年度予算額", ("本年度予算額",), "current"),
        ("前年度予算額", ("前年度予算額",), "previous"),
        ("比較", ("比較",), "difference"),
        ("金額", ("金額",), "current"),
        ("限度額", ("限度額",), "current"),
        ("国県支出金", (*_SOURCES, "国県支出金"), "source"),
        ("地方債", (*_SOURCES, "地方債"), "source"),
        ("その他", (*_SOURCES, "その他"), "source"),
        ("一般財源", ("本年度予算額の財源内訳", "一般財源"), "source"),
    ),
    groups=(("特定財源", ("国県支出金", "地方債", "その他", "一般財源")),),
    ignored=(
        "本年度予算額の財源内訳",
        "区分",
        "説明",
        "事項",
        "期間",
        "起債の目的",
        "起債の方法",
        "利率",
        "償還の方法",
    ),
    unit="千円",
    default_account="一般会計",
    parts=(
        (r"第1表", "第1表 歳入歳出予算"),
        (r"第2表", "第2表 債務負担行為"),
        (r"第3表", "第3表 地方債"),
        (r"総括|歳入歳出予算事項別明細書", "事項別明細書 総括"),
        (r"[0-9]+款", "事項別明細書"),
        (r"補正予算整理表|給与費明細書|地方債に関する調書|債務負担行為に関する調書", ""),
    ),
    revenue=REVENUE_KAN,
    expenditure=EXPENDITURE_KAN,
    item_lists=(
        (r"第2表", "第2表 債務負担行為", ("期間", "限度額")),
        (r"第3表", "第3表 地方債", ("限度額", "起債の方法", "利率", "償還の方法")),
    ),
    restated=((r"補正予算整理表", "現計", "第1表 歳入歳出予算"),),
)
