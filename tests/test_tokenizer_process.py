"""Sudachi in a second process gives the tokens tokenising here gives, whatever becomes of the process.

The command line starts the tokenizer in a forked child (``plandiff.text.tokenize.start_service``)
where it may fork and a core is free; the child answers each text it is sent, in order. These tests
force the child (a test worker runs threads, where plandiff would not fork), compare its tokens with
this process's on every text of the real documents and on texts at the limits, and break it (killed,
garbage, a text it cannot take): the tokens are the same every time, and the child is reaped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plandiff.processes import core_to_spare, may_fork
from plandiff.text import tokenize as tk
from tests.cli import process, reaped
from tests.shared_docs import CORPUS, cached_read, shared

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tokenizer process is Linux's")

FY2021 = CORPUS / "smrj-fy2021-annual-plan.txt"
FY2022 = CORPUS / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"
# at the limits: nothing, spaces only, Latin with spacing kept, over Sudachi's 49,149 bytes, sentence ends
LIMITS = (
    "",
    " \u3000 ",
    "Be a Great Small. を推進する。",
    "事業承継の支援を行う。" * 2_000,
    "あ" * 20_000,
    "令和３年度（2021年度）までに①②を実施する。\n次に、ＩＴ化を進める。",
)


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch) -> Iterator[tk._Service]:
    """A tokenizer child started for the test (forced: a worker has threads), stopped after it."""
    monkeypatch.setattr(tk, "may_fork", lambda: True)
    monkeypatch.setattr(tk, "core_to_spare", lambda: True)
    monkeypatch.setattr(tk, "_PIPE_BYTES", 1 << 16)  # pipes of 64 KB: the tests send more than they hold
    tk.tokenize.cache_clear()
    tk.stop_service()
    loaded = tk._tokenizer.cache_info().currsize
    tk._tokenizer.cache_clear()  # a process that has the dictionary already starts no child
    try:
        assert tk.start_service()
        running = tk._SERVICE[0]
        assert running is not None
        yield running
    finally:
        tk.stop_service()
        tk.tokenize.cache_clear()
        if loaded:
            tk._tokenizer()


def _texts() -> list[str]:
    """Every measure, heading and 【指標】 text of the corpus pair, a budget book and a newsletter."""
    paths = [
        FY2021,
        FY2022,
        shared("fuji-city-budget-r8-summary.pdf"),
        shared("otoineppu-village-newsletter-2021-03-budget-r3.pdf"),
    ]
    out: list[str] = []
    for path in paths:
        document = cached_read(path)
        out += [m.text for m in document.measures] + [s.title for s in document.sections]
        out += [t.text for t in document.targets]
    return list(dict.fromkeys(out))


def test_the_child_gives_the_tokens_of_this_process(service: tk._Service) -> None:
    texts = _texts()
    assert len(texts) > 400
    ahead = [*texts[: len(texts) // 2], *LIMITS]
    assert service.in_flight_max == 1 << 15
    assert sum(len(t.encode()) for t in ahead) > 4 * service.in_flight_max  # more than a pipe holds
    tk.prefetch(ahead)  # sent ahead: answered in order, asked for out of order
    asked = [*reversed(LIMITS), *reversed(texts)]
    there = [tk.tokenize(text) for text in asked]
    assert tk._SERVICE[0] is service  # it never failed
    assert there == [tk._tokens_here(text) for text in asked]
    assert not service.sent and not service.received  # every answer read and handed out


def test_a_killed_child_leaves_the_tokens_to_this_process(service: tk._Service) -> None:
    tk.prefetch(LIMITS)  # answered before the kill or not: either way the same tokens
    os.kill(service.pid, signal.SIGKILL)
    os.waitpid(service.pid, 0)
    asked = [*LIMITS, "新たに尋ねる文。"]  # the last is sent after the kill: the child is found gone
    tokens = [tk.tokenize(text) for text in asked]
    assert tk._SERVICE[0] is None  # stopped: everything is tokenised here from then on
    assert tokens == [tk._tokens_here(text) for text in asked]


def test_garbage_from_the_child_is_not_believed(service: tk._Service) -> None:
    text = "中小企業の支援を行う。"
    os.kill(service.pid, signal.SIGSTOP)  # the child answers nothing; its pipe gets garbage instead
    try:
        reader, writer = os.pipe()
        os.dup2(reader, service.answers)
        os.close(reader)
        os.write(writer, (7).to_bytes(4, "little") + b"garbage")
        os.close(writer)
        assert tk.tokenize(text) == tk._tokens_here(text)
        assert tk._SERVICE[0] is None
    finally:
        with contextlib.suppress(ProcessLookupError):  # reaped already, as it should be
            os.kill(service.pid, signal.SIGCONT)
    assert reaped(service.pid)


def test_a_text_the_child_cannot_take_fails_as_it_fails_here(service: tk._Service) -> None:
    broken = "壊れた\ud800文字"  # a lone surrogate: Sudachi cannot take it, here or there
    with pytest.raises(UnicodeEncodeError) as here:
        tk._tokens_here(broken)
    with pytest.raises(type(here.value)):
        tk.tokenize(broken)
    assert tk._SERVICE[0] is None
    assert reaped(service.pid)
    assert tk.tokenize("支援を行う。") == tk._tokens_here("支援を行う。")


def test_the_child_is_reaped_when_stopped(service: tk._Service) -> None:
    assert tk.tokenize("支援を行う。")
    tk.stop_service()
    assert reaped(service.pid)


def test_no_child_where_the_machine_has_no_core_to_spare(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    stat = tmp_path / "loadavg"
    real_open = builtins.open

    def loadavg(path: object, *args: Any, **kwargs: Any) -> Any:
        return real_open(stat if path == "/proc/loadavg" else path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", loadavg)
    monkeypatch.delenv("PLANDIFF_PROCESSES", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    stat.write_text("0.10 0.20 0.30 2/345 6789\n")  # this process and one other running: both cores busy
    assert not core_to_spare()
    stat.write_text("3.10 2.20 1.30 1/345 6789\n")  # a busy last minute, but only this process now
    assert core_to_spare()
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert not core_to_spare()
    stat.write_text("garbled\n")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert not core_to_spare()
    monkeypatch.setenv("PLANDIFF_PROCESSES", "2")
    assert core_to_spare()
    monkeypatch.setenv("PLANDIFF_PROCESSES", "1")
    assert not may_fork()


@pytest.mark.end_to_end
def test_the_command_line_says_the_same_with_and_without_the_child() -> None:
    """End to end: ``plandiff diff`` as a new process with the tokenizer in a child however busy the
    machine is (PLANDIFF_PROCESSES=2), and in one process (PLANDIFF_PROCESSES=1): byte for byte."""
    args = ("diff", "-f", "json", str(FY2021), str(FY2022))
    two = process(*args, env={"PLANDIFF_PROCESSES": "2"})
    one = process(*args, env={"PLANDIFF_PROCESSES": "1"})
    assert two.returncode == one.returncode == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr == b""
