r'''C1 (permutation) and C2 (pairwise AND) in superposition: the "output channels" template.

SPEC §5. All constants below are **this library's**, never the paper's; the shape they
give is that of paper claim A5 (Adler & Shavit, arXiv:2409.15318): Θ(√m′ log m′) neurons
and Θ(m′ log² m′) parameters.

Construction
------------
*Public interface* (depends on ``m, m', k, δ`` and the seed only, never on the instance):

* **input code** ``E`` (d × m), ``d = s·g``: ``s`` blocks of ``g`` coordinates; feature ``f``
  has one coordinate in each block, ``t·g + π_t(f) mod g`` (``π_t`` a random permutation,
  so every coordinate carries ⌊m/g⌋ or ⌈m/g⌉ features) with a random sign, value ``±1/√s``
  (so ``‖E_f‖ = 1``);
* **ownership**: output ``j`` owns ``r`` units ``R_j = {t·G + σ_t(j) mod G : t < r}``, one in
  each of ``r`` blocks of ``G`` units (``σ_t`` random permutations of ``[m']``); ``H = r·G``;
* **decoder** ``D_j`` = indicator of ``R_j`` on the last layer, ``θ_j = ⌈ρ r⌉ − 1/2``, ρ = 1/2:
  output ``j`` fires when the (soft) count of its lit units exceeds ``⌈r/2⌉ − 1/2``.

*Parameters* (instance-dependent): with ``B`` the H × m 0/1 membership matrix (unit ``i``
listens to the features of the outputs that own it), the layer-1 pre-activation of unit
``i`` is ``p_i = (B Eᵀ u)_i = Σ_{f listened} ⟨E_f, u⟩`` ≈ number of active listened features
``c_i`` plus code cross-talk ``ξ_i``. With margin ``γ = 1/2 − 1/(2s)`` and slope ``λ = 1/(1−2γ)
= s`` the unit's intended output is the clipped ramp ``clip(λ(p_i − a), 0, 1)``, ``a = γ``
(permutation: lit iff ``c_i ≥ 1``) or ``a = 1 + γ`` (AND: lit iff ``c_i ≥ 2``). A ReLU
network clips in two layers, without any extra width:

* layer 1 ("silence"): ``σ_i = ReLU(1 − λ(p_i − a))``, i.e. ``W₁ = −λ B Eᵀ``,
  ``b₁ = 1 + λa``;
* layer 2: ``f_i = ReLU(1 − σ_i) = clip(λ(p_i − a), 0, 1)`` (``W₂ = −I``, ``b₂ = 1``).

So every unit outputs a value in [0, 1]: exactly 1 when it is lit and its cross-talk
satisfies ``|ξ_i| ≤ γ``, exactly 0 when unlit and ``ξ_i ≤ γ``.

**High influence (AND only).** A feature ``a`` of degree above ``τ`` listened by the
output-channel units would make every unit of its outputs fire whenever ``a`` and *any*
other feature listened by that unit (for an unrelated output) are active. Such features
get **input channels**: an output with an endpoint of degree ``> τ`` is *rerouted* through
its endpoint ``a`` of larger degree (ties: smaller index) and removed from ``B``; for every
block ``t`` and every unit ``i`` of block ``t`` owned by some rerouted output of ``a`` there is
one channel neuron ``ReLU(1 − λ(w x_a + Σ_b x_b − (w + γ)))`` (through the code; weight
``w = k`` on ``a``, weight 1 on the partners ``b`` of the rerouted outputs ``(a, b)`` owning
``i``, threshold between ``w`` and ``w + 1``: lit iff ``a`` and one of those partners are
active -- the partners alone, at most ``k``, never reach it), clipped in layer 2 like the
other units. *Resolution of the instance-independence of the decoder*: the decoder never
reads a channel. A third layer ``g_i = ReLU(f_i + Σ_{q → i} f'_q)`` ORs each channel
neuron into the one unit ``i`` it was made for (``W₃`` is a parameter, so this routing may
depend on the instance), and ``D`` reads ``g`` exactly as above; a channel lights one unit,
like a genuine hit of the plain construction, so the readout analysis is unchanged. The
channel neurons are a **fixed, instance-independent budget** of ``G_in`` per block
(``r·G_in`` in all); unused ones are inert (zero weights, bias 1, so ``f' = 0``), so the
widths never depend on the instance. The budget covers every instance with at most
``G_in`` (unit, channel feature) pairs per block -- e.g. any star (one centre: at most
``G`` pairs per block) when ``G_in ≥ G``; an instance beyond it raises ``ValueError``
naming the budget (pass ``G_in=`` to build it anyway). The channel neurons carry the
high feature's code with weight ``w``, so its cross-talk is amplified ``w``-fold; the
analysis below does not cover that term (it is measured by :func:`verify`).
Permutations have influence 1: no channels, two layers.

Analysis (failure probability per input ≤ δ)
--------------------------------------------
Model: the code's coordinates collide independently with probability ``1/g`` per block
and pair of features, with independent uniform signs (exact for one pair; the balanced
assignment makes collisions across pairs negatively dependent). Then ``s·ξ_i`` is a sum of
``N`` Rademacher signs, ``N ~ Bin(n, 1/g)`` with mean ``μ = L k s / g``, ``L`` = listened
features per unit (``⌈m'/G⌉`` permutation, ``2⌈m'/G⌉`` AND). **Cross-talk tail**
(Chernoff/Bennett for the compound sum): for ``x > 0``

    P(s ξ_i ≥ x) ≤ exp(μ (cosh t − 1) − t x),  t = asinh(x / μ).

A unit is *bad* for an output if it deviates from its intended value: cross-talk at
least ``M = ⌊γ s⌋ + 1`` collisions in the wrong direction, or (false positives) a genuine
lit by other active features: probability ``≤ k q`` (permutation), ``≤ (k−1) τ q``
(AND, one endpoint active), ``≤ C(k,2)(q + (τq)²) + kτq·P(noise)`` (AND, none active),
with ``q = ⌈m'/G⌉/m'``. The shift common to all units of ``j`` (collisions of ``j``'s own
codes with the active ones, ``N_c`` with mean ``μ_c = |own| k s/g``, ``P(N_c ≥ c) ≤ μ_c^c/c!``)
is conditioned on. **Readout** (exact binomial tail, conditional independence of the
``r`` units of an output given the active codes): a target-1 output fails only if at least
``r − ⌈ρr⌉ + 1`` of its units are bad, a target-0 output only if at least ``⌈ρr⌉`` are.
Union bound: ``k`` (permutation) / ``C(k,2)`` (AND) target-1 outputs, ``kτ`` half-active AND
outputs, ``m'`` others. :func:`failure_bound` evaluates this sum.

Parameter formulas (:func:`choose_parameters`), with ``ℓ = ln(m'/δ)``:

* ``r = s = ⌈c_r ℓ⌉``, ``c_r = 3/4``, then both increased by 1 until ``failure_bound ≤ δ``
  (at most to ``3⌈c_r ℓ⌉ + 10``; this acts only for small ``m'``, where the bound may stay
  above δ -- ``ChannelParams.bound`` says so, :class:`AnalysisBoundWarning` is issued,
  and such sizes are far below the crossover);
* ``G = ⌈c_G √(k m')⌉``, ``g = ⌈c_d √(k m')⌉``, ``c_G = c_d = 2``; ``H = rG``, ``d = sg``;
* ``γ = 1/2 − 1/(2s)``, ``λ = s``, ``ρ = 1/2``;
* AND: ``τ = max(⌊β G/(k−1)⌋, ⌈2 ln m'⌉)``, ``β = 1/20`` (the second term keeps the
  Poisson-like degrees of random instances, max ≈ ln m'/ln ln m', below ``τ``);
  ``G_in = ⌈c_in G⌉``, ``c_in = 1``; ``w = k``.

Hence widths ``(d, H)`` = Θ(√m' log m'), and ``P_nz ≤ s·nnz(B) + …`` = Θ(m' log² m').
Calibration: at m' = 10⁴, k = 3 these constants give zero Monte-Carlo errors where a
prototype with ``H = 1500, d = 4000, r = 12, s = 8`` and thresholds 1 / 2 erred on 0.4%
of inputs: the margin ``γ`` in the bias and the slope ``λ = s`` matter.

>>> from bounds.constructions.verify import verify
>>> net = build_permutation(3000, 3, 0.01, seed=0)
>>> net.resources().max_width < 3000, verify(net, delta=0.01, seed=0, inputs=1000).errors
(True, 0)
'''

from bounds.constructions.channels.accounting import accounting, theta_limits
from bounds.constructions.channels.analysis import (
    CONSTANTS,
    AnalysisBoundWarning,
    ChannelParams,
    choose_parameters,
    failure_bound,
)
from bounds.constructions.channels.build import build_pairwise_and, build_permutation

__all__ = [
    "CONSTANTS",
    "AnalysisBoundWarning",
    "ChannelParams",
    "accounting",
    "build_pairwise_and",
    "build_permutation",
    "choose_parameters",
    "failure_bound",
    "theta_limits",
]
