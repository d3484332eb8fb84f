"""Targets of two editions → changes: new, dropped, raised, lowered, comparator or unit changed,
key-target status gained or lost, metric reworded with the value kept.

Targets pair by metric (Sudachi-normalised, fiscal years masked, so 2021年度の受講者 = 2022年度の受講者):
first the same metric in the mapped section, then the most similar metrics. A dropped target
whose measure is still in the new edition (the sentence stayed, its number went) says so: that is
often the news.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from plandiff.classify.ids import content_id, numbered, unique
from plandiff.extract.targets import extract_targets, metric_code
from plandiff.model import Document, Location, Pair, StillSays, Target, TargetChange, TargetComparison, Verb
from plandiff.text.forms import forms_of, identity_key
from plandiff.text.similarity import Alphabet, similar_pairs, similarity

METRIC_MIN = 0.6
MEASURE_KEPT_MIN = 0.8
_ORDER = (
    Verb.RAISED,
    Verb.LOWERED,
    Verb.COMPARATOR_CHANGED,
    Verb.UNIT_CHANGED,
    Verb.KEY_TARGET_GAINED,
    Verb.KEY_TARGET_LOST,
    Verb.REWORDED,
)


def _value(v: float) -> int | float:
    return int(v) if v == int(v) else v


@lru_cache(maxsize=4096)
def _numberless_forms(text: str) -> tuple[str, ...]:
    forms, _ = forms_of(text)
    return tuple(f for f in forms if not f.replace(",", "").replace(".", "").isdigit())


def _without_numbers(text: str, alphabet: Alphabet) -> str:
    """A sentence with its numbers set aside: does the statement survive a change of its value?"""
    return alphabet.encode(_numberless_forms(text))


def _has_item(target: Target) -> bool:
    return any("【指標】" in loc.path for loc in target.locations)


def _body(target: Target) -> list[Location]:
    return [loc for loc in target.locations if "【指標】" not in loc.path]


def compare_targets(old: Document, new: Document) -> TargetComparison:
    alphabet = Alphabet()
    olds, news = extract_targets(old), extract_targets(new)
    codes: dict[str, str] = {}

    def code(metric: str) -> str:  # tokenised only when a metric is not found again word for word
        found = codes.get(metric)
        if found is None:
            found = codes[metric] = metric_code(metric, alphabet)
        return found

    # ids from content: the metric (years masked), numbered where an edition repeats one
    old_keys = numbered([identity_key(t.metric) for t in olds])
    new_keys = numbered([identity_key(t.metric) for t in news])
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    # the same metric, first word for word, then in comparison forms; the same section breaks ties.
    # A 【指標】 target pairs with a 【指標】 target and a body-only one with a body-only one: a dropped
    # indicator whose number stays in a sentence is dropped, not "reworded" into that sentence
    for same_text in (True, False):
        by_key: dict[tuple[str, bool], list[int]] = {}
        for j, t in enumerate(news):
            if j not in taken:
                by_key.setdefault((t.metric if same_text else code(t.metric), _has_item(t)), []).append(j)
        for i, t in enumerate(olds):
            if i in pairs:
                continue
            key = (t.metric if same_text else code(t.metric), _has_item(t))
            same = [j for j in by_key.get(key, ()) if j not in taken]
            if same:
                j = min(same, key=lambda j: (news[j].path != olds[i].path, j))
                pairs[i] = (j, 1.0)
                taken.add(j)
    candidates = []
    olds_left = [i for i in range(len(olds)) if i not in pairs]
    news_left = [j for j in range(len(news)) if j not in taken]
    for a, b, score in similar_pairs(  # indexed: never every pair
        [code(olds[i].metric) for i in olds_left], [code(news[j].metric) for j in news_left], METRIC_MIN
    ):
        i, j = olds_left[a], news_left[b]
        if _has_item(news[j]) == _has_item(olds[i]):
            candidates.append((-score, olds[i].path != news[j].path, i, j, score))
    for _, _, i, j, score in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = (j, round(score, 3))
            taken.add(j)

    # a new body-only target whose sentence continues an old target's body statement is that
    # statement, kept: the same value is no news by itself (but says the edition now disagrees with
    # its 【指標】); a new value is that statement raised or lowered
    still: dict[int, list[StillSays]] = {}
    body_changes: list[TargetChange] = []
    # sentences that stayed (numbers aside), found through an index: old body locations × new locations
    old_locs = [(i, k, loc) for i, t in enumerate(olds) for k, loc in enumerate(_body(t))]
    wanted = [j for j, t in enumerate(news) if j not in taken and not _has_item(t)]
    new_locs = [(j, loc) for j in wanted for loc in news[j].locations]
    kept: dict[int, dict[int, int]] = {}  # new target → old target → first of its body locations that stayed
    for a, b, _ in similar_pairs(
        [_without_numbers(loc.text, alphabet) for _, loc in new_locs],
        [_without_numbers(loc.text, alphabet) for _, _, loc in old_locs] if new_locs else [],
        MEASURE_KEPT_MIN,
    ):
        j, (i, k, _) = new_locs[a][0], old_locs[b]
        first = kept.setdefault(j, {})
        first[i] = min(first.get(i, k), k)
    for j in wanted:
        target = news[j]
        target_code = code(target.metric)
        continuing: list[tuple[bool, float, int, Location]] = []
        for i, k in sorted(kept.get(j, {}).items()):
            old_target = olds[i]
            match = _body(old_target)[k]
            if _same_kind(old_target, target):
                # one sentence may state several targets: the same value and the closest metric win
                # compare statement with statement: the metrics of the old sentences merged into the target
                score = max(similarity(target_code, code(m)) for m in (*old_target.statements, old_target.metric))
                continuing.append((old_target.value == target.value, score, -i, match))
        if not continuing:
            continue
        same_value, _, minus_i, match = max(continuing)
        i, old_target = -minus_i, olds[-minus_i]
        taken.add(j)
        if same_value:
            still.setdefault(i, []).append(StillSays(target.locations[0].line, target.written))
        else:
            body_view = Target(
                old_target.metric,
                old_target.value,
                old_target.unit,
                old_target.comparator,
                False,
                old_target.qualifier,
                old_target.written,
                (match,),
            )
            change = _pair_change(body_view, target, 1.0, False, old_keys[i], body_only=True)
            if change is not None:
                body_changes.append(change)

    changes: list[TargetChange] = list(body_changes)
    unchanged = 0
    for i, (j, score) in sorted(pairs.items()):
        change = _pair_change(
            olds[i],
            news[j],
            score,
            olds[i].metric != news[j].metric and code(olds[i].metric) != code(news[j].metric),
            old_keys[i],
            still=tuple(still.get(i, ())),
        )
        if change is None:
            unchanged += 1
        else:
            changes.append(change)
    dropped_locs = [(i, loc) for i, t in enumerate(olds) if i not in pairs for loc in _body(t)]
    new_measures = [_without_numbers(m.text, alphabet) for m in new.measures] if dropped_locs else []
    measure_kept = {  # a dropped target's sentence is still in a new measure (numbers aside): indexed
        dropped_locs[a][0]
        for a, _, _ in similar_pairs(
            [_without_numbers(loc.text, alphabet) for _, loc in dropped_locs], new_measures, MEASURE_KEPT_MIN
        )
    }
    for i, target in enumerate(olds):
        if i in pairs:
            continue
        changes.append(
            _change(
                Verb.REMOVED,
                target,
                None,
                1.0,
                old_keys[i],
                measure_kept=i in measure_kept,
                still=tuple(still.get(i, ())),
            )
        )
    for j, target in enumerate(news):
        if j not in taken:
            changes.append(_change(Verb.ADDED, None, target, 1.0, new_keys[j]))
    changes.sort(key=lambda c: (c.new or c.old)[0].line)  # ties: in the order found
    return TargetComparison(tuple(unique(changes)), unchanged, len(olds), len(news))


def _same_kind(old: Target, new: Target) -> bool:
    """Units that count the same thing (本 and ファンド, % and ％)."""
    return old.unit == new.unit or {old.unit, new.unit} <= {"本", "ファンド"}


def _pair_change(
    old: Target,
    new: Target,
    score: float,
    reworded: bool,
    basis: str,
    body_only: bool = False,
    still: tuple[StillSays, ...] = (),
) -> TargetChange | None:
    verbs = []
    if new.value > old.value:
        verbs.append(Verb.RAISED)
    elif new.value < old.value:
        verbs.append(Verb.LOWERED)
    if new.comparator != old.comparator:
        verbs.append(Verb.COMPARATOR_CHANGED)
    if new.unit != old.unit:
        verbs.append(Verb.UNIT_CHANGED)
    if new.key_target and not old.key_target:
        verbs.append(Verb.KEY_TARGET_GAINED)
    if old.key_target and not new.key_target:
        verbs.append(Verb.KEY_TARGET_LOST)
    if reworded:
        verbs.append(Verb.REWORDED)
    if not verbs:
        return None
    verbs.sort(key=_ORDER.index)
    change = _change(verbs[0], old, new, score, basis, also=tuple(verbs[1:]), still=still)
    return dataclasses.replace(change, body_only=True) if body_only else change


def _change(
    verb: Verb,
    old: Target | None,
    new: Target | None,
    score: float,
    basis: str,
    also: tuple[Verb, ...] = (),
    measure_kept: bool | None = None,
    still: tuple[StillSays, ...] = (),
) -> TargetChange:
    base = new or old
    assert base is not None
    o = old.locations if old else ()
    n = new.locations if new else ()
    delta: int | float | None = None
    pct: float | None = None
    if old and new and old.value != new.value:
        delta = _value(new.value - old.value)
        pct = round(100 * (new.value - old.value) / old.value, 1) if old.value else None
    return TargetChange(
        content_id("target", basis),
        verb,
        o,
        n,
        score,
        metric=Pair(old.metric if old else None, new.metric if new else None),
        value=Pair(_value(old.value) if old else None, _value(new.value) if new else None),
        unit=Pair(old.unit if old else None, new.unit if new else None),
        comparator=Pair(old.comparator if old else None, new.comparator if new else None),
        key_target=Pair(old.key_target if old else None, new.key_target if new else None),
        delta=delta,
        pct=pct,
        qualifier=base.qualifier or None,
        also=also,
        measure_kept=measure_kept,
        body_still_says=still,
    )
