"""Line rules: each takes one source line and returns a :class:`LineToken` or ``None``.

The rules are built from a document family's conventions (:mod:`plandiff.conventions`): which
heading styles it numbers in, its target-block labels, its bullets. :func:`ruler` returns the
ordered chain for a family; the first rule that answers wins. Each rule is a plain function,
testable alone; :func:`classify` is the chain of the generic family, which knows every convention.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from plandiff.conventions import GENERIC, Family
from plandiff.conventions.base import UNIT_RE as _UNIT_RE
from plandiff.conventions.base import account_pattern, annex_pattern, nfkc
from plandiff.text.normalize import repair

Rule = Callable[[str], "LineToken | None"]


@dataclass(frozen=True, slots=True)
class LineToken:
    """What one line is (a heading of some style, a bullet, a table row, text …), with its parts."""

    kind: str  # a heading style's kind (roman, arabic, dai…) or one of the rule names below
    text: str = ""  # content without the marker
    label: str = ""  # normalised heading label, e.g. "(1)"
    marker: str = ""  # marker as written
    ordinal: int | None = None  # the heading's number in its sequence (３ → 3, ウ → 3), for sequence checks
    style: str = ""  # the ladder's name for the heading style when it differs from kind (Markdown: "h2")


HEADING_KINDS = frozenset(
    {
        "heading",
        "roman",
        "arabic",
        "paren",
        "circled",
        "halfparen",
        "dai",
        "dai_sub",
        "dai_hen",
        "dai_bu",
        "dai_sho",
        "dai_setsu",
        "dai_hyo",
        "katakana",
        "paren_katakana",
        "paren_kanji",
        "kan",
        "kou",
        "num_space",
    }
)
BLOCK_KINDS = frozenset({"indicators", "annex", "account", "titled"})  # headings with fixed places

_NOTE_RE = re.compile(r"^\s*※")
_END_RE = re.compile(r"^\s*以\s*上\s*$")
_DASH_RE = re.compile(r"^\s*[-‐－]\s+")
_DATELINE_RE = re.compile(
    r"^\s*(?:令和|平成|昭和)\s*(?:[0-9０-９]{1,2}|元)\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日"
    r"\s*(?:提出|議決|決定|策定|改定|閣議決定)?\s*$"
)
_CAPTION_RE = re.compile(r"^\s*[（(][^（）()0-9０-９]{2,20}[）)]\s*$")
_ARTICLE_RE = re.compile(r"^\s*第\s*[0-9０-９一二三四五六七八九十]+\s*条(?:\s*の\s*[0-9０-９]+)?[\s　]")
# A table-of-contents entry: a title, a dot leader and a page number (several may share a line).
TOC_ENTRY_RE = re.compile(r"(\S.*?)\s*(?:[.．…‥・･]\s*){3,}\s*([0-9０-９]{1,4})(?=\s|$|\S)")
_TOC_LINE_RE = re.compile(
    r"^\s*\S.*?(?:[.．…‥・･]\s*){3,}\s*[0-9０-９]{1,4}\s*(?:\S.*?(?:[.．…‥・･]\s*){3,}\s*[0-9０-９]{1,4}\s*)*$"
)


_UNIT_TAIL_RE = re.compile(r"\(単位:?[^)]*\)$")
_AMOUNT_CELL_RE = re.compile(r"^[△▲-]?\s*[0-9０-９][0-9０-９,，.]*\s*(?:千円|円|%|％)?$")
_TOC_HINT_RE = re.compile(r"[.．…‥・･]{3}")


def blank(line: str) -> LineToken | None:
    return LineToken("blank") if not line.strip() else None


def table_row(line: str) -> LineToken | None:
    return LineToken("table_row", line) if "\t" in line.strip("\n") and line.strip() else None


def toc(line: str) -> LineToken | None:
    if len(line) > 2000 or not _TOC_HINT_RE.search(line):  # cheap guard: no leader, no TOC line
        return None
    return LineToken("toc", line.strip()) if _TOC_LINE_RE.match(line) else None


def _annex_rule(family: Family) -> Rule:
    pattern = annex_pattern(family.statements)

    def annex(line: str) -> LineToken | None:
        m = pattern.match(line)
        return LineToken("annex", repair(line.strip()), m.group(2)) if m else None

    return annex


def _account_rule(family: Family) -> Rule:
    pattern = account_pattern(family.account_suffix)

    def account(line: str) -> LineToken | None:
        m = pattern.match(line)
        if not m:
            return None
        name = "".join(m.group(1).split())
        return LineToken("account", name, f"<{name}>")

    return account


def unit(line: str) -> LineToken | None:
    m = _UNIT_RE.match(line)
    return LineToken("unit", "".join(m.group(1).split())) if m else None


def note(line: str) -> LineToken | None:
    return LineToken("note", line.strip()) if _NOTE_RE.match(line) else None


def end_mark(line: str) -> LineToken | None:
    return LineToken("end") if _END_RE.match(line) else None


def dash(line: str) -> LineToken | None:
    # "- " without "・": PDF extraction's list marker on a line that may be a continuation.
    m = _DASH_RE.match(line)
    return LineToken("dash", line[m.end() :]) if m else None


def dateline(line: str) -> LineToken | None:
    # 令和８年２月１３日提出 standing alone: a signature, never the rest of the sentence above it
    return LineToken("dateline", line.strip()) if _DATELINE_RE.match(line) else None


def article_caption(line: str) -> LineToken | None:
    # （歳入歳出予算） above 第1条: the article's caption, read with it
    return LineToken("article_caption", line.strip()) if _CAPTION_RE.match(line) else None


def article(line: str) -> LineToken | None:
    # 第1条 of a 予算総則: an item of its own, marker and all.
    return LineToken("bullet", line.strip()) if _ARTICLE_RE.match(line) else None


def text(line: str) -> LineToken | None:
    return LineToken("text", line.strip())


def _heading_rule(family: Family) -> Rule:
    styles = family.headings

    def heading(line: str) -> LineToken | None:
        for style in styles:
            found = style.match(line)
            if found is not None:
                marker, label, title, ordinal = found
                title = repair(title)
                if style.kind == "heading":  # Markdown: the label is the title, the depth its marker
                    return LineToken("heading", title, title, marker, None, f"h{len(marker)}")
                return LineToken(style.kind, title, label, marker, ordinal)
        return None

    return heading


def _title_rule(family: Family) -> Rule:
    patterns = [(re.compile(pattern), style) for pattern, style in family.titles]

    def titled(line: str) -> LineToken | None:
        if not patterns or len(line) > 80:
            return None
        folded = _UNIT_TAIL_RE.sub("", "".join(nfkc(line).split()))  # （歳入）（単位 千円）: the unit is the table's
        for pattern, style in patterns:
            m = pattern.fullmatch(folded)
            if m:
                number = m.groupdict().get("num")
                title = folded[m.end("num") :] if number else folded
                title = title.strip("()")
                return LineToken("titled", title, title, number or "", int(number) if number else None, style)
        return None

    return titled


def _gapped_rule(heading: Rule, titled: Rule, row_headings: tuple[str, ...]) -> Rule:
    """A heading the layout set with wide gaps (``第１表    歳入歳出予算``, ``２  歳  入``) reads as a
    table row: with no amount in it, it is still the heading. A family's row headings (予算書:
    ``１款 市税 … 49,286,300千円``) stand beside their total."""

    def gapped(line: str) -> LineToken | None:
        if "\t" not in line:
            return None
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        amounts = [cell for cell in cells if _AMOUNT_CELL_RE.match(cell)]
        if row_headings and len(cells) == 2 and amounts == cells[1:]:
            token = heading(cells[0])
            return token if token is not None and token.kind in row_headings else None
        if not 0 < len(cells) <= 3 or amounts or len("".join(cells)) > 40:
            return None
        if any(heading(cell) is not None for cell in cells[1:]):
            return None  # a grid of numbered items (①… ⑥…), not one heading
        joined = " ".join(cells)
        return titled(joined) or heading(joined)

    return gapped


def _block_rule(family: Family) -> Rule:
    labels = "|".join(r"\s*".join(re.escape(ch) for ch in label) for label in family.target_blocks)
    pattern = re.compile(rf"^\s*【\s*(?:{labels})\s*】\s*$") if labels else None

    def indicators(line: str) -> LineToken | None:
        if pattern is None or not pattern.match(line):
            return None
        label = "【" + "".join(line.split())[1:-1] + "】"
        return LineToken("indicators", label, label, label)

    return indicators


def _bullet_rule(family: Family) -> Rule:
    glyphs = re.escape(family.bullets)
    pattern = re.compile(rf"^\s*(?:[-‐－]\s*)?[{glyphs}]\s*")

    def bullet(line: str) -> LineToken | None:
        m = pattern.match(line)
        return LineToken("bullet", line[m.end() :]) if m else None

    return bullet


@cache
def ruler(family: Family) -> tuple[Rule, ...]:
    """The ordered rule chain for one family."""
    heading, titled = _heading_rule(family), _title_rule(family)
    rules: list[Rule] = [
        blank,
        _gapped_rule(heading, titled, family.row_headings),
        table_row,
        toc,
        _block_rule(family),
        titled,
    ]
    if family.articles:
        rules += [dateline, article_caption, article]
    rules += [
        heading,
        _annex_rule(family),
        _account_rule(family),
        unit,
        note,
        end_mark,
        _bullet_rule(family),
        dash,
        text,
    ]
    return tuple(rules)


def classifier(family: Family) -> Callable[[str], LineToken]:
    rules = ruler(family)

    def classify_line(line: str) -> LineToken:
        for rule in rules:
            token = rule(line)
            if token is not None:
                return token
        raise AssertionError("the text rule always answers")  # pragma: no cover

    return classify_line


classify = classifier(GENERIC)


def toc_entries(line: str) -> list[tuple[str, str]]:
    """``(title with marker, page)`` for every entry on a TOC line (a PDF may glue two onto one)."""
    return [(m.group(1).strip(), m.group(2)) for m in TOC_ENTRY_RE.finditer(line)]
