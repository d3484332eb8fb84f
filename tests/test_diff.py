"""The year-over-year diff on variants of the real FY2021 plan with known edits of every kind."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from plandiff.diff import Changelog, compare
from plandiff.model import Document
from plandiff.render import jsonout, markdown
from plandiff.report import render_changelog
from tests.cli import Result, invoke, process
from tests.conftest import CORPUS, FY2021, ROOT
from tests.seeded import SEEDS, Seeded, register
from tests.variants import edit, line_of, parse, rolled

FY2022 = CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"


def summary(changelog: Changelog, kind: str = "measure") -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return {
        (c.change, tuple(loc.line for loc in c.old), tuple(loc.line for loc in c.new))
        for c in changelog.changes
        if c.kind == kind
    }


@pytest.fixture(scope="module")
def base(fy2021_text: str) -> str:
    return rolled(fy2021_text)


def test_identical_reports_nothing(fy2021: Document) -> None:
    changelog = compare(fy2021, fy2021)
    assert changelog.changes == ()
    assert changelog.unchanged_measures == 218
    assert changelog.noisy_measures == 0


def test_rollover_only_is_noise(fy2021: Document, base: str) -> None:
    changelog = compare(fy2021, parse(base))
    assert changelog.changes == ()
    assert changelog.year_delta == 1
    # 11 fiscal-year mentions in 10 measures: 令和3年度 ×3 in the body and 2021年度 ×8 (grep)
    assert (changelog.unchanged_measures, changelog.noisy_measures, changelog.rolled_years) == (218, 10, 10)
    assert "No differences beyond noise." in markdown.render(changelog)


def test_rewrapped_lines_and_bullet_style_are_noise(fy2021: Document, base: str) -> None:
    text = base
    # join a page break the PDF made, break a long line in the middle, add a page break mid-sentence
    text = edit(
        text,
        "ファンド運営者との面\n\n談等を通じて、投資決定プロセス",
        "ファンド運営者との面談等を通じて、投資決定プロセス",
    )
    text = edit(
        text,
        "利便性・信頼性の高いデータベースを構築・運営するほか、",
        "利便性・信頼性の高いデータベースを構築・運営するほか、\n",
    )
    text = edit(
        text,
        "- ・中小企業・小規模事業者及び地域の中小企業支援機関等向けのIT関連研修を行う。",
        "・中小企業・小規模事業者及び地域の中小企業支援機関等向けのＩＴ関連研修を行う。",
    )
    text = edit(
        text,
        "全国の事業承継・引継ぎ支援センター等に対して、支援能力",
        "全国の事業承継・引継ぎ支援センター等に対して、支援\n\n能力",
    )
    changelog = compare(fy2021, parse(text))
    assert changelog.changes == ()
    # the 10 rolled-over measures + 3 more (the page break added to l.24 falls in one of the 10)
    assert changelog.noisy_measures == 10 + 3


def test_each_kind_of_edit_is_reported_exactly(fy2021: Document, base: str) -> None:
    text = base
    # added: a new bullet in I.3 (2)
    new_measure = (
        "- ・事業再構築に挑戦する中小企業・小規模事業者に対し、事業再構築補助金の円滑な執行を通じて支援を行う。"
    )
    text = edit(
        text,
        "機構の支援ツールを組み合わせた総合的な支援を行う。\n",
        f"機構の支援ツールを組み合わせた総合的な支援を行う。\n{new_measure}\n",
    )
    # removed
    text = edit(text, "- ・ノンネーム情報連絡会等を通じ、県域をまたいだマッチング支援の強化に取り組む。\n", "")
    # reworded
    text = edit(text, "非対面型の支援方法を導入することにより", "非対面型の支援方法を拡充することにより")
    # moved across sections: from I.2 (2) ② to I.2 (3) ③
    moved = "- ・中小企業・小規模事業者や地域の中小企業支援機関等に対し、今後中小企業・小規模事業者の課題となり得る政策課題、経済動向や話題性の高い経営手法等など環境変化に係る情報提供等をセミナーにより実施する。\n"
    text = edit(text, moved, "")
    text = edit(text, "Web等での情報提供を行う。\n", "Web等での情報提供を行う。\n" + moved)
    # split: one bullet of I.1 (1) ② cut in two at また、
    text = edit(
        text,
        "研修等を実施する。また、事業承継・引継ぎの重要性の周知",
        "研修等を実施する。\n- ・事業承継・引継ぎの重要性の周知",
    )
    # merged: two bullets of I.2 (1) ② joined
    text = edit(text, "IT関連研修を行う。\n- ・ITやeコマース", "IT関連研修を行う。ITやeコマース")
    # renamed section
    text = edit(text, "3. 新事業展開の促進・創業支援\n", "3. 新事業展開の促進・創業支援・事業再構築支援\n")
    new = parse(text)
    changelog = compare(fy2021, new)
    old_text = FY2021.read_text(encoding="utf-8")

    assert summary(changelog) == {
        ("added", (), (line_of(text, "事業再構築補助金の円滑な執行"),)),
        ("removed", (line_of(old_text, "ノンネーム情報連絡会"),), ()),
        ("changed", (line_of(old_text, "非対面型の支援方法を導入"),), (line_of(text, "非対面型の支援方法を拡充"),)),
        ("moved", (line_of(old_text, "話題性の高い経営手法"),), (line_of(text, "話題性の高い経営手法"),)),
        (
            "split",
            (24,),
            (line_of(text, "令和4年度から業務範囲が拡大"), line_of(text, "- ・事業承継・引継ぎの重要性の周知")),
        ),
        ("merged", (62, 63), (line_of(text, "IT関連研修を行う。ITやeコマース"),)),
    }
    assert summary(changelog, "section") == {("renamed", (158,), (line_of(text, "3. 新事業展開の促進"),))}
    moved_change = next(c for c in changelog.changes if c.change == "moved")
    assert moved_change.old[0].path == ("I", "2", "(2)", "②")
    assert moved_change.new[0].path == ("I", "2", "(3)", "③")
    reworded = next(c for c in changelog.changes if c.change == "changed")
    assert reworded.data["diff"] == [
        ["=", "オンラインを活用した非対面型の支援方法を"],
        ["-", "導入"],
        ["+", "拡充"],
        [
            "=",
            "することにより、時間的・距離的制約を超えた支援を実現し、中小企業や支援機関における機構の支援施策の利用機会を拡大させ、利便性向上につなげる。",
        ],
    ]
    # the split dropped また、 (shown); the merge changed no words (no diff); the rollover is never shown
    split = next(c for c in changelog.changes if c.change == "split")
    assert [seg for seg in split.data["diff"] if seg[0] != "="] == [["-", "また、"]]
    assert "diff" not in next(c for c in changelog.changes if c.change == "merged").data
    # the renamed heading does not make its measures "moved"
    assert not any(c.change == "moved" and c.old[0].path[:2] == ("I", "3") for c in changelog.changes)


def test_mirror(fy2021: Document, base: str) -> None:
    text = edit(base, "- ・ノンネーム情報連絡会等を通じ、県域をまたいだマッチング支援の強化に取り組む。\n", "")
    text = edit(
        text,
        "研修等を実施する。また、事業承継・引継ぎの重要性の周知",
        "研修等を実施する。\n- ・事業承継・引継ぎの重要性の周知",
    )
    text = edit(text, "非対面型の支援方法を導入することにより", "非対面型の支援方法を拡充することにより")
    new = parse(text)
    forward = compare(fy2021, new)
    backward = compare(new, fy2021)
    flip = {"added": "removed", "removed": "added", "split": "merged", "merged": "split", "changed": "changed"}
    assert {(flip[c], n, o) for c, o, n in summary(forward)} == summary(backward)
    assert backward.year_delta == -1 and backward.changes and backward.noisy_measures == forward.noisy_measures


def test_repost_pairs_with_its_own_counterpart(fy2021: Document, base: str) -> None:
    # change the original of a measure repeated later as （再掲）; the repeat stays as it was
    original = "研修の受講促進を図ることで、第4期中期目標に対応する2022年度の受講者の総数を14,800人以上とする。\n"
    text = edit(base, original, original.replace("14,800人", "15,000人"))
    changelog = compare(fy2021, parse(text))
    assert summary(changelog) == {("changed", (92,), (92,))}
    repost = next(m for m in parse(text).measures if m.repost and "14,800人" in m.text)
    assert repost.line == 118


def test_constructed_corpus_edition_is_up_to_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python scripts/make_constructed.py --check``, its main() called here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_constructed", ROOT / "scripts" / "make_constructed.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr("sys.argv", ["make_constructed.py", "--check"])
    assert script.main() == 0, capsys.readouterr().out


def test_corpus_pair_reports_exactly_the_constructed_edits(fy2021: Document) -> None:
    changelog = compare(fy2021, FY2022)
    new_text = FY2022.read_text(encoding="utf-8")
    assert summary(changelog) == {
        ("removed", (28,), ()),
        ("changed", (29,), (28,)),
        ("moved", (94,), (line_of(new_text, "話題性の高い経営手法"),)),
        ("added", (), (line_of(new_text, "事業再構築補助金の円滑な執行"),)),
        ("changed", (315,), (line_of(new_text, "非対面型の支援方法を拡充"),)),
    }
    assert summary(changelog, "section") == {("renamed", (158,), (157,))}
    budget = sorted(
        (c.old[0].line, c.new[0].line, tuple(c.data["row"]), tuple(c.data["column"]), c.data["delta"])
        for c in changelog.changes
        if c.kind == "budget"
    )
    assert budget == [
        (517, 515, ("収入", "運営費交付金"), ("合計",), 200),
        (517, 515, ("収入", "運営費交付金"), ("生産性向上業務(一般経理)",), 200),
        (526, 524, ("収入", "計"), ("合計",), 200),
        (526, 524, ("収入", "計"), ("生産性向上業務(一般経理)",), 200),
    ]
    # rollover (10 measures) + the re-joined page break (1) + 2020年度評価結果 → 2021年度 (1) are noise
    assert (changelog.unchanged_measures, changelog.noisy_measures, changelog.rolled_years) == (214, 12, 11)


def test_json_validates_against_published_schema(fy2021: Document) -> None:
    changelog = compare(fy2021, FY2022)
    data = json.loads(jsonout.render(changelog))
    jsonschema.Draft202012Validator(jsonout.schema()).validate(data)
    published = json.loads((ROOT / "plandiff" / "render" / "changelog.schema.json").read_text(encoding="utf-8"))
    assert published == jsonout.schema()
    assert data["schema"] == jsonout.SCHEMA_ID
    assert data["summary"]["counts"]["measure"] == {"added": 1, "removed": 1, "changed": 2, "moved": 1}
    added = next(c for c in data["changes"] if c["change"] == "added")
    assert added["old"] == [] and added["new"][0]["path"] == ["I", "3", "(2)"]


def test_markdown_is_valid_gfm(fy2021: Document) -> None:
    text = markdown.render(compare(fy2021, FY2022))
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    # every table row has as many cells as its header
    rows: list[int] = []
    for tok in tokens:
        if tok.type == "tr_open":
            rows.append(0)
        elif tok.type in ("th_open", "td_open"):
            rows[-1] += 1
    assert rows and len(set(rows)) == 1
    inline = [t for t in tokens if t.type == "inline"]
    struck = [c for t in inline for c in t.children or [] if c.type == "s_open"]
    strong_text = [
        t.children[i + 1].content for t in inline for i, c in enumerate(t.children or []) if c.type == "strong_open"
    ]
    assert len(struck) == 3  # the legend, ~~260~~ and ~~導入~~ render as strikethrough
    assert "300" in strong_text and "拡充" in strong_text


def test_markdown_syntax_in_plan_text_is_escaped(fy2021: Document, base: str) -> None:
    hostile = "- ・<script>alert(1)</script> *強調* | 表 | [リンク](http://x) `code` # 見出し ~~取消~~ を行う。"
    text = edit(
        base, "- ・ノンネーム情報連絡会等を通じ、県域をまたいだマッチング支援の強化に取り組む。\n", hostile + "\n"
    )
    rendered = markdown.render(compare(fy2021, parse(text)))
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(rendered)
    assert "<script>" not in html and "<em>" not in html and "<a href" not in html
    # shown as written (after the display repair that closes spaces next to CJK characters)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *強調* |表| [リンク](http://x) `code` #見出し~~取消~~を行う。" in html


def _cli(*args: str) -> Result:
    return invoke(*args)


@pytest.mark.end_to_end
def test_cli_exit_codes_and_atomic_output(tmp_path: Path) -> None:
    """End to end: the exit status of the installed ``plandiff`` console script (a new process), for
    differences found; no differences and trouble in-process."""
    same = _cli("diff", str(FY2021), str(FY2021))
    assert same.returncode == 0
    out = tmp_path / "changelog.md"
    different = process("diff", str(FY2021), str(FY2022), "-o", str(out), module=False)
    assert different.returncode == 1 and different.stdout == b""
    assert out.read_text(encoding="utf-8").startswith(
        "# 変更点：令和3年度計画 → 令和4年度計画\n"
    )  # Japanese by default
    assert [p.name for p in tmp_path.iterdir()] == ["changelog.md"]  # no temporary file left behind
    missing = _cli("diff", str(FY2021), str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert missing.stderr.decode().splitlines() == [f"plandiff: {tmp_path / 'nope.txt'}: no such file"]


CORPUS_JSON = ("diff", "--format", "json", str(FY2021), str(FY2022))
CORPUS_MARKDOWN = ("diff", str(FY2021), str(FY2022))
register("corpus-json", lambda _: ["cli", list(CORPUS_JSON)])
register("corpus-markdown", lambda _: ["cli", list(CORPUS_MARKDOWN)])


@pytest.mark.end_to_end
def test_output_is_byte_identical_across_hash_seeds(seeded: Seeded) -> None:
    """End to end: the corpus pair diffed in one new process per hash seed (tests/seeded.py), and here."""
    for name, args in (("corpus-json", CORPUS_JSON), ("corpus-markdown", CORPUS_MARKDOWN)):
        runs = seeded(name)
        assert [run.seed for run in runs] == list(SEEDS) and len(SEEDS) >= 3
        assert {run.returncode for run in runs} == {1}
        assert len({run.stdout for run in runs} | {invoke(*args).stdout}) == 1


def test_inserted_section_renumbers_without_moving_measures(fy2021: Document, base: str) -> None:
    new_section = (
        "3. 事業再構築支援\n\n"
        "- ・事業再構築補助金の円滑な執行を通じて、新分野展開や業態転換に挑戦する中小企業・小規模事業者を支援する。\n\n"
    )
    text = edit(base, "3. 新事業展開の促進・創業支援\n", new_section + "4. 新事業展開の促進・創業支援\n")
    text = edit(text, "4. 経営環境の変化への対応の円滑化\n", "5. 経営環境の変化への対応の円滑化\n")
    changelog = compare(fy2021, parse(text))
    sections = {
        (c.change, c.old[0].path if c.old else (), c.new[0].path, bool(c.data.get("renumbered")))
        for c in changelog.changes
        if c.kind == "section"
    }
    assert sections == {
        ("added", (), ("I", "3"), False),
        ("moved", ("I", "3"), ("I", "4"), True),
        ("moved", ("I", "4"), ("I", "5"), True),
    }
    # the measures under the renumbered sections (and their 【指標】 blocks) are not reported as moved
    assert summary(changelog) == {("added", (), (line_of(text, "事業再構築補助金の円滑な執行"),))}
    assert "- **Renumbered** I > 3 l.158 → I > 4 l.162: 4. 新事業展開の促進・創業支援" in markdown.render(changelog)


def test_three_editions_compare_each_to_the_next(tmp_path: Path, base: str) -> None:
    rolled_only = tmp_path / "fy2022-rolled.txt"
    rolled_only.write_text(base, encoding="utf-8")
    result = _cli("diff", "-f", "json", str(FY2021), str(rolled_only), str(FY2022))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(jsonout.schema()).validate(data)
    # both later files are FY2022 (year delta 0), so the constructed edition's 2020年度評価結果 → 2021年度
    # is no rollover there: a year change between two editions of the same year is reported
    assert [len(pair["changes"]) for pair in data] == [0, 7 + 4 + 1]  # + 4 budget lines and the raised target
    assert [pair["summary"]["noise_hidden"]["rolled_years"] for pair in data] == [10, 0]
    year_change = [c for c in data[1]["changes"] if c["change"] == "changed" and "評価結果" in c["new"][0]["text"]]
    assert [[seg for seg in c["diff"] if seg[0] != "="] for c in year_change] == [[["-", "2020"], ["+", "2021"]]]
    markdown_run = _cli("diff", str(FY2021), str(rolled_only), str(FY2022))
    assert markdown_run.stdout.decode().count("\n---\n\n# 変更点：") == 1
    assert "表記揺れ等を除き、差異はありません。" in markdown_run.stdout.decode()


def test_corpus_changelog_leads_with_the_raised_key_target(fy2021: Document) -> None:
    text = render_changelog(compare(fy2021, FY2022), "markdown", "en")
    assert "\n3. Target raised: 事業引継ぎにおける広域の成約件数, 260件 → 300件 (I.1.(1)②, indicators)\n" in text
    assert "\n### 予算 — 一般勘定\n" in text
