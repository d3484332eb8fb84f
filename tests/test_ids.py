"""Change ids come from content, not position: unique within a changelog, the same on every run and
when an unrelated measure is inserted above, and for a measure the same in the next comparison while
it is unchanged (the basis for following a measure over many years)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from plandiff.diff import compare
from plandiff.model import Changelog, MeasureChange, Verb
from tests.conftest import FY2021
from tests.pairs import FY2022, PAIRS, _budget_edited, _edited, changelog, fy2021
from tests.seeded import Seeded, register
from tests.variants import edit, parse

register("corpus-json", lambda _: ["cli", ["diff", "--format", "json", str(FY2021), str(FY2022)]])

UNRELATED = "- ・機構は、本計画の取組状況を分かりやすく公表する。\n"
ABOVE = "①地域の中小企業支援機関等への支援\n\n"  # the first measure's heading: every change lies below


@pytest.mark.parametrize("name", list(PAIRS))
def test_ids_are_unique_on_every_pair(name: str) -> None:
    log = changelog(name)
    counts = Counter(c.id for c in log.changes)
    assert [i for i, n in counts.items() if n > 1] == []
    assert all(c.id.startswith(f"{c.kind}-") and len(c.id) == len(c.kind) + 13 for c in log.changes)


def test_budget_cells_of_one_row_have_their_own_ids() -> None:
    # the corpus pair: 運営費交付金 and 計 changed in two columns each (4 cells, 2 rows, 2 lines)
    budget = [c for c in changelog("corpus").changes if c.kind == "budget"]
    assert len(budget) == 4 and len({c.id for c in budget}) == 4
    assert len({c.old[0].line for c in budget}) == 2


@pytest.mark.end_to_end
def test_ids_are_the_same_on_every_run(seeded: Seeded) -> None:
    """End to end: other processes, other hash seeds (tests/seeded.py: the corpus pair's JSON, shared with
    test_diff's hash-seed test)."""
    again = compare(fy2021(), parse(FY2022.read_text(encoding="utf-8"), str(FY2022)))
    assert [c.id for c in again.changes] == [c.id for c in changelog("corpus").changes]
    for result in seeded("corpus-json"):
        assert result.returncode == 1, result.seed
        ids = [c["id"] for c in json.loads(result.stdout.decode("utf-8"))["changes"]]
        assert ids == [c.id for c in changelog("corpus").changes], result.seed


def _ids(log: Changelog) -> dict[tuple[str, str, str], str]:
    """Each change by what it is about (kind, verb, its text on either side) → its id."""
    return {(c.kind, c.change, (c.old or c.new)[0].text): c.id for c in log.changes}


@pytest.mark.parametrize("make", [_edited, _budget_edited], ids=["edited", "budget-edited"])
def test_an_unrelated_measure_inserted_above_changes_no_id(make: object) -> None:
    assert callable(make)
    text = make()
    before = compare(fy2021(), parse(text))
    after = compare(fy2021(), parse(edit(text, ABOVE, ABOVE + UNRELATED)))
    added = [
        c for c in after.changes if c.change == Verb.ADDED and c.new[0].text.startswith("機構は、本計画の取組状況")
    ]
    assert len(added) == 1
    rest = [c for c in after.changes if c is not added[0]]
    assert [c.new[0].line for c in rest if c.new] != [c.new[0].line for c in before.changes if c.new]  # lines moved
    assert _ids(before) == {k: v for k, v in _ids(after).items() if v != added[0].id}


def test_a_measure_keeps_its_id_into_the_next_comparison_while_unchanged() -> None:
    """FY2021 → E2 adds a measure; E2 → E3 (the same year) moves it, its words unchanged: one id."""
    e2 = edit(FY2021.read_text(encoding="utf-8"), ABOVE, ABOVE + UNRELATED)
    target = "②全国の事業承継・引継ぎ支援センターへの支援\n\n"
    e3 = edit(e2.replace(UNRELATED, "", 1), target, target + UNRELATED)
    first = compare(fy2021(), parse(e2, "e2.txt"))
    second = compare(parse(e2, "e2.txt"), parse(e3, "e3.txt"))
    (added,) = [c for c in first.changes if isinstance(c, MeasureChange)]
    (moved,) = [c for c in second.changes if isinstance(c, MeasureChange)]
    assert (added.change, moved.change) == (Verb.ADDED, Verb.MOVED)
    assert added.id == moved.id
