"""Benchmark ``plandiff diff`` as a whole process against baselines measured in the same run.

- plandiff: ``python -m plandiff diff OLD NEW`` (Markdown to /dev/null), whole process;
- Sudachi floor: a process that loads the Sudachi dictionary and tokenises every line of both
  documents, item by item (what plandiff cannot avoid doing);
- difflib: a process running Python's character-level ``SequenceMatcher`` on the same pair.

Each is run ``--runs`` times; the median wall time and the peak resident memory (from the
kernel's rusage for that child) are reported, with ratios to the baselines.

Usage: python scripts/bench.py OLD NEW [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

SUDACHI = """
import sys
from sudachipy import Dictionary, SplitMode
tok = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
n = 0
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.strip():
            n += len(tok.tokenize(line))
print(n)
"""

DIFFLIB = """
import sys, difflib
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
print(len(difflib.SequenceMatcher(None, a, b).get_opcodes()))
"""


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KiB on Linux


def measure(name: str, argv: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    walls, peaks = [], []
    for _ in range(runs):
        wall, peak, code = run(argv)
        if code not in ok:
            raise SystemExit(f"{name}: exit code {code}")
        walls.append(wall)
        peaks.append(peak)
    median, peak = statistics.median(walls), max(peaks)
    print(f"{name:<34} median {median:7.3f} s   (min {min(walls):.3f}, max {max(walls):.3f})   peak {peak:6.1f} MB")
    return median, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    print(f"{args.old} → {args.new}, {args.runs} runs each, {os.cpu_count()} cores\n")
    empty, _ = measure("python -c pass (interpreter)", [py, "-c", "pass"], args.runs)
    floor, floor_mb = measure("Sudachi floor (tokenise both)", [py, "-c", SUDACHI, args.old, args.new], args.runs)
    dl, dl_mb = measure("difflib SequenceMatcher (chars)", [py, "-c", DIFFLIB, args.old, args.new], args.runs)
    pd, pd_mb = measure(
        "plandiff diff (markdown)", [py, "-m", "plandiff", "diff", args.old, args.new], args.runs, (0, 1)
    )
    pj, _ = measure(
        "plandiff diff --format json",
        [py, "-m", "plandiff", "diff", "-f", "json", args.old, args.new],
        args.runs,
        (0, 1),
    )
    print()
    print(f"plandiff / Sudachi floor : {pd / floor:5.2f}×   (aim ≤ 2×)")
    print(f"plandiff / difflib       : {pd / dl:5.2f}×")
    print(f"plandiff wall time       : {pd:5.3f} s  (aim ≤ 0.5 s; interpreter start alone {empty:.3f} s)")
    print(
        f"plandiff peak memory     : {pd_mb:5.1f} MB (aim ≤ 200 MB; Sudachi floor {floor_mb:.1f} MB, difflib {dl_mb:.1f} MB)"
    )
    print(f"json vs markdown         : {pj / pd:5.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
