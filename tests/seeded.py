"""Hash-seed independence, end to end: the same output whatever ``PYTHONHASHSEED`` is.

A hash seed is fixed when Python starts, so this needs new processes; to keep them few, one process per
seed in :data:`SEEDS` runs every registered job (``python -m tests.seeded JOBS.json``, the seed and an
otherwise empty environment), and the tests compare what each seed's process wrote. A test module
registers its jobs when it is imported (:func:`register`, before any test runs) and reads the outputs
through the session fixture ``seeded`` (tests/conftest.py), which runs the processes once, on first use
(once for all the workers of a pytest-xdist run).

A job is ``["cli", [ARGS...]]`` — ``plandiff ARGS`` as ``plandiff.cli.main`` runs it (stdout in UTF-8,
``plandiff.cli.run``) — or ``["call", MODULE, FUNCTION, [ARGS...]]``, a function of the tests returning text.
"""

from __future__ import annotations

import base64
import fcntl
import importlib
import io
import json
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("0", "1", "4242")  # three processes; the in-process run of a test is a fourth, unfixed seed

Job = list[object]
_BUILDERS: dict[str, Callable[[Path], Job]] = {}


def register(name: str, build: Callable[[Path], Job]) -> None:
    """Run ``build(directory)``'s job under every seed; ``build`` writes its inputs into the directory."""
    _BUILDERS[name] = build


@dataclass(frozen=True)
class Output:
    seed: str
    returncode: int
    stdout: bytes


class Seeded:
    """Every registered job's output under each seed, from one process per seed, run on first use.

    ``directory`` may be shared by the workers of one pytest-xdist run (they collect the same tests, so
    register the same jobs): the first to need the outputs runs the processes and writes them there, under
    a lock; the others wait for it and read them."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._outputs: dict[str, list[Output]] | None = None

    def __call__(self, name: str) -> list[Output]:
        """The job's output under each of SEEDS, in that order."""
        if self._outputs is None:
            self._outputs = self._shared()
        return self._outputs[name]

    def _shared(self) -> dict[str, list[Output]]:
        self.directory.mkdir(parents=True, exist_ok=True)
        done = self.directory / "outputs.json"
        with (self.directory / "lock").open("wb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.exists():
                outputs = self._run()
                data = {
                    name: [[o.seed, o.returncode, base64.b64encode(o.stdout).decode()] for o in runs]
                    for name, runs in outputs.items()
                }
                partial = self.directory / "outputs.partial"
                partial.write_text(json.dumps(data), encoding="utf-8")
                partial.rename(done)
        data = json.loads(done.read_text(encoding="utf-8"))
        return {
            name: [Output(seed, code, base64.b64decode(out)) for seed, code, out in runs] for name, runs in data.items()
        }

    def _run(self) -> dict[str, list[Output]]:
        jobs = {}
        for name, build in sorted(_BUILDERS.items()):
            (self.directory / name).mkdir()
            jobs[name] = build(self.directory / name)
        spec = self.directory / "jobs.json"
        spec.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
        outputs: dict[str, list[Output]] = {name: [] for name in jobs}

        def run(seed: str) -> subprocess.CompletedProcess[bytes]:
            return subprocess.run(
                [sys.executable, "-m", "tests.seeded", str(spec)],
                capture_output=True,
                cwd=ROOT,
                check=False,
                timeout=300,
                env={"PYTHONHASHSEED": seed, "PATH": ""},
            )

        with ThreadPoolExecutor(len(SEEDS)) as pool:  # the processes run side by side
            results = list(pool.map(run, SEEDS))
        for seed, result in zip(SEEDS, results, strict=True):
            assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-3000:]
            for name, (code, data) in json.loads(result.stdout).items():
                outputs[name].append(Output(seed, code, base64.b64decode(data)))
        return outputs


def pairs_outputs(path: str) -> str:
    """Every output of the pairs of plans in ``path`` (texts separated by form feeds, old then new): the
    changelog in Markdown, JSON and HTML, and each plan's targets and budget listings in JSON."""
    from plandiff.diff import compare
    from plandiff.extract.budget import budget_lines, reconcile
    from plandiff.extract.targets import extract_targets
    from plandiff.load import read_bytes
    from plandiff.render.budget import budget_listing
    from plandiff.render.targets import targets_listing
    from plandiff.report import render_changelog

    texts = Path(path).read_text(encoding="utf-8").split("\f")
    docs = [read_bytes(t.encode(), "plan.txt") for t in texts]
    out: list[str] = []
    for a, b in zip(docs[::2], docs[1::2], strict=True):
        c = compare(a, b)
        for fmt in ("markdown", "json", "html"):
            out.append(render_changelog(c, fmt))
        for d in (a, b):
            out.append(targets_listing(extract_targets(d), "json"))
            out.append(budget_listing(budget_lines(d), reconcile(d), "json"))
    return "".join(out)


def _child(spec: Path) -> None:
    from plandiff.cli import _utf8_streams, run

    _utf8_streams()
    real = sys.stdout
    results: dict[str, tuple[int, str]] = {}
    for name, job in json.loads(spec.read_text(encoding="utf-8")).items():
        kind, *rest = job
        if kind == "cli":
            buffer = io.BytesIO()
            stream = io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", newline="\n", write_through=True)
            sys.stdout = stream
            try:
                code = run(rest[0])
            finally:
                sys.stdout = real
                stream.flush()
                stream.detach()  # the buffer stays open
            data = buffer.getvalue()
        else:
            module, function, args = rest
            code, data = 0, getattr(importlib.import_module(module), function)(*args).encode("utf-8")
        results[name] = (code, base64.b64encode(data).decode("ascii"))
    json.dump(results, real)


if __name__ == "__main__":
    _child(Path(sys.argv[1]))
