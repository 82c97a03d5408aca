"""Counting lemma, its error-tolerant form, and the error volumes of each family (SPEC §3).

Proofs registered here:

* ``counting-lemma`` — B ≥ log₂|F| for a class of ≤ 2^B networks computing every instance on
  identifying probes; instantiated with the library's log₂|F| for every family;
* ``error-tolerant-counting`` — B ≥ log₂|F| − log₂ V_ε;
* ``tolerant-volume-permutation`` — V_ε = m′!/(m′−e)!, so I_ε = log₂((m′−e)!);
* ``tolerant-volume-pairwise`` — V_ε ≤ C(m′, e)·M^e, so
  I_ε = log₂((M)_{m′}) − log₂ C(m′, e) − e·log₂ M.

Every formula checked is the one in :mod:`bounds.families` (its sympy form, its float form and
its exact-integer form), so a wrong formula there fails a step here.

>>> from proofs.registry import get
>>> [s.name for s in get("counting-lemma").steps][:3]
['class-size', 'computes-every-instance', 'identifiable']
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

import bounds.families as fams
from proofs.checks import Assumption, Example, Identity, SymbolicInequality, Z3Proof
from proofs.citations import cite_definition, cite_fact, cite_proof
from proofs.engine import Proof, Step, theorem
from proofs.mutation import plus, times
from proofs.registry import register
from proofs.theorems import _deduce
from proofs.theorems._brute import max_tolerant_counts
from proofs.theorems._common import close, e, exact_log2, m, mm

__all__: list[str] = []

B, F, V = sp.symbols("B |F| V_epsilon", positive=True)
r = sp.Symbol("r", positive=True)
q = sp.Symbol("q", positive=True, integer=True)
M = mm * (mm - 1) / 2


def _log_step(prefix: str, with_volume: bool, uses: str) -> Step:
    """B ≥ log₂|F| (− log₂ V_ε) from |F| = 2^B·V_ε/r with r ≥ 1 (the pigeonhole step in logs)."""
    target = sp.log(F, 2) - (sp.log(V, 2) if with_volume else 0)
    size = 2**B * (V if with_volume else 1) / r
    return Step(
        f"{prefix}-in-logs",
        sp.Ge(B, target),
        SymbolicInequality(domain=((r, 1, sp.oo),), relation=sp.Ge(B, target.subs(F, size))),
        "write the pigeonhole inequality as |F| = 2^B" + ("·V_ε" if with_volume else "")
        + "/r with r ≥ 1 and take log₂ (all quantities positive); sympy proves the "
        "inequality in r",
        uses=(uses,),
    )


def _numeric_size_check(m_lo: int, m_hi: int) -> Example:
    def pred(k: int) -> tuple[bool, str]:
        fam = fams.permutation(k)
        exact = math.factorial(k)
        if fam.exact_size() != exact:
            return False, f"exact_size() = {fam.exact_size()} != {k}!"
        if not close(fam.log2_size(), exact_log2(exact)):
            return False, f"log2_size() = {fam.log2_size()!r}, log2({k}!) = {exact_log2(exact)}"
        return True, ""

    return Example(
        m_lo, m_hi, predicate=pred, name="m'",
        what="permutation(m').exact_size() = m'! exactly and log2_size() = log2(m'!) to 1e-12",
        mutations=((fams.ProblemFamily, "log2_size", times(1 + 1e-9)),
                   (fams.Permutation, "exact_size", plus(1))),
    )


def _pairwise_size_check() -> Example:
    def pred(k: int) -> tuple[bool, str]:
        for m_in in (k + 1, 2 * k, 3 * k + 2):
            mp_ = k
            pairs = m_in * (m_in - 1) // 2
            for labelled, exact in ((True, math.perm(pairs, mp_)), (False, math.comb(pairs, mp_))):
                fam = fams.pairwise(mp_, m=m_in, labelled=labelled)
                if fam.exact_size() != exact or not close(fam.log2_size(), exact_log2(exact)):
                    return False, f"m={m_in}, labelled={labelled}: {fam.log2_size()!r}"
            fam = fams.mixed(mp_, ("AND", "OR", "XOR"), m=m_in)
            exact = math.perm(pairs, mp_) * 3**mp_
            if fam.exact_size() != exact or not close(fam.log2_size(), exact_log2(exact)):
                return False, f"mixed, m={m_in}: {fam.log2_size()!r}"
        return True, ""

    return Example(
        2, 120, predicate=pred, name="m'",
        mutations=((fams.ProblemFamily, "log2_size", times(1 + 1e-9)),),
        what="pairwise/mixed exact_size() and log2_size() against math.perm / math.comb, "
        "m in {m'+1, 2m', 3m'+2}",
    )


@register(
    "counting-lemma",
    claim="A1",
)
def counting_lemma() -> Proof:
    """B ≥ log₂|F| (SPEC §3), with log₂|F| of each family from :mod:`bounds.families`."""
    perm = fams.permutation(2)
    pair_l = fams.pairwise(2, m=3)
    pair_u = fams.pairwise(2, m=3, labelled=False)
    mixed = fams.mixed(2, ("AND", "OR", "XOR"), m=3)
    log_step = _log_step("pigeonhole", with_volume=False, uses="pigeonhole")
    steps = (
        Step("class-size", "The class 𝒩 has at most 2^B members.", Assumption()),
        Step(
            "computes-every-instance",
            "For every f ∈ F some N_f ∈ 𝒩 computes f exactly on the identifying probes Q.",
            Assumption(),
        ),
        Step(
            "identifiable",
            "Distinct instances of F differ on some probe of Q: for permutations, every m′ "
            "(the probe e_{π(j)} separates π ≠ σ at an output j where they differ).",
            cite_proof("identifiability-permutation", "step argument, proved by z3 for "
                       "symbolic m′"),
        ),
        Step(
            "identifiable-pairwise",
            "Distinct instances of a pairwise or mixed family differ on some input of Q with "
            "≤ 2 active features, every m and m′.",
            cite_proof("identifiability-pairwise", "step argument, proved by z3 for symbolic "
                       "m and pairs"),
        ),
        Step(
            "injective",
            "f ↦ N_f is injective: N_f = N_g forces f and g to agree on Q, hence f = g.",
            Z3Proof(_deduce.injective, what="instances, networks, probes, values as "
                    "uninterpreted sorts: ∀f, q run(N_f, q) = f(q) (computes-every-instance), "
                    "f ≠ g ⇒ ∃q f(q) ≠ g(q) (identifiable, both families) ⊢ N_f = N_g ⇒ f = g"),
            "N_f = N_g means f and g agree on every probe of Q, and distinct instances do not",
            uses=("computes-every-instance", "identifiable", "identifiable-pairwise"),
        ),
        Step(
            "pigeonhole",
            "|F| ≤ |𝒩| ≤ 2^B",
            cite_fact("injection"),
            uses=("class-size", "injective"),
        ),
        log_step,
        Step(
            "permutation-size",
            sp.Eq(perm.log2_size_sym(m), sp.log(sp.factorial(m), 2), evaluate=False),
            Identity(),
            "bounds.families.permutation(m').log2_size_sym equals log₂(m'!) (SPEC §2)",
        ),
        Step(
            "permutation-size-numeric",
            "log2_size() and exact_size() of permutation(m') agree with m'! (m' = 2…400)",
            _numeric_size_check(2, 400),
            "the float path used by the calculator matches the exact count",
        ),
        Step(
            "pairwise-labelled-size",
            sp.Eq(pair_l.log2_size_sym(m, mm), sp.log(sp.ff(M, m), 2), evaluate=False),
            Identity(),
            "ordered m'-tuples of distinct pairs: (M)_{m'} with M = C(m, 2)",
        ),
        Step(
            "pairwise-unlabelled-size",
            sp.Eq(pair_u.log2_size_sym(m, mm), sp.log(sp.binomial(M, m), 2), evaluate=False),
            Identity(),
            "sets of m' distinct pairs: C(M, m')",
        ),
        Step(
            "mixed-size",
            sp.Eq(mixed.log2_size_sym(m, mm), sp.log(sp.ff(M, m) * 3**m, 2), evaluate=False),
            Identity(),
            "each output also picks one of q = 3 ops: add m'·log₂ q",
        ),
        Step(
            "pairwise-size-numeric",
            "log2_size() / exact_size() of pairwise and mixed families match the exact counts",
            _pairwise_size_check(),
        ),
    )
    return theorem("counting-lemma", "A1", "Counting lemma: B ≥ log₂|F|", steps,
        latex=r"B \ge \log_2 |F|",
        assumptions=(
            "the class of networks has at most 2^B members (distinct B-bit descriptions)",
            "for every instance f some member computes f exactly on the identifying probes",
        ),
        references=("design §3 counting lemma", "bounds.families"))


@register(
    "error-tolerant-counting",
    claim="A1",
)
def error_tolerant_counting() -> Proof:
    """B ≥ I_ε = log₂|F| − log₂ V_ε, clamped at 0 (SPEC §3)."""
    log_step = _log_step("cover", with_volume=True, uses="union-bound")
    steps = (
        Step("class-size", "The class 𝒩 has at most 2^B members.", Assumption()),
        Step(
            "covers",
            "Every f ∈ F has a member N ∈ 𝒩 that is ε-correct for f.",
            Assumption(),
        ),
        Step(
            "volume",
            "Each N ∈ 𝒩 is ε-correct for at most V_ε instances.",
            Assumption(),
            "proved per family in tolerant-volume-permutation / tolerant-volume-pairwise",
        ),
        Step(
            "union-bound",
            "|F| ≤ Σ_{N ∈ 𝒩} #{f : N ε-correct for f} ≤ 2^B · V_ε",
            cite_fact("union-count"),
            uses=("class-size", "covers", "volume"),
        ),
        log_step,
        Step(
            "clamp",
            "B ≥ 0, hence B ≥ max(0, I_ε)",
            cite_definition("network-class", "a description length B is a number of bits, B ≥ 0"),
        ),
        Step(
            "library-clamps",
            "info_bits(ε) = max(0, log₂|F| − log₂ V_ε) for permutations and pairwise "
            "families (m' = 2…40, ε ∈ {0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99})",
            Example(2, 40, predicate=_info_bits_pred, name="m'",
                       what="bounds.families info_bits / info_bits_ceil vs exact integers",
                       mutations=((fams.ProblemFamily, "info_bits_ceil", plus(1)),
                                  (fams.ProblemFamily, "info_bits", times(1 + 1e-9)))),
        ),
    )
    return theorem("error-tolerant-counting", "A1",
        "Error-tolerant counting: B ≥ log₂|F| − log₂ V_ε",
        steps,
        latex=r"B \ge I_\varepsilon = \max(0, \log_2|F| - \log_2 V_\varepsilon)",
        assumptions=(
            "the class of networks has at most 2^B members",
            "every instance has a member that is ε-correct for it (≤ e = ⌊εm'⌋ wrong outputs)",
            "each member is ε-correct for at most V_ε instances",
        ),
        references=("design §3 error tolerance",))


_EPS_CORRECT = "ε-correct: at most e = ⌊εm'⌋ outputs wrong, wrong = disagrees on some probe"
"""The tolerance hypothesis shared by both error-volume proofs."""

_EPS_GRID = ("0", "0.05", "0.1", "0.25", "0.5", "0.75", "0.9", "0.99")


def _info_bits_pred(k: int) -> tuple[bool, str]:
    """Library I_ε (float and exact ceiling) vs exact |F| and V_ε, for every e."""
    for fam in fams.proof_families(k):
        size = fam.exact_size()
        for eps in _EPS_GRID:
            err = math.floor(Fraction(eps) * k)
            got_e = fams.errors_allowed(k, float(eps))
            if got_e != err:
                return False, f"errors_allowed({k}, {eps}) = {got_e}, expected {err}"
            eps = float(eps)
            vol = fam.exact_tolerant_volume(err)
            ref = max(0, exact_log2(size) - exact_log2(vol)) if size > vol else 0
            if not close(fam.info_bits(eps), ref, 1e-11):
                return False, f"{fam.label}, e={err}: info_bits {fam.info_bits(eps)!r} vs {ref}"
            want_ceil = _ceil_log2_ratio(size, vol)
            if fam.info_bits_ceil(eps) != want_ceil:
                return False, f"{fam.label}, e={err}: info_bits_ceil {fam.info_bits_ceil(eps)}"
    return True, ""


def _ceil_log2_ratio(p: int, v: int) -> int:
    """Least t ≥ 0 with v·2^t ≥ p (0 when p ≤ v), by direct search."""
    t = 0
    while (v << t) < p:
        t += 1
    return t


def _perm_volume_brute(k: int) -> tuple[bool, str]:
    fam = fams.permutation(k)
    best = max_tolerant_counts(fam)
    for err, count in enumerate(best):
        bound = fam.exact_tolerant_volume(err)
        if count > bound:
            return False, f"e={err}: a network is ε-correct for {count} > V = {bound}"
        if bound != math.perm(k, err):
            return False, f"e={err}: exact_tolerant_volume = {bound} != m'!/(m'-e)!"
    return True, f"max counts {best}"


def _volume_numeric(make: object) -> Example:
    def pred(k: int) -> tuple[bool, str]:
        fam = make(k)  # type: ignore[operator]
        for err in range(k + 1):
            exact = fam.exact_tolerant_volume(err)
            if not close(fam.log2_tolerant_volume(err), exact_log2(exact)):
                return False, f"e={err}: log2_tolerant_volume {fam.log2_tolerant_volume(err)!r}"
        return True, ""

    return Example(2, 60, predicate=pred, name="m'",
                      what="log2_tolerant_volume(e) = log2(exact_tolerant_volume(e)) to 1e-12, "
                      "every e",
                      mutations=((fams.ProblemFamily, "log2_tolerant_volume", plus(1e-6)),))


@register(
    "tolerant-volume-permutation",
    claim="A1",
)
def tolerant_volume_permutation() -> Proof:
    """V_ε = C(m′, e)·e! = m′!/(m′−e)! and I_ε = log₂((m′−e)!) for permutations."""
    perm = fams.permutation(2)
    steps = (
        Step(
            "tolerance",
            "A network is ε-correct for π if at most e = ⌊εm'⌋ outputs are wrong.",
            Assumption(),
        ),
        Step(
            "choose-then-fill",
            "Fix the network. Choose the set of ≤ e wrong outputs (C(m', e) ways, padding to "
            "exactly e); the m'−e right outputs fix π there; the e left over sources fill the "
            "wrong outputs in at most e! ways.",
            cite_fact("product-rule"),
            uses=("tolerance",),
        ),
        Step(
            "volume-formula",
            sp.Eq(sp.binomial(m, e) * sp.factorial(e), sp.factorial(m) / sp.factorial(m - e),
                  evaluate=False),
            Identity(),
            "C(m', e)·e! = m'!/(m'−e)!",
            uses=("choose-then-fill",),
        ),
        Step(
            "library-volume",
            sp.Eq(perm.log2_tolerant_volume_sym(e, m),
                  sp.log(sp.factorial(m) / sp.factorial(m - e), 2), evaluate=False),
            Identity(),
            "bounds.families log2_tolerant_volume_sym is log₂ of that volume (0 ≤ e ≤ m')",
            uses=("volume-formula",),
        ),
        Step(
            "volume-brute-force",
            "For every network output assignment, #{π : ε-correct} ≤ exact_tolerant_volume(e) "
            "= m'!/(m'−e)! (all e, m' = 2…5)",
            Example(2, 5, predicate=_perm_volume_brute, name="m'",
                       what="enumerate all (m'+1)^{m'} output assignments and all m'! instances",
                       mutations=((fams.Permutation, "exact_tolerant_volume", plus(-1)),)),
            "a network's output j on the probes either equals the column of one source or "
            "none, so enumerating those assignments covers every network",
            uses=("tolerance",),
        ),
        Step(
            "volume-numeric",
            "log2_tolerant_volume(e) matches the exact volume (m' = 2…60, every e)",
            _volume_numeric(fams.permutation),
        ),
        Step(
            "information",
            sp.Eq(perm.log2_size_sym(m) - perm.log2_tolerant_volume_sym(e, m),
                  sp.log(sp.factorial(m - e), 2), evaluate=False),
            Identity(),
            "I_ε = log₂ m'! − log₂(m'!/(m'−e)!) = log₂((m'−e)!)",
            uses=("library-volume",),
        ),
    )
    return theorem("tolerant-volume-permutation", "A1",
        "Error volume of permutations: I_ε = log₂((m′−e)!)",
        steps,
        latex=r"V_\varepsilon \le \binom{m'}{e} e! = \frac{m'!}{(m'-e)!},\quad "
        r"I_\varepsilon = \log_2 (m'-e)!",
        assumptions=(
            _EPS_CORRECT,
        ),
        references=("design §3 error tolerance", "bounds.families.ProblemFamily"))


def _pair_volume_brute(k: int) -> tuple[bool, str]:
    notes = []
    for fam in (
        fams.pairwise(k, m=4),
        fams.pairwise(k, m=4, labelled=False),
        fams.pairwise(k, m=4, op="XOR"),
    ):
        best = max_tolerant_counts(fam)
        for err, count in enumerate(best):
            bound = fam.exact_tolerant_volume(err)
            if count > bound:
                return False, f"{fam.label}, e={err}: ε-correct for {count} > V = {bound}"
            if bound != math.comb(k, err) * fam.pairs**err:
                return False, f"{fam.label}, e={err}: exact_tolerant_volume {bound}"
        notes.append(f"{fam.label}: {best}")
    return True, "; ".join(notes)


@register(
    "tolerant-volume-pairwise",
    claim="A1",
)
def tolerant_volume_pairwise() -> Proof:
    """V_ε ≤ C(m′, e)·M^e and the resulting I_ε for pairwise families."""
    pair = fams.pairwise(2, m=5)  # M = C(5, 2) = 10 inside the library's sympy forms
    steps = (
        Step(
            "tolerance",
            "A network is ε-correct for an instance if at most e = ⌊εm'⌋ outputs are wrong.",
            Assumption(),
        ),
        Step(
            "choose-then-fill",
            "Choose the e wrong outputs (C(m', e) ways); the others are fixed by the network; "
            "each wrong output is one of M = C(m, 2) pairs: at most C(m', e)·M^e instances.",
            cite_fact("product-rule"),
            uses=("tolerance",),
        ),
        Step(
            "library-volume",
            sp.Eq(pair.log2_tolerant_volume_sym(e, m), sp.log(sp.binomial(m, e) * 10**e, 2),
                  evaluate=False),
            Identity(),
            "bounds.families log2_tolerant_volume_sym is log₂(C(m', e)·M^e); shown symbolically "
            "in m' and e at m = 5 (M = 10); step `volume-numeric` covers other m",
            uses=("choose-then-fill",),
        ),
        Step(
            "volume-brute-force",
            "For every network output assignment, #{instances ε-correct} ≤ "
            "exact_tolerant_volume(e) = C(m', e)·M^e (m = 4: labelled AND, unlabelled AND, "
            "labelled XOR; m' = 2…4, every e)",
            Example(2, 4, predicate=_pair_volume_brute, name="m'",
                       what="enumerate all (M+1)^{m'} output assignments and all instances",
                       mutations=((fams.Pairwise, "exact_tolerant_volume", plus(-1)),)),
            uses=("tolerance",),
        ),
        Step(
            "volume-numeric",
            "log2_tolerant_volume(e) matches the exact volume (m' = 2…60, m = m'+2, every e)",
            _volume_numeric(lambda k: fams.pairwise(k, m=k + 2)),
        ),
        Step(
            "information",
            sp.Eq(pair.log2_size_sym(m) - pair.log2_tolerant_volume_sym(e, m),
                  sp.log(sp.ff(10, m), 2) - sp.log(sp.binomial(m, e), 2) - e * sp.log(10, 2),
                  evaluate=False),
            Identity(),
            "I_ε = log₂((M)_{m'}) − log₂ C(m', e) − e·log₂ M (SPEC §3), with the library's "
            "forms at m = 5, M = C(5, 2) = 10",
            uses=("library-volume",),
        ),
    )
    return theorem("tolerant-volume-pairwise", "A1",
        "Error volume of pairwise families: V_ε ≤ C(m′, e)·M^e",
        steps,
        latex=r"V_\varepsilon \le \binom{m'}{e} M^e,\quad I_\varepsilon = "
        r"\log_2 (M)_{m'} - \log_2\binom{m'}{e} - e \log_2 M",
        assumptions=(
            _EPS_CORRECT,
        ),
        references=("design §3 error tolerance", "bounds.families.ProblemFamily"))
