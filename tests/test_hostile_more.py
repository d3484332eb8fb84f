"""The robustness promises, each through the CLI: never a traceback (a last-resort handler, one line,
exit 2), usage errors in one line, budget cells and target values that are not numbers are text,
``-o`` never destroys an input or a device node and keeps modes, stdout is UTF-8 whatever the locale,
ISO-2022-JP is read, terminal escapes never reach the screen; and every real document in
../shared/documents goes through every command without a traceback."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.errors import PlandiffError
from plandiff.extract.budget import budget_lines, read_amount, reconcile
from plandiff.load import read_bytes
from tests.cli import Ran, invoke, process
from tests.conftest import FY2021
from tests.shared_docs import SHARED as DOCUMENTS
from tests.test_hostile import assert_one_line_error, run


def assert_ok(result: Ran, code: int = 0) -> None:
    assert result.returncode == code, result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"Traceback" not in result.stdout


def strict_json(data: bytes) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not JSON: {name}")

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


# 1. the last resort, --debug, usage errors ------------------------------------------------------


def _crash(*args: object, **kwargs: object) -> object:
    return 1 / 0


def test_unexpected_exception_is_one_line_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plandiff.load.read", _crash)
    result = invoke("show", str(FY2021))
    assert_one_line_error(result, "internal error: ZeroDivisionError: division by zero; please report")


@pytest.mark.parametrize("how", ["option", "env"])
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr("plandiff.load.read", _crash)
    monkeypatch.delenv("PLANDIFF_DEBUG", raising=False)
    args = ["--debug", "show", str(FY2021)] if how == "option" else ["show", str(FY2021)]
    result = invoke(*args, env={"PLANDIFF_DEBUG": "1"} if how == "env" else None)
    assert result.returncode == 2
    assert b"Traceback" in result.stderr and b"ZeroDivisionError" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--bogus",), "No such option: --bogus"),
        (("show", "--bogus", str(FY2021)), "No such option: --bogus"),
        (("diff",), "Missing argument"),
        (("budget",), "Missing argument"),
        (("frobnicate", "x"), "No such command 'frobnicate'"),
        (("diff", "-f"), "requires an argument"),
    ],
    ids=["root-option", "command-option", "diff-missing", "budget-missing", "bad-command", "option-value"],
)
def test_usage_errors_are_one_line_exit_2(args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(run(*args), fragment)


# 2. budget cells that are not amounts, every minus style ------------------------------------------

ROW = "受託収入\t-\t-\t-\t220\t-\t-\t-\t-\t-\t-\t220"  # 予算 <一般勘定>, 収入
AMOUNTS = [
    ("△ 743", -743),
    ("▲743", -743),
    ("-743", -743),
    ("−743", -743),  # U+2212 MINUS SIGN
    ("－743", -743),  # full width
    ("(743)", -743),
    ("（７４３）", -743),
    ("-", None),
    ("ー", None),
    ("－", None),
    ("—", None),
]
TEXT_CELLS = ["小長井", "金 指 祐 樹", "5,353,100千円", "1,2,3", "1" * 30, "約100", "△", "ー743"]


def _budget_json(path: Path) -> dict[str, object]:
    result = run("budget", "-f", "json", str(path))
    assert_ok(result)
    data = strict_json(result.stdout)
    assert isinstance(data, dict)
    return data


def _line(data: dict[str, object], row_end: str, column: list[str]) -> dict[str, object] | None:
    lines = data["lines"]
    assert isinstance(lines, list)
    found = [ln for ln in lines if ln["row"][-1] == row_end and ln["column"] == column and ln["line"] == 524]
    return found[0] if found else None


@pytest.mark.parametrize(("cell", "amount"), AMOUNTS, ids=[c for c, _ in AMOUNTS])
def test_every_minus_style_and_nothing_mark(tmp_path: Path, fy2021_text: str, cell: str, amount: int | None) -> None:
    assert read_amount(cell) == (True, amount)
    path = tmp_path / "plan.txt"
    path.write_text(fy2021_text.replace(ROW, ROW.replace("\t-", f"\t{cell}", 1), 1), encoding="utf-8")
    line = _line(_budget_json(path), "受託収入", ["事業承継・引継ぎ促進業務", "(一般経理)"])
    assert line is not None and line["amount"] == amount and line["raw"] == cell


@pytest.mark.parametrize("cell", TEXT_CELLS, ids=[c[:12] for c in TEXT_CELLS])
def test_a_cell_that_is_not_an_amount_is_text(tmp_path: Path, fy2021_text: str, cell: str) -> None:
    assert read_amount(cell) == (False, None)
    path = tmp_path / "plan.txt"
    data = fy2021_text.replace(ROW, ROW.replace("\t-", f"\t{cell}", 1), 1)
    path.write_text(data, encoding="utf-8")
    listing = _budget_json(path)
    assert _line(listing, "受託収入", ["事業承継・引継ぎ促進業務", "(一般経理)"]) is None  # text: no line
    assert _line(listing, "受託収入", ["合計"]) is not None  # the row's amounts are still lines
    for fmt in ("markdown", "csv"):
        assert_ok(run("budget", "-f", fmt, str(path)))
    assert_ok(run("diff", str(path), str(path)))
    assert path.read_text(encoding="utf-8") == data


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ROW, "\t" + ROW.split("\t", 1)[1]),  # a data row with an empty label
        (ROW, ROW + "\n小長井\t"),  # a text row ending in a tab
        (ROW, ROW + "\n金 指 祐 樹\t小長井\t5,353,100千円"),  # a row of text only
    ],
    ids=["empty-label", "row-ending-in-tab", "text-row"],
)
def test_odd_rows_never_raise(tmp_path: Path, fy2021_text: str, old: str, new: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(fy2021_text.replace(old, new, 1), encoding="utf-8")
    for fmt in ("markdown", "json", "csv"):
        assert_ok(run("budget", "-f", fmt, str(path)))
    assert_ok(run("diff", str(path), str(path)))
    assert_ok(run("diff", str(FY2021), str(path)), 1)


# 2. target values and dates ---------------------------------------------------------------------

SKELETON = "令和3年度計画\n\nI. 見出し\n1. 項目\n- ・本文です。\n{body}\n"


@pytest.mark.parametrize(
    "value",
    ["1.2.3", "9" * 400, "1" * 5000],
    ids=["1.2.3", "400-digits", "5000-digits"],
)
def test_malformed_and_huge_target_values(tmp_path: Path, value: str) -> None:
    body = f"- ・支援件数を{value}件以上とする。\n【指標】\n・相談件数：{value}件以上\n・支援件数：5,000件以上"
    path = tmp_path / "plan.txt"
    path.write_text(SKELETON.format(body=body), encoding="utf-8")
    result = run("targets", "-f", "json", str(path))
    assert_ok(result)
    targets = strict_json(result.stdout)  # never Infinity
    assert isinstance(targets, list)
    assert [t["value"] for t in targets] == [5000]  # the malformed and huge values are not targets
    for args in (("targets",), ("show",), ("show", "--json"), ("budget",)):
        assert_ok(run(*args, str(path)))
    assert_ok(run("diff", str(path), str(path)))


def test_a_5000_digit_era_year_is_not_an_internal_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(SKELETON.format(body="").replace("令和3年度", "令和" + "1" * 5000 + "年度"), encoding="utf-8")
    assert_ok(run("show", str(path)))


def test_an_impossible_date_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(SKELETON.format(body="").replace("\n\n", "\n令和3年13月45日策定\n\n", 1), encoding="utf-8")
    result = run("show", "--json", str(path))
    assert_ok(result)
    meta = strict_json(result.stdout)["meta"]  # type: ignore[index]
    assert meta["decided"] is None  # not a date (the text stays in the document)
    assert "2021-13-45" not in meta["decided_raw"]
    assert b"2021-13-45" not in run("show", str(path)).stdout


# 3. -o safety -----------------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str = "plan.txt") -> tuple[Path, bytes]:
    data = FY2021.read_bytes()
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


@pytest.mark.parametrize("alias", ["same", "dotdot", "symlink", "hardlink"])
def test_output_onto_an_input_is_refused(tmp_path: Path, alias: str) -> None:
    plan, data = _copy(tmp_path)
    (tmp_path / "sub").mkdir()
    out = {
        "same": plan,
        "dotdot": tmp_path / "sub" / ".." / "plan.txt",
        "symlink": tmp_path / "link.txt",
        "hardlink": tmp_path / "hard.txt",
    }[alias]
    if alias == "symlink":
        out.symlink_to(plan)
    elif alias == "hardlink":
        os.link(plan, out)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (("show", str(plan)), ("diff", str(FY2021), str(plan)), ("budget", str(plan), "-f", "csv")):
        assert_one_line_error(run(*args, "-o", str(out)), "inputs are never overwritten")
    assert plan.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    if alias == "symlink":
        assert out.is_symlink()


def test_output_to_dev_null_keeps_the_device() -> None:
    assert_ok(run("show", str(FY2021), "-o", os.devnull))
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("show", str(FY2021), "-o", str(fifo))
    reader.join(timeout=60)
    assert_ok(result)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO
    assert received and received[0] == run("show", str(FY2021)).stdout


def test_output_keeps_an_existing_files_mode_and_new_files_get_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o644)
    assert_ok(invoke("show", str(FY2021), "-o", str(kept), umask=0o077))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644 and kept.read_text(encoding="utf-8") != "old\n"
    kept.chmod(0o640)
    assert_ok(invoke("show", str(FY2021), "-o", str(kept), umask=0o022))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    for umask, mode in ((0o022, 0o644), (0o027, 0o640)):
        new = tmp_path / f"new-{umask:o}.md"
        assert_ok(invoke("show", str(FY2021), "-o", str(new), umask=umask))
        assert stat.S_IMODE(new.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.md", "new-22.md", "new-27.md"]


def test_output_through_a_symlink_replaces_its_file_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert_ok(run("show", str(FY2021), "-o", str(link)))
    assert link.is_symlink() and target.read_bytes() == run("show", str(FY2021)).stdout


# 4. encodings, messages, escapes ----------------------------------------------------------------


@pytest.mark.end_to_end
def test_stdout_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """End to end (new processes): a locale's stream encoding is set when Python starts. The C locale's
    run reads the plan from a real pipe on stdin (``-``), the in-process tests from a buffer."""
    path = tmp_path / "plan.txt"
    path.write_text(SKELETON.format(body="- ・𠮷野家と髙島屋の①連携を支援する。"), encoding="utf-8")
    for env in ({"PYTHONIOENCODING": "cp932"}, {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"}):
        piped = env.get("LC_ALL") == "C"
        result = process(
            "show", "--json", "-" if piped else str(path), env=env, stdin=path.read_bytes() if piped else None
        )
        assert_ok(result)
        assert "𠮷野家" in result.stdout.decode("utf-8")
        diff = process("diff", str(path), str(path), env=env)
        assert_ok(diff)
        diff.stdout.decode("utf-8")


def test_iso_2022_jp_is_read(tmp_path: Path, fy2021_text: str) -> None:
    def jis(ch: str) -> str:  # a few characters (术) are in no JIS plane
        try:
            ch.encode("iso2022_jp_2004")
        except UnicodeEncodeError:
            return "〓"
        return ch

    text = "".join(jis(ch) for ch in fy2021_text)
    utf8, path = tmp_path / "utf8.txt", tmp_path / "plan.txt"
    utf8.write_text(text, encoding="utf-8")
    path.write_bytes(text.encode("iso2022_jp_2004"))
    result = run("show", "-v", str(path))
    assert_ok(result)
    assert result.stderr.decode() == f"plandiff: {path}: read as ISO-2022-JP\n"
    assert result.stdout.split(b"\n", 2)[2] == run("show", str(utf8)).stdout.split(b"\n", 2)[2]
    assert b"total: 95 sections, 218 measures" in result.stdout
    assert_ok(run("diff", str(utf8), str(path)))  # the same plan, in another encoding


def _zero_page_pdf() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_valid_zero_page_pdf_has_no_pages(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(_zero_page_pdf())
    assert_one_line_error(run("show", str(path)), "the PDF has no pages")
    assert path.read_bytes() == _zero_page_pdf()


def test_spaces_in_paths_are_kept_in_messages(tmp_path: Path) -> None:
    missing = tmp_path / "my  plan   2021.txt"
    assert_one_line_error(run("show", str(missing)), f"{missing}: no such file")
    assert PlandiffError("a\n  b  c").message == "a b  c"


def test_terminal_escapes_never_reach_the_screen(tmp_path: Path, fy2021_text: str) -> None:
    at = fy2021_text.index("。", 5000)
    escapes = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x08"
    path = tmp_path / "plan.txt"
    data = (fy2021_text[:at] + escapes + fy2021_text[at:]).encode("utf-8")
    path.write_bytes(data)
    outputs = [
        run("show", "--json", str(path)),
        run("diff", str(FY2021), str(path)),
        run("diff", "-f", "json", str(FY2021), str(path)),
        run("diff", "-f", "html", str(FY2021), str(path)),
    ]
    for result in outputs:
        assert result.returncode in (0, 1), result.stderr
        text = result.stdout.decode("utf-8")
        assert not any(ch in text for ch in "\x1b\x07\x08\x9b"), result.args
    assert "\ufffd" in outputs[1].stdout.decode("utf-8")  # the change is shown, its controls replaced
    escaped_name = tmp_path / "bad\x1b[31mname.txt"
    assert_one_line_error(run("show", str(escaped_name)), "no such file")
    assert b"\x1b" not in run("show", str(escaped_name)).stderr
    assert path.read_bytes() == data


# 5. every real document, every command --------------------------------------------------------

REAL = sorted(DOCUMENTS.iterdir()) if DOCUMENTS.is_dir() else []
COMMANDS = [
    ("show",),
    ("show", "--json"),
    ("targets",),
    ("targets", "-f", "json"),
    ("budget",),
    ("budget", "-f", "json"),
    ("budget", "-f", "csv"),
]


@pytest.mark.skipif(not DOCUMENTS.is_dir(), reason=f"{DOCUMENTS} is absent (a clone without ../shared)")
@pytest.mark.parametrize("document", REAL, ids=[p.name for p in REAL])
def test_every_real_document_every_command(document: Path) -> None:
    for args in COMMANDS:
        result = run(*args, str(document))
        assert_ok(result)
        if "json" in args or "--json" in args:
            strict_json(result.stdout)
    same = run("diff", str(document), str(document))
    assert b"Traceback" not in same.stderr
    assert same.returncode == 0, same.stdout.decode()[:2000] + same.stderr.decode()


# 5. fuzzing budget tables through read_bytes + budget_lines + reconcile ----------------------------

_CELLS = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**9).flatmap(
        lambda n: st.sampled_from([f"△ {n:,}", f"▲{n}", f"-{n}", f"−{n:,}", f"ー{n}", f"({n:,})", f"（{n}）"])
    ),
    st.sampled_from(["-", "ー", "－", "—", "–", "", "△", "1,2,3", "5,353,100千円", "小長井", "金 指 祐 樹", "計"]),
    st.integers(min_value=10**29, max_value=10**30 - 1).map(str),
    st.text(alphabet="0123456789,.△▲-−ー()（）千円 計収入支出", max_size=12),
)
_LABELS = st.sampled_from(
    ["", "収入", "支出", "計", "合計", "経常費用", "業務経費", "交付金", "小長井", "総利益(△総損失)"]
)
_ROWS = st.lists(st.tuples(_LABELS, st.lists(_CELLS, max_size=6), st.booleans()), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=_ROWS, header=st.lists(st.sampled_from(["金額", "甲", "乙", "合計", "(一般経理)", ""]), max_size=6))
def test_fuzzed_budget_tables_give_lines_or_a_plandiff_error(
    rows: list[tuple[str, list[str], bool]], header: list[str]
) -> None:
    table = ["区別\t" + "\t".join(header)]
    table += [label + "".join(f"\t{c}" for c in cells) + ("\t" if trailing else "") for label, cells, trailing in rows]
    text = (
        "令和3年度計画\n\nI. 見出し\n1. 項目\n- ・本文です。\n\n2021年度計画の予算\n\n<一般勘定>\n\n(単位:百万円)\n\n"
    )
    text += "\n".join(table) + "\n"
    try:
        document = read_bytes(text.encode("utf-8"), "fuzz.txt")
        lines = budget_lines(document)
        result = reconcile(document)
    except PlandiffError:
        return
    assert all(line.row for line in lines)
    assert all(line.amount is None or abs(line.amount) < 10**15 for line in lines)
    assert result.checked >= result.rounded >= 0
