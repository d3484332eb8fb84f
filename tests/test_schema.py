"""Every JSON output of every test pair validates against the published schema, and the schema
describes every field of every kind of change (``additionalProperties: false`` per kind)."""

from __future__ import annotations

import dataclasses
import json
import re

import jsonschema
import pytest

from plandiff.model import CHANGE_TYPES, Change, to_data
from plandiff.render import jsonout
from plandiff.report import render_changelog, render_series
from tests.cli import invoke_text
from tests.conftest import FY2021, ROOT
from tests.pairs import FY2022, PAIRS, changelog
from tests.shared_docs import SHARED

SCHEMA = json.loads((ROOT / "plandiff" / "render" / "changelog.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _definition(kind: type[Change]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind.__name__).lower()  # BudgetLineChange → budget_line_change


def test_schema_id_is_an_absolute_uri_with_its_version() -> None:
    assert SCHEMA["$id"] == jsonout.SCHEMA_ID == "https://plandiff.example/schema/changelog/2.json"
    assert SCHEMA["$defs"]["changelog"]["properties"]["schema"] == {
        "const": jsonout.SCHEMA_ID,
        "description": "This schema's $id.",
    }
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert jsonout.schema() == SCHEMA


@pytest.mark.parametrize("kind", CHANGE_TYPES, ids=lambda k: k.__name__)
def test_one_definition_per_kind_with_every_field_described(kind: type[Change]) -> None:
    definition = SCHEMA["$defs"][_definition(kind)]
    names = {"kind"} | {f.name for f in dataclasses.fields(kind)}
    assert set(definition["properties"]) == names
    assert set(definition["required"]) == names
    assert definition["additionalProperties"] is False
    assert definition["properties"]["kind"] == {"const": kind.KIND.value, "description": "What changed."}
    for name, prop in definition["properties"].items():
        assert prop.get("description"), f"{kind.__name__}.{name} is not described"
    assert {"$ref": f"#/$defs/{_definition(kind)}"} in SCHEMA["$defs"]["change"]["oneOf"]


@pytest.mark.parametrize("name", list(PAIRS))
def test_every_output_validates(name: str) -> None:
    log = changelog(name)
    data = json.loads(render_changelog(log, "json"))
    VALIDATOR.validate(data)
    assert data["schema"] == jsonout.SCHEMA_ID
    assert set(data["versions"]) == {"plandiff", "sudachipy", "sudachidict"}
    assert data["versions"]["sudachidict"].startswith("sudachidict_")
    assert all(v and v != "unknown" for v in data["versions"].values())
    # each change is exactly the typed fields of its class, written by the one conversion
    for change, written in zip(log.changes, data["changes"], strict=True):
        assert written == to_data(change)
        assert written["kind"] == change.kind and written["change"] == change.change


def test_series_validates() -> None:
    data = json.loads(render_series([changelog("rolled-only"), changelog("corpus")], "json"))
    VALIDATOR.validate(data)


def test_cli_json_validates_and_names_its_versions() -> None:
    result = invoke_text("diff", "-f", "json", str(FY2021), str(FY2022))
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    VALIDATOR.validate(data)
    assert data["versions"] == jsonout.versions()


def test_the_schema_refuses_a_field_it_does_not_describe() -> None:
    data = json.loads(render_changelog(changelog("corpus"), "json"))
    data["changes"][0]["note"] = "extra"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_pairs_cover_every_kind() -> None:
    seen = {(type(c).__name__, c.change.value) for name in PAIRS if _available(name) for c in changelog(name).changes}
    kinds = {k for k, _ in seen}
    every = {k.__name__ for k in CHANGE_TYPES}
    assert kinds == (every if SHARED.is_dir() else every - {"BudgetItemChange"})  # items: the budget books


def _available(name: str) -> bool:
    try:
        changelog(name)
    except pytest.skip.Exception:
        return False
    return True
