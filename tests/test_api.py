"""One public API at the package top (plandiff.read, plandiff.compare, plandiff.render), and the
README's notebook example, run as written."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import plandiff
from plandiff.render import jsonout
from tests.conftest import ROOT


def _notebook_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("From Python (a notebook)", 1)[1]
    match = re.search(r"```python\n(.*?)```", after, re.S)
    assert match is not None
    return match.group(1)


def test_the_readme_notebook_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code = _notebook_example()
    assert "from plandiff." not in code and "import plandiff\n" in code  # the package top only
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    changelog = namespace["changelog"]
    assert isinstance(changelog, plandiff.Changelog)
    assert changelog.counts()["section"] == {"renamed": 1} and changelog.counts()["target"] == {"raised": 1}
    raised = namespace["raised"]
    assert (raised.value.old, raised.value.new, raised.unit.new) == (260, 300, "件")  # type: ignore[attr-defined]
    rows = namespace["rows"]
    assert isinstance(rows, list) and rows[0]["kind"] == "section"
    assert rows[0]["section"].startswith("I 国民に対して")
    assert rows[0]["section"].endswith(" > 3 新事業展開の促進・創業支援・事業再構築支援")
    assert changelog.noise_counts() == {"year_rollover": 11, "page_break": 1}
    assert changelog.warnings[0].startswith("a dated event rolled over with the edition: 令和3年度から → 令和4年度から")
    assert str(namespace["markdown"]).startswith("# ")
    doc = namespace["doc"]
    assert (doc.meta.family, doc.meta.fiscal_year) == ("dokuho", 2021)  # type: ignore[attr-defined]
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(changelog.changes) and printed[0].startswith("section-")


def test_render_every_format_from_the_top() -> None:
    changelog = plandiff.compare(
        ROOT / "corpus" / "smrj-fy2021-annual-plan.txt", ROOT / "corpus" / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"
    )
    assert plandiff.render(changelog).startswith("# ")
    assert json.loads(plandiff.render(changelog, "json"))["schema"] == jsonout.SCHEMA_ID
    assert plandiff.render(changelog, "html").startswith("<!DOCTYPE html>")
    table = plandiff.render(changelog, "csv")
    assert table.startswith("\ufeff") and len(list(csv.reader(io.StringIO(table[1:])))) == 1 + 11
    assert "## Hidden as noise" in plandiff.render(changelog, show_noise=True)
    assert "## Hidden as noise" not in plandiff.render(changelog)
    series = json.loads(plandiff.render([changelog, changelog], "json"))
    assert isinstance(series, list) and len(series) == 2
    with pytest.raises(plandiff.PlandiffError):
        plandiff.render(changelog, "pdf")


def test_render_stays_the_function_after_the_renderers_are_imported() -> None:
    import plandiff.render.html  # a submodule of the package plandiff.render

    assert callable(plandiff.render) and plandiff.render.__module__ == "plandiff"
    assert set(plandiff.__all__) >= {"read", "compare", "render", "Changelog", "Kind", "Verb"}
