"""Benchmark reading PDFs (``plandiff show``) as whole processes against pypdfium2's own text extraction.

- baseline: a process that opens the PDF with pypdfium2 and extracts every page's text
  (``get_textpage().get_text_range()``), which is the least any reader built on PDFium does;
- plandiff: ``python -m plandiff show FILE`` (reading, layout, parsing and the summary), whole process;
  on Linux with two cores it shares a long PDF's pages with a forked child process, so it is also
  run with ``PLANDIFF_PDF_PROCESSES=1``: reading in one process.

They run on the 118-page 重点計画 and on a 612-page budget book built for the run from the real
富士市 budget PDFs (their pages imported over and over into one new PDF in a temporary directory,
never kept). Each is run ``--runs`` times, the three in turn (so that a busy machine slows them
alike); reported are the median wall time, the median CPU time (user + system, from the kernel's
rusage for that child, which counts the forked child too: what the two processes cost together) and
the peak resident memory (the larger of the two processes), with plandiff's ratios to the baseline
of the same file measured in the same run. "cores used" is CPU time over wall time (median over the
runs): near 1 for show, its second process found no free core (the machine was busy), and its wall
time is then that of one process. Aims (issue 15): at most 1.5× the baseline; 612 pages under 2 s.

Usage: python scripts/bench_pdf.py [--documents DIR] [--runs N] [--pages N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

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


class Figures(NamedTuple):
    wall: float  # median seconds
    cpu: float  # median user + system seconds, the forked child's included
    peak: float  # MB, the largest over the runs


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, its waited-for children's included) and peak RSS in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr is not None else ""
    if proc.stderr is not None:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv[:4])}: exit code {os.waitstatus_to_exitcode(status)}: {stderr.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def compare(label: str, path: Path, runs: int) -> tuple[Figures, Figures, Figures]:
    """(baseline, show, show in one process) for one file, their runs taken in turn."""
    py = sys.executable
    one = {**os.environ, "PLANDIFF_PDF_PROCESSES": "1"}
    commands = {
        f"pypdfium2 extraction ({label})": ([py, "-c", BASELINE, str(path)], dict(os.environ)),
        f"plandiff show ({label})": ([py, "-m", "plandiff", "show", str(path)], dict(os.environ)),
        f"  in one process ({label})": ([py, "-m", "plandiff", "show", str(path)], one),
    }
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            samples[name].append(run(argv, env))
    figures = []
    for name, taken in samples.items():
        walls, cpus, peaks = zip(*taken, strict=True)
        median = Figures(statistics.median(walls), statistics.median(cpus), max(peaks))
        print(
            f"{name:<38} median {median.wall:6.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
            f"   CPU {median.cpu:6.3f} s   peak {median.peak:6.1f} MB"
            f"   cores used {statistics.median(c / w for c, w in zip(cpus, walls, strict=True)):.2f}"
        )
        figures.append(median)
    base, show, alone = figures
    return base, show, alone


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
    # byte-compiled first, as an installed package is: with PYTHONDONTWRITEBYTECODE set, a module edited
    # since it was last compiled would be compiled again in every run (~10 ms for the PDF reader's three)
    import plandiff

    compileall.compile_dir(Path(plandiff.__file__).parent, quiet=1)
    print(f"\nPDF reading, whole processes, {args.runs} runs each, {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp, f"budget-book-{args.pages}.pdf")
        build_book(parts, args.pages, book)
        plan_figures = compare("118-page plan", plan, args.runs)
        book_figures = compare(f"{args.pages}-page book", book, args.runs)
    print()
    for label, (base, show, alone) in (("118-page plan", plan_figures), (f"{args.pages}-page book", book_figures)):
        print(
            f"show / extraction, {label:<14}: {show.wall / base.wall:5.2f}× wall (aim ≤ 1.5×),"
            f" CPU {show.cpu / base.cpu:4.2f}×; in one process {alone.wall / base.wall:4.2f}× wall"
        )
    book_show, book_alone = book_figures[1], book_figures[2]
    print(
        f"show wall time, {args.pages}-page book    : {book_show.wall:5.3f} s  (aim < 2 s);"
        f" in one process {book_alone.wall:.3f} s"
    )
    print(
        f"show peak memory                  : {plan_figures[1].peak:5.1f} MB plan, {book_show.peak:.1f} MB book"
        f" (extraction {plan_figures[0].peak:.1f} MB, {book_figures[0].peak:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
