"""A "2024" next edition of the real 重点計画 (2023-06-09), constructed at test time with known edits.

The plan is fetched public data: it stays in ../shared/documents and nothing from it is written into
the repository. The edition is built from the source lines the PDF reader gives (``pdf_lines``), as
``scripts/make_constructed.py`` builds the SMRJ FY2022 edition from the FY2021 text: every edit is
listed here, each must hit exactly the text it names (a miss or a double hit fails at once), and
each edit is found by its words, never by a line number (the reader's numbering is not the point).

Edits of every kind, and what plandiff must report for them (``EXPECTED``):

- the cover date 2023年（令和５年）６月９日 → 2024年（令和６年）６月２１日 (the edition, not a change);
- fiscal years rolled on by one, both notations, in four measures left otherwise alone (noise:
  5 mentions, each dual 2023年度（令和５年度） counting once);
- a target-like figure changed (最短５日間 → 最短３日間) and a measure reworded (速やかに → 早期に);
- a paragraph added, one dropped, one moved to another section, one split in two, two merged;
- a heading renamed; a section inserted, so the three after it are renumbered (and the table of
  contents follows, as a real edition's would).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from plandiff.readers.lines import SourceLine

SHARED = Path(__file__).resolve().parents[2] / "shared" / "documents"
PLAN = SHARED / "digital-agency-priority-plan-2023-06-09.pdf"

Path_ = tuple[str, ...]

# (description, old words, new words): a substitution inside one line; spacing in the source is ignored
SUBSTITUTIONS: tuple[tuple[str, str, str], ...] = (
    ("cover date", "2023年（令和５年）６月９日", "2024年（令和６年）６月２１日"),
    (
        "rollover, dual notation (第１ > １．>（４）)",
        "活用推進を図るため、2023年度（令和５年度）下期以降",
        "活用推進を図るため、2024 年度（令和６年度）下期以降",
    ),
    (
        "rollover, dual notation (第１ > ２．>（２）)",
        "2023年度（令和５年度）中に、テクノロジーマップ、技術カタログ等を順次整備するとともに、これらを掲載するポータルサイトを構築していく",
        "2024 年度（令和６年度）中に、テクノロジーマップ、技術カタログ等を順次整備するとともに、これらを掲載するポータルサイトを構築していく",
    ),
    ("rollover, era only (第３-１ > ７．)", "令和４年度補正予算で措置した", "令和５年度補正予算で措置した"),
    (
        "rollover, two dual notations in one sentence (第１ > ３．>（７）)",
        "2023年度（令和５年度）は、2022年度（令和４年度）に引き続き、",
        "2024 年度（令和６年度）は、2023 年度（令和５年度）に引き続き、",
    ),
    ("figure changed (第１ > １．>（１）)", "紛失等の場合に最短５日間", "紛失等の場合に最短３日間"),
    (
        "reworded (第１ > １．>（２）> ③)",
        "^マイナンバーカードと在留カードの一体化について、今後、必要となる関連法案を速やかに国会に",
        "マイナンバーカードと在留カードの一体化について、今後、必要となる関連法案を早期に国会に",
    ),
)
ROLLED_YEARS = 5  # 1 + 1 + 1 + 2 fiscal-year mentions, in 4 measures
ROLLED_MEASURES = 4

ADDED = "また、公金受取口座の登録状況について、地方公共団体ごとの登録率を定期的に公表する。"
ADDED_AFTER = "新たに創設した行政機関経由登録の特例制度の施行・実施に向けて必要な取組を進める。"
DROPPED = "また、このプロセスにおいて、地域幸福度（Well-being）指標を用いた"
MOVED = "また、デジタル庁において、システム全体のアーキテクチャを設計し"
MOVED_TO = ("（４）", "政府情報システム保守運用体制に係る関係機関との連携強化")
SPLIT_AT = "また、人為的ミスのリスクを低減させるために"  # its own line, run on from the bullet above
MERGED_SECOND = "今後、国、地方自治体、国民・事業者等をつなぐ共通的な基盤"  # joined to the paragraph above
RENAMED = ("（５）", "自治体キャッシュレス", "自治体キャッシュレス決済の推進")
INSERTED = ("（３）", "電子委任状の普及")
INSERTED_MEASURE = "電子委任状の普及を促進するため、事業者が電子委任状を簡便に作成・利用できる環境を整備する。"
RENUMBERED = (  # 第１ > ８． (old marker, title, new marker), last first so no two headings share a marker
    ("（５）", "政府調達におけるスタートアップ支援", "（６）"),
    ("（４）", "中小企業支援のDX推進", "（５）"),
    ("（３）", "Jグランツの刷新", "（４）"),
)


def plan_path() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the real documents are not here ({SHARED} is absent: a clone without ../shared)")
    assert PLAN.is_file(), f"{PLAN} is missing from ../shared/documents"
    return PLAN


def source_lines() -> tuple[SourceLine, ...]:
    """The plan's lines as the PDF reader gives them (``read_source``: ``pdf_lines``), read once per session
    and shared with the plan's Document (tests/shared_docs.py)."""
    from tests.shared_docs import source

    return source(plan_path()).lines


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _spaced(words: str) -> re.Pattern[str]:
    """The words, with any spacing the PDF put between their characters (``^``: at the line's start)."""
    anchor = "^" if words.startswith("^") else ""
    return re.compile(anchor + r"[ \u3000]*".join(re.escape(ch) for ch in _squeeze(words.removeprefix("^"))))


