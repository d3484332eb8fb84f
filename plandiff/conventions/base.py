"""What a family of documents writes differently, as data: the types, and the patterns every family shares.

A :class:`Family` is plain data: the heading styles it numbers its headings in, the labels of its target
blocks (【指標】, 【KPI】…), its budget statements and accounts, its bullet glyphs and the cues that
detect it. The parser and the extractors are built from a family; they hold no convention of their
own. A new family is one new module beside this one that builds a :class:`Family` from these parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# Numbers as headings write them. Width variants are mixed in real plans: (1)/（１）, 1./１．
_DIGITS = r"[0-9０-９]{1,2}"
_KANJI_NUM = "一二三四五六七八九十"
_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_FW = dict(zip("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ", _ROMAN, strict=True))
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"  # one-character (1)…(20), as newsletters set them


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _kanji_number(text: str) -> int | None:
    if not text or any(ch not in _KANJI_NUM for ch in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_NUM.index(tens) + 1 if tens else 1) * 10 + (_KANJI_NUM.index(ones) + 1 if ones else 0)
    return _KANJI_NUM.index(text) + 1 if len(text) == 1 else None


def ordinal_of(number: str) -> int | None:
    """The position a heading number stands for: ``３`` → 3, ``IV`` → 4, ``③`` → 3, ``ウ`` → 3, ``三`` → 3."""
    text = nfkc(number).strip()
    if text.isdigit():
        return int(text) if len(text) <= 4 else None
    if number in _ROMAN_FW:
        return _ROMAN.index(_ROMAN_FW[number]) + 1
    if text in _ROMAN:
        return _ROMAN.index(text) + 1
    if number in _CIRCLED:
        return _CIRCLED.index(number) + 1
    if number in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(number) + 1
    if len(number) == 1 and number in _KATAKANA:
        return _KATAKANA.index(number) + 1
    return _kanji_number(text)


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    """One way of numbering headings: ``（１）`` is the style ``paren``, whatever its depth in a document.

    ``pattern`` has the groups ``marker`` (as written), ``num`` (the number inside it) and ``title``.
    ``label`` turns the number into the normalised label a heading path holds (``（１）`` → ``(1)``).
    """

    kind: str
    pattern: re.Pattern[str]
    label: Callable[[str], str]
    numbered: bool = True  # False: no sequence to check (Markdown ``#`` headings, 【…】 blocks)

    def match(self, line: str) -> tuple[str, str, str, int | None] | None:
        """``(marker, label, title, ordinal)`` when the line is written in this style."""
        m = self.pattern.match(line)
        if not m or not m.group("title").strip():
            return None
        number = m.groupdict().get("ord") or m.group("num")
        ordinal = ordinal_of(number) if self.numbered else None
        return m.group("marker"), self.label(m.group("num")), m.group("title"), ordinal


def _style(kind: str, marker: str, label: Callable[[str], str], sep: str = r"\s*") -> HeadingStyle:
    pattern = re.compile(rf"^\s*(?P<marker>{marker}){sep}(?P<title>\S.*)$")
    return HeadingStyle(kind, pattern, label)


def _plain(num: str) -> str:
    return "".join(nfkc(num).split())


def _roman_label(num: str) -> str:
    return _ROMAN_FW.get(num, num)


# The shared heading styles. A family picks the ones it uses, in the order they are tried.
ROMAN = _style("roman", r"(?P<num>(?:X{0,3})(?:IX|IV|V?I{0,3})|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[.．]", _roman_label)
DAI = _style(
    "dai",
    rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})(?![0-9０-９章節部編款条表項])",
    lambda n: f"第{_plain(n)}",
    r"[\s　]+",
)
DAI_SUB = _style(
    "dai_sub",
    rf"第\s*(?P<num>{_DIGITS}\s*[-－‐]\s*(?P<ord>{_DIGITS}))",
    lambda n: f"第{_plain(n).replace('－', '-').replace('‐', '-')}",
    r"[\s　]*",
)
DAI_HEN = _style("dai_hen", rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})\s*編", lambda n: f"第{_plain(n)}編")
DAI_BU = _style("dai_bu", rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})\s*部", lambda n: f"第{_plain(n)}部")
DAI_SHO = _style("dai_sho", rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})\s*章", lambda n: f"第{_plain(n)}章")
DAI_SETSU = _style("dai_setsu", rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})\s*節", lambda n: f"第{_plain(n)}節")
DAI_HYO = _style("dai_hyo", rf"第\s*(?P<num>{_DIGITS}|[{_KANJI_NUM}]{{1,3}})\s*表", lambda n: f"第{_plain(n)}表")
# 施政方針: "１　安心して暮らせるまち" (a number, a wide space, no dot); only where a family says so
NUM_SPACE = _style("num_space", rf"(?P<num>{_DIGITS})", _plain, r"[　]+|\s{2,}")
KAN = _style("kan", rf"(?P<num>{_DIGITS})\s*款", lambda n: f"{_plain(n)}款")  # 予算書: 款 > 項 > 目
KOU = _style("kou", rf"(?P<num>{_DIGITS})\s*項", lambda n: f"{_plain(n)}項")
ARABIC = _style("arabic", rf"(?P<num>{_DIGITS})\s*[.．](?![0-9０-９])", _plain)
PAREN = _style("paren", rf"[(（]\s*(?P<num>{_DIGITS})\s*[)）]", lambda n: f"({_plain(n)})")
CIRCLED = _style("circled", rf"(?P<num>[{_CIRCLED}])", lambda n: n)
HALFPAREN = _style("halfparen", rf"(?P<num>{_DIGITS})\s*[)）]", lambda n: f"{_plain(n)})")
KATAKANA = _style("katakana", rf"(?P<num>[{_KATAKANA}])", lambda n: n, r"[\s　]+")
PAREN_KATAKANA = _style("paren_katakana", rf"[(（]\s*(?P<num>[{_KATAKANA}])\s*[)）]", lambda n: f"({n})")
PAREN_KANJI = _style("paren_kanji", rf"[(（]\s*(?P<num>[{_KANJI_NUM}]{{1,3}})\s*[)）]", lambda n: f"({n})")
MD_HEADING = HeadingStyle(
    "heading",
    re.compile(r"^(?P<marker>(?P<num>#{1,6}))\s+(?P<title>\S.*)$"),
    lambda n: n,
    numbered=False,
)

# Headings plans of every family number in; the generic family tries all of them.
ALL_STYLES: tuple[HeadingStyle, ...] = (
    MD_HEADING,
    DAI_HEN,
    DAI_BU,
    DAI_SHO,
    DAI_SETSU,
    DAI_HYO,
    DAI_SUB,
    DAI,
    ROMAN,
    ARABIC,
    PAREN,
    CIRCLED,
    HALFPAREN,
    PAREN_KATAKANA,
    PAREN_KANJI,
    KATAKANA,
)


# Lines that open a block in any family: annex captions (…の予算), <…勘定>, (単位:百万円), 【…】.
def annex_pattern(statements: tuple[str, ...]) -> re.Pattern[str]:
    """An annex caption naming one of the statements: ``2021年度計画(…)の予算``, ``(別紙2) 収支計画``."""
    names = "|".join(re.escape(name) for name in statements) or "(?!)"
    return re.compile(rf"^\s*(?![-‐－・･])(?:[(（]?別紙\s*[0-9０-９]*[)）]?\s*)?(\S.{{0,60}}?の)?\s*({names})\s*$")


def account_pattern(suffix: str) -> re.Pattern[str]:
    """An account between angle brackets: ``<一般勘定>``."""
    return re.compile(rf"^\s*[<＜〈]\s*(\S[^>＞〉]*{re.escape(suffix) if suffix else '(?!)'})\s*[>＞〉]\s*$")


ANNEX_RE = annex_pattern(("予算", "収支計画", "資金計画"))
ACCOUNT_RE = account_pattern("勘定")
UNIT_RE = re.compile(r"^\s*[(（]\s*単\s*位\s*[:：]\s*([^)）]+?)\s*[)）]\s*$")
BLOCK_LABEL_RE = re.compile(r"^\s*【[^】]{1,12}】\s*$")


_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=1)
def _any_opening() -> re.Pattern[str]:
    """Every style and block pattern as one alternation (groups unnamed): a line none of them can match
    is told in one search instead of one per style; most lines of a plan are such lines."""
    patterns = [s.pattern.pattern for s in ALL_STYLES] + [
        p.pattern for p in (ANNEX_RE, ACCOUNT_RE, UNIT_RE, BLOCK_LABEL_RE)
    ]
    return re.compile("|".join(f"(?:{_GROUP_NAME_RE.sub('(?:', p)})" for p in patterns))


def heading_like(line: str) -> bool:
    """Does the line open a heading or block in some family? (The PDF reader never joins such a line.)"""
    if _any_opening().match(line) is None:  # a filter only: a match still goes through each style's rules
        return False
    return any(style.match(line) is not None for style in ALL_STYLES) or any(
        p.match(line) is not None for p in (ANNEX_RE, ACCOUNT_RE, UNIT_RE, BLOCK_LABEL_RE)
    )


@dataclass(frozen=True, slots=True)
class Family:
    """The conventions of one family of plan and budget documents (all data; see the module docstring)."""

    name: str  # identifier, for --profile
    title: str  # what the family is, in the documents' own words
    headings: tuple[HeadingStyle, ...]  # tried in this order; the first that matches wins
    target_blocks: tuple[str, ...] = ("指標",)  # 【指標】 opens a block of target items
    target_block_level: int | None = None  # the depth the block hangs under (None: the current heading)
    key_target_marks: tuple[str, ...] = ("【基幹目標】",)
    # a target in a sentence: "<metric>を<N><unit>(以上)<verb>" (…支援者数を5,000者以上とする)
    target_verbs: tuple[str, ...] = ("とする", "とし", "組成する", "向上する", "向上させる")
    # a goal in a sentence: "<metric><N><unit>を<verb>" (…オンライン利用率60％を目指す)
    goal_verbs: tuple[str, ...] = ()
    statements: tuple[str, ...] = ("予算", "収支計画", "資金計画")  # 独法 annex statements
    account_suffix: str = "勘定"  # <一般勘定>
    bullets: str = "・･"  # glyphs that start an item
    articles: bool = False  # 第N条 starts an item (予算総則), not a heading
    sequence_check: bool = True  # a numbered line is a heading only where its number follows on
    cues: tuple[tuple[str, int], ...] = ()  # (regex, weight): evidence that a document is of this family
    # Unnumbered headings the family always writes the same way (予算説明書, （歳入）): (regex over the
    # line with spaces removed and NFKC applied, ladder style). The style "part" opens a top part that
    # closes everything before it; headings of one style are siblings. A group "num" in the regex is
    # the heading's number (１ 総括), checked for sequence like any numbered heading.
    titles: tuple[tuple[str, str], ...] = ()
    row_headings: tuple[str, ...] = ()  # heading styles that may stand in a table row beside an amount
    top_styles: tuple[str, ...] = ()
    # parts whose loose text belongs to their tables (予算書: 第2表's item names beside the columns):
    # regexes over the part's heading label; such text is kept as measures of kind "table_text"
    table_parts: tuple[str, ...] = ()  # heading styles that always start at the top (予算書: 第1表, 第2表)
    # a PDF page none of whose lines matches this is outside the document's feature and is not read (a
    # newsletter's 予算特集 among its village news): named in a notice, never compared; "" reads every page
    feature_cue: str = ""

    def score(self, text: str) -> int:
        return sum(weight for pattern, weight in self.cues if re.search(pattern, text))
