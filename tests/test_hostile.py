"""Hostile input: one line on stderr and exit 2 (or a stated fallback), never a traceback or a hang;
inputs are never modified and no partial output file is left behind."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.cli import Ran, invoke
from tests.conftest import FY2021
from tests.pdfgen import render_pdf


def run(*args: str) -> Ran:
    """``plandiff ARGS``, in this process (:mod:`tests.cli`)."""
    return invoke(*args)


def assert_one_line_error(result: Ran, fragment: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert b"Traceback" not in result.stderr
    assert err.count("\n") == 1 and err.startswith("plandiff: "), err
    assert fragment in err, err
    assert result.stdout == b""


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _random_bytes(n: int) -> bytes:
    return random.Random(20211).randbytes(n)


CASES = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", " \n\t\n\u3000\u3000\n\n".encode(), "the file is empty (only whitespace)"),
    ("random.bin", _random_bytes(4096), "binary file"),
    (
        "nul.txt",
        "I. 見出し\n".encode() + b"\x00\x00\x00" + "- ・本文。\n".encode(),
        "binary file (it contains NUL bytes)",
    ),
    (
        "latin1.txt",
        ("Résumé du plan: économie, société, qualité. " * 40).encode("latin-1"),
        "not text in UTF-8, UTF-16, CP932/Shift_JIS, EUC-JP or ISO-2022-JP",
    ),
    ("truncated.pdf", None, "not a readable PDF (damaged or truncated"),
    ("encrypted.pdf", None, "the PDF is encrypted (password-protected)"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_line(tmp_path: Path, name: str, data: bytes | None, fragment: str) -> None:
    if name == "truncated.pdf":
        data = render_pdf(["I. テスト", "- ・本文です。"])[:300]
    elif name == "encrypted.pdf":
        data = render_pdf(["I. テスト", "- ・本文です。"], encrypt="secret")
    assert data is not None
    path = _write(tmp_path, name, data)
    out = tmp_path / "out.md"
    for args in (
        ("show", str(path)),
        ("diff", str(FY2021), str(path), "-o", str(out)),
        ("diff", str(path), str(FY2021)),
    ):
        assert_one_line_error(run(*args), fragment)
    assert path.read_bytes() == data  # never modified
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no output file, no temporary file


def test_image_only_pdf(tmp_path: Path) -> None:
    from tests.test_pdf import _plain_pdf

    path = _write(tmp_path, "scan.pdf", _plain_pdf())
    assert_one_line_error(run("show", str(path)), "no text layer (a scanned PDF?); run OCR on it first")


def test_missing_path_and_directory(tmp_path: Path) -> None:
    assert_one_line_error(run("show", str(tmp_path / "nope.txt")), "nope.txt: no such file")
    assert_one_line_error(run("diff", str(tmp_path), str(FY2021)), "is a directory, not a plan file")


def test_fifty_megabytes_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(("- ・" + "あ" * 1000 + "。\n").encode() * 18_000)  # ~54 MB of valid UTF-8
    assert path.stat().st_size > 50 * 1024 * 1024
    assert_one_line_error(run("show", str(path)), "is over the 20 MB limit for a plan")


def test_utf16_without_bom_is_read_as_stated(tmp_path: Path, fy2021_text: str) -> None:
    text = fy2021_text.replace("–", "－")
    path = _write(tmp_path, "utf16.txt", text.encode("utf-16-le"))
    result = run("show", "-v", str(path))
    assert result.returncode == 0
    assert result.stderr.decode() == f"plandiff: {path}: read as UTF-16LE\n"  # the fallback is stated
    assert b"total: 95 sections, 218 measures" in result.stdout


def test_long_single_line_and_no_structure_fall_back_to_paragraphs(tmp_path: Path) -> None:
    line = "。".join(f"これは構造のない文書の{i}番目の文です" for i in range(600)) + "。"
    assert len(line) > 10_000
    old = _write(tmp_path, "old.txt", line.encode())
    new = _write(tmp_path, "new.txt", (line + "\n\n新しい段落を追加する。\n").encode())
    result = run("diff", "--lang", "en", str(old), str(new))
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "- Warning: old: no recognisable structure (no headings): every paragraph is compared as a measure" in out
    assert "- **New** (new: (top) l.3)" in out
    same = run("diff", str(old), str(old))
    assert same.returncode == 0


def test_pipe_in_table_cells_keeps_the_markdown_table(tmp_path: Path, fy2021_text: str) -> None:
    from markdown_it import MarkdownIt

    text = fy2021_text.replace("受託収入\t-\t-\t-\t220", "受託|収入\t-\t-\t-\t250", 1)
    new = _write(tmp_path, "new.txt", text.encode())
    result = run("diff", "--lang", "en", str(FY2021), str(new))
    assert result.returncode == 1
    tokens = MarkdownIt("commonmark").enable(["table"]).parse(result.stdout.decode())
    tables: list[list[int]] = []  # per table, the cell count of each row
    for tok in tokens:
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            tables[-1].append(0)
        elif tok.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
    out = result.stdout.decode()
    assert "| 収入 / 受託\\|収入 | 生産性向上業務(一般経理) | 220 | 250 | +30 | +13.6% | l.524 → l.524 |" in out
    # summary, largest moves, the table's changed lines (no total moved, no target changed)
    assert len(tables) == 3 and all(len(set(rows)) == 1 for rows in tables)  # no row broken by the |


def test_unwritable_output(tmp_path: Path) -> None:
    assert_one_line_error(run("diff", str(FY2021), str(FY2021), "-o", "/etc/passwd/out.md"), "cannot write")
    assert_one_line_error(
        run("diff", str(FY2021), str(FY2021), "-o", str(tmp_path / "no" / "dir.md")), "does not exist"
    )
    target = tmp_path / "a-directory"
    target.mkdir()
    assert_one_line_error(run("show", str(FY2021), "-o", str(target)), "cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-directory"]
    assert list(target.iterdir()) == []


def test_failed_run_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "changelog.md"
    out.write_text("previous changelog\n", encoding="utf-8")
    assert_one_line_error(run("diff", str(FY2021), str(tmp_path / "missing.txt"), "-o", str(out)), "no such file")
    assert out.read_text(encoding="utf-8") == "previous changelog\n"


def test_bad_options_exit_2() -> None:
    assert run("diff", str(FY2021)).returncode == 2
    result = run("diff", "-f", "yaml", str(FY2021), str(FY2021))
    assert_one_line_error(result, "unknown --format 'yaml'")
    assert os.fspath(FY2021)  # the corpus is where the tests expect it
