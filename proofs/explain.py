"""The teaching walk-through behind ``superbounds explain M`` (SPEC §7).

Every number comes from the same ``bounds`` functions as the calculator and carries its
provenance: "this library's theorem X under assumptions b=…, L=…, ε=…" (the proof of the same
name is in ``superbounds prove X``) or "paper claim A*n* (asymptotic)".

>>> items = explain_items(1000)
>>> [i.value for i in items if i.key == "params_b8"]
[1067]
>>> print(explain_text(1000).splitlines()[0])
Computing m' = 1,000 features in superposition: a worked walk-through
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import bounds.capacity as cap
import bounds.families as fams
import bounds.lower as low
import bounds.representation as rep
from bounds.provenance import PAPER_CLAIMS, cite_claims, provenance
from bounds.validation import as_m_prime

__all__ = ["BITS", "Item", "explain_items", "explain_text"]

BITS = (1, 4, 8, 16, 32)
"""Bits per parameter shown in the walk-through."""


@dataclass(frozen=True)
class Item:
    """One number of the walk-through: section, key, value, formula, provenance."""

    section: str
    key: str
    label: str
    value: Any
    formula: str
    provenance: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return asdict(self)


def _fmt(v: Any) -> str:
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 1e15 else f"{v:.6e}"
    return str(v)


def explain_items(m_prime: Any, *, eps: float = 0.0, layers: int = 1,
                  eps_jl: float = 0.1) -> list[Item]:
    """All numbers of the walk-through for m′ (permutation family)."""
    mp_ = as_m_prime(m_prime)
    fam = fams.permutation(mp_)
    items: list[Item] = []
    size_bits = fam.log2_size()
    items.append(Item("instances", "log2_instances", "log₂|F| = log₂(m'!)", size_bits,
                      "log2(m'!)", "this library's family `permutation`; "
                      "proof counting-lemma"))
    items.append(Item("instances", "decimal_digits", "|F| = m'! has this many decimal digits",
                      int(size_bits * math.log10(2)) + 1, "floor(log10(m'!)) + 1",
                      "arithmetic on log₂|F|"))
    info = fam.info_bits(eps)
    items.append(Item("bits", "bits_lb", f"bits any class must store (ε = {eps:g})", info,
                      "I_eps = log2((m' - e)!), e = floor(eps m')",
                      provenance("error-tolerant-counting", eps=eps)))
    for bits in BITS:
        lb = low.lower_bounds(fam, bits=bits, layers=layers, eps=eps)
        items.append(Item("params", f"params_b{bits}", f"parameters, b = {bits}", lb.params_lb,
                          "ceil(I_eps / b)", lb.provenance.split("; neurons:")[0]))
        items.append(Item("neurons", f"neurons_b{bits}", f"neurons, b = {bits}", lb.neurons_lb,
                          "least n with b L (n^2 + n) >= I_eps",
                          provenance("neurons", b=bits, L=layers, eps=eps)))
    lb8 = low.lower_bounds(fam, bits=8, layers=layers, eps=eps)
    ratio = lb8.params_lb * 8 / (mp_ * math.log2(mp_))
    items.append(Item("params", "ratio_b8", "b·P/(m' log₂ m') at b = 8 (limit 1 − ε)", ratio,
                      "-> (1 - eps) as m' -> oo",
                      cite_claims(("A1",)) + "; shape proved in asymptotic-params"))
    n8 = lb8.neurons_lb
    c8 = cap.capacity(n8, bits=8, layers=layers, eps=eps)
    items.append(Item("capacity", "capacity_at_n", f"capacity of n = {n8} neurons, b = 8",
                      c8.m_prime_max, "largest m' with I_eps(m') <= b L (n^2 + n)",
                      c8.provenance))
    below = cap.capacity(n8 - 1, bits=8, layers=layers, eps=eps).m_prime_max if n8 > 1 else 0
    items.append(Item("capacity", "capacity_below", f"capacity of n = {n8 - 1} neurons, b = 8",
                      below, "same, one neuron fewer", c8.provenance))
    if c8.m_prime_lambert is not None:
        items.append(Item("capacity", "capacity_lambert", "Lambert-W form Y/W(Y/e)",
                          c8.m_prime_lambert, "Y = b L (n^2 + n) ln 2",
                          "this library's theorem capacity (Stirling-level approximation); "
                          "paper claim A4 (asymptotic): O(n^2 / log n)"))
    r = rep.representation(mp_, eps_jl)
    items.append(Item("representation", "jl_dims", f"JL dimensions (N = m' + 1, ε_JL = "
                      f"{eps_jl:g})", r.dims, "ceil(4 ln N / (eps^2/2 - eps^3/3))",
                      r.provenance))
    items.append(Item("representation", "storage_dims",
                      f"storage: b = {r.storage_bits_per_dim}-bit numbers to name a "
                      f"{r.storage_k}-sparse set", r.storage_dims,
                      "least d with d b >= log2 sum_{i<=k} C(m', i)",
                      provenance("storage", k=r.storage_k, b=r.storage_bits_per_dim)))
    items.append(Item("representation", "gap_ratio", "neurons to compute / dimensions to "
                      "represent (b = 8)", n8 / r.dims, "n_min / d_JL",
                      cite_claims(("A7",)) + "; proved in gap"))
    cr = rep.crossover(bits=8, layers=layers, eps=eps, eps_jl=eps_jl)
    items.append(Item("representation", "crossover", "first m' where computing needs more "
                      "neurons than JL dimensions (b = 8)", cr.m_prime,
                      "least m' with n_min(m') > d_JL(m')", cr.provenance))
    return items


def explain_text(m_prime: Any, *, eps: float = 0.0, layers: int = 1,
                 eps_jl: float = 0.1) -> str:
    """The walk-through as plain text (words, formulas, numbers, provenance)."""
    items = {i.key: i for i in explain_items(m_prime, eps=eps, layers=layers, eps_jl=eps_jl)}
    mp_ = as_m_prime(m_prime)
    L = layers

    def line(key: str) -> str:
        it = items[key]
        return f"    {it.label}: {_fmt(it.value)}   [{it.formula}]\n      ↳ {it.provenance}"

    out = [f"Computing m' = {mp_:,} features in superposition: a worked walk-through", ""]
    out += [
        "1. How many instances?",
        f"   Take the permutation family: output j copies input π(j). There are m'! = {mp_:,}! "
        "permutations.",
        line("log2_instances"), line("decimal_digits"), "",
        "2. Why must the network tell them apart?",
        "   On the one-hot input e_i, output j is on iff π(j) = i, so two different "
        "permutations disagree on some one-hot input. A network that computes every instance "
        "must therefore be able to take at least m'! different settings (counting lemma; "
        "proofs identifiability-permutation, counting-lemma).", "",
        "3. How many bits?",
        "   A class of networks with B-bit descriptions has at most 2^B members, so "
        "B ≥ log₂ m'!. Allowing ε·m' wrong outputs only removes log₂ of the error volume.",
        line("bits_lb"), "",
        f"4. What that means in parameters (model D1: every weight and bias of a dense network, "
        f"b bits each, L = {L}):",
    ]
    out += [line(f"params_b{b}") for b in BITS]
    out += [line("ratio_b8"),
            f"   Paper claim A1 (asymptotic): {PAPER_CLAIMS['A1']}. The library's constant: "
            "P/(m' log₂ m') → (1 − ε)/b.", "",
            "5. Neurons (every width ≤ n, P_dense ≤ L(n² + n)):"]
    out += [line(f"neurons_b{b}") for b in BITS]
    out += [f"   Paper claim A2 (asymptotic): {PAPER_CLAIMS['A2']}.", "",
            "6. The other way round: how many features can that many neurons compute?",
            line("capacity_at_n"), line("capacity_below")]
    if "capacity_lambert" in items:
        out.append(line("capacity_lambert"))
    out += [f"   Paper claim A4 (asymptotic): {PAPER_CLAIMS['A4']}.", "",
            "7. Contrast: merely representing the features",
            line("jl_dims"), line("storage_dims"), line("gap_ratio"), line("crossover"),
            f"   Paper claims A6/A7 (asymptotic): {PAPER_CLAIMS['A6']}; "
            f"{PAPER_CLAIMS['A7']}.", "",
            "All constants above are this library's, never the paper's; run "
            "`superbounds prove` to check every step behind them."]
    return "\n".join(out)
