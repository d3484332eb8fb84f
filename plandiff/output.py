"""Writing results: stdout, or a file replaced atomically (never a partial file)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from plandiff.errors import OutputError


def write_output(text: str, destination: str | None) -> None:
    if destination in (None, "", "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(destination)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{destination}: cannot write: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None
