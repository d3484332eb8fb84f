"""Stages import only downward: every plandiff module's plandiff imports, read with ast, against the
order of the pipeline (README: How it works)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plandiff"

# lower numbers are lower layers; a module may import its own layer or any lower one
LAYERS = {
    "errors": 0,
    "processes": 0,
    "model": 1,
    "conventions": 2,
    "text": 2,
    "output": 2,
    "readers": 3,
    "parse": 4,
    "load": 5,
    "extract": 5,
    "align": 6,
    "classify": 7,
    "diff": 8,
    "history": 8,  # the series: pairwise comparisons and what follows items across them
    "render": 9,
    "report": 10,
    "cli": 11,
    "__main__": 12,
    "__init__": 12,
}


def _layer(module: str) -> tuple[str, int]:
    top = module.split(".")[1] if module.count(".") else "__init__"
    return top, LAYERS[top]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward(path: Path) -> None:
    name = _name(path)
    if path.name == "__init__.py" and path.parent == PACKAGE:
        return  # the package top is the public API: it may gather from every stage
    own, level = _layer(name)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("plandiff."):
            target = node.module
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("plandiff.")]
            if not names:
                continue
            target = names[0]
        else:
            continue
        other, other_level = _layer(target)
        assert other_level <= level, f"{name} (layer {own}) imports {target} (layer {other}), which is above it"


def test_every_stage_has_a_layer() -> None:
    tops = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in _modules()}
    assert tops <= set(LAYERS)
