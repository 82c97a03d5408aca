"""Judge a trained network, report it as ``simulate`` does, and search the least width.

* :func:`judge` -- the **one place** where a trained network is judged. It calls
  :func:`bounds.constructions.verify.verify` (exhaustive when the ≤ k-sparse inputs are
  few, else stratified Monte-Carlo with a one-sided 95% Clopper--Pearson bound) and
  names which of the three verdicts of SPEC §5 the evidence supports: *certified on
  all ≤ k-sparse inputs* only when the exhaustive simulation found no error, otherwise
  an exact rate (exhaustive) or *Monte-Carlo at 95%*. A certifier joins here.
* :func:`run_training` -- train, judge, find the least b, quantize (``bits``), export;
  one row with the keys of ``simulate`` (:data:`bounds.constructions.simulation.JSON_KEYS`)
  plus the training record (:data:`EXTRA_KEYS`).
* :func:`least_width` -- least width N (on a grid of ``resolution``) at which some of
  the training seeds meets δ under a fixed budget, by doubling then bisection
  (:func:`bounds.search.least_true`). Success need not be monotone in N for SGD; the
  search assumes it, and every trial is recorded so a reader can see.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bounds.constructions.network import Network
from bounds.constructions.registry import RANDOM_INSTANCE_CLAIM
from bounds.constructions.simulation import verdicts
from bounds.constructions.verify import Verification, verify
from bounds.search import least_true
from bounds.training.quantize import least_bits, quantize
from bounds.training.trainer import TrainConfig, TrainedNetwork, train_network
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["EXTRA_KEYS", "Judgement", "Trial", "WidthSearch", "construction_width", "judge",
           "least_width", "lower_bound_row", "run_training", "trivial_width"]

EXTRA_KEYS = ("verdict", "in_model", "code", "decoder", "d", "training", "precision",
              "construction_neurons", "export")


@dataclass(frozen=True)
class Judgement:
    """A verdict (SPEC §5 wording) and the evidence behind it."""

    verdict: str
    meets_delta: bool
    verification: Verification


def judge(net: Network, *, delta: float, seed: int, inputs: int | None = None) -> Judgement:
    """Judge ``net`` against ``delta`` (module docstring); all randomness from ``seed``."""
    v = verify(net, delta=delta, seed=seed, inputs=inputs)
    if v.method == "exhaustive":
        if v.errors == 0:
            verdict = (f"certified on all <=k-sparse inputs (exhaustive simulation of "
                       f"{v.inputs_tested:,} inputs, 0 errors)")
        else:
            verdict = (f"exhaustive over all {v.inputs_tested:,} <=k-sparse inputs: worst "
                       f"stratum {v.worst_stratum} exact rate {v.error_rate:.3g} "
                       f"{'<=' if v.meets_delta else '>'} delta")
    else:
        verdict = (f"Monte-Carlo at 95% confidence on the verifier's strata ({v.inputs_tested:,}"
                   f" inputs): worst stratum {v.worst_stratum} upper bound "
                   f"{v.error_upper95:.3g} {'<=' if v.meets_delta else '>'} delta")
    return Judgement(verdict=verdict, meets_delta=bool(v.meets_delta), verification=v)


def trivial_width(kind: str, net: Network) -> int:
    """C0's max width for the same instance (built, then counted)."""
    from bounds.constructions.trivial import build_trivial

    return int(build_trivial(kind, net.m_prime, instance=net.instance, m=net.m)
               .resources().max_width)


def construction_width(kind: str, m_prime: int, k: int, delta: float) -> int:
    """C1/C2's max width at ``m'`` from its chosen parameters (no build): ``max(d, H + H_in)``."""
    from bounds.constructions.channels import AnalysisBoundWarning, choose_parameters

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisBoundWarning)
        p = choose_parameters(kind, m_prime, k, delta)
    return int(max(p.d, p.H + p.H_in))


