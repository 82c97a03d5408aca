"""docs/tables/trained.md and docs/figures/trained.*: trained widths beside the bounds.

Rendered from the committed sweep data (:mod:`bounds.training.data`,
``docs/data/trained/<family>.json``, written by ``benchmarks/sweep_trained.py``);
nothing is trained here. The data are checked for consistency with their own trials
(:func:`bounds.training.data.check_rows`) before rendering, so an edited or
half-written data file fails the drift check. The comparison columns (C0, the width of the
family's theorem construction C1d/C2d from its analysed sizes, with its verdict kind, the §3
lower bound) are computed by the library now.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bounds.formatting import render
from bounds.reports.docsgen import DocFile
from bounds.reports.figures import figure_files, plt
from bounds.reports.frontier import kinds_line
from bounds.reports.tables import page
from bounds.training.data import FAMILIES, SWEEP_M_PRIMES, load_sweep, sweep_command

__all__ = ["GENERATORS", "trained_page"]

NAMES = {"pairwise-and": "pairwise AND (m = m')", "permutation": "permutation"}


def _theorem_construction(family: str, m_prime: int) -> dict[str, Any]:
    """The frontier's theorem construction of ``family`` at m′ (C1d / C2d, analysed sizes,
    :func:`bounds.reports.frontier.analytic_construction`, k = 3, δ = 0.01)."""
    from bounds.reports.frontier import analytic_construction, frontier_families

    problem = next(p for p, (kind, _) in frontier_families().items() if kind == family)
    return analytic_construction(problem, m_prime, 3, 0.01)


def _comparisons(family: str, m_prime: int, bits: int | None) -> dict[str, Any]:
    from bounds.constructions.instances import family_of
    from bounds.constructions.trivial import default_m
    from bounds.lower import lower_bounds

    m = default_m(family, m_prime)
    fam = family_of(family, m_prime, m)
    con = _theorem_construction(family, m_prime)
    out = {"c0": max(m, m_prime), "construction": int(con["neurons"]),
           "construction_name": con["name"].split()[0],
           "construction_kind": con["verdict_kind"],
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
                    "construction": cmp_["construction"], "lb8": cmp_["lb8"],
                    "construction_name": cmp_["construction_name"],
                    "construction_kind": cmp_["construction_kind"]}
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
    """Per family: the data file, the code commit of each row, the other versions."""
    lines = []
    for family in FAMILIES:
        payload = data.get(family)
        if payload is None:
            lines.append(f"{NAMES[family]}: no sweep data committed.")
            continue
        v = payload["versions"]
        commits: dict[str, list[str]] = {}
        for r in payload["rows"]:
            c = (r.get("versions") or {}).get("git_commit")
            commits.setdefault("not recorded" if c is None else c[:12], []).append(
                str(r["m_prime"]))
        lines.append(f"{NAMES[family]}: data docs/data/trained/{family}.json; rows measured "
                     "with code at git commit " + "; ".join(
                         f"{c} (m' = {', '.join(ms)})" for c, ms in commits.items())
                     + "; " + ", ".join(f"{k} {v[k]}" for k in sorted(v) if k != "git_commit")
                     + ".")
    return lines


def _rules() -> list[str]:
    """The recipe and search rules (bounds.training.recipe), one line per distinct rule."""
    from bounds.training.recipe import recipe_rule, search_rule

    by_rule: dict[str, list[str]] = {}
    for family in FAMILIES:
        by_rule.setdefault(recipe_rule(family), []).append(NAMES[family])
    lines = [f"recipe ({' and '.join(names) if len(names) < len(FAMILIES) else 'both families'}"
             f"): {rule}" for rule, names in by_rule.items()]
    return [*lines, f"search: {search_rule()}; training seeds 0, 1 (one success at a width "
                    "suffices); limit 4 max(m, m')"]


def _commands(data: dict[str, dict[str, Any]]) -> tuple[list[str], list[str], list[str]]:
    """(rows made by the one command, rows run by an earlier equivalent command -- with why
    they are the same search --, rows NOT made by the rules, with their recipe)."""
    from bounds.training.data import follows_rules

    same, equivalent, other = [], [], []
    for family in FAMILIES:
        plain = []
        for row in data.get(family, {}).get("rows", []):
            where = f"{NAMES[family]} m'={row['m_prime']}"
            if not follows_rules(family, row):
                other.append(f"{where}: {_budget(row)}, made by `{row.get('command')}`")
            elif row.get("command_as_run"):
                equivalent.append(f"{where}: run as `{row['command_as_run']}`; "
                                  f"{row.get('same_search', '')}")
            else:
                plain.append(str(row["m_prime"]))
        if plain:
            same.append(f"{NAMES[family]} at m' = {', '.join(plain)}")
    return same, equivalent, other


def _comparison(data: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows kept as ``superseded`` beside the current rows at the same m' (only where the
    current row follows the rules: an old row still in place is not compared with itself)."""
    from bounds.training.data import follows_rules

    out = []
    for family in FAMILIES:
        payload = data.get(family, {})
        now = {r["m_prime"]: r for r in payload.get("rows", [])}
        for old in payload.get("superseded", []):
            new = now.get(old["m_prime"])
            if new is None or not follows_rules(family, new):
                continue
            out.append({"family": NAMES[family], "m_prime": old["m_prime"],
                        "because": old.get("superseded_because", ""),
                        "old": old["least_width"], "old_budget": _budget(old),
                        "old_cpu": f"{old['cpu_seconds']:.0f}",
                        "new": new["least_width"], "new_budget": _budget(new),
                        "new_cpu": f"{new['cpu_seconds']:.0f}",
                        "new_rules": follows_rules(family, new)})
    return out


