"""The teaching walk-through behind ``superbounds explain M`` (SPEC §7).

Every number comes from the same ``bounds`` functions as the calculator and carries its
provenance: "this library's theorem X under assumptions b=…, L=…, ε=…" (the proof of the same
name is in ``superbounds prove X``) or "paper claim A*n* (asymptotic)".

>>> items = explain_items(1000)
>>> [i.value for i in items if i.key == "params_b8"]
[1067]
>>> [i.value for i in explain_items(1000, problem="pairwise", bits=4) if i.key == "params_b4"]
[4733]
>>> print(explain_text(1000).splitlines()[0])
Computing m' = 1,000 features in superposition: a worked walk-through
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import bounds.capacity as cap
import bounds.families as fams
import bounds.lower as low
import bounds.representation as rep
from bounds.provenance import PAPER_CLAIMS, cite_claims, provenance
from bounds.records import Record
from bounds.validation import as_m_prime

__all__ = ["BITS", "Item", "explain_items", "explain_text"]

BITS = (1, 4, 8, 16, 32)
"""Bits per parameter shown in the walk-through."""


@dataclass(frozen=True)
class Item(Record):
    """One number of the walk-through: section, key, value, formula, provenance."""

    section: str
    key: str
    label: str
    value: Any
    formula: str
    provenance: str


def _fmt(v: Any) -> str:
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 1e15 else f"{v:.6e}"
    return str(v)


def _explained(problem: str, m_prime: int) -> tuple[Any, fams.Explanation]:
    """The default member of ``problem`` at m′ and its walk-through text (one-line error
    naming the families explain offers)."""
    offered = fams.explain_problems()
    fam = fams.family(problem, m_prime) if problem in offered else None
    text = None if fam is None else fam.explanation()
    if text is None:
        raise ValueError(f"problem must be one of {', '.join(offered)} (got {problem!r})")
    return fam, text


def explain_items(m_prime: Any, *, eps: float = 0.0, layers: int = 1,
                  eps_jl: float = 0.1, problem: str = "permutation",
                  bits: int | None = None) -> list[Item]:
    """All numbers of the walk-through for m′.

    ``problem`` is a family of :func:`bounds.families.explain_problems` (its default
    member: for ``"pairwise"`` AND, labelled, m = m', as the calculator's default), whose
    :meth:`~bounds.families.ProblemFamily.explanation` gives the words; ``bits`` one b
    (default: the b of :data:`BITS`, with b = 8 for the capacity and gap lines).
    """
    mp_ = as_m_prime(m_prime)
    fam, text = _explained(problem, mp_)
    shown = BITS if bits is None else (bits,)
    b0 = 8 if bits is None else bits
    size_label, size_formula, size_text = text.size_label, text.size_formula, text.size_text
    info_formula = text.info_formula
    items: list[Item] = []
    size_bits = fam.log2_size()
    items.append(Item("instances", "log2_instances", size_label, size_bits,
                      size_formula, f"this library's family `{problem}` ({fam.label}); "
                      "proof counting-lemma"))
    items.append(Item("instances", "decimal_digits", f"{size_text} has this many decimal "
                      "digits", int(size_bits * math.log10(2)) + 1, "floor(log10|F|) + 1",
                      "arithmetic on log₂|F|"))
    info = fam.info_bits(eps)
    items.append(Item("bits", "bits_lb", f"bits any class must store (ε = {eps:g})", info,
                      info_formula, provenance("error-tolerant-counting", eps=eps)))
    for b in shown:
        lb = low.lower_bounds(fam, bits=b, layers=layers, eps=eps)
        items.append(Item("params", f"params_b{b}", f"parameters, b = {b}", lb.params_lb,
                          "ceil(I_eps / b)", lb.provenance.split("; neurons:")[0]))
        items.append(Item("neurons", f"neurons_b{b}", f"neurons, b = {b}", lb.neurons_lb,
                          "least n with b L (n^2 + n) >= I_eps",
                          provenance("neurons", b=b, L=layers, eps=eps)))
    lb8 = low.lower_bounds(fam, bits=b0, layers=layers, eps=eps)
    ratio = lb8.params_lb * b0 / (mp_ * math.log2(mp_))
    items.append(Item("params", f"ratio_b{b0}", f"b·P/(m' log₂ m') at b = {b0}"
                      + (f" (limit {text.ratio_limit})" if text.ratio_limit else ""), ratio,
                      text.ratio_formula, cite_claims(("A1",))
                      + (f"; shape proved in {text.ratio_proof}" if text.ratio_proof else "")))
    n8 = lb8.neurons_lb
    c8 = cap.capacity(n8, bits=b0, layers=layers, eps=eps, problem=problem)
    items.append(Item("capacity", "capacity_at_n", f"capacity of n = {n8} neurons, b = {b0}",
                      c8.m_prime_max, "largest m' with I_eps(m') <= b L (n^2 + n)",
                      c8.provenance))
    below = (cap.capacity(n8 - 1, bits=b0, layers=layers, eps=eps, problem=problem).m_prime_max
             if n8 > 1 else 0)
    items.append(Item("capacity", "capacity_below",
                      f"capacity of n = {n8 - 1} neurons, b = {b0}",
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
                      f"represent (b = {b0})", n8 / r.dims, "n_min / d_JL",
                      cite_claims(("A7",)) + "; proved in gap"))
    cr = rep.crossover(bits=b0, layers=layers, eps=eps, eps_jl=eps_jl)
    items.append(Item("representation", "crossover", "first m' where computing a permutation "
                      f"needs more neurons than JL dimensions (b = {b0})", cr.m_prime,
                      "least m' with n_min(m') > d_JL(m')", cr.provenance))
    return items


def explain_text(m_prime: Any, *, eps: float = 0.0, layers: int = 1,
                 eps_jl: float = 0.1, problem: str = "permutation",
                 bits: int | None = None) -> str:
    """The walk-through as plain text (words, formulas, numbers, provenance); options as
    for :func:`explain_items`."""
    items = {i.key: i for i in explain_items(m_prime, eps=eps, layers=layers, eps_jl=eps_jl,
                                             problem=problem, bits=bits)}
    mp_ = as_m_prime(m_prime)
    L = layers
    shown = BITS if bits is None else (bits,)
    b0 = 8 if bits is None else bits
    text = _explained(problem, mp_)[1]
    family_text, probes_text = "   " + text.family_text, "   " + text.probes_text
    proofs_text = text.proofs

    def line(key: str) -> str:
        it = items[key]
        return f"    {it.label}: {_fmt(it.value)}   [{it.formula}]\n      ↳ {it.provenance}"

    out = [f"Computing m' = {mp_:,} features in superposition: a worked walk-through", ""]
    out += [
        "1. How many instances?",
        family_text,
        line("log2_instances"), line("decimal_digits"), "",
        "2. Why must the network tell them apart?",
        probes_text + " A network that computes every instance must therefore be able to "
        f"take at least |F| different settings (counting lemma; {proofs_text}).", "",
        "3. How many bits?",
        "   A class of networks with B-bit descriptions has at most 2^B members, so "
        "B ≥ log₂|F|. Allowing ε·m' wrong outputs only removes log₂ of the error volume.",
        line("bits_lb"), "",
        f"4. What that means in parameters (model D1: every weight and bias of a dense network, "
        f"b bits each, L = {L}):",
    ]
    out += [line(f"params_b{b}") for b in shown]
    out += [line(f"ratio_b{b0}"),
            f"   Paper claim A1 (asymptotic): {PAPER_CLAIMS['A1']}."
            + (f" {text.constant_text}" if text.constant_text else ""), "",
            "5. Neurons (every width ≤ n, P_dense ≤ L(n² + n)):"]
    out += [line(f"neurons_b{b}") for b in shown]
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
