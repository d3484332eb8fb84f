"""Numeric targets: the lines of 【指標】 blocks and the targets stated inside measures.

A target is a metric, a value (a number: ``5,000`` → 5000, ``１，４００`` → 1400, ``1割`` → 10 %), a unit
(件, 者, 人, 社, 機関, 本, ファンド, %, %ポイント …), a comparator (以上, 以下, 未満, 超, 程度, exact),
whether it is a key target (【基幹目標】), a qualifier when it is relative (``中小企業実態基本調査の
データを…上回る``), and where it stands. A target stated in a measure and again in 【指標】 (same
value, a compatible unit, a similar metric) is one target with two locations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from plandiff.conventions import Family, family_named
from plandiff.extract.memo import per_document
from plandiff.model import Document, Location, Measure, Target, TargetItem
from plandiff.text.forms import forms_of
from plandiff.text.similarity import Alphabet, containment, similarity
from plandiff.text.tokenize import prefetch

_NUM = r"[0-9０-９][0-9０-９,，.．]*"
_UNITS = r"%ポイント|％ポイント|ポイント|%|％|割|件|者|人|社|機関|本|ファンド|億円|百万円|千円|円|回|か所|カ所|箇所|倍"
_CMP = r"以上|以下|未満|超|程度|前後"
_VALUE_RE = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNITS})\s*(?P<cmp>{_CMP})?")
# 【指標】 items: "<metric>：<value and qualifier>", split at the last colon followed by a value
_ITEM_RE = re.compile(r"^(?P<metric>.+)[:：]\s*(?P<rest>[^:：]*\d[^:：]*)$")


# body: "<metric>を<N><unit><cmp>(とする|とし|組成する|向上する)" and the relative "<metric>が、<base>を<N>割以上、上回る"
# the patterns start at を / が、 (no metric group: a group reaching back over the clause backtracks
# badly on long sentences); the metric is read from the text before the match
@lru_cache(maxsize=16)
def _body_patterns(verbs: tuple[str, ...], goals: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The family's sentence patterns: "を<N><unit><cmp><verb>" and "<N><unit><cmp>を<goal verb>"."""
    alternatives = "|".join(re.escape(verb) for verb in verbs) or "(?!)"
    body = re.compile(rf"を(?P<num>{_NUM})\s*(?P<unit>{_UNITS})\s*(?P<cmp>{_CMP})?(?P<verb>{alternatives})")
    if not goals:
        return body, None
    goal_verbs = "|".join(re.escape(verb) for verb in goals)
    # the metric runs straight into the number here (利用率60％を目指す): the match starts at the number
    goal = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNITS})\s*(?P<cmp>{_CMP})?を(?P<verb>{goal_verbs})")
    return body, goal


_RELATIVE_RE = re.compile(
    rf"が、(?P<base>[^、。]*?)を(?P<num>{_NUM})\s*(?P<unit>割|%|％)\s*(?P<cmp>{_CMP})?、?\s*(?P<verb>上回る)"
)


