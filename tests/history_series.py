"""Five editions of the SMRJ plan, FY2021 (real) to FY2025 (constructed at test time), with known edits.

Each edition is the FY2021 text with the edits of its year and the years before applied, then rolled
over as a real next edition is (令和3年度 → 令和4年度 …, 2021年度 → 2022年度, the annex period and the
date of decision; dated events such as 令和2年7月豪雨 stay). The edits, year by year:

- 2022: the target 事業引継ぎにおける広域の成約件数 raised 260 → 300 (body and 【指標】); a row 受託収入
  (-, -, 5, 5) added to the 産業基盤整備勘定 予算 table;
- 2023: the same target raised 300 → 320; the measure 自主研修を実施する weakened to 自主研修の実施を検討する;
- 2024: the heading I.3 renamed 新事業展開の促進・創業支援 → 新事業展開の促進・創業支援・事業再構築支援;
- 2025: the target lowered 320 → 290; the 自主研修 measure dropped.
"""

from __future__ import annotations

from pathlib import Path

from tests.variants import edit

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "smrj-fy2021-annual-plan.txt"
YEARS = (2021, 2022, 2023, 2024, 2025)

TARGET_BODY = "成約件数を{}件以上とする"
TARGET_ITEM = "成約件数：{}件以上【基幹目標】"
TARGET_VALUES = (260, 300, 320, 320, 290)  # raised in 2022 and 2023, lowered in 2025
SELF_STUDY = "- ・地域の中小企業支援機関等や企業に働きかけ、機構の知見・ノウハウを活用した自主研修を実施する。\n"
SELF_STUDY_WEAK = (
    "- ・地域の中小企業支援機関等や企業に働きかけ、機構の知見・ノウハウを活用した自主研修の実施を検討する。\n"
)
SECTION_OLD = "3. 新事業展開の促進・創業支援\n"
SECTION_NEW = "3. 新事業展開の促進・創業支援・事業再構築支援\n"
ROW_BEFORE = "運用収入\t-\t-\t18\t18\nその他収入\t-\t-\t1\t1\n計\t66"
ROW_AFTER = "運用収入\t-\t-\t18\t18\nその他収入\t-\t-\t1\t1\n受託収入\t-\t-\t5\t5\n計\t66"


def roll(text: str, years: int) -> str:
    """The year rolled over by ``years``, as each next edition repeats it."""
    if not years:
        return text
    pairs = (
        ("令和3年度", f"令和{3 + years}年度"),
        ("2021年4月～2022年3月", f"{2021 + years}年4月～{2022 + years}年3月"),
        ("2021年度", f"{2021 + years}年度"),  # before 2020年度, which would otherwise roll twice
        ("2020年度評価結果", f"{2020 + years}年度評価結果"),
        ("令和3年3月29日策定", f"令和{3 + years}年3月{29 - years}日策定"),
    )
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def edition_text(k: int) -> str:
    """Edition ``k`` (0 = FY2021, the real plan … 4 = FY2025)."""
    text = SOURCE.read_text(encoding="utf-8")
    value = TARGET_VALUES[k]
    if value != TARGET_VALUES[0]:
        text = edit(text, TARGET_BODY.format(TARGET_VALUES[0]), TARGET_BODY.format(value))
        text = edit(text, TARGET_ITEM.format(TARGET_VALUES[0]), TARGET_ITEM.format(value))
    if k >= 1:
        text = edit(text, ROW_BEFORE, ROW_AFTER)
    if k in (2, 3):
        text = edit(text, SELF_STUDY, SELF_STUDY_WEAK)
    if k >= 4:
        text = edit(text, SELF_STUDY, "")
    if k >= 3:
        text = edit(text, SECTION_OLD, SECTION_NEW)
    return roll(text, k)


def write_series(folder: Path, order: tuple[int, ...] = (0, 1, 2, 3, 4)) -> list[Path]:
    """The five editions as files (named by fiscal year), listed in ``order``."""
    paths = []
    for k in range(len(YEARS)):
        path = folder / f"smrj-fy{YEARS[k]}-annual-plan.txt"
        path.write_text(edition_text(k), encoding="utf-8")
        paths.append(path)
    return [paths[k] for k in order]