def lower_bound_row(kind: str, net: Network, bits: int, layers: int) -> dict[str, Any]:
    """§3 lower bounds (D1, ε = 0) for the network's family at ``bits``, ``layers``."""
    from bounds.constructions.instances import family_of
    from bounds.lower import lower_bounds

    fam = family_of(kind, net.m_prime, net.m)
    lb = lower_bounds(fam, bits=bits, layers=layers, eps=0.0)
    return {"log2_instances": float(lb.log2_instances), "bits_lb": float(lb.bits_lb),
            "params_lb": None if lb.params_lb is None else int(lb.params_lb),
            "neurons_lb": int(lb.neurons_lb), "provenance": str(lb.provenance)}


def _strata(v: Verification) -> list[dict[str, Any]]:
    return [{"name": s.name, "inputs": int(s.inputs), "errors": int(s.errors),
             "rate": float(s.rate), "upper95": float(s.upper95)} for s in v.strata]


def run_training(
    kind: str,
    m_prime: Any,
    k: Any,
    neurons: Any,
    layers: Any,
    seed: Any,
    *,
    delta: Any = 0.01,
    bits: Any = None,
    export: str | None = None,
    config: TrainConfig | None = None,
    code: str = "sign",
    decoder: str = "owners",
    inputs: Any = None,
    train_seed: Any = None,
    step: Callable[[str], None] | None = None,
    certify: bool = False,
) -> tuple[dict[str, Any], list[str], Network]:
    """Train one network and report it; returns ``(row, footer, reported network)``.

    The reported network is the trained one, or its ``bits``-bit quantization when
    ``bits`` is given. ``precision.least_bits`` is the least b at which the quantized
    network still meets δ in :func:`judge` (same verification seed), or ``None``.
    """
    from bounds.training.export import export_paths, save_safetensors

    say = step or (lambda _text: None)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    neurons = as_int(neurons, "neurons", 1)
    layers = as_int(layers, "layers", 1, 16)
    seed = as_int(seed, "seed", 0)
    delta = as_real(delta, "delta", 0.0, 1.0, low_closed=False)
    bits = None if bits is None else as_int(bits, "bits", 1, 52)
    inputs = None if inputs is None else as_int(inputs, "inputs", 4)
    paths = None if export is None else export_paths(export)

    say(f"training {kind} (m'={m_prime:,}, n={neurons}, L={layers})")
    tr = train_network(kind, m_prime, k, neurons, layers, seed, config=config, code=code,
                       decoder=decoder, train_seed=train_seed)
    say("verifying")
    jf = judge(tr.net, delta=delta, seed=seed, inputs=inputs)
    least_b = None
    if jf.meets_delta:
        say("least bits")
        least_b = least_bits(
            tr.net, lambda q: judge(q, delta=delta, seed=seed, inputs=inputs).meets_delta)
    net, j = tr.net, jf
    if bits is not None:
        net = quantize(tr.net, bits)
        j = judge(net, delta=delta, seed=seed, inputs=inputs)
    res = net.resources()
    v = j.verification
    lb = lower_bound_row(kind, net, res.bits_per_param, res.layers)
    lb_least = None
    if least_b is not None:
        qb = quantize(tr.net, least_b).resources().bits_per_param
        lb_least = {"bits_per_param": int(qb), **lower_bound_row(kind, net, qb, res.layers)}
    c0 = trivial_width(kind, net)
    cw = construction_width(kind, m_prime, k, delta)
    if paths is not None:
        say(f"writing {paths[0]} and {paths[1]}")
        net.save_npz(paths[0])
        save_safetensors(net, paths[1])
    cfg = tr.config
    row: dict[str, Any] = {
        "construction": f"trained-{kind}",
        "m_prime": m_prime, "k": k, "delta": delta, "seed": seed,
        "neurons": int(res.max_width), "neurons_total": int(res.total_neurons),
        "params_dense": int(res.params_dense), "params_nonzero": int(res.params_nonzero),
        "bits_per_param": int(res.bits_per_param), "layers": int(res.layers),
        "inputs_tested": int(v.inputs_tested), "errors": int(v.errors),
        "error_rate": float(v.error_rate), "error_upper95": float(v.error_upper95),
        "meets_delta": bool(v.meets_delta), "trivial_neurons": c0, "lower_bounds": lb,
        "uniform_rate": float(v.uniform_rate), "uniform_upper95": float(v.uniform_upper95),
        "strata": _strata(v),
        "claim": RANDOM_INSTANCE_CLAIM,
        "parameters": {"m": int(net.m), "d": int(net.widths[0]),
                       "r": int(net.meta.get("r", 0))},
        "instance_distribution": "the family's uniformly random instance from the seed "
                                 "(the network is trained for that one instance)",
        "verdicts": verdicts(net, v, certify=certify)[0],
        "verdict": j.verdict, "in_model": tr.in_model, "code": tr.code,
        "decoder": tr.decoder, "d": int(net.widths[0]),
        "training": {"train_seed": tr.train_seed, "steps": cfg.steps, "batch": cfg.batch,
                     "lr": cfg.lr, "lr_width": cfg.lr_width, "margin": cfg.margin,
                     "pos_weight": cfg.pos_weight, "final_loss": tr.final_loss,
                     "wall_seconds": round(tr.wall_seconds, 3),
                     "cpu_seconds": round(tr.cpu_seconds, 3), "torch": tr.torch_version,
                     "r": int(net.meta.get("r", 0))},
        "precision": {"bits": bits, "least_bits": least_b,
                      "float_meets_delta": jf.meets_delta,
                      "lower_bounds_at_least_bits": lb_least},
        "construction_neurons": cw,
        "export": None if paths is None else [str(p) for p in paths],
    }
    where = ("in the model (public code, decoder and thresholds; only W, beta trained)"
             if tr.in_model else "OUTSIDE the model: the decoder D was trained, so it "
             "depends on the instance (as U-AND's does)")
    footer = [
        f"trained network {where}; code={tr.code}, d={net.widths[0]}, decoder={tr.decoder} "
        f"(r={row['training']['r']}, theta=1/2), seed={seed} (instance, code, decoder), "
        f"train_seed={tr.train_seed}, budget {cfg.steps} steps x batch {cfg.batch}, "
        f"Adam lr={cfg.lr:g} cosine, squared hinge margin {cfg.margin:g}, positive "
        f"outputs weighted {cfg.pos_weight:g}; "
        f"trained in {tr.wall_seconds:.1f} s (torch {tr.torch_version})",
        f"verdict: {j.verdict}"
        + ("" if bits is None else f" (after quantization to b={bits} bits per layer)"),
        ("precision: least b per layer at which the verdict still holds: "
         + (f"{least_b} (post-training quantization, doubling then bisection over b <= 16)"
            if least_b is not None else "none (the trained network itself does not meet "
            "delta)" if not jf.meets_delta else "none up to b = 16")),
        f"C0 (no superposition): max width {c0:,}; this library's C1/C2 at the same m', k, "
        f"delta: max width {cw:,} (from its chosen parameters)",
        f"lower bounds: {lb['provenance']}; b={res.bits_per_param} (the network's counted "
        f"bits/param), L={res.layers}, eps=0 (exact on the probes: a stronger notion than "
        "the Monte-Carlo delta verdict, so the comparison is indicative)",
    ]
    return row, footer, net


