"""Writing results: stdout, or a file replaced atomically (never a partial file).

An ``-o`` path is checked before anything is written:

- it is never one of the inputs, however named (the same device and inode: a symlink, a hard link,
  ``./a/../plan.txt``): refused;
- a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written into
  directly, and the node stays what it is; a directory, block device, socket or other non-regular
  file is refused;
- a symlink to a file is followed: the file it names is replaced and the link kept;
- a regular file is replaced atomically (a temporary file in the same directory renamed into
  place) and keeps its permission mode; a new file gets the mode the umask gives (0666 & ~umask),
  not mkstemp's 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from plandiff.errors import OutputError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _same_as_input(destination: str, target: os.stat_result, inputs: Sequence[str]) -> str | None:
    for name in inputs:
        try:
            info = os.stat(name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            return name
    return None


def _write_stdout(text: str | bytes) -> None:
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): say so once, and keep Python from complaining at exit
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise OutputError("stdout was closed before the output was written (broken pipe)") from None


def _open(fd: int, text: str | bytes) -> IO[Any]:
    if isinstance(text, bytes):
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n")


def _write_into(path: str, text: str | bytes, destination: str) -> None:
    """Write into an existing character device or FIFO: no creation, no truncation, no rename."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with _open(fd, text) as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None


def write_output(text: str | bytes, destination: str | None, inputs: Sequence[str] = ()) -> None:
    """Write ``text`` (or ``bytes``: a workbook) to stdout (``None``, ``""``, ``"-"``) or to ``destination``, never onto one of
    ``inputs`` and never replacing anything but a regular file."""
    if destination in (None, "", "-"):
        _write_stdout(text)
        return
    assert destination is not None
    real = os.path.realpath(destination)  # a symlink is followed: its file is replaced, the link kept
    try:
        existing: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None
    mode = 0o666 & ~_umask()
    if existing is not None:
        same = _same_as_input(destination, existing, inputs)
        if same is not None:
            raise OutputError(f"{destination}: cannot write: it is the input {same}; inputs are never overwritten")
        kind = existing.st_mode
        if stat.S_ISDIR(kind):
            raise OutputError(f"{destination}: cannot write: it is a directory")
        if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
            _write_into(real, text, destination)
            return
        if not stat.S_ISREG(kind):
            raise OutputError(f"{destination}: cannot write: not a regular file (a block device or socket)")
        mode = stat.S_IMODE(kind)
    target = Path(real)
    directory = target.parent
    if not directory.is_dir():
        shown = Path(destination).parent if str(Path(destination).parent) else Path(".")
        raise OutputError(f"{destination}: cannot write: directory {shown} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None
    try:
        with _open(fd, text) as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{destination}: cannot write ({exc.strerror})") from None
