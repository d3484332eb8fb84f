"""Properties that must hold for any input, checked with hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.diff import compare
from plandiff.errors import PlandiffError
from plandiff.load import read_bytes
from plandiff.model import Document
from plandiff.parse import assemble
from plandiff.readers.lines import split_lines
from plandiff.report import render_changelog
from tests.conftest import FY2021

CORPUS_LINES = FY2021.read_text(encoding="utf-8").splitlines()
# characters that make the parser's rules fire: markers, brackets, bullets, tabs, digits, kana, kanji
ALPHABET = st.sampled_from(
    list("IVX.．()（）①②③1234567890,、。・-－ \t\n【】指標<>勘定単位:：百万円△▲※再掲あア漢字計合")
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(ALPHABET, max_size=400) | st.text(max_size=200))
def test_parser_never_raises(text: str) -> None:
    document = assemble(split_lines(text))
    assert isinstance(document, Document)
    for measure in document.measures:
        assert 1 <= measure.line <= measure.end_line


@SETTINGS
@given(st.binary(max_size=600))
def test_reading_bytes_gives_a_document_or_a_one_line_error(data: bytes) -> None:
    try:
        read_bytes(data, "x.txt")
    except PlandiffError as exc:
        assert "\n" not in str(exc) and str(exc)


plans = st.lists(st.integers(min_value=0, max_value=504), min_size=5, max_size=60, unique=True).map(
    lambda picks: "\n".join(CORPUS_LINES[i] for i in sorted(picks)) + "\n"
)


def _doc(text: str) -> Document:
    try:
        return read_bytes(text.encode("utf-8"), "plan.txt")
    except PlandiffError:
        return read_bytes("I. 見出し\n\n- ・本文。\n".encode(), "plan.txt")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_diff_of_a_plan_with_itself_is_empty(text: str) -> None:
    document = _doc(text)
    changelog = compare(document, document)
    assert changelog.changes == ()
    assert changelog.unchanged_measures == len(document.measures)


FLIP = {
    "added": "removed",
    "removed": "added",
    "split": "merged",
    "merged": "split",
    "changed": "changed",
    "moved": "moved",
    "renamed": "renamed",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans, plans)
def test_diff_mirrors(a: str, b: str) -> None:
    old, new = _doc(a), _doc(b)
    forward, backward = compare(old, new), compare(new, old)
    flipped = sorted(
        (c.kind, FLIP.get(c.change, c.change), tuple(x.line for x in c.new), tuple(x.line for x in c.old))
        for c in forward.changes
        if c.kind in ("measure", "section")
    )
    assert flipped == sorted(
        (c.kind, c.change, tuple(x.line for x in c.old), tuple(x.line for x in c.new))
        for c in backward.changes
        if c.kind in ("measure", "section")
    )
    first = render_changelog(forward, "markdown")
    assert render_changelog(compare(old, new), "markdown") == first  # byte-identical reruns
