"""The heading ladder: how numbering styles nest, learnt from the document itself.

The first style seen is the top; a style met inside a section it was never seen outside of goes
one deeper (and is learnt to nest inside that style and everything around it); a style seen before
closes back to its level. So ``第１ > １． > （１） > ① > ア`` and ``I. > 1. > (1) > ① > 1)`` both come
out right, a document that skips a level (a ``1)`` straight under ``(1)``) does not break, and one
that adds a level in one part (``第３ > 第３-１ > １．`` where ``第１ > １．``) nests it there.

The sequence check tells a heading from a numbered sentence: a numbered line opens a heading only
where its number follows on (``（２）`` after ``（１）`` at that level; ``（１）`` where the style starts
anew). Anything else is text, and is reported as a doubtful line.

Blocks (【指標】, annex captions, <…勘定>, unnumbered headings a TOC names) have fixed places and
are closed by the next numbered heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plandiff.model import Section

_ALWAYS_CLOSED = frozenset({"indicators", "account", "titled"})
_PARTS = frozenset({"annex", "part"})  # top parts: what follows nests inside them


def _markdown_containers() -> dict[str, set[str]]:
    # Markdown says its levels: h1 holds h2 … h6
    return {f"h{depth}": {f"h{outer}" for outer in range(1, depth)} for depth in range(1, 7)}


@dataclass
class Rung:
    """One open level of the heading ladder: its style, its number, and the section it opened."""

    kind: str  # the heading style (ladder name), or a block kind
    ordinal: int | None
    section: Section | None


@dataclass
class Ladder:
    """The headings open at the current line, and which heading styles were seen inside which."""

    containers: dict[str, set[str]] = field(default_factory=_markdown_containers)  # style → styles around it
    stack: list[Rung] = field(default_factory=list)

    def index_of(self, kind: str) -> int | None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].kind == kind:
                return index
        return None

    def follows_on(self, kind: str, ordinal: int | None, first: bool = False) -> bool:
        """Does a heading of this style and number continue the document's numbering here?

        The document's first heading may start anywhere (an excerpt of a book starts at ``２ 歳入``)."""
        if ordinal is None or first:
            return True
        index = self.index_of(kind)
        if index is not None:
            previous = self.stack[index].ordinal
            return previous is None or ordinal == previous + 1
        return ordinal == 1

    def repeats(self, kind: str, ordinal: int | None, title: str) -> bool:
        """Is this the heading already open at its level, printed again (a table's title on each page)?"""
        index = self.index_of(kind)
        if index is None:
            return False
        rung = self.stack[index]
        return rung.ordinal == ordinal and rung.section is not None and rung.section.title == title

    def place(self, kind: str) -> None:
        """Pop the stack to where a heading of this style goes, learning how it nests if that is new."""
        index = self.index_of(kind)
        if index is not None:
            del self.stack[index:]
            return
        known = kind in self.containers
        around = self.containers.setdefault(kind, set())
        while self.stack:
            top = self.stack[-1].kind
            if top in _ALWAYS_CLOSED or (top in _PARTS and known and not around):
                self.stack.pop()  # a top-level style seen before closes a part (V. after an annex)
            elif top in _PARTS:
                around.add(top)  # a style first met inside a part belongs to parts
                return
            elif top in around:
                return  # it nests here
            elif kind in self.containers.get(top, ()):
                self.stack.pop()  # it holds the heading on top: close that
            else:
                self.learn(top, kind)  # never seen together: one deeper
                return

    def learn(self, outer: str, inner: str) -> None:
        around = {outer} | self.containers.get(outer, set())
        if inner in around:
            return  # the document contradicts itself; keep what was learnt first
        self.containers.setdefault(inner, set()).update(around)

    def keep(self, depth: int) -> None:
        """Keep only the first ``depth`` numbered headings (blocks on top go too)."""
        while self.stack and (self.stack[-1].kind in _ALWAYS_CLOSED or self.numbered_depth() > depth):
            self.stack.pop()

    def numbered_depth(self) -> int:
        return sum(1 for rung in self.stack if rung.kind not in _ALWAYS_CLOSED and rung.kind not in _PARTS)

    def pop_blocks(self) -> None:
        while self.stack and self.stack[-1].kind in _ALWAYS_CLOSED:
            self.stack.pop()

    def push(self, kind: str, ordinal: int | None, section: Section | None) -> None:
        self.stack.append(Rung(kind, ordinal, section))

    @property
    def path(self) -> tuple[str, ...]:
        for rung in reversed(self.stack):
            if rung.section is not None:
                return rung.section.path
        return ()