def line_index(lines: list[str], words: str) -> int:
    """0-based index of the one line containing ``words`` (spacing ignored)."""
    pattern = _spaced(words)
    hits = [i for i, line in enumerate(lines) if pattern.search(line)]
    assert len(hits) == 1, f"{words[:30]!r} is on lines {[h + 1 for h in hits]}"
    return hits[0]


def heading_indices(lines: list[str], marker: str, title: str) -> tuple[int, int]:
    """The table-of-contents line and the body line of a heading (marker and title, spacing ignored)."""
    want = _squeeze(marker + title)
    toc = [i for i, line in enumerate(lines) if re.fullmatch(re.escape(want) + r"[.．…]{3,}[0-9]+", _squeeze(line))]
    body = [i for i, line in enumerate(lines) if _squeeze(line) == want]
    assert len(toc) == 1 and len(body) == 1, f"{want}: TOC lines {toc}, body lines {body}"
    return toc[0], body[0]


def _substitute(lines: list[str], old: str, new: str) -> None:
    index = line_index(lines, old)
    lines[index], count = _spaced(old).subn(new, lines[index])
    assert count == 1


def _retitle(lines: list[str], marker: str, title: str, new_marker: str, new_title: str) -> None:
    toc, body = heading_indices(lines, marker, title)
    leader = re.search(r"\s*[.．…]{3,}\s*[0-9]+\s*$", lines[toc])
    assert leader is not None
    lines[toc] = f"{new_marker}{new_title}{leader.group(0)}"
    lines[body] = f"{new_marker}{new_title}"


def build(lines: list[str]) -> list[str]:
    """The 2024 edition's source lines, from the 2023 plan's."""
    out = list(lines)
    for _, old, new in SUBSTITUTIONS:
        _substitute(out, old, new)
    # renamed heading (TOC entry and body)
    _retitle(out, RENAMED[0], RENAMED[1], RENAMED[0], RENAMED[2])
    # a section inserted before 第１ > ８．（３）: the three after it renumbered, in the TOC too
    for marker, title, new_marker in RENUMBERED:
        _retitle(out, marker, title, new_marker, title)
    toc, body = heading_indices(out, "（４）", "Jグランツの刷新")
    out[body:body] = [INSERTED[0] + INSERTED[1], INSERTED_MEASURE, ""]
    out[toc:toc] = [f"{INSERTED[0]}{INSERTED[1]} ....................................12"]
    # added: a paragraph of its own after the one under 第１ > １．>（４）
    index = line_index(out, ADDED_AFTER)
    out[index + 1 : index + 1] = ["", ADDED]
    # dropped: a paragraph (with the blank line before it)
    index = line_index(out, DROPPED)
    assert out[index - 1] == ""
    del out[index - 1 : index + 1]
    # moved: a paragraph of 第４ > １．>（２）to the head of 第４ > １．>（４）
    index = line_index(out, MOVED)
    moved = out[index]
    assert out[index - 1] == ""
    del out[index - 1 : index + 1]
    _, body = heading_indices(out, *MOVED_TO)
    out[body + 1 : body + 1] = [moved, ""]
    # split: a blank line makes one paragraph two
    index = line_index(out, SPLIT_AT)
    assert out[index - 1].endswith("。")
    out[index:index] = [""]
    # merged: the blank line between two paragraphs goes
    index = line_index(out, MERGED_SECOND)
    assert out[index - 1] == "" and out[index - 2].endswith("。")
    del out[index - 1]
    return out


