"""U-AND error statistics: simulated worst-stratum rates beside the exact prediction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.network import Network
from bounds.constructions.uand.analysis import THETA, _expected_wrong_outputs, _tail_one_endpoint
from bounds.constructions.uand.build import PROVENANCE
from bounds.constructions.verify import clopper_pearson_upper, endpoint_rows, rows_to_csr
from bounds.validation import as_int

__all__ = ["UAndStats", "uand_error_stats"]


@dataclass(frozen=True)
class UAndStats:
    """Error statistics of a built U-AND network (see :func:`uand_error_stats`).

    ``fp_*``: the worst stratum for one output — one endpoint of pair ``j`` active plus
    ``k − 1`` other random active features — simulated (``fp_trials`` random
    ``(j, input)`` draws) against the exact prediction ``predicted_fp_rate``, the mean of
    ``P[Bin((k−1)|S_j|, p) > θ|S_j|]`` over the drawn ``j``. ``fn_*``: both endpoints and
    ``k − 2`` others active (no error is possible). ``predicted_wrong_outputs``: the exact
    expected number of wrong outputs on a uniform input with exactly ``k`` active features,
    ``Σ_j P₁·q₁(|S_j|) + P₀·q₀(|S_j|)`` with ``P₁ = 2k(m−k)/(m(m−1))`` (one endpoint active),
    ``P₀ = C(m−2, k)/C(m, k)`` (none) — an upper bound (union bound) on the per-input error
    rate of that distribution, and close to it when small. ``verification``: the library's
    :func:`~bounds.constructions.verify.verify` per-input report, or ``None``.
    """

    m: int
    m_prime: int
    k: int
    d: int
    p: float
    theta: float
    d_p2: float
    s_min: int
    s_mean: float
    s_max: int
    fp_trials: int
    false_positives: int
    fp_rate: float
    fp_upper95: float
    predicted_fp_rate: float
    fn_trials: int
    false_negatives: int
    predicted_wrong_outputs: float
    verification: Any
    provenance: str


def _output_batch(net: Network, xs: sp.csr_matrix, js: np.ndarray) -> np.ndarray:
    """Output ``js[r]`` of the network on input row ``r`` (only the needed rows of ``D``)."""
    h = net.hidden(xs)
    rows = net.D[js]
    vals = np.asarray(rows.multiply(sp.csr_matrix(h)).sum(axis=1)).ravel()
    return vals > net.theta[js]


def uand_error_stats(
    net: Network,
    *,
    delta: float = 0.01,
    seed: int = 0,
    trials: int = 20_000,
    inputs: int | None = None,
    run_verify: bool = True,
) -> UAndStats:
    """Simulated error statistics of a U-AND network, with the exact prediction.

    Draws ``trials`` random outputs ``j`` and, for each, one input with one endpoint of
    ``j`` and ``k − 1`` other random features active (the worst case for a false
    positive), and one with both endpoints and ``k − 2`` others (a true AND). With
    ``run_verify`` it also runs :func:`bounds.constructions.verify.verify` (per-input
    error rate over k-sparse inputs, stratified) with ``delta``, ``seed``, ``inputs``.

    >>> from bounds.constructions.uand.build import build_uand
    >>> net = build_uand(40, 400, 0.25, 2, seed=1, m_prime=60)
    >>> st = uand_error_stats(net, trials=2000, run_verify=False)
    >>> st.false_negatives, abs(st.fp_rate - st.predicted_fp_rate) < 0.05
    (0, True)
    """
    if net.kind != "uand":
        raise ValueError(f"net must be a U-AND network (kind 'uand'; got {net.kind!r})")
    trials = as_int(trials, "trials", 1)
    seed = as_int(seed, "seed", 0)
    meta = dict(net.meta)
    d, p = int(net.widths[1]), float(meta.get("p", np.nan))
    if not np.isfinite(p):  # loaded from .npz: estimate p from W
        p = float(net.weights[0].nnz) / (d * net.m)
    sizes = np.diff(net.D.indptr)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5A4D]))
    js = rng.integers(0, net.m_prime, size=trials)
    predicted = float(_tail_one_endpoint(sizes[js], max(net.k - 1, 0), p, THETA).mean())
    predicted_wrong = _expected_wrong_outputs(net.m, net.k, sizes, p)
    fp = fn = 0
    fn_trials = trials if net.k >= 2 else 0
    chunk = max(1, (1 << 23) // max(d, 1))
    for start in range(0, trials, chunk):
        jj = js[start : start + chunk]
        pairs = np.asarray(net.instance)[jj]
        x1 = rows_to_csr(endpoint_rows(pairs, 1, net.k, net.m, rng), net.m)
        fp += int(_output_batch(net, x1, jj).sum())
        if fn_trials:
            x2 = rows_to_csr(endpoint_rows(pairs, 2, net.k, net.m, rng), net.m)
            fn += int((~_output_batch(net, x2, jj)).sum())
    ver = None
    if run_verify:
        from bounds.constructions.verify import verify

        ver = verify(net, delta=delta, seed=seed, inputs=inputs)
    return UAndStats(
        m=net.m,
        m_prime=net.m_prime,
        k=net.k,
        d=d,
        p=p,
        theta=THETA,
        d_p2=d * p * p,
        s_min=int(sizes.min()),
        s_mean=float(sizes.mean()),
        s_max=int(sizes.max()),
        fp_trials=trials,
        false_positives=fp,
        fp_rate=fp / trials,
        fp_upper95=clopper_pearson_upper(fp, trials),
        predicted_fp_rate=predicted,
        fn_trials=fn_trials,
        false_negatives=fn,
        predicted_wrong_outputs=predicted_wrong,
        verification=ver,
        provenance=PROVENANCE,
    )
