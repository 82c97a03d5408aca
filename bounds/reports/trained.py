"""docs/tables/trained.md and docs/figures/trained.*: trained widths beside the bounds.

Rendered from the committed sweep data (:mod:`bounds.training.data`,
``docs/data/trained/<family>.json``, written by ``benchmarks/sweep_trained.py``);
nothing is trained here. The data are checked for consistency with their own trials
(:func:`bounds.training.data.check_rows`) before rendering, so an edited or
half-written data file fails the drift check. The comparison columns (C0, C1/C2's
width from its chosen parameters, the §3 lower bound) are computed by the library now.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from bounds.formatting import render
from bounds.reports.docsgen import DocFile
from bounds.reports.figures import figure_files, plt
from bounds.reports.tables import page
from bounds.training.data import FAMILIES, SWEEP_M_PRIMES, load_sweep

__all__ = ["GENERATORS", "trained_page"]

NAMES = {"pairwise-and": "pairwise AND (m = m')", "permutation": "permutation"}


def _comparisons(family: str, m_prime: int, bits: int | None) -> dict[str, Any]:
    from bounds.constructions.channels import AnalysisBoundWarning, choose_parameters
    from bounds.constructions.trivial import default_m
    from bounds.families import pairwise, permutation
    from bounds.lower import lower_bounds

    m = default_m(family, m_prime)
    fam = permutation(m_prime) if family == "permutation" else pairwise(m_prime, m=m)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisBoundWarning)
        p = choose_parameters(family, m_prime, 3, 0.01)
    out = {"c0": max(m, m_prime), "construction": int(max(p.d, p.H + p.H_in)),
           "lb8": int(lower_bounds(fam, bits=8, layers=1).neurons_lb)}
    out["lb_b"] = (None if bits is None
                   else int(lower_bounds(fam, bits=bits, layers=1).neurons_lb))
    return out


def _short(verdict: str | None) -> str:
    if not verdict:
        return "none up to the limit"
    if verdict.startswith("certified"):
        return "certified on all <=k-sparse inputs (exhaustive)"
    if verdict.startswith("exhaustive"):
        return "exhaustive: exact rate <= delta"
    return "Monte-Carlo 95% <= delta"


def _rows(data: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for family in FAMILIES:
        got = {r["m_prime"]: r for r in data.get(family, {}).get("rows", [])}
        for mp in SWEEP_M_PRIMES:
            r = got.get(mp)
            bpp = None if r is None else r.get("bits_per_param_at_least_bits")
            cmp_ = _comparisons(family, mp, bpp)
            base = {"family": NAMES[family], "m_prime": mp, "c0": cmp_["c0"],
                    "construction": cmp_["construction"], "lb8": cmp_["lb8"]}
            if r is None:
                rows.append({**base, "width": "not measured", "verdict": "-", "bits": "-",
                             "lb_b": "-", "time": "-", "trials": "-", "budget": "-"})
                continue
            if r.get("complete", True) is False:
                n = r["least_width"]
                rows.append({**base, "width": "search cut off" if n is None
                             else f"<= {n} (search cut off)",
                             "verdict": "not searched below (upper bound only)" if n
                             else "no trial met delta", "bits": "-", "lb_b": "-",
                             "time": f"{r['wall_seconds']:.0f} ({r['cpu_seconds']:.0f})",
                             "trials": len(r["trials"]), "budget": _budget(r)})
                continue
            rows.append({**base, "width": r["least_width"] if r["least_width"] is not None
                         else f"> {r['limit']}", "verdict": _short(r["verdict"]),
                         "bits": r["least_bits"] if r["least_bits"] is not None else "-",
                         "lb_b": cmp_["lb_b"] if cmp_["lb_b"] is not None else "-",
                         "time": f"{r['wall_seconds']:.0f} ({r['cpu_seconds']:.0f})",
                         "trials": len(r["trials"]),
                         "budget": _budget(r)})
    return rows


def _budget(r: dict[str, Any]) -> str:
    """``steps x batch, w+ (positive weight), seeds, grid`` of one row.

    >>> _budget({"steps": 600, "batch": 256, "train_seeds": [0, 1], "resolution": 4})
    '600 x 256, w+ 1, seeds 0,1, grid 4'
    """
    return (f"{r['steps']} x {r['batch']}, w+ {r.get('pos_weight', 1.0):g}, seeds "
            f"{','.join(map(str, r['train_seeds']))}, grid {r['resolution']}")


def _provenance(data: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for family in FAMILIES:
        payload = data.get(family)
        if payload is None:
            lines.append(f"{NAMES[family]}: no sweep data committed.")
            continue
        v = payload["versions"]
        lines.append(f"{NAMES[family]}: data docs/data/trained/{family}.json, written with "
                     + ", ".join(f"{k} {v[k]}" for k in sorted(v)) + ".")
    return lines


def _recipes(data: dict[str, dict[str, Any]]) -> list[str]:
    """One line per family naming the training recipes its rows used (steps rule, w+)."""
    out = []
    for family in FAMILIES:
        rows = data.get(family, {}).get("rows", [])
        kinds = sorted({(r.get("budget_rule", f"steps = {r['steps']} (fixed)"),
                         float(r.get("pos_weight", 1.0))) for r in rows})
        if kinds:
            out.append(f"{NAMES[family]}: " + "; ".join(
                f"{rule}, w+ {w:g}" for rule, w in kinds)
                + ("" if len(kinds) == 1 else " (the rows mix recipes)"))
    return out


def _commands(data: dict[str, dict[str, Any]]) -> list[str]:
    """The command that made each measured row (one line per row)."""
    out = []
    for family in FAMILIES:
        for row in data.get(family, {}).get("rows", []):
            out.append(row.get("command", data[family]["command"]))
    return out


def trained_page() -> Iterable[DocFile]:
    """The table and figure of least trained widths (module docstring)."""
    data = load_sweep()
    rows = _rows(data)
    cols = [("family", "family"), ("m_prime", "m'"), ("width", "least trained width N"),
            ("verdict", "verdict at N"), ("bits", "least b"), ("lb_b", "neurons >= (at b)"),
            ("lb8", "neurons >= (b = 8)"), ("construction", "C1/C2 width"),
            ("c0", "C0 width"), ("time", "search time s (CPU)"), ("trials", "trainings"),
            ("budget", "budget: steps x batch, positive weight, seeds, width grid")]
    footer = [
        "Trained: one hidden layer (L = 1) of width N, input code d = N (the library's "
        "sparse sign code), the public owner decoder (each output reads the mean of r "
        "fixed units, threshold 1/2) -- all public, instance-independent, seed 0; only "
        "W1, b1 trained (bounds.training): Adam (lr 0.01, cosine decay) on the squared "
        "hinge of every output, the terms of outputs whose target is 1 weighted w+ "
        "(column budget; AND outputs are rarely 1). Least N on the stated grid at which one of the "
        "training seeds meets delta = 0.01 in the library's verifier, k = 3; doubling then "
        "bisection, which assumes success is monotone in N (not a theorem for SGD; every "
        "trial is in the data file).",
        "least b: least bits per layer of post-training quantization at which the "
        "verdict still holds; 'neurons >= (at b)' is this library's theorem neurons "
        "(D1 dense, eps = 0, L = 1) at the quantized network's counted bits per parameter. "
        "That bound is for exact correctness on the identifying probes, a stronger notion "
        "than the Monte-Carlo delta verdict, so the comparison is indicative, not a "
        "contradiction test.",
        "C1/C2 width: max(d, H + H_in) of this library's output-channel construction from "
        "its chosen parameters (k = 3, delta = 0.01); C0: one neuron per output.",
        *_provenance(data),
    ]
    missing = [f"{r['family']} m'={r['m_prime']}" for r in rows if r["width"] == "not measured"]
    cut = [f"{r['family']} m'={r['m_prime']}" for r in rows
           if "search cut off" in str(r["width"])]
    sections = [
        "## Least trained width, k = 3, delta = 0.01",
        "",
        "The sweep is one command (it trains: minutes to hours on 2 cores; each finished "
        "size is written at once), then `superbounds docs` renders this page from the "
        "data without training:\n\n```\npython benchmarks/sweep_trained.py --family "
        "pairwise-and --m-prime 100 200 500 1000 2000 --steps 600 --steps-per-output 2 "
        "--pos-weight 5 --seeds 2\n```\n\nBudget rule: steps = max(600, 2 m') (every AND "
        "output is the target of a sampled input about 128 times for m' >= 300: a quarter "
        "of each batch of 256 has both endpoints of a random output active), positive "
        "terms weighted 5. Each row's budget and exact command are recorded; rows with "
        "different recipes are not one recipe, and the budget column says which each used.\n",
        "Recipes of the committed rows (Adam lr 0.01, cosine, batch 256, margin 1/4):\n\n"
        + "\n".join(f"- {line}" for line in _recipes(data)) + "\n",
        "The measured rows were made by these commands (per size):\n\n```\n"
        + ("\n".join(_commands(data)) or "(none yet)") + "\n```\n",
        render(rows, cols, "markdown", footer=footer),
        "",
        ("Not measured yet (the sweep did not reach them in its time budget): "
         + ", ".join(missing) + ".") if missing else "Every size has a row.",
        *([f"Searches cut off before they finished (upper bounds, not least widths; "
           f"the frontier does not show them): {', '.join(cut)}."] if cut else []),
        "",
        "![trained widths](../figures/trained.png)",
        "",
        "## What the training measurements do not show",
        "",
        "- A least trained width is what *this* trainer (architecture, loss, budget, seeds) "
        "found; a larger budget, another loss or a learned code may go lower. It is an upper "
        "bound on the least width for that seeded instance, public code and decoder -- not "
        "for the whole family, since the instance is random, not adversarial.",
        "- Verdicts are those of the verifier: Monte-Carlo at 95% on its strata unless the "
        "row says certified; the least b is searched against the same verification sample.",
        "- Success is assumed monotone in N and in b for the bisections; the data file lists "
        "every trial so a non-monotone case would be visible.",
        "",
    ]
    yield DocFile("tables/trained.md", page(
        "Trained networks beside the bounds",
        "Where does gradient descent land between the counting lower bound and the "
        "constructions? Each measured row is a network trained in the model and judged "
        "by the same verifier as `superbounds simulate`. One network: "
        "`superbounds train pairwise-and --m-prime 200 --k 3 --neurons 64 --layers 1 "
        "--seed 0 --json`.",
        sections,
    ))
    yield from figure_files("trained", lambda: _draw(rows))


def _draw(rows: list[dict[str, Any]]) -> tuple[Any, dict[str, Any]]:
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    data: dict[str, Any] = {}
    for ax, family in zip(axes, FAMILIES, strict=True):
        sel = [r for r in rows if r["family"] == NAMES[family]]
        ms = [r["m_prime"] for r in sel]
        series = {"m_prime": ms, "c0": [r["c0"] for r in sel],
                  "construction": [r["construction"] for r in sel],
                  "lower_bound_b8": [r["lb8"] for r in sel],
                  "trained": [r["width"] if isinstance(r["width"], int) else None
                              for r in sel]}
        data[family] = series
        ax.loglog(ms, series["c0"], "k:", label="C0 (one neuron per output)")
        ax.loglog(ms, series["construction"], "s-", label="C1/C2 (this library)")
        ax.loglog(ms, series["lower_bound_b8"], "--", label="lower bound (b = 8, L = 1)")
        pts = [(m, w) for m, w in zip(ms, series["trained"], strict=True) if w is not None]
        if pts:
            ax.loglog(*zip(*pts, strict=True), "o", ms=8, label="least trained width (L = 1)")
        ax.set_title(NAMES[family])
        ax.set_xlabel("m' (outputs)")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("neurons (max width)")
    return fig, data


GENERATORS = [("trained", trained_page)]
