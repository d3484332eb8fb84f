"""Every type passed between stages, in one package; stages import their types from here only.

- :mod:`.document`: the readers' source lines and the parsed document (sections, measures, target
  items, tables, table of contents, metadata);
- :mod:`.facts`: what extraction finds in one document (targets, budget lines, reconciliation);
- :mod:`.changes`: what a comparison says (locations, changes, the changelog).

All values are frozen: a stage hands its result forward and never mutates what it was given.
"""

from plandiff.model.changes import BudgetComparison, Change, Changelog, Location, TableTotal, TargetComparison
from plandiff.model.document import (
    Document,
    Measure,
    Metadata,
    Path,
    Section,
    Source,
    SourceLine,
    Table,
    TableRow,
    TargetItem,
    TocEntry,
    path_label,
)
from plandiff.model.facts import BudgetItem, BudgetLine, Finding, Reconciliation, Target

__all__ = [
    "BudgetComparison",
    "BudgetItem",
    "BudgetLine",
    "Change",
    "Changelog",
    "Document",
    "Finding",
    "Location",
    "Measure",
    "Metadata",
    "Path",
    "Reconciliation",
    "Section",
    "Source",
    "SourceLine",
    "Table",
    "TableRow",
    "TableTotal",
    "Target",
    "TargetComparison",
    "TargetItem",
    "TocEntry",
    "path_label",
]
