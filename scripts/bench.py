"""Benchmark ``plandiff diff`` as a whole process against baselines measured in the same run.

- plandiff: ``python -m plandiff diff OLD NEW`` (Markdown to /dev/null), whole process; where a core
  is free it tokenises in a second process (plandiff.text.tokenize), so it is also run with
  ``PLANDIFF_PROCESSES=1``: everything in one process;
- Sudachi floor: a process that loads the Sudachi dictionary and tokenises every line of both
  documents, item by item (what plandiff cannot avoid doing);
- difflib: a process running Python's character-level ``SequenceMatcher`` on the same pair.

Each is run ``--runs`` times, the commands in turn (so that a busy machine slows them alike); the median
wall time, the median CPU time (user + system, a child process's included) and the peak resident memory
(from the kernel's rusage for that child) are reported, with ratios to the baselines; "cores used" is
CPU over wall time.

Then a scaling table (below), and ``plandiff history`` over ten yearly editions of OLD next to ``plandiff
diff`` of one pair of them (years rolled, targets raised, a bullet reworded each year).

The scaling table (in one process: ``PLANDIFF_PROCESSES=1``, as it measures how the work grows): OLD and
NEW (every measure reworded) repeated 1×, 2×, 5× and 10×, each copy with its own vocabulary (every noun of copy c replaced by a katakana word of its own, so the copies are
different plans, not one plan said ten times), diffed as whole processes; time and peak memory are
given as ratios to the 1× run of the same run. Linear stages give ~k× at k×.

Usage: python scripts/bench.py OLD NEW [--runs N] [--scale-runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS in MB, exit code, and CPU seconds (user + system, its waited-for children's
    included: a tokenizer child's too) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime  # maxrss: KiB


def measure(name: str, argv: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    return measure_in_turn({name: (argv, None, ok)}, runs)[name][:2]


Command = tuple[list[str], dict[str, str] | None, tuple[int, ...]]  # argv, environment, exit codes that are fine


def measure_in_turn(commands: dict[str, Command], runs: int) -> dict[str, tuple[float, float, float]]:
    """Each command ``runs`` times, the commands in turn (so that a busy machine slows them alike): the
    median wall time, the peak memory and the median CPU time of each, printed with the cores it used."""
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env, ok) in commands.items():
            wall, peak, code, cpu = run(argv, env)
            if code not in ok:
                raise SystemExit(f"{name}: exit code {code}")
            samples[name].append((wall, peak, cpu))
    out = {}
    for name, taken in samples.items():
        walls, peaks, cpus = zip(*taken, strict=True)
        median, peak, cpu = statistics.median(walls), max(peaks), statistics.median(cpus)
        used = statistics.median(c / w for c, w in zip(cpus, walls, strict=True))
        print(
            f"{name:<34} median {median:7.3f} s   (min {min(walls):.3f}, max {max(walls):.3f})   "
            f"CPU {cpu:6.3f} s   peak {peak:6.1f} MB   cores used {used:.2f}"
        )
        out[name] = (median, peak, cpu)
    return out


_KATAKANA = [chr(c) for c in range(0x30A2, 0x30F3)]
_KEEP_RE = re.compile(r"[0-9０-９令和平成年度月日]")
_KANJI_RE = re.compile(r"[\u4e00-\u9fff]")


def _pieces(text: str) -> list[list[tuple[str, bool]]]:
    """The text as Sudachi tokens per line, each marked when it is a noun a copy may rename."""
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
    out = []
    for line in text.split("\n"):
        tokens: list[tuple[str, bool]] = []
        for chunk in re.split(r"(\t)", line):
            if chunk in ("\t", ""):
                tokens.append((chunk, False))
                continue
            for m in tokenizer.tokenize(chunk):
                surface, pos = m.surface(), m.part_of_speech()
                noun = pos[0] == "名詞" and pos[1] != "数詞" and not _KEEP_RE.search(surface)
                tokens.append((surface, noun and bool(_KANJI_RE.search(surface))))
        out.append(tokens)
    return out


def _copy(pieces: list[list[tuple[str, bool]]], c: int) -> str:
    """Copy ``c`` of a plan with a vocabulary of its own (copy 0 is the plan)."""

    def word(surface: str) -> str:
        rng = random.Random(f"{c}:{surface}")
        return "".join(rng.choice(_KATAKANA) for _ in range(rng.randint(3, 6)))

    return "\n".join("".join(word(s) if c and noun else s for s, noun in line) for line in pieces)


def _reworded(text: str) -> str:
    """Every measure reworded: none is left for the exact pass."""
    return re.sub(r"^(- )?・", lambda m: m.group(0) + "引き続き、", text, flags=re.MULTILINE)


def scaling(old: str, new: str, runs: int) -> None:
    py = sys.executable
    old_p = _pieces(Path(old).read_text(encoding="utf-8"))
    new_p = _pieces(_reworded(Path(new).read_text(encoding="utf-8")))
    alone = {**os.environ, "PLANDIFF_PROCESSES": "1"}  # how the work grows, not how a second core shares it
    print(
        f"\nScaling: OLD and NEW with every measure reworded, k copies (own vocabulary each), {runs} runs each,"
        " in one process\n"
    )
    print("| size | OLD bytes | time (s) | × 1× time | peak (MB) | × 1× peak |")
    print("|---:|---:|---:|---:|---:|---:|")
    base: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for k in (1, 2, 5, 10):
            a, b = Path(tmp, f"old{k}.txt"), Path(tmp, f"new{k}.txt")
            a.write_text("\n".join(_copy(old_p, c) for c in range(k)), encoding="utf-8")
            b.write_text("\n".join(_copy(new_p, c) for c in range(k)), encoding="utf-8")
            walls, peaks = [], []
            for _ in range(runs):
                wall, peak, code, _ = run([py, "-m", "plandiff", "diff", str(a), str(b)], alone)
                if code not in (0, 1):
                    raise SystemExit(f"scaling {k}×: exit code {code}")
                walls.append(wall)
                peaks.append(peak)
            wall, peak = statistics.median(walls), max(peaks)
            base = base or (wall, peak)
            size = a.stat().st_size
            print(f"| {k}× | {size:,} | {wall:.2f} | {wall / base[0]:.1f}× | {peak:.0f} | {peak / base[1]:.2f}× |")


_FY_RE = re.compile(r"(令和|平成)?([0-9０-９]+)(年度)")
_TARGET_RE = re.compile(r"([0-9,]+)(件以上)")


def _edition(text: str, k: int) -> str:
    """Edition ``k`` of a plan: every fiscal year rolled ``k`` years on, each ``…件以上`` target raised by
    10·k, and the k-th bullet reworded: a real next year's plan, with work for every stage."""

    def year(m: re.Match[str]) -> str:
        number = int(m.group(2).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        return f"{m.group(1) or ''}{number + k}{m.group(3)}"

    def target(m: re.Match[str]) -> str:
        return f"{int(m.group(1).replace(',', '')) + 10 * k:,}{m.group(2)}"

    text = _TARGET_RE.sub(target, _FY_RE.sub(year, text))
    bullets = [m.start() for m in re.finditer(r"^(?:- )?・", text, flags=re.MULTILINE)]
    if k and k < len(bullets):
        at = text.index("・", bullets[k]) + 1
        text = text[:at] + "引き続き、" + text[at:]
    return text


def editions(old: str, runs: int, count: int = 10) -> None:
    """``plandiff history`` over ``count`` editions next to ``plandiff diff`` of one pair of them."""
    py = sys.executable
    text = Path(old).read_text(encoding="utf-8")
    print(f"\nEditions: {count} yearly editions of OLD (years rolled, targets raised, a bullet reworded each year)\n")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k in range(count):
            path = Path(tmp, f"edition{k:02}.txt")
            path.write_text(_edition(text, k), encoding="utf-8")
            paths.append(str(path))
        probe = subprocess.run([py, "-m", "plandiff", "history", "--help"], capture_output=True, check=False)
        pair, pair_mb = measure("plandiff diff (one pair)", [py, "-m", "plandiff", "diff", *paths[:2]], runs, (0, 1))
        if probe.returncode != 0:
            print("plandiff history is not available in this build")
            return
        many, many_mb = measure(
            f"plandiff history ({count} editions)", [py, "-m", "plandiff", "history", *paths], runs, (0, 1)
        )
        print(f"\n{count} editions / one pair : {many / pair:5.2f}× time (aim ≤ 3×), {many_mb / pair_mb:5.2f}× memory")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale-runs", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    print(f"{args.old} → {args.new}, {args.runs} runs each, {os.cpu_count()} cores\n")
    one = {**os.environ, "PLANDIFF_PROCESSES": "1"}
    diff = [py, "-m", "plandiff", "diff", args.old, args.new]
    figures = measure_in_turn(
        {
            "python -c pass (interpreter)": ([py, "-c", "pass"], None, (0,)),
            "Sudachi floor (tokenise both)": ([py, "-c", SUDACHI, args.old, args.new], None, (0,)),
            "difflib SequenceMatcher (chars)": ([py, "-c", DIFFLIB, args.old, args.new], None, (0,)),
            "plandiff diff (markdown)": (diff, None, (0, 1)),
            "  in one process": (diff, one, (0, 1)),
            "plandiff diff --format json": ([*diff[:4], "-f", "json", *diff[4:]], None, (0, 1)),
        },
        args.runs,
    )
    empty = figures["python -c pass (interpreter)"][0]
    floor, floor_mb, floor_cpu = figures["Sudachi floor (tokenise both)"]
    dl, dl_mb, _ = figures["difflib SequenceMatcher (chars)"]
    pd, pd_mb, pd_cpu = figures["plandiff diff (markdown)"]
    alone, alone_mb, _ = figures["  in one process"]
    pj = figures["plandiff diff --format json"][0]
    print()
    print(
        f"plandiff / Sudachi floor : {pd / floor:5.2f}×   (aim ≤ 1.0×); in one process {alone / floor:5.2f}×; CPU {pd_cpu / floor_cpu:5.2f}×"
    )
    print(f"plandiff / difflib       : {pd / dl:5.2f}×")
    print(f"plandiff wall time       : {pd:5.3f} s  (aim ≤ 0.5 s; interpreter start alone {empty:.3f} s)")
    print(
        f"plandiff peak memory     : {pd_mb:5.1f} MB (aim ≤ 200 MB; in one process {alone_mb:.1f} MB; Sudachi floor {floor_mb:.1f} MB, difflib {dl_mb:.1f} MB)"
    )
    print(f"json vs markdown         : {pj / pd:5.2f}×")
    if args.scale_runs:
        scaling(args.old, args.new, args.scale_runs)
        editions(args.old, args.scale_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
