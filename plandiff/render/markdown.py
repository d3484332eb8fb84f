"""Changelog → GFM Markdown: summary first, then the changes section by section.

Every change says where it stands in both editions (heading path with its title, and line), so a
reader can check it against the documents. Every word of ours comes from :mod:`plandiff.render.labels`
in the report's language (``ja`` for a Japanese plan, ``en`` on request). Inline diffs are
:func:`plandiff.render.inline.inline_diff`: no spaces added inside Japanese text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from plandiff.model import Change, Changelog, Location, Metadata, Path
from plandiff.render import access
from plandiff.render.escape import code, md
from plandiff.render.labels import Lang, kind_label, label, place, verb, warnings
from plandiff.render.labels import where as _where

VERBS = ("added", "removed", "changed", "moved", "split", "merged", "renamed")


class Ctx:
    """What every line of one report needs: its language, the headings' titles, and the output flavour."""

    def __init__(
        self,
        lang: Lang = "en",
        old_titles: Mapping[Path, str] | None = None,
        new_titles: Mapping[Path, str] | None = None,
        html: bool = False,
        anchor_prefix: str = "",
    ) -> None:
        self.lang: Lang = lang
        self.old_titles = old_titles or {}
        self.new_titles = new_titles or {}
        self.html = html  # Markdown fed to the HTML page: inline diffs as <del>/<ins>, anchors on measures
        self.anchor_prefix = anchor_prefix  # one changelog's anchors apart from another's in a series

    def anchor(self, change: Change) -> str:
        """``<a id="measure-…"></a>`` before a measure on the HTML page (a target or budget row links to it)."""
        return f'<a id="{self.anchor_prefix}{change.id}"></a>' if self.html else ""

    @classmethod
    def of(cls, changelog: Changelog, lang: Lang = "en", html: bool = False, anchor_prefix: str = "") -> Ctx:
        return cls(lang, changelog.old_titles, changelog.new_titles, html, anchor_prefix)


def _edition(meta: Metadata, stats: dict[str, int], lang: Lang) -> str:
    parts = [md(meta.title or label("untitled", lang))]
    if meta.fiscal_year:
        parts.append(label("fiscal_year", lang, year=meta.fiscal_year))
    if meta.decided:
        parts.append(label("decided", lang, date=meta.decided))
    counts = ("、" if lang == "ja" else ", ").join(
        label(f"stat.{k}", lang, n=v) if f"stat.{k}" in _STATS else f"{v} {k}" for k, v in stats.items()
    )
    name = os.path.basename(meta.source) or meta.source
    opening, closing = ("（", "）") if lang == "ja" else (" (", ")")
    return f"{code(name)} — {' · '.join(parts)}{opening}{counts}{closing}"


_STATS = frozenset({"stat.sections", "stat.measures", "stat.targets", "stat.tables"})


def where(loc: Location, ctx: Ctx | None = None, side: str = "new") -> str:
    ctx = ctx or Ctx()
    titles = ctx.old_titles if side == "old" else ctx.new_titles
    return md(_where(loc, ctx.lang, titles))


def _both(change: Change, ctx: Ctx) -> str:
    old = "; ".join(where(loc, ctx, "old") for loc in change.old)
    new = "; ".join(where(loc, ctx, "new") for loc in change.new)
    o, n = label("old_short", ctx.lang), label("new_short", ctx.lang)
    if ctx.lang == "ja":
        if not change.old:
            return f"{n}：{new}"
        if not change.new:
            return f"{o}：{old}"
        return f"{o}：{old} → {n}：{new}"
    if not change.old:
        return f"new: {new}"
    if not change.new:
        return f"old: {old}"
    return f"old {old} → new {new}"