def _nonmonotone(data: dict[str, dict[str, Any]]) -> list[str]:
    """Same (family, m', budget): a width that succeeded below one that failed every seed,
    over all committed trials (rows and superseded rows)."""
    out = []
    for family in FAMILIES:
        payload = data.get(family, {})
        by: dict[tuple, dict[int, bool]] = {}
        for r in [*payload.get("rows", []), *payload.get("superseded", [])]:
            key = (r["m_prime"], r["steps"], r.get("pos_weight", 1.0))
            for t in r["trials"]:
                got = by.setdefault(key, {})
                got[t["neurons"]] = got.get(t["neurons"], False) or bool(t["meets_delta"])
        for (mp, steps, w), ok in sorted(by.items()):
            pairs = [(a, b) for a in ok for b in ok if a < b and ok[a] and not ok[b]]
            if pairs:
                a, b = min(pairs, key=lambda ab: (ab[1] - ab[0], ab))
                out.append(f"{NAMES[family]} m'={mp} ({steps} steps, w+ {w:g}): N={a} met "
                           f"delta, N={b} failed every seed tried")
    return out


def _made_by(data: dict[str, dict[str, Any]]) -> str:
    same, equivalent, other = _commands(data)
    text = ("Each row records the per-size command the one command runs for it "
            f"(`{sweep_command()} --family F --m-prime M`); the drift check replays "
            "each row's search from its recorded trials (no training) and fails if they are "
            "not the search the rules make.")
    if same:
        text += "\n\nMade by the one command's per-size runs: " + "; ".join(same) + "."
    if equivalent:
        text += ("\n\nRun before the rules were written, with the same search (the drift "
                 "check replays it from the trials; no retraining needed):\n\n"
                 + "\n".join(f"- {e}" for e in equivalent))
    if other:
        text += ("\n\n**Not made by the rules** (another recipe; the one command would "
                 "retrain them):\n\n" + "\n".join(f"- {o}" for o in other))
    elif not equivalent:
        text += " Every row is what the one command makes."
    return text + "\n"


def _versus(rows: list[dict[str, Any]]) -> str:
    """How the rule's widths compare with the earlier recipe's, in words.

    >>> _versus([{"m_prime": 100, "old": 108, "new": 112}, {"m_prime": 200, "old": 184,
    ...          "new": 176}])
    "the rule: 4 wider at m' = 100; 8 narrower at m' = 200"
    """
    parts = []
    for r in rows:
        d = r["new"] - r["old"]
        parts.append(f"equal at m' = {r['m_prime']}" if d == 0 else
                     f"{abs(d)} {'wider' if d > 0 else 'narrower'} at m' = {r['m_prime']}")
    return "the rule: " + "; ".join(parts)


