"""Every type passed between stages, in one package; stages import their types from here only.

- :mod:`.document`: the readers' source lines and the parsed document (sections, measures, target
  items, tables, table of contents, metadata);
- :mod:`.facts`: what extraction finds in one document (targets, budget lines, reconciliation);
- :mod:`.changes`: what a comparison says (locations, changes, the changelog);
- :mod:`.notices`: what the reader doubted and what looks wrong, as data with its words in both languages.

All values are frozen: a stage hands its result forward and never mutates what it was given.
"""

from plandiff.model.changes import (
    CHANGE_TYPES,
    RECORD_COLUMNS,
    BudgetComparison,
    BudgetItemChange,
    BudgetLineChange,
    BudgetTableChange,
    Change,
    Changelog,
    Kind,
    Location,
    MeasureChange,
    NoiseItem,
    NoiseRule,
    Pair,
    SectionChange,
    Segment,
    StillSays,
    Strength,
    TableTotal,
    TargetChange,
    TargetComparison,
    Verb,
    to_data,
)
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
    compact_label,
    path_label,
)
from plandiff.model.facts import BudgetItem, BudgetLine, Finding, Reconciliation, Target
from plandiff.model.notices import TEMPLATES as NOTICE_TEMPLATES
from plandiff.model.notices import Notice, path_field

__all__ = [
    "CHANGE_TYPES",
    "NOTICE_TEMPLATES",
    "RECORD_COLUMNS",
    "BudgetComparison",
    "BudgetItem",
    "BudgetItemChange",
    "BudgetLine",
    "BudgetLineChange",
    "BudgetTableChange",
    "Change",
    "Changelog",
    "Document",
    "Finding",
    "Kind",
    "Location",
    "Measure",
    "MeasureChange",
    "Metadata",
    "NoiseItem",
    "NoiseRule",
    "Notice",
    "Pair",
    "Path",
    "Reconciliation",
    "Section",
    "SectionChange",
    "Segment",
    "Source",
    "SourceLine",
    "StillSays",
    "Strength",
    "Table",
    "TableRow",
    "TableTotal",
    "Target",
    "TargetChange",
    "TargetComparison",
    "TargetItem",
    "TocEntry",
    "Verb",
    "compact_label",
    "path_field",
    "path_label",
    "to_data",
]
