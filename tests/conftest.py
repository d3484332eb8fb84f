"""Shared fixtures: the real plan documents in corpus/, parsed once per test session; the hash-seed runs;
the browser's pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from plandiff.model import Document
from tests import shared_docs
from tests.browser import CHROMIUM, REASON, open_pages, session_pages
from tests.seeded import Seeded
from tests.shared_docs import cached_read

# CI runs the same examples every time (a failure there is reproducible, never a fluke of the draw);
# elsewhere hypothesis explores anew on each run and keeps what it finds in .hypothesis/
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FY2021 = CORPUS / "smrj-fy2021-annual-plan.txt"


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config, "cache", None) is not None:  # not with -p no:cacheprovider
        shared_docs.STORE = config.cache.mkdir("real-sources")


@pytest.fixture(scope="session")
def fy2021_text() -> str:
    return FY2021.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fy2021() -> Document:
    return cached_read(FY2021)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The registered jobs' outputs under each hash seed (tests/seeded.py: one new process per seed), shared
    by the workers of a pytest-xdist run (their base temporary directories have one parent)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # no xdist workers: this process alone
        return Seeded(tmp_path_factory.mktemp("seeded"))
    return Seeded(tmp_path_factory.getbasetemp().parent / "seeded")


@pytest.fixture(scope="session")
def browsed(fy2021: Document, fy2021_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """What the browser computed for each page of tests/browser.py's ``session_pages``, in one Chromium:
    the text of each ``<pre>`` block its probes wrote, by page and block id. The browser tests are one
    group of tests (``GROUPS``), so under pytest-xdist one worker opens them all."""
    if CHROMIUM is None:
        pytest.skip(REASON)
    pages = session_pages(fy2021, fy2021_text, tmp_path_factory.mktemp("series"))
    return open_pages(pages, tmp_path_factory.mktemp("browser"))


# pytest-xdist hands out groups of tests (``pytest_xdist_make_scheduler`` below): each module is one
# group (the browser's two modules are one, as they share one browser), run whole by one worker, so a
# module's fixtures are made once; a worker takes the next group when it is nearly done with its own, in
# the order below. The longest modules go first (their CPU seconds under ``pytest -n 0``, 2026-11-25), so
# that the last groups handed out are short ones and both workers finish about together; the rest follow
# in the order they are collected.
LONGEST_FIRST = (
    "test_hostile_more.py",
    "test_history.py",
    "test_diff.py",
    "test_pdf_processes.py",
    "test_browser.py",
    "test_history_browser.py",
    "test_priority_plan_editions.py",
    "test_hostile_limits.py",
    "test_pdf_layout_equivalence.py",
    "test_budget_books.py",
    "test_html_input.py",
    "test_history_real.py",
)
GROUPS = {"test_browser.py": "browser", "test_history_browser.py": "browser"}  # the fixture ``browsed``


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: collection order otherwise


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Groups of tests, each a module or a group of ``GROUPS``, handed out in collection order, unless
    another ``--dist`` than the default is asked for. (Not ``--dist loadgroup``: pytest-xdist 3.8 marks a
    group in ``item._nodeid``, which pytest 9 no longer reads.)"""
    if config.getoption("dist") != "load":  # -n alone means --dist load
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return GROUPS.get(module.rsplit("/", 1)[-1], module)

    config.option.loadscopereorder = False  # the order of collection, not the largest group first
    return ModuleScheduling(config, log)
