"""Japanese years: era years (令和3年 → 2021, 令和元年, 令和三年) to the Gregorian calendar."""

from __future__ import annotations

import unicodedata

ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int:
    if text == "元":
        return 1
    folded = unicodedata.normalize("NFKC", text)
    if folded.isdigit():
        return int(folded)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    return _KANJI_DIGITS.get(text, 0)


def era_to_year(era: str, number: str) -> int:
    return ERA_BASE[era] + _number(number)
