"""A progress bar for ``plandiff history`` on stderr, only where it helps: stderr is a terminal and the
work is long (three PDFs or more, or 5 MB of PDF). Drawn with rich (installed with typer, so no new
dependency; ``rich.progress`` imports in ~30 ms, and only when a bar is drawn). Elsewhere nothing is
drawn, and stdout is never touched."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

PDFS, PDF_BYTES = 3, 5_000_000

Advance = Callable[[int, int, str], None]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def wanted(files: Sequence[str], stream: TextIO | None = None) -> bool:
    """Whether to draw a bar for these inputs on ``stream`` (stderr)."""
    pdfs = [p for p in files if p.lower().endswith(".pdf")]
    long_work = len(pdfs) >= PDFS or sum(_size(p) for p in pdfs) >= PDF_BYTES
    return long_work and (stream or sys.stderr).isatty()


@contextlib.contextmanager
def progress_bar(files: Sequence[str], stream: TextIO | None = None) -> Iterator[Advance | None]:
    """Yields the callback :func:`plandiff.history.history` reports to, or None where no bar is drawn."""
    if not wanted(files, stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream or sys.stderr)
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as shown:
        task = shown.add_task("plandiff history", total=None)

        def advance(done: int, total: int, what: str) -> None:
            shown.update(task, completed=done, total=total, description=what[-40:])

        yield advance
