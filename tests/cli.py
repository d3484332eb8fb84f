"""The ``plandiff`` command line, run in this process: ``invoke("diff", old, new)`` → exit code, stdout, stderr.

``invoke`` does what ``plandiff.cli.main`` does in a new process — stdout and stderr in UTF-8
(errors replaced), then ``plandiff.cli.run`` with its error handling (one line on stderr, exit 2,
never a traceback) — with stdin, stdout and stderr as byte buffers, the working directory the
repository, and, for the one call, environment variables and a umask. A real process costs 0.6–1.4 s
of start-up; this costs nothing, so the CLI tests run here. What only a real process can show (the
console script's exit status, stdout under a CP932 or C locale, the hash seed, ``python -m``) is
left to the few tests marked ``end_to_end`` that call :func:`process`.

The real documents (``corpus/`` and ../shared/documents) are read once per session
(:func:`tests.shared_docs.parsed`): ``plandiff.load.read`` answers from that cache for them while a
command runs; any other path (a test's own files in tmp_path) is read afresh every time.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import typer.main

import plandiff.cli
import plandiff.load
import plandiff.readers
from plandiff.cli import run
from plandiff.model import Document
from tests.shared_docs import cached_read

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    """What a run gave: the fields of ``subprocess.CompletedProcess`` the tests read."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8")


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None, umask: int | None) -> Iterator[None]:
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_umask = os.umask(umask) if umask is not None else None
    try:
        os.environ.update(env or {})
        os.chdir(ROOT)
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        if saved_umask is not None:
            os.umask(saved_umask)


@contextlib.contextmanager
def _cached_reads() -> Iterator[None]:
    """``plandiff.load.read`` answers from the session's cache for the real documents, unless a test
    has put its own ``read`` there (then that one is called)."""
    current = plandiff.load.read

    def read(path: str | os.PathLike[str], profile: str | None = None) -> Document:
        if current is not _ORIGINAL_READ:
            return current(path, profile)
        return cached_read(path, profile)

    plandiff.load.read = read
    try:
        yield
    finally:
        plandiff.load.read = current


_ORIGINAL_READ = plandiff.load.read

# typer makes the click command of ``plandiff.cli.app`` afresh on every call of the app (3 ms): a
# process makes it once, and so does this one, for every ``run`` of the tests (the app is whole once
# imported; a click command keeps nothing of one invocation for the next, its context is new each time)
_get_command = typer.main.get_command
_commands: dict[int, object] = {}


def _command_once(typer_instance: typer.Typer) -> object:
    if typer_instance is not plandiff.cli.app:
        return _get_command(typer_instance)
    if id(typer_instance) not in _commands:
        _commands[id(typer_instance)] = _get_command(typer_instance)
    return _commands[id(typer_instance)]


typer.main.get_command = _command_once  # type: ignore[assignment]


def invoke(
    *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None, umask: int | None = None
) -> Result:
    """Run ``plandiff ARGS`` in this process, as ``main()`` would in a new one."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", errors="replace", newline="\n", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="replace", newline="\n", write_through=True)
    plandiff.readers._stdin.clear()  # a new process has read no stdin yet
    try:
        with _environment(env, umask), _cached_reads():
            try:
                code = run(list(args))
            except SystemExit as exc:  # main() would exit with it
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(tuple(args), code, out.getvalue(), err.getvalue())
    finally:
        plandiff.readers._stdin.clear()
        sys.stdin, sys.stdout, sys.stderr = streams


@dataclass(frozen=True)
class TextResult:
    """A run's output as text, as ``subprocess.run(..., text=True, encoding="utf-8")`` gives it (UTF-8,
    universal newlines)."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def _text(data: bytes) -> str:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def invoke_text(
    *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None, umask: int | None = None
) -> TextResult:
    """:func:`invoke`, its output decoded as text."""
    result = invoke(*args, stdin=stdin, env=env, umask=umask)
    return TextResult(result.args, result.returncode, _text(result.stdout), _text(result.stderr))


Ran = Result | subprocess.CompletedProcess[bytes]  # in this process or in a new one


def process(
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
    module: bool = True,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """An end-to-end run in a new process: ``python -m plandiff ARGS`` (or the ``plandiff`` console
    script beside this Python when ``module`` is false), with ``env`` over this environment and ``stdin``
    through a pipe."""
    command = [sys.executable, "-m", "plandiff"] if module else [str(Path(sys.executable).parent / "plandiff")]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        input=stdin,
    )


def reaped(pid: int) -> bool:
    """The child process ``pid`` is gone and was waited for (a zombie still answers a signal)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
