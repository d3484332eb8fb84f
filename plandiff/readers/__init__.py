"""Readers: a path or bytes → :class:`plandiff.model.Source` (numbered lines), whatever the format.

Readers never parse: :mod:`plandiff.load` hands their lines to the parser. Each format's reader is
imported only when a file of that format comes (pypdfium2, lxml and markdown-it cost start-up time).
"""

from __future__ import annotations

import dataclasses
import errno
import os
import sys
from pathlib import Path
from typing import BinaryIO

from plandiff.errors import InputError
from plandiff.model import Source, SourceLine
from plandiff.readers.decode import decode, replace_controls
from plandiff.readers.lines import split_lines

__all__ = ["Source", "read_source", "source_from_bytes"]


#: no input is read past this (the PDF limit; a text's is lower): /dev/zero or an endless pipe cannot hang a run
MAX_INPUT_BYTES = 100 * 1024 * 1024
_stdin: list[bytes] = []  # standard input, read once (``diff - -`` compares it with itself)


def forget_stdin() -> None:
    """A new command starts with standard input unread (a notebook or test may run several in one process)."""
    _stdin.clear()


def read_source(path: str | os.PathLike[str]) -> Source:
    """The numbered lines of a plan file (``.txt``, ``.md``, ``.html``, ``.pdf``); ``-`` is standard input
    (text or PDF, told by its bytes). Never writes to it."""
    name = str(path)
    if name == "-":
        if not _stdin:
            _stdin.append(_bounded(sys.stdin.buffer, name))
        return source_from_bytes(_stdin[0], name, suffix="")
    p = Path(path)
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{name}: a symbolic link loop (the links lead back to themselves)") from None
        if p.is_symlink():
            raise InputError(f"{name}: a symbolic link to a file that does not exist") from None
        if exc.errno == errno.ENOENT:
            raise InputError(f"{name}: no such file") from None
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if p.is_dir():
        raise InputError(f"{name}: is a directory, not a plan file")
    try:
        with open(p, "rb") as stream:
            data = _bounded(stream, name)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    return source_from_bytes(data, name, suffix=p.suffix.lower())


def _bounded(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name}: more than {MAX_INPUT_BYTES // (1024 * 1024)} MB, over the size limit (20 MB for a text, "
            f"{MAX_INPUT_BYTES // (1024 * 1024)} MB for a PDF)"
        )
    return data


def source_from_bytes(data: bytes, name: str = "input", suffix: str = ".txt") -> Source:
    if data.startswith(b"%PDF") or suffix == ".pdf":
        from plandiff.readers.pdf import pdf_lines  # pypdfium2 is imported only for PDFs

        return Source(name, _clean(pdf_lines(data, name)), "PDF text layer", "pdf")
    if suffix in (".html", ".htm"):
        from plandiff.readers.html import decode_html, html_lines  # lxml only when needed

        text, encoding = decode_html(data, name)
        lines = _clean(html_lines(text, name))
        if not any(line.text.strip() for line in lines):
            raise InputError(f"{name}: the file is empty (the page has no text)")
        return Source(name, lines, encoding, "html")
    text, encoding = decode(data, name)
    if suffix in (".md", ".markdown"):
        from plandiff.readers.markdown import markdown_lines  # markdown-it only when needed

        return Source(name, markdown_lines(text), encoding, "markdown")
    return Source(name, split_lines(text), encoding, "text")


def _clean(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """A PDF's text layer or a web page can hold control characters too: U+FFFD, as for text (decode.py)."""
    return tuple(
        dataclasses.replace(line, text=replace_controls(line.text))
        if replace_controls(line.text) != line.text
        else line
        for line in lines
    )
