"""Document metadata from the front matter: title, organisation, fiscal year, date of decision."""

from __future__ import annotations

import re
import unicodedata

from plandiff.model import Metadata

_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_YEAR_RE = re.compile(r"(令和|平成|昭和)\s*(元|[0-9０-９]+)\s*年度")
_GREG_YEAR_RE = re.compile(r"([0-9０-９]{4})\s*年度")
_DATE_RE = re.compile(r"(令和|平成|昭和)\s*(元|[0-9０-９]+)\s*年\s*([0-9０-９]+)\s*月\s*([0-9０-９]+)\s*日")
_ORG_RE = re.compile(r"(法人|機構|機関|庁|省|局|センター|公社|公団|事業団|協会)$")


def era_to_year(era: str, number: str) -> int:
    n = 1 if number == "元" else int(unicodedata.normalize("NFKC", number))
    return _ERA_BASE[era] + n


def fiscal_year_of(text: str) -> tuple[int, str] | None:
    """``令和3年度計画`` → ``(2021, "令和3年度")``; ``2021年度計画`` → ``(2021, "2021年度")``."""
    m = _ERA_YEAR_RE.search(text)
    if m:
        return era_to_year(m.group(1), m.group(2)), m.group(0)
    g = _GREG_YEAR_RE.search(text)
    if g:
        return int(unicodedata.normalize("NFKC", g.group(1))), g.group(0)
    return None


def extract(front: list[str], source: str, encoding: str, fmt: str, family: str = "") -> Metadata:
    lines = [" ".join(line.split()) for line in front if line.strip()]
    title = next((line for line in lines if "計画" in line and fiscal_year_of(line)), lines[0] if lines else "")
    decided = None
    decided_raw = ""
    organisation = ""
    for line in lines:
        m = _DATE_RE.search(line)
        if m and not decided:
            year = era_to_year(m.group(1), m.group(2))
            month, day = (int(unicodedata.normalize("NFKC", g)) for g in m.group(3, 4))
            decided, decided_raw = f"{year:04d}-{month:02d}-{day:02d}", line
        elif line != title and not organisation and _ORG_RE.search(line):
            organisation = line
    fy = fiscal_year_of(title)
    return Metadata(
        title=title,
        organisation=organisation,
        fiscal_year=fy[0] if fy else None,
        era_year=fy[1] if fy else "",
        decided=decided,
        decided_raw=decided_raw,
        source=source,
        encoding=encoding,
        format=fmt,
        family=family,
    )
