"""What is news in a changelog, first: the report's opening summary, one paste-ready sentence per event.

Order: the budget's own size first, where a total moved with several of its parts; then (:func:`rank`)
what went down or away first (a target lowered, an indicator dropped, a commitment
weakened, a measure or heading dropped), then new programmes (a new heading, a new measure), then what
went up (a target raised, a commitment strengthened), then the rest; within each, key targets first,
then size (a target's relative change, a budget line's amount, a measure's length). Every event is told
once: a measure whose rewording is only a target's new value is told as the target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.model import Change, Changelog, Location
from plandiff.render import access
from plandiff.render.escape import md
from plandiff.render.labels import Lang, compact_path, verb

if TYPE_CHECKING:
    from plandiff.render.markdown import Ctx

TOP = 8
_SHORT = 40


def _place(locations: tuple[Location, ...], lang: Lang) -> str:
    """``I.3.(4)①、【指標】``: where, briefly (a 【指標】 block named as such)."""
    out: list[str] = []
    for loc in locations:
        text = "【指標】" if loc.path and loc.path[-1].startswith("【") else compact_path(loc.path)
        if lang == "en":
            text = "indicators" if text == "【指標】" else text
        if text and text not in out:
            out.append(text)
    return ("、" if lang == "ja" else ", ").join(out)


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def _event(change: Change) -> str:
    """What happened, in one word: lowered, dropped, weakened, new, raised, strengthened … or ''."""
    kind, verb_ = str(change.kind), str(change.change)
    if kind == "target":
        return {"lowered": "down", "removed": "down", "raised": "up", "added": "new"}.get(verb_, "other")
    if kind == "measure":
        strength = access.strength(change)
        if strength == "weakened":
            return "down"
        if verb_ == "removed":
            return "down"
        if verb_ == "added":
            return "new"
        return "up" if strength == "strengthened" else "other"
    if kind == "section":
        return {"removed": "down", "added": "new"}.get(verb_, "other")
    return "other"


_TIER = {"down": 0, "new": 1, "up": 2, "other": 3}


def _size(change: Change) -> float:
    if str(change.kind) == "budget":  # by how much money moved (in yen where known), never by its rate
        moved = access.number(change, "delta_yen")
        moved = access.number(change, "delta") if moved is None else moved
        return abs(moved) if moved is not None else 0.0
    pct = access.number(change, "pct")
    if pct is not None:
        return abs(pct)
    amount = access.number(change, "delta")
    if amount is not None and str(change.kind) == "budget":
        return abs(amount)
    return len((change.new or change.old)[0].text) / 1000


def rank(change: Change) -> tuple[int, bool, float, int, str]:
    key = bool(access.either(change, "key_target"))
    return (_TIER[_event(change)], not key, -_size(change), (change.new or change.old)[0].line, change.id)


def _told_by_targets(changelog: Changelog) -> set[tuple[str, int]]:
    """Lines where a changed target stands: a measure changed there is the same event."""
    return {(str(loc.path), loc.line) for c in changelog.changes if str(c.kind) == "target" for loc in c.new + c.old}


def _tells(loc: Location, told: set[tuple[str, int]]) -> bool:
    """A measure whose lines hold a changed target's figure (a target is cited at its figure's line)."""
    path = str(loc.path)
    return any((path, line) in told for line in range(loc.line, (loc.end_line or loc.line) + 1))


def _headline_total(changelog: Changelog) -> Change | None:
    """The largest table total that moved with several of its parts (歳入合計 of a budget book): the size of
    the budget is news even though its parts are told too. A total that only repeats one part's change is
    not, nor a row inside a table (a 目 over its 節: its 節 are told)."""

    def parts(change: Change) -> int:
        follows = access.get(change, "follows")
        return len(follows) if isinstance(follows, list | tuple) else 0

    def size(change: Change) -> float:
        amount = access.side(change, "amount", "new")
        return abs(amount) if isinstance(amount, int | float) else 0

    def top(change: Change) -> bool:  # the table's own total (合計, 歳入合計), not a 目 over its 節
        row = access.either(change, "row")
        return isinstance(row, list | tuple) and len(row) == 1

    totals = [
        c
        for c in changelog.changes
        if str(c.kind) == "budget" and parts(c) >= 2 and access.number(c, "delta") and top(c)
    ]
    return max(totals, key=size, default=None)


def events(changelog: Changelog) -> list[Change]:
    told = _told_by_targets(changelog)
    headline = _headline_total(changelog)
    new_headings = {c.new[0].path for c in changelog.changes if str(c.kind) == "section" and str(c.change) == "added"}
    out = []
    for change in changelog.changes:
        kind = str(change.kind)
        if kind == "measure" and str(change.change) == "added" and change.new[0].path in new_headings:
            continue  # a new programme is its new heading: told once
        if (
            kind == "budget"
            and change is not headline
            and (access.get(change, "follows_exactly") or access.get(change, "total"))
        ):
            continue  # a total follows its parts: the parts are the news (but for the budget's own size)
        if kind == "measure" and str(change.change) == "changed" and not access.strength(change):
            locs = change.new + change.old
            if any(_tells(loc, told) for loc in locs):
                continue
        if kind == "section" and str(change.change) == "moved":
            continue  # renumbering is not news
        out.append(change)
    ordered = _once(sorted(out, key=rank))
    if headline is not None and headline in ordered:  # the budget's own size opens the summary
        ordered.remove(headline)
        ordered.insert(0, headline)
    return ordered


def _once(changes: list[Change]) -> list[Change]:
    """A budget book prints a 款's amounts twice (第1表 and the 総括): the same row name moving between the
    same two amounts is one event, told where it ranks first."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for change in changes:
        row = access.either(change, "row")
        old, new = access.side(change, "amount", "old"), access.side(change, "amount", "new")
        if (
            str(change.kind) == "budget"
            and isinstance(row, list | tuple)
            and row
            and isinstance(old, int)
            and isinstance(new, int)
        ):
            key = (str(row[-1]), old, new)
            if key in seen:
                continue
            seen.add(key)
        out.append(change)
    return out


