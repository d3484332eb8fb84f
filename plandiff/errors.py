"""One exception hierarchy; every message is a single line meant for users."""

from __future__ import annotations


class PlandiffError(Exception):
    """Base of every error plandiff reports to a user (the CLI maps it to exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class InputError(PlandiffError):
    """The input cannot be read: missing, a directory, empty, binary, undecodable, too large."""


class StructureError(PlandiffError):
    """The input was read but has no structure plandiff recognises."""


class OutputError(PlandiffError):
    """The output could not be written."""
