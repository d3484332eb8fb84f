"""``history(editions)``: many editions of a plan → one :class:`plandiff.model.history.History`.

The editions (paths or documents, in any order) are read once each and sorted by fiscal year (their
metadata; two of the same year, or one without a year, is said in a notice and kept in the order
given); consecutive pairs are compared with :func:`plandiff.diff.compare`, and the lineages of
measures and headings and the trajectories of targets and budget lines are built from those
changelogs and the documents' own targets and budget lines (:mod:`.lineage`, :mod:`.trajectories`).
Tokens are cached by text (:mod:`plandiff.text.tokenize`), so an edition's unchanged text costs its
tokens once across the series.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from itertools import pairwise

from plandiff.diff import compare
from plandiff.errors import PlandiffError
from plandiff.history.lineage import MEASURES, SECTIONS, lineages
from plandiff.history.trajectories import budget_trajectories, target_trajectories
from plandiff.load import read
from plandiff.model import Document
from plandiff.model.history import History, HistoryNotice

__all__ = ["history"]

Edition = Document | str | os.PathLike[str]
#: called as each edition is read and each pair compared: (done, of, what)
Progress = Callable[[int, int, str], None]


def _name(document: Document) -> str:
    return os.path.basename(document.meta.source) or document.meta.title


def order(documents: Sequence[Document]) -> tuple[list[Document], list[HistoryNotice]]:
    """By fiscal year; editions without a year after the others, each group in the order given."""
    ranked = sorted(
        range(len(documents)),
        key=lambda i: (documents[i].meta.fiscal_year is None, documents[i].meta.fiscal_year or 0, i),
    )
    out = [documents[i] for i in ranked]
    notices = [HistoryNotice("no_year", (("a", _name(d)),)) for d in out if d.meta.fiscal_year is None]
    for a, b in pairwise(out):
        if a.meta.fiscal_year is not None and a.meta.fiscal_year == b.meta.fiscal_year:
            fields = (("a", _name(a)), ("b", _name(b)), ("year", str(a.meta.fiscal_year)))
            notices.append(HistoryNotice("same_year", fields))
    return out, notices


def history(editions: Sequence[Edition], profile: str | None = None, progress: Progress | None = None) -> History:
    """Follow a plan through its editions: lineages of measures and headings, trajectories of targets
    and budget lines, each with a stable id across the years (``profile`` as for :func:`plandiff.read`)."""
    if len(editions) < 2:
        raise PlandiffError("history needs two editions or more")
    steps = len(editions) * 2 - 1
    documents: list[Document] = []
    for k, edition in enumerate(editions, start=1):
        documents.append(edition if isinstance(edition, Document) else read(edition, profile))
        if progress is not None:
            progress(k, steps, _name(documents[-1]))
    documents, notices = order(documents)
    changelogs = []
    for k, (old, new) in enumerate(pairwise(documents), start=len(editions) + 1):
        changelogs.append(compare(old, new))
        if progress is not None:
            progress(k, steps, f"{_name(old)} → {_name(new)}")
    years = tuple(d.meta.fiscal_year for d in documents)
    return History(
        editions=tuple(d.meta for d in documents),
        measures=lineages(documents, changelogs, MEASURES, years),
        sections=lineages(documents, changelogs, SECTIONS, years),
        targets=target_trajectories(documents, changelogs, years),
        budget=budget_trajectories(documents, changelogs, years),
        notices=tuple(notices),
        changelogs=tuple(changelogs),
    )
