"""The document model on the real FY2021 plan: figures counted by hand and by a separate simple scan."""

from __future__ import annotations

import re

import pytest

from plandiff.load import read_bytes
from plandiff.model import Document
from plandiff.parse.rules import classify


def _simple_scan(text: str) -> dict[str, int]:
    """An independent count with plain regexes over raw lines (no plandiff code)."""
    lines = text.splitlines()
    return {
        "roman": sum(1 for line in lines if re.match(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\. ", line)),
        "indicators": sum(1 for line in lines if line.strip() == "【指標】"),
        "units": sum(1 for line in lines if line.strip() == "(単位:百万円)"),
        "accounts": sum(1 for line in lines if re.match(r"^<.+勘定>$", line.strip())),
    }


def test_metadata(fy2021: Document) -> None:
    meta = fy2021.meta
    assert meta.title == "令和3年度計画"
    assert meta.organisation == "独立行政法人中小企業基盤整備機構"
    assert meta.fiscal_year == 2021
    assert meta.era_year == "令和3年度"
    assert meta.decided == "2021-03-29"
    assert meta.encoding == "UTF-8"


def test_top_level_parts(fy2021: Document, fy2021_text: str) -> None:
    roman = [s for s in fy2021.sections if s.kind == "roman"]
    assert [s.label for s in roman] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert len(roman) == _simple_scan(fy2021_text)["roman"] == 10
    assert roman[3].title == "予算（人件費の見積りを含む。）、収支計画及び資金計画"
    assert roman[3].line == 411


def test_sections_under_part_one(fy2021: Document) -> None:
    under_one = [s for s in fy2021.sections if s.kind == "arabic" and s.path[0] == "I"]
    assert [(s.label, s.title, s.line) for s in under_one] == [
        ("1", "事業承継・事業引継ぎの促進", 11),
        ("2", "生産性向上", 48),
        ("3", "新事業展開の促進・創業支援", 158),
        ("4", "経営環境の変化への対応の円滑化", 219),
    ]
    # 70 body headings (grep: 10 roman, 23 arabic, 14 paren, 21 circled, 2 half-paren) + 4 【指標】 + 3 + 18 annex
    assert len(fy2021.sections) == 95
    kinds = [s.kind for s in fy2021.sections]
    assert {k: kinds.count(k) for k in sorted(set(kinds))} == {
        "account": 18,
        "annex": 3,
        "arabic": 23,
        "circled": 21,
        "halfparen": 2,
        "indicators": 4,
        "paren": 14,
        "roman": 10,
    }


def test_deep_paths(fy2021: Document) -> None:
    section = fy2021.section(("I", "2", "(3)", "①", "2)"))
    assert section is not None
    assert (section.title, section.line, section.marker) == ("よろず支援拠点全国本部事業の実施", 105, "2)")
    full_width = fy2021.section(("I", "2", "(1)"))
    assert full_width is not None and full_width.marker == "（1）" and full_width.line == 50


def test_indicator_blocks(fy2021: Document, fy2021_text: str) -> None:
    blocks = [s for s in fy2021.sections if s.kind == "indicators"]
    assert [s.path for s in blocks] == [
        ("I", "1", "【指標】"),
        ("I", "2", "【指標】"),
        ("I", "3", "【指標】"),
        ("I", "4", "【指標】"),
    ]
    assert len(blocks) == _simple_scan(fy2021_text)["indicators"] == 4
    per_block = [sum(1 for t in fy2021.targets if t.path == b.path) for b in blocks]
    assert per_block == [3, 11, 5, 3]
    assert len(fy2021.targets) == 22
    wrapped = fy2021.targets[14]
    assert (wrapped.line, wrapped.end_line) == (212, 213)
    assert (
        wrapped.text
        == "中小企業・小規模事業者と海外企業との商談会終了後の成約率(商談継続中を含む。):18%以上【基幹目標】"
    )
    assert fy2021.targets[0].text == "事業引継ぎにおける広域の成約件数：260件以上【基幹目標】"


def test_tables(fy2021: Document, fy2021_text: str) -> None:
    scan = _simple_scan(fy2021_text)
    assert len(fy2021.tables) == scan["units"] == scan["accounts"] == 18
    accounts = [
        "一般勘定",
        "産業基盤整備勘定",
        "施設整備等勘定",
        "小規模企業共済勘定",
        "中小企業倒産防止共済勘定",
        "出資承継勘定",
    ]
    assert [(t.statement, t.account) for t in fy2021.tables] == [
        (statement, account) for statement in ("予算", "収支計画", "資金計画") for account in accounts
    ]
    assert {t.unit for t in fy2021.tables} == {"百万円"}
    first = fy2021.tables[0]
    assert (first.line, first.end_line, first.header_rows, len(first.rows)) == (513, 534, 3, 22)
    assert first.rows[4].cells[:4] == ("運営費交付金", "1,272", "-", "1,272")
    assert first.note == "※端数処理の関係で合計が合わないことがある。"
    assert [len(t.rows) for t in fy2021.tables] == [
        22,
        13,
        13,
        21,
        19,
        11,
        29,
        18,
        18,
        24,
        27,
        14,
        18,
        12,
        13,
        17,
        16,
        12,
    ]
    assert [t.header_rows for t in fy2021.tables] == [3, 2, 2, 3, 3, 2] * 3


# (path, first line, last line, start of text, end of text, repost)
NAMED_MEASURES = [
    (("I", "1", "(1)", "①"), 17, 18, "より多くの中小企業", "支援者数を5,000者以上とする。", False),
    (
        ("I", "1", "(2)"),
        34,
        36,
        "組成後のファンドに対しては",
        "引継ぎ支援センターとの連携等を行うことにより、中堅企業、中小企業・小規模事業者の事業承継を支援する。",
        False,
    ),
    (
        ("I", "2", "(1)", "②"),
        64,
        66,
        "令和2年度補正予算（第1号）",
        "「新型コロナウイルス感染症緊急経済対策」（令和2年4月7日閣議決定）",
        False,
    ),
    (
        ("I", "2", "(2)", "①"),
        72,
        72,
        "中小企業・小規模事業者に対する",
        "AI・ITを活用した新たな経営相談の仕組みを活用し、効果的・効率的に支援を提供する。",
        False,
    ),
    (("I", "2", "(3)", "①", "2)"), 109, 109, "なお、評価に際しては", "適切に評価を実施する。", False),
    (("I", "2", "(3)", "②"), 118, 118, "地域の中小企業・小規模事業者", "14,800人以上とする。（再掲）", True),
    (("I", "3", "(1)"), 166, 166, "ITやeコマース", "マッチングイベント等を実施する。(再掲)", True),
    (
        ("I", "3", "(3)", "①"),
        182,
        184,
        "ファンドへの出資に当たっては",
        "迅速かつ適切な審査を行い、投資対象企業の成長ステージ",
        False,
    ),
    (("I", "4", "(2)", "③"), 254, 256, "組成後のファンドに対しては", "ファンド運営者との面談等を通じて", False),
    (
        ("I", "4", "(3)", "②"),
        278,
        280,
        "令和2年7月豪雨災害により",
        "求めに応じ、専門家の派遣等を通じた相談・助言を行う。",
        False,
    ),
    (("II",), 305, 305, "限りあるリソースのなか", "持続的に推進していく。", False),
    (
        ("II", "1", "(2)"),
        322,
        322,
        "中小企業ビジネス支援サイト「J-Net21」",
        "ユーザビリティのより一層の向上を図る。",
        False,
    ),
    (("II", "4"), 355, 357, "不祥事の発生の未然防止", "不祥事の未然防止等に努めることとする。", False),
    (("III", "1"), 383, 385, "施設整備等勘定については", "賃料の見直しを行うなどにより、自己収入確保を図る。", False),
    (("VI",), 423, 423, "2021年度の一般勘定資産", "決定する。（再掲）", True),
    (("VIII",), 436, 436, "職員の資質向上のための研修等", "職員の資質向上のための研修等", False),
]


@pytest.mark.parametrize(("path", "line", "end", "head", "tail", "repost"), NAMED_MEASURES)
def test_named_measures(
    fy2021: Document, path: tuple[str, ...], line: int, end: int, head: str, tail: str, repost: bool
) -> None:
    matches = [m for m in fy2021.measures if m.line == line]
    assert len(matches) == 1
    measure = matches[0]
    assert measure.path == path
    assert measure.end_line == end
    assert measure.text.startswith(head)
    assert tail in measure.text
    assert measure.repost is repost


def test_page_break_repair_keeps_original(fy2021: Document) -> None:
    measure = next(m for m in fy2021.measures if m.line == 254)
    # The display text joins 面 / 談 across the page break; the raw text keeps both lines as written.
    assert "ファンド運営者との面談等を通じて" in measure.text
    assert measure.raw.splitlines()[0].endswith("ファンド運営者との面")
    assert measure.raw.splitlines()[1].startswith("談等を通じて")
    # The stray 「 the PDF repeated at a page top is dropped from the display text only.
    stray = next(m for m in fy2021.measures if m.line == 64)
    assert "「新型コロナウイルス感染症緊急経済対策」" in stray.text
    assert "「ナウイルス" in stray.raw


def test_measure_counts(fy2021: Document) -> None:
    assert len(fy2021.measures) == 218
    assert sum(m.repost for m in fy2021.measures) == 10  # grep -c 再掲 = 10
    assert [m.line for m in fy2021.measures if m.kind == "paragraph"] == [
        109,
        111,
        305,
        349,
        351,
        353,
        355,
        359,
        361,
        363,
    ]
    # list items without 。 (VIII: 研修等 / 広報活動の充実 / …) stay separate measures
    assert [m.text for m in fy2021.measures if m.path == ("VIII",)] == [
        "各勘定に剰余金が発生した時には、後年度負担に配慮しつつ、各々の勘定の負担に帰属すべき次の用途に充当する。",
        "職員の資質向上のための研修等",
        "広報活動の充実",
        "任期付職員等の新規採用",
        "職場環境の改善",
        "施設改修等",
        "各種支援の効果的かつ効率的な実施、事務手続きの一層の簡素化・迅速化を図るためのAI・ITを活用した仕組みの構築",
        "重点業務への充当（事業承継・事業引継ぎの促進、生産性向上、新事業展開の促進・創業支援、経営環境の変化への対応の円滑化等）",
    ]


def test_spaced_letters_repaired(fy2021: Document) -> None:
    texts = {m.line: m.text for m in fy2021.measures}
    assert "PDCAサイクル構築" in texts[238]
    assert "「J-Net21」" in texts[322]
    assert "上位2段階の評価を得る割合を70%以上とする" in texts[73]
    assert "I T" in next(m.raw for m in fy2021.measures if m.line == 166)


def _to_cp932_safe(text: str) -> str:
    # CP932 has no en dash (U+2013, used for empty table cells) and no 术 (a simplified-Chinese
    # character the PDF extraction produced in 新技术); both are replaced in *both* encodings.
    return text.replace("–", "－").replace("术", "術")


def test_cp932_parses_identically(fy2021_text: str) -> None:
    text = _to_cp932_safe(fy2021_text)
    utf8 = read_bytes(text.encode("utf-8"), "plan.txt")
    cp932 = read_bytes(text.encode("cp932"), "plan.txt")
    assert cp932.meta.encoding == "CP932 (Shift_JIS)"
    assert (cp932.sections, cp932.measures, cp932.targets, cp932.tables) == (
        utf8.sections,
        utf8.measures,
        utf8.targets,
        utf8.tables,
    )
    assert len(cp932.measures) == 218


def test_euc_jp_and_utf16_and_bom(fy2021_text: str) -> None:
    text = _to_cp932_safe(fy2021_text)
    reference = read_bytes(text.encode("utf-8"), "plan.txt")
    for data, encoding in (
        (text.encode("euc_jis_2004"), "EUC-JP"),
        (text.encode("utf-16"), "UTF-16"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8 (BOM)"),
    ):
        document = read_bytes(data, "plan.txt")
        assert document.meta.encoding == encoding
        assert document.measures == reference.measures
        assert document.tables == reference.tables


def _to_markdown(text: str) -> str:
    """Render the plan as Markdown the way a person would: # headings, - lists, GFM tables."""
    levels = [
        (r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\. ", 1),
        (r"^\d+\. ", 2),
        (r"^[(（]\d+[)）]", 3),
        (r"^[①-⑳]", 4),
        (r"^\d+\) ", 5),
        (r"^【指標】$", 3),
    ]
    out: list[str] = []
    table: list[list[str]] = []

    def flush_table() -> None:
        if not table:
            return
        width = max(len(row) for row in table)
        rows = [row + [""] * (width - len(row)) for row in table]
        out.append("| " + " | ".join(rows[0]) + " |")
        out.append("|" + "---|" * width)
        out.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:])
        out.append("")
        table.clear()

    for line in text.splitlines():
        if "\t" in line:
            table.append([cell.strip() for cell in line.split("\t")])
            continue
        flush_table()
        stripped = line.strip()
        level = next((lvl for pattern, lvl in levels if re.match(pattern, stripped)), 0)
        if level:
            out.append("#" * level + " " + stripped)
        elif re.match(r"^<.+勘定>$", stripped):
            out.append("\\" + stripped)  # < would start inline HTML
        elif stripped.startswith("- ") and not stripped.startswith("- ・"):
            # a dash without ・ is the PDF's artefact, not a list a person would write: a paragraph of its
            # own (the blank line keeps Markdown from reading it as a lazy continuation of a list item)
            out.extend(["", stripped[2:]])
        elif stripped.startswith("・"):
            out.append("- " + stripped)
        else:
            out.append(stripped)
    flush_table()
    return "\n".join(out) + "\n"


def test_markdown_rendering_parses_to_same_model(fy2021_text: str, fy2021: Document) -> None:
    markdown = read_bytes(_to_markdown(fy2021_text).encode("utf-8"), "plan.md", suffix=".md")
    assert markdown.meta.format == "markdown"
    assert [(s.path, s.title) for s in markdown.sections] == [(s.path, s.title) for s in fy2021.sections]
    assert [(m.path, m.text, m.repost) for m in markdown.measures] == [
        (m.path, m.text, m.repost) for m in fy2021.measures
    ]
    assert [(t.path, t.text) for t in markdown.targets] == [(t.path, t.text) for t in fy2021.targets]
    assert [(t.statement, t.account, t.unit, len(t.rows)) for t in markdown.tables] == [
        (t.statement, t.account, t.unit, len(t.rows)) for t in fy2021.tables
    ]


@pytest.mark.parametrize(
    ("line", "kind", "label"),
    [
        ("I. 国民に対して", "roman", "I"),
        ("Ⅳ．予算", "roman", "IV"),
        ("1. 顧客重視", "arabic", "1"),
        ("１．顧客重視", "arabic", "1"),
        ("(1) 販路開拓", "paren", "(1)"),
        ("（２）新事業展開", "paren", "(2)"),
        ("①地域の中小企業支援機関等への支援", "circled", "①"),
        ("1) 地域の中小企業支援機関等", "halfparen", "1)"),
        ("【指標】", "indicators", "【指標】"),
        ("<一般勘定>", "account", "<一般勘定>"),
        ("2021年度計画(2021年4月～2022年3月)の収支計画", "annex", "収支計画"),
        ("- ・ノンネーム情報連絡会等を通じ", "bullet", ""),
        ("- い、投資対象企業の成長ステージ", "dash", ""),
        ("1.05%以上の効率化を図る。", "text", ""),
        ("IT導入の裾野を広げる", "text", ""),
    ],
)
def test_line_rules(line: str, kind: str, label: str) -> None:
    token = classify(line)
    assert token.kind == kind
    assert token.label == label