def _comparison_section(data: dict[str, dict[str, Any]]) -> list[str]:
    rows = _comparison(data)
    if not rows:
        return []
    cols = [("family", "family"), ("m_prime", "m'"), ("old", "least width, superseded"),
            ("old_budget", "its budget"), ("old_cpu", "CPU s"),
            ("new", "least width, now"), ("new_budget", "budget now"),
            ("new_cpu", "CPU s ")]
    out = ["### Superseded rows (kept in the data files, checked like the others)", ""]
    for family in FAMILIES:
        sel = [r for r in rows if r["family"] == NAMES[family]]
        for because in dict.fromkeys(r["because"] for r in sel):
            group = [r for r in sel if r["because"] == because]
            out += [f"{NAMES[family]}: {because}. The current rows against them "
                    f"({_versus(group)}):", "", render(group, cols, "markdown"), ""]
    recipe_rows = [r for r in rows if r["because"].startswith("earlier recipe")
                   and r["new_rules"]]
    if recipe_rows:
        wider = sum(r["new"] - r["old"] for r in recipe_rows)
        out += [f"The recipe decision: at m' = "
                f"{', '.join(str(r['m_prime']) for r in recipe_rows)} (same grid at each m') "
                f"the rule's widths sum to {abs(wider)} {'more' if wider > 0 else 'fewer'} "
                "neurons than the earlier recipe's"
                + (", so one recipe serves both families." if wider <= 0 else
                   ": the rule is worse here.") + "", ""]
    bumps = _nonmonotone(data)
    if bumps:
        out += ["Success is not monotone in N for SGD (over all committed trials of one "
                "budget): " + "; ".join(bumps) + ". A least width therefore depends on the "
                "widths its search visits (the rules fix them); every trial is in the data "
                "files.", ""]
    return out


def trained_page() -> Iterable[DocFile]:
    """The table and figure of least trained widths (module docstring)."""
    data = load_sweep()
    rows = _rows(data)
    cols = [("family", "family"), ("m_prime", "m'"), ("width", "least trained width N"),
            ("verdict", "verdict at N"), ("bits", "least b"), ("lb_b", "neurons >= (at b)"),
            ("lb8", "neurons >= (b = 8)"), ("construction_name", "construction"),
            ("construction", "its width"), ("construction_kind", "verdict kind"),
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
        "construction: the frontier's theorem construction of the family (C1d: every "
        "permutation; C2d: every instance of its family F_r, at least half of all "
        "instances), its max width from the analysed sizes (not built; docs/tables/"
        "frontier.md), at its own b and L (not the trained network's); "
        + kinds_line({r["construction_kind"] for r in rows})
        + ". The random-instance constructions C1/C2 are not shown (no upper bound for the "
        "family). C0: one neuron per output.",
        *_provenance(data),
    ]
    missing = [f"{r['family']} m'={r['m_prime']}" for r in rows if r["width"] == "not measured"]
    cut = [f"{r['family']} m'={r['m_prime']}" for r in rows
           if "search cut off" in str(r["width"])]
    sections = [
        "## Least trained width, k = 3, delta = 0.01",
        "",
        "The whole table (both families, every m') is one command; it trains (hours on 2 "
        "cores; each finished size is written at once), then `superbounds docs` renders "
        f"this page from the data without training:\n\n```\n{sweep_command()}\n```\n",
        "Everything else follows from (family, m') by rules stated once, in "
        "`bounds.training.recipe` (they are also the defaults of `superbounds train`):\n\n"
        + "\n".join(f"- {line}" for line in _rules()) + "\n",
        "Why this budget: positives are rare. A quarter of each batch of 256 has both "
        "endpoints of one random AND output active, so at steps = 2 m' every output is the "
        "target of about 128 sampled inputs; a fixed budget starves wide nets (pairwise AND "
        "at m' = 1000: no width <= 4032 with 600 steps, 448 with this rule). A permutation "
        "output is as rarely 1 (about k/m' of the outputs); the comparison below decided "
        "that one recipe serves both families.\n",
        _made_by(data),
        *_comparison_section(data),
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
        limits="The 'neurons >=' columns and the construction widths are theorems of this "
        "library; the trained widths, their verdicts and least b are measurements "
        "(Monte-Carlo or exhaustive on one random instance); all are in its model "
        "(docs/model.md)",
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
        ax.loglog(ms, series["construction"], "s-",
                  label=f"{sel[0]['construction_name']} ({sel[0]['construction_kind']}, "
                        "analysed sizes)"
                  if sel else "theorem construction")
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
