"""The public interface of a trained network: input code ``E``, decoder ``D`` and ``θ``.

In the model (SPEC §1, docs/model.md) ``E``, ``D`` and ``θ`` may depend on
``m, m', d, k`` and a public seed, never on the instance, and are not parameters.
Training keeps them fixed; only the weight layers ``W_ℓ, β_ℓ`` learn. Both are built
here from ``numpy.random.default_rng([seed, tag])`` alone.

Input codes (``d × m``, every column of unit norm):

* ``"sign"`` -- the library's sparse sign code (as in C1/C2): ``s`` blocks of
  ``g = ⌊d/s⌋`` coordinates, feature ``f`` on coordinate ``t·g + π_t(f) mod g`` of block
  ``t`` (``π_t`` a random permutation), random sign, value ``±1/√s``; the ``d − s·g``
  leftover coordinates are zero rows. Default ``s = min(d, max(1, ⌈log₂ m⌉ / 2))``.
* ``"gaussian"`` -- i.i.d. N(0, 1) entries, each column scaled to norm 1.
* ``"identity"`` -- ``E = I`` (needs ``d = m``): the inputs given explicitly, *no*
  superposition in the code (for comparison only).

Decoder (``m' × n_L``): **owners**. Output ``j`` owns ``r`` units, one in each of ``r``
blocks of ``G = ⌊n_L / r⌋`` units, ``R_j = {t·G + σ_t(j) mod G}`` (``σ_t`` random
permutations of ``[m']``); ``D_j = (1/r)·1[R_j]`` and ``θ_j = ρ``: output ``j`` fires when
the mean of its units exceeds ``ρ`` (default ``ρ = 1/2``). The default
``r = min(⌊n_L/2⌋, max(1, ⌈log₂ m'⌉))``.

>>> E = input_code("sign", m=10, d=8, seed=0)
>>> E.shape, bool(np.allclose(np.sqrt(E.multiply(E).sum(axis=0)), 1.0))
((8, 10), True)
>>> D, theta = owner_decoder(m_prime=6, n=8, seed=0, r=2)
>>> D.shape, D.sum(axis=1).A1.tolist(), theta.tolist()
((6, 8), [1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from bounds.validation import as_int, as_real

__all__ = ["CODES", "default_r", "default_s", "input_code", "owner_decoder"]

CODES = ("sign", "gaussian", "identity")


def default_s(m: int, d: int) -> int:
    """Coordinates per feature of the sign code: ``min(d, max(1, ⌈⌈log₂ m⌉ / 2⌉))``.

    >>> default_s(200, 64), default_s(2, 1)
    (4, 1)
    """
    return min(d, max(1, math.ceil(math.ceil(math.log2(max(m, 2))) / 2)))


def default_r(m_prime: int, n: int) -> int:
    """Units per output of the owner decoder: ``min(⌊n/2⌋, max(1, ⌈log₂ m'⌉))``, at least 1.

    >>> default_r(200, 64), default_r(200, 3)
    (8, 1)
    """
    return max(1, min(n // 2, math.ceil(math.log2(max(m_prime, 2)))))


def input_code(code: str, m: int, d: int, seed: int, s: int | None = None) -> sp.csr_matrix:
    """The public input code ``E`` (``d × m``), see module docstring."""
    m = as_int(m, "m", 1)
    d = as_int(d, "d", 1)
    seed = as_int(seed, "seed", 0)
    rng = np.random.default_rng([seed, 11])
    if code == "identity":
        if d != m:
            raise ValueError(f"the identity code needs d = m = {m} (got d={d})")
        return sp.identity(m, format="csr", dtype=np.float64)
    if code == "gaussian":
        g = rng.standard_normal((d, m))
        g /= np.linalg.norm(g, axis=0, keepdims=True)
        return sp.csr_matrix(g)
    if code != "sign":
        raise ValueError(f"code must be one of {', '.join(CODES)} (got {code!r})")
    s = default_s(m, d) if s is None else as_int(s, "s", 1, d)
    g = d // s
    cols = np.tile(np.arange(m), s)
    rows = np.concatenate([t * g + rng.permutation(m) % g for t in range(s)])
    signs = (rng.integers(0, 2, size=s * m) * 2 - 1) / math.sqrt(s)
    e = sp.csr_matrix((signs, (rows, cols)), shape=(d, m))
    e.sort_indices()
    return e


def owner_decoder(m_prime: int, n: int, seed: int, r: int | None = None,
                  rho: float = 0.5) -> tuple[sp.csr_matrix, np.ndarray]:
    """The public decoder ``(D, θ)`` of the owners readout (module docstring)."""
    m_prime = as_int(m_prime, "m_prime", 1)
    n = as_int(n, "neurons", 1)
    seed = as_int(seed, "seed", 0)
    r = default_r(m_prime, n) if r is None else as_int(r, "r", 1, n)
    rho = as_real(rho, "rho", 0.0, 1.0, low_closed=False, high_closed=False)
    big_g = n // r
    rng = np.random.default_rng([seed, 12])
    owners = np.stack([t * big_g + rng.permutation(m_prime) % big_g for t in range(r)], axis=1)
    rows = np.repeat(np.arange(m_prime), r)
    D = sp.csr_matrix((np.full(owners.size, 1.0 / r), (rows, owners.ravel())),
                      shape=(m_prime, n))
    D.sum_duplicates()
    D.sort_indices()
    return D, np.full(m_prime, float(rho))
