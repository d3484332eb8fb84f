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

from dataclasses import dataclass

from plandiff.align.items import Item, make_items
from plandiff.model import Path, Section
from plandiff.text.similarity import Alphabet, containment, similarity

_RENAME_MIN = 0.5
_GENERIC_KINDS = frozenset({"indicators", "annex", "account"})  # their titles repeat: match by parent only


@dataclass(frozen=True, slots=True)
class SectionPair:
    old: Section
    new: Section
    how: str  # exact | renumbered | moved | renamed
    score: float


@dataclass(frozen=True, slots=True)
class SectionAlignment:
    pairs: tuple[SectionPair, ...]
    removed: tuple[Section, ...]
    added: tuple[Section, ...]
    mapping: dict[Path, Path]  # old path → new path for every paired section

    def map_path(self, path: Path) -> Path:
        """The new path an old item's section corresponds to (the deepest mapped ancestor)."""
        for cut in range(len(path), 0, -1):
            mapped = self.mapping.get(path[:cut])
            if mapped is not None:
                return mapped + path[cut:]
        return path


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

    def parent_ok(i: int, j: int) -> bool:
        return mapping.get(old[i].path[:-1], old[i].path[:-1]) == new[j].path[:-1]

    def parent_mapped(i: int, j: int) -> bool:  # strict: the parent itself must have been paired
        parent = old[i].path[:-1]
        return (not parent and not new[j].path[:-1]) or (parent in mapping and mapping[parent] == new[j].path[:-1])

    new_by_path = {s.path: j for j, s in enumerate(new)}
    for i, section in enumerate(old):  # 1. exact
        j = new_by_path.get(section.path)
        if (
            j is not None
            and j not in taken
            and _title_key(old_items[i]) == _title_key(new_items[j])
            and section.kind not in _GENERIC_KINDS
        ):
            pair(i, j, "exact", 1.0)
    for i, section in enumerate(old):  # 2. same title: renumbered or moved
        if i in pairs or section.kind in _GENERIC_KINDS:
            continue
        same = [
            j
            for j, s in enumerate(new)
            if j not in taken and s.kind == section.kind and _title_key(new_items[j]) == _title_key(old_items[i])
        ]
        under_parent = [j for j in same if parent_ok(i, j)]
        if under_parent:
            pair(i, under_parent[0], "exact" if new[under_parent[0]].label == section.label else "renumbered", 1.0)
        elif len(same) == 1:
            pair(i, same[0], "moved", 1.0)
    for i, section in enumerate(old):  # 3. renamed under the same label and parent
        if i in pairs or section.kind in _GENERIC_KINDS:
            continue
        for j, candidate in enumerate(new):
            if j in taken or candidate.kind != section.kind or candidate.label != section.label or not parent_ok(i, j):
                continue
            a, b = old_items[i].code, new_items[j].code
            score = similarity(a, b)
            if score >= _RENAME_MIN or max(containment(a, b), containment(b, a)) >= 0.9:
                pair(i, j, "renamed", round(score, 3))
                break
    for i, section in enumerate(old):  # 4. blocks, statements, accounts: by kind and label under the parent
        if i in pairs or section.kind not in _GENERIC_KINDS:
            continue
        for j, candidate in enumerate(new):
            if (
                j not in taken
                and candidate.kind == section.kind
                and candidate.label == section.label
                and parent_mapped(i, j)
            ):
                pair(i, j, "exact" if candidate.path == section.path else "renumbered", 1.0)
                break
    removed = tuple(s for i, s in enumerate(old) if i not in pairs)
    added = tuple(s for j, s in enumerate(new) if j not in taken)
    ordered = tuple(pairs[i] for i in sorted(pairs))
    return SectionAlignment(ordered, removed, added, mapping)
