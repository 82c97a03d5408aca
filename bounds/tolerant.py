"""Lower bounds for networks that are right on all but a δ fraction of probes (issue 10, item 3).

**Notion (δ-probe-correct).** A probe x ∈ Q is *wrong* if the output vector differs from f(x)
in any coordinate. N is δ-probe-correct for f if at most t = ⌊δ·q⌋ of the q identifying
probes are wrong (the uniform distribution on Q). More generally, for a distribution μ
on inputs that gives every probe mass ≥ w, error μ{x : N(x) ≠ f(x)} ≤ δ allows at most
t = ⌊δ/w⌋ wrong probes (:func:`wrong_probes_allowed`).

**Which verdict it matches.** *Certified on the identifying probes* is t = 0 (the exact
bound of SPEC §3). *Certified on all ≤ k-sparse inputs* implies it (probes are ≤ 2-sparse), so
the exact bound applies to that verdict too. *Monte-Carlo at 95% confidence on μ*: if the
one-sided 95% upper confidence bound on μ-error is ≤ δ, then — with confidence 95% — the
network is δ-correct under μ, so it is compared with this bound at t = ⌊δ/w_min(μ)⌋; for μ
uniform on Q that is t = ⌊δq⌋. For μ uniform on all ≤ k-sparse inputs, w_min is tiny and
the bound is vacuous (I_δ = 0) unless δ < (#inputs with ≤ 2 active)/(#k-sparse inputs).

**Volumes (at most how many instances one network is δ-probe-correct for).**
* permutation: on probe e_i the instance's output is e_{π⁻¹(i)}; the network's output there
  defines h(i) ∈ [m′] ∪ {⊥}, and π is right at probe i iff π⁻¹(i) = h(i). π ↦ π⁻¹ is a
  bijection of S_{m′}, so V_δ = V(m′, t) of :mod:`bounds.volumes` (exact maximum).
* pairwise AND, labelled (m inputs, M = C(m, 2)): every instance outputs 0 on the 1 + m
  probes with < 2 active; on pair probe p its output is e_j if p_j = p, else 0. Every f
  within t wrong probes of N agrees with N off some set S of exactly t' = min(t, M) pair
  probes (non-pair probes carry no information, so wrong ones there only shrink the set).
  Off S, each output j whose pair lies off S is forced; the u ≤ min(t', m′) others take
  distinct pairs in S: ≤ (t')_u ≤ (t')_{min(t', m′)} ways. So
  V_δ ≤ C(M, t')·(t')_{min(t', m′)}, which is (M)_{t'} for t' ≤ m′.
  Note: the all-zero network is wrong on exactly m′ probes for every instance, so for
  t ≥ m′ (δ ≥ m′/q ≈ 2/m′) V_δ = |F| and I_δ = 0: the probe-fraction notion is vacuous for
  pairwise AND unless δ < m′/q. Brute force: :func:`max_volume_brute_and`.

I_δ = max(0, log₂|F| − log₂ V_δ); the parameter/width bounds then follow from I_δ exactly as
from I_ε (D1: P ≥ ⌈I_δ/b⌉; sign patterns: :mod:`bounds.signpatterns`).

>>> wrong_probes_allowed(0.05, probes=100)
5
>>> i0, i1 = (info_bits_probe_tolerant("permutation", 10, t) for t in (0, 1))
>>> float(i0 - i1)   # V(10, 1) = 2
1.0
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import mpmath

from bounds.validation import as_int, as_real

__all__ = [
    "info_bits_probe_tolerant",
    "log2_volume_and",
    "max_volume_brute_and",
    "volume_and",
    "wrong_probes_allowed",
]


def wrong_probes_allowed(delta: Any, *, probes: int | None = None,
                         min_mass: Any = None) -> int:
    """t = ⌊δ·q⌋ (uniform on the q probes) or ⌊δ/w⌋ (every probe has mass ≥ w), exactly.

    δ and w are taken at their decimal values (``Fraction(repr(x))``).

    >>> wrong_probes_allowed(0.1, probes=30), wrong_probes_allowed(0.01, min_mass=0.001)
    (3, 10)
    """
    d = Fraction(repr(as_real(delta, "delta", 0.0, 1.0)))
    if (probes is None) == (min_mass is None):
        raise ValueError("give exactly one of probes (uniform on Q) or min_mass")
    if probes is not None:
        q = as_int(probes, "probes", 1)
        return int(d * q)
    w = Fraction(repr(as_real(min_mass, "min_mass", 0.0, 1.0, low_closed=False)))
    return int(d / w)


def volume_and(m_prime: int, m: int, t: int) -> int:
    """min(|F|, C(M, t′)·(t′)_{min(t′, m′)}), t′ = min(t, M): V_δ bound, labelled pairwise AND.

    >>> [volume_and(3, 4, t) for t in range(5)]    # brute force: [1, 4, 20, 120, 120]
    [1, 6, 30, 120, 120]
    """
    mp_ = as_int(m_prime, "m_prime", 1)
    mm = as_int(m, "m", 2)
    t = as_int(t, "t", 0)
    pairs = mm * (mm - 1) // 2
    tt = min(t, pairs)
    return min(math.perm(pairs, mp_), math.comb(pairs, tt) * math.perm(tt, min(tt, mp_)))


def log2_volume_and(m_prime: int, m: int, t: int, dps: int = 40) -> mpmath.mpf:
    """log₂ of :func:`volume_and` for any size (mpmath).

    >>> round(float(log2_volume_and(2, 3, 2)), 9)
    2.584962501
    """
    mp_ = as_int(m_prime, "m_prime", 1)
    mm = as_int(m, "m", 2)
    t = as_int(t, "t", 0)
    pairs = mm * (mm - 1) // 2
    tt = min(t, pairs)
    u = min(tt, mp_)
    lg = mpmath.loggamma
    with mpmath.workdps(dps + len(str(pairs))):
        val = (lg(pairs + 1) - lg(tt + 1) - lg(pairs - tt + 1) + lg(tt + 1) - lg(tt - u + 1))
        size = lg(pairs + 1) - lg(pairs - mp_ + 1)
        return +(min(val, size) / mpmath.ln(2))


def max_volume_brute_and(m_prime: int, m: int) -> list[int]:
    """[max over networks of #instances within t wrong probes, t = 0 … q] (tiny sizes).

    The network's output on each probe ranges over every vector in {0,1}^{m′}; only the
    pair probes distinguish instances, and on the others the best choice is 0, which
    the enumeration includes.

    >>> max_volume_brute_and(2, 3)[:4]
    [1, 2, 6, 6]
    """
    mp_ = as_int(m_prime, "m_prime", 1, 3)
    mm = as_int(m, "m", 2, 5)
    pairs = list(itertools.combinations(range(mm), 2))
    q = 1 + mm + len(pairs)
    insts = list(itertools.permutations(pairs, mp_))
    # instance table on the pair probes: index of output (1..m') or 0
    tables = [tuple((inst.index(p) + 1) if p in inst else 0 for p in pairs) for inst in insts]
    best = [0] * (q + 1)
    for psi in itertools.product(range(2 ** mp_), repeat=len(pairs)):
        # value v encodes an output vector; v = 2^(j-1) is e_j, v = 0 is zero
        code = [0 if v == 0 else (v.bit_length() if v & (v - 1) == 0 else -1) for v in psi]
        dist = [sum(1 for a, b in zip(code, tab, strict=True) if a != b) for tab in tables]
        for t in range(q + 1):
            best[t] = max(best[t], sum(1 for x in dist if x <= t))
    return best


def info_bits_probe_tolerant(problem: str, m_prime: int, t: int, *, m: int | None = None,
                             dps: int = 40) -> mpmath.mpf:
    """I_δ = max(0, log₂|F| − log₂ V_δ) for t wrong probes allowed (mpmath, any size).

    ``problem``: a registered family (``bounds.families.FAMILIES``) at its default options
    and ``m`` inputs; its :meth:`~bounds.families.ProblemFamily.log2_probe_tolerant_volume_mp`
    gives V_δ — ``"permutation"``: V(m′, t), the exact maximum, or its upper bound
    m′!/(m′−t)! beyond :data:`bounds.volumes.EXACT_LIMIT`; ``"pairwise"``: labelled AND, m
    inputs (default m = m′ raised so that C(m, 2) ≥ m′). A family that proves no such
    volume is refused with a one-line ``ValueError`` naming it.

    >>> abs(float(info_bits_probe_tolerant("permutation", 5, 2)) - math.log2(120 / 11)) < 1e-15
    True
    """
    from bounds.families import family

    mp_ = as_int(m_prime, "m_prime", 2)
    t = as_int(t, "t", 0)
    fam = family(problem, mp_, m=m)
    with mpmath.workdps(dps + len(str(fam.m_prime)) + len(str(fam.m))):
        size = fam._log2_size_mp()
        vol = fam.log2_probe_tolerant_volume_mp(t, dps)
        return max(mpmath.mpf(0), size - vol)
