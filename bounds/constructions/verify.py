"""Verification of a built :class:`~bounds.constructions.network.Network` by simulation (SPEC §5).

An input ``x`` (at most ``k`` active features) is an **error** if *any* of the ``m'``
outputs of the network differs from the instance's target ``f(x)``
(:meth:`Network.target`). Two methods:

* **exhaustive** -- every input with at most ``k`` active features, when their number
  ``sum_{i<=k} C(m, i)`` is at most ``exhaustive_limit`` (and ``inputs`` is not given).
  Rates are exact; the "upper bound" of a stratum is its exact rate.
* **monte-carlo** -- ``inputs`` samples (default 10 000, split evenly over the strata)
  drawn from ``numpy.random.default_rng(seed)``.

Strata (Monte-Carlo: how the sample is drawn; exhaustive: which inputs belong)
--------------------------------------------------------------------------------
Every family:

* ``uniform`` -- the plain uniform distribution on inputs with ``<= k`` active
  features (the size ``j`` is drawn with probability ``C(m, j) / sum_i C(m, i)``,
  then a uniform ``j``-subset). Its rate is reported as ``uniform_rate``.
* ``fewer`` -- fewer than ``k`` active features, the size uniform on ``{0..k-1}``
  (small inputs are rare under ``uniform`` but must work too).

Pairwise AND (and the trivial AND) add, when ``k >= 2``:

* ``target`` -- both endpoints of a uniformly random output's pair active, plus
  ``k - 2`` uniformly random other features (so some target output is 1);
* ``one-endpoint`` -- exactly one endpoint of a random output's pair active (the
  other is excluded), plus ``k - 1`` random others: the hard case of an AND,
  where that output must stay 0 although half of its evidence is present.

For a permutation every non-empty input activates targets and every feature has
influence 1, so there is no separate "activating" or "hard" stratum: the two
strata ``uniform`` and ``fewer`` (which contains the single-feature inputs and the
empty input) are used. In the exhaustive method the strata are the subsets
``|x| = k`` (``uniform`` is then all inputs), ``|x| < k``, ``f(x) != 0`` and
"some pair has exactly one active endpoint"; they may overlap.

Confidence bound
----------------
For ``e`` errors in ``n`` samples the one-sided 95% Clopper--Pearson upper bound is
``p_up = BetaInv(0.95; e + 1, n - e)`` (``= 1`` when ``e = n``); for ``e = 0`` it is
``1 - 0.05**(1/n)`` (about ``3/n``). Clopper & Pearson, Biometrika 26 (1934).
The verification reports the **worst stratum** (largest upper bound) and
``meets_delta = worst upper bound <= delta`` (exhaustive: worst exact rate
``<= delta``).

>>> import numpy as np
>>> from bounds.constructions.trivial import build_trivial
>>> v = verify(build_trivial("pairwise-and", 6, seed=0), delta=0.0, seed=0)
>>> (v.method, v.inputs_tested, v.errors, v.meets_delta)
('exhaustive', 42, 0, True)
>>> round(clopper_pearson_upper(0, 100), 5)
0.02951
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.stats import beta as _beta

from bounds.constructions.instances import family_of
from bounds.constructions.network import Network
from bounds.validation import as_int

__all__ = [
    "Stratum",
    "Verification",
    "adversarial_line",
    "adversarial_needed",
    "clopper_pearson_upper",
    "count_inputs",
    "endpoint_rows",
    "rows_to_csr",
    "verify",
]

CONFIDENCE = 0.95
#: memory budget of one forward batch, in float64 entries of the widest dense array
_BATCH_FLOATS = 1 << 22
#: input rows handed to :meth:`Network.errors` at once
_CHUNK = 4096


@dataclass(frozen=True)
class Stratum:
    """Error statistics of one stratum of inputs (see module docstring)."""

    name: str
    description: str
    inputs: int
    errors: int
    rate: float
    upper95: float


@dataclass(frozen=True)
class Verification:
    """Result of :func:`verify`.

    ``inputs_tested`` and ``errors`` are totals over all strata; ``error_rate`` and
    ``error_upper95`` are those of the worst stratum (``worst_stratum``, the one with
    the largest upper bound); ``uniform_rate`` / ``uniform_upper95`` are those of the
    plain uniform distribution on ``<= k``-sparse inputs. ``adversarial`` is the number of
    inputs asked per adversarial stratum (:func:`adversarial_line` says which ran).
    """

    method: str
    inputs_tested: int
    errors: int
    error_rate: float
    error_upper95: float
    worst_stratum: str
    meets_delta: bool
    delta: float
    seed: int
    strata: tuple[Stratum, ...]
    uniform_rate: float
    uniform_upper95: float
    confidence: float = CONFIDENCE
    #: inputs asked per adversarial stratum (0: not run; the strata themselves are in
    #: ``strata``, absent when the architecture is not one the attacks read)
    adversarial: int = 0


def clopper_pearson_upper(errors: int, n: int, confidence: float = CONFIDENCE) -> float:
    """One-sided Clopper--Pearson upper confidence bound for a binomial rate.

    ``BetaInv(confidence; errors + 1, n - errors)``; 1 if ``errors == n``; for
    ``errors == 0`` this equals ``1 - (1 - confidence)**(1/n)``.

    >>> round(clopper_pearson_upper(0, 10), 4)
    0.2589
    >>> round(clopper_pearson_upper(5, 1000), 5)
    0.01048
    """
    if n <= 0:
        return 1.0
    if errors >= n:
        return 1.0
    return float(_beta.ppf(confidence, errors + 1, n - errors))


def adversarial_needed(delta: float, confidence: float = CONFIDENCE) -> int:
    """Least ``n`` at which a stratum of ``n`` inputs with 0 errors shows ``delta``: the
    least ``n`` with ``clopper_pearson_upper(0, n) <= delta``, i.e.
    ``n >= ln(1 − confidence) / ln(1 − delta)`` (about ``3/delta``). Fewer inputs cannot
    make a stratum meet ``delta`` whatever they show.

    >>> adversarial_needed(0.01), adversarial_needed(0.05)
    (299, 59)
    >>> clopper_pearson_upper(0, 299) <= 0.01 < clopper_pearson_upper(0, 298)
    True
    """
    if isinstance(delta, bool) or not (0.0 < float(delta) < 1.0):
        raise ValueError(f"delta must be a number in (0, 1) (got {delta!r})")
    n = max(1, math.ceil(math.log(1.0 - confidence) / math.log1p(-float(delta))))
    while n > 1 and clopper_pearson_upper(0, n - 1, confidence) <= delta:
        n -= 1
    while clopper_pearson_upper(0, n, confidence) > delta:
        n += 1
    return n


def adversarial_line(ver: Verification) -> str:
    """Which adversarial strata ran, in one phrase for the verdict line (always printed:
    a Monte-Carlo verdict without them says so).

    >>> from bounds.constructions.trivial import build_trivial
    >>> net = build_trivial("pairwise-and", 30, seed=0)
    >>> adversarial_line(verify(net, delta=0.05, seed=0, inputs=40))
    'adversarial strata: not run (adversarial=0)'
    >>> adversarial_line(verify(net, delta=0.05, seed=0, inputs=40, adversarial=59))
    'adversarial strata: shares-units 0/59, code-collision 0/59, greedy 0/59'
    >>> adversarial_line(verify(net, delta=0.01, seed=0, inputs=40, adversarial=59)).split("(")[1]
    'too few to show delta=0.01 even with 0 errors: need >= 299 each)'
    """
    if ver.method == "exhaustive":
        return "adversarial strata: not needed (every <= k-sparse input enumerated)"
    if ver.adversarial == 0:
        return "adversarial strata: not run (adversarial=0)"
    from bounds.constructions.attacks import ADVERSARIAL_STRATA

    names = {name for name, _ in ADVERSARIAL_STRATA}
    ran = [s for s in ver.strata if s.name in names]
    if not ran:
        return ("adversarial strata: not run (the attacks read only the architectures of "
                "the margin argument; not this network's)")
    text = "adversarial strata: " + ", ".join(f"{s.name} {s.errors}/{s.inputs:,}" for s in ran)
    if ver.delta > 0:
        need = adversarial_needed(ver.delta, ver.confidence)
        if any(s.inputs < need for s in ran):
            text += (f" (too few to show delta={ver.delta:g} even with 0 errors: need >= "
                     f"{need:,} each)")
    return text


def count_inputs(m: int, k: int) -> int:
    """Number of inputs with at most ``k`` of ``m`` features active: ``sum_{i<=k} C(m, i)``.

    >>> count_inputs(6, 2)
    22
    """
    return sum(math.comb(m, i) for i in range(min(k, m) + 1))


# --------------------------------------------------------------------- sampling
def rows_to_csr(rows: np.ndarray, m: int) -> sp.csr_matrix:
    """``rows``: (n, w) int array, -1 = padding; returns the 0/1 CSR batch (n, m)."""
    n = rows.shape[0]
    mask = rows >= 0
    counts = mask.sum(axis=1)
    indptr = np.concatenate([[0], np.cumsum(counts)])
    cols = rows[mask]
    data = np.ones(cols.size)
    return sp.csr_matrix((data, cols, indptr), shape=(n, m))


def _distinct(
    rng: np.random.Generator, n: int, size: int, m: int, exclude: np.ndarray | None = None
) -> np.ndarray:
    """``n`` rows of ``size`` distinct features of ``[m]``, none in the row of ``exclude``."""
    if size == 0 or n == 0:
        return np.zeros((n, size), dtype=np.int64)
    ex = np.zeros((n, 0), dtype=np.int64) if exclude is None else exclude
    if m <= 512:
        keys = rng.random((n, m))
        if ex.shape[1]:
            np.put_along_axis(keys, ex, np.inf, axis=1)
        return np.argsort(keys, axis=1, kind="stable")[:, :size].astype(np.int64)
    out = rng.integers(0, m, size=(n, size))
    while True:
        srt = np.sort(out, axis=1)
        bad = (srt[:, 1:] == srt[:, :-1]).any(axis=1)
        if ex.shape[1]:
            bad |= (out[:, :, None] == ex[:, None, :]).any(axis=(1, 2))
        nb = int(bad.sum())
        if nb == 0:
            return out.astype(np.int64)
        out[bad] = rng.integers(0, m, size=(nb, size))


def _pad(parts: list[np.ndarray], width: int) -> np.ndarray:
    n = parts[0].shape[0]
    out = np.full((n, width), -1, dtype=np.int64)
    col = 0
    for p in parts:
        out[:, col : col + p.shape[1]] = p
        col += p.shape[1]
    return out


def _sample_sizes(rng: np.random.Generator, n: int, probs: np.ndarray) -> np.ndarray:
    return rng.choice(probs.size, size=n, p=probs / probs.sum())


def _sample_by_size(rng: np.random.Generator, sizes: np.ndarray, m: int, k: int) -> np.ndarray:
    rows = np.full((sizes.size, k), -1, dtype=np.int64)
    for j in np.unique(sizes):
        sel = np.flatnonzero(sizes == j)
        rows[sel, :j] = _distinct(rng, sel.size, int(j), m)
    return rows


def _is_and(net: Network) -> bool:
    """True when every output is the AND of two features its instance names (a
    conjunctive family whose instance rows are pairs): the endpoint strata then apply."""
    inst = np.asarray(net.instance)
    if inst.ndim != 2 or inst.shape[1] != 2:
        return False
    return bool(family_of(net.family, net.m_prime, net.m).conjunctive())


def _strata_names(net: Network) -> list[tuple[str, str]]:
    names = [
        ("uniform", "uniform on inputs with <= k active features"),
        ("fewer", "size uniform on {0..k-1}"),
    ]
    if _is_and(net) and net.k >= 2 and net.m >= 2:
        names += [
            ("target", "both endpoints of a random output active, plus k-2 random"),
            ("one-endpoint", "exactly one endpoint of a random output active, plus k-1 random"),
        ]
    return names


def _sample_stratum(net: Network, name: str, n: int, rng: np.random.Generator) -> np.ndarray:
    m, k = net.m, min(net.k, net.m)
    if name == "uniform":
        probs = np.array([math.comb(m, j) for j in range(k + 1)], dtype=float)
        return _sample_by_size(rng, _sample_sizes(rng, n, probs), m, k)
    if name == "fewer":
        sizes = rng.integers(0, k, size=n) if k >= 1 else np.zeros(n, dtype=np.int64)
        return _sample_by_size(rng, sizes, m, k)
    inst = np.asarray(net.instance)
    if name in ("target", "one-endpoint"):
        outs = rng.integers(0, net.m_prime, size=n)
        return endpoint_rows(inst[outs], 2 if name == "target" else 1, k, m, rng)
    raise ValueError(f"unknown stratum {name!r}")


def endpoint_rows(pairs: np.ndarray, endpoints: int, k: int, m: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Rows (``-1``-padded to width ``k``) with ``endpoints`` ∈ {1, 2} endpoints of
    ``pairs[r]`` active (one endpoint: a uniformly random side) and ``k − endpoints``
    uniformly random other features, distinct and avoiding both endpoints.

    The sampler of the ``target`` / ``one-endpoint`` strata, shared with the U-AND
    statistics.

    >>> endpoint_rows(np.array([[0, 1]]), 2, 3, 5, np.random.default_rng(0))[0, :2].tolist()
    [0, 1]
    """
    n = pairs.shape[0]
    if endpoints == 2:
        others = _distinct(rng, n, min(k - 2, m - 2), m, exclude=pairs)
        return _pad([pairs, others], k)
    if endpoints == 1:
        side = rng.integers(0, 2, size=n)
        on = pairs[np.arange(n), side][:, None]
        others = _distinct(rng, n, min(k - 1, m - 2), m, exclude=pairs)
        return _pad([on, others], k)
    raise ValueError(f"endpoints must be 1 or 2 (got {endpoints!r})")


