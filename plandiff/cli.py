"""The ``plandiff`` command: a thin typer layer over the library. Errors → one line, exit 2.

Exit codes: 0 no differences, 1 differences found, 2 trouble, always: a PlandiffError, a usage
error (unknown option, missing argument, bad command), an interruption, and, as a last resort,
anything unexpected (``plandiff: internal error: <ExcType: message>; please report``; ``--debug``
or ``PLANDIFF_DEBUG=1`` shows the traceback instead). Each is one line on stderr.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Annotated, TypeVar

import typer

from plandiff.errors import PlandiffError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Compare fiscal-year editions of a Japanese government plan.",
)

T = TypeVar("T")


_DEBUG = {"on": False}
_BACKGROUND = {"on": False}  # main() may start helper processes; run() in a test's process never does


def _tokenizer_in_background() -> None:
    """Start Sudachi in a second process while this one imports and reads (plandiff.text.tokenize)."""
    if _BACKGROUND["on"]:
        from plandiff.text.tokenize import start_service

        start_service()


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show the traceback (also PLANDIFF_DEBUG=1)")
    ] = False,
) -> None:
    """Compare fiscal-year editions of a Japanese government plan; see each command's --help."""
    _DEBUG["on"] = _DEBUG["on"] or debug


FileArg = Annotated[str, typer.Argument(help="A plan: .txt (UTF-8, CP932, EUC-JP, UTF-16), .md, .html or .pdf")]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="Read with one family's conventions: dokuho (独法 年度計画), fusho (府省の計画), budget_book (予算書), "
        "koho (予算の概要・広報), statement (施政方針), generic; default: detected from the document",
    ),
]
OutOpt = Annotated[
    str | None, typer.Option("-o", "--output", help="Write here (atomically) instead of stdout; - is stdout")
]


def _check_lang_and_output(lang: str | None, format_: str, output: str | None) -> None:
    if lang is not None and lang not in ("ja", "en"):
        raise PlandiffError(f"unknown --lang {lang!r}: use ja or en")
    if format_ == "xlsx" and output in (None, "", "-") and sys.stdout.isatty():
        raise PlandiffError("-f xlsx writes a workbook: give -o FILE.xlsx (or redirect stdout)")


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except PlandiffError as exc:
        typer.echo(f"plandiff: {exc}", err=True)
        raise typer.Exit(2) from None
    except MemoryError:
        typer.echo("plandiff: out of memory", err=True)
        raise typer.Exit(2) from None


@app.command()
def show(
    file: FileArg,
    json_: Annotated[bool, typer.Option("--json", help="Print the whole document model as JSON")] = False,
    output: OutOpt = None,
    profile: ProfileOpt = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Say which encoding was detected")] = False,
) -> None:
    """Print a plan's outline: headings with the measures, targets and tables under each."""
    from plandiff.load import read
    from plandiff.output import write_output
    from plandiff.render.outline import outline, to_json

    def action() -> None:
        document = read(file, profile)
        if verbose:
            typer.echo(f"plandiff: {file}: read as {document.meta.encoding}", err=True)
        write_output(to_json(document) if json_ else outline(document), output, [file])

    _run(action)


@app.command()
def diff(
    files: Annotated[
        list[str], typer.Argument(help="Two editions, old then new (.txt, .md or .pdf); more compare each to the next")
    ],
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, html, taisho (新旧対照表, HTML), xlsx or csv (one row per change, UTF-8 with BOM)",
        ),
    ] = "markdown",
    output: OutOpt = None,
    profile: ProfileOpt = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Say which encoding each file was read in")] = False,
    show_noise: Annotated[
        bool,
        typer.Option(
            "--show-noise",
            help="After the changelog, list every difference hidden as noise with the rule that hid it (year "
            "rollover, width, spacing, page break, bullet style, spelling variant) and both locations",
        ),
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="ja or en; default: ja for a Japanese plan")] = None,
    stamp: Annotated[bool, typer.Option("--stamp", help="Print today's date in the report's header")] = False,
) -> None:
    """Say what really changed between editions. Exit 0: no differences, 1: differences, 2: trouble."""
    from plandiff.output import write_output
    from plandiff.render.table import csv_text
    from plandiff.report import render_series

    def action() -> bool:
        _tokenizer_in_background()
        from plandiff.diff import compare
        from plandiff.load import read
        from plandiff.report import FORMATS, render_bytes

        if format_ not in (*FORMATS, "csv"):
            raise PlandiffError(f"unknown --format {format_!r}: use {', '.join((*FORMATS, 'csv'))}")
        _check_lang_and_output(lang, format_, output)
        if len(files) < 2:
            raise PlandiffError("diff needs two editions: plandiff diff OLD NEW")
        once = {path: read(path, profile) for path in dict.fromkeys(files)}  # `diff X X`: X is read once
        documents = [once[path] for path in files]
        if verbose:
            for document in documents:
                typer.echo(f"plandiff: {document.meta.source}: read as {document.meta.encoding}", err=True)
        changelogs = [compare(a, b) for a, b in pairwise(documents)]
        day = __import__("datetime").date.today().isoformat() if stamp else None
        if format_ == "xlsx":
            write_output(render_bytes(changelogs, format_, lang, day), output, files)
        else:
            text = csv_text(changelogs) if format_ == "csv" else render_series(changelogs, format_, lang, day)
            if show_noise and format_ == "markdown":
                from plandiff.render.noise import with_noise

                text = with_noise(text, changelogs)
            write_output(text, output, files)
        return any(c.has_differences for c in changelogs)

    raise typer.Exit(1 if _run(action) else 0)


