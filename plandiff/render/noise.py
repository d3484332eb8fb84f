"""``plandiff diff --show-noise``: every difference hidden as noise, with the rule that hid it and
where it stands in both editions, after the changelog (Markdown; the JSON always carries them)."""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.model import Changelog, Location, NoiseRule, path_label
from plandiff.render.escape import md

RULE_NAMES = {
    NoiseRule.YEAR_ROLLOVER: "year rollover",
    NoiseRule.WIDTH: "width",
    NoiseRule.SPACING: "spacing",
    NoiseRule.PAGE_BREAK: "page break",
    NoiseRule.BULLET_STYLE: "bullet style",
    NoiseRule.SPELLING_VARIANT: "spelling variant",
}


def _where(loc: Location) -> str:
    page = f" (p.{loc.page})" if loc.page else ""
    return f"{md(path_label(loc.path)) or '(top)'} l.{loc.line}{page}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def noise_markdown(changelog: Changelog) -> str:
    counts = changelog.noise_counts()
    out = ["## Hidden as noise", ""]
    if not changelog.noise:
        out.append("Nothing was hidden as noise.")
        return "\n".join(out) + "\n"
    out += ["| rule | hidden |", "|---|---:|"]
    out += [f"| {RULE_NAMES[rule]} | {counts.get(rule.value, 0)} |" for rule in NoiseRule]
    out.append("")
    for item in changelog.noise:
        out.append(
            f"- {RULE_NAMES[item.rule]}: {md(_short(item.old_text))} → {md(_short(item.new_text))} "
            f"(old {_where(item.old)} → new {_where(item.new)})"
        )
    return "\n".join(out) + "\n"


def with_noise(text: str, changelogs: Sequence[Changelog]) -> str:
    """A rendered Markdown changelog (or series) with each pair's noise section after it."""
    sections = "\n".join(noise_markdown(c) for c in changelogs)
    return f"{text.rstrip()}\n\n{sections}"
