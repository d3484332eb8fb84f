"""plandiff: what really changed between fiscal-year editions of a Japanese government plan.

Public surface, all at the package top:

- :func:`read` — a plan file (.txt in any Japanese encoding, .md, .html, .pdf) → :class:`Document`
- :func:`compare` — two plans (paths or documents) → a :class:`Changelog` of typed changes
  (:class:`Change` and its kinds), with ``changelog.records()`` for a DataFrame
- :func:`history` — many editions (any order) → a :class:`plandiff.model.history.History`: measures followed
  through the years, target and budget trajectories, each with a stable id
- :func:`render` — a changelog (or a list of them, one per consecutive pair) as Markdown, JSON, HTML or CSV
- :class:`PlandiffError` — every error meant for a user, with a one-line message
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import plandiff.render as _render_package  # loaded first, so that the function below keeps the name
from plandiff.errors import PlandiffError

if TYPE_CHECKING:
    from plandiff.diff import compare
    from plandiff.history import history
    from plandiff.load import read
    from plandiff.model import Change, Changelog, Document, Kind, Verb

del _render_package

# Imported on first use (PEP 562): `plandiff show` must not pay for the comparison's modules at start-up.
_LAZY = {
    "compare": "plandiff.diff",
    "history": "plandiff.history",
    "read": "plandiff.load",
    "Change": "plandiff.model",
    "Changelog": "plandiff.model",
    "Document": "plandiff.model",
    "Kind": "plandiff.model",
    "Verb": "plandiff.model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plandiff' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


FORMATS = ("markdown", "json", "html", "csv")


def render(changelog: Changelog | Sequence[Changelog], fmt: str = "markdown", *, show_noise: bool = False) -> str:
    """The changelog as ``markdown``, ``json``, ``html`` or ``csv`` text (what ``plandiff diff -f`` writes;
    ``show_noise`` adds the differences hidden as noise to Markdown, as ``--show-noise`` does)."""
    from plandiff.model import Changelog
    from plandiff.render.noise import with_noise
    from plandiff.render.table import csv_text
    from plandiff.report import render_series

    changelogs = [changelog] if isinstance(changelog, Changelog) else list(changelog)
    if not changelogs:
        raise PlandiffError("nothing to render: no changelog")
    if fmt not in FORMATS:
        raise PlandiffError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if fmt == "csv":
        return csv_text(changelogs)
    text = render_series(changelogs, fmt)
    return with_noise(text, changelogs) if show_noise and fmt == "markdown" else text


__all__ = ["Change", "Changelog", "Document", "Kind", "PlandiffError", "Verb", "compare", "history", "read", "render"]
