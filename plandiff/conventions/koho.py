"""予算の概要 and 広報 budget issues (a village newsletter's 当初予算 pages): headed blocks, ◆/■/○ items
with amounts, 会計別 totals; set in several columns and partly vertical."""

from plandiff.conventions.base import MD_HEADING, Family
from plandiff.conventions.budget_book import EXPENDITURE_KAN, REVENUE_KAN, BookConventions

FAMILY = Family(
    name="koho",
    title="予算の概要・広報の予算特集",
    headings=(MD_HEADING,),  # ⑴/① number table rows here (① 議会費), never headings
    target_blocks=(),
    bullets="・･◆◇■□○●",
    sequence_check=True,
    titles=(
        (r"(?:令和|平成)\S{1,3}年度(?:当初)?予算(?:成立)?|(?:令和|平成)\S{1,3}年度主要事業", "part"),
        (r"一般会計[・･]?(?:歳入|歳出)|特別会計", "account"),
    ),
    feature_cue=r"予\s*算|[万千億]\s*円",  # a budget page says 予算 or writes amounts; the rest is village news
    cues=(
        (r"広\s*報", 4),
        (r"当初予算", 3),
        (r"予算の概要|予算総額", 2),
        (r"主要事業", 2),
        (r"一般会計|特別会計", 1),
    ),
)

# Budget tables as newsletters set them: 項目 | 予算額 | 割合 | 前年度対比, amounts written 19億5,400万円, rows
# numbered ⑴… (歳入) and ①… (歳出); a 会計区分 table lists the accounts (特別会計) with their totals.
BOOK = BookConventions(
    columns=(
        ("予算額", ("予算額",), "current"),
        ("割合", ("割合",), "share"),
        ("前年度対比", ("前年度対比",), "difference"),
        ("前年度比較", ("前年度比較",), "difference"),
        ("前年度予算額", ("前年度予算額",), "previous"),
        ("比較", ("比較",), "difference"),
    ),
    row_levels=("項目", "会計区分"),
    row_marker=r"(?P<num>\([0-9]{1,2}\)|[0-9]{1,2}(?=\s))\s*",  # ⑴ and ① after NFKC: (1) and 1
    ignored=(),
    default_account="一般会計",
    accounts_header=("会計区分",),
    tables_span_pages=False,
    parts=((r"主要事業", ""),),
    revenue=REVENUE_KAN,
    expenditure=EXPENDITURE_KAN,
)
