"""Every pair of editions the tests compare, in one place, so schema, id and table checks run on all of them.

- the corpus pair (FY2021 → the constructed FY2022) and variants of the real FY2021 plan built with
  :mod:`tests.variants` (rollover only; targets, measures and headings edited; budget cells, rows,
  columns and a table edited; no rollover at all);
- with ../shared/documents: the 重点計画 against its constructed next edition, the 富士市 budget books
  R7 → R8 (概要 and 市税) and the 音威子府村 newsletters R2 → R3 (skipped, saying why, where the folder
  is absent).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from plandiff.diff import compare
from plandiff.model import Changelog, Document
from tests.conftest import CORPUS, FY2021
from tests.shared_docs import SHARED, cached_read, parsed
from tests.variants import budget_edits, edit, parse, rolled

FY2022 = CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"


def fy2021() -> Document:
    return cached_read(FY2021)


@cache
def fy2021_text() -> str:
    return FY2021.read_text(encoding="utf-8")


def _edited() -> str:
    """Targets raised and re-compared, a measure reworded, one dropped, a heading renamed."""
    text = rolled(fy2021_text())
    text = edit(
        text, "事業引継ぎにおける広域の成約件数：260件以上【基幹目標】", "事業引継ぎにおける広域の成約件数：300件程度"
    )
    text = edit(text, "機構が支援したIT導入促進支援者数：2,100人以上", "機構が支援したIT導入促進支援者数：2,000社以上")
    text = edit(text, "・事業承継ファンド新規組成数：2本\n", "")
    text = edit(text, "中小企業・小規模事業者のIT活用の事例、", "中小企業・小規模事業者のDXの事例、")
    text = edit(text, "2. 生産性向上\n", "2. 生産性の向上\n")
    text = edit(
        text, "- ・地域の中小企業支援機関等によるITプラットフォームを活用したIT導入促進を支援するため", "- ・新たに"
    )
    return text


def _budget_edited() -> str:
    text = budget_edits(rolled(fy2021_text()))
    head, _, tail = text.rpartition("<出資承継勘定>")  # the last table's account renamed: one table out, one in
    return f"{head}<事業再編支援勘定>{tail}"


def _not_rolled() -> str:
    """The classic copy-and-paste error: next year's title, last year's fiscal years everywhere else."""
    return fy2021_text().replace("令和3年度計画", "令和4年度計画").replace("令和3年3月29日策定", "令和4年3月30日策定")


def _corpus() -> Changelog:
    return compare(fy2021(), cached_read(FY2022))


def _variant(make: Callable[[], str]) -> Callable[[], Changelog]:
    return lambda: compare(fy2021(), parse(make(), "fy2022-variant.txt"))


def _shared(old: str, new: str) -> Callable[[], Changelog]:
    return lambda: compare(parsed(old), parsed(new))


def _priority() -> Changelog:
    from tests.priority_editions import build, source_lines

    if not SHARED.is_dir():
        pytest.skip(f"the real documents are not here ({SHARED} is absent)")
    old_lines = [line.text for line in source_lines()]
    new = parse("\n".join(build(old_lines)) + "\n", "priority-plan-2024.CONSTRUCTED.txt")
    return compare(parsed("digital-agency-priority-plan-2023-06-09.pdf"), new)


PAIRS: dict[str, Callable[[], Changelog]] = {
    "corpus": _corpus,
    "rolled-only": _variant(lambda: rolled(fy2021_text())),
    "edited": _variant(_edited),
    "budget-edited": _variant(_budget_edited),
    "not-rolled": _variant(_not_rolled),
    "priority-plan": _priority,
    "fuji-summary-r7-r8": _shared("fuji-city-budget-r7-summary.pdf", "fuji-city-budget-r8-summary.pdf"),
    "fuji-city-tax-r7-r8": _shared(
        "fuji-city-budget-r7-revenue-01-city-tax.pdf", "fuji-city-budget-r8-revenue-01-city-tax.pdf"
    ),
    "otoineppu-r2-r3": _shared(
        "otoineppu-village-newsletter-2020-03-budget-r2.pdf", "otoineppu-village-newsletter-2021-03-budget-r3.pdf"
    ),
}

_CACHE: dict[str, Changelog] = {}


def changelog(name: str) -> Changelog:
    """The changelog of one pair, compared once per test session."""
    if name not in _CACHE:
        _CACHE[name] = PAIRS[name]()
    return _CACHE[name]
