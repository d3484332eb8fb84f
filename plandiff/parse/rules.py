"""Line rules: each takes one source line and returns a :class:`LineToken` or ``None``.

``RULES`` is the order they are tried in; the first that answers wins. Each rule is a plain
function, testable alone. Patterns are written for the width variants real plans mix
(``(1)``/``（1）``, ``1.``/``１．``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from plandiff.text.normalize import repair


@dataclass(frozen=True, slots=True)
class LineToken:
    kind: str  # see RULES; headings carry label/marker/title
    text: str = ""  # content without the marker
    label: str = ""  # normalised heading label, e.g. "(1)"
    marker: str = ""  # marker as written
    rank: int = 0  # heading depth class: roman 1, arabic 2, paren 3, circled 4, halfparen 5


def _digits(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


_ROMAN_FW = dict(
    zip("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ", ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], strict=True)
)
_ROMAN_RE = re.compile(r"^\s*((?:X{0,3})(?:IX|IV|V?I{0,3})|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[.．]\s*(\S.*)$")
_ARABIC_RE = re.compile(r"^\s*([0-9０-９]{1,2})\s*[.．](?![0-9０-９])\s*(\S.*)$")
_PAREN_RE = re.compile(r"^\s*([(（]\s*[0-9０-９]{1,2}\s*[)）])\s*(\S.*)$")
_CIRCLED_RE = re.compile(r"^\s*([①-⑳])\s*(\S.*)$")
_HALFPAREN_RE = re.compile(r"^\s*([0-9０-９]{1,2}\s*[)）])\s*(\S.*)$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(\S.*)$")
_INDICATORS_RE = re.compile(r"^\s*【\s*指\s*標\s*】\s*$")
_ANNEX_RE = re.compile(
    r"^\s*(?![-‐－・･])(?:[(（]?別紙\s*[0-9０-９]*[)）]?\s*)?(\S.{0,60}?の)?\s*(予算|収支計画|資金計画)\s*$"
)
_ACCOUNT_RE = re.compile(r"^\s*[<＜〈]\s*(\S[^>＞〉]*勘定)\s*[>＞〉]\s*$")
_UNIT_RE = re.compile(r"^\s*[(（]\s*単\s*位\s*[:：]\s*([^)）]+?)\s*[)）]\s*$")
_NOTE_RE = re.compile(r"^\s*※")
_END_RE = re.compile(r"^\s*以\s*上\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-‐－]\s*)?[・･]\s*")
_DASH_RE = re.compile(r"^\s*[-‐－]\s+")


def blank(line: str) -> LineToken | None:
    return LineToken("blank") if not line.strip() else None


def table_row(line: str) -> LineToken | None:
    return LineToken("table_row", line) if "\t" in line.strip("\n") and line.strip() else None


def indicators(line: str) -> LineToken | None:
    return LineToken("indicators", "【指標】", "【指標】", "【指標】", 6) if _INDICATORS_RE.match(line) else None


def roman(line: str) -> LineToken | None:
    m = _ROMAN_RE.match(line)
    if not m or not m.group(1):
        return None
    label = _ROMAN_FW.get(m.group(1), m.group(1))
    return LineToken("roman", repair(m.group(2)), label, m.group(1) + ".", 1)


def arabic(line: str) -> LineToken | None:
    m = _ARABIC_RE.match(line)
    return LineToken("arabic", repair(m.group(2)), _digits(m.group(1)), m.group(1) + ".", 2) if m else None


def paren(line: str) -> LineToken | None:
    m = _PAREN_RE.match(line)
    if not m:
        return None
    return LineToken("paren", repair(m.group(2)), "".join(_digits(m.group(1)).split()), m.group(1), 3)


def circled(line: str) -> LineToken | None:
    m = _CIRCLED_RE.match(line)
    return LineToken("circled", repair(m.group(2)), m.group(1), m.group(1), 4) if m else None


def halfparen(line: str) -> LineToken | None:
    m = _HALFPAREN_RE.match(line)
    if not m:
        return None
    return LineToken("halfparen", repair(m.group(2)), "".join(_digits(m.group(1)).split()), m.group(1), 5)


def md_heading(line: str) -> LineToken | None:
    m = _MD_HEADING_RE.match(line)
    if not m:
        return None
    title = repair(m.group(2))
    return LineToken("heading", title, title, m.group(1), len(m.group(1)))


def annex(line: str) -> LineToken | None:
    m = _ANNEX_RE.match(line)
    return LineToken("annex", repair(line.strip()), m.group(2), "", 1) if m else None


def account(line: str) -> LineToken | None:
    m = _ACCOUNT_RE.match(line)
    return LineToken("account", "".join(m.group(1).split()), f"<{''.join(m.group(1).split())}>", "", 2) if m else None


def unit(line: str) -> LineToken | None:
    m = _UNIT_RE.match(line)
    return LineToken("unit", "".join(m.group(1).split())) if m else None


def note(line: str) -> LineToken | None:
    return LineToken("note", line.strip()) if _NOTE_RE.match(line) else None


def end_mark(line: str) -> LineToken | None:
    return LineToken("end") if _END_RE.match(line) else None


def bullet(line: str) -> LineToken | None:
    m = _BULLET_RE.match(line)
    return LineToken("bullet", line[m.end() :]) if m else None


def dash(line: str) -> LineToken | None:
    # "- " without "・": PDF extraction's list marker on a line that may be a continuation.
    m = _DASH_RE.match(line)
    return LineToken("dash", line[m.end() :]) if m else None


def text(line: str) -> LineToken | None:
    return LineToken("text", line.strip())


RULES: tuple[Callable[[str], LineToken | None], ...] = (
    blank,
    table_row,
    indicators,
    md_heading,
    roman,
    arabic,
    paren,
    circled,
    halfparen,
    annex,
    account,
    unit,
    note,
    end_mark,
    bullet,
    dash,
    text,
)


def classify(line: str) -> LineToken:
    for rule in RULES:
        token = rule(line)
        if token is not None:
            return token
    raise AssertionError("the text rule always answers")  # pragma: no cover
