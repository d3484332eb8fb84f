"""Repair PDF-extraction damage for display, and build comparison keys that are never shown.

Two levels, kept apart on purpose:

- :func:`repair` makes text readable as the document meant it (``I T`` → ``IT``, ``令和 2 年`` →
  ``令和2年``) and keeps every character's width and form: it is what the changelog shows.
- :func:`key` is for comparison only: width-folded (NFKC), whitespace-free, with characters that
  carry meaning here protected from NFKC (``①`` is a heading marker, not the digit 1).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK ideographs, kana, the iteration mark, and CJK/full-width punctuation.
_CJK = r"\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6"
# A run of two or more single Latin letters/digits/hyphens separated by single spaces: "J - N e t 2 1".
_SPACED_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9&\-](?: [A-Za-z0-9&\-])+(?![A-Za-z0-9])")
# Whitespace touching a CJK character on either side: "上位 2 段階", "常に 対応".
_CJK_SPACE_RE = re.compile(f"(?<=[{_CJK}])[ \\t\u3000]+|[ \\t\u3000]+(?=[{_CJK}])")
# "70 %", "2 年": a digit then spaces then a percent sign.
_PERCENT_SPACE_RE = re.compile(r"(?<=[0-9０-９])\s+(?=[%％])")

# NFKC would turn these into plain digits/letters and destroy their meaning in a plan.
_PROTECTED = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳△▲※")
_DASHES = {"‐": "-", "‑": "-", "–": "-", "—": "-", "―": "-", "−": "-", "－": "-", "ｰ": "ー"}
_PROTECTED_RE = re.compile(f"([{''.join(sorted(_PROTECTED))}])")
_DASH_TABLE = str.maketrans(_DASHES)
_REPOST_RE = re.compile(r"[（(]\s*再\s*掲\s*[)）]")


def repair(text: str) -> str:
    """Undo PDF spacing damage for display; never changes width or meaning."""
    text = _SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = _CJK_SPACE_RE.sub("", text)
    text = _PERCENT_SPACE_RE.sub("", text)
    return " ".join(text.split(" ")).strip()


def fold_width(text: str) -> str:
    """NFKC on everything but the protected characters (circled numbers, △, ※)."""
    if _PROTECTED_RE.search(text) is None:
        folded = unicodedata.normalize("NFKC", text)
    else:  # the runs between protected characters, each folded; the protected ones kept as written
        parts = _PROTECTED_RE.split(text)
        folded = "".join(part if k % 2 else unicodedata.normalize("NFKC", part) for k, part in enumerate(parts))
    return folded.translate(_DASH_TABLE)


def strip_repost(text: str) -> str:
    return _REPOST_RE.sub("", text).rstrip()


def is_repost(text: str) -> bool:
    return _REPOST_RE.search(text) is not None


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """Comparison key: width-folded, spacing repaired, all whitespace removed, （再掲） dropped."""
    return "".join(strip_repost(fold_width(repair(text))).split())
