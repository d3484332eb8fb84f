"""Shared fixtures: the real plan documents in corpus/, parsed once per test session; the hash-seed runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from plandiff.model import Document
from tests.seeded import Seeded
from tests.shared_docs import cached_read

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
    """The registered jobs' outputs under each hash seed (tests/seeded.py: one new process per seed)."""
    return Seeded(tmp_path_factory.mktemp("seeded"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``), the tests of the hash-seed runs share one worker, so the
    processes of tests/seeded.py run once."""
    for item in items:
        if "seeded" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("seeded"))
