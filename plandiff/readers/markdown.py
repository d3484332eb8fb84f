"""Markdown plans → source lines, via markdown-it-py, so they parse with the same rules as text.

Headings become their text (their markers, ``I.`` or ``(1)``, then classify as in plain text; a
heading without a marker keeps its ``#`` depth), list items become ``・`` bullets, paragraphs keep
their lines, and GFM table rows become tab-separated rows. Line numbers are the Markdown file's.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from plandiff.conventions.base import heading_like
from plandiff.readers.lines import SourceLine

_MD = MarkdownIt("commonmark").enable("table")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def markdown_lines(text: str) -> tuple[SourceLine, ...]:
    tokens = _MD.parse(text)
    out: list[SourceLine] = []
    context: list[str] = []  # open block types
    row: list[str] = []
    row_line = 0

    def emit(start: int, body: str, prefix: str = "") -> None:
        if out and out[-1].text:
            out.append(SourceLine(start, ""))  # blocks are separated, as in the text form
        for offset, piece in enumerate(body.split("\n")):
            out.append(SourceLine(start + offset + 1, (prefix if offset == 0 else "") + piece))

    for index, tok in enumerate(tokens):
        line0 = tok.map[0] if tok.map else (out[-1].number if out else 0)
        if tok.type.endswith("_open"):
            context.append(tok.type[:-5])
            if tok.type == "tr_open":
                row, row_line = [], line0
        elif tok.type.endswith("_close"):
            if context:
                context.pop()
            if tok.type == "tr_close":
                if out and out[-1].text and "\t" not in out[-1].text:
                    out.append(SourceLine(row_line, ""))
                out.append(SourceLine(row_line + 1, "\t".join(row)))
        elif tok.type == "inline":
            body = _inline_text(tok)
            if "th" in context or "td" in context:
                row.append(body.strip())
            elif "heading" in context:
                heading = body.strip()
                depth = len(tokens[index - 1].markup)
                emit(line0, heading if _has_marker(heading) else f"{'#' * depth} {heading}")
            elif "list_item" in context:
                emit(line0, body, "" if body.lstrip().startswith("・") else "・")
            else:
                emit(line0, body)
    return tuple(out)


def _has_marker(heading: str) -> bool:
    return heading_like(heading) and not heading.startswith("#")
