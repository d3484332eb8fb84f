"""The ``plandiff`` command: a thin typer layer over the library. Errors → one line, exit 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
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


@app.callback()
def _root() -> None:
    """Compare fiscal-year editions of a Japanese government plan; see each command's --help."""


FileArg = Annotated[str, typer.Argument(help="A plan: .txt (UTF-8, CP932, EUC-JP, UTF-16), .md or .pdf")]
OutOpt = Annotated[
    str | None, typer.Option("-o", "--output", help="Write here (atomically) instead of stdout; - is stdout")
]


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
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Say which encoding was detected")] = False,
) -> None:
    """Print a plan's outline: headings with the measures, targets and tables under each."""
    from plandiff.output import write_output
    from plandiff.readers import read
    from plandiff.render.outline import outline, to_json

    def action() -> None:
        document = read(file)
        if verbose:
            typer.echo(f"plandiff: {file}: read as {document.meta.encoding}", err=True)
        write_output(to_json(document) if json_ else outline(document), output)

    _run(action)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The earlier edition (.txt, .md or .pdf)")],
    new: Annotated[str, typer.Argument(help="The later edition")],
    format_: Annotated[str, typer.Option("--format", "-f", help="markdown, json or html")] = "markdown",
    output: OutOpt = None,
) -> None:
    """Say what really changed between two editions. Exit 0: no differences, 1: differences, 2: trouble."""
    from plandiff.errors import PlandiffError as _Error
    from plandiff.output import write_output
    from plandiff.report import render_changelog

    def action() -> bool:
        from plandiff.diff import compare

        if format_ not in ("markdown", "json", "html"):
            raise _Error(f"unknown --format {format_!r}: use markdown, json or html")
        changelog = compare(old, new)
        write_output(render_changelog(changelog, format_), output)
        return changelog.has_differences

    raise typer.Exit(1 if _run(action) else 0)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("plandiff: interrupted\n")
        sys.exit(2)
