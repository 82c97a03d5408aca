"""Progress on stderr with counts and an ETA (not a spinner), for long commands.

``simulate`` counts its stages (build, verify, C0 and lower bounds, export, certify);
``crossover`` counts the built-and-verified networks of its search
(:func:`bounds.search.least_true` reports the calls made and an upper bound on the
calls in all, so the bar's total is a bound, tightened as the search narrows). The ETA
is rich's estimate from the rate so far.

Shown only when stderr is a terminal and the output is not ``--json``/``--csv``, unless
``--progress`` asks for it (``--no-progress`` silences it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import click

__all__ = ["Bar", "bar", "progress_option", "wanted"]


def progress_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--progress/--no-progress`` (default: on for a terminal, off for --json/--csv)."""
    return click.option("--progress/--no-progress", "show_progress", default=None,
                        help="Counts and ETA on stderr (default: only on a terminal and "
                             "not with --json or --csv).")(func)


def wanted(show: bool | None, fmt: str) -> bool:
    """Whether to draw the bar: as asked, else on a terminal for the human formats."""
    if show is not None:
        return show
    import sys

    return fmt not in ("json", "csv") and sys.stderr.isatty()


class Bar:
    """One task of counts: ``update(done, total)``, ``describe(text)``."""

    def __init__(self, progress: Any, task: Any) -> None:
        self._progress, self._task = progress, task

    def update(self, done: int, total: int | None = None) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total)

    def describe(self, text: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=text)


@contextlib.contextmanager
def bar(description: str, unit: str, *, enabled: bool, total: int | None = None
        ) -> Iterator[Bar]:
    """A rich bar ``description  3/12 unit  0:00:04 elapsed  ETA 0:00:09`` on stderr."""
    if not enabled:
        yield Bar(None, None)
        return
    import sys

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    tty = sys.stderr.isatty()
    console = Console(file=sys.stderr, force_terminal=tty or None, width=None if tty else 160)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn(unit), TimeElapsedColumn(), TextColumn("ETA"),
                  TimeRemainingColumn(), console=console, transient=console.is_terminal,
                  ) as progress:
        task = progress.add_task(description, total=total)
        yield Bar(progress, task)
        progress.refresh()
