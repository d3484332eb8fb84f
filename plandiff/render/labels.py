"""Every word a user sees in a report, in Japanese and English (``--lang ja|en``).

Japanese follows the conventions of Japanese government writing: a change is 新設・削除・修正・移動・分割・
統合 (a measure), 見出し変更・番号変更 (a heading), 目標値の引上げ・引下げ・指標の新設・指標の削除 (a target),
増額・減額 (a budget line); a place is ``I.3.(4)② 起業・創業・成長支援`` (the heading's numbers as the plan
writes them run together, then its title), a line ``29行目``, a page ``12頁``.

Japanese is the default for a Japanese document (any kana or kanji in either edition's title), English
otherwise. Renderers ask :func:`label` for a fixed word, :func:`where` for a place and :func:`warnings`
for the warnings (notices, whose two-language templates sit beside their type in
:mod:`plandiff.model.notices`); nothing else in a report is a word of ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from plandiff.model import Changelog, Location, Metadata, Notice, Path, compact_label

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

# kind.change → (ja, en)
VERBS: dict[str, tuple[str, str]] = {
    "measure.added": ("新設", "New"),
    "measure.removed": ("削除", "Dropped"),
    "measure.changed": ("修正", "Reworded"),
    "measure.moved": ("移動", "Moved"),
    "measure.split": ("分割", "Split"),
    "measure.merged": ("統合", "Merged"),
    "measure.deadline_postponed": ("期限の先送り", "Deadline postponed"),
    "measure.deadline_advanced": ("期限の前倒し", "Deadline advanced"),
    "section.added": ("見出しの新設", "New heading"),
    "section.removed": ("見出しの削除", "Dropped heading"),
    "section.renamed": ("見出し変更", "Renamed"),
    "section.moved": ("見出しの移動", "Moved"),
    "section.renumbered": ("番号変更", "Renumbered"),
    "target.added": ("指標の新設", "New target"),
    "target.removed": ("指標の削除", "Dropped target"),
    "target.raised": ("目標値の引上げ", "Target raised"),
    "target.lowered": ("目標値の引下げ", "Target lowered"),
    "target.comparator_changed": ("比較の表現の変更", "Comparator changed"),
    "target.unit_changed": ("単位の変更", "Unit changed"),
    "target.key_target_gained": ("基幹目標に指定", "Became a key target"),
    "target.key_target_lost": ("基幹目標から除外", "No longer a key target"),
    "target.reworded": ("指標名の修正", "Metric reworded"),
    "budget.increased": ("増額", "Increased"),
    "budget.decreased": ("減額", "Decreased"),
    "budget.changed": ("金額の変更", "Amount changed"),
    "budget.row_added": ("行の新設", "New row"),
    "budget.row_removed": ("行の削除", "Dropped row"),
    "budget.column_added": ("列の新設", "New column"),
    "budget.column_removed": ("列の削除", "Dropped column"),
    "budget.table_added": ("表の新設", "New table"),
    "budget.table_removed": ("表の削除", "Dropped table"),
    "budget.item_added": ("項目の新設", "New item"),
    "budget.item_removed": ("項目の削除", "Dropped item"),
    "budget.item_changed": ("項目の修正", "Item changed"),
    "budget.unit_changed": ("単位の変更", "Unit changed"),
    "budget.previous_differs": ("前年度額の相違", "Last year's amount differs"),
    "strength.weakened": ("表現の後退", "Weakened"),
    "strength.strengthened": ("表現の強化", "Strengthened"),
}

KINDS: dict[str, tuple[str, str]] = {
    "section": ("見出し", "headings"),
    "target": ("目標・指標", "targets"),
    "measure": ("取組", "measures"),
    "budget": ("予算", "budget"),
}

# fixed words and phrases: key → (ja, en); ``{name}`` fields are filled by label(..., name=…)
WORDS: dict[str, tuple[str, str]] = {
    "report": ("変更点", "plandiff"),
    "old": ("改正前", "Old"),
    "new": ("改正後", "New"),
    "old_short": ("前", "old"),
    "new_short": ("後", "new"),
    "organisation": ("作成主体", "Organisation"),
    "fiscal_year": ("{year}年度", "FY{year}"),
    "decided": ("{date}決定", "decided {date}"),
    "untitled": ("（表題なし）", "(untitled)"),
    "top": ("（冒頭）", "(top)"),
    "warning": ("注意", "Warning"),
    "summary": ("概要", "Summary"),
    "contents": ("目次", "Contents"),
    "headlines": ("主な変更", "Most significant"),
    "digest": ("要旨", "In brief"),
    "kind": ("区分", "kind"),
    "breakdown": ("内訳", "changes"),
    "total": ("件数", "total"),
    "count": ("{n}件", "{n}"),
    "no_differences": ("表記揺れ等を除き、差異はありません。", "No differences beyond noise."),
    "headings": ("見出し", "Headings"),
    "measures_by_section": ("取組（見出し別）", "Measures by section"),
    "targets": ("目標・指標", "Targets"),
    "budget": ("予算", "Budget"),
    "similarity": ("類似度 {score}", "similarity {score}"),
    "also_reworded": ("文言も修正：", "Wording changed as well: "),
    "legend": (
        "凡例：~~取消線~~ は削除された語句、**太字** は追加された語句。",
        "Legend: ~~struck out~~ words were removed, **bold** words added.",
    ),
    "legend_html": (
        "凡例：<del>削除された語句</del>　<ins>追加された語句</ins>",
        "Legend: <del>removed words</del> <ins>added words</ins>",
    ),
    "stamp": ("作成日：{date}", "Made on {date}"),
    "unchanged": ("{n}件の取組は変更なし", "{n} measures unchanged"),
    "noisy": (
        "（うち{n}件は表記揺れ等のみの差異で、一覧から除外）",
        ", {n} of them only once noise was set aside (not listed)",
    ),
    "rolled": ("年度の表記{n}か所が{delta}年度分繰り上がり", "{n} fiscal-year mentions rolled over by {delta} {years}"),
    "not_compared": (
        "改行・空白・全角半角・箇条書き記号の違いは比較していません",
        "line breaks, spacing, full/half width and bullet style are not compared",
    ),
    "measure_kept": ("（本文の取組は存続）", " — its measure is still in the plan"),
    "body_only": ("（本文のみ）", " (in the body only)"),
    "body_still_says": ("本文は引き続き", "the body still says "),
    "key_target": ("基幹目標", "key target"),
    "stat.sections": ("見出し{n}", "{n} sections"),
    "stat.measures": ("取組{n}", "{n} measures"),
    "stat.targets": ("指標{n}", "{n} targets"),
    "stat.tables": ("表{n}", "{n} tables"),
    # targets section
    "t.metric": ("指標", "metric"),
    "t.old": ("改正前", "old"),
    "t.new": ("改正後", "new"),
    "t.change": ("変更", "change"),
    "t.where": ("箇所（改正前 → 改正後）", "where (old → new)"),
    "t.none": ("数値目標の変更はありません（{n}件を比較）。", "No numeric target changed ({n} compared)."),
    "t.unchanged": (
        "{n}件の目標は変更なし（改正前{old}件、改正後{new}件）。",
        "{n} targets unchanged (of {old} old, {new} new).",
    ),
    # budget section
    "b.title": ("予算（単位：{unit}）", "Budget (unit: {unit})"),
    "b.none": ("予算額の変更はありません（{n}行を比較）。", "No budget line changed ({n} lines compared)."),
    "b.counts": (
        "{lines}行の金額が変更、行・列・表の新設または削除{structural}件、変更のない行{unchanged}。",
        "{lines} lines changed, {structural} rows, columns or tables added or dropped; {unchanged} lines unchanged.",
    ),
    "b.statement": ("区分", "statement"),
    "b.account": ("勘定", "account"),
    "b.total": ("合計行", "total"),
    "b.row": ("行", "row"),
    "b.column": ("列", "column"),
    "b.old": ("改正前", "old"),
    "b.new": ("改正後", "new"),
    "b.change": ("増減", "change"),
    "b.pct": ("増減率", "%"),
    "b.lines": ("行目（前 → 後）", "lines"),
    "b.movers": ("増減の大きい行", "Largest moves"),
    "b.unit_changed": ("{old} → {new}（円に換算して比較）", "{old} → {new}; amounts compared in yen"),
    "b.previous_differs": (
        "補正予算等又は誤植：改正前 {old}、改正後 {new}",
        "(a revised budget such as 補正, or a misprint): old edition {old}; new edition {new}",
    ),
    "b.followers": ("{edits}件の変更、合計行{n}件が連動：", "{edits} edits; {n} totals follow: "),
    "b.reconciliation": ("合計と内訳の照合 — ", "Reconciliation of totals against their parts — "),
    "b.reconciled": (
        "{name}：{checked}件を照合、端数処理の範囲内の差{rounded}件",
        "{name}: {checked} sums checked, {rounded} off by no more than the rounding the document allows",
    ),
    "b.mismatches": ("、不一致{n}件", ", {n} mismatches"),
    "b.no_mismatches": ("、不一致なし", ", no mismatches"),
    "b.finding": (
        "{actual}、内訳の合計 {expected}（差 {difference}、許容 ±{tolerance}；{rule}）",
        "{actual}, parts sum to {expected} ({difference}, allowed ±{tolerance}; {rule})",
    ),
    "no_label": ("（名称なし）", "(no label)"),
    "yes": ("○", "yes"),
    "no": ("－", "no"),
}

_CIRCLED = re.compile(r"^[\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\u2776-\u2793]")


def detect(*metas: Metadata) -> Lang:
    """``ja`` when either edition's title (or organisation) is written in Japanese, else ``en``."""
    for meta in metas:
        if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", f"{meta.title}{meta.organisation}"):
            return "ja"
    return "en"


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "ja" else pair[1]


