"""One place that turns a :class:`plandiff.diff.Changelog` into the output a user asked for."""

from __future__ import annotations

from plandiff.errors import PlandiffError
from plandiff.model import Changelog


def extra_sections(changelog: Changelog) -> list[str]:
    """The Markdown sections of the typed comparisons (targets, budget), in the changelog's order."""
    from plandiff.render.budget import budget_markdown
    from plandiff.render.targets import targets_markdown

    sections = []
    if changelog.targets is not None:
        sections.append(targets_markdown(changelog.targets))
    if changelog.budget is not None:
        sections.append(budget_markdown(changelog.budget))
    return sections


def render_changelog(changelog: Changelog, fmt: str = "markdown") -> str:
    from plandiff.render import jsonout, markdown

    if fmt == "json":
        return jsonout.render(changelog)
    text = markdown.render(changelog, extra_sections(changelog))
    if fmt == "markdown":
        return text
    if fmt == "html":
        from plandiff.render.html import to_html

        return to_html(text, f"plandiff: {changelog.old.title} → {changelog.new.title}")
    raise PlandiffError(f"unknown format {fmt!r}: use markdown, json or html")


def render_series(changelogs: list[Changelog], fmt: str = "markdown") -> str:
    """One changelog for a pair; for three or more editions, one per consecutive pair, in order."""
    if len(changelogs) == 1:
        return render_changelog(changelogs[0], fmt)
    if fmt == "json":
        import json

        from plandiff.render import jsonout

        return (
            json.dumps(
                [jsonout.to_data(c) for c in changelogs], ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False
            )
            + "\n"
        )
    from plandiff.render import markdown

    text = "\n---\n\n".join(markdown.render(c, extra_sections(c)) for c in changelogs)
    if fmt == "markdown":
        return text
    if fmt == "html":
        from plandiff.render.html import to_html

        return to_html(text, f"plandiff: {changelogs[0].old.title} → {changelogs[-1].new.title}")
    raise PlandiffError(f"unknown format {fmt!r}: use markdown, json or html")
