"""Generated figures for ``docs/figures/`` (PNG and SVG, plus the plotted data as JSON).

Each figure is drawn from the same code as the calculator; its data file holds every
plotted number, and the drift check compares those (image bytes depend on the
matplotlib version, the numbers must not).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Iterable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from bounds.constructions.switching import switch_count  # noqa: E402
from bounds.counting import log2_factorial  # noqa: E402
from bounds.families import family  # noqa: E402
from bounds.lower import lower_bounds  # noqa: E402
from bounds.reports.docsgen import DocFile  # noqa: E402
from bounds.representation import crossover, jl_min_dim  # noqa: E402

__all__ = ["GENERATORS", "figure_files"]

STYLE = {"figure.dpi": 100, "font.size": 10, "axes.grid": True, "grid.alpha": 0.3,
         "svg.hashsalt": "superposition-bounds", "svg.fonttype": "path"}


def _round(values: Iterable[float]) -> list[float]:
    return [float(f"{v:.12g}") for v in values]


def figure_files(name: str, draw: Callable[[], tuple[Any, dict[str, Any]]]) -> list[DocFile]:
    """Render ``draw()`` to PNG and SVG (deterministic metadata) plus its JSON data."""
    with plt.rc_context(STYLE):
        fig, data = draw()
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(svg, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(fig)
    return [
        DocFile(f"figures/{name}.png", png.getvalue()),
        DocFile(f"figures/{name}.svg", svg.getvalue()),
        DocFile(f"figures/{name}.json", json.dumps(data, indent=1, sort_keys=True) + "\n"),
    ]


def _grid() -> list[int]:
    return sorted({int(round(10 ** (x / 4))) for x in range(4, 49)})


#: legend text of a plotted family (default: its registry name)
_LABELS = {"pairwise": "pairwise AND (m = m')"}


def draw_bounds() -> tuple[Any, dict[str, Any]]:
    """Lower bounds vs m′ (top) and their ratios to the paper's shapes (bottom)."""
    ms = _grid()
    series: dict[str, Any] = {"m_prime": ms}
    fig, axes = plt.subplots(2, 2, figsize=(11, 7.5), sharex=True)
    shape_p = [m * math.log2(m) for m in ms]
    shape_n = [math.sqrt(m * math.log2(m)) for m in ms]
    for problem, style in (("permutation", "-"), ("pairwise", "--")):
        lbs = [lower_bounds(family(problem, m), bits=8) for m in ms]
        p = [lb.params_lb for lb in lbs]
        n = [lb.neurons_lb for lb in lbs]
        series[f"{problem}_params"] = p
        series[f"{problem}_neurons"] = n
        label = _LABELS.get(problem, problem)
        axes[0, 0].loglog(ms, p, style, lw=2, label=label)
        axes[0, 1].loglog(ms, n, style, lw=2, label=label)
        rp = _round(a / s_ for a, s_ in zip(p, shape_p, strict=True))
        rn = _round(a / s_ for a, s_ in zip(n, shape_n, strict=True))
        series[f"{problem}_params_over_shape"] = rp
        series[f"{problem}_neurons_over_shape"] = rn
        axes[1, 0].semilogx(ms, rp, style, lw=2, label=label)
        axes[1, 1].semilogx(ms, rn, style, lw=2, label=label)
    axes[1, 0].axhline(1 / 8, color="gray", ls=":", label="limits 1/b and 2/b (pairwise)")
    axes[1, 0].axhline(2 / 8, color="gray", ls=":")
    axes[1, 1].axhline(1 / math.sqrt(8), color="gray", ls=":",
                       label="limits 1/sqrt(b) and sqrt(2/b) (pairwise)")
    axes[1, 1].axhline(math.sqrt(2 / 8), color="gray", ls=":")
    axes[0, 0].set(ylabel="least parameters P",
                   title="Parameters (D1, b = 8 bits, L = 1, eps = 0)")
    axes[0, 1].set(ylabel="least equal width n", title="Neurons (D1, b = 8 bits, L = 1, eps = 0)")
    axes[1, 0].set(xlabel="output features m'", ylabel="P / (m' log2 m')",
                   title="Ratio to the shape of claim A1")
    axes[1, 1].set(xlabel="output features m'", ylabel="n / sqrt(m' log2 m')",
                   title="Ratio to the shape of claim A2")
    for ax in axes.flat:
        ax.legend(fontsize=8, loc="best")
    fig.suptitle("This library's lower bounds; the ratios level off: the paper's asymptotic "
                 "shapes, with this library's constants", fontsize=10)
    fig.tight_layout()
    return fig, series


