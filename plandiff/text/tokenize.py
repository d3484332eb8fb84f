"""Sudachi tokenisation: the only module that imports sudachipy.

One tokenizer per process, split mode C, item by item: Sudachi refuses inputs over 49,149 bytes,
so longer text is cut at sentence ends first. Comparison uses ``normalized_form()`` (取組 = 取り組み,
引継ぎ = 引き継ぎ, ＩＴ = IT); display always uses the surface.

Loading the dictionary takes ~40 ms, as long as reading and parsing both editions of a plan. The
command line therefore starts a tokenizer in a second process (:func:`start_service`) when it may
fork and a core is free (:mod:`plandiff.processes`): the child loads the dictionary while this process imports the
pipeline and reads the documents, then tokenises the texts it is sent, in order, with the same code
(:func:`_tokens_here`), so the tokens are the very ones tokenising here gives. Texts the comparison
will need can be sent ahead (:func:`prefetch`) and are tokenised there while this process goes on.
If the child fails in any way (killed, garbage, a text it cannot take), this process tokenises
everything itself from then on: the same tokens, later.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
from collections import deque
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from plandiff.processes import core_to_spare, fork_with_pipes, may_fork, write_all

_MAX_BYTES = 40_000  # under Sudachi's 49,149-byte limit, with room for multi-byte characters
_SENTENCE_RE = re.compile(r"(?<=[。．\n])")


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: a plan has ~40,000 tokens, and a tuple is built ~3× faster."""

    surface: str  # as written
    norm: str  # Sudachi normalized form, for comparison
    pos: str  # coarse part of speech (名詞, 動詞, 補助記号 …)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import Dictionary, SplitMode  # deferred: loading the dictionary is the cost

    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def _chunks(text: str) -> list[str]:
    if len(text.encode("utf-8")) <= _MAX_BYTES:
        return [text]
    out: list[str] = []
    current = ""
    for piece in _SENTENCE_RE.split(text):
        while len(piece.encode("utf-8")) > _MAX_BYTES:  # a sentence longer than the limit: hard cut
            cut = len(piece) // 2
            out.extend(_chunks(piece[:cut]))
            piece = piece[cut:]
        if len((current + piece).encode("utf-8")) > _MAX_BYTES:
            out.append(current)
            current = ""
        current += piece
    if current:
        out.append(current)
    return out


def _tokens_here(text: str) -> tuple[Token, ...]:
    """Tokenise in this process (the child's service runs this same function)."""
    tokenizer = _tokenizer()
    out: list[Token] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        for m in tokenizer.tokenize(chunk):
            surface = m.surface()
            if surface.isspace():
                if out:  # keep spacing for display ("Be a Great Small.") without a token of its own
                    last = out[-1]
                    out[-1] = Token(last.surface + surface, last.norm, last.pos)
                continue
            out.append(Token(surface, m.normalized_form(), m.part_of_speech()[0]))
    return tuple(out)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of one item (a measure, a heading, a target line); cached, since editions repeat text."""
    service = _SERVICE[0]
    if service is not None:
        tokens = service.tokens(text)
        if tokens is not None:
            return tokens
        stop_service()  # it failed: everything is tokenised here from now on
    return _tokens_here(text)


def norms(text: str) -> tuple[str, ...]:
    """The normalized forms of ``text``'s tokens, whitespace dropped: the comparison sequence."""
    return tuple(t.norm for t in tokenize(text))


# ---- the tokenizer in a second process ----------------------------------------------------------

_PIPE_BYTES = 1 << 20  # asked of the kernel for both pipes (Linux's default cap); a pipe holds 64 KB otherwise
_WAIT = 60.0  # seconds without a byte from the child after which it is taken for dead


