"""Document families and their conventions, one module each; :func:`detect` picks one from the text.

| family | module | documents |
|---|---|---|
| dokuho | :mod:`.dokuho` | 独立行政法人 年度計画・中期計画 |
| fusho | :mod:`.fusho` | 府省の重点計画・基本方針・実行計画・戦略 |
| budget_book | :mod:`.budget_book` | 自治体 予算書 |
| koho | :mod:`.koho` | 予算の概要, 広報の予算特集 |
| statement | :mod:`.statement` | 施政方針・市政執行方針 |
| generic | :mod:`.generic` | anything else: every convention at once |

A new family is one new module with a ``FAMILY`` and a line in ``FAMILIES``.
"""

from __future__ import annotations

from plandiff.conventions import budget_book, dokuho, fusho, generic, koho, statement
from plandiff.conventions.base import Family, HeadingStyle
from plandiff.conventions.budget_book import BookConventions
from plandiff.errors import InputError

FAMILIES: tuple[Family, ...] = (
    dokuho.FAMILY,
    fusho.FAMILY,
    budget_book.FAMILY,
    koho.FAMILY,
    statement.FAMILY,
    generic.FAMILY,
)
GENERIC = generic.FAMILY
#: the families whose tables are read row by row as a budget book (款/項/目/節), with their table conventions
BOOKS: dict[str, BookConventions] = {budget_book.FAMILY.name: budget_book.BOOK, koho.FAMILY.name: koho.BOOK}
_MIN_SCORE = 5  # below this no family is sure enough: the generic rules apply
_SAMPLE = 20_000  # characters looked at: the cover, the front matter and the first pages


def by_name(name: str) -> Family:
    for family in FAMILIES:
        if family.name == name:
            return family
    names = ", ".join(f.name for f in FAMILIES)
    raise InputError(f"unknown --profile {name!r}: use one of {names}")


def family_named(name: str) -> Family:
    """The family a document was read with (``Metadata.family``); the generic one if it is unknown."""
    return next((family for family in FAMILIES if family.name == name), GENERIC)


def detect(text: str) -> Family:
    """The family whose cues the beginning of the document shows most (ties: the earlier in FAMILIES)."""
    sample = text[:_SAMPLE]
    best, best_score = GENERIC, _MIN_SCORE - 1
    for family in FAMILIES:
        score = family.score(sample)
        if score > best_score:
            best, best_score = family, score
    return best


__all__ = ["BOOKS", "FAMILIES", "GENERIC", "Family", "HeadingStyle", "by_name", "detect", "family_named"]
