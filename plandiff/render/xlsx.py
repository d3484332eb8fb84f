"""新旧対照表 as an Excel workbook (openpyxl): the rows of :func:`plandiff.render.taisho.rows`.

One sheet per pair of editions: 改正後 | 改正前 | 備考, a Japanese font (ＭＳ 明朝, the font of most
printed 対照表), wrapped text in wide columns, heading rows shaded, changed runs underlined as rich
text (each changed run its own underlined text block), frozen header row, A4 landscape fit to width.
The workbook's timestamps are fixed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from plandiff.model import Changelog
from plandiff.render.labels import Lang, label
from plandiff.render.taisho import Runs, rows

FONT = "ＭＳ 明朝"
WIDTHS = {"A": 60, "B": 60, "C": 28}
_EPOCH = datetime.datetime(2000, 1, 1)


def _rich(cells: Runs, mark: str) -> CellRichText | str:
    plain = InlineFont(rFont=FONT, sz=10.5)
    under = InlineFont(rFont=FONT, sz=10.5, u="single")
    blocks: list[TextBlock | str] = []
    if mark:
        blocks.append(TextBlock(InlineFont(rFont=FONT, sz=10.5, b=True), f"（{mark}）"))
    for text, changed in cells:
        blocks.append(TextBlock(under if changed else plain, text))
    if not blocks:
        return ""
    return CellRichText(blocks)


def render(changelogs: list[Changelog], lang: Lang, stamp: str | None = None) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    thin = Side(style="thin", color="333333")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, changelog in enumerate(changelogs, start=1):
        title = "新旧対照表" if len(changelogs) == 1 else f"新旧対照表{number}"
        sheet = book.create_sheet(title)
        sheet.append([f"{label('new', lang)}：{changelog.new.title}", f"{label('old', lang)}：{changelog.old.title}"])
        sheet.append(
            [label("new", lang), label("old", lang), "備考" if lang == "ja" else "Note"],
        )
        for cell in sheet[1]:
            cell.font = Font(name=FONT, size=10.5)
        for cell in sheet[2]:
            cell.font = Font(name=FONT, size=10.5, bold=True)
            cell.fill = shade
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center")
        for row in rows(changelog, lang):
            r = sheet.max_row + 1
            new_mark = row.mark if row.mark and not row.heading else ""
            old_mark = ""
            if new_mark and not row.new:
                new_mark, old_mark = row.mark, ""
            elif new_mark and not row.old:
                new_mark, old_mark = "", row.mark
            values = (_rich(row.new, new_mark), _rich(row.old, old_mark), row.note)
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=col, value=value)
                cell.alignment = wrap
                cell.border = border
                if isinstance(value, str):
                    cell.font = Font(name=FONT, size=9 if col == 3 else 10.5, bold=row.heading and col < 3)
                if row.heading:
                    cell.fill = shade
        for column, width in WIDTHS.items():
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A3"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "2:2"
        if stamp:
            sheet.oddFooter.right.text = label("stamp", lang, date=stamp)
    book.properties.created = _EPOCH
    book.properties.modified = _EPOCH
    book.properties.creator = "plandiff"
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the archive with every member dated 1980-01-01: byte-identical output for the same inputs."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            target.writestr(fixed, body)
    return out.getvalue()
