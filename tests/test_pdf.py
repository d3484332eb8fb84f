"""PDF input: Japanese PDFs made in the test from the real FY2021 text parse to the same model."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from plandiff.errors import InputError
from plandiff.load import read_bytes
from plandiff.model import Document
from plandiff.readers.pdf import pdf_lines
from tests.cli import invoke
from tests.pdfgen import render_pdf


@pytest.fixture(scope="module")
def excerpt(fy2021_text: str) -> list[str]:
    """Front matter, I.1 and I.2 with their 【指標】 blocks (four sentences the original broke across
    pages), then the budget annex caption and the <産業基盤整備勘定> table."""
    lines = fy2021_text.splitlines()
    return lines[0:160] + lines[504:507] + lines[537:556]


@pytest.fixture(scope="module")
def pdf_bytes(excerpt: list[str]) -> bytes:
    return render_pdf(excerpt)


def test_pdf_parses_to_the_same_model_as_the_text(excerpt: list[str], pdf_bytes: bytes) -> None:
    text = read_bytes(("\n".join(excerpt) + "\n").encode("utf-8"), "excerpt.txt")
    pdf = read_bytes(pdf_bytes, "excerpt.pdf")
    assert pdf.meta.format == "pdf"
    assert (pdf.meta.title, pdf.meta.fiscal_year, pdf.meta.decided) == ("令和3年度計画", 2021, "2021-03-29")
    assert [(s.path, s.kind, s.title) for s in pdf.sections] == [(s.path, s.kind, s.title) for s in text.sections]
    assert len(pdf.sections) == 29
    assert [(m.path, m.text, m.repost, m.kind) for m in pdf.measures] == [
        (m.path, m.text, m.repost, m.kind) for m in text.measures
    ]
    assert len(pdf.measures) == 48
    assert [(t.path, t.text) for t in pdf.targets] == [(t.path, t.text) for t in text.targets]
    assert len(pdf.targets) == 14
    assert [(t.statement, t.account, t.unit, t.header_rows, [r.cells for r in t.rows]) for t in pdf.tables] == [
        (t.statement, t.account, t.unit, t.header_rows, [r.cells for r in t.rows]) for t in text.tables
    ]
    assert pdf.tables[0].rows[3].cells == ("業務収入", "66", "14", "-", "80")


def test_page_numbers_and_running_header_are_dropped_and_pages_kept(pdf_bytes: bytes) -> None:
    lines = pdf_lines(pdf_bytes, "excerpt.pdf")
    texts = [line.text for line in lines]
    assert not any(t.startswith("- ") and t.endswith(" -") for t in texts)  # "- 3 -" page numbers
    assert texts.count("令和3年度計画") == 1  # the title stays; the running header on every page does not
    pages = [line.page for line in lines]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 5


def test_sentence_broken_across_a_page_is_one_measure_with_its_page(pdf_bytes: bytes) -> None:
    document = read_bytes(pdf_bytes, "excerpt.pdf")
    measure = next(m for m in document.measures if m.text.startswith("組成後のファンドに対しては"))
    assert "事業承継・引継ぎ支援センターとの連携等を行うことにより" in measure.text  # 支援 / センター
    lines = pdf_lines(pdf_bytes, "excerpt.pdf")
    by_number = {line.number: line for line in lines}
    assert measure.page == by_number[measure.line].page
    assert by_number[measure.end_line].page == measure.page + 1  # it ends on the next page


def test_pdf_diff_through_the_cli(tmp_path: Path, excerpt: list[str], pdf_bytes: bytes) -> None:
    old = tmp_path / "old.pdf"
    old.write_bytes(pdf_bytes)
    edited = [
        line.replace("5,000者以上", "6,000者以上", 1) if "事業承継に関する支援者数" in line else line
        for line in excerpt
    ]
    new = tmp_path / "new.pdf"
    new.write_bytes(render_pdf(edited))
    result = invoke("diff", "--lang", "en", str(old), str(new))
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "を~~5,000~~**6,000**者以上とする。" in out  # no spaces added inside Japanese text
    page = next(line.page for line in pdf_lines(pdf_bytes, "old.pdf") if "より多くの中小企業" in line.text)
    assert f"I > 1 > (1) > ① l.15–16 (p.{page}) → new I > 1 > (1) > ① l.15–16 (p.{page})" in out  # provenance


def _plain_pdf(**kwargs: object) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, **kwargs)  # type: ignore[arg-type]
    pdf.rect(100, 100, 200, 200, fill=1)  # shapes only: what a scan's image layer gives the text layer
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda pdf: pdf[: len(pdf) // 3], "not a readable PDF (damaged or truncated"),
        (
            lambda pdf: render_pdf(["I. テスト", "- ・本文。"], encrypt="secret"),
            "the PDF is encrypted (password-protected)",
        ),
        (lambda pdf: _plain_pdf(), "the PDF has no text layer (a scanned PDF?); run OCR on it first"),
    ],
    ids=["truncated", "encrypted", "image-only"],
)
def test_unreadable_pdfs_get_one_clear_line(pdf_bytes: bytes, data: object, message: str) -> None:
    assert callable(data)
    with pytest.raises(InputError) as caught:
        read_bytes(data(pdf_bytes), "x.pdf", suffix=".pdf")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_pdf_document_type(pdf_bytes: bytes) -> None:
    assert isinstance(read_bytes(pdf_bytes, "x.pdf"), Document)
