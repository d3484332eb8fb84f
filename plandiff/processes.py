"""When plandiff may use a second process: the one check the PDF reader and the tokenizer share.

A forked child copies only the thread that forks, so a fork is made only by a process with one
thread, on Linux, with two cores or more for it. ``PLANDIFF_PROCESSES=1`` (or the older
``PLANDIFF_PDF_PROCESSES=1``) keeps everything in one process; ``PLANDIFF_PROCESSES=2`` uses a second
one wherever it may fork, however busy the machine is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

ONE_PROCESS_ENV = ("PLANDIFF_PROCESSES", "PLANDIFF_PDF_PROCESSES")
PROCESSES_ENV = "PLANDIFF_PROCESSES"


def may_fork() -> bool:
    """Linux, two cores for this process, no other thread, and not told to stay in one process."""
    if any(os.environ.get(name, "").strip() == "1" for name in ONE_PROCESS_ENV):
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    import threading

    if threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return False


def core_to_spare() -> bool:
    """A core no other task is running on now (Linux's count of runnable tasks, this one included, under
    the cores): where every core is busy, a helper process only takes time from this one. The count is
    of this instant, not the last minute's load average, which lags a burst of work by a minute."""
    if os.environ.get(PROCESSES_ENV, "").strip() == "2":
        return True
    try:
        cores = len(os.sched_getaffinity(0))
        with open("/proc/loadavg", encoding="ascii") as stat:
            running = int(stat.read().split()[3].split("/")[0])
    except (AttributeError, OSError, ValueError, IndexError):
        return False
    return cores >= 2 and running < cores


def fork_with_pipes(
    count: int, before: Callable[[list[tuple[int, int]]], list[int]] | None = None
) -> tuple[int, list[int]] | None:
    """``count`` pipes, then a fork: ``(pid, fds)``, ``pid`` 0 in the child, ``fds`` the pipes' ends as
    (read, write) pairs flattened, less those ``before`` closed (it runs on the pipes before the fork and
    returns the ends it closed). None, with every end closed, where the system refuses a pipe or the fork."""
    fds: list[int] = []
    try:
        pipes = []
        for _ in range(count):
            pipe = os.pipe()
            pipes.append(pipe)
            fds += pipe
        if before is not None:
            for closed in before(pipes):
                fds.remove(closed)
        return os.fork(), fds
    except OSError:
        for fd in fds:
            os.close(fd)
        return None


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to a pipe (a write may take only part of it); OSError if the reader is gone."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