# ------------------------------------------------------------------- evaluation
def _batch_size(net: Network) -> int:
    """Rows per chunk of the exhaustive enumeration (it forms dense ``(chunk, m)`` and
    ``(chunk, m')`` masks; only small ``m`` is enumerated)."""
    width = net.m_prime + net.m
    return int(max(1, min(4096, _BATCH_FLOATS // max(width, 1))))


def _errors(net: Network, rows: np.ndarray) -> np.ndarray:
    """Boolean error flag per input row (:meth:`Network.errors`: cost follows the lit
    units and the weights they touch; it splits a chunk whose gathers would be too large).
    """
    out = np.zeros(rows.shape[0], dtype=bool)
    for start in range(0, rows.shape[0], _CHUNK):
        x = rows_to_csr(rows[start : start + _CHUNK], net.m)
        out[start : start + _CHUNK] = net.errors(x)
    return out


def _all_inputs(m: int, k: int, chunk: int) -> Iterator[np.ndarray]:
    buf: list[tuple[int, ...]] = []
    for j in range(min(k, m) + 1):
        for comb in itertools.combinations(range(m), j):
            buf.append(comb)
            if len(buf) == chunk:
                yield _combos_to_rows(buf, k)
                buf = []
    if buf:
        yield _combos_to_rows(buf, k)


def _combos_to_rows(combos: list[tuple[int, ...]], k: int) -> np.ndarray:
    rows = np.full((len(combos), max(k, 1)), -1, dtype=np.int64)
    for i, c in enumerate(combos):
        rows[i, : len(c)] = c
    return rows


def _make_stratum(name: str, desc: str, n: int, e: int, exact: bool) -> Stratum:
    rate = e / n if n else 0.0
    up = rate if exact else clopper_pearson_upper(e, n)
    return Stratum(name, desc, n, e, rate, up)


def verify(
    net: Network,
    *,
    delta: float,
    seed: int,
    inputs: int | None = None,
    exhaustive_limit: int = 200_000,
    adversarial: int = 0,
) -> Verification:
    """Simulate ``net`` and report its error rate against ``delta`` (module docstring).

    ``inputs`` (Monte-Carlo sample size, split evenly over the strata) defaults to
    10 000; giving it forces Monte-Carlo. All randomness from
    ``numpy.random.default_rng(seed)``. ``adversarial > 0`` adds that many inputs to each
    adversarial stratum of :mod:`bounds.constructions.attacks` (own stream
    ``default_rng([seed, 0xADF])``; the other strata are unchanged; the exhaustive method
    needs none). The default 0 runs none (``superbounds simulate`` runs
    :func:`adversarial_needed` per stratum by default, at most 1000); :func:`adversarial_line`
    says which ran.

    >>> from bounds.constructions.trivial import build_trivial
    >>> v = verify(build_trivial("permutation", 50, seed=1), delta=0.01, seed=0, inputs=200)
    >>> v.method, v.inputs_tested, v.errors, [s.name for s in v.strata]
    ('monte-carlo', 200, 0, ['uniform', 'fewer'])
    """
    if isinstance(delta, bool) or not (0.0 <= float(delta) < 1.0):
        raise ValueError(f"delta must be a number in [0, 1) (got {delta!r})")
    delta = float(delta)
    seed = as_int(seed, "seed", 0)
    exhaustive_limit = as_int(exhaustive_limit, "exhaustive_limit", 0)
    names = _strata_names(net)
    total = count_inputs(net.m, net.k)
    if inputs is None and total <= exhaustive_limit:
        return _verify_exhaustive(net, delta, seed, names, total)  # covers every input
    n_in = 10_000 if inputs is None else as_int(inputs, "inputs", len(names))
    rng = np.random.default_rng(seed)
    per = [n_in // len(names)] * len(names)
    per[0] += n_in - sum(per)
    strata = []
    for (name, desc), n in zip(names, per, strict=True):
        rows = _sample_stratum(net, name, n, rng)
        e = int(_errors(net, rows).sum())
        strata.append(_make_stratum(name, desc, n, e, exact=False))
    n_adv = as_int(adversarial, "adversarial", 0)
    strata += _adversarial(net, n_adv, seed)
    return _summarise(net, "monte-carlo", delta, seed, strata, adversarial=n_adv)


def _adversarial(net: Network, n: int, seed: int) -> list[Stratum]:
    if n == 0:
        return []
    from bounds.constructions.attacks import ADVERSARIAL_STRATA, adversarial_rows

    rng = np.random.default_rng([seed, 0xADF])
    out = []
    for name, desc in ADVERSARIAL_STRATA:
        rows = adversarial_rows(net, name, n, rng)
        if rows.shape[0]:
            out.append(_make_stratum(name, desc, rows.shape[0],
                                     int(_errors(net, rows).sum()), exact=False))
    return out


def _verify_exhaustive(
    net: Network, delta: float, seed: int, names: list[tuple[str, str]], total: int
) -> Verification:
    k = min(net.k, net.m)
    inst = np.asarray(net.instance)
    counts = {name: [0, 0] for name, _ in names}
    counts["all"] = [0, 0]
    for rows in _all_inputs(net.m, k, chunk=max(1, min(_batch_size(net), 4096))):
        err = _errors(net, rows)
        size = (rows >= 0).sum(axis=1)
        masks = {"all": np.ones(rows.shape[0], dtype=bool), "uniform": size == k, "fewer": size < k}
        if "target" in counts:
            x = rows_to_csr(rows, net.m).toarray().astype(bool)
            masks["target"] = net.target(x).any(axis=1)
            masks["one-endpoint"] = (x[:, inst[:, 0]] ^ x[:, inst[:, 1]]).any(axis=1)
        for key, mask in masks.items():
            counts[key][0] += int(mask.sum())
            counts[key][1] += int(err[mask].sum())
    assert counts["all"][0] == total
    exdesc = {
        "fewer": "all inputs with fewer than k active features",
        "target": "all inputs with some target output 1",
        "one-endpoint": "all inputs where some pair has exactly one active endpoint",
    }
    strata = [_make_stratum("uniform", "all inputs with <= k active features", *counts["all"],
                            exact=True)]
    if counts["uniform"] != counts["all"]:
        strata.append(_make_stratum("exactly-k", "all inputs with exactly k active features",
                                    *counts["uniform"], exact=True))
    strata += [
        _make_stratum(name, exdesc[name], *counts[name], exact=True)
        for name, _ in names[1:]
    ]
    return _summarise(net, "exhaustive", delta, seed, strata)


def _summarise(
    net: Network, method: str, delta: float, seed: int, strata: list[Stratum],
    adversarial: int = 0,
) -> Verification:
    tested = [s for s in strata if s.inputs > 0]
    worst = max(tested, key=lambda s: (s.upper95, s.rate)) if tested else strata[0]
    uni = strata[0]
    if method == "exhaustive":
        n_tot, e_tot = uni.inputs, uni.errors
    else:
        n_tot, e_tot = sum(s.inputs for s in strata), sum(s.errors for s in strata)
    return Verification(
        method=method,
        inputs_tested=n_tot,
        errors=e_tot,
        error_rate=worst.rate,
        error_upper95=worst.upper95,
        worst_stratum=worst.name,
        meets_delta=bool(worst.upper95 <= delta),
        delta=delta,
        seed=seed,
        strata=tuple(strata),
        uniform_rate=uni.rate,
        uniform_upper95=uni.upper95,
        adversarial=adversarial,
    )
