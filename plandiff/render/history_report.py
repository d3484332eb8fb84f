"""One place that turns a :class:`History` into the format asked for: ``markdown``, ``json``, ``html``
(with charts), ``xlsx`` (bytes) or ``csv``. ``lang`` ``None`` picks Japanese for a Japanese plan."""

from __future__ import annotations

from plandiff.errors import PlandiffError
from plandiff.model.history import History
from plandiff.render.history_labels import pick

FORMATS = ("markdown", "json", "html", "xlsx", "csv")


def render_history(history: History, fmt: str = "markdown", lang: str | None = None) -> str | bytes:
    if fmt not in FORMATS:
        raise PlandiffError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if lang is not None and lang not in ("ja", "en"):
        raise PlandiffError(f"unknown --lang {lang!r}: use ja or en")
    chosen = pick(history, lang)
    if fmt == "json":
        from plandiff.render.history_json import render

        return render(history)
    if fmt == "html":
        from plandiff.render.history_html import render as render_html

        return render_html(history, chosen)
    if fmt == "xlsx":
        from plandiff.render.history_tables import xlsx_bytes

        return xlsx_bytes(history, chosen)
    if fmt == "csv":
        from plandiff.render.history_tables import csv_text

        return csv_text(history, chosen)
    from plandiff.render.history_markdown import render as render_markdown

    return render_markdown(history, chosen)
