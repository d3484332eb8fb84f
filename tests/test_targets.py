"""Numeric targets of the real FY2021 plan, and year-over-year target changes on known edits."""

from __future__ import annotations

import json

import pytest

from plandiff.classify.target_changes import compare_targets
from plandiff.extract.targets import extract_targets
from plandiff.model import Document
from tests.cli import invoke
from tests.conftest import FY2021
from tests.variants import edit, line_of, parse, rolled

# The 22 【指標】 items, read by hand: (line, metric, value, unit, comparator, key target, qualifier)
INDICATORS = [
    (44, "事業引継ぎにおける広域の成約件数", 260, "件", "以上", True, ""),
    (45, "機構が支援した事業承継・引継ぎ支援者数", 10000, "者", "以上", False, ""),
    (46, "事業承継ファンド新規組成数", 2, "本", "exact", False, ""),
    (146, "ITプラットフォームを活用した中小企業支援機関数", 1400, "機関", "以上", True, ""),
    (147, "機構が支援したIT導入促進支援者数", 2100, "人", "以上", False, ""),
    (148, "窓口相談の役立ち度", 70, "%", "以上", False, ""),
    (149, "ハンズオン支援における支援先企業の課題解決率", 70, "%", "以上", False, ""),
    (
        150,
        "ハンズオン支援における支援先企業の「売上高」又は「経常利益」の伸び率",
        10,
        "%",
        "以上",
        False,
        "中小企業実態基本調査のデータを…上回る",
    ),
    (
        151,
        "中小企業大学校が実施する研修に研修生を派遣した企業に対して、研修終了の一年経過後にフォローアップ調査を実施し、"
        "研修生が研修内のゼミナールで取り上げた自社の課題研究テーマについて、「自社に持ち帰った課題を解決済み、又は取組中」と"
        "回答した企業の比率",
        80,
        "%",
        "以上",
        False,
        "",
    ),
    (
        152,
        "中小企業大学校等による中小企業・小規模事業者向け及び中小企業支援機関等向け研修受講者数",
        14800,
        "人",
        "以上",
        False,
        "",
    ),
    (153, "地域の中小企業支援機関等向け講習会による受講機関の課題解決率", 70, "%", "以上", False, ""),
    (154, "地域の中小企業支援機関等向け講習会の受講者数", 6000, "人", "以上", False, ""),
    (155, "よろず支援拠点向け研修による受講機関の課題解決率", 70, "%", "以上", False, ""),
    (156, "よろず支援拠点向け研修の受講者数", 600, "人", "以上", False, ""),
    (212, "中小企業・小規模事業者と海外企業との商談会終了後の成約率(商談継続中を含む。)", 18, "%", "以上", True, ""),
    (214, "海外展開支援企業数", 4000, "社", "以上", False, ""),
    (
        215,
        "機構が出資したファンドの投資先の上場時の時価総額が50億円以上となる割合",
        20,
        "%",
        "以上",
        False,
        "新興市場全体の同割合を…上回る",
    ),
    (
        216,
        "起業支援ファンド及び中小企業成長支援ファンド新規組成数(事業承継ファンドを除く。)",
        8,
        "本",
        "以上",
        False,
        "",
    ),
    (217, "インキュベーション施設の退去企業の施設退去時における売上計上率", 70, "%", "以上", False, ""),
    (299, "小規模企業共済制度の在籍率", 3, "%ポイント", "以上", True, "前中期目標期間終了時より…向上"),
    (300, "小規模企業共済制度の委託機関等への支援件数", 4000, "件", "以上", False, ""),
    (
        301,
        "再生支援全国本部の再生支援協議会に対する相談・助言による再生支援協議会の課題解決率",
        70,
        "%",
        "以上",
        False,
        "",
    ),
]