def _last_clause(text: str) -> str:
    """The text after the last 、 or 。 that is not inside 「…」."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == "」":
            depth += 1
        elif char == "「":
            depth = max(depth - 1, 0)
        elif char in "、。" and depth == 0:
            return text[index + 1 :]
    return text


_LEAD_RE = re.compile(r"^(?:具体的には|特に|また|さらに|なお|これらの取組み?を通じ|以上の取組を通じ)、?")
EQUIVALENT_UNITS = ({"本", "ファンド"}, {"%", "％"}, {"%ポイント", "％ポイント", "ポイント"})


#: a target value has at most this many digits before the point (more is not a target: text)
MAX_VALUE_DIGITS = 15
_DECIMAL_RE = re.compile(r"^(\d+)(?:\.(\d+))?\.?$")


def _number(text: str) -> float | None:
    """``5,000`` → 5000.0, ``１，４００`` → 1400.0, ``2.5`` → 2.5; None for what is not one number
    (``1.2.3``) or is longer than any target (more than 15 digits: float() would give inf and
    int() refuses over 4,300 digits). Never raises."""
    if len(text) > 4 * MAX_VALUE_DIGITS:
        return None
    m = _DECIMAL_RE.match(unicodedata.normalize("NFKC", text).replace(",", ""))
    if not m or len(m.group(1).lstrip("0")) > MAX_VALUE_DIGITS:
        return None
    return float(m.group(0).rstrip(".") if m.group(2) is None else m.group(0))


def _unit(unit: str, value: float) -> tuple[str, float]:
    unit = unicodedata.normalize("NFKC", unit)
    if unit == "割":
        return "%", value * 10
    if unit == "ポイント":
        return "%ポイント", value
    return unit, value


_TOPIC_RE = re.compile(r"([^、。]+?)については、")


def _clean_metric(text: str) -> tuple[str, str]:
    """(metric, context): the last clause before the value, named after the sentence's topic
    (``相談・助言については、…割合`` → ``相談・助言：…割合``), and all the clauses before the value."""
    text = _LEAD_RE.sub("", text.strip().lstrip("・").strip())
    topics = _TOPIC_RE.findall(text)
    topic = _LEAD_RE.sub("", topics[-1].split("、")[-1]).strip() if topics else ""
    clause = text.split("、")[-1] if "、" in text and not text.endswith("」") else text
    clause = _LEAD_RE.sub("", clause).strip()
    return (f"{topic}：{clause}" if topic and topic not in clause else clause), text


def _topic(metric: str) -> str:
    return metric.split("：")[0] if "：" in metric else ""


def _from_item(item: TargetItem, marks: tuple[str, ...]) -> Target | None:
    text = item.text
    key_target = any(mark in text for mark in marks)
    body = text
    for mark in marks:
        body = body.replace(mark, "")
    body = body.strip()
    m = _ITEM_RE.match(body)
    if not m:
        return None
    rest = m.group("rest").strip()
    v = _VALUE_RE.search(rest)
    if not v:
        return None
    number = _number(v.group("num"))
    if number is None:
        return None
    unit, value = _unit(v.group("unit"), number)
    before, after = rest[: v.start()].strip(), rest[v.end() :].strip(" 、,")
    qualifier = f"{before}…{after}" if before or after else ""
    loc = Location(item.path, item.line, item.text, item.end_line, item.page)
    return Target(
        m.group("metric").strip(),
        value,
        unit,
        v.group("cmp") or "exact",
        key_target,
        qualifier,
        v.group(0).strip(),
        (loc,),
    )


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def figure_location(measure: Measure, offset: int, figure: str) -> Location:
    """Where a figure of a measure stands: the measure's location, cited at the source line that
    holds the figure (``offset``: where the figure starts in ``measure.text``; ``figure``: as written).

    The measure's text is repaired (page breaks joined, spaced letters closed, its marker taken off),
    so the figure is found in the raw lines compared without spaces and width: the occurrence nearest
    to where the text puts it; the measure's first line when it cannot be found."""
    first = Location(measure.path, measure.line, measure.text, measure.end_line, measure.page)
    raws = measure.raw.split("\n")
    if len(raws) < 2 or len(measure.lines) != len(raws):
        return first
    starts, joined = [], ""
    for raw in raws:
        starts.append(len(joined))
        joined += _compact(raw)
    text = _compact(measure.text)
    base = joined.find(text[:12]) if text else -1
    expected = max(base, 0) + len(_compact(measure.text[:offset]))
    needle = _compact(figure)
    found = [m.start() for m in re.finditer(re.escape(needle), joined)] if needle else []
    if not found:
        return first
    at = min(found, key=lambda p: (abs(p - expected), p))
    index = max(k for k, start in enumerate(starts) if start <= at)
    number, page = measure.lines[index]
    return Location(measure.path, number, measure.text, None, page if page is not None else measure.page)


def _from_measure(measure: Measure, family: Family, heading: str = "") -> list[Target]:
    """Targets stated in a measure; ``heading`` (its section's title) joins their matching context.
    Each is cited at the line that holds its figure (:func:`figure_location`)."""
    body_re, goal_re = _body_patterns(family.target_verbs, family.goal_verbs)
    out: list[Target] = []
    start = 0
    for sentence in re.split(r"(?<=。)", measure.text):
        at, start = start, start + len(sentence)
        spans: list[tuple[int, int]] = []
        for m in _RELATIVE_RE.finditer(sentence):
            number = _number(m.group("num"))
            if number is None:
                continue
            unit, value = _unit(m.group("unit"), number)
            metric, context = _clean_metric(_last_clause(sentence[: m.start()]))
            out.append(
                Target(
                    metric,
                    value,
                    unit,
                    m.group("cmp") or "exact",
                    False,
                    f"{m.group('base')}を…{m.group('verb')}",
                    m.group(0)[m.start("num") - m.start() :],
                    (figure_location(measure, at + m.start("num"), m.group("num")),),
                    f"{heading}、{context}",
                )
            )
            spans.append(m.span())
        previous_end = 0
        matches = [*body_re.finditer(sentence), *(goal_re.finditer(sentence) if goal_re else ())]
        for m in sorted(matches, key=lambda found: found.start("num")):
            if any(a <= m.start("num") < b for a, b in spans):
                continue
            before = sentence[previous_end : m.start("num") - (1 if m.re is body_re else 0)]
            previous_end = m.end()
            number = _number(m.group("num"))
            if number is None:
                continue
            unit, value = _unit(m.group("unit"), number)
            verb = m.group("verb")
            qualifier = f"…{verb}" if verb in ("向上する", "向上させる") else ""
            metric, context = _clean_metric(before)
            out.append(
                Target(
                    metric,
                    value,
                    unit,
                    m.group("cmp") or "exact",
                    False,
                    qualifier,
                    f"{m.group('num')}{m.group('unit')}{m.group('cmp') or ''}",
                    (figure_location(measure, at + m.start("num"), m.group("num")),),
                    f"{heading}、{context}",
                )
            )
    return out


def metric_code(metric: str, alphabet: Alphabet) -> str:
    """The metric as a comparison string: Sudachi normalized forms, fiscal years masked."""
    forms, _ = forms_of(metric)
    return alphabet.encode(forms)