def _value(change: Change, which: str) -> str:
    from plandiff.render.targets import number

    value = access.side(change, "value", which)
    unit = access.side(change, "unit", which) or ""
    return f"{number(value)}{unit}"


def sentence(change: Change, lang: Lang) -> str:
    """One paste-ready sentence: 「起業支援ファンド等の新規組成数目標を8本から6本に引下げ（I.3.(4)①、【指標】）」."""
    kind, verb_ = str(change.kind), str(change.change)
    where = _place(change.new or change.old, lang)
    paren = f"（{where}）" if lang == "ja" else f" ({where})"
    metric = str(access.either(change, "metric") or "")
    if kind == "target" and verb_ in ("raised", "lowered"):
        old, new = _value(change, "old"), _value(change, "new")
        if lang == "ja":
            word = "引上げ" if verb_ == "raised" else "引下げ"
            key = "【基幹目標】" if access.either(change, "key_target") else ""
            return f"{metric}の目標を{old}から{new}に{word}{key}{paren}"
        return f"Target {verb_}: {metric}, {old} → {new}{paren}"
    if kind == "target" and verb_ == "removed":
        kept = access.get(change, "measure_kept")
        if lang == "ja":
            return (
                f"指標「{metric}」（{_value(change, 'old')}）を削除" + ("（本文の取組は存続）" if kept else "") + paren
            )
        return (
            f"Indicator dropped: {metric} ({_value(change, 'old')})" + (", its measure stays" if kept else "") + paren
        )
    if kind == "measure":
        strength = access.strength(change)
        segments = access.segments(change)
        if strength and segments:
            from plandiff.text.segments import merge

            merged = merge(segments)
            old = "".join(t for op, t in merged if op == "-")
            new = "".join(t for op, t in merged if op == "+")
            text = _short(change.new[0].text)
            if lang == "ja":
                word = "後退" if strength == "weakened" else "強化"
                return f"「{text}」の表現を{word}（{old}→{new}）{paren}"
            return f"{verb('strength', strength, lang)}: “{old}” → “{new}” in “{text}”{paren}"
        text = _short((change.new or change.old)[0].text)
        if lang == "ja":
            return f"取組を{verb('measure', verb_, lang)}：「{text}」{paren}"
        return f"{verb('measure', verb_, lang)}: “{text}”{paren}"
    if kind == "section":
        loc = (change.new or change.old)[0]
        if lang == "ja":
            return f"見出し「{loc.text}」を{'新設' if verb_ == 'added' else '削除' if verb_ == 'removed' else '変更'}{paren}"
        return f"{verb('section', verb_, lang)}: {loc.text}{paren}"
    if kind == "budget":
        from plandiff.render.budget import budget_verb, delta

        row, column = access.either(change, "row"), access.either(change, "column")
        name = " / ".join(str(v) for v in row) if isinstance(row, list | tuple) else str(row or "")
        if isinstance(column, list | tuple) and column:  # which figure of the row: 金額, 一般財源, a 業務 …
            name += (
                f"（{' / '.join(str(v) for v in column)}）" if lang == "ja" else f" ({' / '.join(map(str, column))})"
            )
        what = verb("budget", budget_verb(change), lang)
        amount = delta(access.get(change, "delta")).replace("△ ", "△")  # in a sentence, as its rate: △1.5%
        where = " ".join(
            t for t in (access.text(change, "statement"), access.text(change, "account")) if t and t != "None"
        )
        unit = access.either(change, "unit")
        amount = f"{amount}{unit}" if isinstance(unit, str) and unit and amount not in ("", "—") else amount
        pct = access.number(change, "pct")
        if pct is not None and amount not in ("", "—"):
            rate = f"{pct:+.1f}%".replace("-", "△") if lang == "ja" else f"{pct:+.1f}%"  # as the books write a fall
            amount += f"、{rate}" if lang == "ja" else f", {rate}"
        if lang == "ja":
            if budget_verb(change) in ("increased", "decreased", "changed"):
                return f"{where} {name}を{what}（{amount}）"  # 増額 / 減額 take an object: …を増額
            return f"{where} {name}：{what}（{amount}）"  # 項目の新設 … are nouns: …：項目の新設
        return f"{what}: {where} {name} ({amount})"
    loc = (change.new or change.old)[0]
    return f"{verb(kind, verb_, lang)}：{_short(loc.text)}{paren}"


def headlines(changelog: Changelog, ctx: Ctx) -> list[str]:
    """The opening summary: the most newsworthy events, one numbered sentence each."""
    return [f"{n}. {md(sentence(c, ctx.lang))}" for n, c in enumerate(events(changelog)[:TOP], start=1)]
