"""How a budget's changes read in the report, on the 富士市 books R7 → R8 (figures read off the rendered pages)."""

from __future__ import annotations

from plandiff.diff import compare
from plandiff.report import render_changelog
from tests.shared_docs import parsed

R7, R8 = "fuji-city-budget-r7-summary.pdf", "fuji-city-budget-r8-summary.pdf"


def _lines(lang: str) -> list[str]:
    text = render_changelog(compare(parsed(R7), parsed(R8)), "markdown", lang)
    return [line for line in text.splitlines() if line.startswith(("- **項目の修正**", "- **Item changed**"))]


def test_a_changed_item_says_only_what_changed() -> None:
    ja = _lines("ja")
    assert len(ja) == 30  # the summary's count of 項目の修正
    # 第3表 地方債: 財産管理事業 限度額 R7 36,400 → R8 121,500 千円 (R8 p.12); its 起債の方法 text is printed alike
    assert "- **項目の修正**：財産管理事業（限度額 36,400 → 121,500、+85,100千円）（325 → 340行目）" in ja
    # 第2表 債務負担行為: a name that changed is given both ways, a field only one edition prints with —
    assert any(
        line.startswith(
            "- **項目の修正**：富士市土地開発公社用地取得事業(令和7年度分) → 富士市土地開発公社用地取得事業(令和8年度分)"
            "（限度額 ３７，０００ → ７２５，４０３、期間 — → 9年度から13年度まで、+688,403千円）"
        )
        for line in ja
    )
    en = _lines("en")
    assert "- **Item changed**: 財産管理事業 (限度額 36,400 → 121,500; +85,100千円) (l.325 → l.340)" in en
