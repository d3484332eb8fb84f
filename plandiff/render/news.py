"""What is news in a changelog, first: the report's headlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.model import Change, Changelog
from plandiff.render import access
from plandiff.render.escape import md
from plandiff.render.labels import label, verb

if TYPE_CHECKING:
    from plandiff.render.markdown import Ctx


def _target_rank(change: Change) -> tuple[bool, int, str]:
    return (not access.either(change, "key_target"), (change.new or change.old)[0].line, change.id)


def _value(change: Change, which: str) -> str:
    value = access.side(change, "value", which)
    return "—" if value is None else f"{value:,}"


def target_headline(change: Change, ctx: Ctx) -> str:
    from plandiff.render.markdown import _both, _paren

    values = ""
    if access.side(change, "value", "old") is not None or access.side(change, "value", "new") is not None:
        unit = access.side(change, "unit", "new") or ""
        values = f" {_value(change, 'old')} → {_value(change, 'new')} {unit}"
    key = _paren(label("key_target", ctx.lang), ctx.lang) if access.either(change, "key_target") is True else ""
    colon = "：" if ctx.lang == "ja" else ": "
    return (
        f"{verb('target', change.change, ctx.lang)}{colon}{md(str(access.either(change, 'metric') or ''))}{values}{key}"
        f"{_paren(_both(change, ctx), ctx.lang)}"
    )


def _significance(change: Change) -> tuple[int, float, int]:
    text = (change.new or change.old)[0].text
    rank = {"removed": 0, "added": 1, "split": 2, "merged": 2, "changed": 3, "moved": 4}.get(change.change, 5)
    line = (change.new or change.old)[0].line
    return (rank, change.score - len(text) / 10_000, line)


def headlines(changelog: Changelog, ctx: Ctx) -> list[str]:
    from plandiff.render.markdown import _both, _paren

    measures = [c for c in changelog.changes if c.kind == "measure"]
    targets = [c for c in changelog.changes if c.kind == "target"]
    lines = [target_headline(c, ctx) for c in sorted(targets, key=_target_rank)][:3]
    colon = "：" if ctx.lang == "ja" else ": "
    for change in sorted(measures, key=_significance)[: 5 - len(lines)]:
        text = (change.new or change.old)[0].text
        short = text if len(text) <= 80 else text[:80] + "…"
        lines.append(
            f"{verb('measure', change.change, ctx.lang)}{colon}{md(short)}{_paren(_both(change, ctx), ctx.lang)}"
        )
    return [f"{rank}. {line}" for rank, line in enumerate(lines, start=1)]