def label(key: str, lang: Lang, **fields: object) -> str:
    """A fixed word or phrase, with ``{fields}`` filled in."""
    text = _pick(WORDS[key], lang)
    return text.format(**fields) if fields else text


# A reconciliation's rule is written in English as data (plandiff.extract); said in Japanese here. A rule
# already in the documents' words (本年度 − 前年度 = 比較) is shown as it is.
_RULES_JA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^計 = the rows above it$", "計 = 上の行の和"),
        (r"^計 row = the rows of its part$", "計の行 = その区分の行の和"),
        (r"^合計 = the top rows$", "合計 = 最上位の行の和"),
        (r"^合計 = every column group$", "合計 = すべての列の和"),
        (r"^a row = the rows under it$", "行 = その下の行の和"),
        (r"^(.+) = the rows and subtotals under it$", r"\1 = その下の行と小計の和"),
        (r"^(.+) = the rows under it$", r"\1 = その下の行の和"),
        (r"^(.+) 合計 = its sub-columns$", r"\1 合計 = その内訳の列の和"),
    )
)


def rule(text: str, lang: Lang) -> str:
    """A reconciliation rule in the report's language."""
    if lang == "ja":
        for pattern, words in _RULES_JA:
            if pattern.match(text):
                return pattern.sub(words, text)
    return text


