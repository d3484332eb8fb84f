"""The changes as a table: ``plandiff diff -f csv`` (UTF-8 with a BOM, one row per change) and the
same rows from the library (``changelog.records()``), which a DataFrame takes directly."""

from __future__ import annotations

import csv
import io
import json

import pytest

from plandiff.model import RECORD_COLUMNS
from tests.cli import Result, invoke
from tests.conftest import FY2021
from tests.pairs import FY2022, PAIRS, changelog

BOM = b"\xef\xbb\xbf"


def _cli(*args: str) -> Result:
    return invoke(*args)


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_diff_csv_opens_with_japanese_intact() -> None:
    result = _cli("diff", "-f", "csv", str(FY2021), str(FY2022))
    assert result.returncode == 1, result.stderr
    rows = _rows(result.stdout)
    log = changelog("corpus")
    assert list(rows[0]) == list(RECORD_COLUMNS)
    assert len(rows) == len(log.changes) == 11
    written = json.loads(_cli("diff", "-f", "json", str(FY2021), str(FY2022)).stdout)
    assert [r["id"] for r in rows] == [c["id"] for c in written["changes"]]
    assert [(r["kind"], r["verb"]) for r in rows] == [(c["kind"], c["change"]) for c in written["changes"]]
    added = next(r for r in rows if r["kind"] == "measure" and r["verb"] == "added")
    assert added["new_text"] == log.changes[[c.id for c in log.changes].index(added["id"])].new[0].text
    assert "事業再構築補助金" in added["new_text"] and added["old_text"] == "" and added["old_lines"] == ""
    assert (
        added["section"].startswith("I 国民に対して提供するサービスその他の業務の質の向上")
        and " > 3 " in added["section"]
    )
    raised = next(r for r in rows if r["kind"] == "target")
    assert (raised["verb"], raised["old_value"], raised["new_value"], raised["unit"]) == ("raised", "260", "300", "件")
    budget = [r for r in rows if r["kind"] == "budget"]  # corpus lines 517/515 and 526/524, 百万円
    assert [(r["old_amount"], r["new_amount"], r["delta"], r["old_lines"], r["new_lines"]) for r in budget] == [
        ("7603", "7803", "200", "517", "515"),
        ("15577", "15777", "200", "517", "515"),
        ("25744", "25944", "200", "526", "524"),
        ("77065", "77265", "200", "526", "524"),
    ]
    assert all(r["unit"] == "百万円" and r["section"].startswith("予算 ") for r in budget)
    assert all(r["old_edition"] == "令和3年度計画" and r["new_edition"] == "令和4年度計画" for r in rows)


@pytest.mark.parametrize("name", list(PAIRS))
def test_records_are_flat_rows_with_the_same_columns(name: str) -> None:
    log = changelog(name)
    records = log.records()
    assert len(records) == len(log.changes)
    for record, change in zip(records, log.changes, strict=True):
        assert tuple(record) == RECORD_COLUMNS
        assert record["id"] == change.id
        assert all(v is None or isinstance(v, str | int | float) for v in record.values())


def test_a_dataframe_takes_the_records_directly() -> None:
    import pandas  # a dev dependency: plandiff itself does not need it

    frame = pandas.DataFrame(changelog("corpus").records())
    assert list(frame.columns) == list(RECORD_COLUMNS) and len(frame) == 11


def test_budget_csv_has_a_bom_too() -> None:
    result = _cli("budget", "-f", "csv", str(FY2021))
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert len(rows) == 1250
    assert rows[0]["statement"] == "予算" and rows[0]["account"] == "一般勘定"
