"""Issue 13: the report in Japanese, the 新旧対照表 (HTML and XLSX), word diffs without spaces."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from plandiff.diff import compare
from plandiff.model import Changelog, Document
from plandiff.render import access
from plandiff.render.inline import html_diff, inline_diff, merge, runs
from plandiff.render.labels import compact_path, where
from plandiff.report import render_bytes, render_changelog
from tests.cli import invoke
from tests.conftest import CORPUS
from tests.shared_docs import cached_read, source
from tests.variants import edit, parse, rolled

FY2021 = CORPUS / "smrj-fy2021-annual-plan.txt"
FY2022 = CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"


def every_kind_variant(text: str) -> str:
    """Next year's plan with an edit of every kind an analyst looks for (the issue's list)."""
    text = rolled(text)
    # a lowered target (8 → 6本), in the 【指標】 and in the measure that states it
    text = edit(
        text,
        "ファンド新規組成数(事業承継ファンドを除く。): 8本以上",
        "ファンド新規組成数(事業承継ファンドを除く。): 6本以上",
    )
    text = edit(
        text, "政策的意義の高いファンドを8ファンド以上組成する。", "政策的意義の高いファンドを6ファンド以上組成する。"
    )
    # a dropped indicator whose sentence stays
    text = edit(text, "- ・事業承継ファンド新規組成数：2本\n", "")
    # a weakened commitment
    text = edit(text, "さらなる加入促進等を図る。", "さらなる加入促進等の検討を行う。")
    # a raised target
    text = edit(text, "広域の成約件数を260件以上とする", "広域の成約件数を320件以上とする")
    text = edit(text, "広域の成約件数：260件以上【基幹目標】", "広域の成約件数：320件以上【基幹目標】")
    # a strengthened one
    text = edit(text, "マッチング支援の強化に取り組む。", "マッチング支援の強化を必ず実施する。")
    # a new programme: a new heading with its 補助金 measure
    text = edit(
        text,
        "2. 組織パフォーマンス、組織力の向上\n",
        "(3) 事業再構築への支援\n\n- ・事業再構築補助金の円滑な執行を通じて、新分野展開や業態転換に挑戦する中小企業・"
        "小規模事業者を支援する。\n\n2. 組織パフォーマンス、組織力の向上\n",
    )
    return text


@pytest.fixture(scope="module")
def variant(fy2021: Document, fy2021_text: str) -> Changelog:
    return compare(fy2021, parse(every_kind_variant(fy2021_text)))


@pytest.fixture(scope="module")
def corpus_pair(fy2021: Document) -> Changelog:
    return compare(fy2021, cached_read(FY2022))


def _ascii_words(text: str) -> set[str]:
    text = re.sub(r"`[^`]*`", "", text)  # code spans (file names)
    return set(re.findall(r"[A-Za-z]{2,}", text))


def test_japanese_by_default_and_no_english_word_of_ours(variant: Changelog, fy2021_text: str) -> None:
    text = render_changelog(variant, "markdown")
    assert text.startswith("# 変更点：令和3年度計画 → 令和4年度計画\n")
    plan_words = _ascii_words(fy2021_text) | {"del", "ins"}  # words of the plan itself (IT, PDCA …), our tags
    assert "- 注意：" in text  # the warnings too: a dated event rolled over
    assert _ascii_words(text) <= plan_words, _ascii_words(text) - plan_words
    for word in ("新設", "修正", "見出しの新設", "目標値の引下げ", "目標値の引上げ", "指標の削除"):
        assert word in text, word
    assert "行目" in text and " l." not in text
    # places carry the heading's title
    assert "I.3.(3)① 中小企業・小規模事業者・地域中核企業等の成長段階に応じたリスクマネー供給の円滑化等" in text
    english = render_changelog(variant, "markdown", "en")
    assert english.startswith("# plandiff: ") and "Dropped" in english and "行目" not in english


def _source_words(*paths: Path) -> set[str]:
    """The Latin words of the documents themselves (Ｅ Ｓ Ｃ Ｏ, full width and letter-spaced, is ESCO in a report)."""
    text = unicodedata.normalize("NFKC", "\n".join(line.text for path in paths for line in source(path).lines))
    return _ascii_words(text) | _ascii_words(re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z])", "", text))


def _no_english_word_of_ours(changelog: Changelog, plan_words: set[str]) -> str:
    text = render_changelog(changelog, "markdown")
    body = lxml_html.fromstring(render_changelog(changelog, "html")).find("body")
    for node in body.findall(".//code"):  # file names
        node.drop_tree()
    page_text = body.text_content()
    for shown in (text, page_text):
        assert _ascii_words(shown) <= plan_words | {"del", "ins"}, _ascii_words(shown) - plan_words
    return text


def test_warnings_are_japanese_on_the_corpus_pair_and_swapped(corpus_pair: Changelog, fy2021: Document) -> None:
    words = _source_words(FY2021, FY2022)
    text = _no_english_word_of_ours(corpus_pair, words)
    assert "- 注意：日付のある記述の年度が版とともに繰り上がっています：令和3年度から → 令和4年度から" in text
    swapped = compare(cached_read(FY2022), fy2021)
    text = _no_english_word_of_ours(swapped, words)
    assert "- 注意：改正前（2022年度）が改正後（2021年度）より新しい版です" in text
    assert "- 注意：令和3年度の本文に令和4年度と同じ「令和4年度」が2か所あります" in text
    assert swapped.warnings[0].startswith("OLD is the later edition (FY2022)")  # the English stays as it was
    assert [n.text() for n in swapped.notices] == list(swapped.warnings)


def test_warnings_are_japanese_on_real_documents() -> None:
    from tests.shared_docs import shared

    old, new = shared("fuji-city-budget-r7-summary.pdf"), shared("fuji-city-budget-r8-summary.pdf")
    changelog = compare(cached_read(old), cached_read(new))
    assert [n.code for n in changelog.notices] == ["duplicate_path", "duplicate_path"]
    text = _no_english_word_of_ours(changelog, _source_words(old, new))
    assert (
        "- 注意：【改正前】同じ番号の見出しが2つあります：歳入歳出予算事項別明細書 > 総括 > 歳入（571行目と628行目）"
        in text
    )
    plan = shared("digital-agency-priority-plan-2023-06-09.pdf")
    itself = compare(cached_read(plan), cached_read(plan))
    assert {n.code for n in itself.notices} == {"numbering_doubts"}
    text = _no_english_word_of_ours(itself, _source_words(plan))
    assert "- 注意：【改正後】見出しに似た2行が番号の並びに合わないため本文として読みました：1076、1091行目" in text
    english = render_changelog(itself, "markdown", "en")
    assert "- Warning: new: 2 heading-like lines break the numbering and were read as text: lines 1076, 1091" in english


def test_every_notice_has_japanese_words() -> None:
    from plandiff.model import NOTICE_TEMPLATES, Notice

    for code, (ja, en) in NOTICE_TEMPLATES.items():
        fields = {name: "1" for name in re.findall(r"{(\w+)}", en + ja)}
        notice = Notice.of(code, **fields)
        assert not _ascii_words(notice.text("ja")), (code, notice.text("ja"))
        assert notice.text("en") != notice.text("ja")
    assert Notice.of("numbering_doubts", n=12, lines="1, 2", more=10).text("ja").endswith("1、2行目ほか10行")
    assert (
        Notice.of("duplicate_path", path="I > 3 > (4)", first=1, second=9)
        .text("ja")
        .endswith("I.3.(4)（1行目と9行目）")
    )


def test_places_lines_and_pages() -> None:
    from plandiff.model import Location

    assert compact_path(("I", "3", "(4)", "②")) == "I.3.(4)②"
    assert compact_path(("I", "1", "【指標】")) == "I.1【指標】"
    loc = Location(("I", "3", "(4)", "②"), 29, "", page=12)
    titles = {("I", "3", "(4)", "②"): "起業・創業・成長支援"}
    assert where(loc, "ja", titles) == "I.3.(4)② 起業・創業・成長支援 29行目（12頁）"
    assert where(loc, "en", titles) == "I > 3 > (4) > ② l.29 (p.12)"


def test_header_names_files_not_paths_and_the_organisation(corpus_pair: Changelog) -> None:
    text = render_changelog(corpus_pair, "markdown")
    assert "- 作成主体：独立行政法人中小企業基盤整備機構\n" in text
    assert "`smrj-fy2021-annual-plan.txt`" in text and str(CORPUS) not in text
    assert "作成日" not in text
    assert "- 作成日：2024-01-02\n" in render_changelog(corpus_pair, "markdown", stamp="2024-01-02")


def test_summary_is_one_row_per_kind(corpus_pair: Changelog) -> None:
    text = render_changelog(corpus_pair, "markdown")
    assert "| 区分 | 件数 | 内訳 |" in text
    assert "| 取組 | 5 | 新設 1・削除 1・修正 2・移動 1 |" in text
    assert "| 予算 | 4 | 増額 4 |" in text


# --- word diff without spaces -------------------------------------------------------------


def _markdown_new_text(line: str) -> str:
    """Drop the deleted runs and the markup from a Markdown diff line; undo the escapes."""
    line = re.sub(r"~~.*?~~", "", line)
    line = re.sub(r"<del>.*?</del>", "", line)
    line = line.replace("**", "").replace("<ins>", "").replace("</ins>", "")
    return re.sub(r"\\(.)", r"\1", line)


def _changed_measures(changelog: Changelog) -> list[tuple[list[tuple[str, str]], str]]:
    out = []
    for change in changelog.changes:
        segments = access.segments(change)
        if change.kind == "measure" and segments is not None:
            out.append((segments, "".join(loc.text for loc in change.new)))
    return out


def test_removing_deletions_and_markup_gives_back_the_new_text(variant: Changelog, corpus_pair: Changelog) -> None:
    cases = _changed_measures(variant) + _changed_measures(corpus_pair)
    assert len(cases) >= 6
    for segments, new_text in cases:
        line = inline_diff(segments)
        assert _markdown_new_text(line) == new_text
        tree = lxml_html.fragment_fromstring(html_diff(segments), create_parent="p")
        for node in tree.findall(".//del"):
            node.drop_tree()
        assert tree.text_content() == new_text
        assert "".join(t for t, _ in runs(segments, "new")) == new_text


def test_inline_diff_forms() -> None:
    segments = [("=", "成約件数を"), ("-", "260"), ("+", "320"), ("=", "件以上とする。")]
    assert inline_diff(segments) == "成約件数を~~260~~**320**件以上とする。"
    assert html_diff(segments) == "成約件数を<del>260</del><ins>320</ins>件以上とする。"
    # one phrase change is one replacement: edits one or two characters apart are merged
    pieces = [("=", "加入促進等"), ("+", "の検討"), ("=", "を"), ("-", "図る"), ("+", "行う"), ("=", "。")]
    assert merge(pieces) == [("=", "加入促進等"), ("-", "を図る"), ("+", "の検討を行う"), ("=", "。")]
    assert inline_diff(pieces) == "加入促進等~~を図る~~**の検討を行う**。"
    # a run that starts with punctuation next to a letter cannot be GFM emphasis: inline HTML instead
    quoted = [("=", "制度を"), ("+", "「新設」"), ("=", "する")]
    assert inline_diff(quoted) == "制度を<ins>「新設」</ins>する"


def test_inline_diff_renders_in_gfm_without_spaces(variant: Changelog) -> None:
    md = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"])
    for segments, new_text in _changed_measures(variant):
        rendered = md.render(inline_diff(segments))
        tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
        assert "~~" not in tree.text_content() and "**" not in tree.text_content()
        for node in tree.findall(".//s") + tree.findall(".//del"):
            node.drop_tree()
        assert tree.text_content().strip() == new_text


# --- 新旧対照表 -----------------------------------------------------------------------------


def test_taisho_html(variant: Changelog) -> None:
    page = render_changelog(variant, "taisho")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "<link" not in page
    tree = lxml_html.fromstring(page)
    assert [th.text for th in tree.findall(".//thead//th")] == ["改正後", "改正前", "備考"]
    body = [tr for tr in tree.findall(".//tbody/tr")]
    text = [(tr.get("class") or "", [td.text_content() for td in tr.findall("td")]) for tr in body]
    # document order: the new heading and its measure after I.3.(4)'s lowered target, before II
    flat = [cells[0] + "|" + cells[1] for _, cells in text]
    first = next(i for i, s in enumerate(flat) if "事業再構築補助金" in s)
    lowered = next(i for i, s in enumerate(flat) if "6ファンド以上" in s)
    assert lowered < first
    assert any("（新設）" in cells[1] and "事業再構築補助金" in cells[0] for _, cells in text)
    assert any("（指標の削除" in cells[0] and "事業承継ファンド新規組成数" in cells[1] for _, cells in text)
    # changed runs underlined in both columns
    measure = next(tr for tr in body if "6ファンド以上組成する" in tr.text_content())
    assert [i.text for i in measure.findall(".//ins")] == ["6"]
    assert [d.text for d in measure.findall(".//del")] == ["8"]
    # headings with titles, once
    headings = [cells[0] for cls, cells in text if cls == "heading"]
    assert len(headings) == len(set(headings))
    assert any(h.startswith("I.3.(3)① 中小企業・小規模事業者・地域中核企業等の成長段階に応じた") for h in headings)
    # a row per changed target and budget line
    assert any("起業支援ファンド及び中小企業成長支援ファンド新規組成数" in cells[0] for _, cells in text)


def test_taisho_xlsx(variant: Changelog, corpus_pair: Changelog) -> None:
    data = render_bytes([corpus_pair], "xlsx")
    assert data == render_bytes([corpus_pair], "xlsx")  # byte-identical
    book = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    sheet = book["新旧対照表"]
    assert [sheet.cell(2, c).value for c in (1, 2, 3)] == ["改正後", "改正前", "備考"]
    assert sheet.column_dimensions["A"].width == 60 and sheet.freeze_panes == "A3"
    cells = {}
    for row in sheet.iter_rows(min_row=3):
        new, old = row[0].value, row[1].value
        cells[str(new)] = (new, old)
    target = next((new, old) for new, old in cells.values() if "成約件数を" in str(new) and hasattr(new, "__iter__"))
    new, old = target
    underlined_new = [b.text for b in new if not isinstance(b, str) and b.font.u == "single"]
    underlined_old = [b.text for b in old if not isinstance(b, str) and b.font.u == "single"]
    assert underlined_new == ["300"] and underlined_old == ["260"]
    assert all(b.font.rFont == "ＭＳ 明朝" for b in new if not isinstance(b, str))
    assert (
        "".join(b if isinstance(b, str) else b.text for b in new)
        == "以上の取組を通じ、事業引継ぎにおける広域の成約件数を300件以上とする。"
    )
    # the variant: a dropped indicator is marked (削除) in the new column
    book = openpyxl.load_workbook(io.BytesIO(render_bytes([variant], "xlsx")), rich_text=True)
    values = [str(c.value) for c in book.active["A"]]
    assert any("（指標の削除" in v for v in values) and any("事業再構築補助金" in v for v in values)


def test_cli_taisho_and_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "taisho.xlsx"
    run = ("diff", str(FY2021), str(FY2022))
    result = invoke(*run, "-f", "xlsx", "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert out.read_bytes()[:2] == b"PK" and [p.name for p in tmp_path.iterdir()] == ["taisho.xlsx"]
    page = invoke(*run, "-f", "taisho")
    assert page.returncode == 1 and b"<ins>300</ins>" in page.stdout
    bad = invoke(*run, "--lang", "fr")
    assert bad.returncode == 2 and bad.stderr.decode().count("\n") == 1


def test_news_first_down_then_new_then_up(variant: Changelog) -> None:
    text = render_changelog(variant, "markdown")
    digest = text.split("## 要旨\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert digest[0] == (
        "1. 起業支援ファンド及び中小企業成長支援ファンド新規組成数(事業承継ファンドを除く。)の目標を8本から6本に引下げ"
        "（I.3.(3)①、【指標】）"
    )
    assert digest[1].startswith("2. 指標「事業承継ファンド新規組成数」（2本）を削除（本文の取組は存続）")
    assert "の表現を後退（を図る→の検討を行う）" in digest[2]
    assert digest[3] == "4. 見出し「(3) 事業再構築への支援」を新設（II.1.(3)）"
    assert "引上げ" in digest[4] and "表現を強化" in digest[5] and len(digest) == 6
    # never the same event twice: the raised target is not told again as its measure's rewording
    assert sum("成約件数" in line for line in digest) == 1
    # weakened / strengthened are flagged on the measures
    assert text.count("**表現の後退**") == 1 and text.count("**表現の強化**") == 1


def _anchors(page: str) -> tuple[list[str], set[str]]:
    tree = lxml_html.fromstring(page)
    hrefs = [a.get("href")[1:] for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    return hrefs, {e.get("id") for e in tree.iter() if e.get("id")}


def test_html_report_is_a_page_with_contents_and_links(variant: Changelog, fy2021: Document) -> None:
    page = render_changelog(variant, "html")
    hrefs, ids = _anchors(page)
    assert hrefs and set(hrefs) <= ids  # every link has its anchor
    tree = lxml_html.fromstring(page)
    nav = tree.find(".//nav")
    assert nav is not None and nav.find("p").text == "目次"
    toc = [a.text_content() for a in nav.iter("a")]
    assert toc[:4] == ["要旨", "概要", "目標・指標", "予算（単位：百万円）"] and "取組（見出し別）" in toc
    assert "II.1.(3) 事業再構築への支援" in toc and any(t.startswith("I.3.(3)① 中小企業・小規模事業者") for t in toc)
    # a target row links to the measure that states it: the lowered 8 → 6本 to 「…6ファンド以上組成する」
    rows = {tr.find("td").text_content(): tr for tr in tree.iter("tr") if tr.find("td") is not None}
    lowered = next(tr for name, tr in rows.items() if name.startswith("起業支援ファンド及び中小企業成長支援ファンド"))
    link = lowered.find(".//a").get("href")[1:]
    measure = tree.get_element_by_id(link).getparent()
    assert "6ファンド以上組成する" in measure.text_content() and "**" not in measure.text_content()
    # a dropped indicator whose measure did not change has no measure in the report to link to
    dropped = next(tr for name, tr in rows.items() if name.startswith("事業承継ファンド新規組成数"))
    assert dropped.find(".//a") is None
    # a budget row named in a changed measure links to it; Markdown stays without anchors
    text = FY2022.read_text(encoding="utf-8")
    text = edit(
        text, "引き続き収益化単位の業務ごとに予算と実績を管理する", "収益化単位の業務ごとに予算と実績を厳格に管理する"
    )
    with_budget = compare(fy2021, parse(text))
    page = render_changelog(with_budget, "html")
    hrefs, ids = _anchors(page)
    assert set(hrefs) <= ids
    tree = lxml_html.fromstring(page)
    budget_links = [a for a in tree.iter("a") if a.text_content() == "収入 / 運営費交付金"]
    assert budget_links and all(a.get("href") == budget_links[0].get("href") for a in budget_links)
    target = tree.get_element_by_id(budget_links[0].get("href")[1:]).getparent()
    assert "運営費交付金" in target.text_content() and "厳格に" in target.text_content()
    assert "<a id=" not in render_changelog(with_budget, "markdown") and "](#" not in render_changelog(
        variant, "markdown"
    )


def test_series_pages_keep_their_anchors_apart(fy2021: Document, fy2021_text: str) -> None:
    from plandiff.report import render_series

    middle = parse(every_kind_variant(fy2021_text))
    page = render_series([compare(fy2021, middle), compare(middle, FY2022)], "html")
    hrefs, ids = _anchors(page)
    assert set(hrefs) <= ids and any(h.startswith("p1-measure-") for h in hrefs)
    tree = lxml_html.fromstring(page)
    assert len([e for e in tree.iter() if e.get("id")]) == len(ids)  # no id twice


def test_strength_is_in_the_change_and_the_json(variant: Changelog) -> None:
    import dataclasses
    import json

    from plandiff.model import MeasureChange, Strength

    measures = [c for c in variant.changes if isinstance(c, MeasureChange)]
    weakened = [c for c in measures if c.strength is Strength.WEAKENED]
    strengthened = [c for c in measures if c.strength is Strength.STRENGTHENED]
    assert len(weakened) == 1 and "さらなる加入促進等の検討を行う" in weakened[0].new[0].text
    assert len(strengthened) == 1 and "マッチング支援の強化を必ず実施する" in strengthened[0].new[0].text
    data = json.loads(render_changelog(variant, "json"))
    by_id = {c["id"]: c for c in data["changes"] if c["kind"] == "measure"}
    assert by_id[weakened[0].id]["strength"] == "weakened"
    assert by_id[strengthened[0].id]["strength"] == "strengthened"
    assert {c["strength"] for c in by_id.values()} == {"weakened", "strengthened", None}
    # the renderers read the change's field, they do not compute it again
    cleared = dataclasses.replace(
        variant, changes=tuple(dataclasses.replace(c, strength=None) if c in weakened else c for c in variant.changes)
    )
    text = render_changelog(cleared, "markdown")
    assert "**表現の後退**" not in text and "表現を後退" not in text and "**表現の強化**" in text
    assert "表現の後退" not in render_changelog(cleared, "taisho")


def test_target_rows_cite_the_line_with_the_figure(variant: Changelog, fy2021_text: str) -> None:
    """Every body location of a changed target is the source line that holds its figure."""
    from plandiff.model import TargetChange

    lines = {"old": fy2021_text.split("\n"), "new": every_kind_variant(fy2021_text).split("\n")}
    body = 0
    for change in variant.changes:
        if not isinstance(change, TargetChange):
            continue
        for side in ("old", "new"):
            value = getattr(change.value, side)
            for loc in getattr(change, side):
                if loc.path[-1] == "【指標】":
                    continue
                body += 1
                figure = f"{value:,}" if isinstance(value, int) else str(value)
                assert figure in lines[side][loc.line - 1], (change.id, side, loc.line, figure)
    assert body >= 3


def test_a_target_in_a_measure_over_two_lines_is_cited_at_its_figure(fy2021: Document, fy2021_text: str) -> None:
    lines = fy2021_text.split("\n")
    assert lines[54].startswith("- ・地域の中小企業支援機関等による") and "2,100人以上" in lines[55]  # l.55–56
    text = edit(fy2021_text, "支援者数を2,100人以上とする", "支援者数を2,500人以上とする")
    report = render_changelog(compare(fy2021, parse(text)), "markdown")
    targets = report.split("## 目標・指標\n", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in targets.splitlines() if "2,500" in line)
    assert "56行目" in row and "55行目" not in row, row


def test_figure_location_in_a_measure_over_lines() -> None:
    from plandiff.extract.targets import figure_location
    from plandiff.model import Measure

    raw = "・支援を行い、\n相談件数を\n２，１００\n件以上とする。"
    text = "支援を行い、相談件数を2,100件以上とする。"
    measure = Measure(("I",), 10, 14, text, raw, "bullet", False, 3, ((10, 3), (11, 3), (13, 4), (14, 4)))
    loc = figure_location(measure, text.index("2,100"), "2,100")
    assert (loc.line, loc.page, loc.text) == (13, 4, text)  # the line after a blank one, on the next page
    # the same figure twice: the occurrence where the text puts it
    raw2 = "・件数を100件、\n支援者数を100人以上とする。"
    text2 = "件数を100件、支援者数を100人以上とする。"
    twice = Measure(("I",), 20, 21, text2, raw2, "bullet", False, None, ((20, None), (21, None)))
    assert figure_location(twice, text2.rindex("100"), "100").line == 21
    assert figure_location(twice, text2.index("100"), "100").line == 20
    # not found (a repair the raw lines do not show): the measure's first line
    assert figure_location(twice, 0, "999").line == 20


def test_strength_lexicon() -> None:
    from plandiff.classify.strength import shift

    def one(old: str, new: str) -> str | None:
        return shift([("=", "支援を"), ("-", old), ("+", new), ("=", "。")])

    assert one("図る", "検討する") == "weakened"
    assert one("実施する", "努める") == "weakened"
    assert one("強化する", "継続する") == "weakened"
    assert one("検討を行う", "実施する") == "strengthened"
    assert shift([("=", "件数を"), ("-", "300件以上"), ("+", "300件程度"), ("=", "とする")]) == "weakened"
    assert shift([("=", "株式処分を"), ("-", "必ず"), ("+", "可能な限り"), ("=", "図る")]) == "weakened"
    assert one("推進する", "図る") is None
