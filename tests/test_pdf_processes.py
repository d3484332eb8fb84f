"""Reading a PDF in two processes (Linux, a long document) gives the lines reading alone gives.

Pages are read by this process and a forked child, each taking the next page from a queue, and the
child's are sent back through a pipe; whatever becomes of the child (it fails, is killed, sends
nothing or garbage), the parent reads the pages it did not get, so the lines, and an error, are the
ones reading in one process gives. These tests force the two processes
(a test worker may run threads, where the reader would not fork) and count the forks.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from plandiff.errors import InputError
from plandiff.readers import pdf
from plandiff.readers.lines import SourceLine
from tests.cli import reaped
from tests.shared_docs import shared

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="two processes are read on Linux only")

NEWSLETTER = "otoineppu-village-newsletter-2020-03-budget-r2.pdf"  # 12 pages, vertical text and tables
SUMMARY = "fuji-city-budget-r8-summary.pdf"  # 19 pages of tables


def _alone(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SourceLine, ...]:
    with monkeypatch.context() as patch:
        patch.setenv("PLANDIFF_PDF_PROCESSES", "1")
        patch.setattr(os, "fork", _no_fork)
        return pdf.pdf_lines(path.read_bytes(), path.name)


_ALONE: dict[str, tuple[SourceLine, ...]] = {}


def _lines_alone(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SourceLine, ...]:
    """:func:`_alone` of an unpatched reader, read once per module for each document (the lines reading in
    one process gives, which every two-process reading below is compared with)."""
    if path.name not in _ALONE:
        _ALONE[path.name] = _alone(path, monkeypatch)
    return _ALONE[path.name]


def _no_fork() -> int:
    raise AssertionError("forked although asked to read in one process")


def _in_two(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Force the two processes; the list fills with the child's pid at each fork."""
    forks: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.delenv("PLANDIFF_PDF_PROCESSES", raising=False)
    monkeypatch.setattr(pdf, "_may_fork", lambda: True)
    monkeypatch.setattr(pdf, "_WORTH_TWO", 0.0)  # after the first page
    monkeypatch.setattr(os, "fork", counted)
    return forks


@pytest.mark.parametrize("name", [NEWSLETTER, SUMMARY])
def test_two_processes_give_the_lines_of_one(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared(name)
    alone = _lines_alone(path, monkeypatch)
    forks = _in_two(monkeypatch)
    unpack, received = pdf._unpack, []
    monkeypatch.setattr(pdf, "_unpack", lambda *args: received.append(unpack(*args)) or received[-1])
    assert pdf.pdf_lines(path.read_bytes(), path.name) == alone
    assert len(forks) == 1 and reaped(forks[0])
    assert len(received) == 1 and received[0]  # the child read pages, and they were used
    assert all(line.page == index + 1 for index, lines in received[0].items() for line in lines)


def _exit_at_once(*_: object) -> None:
    os._exit(3)


def _killed(*_: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _garbage(*_: object) -> list[object]:
    return [None]  # marshalled fine, but not lines


def _raises(*_: object) -> None:
    raise MemoryError


@pytest.mark.parametrize("failure", [_exit_at_once, _killed, _garbage, _raises])
def test_a_failing_child_leaves_its_pages_to_the_parent(
    failure: Callable[..., object], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    path = shared(NEWSLETTER)
    alone = _lines_alone(path, monkeypatch)
    forks = _in_two(monkeypatch)
    monkeypatch.setattr(pdf, "_pack", failure)  # only the child packs its pages
    assert pdf.pdf_lines(path.read_bytes(), path.name) == alone
    assert len(forks) == 1 and reaped(forks[0])
    assert capfd.readouterr() == ("", "")  # no traceback from either process


def test_children_reaped_by_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """A program that ignores SIGCHLD (its children are reaped for it): no error, the same lines."""
    path = shared(NEWSLETTER)
    alone = _lines_alone(path, monkeypatch)
    forks = _in_two(monkeypatch)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert pdf.pdf_lines(path.read_bytes(), path.name) == alone
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert len(forks) == 1 and reaped(forks[0])


def test_a_child_that_sends_a_short_stream_is_not_believed(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared(NEWSLETTER)
    alone = _lines_alone(path, monkeypatch)
    _in_two(monkeypatch)
    receive = pdf._receive
    monkeypatch.setattr(pdf, "_receive", lambda fd: (receive(fd) or b"")[:-7])
    assert pdf.pdf_lines(path.read_bytes(), path.name) == alone


@pytest.mark.parametrize("unreadable", [(0,), (3,), (4,), (3, 4)])
def test_an_unreadable_page_is_the_error_of_one_process(
    unreadable: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that PDFium cannot load, on either side of the split: the same one-line error."""
    from pypdfium2 import PdfiumError

    path = shared(NEWSLETTER)
    page_lines = pdf._page_lines

    def broken(document: object, index: int) -> list[pdf.Line]:
        if index in unreadable:
            raise PdfiumError("Failed to load page.")
        return page_lines(document, index)

    monkeypatch.setattr(pdf, "_page_lines", broken)
    with pytest.raises(InputError) as alone:
        _alone(path, monkeypatch)
    forks = _in_two(monkeypatch)
    with pytest.raises(InputError) as two:
        pdf.pdf_lines(path.read_bytes(), path.name)
    assert (
        str(two.value) == str(alone.value) == f"{NEWSLETTER}: a page of the PDF cannot be read (Failed to load page.)"
    )
    assert len(forks) == (0 if unreadable == (0,) else 1) and all(map(reaped, forks))  # page 0: before any fork


def test_an_interruption_stops_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared(NEWSLETTER)
    page_lines = pdf._page_lines

    def interrupted(document: object, index: int) -> list[pdf.Line]:
        if forks and os.getpid() == parent:  # its first page after the fork: the child is reading meanwhile
            raise KeyboardInterrupt
        return page_lines(document, index)

    parent = os.getpid()
    forks = _in_two(monkeypatch)
    monkeypatch.setattr(pdf, "_page_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pdf.pdf_lines(path.read_bytes(), path.name)
    assert len(forks) == 1 and reaped(forks[0])


def test_a_document_read_quickly_is_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages left that would take less than ``_WORTH_TWO`` at the pace so far: no fork."""
    path = shared(SUMMARY)
    monkeypatch.setattr(os, "fork", _no_fork)
    monkeypatch.setattr(pdf, "_may_fork", lambda: True)
    monkeypatch.setattr(pdf, "_WORTH_TWO", 1e9)
    assert pdf.pdf_lines(path.read_bytes(), path.name)


def test_short_documents_and_the_setting_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared("fuji-city-budget-r8-revenue-01-city-tax.pdf")  # 3 pages
    monkeypatch.setattr(os, "fork", _no_fork)
    monkeypatch.setattr(pdf, "_may_fork", lambda: True)
    monkeypatch.setattr(pdf, "_WORTH_TWO", 0.0)
    assert pdf.pdf_lines(path.read_bytes(), path.name)  # too few pages left after the first
    monkeypatch.undo()
    monkeypatch.setenv("PLANDIFF_PDF_PROCESSES", "1")
    assert not pdf._may_fork()
