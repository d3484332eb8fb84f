"""Benchmark reading PDFs (``plandiff show``) as whole processes against pypdfium2's own text extraction.

- baseline: a process that opens the PDF with pypdfium2 and extracts every page's text
  (``get_textpage().get_text_range()``), which is the least any reader built on PDFium does;
- plandiff: ``python -m plandiff show FILE`` (reading, layout, parsing and the summary), whole process.

Both run on the 118-page 重点計画 and on a 612-page budget book built for the run from the real
富士市 budget PDFs (their pages imported over and over into one new PDF in a temporary directory,
never kept). Each is run ``--runs`` times; the median wall time and the peak resident memory (from
the kernel's rusage for that child) are reported, with plandiff's ratio to the baseline of the same
file measured in the same run. Aims (issue 15): at most 1.5× the baseline; 612 pages under 2 s.

Usage: python scripts/bench_pdf.py [--documents DIR] [--runs N] [--pages N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bench import measure  # scripts/ is on the path when this runs as a script

PLAN = "digital-agency-priority-plan-2023-06-09.pdf"
BOOK_PARTS = ("fuji-city-budget-r8-summary.pdf", "fuji-city-budget-r8-revenue-01-city-tax.pdf")

BASELINE = """
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1]); n = 0
for page in pdf: n += len(page.get_textpage().get_text_range())
print(n)
"""


def build_book(parts: list[Path], pages: int, out: Path) -> None:
    """A budget book of ``pages`` pages: the parts' pages imported in turn until it is that long."""
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(part) for part in parts]
    book = pdfium.PdfDocument.new()
    while len(book) < pages:
        for source in sources:
            take = min(len(source), pages - len(book))
            if take > 0:
                book.import_pages(source, list(range(take)))
    book.save(out)
    book.close()
    for source in sources:
        source.close()


def compare(label: str, path: Path, runs: int) -> tuple[float, float, float, float]:
    """(baseline s, show s, baseline MB, show MB) for one file."""
    py = sys.executable
    base, base_mb = measure(f"pypdfium2 extraction ({label})", [py, "-c", BASELINE, str(path)], runs)
    show, show_mb = measure(f"plandiff show ({label})", [py, "-m", "plandiff", "show", str(path)], runs)
    return base, show, base_mb, show_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=Path, default=Path("/work/shared/documents"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=612, help="length of the budget book built for the run")
    args = parser.parse_args()
    plan = args.documents / PLAN
    parts = [args.documents / name for name in BOOK_PARTS]
    missing = [str(p) for p in (plan, *parts) if not p.is_file()]
    if missing:
        print(f"PDF bench skipped: not found: {', '.join(missing)}")
        return 0
    print(f"\nPDF reading, whole processes, {args.runs} runs each, {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp, f"budget-book-{args.pages}.pdf")
        build_book(parts, args.pages, book)
        plan_base, plan_show, plan_base_mb, plan_mb = compare("118-page plan", plan, args.runs)
        book_base, book_show, book_base_mb, book_mb = compare(f"{args.pages}-page book", book, args.runs)
    print()
    print(f"show / extraction, 118-page plan : {plan_show / plan_base:5.2f}×   (aim ≤ 1.5×)")
    print(f"show / extraction, {args.pages}-page book: {book_show / book_base:5.2f}×   (aim ≤ 1.5×)")
    print(f"show wall time, {args.pages}-page book   : {book_show:5.3f} s  (aim < 2 s)")
    print(
        f"show peak memory                 : {plan_mb:5.1f} MB plan, {book_mb:.1f} MB book"
        f" (extraction {plan_base_mb:.1f} MB, {book_base_mb:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
