"""``compare(old, new)``: the pipeline from two documents to a changelog.

read → align sections → align measures → classify → (targets, budget) → :class:`Changelog`.
Rendering is separate (:mod:`plandiff.render`), so a notebook can inspect the changes directly.
"""

from __future__ import annotations

import os

from plandiff.align.items import make_items
from plandiff.align.measures import align_measures
from plandiff.align.sections import SectionAlignment, align_sections
from plandiff.classify.budget_changes import compare_budget
from plandiff.classify.ids import content_id, numbered, unique
from plandiff.classify.measures import YEAR_NUMBER_RE, classify_measures
from plandiff.classify.target_changes import compare_targets
from plandiff.extract.targets import restatement_texts
from plandiff.load import read
from plandiff.model import (
    Change,
    Changelog,
    Document,
    Location,
    Metadata,
    NoiseItem,
    NoiseRule,
    Notice,
    Section,
    SectionChange,
    Verb,
)
from plandiff.parse.meta import fiscal_year_of
from plandiff.text.forms import FISCAL_YEAR_RE, title_key
from plandiff.text.similarity import Alphabet
from plandiff.text.tokenize import prefetch

KIND_ORDER = {"section": 0, "target": 1, "measure": 2, "budget": 3}
_STRUCTURAL = frozenset({"annex", "account"})  # table-level changes are the budget comparison's


def _stats(document: Document) -> dict[str, int]:
    return {
        "sections": len(document.sections),
        "measures": len(document.measures),
        "targets": len(document.targets),
        "tables": len(document.tables),
    }


def _rolled_label(old: str, new: str, delta: int) -> bool:
    """A heading named by its year (令和7年度富士市一般会計予算 → 令和8年度…) that only rolled over."""
    if not delta or FISCAL_YEAR_RE.sub("年度", old) != FISCAL_YEAR_RE.sub("年度", new):
        return False
    old_year, new_year = fiscal_year_of(old), fiscal_year_of(new)
    return old_year is not None and new_year is not None and new_year[0] - old_year[0] == delta


def _section_changes(
    old: Document, new: Document, delta: int = 0
) -> tuple[list[SectionChange], SectionAlignment, list[NoiseItem]]:
    alignment = align_sections(old.sections, new.sections)
    changes: list[SectionChange] = []
    noise: list[NoiseItem] = []
    # ids from content: a heading's title (years masked), numbered where an edition repeats one
    old_keys = dict(zip(old.sections, numbered([_title_key(s) for s in old.sections]), strict=True))
    new_keys = dict(zip(new.sections, numbered([_title_key(s) for s in new.sections]), strict=True))

    def loc(section: Section) -> Location:
        text = section.title if section.marker in ("", section.title) else f"{section.marker} {section.title}"
        return Location(section.path, section.line, text, page=section.page)

    for pair in alignment.pairs:
        if pair.old.kind in _STRUCTURAL or pair.how == "exact":
            continue
        parent_renumbered = alignment.map_path(pair.old.path[:-1]) == pair.new.path[:-1]
        if pair.how == "renumbered" and parent_renumbered and pair.old.label == pair.new.label:
            continue  # only an ancestor was renumbered: that ancestor is reported, not each child
        if pair.how == "renumbered" and _rolled_label(pair.old.label, pair.new.label, delta):
            # the year in the heading rolled over with the edition: noise
            noise.append(
                NoiseItem(NoiseRule.YEAR_ROLLOVER, loc(pair.old), loc(pair.new), pair.old.label, pair.new.label)
            )
            continue
        verb = Verb.RENAMED if pair.how == "renamed" else Verb.MOVED
        o, n = (loc(pair.old),), (loc(pair.new),)
        renumbered = pair.how == "renumbered" and parent_renumbered
        changes.append(SectionChange(content_id("section", old_keys[pair.old]), verb, o, n, pair.score, renumbered))
    for section in alignment.removed:
        if section.kind not in _STRUCTURAL:
            o = (loc(section),)
            changes.append(SectionChange(content_id("section", old_keys[section]), Verb.REMOVED, o, (), 1.0))
    for section in alignment.added:
        if section.kind not in _STRUCTURAL:
            n = (loc(section),)
            changes.append(SectionChange(content_id("section", new_keys[section]), Verb.ADDED, (), n, 1.0))
    return unique(changes), alignment, noise


def _title_key(section: Section) -> str:
    return f"{section.kind}|{title_key(section.title)}"


def _sort_key(change: Change) -> tuple[int, int, int]:
    """Kind, then place; ties stay in the order the classifiers found them (sorted is stable)."""
    new_line = change.new[0].line if change.new else 0
    old_line = change.old[0].line if change.old else 0
    return (KIND_ORDER.get(change.kind, 9), new_line or old_line, old_line)


