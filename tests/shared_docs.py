"""Where the real documents are: ../shared/documents beside the clone (fetched public data, never copied
here); and each real document (those and ``corpus/``) read once per test session."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from plandiff.load import _parse, read
from plandiff.model import Document, Source
from plandiff.readers import read_source

SHARED = Path(__file__).resolve().parents[2] / "shared" / "documents"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REASON = f"the real documents are not here ({SHARED} is absent: a clone without ../shared)"


def shared(name: str) -> Path:
    """The path of a real document; skips the test, saying why, only where ../shared is absent."""
    if not SHARED.is_dir():
        pytest.skip(REASON)
    path = SHARED / name
    assert path.is_file(), f"{path} is missing from ../shared/documents"
    return path


def source(path: str | os.PathLike[str]) -> Source:
    """``plandiff.readers.read_source`` of a real document (``is_real``), once per session."""
    assert is_real(path), f"{path} is not a real document: read it afresh"
    return _source_once(os.fspath(path))


@cache
def _source_once(path: str) -> Source:
    return read_source(path)


@cache
def _read_once(path: str, profile: str | None) -> Document:
    # what plandiff.load.read does, from the cached source: a PDF's text layer is extracted once
    # (tests/test_shared_docs.py checks that this is plandiff.load.read's Document)
    return _parse(_source_once(path), profile)


def is_real(path: str | os.PathLike[str]) -> bool:
    """A file of ``corpus/`` or ../shared/documents (never written by a test): not a link, not "-"."""
    where = Path(os.path.abspath(path))
    return where.parent in (SHARED, CORPUS) and not where.is_symlink() and where.is_file()


def cached_read(path: str | os.PathLike[str], profile: str | None = None) -> Document:
    """``plandiff.load.read``, once per session for a real document (the same path string gives the same
    Document: frozen, only read by the tests); any other file is read afresh."""
    if is_real(path):
        return _read_once(os.fspath(path), profile)
    return read(path, profile)


def parsed(name: str) -> Document:
    """A document of ../shared/documents, read once per session (skips where ../shared is absent)."""
    return cached_read(shared(name))
