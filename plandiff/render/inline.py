"""Inline word diffs without spaces in Japanese text.

A word diff comes as runs ``("=" | "-" | "+", text)``. :func:`merge` joins edits separated by one or
two unchanged characters into one replacement (``を~~図る~~**行う**。`` rather than three pieces), and the
writers put markup *between* characters, never spaces:

- HTML: ``<del>old</del><ins>new</ins>``;
- Markdown (GFM): ``~~old~~**new**`` where CommonMark's delimiter rules let those marks open and close
  right against the neighbouring characters (they do not when a run starts or ends with punctuation
  such as 「」、。 next to a letter: ``を**「新」**の`` is not emphasis); there the run is written as inline
  HTML, ``<del>old</del><ins>new</ins>``, which GFM renders (GitHub's sanitiser keeps ``del`` and ``ins``)
  and our HTML page passes through (plan text is always escaped, so no other tag can appear). Tested
  with markdown-it-py's CommonMark + strikethrough renderer in ``tests/test_inline.py``.

Removing the deleted runs and the markup from a line gives back the new text, character for character.
"""

from __future__ import annotations

import html as _html
import unicodedata
from collections.abc import Callable, Sequence

from plandiff.render.escape import md
from plandiff.text.segments import merge

Segment = tuple[str, str]
Run = tuple[str, bool]  # (text, changed)


def runs(segments: Sequence[Segment], side: str) -> list[Run]:
    """One edition's text as runs, changed runs marked: ``side`` is ``old`` or ``new``."""
    skip = "+" if side == "old" else "-"
    out: list[Run] = []
    for op, text in merge(segments):
        if op == skip or not text:
            continue
        changed = op != "="
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        else:
            out.append((text, changed))
    return out


def html_diff(segments: Sequence[Segment]) -> str:
    """``<del>old</del><ins>new</ins>`` between escaped unchanged text."""
    out = []
    for op, text in merge(segments):
        body = _html.escape(text, quote=False)
        out.append(body if op == "=" else f"<del>{body}</del>" if op == "-" else f"<ins>{body}</ins>")
    return "".join(out)


def _punct_p(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or (ch.isascii() and not ch.isalnum() and not ch.isspace())


def _punct_ps(ch: str) -> bool:
    return _punct_p(ch) or unicodedata.category(ch).startswith("S")


def _space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _left_flanking(before: str, after: str, punct: Callable[[str], bool]) -> bool:
    if _space(after):
        return False
    return not punct(after) or _space(before) or punct(before)


def _right_flanking(before: str, after: str, punct: Callable[[str], bool]) -> bool:
    if _space(before):
        return False
    return not punct(before) or _space(after) or punct(after)


def _wraps(before: str, body: str, after: str) -> bool:
    """Would ``before + MARK + body + MARK + after`` open and close, whichever punctuation set a renderer uses
    (CommonMark 0.30: P categories; 0.31: P and S)?"""
    if not body:
        return False
    return all(
        _left_flanking(before[-1:], body[0], p) and _right_flanking(body[-1], after[:1], p)
        for p in (_punct_p, _punct_ps)
    )


def inline_diff(segments: Sequence[Segment], html: bool = False) -> str:
    """A Markdown line: ``~~old~~**new**`` (or ``<del>``/``<ins>`` where GFM could not mark the run, and
    always when ``html``: the Markdown that becomes the HTML page), no spaces added."""
    merged = merge(segments)
    bodies = [md(text) for _, text in merged]
    out = ""
    for k, (op, _) in enumerate(merged):
        body = bodies[k]
        if op == "=":
            out += body
            continue
        following = ""
        if k + 1 < len(merged):
            following = "*" if merged[k + 1][0] == "+" else bodies[k + 1]
        mark = "~~" if op == "-" else "**"
        before = out if out else ""
        if not html and "~~" not in body and "**" not in body and _wraps(before, body, following or ""):
            out += f"{mark}{body}{mark}"
        else:
            tag = "del" if op == "-" else "ins"
            out += f"<{tag}>{body}</{tag}>"
    return out
