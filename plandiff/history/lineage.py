"""Measures and headings followed through a series: one :class:`Lineage` per item, from the pairwise
changelogs of consecutive editions.

A change of the pair (edition e−1 → e) links the items it names on both sides (its locations are the
items' own: heading path and first line); what no change names is unchanged, and pairs by its text
compared without fiscal years (the rollover), then in document order. The lineage id is the content
id its first edition gives the item (:mod:`plandiff.classify.ids`), the id the changelogs use.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from plandiff.classify.ids import content_id, numbered
from plandiff.classify.measures import location
from plandiff.model import Change, Changelog, Document, Location, MeasureChange, Section, SectionChange, Strength, Verb
from plandiff.model.history import Event, Lineage, Step
from plandiff.text.forms import identity_key, title_key

_STRUCTURAL = frozenset({"annex", "account"})  # table headings: the budget's, as in the comparison
masked = title_key  # the comparison's key for titles and labels: the history follows what it paired


def section_location(section: Section) -> Location:
    text = section.title if section.marker in ("", section.title) else f"{section.marker} {section.title}"
    return Location(section.path, section.line, text, page=section.page)


@dataclass
class _Row:
    id: str
    places: list[Location | None]
    steps: dict[int, tuple[list[Event], list[str]]] = field(default_factory=dict)
    origin: str | None = None
    merged_into: str | None = None

    def note(self, edition: int, events: Sequence[Event], change: str | None) -> None:
        got, ids = self.steps.setdefault(edition, ([], []))
        got.extend(e for e in events if e not in got)
        if change and change not in ids:
            ids.append(change)


@dataclass(frozen=True, slots=True)
class _Kind:
    """What differs between following measures and following headings."""

    name: str
    change_type: type[Change]
    items: Callable[[Document], list[Location]]
    basis: Callable[[Document], list[str]]  # the content-id basis of each item, in order
    pair_key: Callable[[Location], str]


def _measure_locations(document: Document) -> list[Location]:
    return [location(m) for m in document.measures if m.kind != "table_text"]


def _measure_basis(document: Document) -> list[str]:
    # the classifier's basis: the text with years masked (no tokenising), numbered
    return numbered([identity_key(m.text) for m in document.measures if m.kind != "table_text"])


def _sections(document: Document) -> list[Section]:
    return [s for s in document.sections if s.kind not in _STRUCTURAL]


def _section_basis(document: Document) -> list[str]:
    return numbered([f"{s.kind}|{masked(s.title)}" for s in _sections(document)])


MEASURES = _Kind(
    "measure",
    MeasureChange,
    _measure_locations,
    _measure_basis,
    lambda loc: f"{'/'.join(loc.path)}|{identity_key(loc.text)}",
)
SECTIONS = _Kind(
    "section",
    SectionChange,
    lambda d: [section_location(s) for s in _sections(d)],
    _section_basis,
    lambda loc: f"{len(loc.path)}|{masked(loc.text)}",
)


_SAME = frozenset({Verb.ADDED, Verb.REMOVED, Verb.SPLIT, Verb.MERGED, Verb.MOVED, Verb.RENAMED}) | frozenset(
    {Verb.DEADLINE_POSTPONED, Verb.DEADLINE_ADVANCED}
)


def _events(change: Change) -> list[Event]:
    verb = change.change
    events = [Event(verb.value)] if verb in _SAME else [Event.REWORDED]
    if isinstance(change, MeasureChange):
        if change.reworded and Event.REWORDED not in events:
            events.append(Event.REWORDED)
        if change.strength == Strength.WEAKENED:
            events.append(Event.WEAKENED)
        elif change.strength == Strength.STRENGTHENED:
            events.append(Event.STRENGTHENED)
    return events


def _unique_ids(rows: list[_Row], kind: str) -> None:
    seen: set[str] = set()
    for row in rows:
        n, new_id = 0, row.id
        while new_id in seen:
            n += 1
            new_id = content_id(kind, row.id, n)
        seen.add(new_id)
        row.id = new_id


def lineages(
    documents: Sequence[Document], changelogs: Sequence[Changelog], kind: _Kind, years: Sequence[int | None]
) -> tuple[Lineage, ...]:
    """Every item of every edition in exactly one lineage, in order of first appearance."""
    n = len(documents)
    items = [kind.items(d) for d in documents]
    bases: dict[int, list[str]] = {}

    def basis(edition: int, index: int) -> str:
        if edition not in bases:  # computed only for the editions that need it
            bases[edition] = kind.basis(documents[edition])
        return bases[edition][index]

    rows: list[_Row] = []

    def start(edition: int, index: int, row_id: str | None = None) -> _Row:
        row = _Row(row_id or content_id(kind.name, basis(edition, index)), [None] * n)
        row.places[edition] = items[edition][index]
        rows.append(row)
        return row

    current = {i: start(0, i) for i in range(len(items[0]))}  # item index in the edition → its row
    for e in range(1, n):
        old_index = {(loc.path, loc.line): i for i, loc in enumerate(items[e - 1])}
        new_index = {(loc.path, loc.line): j for j, loc in enumerate(items[e])}
        following: dict[int, _Row] = {}
        touched: set[int] = set()
        for change in changelogs[e - 1].changes:
            if not isinstance(change, kind.change_type):
                continue
            olds = [old_index[k] for k in ((c.path, c.line) for c in change.old) if k in old_index]
            news = [new_index[k] for k in ((c.path, c.line) for c in change.new) if k in new_index]
            touched.update(olds)
            events = _events(change)
            if not olds:
                for j in news:
                    if j not in following:
                        following[j] = start(e, j, change.id if j == news[0] else None)
                        following[j].note(e, events, change.id)
                continue
            row = current[olds[0]]
            if not news:
                row.note(e, events, change.id)
                continue
            if news[0] in following:  # a second change of the same pair (a deadline moved and reworded)
                following[news[0]].note(e, events, change.id)
                continue
            following[news[0]] = row
            row.places[e] = items[e][news[0]]
            row.note(e, events, change.id)
            for j in news[1:]:  # the other parts of a split: lineages of their own, from this one
                if j not in following:
                    part = start(e, j)
                    part.origin = row.id
                    part.note(e, events, change.id)
                    following[j] = part
            for i in olds[1:]:  # the other measures of a merger end here
                current[i].merged_into = row.id
                current[i].note(e, events, change.id)
        _pair_unchanged(e, items, current, following, touched, kind, functools.partial(start, e))
        current = following
    _unique_ids(rows, kind.name)
    return tuple(
        Lineage(
            row.id,
            kind.name,
            tuple(row.places),
            tuple(Step(e, years[e], tuple(events), tuple(ids)) for e, (events, ids) in sorted(row.steps.items())),
            row.origin,
            row.merged_into,
        )
        for row in rows
    )


def _pair_unchanged(
    e: int,
    items: Sequence[Sequence[Location]],
    current: dict[int, _Row],
    following: dict[int, _Row],
    touched: set[int],
    kind: _Kind,
    new_row: Callable[[int], _Row],
) -> None:
    """Items no change names are unchanged: the same text (years masked) first, then in order."""
    olds = [i for i in range(len(items[e - 1])) if i not in touched]
    news = [j for j in range(len(items[e])) if j not in following]
    waiting: dict[str, deque[int]] = {}
    for j in news:
        waiting.setdefault(kind.pair_key(items[e][j]), deque()).append(j)
    left: list[int] = []
    for i in olds:
        queue = waiting.get(kind.pair_key(items[e - 1][i]))
        if queue:
            _continue(current[i], e, queue.popleft(), items, following)
        else:
            left.append(i)
    rest = [j for j in news if j not in following]
    for i, j in zip(left, rest, strict=False):  # noise the keys do not fold (spelling variants): in order
        _continue(current[i], e, j, items, following)
    for i in left[len(rest) :]:  # unexplained by the changelog: should not happen, but never lost
        current[i].note(e, [Event.REMOVED], None)
    for j in rest[len(left) :]:
        following[j] = new_row(j)
        following[j].note(e, [Event.ADDED], None)


def _continue(row: _Row, e: int, j: int, items: Sequence[Sequence[Location]], following: dict[int, _Row]) -> None:
    row.places[e] = items[e][j]
    following[j] = row
