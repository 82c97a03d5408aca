"""Brute-force enumerations behind the identifiability and error-volume checks (SPEC §2, §3).

Everything here enumerates a family's instances and evaluates them on its identifying probes
(with the family's own ``instances``, ``probes`` and ``evaluate``), then counts. The counts are
compared, in the proofs, with formulas computed independently (``math.factorial``,
``math.perm``, ``math.comb``) and with the library's own volume formulas.

>>> from bounds.families import permutation
>>> distinct_tables(permutation(3))
6
>>> max_tolerant_counts(permutation(3))
[1, 2, 6, 6]
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

__all__ = ["column_ids", "distinct_tables", "info_and_probes", "least_width_scan",
           "max_tolerant_counts", "probe_volume_permutation", "suffix_minima"]


def _tables(fam: Any) -> tuple[list[Any], np.ndarray]:
    probes = fam.probes()
    insts = list(fam.instances())
    tables = np.stack([np.asarray(fam.evaluate(i, probes), dtype=bool) for i in insts])
    return insts, tables  # (instances, probes, m')


def distinct_tables(fam: Any) -> int:
    """How many distinct output tables on the identifying probes the instances have.

    Identifiability means this equals |F|: two instances that agree on every probe would give
    the same table.
    """
    _, tables = _tables(fam)
    return len({t.tobytes() for t in tables})


def column_ids(fam: Any) -> np.ndarray:
    """``ids[g, j]``: an integer naming the probe column of output j of instance g."""
    _, tables = _tables(fam)
    n_inst, _, m_out = tables.shape
    ids = np.empty((n_inst, m_out), dtype=np.int64)
    seen: dict[bytes, int] = {}
    for g in range(n_inst):
        for j in range(m_out):
            key = tables[g, :, j].tobytes()
            ids[g, j] = seen.setdefault(key, len(seen))
    return ids


def max_tolerant_counts(fam: Any) -> list[int]:
    """For e = 0 … m′: the most instances any one network output can be ε-correct for.

    A network's output j, restricted to the probes, is some 0/1 column. An instance g is
    correct at j iff that column equals g's column j, so only *which* instance column it
    equals matters (or none: -1). Enumerate every assignment h of a column (or none) to each
    output and count the instances with at most e wrong outputs; return the maximum per e.
    """
    ids = column_ids(fam)
    n_inst, m_out = ids.shape
    alphabet = list(range(int(ids.max()) + 1)) + [-1]
    best = [0] * (m_out + 1)
    chunk = 4096
    combos = itertools.product(alphabet, repeat=m_out)
    while True:
        block = np.array(list(itertools.islice(combos, chunk)), dtype=np.int64)
        if block.size == 0:
            break
        wrong = m_out - (block[:, None, :] == ids[None, :, :]).sum(axis=2)  # (h, g)
        for err in range(m_out + 1):
            best[err] = max(best[err], int((wrong <= err).sum(axis=1).max()))
    return best


# ------------------------------------------------------------------ shared references
# Written once here and used by the proofs and by the tests alike: each restates a formula
# or searches by brute force *independently of the library function it checks*, so it is
# an oracle, not a second implementation to keep in step.


def probe_volume_permutation(n: int) -> list[int]:
    """For t = 0 … n: the most permutations one network is correct for on all but t of the
    n one-hot probes, by enumerating every network output h: [n] → [n] on the probes.

    (π is right at probe i iff π⁻¹(i) = h(i).)

    >>> probe_volume_permutation(3)
    [1, 2, 6, 6]
    """
    perms = list(itertools.permutations(range(n)))
    best = [0] * (n + 1)
    for h in itertools.product(range(n), repeat=n):
        wrong = [sum(1 for i in range(n) if p.index(i) != h[i]) for p in perms]
        for t in range(n + 1):
            best[t] = max(best[t], sum(1 for w in wrong if w <= t))
    return best


def info_and_probes(problem: str, m_prime: int) -> tuple[Any, int]:
    """(log₂|F|, q) restated from SPEC §2 with mpmath: log₂ m′! and q = m′ (permutation),
    or log₂ (M)_{m′} and q = 1 + m + M with m the least such that M = C(m, 2) ≥ m′
    (labelled pairwise).

    >>> info, q = info_and_probes("pairwise", 3); round(float(info), 6), q
    (2.584963, 7)
    """
    import mpmath

    # deliberately an independent restatement (not the family objects): it is the oracle the
    # sign-pattern proofs compare the library with, so it names its two families itself
    with mpmath.workdps(60 + len(str(m_prime))):
        if problem == "permutation":
            return +(mpmath.loggamma(m_prime + 1) / mpmath.ln(2)), m_prime
        m = m_prime
        while m * (m - 1) // 2 < m_prime:
            m += 1
        pairs = m * (m - 1) // 2
        val = (mpmath.loggamma(pairs + 1) - mpmath.loggamma(pairs - m_prime + 1)) / mpmath.ln(2)
        return +val, 1 + m + pairs


def least_width_scan(need: int, bits: int, layers: int) -> int:
    """Least n ≥ 1 with b·L·(n² + n) ≥ need, from an integer square root then stepped.

    >>> least_width_scan(8530, 8, 1), least_width_scan(0, 8, 1)
    (33, 1)
    """
    c = -(-need // (bits * layers))
    n = max(1, (math.isqrt(4 * c + 1) - 1) // 2)
    while n * n + n < c:
        n += 1
    while n > 1 and (n - 1) * n >= c:
        n -= 1
    return n


def suffix_minima(values: list[Any]) -> list[Any]:
    """``out[j] = min(values[j:])``.

    >>> suffix_minima([3, 1, 2, 5, 4])
    [1, 1, 2, 4, 4]
    """
    out = list(values)
    for j in range(len(out) - 2, -1, -1):
        out[j] = min(out[j], out[j + 1])
    return out


def sign_patterns_log2_ref(m_: int, n_: int, d_: int) -> Any:
    """log₂ min(2^M, 2(4eMD/N)^N) (2^M when M < N), written from the sign-pattern lemma with
    natural logs: the oracle that the sign-patterns proofs and tests compare
    bounds.signpatterns with (independent of its code).

    >>> round(float(sign_patterns_log2_ref(100, 10, 2)), 6)
    78.646231
    """
    import mpmath

    if m_ < n_:
        return mpmath.mpf(m_)
    val = (mpmath.log(2) + n_ * (1 + mpmath.log(4 * m_ * d_) - mpmath.log(n_))) / mpmath.log(2)
    return min(mpmath.mpf(m_), val)


def sign_patterns_params_ref(w: int, layers: int, outputs: int, probes: int) -> Any:
    """log₂ of the behaviour count of networks with w parameters (the lemma per layer)."""
    import mpmath

    g = sign_patterns_log2_ref
    return (mpmath.fsum(g(probes * max(1, w // 2), w, ell) for ell in range(1, layers + 1))
            + g(outputs * probes, w, layers))


def sign_patterns_width_ref(n: int, layers: int, outputs: int, probes: int) -> Any:
    """log₂ of the behaviour count of width-n networks (W_ℓ = ℓ(n² + n))."""
    import mpmath

    g = sign_patterns_log2_ref
    return (mpmath.fsum(g(probes * n, ell * (n * n + n), ell) for ell in range(1, layers + 1))
            + g(outputs * probes, layers * (n * n + n), layers))
