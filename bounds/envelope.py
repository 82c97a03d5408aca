"""The monotone envelope of the pairwise I_ε for the capacity search (issue 10, item 4).

For labelled pairwise families with the default inputs m = m′ (raised to 3 at m′ = 2),
M = C(m, 2), e = ⌊ε m′⌋:

    I(m′) = max(0, log₂ (M)_{m′} − log₂ C(m′, e) − e·log₂ M)

is *not* monotone in m′ when ε > 0: it dips (by under 1 + log₂(1 + 1/ε) bits) where e steps
up. A capacity search "largest m′ with I(m′) ≤ B" must therefore use the envelope

    J(m′) = min_{m″ ≥ m′} I(m″),

which is nondecreasing, and {m′ : J(m′) ≤ B} = {m′ : some m″ ≥ m′ has I(m″) ≤ B} is the
interval [2, capacity]. So bisection on J gives the true largest m′.

**Theorem (envelope).** Let m′ ≥ 4, ε > 0, s⁺ = ⌈(e + 1)/ε⌉ the first m″ > m′ at which e
steps, and suppose (C): (⌊1/ε⌋ − 1)·log₂(s⁺/2 − 1) ≥ 1 + log₂(1 + 1/ε). Then
J(m′) = min(I(m′), I(s⁺)). For ε = 0 (m′ ≥ 4), J = I.

*Proof.* (A) Within a run (e(m″) = e(m″+1) = k), with M ≤ M′ the pair counts at m″, m″ + 1:
(M′)_{m″+1} = (M′)_{m″}(M′ − m″), (M′)_{m″}/(M)_{m″} ≥ (M′/M)^{m″}, and
C(m″+1, k)/C(m″, k) = (m″+1)/(m″+1−k) ≤ m″ + 1, so
I(m″+1) − I(m″) ≥ log₂(M′ − m″) + (m″ − k)·log₂(M′/M) − log₂(m″ + 1) ≥ log₂((M′ − m″)/(m″ + 1)),
and with M′ = C(m″+1, 2) this is log₂(m″/2 − m″/(m″+1)) > log₂(m″/2 − 1) ≥ 0 for m″ ≥ 4:
I increases strictly inside a run (the clamp max(0, ·) keeps it nondecreasing).
(B) At a step (e: k → k + 1 at s′ = m″ + 1), C(m″+1, k+1)/C(m″, k) = (m″+1)/(k+1), so
I(s′) − I(m″) ≥ log₂((M′ − m″)/M′) − log₂(s′/(k + 1)) > −1 − log₂(1 + 1/ε), using
M′ ≥ 2m″ and s′ < (k+1)/ε + 1.
(C) A run starting at s has length ≥ ⌊1/ε⌋, so by (A) (for the unclamped R = log₂|F| −
log₂ V_ε) and (B) the next run start s_next has R(s_next − 1) − R(s) ≥ (⌊1/ε⌋ − 1)·log₂(s/2 − 1)
and I(s_next) − I(s_next − 1) > −1 − log₂(1 + 1/ε), hence I(s_next) ≥ I(s) under (C) (if
R(s) ≤ 0 then I(s) = 0); the left side of (C) grows with s, so (C) at s⁺ gives it at every
later run start. Hence on [s⁺, ∞) the minimum
of I is I(s⁺), on [m′, s⁺) it is I(m′) by (A). ∎

**Corollary (every m′ ≥ 2, 0 ≤ ε ≤ 1/2).** Let t be the least m″ ≥ max(m′, 4) at which the
theorem applies (ε = 0, or (C) at s⁺(m″)); then J(m′) = min(I(m′), …, I(t − 1), I(t),
I(s⁺(t))) — a finite minimum, computed exactly (:func:`envelope_points`). t exists: s⁺(m″)
> m″ and the left side of (C) grows without bound in s when ⌊1/ε⌋ ≥ 2, i.e. ε ≤ 1/2. For
ε > 1/2 runs of length 1 void step (C) and the envelope is refused.

Steps (A), (B), (C) and the corollary are encoded in ``proofs/theorems/envelope.py`` (sympy
and z3 proofs, the two inductions by the cited ``le-induction``); J is also checked against a
direct minimum over a long window.

>>> float(pairwise_info_bits(200, 0.01)) < float(pairwise_info_bits(199, 0.01))
True
>>> pairwise_envelope(199, 0.01) == pairwise_info_bits(200, 0.01)
True
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath

from bounds.validation import as_int, as_real

__all__ = [
    "envelope_condition",
    "envelope_points",
    "next_step",
    "pairwise_envelope",
    "pairwise_info_bits",
]


def _eps(eps: Any) -> Fraction:
    return Fraction(repr(as_real(eps, "eps", 0.0, 1.0)))


def _errors(m_prime: int, eps: Fraction) -> int:
    return int(eps * m_prime)


def pairwise_info_bits(m_prime: Any, eps: Any, dps: int = 40) -> mpmath.mpf:
    """I_ε(m′) for labelled pairwise, m = m′ default: log₂ (M)_{m′} − log₂ C(m′, e) − e log₂ M.

    >>> round(float(pairwise_info_bits(1000, 0)), 3)
    18928.681
    """
    from bounds.families import pairwise

    fam = pairwise(as_int(m_prime, "m_prime", 2))
    with mpmath.workdps(dps + len(str(fam.pairs))):
        return max(mpmath.mpf(0), fam.info_bits_mp(float(_eps(eps))))


def next_step(m_prime: Any, eps: Any) -> int | None:
    """s⁺ = ⌈(e + 1)/ε⌉, the least m″ > m′ with ⌊ε m″⌋ > ⌊ε m′⌋ (None for ε = 0).

    >>> next_step(199, 0.01), next_step(200, 0.01)
    (200, 300)
    """
    mp_ = as_int(m_prime, "m_prime", 2)
    ef = _eps(eps)
    if ef == 0:
        return None
    e = _errors(mp_, ef)
    return math.ceil((e + 1) / ef)


def envelope_condition(s: int, eps: Any) -> bool:
    """(C): (⌊1/ε⌋ − 1)·log₂(s/2 − 1) ≥ 1 + log₂(1 + 1/ε), decided in integers.

    Equivalent: (s/2 − 1)^(⌊1/ε⌋ − 1) ≥ 2(1 + 1/ε), i.e. (s − 2)^k·ε ≥ 2^(k+1)(ε + 1) with
    k = ⌊1/ε⌋ − 1.

    >>> envelope_condition(200, 0.01), envelope_condition(10, 0.6)
    (True, False)
    """
    ef = _eps(eps)
    if ef == 0:
        return True
    k = int(1 / ef) - 1
    if k <= 0 or s < 4:
        return False
    return (s - 2) ** k * ef >= 2 ** (k + 1) * (ef + 1)


def envelope_points(m_prime: Any, eps: Any) -> tuple[int, ...]:
    """The finite set of m″ ≥ m′ over which min I_ε(m″) equals J(m′) (corollary above).

    m′, m′ + 1, …, t and s⁺(t), t the least m″ ≥ max(m′, 4) with ε = 0 or (C) at s⁺(m″).
    Raises ``ValueError`` for ε > 1/2 (no proved envelope).

    >>> envelope_points(199, 0.01), envelope_points(2, 0.5)
    ((199, 200), (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14))
    """
    mp_ = as_int(m_prime, "m_prime", 2)
    ef = _eps(eps)
    if ef > Fraction(1, 2):
        raise ValueError(f"eps must be <= 1/2 for the pairwise envelope (got {eps!r}): runs "
                         "of length 1 void its proof; scan instead of bisecting")
    points = list(range(mp_, max(mp_, 4)))
    t = max(mp_, 4)
    while True:
        s = next_step(t, ef)
        if s is None:
            return (*points, t)
        if envelope_condition(s, ef):
            return (*points, t, s)
        points.append(t)
        t += 1


def pairwise_envelope(m_prime: Any, eps: Any, dps: int = 40) -> mpmath.mpf:
    """J(m′) = min_{m″ ≥ m′} I_ε(m″): the minimum of I_ε over :func:`envelope_points`.

    For m′ ≥ 4 where (C) holds at s⁺ this is min(I(m′), I(s⁺)) (the theorem); below that,
    the finite window up to the first such m″ is taken exactly. Raises ``ValueError`` for
    ε > 1/2, where no envelope is proved and a capacity search must not bisect.

    >>> pairwise_envelope(1000, 0) == pairwise_info_bits(1000, 0)
    True
    """
    return min(pairwise_info_bits(p, eps, dps) for p in envelope_points(m_prime, eps))
