"""自治体 予算書 (budget books): 予算総則 第1条…, 第1表/第2表/第3表, 款/項/目/節 tables with 本年度/前年度/比較.

Articles (第1条) are items, not headings; their clauses ``(1)`` belong to them. The tables are read
as tables; their headings are the 第N表 captions.
"""

from plandiff.conventions.base import DAI_HYO, KAN, KOU, MD_HEADING, Family

FAMILY = Family(
    name="budget_book",
    title="自治体 予算書",
    headings=(MD_HEADING, DAI_HYO, KAN, KOU),
    row_headings=("kan", "kou"),  # １款 市税 … 49,286,300千円: a heading that carries its total
    target_blocks=(),
    articles=True,
    titles=(
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
