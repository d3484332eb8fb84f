"""独立行政法人 年度計画 / 中期計画 (the SMRJ plan): I. > 1. > (1) > ① > 1), 【指標】, annex tables <…勘定>."""

from plandiff.conventions.base import ARABIC, CIRCLED, HALFPAREN, MD_HEADING, PAREN, ROMAN, Family

FAMILY = Family(
    name="dokuho",
    title="独立行政法人 年度計画・中期計画",
    headings=(MD_HEADING, ROMAN, ARABIC, PAREN, CIRCLED, HALFPAREN),
    target_blocks=("指標", "評価指標"),
    target_block_level=2,  # a 【指標】 block belongs to its "1." section
    cues=(
        (r"独立行政法人", 3),
        (r"年度計画", 3),
        (r"中期(?:目標|計画)", 2),
        (r"[<＜〈][^>＞〉]*勘定[>＞〉]", 3),
        (r"【\s*指\s*標\s*】", 2),
        (r"収支計画", 1),
    ),
)
