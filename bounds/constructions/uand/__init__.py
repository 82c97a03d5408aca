"""Peer construction: the U-AND of Hänni, Mendel, Vaintrob & Chan (arXiv:2408.05451).

**Model.** Inputs ``x ∈ {0,1}^m`` with at most ``k`` active features are given
*explicitly* (input code ``E = I_m``, so ``n_0 = m``). One layer of ``d`` ReLU neurons,

    h_i = ReLU( Σ_α W_iα x_α − 1 ),      W_iα ∈ {0, 1} i.i.d. Bernoulli(p),

and the AND of a pair ``j = (α, β)`` is read as the *average* of the neurons connected
to both endpoints, ``S_j = {i : W_iα = W_iβ = 1}``:

    y_j = 1[ (1/|S_j|) Σ_{i∈S_j} h_i > θ ],   θ = 1/2.

As a :class:`~bounds.constructions.network.Network` (kind ``"uand"``): ``E = I_m``,
``W_1 = W`` (``d × m``, 0/1), ``b_1 = −1``, decoder row ``D_j = 1/|S_j|`` on ``S_j``.
Parameter values are {0, 1, −1}, so ``bits_per_param = 2``. On 0/1 inputs the average
takes values in ``ℤ/|S_j|``, so "average > 1/2" is stored as the equivalent
``θ_j = (⌊|S_j|/2⌋ + 1/2)/|S_j|``, halfway between two attainable averages: the decision is
exactly that of θ = 1/2 and cannot flip under floating-point summation order (which
matters for the ``.npz`` contract, read by any numpy code).

**Peer claim (asymptotic, arXiv:2408.05451).** The *same* layer computes all
``C(m, 2)`` pairwise ANDs of sparse boolean inputs simultaneously, to small error with
high probability, in the regime ``d·p² ≫ 1`` (up to polylog factors); the constants are
theirs and are not reproduced here. This module simulates the construction for
concrete ``(m, d, p, k)``; its numbers are "peer construction, simulated by this
library", never a theorem of this library or of Adler & Shavit.

**Our constants and their justification (exact, over the randomness of ``W``).**

* *No false negatives.* If both endpoints are active every ``i ∈ S_j`` has
  pre-activation ``≥ 1``, so the average is ``≥ 1 > θ`` for any ``θ < 1``.
* *Why θ = 1/2.* With no other active feature a false AND averages exactly 0, a true one
  at least 1; θ = 1/2 is the midpoint of the two noise-free levels.
* *False positives, one endpoint active* and ``t`` other features active: neuron
  ``i ∈ S_j`` outputs the number of the ``t`` others it is connected to; these
  connections are independent of ``S_j`` (other columns of ``W``), so the sum over
  ``S_j`` is ``Bin(t·|S_j|, p)`` and ``P[error] = P[Bin(t s, p) > θ s]`` with
  ``s = |S_j|`` — computed exactly by :func:`output_error_prob`. Its mean ``t p`` must
  stay below θ; the default ``p = 1/(4(k − 1))`` puts it at ``θ/2``.
* *False positives, neither endpoint active* (``t`` others): the sum is ``s`` i.i.d.
  copies of ``max(0, Bin(t, p) − 1)``; computed exactly by convolution.
* *Validity.* ``p ∈ (0, 1]`` is required and every requested pair needs ``|S_j| ≥ 1``
  (``ValueError`` otherwise). ``|S_j| ~ Bin(d, p²)``, so ``d·p²`` is the typical
  averaging size: a :class:`UAndRegimeWarning` is issued when ``d·p² < 10``
  (:data:`MIN_DP2`) and when ``(k − 1)·p ≥ θ`` (mean interference reaches the threshold).

**Derived defaults** (:func:`uand_defaults`, a stated heuristic, not a guarantee — the
simulation is the check): ``p = 1/(4·max(k − 1, 1))``; ``d`` the least value for which the
expected number of wrong outputs per input, ``(1 + k·2m′/m)·q̄₁(d) + m′·q̄₀(d)``, is at most
``δ/2``, where ``q̄₁``, ``q̄₀`` are the exact error probabilities above with ``t = k − 1``
(resp. ``t = k``) averaged over ``|S_j| ~ Bin(d, p²)`` (``|S_j| = 0`` counted as an error).

>>> import numpy as np
>>> net = build_uand(6, 200, 0.3, 2, seed=0)
>>> net.kind, net.m_prime, net.widths
('uand', 15, (6, 200))
>>> x = np.zeros((1, 6)); x[0, [1, 4]] = 1
>>> bool((net.forward(x) == net.target(x)).all())
True
>>> net.resources().bits_per_param
2
"""

from bounds.constructions.uand.analysis import (
    MIN_DP2,
    THETA,
    expected_errors_per_input,
    output_error_prob,
    uand_defaults,
)
from bounds.constructions.uand.build import (
    ALL_PAIRS_MAX,
    PROVENANCE,
    UAndRegimeWarning,
    build_uand,
)
from bounds.constructions.uand.stats import UAndStats, uand_error_stats

__all__ = [
    "ALL_PAIRS_MAX",
    "MIN_DP2",
    "PROVENANCE",
    "THETA",
    "UAndRegimeWarning",
    "UAndStats",
    "build_uand",
    "expected_errors_per_input",
    "output_error_prob",
    "uand_defaults",
    "uand_error_stats",
]
