"""Properties of the whole pipeline (read → compare → render, every format and listing), on random
plans made of the corpus's own lines, random edits of them, random budget tables and random 【指標】
and body target lines:

- nothing but a PlandiffError is ever raised;
- diff(A, A) is empty; diff(A, B) mirrors diff(B, A) (added ↔ removed, split ↔ merged, raised ↔ lowered);
- output is byte-identical across hash seeds (one new process per PYTHONHASHSEED value: tests/seeded.py);
- JSON is strict and valid against plandiff/render/changelog.schema.json;
- HTML carries no active markup from the plan's text (no <script, no on…= attribute, no javascript: URL).

Example counts are kept small: each example runs Sudachi over two plans.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plandiff.diff import compare
from plandiff.errors import PlandiffError
from plandiff.extract.budget import budget_lines, reconcile
from plandiff.extract.targets import extract_targets
from plandiff.load import read_bytes
from plandiff.model import Changelog, Document
from plandiff.render.budget import budget_listing
from plandiff.render.targets import targets_listing
from plandiff.report import render_changelog
from plandiff.text.similarity import contained_pairs, containment, similar_pairs, similarity
from tests.conftest import FY2021, ROOT
from tests.seeded import Job, Seeded, register

LINES = FY2021.read_text(encoding="utf-8").splitlines()
BODY = LINES[:505]  # the plan's text; the annex tables follow
SCHEMA = json.loads((ROOT / "plandiff" / "render" / "changelog.schema.json").read_text(encoding="utf-8"))
# what jsonschema.validate(data, SCHEMA) does, the schema checked and the validator built once, not per call
jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "| a | b |",
    "**太字**",
    "\x1b[31m",
    "\u202e",
    "&lt;b&gt;",
]
WORDS = ["支援", "強化", "推進", "中小企業", "を行う", "、", "。", "令和3年度", "5,000件以上", "△12", "する"]


@st.composite
def plans(draw: st.DrawFn) -> str:
    picks = draw(st.lists(st.integers(0, len(BODY) - 1), min_size=8, max_size=70, unique=True))
    lines = ["令和3年度計画", "", *(BODY[i] for i in sorted(picks))]
    if draw(st.booleans()):  # 【指標】 lines and body targets, hostile values among them
        lines += ["", "【指標】", ""]
        for _ in range(draw(st.integers(1, 4))):
            value = draw(st.sampled_from(["260", "1,400", "７０", "1.2.3", "9" * 40, "0", "2.5"]))
            unit = draw(st.sampled_from(["件", "者", "%", "％", "本", "ファンド", "割"]))
            cmp = draw(st.sampled_from(["以上", "以下", "未満", ""]))
            key = draw(st.sampled_from(["", "【基幹目標】"]))
            lines.append(f"- ・{draw(st.sampled_from(WORDS))}の件数：{value}{unit}{cmp}{key}")
        lines += ["", f"- ・支援者数を{draw(st.sampled_from(['5,000', '12', '1' * 30]))}者以上とする。"]
    if draw(st.booleans()):  # a budget table
        lines += ["", "以上", "", "2021年度計画の予算", "", "<一般勘定>", "", "(単位:百万円)", "", "区別\t金額"]
        cells = st.sampled_from(["1,272", "-", "△ 743", "▲743", "(743)", "ー", "小長井", "", "5,353,100千円", "0"])
        for _ in range(draw(st.integers(1, 6))):
            label = draw(st.sampled_from(["収入", "運営費交付金", "支出", "計", "", "業務経費"]))
            lines.append("\t".join([label, *(draw(cells) for _ in range(draw(st.integers(1, 4))))]))
    return "\n".join(lines) + "\n"


@st.composite
def edits(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        k = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["word", "drop", "dup", "swap", "hostile", "number", "split"]))
        if how == "word" and lines[k]:
            cut = draw(st.integers(0, len(lines[k])))
            lines[k] = lines[k][:cut] + draw(st.sampled_from(WORDS)) + lines[k][cut:]
        elif how == "drop":
            del lines[k]
        elif how == "dup":
            lines.insert(k, lines[k])
        elif how == "swap" and k + 1 < len(lines):
            lines[k], lines[k + 1] = lines[k + 1], lines[k]
        elif how == "hostile":
            lines[k] = lines[k] + draw(st.sampled_from(HOSTILE))
        elif how == "number":
            lines[k] = re.sub(r"[0-9]+", lambda m: str(int(m.group(0)[:6]) + 1), lines[k], count=1)
        elif how == "split" and "、" in lines[k]:
            head, _, tail = lines[k].partition("、")
            lines[k : k + 1] = [head + "。", "", "- ・" + tail]
        if not lines:
            lines = ["I. 見出し"]
    return "\n".join(lines)


def _doc(text: str) -> Document | None:
    try:
        return read_bytes(text.encode("utf-8"), "plan.txt")
    except PlandiffError as exc:
        assert "\n" not in str(exc)
        return None


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


_ACTIVE = re.compile(r"<script|<[^>]*\son\w+\s*=|<[^>]*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def _html_is_inert(html: str) -> None:
    # the page's own markup may use neither; plan text is escaped, so none can come from it
    assert not _ACTIVE.search(html), _ACTIVE.search(html)


def _render_all(changelog: Changelog) -> dict[str, str]:
    out = {fmt: render_changelog(changelog, fmt) for fmt in ("markdown", "json", "html")}
    data = _strict_json(out["json"])
    VALIDATOR.validate(data)
    _html_is_inert(out["html"])
    return out


def _listings(document: Document) -> None:
    for fmt in ("markdown", "json"):
        text = targets_listing(extract_targets(document), fmt)
        if fmt == "json":
            _strict_json(text)
    for fmt in ("markdown", "json", "csv"):
        text = budget_listing(budget_lines(document), reconcile(document), fmt)
        if fmt == "json":
            _strict_json(text)


FLIP = {"added": "removed", "removed": "added", "split": "merged", "merged": "split", "raised": "lowered"}
FLIP |= {"deadline_postponed": "deadline_advanced"}  # a measure's deadline moved later reads, backwards, as earlier
FLIP |= {v: k for k, v in FLIP.items()}


def _signature(changelog: Changelog, *, flip: bool) -> list[tuple[str, str, tuple[int, ...], tuple[int, ...]]]:
    out = []
    for c in changelog.changes:
        if c.kind not in ("measure", "section"):
            continue
        old, new = tuple(x.line for x in c.old), tuple(x.line for x in c.new)
        out.append((c.kind, FLIP.get(c.change, c.change), new, old) if flip else (c.kind, c.change, old, new))
    return sorted(out)


@SETTINGS
@given(st.data())
def test_whole_pipeline_on_random_plans_and_edits(data: st.DataObject) -> None:
    a_text = data.draw(plans())
    b_text = data.draw(edits(a_text))
    a, b = _doc(a_text), _doc(b_text)
    assume(a is not None and b is not None)
    assert a is not None and b is not None
    for document in (a, b):
        _listings(document)
        same = compare(document, document)
        assert same.changes == ()
        assert _strict_json(render_changelog(same, "json"))["changes"] == []
    forward, backward = compare(a, b), compare(b, a)
    first = _render_all(forward)
    _render_all(backward)
    assert _signature(forward, flip=True) == _signature(backward, flip=False)
    assert render_changelog(compare(a, b), "markdown") == first["markdown"]  # byte-identical reruns


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text("abcdefg", max_size=25), max_size=10),
    st.lists(st.text("abcdefg", max_size=25), max_size=10),
    st.sampled_from([0.3, 0.6, 0.8, 0.85, 1.0]),
)
def test_indexed_candidates_are_exactly_the_all_pairs_grid(olds: list[str], news: list[str], cutoff: float) -> None:
    grid = [(i, j, similarity(a, b)) for i, a in enumerate(olds) for j, b in enumerate(news)]
    assert similar_pairs(olds, news, cutoff) == [p for p in grid if p[2] >= cutoff]
    contained = [
        (p, w)
        for p, a in enumerate(olds)
        for w, b in enumerate(news)
        if a and len(a) <= len(b)
        if containment(a, b) >= cutoff
    ]
    got = [(p, w) for p, w, _ in contained_pairs(olds, news, cutoff) if len(olds[p]) <= len(news[w])]
    assert got == contained


def _hash_pairs(directory: Path) -> Job:
    rng = random.Random(12)
    texts = []
    for _ in range(3):
        picks = sorted(rng.sample(range(len(BODY)), 60))
        a = "\n".join(["令和3年度計画", "", *(BODY[i] for i in picks), *LINES[505:]])
        b_lines = a.split("\n")
        for _ in range(8):
            k = rng.randrange(len(b_lines))
            b_lines[k] = b_lines[k].replace("支援", "支援・強化", 1).replace("令和3", "令和4")
        rng.shuffle(b_lines[10:20])
        texts += [a, "\n".join(b_lines)]
    source = directory / "pairs.txt"
    source.write_text("\f".join(texts), encoding="utf-8")
    return ["call", "tests.seeded", "pairs_outputs", [str(source)]]


register("pipeline-pairs", _hash_pairs)


@pytest.mark.end_to_end
def test_output_is_byte_identical_across_hash_seeds(seeded: Seeded) -> None:
    """End to end: three random pairs through every stage and renderer in one new process per hash seed
    (tests/seeded.py)."""
    outputs = [run.stdout for run in seeded("pipeline-pairs")]
    assert len(outputs) >= 2 and len(set(outputs)) == 1
    assert len(outputs[0]) > 10_000