# Where section I restates each in a measure (body lines: the line that holds the figure, which in a
# measure running over several lines is not its first), read by hand; 2 body targets stand alone:
# l.18 and l.25 each set 5,000者 (together the 10,000者 of l.45, which neither restates).
RESTATED = {
    44: [29],
    46: [33],
    146: [56],
    147: [56],
    148: [74],
    149: [61, 74],
    150: [61, 74],
    151: [91],
    152: [92, 118],
    153: [103],
    154: [103],
    155: [111],
    156: [111],
    212: [163],
    214: [168],
    215: [186],
    216: [181],
    217: [193],
    299: [223],
    300: [225],
    301: [239],
}
BODY_ONLY = [
    (18, "機構が支援した事業承継に関する支援者数", 5000, "者", "以上"),
    (25, "機構が支援した支援者数", 5000, "者", "以上"),
]


def test_all_targets_of_fy2021(fy2021: Document) -> None:
    targets = extract_targets(fy2021)
    assert len(targets) == 24
    by_item = {loc.line: t for t in targets for loc in t.locations if loc.path[-1] == "【指標】"}
    assert sorted(by_item) == [row[0] for row in INDICATORS]
    for line, metric, value, unit, comparator, key, qualifier in INDICATORS:
        t = by_item[line]
        assert (t.metric, t.value, t.unit, t.comparator, t.key_target, t.qualifier) == (
            metric,
            value,
            unit,
            comparator,
            key,
            qualifier,
        ), line
        assert [loc.line for loc in t.locations] == [*RESTATED.get(line, []), line]
    body = [t for t in targets if all(loc.path[-1] != "【指標】" for loc in t.locations)]
    assert [(t.locations[0].line, t.metric, t.value, t.unit, t.comparator) for t in body] == BODY_ONLY
    wrapped = by_item[212]
    assert wrapped.locations[-1].end_line == 213  # the item wrapped onto the next line


def _changes(old: Document, text: str) -> list[tuple[object, ...]]:
    comparison = compare_targets(old, parse(text))
    return [
        (
            c.change,
            c.data["metric"],
            c.data["old_value"],
            c.data["new_value"],
            [loc.line for loc in c.old],
            [loc.line for loc in c.new],
        )
        for c in comparison.changes
    ]


def test_rollover_changes_no_target(fy2021: Document, fy2021_text: str) -> None:
    assert _changes(fy2021, rolled(fy2021_text)) == []


