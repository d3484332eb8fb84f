"""Shared fixtures: the real plan documents in corpus/, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from plandiff.load import read
from plandiff.model import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FY2021 = CORPUS / "smrj-fy2021-annual-plan.txt"


@pytest.fixture(scope="session")
def fy2021_text() -> str:
    return FY2021.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fy2021() -> Document:
    return read(FY2021)
