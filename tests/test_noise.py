"""The noise audit: every hidden difference listed with its rule and both locations; stale fiscal
years and rolled dated events warned about; a deadline moved is a change of its own, never rollover."""

from __future__ import annotations

import json

from plandiff.diff import compare
from plandiff.model import MeasureChange, NoiseRule, Pair, Verb
from plandiff.report import render_changelog
from tests.cli import TextResult, invoke_text
from tests.conftest import FY2021
from tests.pairs import FY2022, changelog, fy2021, fy2021_text
from tests.variants import edit, line_of, parse, rolled

DEADLINE = "- ・令和2年度までに株式会社日本政策金融公庫等の東日本大震災復興特別貸付等"

# the corpus pair's rolled fiscal years, read off both files by hand: (old line, new line, old, new)
ROLLED = [
    (24, 24, "令和3年度", "令和4年度"),
    (92, 91, "2021年度", "2022年度"),
    (107, 105, "2021年度", "2022年度"),
    (118, 116, "2021年度", "2022年度"),
    (223, 223, "2021年度", "2022年度"),
    (224, 224, "2021年度", "2022年度"),
    (334, 332, "2020年度", "2021年度"),
    (347, 345, "令和3年度", "令和4年度"),
    (400, 398, "2021年度", "2022年度"),
    (423, 421, "2021年度", "2022年度"),
    (485, 483, "令和3年度", "令和4年度"),
]


def _cli(*args: str) -> TextResult:
    return invoke_text(*args)


def test_show_noise_lists_each_rolled_year_with_its_lines() -> None:
    old_lines = FY2021.read_text(encoding="utf-8").splitlines()
    new_lines = FY2022.read_text(encoding="utf-8").splitlines()
    for old_line, new_line, old, new in ROLLED:  # the list is what the files say
        assert old in old_lines[old_line - 1] and new in new_lines[new_line - 1]
    log = changelog("corpus")
    rolled_items = [n for n in log.noise if n.rule == NoiseRule.YEAR_ROLLOVER]
    assert [(n.old.line, n.new.line, n.old_text, n.new_text) for n in rolled_items] == ROLLED
    assert len(rolled_items) == log.rolled_years
    result = _cli("diff", "--show-noise", str(FY2021), str(FY2022))
    assert result.returncode == 1, result.stderr
    section = result.stdout.split("## Hidden as noise", 1)[1]
    assert "| year rollover | 11 |" in section and "| page break | 1 |" in section and "| width | 0 |" in section
    for old_line, new_line, old, new in ROLLED:
        assert f"- year rollover: {old} → {new} (old " in section
        assert any(f"l.{old_line} → new " in s and s.endswith(f"l.{new_line})") for s in section.splitlines())
    assert "## Hidden as noise" not in _cli("diff", str(FY2021), str(FY2022)).stdout  # only when asked


def test_json_counts_noise_per_rule_and_lists_every_item() -> None:
    data = json.loads(render_changelog(changelog("corpus"), "json"))
    assert data["summary"]["noise_hidden"]["by_rule"] == {
        "year_rollover": 11,
        "width": 0,
        "spacing": 0,
        "page_break": 1,
        "bullet_style": 0,
        "spelling_variant": 0,
    }
    (page_break,) = [n for n in data["noise"] if n["rule"] == "page_break"]
    assert (page_break["old"]["line"], page_break["new"]["line"]) == (254, 254)
    assert "面⏎談" in page_break["old_text"] and "面談" in page_break["new_text"]


def test_width_spacing_bullet_and_spelling_are_named() -> None:
    text = rolled(fy2021_text())
    text = edit(text, "中小企業・小規模事業者のIT導入の裾野", "中小企業・小規模事業者のＩＴ導入の裾野")
    text = edit(text, "- ・以上の取組を通じ、事業引継ぎ", "・以上の取り組みを通じ、事業引継ぎ")
    log = compare(fy2021(), parse(text))
    assert log.changes == ()
    found = {(n.rule, n.old_text, n.new_text, n.new.line) for n in log.noise if n.rule != NoiseRule.YEAR_ROLLOVER}
    assert found == {
        (NoiseRule.WIDTH, "IT", "ＩＴ", line_of(text, "ＩＴ導入の裾野")),
        (NoiseRule.BULLET_STYLE, "- ・", "・", line_of(text, "以上の取り組みを通じ")),
        (NoiseRule.SPELLING_VARIANT, "取組", "取り組み", line_of(text, "以上の取り組みを通じ")),
    }


