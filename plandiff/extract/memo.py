"""A document's extraction, worked out once per document however many comparisons it takes part in
(a history compares each edition with the one before and the one after, and reads its rows itself)."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

from plandiff.model import Document

R = TypeVar("R")


def per_document(extract: Callable[[Document], R]) -> Callable[[Document], R]:
    """Memoise ``extract`` by document identity (a document is frozen; hashing its whole tree would cost
    more than the extraction); an entry goes when its document does."""
    done: dict[int, tuple[weakref.ref[Document], R]] = {}

    def forget(ref: weakref.ref[Document], key: int) -> None:
        entry = done.get(key)
        if entry is not None and entry[0] is ref:
            del done[key]

    @functools.wraps(extract)
    def cached(document: Document) -> R:
        key = id(document)
        entry = done.get(key)
        if entry is not None and entry[0]() is document:
            return entry[1]
        value = extract(document)
        done[key] = (weakref.ref(document, functools.partial(forget, key=key)), value)
        return value

    return cached
