"""Provenance: the paper's claims and this library's theorems, in one place (SPEC §0.1).

Every number the library prints says where it comes from: either a **paper claim**
(asymptotic, from the abstract of Adler & Shavit, arXiv:2409.15318) or a **theorem of
this library** under explicit assumptions. Constants are always this library's.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PAPER_CLAIMS", "THEOREMS", "cite_claims", "provenance"]

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

#: this library's theorems: name -> (statement, paper claims it supports)
THEOREMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "counting-lemma": (
        "a class of at most 2^B networks computing every instance of F exactly on "
        "identifying probes has B >= log2|F|",
        ("A1",),
    ),
    "error-tolerant-counting": (
        "if each network is eps-correct for at most V_eps instances, B >= log2|F| - log2 V_eps",
        ("A1",),
    ),
    "params-dense": ("under D1 (B = b*P_dense), P >= ceil(I_eps / b)", ("A1",)),
    "params-sparse": ("under D2 (B = P*b + log2 C(D, P)), least P with B(P) >= I_eps", ("A3",)),
    "params-mask": ("under D3 (B = log2 sum_{j<=P} C(D, j)), least P with B(P) >= I_eps",
                    ("A3",)),
    "neurons": (
        "least width n with b*L*(n^2 + n) >= I_eps (equal widths; bounds the max width of "
        "any width profile)",
        ("A2",),
    ),
    "total-neurons-dense": (
        "under D1, least n_1 + ... + n_L whose profiles can have b*P_dense >= I_eps "
        "(P_dense <= floor((2S - L + 1)^2/4) + S for total S)",
        ("A2",),
    ),
    "sign-patterns": (
        "with real-valued parameters: an L-layer ReLU network realises at most "
        "prod 2(2eMD/N)^N output tables on the q probes (Warren's bound, layer by layer), "
        "which must reach |F|/V_eps",
        ("A1", "A2"),
    ),
    "capacity": ("largest m' with I_eps(m') <= b*P_dense(n, L)", ("A4",)),
    "jl-dim": ("Dasgupta-Gupta JL: d >= 4 ln N / (eps^2/2 - eps^3/3) suffices", ("A6",)),
    "storage": (
        "storing a k-sparse set of m' features needs d*b >= log2 sum_{i<=k} C(m', i) bits",
        ("A6", "A7"),
    ),
    "gap": (
        "the computing neuron bound exceeds the representation dimension from the "
        "crossover m' on",
        ("A7",),
    ),
}


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