def test_raised_lowered_new_dropped_comparator_reworded(fy2021: Document, fy2021_text: str) -> None:
    text = rolled(fy2021_text)
    text = edit(text, "海外展開支援企業数: 4,000社以上", "海外展開支援企業数: 4,500社以上")  # raised (【指標】 only)
    text = edit(text, "海外展開支援先数を4,000社以上とする", "海外展開支援先数を4,500社以上とする")
    text = edit(
        text, "よろず支援拠点向け研修の受講者数：600人以上", "よろず支援拠点向け研修の受講者数：500人以上"
    )  # lowered
    text = edit(text, "研修については、受講者数を600人以上とする", "研修については、受講者数を500人以上とする")
    text = edit(
        text,
        "- ・窓口相談の役立ち度：70%以上\n",
        "- ・窓口相談の役立ち度：70%以上\n- ・事業再構築支援件数：1,000件以上\n",
    )  # new
    text = edit(text, "- ・事業承継ファンド新規組成数：2本\n", "")  # dropped (its measure stays)
    text = edit(
        text,
        "- ・インキュベーション施設の退去企業の施設退去時における売上計上率: 70%以上",
        "- ・インキュベーション施設の退去企業の施設退去時における売上計上率: 70%程度",
    )  # 以上 → 程度
    text = edit(text, "売上計上率を70%以上とする", "売上計上率を70%程度とする")
    text = edit(
        text,
        "- ・小規模企業共済制度の委託機関等への支援件数：4,000件以上",
        "- ・小規模企業共済制度の委託機関等に対する支援の件数：4,000件以上",
    )  # reworded, value kept
    text = edit(
        text, "事業承継ファンドを2ファンド以上組成する。", "事業承継ファンドの組成を進める。"
    )  # the body drops it too
    changes = _changes(fy2021, text)
    at = lambda snippet: line_of(text, snippet)  # noqa: E731 - new-edition lines, found independently
    assert changes == [
        ("removed", "事業承継ファンド新規組成数", 2, None, [33, 46], []),
        (
            "lowered",
            "よろず支援拠点向け研修の受講者数",
            600,
            500,
            [111, 156],
            [at("研修については、受講者数を500人"), at("研修の受講者数：500人")],
        ),
        ("added", "事業再構築支援件数", None, 1000, [], [at("事業再構築支援件数")]),
        (
            "raised",
            "海外展開支援企業数",
            4000,
            4500,
            [168, 214],
            [at("海外展開支援先数を4,500社"), at("支援企業数: 4,500社")],
        ),
        (
            "comparator_changed",
            "インキュベーション施設の退去企業の施設退去時における売上計上率",
            70,
            70,
            [193, 217],
            [at("売上計上率を70%程度"), at("売上計上率: 70%程度")],
        ),
        (
            "reworded",
            "小規模企業共済制度の委託機関等に対する支援の件数",
            4000,
            4000,
            [225, 300],
            [at("委託機関等への支援件数を4,000件"), at("委託機関等に対する支援の件数")],
        ),
    ]
    comparison = compare_targets(fy2021, parse(text))
    dropped = next(c for c in comparison.changes if c.change == "removed")
    assert dropped.data["measure_kept"] is True  # the measure is still there; only its number went
    lowered = next(c for c in comparison.changes if c.change == "lowered")
    assert (lowered.data["delta"], lowered.data["pct"]) == (-100, -16.7)
    changed_cmp = next(c for c in comparison.changes if c.change == "comparator_changed")
    assert changed_cmp.data["comparator"] == {"old": "以上", "new": "程度"}
    reworded = next(c for c in comparison.changes if c.change == "reworded")
    assert reworded.data["old_metric"] == "小規模企業共済制度の委託機関等への支援件数"


def test_key_target_lost(fy2021: Document, fy2021_text: str) -> None:
    text = edit(rolled(fy2021_text), "1,400機関以上【基幹目標】", "1,400機関以上")
    comparison = compare_targets(fy2021, parse(text))
    assert [(c.change, c.data["key_target"]) for c in comparison.changes] == [
        ("key_target_lost", {"old": True, "new": False})
    ]


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_targets_command(fmt: str) -> None:
    result = invoke("targets", "-f", fmt, str(FY2021))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    if fmt == "json":
        data = json.loads(out)
        assert len(data) == 24
        assert data[2]["metric"] == "事業引継ぎにおける広域の成約件数" and data[2]["value"] == 260
    else:
        assert (
            "| 事業引継ぎにおける広域の成約件数 | 260件 | 以上 | yes |  | I > 1 > (1) > ② l.29; I > 1 > 【指標】 l.44 |"
            in out
        )
        assert out.endswith("24 targets.\n")


def test_body_statement_changed_while_its_indicator_stays(fy2021: Document, fy2021_text: str) -> None:
    text = edit(
        rolled(fy2021_text),
        "「役立ち度」に関する調査を実施し、5段階評価において上位 2 段階の評価を得る割合を 70 %以上とする",
        "「役立ち度」に関する調査を実施し、5段階評価において上位 2 段階の評価を得る割合を 80 %以上とする",
    )
    changes = compare_targets(fy2021, parse(text)).changes
    assert [
        (
            c.change,
            c.data["old_value"],
            c.data["new_value"],
            [loc.line for loc in c.old],
            [loc.line for loc in c.new],
            c.data.get("body_only"),
        )
        for c in changes
    ] == [("raised", 70, 80, [74], [74], True)]  # l.74: the measure's line with the figure
