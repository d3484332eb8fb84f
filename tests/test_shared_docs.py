"""The session's cache of the real documents (tests/shared_docs.py) gives what plandiff.load.read gives."""

from __future__ import annotations

from plandiff.load import read
from tests.conftest import FY2021
from tests.shared_docs import cached_read, is_real, shared, source


def test_the_cache_reads_as_plandiff_does() -> None:
    for path in (FY2021, shared("fuji-city-budget-r7-summary.pdf")):
        assert is_real(path)
        assert cached_read(path) == read(path) and cached_read(path) is cached_read(path)
        assert cached_read(path, "generic") == read(path, "generic")
        assert cached_read(str(path)).meta.source == str(path)
        assert source(path).lines == source(str(path)).lines


def test_other_files_are_read_afresh(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    copy = tmp_path / FY2021.name
    copy.write_bytes(FY2021.read_bytes())
    assert not is_real(copy) and not is_real("-")
    assert cached_read(copy) is not cached_read(copy)
    link = tmp_path / "link.txt"
    link.symlink_to(FY2021)
    assert not is_real(link)
