"""``--plot FILE.png`` for the table commands: a figure of what the table holds.

The path is checked before any work (:func:`bounds.files.check_output_path`: a ``.png``
in an existing, writable folder); the figure is drawn with matplotlib (imported only
when a plot is asked for; a bare Figure, no pyplot) and written atomically. Values too large for a
float (beyond about 10^308) are left out of the figure and the figure says so.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

import click

from bounds.files import atomic_write, check_output_path

__all__ = ["check_plot", "plot_option", "write_plot"]


def plot_option(func: Callable[..., Any]) -> Any:
    """Add ``--plot FILE.png`` (passed as ``plot``)."""
    return click.option(
        "--plot", "plot", default=None, metavar="FILE.png",
        help="Also draw the table's numbers into FILE.png (its folder must exist).")(func)


def check_plot(path: str | None) -> None:
    """Refuse a bad ``--plot`` path up front (one line, exit 2 via ValueError)."""
    if path is not None:
        check_output_path(path, "--plot", suffix=".png")


def _finite(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return v if math.isfinite(v) and v > 0 else None


def write_plot(path: str, series: Sequence[tuple[str, Sequence[Any], Sequence[Any]]], *,
               title: str, xlabel: str, ylabel: str, footer: str = "") -> int:
    """Draw ``series`` (label, xs, ys) on log-log axes into ``path``; return points drawn.

    Points that are None, not positive or beyond float range are skipped (and counted in
    the figure's note).
    """
    from matplotlib.figure import Figure  # no pyplot: no global state, no backend switch

    fig = Figure(figsize=(7, 4.5))
    ax = fig.subplots()
    drawn = skipped = 0
    for label, xs, ys in series:
        pts = [(_finite(x), _finite(y)) for x, y in zip(xs, ys, strict=True)]
        good = [(x, y) for x, y in pts if x is not None and y is not None]
        skipped += len(pts) - len(good)
        if good:
            ax.plot([x for x, _ in good], [y for _, y in good], marker="o", label=label)
            drawn += len(good)
    if drawn == 0:
        raise ValueError("--plot has nothing to draw (no positive value below 10^308)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    note = footer + (f" ({skipped} value(s) beyond float range left out)" if skipped else "")
    if note:
        fig.text(0.01, 0.01, note, fontsize=6, wrap=True)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, metadata={"Software": None})
    atomic_write(path, buf.getvalue())
    return drawn
