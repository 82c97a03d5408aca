"""Total neurons n_1 + … + n_L under D1 (issue 10 item 2), encoded as checked steps.

Registered: ``total-neurons-dense``. The parity-split lemma Q ≤ A·B ≤ (A + B)²/4 is proved with
sympy; the maximum over width profiles is brute-forced on small cases.

>>> from proofs.registry import get
>>> get("total-neurons-dense").name
'total-neurons-dense'
"""

from __future__ import annotations

import itertools

import sympy as sp

import bounds.total_neurons as tn
from proofs.checks import Assumption, Example, Identity, Z3Proof
from proofs.citations import cite_fact, cite_proof
from proofs.engine import Proof, Step
from proofs.mutation import plus
from proofs.registry import register
from proofs.theorems import _deduce

__all__: list[str] = []

A, B, S, L = sp.symbols("A B S L", nonnegative=True)

ASSUMPTIONS = (
    "widths n_1, …, n_L ≥ 1 with total S, input code width 1 ≤ d ≤ max n_ℓ",
    "D1: B = b·P_dense, b-bit parameters",
)


def _split_pred(s: int) -> tuple[bool, str]:
    for layers in (1, 2, 3, 4):
        if s < layers:
            continue
        for comp in itertools.product(range(1, s + 1), repeat=layers):
            if sum(comp) != s:
                continue
            for d in range(1, max(comp) + 1):
                xs = (d,) + comp
                q = sum(xs[i] * xs[i + 1] for i in range(layers))
                a_, b_ = sum(xs[0::2]), sum(xs[1::2])
                if not q <= a_ * b_ <= (a_ + b_) ** 2 // 4 or \
                        q + s > tn.max_params_total(s, layers):
                    return False, f"profile {xs}"
    return True, ""


def _conc_pred(s: int) -> tuple[bool, str]:
    for layers in (1, 2, 3, 4):
        if s < layers:
            continue
        brute = tn.max_params_total_brute(s, layers)
        if brute != tn.concentrated_params_total(s, layers):
            return False, f"L={layers}: brute {brute}"
    return True, ""


def _least_pred(k: int) -> tuple[bool, str]:
    info = k * k * 7 + 3
    for bits in (1, 8):
        for layers in (1, 2, 5):
            got = tn.least_total_neurons_d1(info, bits, layers)
            want = next(s for s in itertools.count(layers)
                        if bits * ((2 * s - layers + 1) ** 2 // 4 + s) >= info)
            if got != want:
                return False, f"b={bits}, L={layers}: {got} != {want}"
    return True, ""


@register("total-neurons-dense", claim=None, assumptions=ASSUMPTIONS)
def total_neurons_dense() -> Proof:
    """S ≥ least S with b·(⌊(2S − L + 1)²/4⌋ + S) ≥ ⌈I_ε⌉."""
    steps = (
        Step("profiles", ASSUMPTIONS[0], Assumption()),
        Step("model", ASSUMPTIONS[1], Assumption()),
        Step("split", "With x_0 = d, x_ℓ = n_ℓ, A = Σ_{even i} x_i, B = Σ_{odd i} x_i: every "
             "product x_{i−1}x_i is one term of A·B, so Q = Σ x_{i−1}x_i ≤ A·B.",
             cite_fact("distributive"), uses=("profiles",)),
        Step("am-gm", sp.Eq((A + B) ** 2 / 4 - A * B, (A - B) ** 2 / 4, evaluate=False),
             Identity(), "so A·B ≤ (A + B)²/4", uses=("split",)),
        Step("d-bound", "d ≤ max n_ℓ ≤ S − (L − 1) (the other widths are ≥ 1), so "
             "A + B = d + S ≤ 2S − L + 1 and P_dense = Q + S ≤ ⌊(2S − L + 1)²/4⌋ + S.",
             Z3Proof(_deduce.packed_bound, what="integers d, S, L, A, B, Q, max n_ℓ: "
                     "Q ≤ AB (split), (A + B)² − 4AB = (A − B)² (am-gm), A + B = d + S, "
                     "d ≤ max n_ℓ ≤ S − (L − 1) (profiles) ⊢ Q + S ≤ ⌊(2S − L + 1)²/4⌋ + S"),
             "Q is an integer and A·B ≤ (A + B)²/4",
             uses=("split", "am-gm", "profiles")),
        Step("split-checked", "example: Q ≤ A·B ≤ (A+B)²/4 and P_dense ≤ P*(S, L) = "
             "max_params_total(S, L) for every profile (L ≤ 4, S ≤ 9, every d)",
             Example(lo=1, hi=9, predicate=_split_pred, name="S",
                     what="enumeration of all profiles",
                     mutations=((tn, "max_params_total", lambda v: v - 1),)),
             uses=("d-bound",)),
        Step("concentrated-optimal", "example: the maximum of P_dense over profiles with total "
             "S equals that of (N, 1, …, 1), d = N = S − L + 1 (L ≤ 4, S ≤ 12)",
             Example(lo=1, hi=12, predicate=_conc_pred, name="S",
                     what="brute force over profiles",
                     mutations=((tn, "concentrated_params_total", plus()),)),
             uses=("profiles",)),
        Step("least-S", "Under D1 a class of networks with total S carries ≤ b·P*(S, L) bits, so "
             "S ≥ least S with b·P*(S, L) ≥ ⌈I_ε⌉ (B integer).",
             cite_proof("error-tolerant-counting", "with step d-bound of this proof"),
             uses=("d-bound", "model")),
        Step("library-least", "example: least_total_neurons_d1 is that least S (I = 7k² + 3, "
             "b ∈ {1, 8}, L ∈ {1, 2, 5}, k = 1…60)",
             Example(lo=1, hi=60, predicate=_least_pred, name="k", what="exact integer scan",
                     mutations=((tn, "least_total_neurons_d1", plus()),)),
             uses=("least-S",)),
    )
    return Proof(
        name="total-neurons-dense",
        title="Total neurons under D1",
        statement=("Any L-layer network family with total width S = n_1 + … + n_L (d ≤ max "
                   "width) and b-bit dense description that carries I_ε bits has "
                   "b·(⌊(2S − L + 1)²/4⌋ + S) ≥ ⌈I_ε⌉."),
        statement_latex=(r"b\left(\lfloor (2S-L+1)^2/4 \rfloor + S\right) "
                         r"\ge \lceil I_\varepsilon \rceil"),
        paper_claim=None, steps=steps, assumptions=ASSUMPTIONS,
        references=("bounds.total_neurons",),
    )