def test_a_new_edition_that_did_not_roll_over_is_warned_about() -> None:
    log = changelog("not-rolled")
    assert log.changes == ()  # nothing changed, and yet:
    # every 2021年度 the rolled edition moves on is one the stale edition left as it was
    rolled_2021 = [n for n in changelog("rolled-only").noise if n.old_text == "2021年度"]
    assert len(rolled_2021) == 7
    assert (
        "2021年度 appears 7 times in the 令和4年度 edition where the 令和3年度 edition says the same: "
        "its fiscal years did not roll over with its title"
    ) in log.warnings
    markdown = render_changelog(log, "markdown", "en")
    assert "2021年度 appears 7 times in the 令和4年度 edition" in markdown  # among the report's warnings
    assert "- 注意：令和4年度の本文に令和3年度と同じ「2021年度」が7か所あります" in render_changelog(log, "markdown")
    assert not [w for w in changelog("rolled-only").warnings if "did not roll over" in w]


def test_a_dated_event_that_rolled_is_warned_about() -> None:
    # the constructed FY2022 edition moved 令和3年度から業務範囲… on with the year: rollover, and said so
    warning = (
        "a dated event rolled over with the edition: 令和3年度から → 令和4年度から (old l.24 → new l.24); "
        "a new date, or a year that should have stayed?"
    )
    assert warning in changelog("corpus").warnings
    assert "a dated event rolled over with the edition: 令和3年度から" in render_changelog(
        changelog("corpus"), "markdown", "en"
    )
    assert (
        "- 注意：日付のある記述の年度が版とともに繰り上がっています：令和3年度から → 令和4年度から（改正前24行目 → 改正後24行目）"
        in render_changelog(changelog("corpus"), "markdown")
    )


def test_a_deadline_moved_is_its_own_change_even_by_the_editions_distance() -> None:
    base = rolled(fy2021_text())
    assert [c for c in compare(fy2021(), parse(base)).changes if isinstance(c, MeasureChange)] == []
    for new_year, verb, year in (
        ("令和3年度までに", Verb.DEADLINE_POSTPONED, 2021),
        ("令和元年度までに", Verb.DEADLINE_ADVANCED, 2019),
    ):
        text = edit(base, DEADLINE, DEADLINE.replace("令和2年度までに", new_year))
        (change,) = [c for c in compare(fy2021(), parse(text)).changes if isinstance(c, MeasureChange)]
        assert (change.change, change.deadline) == (verb, Pair(2020, year))
        assert (change.old[0].line, change.new[0].line) == (
            271,
            line_of(text, DEADLINE.replace("令和2年度までに", new_year)),
        )
        assert [seg for seg in change.diff or () if seg[0] != "="] == [("-", "2"), ("+", new_year[2])]
    json_change = json.loads(
        render_changelog(compare(fy2021(), parse(edit(base, DEADLINE, DEADLINE.replace("令和2", "令和3")))), "json")
    )
    (written,) = [c for c in json_change["changes"] if c["kind"] == "measure"]
    assert (written["change"], written["deadline"]) == ("deadline_postponed", {"old": 2020, "new": 2021})
    postponed = compare(fy2021(), parse(edit(base, DEADLINE, DEADLINE.replace("令和2", "令和3"))))
    assert "期限の先送り" in render_changelog(postponed, "markdown")  # the Japanese report says so in its words


def test_other_deadline_forms_and_a_reworded_deadline() -> None:
    base = rolled(fy2021_text())
    for form in ("令和3年度中に", "令和3年度を目途に"):
        text = edit(base, DEADLINE, DEADLINE.replace("令和2年度までに", form))
        changes = [c for c in compare(fy2021(), parse(text)).changes if isinstance(c, MeasureChange)]
        # the deadline moved a year (its own change), and its words changed too (までに → 中に)
        assert [(c.change, c.deadline) for c in changes] == [
            (Verb.DEADLINE_POSTPONED, Pair(2020, 2021)),
            (Verb.CHANGED, Pair(None, None)),
        ], form
    both = edit(base, DEADLINE, DEADLINE.replace("令和2年度までに株式会社", "令和4年度までに一般社団法人"))
    changes = [c for c in compare(fy2021(), parse(both)).changes if isinstance(c, MeasureChange)]
    assert sorted(c.change for c in changes) == [Verb.CHANGED, Verb.DEADLINE_POSTPONED]
    assert len({c.id for c in changes}) == 2
