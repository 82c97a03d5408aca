"""Run one construction end to end: build, count, verify, and set beside C0 and §3.

This is the engine of ``superbounds simulate`` and of the generated construction
reports: :func:`run_simulation` returns one row with the keys :data:`JSON_KEYS`
(the JSON contract of ``simulate``) and the provenance lines for its footer.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

from bounds.parsing import parse_number
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["CONSTRUCTIONS", "JSON_KEYS", "LOWER_KEYS", "NAMES", "parse_number", "run_simulation"]

JSON_KEYS = (
    "construction",
    "m_prime",
    "k",
    "delta",
    "seed",
    "neurons",
    "neurons_total",
    "params_dense",
    "params_nonzero",
    "bits_per_param",
    "layers",
    "inputs_tested",
    "errors",
    "error_rate",
    "error_upper95",
    "meets_delta",
    "trivial_neurons",
    "lower_bounds",
    "uniform_rate",
    "uniform_upper95",
    "strata",
)
LOWER_KEYS = ("log2_instances", "bits_lb", "params_lb", "neurons_lb", "provenance")

CONSTRUCTIONS = ("permutation", "pairwise-and", "uand")
NAMES = {
    "permutation": "C1 (permutation in superposition, output channels)",
    "pairwise-and": "C2 (pairwise AND in superposition, output channels)",
    "uand": "peer U-AND (Hänni, Mendel, Vaintrob & Chan, arXiv:2408.05451)",
}


def _default_m(m_prime: int) -> int:
    m = max(m_prime, 3)
    while m * (m - 1) // 2 < m_prime:
        m += 1
    return m


def _json_float(value: Any) -> Any:
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _build(kind: str, m_prime: int, k: int, delta: float, seed: int, m: int | None,
           d: int | None, p: float | None) -> Any:
    if kind == "permutation":
        from bounds.constructions.channels import build_permutation

        return build_permutation(m_prime, k, delta, seed)
    if kind == "pairwise-and":
        from bounds.constructions.channels import build_pairwise_and

        return build_pairwise_and(m_prime, k, delta, seed, m=m)
    from bounds.constructions.uand import build_uand, uand_defaults

    mm = _default_m(m_prime) if m is None else m
    if d is None or p is None:
        d0, p0 = uand_defaults(mm, m_prime, k, delta)
        d = d0 if d is None else d
        p = p0 if p is None else p
    return build_uand(mm, d, p, k, seed, m_prime=m_prime)


def _trivial_width(kind: str, net: Any, seed: int) -> int:
    from bounds.constructions.trivial import build_trivial

    tkind = "permutation" if kind == "permutation" else "pairwise-and"
    m = None if kind == "permutation" else net.m
    c0 = build_trivial(tkind, net.m_prime, instance=net.instance, seed=seed, m=m)
    return int(c0.resources().max_width)


def _family(kind: str, net: Any) -> Any:
    from bounds.families import pairwise, permutation

    if kind == "permutation":
        return permutation(net.m_prime)
    return pairwise(net.m_prime, m=net.m, op="AND", labelled=True)


def _params_text(kind: str, net: Any) -> str:
    meta = dict(getattr(net, "meta", {}) or {})
    keep = {k: v for k, v in meta.items() if isinstance(v, (int, float, str)) and k != "seed"}
    if kind == "uand":
        keep = {k: meta[k] for k in ("d", "p", "theta", "d_p2", "S_min") if k in meta}
    elif isinstance(meta.get("params"), dict):
        chosen = meta["params"]
        keep = {k: chosen[k] for k in ("r", "s", "G", "g", "G_in", "tau", "rho") if k in chosen}
        keep["analysis_bound"] = float(chosen.get("bound", float("nan")))
    parts = [f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in keep.items()]
    return ", ".join([f"m={net.m}", *parts])


def run_simulation(
    kind: str,
    m_prime: Any,
    k: Any,
    delta: Any,
    seed: Any,
    *,
    inputs: Any = None,
    m: Any = None,
    d: Any = None,
    p: Any = None,
    export: str | None = None,
    step: Any = None,
) -> tuple[dict[str, Any], list[str], Any]:
    """Build, count, verify and bound one construction; returns ``(row, footer, net)``.

    ``row`` has exactly the keys :data:`JSON_KEYS`; ``footer`` the provenance lines.

    >>> row, footer, net = run_simulation("uand", 40, 3, 0.05, 1, m=30, d=800, p=0.2,
    ...                                   inputs=400)
    >>> row["neurons"], row["trivial_neurons"], row["bits_per_param"], row["layers"]
    (800, 40, 2, 1)
    >>> list(row["lower_bounds"]) == list(LOWER_KEYS), tuple(row) == JSON_KEYS
    (True, True)
    """
    say = step or (lambda _text: None)
    if kind not in CONSTRUCTIONS:
        raise ValueError(f"construction must be one of {', '.join(CONSTRUCTIONS)} (got {kind!r})")
    m_prime = as_m_prime(parse_number(m_prime, "m_prime"))
    k = as_int(parse_number(k, "k"), "k", 1)
    delta = as_real(parse_number(delta, "delta"), "delta", 0.0, 1.0, low_closed=False)
    seed = as_int(parse_number(seed, "seed"), "seed", 0)
    inputs = None if inputs is None else as_int(parse_number(inputs, "inputs"), "inputs", 1)
    if kind == "permutation" and m is not None:
        raise ValueError("m applies to pairwise-and and uand only (a permutation has m = m')")
    m = None if m is None else as_int(parse_number(m, "m"), "m", 3)
    if kind != "uand" and (d is not None or p is not None):
        raise ValueError("d and p apply to the uand construction only")
    d = None if d is None else as_int(parse_number(d, "d"), "d", 1)
    if p is not None:
        p = as_real(parse_number(p, "p"), "p", 0.0, 1.0, low_closed=False, high_closed=True)
    target: Path | None = None
    if export is not None:
        target = Path(export)
        if target.suffix != ".npz":
            raise ValueError(f"export must be a path ending in .npz (got {export!r})")
        if not target.parent.exists() and str(target.parent) not in ("", "."):
            raise ValueError(f"export directory does not exist: {str(target.parent)!r}")

    from bounds.constructions.verify import verify
    from bounds.lower import lower_bounds

    say(f"building {kind} (m'={m_prime:,})")
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = _build(kind, m_prime, k, delta, seed, m, d, p)
    notes += [f"warning: {w.message}" for w in caught if issubclass(w.category, UserWarning)]
    res = net.resources()
    say(f"verifying {kind} (m'={m_prime:,})")
    ver = verify(net, delta=delta, seed=seed, inputs=inputs)
    say("building C0 and lower bounds")
    trivial = _trivial_width(kind, net, seed)
    lb = lower_bounds(_family(kind, net), bits=res.bits_per_param, layers=res.layers, eps=0.0)
    if target is not None:
        say(f"writing {target}")
        net.save_npz(target)
    row: dict[str, Any] = {
        "construction": kind,
        "m_prime": m_prime,
        "k": k,
        "delta": delta,
        "seed": seed,
        "neurons": int(res.max_width),
        "neurons_total": int(res.total_neurons),
        "params_dense": int(res.params_dense),
        "params_nonzero": int(res.params_nonzero),
        "bits_per_param": int(res.bits_per_param),
        "layers": int(res.layers),
        "inputs_tested": int(ver.inputs_tested),
        "errors": int(ver.errors),
        "error_rate": _json_float(ver.error_rate),
        "error_upper95": _json_float(ver.error_upper95),
        "meets_delta": bool(ver.meets_delta),
        "trivial_neurons": trivial,
        "lower_bounds": {
            "log2_instances": _json_float(float(lb.log2_instances)),
            "bits_lb": _json_float(float(lb.bits_lb)),
            "params_lb": None if lb.params_lb is None else int(lb.params_lb),
            "neurons_lb": int(lb.neurons_lb),
            "provenance": str(lb.provenance),
        },
        "uniform_rate": _json_float(ver.uniform_rate),
        "uniform_upper95": _json_float(ver.uniform_upper95),
        "strata": [
            {"name": st.name, "inputs": int(st.inputs), "errors": int(st.errors),
             "rate": _json_float(st.rate), "upper95": _json_float(st.upper95)}
            for st in ver.strata
        ],
    }
    method = getattr(ver, "method", "simulation")
    who = "the" if kind == "uand" else "this library's"
    footer = [
        f"construction: {who} {NAMES[kind]} with parameters "
        f"{_params_text(kind, net)}, seed={seed}; verified by {method} over "
        f"{ver.inputs_tested:,} inputs (k={k}-sparse), error_upper95 = one-sided 95% bound "
        f"(worst stratum)",
        "strata: " + "; ".join(
            f"{st.name} {st.errors}/{st.inputs:,} (upper95 {st.upper95:.3g})" for st in ver.strata
        ) + f"; plain uniform <= k-sparse: rate {ver.uniform_rate:.3g} "
        f"(upper95 {ver.uniform_upper95:.3g})",
        f"C0 (no superposition, inputs explicit): max width {trivial:,} for the same instance",
        f"lower bounds: {lb.provenance}; for {lb.problem}, m'={m_prime:,}, "
        f"b={res.bits_per_param} (the construction's bits/param), L={res.layers} "
        "(its depth), eps=0",
        *notes,
    ]
    if kind == "uand":
        footer.insert(1, "U-AND: peer construction (their claim is asymptotic); the decoder "
                         "selects the pairs, so the instance lives in D, outside the model "
                         "of docs/model.md")
    return row, footer, net