@app.command()
def budget(
    file: FileArg,
    format_: Annotated[str, typer.Option("--format", "-f", help="markdown, json or csv")] = "markdown",
    output: OutOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """List a plan's budget lines (statement, account, row, column, amount) and check its totals."""
    from plandiff.output import write_output

    def action() -> None:
        from plandiff.extract.budget import budget_lines, reconcile
        from plandiff.load import read
        from plandiff.render.budget import budget_listing

        if format_ not in ("markdown", "json", "csv"):
            raise PlandiffError(f"unknown --format {format_!r}: use markdown, json or csv")
        document = read(file, profile)
        write_output(budget_listing(budget_lines(document), reconcile(document), format_), output, [file])

    _run(action)


@app.command()
def targets(
    file: FileArg,
    format_: Annotated[str, typer.Option("--format", "-f", help="markdown or json")] = "markdown",
    output: OutOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """List a plan's numeric targets: metric, value, comparator, key target, where."""
    from plandiff.output import write_output

    def action() -> None:
        _tokenizer_in_background()
        from plandiff.extract.targets import extract_targets
        from plandiff.load import read
        from plandiff.render.targets import targets_listing

        if format_ not in ("markdown", "json"):
            raise PlandiffError(f"unknown --format {format_!r}: use markdown or json")
        write_output(targets_listing(extract_targets(read(file, profile)), format_), output, [file])

    _run(action)


@app.command()
def history(
    files: Annotated[list[str], typer.Argument(help="Two editions or more, in any order (sorted by fiscal year)")],
    format_: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="markdown, json, html (with charts), xlsx or csv (the trajectories, UTF-8 with BOM)"
        ),
    ] = "markdown",
    output: OutOpt = None,
    profile: ProfileOpt = None,
    lang: Annotated[str | None, typer.Option("--lang", help="ja or en; default: ja for a Japanese plan")] = None,
) -> None:
    """Follow a plan through its editions: measures' lineages, target and budget trajectories.
    Exit 0: nothing changed across them, 1: changes, 2: trouble."""
    from plandiff.output import write_output

    def action() -> bool:
        _tokenizer_in_background()
        from plandiff.history import history as build
        from plandiff.history.progress import progress_bar
        from plandiff.render.history_report import FORMATS, render_history

        if format_ not in FORMATS:
            raise PlandiffError(f"unknown --format {format_!r}: use {', '.join(FORMATS)}")
        _check_lang_and_output(lang, format_, output)
        if len(files) < 2:
            raise PlandiffError("history needs two editions or more: plandiff history E1 E2 …")
        with progress_bar(files) as progress:
            result = build(files, profile, progress)
        write_output(render_history(result, format_, lang), output, files)
        return result.has_differences

    raise typer.Exit(1 if _run(action) else 0)


def _utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the locale (a CP932 console or pipe cannot encode ①…)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _fail(message: str) -> int:
    sys.stderr.write(f"plandiff: {_one_line(message)}\n")
    sys.stderr.flush()
    return 2


def run(args: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code. Nothing but SystemExit from sys.exit escapes."""
    _DEBUG["on"] = os.environ.get("PLANDIFF_DEBUG", "") not in ("", "0")
    from plandiff.readers import forget_stdin

    forget_stdin()
    try:
        code = app(args=list(args) if args is not None else None, prog_name="plandiff", standalone_mode=False)
    except KeyboardInterrupt:
        return _fail("interrupted")
    except typer.TyperException as exc:  # click's UsageError and friends (typer vendors click)
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `plandiff`: the help, and trouble
            sys.stderr.write(exc.format_message().rstrip("\n") + "\n")
            return 2
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        return _fail(f"{exc.format_message()}{hint}")
    except typer.Abort:
        return _fail("aborted")
    except Exception as exc:  # the last resort: never a traceback unless asked for
        if _DEBUG["on"]:
            traceback.print_exc()
            return 2
        return _fail(f"internal error: {type(exc).__name__}: {_one_line(str(exc))[:300]}; please report")
    if code == 130:  # typer's code for Ctrl-C inside a command
        return _fail("interrupted")
    return code if isinstance(code, int) else 0


def main() -> None:
    # a short-lived process building many small objects and few cycles: collecting the youngest generation
    # every 100,000 allocations instead of 700 saves ~5 % of a run (memory measured alike in make bench)
    gc.set_threshold(100_000, 50, 100)
    _BACKGROUND["on"] = True
    _utf8_streams()
    _leave(run())


def _leave(code: int) -> None:
    """Exit without taking the interpreter down object by object (~25 ms after a diff, 8 % of the run):
    the output is written and the system frees the memory at once. Exit handlers run first (the tokenizer
    process is stopped), and the streams are flushed; if a stream cannot be, the ordinary exit says so."""
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
