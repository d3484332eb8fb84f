"""Hostile input, the rest of issue 12's list: line endings, invalid bytes, sizes at the limits, long
lines and deep nesting (finished, with the right model: never timed), injection with bidi and
zero-width characters, paths (Japanese, symlink loops, dangling links, FIFOs, stdin ``-``), huge PDFs,
and an OLD edition later than NEW. Each asserts the exit code, one stderr line, inputs unchanged and
no partial output."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from plandiff.readers.decode import MAX_TEXT_BYTES
from tests.cli import Ran, invoke
from tests.conftest import FY2021, ROOT
from tests.test_hostile import assert_one_line_error

HEAD = "令和3年度計画\n\nI. 見出し\n\n"


def run(*args: str, stdin: bytes | None = None) -> Ran:
    """``plandiff ARGS`` in this process (:mod:`tests.cli`), ``stdin`` as its standard input."""
    return invoke(*args, stdin=stdin)


def _ok(result: Ran, codes: tuple[int, ...] = (0,)) -> str:
    assert result.returncode in codes, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout.decode("utf-8")


# --- line endings and encodings ------------------------------------------------------------------

ENDINGS = {"crlf": "\r\n", "cr": "\r", "mixed": None}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_line_endings_give_the_model_of_lf(tmp_path: Path, fy2021_text: str, ending: str) -> None:
    lines = fy2021_text.split("\n")
    sep = ENDINGS[ending]
    text = "".join(line + (sep or ("\r\n" if k % 2 else "\n")) for k, line in enumerate(lines))
    path = tmp_path / f"{ending}.txt"
    path.write_bytes(text.encode())
    assert run("diff", str(FY2021), str(path)).returncode == 0  # no differences at all


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-16", "utf-8-sig"])
def test_every_encoding_reads_as_the_utf8_text(tmp_path: Path, fy2021_text: str, encoding: str) -> None:
    text = fy2021_text.encode(encoding, errors="ignore").decode(encoding)  # what the encoding can hold
    utf8, other = tmp_path / "utf8.txt", tmp_path / f"{encoding}.txt"
    utf8.write_text(text, encoding="utf-8")
    other.write_bytes(text.encode(encoding))
    assert run("diff", str(utf8), str(other)).returncode == 0


@pytest.mark.parametrize(
    "junk",
    [b"\xff\xfe\xfd" * 2000, b"\x80" * 5000, b"\xe3\x81" * 3000],
    ids=["ff-fe-fd", "lone-continuation", "truncated-utf8"],
)
def test_invalid_bytes_in_a_plan_are_one_line(tmp_path: Path, fy2021_text: str, junk: bytes) -> None:
    data = fy2021_text.encode()[:3000] + junk + fy2021_text.encode()[3000:]
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = run("show", str(path))
    if result.returncode == 2:
        assert_one_line_error(result, "bad.txt")
    else:
        _ok(result)  # read in some encoding with the junk as text: fine, never a traceback
    assert path.read_bytes() == data


# --- sizes at and over the limits ------------------------------------------------------------------


def test_one_byte_over_the_text_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "over.txt"
    body = (HEAD + "- ・本文。\n").encode()
    path.write_bytes(body + b" " * (MAX_TEXT_BYTES + 1 - len(body)))
    assert path.stat().st_size == MAX_TEXT_BYTES + 1
    assert_one_line_error(run("show", str(path)), "is over the 20 MB limit for a plan")


def test_an_endless_input_is_cut_at_the_limit() -> None:
    assert_one_line_error(run("show", "/dev/zero"), "over the size limit")


def test_a_text_at_the_limit_of_one_paragraph_is_read(tmp_path: Path) -> None:
    """1.4 MB of lines without 。 are one item (the parser joins them once, not line by line)."""
    body = "\n".join(f"事業承継の支援を行う取組その{k}" for k in range(40_000))
    path = tmp_path / "noperiod.txt"
    path.write_text(HEAD + "- ・" + body + "\n", encoding="utf-8")
    assert path.stat().st_size > 1_400_000
    out = _ok(run("show", str(path)))
    assert "1 measures" in out


def test_a_line_of_100k_digits_in_an_indicator_is_no_target(tmp_path: Path, fy2021_text: str) -> None:
    text = fy2021_text.replace(
        "・事業承継ファンド新規組成数：2本", "・事業承継ファンド新規組成数：" + "2" * 100_000 + "本", 1
    )
    path = tmp_path / "digits.txt"
    path.write_text(text, encoding="utf-8")
    targets = json.loads(_ok(run("targets", str(path), "-f", "json")))
    assert not any(t["metric"] == "事業承継ファンド新規組成数" for t in targets)  # that item is no target
    assert all("2" * 20 not in json.dumps(t) for t in targets)


def test_100k_spaces_in_one_measure(tmp_path: Path, fy2021_text: str) -> None:
    text = fy2021_text.replace("ノンネーム情報連絡会等", "ノンネーム情報" + " " * 100_000 + "連絡会等", 1)
    path = tmp_path / "spaces.txt"
    path.write_text(text, encoding="utf-8")
    assert "218 measures" in _ok(run("show", str(path)))
    _ok(run("diff", str(FY2021), str(path)), (0, 1))


def test_deep_nesting_of_headings(tmp_path: Path) -> None:
    levels = ["I.", "1.", "(1)", "①", "1)"]
    lines = ["令和3年度計画", ""]
    for k in range(400):
        lines += [f"{levels[k % 5]} 見出し{k}", "", f"- ・本文{k}を行う。", ""]
    path = tmp_path / "deep.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = _ok(run("show", str(path)))
    assert out.count("本文") == 0 and "measures" in out
    assert run("diff", str(path), str(path)).returncode == 0


# --- injection: bidi and zero-width characters -----------------------------------------------------

BIDI = ["\u202e", "\u202a", "\u2066", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u200f"]
_RAW_SCRIPT = re.compile(r"(?<!\\)<script")


def _inject(tmp_path: Path, fy2021_text: str, char: str) -> Path:
    text = fy2021_text.replace("ノンネーム情報連絡会等", f"ノンネーム{char}情報{char}<script>alert(1)</script>", 1)
    path = tmp_path / "injected.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_never_reach_the_output(tmp_path: Path, fy2021_text: str, char: str) -> None:
    path = _inject(tmp_path, fy2021_text, char)
    for fmt in ("markdown", "html", "json"):
        out = _ok(run("diff", str(FY2021), str(path), "-f", fmt), (1,))
        assert char not in out and "\ufffd" in out
        if fmt != "json":  # in JSON it is a string's data
            assert not _RAW_SCRIPT.search(out)  # Markdown escapes it, HTML quotes it
    assert char not in _ok(run("show", str(path)))


@pytest.mark.parametrize("char", ZERO_WIDTH, ids=[f"U+{ord(c):04X}" for c in ZERO_WIDTH])
def test_zero_width_characters_are_text(tmp_path: Path, fy2021_text: str, char: str) -> None:
    path = _inject(tmp_path, fy2021_text, char)
    html = _ok(run("diff", str(FY2021), str(path), "-f", "html"), (1,))
    assert "<script" not in html
    markdown = _ok(run("diff", str(FY2021), str(path)), (1,))
    assert not _RAW_SCRIPT.search(markdown)
    assert "ノンネーム" in markdown  # reported as a change: the hidden character is never "no change"


# --- paths -----------------------------------------------------------------------------------------


def test_japanese_path_with_spaces(tmp_path: Path, fy2021_text: str) -> None:
    folder = tmp_path / "計画 令和3年度"
    folder.mkdir()
    path = folder / "年度計画 (令和3).txt"
    path.write_text(fy2021_text, encoding="utf-8")
    assert run("diff", str(FY2021), str(path)).returncode == 0
    missing = folder / "存在しない 計画.txt"
    assert_one_line_error(run("show", str(missing)), f"{missing}: no such file")


def test_a_symlink_loop_is_named(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert_one_line_error(run("show", str(a)), "a symbolic link loop")


def test_a_dangling_symlink_is_named(tmp_path: Path) -> None:
    link = tmp_path / "plan.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert_one_line_error(run("diff", str(FY2021), str(link)), "a symbolic link to a file that does not exist")


def test_a_fifo_as_input_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f'cat "{FY2021}" > "{fifo}"'])
    try:
        assert run("diff", str(FY2021), str(fifo)).returncode == 0
    finally:
        writer.wait(timeout=60)


def test_stdin_dash_is_an_input(fy2021_text: str) -> None:
    data = fy2021_text.encode()
    assert run("diff", str(FY2021), "-", stdin=data).returncode == 0
    assert run("diff", "-", "-", stdin=data).returncode == 0  # read once, compared with itself
    assert "218 measures" in _ok(run("show", "-", stdin=data))


def test_stdin_dash_empty_and_binary() -> None:
    assert_one_line_error(run("show", "-", stdin=b""), "-: the file is empty")
    assert_one_line_error(run("show", "-", stdin=b"\x00\x01\x02" * 100), "binary file")


# --- huge PDFs ------------------------------------------------------------------------------------


def test_a_pdf_over_the_page_limit_is_refused_at_once(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from plandiff.readers.pdf import MAX_PDF_PAGES

    pdf = pdfium.PdfDocument.new()
    for _ in range(MAX_PDF_PAGES + 1):
        pdf.new_page(200, 200)
    path = tmp_path / "pages.pdf"
    pdf.save(str(path))
    pdf.close()
    assert_one_line_error(
        run("show", str(path)), f"{MAX_PDF_PAGES + 1:,} pages is over the {MAX_PDF_PAGES:,}-page limit"
    )


def test_an_empty_pdf_file_and_a_pdf_header_alone(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert run("show", str(empty)).returncode == 2
    header = tmp_path / "header.pdf"
    header.write_bytes(b"%PDF-1.7\n")
    assert_one_line_error(run("show", str(header)), "not a readable PDF")


# --- editions in the wrong order ---------------------------------------------------------------


def test_an_old_edition_later_than_new_is_warned_about(tmp_path: Path) -> None:
    new = ROOT / "corpus" / "smrj-fy2022-annual-plan.CONSTRUCTED.txt"
    markdown = _ok(run("diff", "--lang", "en", str(new), str(FY2021)), (1,))
    assert "Warning: OLD is the later edition (FY2022) and NEW the earlier (FY2021)" in markdown
    data = json.loads(_ok(run("diff", str(new), str(FY2021), "-f", "json"), (1,)))
    assert any("OLD is the later edition" in w for w in data["warnings"])
    assert "later edition" not in _ok(run("diff", str(FY2021), str(new)), (1,))
