"""Readers: a path → source lines → :class:`plandiff.model.Document`, whatever the input format."""

from __future__ import annotations

import dataclasses
import datetime
import os
from pathlib import Path

from plandiff.errors import InputError, StructureError
from plandiff.model import Document
from plandiff.readers.decode import decode, replace_controls
from plandiff.readers.lines import SourceLine, split_lines

__all__ = ["read", "read_bytes"]


def read(path: str | os.PathLike[str], profile: str | None = None) -> Document:
    """Read a plan (``.txt``, ``.md``, ``.html``, ``.pdf``) into the document model. Never writes to it.

    ``profile`` names the family of conventions to read it with (``plandiff.conventions``); by
    default the family is detected from the document."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, not a plan file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    return read_bytes(data, name, suffix=p.suffix.lower(), profile=profile)


def read_bytes(data: bytes, name: str = "input", suffix: str = ".txt", profile: str | None = None) -> Document:
    from plandiff.conventions import by_name

    family = by_name(profile) if profile else None
    if data.startswith(b"%PDF") or suffix == ".pdf":  # pragma: no cover - PDF reader lands with issue 6
        from plandiff.readers.pdf import pdf_lines  # pypdfium2 is imported only for PDFs

        lines, encoding, fmt = _clean(pdf_lines(data, name)), "PDF text layer", "pdf"
    elif suffix in (".html", ".htm"):
        from plandiff.readers.html import decode_html, html_lines  # lxml only when needed

        text, encoding = decode_html(data, name)
        lines, fmt = html_lines(text, name), "html"
        if not any(line.text.strip() for line in lines):
            raise InputError(f"{name}: the file is empty (the page has no text)")
    else:
        text, encoding = decode(data, name)
        if suffix in (".md", ".markdown"):
            from plandiff.readers.markdown import markdown_lines  # markdown-it only when needed

            lines, fmt = markdown_lines(text), "markdown"
        else:
            lines, fmt = split_lines(text), "text"
    from plandiff.parse.build import assemble  # here, not at the top: the parser imports readers.lines

    document = assemble(lines, source=name, encoding=encoding, fmt=fmt, family=family)
    if not document.measures and not document.sections and not document.tables:
        raise StructureError(f"{name}: no headings, measures or tables found")
    return _checked_date(document)


def _clean(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """A PDF's text layer can hold control characters too: U+FFFD, as for text (decode.py)."""
    return tuple(
        dataclasses.replace(line, text=replace_controls(line.text))
        if replace_controls(line.text) != line.text
        else line
        for line in lines
    )


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
