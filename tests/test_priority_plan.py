"""The cabinet's 重点計画 (2023, 118 pages, a real PDF): its outline against its own 目次.

Everything expected here is counted independently of plandiff: the TOC is read in this file from
PDFium's plain text of pages 3–5 with its own regex, its nesting assigned by marker by hand; counts
and named paragraphs were read off the rendered pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium
import pytest

from plandiff.model import Document
from tests.shared_docs import parsed, shared

NAME = "digital-agency-priority-plan-2023-06-09.pdf"
_LEADER = re.compile(r"^(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _independent_toc() -> list[tuple[str, int]]:
    """(folded marker+title, nesting) for every TOC entry, read from PDFium's own text of pages 3–5."""
    pdf = pdfium.PdfDocument(str(shared(NAME)))
    lines: list[str] = []
    for index in (2, 3, 4):
        lines += pdf[index].get_textpage().get_text_range().splitlines()
    pdf.close()
    entries: list[tuple[str, int]] = []
    carry = ""
    in_sub = False  # inside 第３-１ / 第３-２, where １． sits one deeper
    for raw in lines:
        line = _fold(raw)
        m = _LEADER.match(line)
        if not m:
            carry = line if line.startswith(("第", "（", "(")) or line[:1].isdigit() else ""
            continue
        title = carry + m.group("title")
        carry = ""
        if re.match(r"^第\d+-\d+", title):
            depth, in_sub = 2, True
        elif re.match(r"^第\d+", title):
            depth, in_sub = 1, False
        elif re.match(r"^\d+\.", title):
            depth = 3 if in_sub else 2
        elif re.match(r"^\(\d+\)", title):
            depth = 4 if in_sub else 3
        else:
            depth, in_sub = 1, False  # はじめに
        entries.append((title, depth))
    return entries


@pytest.fixture(scope="module")
def plan() -> Document:
    return parsed(NAME)


def test_edition_and_family(plan: Document) -> None:
    assert plan.meta.family == "fusho"
    assert plan.meta.title == "デジタル社会の実現に向けた重点計画"
    assert (plan.meta.decided, plan.meta.fiscal_year) == ("2023-06-09", 2023)


def test_every_toc_entry_is_a_heading_with_the_same_marker_title_and_nesting(plan: Document) -> None:
    expected = _independent_toc()
    assert len(expected) == 130
    assert len(plan.toc) == len(expected)
    position = 0
    for folded, depth in expected:
        for index in range(position, len(plan.sections)):
            section = plan.sections[index]
            if _fold(section.marker + section.title) == folded:
                assert len(section.path) == depth, (folded, section.path)
                position = index + 1
                break
        else:
            pytest.fail(f"no heading for TOC entry {folded}")
    assert not [w for w in plan.warnings if w.startswith("table of contents")]


def test_no_toc_line_is_a_heading_or_a_measure(plan: Document) -> None:
    # the 目次 fills PDF pages 3-5; the body starts on page 6 with はじめに
    assert min(s.page or 0 for s in plan.sections) == 6
    assert min(m.page or 0 for m in plan.measures) == 6
    assert not [s for s in plan.sections if "...." in s.raw]
    assert not [m for m in plan.measures if "...." in m.text]


def test_sections_under_each_part(plan: Document) -> None:
    # counted on the rendered pages: numbered headings by marker under each 第N (boxed ①-lists included;
    # the ①…⑩ grid of principles on p.24 and ①② inside sentences are not headings)
    counts = {}
    for part in ("第1", "第2", "第3", "第4"):
        counts[part] = Counter(s.kind for s in plan.sections if s.path[0] == part and len(s.path) > 1)
    assert counts["第1"] == Counter({"paren": 36, "circled": 30, "arabic": 10})
    assert counts["第2"] == Counter({"circled": 6, "katakana": 5, "paren": 4, "arabic": 2})
    assert counts["第3"]["arabic"] == 13
    assert counts["第3"]["paren"] == 51
    assert counts["第3"]["katakana"] == 46
    assert counts["第3"]["dai_sub"] == 2
    assert counts["第3"]["circled"] == 137
    assert counts["第4"] == Counter({"circled": 17, "paren": 4, "arabic": 3})
    assert [s.title for s in plan.sections if len(s.path) == 1] == [
        "はじめに",
        "安全・安心で便利な国民の生活や事業者の活動に向けた重点的な取組",
        "重点計画の基本的考え方",
        "デジタル社会の実現に向けた戦略・施策",
        "今後の推進体制",
    ]


@pytest.mark.parametrize(
    ("start", "path", "page"),
    [
        ("「デジタル社会の実現に向けた重点計画」（以下「重点計画」という。）は、", ("はじめに",), 6),
        ("マイナンバーカードを使って国民の生活を向上させるため、", ("第1", "1"), 7),
        ("紛失等の場合に最短５日間で発行・交付できる特急発行・交付の仕組み", ("第1", "1", "(1)"), 7),
        ("地方公共団体におけるアナログ規制の見直しについては、", ("第1", "3", "(2)"), 11),
        ("地方では、加速化する人口減少に伴い、", ("第3", "第3-1", "2", "(1)"), 30),
        (
            "国や地方単独の医療費助成、予防接種、母子保健のマイナンバーカードを利用した情報連携について、2023年度",
            ("第3", "第3-2", "2", "(2)", "①", "ア"),
            64,
        ),
        ("自動運転車両、ロボット、ドローンは", ("第3", "第3-2", "2", "(2)", "⑤", "ア"), 72),
        ("生活困窮者の支援の強化に向けて、", ("第3", "第3-2", "3", "(4)"), 79),
        ("事業環境の変化に柔軟に対応でき、", ("第3", "第3-2", "4", "(1)", "①"), 80),
        ("事業者等の法人（個人事業主を含む。）が、", ("第3", "第3-2", "4", "(2)", "②"), 82),
    ],
)
def test_named_paragraphs(plan: Document, start: str, path: tuple[str, ...], page: int) -> None:
    found = [m for m in plan.measures if _fold(m.text).startswith(_fold(start))]
    assert len(found) == 1, start
    assert (found[0].path, found[0].page) == (path, page)


def test_heading_titles_along_a_path(plan: Document) -> None:
    titles = [plan.section(("第3", "第3-1", "2", "(1)")[:n]) for n in range(1, 5)]
    assert [s.title if s else None for s in titles] == [
        "デジタル社会の実現に向けた戦略・施策",
        "戦略として取り組む政策群",
        "デジタル田園都市国家構想の実現",
        "デジタル田園都市国家構想の意義、目的",
    ]


def test_a_goal_stated_in_a_sentence_is_a_target(plan: Document) -> None:
    # the plan's one numeric goal in a sentence (p.64): "2025年度（令和７年度）末までにオンライン利用率60％を目指す"
    from plandiff.extract.targets import extract_targets

    targets = extract_targets(plan)
    assert [(t.metric, t.value, t.unit, t.comparator) for t in targets] == [
        ("2025年度（令和７年度）末までにオンライン利用率", 60.0, "%", "exact")
    ]
    assert targets[0].path == ("第3", "第3-2", "2", "(2)", "⑥")