@dataclass(frozen=True)
class Trial:
    """One training run of a width search."""

    neurons: int
    train_seed: int
    meets_delta: bool
    error_upper95: float
    worst_stratum: str
    method: str
    wall_seconds: float
    cpu_seconds: float


@dataclass(frozen=True, eq=False)
class WidthSearch:
    """Result of :func:`least_width` (``least_width`` is ``None`` if none up to ``limit``)."""

    kind: str
    m_prime: int
    k: int
    layers: int
    delta: float
    seed: int
    train_seeds: tuple[int, ...]
    config: TrainConfig
    resolution: int
    start: int
    limit: int
    least_width: int | None
    trials: tuple[Trial, ...]
    wall_seconds: float
    cpu_seconds: float
    best: TrainedNetwork | None
    best_verdict: str | None


def least_width(
    kind: str,
    m_prime: int,
    k: int,
    layers: int,
    delta: float,
    *,
    seed: int = 0,
    train_seeds: Sequence[int] = (0, 1, 2),
    config: TrainConfig | None = None,
    resolution: int | None = None,
    limit: int | None = None,
    start: int | None = None,
    code: str = "sign",
    decoder: str = "owners",
    inputs: int | None = None,
    progress: Callable[[str], None] | None = None,
    counts: Callable[[int, int | None], None] | None = None,
    on_trial: Callable[[Trial], None] | None = None,
) -> WidthSearch:
    """Least width ``N = j·resolution ≤ limit`` at which training meets δ (module docstring).

    At each N the training seeds are tried in order until one meets δ (restarts on
    the same instance, code and decoder: ``seed`` is fixed). ``limit`` defaults to
    ``4·max(m, m')`` rounded up to the grid; ``config``, ``resolution`` and ``start`` (a
    width, rounded down to the grid) to the rules of :mod:`bounds.training.recipe`.
    ``progress`` gets a line per trial, ``counts(widths tried, at most)`` a count per width
    (for a bar with an ETA), ``on_trial`` each finished :class:`Trial` (to checkpoint).
    """
    from bounds.training.recipe import recipe, search_grid

    m_prime = as_m_prime(m_prime)
    grid, first = search_grid(m_prime)
    resolution = grid if resolution is None else as_int(resolution, "resolution", 1)
    start = first if start is None else start
    seeds = tuple(as_int(s, "train seed", 0) for s in train_seeds)
    if not seeds:
        raise ValueError("train_seeds must hold at least one seed")
    config = recipe(kind, m_prime) if config is None else config
    from bounds.constructions.trivial import default_m

    top = 4 * max(default_m(kind, m_prime), m_prime) if limit is None else as_int(limit, "limit")
    j_max = -(-top // resolution)
    j_start = max(1, as_int(start, "start") // resolution)
    trials: list[Trial] = []
    winners: dict[int, tuple[TrainedNetwork, Judgement]] = {}
    wall0, cpu0 = time.perf_counter(), time.process_time()

    def ok(j: int) -> bool:
        n = j * resolution
        for ts in seeds:
            if progress:
                progress(f"{kind} m'={m_prime}: N={n}, train seed {ts}")
            tr = train_network(kind, m_prime, k, n, layers, seed, config=config, code=code,
                               decoder=decoder, train_seed=ts)
            jd = judge(tr.net, delta=delta, seed=seed, inputs=inputs)
            v = jd.verification
            trials.append(Trial(n, ts, jd.meets_delta, float(v.error_upper95),
                                v.worst_stratum, v.method, round(tr.wall_seconds, 3),
                                round(tr.cpu_seconds, 3)))
            if on_trial:
                on_trial(trials[-1])
            if jd.meets_delta:
                winners[n] = (tr, jd)
                return True
        return False

    try:
        j_least: int | None = least_true(ok, lo=1, limit=j_max, start=min(j_start, j_max),
                                           progress=counts)
    except ValueError:
        j_least = None
    n_least = None if j_least is None else j_least * resolution
    best = winners.get(n_least) if n_least is not None else None
    return WidthSearch(
        kind=kind, m_prime=m_prime, k=k, layers=layers, delta=float(delta), seed=seed,
        train_seeds=seeds, config=config, resolution=resolution,
        start=min(j_start, j_max) * resolution, limit=j_max * resolution,
        least_width=n_least, trials=tuple(trials),
        wall_seconds=time.perf_counter() - wall0, cpu_seconds=time.process_time() - cpu0,
        best=None if best is None else best[0],
        best_verdict=None if best is None else best[1].verdict)
