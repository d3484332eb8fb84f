"""Notices: what the reader doubted and what looks wrong in the editions, as data, in both languages.

A notice is a code and its fields as text (:class:`Notice`); the stages that find something make one
where they find it (the parser's doubts and table-of-contents check, the comparison's fiscal-year
checks), and its words come from :data:`TEMPLATES`, one (Japanese, English) pair per code, so that
``Document.warnings`` / ``Changelog.warnings`` (the English) and a Japanese report say the same. The
templates live here rather than in :mod:`plandiff.render.labels` because the parser, below the renderers,
writes the English text; ``labels.notice`` reads them from here.

Fields a template cannot spell the same in both languages are written once and shaped per language
by :func:`_shape`: ``lines`` (``12, 34``), ``more`` (a count of lines not listed), ``path`` (``I > 3 >
(4)``), ``times``, the editions (``*_era`` / ``*_fy`` / ``*_title``), and ``edition`` (``old`` | ``new``,
the edition a document's notice is about, written before the text).
"""

from __future__ import annotations

from dataclasses import dataclass

from plandiff.model.document import Path, compact_label

Lang = str  # "ja" | "en"

# code → (ja, en); ``{field}`` from the notice's fields and :func:`_shape`
TEMPLATES: dict[str, tuple[str, str]] = {
    "no_structure": (
        "見出しを認識できません：段落ごとに取組として比較します",
        "no recognisable structure (no headings): every paragraph is compared as a measure",
    ),
    "outside_feature": (
        "{pages}頁には予算の記述（「予算」も金額も）がないため、予算特集の外の記事として読まず、比較していません",
        "pages {pages} say nothing of the budget (neither 予算 nor an amount): read as outside the budget feature, "
        "not compared",
    ),
    "numbering_doubts": (
        "見出しに似た{n}行が番号の並びに合わないため本文として読みました：{lines}行目{more}",
        "{n} heading-like lines break the numbering and were read as text: lines {lines}{more}",
    ),
    "duplicate_path": (
        "同じ番号の見出しが2つあります：{path}（{first}行目と{second}行目）",
        "two headings with the same path {path}: lines {first} and {second}",
    ),
    "toc_missing": (
        "目次の「{marker}{title}」（{page}頁）に当たる見出しが本文にありません",
        "table of contents: no heading for {marker}{title} (p.{page})",
    ),
    "toc_level": (
        "目次の「{marker}{title}」は目次では第{level}階層、本文では第{found}階層です（{line}行目）",
        "table of contents: {marker}{title} is nested at level {level} there but {found} in the text (line {line})",
    ),
    "stale_year": (
        "{new_edition}の本文に{old_edition}と同じ「{written}」が{times}か所あります：表題の年度は繰り上がったのに、"
        "本文の年度が繰り上がっていません",
        "{written} appears {times} time{s} in the {new_edition} edition where the {old_edition} edition says the "
        "same: its fiscal years did not roll over with its title",
    ),
    "event_rolled": (
        "日付のある記述の年度が版とともに繰り上がっています：{old} → {new}（改正前{old_line}行目 → 改正後{new_line}行目）。"
        "新しい日付か、据え置くべき年度か、確認してください",
        "a dated event rolled over with the edition: {old} → {new} (old l.{old_line} → new l.{new_line}); "
        "a new date, or a year that should have stayed?",
    ),
    "editions_swapped": (
        "改正前（{old_year}年度）が改正後（{new_year}年度）より新しい版です：{old_year}年度から{new_year}年度へ遡る"
        "変更として読みました。2つの版を逆に指定していませんか？",
        "OLD is the later edition (FY{old_year}) and NEW the earlier (FY{new_year}): changes are read from "
        "FY{old_year} back to FY{new_year}; were the two swapped?",
    ),
}

_EDITIONS = {"old": ("改正前", "old"), "new": ("改正後", "new")}


@dataclass(frozen=True, slots=True)
class Notice:
    """One thing to tell the reader: a code of :data:`TEMPLATES` and its fields, each as text."""

    code: str
    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **fields: object) -> Notice:
        if code not in TEMPLATES:
            raise KeyError(f"no template for notice {code!r}")
        return cls(code, tuple((name, str(value)) for name, value in fields.items()))

    def get(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.fields if key == name), default)

    def on(self, edition: str) -> Notice:
        """The same notice about one edition (``old`` | ``new``) of a comparison."""
        return Notice(self.code, (("edition", edition), *((k, v) for k, v in self.fields if k != "edition")))

    def text(self, lang: Lang = "en") -> str:
        """The notice in ``ja`` or ``en`` (the English is ``Document.warnings`` / ``Changelog.warnings``)."""
        ja, en = TEMPLATES[self.code]
        values = dict(self.fields)
        values.update(_shape(values, lang))
        body = (ja if lang == "ja" else en).format(**values)
        edition = values.get("edition")
        if edition in _EDITIONS:
            name = _EDITIONS[edition][0 if lang == "ja" else 1]
            return f"【{name}】{body}" if lang == "ja" else f"{name}: {body}"
        return body


def _edition_name(values: dict[str, str], side: str, lang: Lang) -> str:
    era, year, title = values.get(f"{side}_era", ""), values.get(f"{side}_fy", ""), values.get(f"{side}_title", "")
    if era:
        return era
    if year:
        return f"{year}年度" if lang == "ja" else f"FY{year}"
    return title


def _shape(values: dict[str, str], lang: Lang) -> dict[str, str]:
    """The fields written differently in each language."""
    out: dict[str, str] = {}
    for name in ("lines", "pages"):
        if name in values and lang == "ja":
            out[name] = values[name].replace(", ", "、")
    if "more" in values:
        more = int(values["more"] or 0)
        out["more"] = "" if not more else (f"ほか{more}行" if lang == "ja" else f" and {more} more")
    if "path" in values and lang == "ja":
        parts = tuple(values["path"].split(" > "))
        if all(len(part) <= 4 for part in parts):  # numbers, as a plan cites them: I.3.(4)②
            out["path"] = compact_label(parts)
    if "times" in values:
        out["s"] = "" if values["times"] == "1" else "s"
    for side in ("old", "new"):
        if f"{side}_era" in values or f"{side}_fy" in values or f"{side}_title" in values:
            out[f"{side}_edition"] = _edition_name(values, side, lang)
    return out


def path_field(path: Path) -> str:
    """A heading path as a notice's ``path`` field."""
    return " > ".join(path)
