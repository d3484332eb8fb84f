"""Comparable items: a measure (or heading) as the aligners see it (forms from :mod:`plandiff.text.forms`).

An item's tokens, comparison forms, years and code are worked out only when a pass asks for them:
most of a year's plan is unchanged, and an item whose text is the same in both editions is paired
on its text alone, so it is never tokenised (the Sudachi dictionary is not even loaded when nothing
differs).
"""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.text.forms import forms_of
from plandiff.text.similarity import Alphabet
from plandiff.text.tokenize import Token, tokenize


class Item:
    """One measure or heading: its place and text, with the comparison views computed on first use."""

    __slots__ = ("_alphabet", "_code", "_forms", "_tokens", "_years", "index", "path", "repost", "text")

    def __init__(
        self,
        index: int,  # position in its edition's list
        path: tuple[str, ...],
        text: str,
        alphabet: Alphabet,
        repost: bool = False,
        *,
        tokens: tuple[Token, ...] | None = None,
        forms: tuple[str, ...] | None = None,
        years: tuple[int, ...] | None = None,
    ) -> None:
        self.index = index
        self.path = path
        self.text = text
        self.repost = repost
        self._alphabet = alphabet
        self._tokens = tokens
        self._forms = forms
        self._years = years
        self._code: str | None = None

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def forms(self) -> tuple[str, ...]:
        """Comparison forms, years masked."""
        if self._forms is None:
            self._forms, self._years = forms_of(self.text)
        return self._forms

    @property
    def years(self) -> tuple[int, ...]:
        if self._years is None:
            self._forms, self._years = forms_of(self.text)
        return self._years

    @property
    def code(self) -> str:
        """The forms encoded for rapidfuzz (one alphabet shared by both editions)."""
        if self._code is None:
            self._code = self._alphabet.encode(self.forms)
        return self._code


def joined(items: Sequence[Item]) -> Item:
    """Several items read as one (the parts of a split or a merge), for a word diff against the whole."""
    first = items[0]
    return Item(
        first.index,
        first.path,
        "".join(i.text for i in items),
        first._alphabet,
        first.repost,
        tokens=tuple(t for i in items for t in i.tokens),
        forms=tuple(f for i in items for f in i.forms),
        years=tuple(y for i in items for y in i.years),
    )


def make_items(entries: Sequence[tuple[tuple[str, ...], str, bool]], alphabet: Alphabet) -> tuple[Item, ...]:
    """``entries`` are (path, display text, repost) in document order."""
    return tuple(Item(index, path, text, alphabet, repost) for index, (path, text, repost) in enumerate(entries))
