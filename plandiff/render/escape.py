"""Escaping plan text for Markdown: text that contains Markdown syntax or ``|`` renders as written."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<#|~!&$])")  # ">" only quotes at a line start, where we never put text


def md(text: str) -> str:
    """Backslash-escape every character that could start Markdown or HTML syntax; flatten newlines."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def code(text: str) -> str:
    """A code span that survives backticks inside the text."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
