"""The heading ladder: which depth each numbering style stands at, learnt from the document itself.

The first style seen is the top; a new style met inside a section goes one deeper; a style seen
before closes back to its level. So ``第１ > １． > （１） > ① > ア`` and ``I. > 1. > (1) > ① > 1)``
both come out right, and a document that skips a level (a ``1)`` straight under ``(1)``) does not break.

The sequence check tells a heading from a numbered sentence: a numbered line opens a heading only
where its number follows on (``（２）`` after ``（１）`` at that level; ``（１）`` where the style starts
anew). Anything else is text, and is reported as a doubtful line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plandiff.model import Section


@dataclass
class Rung:
    kind: str  # the heading style, or a block kind
    ordinal: int | None
    section: Section


@dataclass
class Ladder:
    levels: dict[str, int] = field(default_factory=dict)  # style → depth, as learnt
    stack: list[Rung] = field(default_factory=list)

    def level_of(self, kind: str) -> int | None:
        return self.levels.get(kind)

    def index_of(self, kind: str) -> int | None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].kind == kind:
                return index
        return None

    def follows_on(self, kind: str, ordinal: int | None) -> bool:
        """Does a heading of this style and number continue the document's numbering here?"""
        if ordinal is None:
            return True
        index = self.index_of(kind)
        if index is not None:
            previous = self.stack[index].ordinal
            return previous is None or ordinal == previous + 1
        return ordinal == 1

    def place(self, kind: str) -> None:
        """Pop the stack to where a heading of this style goes, learning its level if it is new."""
        index = self.index_of(kind)
        if index is not None:
            del self.stack[index:]
            return
        level = self.levels.get(kind)
        if level is None:
            self.levels[kind] = self.depth_below_blocks() + 1
            self.pop_blocks()
            return
        while self.stack and self.levels.get(self.stack[-1].kind, 99) >= level:
            self.stack.pop()

    def depth_below_blocks(self) -> int:
        """The level of the innermost numbered heading (blocks such as 【指標】 do not count)."""
        for rung in reversed(self.stack):
            if rung.kind in self.levels:
                return self.levels[rung.kind]
        return 0

    def pop_blocks(self) -> None:
        while self.stack and self.stack[-1].kind not in self.levels:
            self.stack.pop()

    def keep(self, depth: int) -> None:
        """Keep only the headings at learnt levels up to ``depth`` (blocks go too)."""
        while self.stack and (self.stack[-1].kind not in self.levels or self.levels[self.stack[-1].kind] > depth):
            self.stack.pop()

    def push(self, kind: str, ordinal: int | None, section: Section) -> None:
        self.stack.append(Rung(kind, ordinal, section))

    @property
    def path(self) -> tuple[str, ...]:
        return self.stack[-1].section.path if self.stack else ()
