"""plandiff.history over five editions of the SMRJ plan with known edits (tests/history_series.py): the
history reports exactly those lineages and trajectories, every format says them, output is the same
bytes on every run, and the command exits as diff does. Expected values are the edits as written in
the series module, not anything the code computes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

import plandiff
from plandiff.cli import run
from plandiff.model.history import Event, History
from plandiff.render.history_json import schema
from plandiff.render.history_report import FORMATS, render_history
from tests.history_series import (
    SECTION_NEW,
    SECTION_OLD,
    SELF_STUDY,
    SELF_STUDY_WEAK,
    TARGET_VALUES,
    YEARS,
    write_series,
)

ADDED_ROW = ("収入", "受託収入")


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    # given out of order: the history sorts by fiscal year
    return write_series(tmp_path_factory.mktemp("series"), (3, 1, 4, 0, 2))


@pytest.fixture(scope="module")
def hist(series: list[Path]) -> History:
    return plandiff.history(series)


@pytest.fixture(scope="module")
def hist_again(series: list[Path]) -> History:
    """The same editions given in the other order, read and compared afresh."""
    return plandiff.history(list(reversed(series)))


@pytest.fixture(scope="module")
def rendered(hist: History) -> dict[str, str | bytes]:
    """``hist`` in every format (its own language), rendered once for the tests that read it."""
    return {fmt: render_history(hist, fmt) for fmt in FORMATS}


def _steps(row: object) -> list[tuple[int | None, tuple[str, ...]]]:
    return [(s.year, tuple(e.value for e in s.events)) for s in row.steps]  # type: ignore[attr-defined]


def test_editions_are_sorted_by_fiscal_year(hist: History) -> None:
    assert hist.years == YEARS
    assert [m.source.rsplit("/", 1)[-1] for m in hist.editions] == [f"smrj-fy{y}-annual-plan.txt" for y in YEARS]
    assert hist.notices == ()


def test_target_trajectory(hist: History) -> None:
    changed = [t for t in hist.targets if t.changed]
    assert len(changed) == 1
    t = changed[0]
    assert t.metric == "事業引継ぎにおける広域の成約件数"
    assert [c.value if c else None for c in t.cells] == list(TARGET_VALUES)
    assert {c.comparator for c in t.cells if c} == {"以上"} and all(c and c.key_target for c in t.cells)
    assert _steps(t) == [(2022, ("raised",)), (2023, ("raised",)), (2025, ("lowered",))]
    # every other target of the plan is in all five editions, unchanged: 24 targets in the FY2021 plan
    assert len(hist.targets) == 24 and all(all(c is not None for c in x.cells) for x in hist.targets)


def test_measure_lineages(hist: History) -> None:
    changed = {m.first.text: m for m in hist.measures if m.changed}
    study = SELF_STUDY.removeprefix("- ・").strip()
    target_sentence = "以上の取組を通じ、事業引継ぎにおける広域の成約件数を260件以上とする。"
    assert set(changed) == {study, target_sentence}
    weak = changed[study]
    assert _steps(weak) == [(2023, ("reworded", "weakened")), (2025, ("removed",))]
    assert [p is not None for p in weak.places] == [True, True, True, True, False]
    assert weak.last.text == SELF_STUDY_WEAK.removeprefix("- ・").strip()
    assert weak.first.path == weak.last.path == ("I", "2", "(2)", "②")
    # the measure that states the target is reworded each year its number changes, and only then
    stated = changed[target_sentence]
    assert _steps(stated) == [(2022, ("reworded",)), (2023, ("reworded",)), (2025, ("reworded",))]
    assert stated.last.text == target_sentence.replace("260", "290")
    # the lineage id is the content id the first pairwise changelog gives the measure
    first_change = next(c for c in hist.changelogs[1].changes if c.kind == "measure" and c.old[0].text == study)
    assert weak.id == first_change.id
    assert len({m.id for m in hist.measures}) == len(hist.measures)


def test_section_renamed(hist: History) -> None:
    changed = [s for s in hist.sections if s.changed]
    assert len(changed) == 1
    assert _steps(changed[0]) == [(2024, ("renamed",))]
    assert (changed[0].first.text, changed[0].last.text) == (SECTION_OLD.strip(), SECTION_NEW.strip())


def test_budget_row_added(hist: History) -> None:
    changed = [b for b in hist.budget if b.changed]
    # the new row's four cells (-, -, 5, 5 in 百万円) in the 産業基盤整備勘定 予算 table
    assert {(b.statement, b.account, b.row) for b in changed} == {("予算", "産業基盤整備勘定", ADDED_ROW)}
    assert sorted(b.column[-1] for b in changed) == sorted(
        ["新事業展開・創業支援業務", "経営環境変化対応業務", "共通", "合計"]
    )
    for b in changed:
        assert _steps(b) == [(2022, ("added",))]
        assert b.cells[0] is None and all(c is not None for c in b.cells[1:])
    total = next(b for b in changed if b.column == ("合計",))
    assert [c.yen if c else None for c in total.cells] == [None, *[5_000_000] * 4]
    assert total.deltas == (None, None, 0, 0, 0)


def test_counts(hist: History) -> None:
    assert hist.counts() == {
        "section": {"renamed": 1},
        "measure": {"reworded": 4, "weakened": 1, "removed": 1},
        "target": {"raised": 2, "lowered": 1},
        "budget": {"added": 4},
    }


def test_markdown(hist: History) -> None:
    text = render_history(hist, "markdown", "ja")
    assert isinstance(text, str)
    assert (
        "| 事業引継ぎにおける広域の成約件数 | 260件以上 ★ | **300件以上 ★** | **320件以上 ★** | 320件以上 ★ | **290件以上 ★** |"
        in text
    )
    assert "令和4年度 引上げ、令和5年度 引上げ、令和7年度 引下げ" in text
    assert "| ○ | ○ | 修正・表現の後退 | ○ | 削除 |" in text
    assert "令和6年度 見出し変更" in text and "変化のない取組：216件" in text
    assert text.count("\n# ") == 0 and text.startswith("# plandiff: 経年変化")  # one report, one H1
    english = render_history(hist, "markdown", "en")
    assert "FY2022 raised; FY2023 raised; FY2025 lowered" in english


def test_json_is_schema_valid(rendered: dict[str, str | bytes]) -> None:
    data = json.loads(rendered["json"])
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema())
    assert [e["fiscal_year"] for e in data["editions"]] == list(YEARS)
    target = next(t for t in data["targets"] if t["steps"])
    assert [c["value"] for c in target["cells"]] == list(TARGET_VALUES)
    assert data["summary"]["changed"] == {"sections": 1, "measures": 2, "targets": 1, "budget": 4}


def test_csv_and_xlsx(hist: History, tmp_path: Path) -> None:
    text = render_history(hist, "csv", "ja")
    assert isinstance(text, str) and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][7:12] == ["令和3年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度"]
    target = next(r for r in rows if r[5] == "事業引継ぎにおける広域の成約件数")
    assert target[7:12] == [str(v) for v in TARGET_VALUES]
    assert len(rows) == 1 + len(hist.targets) + len(hist.budget)
    data = render_history(hist, "xlsx", "en")
    assert isinstance(data, bytes)
    path = tmp_path / "h.xlsx"
    path.write_bytes(data)
    book = load_workbook(path)
    assert book.sheetnames == ["Targets", "Budget lines", "Measures"]
    values = {r[0]: r[2:7] for r in book["Targets"].iter_rows(min_row=2, values_only=True)}
    assert values["事業引継ぎにおける広域の成約件数"] == TARGET_VALUES
    added = [
        r
        for r in book["Budget lines"].iter_rows(min_row=2, values_only=True)
        if r[:2] == ("予算 産業基盤整備勘定", "収入 / 受託収入")
    ]
    assert sorted(r[2] for r in added) == sorted(["新事業展開・創業支援業務", "経営環境変化対応業務", "共通", "合計"])
    assert next(r for r in added if r[2] == "合計")[4:9] == (None, 5, 5, 5, 5)


@pytest.mark.parametrize("fmt", FORMATS)
def test_byte_identical_across_runs(rendered: dict[str, str | bytes], hist_again: History, fmt: str) -> None:
    assert rendered[fmt] == render_history(hist_again, fmt)


def test_cli_exit_codes(
    series: list[Path], rendered: dict[str, str | bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.md"
    assert run(["history", *map(str, series), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == rendered["markdown"]  # of plandiff.history(series)
    same = str(series[3])  # FY2021 twice: nothing changed, a notice that both are one year
    assert run(["history", same, same]) == 0
    assert "2021年度の版です" in capsys.readouterr().out
    assert run(["history", same]) == 2
    assert run(["history", same, str(tmp_path / "missing.txt")]) == 2
    assert run(["history", same, same, "-f", "pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("plandiff: ") == 3 and "Traceback" not in err


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    from plandiff.history.progress import progress_bar, wanted

    pdfs = [str(tmp_path / f"{k}.pdf") for k in range(3)]
    assert not wanted(pdfs, io.StringIO())  # not a terminal: never
    with progress_bar(pdfs, io.StringIO()) as advance:
        assert advance is None


def test_event_words_in_both_languages() -> None:
    from plandiff.render.history_labels import EVENTS

    assert set(EVENTS) == set(Event)