@dataclass(frozen=True, slots=True)
class Expected:
    """One change plandiff must report: kind, verb, heading paths and the words that find its lines."""

    kind: str
    change: str
    old_paths: tuple[Path_, ...]
    new_paths: tuple[Path_, ...]
    old_words: tuple[str, ...]  # each finds one line of the 2023 plan (a heading: "marker|title")
    new_words: tuple[str, ...]  # each finds one line of the 2024 edition


P1 = "第1"
EXPECTED: tuple[Expected, ...] = (
    Expected(
        "section",
        "renamed",
        ((P1, "3", "(5)"),),
        ((P1, "3", "(5)"),),
        ("（５）|自治体キャッシュレス",),
        ("（５）|自治体キャッシュレス決済の推進",),
    ),
    Expected("section", "added", (), ((P1, "8", "(3)"),), (), ("（３）|電子委任状の普及",)),
    Expected(
        "section",
        "moved",
        ((P1, "8", "(3)"),),
        ((P1, "8", "(4)"),),
        ("（３）|Jグランツの刷新",),
        ("（４）|Jグランツの刷新",),
    ),
    Expected(
        "section",
        "moved",
        ((P1, "8", "(4)"),),
        ((P1, "8", "(5)"),),
        ("（４）|中小企業支援のDX推進",),
        ("（５）|中小企業支援のDX推進",),
    ),
    Expected(
        "section",
        "moved",
        ((P1, "8", "(5)"),),
        ((P1, "8", "(6)"),),
        ("（５）|政府調達におけるスタートアップ支援",),
        ("（６）|政府調達におけるスタートアップ支援",),
    ),
    Expected(
        "measure",
        "changed",
        ((P1, "1", "(1)"),),
        ((P1, "1", "(1)"),),
        ("紛失等の場合に最短５日間",),
        ("紛失等の場合に最短３日間",),
    ),
    Expected(
        "measure",
        "changed",
        ((P1, "1", "(2)", "③"),),
        ((P1, "1", "(2)", "③"),),
        ("^マイナンバーカードと在留カードの一体化",),
        ("^マイナンバーカードと在留カードの一体化",),
    ),
    Expected("measure", "added", (), ((P1, "1", "(4)"),), (), (ADDED,)),
    Expected("measure", "added", (), ((P1, "8", "(3)"),), (), (INSERTED_MEASURE,)),
    Expected(
        "measure",
        "split",
        ((P1, "10"),),
        ((P1, "10"), (P1, "10")),
        ("事象の収束後も、上記の効果を確認しつつ",),
        ("事象の収束後も、上記の効果を確認しつつ", SPLIT_AT),
    ),
    Expected(
        "measure",
        "merged",
        (("第3", "第3-1", "1", "(2)", "②"),) * 2,
        (("第3", "第3-1", "1", "(2)", "②"),),
        ("国民・事業者等にとって優れたサービスを提供するためには", MERGED_SECOND),
        ("国民・事業者等にとって優れたサービスを提供するためには",),
    ),
    Expected("measure", "removed", (("第3", "第3-1", "2", "(2)", "①"),), (), (DROPPED,), ()),
    Expected("measure", "moved", (("第4", "1", "(2)"),), (("第4", "1", "(4)"),), (MOVED,), (MOVED,)),
)


def find_line(lines: list[str], words: str) -> int:
    """1-based line of an expectation's words: ``marker|title`` is a body heading, anything else text."""
    if "|" in words:
        marker, title = words.split("|")
        return heading_indices(lines, marker, title)[1] + 1
    return line_index(lines, words) + 1
