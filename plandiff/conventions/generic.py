"""Any other document: every heading style, every target-block label, the common bullets."""

from plandiff.conventions.base import ALL_STYLES, Family

FAMILY = Family(
    name="generic",
    title="一般",
    headings=ALL_STYLES,
    target_blocks=("指標", "評価指標", "KPI", "ＫＰＩ", "成果指標"),
    bullets="・･○◆■●◇□",
    goal_verbs=("目指す", "達成する"),
)
