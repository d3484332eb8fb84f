"""One exception hierarchy; every message is a single line meant for users."""

from __future__ import annotations

import re

_BREAKS_RE = re.compile(r"[ \t]*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class PlandiffError(Exception):
    """Base of every error plandiff reports to a user (the CLI maps it to exit code 2)."""

    def __init__(self, message: str) -> None:
        # one line: line breaks (and the spaces around them) become one space; other spaces are
        # kept as written (a path with two spaces in it is shown as it is); a control character
        # (a file name with an escape sequence in it) is shown as U+FFFD, never sent to the terminal
        super().__init__(_CONTROLS_RE.sub("\ufffd", _BREAKS_RE.sub(" ", message)))

    @property
    def message(self) -> str:
        return str(self)


class InputError(PlandiffError):
    """The input cannot be read: missing, a directory, empty, binary, undecodable, too large."""


class StructureError(PlandiffError):
    """The input was read but has no structure plandiff recognises."""


class OutputError(PlandiffError):
    """The output could not be written."""
