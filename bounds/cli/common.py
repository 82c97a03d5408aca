"""Shared CLI plumbing: output-format options, the error guard, printing.

Rendering itself lives in :mod:`bounds.formatting` (the reports use it too).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from bounds.formatting import FORMATS, format_value, plain, render
from bounds.parsing import is_number

__all__ = [
    "FORMATS",
    "GuardedCommand",
    "GuardedGroup",
    "InputError",
    "emit",
    "format_value",
    "output_options",
    "record",
    "render",
]


class InputError(click.ClickException):
    """Bad input: one line on stderr, exit status 2, no traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"superbounds: error: {self.format_message()}", err=True)


class GuardedCommand(click.Command):
    """A command whose bad input always ends as one line and exit 2.

    ``ValueError`` from the library and click's own usage errors (unknown option, bad
    choice, missing argument) become an :class:`InputError`. A token such as ``-5``
    that is not an option is passed on as an argument, so the library can say what
    is wrong with it (``m_prime must be an integer >= 2 (got '-5')``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = dict(kwargs.pop("context_settings", None) or {})
        settings.setdefault("ignore_unknown_options", True)
        super().__init__(*args, context_settings=settings, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = {o for p in self.params for o in (*p.opts, *p.secondary_opts)}
        known.update(ctx.help_option_names)
        for token in args:
            if token == "--":
                break
            name = token.split("=", 1)[0]
            if name.startswith("-") and not is_number(name) and name not in known:
                raise InputError(f"no such option: {name} (see --help)")
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise InputError(exc.format_message()) from None
        return rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ValueError, OverflowError) as exc:
            raise InputError(str(exc)) from None


class GuardedGroup(click.Group):
    """The top-level group: an unknown command is one line and exit 2 as well."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise InputError(exc.format_message()) from None


def output_options(func: Callable[..., Any] | None = None, *,
                   brief: bool = False) -> Any:
    """Add ``--json/--csv/--markdown/--latex`` (and ``--brief``) and pass the choice as ``fmt``.

    At most one format may be given: ``--json --csv`` is an error, not "the last wins".
    ``--brief`` (``brief=True``, for commands with one answer per row) prints the answer
    alone, one row per line.
    """
    if func is None:
        return functools.partial(output_options, brief=brief)
    names = (*FORMATS, "brief") if brief else FORMATS

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        chosen = [f for f in names if kwargs.pop(f"fmt_{f}", False)]
        if len(chosen) > 1:
            raise InputError("give at most one output format (got "
                             + " ".join(f"--{f}" for f in chosen) + ")")
        if chosen:
            kwargs["fmt"] = chosen[0]
        kwargs.setdefault("fmt", "table")
        return func(*args, **kwargs)

    if brief:
        wrapper = click.option("--brief", "fmt_brief", is_flag=True,
                               help="Print the answer alone, one row per line.")(wrapper)
    for flag in reversed(FORMATS[1:]):
        wrapper = click.option(
            f"--{flag}",
            f"fmt_{flag}",
            is_flag=True,
            help=f"Print {flag.upper() if flag in ('json', 'csv') else flag.capitalize()}"
                 " (at most one format).",
        )(wrapper)
    return click.option("--table", "fmt_table", is_flag=True, hidden=True)(wrapper)


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], fmt: str, *,
         title: str = "", footer: Iterable[str] = (), answer: str | None = None) -> None:
    """Print :func:`render` output to stdout; ``--brief`` prints column ``answer`` alone."""
    if fmt == "brief":
        key = answer or columns[-1][0]
        values = [plain(r.get(key)) for r in rows]  # ints bare, for shell scripts
        click.echo("\n".join(str(v) if isinstance(v, int) else format_value(v) for v in values))
        return
    click.echo(render(rows, columns, fmt, title=title, footer=footer))


def record(row: dict[str, Any], footer: list[str]) -> dict[str, Any]:
    """The JSON/CSV record of a one-row command: its keys, then what the footer says.

    One shape for every command (issue 13): a list of records, each carrying its
    ``provenance`` (the footer's first line) and ``assumptions`` (every footer line:
    the construction's parameters r, s, G, τ and analysis bound, the verdicts, C0 and
    the lower bounds' assumptions).
    """
    return {**row, "provenance": footer[0] if footer else "", "assumptions": list(footer)}
