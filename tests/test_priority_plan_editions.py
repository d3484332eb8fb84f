"""A constructed next edition of the real 重点計画 is diffed exactly: every edit reported with its heading
path and page, nothing else; the rolled years counted as noise.

The 2024 edition (``tests/priority_editions.py``) is written as text and, typeset afresh with
reportlab, as a PDF whose line and page breaks fall elsewhere than the original's. Both are made in
pytest's tmp_path from ../shared/documents (the typeset PDF is kept in pytest's cache, outside the
repository, until the edition or tests/pdfgen.py changes); nothing from the plan is kept in the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plandiff.diff import Changelog, compare
from plandiff.load import read
from plandiff.model import Document, Location
from plandiff.report import render_changelog
from tests.cli import invoke
from tests.pdfgen import cached_layout_pdf
from tests.priority_editions import (
    EXPECTED,
    ROLLED_MEASURES,
    ROLLED_YEARS,
    build,
    find_line,
    plan_path,
    source_lines,
)
from tests.shared_docs import cached_read

Row = tuple[
    str, str, tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], tuple[int | None, ...], tuple[int | None, ...]
]


@pytest.fixture(scope="module")
def old_lines() -> list[str]:
    return [line.text for line in source_lines()]


@pytest.fixture(scope="module")
def new_lines(old_lines: list[str]) -> list[str]:
    return build(old_lines)


@pytest.fixture(scope="module")
def old() -> Document:
    return cached_read(plan_path())


@pytest.fixture(scope="module")
def new_txt(tmp_path_factory: pytest.TempPathFactory, new_lines: list[str]) -> Path:
    path = tmp_path_factory.mktemp("priority") / "priority-plan-2024.CONSTRUCTED.txt"
    path.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def new_pdf(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, new_lines: list[str]
) -> tuple[Path, list[int | None]]:
    store = getattr(request.config, "cache", None)  # none with -p no:cacheprovider
    cache = store.mkdir("typeset") if store is not None else None
    data, pages = cached_layout_pdf(new_lines, cache)
    path = tmp_path_factory.mktemp("priority") / "priority-plan-2024.CONSTRUCTED.pdf"
    path.write_bytes(data)
    return path, pages


@pytest.fixture(scope="module")
def new_txt_document(new_txt: Path) -> Document:
    return read(new_txt)


@pytest.fixture(scope="module")
def new_pdf_document(new_pdf: tuple[Path, list[int | None]]) -> Document:
    """The typeset edition, read once for the tests below (its text layer is the slow part: ~1 s)."""
    return read(new_pdf[0])


def rows(changelog: Changelog, *, pages: bool) -> set[Row]:
    def where(locations: tuple[Location, ...]) -> tuple[int | None, ...]:
        return tuple(loc.page if pages else loc.line for loc in locations)

    return {
        (
            c.kind,
            c.change,
            tuple(loc.path for loc in c.old),
            tuple(loc.path for loc in c.new),
            where(c.old),
            where(c.new),
        )
        for c in changelog.changes
    }


def expected_rows(old_lines: list[str], new_lines: list[str], new_pages: list[int | None] | None) -> set[Row]:
    """From the edit list alone: lines found by their words; pages from the PDF reader (old) and from
    the layout that drew the new edition (new)."""
    old_pages = [line.page for line in source_lines()]
    out: set[Row] = set()
    for e in EXPECTED:
        old_at = tuple(find_line(old_lines, words) for words in e.old_words)
        new_at = tuple(find_line(new_lines, words) for words in e.new_words)
        if new_pages is None:
            out.add((e.kind, e.change, e.old_paths, e.new_paths, old_at, new_at))
        else:
            out.add(
                (
                    e.kind,
                    e.change,
                    e.old_paths,
                    e.new_paths,
                    tuple(old_pages[n - 1] for n in old_at),
                    tuple(new_pages[n - 1] for n in new_at),
                )
            )
    return out


def test_the_plan_against_itself_is_empty(old: Document) -> None:
    changelog = compare(old, old)
    assert changelog.changes == ()
    assert changelog.unchanged_measures == len(old.measures) and changelog.noisy_measures == 0
    result = invoke("diff", str(plan_path()), str(plan_path()))
    assert (result.returncode, result.stderr) == (0, b"")


def test_text_edition_reports_exactly_the_edits(
    old: Document, old_lines: list[str], new_lines: list[str], new_txt_document: Document
) -> None:
    new = new_txt_document
    assert (new.meta.fiscal_year, new.meta.decided) == (2024, "2024-06-21")
    assert [w for w in new.warnings if "table of contents" in w] == []  # its TOC follows its headings
    changelog = compare(old, new)
    assert rows(changelog, pages=False) == expected_rows(old_lines, new_lines, None)
    assert changelog.year_delta == 1
    # the rollover is noise: 5 mentions in 4 otherwise unchanged measures, 2023年度（令和５年度）counting once
    assert (changelog.rolled_years, changelog.noisy_measures) == (ROLLED_YEARS, ROLLED_MEASURES)
    assert changelog.unchanged_measures == len(old.measures) - 7  # 2 changed, 1 removed, 1 moved, 1 split, 2 merged
    diffs = {
        c.new[0].path: [seg for seg in c.data["diff"] if seg[0] != "="]  # type: ignore[attr-defined]
        for c in changelog.changes
        if c.change == "changed"
    }
    assert diffs == {
        ("第1", "1", "(1)"): [["-", "５"], ["+", "３"]],
        ("第1", "1", "(2)", "③"): [["-", "速やかに"], ["+", "早期に"]],
    }
    # the split and the merge changed no words; the move is not a rewording
    assert all("diff" not in c.data for c in changelog.changes if c.change in ("split", "merged"))
    assert next(c for c in changelog.changes if c.kind == "measure" and c.change == "moved").data["reworded"] is False
    # the renumbered sections are renumberings, not moves; their measures did not move
    assert all(c.data.get("renumbered") for c in changelog.changes if c.kind == "section" and c.change == "moved")


def test_pdf_edition_reports_exactly_the_edits_with_pages(
    old: Document,
    old_lines: list[str],
    new_lines: list[str],
    new_pdf: tuple[Path, list[int | None]],
    new_pdf_document: Document,
) -> None:
    pages = new_pdf[1]
    new = new_pdf_document
    assert (new.meta.fiscal_year, new.meta.format) == (2024, "pdf")
    changelog = compare(old, new)
    assert rows(changelog, pages=True) == expected_rows(old_lines, new_lines, pages)
    assert all(loc.page for c in changelog.changes for loc in (*c.old, *c.new))
    assert (changelog.year_delta, changelog.rolled_years) == (1, ROLLED_YEARS)
    assert changelog.unchanged_measures == len(old.measures) - 7
    # every page break and line break moved: many measures differ in layout only, all hidden
    assert changelog.noisy_measures > ROLLED_MEASURES
    text = render_changelog(changelog, "markdown")
    moved = next(c for c in changelog.changes if c.kind == "measure" and c.change == "moved")
    assert f"（{moved.old[0].page}頁）" in text and f"（{moved.new[0].page}頁）" in text  # Japanese pages: 12頁


def test_pdf_and_text_of_the_edition_read_alike(new_txt_document: Document, new_pdf_document: Document) -> None:
    """The typeset edition reads back as its text: its moved line and page breaks are noise only."""
    changelog = compare(new_txt_document, new_pdf_document)
    assert changelog.changes == ()
    assert changelog.year_delta == 0 and changelog.rolled_years == 0


def test_dual_notation_is_one_fiscal_year() -> None:
    from plandiff.text.forms import forms_of, rollover

    forms, years = forms_of("2023 年度（令和５年度）以降")
    assert years == (2023,)
    assert forms_of("令和５年度（2023年度）以降")[1] == (2023,)
    rolled_forms, rolled_years = forms_of("2024年度（令和６年度）以降")
    assert rolled_forms == forms and rollover(years, rolled_years, 1) == 1
    # one half left behind is no rollover: the halves disagree, so the text no longer matches
    assert forms_of("2024年度（令和５年度）以降")[0] != forms
