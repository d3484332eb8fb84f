"""``plandiff diff -f csv``: one row per change (:data:`plandiff.model.RECORD_COLUMNS`), the rows of
:meth:`Changelog.records`, in UTF-8 with a byte-order mark so that Excel on Japanese Windows opens it
with the Japanese intact; several pairs of editions give one table, the editions named on each row."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from plandiff.model import RECORD_COLUMNS, Changelog

BOM = "\ufeff"


def csv_text(changelogs: Sequence[Changelog]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECORD_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for changelog in changelogs:
        for record in changelog.records():
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return BOM + buffer.getvalue()
