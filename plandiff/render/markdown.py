"""Changelog → GFM Markdown: summary first, then the changes section by section.

Every change says where it stands in both editions (heading path and line), so a reader can check
it against the documents. Inline diffs use ``~~old~~ **new**`` with a space on each side: CommonMark
does not open emphasis between two CJK characters and punctuation, and the spaces make it render
the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.model import Change, Changelog, Location, Metadata, path_label
from plandiff.render.escape import code, md

VERBS = ("added", "removed", "changed", "moved", "split", "merged", "renamed")
_LABEL = {
    "added": "New",
    "removed": "Dropped",
    "changed": "Reworded",
    "moved": "Moved",
    "split": "Split",
    "merged": "Merged",
    "renamed": "Renamed",
}


def _edition(meta: Metadata, stats: dict[str, int]) -> str:
    parts = [md(meta.title or "(untitled)")]
    if meta.fiscal_year:
        parts.append(f"FY{meta.fiscal_year}")
    if meta.decided:
        parts.append(f"decided {meta.decided}")
    counts = ", ".join(f"{v} {k}" for k, v in stats.items())
    return f"{code(meta.source)} — {' · '.join(parts)} ({counts})"


def where(loc: Location) -> str:
    lines = f"l.{loc.line}" if not loc.end_line or loc.end_line == loc.line else f"l.{loc.line}–{loc.end_line}"
    page = f" (p.{loc.page})" if loc.page else ""
    return f"{md(path_label(loc.path)) or '(top)'} {lines}{page}"


def _both(change: Change) -> str:
    old = "; ".join(where(loc) for loc in change.old)
    new = "; ".join(where(loc) for loc in change.new)
    if not change.old:
        return f"new: {new}"
    if not change.new:
        return f"old: {old}"
    return f"old {old} → new {new}"


def inline_diff(segments: Sequence[Sequence[str]]) -> str:
    """``~~old~~ **new**`` between unchanged text, one space around each marked run."""
    out = ""
    for op, text in segments:
        if op == "=":
            out += md(text)
            continue
        body = md(text).strip()
        if not body:
            continue
        mark = f"~~{body}~~" if op == "-" else f"**{body}**"
        out = f"{out.rstrip()} {mark} " if out else f"{mark} "
    return " ".join(out.split(" ")).strip()


def _quote(text: str) -> str:
    return f"> {md(text)}"


def render_measure(change: Change) -> list[str]:
    head = f"- **{_LABEL[change.change]}** ({_both(change)}"
    if change.change in ("changed", "moved", "split", "merged") and change.score < 1:
        head += f", similarity {change.score:.2f}"
    head += ")"
    body: list[str] = []
    diff = change.data.get("diff")
    if change.change in ("split", "merged"):
        if change.change == "split":
            body.append("  " + _quote(change.old[0].text))
            body.extend(f"  - {where(loc)}: {md(loc.text)}" for loc in change.new)
        else:
            body.extend(f"  - {where(loc)}: {md(loc.text)}" for loc in change.old)
            body.append("  " + _quote(change.new[0].text))
        if isinstance(diff, list):
            body.append("")
            body.append("  Wording changed as well: " + inline_diff(diff))
    elif isinstance(diff, list):
        body.append("  " + inline_diff(diff))
    elif change.change == "removed":
        body.append("  " + _quote(change.old[0].text))
    elif change.change in ("added", "moved"):
        body.append("  " + _quote(change.new[0].text))
    return [head, *body]


def _target_rank(change: Change) -> tuple[bool, int, str]:
    """Key targets first, then by position."""
    return (not change.data.get("key_target"), (change.new or change.old)[0].line, change.id)


def _target_headline(change: Change) -> str:
    """``Target raised: <metric> 260 → 300 件 (key target)``, the news a target change is."""
    data = change.data
    verb = change.change.replace("_", " ")
    values = ""
    if data.get("old_value") is not None or data.get("new_value") is not None:
        unit = data.get("unit")
        unit = unit.get("new") if isinstance(unit, dict) else unit
        old = "—" if data.get("old_value") is None else f"{data['old_value']:,}"
        new = "—" if data.get("new_value") is None else f"{data['new_value']:,}"
        values = f" {old} → {new} {unit}"
    key = " (key target)" if data.get("key_target") is True else ""
    return f"Target {verb}: {md(str(data.get('metric', '')))}{values}{key} ({_both(change)})"


def _significance(change: Change) -> tuple[int, float, int]:
    """Dropped and new measures first (longest first), then the most reworded."""
    text = (change.new or change.old)[0].text
    rank = {"removed": 0, "added": 1, "split": 2, "merged": 2, "changed": 3, "moved": 4}.get(change.change, 5)
    line = (change.new or change.old)[0].line
    return (rank, change.score - len(text) / 10_000, line)


def noise_sentence(changelog: Changelog) -> str:
    """How much was unchanged, and how much noise was set aside to see that."""
    text = f"{changelog.unchanged_measures} measures unchanged"
    if not changelog.noisy_measures:
        return text + "."
    text += f", {changelog.noisy_measures} of them only once noise was set aside (not listed)"
    parts = []
    if changelog.rolled_years:
        years = "year" if abs(changelog.year_delta) == 1 else "years"
        parts.append(f"{changelog.rolled_years} fiscal-year mentions rolled over by {changelog.year_delta} {years}")
    parts.append("line breaks, spacing, full/half width and bullet style are not compared")
    return f"{text}: {'; '.join(parts)}."


def render(changelog: Changelog, sections_extra: Sequence[str] = ()) -> str:
    out: list[str] = []
    out.append(f"# plandiff: {md(changelog.old.title or 'old')} → {md(changelog.new.title or 'new')}")
    out.append("")
    out.append(f"- Old: {_edition(changelog.old, changelog.old_stats)}")
    out.append(f"- New: {_edition(changelog.new, changelog.new_stats)}")
    for warning in changelog.warnings:
        out.append(f"- Warning: {md(warning)}")
    out.append("")
    out.append("## Summary")
    out.append("")
    counts = changelog.counts()
    if not changelog.changes:
        out.append("No differences beyond noise.")
    else:
        kinds = [k for k in ("section", "target", "measure", "budget") if k in counts]
        verbs = sorted({v for k in kinds for v in counts[k]}, key=lambda v: (VERBS.index(v) if v in VERBS else 99, v))
        out.append("| kind | " + " | ".join(verbs) + " |")
        out.append("|---|" + "---:|" * len(verbs))
        for kind in kinds:
            out.append(f"| {kind} | " + " | ".join(str(counts[kind].get(v, 0)) for v in verbs) + " |")
    out.append("")
    out.append(noise_sentence(changelog))
    measures = [c for c in changelog.changes if c.kind == "measure"]
    targets = [c for c in changelog.changes if c.kind == "target"]
    if measures or targets:
        out.append("")
        out.append("### Most significant")
        out.append("")
        headlines = [_target_headline(c) for c in sorted(targets, key=_target_rank)][:3]
        for change in sorted(measures, key=_significance)[: 5 - len(headlines)]:
            text = (change.new or change.old)[0].text
            short = text if len(text) <= 80 else text[:80] + "…"
            headlines.append(f"{_LABEL[change.change]}: {md(short)} ({_both(change)})")
        out.extend(f"{rank}. {line}" for rank, line in enumerate(headlines, start=1))
    for extra in sections_extra:
        out.append("")
        out.append(extra.rstrip("\n"))
    sections = [c for c in changelog.changes if c.kind == "section"]
    if sections:
        out.append("")
        out.append("## Headings")
        out.append("")
        for change in sections:
            if change.change == "renamed":
                out.append(
                    f"- **Renamed** {where(change.old[0])} → {where(change.new[0])}: "
                    f"{md(change.old[0].text)} → {md(change.new[0].text)}"
                )
            elif change.change == "moved":
                verb = "Renumbered" if change.data.get("renumbered") else "Moved"
                out.append(f"- **{verb}** {where(change.old[0])} → {where(change.new[0])}: {md(change.new[0].text)}")
            elif change.change == "added":
                out.append(f"- **New** {where(change.new[0])}: {md(change.new[0].text)}")
            else:
                out.append(f"- **Dropped** {where(change.old[0])}: {md(change.old[0].text)}")
    if measures:
        out.append("")
        out.append("## Measures by section")
        groups: dict[tuple[str, ...], list[Change]] = {}
        for change in measures:
            path = (change.new or change.old)[0].path
            groups.setdefault(path, []).append(change)
        for path in sorted(groups, key=lambda p: min(_line(c) for c in groups[p])):
            out.append("")
            out.append(f"### {md(path_label(path)) or '(top)'}")
            out.append("")
            for change in groups[path]:
                out.extend(render_measure(change))
    return "\n".join(out) + "\n"


def _line(change: Change) -> tuple[int, int]:
    # new-edition order; dropped items sort by their old line, next to their old neighbours
    return (change.new[0].line if change.new else change.old[0].line, 0 if change.new else 1)