def compare(old: Document | str | os.PathLike[str], new: Document | str | os.PathLike[str]) -> Changelog:
    """Compare two editions of a plan (documents, or paths to read)."""
    old_doc = old if isinstance(old, Document) else read(old)
    new_doc = new if isinstance(new, Document) else read(new)
    delta = 0
    if old_doc.meta.fiscal_year and new_doc.meta.fiscal_year:
        delta = new_doc.meta.fiscal_year - old_doc.meta.fiscal_year

    prefetch(_tokenised_later(old_doc, new_doc))
    budget = compare_budget(old_doc, new_doc)  # first: it tokenises nothing, while a tokenizer process starts on those
    section_changes, sections, heading_noise = _section_changes(old_doc, new_doc, delta)
    alphabet = Alphabet()
    # text a layout left beside a table (第2表's item names) is compared with the budget, not as measures
    old_measures = tuple(m for m in old_doc.measures if m.kind != "table_text")
    new_measures = tuple(m for m in new_doc.measures if m.kind != "table_text")
    old_items = make_items([(m.path, m.text, m.repost) for m in old_measures], alphabet)
    new_items = make_items([(m.path, m.text, m.repost) for m in new_measures], alphabet)
    alignment = align_measures(old_items, new_items, sections, delta)
    measures = classify_measures(
        old_measures, new_measures, old_items, new_items, sections, alignment, delta, old_doc.meta.fiscal_year
    )
    targets = compare_targets(old_doc, new_doc)
    changes: list[Change] = sorted(
        [*section_changes, *targets.changes, *measures.changes, *budget.changes], key=_sort_key
    )
    notices = _year_notices(old_doc.meta, new_doc.meta, measures.stale, measures.events)
    notices += tuple(n.on("old") for n in old_doc.notices) + tuple(n.on("new") for n in new_doc.notices)
    if delta < 0:  # the arguments the wrong way round? years rolled back are still matched as the rollover
        swapped = Notice.of("editions_swapped", old_year=old_doc.meta.fiscal_year, new_year=new_doc.meta.fiscal_year)
        notices = (swapped, *notices)
    return Changelog(
        old=old_doc.meta,
        new=new_doc.meta,
        old_stats=_stats(old_doc),
        new_stats=_stats(new_doc),
        changes=tuple(changes),
        unchanged_measures=measures.unchanged,
        noisy_measures=measures.noisy,
        rolled_years=measures.rolled,
        year_delta=delta,
        warnings=tuple(n.text() for n in notices),
        notices=notices,
        budget=budget,
        targets=targets,
        old_titles={s.path: s.title for s in old_doc.sections},
        new_titles={s.path: s.title for s in new_doc.sections},
        noise=(*heading_noise, *measures.noise),
    )


def _tokenised_later(old: Document, new: Document) -> list[str]:
    """The texts the comparison will tokenise, in about the order it will, for a tokenizer process to
    start on (:func:`plandiff.text.tokenize.prefetch`): headings and measures the other edition does not
    have word for word, measures with a fiscal year in them (their noise is audited), then the targets'
    metrics scored for restatements."""
    out: list[str] = []
    for a, b in ((old, new), (new, old)):
        titles = {s.title for s in b.sections}
        out += [s.title for s in a.sections if s.title not in titles]
    for a, b in ((new, old), (old, new)):
        texts = {m.text for m in b.measures}
        out += [
            m.text
            for m in a.measures
            if m.kind != "table_text" and (m.text not in texts or YEAR_NUMBER_RE.search(m.text))
        ]
    return [*out, *restatement_texts(old), *restatement_texts(new)]


def _edition(side: str, meta: Metadata) -> dict[str, str]:
    """The fields that name an edition in a notice: its era year, fiscal year or title."""
    return {f"{side}_era": meta.era_year, f"{side}_fy": str(meta.fiscal_year or ""), f"{side}_title": meta.title}


def _year_notices(
    old: Metadata, new: Metadata, stale: tuple[tuple[str, int], ...], events: tuple[Notice, ...]
) -> tuple[Notice, ...]:
    """The classic copy-and-paste errors: a new edition still saying last year's fiscal year where the
    old one said the same (its title rolled over, its text did not), and a dated event rolled over."""
    out = [
        Notice.of("stale_year", written=written, times=times, **_edition("new", new), **_edition("old", old))
        for written, times in sorted(stale, key=lambda s: (-s[1], s[0]))
    ]
    return (*out, *events)
