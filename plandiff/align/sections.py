"""Align headings across editions, in passes; each pass takes only what earlier ones left.

1. exact: same path, same title (years masked);
2. same title and kind under the mapped parent (renumbered: ``3.`` → ``4.`` after an insertion),
   or a unique title anywhere (moved);
3. same label and kind under the mapped parent with a similar title (renamed);
4. 【指標】 blocks, annex statements and accounts, whose titles repeat: same kind and label under
   their parent's counterpart, once every other heading is mapped;
5. the rest: added or removed.

The resulting path map lets the measure aligner tell a measure that moved from one whose whole
section was merely renumbered.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from plandiff.align.items import Item, make_items
from plandiff.model import Path, Section
from plandiff.text.similarity import Alphabet, containment, similarity

_RENAME_MIN = 0.5
NOWHERE: Path = ("\x00nowhere",)  # where a removed section's items are, in the new edition: no real path
_GENERIC_KINDS = frozenset({"indicators", "annex", "account"})  # their titles repeat: match by parent only


@dataclass(frozen=True, slots=True)
class SectionPair:
    """An old heading and the new one it corresponds to, and how they were paired."""

    old: Section
    new: Section
    how: str  # exact | renumbered | moved | renamed
    score: float


@dataclass(frozen=True, slots=True)
class SectionAlignment:
    """The headings of two editions paired, with those only one of them has."""

    pairs: tuple[SectionPair, ...]
    removed: tuple[Section, ...]
    added: tuple[Section, ...]
    mapping: dict[Path, Path]  # old path → new path for every paired section
    images: frozenset[Path] = frozenset()  # the new paths some old section maps to

    def map_path(self, path: Path) -> Path:
        """The new path an old item's section corresponds to (the deepest mapped ancestor). A section with
        no counterpart maps nowhere when its path, carried over, names another old section's counterpart
        (old (2) removed while old (1) became new (2)): its items moved, whichever side is read as old."""
        for cut in range(len(path), 0, -1):
            mapped = self.mapping.get(path[:cut])
            if mapped is not None:
                carried = mapped + path[cut:]
                return NOWHERE if cut < len(path) and carried in self.images else carried
        return NOWHERE if path in self.images else path


class FreeIndex:
    """Lists of new headings by key, in document order, without the ones already taken."""

    def __init__(self, taken: Container[int]) -> None:
        self._lists: dict[object, list[int]] = {}
        self._start: dict[object, int] = {}
        self._taken = taken

    def add(self, key: object, j: int) -> None:
        self._lists.setdefault(key, []).append(j)

    def free(self, key: object, limit: int | None = None) -> list[int]:
        """The first ``limit`` untaken entries (all when None); taken ones at the front are skipped for good."""
        entries = self._lists.get(key, [])
        start = self._start.get(key, 0)
        while start < len(entries) and entries[start] in self._taken:
            start += 1
        self._start[key] = start
        out = []
        for j in entries[start:]:
            if j not in self._taken:
                out.append(j)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def first(self, key: object) -> int | None:
        found = self.free(key, 1)
        return found[0] if found else None


def _title_key(item: Item) -> str:
    return item.code


def align_sections(old: tuple[Section, ...], new: tuple[Section, ...]) -> SectionAlignment:
    alphabet = Alphabet()
    old_items = make_items([(s.path, s.title, False) for s in old], alphabet)
    new_items = make_items([(s.path, s.title, False) for s in new], alphabet)
    mapping: dict[Path, Path] = {}
    pairs: dict[int, SectionPair] = {}
    taken: set[int] = set()

    def pair(i: int, j: int, how: str, score: float) -> None:
        pairs[i] = SectionPair(old[i], new[j], how, score)
        taken.add(j)
        mapping[old[i].path] = new[j].path

    new_by_path = {s.path: j for j, s in enumerate(new)}
    for i, section in enumerate(old):  # 1. exact
        j = new_by_path.get(section.path)
        if (
            j is not None
            and j not in taken
            and (section.title == new[j].title or _title_key(old_items[i]) == _title_key(new_items[j]))
            and section.kind not in _GENERIC_KINDS
        ):
            pair(i, j, "exact", 1.0)
    # indexes of the new headings, so every pass is linear: each list is in document order, and the
    # taken entries at its front are dropped as they are met (each entry once)
    by_title = FreeIndex(taken)  # (kind, title) → new headings
    by_title_under = FreeIndex(taken)  # (kind, title, parent) → new headings
    by_label_under = FreeIndex(taken)  # (kind, label, parent) → new headings
    for j, s in enumerate(new):
        by_label_under.add((s.kind, s.label, s.path[:-1]), j)
        if j not in taken:  # a heading paired already is never looked up by title (nor tokenised)
            by_title.add((s.kind, _title_key(new_items[j])), j)
            by_title_under.add((s.kind, _title_key(new_items[j]), s.path[:-1]), j)
    for i, section in enumerate(old):  # 2. same title: renumbered or moved
        if i in pairs or section.kind in _GENERIC_KINDS:
            continue
        parent = section.path[:-1]
        title = _title_key(old_items[i])
        under_parent = by_title_under.first((section.kind, title, mapping.get(parent, parent)))
        if under_parent is not None:
            pair(i, under_parent, "exact" if new[under_parent].label == section.label else "renumbered", 1.0)
        else:
            same = by_title.free((section.kind, title), 2)
            if len(same) == 1:
                pair(i, same[0], "moved", 1.0)
    for i, section in enumerate(old):  # 3. renamed under the same label and parent
        if i in pairs or section.kind in _GENERIC_KINDS:
            continue
        parent = section.path[:-1]
        for j in by_label_under.free((section.kind, section.label, mapping.get(parent, parent))):
            a, b = old_items[i].code, new_items[j].code
            score = similarity(a, b)
            if score >= _RENAME_MIN or max(containment(a, b), containment(b, a)) >= 0.9:
                pair(i, j, "renamed", round(score, 3))
                break
    for i, section in enumerate(old):  # 4. blocks, statements, accounts: by kind and label under the parent
        if i in pairs or section.kind not in _GENERIC_KINDS:
            continue
        parent = section.path[:-1]
        if parent and parent not in mapping:
            continue  # strict: the parent itself must have been paired
        j = by_label_under.first((section.kind, section.label, mapping[parent] if parent else ()))
        if j is not None:
            pair(i, j, "exact" if new[j].path == section.path else "renumbered", 1.0)
    removed = tuple(s for i, s in enumerate(old) if i not in pairs)
    added = tuple(s for j, s in enumerate(new) if j not in taken)
    ordered = tuple(pairs[i] for i in sorted(pairs))
    return SectionAlignment(ordered, removed, added, mapping, frozenset(mapping.values()))
