"""Where the real documents are: ../shared/documents beside the clone (fetched public data, never copied
here); and each real document (those and ``corpus/``) read once per test session.

A real PDF's :class:`Source` (what ``read_source`` extracted from its text layer: 0.5 s of PDFium and
layout for the 118-page 重点計画, about 1.4 s of CPU for the seven, in every xdist worker) is also kept
in pytest's cache (:data:`STORE`, set by tests/conftest.py) under a key of the document's bytes, the path
as given, every file of the plandiff package and the versions of Python and pypdfium2: it is extracted
again whenever any of them changes, so what the tests get is what this plandiff reads. The extraction
itself is tested on every run, on fresh reads (tests/test_shared_docs.py compares a real PDF read afresh
with this cache; tests/test_pdf*.py read real PDFs themselves).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pytest

import plandiff
from plandiff.load import _parse, read
from plandiff.model import Document, Source, SourceLine
from plandiff.readers import read_source

STORE: Path | None = None  # pytest's cache folder for the real PDFs' sources; None: extracted every session
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
    if STORE is None or Path(path).suffix.lower() != ".pdf":
        return read_source(path)
    key = hashlib.sha256(_code_key())
    key.update(path.encode("utf-8", "surrogateescape") + b"\0" + Path(path).read_bytes())
    stored = STORE / f"{key.hexdigest()}.json"
    if stored.is_file():
        name, encoding, form, lines = json.loads(stored.read_text(encoding="utf-8"))
        return Source(name, tuple(SourceLine(*line) for line in lines), encoding, form)
    read = read_source(path)
    data = [read.name, read.encoding, read.format, [[ln.number, ln.text, ln.page] for ln in read.lines]]
    partial = stored.with_name(f"{stored.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(data), encoding="utf-8")  # ASCII: a lone surrogate survives
    partial.replace(stored)  # whole or not at all, whichever worker writes it
    return read


@cache
def _code_key() -> bytes:
    """What a PDF's extraction depends on besides the document: the plandiff package, file by file, and
    the versions of Python and pypdfium2 (PDFium)."""
    key = hashlib.sha256(f"{sys.version}\0{version('pypdfium2')}\0".encode())
    package = Path(plandiff.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            key.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return key.digest()


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
