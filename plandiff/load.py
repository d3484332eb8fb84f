"""A plan file → :class:`plandiff.model.Document`: a reader gives its source lines, the parser the document.

The readers (:mod:`plandiff.readers`) turn bytes into numbered lines and never parse; the parser
(:mod:`plandiff.parse`) turns lines into the document with a family's conventions. This module is
where the two meet, above both.
"""

from __future__ import annotations

import dataclasses
import datetime
import os

from plandiff.conventions import by_name
from plandiff.errors import StructureError
from plandiff.model import Document
from plandiff.parse.build import assemble
from plandiff.readers import Source, read_source, source_from_bytes

__all__ = ["read", "read_bytes"]


def read(path: str | os.PathLike[str], profile: str | None = None) -> Document:
    """Read a plan (``.txt``, ``.md``, ``.html``, ``.pdf``) into the document model. Never writes to it.

    ``profile`` names the family of conventions to read it with (``plandiff.conventions``); by
    default the family is detected from the document."""
    return _parse(read_source(path), profile)


def read_bytes(data: bytes, name: str = "input", suffix: str = ".txt", profile: str | None = None) -> Document:
    return _parse(source_from_bytes(data, name, suffix), profile)


def _parse(source: Source, profile: str | None) -> Document:
    family = by_name(profile) if profile else None
    document = assemble(source.lines, source=source.name, encoding=source.encoding, fmt=source.format, family=family)
    if not document.measures and not document.sections and not document.tables:
        raise StructureError(f"{source.name}: no headings, measures or tables found")
    return _checked_date(document)


def _checked_date(document: Document) -> Document:
    """A decision date that does not exist (``13月45日``) is not a date: decided is None, the raw
    line stays in decided_raw."""
    decided = document.meta.decided
    if decided is None:
        return document
    try:
        datetime.date.fromisoformat(decided)
    except ValueError:
        return dataclasses.replace(document, meta=dataclasses.replace(document.meta, decided=None))
    return document