def draw_gap() -> tuple[Any, dict[str, Any]]:
    """Computing (neurons) vs representing (JL dimensions) with the crossover marked."""
    ms = _grid()
    series: dict[str, Any] = {"m_prime": ms}
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for b, color in ((1, "tab:blue"), (8, "tab:orange"), (32, "tab:green")):
        n = [lower_bounds(family("permutation", m), bits=b).neurons_lb for m in ms]
        series[f"neurons_b{b}"] = n
        ax.loglog(ms, n, color=color, lw=2, label=f"compute: least n, b = {b}")
    for e, style in ((0.1, "--"), (0.5, ":")):
        d = [int(jl_min_dim(m + 1, e)) for m in ms]
        series[f"jl_eps{e}"] = d
        ax.loglog(ms, d, style, color="black", label=f"represent: JL dims, eps = {e}")
    c = crossover(bits=8, eps_jl=0.1)
    series["crossover_b8_eps0.1"] = c.m_prime
    ax.axvline(c.m_prime, color="tab:orange", alpha=0.5)
    ax.annotate(f"crossover m' = {c.m_prime:,}\n(b = 8, eps_JL = 0.1)",
                xy=(c.m_prime, c.jl_dims), xytext=(c.m_prime / 3000, c.jl_dims * 4),
                arrowprops={"arrowstyle": "->"}, fontsize=8)
    ax.set(xlabel="output features m'", ylabel="neurons / dimensions",
           title="Computing needs sqrt(m' log m') neurons; representing needs log m' (A7)")
    ax.legend(fontsize=8, loc="upper left")
    return fig, series


def draw_switching() -> tuple[Any, dict[str, Any]]:
    """Switch counts of Beneš and Waksman networks against log₂(N!)."""
    ns = sorted({int(round(2 ** (x / 2))) for x in range(2, 41)})
    wak = [switch_count("waksman", n) for n in ns]
    lf = _round(float(v) for v in log2_factorial(np.array(ns, dtype=np.float64)))
    pows = [2**q for q in range(1, 21)]
    ben = [switch_count("benes", n) for n in pows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.loglog(ns, wak, lw=2, label="Waksman switches")
    ax1.loglog(pows, ben, "o", ms=3, label="Beneš switches (N = 2^q)")
    ax1.loglog(ns, lf, "--", color="black", label="log2(N!) (counting bound)")
    ax1.set(xlabel="N (inputs)", ylabel="1-bit switches", title="Switch count vs counting bound")
    ax1.legend(fontsize=8)
    ax2.semilogx(ns, [w / v if v > 0 else 1.0 for w, v in zip(wak, lf, strict=True)], lw=2,
                 label="Waksman / log2(N!)")
    ax2.semilogx(pows, [b / float(log2_factorial(p)) for b, p in zip(ben, pows, strict=True)],
                 "o", ms=3, label="Beneš / log2(N!)")
    ax2.axhline(1.0, color="black", lw=0.8)
    ax2.set(xlabel="N (inputs)", ylabel="ratio", title="Tight up to lower-order terms")
    ax2.legend(fontsize=8)
    return fig, {"N": ns, "waksman": wak, "log2_factorial": lf, "benes_N": pows, "benes": ben}


def figures_page() -> Iterable[DocFile]:
    """All calculator figures."""
    for name, draw in (("bounds", draw_bounds), ("gap", draw_gap),
                       ("switching", draw_switching)):
        yield from figure_files(name, draw)


GENERATORS = [("figures", figures_page)]
