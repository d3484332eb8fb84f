"""Every word of the history report, in Japanese and English (beside :mod:`plandiff.render.labels`, whose
places and verbs it reuses): events, headings, editions' names, amounts with their units."""

from __future__ import annotations

from collections.abc import Mapping

from plandiff.model import Location, Metadata, Path
from plandiff.model.history import Event, History
from plandiff.render.labels import Lang, detect, where

EVENTS: dict[Event, tuple[str, str]] = {
    Event.ADDED: ("新設", "new"),
    Event.REMOVED: ("削除", "dropped"),
    Event.REWORDED: ("修正", "reworded"),
    Event.MOVED: ("移動", "moved"),
    Event.WEAKENED: ("表現の後退", "weakened"),
    Event.STRENGTHENED: ("表現の強化", "strengthened"),
    Event.SPLIT: ("分割", "split"),
    Event.MERGED: ("統合", "merged"),
    Event.DEADLINE_POSTPONED: ("期限の先送り", "deadline postponed"),
    Event.DEADLINE_ADVANCED: ("期限の前倒し", "deadline advanced"),
    Event.RENAMED: ("見出し変更", "renamed"),
    Event.RAISED: ("引上げ", "raised"),
    Event.LOWERED: ("引下げ", "lowered"),
    Event.COMPARATOR_CHANGED: ("比較の表現の変更", "comparator changed"),
    Event.UNIT_CHANGED: ("単位の変更", "unit changed"),
    Event.KEY_TARGET_GAINED: ("基幹目標に指定", "made a key target"),
    Event.KEY_TARGET_LOST: ("基幹目標から除外", "no longer a key target"),
    Event.METRIC_REWORDED: ("指標名の修正", "metric reworded"),
    Event.INCREASED: ("増額", "increased"),
    Event.DECREASED: ("減額", "decreased"),
}

WORDS: dict[str, tuple[str, str]] = {
    "title": ("経年変化", "History"),
    "editions": ("版", "Editions"),
    "year": ("年度", "Fiscal year"),
    "doc_title": ("表題", "Title"),
    "decided": ("決定", "Decided"),
    "file": ("ファイル", "File"),
    "summary": ("要約", "Summary"),
    "warnings": ("注意", "Warnings"),
    "targets": ("目標値の推移", "Target trajectories"),
    "budget": ("予算の推移", "Budget trajectories"),
    "sections": ("見出しの経過", "Headings over the years"),
    "measures": ("取組の経過", "Measures over the years"),
    "lineage_chart": ("取組の存続期間", "When each measure existed"),
    "metric": ("指標", "Metric"),
    "table": ("表", "Table"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "heading": ("見出し", "Heading"),
    "measure": ("取組", "Measure"),
    "events": ("変化", "Changes"),
    "first": ("初出", "First"),
    "last": ("最終", "Last"),
    "key": ("★基幹目標", "★ key target"),
    "present": ("○", "○"),
    "unit": ("単位", "Unit"),
    "id": ("ID", "ID"),
    "nothing": ("変化はありません", "Nothing changed"),
    "steady_targets": ("変化のない目標：{n}件", "Targets that did not change: {n}"),
    "steady_budget": ("変化のない予算の行：{n}件", "Budget lines that did not change: {n}"),
    "steady_measures": ("変化のない取組：{n}件", "Measures that did not change: {n}"),
    "steady_sections": ("変化のない見出し：{n}件", "Headings that did not change: {n}"),
    "all_in_tables": (
        "全件はJSON・xlsx・csvにあります",
        "every row is in the JSON, xlsx and csv",
    ),
    "count_line": ("{kind}：{events}（{rows}件）", "{kind}: {events} ({rows} changed)"),
    "kind.measure": ("取組", "Measures"),
    "kind.section": ("見出し", "Headings"),
    "kind.target": ("目標値", "Targets"),
    "kind.budget": ("予算", "Budget lines"),
    "split_from": ("{id}から分割", "split from {id}"),
    "merged_into": ("{id}に統合", "merged into {id}"),
    "delta": ("前年度比", "change"),
    "charts_targets": ("目標値の推移（図）", "Targets (charts)"),
    "charts_budget": ("予算の推移（図・変化の大きい順に{n}件）", "Budget (charts, the {n} largest moves)"),
    "chart_years": ("横軸は年度、縦軸は{unit}", "years across, {unit} up"),
    "legend_lineage": (
        "帯は取組が載っている年度、●は変化のあった年度、×は削除された年度",
        "a bar for the years a measure is in the plan, ● a year it changed, × the year it was dropped",
    ),
    "absent": ("—", "—"),
}


def word(name: str, lang: Lang, **fields: object) -> str:
    ja, en = WORDS[name]
    text = ja if lang == "ja" else en
    return text.format(**fields) if fields else text


def event(value: Event, lang: Lang) -> str:
    ja, en = EVENTS[value]
    return ja if lang == "ja" else en


def events(values: tuple[Event, ...], lang: Lang) -> str:
    return ("・" if lang == "ja" else ", ").join(event(v, lang) for v in values)


def pick(history: History, lang: str | None) -> Lang:
    if lang is None:
        return detect(*history.editions)
    return "ja" if lang == "ja" else "en"


def edition_name(meta: Metadata, lang: Lang) -> str:
    """令和3年度 / FY2021: what a column of the history is headed with."""
    if meta.fiscal_year is None:
        return meta.title or "?"
    if lang == "ja":
        return meta.era_year if meta.era_year.endswith("年度") else f"{meta.fiscal_year}年度"
    return f"FY{meta.fiscal_year}"


def titles(history: History, edition: int) -> Mapping[Path, str]:
    """The heading titles of one edition, for places (``I.3.(4)② 起業・創業・成長支援``)."""
    if not history.changelogs:
        return {}
    if edition == 0:
        return history.changelogs[0].old_titles
    return history.changelogs[edition - 1].new_titles


def place(history: History, edition: int, loc: Location, lang: Lang) -> str:
    return where(loc, lang, titles(history, edition))


def amount(value: int | None, unit: str, lang: Lang) -> str:
    if value is None:
        return "-"
    sign = "△" if value < 0 and lang == "ja" else "-" if value < 0 else ""
    return f"{sign}{abs(value):,}{unit}"
