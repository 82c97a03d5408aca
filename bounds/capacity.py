"""Capacity (SPEC §3): the most features n neurons can compute, and the Lambert-W form.

capacity(n) = the largest m′ with I_ε(m′) ≤ B(n), where B(n) is the most bits a class
of width-n networks can carry: D1 b·L·(n² + n); D2/D3 the peak of B(P) over
P ≤ D = L(n² + n) (``bounds.models``). It is the inverse of the neuron bound:
capacity(n_min(m′)) ≥ m′ > capacity(n_min(m′) − 1).

For permutations with ε = 0, Stirling's ln m′! ≈ m′(ln m′ − 1) gives the closed form
m′ ≈ Y / W(Y/e), Y = B·ln 2 (principal branch of Lambert W), the solution of
m′(ln m′ − 1) = Y. Both numbers are reported: the exact value and the approximation.
As n → ∞ both are Θ(n²/log n) — the shape of paper claim A4.

Reference (permutation, ε = 0, b = 8, L = 1): capacity(100) = 7115 (Lambert 7116.3),
capacity(1000) = 460 980.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath

from bounds.families import ProblemFamily, family
from bounds.lower import Target
from bounds.models import DescriptionModel, get_model, p_dense_equal
from bounds.provenance import provenance
from bounds.records import Record
from bounds.search import least_true
from bounds.validation import as_int, as_real

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Capacity", "budget_bits", "capacity", "capacity_real", "fits_real",
           "fits_real_relaxed", "info_lower_permutation", "lambert_capacity",
           "lambert_capacity_sym"]


@dataclass(frozen=True)
class Capacity(Record):
    """The capacity of width-n networks under stated assumptions."""

    n: int
    bits_per_param: int | str
    layers: int
    eps: float
    problem: str
    model: str
    budget_bits: float | None
    m_prime_max: int
    m_prime_lambert: float | None
    provenance: str
    assumptions: tuple[str, ...]

    json_first = (
        "n", "bits_per_param", "layers", "m_prime_max", "m_prime_lambert", "eps", "problem",
        "model", "budget_bits", "provenance", "assumptions"
    )


def budget_bits(n: int, *, bits: int, layers: int = 1, model: str = "dense") -> float:
    """B(n): the most bits a class of width-n, L-layer networks can carry.

    >>> budget_bits(100, bits=8)
    80800.0
    """
    n = as_int(n, "n", 1)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    return float(get_model(model).budget_mp(p_dense_equal(n, layers), bits))


def lambert_capacity_formula(budget: Any, ln2: Any, lambertw: Any, e: Any) -> Any:
    """m′ = Y / W(Y/e), Y = B·ln 2 — the one body :func:`lambert_capacity` (mpmath) and
    :func:`lambert_capacity_sym` (sympy, what the proof ``capacity`` checks) evaluate.

    ``ln2``, ``lambertw`` (principal branch) and ``e`` are the number system's own.

    >>> import mpmath
    >>> round(float(lambert_capacity_formula(mpmath.mpf(80800), mpmath.ln(2),
    ...     lambda z: mpmath.lambertw(z).real, mpmath.e)), 1)
    7116.3
    """
    y = budget * ln2
    return y / lambertw(y / e)


def lambert_capacity(budget: float) -> float:
    """m′ ≈ Y / W(Y/e), Y = B ln 2: the solution of m′(ln m′ − 1) = Y (Stirling level).

    >>> round(lambert_capacity(80800.0), 1)
    7116.3
    """
    return float(lambert_capacity_formula(mpmath.mpf(budget), mpmath.ln(2),
                                          lambda z: mpmath.lambertw(z).real, mpmath.e))


def lambert_capacity_sym(budget: sp.Expr) -> sp.Expr:
    """sympy form of :func:`lambert_capacity` (the same body, :func:`lambert_capacity_formula`).

    With w = W(Y/e), i.e. Y = w·e^(w+1), the form is m′ = e^(w+1) and solves
    m′(ln m′ − 1) = Y:

    >>> import sympy as sp
    >>> w = sp.Symbol("w", positive=True)
    >>> B = w * sp.exp(w + 1) / sp.log(2)
    >>> m = sp.simplify(lambert_capacity_sym(B)).subs(sp.LambertW(w * sp.exp(w)), w)
    >>> sp.simplify(m * (sp.log(m) - 1) - B * sp.log(2))
    0
    """
    import sympy as sp

    return lambert_capacity_formula(budget, sp.log(2), sp.LambertW, sp.E)


def _fits(fam: ProblemFamily, eps: float, model: DescriptionModel, n: int, bits: int,
          layers: int) -> bool:
    slots = p_dense_equal(n, layers)
    return Target(fam, eps).carried_by(model, model.peak_params(slots, bits), bits, slots)


def _monotone_fits(sample: ProblemFamily, eps: float, fits: Callable[[int], bool]
                   ) -> Callable[[int], bool]:
    """m′ ↦ "some m″ ≥ m′ fits" as a nondecreasing-in-m′ failure test (see :func:`capacity`).

    For ε = 0 "fits" itself is monotone (I_0 nondecreasing, the family says so); for ε > 0
    the family's :meth:`~bounds.families.ProblemFamily.envelope_points` give m″ ≥ m′ over
    which min I_ε = min_{m″ ≥ m′} I_ε(m″) — (m′,) for permutations (I_ε nondecreasing); for
    labelled pairwise families the envelope theorem's min(I_ε(m′), I_ε(s⁺)) for m′ ≥ 4
    under its condition (C). A family that states no envelope is refused.
    """
    if not sample.info_nondecreasing():
        raise ValueError(f"capacity needs I_0 nondecreasing in m'; {sample.label} does not "
                         "state that")
    if eps == 0.0:
        return fits
    sample.envelope_points(2, eps)  # refuses here a family with no stated envelope

    def some_later_fits(mp_: int) -> bool:
        # min over envelope_points(m') of I_eps is min_{m'' >= m'} I_eps (the family's
        # envelope theorem, e.g. pairwise-envelope), so "some m'' >= m' fits" is exact
        return any(fits(p) for p in sample.envelope_points(mp_, eps))

    return some_later_fits


def capacity(
    n: Any,
    *,
    bits: int | str,
    layers: int = 1,
    eps: float = 0.0,
    problem: str = "permutation",
    model: str = "dense",
    op: str | None = None,
) -> Capacity:
    """Largest m′ whose family fits in width-n networks: I_ε(m′) ≤ B(n) (theorem capacity).

    Search: doubling then bisection on a nondecreasing function of m′, every comparison
    decided exactly (integers / guarded mpmath, as in ``bounds.lower``). For permutations
    I_ε = log₂((m′ − e)!) is nondecreasing, and so is I_0 of pairwise families; for
    labelled pairwise families with ε > 0, I_ε dips where e = ⌊ε m′⌋ steps up, so the
    search runs on the monotone envelope J(m′) = min_{m″ ≥ m′} I_ε(m″) = min(I_ε(m′),
    I_ε(s⁺)), s⁺ the next step of e (theorem pairwise-envelope, ``bounds.envelope``; for
    small m′ a finite window is minimised exactly first): the largest m′ with J(m′) ≤ B is
    the largest m′ with I_ε(m′) ≤ B. For ε > 1/2 no envelope is proved and the search is
    refused rather than guessed.
    ``m_prime_max`` is 0 when not even m′ = 2 fits. For pairwise families m = m′.
    ``bits="real"`` drops the precision assumption (:func:`capacity_real`, ε = 0 only).

    >>> c = capacity(100, bits=8)
    >>> c.m_prime_max, round(c.m_prime_lambert, 1)
    (7115, 7116.3)
    >>> capacity(1000, bits=8).m_prime_max
    460980
    """
    if bits == "real":  # no precision assumption: the sign-pattern count
        if get_model(model).needs_slots:
            raise ValueError(f"model {model} counts b-bit values: with bits=real use model "
                             "dense")
        return capacity_real(n, layers=layers, eps=eps, problem=problem, op=op)
    n = as_int(n, "n", 1)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    eps = as_real(eps, "eps", 0.0, 1.0)
    mod = get_model(model)

    def fam(mp_: int) -> ProblemFamily:
        return family(problem, mp_, op=op)

    def fits(mp_: int) -> bool:
        return _fits(fam(mp_), eps, mod, n, bits, layers)

    monotone = _monotone_fits(fam(2), eps, fits)
    # exact comparisons throughout: the float value of I_eps loses whole steps of m'
    # once I_eps > 2**53 (n >~ 1e10)
    best = least_true(lambda mp_: not monotone(mp_), 2, start=4) - 1 if monotone(2) else 0
    budget = budget_bits(n, bits=bits, layers=layers, model=mod.key)
    sample = fam(2)
    lam = lambert_capacity(budget) if (sample.lambert_form and eps == 0.0
                                       and not mod.needs_slots) else None
    notes = (
        f"model {mod.label}, b={bits}, L={layers}, all widths n={n} (d <= n)",
        f"budget B(n) = {budget:.10g} bits",
        f"eps={eps:g}; problem {sample.label.split(' (')[0]}{sample.capacity_note}",
        "Lambert-W form only for permutation, eps=0, D1" if lam is None else
        "Lambert-W form: m'(ln m' - 1) = B ln 2 (Stirling level approximation)",
    )
    return Capacity(
        n=n,
        bits_per_param=bits,
        layers=layers,
        eps=eps,
        problem=problem,
        model=mod.key,
        budget_bits=budget,
        m_prime_max=best,
        m_prime_lambert=lam,
        provenance=provenance("capacity", b=bits, L=layers, eps=eps),
        assumptions=notes,
    )


# ------------------------------------------------------------------ real parameters
def real_capacity_problems() -> tuple[str, ...]:
    """The registered families for which the real-parameter capacity is decided: those
    whose class states the restriction lemma
    (:meth:`~bounds.families.ProblemFamily.restriction_lemma`, at their default options).

    >>> real_capacity_problems()
    ('permutation', 'pairwise')
    """
    from bounds.families import FAMILIES, ProblemFamily

    return tuple(name for name, e in FAMILIES.items()
                 if e.cls.restriction_lemma is not ProblemFamily.restriction_lemma)


def fits_real(m_prime: int, n: int, *, layers: int = 1, eps: float = 0.0,
              problem: str = "permutation", op: str | None = None) -> bool:
    """Does the sign-pattern count allow width n (all widths n, d ≤ n) to carry F(m′)?

    True iff Σ_ℓ g(n q, W_ℓ, ℓ) + g(m′ q, W, L) ≥ I_ε(m′) (``bounds.signpatterns``, the
    bound (*) at widths (n, …, n), q the identifying probes of F(m′)), decided at guarded
    mpmath precision; False means no such real-parameter network exists.

    >>> fits_real(1000, 19), fits_real(1000, 18)      # least width 19 at m' = 1000, L = 1
    (True, False)
    """
    from bounds.signpatterns import _reaches, log2_behaviours_widths

    fam = family(problem, m_prime, op=op)
    with mpmath.workdps(fam._dps()):
        info = max(mpmath.mpf(0), fam.info_bits_mp(eps))
    q = fam.probe_count()
    return _reaches(lambda: log2_behaviours_widths((n,) * (layers + 1), outputs=m_prime,
                                                   probes=q), info)


def info_lower_permutation(m_prime: int, eps: Any, dps: int = 60) -> mpmath.mpf:
    """I_lo(m′) = log₂ Γ((1 − ε)m′ + 1) ≤ I_ε(m′) = log₂(⌈(1 − ε)m′⌉!), ε at its decimal value.

    Γ(x + 1) ≤ ⌈x⌉! (ln Γ is convex, so on [k, k+1] it is at most max(ln (k−1)!, ln k!)),
    and m′ − ⌊εm′⌋ = ⌈(1 − ε)m′⌉; I_lo(m′)/m′ is nondecreasing (ln Γ(x+1) is convex and 0
    at x = 0). Equal to I_0 = log₂ m′! at ε = 0.

    >>> float(info_lower_permutation(10, 0)) == float(mpmath.log(3628800, 2))   # 10!
    True
    >>> float(info_lower_permutation(10, 0.25)) < float(mpmath.log(40320, 2))   # 8! = ⌈7.5⌉!
    True
    """
    from fractions import Fraction

    mp_ = as_int(m_prime, "m_prime", 1)
    x = (1 - Fraction(repr(as_real(eps, "eps", 0.0, 1.0)))) * mp_
    with mpmath.workdps(dps + 2 * len(str(mp_))):
        arg = mpmath.mpf(x.numerator) / x.denominator + 1
        return mpmath.loggamma(arg) / mpmath.ln(2)


def fits_real_relaxed(m_prime: int, n: int, *, layers: int = 1, eps: float = 0.0) -> bool:
    """B_n(m′) ≥ I_lo(m′) for permutations: implied by :func:`fits_real`, downward closed in m′.

    The bound (*) at widths (n, …, n) against :func:`info_lower_permutation` instead of I_ε.

    >>> fits_real_relaxed(1000, 19), fits_real_relaxed(1000, 18)
    (True, False)
    """
    from bounds.signpatterns import _reaches, log2_behaviours_widths

    info = info_lower_permutation(m_prime, eps, dps=130 + 2 * len(str(m_prime)))
    return _reaches(lambda: log2_behaviours_widths((n,) * (layers + 1), outputs=m_prime,
                                                   probes=m_prime), info)


#: most m′ the downward scan from the relaxed transition may visit before giving up
_SCAN_LIMIT = 100_000


def capacity_real(n: Any, *, layers: int = 1, eps: float = 0.0, problem: str = "permutation",
                  op: str | None = None) -> Capacity:
    """Largest m′ that real-parameter networks of width n could carry (theorem sign-patterns).

    ``m_prime_max`` is the m* with fits(m*) and not fits(m* + 1), found by doubling and
    bisection on m′ ↦ not fits(m′) (:func:`fits_real`). Why that is a valid capacity
    (theorem ``capacity-real``, ``proofs/theorems/signpatterns.py``), for ε = 0:

    * **Restriction lemma.** If width-n networks (with some public interface E, D, θ)
      compute every instance of F(m′ + 1) exactly on its probes, they compute every
      instance of F(m′): restrict to the instances whose last output is fixed (π fixing
      m′ + 1; for pairwise, last pair {1, m + 1}), the probes with x_{m+1} = 0, the first
      m′ outputs and the columns of E for the first m inputs. So "F(m′) is not computable
      at width n" is upward closed in m′, and not fits(m* + 1) gives capacity ≤ m*.
    * **Exactness for permutations.** not fits(m) ⇒ not fits(m + 1), so m* is the largest
      m′ with fits(m′): every layer term satisfies g(n(m+1)) ≤ ((m+1)/m)·g(nm) (g(M)/M is
      nonincreasing in M); when not fits(m) the output term is in its Warren branch with
      W ≤ 4Lm²/e, which gives the same ratio bound; and I(m)/m = log₂(m!)/m is
      nondecreasing. Hence B(m+1) ≤ ((m+1)/m)·B(m) < ((m+1)/m)·I(m) ≤ I(m+1).
      For pairwise families the predicate is checked monotone on a range (tests), and the
      answer is valid by the restriction lemma regardless.

    For ε > 0 the restriction lemma fails (a restriction may exceed ⌊ε m′⌋ errors) and
    fits itself can return after failing (I_ε stalls where e steps). For **permutations**
    the search runs instead on the relaxed predicate B(m′) ≥ I_lo(m′) =
    log₂ Γ((1 − ε)m′ + 1) ≤ I_ε(m′) (:func:`fits_real_relaxed`), which fits(m′) implies and
    which is downward closed by the same ratio argument (I_lo(m′)/m′ is nondecreasing, ln Γ
    being convex); from its transition m_top the search scans down to the largest m′ with
    fits(m′). No m′ above that fits, so it is the largest m′ the theorem allows. For
    pairwise families with ε > 0 no such envelope is proved (the least width dips, e.g.
    L = 5, ε = 0.1 at m′ = 60): refused.

    >>> capacity_real(19).m_prime_max >= 1000 > capacity_real(18).m_prime_max
    True
    """
    n = as_int(n, "n", 1)
    layers = as_int(layers, "layers", 1)
    eps = as_real(eps, "eps", 0.0, 1.0)
    decided = real_capacity_problems()
    if problem not in decided:
        raise ValueError(f"problem must be one of {', '.join(decided)} for "
                         f"capacity with bits=real (got {problem!r})")
    fam2 = family(problem, 2, op=op)
    if eps != 0.0 and not fam2.real_capacity_ratio_proved:
        from bounds.families import FAMILIES

        proved = " or ".join(n for n, e in FAMILIES.items() if e.cls.real_capacity_ratio_proved)
        raise ValueError(f"eps must be 0 for capacity with bits=real and problem={problem} "
                         f"(got {eps:g}): with eps > 0 it is proved for {proved} only")
    if not fam2.restriction_lemma():
        raise ValueError(f"capacity with bits=real covers labelled pairwise families only "
                         f"(not {fam2.label}): no restriction lemma is stated for it")

    def fits(mp_: int) -> bool:
        return fits_real(mp_, n, layers=layers, eps=eps, problem=problem, op=op)

    if eps == 0.0:
        best = least_true(lambda mp_: not fits(mp_), 2, start=4) - 1 if fits(2) else 0
        rule = ("restriction lemma: F(m'+1) computable at width n implies F(m') computable, "
                "so not fits(m*+1) bounds the capacity by m*" + (
                    "; predicate proved monotone in m'" if fam2.real_capacity_ratio_proved else
                    "; monotone predicate checked on a range, not proved"))
    else:
        def relaxed(mp_: int) -> bool:
            return fits_real_relaxed(mp_, n, layers=layers, eps=eps)

        top = least_true(lambda mp_: not relaxed(mp_), 2, start=4) - 1 if relaxed(2) else 0
        best = top
        while best >= 2 and not fits(best):
            best -= 1
            if top - best > _SCAN_LIMIT:
                raise ValueError(f"n={n}, eps={eps:g}: fits_real not reached within "
                                 f"{_SCAN_LIMIT} below the relaxed transition {top}")
        if best < 2:
            best = 0
        rule = (f"eps > 0: no m' > {top} passes B(m') >= log2 Gamma((1-eps)m'+1) (<= I_eps; "
                "proved downward closed in m'), and the scan down from there finds the "
                "largest m' with B(m') >= I_eps(m')")
    notes = (
        f"real-valued parameters (no precision assumption), L={layers}, all widths n={n} "
        "(d <= n)",
        "sign-pattern count (Telgarsky 2016 Lemma 4.3, from Warren 1968) on the identifying "
        "probes of F(m')",
        f"eps={eps:g}; problem {fam2.label.split(' (')[0]}{fam2.capacity_note}",
        rule,
    )
    return Capacity(
        n=n,
        bits_per_param="real",
        layers=layers,
        eps=eps,
        problem=problem,
        model="dense",
        budget_bits=None,
        m_prime_max=best,
        m_prime_lambert=None,
        provenance=provenance("capacity-real", L=layers, eps=eps),
        assumptions=notes,
    )
