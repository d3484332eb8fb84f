"""Document metadata from the front matter: title, organisation, edition (fiscal year), date of decision.

The edition is found whatever the family writes: a title with its year (``令和3年度計画``), a budget
book's cover (``令和８年度`` / ``一般会計予算書``), a newsletter's ``令和三年度 … 当初予算``, or, for a plan
decided by date only (``2023年（令和５年）６月９日`` on a cabinet plan's cover), the year of decision.
Dual notation, ``2023年度（令和５年度）``, is one year.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence

from plandiff.model import Metadata
from plandiff.text.years import era_to_year

_NUM = r"元|[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
_ERA_YEAR_RE = re.compile(rf"(令和|平成|昭和)\s*({_NUM})\s*年度")
_GREG_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年度")
_ERA_DATE_RE = re.compile(rf"(令和|平成|昭和)\s*({_NUM})\s*年\s*([0-9０-９]{{1,2}})\s*月\s*([0-9０-９]{{1,2}})\s*日")
_GREG_DATE_RE = re.compile(
    r"((?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年\s*(?:[（(][^）)]{1,8}[)）])?\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日"
)
_EDITION_RE = re.compile(rf"(令和|平成|昭和)\s*({_NUM})\s*年\s*度[^。\n]{{0,30}}?(?:当初予算|予\s*算|計\s*画)")
_LATIN_RUN_RE = re.compile(r"(?<=[^\x00-\x7f])(?=[A-Za-z]{5,})")
_MAX_TITLE = 40  # a longer line is running text, or a cover's words run together by the layout
_DECISION_RE = re.compile(r"決定|策定|閣議|提出|議決|改定")
_DATE_ONLY_RE = re.compile(r"^[\s0-9０-９年月日（）()令和平成昭元○〇]+$")  # a cover's date line standing alone
_UNSET_DAY_RE = re.compile(r"年\s*(?:[（(][^）)]{1,8}[)）])?\s*[0-9０-９○〇]{1,2}\s*月\s*[○〇]+\s*日")
_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年")
_TITLE_WORDS = ("計画", "予算", "方針", "戦略", "大綱")
_ORG_RE = re.compile(r"(法人|機構|機関|庁|省|局|センター|公社|公団|事業団|協会|市|町|村|県|都|道|府)$")


def fiscal_year_of(text: str) -> tuple[int, str] | None:
    """``令和3年度計画`` → ``(2021, "令和3年度")``; ``2021年度計画`` → ``(2021, "2021年度")``."""
    m = _ERA_YEAR_RE.search(text)
    if m:
        return era_to_year(m.group(1), m.group(2)), m.group(0)
    g = _GREG_YEAR_RE.search(text)
    if g:
        return int(unicodedata.normalize("NFKC", g.group(1))), g.group(0)
    return None


def date_of(text: str) -> str | None:
    """The first valid date in the text as ISO (``令和3年3月29日``, ``2023年（令和５年）６月９日``); an
    impossible one (``13月45日``) is no date."""
    for m in (_ERA_DATE_RE.search(text), _GREG_DATE_RE.search(text)):
        if m is None:
            continue
        groups = m.groups()
        year = era_to_year(groups[0], groups[1]) if len(groups) == 4 else int(unicodedata.normalize("NFKC", groups[0]))
        month, day = (int(unicodedata.normalize("NFKC", g)) for g in groups[-2:])
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def _close(line: str) -> str:
    # a cover sets its words letter-spaced (富 士 市, 一般会計予算書): close the spaces between CJK letters
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", " ".join(line.split()))


def _edition(lines: Sequence[str], body: Sequence[str]) -> tuple[int, str] | None:
    for line in lines:
        found = fiscal_year_of(line)
        if found:
            return found
    for line in body:
        m = _EDITION_RE.search(_close(line))
        if m:
            era = re.match(rf"(令和|平成|昭和)\s*({_NUM})\s*年\s*度", m.group(0))
            if era:
                return era_to_year(era.group(1), era.group(2)), era.group(0)
    return None


def extract(
    front: Sequence[str],
    source: str,
    encoding: str,
    fmt: str,
    family: str = "",
    body: Sequence[str] = (),
    headings: Sequence[str] = (),
) -> Metadata:
    lines = [_close(line) for line in front if line.strip()]
    # a cover's Latin masthead run into the title (当初予算成立Otoineppupublic…): the title ends there
    lines = [_LATIN_RUN_RE.split(line, maxsplit=1)[0] or line for line in lines]
    titled = [line for line in lines if any(word in line for word in _TITLE_WORDS) and len(line) <= _MAX_TITLE]
    # a cover sets the year and the title apart (令和８年度 / 一般会計予算書): the part heading in the
    # body that says both (令和８年度富士市一般会計予算) is the title then
    closed = [_close(h) for h in headings]
    dated_headings = [h for h in closed if any(word in h for word in _TITLE_WORDS) and fiscal_year_of(h)]
    title = next(
        (line for line in titled if fiscal_year_of(line)),
        dated_headings[0] if dated_headings else (titled[0] if titled else (lines[0] if lines else "")),
    )
    decided = None
    decided_raw = ""
    organisation = ""
    dated = [line for line in lines if _DECISION_RE.search(line) or _DATE_ONLY_RE.match(line)]
    for line in dated:
        if _ERA_DATE_RE.search(line) or _GREG_DATE_RE.search(line) or _UNSET_DAY_RE.search(line):
            decided, decided_raw = date_of(line), line  # an impossible date (13月45日) keeps its text, no date
            break
    for line in lines:
        if line != title and line != decided_raw and len(line) <= 30 and _ORG_RE.search(line):
            organisation = line
            break
    edition = fiscal_year_of(title) or _edition(lines, ())
    if edition is None and decided_raw:
        # a plan decided by date only: its edition is the year of decision (even if the day is
        # not set yet: 2024年（令和６年）６月○日)
        year = _YEAR_RE.search(decided_raw)
        if decided is not None:
            edition = (int(decided[:4]), "")
        elif year is not None:
            edition = (int(unicodedata.normalize("NFKC", year.group(1))), "")
    edition = edition or _edition((), body)
    fiscal_year, era_year = edition if edition else (None, "")
    return Metadata(
        title=title,
        organisation=organisation,
        fiscal_year=fiscal_year,
        era_year=era_year,
        decided=decided,
        decided_raw=decided_raw,
        source=source,
        encoding=encoding,
        format=fmt,
        family=family,
    )
