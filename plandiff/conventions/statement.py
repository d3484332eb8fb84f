"""施政方針 / 市政執行方針 style statements (often web pages): sentences in paragraphs under few or no
numbered headings."""

from plandiff.conventions.base import ARABIC, CIRCLED, DAI, DAI_SHO, KATAKANA, MD_HEADING, NUM_SPACE, PAREN, Family

FAMILY = Family(
    name="statement",
    title="施政方針・市政執行方針",
    headings=(MD_HEADING, DAI_SHO, DAI, ARABIC, NUM_SPACE, PAREN, CIRCLED, KATAKANA),
    target_blocks=(),
    bullets="・･○◆■●",
    cues=(
        (r"施政方針|執行方針|所信表明|市政方針|県政方針|町政執行方針", 6),
        (r"(?:市|町|村|県)民の皆(?:様|さん)", 2),
    ),
)
