"""One place that turns a :class:`plandiff.diff.Changelog` into the output a user asked for.

``lang`` is ``ja`` or ``en``; ``None`` picks Japanese for a Japanese plan (:func:`labels.detect`).
``stamp`` (a date) is printed in the header only when given, so the same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from plandiff.errors import PlandiffError
from plandiff.model import Changelog
from plandiff.render.labels import LANGS, Lang, detect

FORMATS = ("markdown", "json", "html", "taisho", "xlsx")
TEXT_FORMATS = ("markdown", "json", "html", "taisho")


def pick_lang(changelog: Changelog, lang: str | None) -> Lang:
    if lang is None:
        return detect(changelog.old, changelog.new)
    if lang not in LANGS:
        raise PlandiffError(f"unknown --lang {lang!r}: use ja or en")
    return "ja" if lang == "ja" else "en"


def extra_sections(changelog: Changelog, lang: Lang = "en", links: Mapping[str, str] | None = None) -> list[str]:
    """The Markdown sections of the typed comparisons (targets, budget), in the changelog's order;
    ``links`` (change id → anchor, for the HTML page) links a target or budget row to its measure."""
    from plandiff.render.budget import budget_markdown
    from plandiff.render.targets import targets_markdown

    sections = []
    if changelog.targets is not None:
        sections.append(targets_markdown(changelog.targets, lang, links))
    if changelog.budget is not None:
        sections.append(budget_markdown(changelog.budget, lang, links))
    return sections


def _markdown(changelog: Changelog, lang: str | None, html: bool, stamp: str | None, prefix: str = "") -> str:
    """``prefix`` keeps the anchors of one changelog of a series apart from the others'."""
    from plandiff.render import markdown
    from plandiff.render.links import measure_links

    chosen = pick_lang(changelog, lang)
    links = {k: prefix + v for k, v in measure_links(changelog).items()} if html else None
    extra = extra_sections(changelog, chosen, links)
    return markdown.render(changelog, extra, chosen, html=html, stamp=stamp, anchor_prefix=prefix)


def _title(first: Changelog, last: Changelog) -> str:
    return f"plandiff: {first.old.title} → {last.new.title}"


def render_changelog(
    changelog: Changelog, fmt: str = "markdown", lang: str | None = None, stamp: str | None = None
) -> str:
    if fmt == "json":
        from plandiff.render import jsonout

        return jsonout.render(changelog)
    if fmt == "markdown":
        return _markdown(changelog, lang, False, stamp)
    if fmt == "html":
        from plandiff.render.html import to_html

        return to_html(
            _markdown(changelog, lang, True, stamp), _title(changelog, changelog), pick_lang(changelog, lang)
        )
    if fmt == "taisho":
        from plandiff.render.taisho import render as taisho

        return taisho([changelog], pick_lang(changelog, lang), stamp)
    raise PlandiffError(f"unknown format {fmt!r}: use markdown, json, html or taisho")


def render_bytes(changelogs: list[Changelog], fmt: str, lang: str | None = None, stamp: str | None = None) -> bytes:
    """The binary formats (``xlsx``)."""
    if fmt == "xlsx":
        from plandiff.render.xlsx import render as xlsx

        return xlsx(changelogs, pick_lang(changelogs[0], lang), stamp)
    raise PlandiffError(f"unknown binary format {fmt!r}")


def render_series(
    changelogs: list[Changelog], fmt: str = "markdown", lang: str | None = None, stamp: str | None = None
) -> str:
    """One changelog for a pair; for three or more editions, one per consecutive pair, in order."""
    if len(changelogs) == 1:
        return render_changelog(changelogs[0], fmt, lang, stamp)
    if fmt == "json":
        import json

        from plandiff.render import jsonout

        return (
            json.dumps(
                [jsonout.to_data(c) for c in changelogs], ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False
            )
            + "\n"
        )
    if fmt == "taisho":
        from plandiff.render.taisho import render as taisho

        return taisho(changelogs, pick_lang(changelogs[0], lang), stamp)
    if fmt not in ("markdown", "html"):
        raise PlandiffError(f"unknown format {fmt!r}: use markdown, json, html or taisho")
    text = "\n---\n\n".join(
        _markdown(c, lang, fmt == "html", stamp, f"p{n}-" if fmt == "html" else "") for n, c in enumerate(changelogs, 1)
    )
    if fmt == "markdown":
        return text
    from plandiff.render.html import to_html

    return to_html(text, _title(changelogs[0], changelogs[-1]), pick_lang(changelogs[0], lang))
