"""Change ids from content, never from position.

An id is the change's kind and a hash of what it is about: a measure's comparison forms (Sudachi
normalised, width folded, fiscal years masked, so the rollover leaves it alone), a heading's title, a
target's metric, a budget line's statement, account, row and column. The n-th item with the same
content in an edition (two identical （再掲） measures) gets ``#n`` in its basis, so ids are unique
without line numbers: inserting an unrelated measure above leaves every id as it was, and a measure
unchanged from one edition to the next has the same id in both comparisons (the old side is the
basis where there is one; an added item's is its new text).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from typing import TypeVar

from plandiff.model import Change

C = TypeVar("C", bound=Change)

ID_DIGITS = 12


def content_id(kind: str, *basis: object) -> str:
    """``kind-<12 hex>``: stable across runs and Python hash seeds."""
    text = "\x1f".join(str(part) for part in basis)
    return f"{kind}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:ID_DIGITS]}"


def forms_key(forms: Iterable[str]) -> str:
    return "\x1e".join(forms)


def numbered(keys: Sequence[str]) -> list[str]:
    """Each key, with ``#n`` added from its second occurrence on (in document order)."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(k if n == 0 else f"{k}#{n}")
    return out


def unique(changes: Sequence[C]) -> list[C]:
    """Changes whose ids still collide (one measure both reworded and its deadline moved) get the
    verb and the occurrence added to their basis, in order: every id in the result is distinct."""
    seen: set[str] = set()
    out: list[C] = []
    for change in changes:
        new_id, n = change.id, 0
        while new_id in seen:
            n += 1
            new_id = content_id(change.kind.value, change.id, change.change.value, n)
        seen.add(new_id)
        out.append(change if new_id == change.id else dataclasses.replace(change, id=new_id))
    return out