def _same_unit(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in EQUIVALENT_UNITS)


def _unit_class(unit: str) -> str:
    """One name for units that are the same (``本`` and ``ファンド``)."""
    return next((min(group) for group in EQUIVALENT_UNITS if unit in group), unit)


RESTATE_MIN = 0.5
UNIQUE_MIN = 0.3  # enough when no other 【指標】 item of the section has that value and unit


def _restatement_score(body: Target, item: Target, alphabet: Alphabet) -> tuple[float, float]:
    """How surely a body target restates a 【指標】 item (same value and unit, similar metric), and, to
    break ties, how much of the item's metric appears in the body's sentence."""
    if body.value != item.value or not _same_unit(body.unit, item.unit) or body.path[:2] != item.path[:2]:
        return 0.0, 0.0
    a, b = metric_code(body.metric, alphabet), metric_code(item.metric, alphabet)
    context = metric_code(body.context or body.metric, alphabet)
    score = max(similarity(a, b), containment(a, b), containment(b, a), containment(b, context))
    topic = _topic(body.metric)
    if topic and containment(metric_code(topic, alphabet), b) >= 0.9:
        score = max(score, 0.6)  # the sentence's topic (ハンズオン支援) names the indicator
    head = item.metric.split("の")[-1]
    if len(head) >= 3 and head in body.context:
        score = max(score, 0.6)  # the indicator's head noun (役立ち度) is in the sentence
    return score, containment(b, context)


_Key = tuple[tuple[str, ...], float, str]  # the "1." section, the value, the unit's class


class _Candidates(NamedTuple):
    """A document's 【指標】 items and its body targets, each with the items it may restate."""

    items: list[Target]
    by_value: dict[_Key, list[int]]  # the items of each key
    bodies: list[tuple[Target, _Key, list[int]]]  # a body target, its key, the items to score it against


@per_document
def _candidates(document: Document) -> _Candidates:
    family = family_named(document.meta.family)
    items = [t for t in (_from_item(i, family.key_target_marks) for i in document.targets) if t is not None]
    titles = {section.path: section.title for section in document.sections}
    # a restatement has its item's value and unit and sits in the same "1." section: only those are scored
    by_value: dict[_Key, list[int]] = {}
    distinct: dict[_Key, dict[str, int]] = {}  # the first item of each metric
    for k, item in enumerate(items):
        key = (item.path[:2], item.value, _unit_class(item.unit))
        by_value.setdefault(key, []).append(k)
        distinct.setdefault(key, {}).setdefault(item.metric, k)
    # items with one metric score alike, and the first of them wins a tie: that one only is scored
    bodies = [
        (body, key, list(distinct.get(key, {}).values()))
        for measure in document.measures
        for body in _from_measure(measure, family, titles.get(measure.path, ""))
        for key in [(body.path[:2], body.value, _unit_class(body.unit))]
    ]
    return _Candidates(items, by_value, bodies)


@per_document  # asked by the comparison, to send them ahead, and by extract_targets
def restatement_texts(document: Document) -> tuple[str, ...]:
    """The texts :func:`extract_targets` will tokenise to score restatements (to be sent ahead to a
    tokenizer process: :func:`plandiff.text.tokenize.prefetch`)."""
    items, _, bodies = _candidates(document)
    out: list[str] = []
    for body, _, candidates in bodies:
        for item in (items[k] for k in candidates):
            if body.value == item.value and _same_unit(body.unit, item.unit) and body.path[:2] == item.path[:2]:
                out += [body.metric, item.metric, body.context or body.metric, _topic(body.metric)]
    return tuple(text for text in out if text)


@per_document
def extract_targets(document: Document) -> tuple[Target, ...]:
    """Every numeric target: 【指標】 items in document order, then body targets not restated there."""
    alphabet = Alphabet()
    items, by_value, bodies = _candidates(document)
    merged: list[Target] = []
    body_only: list[Target] = []
    extra: dict[int, list[Location]] = {}
    merged_metrics: dict[int, list[str]] = {}
    # a restatement sits in the same "1." section as its 【指標】 block; take the best match
    prefetch(restatement_texts(document))
    for body, key, candidates in bodies:
        scores = [(*_restatement_score(body, items[k], alphabet), -k) for k in candidates]
        best, _, minus_k = max(scores, default=(0.0, 0.0, 0))
        rivals = len(by_value.get(key, []))
        if best < (UNIQUE_MIN if rivals == 1 else RESTATE_MIN):
            body_only.append(body)
        else:
            extra.setdefault(-minus_k, []).extend(body.locations)
            merged_metrics.setdefault(-minus_k, []).append(body.metric)
    for k, item in enumerate(items):
        locations = (*extra.get(k, []), *item.locations)
        merged.append(
            Target(
                item.metric,
                item.value,
                item.unit,
                item.comparator,
                item.key_target,
                item.qualifier,
                item.written,
                tuple(sorted(locations, key=lambda loc: loc.line)),
                statements=tuple(merged_metrics.get(k, [])),
            )
        )
    return tuple(sorted([*merged, *body_only], key=lambda t: (t.locations[0].line, t.metric)))
