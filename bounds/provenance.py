"""Provenance: the paper's claims and this library's theorems, in one place (SPEC §0.1).

Every number the library prints says where it comes from: either a **paper claim**
(asymptotic, from the abstract of Adler & Shavit, arXiv:2409.15318) or a **theorem of
this library** under explicit assumptions. Constants are always this library's.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PAPER_CLAIMS", "THEOREMS", "cite_claims", "provenance", "register_theorem",
           "theorem_statement"]

#: the claims of the paper's abstracts (SPEC §0.1), all asymptotic
PAPER_CLAIMS: dict[str, str] = {
    "A1": "computing m' features in superposition needs Omega(m' log m') parameters",
    "A2": "... and Omega(sqrt(m' log m')) neurons",
    "A3": "any 'lottery ticket' sparse sub-network needs Omega(m' log m') parameters",
    "A4": "a network with n neurons computes at most O(n^2 / log n) features",
    "A5": "pairwise AND: O(sqrt(m') log m') neurons and O(m' log^2 m') parameters suffice",
    "A6": "representing m' features can take O(log m') neurons (Johnson-Lindenstrauss)",
    "A7": "computing and representing are exponentially apart",
}

#: this library's theorems: name -> (statement, paper claims it supports). The one place a
#: theorem is stated: the proofs (``proofs/``) take their statement from here.
THEOREMS: dict[str, tuple[str, tuple[str, ...]]] = {
    'counting-lemma': (
        'If a class of networks has at most 2^B members and for every instance f of a family F '
        'some member computes f exactly on an identifying probe set, then B ≥ log₂|F|. For the '
        "families of SPEC §2: log₂ m'!, log₂ (M)_{m'}, log₂ C(M, m'), log₂ (M)_{m'} + m' log₂ q.",
        ('A1',),
    ),
    'error-tolerant-counting': (
        'If every instance has an ε-correct member of a class of at most 2^B networks and each '
        'member is ε-correct for at most V_ε instances, then B ≥ I_ε := max(0, log₂|F| − log₂ '
        'V_ε).',
        ('A1',),
    ),
    'tolerant-volume-permutation': (
        "One network is ε-correct for at most V_ε = m'!/(m'−e)! permutations, so I_ε = "
        "log₂((m'−e)!).",
        ('A1',),
    ),
    'tolerant-volume-pairwise': (
        "One network is ε-correct for at most C(m', e)·M^e pairwise instances (M = C(m, 2)), so "
        "I_ε = log₂((M)_{m'}) − log₂ C(m', e) − e·log₂ M.",
        ('A1',),
    ),
    'identifiability-permutation': (
        'Any two distinct permutations differ on some one-hot input.',
        (),
    ),
    'identifiability-pairwise': (
        'For every op in AND, OR, XOR, NAND, NOR, XNOR, labelled or unlabelled, and for mixed '
        'ops, distinct instances differ on some input with at most 2 active features.',
        (),
    ),
    'params-dense': (
        'Under D1 (B = b·P_dense), any class computing every instance ε-correctly has P_dense ≥ '
        '⌈I_ε / b⌉.',
        ('A1',),
    ),
    'params-sparse': (
        'Under D2 with D slots, any class computing every instance ε-correctly needs at least the'
        ' least P with B(P) ≥ I_ε nonzero parameters.',
        ('A3',),
    ),
    'params-mask': (
        'Under D3 with D fixed weights, any class computing every instance ε-correctly by '
        'masking keeps at least the least P with Σ_{j≤P} C(D, j) ≥ 2^I_ε weights.',
        ('A3',),
    ),
    'total-neurons-dense': (
        'Under D1, any class of L-layer networks computing every instance ε-correctly has '
        'total width n_1 + … + n_L at least the least S with b·(⌊(2S − L + 1)²/4⌋ + S) ≥ I_ε '
        '(P_dense of every profile with total S, d ≤ max width, is at most that).',
        ('A2',),
    ),
    'sign-patterns': (
        'With real-valued parameters (no precision assumption), an L-layer ReLU network '
        'realises at most Π_ℓ Π(n_ℓ q, W_ℓ, ℓ) · Π(m′q, W, L) output tables on the q '
        'identifying probes, Π(M, N, D) = min(2^M, 2(4eMD/N)^N) (Telgarsky 2016, Warren 1968); '
        'this must reach |F|/V_ε, which bounds parameters, width and total neurons.',
        ('A1', 'A2'),
    ),
    'neurons': (
        'A class of networks of widths ≤ n and L layers that computes every instance ε-correctly '
        'has n ≥ ⌈(−1 + √(1 + 4I_ε/(bL)))/2⌉ under D1.',
        ('A2',),
    ),
    'capacity': (
        "Width-n, L-layer networks with b-bit parameters compute at most capacity(n) = max{m' : "
        "I_ε(m') ≤ b·L·(n² + n)} features; for permutations with ε = 0 capacity(n) ≤ Y/W(Y/e), Y "
        "= b·L·(n² + n)·ln 2, the solution of m'(ln m' − 1) = Y.",
        ('A4',),
    ),
    'capacity-real': (
        "With real-valued parameters, width-n, L-layer networks compute at most the m* with "
        "fits(m*) and not fits(m* + 1), fits(m') meaning that the sign-pattern bound "
        "Σ_ℓ g(nq, W_ℓ, ℓ) + g(m'q, W, L) reaches I_0(m') (theorem sign-patterns); valid for "
        "eps = 0 by restriction (F(m'+1) computable implies F(m') computable), and the "
        "largest m' with fits(m') for permutations (fits is downward closed in m').",
        ('A4',),
    ),
    'permutation-volume-exact': (
        "One network is ε-correct for at most V(m', e) = max over fibre partitions c of m' of "
        "Σ_{i ≥ m'−e} (−1)^{i−m'+e} C(i−1, m'−e−1) e_i(c) (m'−i)! permutations (rook "
        "formula); V(m', 1) = 2, and (m')_e/3 ≤ V ≤ (m')_e for e ≥ 2. The calculator uses "
        "the exact V where it is computed (m' ≤ 30, or e ≤ 1) and m'!/(m'−e)! beyond.",
        ('A1',),
    ),
    'asymptotic-params': (
        "For constant b and ε ≤ ε₀ < 1 the bits bound I_ε and the D1 parameter bound are Θ(m' log"
        " m'); P_min/(m' log₂ m') → (1 − ε)/b.",
        ('A1',),
    ),
    'asymptotic-neurons': (
        "For constant b, L and ε ≤ ε₀ < 1 the neuron bound n_min satisfies n_min/√(m' ln m') → "
        '√((1 − ε)/(bL ln 2)).',
        ('A2',),
    ),
    'asymptotic-capacity': (
        'Width-n networks (constant b, L) compute at most capacity(n) features, and '
        'capacity(n)/(n²/ln n) → bL ln 2 / 2.',
        ('A4',),
    ),
    'sparse-weakening': (
        "Under D2 or D3 with D = m'^c slots, the counting bound on nonzero parameters is I/(b + c"
        " log₂ m') = Θ(m'), and P = 2m' already suffices for D = m'²: a lottery-ticket Ω(m' log "
        "m') bound (A3) needs more than counting with polynomially many slots.",
        ('A3',),
    ),
    'jl-dim': (
        "m' features (N = m' + 1 points) embed with distortion 1 ± ε in ⌈4 ln N/(ε²/2 − ε³/3)⌉ = "
        "Θ(log m') dimensions.",
        ('A6',),
    ),
    'storage': (
        "Any representation of k-sparse sets of m' features by d b-bit numbers has d·b ≥ log₂ "
        "Σ_{i≤k} C(m', i), and this is Θ(k log m').",
        ('A6', 'A7'),
    ),
    'gap': (
        "For constant b, L, ε_JL: n_min(m')/d_JL(m') → ∞ and ln n_min/d_JL → (ε²/2 − ε³/3)/8, "
        'i.e. the neurons needed to compute are exponential in the dimensions needed to '
        "represent; the crossover m' is where computing first needs more.",
        ('A7',),
    ),
    'accounting-trivial': (
        "The trivial construction uses m' hidden neurons, P_dense = m'² + m' (permutation) or "
        "m·m' + m' (AND), and is consistent with every §3 lower bound.",
        (),
    ),
    'switching-benes': (
        'A Beneš network on N = 2^q terminals has (2q − 1)N/2 switches, routes every permutation,'
        ' and (2q − 1)N/2 / log₂ N! → 1.',
        (),
    ),
    'switching-waksman': (
        'A Waksman network on N terminals has Σ_{i=1}^{N} ⌈log₂ i⌉ switches, routes every '
        'permutation (proved for N = 2^q by Waksman 1968, Thm 1; for other N the library\'s '
        'router is shown on examples only), and log₂ N! ≤ S < log₂ N! + N.',
        (),
    ),
    'accounting-permutation-channels': (
        "C1 permutation built by the output-channel template uses Θ(√m' log m') neurons and Θ(m' "
        "log² m') parameters; its closed-form accounting equals the counts of the built networks,"
        ' which are above every §3 lower bound.',
        (),
    ),
    'accounting-pairwise-and-channels': (
        "C2 pairwise AND built by the output-channel template uses Θ(√m' log m') neurons and Θ(m'"
        " log² m') parameters; its closed-form accounting equals the counts of the built "
        'networks, which are above every §3 lower bound.',
        ('A5',),
    ),
}


def theorem_statement(name: str) -> str:
    """The statement of this library's theorem ``name``.

    >>> theorem_statement("params-dense")[:9]
    'Under D1 '
    """
    if name not in THEOREMS:
        raise ValueError(f"theorem must be one of {', '.join(THEOREMS)} (got {name!r})")
    return THEOREMS[name][0]


def cite_claims(claims: tuple[str, ...]) -> str:
    """``"paper claims A1, A2 (asymptotic)"`` for a tuple of claim ids.

    >>> cite_claims(("A1", "A2"))
    'paper claims A1, A2 (asymptotic)'
    """
    if not claims:
        return "no paper claim"
    word = "claim" if len(claims) == 1 else "claims"
    return f"paper {word} {', '.join(claims)} (asymptotic)"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def provenance(theorem: str, **assumptions: Any) -> str:
    """One provenance line: the library theorem, its assumptions and the paper claims.

    >>> print(provenance("params-dense", b=8, L=1, eps=0.0))
    this library's theorem params-dense under b=8, L=1, eps=0; supports paper claim A1 (asymptotic)
    """
    if theorem not in THEOREMS:
        raise ValueError(f"theorem must be one of {', '.join(THEOREMS)} (got {theorem!r})")
    claims = THEOREMS[theorem][1]
    parts = ", ".join(f"{k}={_fmt(v)}" for k, v in assumptions.items() if v is not None)
    under = f" under {parts}" if parts else ""
    return f"this library's theorem {theorem}{under}; supports {cite_claims(claims)}"


def register_theorem(name: str, statement: str, claims: tuple[str, ...] = ()) -> None:
    """Add this library's theorem ``name`` to :data:`THEOREMS` (a new model's bound, say).

    Names are unique; ``claims`` must be ids of :data:`PAPER_CLAIMS`.

    >>> register_theorem("params-dense", "B >= log2|F|")
    Traceback (most recent call last):
    ...
    ValueError: theorem 'params-dense' is stated twice
    """
    if name in THEOREMS:
        raise ValueError(f"theorem {name!r} is stated twice")
    unknown = [c for c in claims if c not in PAPER_CLAIMS]
    if not statement or unknown:
        raise ValueError(f"theorem {name!r} needs a statement and claims among "
                         f"{', '.join(PAPER_CLAIMS)} (got {claims!r})")
    THEOREMS[name] = (statement, tuple(claims))
