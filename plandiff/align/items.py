"""Comparable items: a measure (or heading) as the aligners see it (forms from :mod:`plandiff.text.forms`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plandiff.text.forms import forms_of
from plandiff.text.similarity import Alphabet
from plandiff.text.tokenize import Token, tokenize


@dataclass(frozen=True, slots=True)
class Item:
    index: int  # position in its edition's list
    path: tuple[str, ...]
    text: str
    tokens: tuple[Token, ...]
    forms: tuple[str, ...]  # comparison forms, years masked
    years: tuple[int, ...]
    code: str  # forms encoded for rapidfuzz (shared alphabet)
    repost: bool = False


def make_items(entries: Sequence[tuple[tuple[str, ...], str, bool]], alphabet: Alphabet) -> tuple[Item, ...]:
    """``entries`` are (path, display text, repost) in document order."""
    items = []
    for index, (path, text, repost) in enumerate(entries):
        tokens = tokenize(text)
        forms, years = forms_of(text)
        items.append(Item(index, path, text, tokens, forms, years, alphabet.encode(forms), repost))
    return tuple(items)
