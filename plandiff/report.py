"""One place that turns a :class:`plandiff.diff.Changelog` into the output a user asked for."""

from __future__ import annotations

from plandiff.diff import Changelog
from plandiff.errors import PlandiffError


def render_changelog(changelog: Changelog, fmt: str = "markdown") -> str:
    from plandiff.render import jsonout, markdown

    if fmt == "json":
        return jsonout.render(changelog)
    text = markdown.render(changelog)
    if fmt == "markdown":
        return text
    if fmt == "html":
        from plandiff.render.html import to_html

        return to_html(text, f"plandiff: {changelog.old.title} → {changelog.new.title}")
    raise PlandiffError(f"unknown format {fmt!r}: use markdown, json or html")
