"""Shared fixtures: the real plan documents in corpus/, parsed once per test session; the hash-seed runs;
the browser's pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from plandiff.model import Document
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
    xdist group (``browser``), so one worker opens them all."""
    if CHROMIUM is None:
        pytest.skip(REASON)
    pages = session_pages(fy2021, fy2021_text, tmp_path_factory.mktemp("series"))
    return open_pages(pages, tmp_path_factory.mktemp("browser"))
