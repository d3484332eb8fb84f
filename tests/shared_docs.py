"""Where the real documents are: ../shared/documents beside the clone (fetched public data, never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "documents"
REASON = f"the real documents are not here ({SHARED} is absent: a clone without ../shared)"


def shared(name: str) -> Path:
    """The path of a real document; skips the test, saying why, only where ../shared is absent."""
    if not SHARED.is_dir():
        pytest.skip(REASON)
    path = SHARED / name
    assert path.is_file(), f"{path} is missing from ../shared/documents"
    return path
