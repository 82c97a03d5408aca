"""Shared CLI plumbing: output formats, the error guard, progress bars."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
import numpy as np

__all__ = [
    "FORMATS",
    "GuardedCommand",
    "GuardedGroup",
    "InputError",
    "emit",
    "format_value",
    "output_options",
    "render",
]

FORMATS = ("table", "json", "csv", "markdown", "latex")


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
            if name.startswith("-") and not _is_number(name) and name not in known:
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


def _is_number(text: str) -> bool:
    try:
        float(text.replace("_", ""))
    except ValueError:
        return text.lstrip("-").replace("^", "").replace("*", "").isdigit()
    return True


class GuardedGroup(click.Group):
    """The top-level group: an unknown command is one line and exit 2 as well."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise InputError(exc.format_message()) from None


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--json/--csv/--markdown/--latex`` (mutually exclusive) as ``fmt``."""
    for flag in reversed(FORMATS[1:]):
        func = click.option(
            f"--{flag}",
            "fmt",
            flag_value=flag,
            help=f"Print {flag.upper() if flag in ('json', 'csv') else flag.capitalize()}.",
        )(func)
    func = click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(func)
    return func


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def format_value(value: Any) -> str:
    """Human formatting: exact ints with thousands separators, floats to 10 digits."""
    value = _plain(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) < 10**21 else f"{value:.6e}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.10g}"
    return str(value)


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str = "",
    footer: Iterable[str] = (),
) -> str:
    """Render rows in one of :data:`FORMATS`; JSON/CSV keep every key of the rows."""
    footer = list(footer)
    if fmt == "json":
        return json.dumps([_plain(r) for r in rows], indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        writer = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(_plain(v)) if isinstance(v, (list, dict, tuple))
                             else _plain(v) for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    headers = [h for _, h in columns]
    cells = [[format_value(r.get(k)) for k, _ in columns] for r in rows]
    if fmt == "markdown":
        def pipe(s: str) -> str:
            return s.replace("|", "\\|")

        lines = [f"**{title}**", ""] if title else []
        lines.append("| " + " | ".join(pipe(h) for h in headers) + " |")
        lines.append("|" + "|".join("---:" for _ in headers) + "|")
        lines += ["| " + " | ".join(pipe(x) for x in c) + " |" for c in cells]
        lines += [""] + [f"> {f}" for f in footer] if footer else []
        return "\n".join(lines)
    if fmt == "latex":
        def esc(s: str) -> str:
            return s.replace("_", r"\_").replace("%", r"\%").replace("#", r"\#")

        lines = [r"\begin{tabular}{" + "r" * len(headers) + "}", r"\hline"]
        lines.append(" & ".join(esc(h) for h in headers) + r" \\ \hline")
        lines += [" & ".join(esc(c).replace(",", "{,}") for c in row) + r" \\" for row in cells]
        lines.append(r"\hline")
        lines.append(r"\end{tabular}")
        lines += [f"% {f}" for f in footer]
        return "\n".join(lines)
    # table (rich)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, title_justify="left")
    for h in headers:
        table.add_column(h, justify="right")
    for c in cells:
        table.add_row(*c)
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    for f in footer:
        console.print(f, soft_wrap=True, highlight=False, markup=False)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def emit(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str = "",
    footer: Iterable[str] = (),
) -> None:
    """Print :func:`render` output to stdout."""
    click.echo(render(rows, columns, fmt, title=title, footer=footer))