class _Service:
    """This process's end of the tokenizer child: requests and answers in the same order."""

    def __init__(self, pid: int, requests: int, answers: int, capacity: int) -> None:
        self.pid = pid
        # request bytes sent and not yet answered stay under half the pipe: a send never waits on the child
        self.in_flight_max = capacity // 2
        self.requests = requests
        self.answers = answers
        self.sent: deque[tuple[str, int]] = deque()  # texts sent and not yet answered, with their sizes
        self.sent_texts: set[str] = set()
        self.in_flight = 0
        self.buffer = bytearray()  # answers read from the pipe; those before ``start`` handed on already
        self.start = 0
        self.received: dict[str, bytes] = {}  # answers read, not yet asked for
        self.done: set[str] = set()  # texts whose tokens were handed out (tokenize caches them)

    def send(self, text: str) -> bool:
        """Ask for the tokens of ``text`` (after those asked before); False if the child is gone."""
        data = text.encode("utf-8", "surrogatepass")
        frame = len(data).to_bytes(4, "little") + data
        while self.sent and self.in_flight + len(frame) > self.in_flight_max:
            if not self._receive_one():
                return False
        try:
            write_all(self.requests, frame)
        except OSError:
            return False
        self.sent.append((text, len(frame)))
        self.sent_texts.add(text)
        self.in_flight += len(frame)
        return True

    def tokens(self, text: str) -> tuple[Token, ...] | None:
        """The tokens of ``text``, asked for now if they were not; None if the child failed."""
        if text not in self.received and text not in self.sent_texts and not self.send(text):
            return None
        while text not in self.received:
            if not self._receive_one():
                return None
        self.done.add(text)
        return _decoded(self.received.pop(text))

    def _receive_one(self) -> bool:
        """Read the answer to the oldest request; False if the child is gone or sent garbage."""
        text, size = self.sent[0]
        header = self._read(4)
        length = None if header is None else int.from_bytes(header, "little")
        data = None if length is None else self._read(length)
        if data is None:
            return False
        self.sent.popleft()
        self.sent_texts.discard(text)
        self.in_flight -= size
        self.received[text] = data  # decoded when asked for: a text sent ahead may never be
        return True

    def _read(self, count: int) -> bytes | None:
        """``count`` bytes of the answers; None if the child is gone (or silent for ``_WAIT`` seconds)."""
        import select

        while len(self.buffer) - self.start < count:
            try:
                ready, _, _ = select.select([self.answers], [], [], _WAIT)
                chunk = os.read(self.answers, 1 << 20) if ready else b""
            except OSError:
                return None
            if not chunk:
                return None
            if self.start:  # what was read is dropped once per chunk read, not once per answer
                del self.buffer[: self.start]
                self.start = 0
            self.buffer += chunk
        data = bytes(self.buffer[self.start : self.start + count])
        self.start += count
        return data

    def close(self) -> None:
        import signal

        for fd in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        try:  # the child leaves when its requests end; if it is in the middle of a text, it is not needed
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _decoded(data: bytes) -> tuple[Token, ...] | None:
    """An answer's tokens (sent as three columns: surfaces, normalized forms, parts of speech); None for
    anything else."""
    try:
        columns = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if type(columns) is not tuple or len(columns) != 3 or any(type(c) is not list for c in columns):
        return None
    surfaces, norms, poses = columns
    if not len(surfaces) == len(norms) == len(poses):
        return None
    return tuple(map(Token, surfaces, norms, poses))


def _encoded(tokens: tuple[Token, ...]) -> bytes:
    return marshal.dumps(tuple(list(column) for column in zip(*tokens, strict=True)) if tokens else ([], [], []))


_SERVICE: list[_Service | None] = [None]


def start_service() -> bool:
    """Start the tokenizer in a forked child, if this process may fork and has none yet. True if it runs."""
    if _SERVICE[0] is not None or _tokenizer.cache_info().currsize or not (may_fork() and core_to_spare()):
        return _SERVICE[0] is not None
    forked = fork_with_pipes(2)
    if forked is None:
        return False
    pid, (requests_out, requests_in, answers_out, answers_in) = forked
    if pid == 0:
        _serve(requests_out, answers_in, (requests_in, answers_out))
    os.close(requests_out)
    os.close(answers_in)
    _SERVICE[0] = _Service(pid, requests_in, answers_out, _widened(requests_in, answers_out))
    import atexit

    atexit.register(stop_service)
    return True


def _widened(*fds: int) -> int:
    """Ask for wider pipes (texts sent ahead then wait in the pipe, not here); the requests pipe's size."""
    import fcntl

    sizes = []
    for fd in fds:
        try:
            sizes.append(fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES))
        except OSError:  # over the system's cap: the pipe keeps its size
            sizes.append(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    return sizes[0]


def prefetch(texts: Iterable[str]) -> None:
    """Send texts the comparison will tokenise to the child now, so that it tokenises them while this
    process goes on (nothing without a child, or for texts already tokenised or sent)."""
    service = _SERVICE[0]
    if service is None:
        return
    for text in dict.fromkeys(texts):
        if text in service.sent_texts or text in service.received or text in service.done:
            continue
        if not service.send(text):
            stop_service()
            return


def stop_service() -> None:
    service, _SERVICE[0] = _SERVICE[0], None
    if service is not None:
        service.close()


def _serve(requests: int, answers: int, parents: tuple[int, ...]) -> None:
    """The forked child: load the dictionary, then answer each request with its tokens, until the
    requests end; leave without any cleanup (the parent's buffers and exit handlers are the parent's)."""
    import signal

    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        for fd in parents:
            os.close(fd)
        _tokenizer()
        stream = os.fdopen(requests, "rb")
        while len(header := stream.read(4)) == 4:
            text = stream.read(int.from_bytes(header, "little")).decode("utf-8", "surrogatepass")
            data = _encoded(_tokens_here(text))
            write_all(answers, len(data).to_bytes(4, "little") + data)
        status = 0
    except BaseException:  # the parent tokenises itself
        pass
    finally:
        os._exit(status)
