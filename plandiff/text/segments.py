"""Word-diff runs: edits one or two characters apart joined into one replacement."""

from __future__ import annotations

from collections.abc import Sequence

Segment = tuple[str, str]  # ("=" | "-" | "+", text)

MERGE_GAP = 2  # unchanged characters between two edits that still make them one replacement


def merge(segments: Sequence[Segment], gap: int = MERGE_GAP) -> list[Segment]:
    """Edits separated by at most ``gap`` unchanged characters become one replacement, old then new."""
    # group into edit blocks: (old, new) pairs separated by unchanged text
    blocks: list[list[str] | str] = []  # str: unchanged text; [old, new]: an edit
    for op, text in segments:
        if not text:
            continue
        if op == "=":
            if blocks and isinstance(blocks[-1], str):
                blocks[-1] += text
            else:
                blocks.append(text)
            continue
        if not blocks or isinstance(blocks[-1], str):
            blocks.append(["", ""])
        edit = blocks[-1]
        assert isinstance(edit, list)
        edit[0 if op == "-" else 1] += text
    joined: list[list[str] | str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if (
            isinstance(block, str)
            and 0 < i < len(blocks) - 1
            and len(block) <= gap
            and isinstance(joined[-1], list)
            and isinstance(blocks[i + 1], list)
        ):
            prev, nxt = joined[-1], blocks[i + 1]
            assert isinstance(prev, list) and isinstance(nxt, list)
            joined[-1] = [prev[0] + block + nxt[0], prev[1] + block + nxt[1]]
            i += 2
            continue
        joined.append(list(block) if isinstance(block, list) else block)
        i += 1
    out: list[Segment] = []
    for block in joined:
        if isinstance(block, str):
            out.append(("=", block))
        else:
            if block[0]:
                out.append(("-", block[0]))
            if block[1]:
                out.append(("+", block[1]))
    return out