def verb(kind: str, change: str, lang: Lang) -> str:
    """What happened, as a label: ``("measure", "removed")`` → 削除 / Dropped."""
    pair = VERBS.get(f"{kind}.{change}")
    if pair is None:
        return change.replace("_", " ")
    return _pick(pair, lang)


def kind_label(kind: str, lang: Lang) -> str:
    return _pick(KINDS.get(kind, (kind, kind)), lang)


def compact_path(path: Path) -> str:
    """``("I", "3", "(4)", "②")`` → ``I.3.(4)②``: the numbers as a plan cites them, run together."""
    return compact_label(path)


def place(path: Path, lang: Lang, titles: Mapping[Path, str] | None = None) -> str:
    """``I.3.(4)② 起業・創業・成長支援``: the heading's numbers, then its title when known."""
    if not path:
        return label("top", lang)
    numbers = compact_path(path) if lang == "ja" else " > ".join(path)
    title = (titles or {}).get(path, "") if lang == "ja" else ""
    if title and title != path[-1]:
        return f"{numbers} {title}"
    return numbers


def lines(loc: Location, lang: Lang) -> str:
    """``29行目`` / ``29–31行目`` / ``l.29``, with ``（12頁）`` / ``(p.12)`` from a PDF."""
    span = str(loc.line) if not loc.end_line or loc.end_line == loc.line else f"{loc.line}–{loc.end_line}"
    if lang == "ja":
        return f"{span}行目" + (f"（{loc.page}頁）" if loc.page else "")
    return f"l.{span}" + (f" (p.{loc.page})" if loc.page else "")


def where(loc: Location, lang: Lang, titles: Mapping[Path, str] | None = None) -> str:
    """Place and line: ``I.3.(4)② 起業・創業・成長支援 29行目`` / ``I > 3 > (4) > ② l.29``."""
    return f"{place(loc.path, lang, titles)} {lines(loc, lang)}"


def notice(item: Notice, lang: Lang) -> str:
    """A warning in the report's language; its words are :data:`plandiff.model.notices.TEMPLATES`
    (kept beside the type, since the parser writes the English ``warnings`` from them)."""
    return item.text(lang)


def warnings(changelog: Changelog, lang: Lang) -> list[str]:
    """The changelog's warnings in ``lang`` (its English ``warnings`` where it carries no notices)."""
    return [notice(n, lang) for n in changelog.notices] or list(changelog.warnings)


def sep(lang: Lang) -> str:
    """Between items of a list in running text."""
    return "、" if lang == "ja" else ", "
