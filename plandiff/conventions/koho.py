"""予算の概要 and 広報 budget issues (a village newsletter's 当初予算 pages): headed blocks, ◆/■/○ items
with amounts, 会計別 totals; set in several columns and partly vertical."""

from plandiff.conventions.base import MD_HEADING, Family

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
    cues=(
        (r"広\s*報", 4),
        (r"当初予算", 3),
        (r"予算の概要|予算総額", 2),
        (r"主要事業", 2),
        (r"一般会計|特別会計", 1),
    ),
)
