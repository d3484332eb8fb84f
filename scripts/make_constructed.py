"""Build corpus/smrj-fy2022-annual-plan.CONSTRUCTED.txt from the real FY2021 plan.

Until a second real edition is in the corpus, the demo and the benchmark run on this constructed
next-year edition. Every edit is listed here and in corpus/README.md; the test suite checks that
the committed file is exactly what this script makes, and that plandiff reports exactly these edits.

Usage: python scripts/make_constructed.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "smrj-fy2021-annual-plan.txt"
TARGET = ROOT / "corpus" / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"

NEW_MEASURE = (
    "- ・新型コロナウイルス感染症の影響が長期化する中、ポストコロナ・ウィズコロナ時代の経済社会の変化に対応するため、"
    "新分野展開や業態転換、事業・業種転換等の思い切った事業再構築に挑戦する中小企業・小規模事業者に対し、"
    "事業再構築補助金の円滑な執行を通じて支援を行う。"
)
MOVED = (
    "- ・中小企業・小規模事業者や地域の中小企業支援機関等に対し、今後中小企業・小規模事業者の課題となり得る政策課題、"
    "経済動向や話題性の高い経営手法等など環境変化に係る情報提供等をセミナーにより実施する。\n"
)

# (description, old text, new text, expected occurrences)
EDITS: list[tuple[str, str, str, int]] = [
    ("rollover: plan year", "令和3年度", "令和4年度", 4),
    ("rollover: fiscal year", "2021年度", "2022年度", 10),
    ("rollover: previous fiscal year", "2020年度評価結果", "2021年度評価結果", 1),
    ("rollover: annex period", "2021年4月～2022年3月", "2022年4月～2023年3月", 3),
    ("rollover: date of decision", "令和3年3月29日策定", "令和4年3月30日策定", 1),
    ("renamed section I.3", "3. 新事業展開の促進・創業支援\n", "3. 新事業展開の促進・創業支援・事業再構築支援\n", 1),
    ("target raised: 260 → 300 (body)", "成約件数を260件以上とする", "成約件数を300件以上とする", 1),
    ("target raised: 260 → 300 (【指標】)", "成約件数：260件以上【基幹目標】", "成約件数：300件以上【基幹目標】", 1),
    (
        "measure added under I.3 (2)",
        "機構の支援ツールを組み合わせた総合的な支援を行う。\n",
        "機構の支援ツールを組み合わせた総合的な支援を行う。\n" + NEW_MEASURE + "\n",
        1,
    ),
    (
        "measure dropped from I.1 (1) ②",
        "- ・ノンネーム情報連絡会等を通じ、県域をまたいだマッチング支援の強化に取り組む。\n",
        "",
        1,
    ),
    (
        "measure reworded in II.1 (1)",
        "非対面型の支援方法を導入することにより",
        "非対面型の支援方法を拡充することにより",
        1,
    ),
    ("measure moved from I.2 (2) ② to I.2 (3) ③", MOVED, "", 1),
    (
        "(moved measure, new place)",
        "政策課題や支援のあり方にに関する調査を実施しWeb等での情報提供を行う。\n",
        "政策課題や支援のあり方にに関する調査を実施しWeb等での情報提供を行う。\n" + MOVED,
        1,
    ),
    (
        "page break gone: one line where the PDF broke 面 / 談",
        "ファンド運営者との面\n\n談等を通じて、投資決定プロセスや利益相反の確認、投資先支援活動の実態把握を行なう",
        "ファンド運営者との面談等を通じて、投資決定プロセスや利益相反の確認、投資先支援活動の実態把握を行なう",
        1,
    ),
    (
        "budget: 一般勘定 予算 運営費交付金, 生産性向上業務 7,603 → 7,803 and its totals",
        "運営費交付金\t1,272\t-\t1,272\t7,603\t3,932\t1,781\t988\t-\t2,769\t-\t15,577\n",
        "運営費交付金\t1,272\t-\t1,272\t7,803\t3,932\t1,781\t988\t-\t2,769\t-\t15,777\n",
        1,
    ),
    (
        "budget: 一般勘定 予算 収入計",
        "計\t1,272\t-\t1,272\t25,744\t38,404\t9,982\t1,059\t420\t11,461\t183\t77,065\n",
        "計\t1,272\t-\t1,272\t25,944\t38,404\t9,982\t1,059\t420\t11,461\t183\t77,265\n",
        1,
    ),
]


def build(text: str) -> str:
    for description, old, new, count in EDITS:
        found = text.count(old)
        if found != count:
            raise SystemExit(f"edit {description!r}: expected {count} occurrence(s) of its text, found {found}")
        text = text.replace(old, new)
    return text


def main() -> int:
    made = build(SOURCE.read_text(encoding="utf-8"))
    if "--check" in sys.argv:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == made
        print("up to date" if same else f"{TARGET.name} differs from what this script makes")
        return 0 if same else 1
    TARGET.write_text(made, encoding="utf-8", newline="\n")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