def _paren(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "ja" else f" ({text})"


def inline_diff(segments: Sequence[Sequence[str]], ctx: Ctx | None = None) -> str:
    from plandiff.render.inline import inline_diff as _inline

    return _inline([(str(op), str(text)) for op, text in segments], html=ctx.html if ctx else False)


def _quote(text: str) -> str:
    return f"> {md(text)}"


def _strength_note(change: Change, ctx: Ctx) -> str:
    shift = access.strength(change)
    return f" **{verb('strength', shift, ctx.lang)}**" if shift else ""


def render_measure(change: Change, ctx: Ctx | None = None) -> list[str]:
    ctx = ctx or Ctx()
    details = _both(change, ctx)
    if change.change in ("changed", "moved", "split", "merged") and change.score < 1:
        details += ("、" if ctx.lang == "ja" else ", ") + label("similarity", ctx.lang, score=f"{change.score:.2f}")
    head = (
        f"- {ctx.anchor(change)}**{verb('measure', change.change, ctx.lang)}**"
        f"{_strength_note(change, ctx)}{_paren(details, ctx.lang)}"
    )
    body: list[str] = []
    diff = access.segments(change)
    if change.change in ("split", "merged"):
        if change.change == "split":
            body.append("  " + _quote(change.old[0].text))
            body.extend(f"  - {where(loc, ctx, 'new')}: {md(loc.text)}" for loc in change.new)
        else:
            body.extend(f"  - {where(loc, ctx, 'old')}: {md(loc.text)}" for loc in change.old)
            body.append("  " + _quote(change.new[0].text))
        if diff is not None:
            body.append("")
            body.append("  " + label("also_reworded", ctx.lang) + inline_diff(diff, ctx))
    elif diff is not None:
        body.append("  " + inline_diff(diff, ctx))
    elif change.change == "removed":
        body.append("  " + _quote(change.old[0].text))
    elif change.change in ("added", "moved"):
        body.append("  " + _quote(change.new[0].text))
    return [head, *body]


def noise_sentence(changelog: Changelog, lang: Lang = "en") -> str:
    """How much was unchanged, and how much noise was set aside to see that."""
    text = label("unchanged", lang, n=changelog.unchanged_measures)
    end = "。" if lang == "ja" else "."
    if not changelog.noisy_measures:
        return text + end
    text += label("noisy", lang, n=changelog.noisy_measures)
    parts = []
    if changelog.rolled_years:
        years = "year" if abs(changelog.year_delta) == 1 else "years"
        parts.append(label("rolled", lang, n=changelog.rolled_years, delta=changelog.year_delta, years=years))
    parts.append(label("not_compared", lang))
    if lang == "ja":
        return f"{text}。{'。'.join(parts)}。"
    return f"{text}: {'; '.join(parts)}."


def summary_table(changelog: Changelog, lang: Lang) -> list[str]:
    """One row per kind: how many, and which changes (``新設 1・削除 1・修正 2``), never a wide grid."""
    counts = changelog.counts()
    kinds = [k for k in ("section", "target", "measure", "budget") if k in counts]
    out = [
        f"| {label('kind', lang)} | {label('total', lang)} | {label('breakdown', lang)} |",
        "|---|---:|---|",
    ]
    joiner = "・" if lang == "ja" else ", "
    shown: dict[str, dict[str, int]] = {}
    for change in changelog.changes:
        per = shown.setdefault(str(change.kind), {})
        name = display_verb(change)
        per[name] = per.get(name, 0) + 1
    for kind in kinds:
        verbs = sorted(shown[kind], key=lambda v: (VERBS.index(v) if v in VERBS else 99, v))
        cells = joiner.join(f"{verb(kind, v, lang)} {shown[kind][v]}" for v in verbs)
        out.append(f"| {kind_label(kind, lang)} | {sum(counts[kind].values())} | {md(cells)} |")
    return out


def _headline_lines(changelog: Changelog, ctx: Ctx) -> list[str]:
    from plandiff.render.news import headlines

    return headlines(changelog, ctx)


def render(
    changelog: Changelog,
    sections_extra: Sequence[str] = (),
    lang: Lang = "en",
    html: bool = False,
    stamp: str | None = None,
    anchor_prefix: str = "",
) -> str:
    ctx = Ctx.of(changelog, lang, html, anchor_prefix)
    out: list[str] = []
    colon = "：" if lang == "ja" else ": "
    out.append(
        f"# {label('report', lang)}{colon}{md(changelog.old.title or label('old', lang))} → "
        f"{md(changelog.new.title or label('new', lang))}"
    )
    out.append("")
    organisation = changelog.new.organisation or changelog.old.organisation
    if organisation:
        out.append(f"- {label('organisation', lang)}{colon}{md(organisation)}")
    out.append(f"- {label('old', lang)}{colon}{_edition(changelog.old, changelog.old_stats, lang)}")
    out.append(f"- {label('new', lang)}{colon}{_edition(changelog.new, changelog.new_stats, lang)}")
    if stamp:
        out.append(f"- {label('stamp', lang, date=stamp)}")
    for warning in warnings(changelog, lang):
        out.append(f"- {label('warning', lang)}{colon}{md(warning)}")
    if changelog.changes:
        out.append(f"- {label('legend_html' if html else 'legend', lang)}")
    headlines = _headline_lines(changelog, ctx)
    if headlines:
        out.append("")
        out.append(f"## {label('digest', lang)}")
        out.append("")
        out.extend(headlines)
    out.append("")
    out.append(f"## {label('summary', lang)}")
    out.append("")
    if not changelog.changes:
        out.append(label("no_differences", lang))
    else:
        out.extend(summary_table(changelog, lang))
    out.append("")
    out.append(noise_sentence(changelog, lang))
    for extra in sections_extra:
        out.append("")
        out.append(extra.rstrip("\n"))
    sections = [c for c in changelog.changes if c.kind == "section"]
    if sections:
        out.append("")
        out.append(f"## {label('headings', lang)}")
        out.append("")
        for change in sections:
            out.append(render_section(change, ctx))
    measures = [c for c in changelog.changes if c.kind == "measure"]
    if measures:
        out.append("")
        out.append(f"## {label('measures_by_section', lang)}")
        groups: dict[tuple[str, ...], list[Change]] = {}
        for change in measures:
            path = (change.new or change.old)[0].path
            groups.setdefault(path, []).append(change)
        for path in sorted(groups, key=lambda p: min(_line(c) for c in groups[p])):
            out.append("")
            titles = ctx.new_titles if path in ctx.new_titles else ctx.old_titles
            out.append(f"### {md(place(path, lang, titles))}")
            out.append("")
            for change in groups[path]:
                out.extend(render_measure(change, ctx))
    return "\n".join(out) + "\n"


def display_verb(change: Change) -> str:
    """The verb a reader sees: a heading renumbered, a budget amount increased or decreased."""
    if str(change.kind) == "section":
        return section_verb(change)
    if str(change.kind) == "budget":
        from plandiff.render.budget import budget_verb

        return budget_verb(change)
    return str(change.change)


def section_verb(change: Change) -> str:
    """renamed | moved | renumbered | added | removed: what happened to a heading."""
    if change.change == "moved" and access.flag(change, "renumbered"):
        return "renumbered"
    return change.change


def render_section(change: Change, ctx: Ctx) -> str:
    name = verb("section", section_verb(change), ctx.lang)
    colon = "：" if ctx.lang == "ja" else ": "
    if change.change == "renamed":
        return (
            f"- **{name}** {where(change.old[0], ctx, 'old')} → {where(change.new[0], ctx, 'new')}{colon}"
            f"{md(change.old[0].text)} → {md(change.new[0].text)}"
        )
    if change.change == "moved":
        return f"- **{name}** {where(change.old[0], ctx, 'old')} → {where(change.new[0], ctx, 'new')}{colon}{md(change.new[0].text)}"
    if change.change == "added":
        return f"- **{name}** {where(change.new[0], ctx, 'new')}{colon}{md(change.new[0].text)}"
    return f"- **{name}** {where(change.old[0], ctx, 'old')}{colon}{md(change.old[0].text)}"


def _line(change: Change) -> tuple[int, int]:
    # new-edition order; dropped items sort by their old line, next to their old neighbours
    return (change.new[0].line if change.new else change.old[0].line, 0 if change.new else 1)
