"""Target comparison between edition *files* (written to disk and read back), beyond test_targets.py.

Covers the verbs and paths test_targets.py leaves out: unit changed, key target gained, several
verbs on one pair, a body-only target, full-width digits, the CLI's JSON and Markdown changelog,
and change ids that do not depend on the hash seed. Every variant is the real FY2021 text with the
year rolled over and then one known edit; expected values were read from the corpus by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plandiff.classify.target_changes import compare_targets
from plandiff.load import read
from plandiff.model import Change, Document
from tests.cli import invoke
from tests.conftest import FY2021
from tests.seeded import Job, Seeded, register
from tests.variants import edit, line_of, rolled, write


def _variant(tmp_path: Path, text: str, *edits: tuple[str, str]) -> tuple[Path, str]:
    new = rolled(text)
    for old, replacement in edits:
        new = edit(new, old, replacement)
    return write(tmp_path, "fy2022.txt", new), new


def _compare(old: Document, path: Path) -> list[Change]:
    return list(compare_targets(old, read(path)).changes)


def _summary(changes: list[Change]) -> list[tuple[object, ...]]:
    return [
        (
            c.change,
            c.data["metric"],
            c.data["old_value"],
            c.data["new_value"],
            [x.line for x in c.old],
            [x.line for x in c.new],
        )
        for c in changes
    ]


def _diff_json(old: Path, new: Path) -> dict[str, object]:
    result = invoke("diff", "-f", "json", str(old), str(new))
    assert result.returncode in (0, 1), result.stderr.decode()
    return _json(result.stdout)


def _json(output: bytes) -> dict[str, object]:
    data = json.loads(output.decode())
    assert isinstance(data, dict)
    return data


def _target_entries(data: dict[str, object]) -> list[dict[str, object]]:
    changes = data["changes"]
    assert isinstance(changes, list)
    return [c for c in changes if c["kind"] == "target"]


def _lines(locations: object) -> list[object]:
    assert isinstance(locations, list)
    return [loc["line"] for loc in locations]


def test_rollover_only_file_has_no_target_change(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(tmp_path, fy2021_text)
    assert _compare(fy2021, path) == []
    assert _target_entries(_diff_json(FY2021, path)) == []


def test_full_width_digits_are_not_a_change(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(
        tmp_path, fy2021_text, ("海外展開支援企業数: 4,000社以上", "海外展開支援企業数: ４，０００社以上")
    )
    assert _compare(fy2021, path) == []


def test_unit_changed(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, text = _variant(
        tmp_path,
        fy2021_text,
        ("委託機関等への支援件数：4,000件以上", "委託機関等への支援件数：4,000社以上"),
        ("委託機関等への支援件数を4,000件以上とする", "委託機関等への支援件数を4,000社以上とする"),
    )
    changes = _compare(fy2021, path)
    assert _summary(changes) == [
        (
            "unit_changed",
            "小規模企業共済制度の委託機関等への支援件数",
            4000,
            4000,
            [225, 300],
            [line_of(text, "支援件数を4,000社"), line_of(text, "支援件数：4,000社")],
        )
    ]
    assert changes[0].data["unit"] == {"old": "件", "new": "社"}
    assert changes[0].data["comparator"] == "以上"


def test_key_target_gained_with_a_raise_is_one_change(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(
        tmp_path,
        fy2021_text,
        ("委託機関等への支援件数：4,000件以上", "委託機関等への支援件数：4,200件以上【基幹目標】"),
        ("委託機関等への支援件数を4,000件以上とする", "委託機関等への支援件数を4,200件以上とする"),
    )
    changes = _compare(fy2021, path)
    assert _summary(changes) == [
        ("raised", "小規模企業共済制度の委託機関等への支援件数", 4000, 4200, [225, 300], [225, 300])
    ]
    data = changes[0].data
    assert data["also"] == ["key_target_gained"]
    assert data["key_target"] == {"old": False, "new": True}
    assert (data["delta"], data["pct"]) == (200, 5.0)


def test_key_target_gained_alone(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(
        tmp_path,
        fy2021_text,
        ("委託機関等への支援件数：4,000件以上", "委託機関等への支援件数：4,000件以上【基幹目標】"),
    )
    changes = _compare(fy2021, path)
    assert [(c.change, c.data["key_target"], "also" in c.data) for c in changes] == [
        ("key_target_gained", {"old": False, "new": True}, False)
    ]


def test_body_only_target_raised(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    # l.18 sets 5,000者 for 事業承継 support; no 【指標】 item restates it (l.45 says 10,000者)
    path, _ = _variant(
        tmp_path,
        fy2021_text,
        ("事業承継に関する支援者数を5,000者以上とする", "事業承継に関する支援者数を6,000者以上とする"),
    )
    changes = _compare(fy2021, path)
    # cited at l.18, the measure's line that holds the figure (the measure starts at l.17)
    assert _summary(changes) == [("raised", "機構が支援した事業承継に関する支援者数", 5000, 6000, [18], [18])]
    assert (changes[0].data["delta"], changes[0].data["pct"]) == (1000, 20.0)


def test_diff_json_and_markdown_carry_the_target(fy2021_text: str, tmp_path: Path) -> None:
    path, text = _variant(
        tmp_path,
        fy2021_text,
        ("再生支援協議会の課題解決率：70%以上", "再生支援協議会の課題解決率：60%以上"),
        ("再生支援協議会の課題解決率を70%以上とする", "再生支援協議会の課題解決率を60%以上とする"),
    )
    entries = _target_entries(_diff_json(FY2021, path))
    assert len(entries) == 1
    entry = entries[0]
    metric = "再生支援全国本部の再生支援協議会に対する相談・助言による再生支援協議会の課題解決率"
    # typed: every field that can differ between the editions is an {old, new} pair, changed or not
    assert {k: entry[k] for k in ("change", "metric", "value", "unit", "comparator", "key_target", "delta")} == {
        "change": "lowered",
        "metric": {"old": metric, "new": metric},
        "value": {"old": 70, "new": 60},
        "unit": {"old": "%", "new": "%"},
        "comparator": {"old": "以上", "new": "以上"},
        "key_target": {"old": False, "new": False},
        "delta": -10,
    }
    assert _lines(entry["old"]) == [239, 301]
    assert _lines(entry["new"]) == [line_of(text, "課題解決率を60%"), line_of(text, "課題解決率：60%")]

    result = invoke("diff", "--lang", "en", str(FY2021), str(path))
    assert result.returncode == 1, result.stderr.decode()
    out = result.stdout.decode()
    row = f"| {metric} | 70%以上 | 60%以上 | lowered (-10, -14.3%) |  |"
    assert row in out
    # the targets table comes before the per-section measure details
    assert out.index("## Targets") < out.index(row) < out.index("## Measures by section")


def _seeded_variant(directory: Path) -> Job:
    path, _ = _variant(
        directory,
        FY2021.read_text(encoding="utf-8"),
        ("海外展開支援企業数: 4,000社以上", "海外展開支援企業数: 4,500社以上"),
        ("海外展開支援先数を4,000社以上とする", "海外展開支援先数を4,500社以上とする"),
        ("よろず支援拠点向け研修の受講者数：600人以上", "よろず支援拠点向け研修の受講者数：500人以上"),
        ("研修については、受講者数を600人以上とする", "研修については、受講者数を500人以上とする"),
    )
    return ["cli", ["diff", "-f", "json", str(FY2021), str(path)]]


register("targets-variant-json", _seeded_variant)


@pytest.mark.end_to_end
def test_change_ids_do_not_depend_on_the_hash_seed(seeded: Seeded) -> None:
    """End to end: the variant diffed in one new process per hash seed (tests/seeded.py)."""
    outputs = seeded("targets-variant-json")
    assert all(out.returncode in (0, 1) for out in outputs)
    runs = [_target_entries(_json(out.stdout)) for out in outputs]
    assert len(runs) >= 2 and all(
        [(e["id"], e["change"]) for e in run] == [(e["id"], e["change"]) for e in runs[0]] for run in runs
    )
    assert sorted(str(e["change"]) for e in runs[0]) == ["lowered", "raised"]
    assert all(str(e["id"]).startswith("target-") for e in runs[0])


def test_indicator_changed_body_restatement_kept(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(tmp_path, fy2021_text, ("窓口相談の役立ち度：70%以上", "窓口相談の役立ち度：75%以上"))
    changes = _compare(fy2021, path)
    assert [c.change for c in changes] == ["raised"]
    # the body sentence (l.74) still says 70%: the new edition now disagrees with its own 【指標】
    assert changes[0].data["body_still_says"] == [{"line": 74, "written": "70%以上"}]


def test_indicator_dropped_body_target_kept(fy2021: Document, fy2021_text: str, tmp_path: Path) -> None:
    path, _ = _variant(tmp_path, fy2021_text, ("- ・事業承継ファンド新規組成数：2本\n", ""))
    changes = _compare(fy2021, path)
    assert [(c.change, c.data["metric"], c.data.get("measure_kept")) for c in changes] == [
        ("removed", "事業承継ファンド新規組成数", True)
    ]
    assert changes[0].data["body_still_says"] == [{"line": 33, "written": "2ファンド以上"}]
